\timing on
CREATE INDEX meetings_search_idx ON meetings USING gin (search, countries, (coalesce(date_year, 0)),
    ((coalesce(date_year, 0) * 12 + coalesce(date_month, 1) - 1)));
DROP INDEX ps_proto_search_idx;
DROP FUNCTION meeting_country_years(char(2)[], integer);
