-- list_rev: a number that changes whenever what a list shows of the
-- meeting does, so that a list's entity tag is made of its rows' ids and
-- numbers and a revalidation (If-None-Match -> 304) needs no page rendered.
--
-- What a list shows of a meeting is its list_item, or, for a tombstone, its
-- id, deleted_at and updated_at. A new row takes the next number of the
-- sequence; the trigger gives a row the next number whenever an UPDATE
-- changes one of those columns, whichever statement does it (a write, an
-- import, the rendering of list items by `migrate up`), and leaves it when
-- only other columns change (the search document, the facets). Rows stored
-- before this migration share the number 1, from which any change moves
-- them; the sequence starts above it.
CREATE SEQUENCE meetings_list_rev_seq AS bigint START 2;
ALTER TABLE meetings ADD COLUMN list_rev bigint NOT NULL DEFAULT 1;
ALTER TABLE meetings ALTER COLUMN list_rev SET DEFAULT nextval('meetings_list_rev_seq');
ALTER SEQUENCE meetings_list_rev_seq OWNED BY meetings.list_rev;

CREATE FUNCTION meetings_list_rev() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.list_rev := nextval('meetings_list_rev_seq');
    RETURN NEW;
END
$$;

-- json has no equality operator: the items compare as text, which is how
-- they are stored.
CREATE TRIGGER meetings_list_rev BEFORE UPDATE ON meetings FOR EACH ROW
    WHEN (OLD.list_item::text IS DISTINCT FROM NEW.list_item::text
          OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
          OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION meetings_list_rev();
