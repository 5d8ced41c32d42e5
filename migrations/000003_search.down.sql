DROP INDEX IF EXISTS meetings_topics_idx;
DROP INDEX IF EXISTS meetings_search_idx;
DROP FUNCTION IF EXISTS meeting_search_document(uuid);
ALTER TABLE meetings DROP COLUMN IF EXISTS search;
