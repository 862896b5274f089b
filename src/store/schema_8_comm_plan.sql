-- rapport schema, version 8: the communication plan. Each entry says what is communicated
-- to the client (a status report, a progress meeting, a satisfaction review, another report),
-- how often, to whom, through which channel and who on our side owns it.
-- Nothing is deleted: rows carry archived_at.

CREATE TABLE comm_plan (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    kind        TEXT NOT NULL CHECK (kind IN ('status','meeting','review','report')),
    what        TEXT NOT NULL CHECK (what <> ''),
    every       TEXT NOT NULL,
    -- contact names, one per line
    audience    TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL CHECK (channel IN ('email','phone','meeting','chat','other')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX comm_plan_by_project ON comm_plan(project_id, archived_at, kind, id);

-- A project's cadence becomes its first plan entry: the regular status report.
INSERT INTO comm_plan (project_id, kind, what, every, channel, created_at, updated_at)
SELECT id, 'status', 'Status report', cadence, channel, created_at, created_at
FROM projects WHERE cadence IS NOT NULL AND cadence <> '';
