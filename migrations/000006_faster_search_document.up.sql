-- The search document, computed meeting by meeting. The first version
-- gathered a meeting and its child meetings in one query, whose generic plan
-- scanned whole tables (about 4 ms a meeting, most of an import's time);
-- each part now looks up one meeting id, which the indexes serve, in
-- PL/pgSQL, whose plans are kept across calls.

CREATE FUNCTION meeting_search_text(mid uuid, OUT a text, OUT b text, OUT c text)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    SELECT
        m.title || ' ' || coalesce(m.series_name, ''),
        coalesce((SELECT string_agg(o.name || ' ' || array_to_string(o.aliases, ' ') || ' ' ||
                                    array_to_string(o.name_keys, ' ') || ' ' ||
                                    coalesce(dm.rank, '') || ' ' || coalesce(dm.position, ''), ' ')
                  FROM delegations d
                  JOIN delegation_members dm ON dm.delegation_id = d.id
                  JOIN officials o ON o.id = dm.official_id
                  WHERE d.meeting_id = mid), '') || ' ' ||
        coalesce((SELECT string_agg(co.name || ' ' || array_to_string(co.alt_names, ' '), ' ')
                  FROM delegations d JOIN countries co ON co.alpha2 = d.country
                  WHERE d.meeting_id = mid), ''),
        coalesce(m.summary, '') || ' ' || coalesce(m.city, '') || ' ' || coalesce(m.venue, '') || ' ' ||
        replace(m.kind, '_', ' ') || ' ' ||
        coalesce((SELECT string_agg(replace(ce.type, '_', ' ') || ' ' || coalesce(ce.site, '') || ' ' ||
                                    coalesce(ce.honoured, '') || ' ' || coalesce(ce.award, '') || ' ' ||
                                    coalesce(ce.description, '') || ' ' || coalesce(o.name, ''), ' ')
                  FROM ceremonies ce LEFT JOIN officials o ON o.id = ce.recipient_official_id
                  WHERE ce.meeting_id = mid), '') || ' ' ||
        coalesce((SELECT string_agg(ag.title || ' ' || replace(ag.type, '_', ' '), ' ')
                  FROM agreements ag WHERE ag.meeting_id = mid), '') || ' ' ||
        coalesce((SELECT string_agg(coalesce(s.title, '') || ' ' || coalesce(s.outlet, '') || ' ' ||
                                    coalesce((SELECT string_agg(st.title, ' ') FROM source_titles st
                                              WHERE st.source_id = s.id), ''), ' ')
                  FROM meeting_sources ms JOIN sources s ON s.id = ms.source_id
                  WHERE ms.meeting_id = mid), '')
    INTO a, b, c
    FROM meetings m WHERE m.id = mid;
END
$$;

CREATE OR REPLACE FUNCTION meeting_search_document(mid uuid) RETURNS tsvector
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT setweight(to_tsvector('english', unaccent(coalesce(string_agg(t.a, ' '), ''))), 'A')
        || setweight(to_tsvector('english', unaccent(coalesce(string_agg(t.b, ' '), ''))), 'B')
        || setweight(to_tsvector('english', unaccent(coalesce(string_agg(t.c, ' '), ''))), 'C')
    FROM (SELECT mid AS id UNION ALL SELECT id FROM meetings WHERE parent_id = mid) tree,
         LATERAL meeting_search_text(tree.id) t);
END
$$;
