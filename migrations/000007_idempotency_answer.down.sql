ALTER TABLE idempotency_keys ADD COLUMN status integer, ADD COLUMN headers jsonb, ADD COLUMN body bytea;
UPDATE idempotency_keys
SET status = (convert_from(answer, 'UTF8')::jsonb ->> 'status')::integer,
    headers = convert_from(answer, 'UTF8')::jsonb -> 'headers',
    body = decode(convert_from(answer, 'UTF8')::jsonb ->> 'body', 'base64')
WHERE answer IS NOT NULL;
ALTER TABLE idempotency_keys DROP COLUMN answer;
