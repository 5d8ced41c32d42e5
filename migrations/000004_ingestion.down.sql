ALTER TABLE delegations ALTER COLUMN id SET GENERATED ALWAYS;
DROP TABLE IF EXISTS audit_log, idempotency_keys, api_keys;
