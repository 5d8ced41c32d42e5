DROP TRIGGER meetings_facets_update ON meetings;
DROP FUNCTION meetings_facets_update_row();
CREATE TRIGGER meetings_facets_update AFTER UPDATE ON meetings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_facets_update();
