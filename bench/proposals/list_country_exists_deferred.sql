-- Proposed without a new column: the page's ids first, walking the
-- (proposed) index on the live top-level order index-only and probing
-- delegations as today; then the items of those 51 rows only. Runs on
-- bench.meetings_c (copy_with_countries.sql), whose countries column it
-- does not use.
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
FROM (SELECT p.id FROM bench.meetings_c p
      WHERE p.deleted_at IS NULL
        AND p.parent_id IS NULL
        AND EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = p.id AND d.country = ANY(:countries::bpchar[]))
      ORDER BY p.sort_date DESC, p.id DESC
      LIMIT :limit) page
JOIN bench.meetings_c m ON m.id = page.id
ORDER BY m.sort_date DESC, m.id DESC;
