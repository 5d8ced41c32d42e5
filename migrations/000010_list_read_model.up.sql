-- Lists read what they show from the meeting row, and pick their page from
-- an index ordered as the page is.
--
-- countries: the delegations' countries, in delegation order.
-- list_item: the meeting as lists show it, as JSON, rendered by the store
-- whenever it writes the meeting (NULL: not rendered yet; `migrate up`
-- renders such rows after the SQL migrations).
ALTER TABLE meetings
    ADD COLUMN countries char(2)[] NOT NULL DEFAULT '{}',
    ADD COLUMN list_item json;

-- Rows whose list item is still to be rendered: empty once `migrate up`
-- has run, so that finding them costs nothing.
CREATE INDEX meetings_list_item_missing_idx ON meetings (id) WHERE list_item IS NULL;

-- meeting_facets: one row for each thing a live top-level meeting can be
-- listed by, so that "meetings of Uzbekistan, newest first" is one ordered
-- index scan that stops after a page, however rare the country:
--   c:UZ     a delegation of the country
--   p:UZ:AZ  delegations of both (a pair, both ways round)
--   t:demining  a topic
--   k:phone_call  the kind
-- Kept by the triggers below from the columns the store writes (countries,
-- topics, kind, the date, deleted_at, parent_id); never written directly.
CREATE TABLE meeting_facets (
    facet      text COLLATE "C" NOT NULL,
    sort_date  date NOT NULL,
    meeting_id uuid NOT NULL,
    PRIMARY KEY (facet, sort_date, meeting_id)
);

-- The facets of a meeting with these countries, topics and kind.
CREATE FUNCTION meeting_facets_of(countries char(2)[], topics text[], kind text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'c:' || c FROM unnest(countries) c
    UNION ALL
    SELECT 'p:' || a || ':' || b FROM unnest(countries) a, unnest(countries) b WHERE a <> b
    UNION ALL
    SELECT 't:' || t FROM unnest(topics) t
    UNION ALL
    SELECT 'k:' || kind
$$;

-- Statement-level triggers with transition tables: a COPY of 500 meetings
-- adds their facets in one INSERT.
CREATE FUNCTION meetings_facets_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO meeting_facets (facet, sort_date, meeting_id)
    SELECT f, n.sort_date, n.id
    FROM new_rows n, meeting_facets_of(n.countries, n.topics, n.kind) f
    WHERE n.deleted_at IS NULL AND n.parent_id IS NULL;
    RETURN NULL;
END
$$;

-- An update moves the facets of the rows whose facets or date changed, or
-- that became (or stopped being) live and top-level; refreshing a search
-- document touches none.
CREATE FUNCTION meetings_facets_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM meeting_facets mf
    USING old_rows o JOIN new_rows n ON n.id = o.id, meeting_facets_of(o.countries, o.topics, o.kind) f
    WHERE o.deleted_at IS NULL AND o.parent_id IS NULL
      AND (o.countries, o.topics, o.kind, o.sort_date, n.deleted_at IS NULL, n.parent_id IS NULL)
          IS DISTINCT FROM (n.countries, n.topics, n.kind, n.sort_date, true, true)
      AND mf.facet = f AND mf.sort_date = o.sort_date AND mf.meeting_id = o.id;
    INSERT INTO meeting_facets (facet, sort_date, meeting_id)
    SELECT f, n.sort_date, n.id
    FROM new_rows n JOIN old_rows o ON o.id = n.id, meeting_facets_of(n.countries, n.topics, n.kind) f
    WHERE n.deleted_at IS NULL AND n.parent_id IS NULL
      AND (o.countries, o.topics, o.kind, o.sort_date, o.deleted_at IS NULL, o.parent_id IS NULL)
          IS DISTINCT FROM (n.countries, n.topics, n.kind, n.sort_date, true, true);
    RETURN NULL;
END
$$;

CREATE FUNCTION meetings_facets_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM meeting_facets mf
    USING old_rows o, meeting_facets_of(o.countries, o.topics, o.kind) f
    WHERE o.deleted_at IS NULL AND o.parent_id IS NULL
      AND mf.facet = f AND mf.sort_date = o.sort_date AND mf.meeting_id = o.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION meetings_facets_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE meeting_facets;
    RETURN NULL;
END
$$;

CREATE TRIGGER meetings_facets_insert AFTER INSERT ON meetings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_facets_insert();
CREATE TRIGGER meetings_facets_update AFTER UPDATE ON meetings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_facets_update();
CREATE TRIGGER meetings_facets_delete AFTER DELETE ON meetings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_facets_delete();
CREATE TRIGGER meetings_facets_truncate AFTER TRUNCATE ON meetings
    FOR EACH STATEMENT EXECUTE FUNCTION meetings_facets_truncate();

-- The default list (live top-level meetings, newest first) without a
-- facet: an index of exactly its rows, so that a page and a date range
-- read a page of rows.
CREATE INDEX meetings_live_sort_idx ON meetings (sort_date, id) WHERE deleted_at IS NULL AND parent_id IS NULL;
