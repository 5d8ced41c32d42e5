-- The facets of a meeting move on UPDATE only for the rows whose faceted
-- columns changed (countries, topics, kind, the date, or whether the row is
-- live and top-level). The statement-level trigger of 000010 captured every
-- updated row in its transition tables and joined old to new rows: an
-- UPDATE of the search documents or list items of many meetings, which
-- moves no facet, paid for all of them (20,000 rows: 1.3 s without it,
-- 7 to 23 minutes with it). A row trigger whose WHEN compares the columns
-- is not even queued for the others.
DROP TRIGGER meetings_facets_update ON meetings;

CREATE FUNCTION meetings_facets_update_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.deleted_at IS NULL AND OLD.parent_id IS NULL THEN
        DELETE FROM meeting_facets
        WHERE meeting_id = OLD.id AND sort_date = OLD.sort_date
          AND facet IN (SELECT meeting_facets_of(OLD.countries, OLD.topics, OLD.kind));
    END IF;
    IF NEW.deleted_at IS NULL AND NEW.parent_id IS NULL THEN
        INSERT INTO meeting_facets (facet, sort_date, meeting_id)
        SELECT f, NEW.sort_date, NEW.id FROM meeting_facets_of(NEW.countries, NEW.topics, NEW.kind) f;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER meetings_facets_update AFTER UPDATE ON meetings FOR EACH ROW
    WHEN ((OLD.countries, OLD.topics, OLD.kind, OLD.sort_date, OLD.deleted_at IS NULL, OLD.parent_id IS NULL)
          IS DISTINCT FROM (NEW.countries, NEW.topics, NEW.kind, NEW.sort_date, NEW.deleted_at IS NULL, NEW.parent_id IS NULL))
    EXECUTE FUNCTION meetings_facets_update_row();
