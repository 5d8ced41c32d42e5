\pset pager off
SET max_parallel_workers_per_gather = 0;
PREPARE cur AS SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
  AND m.search @@ websearch_to_tsquery('english', unaccent($1))
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $2;
PREPARE gin AS WITH hits AS MATERIALIZED (
    SELECT h.id, h.sort_date FROM meetings h
    WHERE h.deleted_at IS NULL AND h.parent_id IS NULL
      AND h.search @@ websearch_to_tsquery('english', unaccent($1)))
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM (SELECT id FROM hits ORDER BY sort_date DESC, id DESC LIMIT $2) page
JOIN meetings m ON m.id = page.id
ORDER BY m.sort_date DESC, m.id DESC;
PREPARE cap AS SELECT count(*) FROM (SELECT 1 FROM meetings h
    WHERE h.deleted_at IS NULL AND h.parent_id IS NULL
      AND h.search @@ websearch_to_tsquery('english', unaccent($1)) LIMIT 20001) x;
\o /dev/null
EXECUTE cur('abasrebadze', 51);
EXECUTE cur('abasrebadze', 51);
\o
\echo '#### cur q=abasrebadze'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('abasrebadze', 51);
\o /dev/null
EXECUTE cur('semlov', 51);
EXECUTE cur('semlov', 51);
\o
\echo '#### cur q=semlov'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('semlov', 51);
\o /dev/null
EXECUTE cur('cooperation', 51);
EXECUTE cur('cooperation', 51);
\o
\echo '#### cur q=cooperation'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('cooperation', 51);
\o /dev/null
EXECUTE gin('abasrebadze', 51);
EXECUTE gin('abasrebadze', 51);
\o
\echo '#### gin q=abasrebadze'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE gin('abasrebadze', 51);
\o /dev/null
EXECUTE gin('semlov', 51);
EXECUTE gin('semlov', 51);
\o
\echo '#### gin q=semlov'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE gin('semlov', 51);
\o /dev/null
EXECUTE gin('cooperation', 51);
EXECUTE gin('cooperation', 51);
\o
\echo '#### gin q=cooperation'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE gin('cooperation', 51);
\o /dev/null
EXECUTE cap('abasrebadze');
EXECUTE cap('abasrebadze');
\o
\echo '#### cap q=abasrebadze'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cap('abasrebadze');
\o /dev/null
EXECUTE cap('semlov');
EXECUTE cap('semlov');
\o
\echo '#### cap q=semlov'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cap('semlov');
\o /dev/null
EXECUTE cap('cooperation');
EXECUTE cap('cooperation');
\o
\echo '#### cap q=cooperation'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cap('cooperation');
