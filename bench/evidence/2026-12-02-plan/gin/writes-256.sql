-- As writes.sql, with the pending list limited to 256 kB (and 1 MB), each
-- in a transaction rolled back.
BEGIN;
ALTER INDEX meetings_search_idx SET (gin_pending_list_limit = 256);
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) UPDATE meetings SET search = search || 'zzpending'::tsvector WHERE id IN (SELECT id FROM meetings WHERE deleted_at IS NULL ORDER BY id LIMIT 1500 OFFSET 6000);
SELECT 'pending', * FROM (SELECT 1) x, LATERAL (SELECT relpages FROM pg_class WHERE relname = 'meetings_search_idx') y;
ROLLBACK;
SELECT gin_clean_pending_list('meetings_search_idx'::regclass);
BEGIN;
ALTER INDEX meetings_search_idx SET (gin_pending_list_limit = 1024);
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) UPDATE meetings SET search = search || 'zzpending'::tsvector WHERE id IN (SELECT id FROM meetings WHERE deleted_at IS NULL ORDER BY id LIMIT 1500 OFFSET 7500);
ROLLBACK;
SELECT gin_clean_pending_list('meetings_search_idx'::regclass);
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) UPDATE meetings SET search = search || 'zzpending'::tsvector WHERE id IN (SELECT id FROM meetings WHERE deleted_at IS NULL ORDER BY id LIMIT 1500 OFFSET 9000);
ROLLBACK;
SELECT gin_clean_pending_list('meetings_search_idx'::regclass);
