-- Full-text search over a meeting and the talks held within it: titles,
-- summaries, officials' names and aliases, ceremony sites, agreement titles
-- and source titles, accent-insensitive ("turkiye" finds "Türkiye").

CREATE EXTENSION IF NOT EXISTS unaccent;

ALTER TABLE meetings ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;

-- The search document of one meeting. unaccent is not immutable, so the
-- document is stored (the store refreshes it after each write) rather than
-- computed in an index expression.
CREATE FUNCTION meeting_search_document(mid uuid) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    WITH tree AS (
        SELECT id FROM meetings WHERE id = mid OR parent_id = mid
    )
    SELECT
        setweight(to_tsvector('english', unaccent(coalesce(
            (SELECT string_agg(m.title || ' ' || coalesce(m.series_name, ''), ' ')
             FROM meetings m JOIN tree t ON t.id = m.id), ''))), 'A')
     || setweight(to_tsvector('english', unaccent(coalesce(
            (SELECT string_agg(o.name || ' ' || array_to_string(o.aliases, ' ') || ' ' ||
                               array_to_string(o.name_keys, ' ') || ' ' ||
                               coalesce(dm.rank, '') || ' ' || coalesce(dm.position, ''), ' ')
             FROM tree t
             JOIN delegations d ON d.meeting_id = t.id
             JOIN delegation_members dm ON dm.delegation_id = d.id
             JOIN officials o ON o.id = dm.official_id), '') || ' ' || coalesce(
            (SELECT string_agg(c.name || ' ' || array_to_string(c.alt_names, ' '), ' ')
             FROM tree t
             JOIN delegations d ON d.meeting_id = t.id
             JOIN countries c ON c.alpha2 = d.country), ''))), 'B')
     || setweight(to_tsvector('english', unaccent(coalesce(
            (SELECT string_agg(coalesce(m.summary, '') || ' ' || coalesce(m.city, '') || ' ' ||
                               coalesce(m.venue, '') || ' ' || replace(m.kind, '_', ' '), ' ')
             FROM meetings m JOIN tree t ON t.id = m.id), '') || ' ' || coalesce(
            (SELECT string_agg(replace(c.type, '_', ' ') || ' ' || coalesce(c.site, '') || ' ' ||
                               coalesce(c.honoured, '') || ' ' || coalesce(c.award, '') || ' ' ||
                               coalesce(c.description, '') || ' ' || coalesce(o.name, ''), ' ')
             FROM tree t
             JOIN ceremonies c ON c.meeting_id = t.id
             LEFT JOIN officials o ON o.id = c.recipient_official_id), '') || ' ' || coalesce(
            (SELECT string_agg(a.title || ' ' || replace(a.type, '_', ' '), ' ')
             FROM tree t JOIN agreements a ON a.meeting_id = t.id), '') || ' ' || coalesce(
            (SELECT string_agg(coalesce(s.title, '') || ' ' || coalesce(s.outlet, '') || ' ' ||
                               coalesce((SELECT string_agg(st.title, ' ') FROM source_titles st
                                         WHERE st.source_id = s.id), ''), ' ')
             FROM meeting_sources ms JOIN sources s ON s.id = ms.source_id
             WHERE ms.meeting_id = mid), ''))), 'C')
$$;

UPDATE meetings SET search = meeting_search_document(id);

CREATE INDEX meetings_search_idx ON meetings USING gin (search);
CREATE INDEX meetings_topics_idx ON meetings USING gin (topics);
