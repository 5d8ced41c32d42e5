-- GET /meetings/{id}: the five statements of Store.GetMeeting, sent as one
-- pipeline as pgx sends its batch. The id is drawn from bench.ids (the ids
-- wrk rotates over) by one extra primary-key lookup, which the API does not
-- make: bench/run.sh measures that lookup alone too (get_lookup.sql).
\set n random(1, 10000)
SELECT id AS mid FROM bench.ids WHERE n = :n \gset
\startpipeline
SELECT id, title, date_year, date_month, date_day, end_date, city, venue, host_country, kind, summary,
    topics, series_name, series_edition, parent_id, dedupe_key, version, created_at, updated_at
FROM meetings
WHERE (id = :mid OR parent_id = :mid) AND deleted_at IS NULL
ORDER BY parent_id NULLS FIRST, sort_date, id;
SELECT d.meeting_id, d.country, d.role, dm.official_id, o.name, dm.rank, dm.position, dm.is_head
FROM meetings m
JOIN delegations d ON d.meeting_id = m.id
LEFT JOIN delegation_members dm ON dm.delegation_id = d.id
LEFT JOIN officials o ON o.id = dm.official_id
WHERE (m.id = :mid OR m.parent_id = :mid) AND m.deleted_at IS NULL
ORDER BY d.meeting_id, d.ord, dm.ord;
SELECT c.meeting_id, c.type, c.site, c.honoured, c.description, c.award, c.recipient_official_id,
    o.name, o.country, c.recipient_rank, c.recipient_position
FROM meetings m
JOIN ceremonies c ON c.meeting_id = m.id
LEFT JOIN officials o ON o.id = c.recipient_official_id
WHERE (m.id = :mid OR m.parent_id = :mid) AND m.deleted_at IS NULL
ORDER BY c.meeting_id, c.ord;
SELECT a.id, a.meeting_id, a.title, a.type, a.period, a.signed_on,
    coalesce((SELECT array_agg(p.country::text ORDER BY p.ord) FROM agreement_parties p
              WHERE p.agreement_id = a.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('official_id', s.official_id, 'name', o.name,
                  'country', o.country) ORDER BY s.ord)
              FROM agreement_signatories s JOIN officials o ON o.id = s.official_id
              WHERE s.agreement_id = a.id), '[]')
FROM agreements a
JOIN meetings m ON m.id = a.meeting_id
WHERE (m.id = :mid OR m.parent_id = :mid) AND m.deleted_at IS NULL
ORDER BY a.meeting_id, a.ord;
SELECT s.url, s.outlet, s.title, s.published_at, s.language,
    coalesce((SELECT json_agg(json_build_object('language', t.language, 'title', t.title) ORDER BY t.language)
              FROM source_titles t WHERE t.source_id = s.id), '[]')
FROM meeting_sources ms
JOIN sources s ON s.id = ms.source_id
WHERE ms.meeting_id = :mid
ORDER BY ms.ord;
\endpipeline
