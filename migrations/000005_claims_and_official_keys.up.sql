-- An idempotency claim remembers the database server's start: a claim made
-- before the server restarted belongs to a request that cannot finish, and a
-- retry takes it over at once.
ALTER TABLE idempotency_keys ADD COLUMN server_started timestamptz;

-- One official per folded name and country, so that concurrent writes
-- naming the same new person store one official.
ALTER TABLE officials ADD COLUMN name_key text;
UPDATE officials SET name_key = name_keys[1];
ALTER TABLE officials ALTER COLUMN name_key SET NOT NULL;
CREATE UNIQUE INDEX officials_country_name_key_idx ON officials (country, name_key);
