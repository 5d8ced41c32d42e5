-- A search page is read in date windows (internal/postgres/search.go): the
-- GIN index over the search document also holds each meeting's year and
-- month (btree_gin), so that "matches of the term in 2015" is an
-- intersection inside the index and a year without matches costs no row.
-- A date without a year is in year 0. The expressions are the store's own
-- (searchYear, searchMonth).
CREATE EXTENSION IF NOT EXISTS btree_gin;

DROP INDEX meetings_search_idx;
CREATE INDEX meetings_search_idx ON meetings USING gin (search, (coalesce(date_year, 0)),
    ((coalesce(date_year, 0) * 12 + coalesce(date_month, 1) - 1)));
