-- Proposed GET /meetings?limit=50 with the list columns stored on the
-- meeting row (copy_with_summary.sql).
\set limit 51
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    m.countries, m.heads, m.agreement_titles
FROM bench.meetings_s m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
ORDER BY m.sort_date DESC, m.id DESC
LIMIT :limit;
