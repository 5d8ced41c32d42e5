\pset pager off
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
  AND EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = ANY($1::bpchar[]))
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $2;
PREPARE ex AS SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM (SELECT p.id FROM bench.meetings_c p
      WHERE p.deleted_at IS NULL
        AND p.parent_id IS NULL
        AND EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = p.id AND d.country = ANY($1::bpchar[]))
      ORDER BY p.sort_date DESC, p.id DESC
      LIMIT $2) page
JOIN bench.meetings_c m ON m.id = page.id
ORDER BY m.sort_date DESC, m.id DESC;
PREPARE de AS SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM (SELECT p.id FROM bench.meetings_c p
      WHERE p.deleted_at IS NULL
        AND p.parent_id IS NULL
        AND p.countries && $1::bpchar[]
      ORDER BY p.sort_date DESC, p.id DESC
      LIMIT $2) page
JOIN bench.meetings_c m ON m.id = page.id
ORDER BY m.sort_date DESC, m.id DESC;
SET max_parallel_workers_per_gather = 2;
\o /dev/null
EXECUTE cur('{UZ}', 51);
EXECUTE cur('{UZ}', 51);
EXECUTE cur('{UZ}', 51);
\o
\echo '#### cur country=UZ max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('{UZ}', 51);
\o /dev/null
EXECUTE cur('{AZ}', 51);
EXECUTE cur('{AZ}', 51);
EXECUTE cur('{AZ}', 51);
\o
\echo '#### cur country=AZ max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('{AZ}', 51);
\o /dev/null
EXECUTE cur('{SL}', 51);
EXECUTE cur('{SL}', 51);
EXECUTE cur('{SL}', 51);
\o
\echo '#### cur country=SL max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('{SL}', 51);
\o /dev/null
EXECUTE ex('{UZ}', 51);
EXECUTE ex('{UZ}', 51);
EXECUTE ex('{UZ}', 51);
\o
\echo '#### ex country=UZ max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE ex('{UZ}', 51);
\o /dev/null
EXECUTE ex('{AZ}', 51);
EXECUTE ex('{AZ}', 51);
EXECUTE ex('{AZ}', 51);
\o
\echo '#### ex country=AZ max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE ex('{AZ}', 51);
\o /dev/null
EXECUTE ex('{SL}', 51);
EXECUTE ex('{SL}', 51);
EXECUTE ex('{SL}', 51);
\o
\echo '#### ex country=SL max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE ex('{SL}', 51);
\o /dev/null
EXECUTE de('{UZ}', 51);
EXECUTE de('{UZ}', 51);
EXECUTE de('{UZ}', 51);
\o
\echo '#### de country=UZ max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE de('{UZ}', 51);
\o /dev/null
EXECUTE de('{AZ}', 51);
EXECUTE de('{AZ}', 51);
EXECUTE de('{AZ}', 51);
\o
\echo '#### de country=AZ max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE de('{AZ}', 51);
\o /dev/null
EXECUTE de('{SL}', 51);
EXECUTE de('{SL}', 51);
EXECUTE de('{SL}', 51);
\o
\echo '#### de country=SL max_parallel_workers_per_gather=2'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE de('{SL}', 51);
SET max_parallel_workers_per_gather = 0;
\o /dev/null
EXECUTE cur('{UZ}', 51);
EXECUTE cur('{UZ}', 51);
EXECUTE cur('{UZ}', 51);
\o
\echo '#### cur country=UZ max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('{UZ}', 51);
\o /dev/null
EXECUTE cur('{AZ}', 51);
EXECUTE cur('{AZ}', 51);
EXECUTE cur('{AZ}', 51);
\o
\echo '#### cur country=AZ max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('{AZ}', 51);
\o /dev/null
EXECUTE cur('{SL}', 51);
EXECUTE cur('{SL}', 51);
EXECUTE cur('{SL}', 51);
\o
\echo '#### cur country=SL max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE cur('{SL}', 51);
\o /dev/null
EXECUTE ex('{UZ}', 51);
EXECUTE ex('{UZ}', 51);
EXECUTE ex('{UZ}', 51);
\o
\echo '#### ex country=UZ max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE ex('{UZ}', 51);
\o /dev/null
EXECUTE ex('{AZ}', 51);
EXECUTE ex('{AZ}', 51);
EXECUTE ex('{AZ}', 51);
\o
\echo '#### ex country=AZ max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE ex('{AZ}', 51);
\o /dev/null
EXECUTE ex('{SL}', 51);
EXECUTE ex('{SL}', 51);
EXECUTE ex('{SL}', 51);
\o
\echo '#### ex country=SL max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE ex('{SL}', 51);
\o /dev/null
EXECUTE de('{UZ}', 51);
EXECUTE de('{UZ}', 51);
EXECUTE de('{UZ}', 51);
\o
\echo '#### de country=UZ max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE de('{UZ}', 51);
\o /dev/null
EXECUTE de('{AZ}', 51);
EXECUTE de('{AZ}', 51);
EXECUTE de('{AZ}', 51);
\o
\echo '#### de country=AZ max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE de('{AZ}', 51);
\o /dev/null
EXECUTE de('{SL}', 51);
EXECUTE de('{SL}', 51);
EXECUTE de('{SL}', 51);
\o
\echo '#### de country=SL max_parallel_workers_per_gather=0'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE de('{SL}', 51);
