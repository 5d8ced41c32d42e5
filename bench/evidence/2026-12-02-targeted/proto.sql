SHOW maintenance_work_mem;
CREATE OR REPLACE FUNCTION meeting_country_years(countries char(2)[], year integer) RETURNS integer[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(((ascii(substr(c, 1, 1)) - 65) * 26 + ascii(substr(c, 2, 1)) - 65) * 10000 + year), '{}')
    FROM unnest(countries) c
$$;
\timing on
CREATE INDEX ps_proto_search_idx ON meetings USING gin (search, countries,
    meeting_country_years(countries, coalesce(date_year, 0)), (coalesce(date_year, 0)),
    ((coalesce(date_year, 0) * 12 + coalesce(date_month, 1) - 1)));
SELECT pg_size_pretty(pg_relation_size('ps_proto_search_idx')), pg_size_pretty(pg_relation_size('meetings_search_idx'));
