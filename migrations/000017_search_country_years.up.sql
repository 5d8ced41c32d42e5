-- A search with a country (?q=…&country=…, or a partner) reads its matches
-- year by year (internal/postgres/search.go) through meetings_search_idx.
-- With the countries beside the year (migration 000013), "matches of the
-- term in 2015 with Azerbaijan" intersected three entries inside the
-- index, the country's among them: for a country in a third of the
-- meetings, a third of the table, walked once for each year read. The index
-- now also holds one key for each of a meeting's countries and its year
-- (meeting_country_years), and a year of a search with a country is the
-- intersection of the term's entry with that of "Azerbaijan in 2015", a
-- 25th of the country's.
--
-- A key is the country's two letters (A–Z, as countries.alpha2 checks them)
-- as a number 0–675, times 10000, plus the year (0 for a date without a
-- year; years are 1900–2200): one key for each country and year, and a key
-- of the row matches a key of the search only for the same country and the
-- same year. The store computes the search's keys with the same function.
CREATE FUNCTION meeting_country_years(countries char(2)[], year integer) RETURNS integer[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(((ascii(substr(c, 1, 1)) - 65) * 26 + ascii(substr(c, 2, 1)) - 65) * 10000 + year), '{}')
    FROM unnest(countries) c
$$;

DROP INDEX meetings_search_idx;
CREATE INDEX meetings_search_idx ON meetings USING gin (search, countries,
    meeting_country_years(countries, coalesce(date_year, 0)), (coalesce(date_year, 0)),
    ((coalesce(date_year, 0) * 12 + coalesce(date_month, 1) - 1)));
