SET max_parallel_workers_per_gather = 0;
SET work_mem = '256MB';
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
WITH dc AS (SELECT d.meeting_id, array_agg(d.country::text ORDER BY d.ord) AS countries
            FROM delegations d GROUP BY d.meeting_id),
h AS (SELECT d.meeting_id, json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord) AS heads
      FROM delegations d
      JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
      JOIN officials o ON o.id = dm.official_id
      GROUP BY d.meeting_id),
ag AS (SELECT a.meeting_id, array_agg(a.title ORDER BY a.ord) AS titles FROM agreements a GROUP BY a.meeting_id)
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce(dc.countries, '{}'), coalesce(h.heads, '[]'), coalesce(ag.titles, '{}')
FROM meetings m
LEFT JOIN dc ON dc.meeting_id = m.id
LEFT JOIN h ON h.meeting_id = m.id
LEFT JOIN ag ON ag.meeting_id = m.id
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
ORDER BY m.sort_date DESC, m.id DESC;
