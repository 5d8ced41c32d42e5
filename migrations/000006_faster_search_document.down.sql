-- Back to the definition of 000003.
CREATE OR REPLACE FUNCTION meeting_search_document(mid uuid) RETURNS tsvector
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

DROP FUNCTION IF EXISTS meeting_search_text(uuid);
