DROP INDEX IF EXISTS officials_country_name_key_idx;
ALTER TABLE officials DROP COLUMN IF EXISTS name_key;
ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS server_started;
