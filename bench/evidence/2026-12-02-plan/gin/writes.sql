-- The cost of writing 1,500 search documents (an UPDATE of 1,500 meetings,
-- every index of meetings written) into meetings_search_idx with its pending
-- list (fastupdate on, the default) and without, each in a transaction
-- rolled back; each twice, alternately.
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) UPDATE meetings SET search = search || 'zzpending'::tsvector WHERE id IN (SELECT id FROM meetings WHERE deleted_at IS NULL ORDER BY id LIMIT 1500);
ROLLBACK;
SELECT gin_clean_pending_list('meetings_search_idx'::regclass);
BEGIN;
ALTER INDEX meetings_search_idx SET (fastupdate = off);
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) UPDATE meetings SET search = search || 'zzpending'::tsvector WHERE id IN (SELECT id FROM meetings WHERE deleted_at IS NULL ORDER BY id LIMIT 1500 OFFSET 1500);
ROLLBACK;
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) UPDATE meetings SET search = search || 'zzpending'::tsvector WHERE id IN (SELECT id FROM meetings WHERE deleted_at IS NULL ORDER BY id LIMIT 1500 OFFSET 3000);
ROLLBACK;
SELECT gin_clean_pending_list('meetings_search_idx'::regclass);
BEGIN;
ALTER INDEX meetings_search_idx SET (fastupdate = off);
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) UPDATE meetings SET search = search || 'zzpending'::tsvector WHERE id IN (SELECT id FROM meetings WHERE deleted_at IS NULL ORDER BY id LIMIT 1500 OFFSET 4500);
ROLLBACK;
