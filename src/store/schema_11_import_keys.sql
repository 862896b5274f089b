-- rapport schema, migration 11: what moving data in and out needs. Numbered 11 (after the
-- communication plan 8, meetings 9 and indexes 10); it only adds tables, so it applies as the
-- next version in a build without them.

-- Records brought in from another tool, by that tool's own key (a taskwarrior uuid), so a
-- second import of the same list updates the issue instead of adding it again.
CREATE TABLE import_keys (
    source   TEXT NOT NULL CHECK (source <> ''),
    key      TEXT NOT NULL CHECK (key <> ''),
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    PRIMARY KEY (source, key)
) WITHOUT ROWID;

-- This file's own name in calendars (UID kind-id@rapport.<uid>): made once, carried by an
-- export into an empty file, so a re-export from a moved file updates the same events.
CREATE TABLE file_identity (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    uid TEXT NOT NULL CHECK (uid <> '')
);
INSERT INTO file_identity (id, uid) VALUES (1, lower(hex(randomblob(8))));
