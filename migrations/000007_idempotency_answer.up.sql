-- The answer to a request with an Idempotency-Key is kept as one value the
-- API encodes and replays (its status, headers and body, as JSON); the
-- database keeps it without reading it. Answers kept already are carried over.
ALTER TABLE idempotency_keys ADD COLUMN answer bytea;
UPDATE idempotency_keys
SET answer = convert_to(jsonb_build_object(
        'status', status,
        'headers', COALESCE(headers, '{}'::jsonb),
        'body', translate(encode(COALESCE(body, ''::bytea), 'base64'), E'\n', ''))::text, 'UTF8')
WHERE status IS NOT NULL;
ALTER TABLE idempotency_keys DROP COLUMN status, DROP COLUMN headers, DROP COLUMN body;
