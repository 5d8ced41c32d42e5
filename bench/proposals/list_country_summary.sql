-- Proposed GET /meetings?country=...: the deferred page of
-- list_country_deferred.sql, over a row that also stores the list columns
-- (copy_with_summary.sql).
\set limit 51
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    m.countries, m.heads, m.agreement_titles
FROM (SELECT p.id FROM bench.meetings_s p
      WHERE p.deleted_at IS NULL
        AND p.parent_id IS NULL
        AND p.countries && :countries::text[]
      ORDER BY p.sort_date DESC, p.id DESC
      LIMIT :limit) page
JOIN bench.meetings_s m ON m.id = page.id
ORDER BY m.sort_date DESC, m.id DESC;
