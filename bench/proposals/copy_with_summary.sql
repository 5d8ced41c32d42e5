-- A copy of meetings that also stores what a list item shows of the
-- meeting's parts (countries, heads, agreement titles), as the store would
-- keep them up to date on each write (like search): lists and exports then
-- read one row per meeting, without the three correlated subqueries.
-- Measures the proposal without changing the schema; drop with
-- DROP TABLE bench.meetings_s.
DROP TABLE IF EXISTS bench.meetings_s;
CREATE TABLE bench.meetings_s AS
SELECT m.*,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}') AS countries,
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]') AS heads,
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}') AS agreement_titles
FROM meetings m
ORDER BY m.created_at, m.id;
ALTER TABLE bench.meetings_s ADD PRIMARY KEY (id);
CREATE INDEX meetings_s_sort_idx ON bench.meetings_s (sort_date DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX meetings_s_live_sort_idx ON bench.meetings_s (sort_date DESC, id DESC) INCLUDE (countries)
    WHERE deleted_at IS NULL AND parent_id IS NULL;
VACUUM (ANALYZE) bench.meetings_s;
GRANT SELECT ON bench.meetings_s TO bench_pgbench;
