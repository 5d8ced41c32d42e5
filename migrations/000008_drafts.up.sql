-- Reports and their drafts: an article is stored with the draft meeting the
-- extractor read from it; a person accepts (the meeting is created or merged)
-- or rejects it. An accepted meeting keeps, per value, the words it rests on.

CREATE TABLE articles (
    id           uuid PRIMARY KEY,
    url          text UNIQUE CHECK (url ~ '^https?://'),
    outlet       text CHECK (length(outlet) BETWEEN 1 AND 200),
    title        text CHECK (length(title) BETWEEN 1 AND 1000),
    published_at date,
    language     text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
    text         text NOT NULL,
    -- SHA-256 of the text with its runs of white space made single spaces:
    -- the same report pasted twice is stored once.
    content_hash bytea NOT NULL UNIQUE CHECK (length(content_hash) = 32),
    -- The source the article became when its draft was accepted.
    source_id    uuid REFERENCES sources (id),
    created_at   timestamptz NOT NULL,
    created_by   text NOT NULL,
    search       tsvector NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX articles_search_idx ON articles USING gin (search);

CREATE TABLE drafts (
    id          uuid PRIMARY KEY,
    article_id  uuid NOT NULL UNIQUE REFERENCES articles (id),
    status      text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    -- The draft meeting in the shape of POST /meetings, a person's edits in.
    meeting     jsonb NOT NULL,
    evidence    jsonb NOT NULL DEFAULT '[]',
    warnings    jsonb NOT NULL DEFAULT '[]',
    confidence  double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    -- JSON pointers of the values a person changed; re-extraction keeps them.
    edited      text[] NOT NULL DEFAULT '{}',
    extractor   text NOT NULL,
    -- Copies of the draft's countries and date span, for the list's filters.
    countries   text[] NOT NULL DEFAULT '{}',
    date_lo     date,
    date_hi     date,
    meeting_id  uuid REFERENCES meetings (id),
    outcome     text CHECK (outcome IN ('created', 'merged')),
    auto        boolean NOT NULL DEFAULT false,
    decided_by  text,
    decided_at  timestamptz,
    reason      text CHECK (length(reason) BETWEEN 1 AND 2000),
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL,
    CHECK ((status = 'accepted') = (meeting_id IS NOT NULL AND outcome IS NOT NULL)),
    CHECK ((status = 'rejected') = (reason IS NOT NULL)),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX drafts_status_idx ON drafts (status, id);
CREATE INDEX drafts_countries_idx ON drafts USING gin (countries);
CREATE INDEX drafts_meeting_idx ON drafts (meeting_id) WHERE meeting_id IS NOT NULL;

-- The evidence an accepted draft gave its meeting: the field (a JSON pointer
-- into the meeting as it stood after the accept), the value, and the span of
-- the article's text it was read from.
CREATE TABLE meeting_evidence (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id   uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    field        text NOT NULL,
    value        jsonb,
    draft_id     uuid NOT NULL REFERENCES drafts (id),
    article_id   uuid NOT NULL REFERENCES articles (id),
    source_id    uuid REFERENCES sources (id),
    byte_offset  integer NOT NULL CHECK (byte_offset >= 0),
    byte_length  integer NOT NULL CHECK (byte_length >= 0),
    utf16_offset integer NOT NULL CHECK (utf16_offset >= 0),
    utf16_length integer NOT NULL CHECK (utf16_length >= 0),
    words        text NOT NULL,
    confidence   double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1)
);
CREATE INDEX meeting_evidence_meeting_idx ON meeting_evidence (meeting_id, id);

-- The audit log names the draft a write came from, and records rejections.
ALTER TABLE audit_log ADD COLUMN draft_id uuid;
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
    CHECK (action IN ('create', 'update', 'delete', 'merge', 'import', 'reject'));
CREATE INDEX audit_log_draft_idx ON audit_log (draft_id, id) WHERE draft_id IS NOT NULL;
