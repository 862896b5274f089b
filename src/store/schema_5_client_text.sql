-- rapport schema, version 4: what is written for the client, and what a queued update carries
-- beside its row. Numbered 4 (after the working-calendar/client-language migration 3); in a
-- build without 3 it still applies as the next version, as it only adds tables.

-- Progress notes written for the client: the only running text of an issue a draft quotes
-- (the communication log is the team's private record and is never quoted).
CREATE TABLE issue_notes (
    id          INTEGER PRIMARY KEY,
    issue_id    INTEGER NOT NULL REFERENCES issues(id),
    at          TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (text <> ''),
    created_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX issue_notes_by_issue ON issue_notes(issue_id, at, id);

-- Copies of an update (To is updates.contact_id).
CREATE TABLE update_cc (
    update_id  INTEGER NOT NULL REFERENCES updates(id),
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    PRIMARY KEY (update_id, contact_id)
) WITHOUT ROWID;

-- The next-update time a drafted body promises, as rendered; an edited body is sent with the
-- promise its draft carried, and the follow-up is queued for that time.
CREATE TABLE update_promises (
    update_id   INTEGER PRIMARY KEY REFERENCES updates(id),
    promised_at TEXT NOT NULL
);

-- Why a rule skipped an update ("the client was told by phone at ...").
CREATE TABLE update_skip_reasons (
    update_id INTEGER PRIMARY KEY REFERENCES updates(id),
    reason    TEXT NOT NULL
);
