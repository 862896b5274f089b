-- rapport schema: the history of every record. A change set is one transaction (when, and
-- from which front end); its changes are the rows it inserted or changed, with their values
-- before and after as JSON. The triggers that fill `changes` are generated from the tables'
-- columns when the file is opened (see src/store/history.rs).

CREATE TABLE change_sets (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    source    TEXT NOT NULL,
    undo_of   INTEGER REFERENCES change_sets(id),
    undone_at TEXT
);
CREATE INDEX change_sets_undoable ON change_sets(id) WHERE undone_at IS NULL AND undo_of IS NULL;

CREATE TABLE changes (
    id     INTEGER PRIMARY KEY,
    set_id INTEGER REFERENCES change_sets(id),
    at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    tbl    TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    op     TEXT NOT NULL CHECK (op IN ('insert', 'update')),
    before TEXT,
    after  TEXT,
    -- For a row that belongs to an issue (its options, notes, waits): that issue, so the
    -- issue's history shows them.
    issue_id INTEGER
);
CREATE INDEX changes_by_row ON changes(tbl, row_id, id);
CREATE INDEX changes_by_issue ON changes(issue_id, id) WHERE issue_id IS NOT NULL;
CREATE INDEX changes_by_set ON changes(set_id, id);

-- A row here (only inside a bulk load's transaction) pauses the history triggers.
CREATE TABLE history_pause (id INTEGER PRIMARY KEY CHECK (id = 1));
