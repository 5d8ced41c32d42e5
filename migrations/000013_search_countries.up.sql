-- A search with a country (?q=…&country=…, or a partner) finds its matches
-- through meetings_search_idx: the index holds each meeting's countries
-- (the delegations', as the countries column keeps them) beside the search
-- document, the year and the month, so that "matches of the term in 2015
-- with Azerbaijan" is an intersection inside the index, and a match of
-- another country costs no row. The conditions are the store's own
-- (countries && …, countries @> …).
DROP INDEX meetings_search_idx;
CREATE INDEX meetings_search_idx ON meetings USING gin (search, countries, (coalesce(date_year, 0)),
    ((coalesce(date_year, 0) * 12 + coalesce(date_month, 1) - 1)));
