-- A copy of meetings with the participating countries stored on the row, to
-- measure the proposed list-by-country query shapes without changing the
-- real schema (docs/benchmarks.md, "Proposals"). Takes about two minutes
-- and about 2.5 GB; drop with DROP TABLE bench.meetings_c.
DROP TABLE IF EXISTS bench.meetings_c;
CREATE TABLE bench.meetings_c AS
SELECT m.*, coalesce((SELECT array_agg(d.country ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id),
                     '{}')::bpchar[] AS countries
FROM meetings m
ORDER BY m.created_at, m.id;
ALTER TABLE bench.meetings_c ADD PRIMARY KEY (id);
-- As in the schema:
CREATE INDEX meetings_c_sort_idx ON bench.meetings_c (sort_date DESC, id DESC) WHERE deleted_at IS NULL;
-- Proposed: the default list's order over live top-level meetings, with the
-- countries in the index so that a filter on them needs no heap visit.
CREATE INDEX meetings_c_live_sort_idx ON bench.meetings_c (sort_date DESC, id DESC) INCLUDE (countries)
    WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX meetings_c_countries_idx ON bench.meetings_c USING gin (countries);
VACUUM (ANALYZE) bench.meetings_c;
GRANT SELECT ON bench.meetings_c TO bench_pgbench;
