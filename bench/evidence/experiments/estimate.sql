\timing on
PREPARE est(text) AS SELECT 1 FROM meetings m WHERE m.deleted_at IS NULL AND m.parent_id IS NULL AND m.search @@ websearch_to_tsquery('english', unaccent($1));
EXPLAIN (FORMAT JSON) EXECUTE est('abduaya');
EXPLAIN (FORMAT JSON) EXECUTE est('abduaya');
EXPLAIN (FORMAT JSON) EXECUTE est('semlov');
EXPLAIN (FORMAT JSON) EXECUTE est('semlov');
EXPLAIN (FORMAT JSON) EXECUTE est('cooperation');
EXPLAIN (FORMAT JSON) EXECUTE est('cooperation');
