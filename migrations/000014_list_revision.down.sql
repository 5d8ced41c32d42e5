DROP TRIGGER meetings_list_rev ON meetings;
DROP FUNCTION meetings_list_rev();
ALTER TABLE meetings DROP COLUMN list_rev;
