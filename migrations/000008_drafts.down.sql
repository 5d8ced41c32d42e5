DROP INDEX IF EXISTS audit_log_draft_idx;
DELETE FROM audit_log WHERE action = 'reject';
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('create', 'update', 'delete', 'merge', 'import'));
ALTER TABLE audit_log DROP COLUMN IF EXISTS draft_id;
DROP TABLE IF EXISTS meeting_evidence, drafts, articles;
