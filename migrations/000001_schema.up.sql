-- Core schema: countries, officials, meetings and everything a meeting holds.

CREATE TABLE countries (
    alpha2        char(2) PRIMARY KEY CHECK (alpha2 ~ '^[A-Z]{2}$'),
    alpha3        char(3) NOT NULL UNIQUE CHECK (alpha3 ~ '^[A-Z]{3}$'),
    numeric_code  char(3) CHECK (numeric_code ~ '^[0-9]{3}$'),
    name          text NOT NULL,
    official_name text,
    alt_names     text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE officials (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    aliases     text[] NOT NULL DEFAULT '{}',
    -- Normalised forms of name and aliases (lower case, no accents or
    -- punctuation), written by the service and used to resolve officials.
    name_keys   text[] NOT NULL DEFAULT '{}',
    country     char(2) NOT NULL REFERENCES countries (alpha2),
    wikidata_id text UNIQUE CHECK (wikidata_id ~ '^Q[1-9][0-9]*$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officials_name_keys_idx ON officials USING gin (name_keys);
CREATE INDEX officials_country_idx ON officials (country, name);

CREATE TABLE meetings (
    id             uuid PRIMARY KEY,
    title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    -- A date of day, month or year precision, or a day and month whose year
    -- the report does not give.
    date_year      smallint CHECK (date_year BETWEEN 1900 AND 2200),
    date_month     smallint CHECK (date_month BETWEEN 1 AND 12),
    date_day       smallint CHECK (date_day BETWEEN 1 AND 31),
    -- The earliest and latest day the meeting can have been on (NULL when the
    -- year is unknown), and the key the lists are ordered by.
    date_lo        date GENERATED ALWAYS AS (
                       make_date(date_year, coalesce(date_month, 1), coalesce(date_day, 1))) STORED,
    date_hi        date GENERATED ALWAYS AS (
                       CASE
                           WHEN date_day IS NOT NULL THEN make_date(date_year, date_month, date_day)
                           WHEN date_month IS NOT NULL THEN
                               (make_date(date_year, date_month, 1) + interval '1 month' - interval '1 day')::date
                           ELSE make_date(date_year, 12, 31)
                       END) STORED,
    sort_date      date NOT NULL GENERATED ALWAYS AS (
                       coalesce(make_date(date_year, coalesce(date_month, 1), coalesce(date_day, 1)),
                                '-infinity'::date)) STORED,
    end_date       date,
    city           text CHECK (length(city) BETWEEN 1 AND 200),
    venue          text CHECK (length(venue) BETWEEN 1 AND 300),
    host_country   char(2) REFERENCES countries (alpha2),
    kind           text NOT NULL CHECK (kind IN (
                       'official_visit', 'working_visit', 'state_visit', 'high_level_dialogue',
                       'meeting', 'phone_call', 'video_conference', 'other')),
    summary        text CHECK (length(summary) <= 20000),
    topics         text[] NOT NULL DEFAULT '{}' CHECK (topics <@ ARRAY[
                       'military', 'military_technical', 'military_educational', 'regional_security',
                       'joint_exercises', 'defence_industry', 'border_situation', 'military_medicine',
                       'peacekeeping', 'counter_terrorism', 'cyber_security', 'demining',
                       'intelligence', 'other']::text[]),
    series_name    text CHECK (length(series_name) BETWEEN 1 AND 300),
    series_edition integer CHECK (series_edition > 0),
    parent_id      uuid REFERENCES meetings (id),
    -- Same date, kind, parent and set of participating countries: the same
    -- meeting. Written by the service.
    dedupe_key     text NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz,
    CHECK (date_day IS NULL OR date_month IS NOT NULL),
    CHECK (date_year IS NOT NULL OR (date_month IS NOT NULL AND date_day IS NOT NULL)),
    CHECK (series_edition IS NULL OR series_name IS NOT NULL),
    CHECK (parent_id <> id)
);
CREATE UNIQUE INDEX meetings_dedupe_key_idx ON meetings (dedupe_key) WHERE deleted_at IS NULL;
CREATE INDEX meetings_sort_idx ON meetings (sort_date DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX meetings_updated_idx ON meetings (updated_at, id);
CREATE INDEX meetings_parent_idx ON meetings (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX meetings_host_idx ON meetings (host_country, sort_date DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE delegations (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    ord        smallint NOT NULL,
    country    char(2) NOT NULL REFERENCES countries (alpha2),
    role       text NOT NULL CHECK (role IN ('host', 'guest')),
    UNIQUE (meeting_id, country)
);
CREATE INDEX delegations_country_idx ON delegations (country, meeting_id);

CREATE TABLE delegation_members (
    delegation_id bigint NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    official_id   uuid NOT NULL REFERENCES officials (id),
    ord           smallint NOT NULL,
    is_head       boolean NOT NULL DEFAULT false,
    -- Rank and position as held at this meeting.
    rank          text CHECK (length(rank) BETWEEN 1 AND 200),
    position      text CHECK (length(position) BETWEEN 1 AND 500),
    PRIMARY KEY (delegation_id, official_id)
);
CREATE UNIQUE INDEX delegation_members_one_head_idx ON delegation_members (delegation_id) WHERE is_head;
CREATE INDEX delegation_members_official_idx ON delegation_members (official_id);

CREATE TABLE ceremonies (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting_id            uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    ord                   smallint NOT NULL,
    type                  text NOT NULL CHECK (type IN (
                              'wreath_laying', 'guard_of_honour', 'national_anthems', 'book_of_honour',
                              'award', 'monument_visit', 'other')),
    site                  text CHECK (length(site) BETWEEN 1 AND 300),
    honoured              text CHECK (length(honoured) BETWEEN 1 AND 1000),
    description           text CHECK (length(description) BETWEEN 1 AND 2000),
    award                 text CHECK (length(award) BETWEEN 1 AND 500),
    recipient_official_id uuid REFERENCES officials (id),
    recipient_rank        text CHECK (length(recipient_rank) BETWEEN 1 AND 200),
    recipient_position    text CHECK (length(recipient_position) BETWEEN 1 AND 500)
);
CREATE INDEX ceremonies_meeting_idx ON ceremonies (meeting_id);
CREATE INDEX ceremonies_type_idx ON ceremonies (type, meeting_id);

CREATE TABLE agreements (
    id          uuid PRIMARY KEY,
    meeting_id  uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    ord         smallint NOT NULL,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    type        text NOT NULL CHECK (type IN ('cooperation_plan', 'memorandum', 'agreement', 'protocol', 'other')),
    -- The period the agreement covers: a year or a span of years.
    period      text CHECK (period ~ '^[0-9]{4}(-[0-9]{4})?$'),
    period_from smallint GENERATED ALWAYS AS (substr(period, 1, 4)::smallint) STORED,
    period_to   smallint GENERATED ALWAYS AS (
                    CASE WHEN length(period) = 9 THEN substr(period, 6, 4)::smallint
                         ELSE substr(period, 1, 4)::smallint END) STORED,
    signed_on   date,
    CHECK (period_to >= period_from)
);
CREATE INDEX agreements_meeting_idx ON agreements (meeting_id);

CREATE TABLE agreement_parties (
    agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    country      char(2) NOT NULL REFERENCES countries (alpha2),
    ord          smallint NOT NULL,
    PRIMARY KEY (agreement_id, country)
);
CREATE INDEX agreement_parties_country_idx ON agreement_parties (country);

CREATE TABLE agreement_signatories (
    agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    official_id  uuid NOT NULL REFERENCES officials (id),
    ord          smallint NOT NULL,
    PRIMARY KEY (agreement_id, official_id)
);
CREATE INDEX agreement_signatories_official_idx ON agreement_signatories (official_id);

CREATE TABLE sources (
    id           uuid PRIMARY KEY,
    url          text UNIQUE CHECK (url ~ '^https?://'),
    outlet       text CHECK (length(outlet) BETWEEN 1 AND 200),
    title        text CHECK (length(title) BETWEEN 1 AND 1000),
    published_at date,
    language     text CHECK (language ~ '^[a-z]{2,3}$'),
    created_at   timestamptz NOT NULL DEFAULT now()
);
-- A report without a URL is known by its outlet, title and date.
CREATE UNIQUE INDEX sources_without_url_idx ON sources (
    coalesce(outlet, ''), coalesce(title, ''), coalesce(published_at, '-infinity'::date))
    WHERE url IS NULL;

CREATE TABLE source_titles (
    source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    language  text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
    title     text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
    PRIMARY KEY (source_id, language)
);

CREATE TABLE meeting_sources (
    meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    source_id  uuid NOT NULL REFERENCES sources (id),
    ord        smallint NOT NULL,
    PRIMARY KEY (meeting_id, source_id)
);
CREATE INDEX meeting_sources_source_idx ON meeting_sources (source_id);
