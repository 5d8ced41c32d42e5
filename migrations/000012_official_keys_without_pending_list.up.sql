-- Officials are looked up one (country, name key) pair at a time in the GIN
-- index over name_keys, a chunk of an import's pairs in one statement. A
-- GIN index with fastupdate keeps new entries in a pending list that every
-- lookup reads whole until it is merged (at 4 MB, or by VACUUM): while an
-- import writes officials, that list made each of a chunk's 2,500 lookups
-- read hundreds of pages. Without it, an official's two or three keys go
-- into the index as it is written.
ALTER INDEX officials_name_keys_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('officials_name_keys_idx'::regclass);
