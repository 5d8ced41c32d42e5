DROP INDEX meetings_search_idx;
CREATE INDEX meetings_search_idx ON meetings USING gin (search);
DROP EXTENSION IF EXISTS btree_gin;
