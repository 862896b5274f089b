-- rapport schema, version 9: meetings with the client, their attendees, and the actions agreed
-- in them (commitments with an owner and a due date). Depends on nothing after version 7.
-- Nothing is deleted: rows carry archived_at.

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    at          TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (title <> ''),
    agenda      TEXT NOT NULL DEFAULT '',
    -- Who attended from our side: names as typed (the client's people are meeting_attendees).
    team        TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    -- When the minutes were first recorded: the meeting was held (it counts as contact).
    minutes_at  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX meetings_by_project ON meetings(project_id, archived_at, at, id);
CREATE INDEX meetings_by_time ON meetings(archived_at, at, id);
-- Today: meetings soon, and held ones whose minutes are still to record.
CREATE INDEX meetings_without_minutes ON meetings(at, id)
    WHERE archived_at IS NULL AND minutes_at IS NULL;
-- The last contact with the client: the newest meeting held.
CREATE INDEX meetings_held ON meetings(project_id, at)
    WHERE archived_at IS NULL AND minutes_at IS NOT NULL;

-- The client's people invited: the minutes go to them.
CREATE TABLE meeting_attendees (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
    contact_id  INTEGER NOT NULL REFERENCES contacts(id),
    created_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE UNIQUE INDEX meeting_attendees_once ON meeting_attendees(meeting_id, contact_id)
    WHERE archived_at IS NULL;

-- Actions agreed in a meeting: on Today until done.
CREATE TABLE meeting_actions (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
    text        TEXT NOT NULL CHECK (text <> ''),
    owner       TEXT NOT NULL CHECK (owner <> ''),
    due_on      TEXT NOT NULL,
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX meeting_actions_by_meeting ON meeting_actions(meeting_id, archived_at, id);
CREATE INDEX meeting_actions_open ON meeting_actions(due_on, id)
    WHERE archived_at IS NULL AND done_at IS NULL;

-- A decision taken in a meeting is a log entry that names the meeting.
ALTER TABLE log_entries ADD COLUMN meeting_id INTEGER REFERENCES meetings(id);
CREATE INDEX log_by_meeting ON log_entries(meeting_id, at, id) WHERE meeting_id IS NOT NULL;
