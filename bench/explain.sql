-- EXPLAIN (ANALYZE, BUFFERS) of the statements the API runs, prepared as pgx
-- prepares them (parameter types inferred by the server) and executed six
-- times first, so that the plan shown is the one the plan cache settles on
-- (a generic plan shows $n in its conditions, a custom one the values).
-- Generated from bench/pgbench/*.sql by the same text; run by bench/run.sh with
-- psql -v country='{UZ}' -v key=... -v id=... -v rare=... -v mid=... -v common=... -v mtg=...
\pset pager off
\timing off

\echo '==== GET /meetings?country=UZ&limit=50'
PREPARE list_country AS
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
  AND EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = ANY($1::bpchar[]))
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $2;
\o /dev/null
EXECUTE list_country(:'country', 51);
EXECUTE list_country(:'country', 51);
EXECUTE list_country(:'country', 51);
EXECUTE list_country(:'country', 51);
EXECUTE list_country(:'country', 51);
EXECUTE list_country(:'country', 51);
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list_country(:'country', 51);
SET plan_cache_mode = force_custom_plan;
\echo '-- force_custom_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list_country(:'country', 51);
SET plan_cache_mode = force_generic_plan;
\echo '-- force_generic_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list_country(:'country', 51);
RESET plan_cache_mode;
DEALLOCATE list_country;

\echo '==== GET /meetings?limit=50 (page 1)'
PREPARE page1 AS
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $1;
\o /dev/null
EXECUTE page1(51);
EXECUTE page1(51);
EXECUTE page1(51);
EXECUTE page1(51);
EXECUTE page1(51);
EXECUTE page1(51);
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE page1(51);
DEALLOCATE page1;

\echo '==== GET /meetings?limit=50&cursor=... (10,000 pages deep)'
PREPARE deep AS
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
  AND (m.sort_date, m.id) < ($1::date, $2::uuid)
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $3;
\o /dev/null
EXECUTE deep(:'key', :'id', 51);
EXECUTE deep(:'key', :'id', 51);
EXECUTE deep(:'key', :'id', 51);
EXECUTE deep(:'key', :'id', 51);
EXECUTE deep(:'key', :'id', 51);
EXECUTE deep(:'key', :'id', 51);
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE deep(:'key', :'id', 51);
DEALLOCATE deep;

\echo '==== GET /meetings?q=RARE'
PREPARE search_rare AS
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
  AND m.search @@ websearch_to_tsquery('english', unaccent($1))
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $2;
\o /dev/null
EXECUTE search_rare(:'rare', 51);
EXECUTE search_rare(:'rare', 51);
EXECUTE search_rare(:'rare', 51);
EXECUTE search_rare(:'rare', 51);
EXECUTE search_rare(:'rare', 51);
EXECUTE search_rare(:'rare', 51);
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_rare(:'rare', 51);
SET plan_cache_mode = force_custom_plan;
\echo '-- force_custom_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_rare(:'rare', 51);
SET plan_cache_mode = force_generic_plan;
\echo '-- force_generic_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_rare(:'rare', 51);
RESET plan_cache_mode;
DEALLOCATE search_rare;

\echo '==== GET /meetings?q=MID'
PREPARE search_mid AS
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
  AND m.search @@ websearch_to_tsquery('english', unaccent($1))
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $2;
\o /dev/null
EXECUTE search_mid(:'mid', 51);
EXECUTE search_mid(:'mid', 51);
EXECUTE search_mid(:'mid', 51);
EXECUTE search_mid(:'mid', 51);
EXECUTE search_mid(:'mid', 51);
EXECUTE search_mid(:'mid', 51);
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_mid(:'mid', 51);
SET plan_cache_mode = force_custom_plan;
\echo '-- force_custom_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_mid(:'mid', 51);
SET plan_cache_mode = force_generic_plan;
\echo '-- force_generic_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_mid(:'mid', 51);
RESET plan_cache_mode;
DEALLOCATE search_mid;

\echo '==== GET /meetings?q=COMMON'
PREPARE search_common AS
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
  AND m.search @@ websearch_to_tsquery('english', unaccent($1))
ORDER BY m.sort_date DESC, m.id DESC
LIMIT $2;
\o /dev/null
EXECUTE search_common(:'common', 51);
EXECUTE search_common(:'common', 51);
EXECUTE search_common(:'common', 51);
EXECUTE search_common(:'common', 51);
EXECUTE search_common(:'common', 51);
EXECUTE search_common(:'common', 51);
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_common(:'common', 51);
SET plan_cache_mode = force_custom_plan;
\echo '-- force_custom_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_common(:'common', 51);
SET plan_cache_mode = force_generic_plan;
\echo '-- force_generic_plan:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE search_common(:'common', 51);
RESET plan_cache_mode;
DEALLOCATE search_common;

\echo '==== GET /meetings/{id}, statement 1: meeting and child meetings'
PREPARE get1 AS
SELECT id, title, date_year, date_month, date_day, end_date, city, venue, host_country, kind, summary,
    topics, series_name, series_edition, parent_id, dedupe_key, version, created_at, updated_at
FROM meetings
WHERE (id = $1 OR parent_id = $1) AND deleted_at IS NULL
ORDER BY parent_id NULLS FIRST, sort_date, id;
\o /dev/null
EXECUTE get1(:'mtg');
EXECUTE get1(:'mtg');
EXECUTE get1(:'mtg');
EXECUTE get1(:'mtg');
EXECUTE get1(:'mtg');
EXECUTE get1(:'mtg');
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE get1(:'mtg');
DEALLOCATE get1;

\echo '==== GET /meetings/{id}, statement 2: delegations and members'
PREPARE get2 AS
SELECT d.meeting_id, d.country, d.role, dm.official_id, o.name, dm.rank, dm.position, dm.is_head
FROM meetings m
JOIN delegations d ON d.meeting_id = m.id
LEFT JOIN delegation_members dm ON dm.delegation_id = d.id
LEFT JOIN officials o ON o.id = dm.official_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY d.meeting_id, d.ord, dm.ord;
\o /dev/null
EXECUTE get2(:'mtg');
EXECUTE get2(:'mtg');
EXECUTE get2(:'mtg');
EXECUTE get2(:'mtg');
EXECUTE get2(:'mtg');
EXECUTE get2(:'mtg');
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE get2(:'mtg');
DEALLOCATE get2;

\echo '==== GET /meetings/{id}, statement 3: ceremonies'
PREPARE get3 AS
SELECT c.meeting_id, c.type, c.site, c.honoured, c.description, c.award, c.recipient_official_id,
    o.name, o.country, c.recipient_rank, c.recipient_position
FROM meetings m
JOIN ceremonies c ON c.meeting_id = m.id
LEFT JOIN officials o ON o.id = c.recipient_official_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY c.meeting_id, c.ord;
\o /dev/null
EXECUTE get3(:'mtg');
EXECUTE get3(:'mtg');
EXECUTE get3(:'mtg');
EXECUTE get3(:'mtg');
EXECUTE get3(:'mtg');
EXECUTE get3(:'mtg');
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE get3(:'mtg');
DEALLOCATE get3;

\echo '==== GET /meetings/{id}, statement 4: agreements'
PREPARE get4 AS
SELECT a.id, a.meeting_id, a.title, a.type, a.period, a.signed_on,
    coalesce((SELECT array_agg(p.country::text ORDER BY p.ord) FROM agreement_parties p
              WHERE p.agreement_id = a.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('official_id', s.official_id, 'name', o.name,
                  'country', o.country) ORDER BY s.ord)
              FROM agreement_signatories s JOIN officials o ON o.id = s.official_id
              WHERE s.agreement_id = a.id), '[]')
FROM agreements a
JOIN meetings m ON m.id = a.meeting_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY a.meeting_id, a.ord;
\o /dev/null
EXECUTE get4(:'mtg');
EXECUTE get4(:'mtg');
EXECUTE get4(:'mtg');
EXECUTE get4(:'mtg');
EXECUTE get4(:'mtg');
EXECUTE get4(:'mtg');
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE get4(:'mtg');
DEALLOCATE get4;

\echo '==== GET /meetings/{id}, statement 5: sources'
PREPARE get5 AS
SELECT s.url, s.outlet, s.title, s.published_at, s.language,
    coalesce((SELECT json_agg(json_build_object('language', t.language, 'title', t.title) ORDER BY t.language)
              FROM source_titles t WHERE t.source_id = s.id), '[]')
FROM meeting_sources ms
JOIN sources s ON s.id = ms.source_id
WHERE ms.meeting_id = $1
ORDER BY ms.ord;
\o /dev/null
EXECUTE get5(:'mtg');
EXECUTE get5(:'mtg');
EXECUTE get5(:'mtg');
EXECUTE get5(:'mtg');
EXECUTE get5(:'mtg');
EXECUTE get5(:'mtg');
\o
\echo '-- plan in use after six executions:'
EXPLAIN (ANALYZE, BUFFERS) EXECUTE get5(:'mtg');
DEALLOCATE get5;


\echo '==== GET /meetings?format=ndjson: the export query (all top-level meetings, no LIMIT), TIMING OFF'
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m
WHERE m.deleted_at IS NULL
  AND m.parent_id IS NULL
ORDER BY m.sort_date DESC, m.id DESC;
