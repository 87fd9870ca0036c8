-- The sync history: one row per sync or dry run, its newest state. seq orders the rows as the file history orders its
-- lines (first saved first) and decides which rows leave once kongsync.history.max-records is passed.
CREATE TABLE sync_record (
    id         text        PRIMARY KEY,
    seq        bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    state      text        NOT NULL,
    dry_run    boolean     NOT NULL,
    finished   boolean     NOT NULL,
    record     jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sync_record_last_sync ON sync_record (seq) WHERE finished AND NOT dry_run;

-- A finished record's report in three formats, secrets already masked; read on demand, leaves with its record.
CREATE TABLE sync_report (
    id       text PRIMARY KEY REFERENCES sync_record (id) ON DELETE CASCADE,
    text     text,
    json     text,
    markdown text
);

-- The HMAC key of the pull requests' plan fingerprints: one row, made by the first kongsync that needs it.
CREATE TABLE plan_fingerprint_key (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    key      bytea   NOT NULL
);
