-- rapport schema, version 3: a client's own working time and language; waiting on the client.

-- The client's IANA zone, its calendar (the TOML text of a [calendar] table, kept in the
-- database so a backup or another machine computes the same deadlines) and the language of
-- its drafts; NULL means the config's.
ALTER TABLE clients ADD COLUMN zone TEXT;
ALTER TABLE clients ADD COLUMN calendar TEXT;
ALTER TABLE clients ADD COLUMN language TEXT CHECK (language IN ('en','zh-CN'));

-- Each time an issue waited on the client (a decision, access, test data): the follow-up
-- clock pauses from since to resumed_at. At most one open wait per issue; never deleted.
CREATE TABLE issue_waits (
    id          INTEGER PRIMARY KEY,
    issue_id    INTEGER NOT NULL REFERENCES issues(id),
    waiting_for TEXT NOT NULL CHECK (waiting_for <> ''),
    since       TEXT NOT NULL,
    until       TEXT,
    resumed_at  TEXT,
    resumed_by  TEXT CHECK (resumed_by IN ('resume','inbound','until'))
);
CREATE UNIQUE INDEX issue_waits_open ON issue_waits(issue_id) WHERE resumed_at IS NULL;
CREATE INDEX issue_waits_by_issue ON issue_waits(issue_id, id);
