-- GET /meetings?limit=50&cursor=... 10,000 pages deep: the statement
-- meetingQuery builds with a cursor; :key and :id are the sort key and id
-- the cursor holds (pgbench -D key=... -D id=..., printed by bench/cursor).
\set limit 51
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
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
  AND (m.sort_date, m.id) < (:key::date, :id::uuid)
ORDER BY m.sort_date DESC, m.id DESC
LIMIT :limit;
