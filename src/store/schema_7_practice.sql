-- rapport schema, version 6: the rest of the practice. Risks with the responses prepared
-- for them and milestones with their dated history. Nothing is deleted: rows carry archived_at.

CREATE TABLE risks (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id),
    text         TEXT NOT NULL CHECK (text <> ''),
    likelihood   TEXT NOT NULL DEFAULT 'medium' CHECK (likelihood IN ('low','medium','high')),
    impact       TEXT NOT NULL DEFAULT 'medium' CHECK (impact IN ('low','medium','high')),
    -- likelihood x impact, 1..9: orders the risk list (highest first).
    exposure     INTEGER GENERATED ALWAYS AS (
                     (CASE likelihood WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END) *
                     (CASE impact WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)) VIRTUAL,
    owner        TEXT NOT NULL DEFAULT '',
    trigger_sign TEXT NOT NULL DEFAULT '',
    review_at    TEXT,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','watching','occurred','closed')),
    is_open      INTEGER GENERATED ALWAYS AS (status IN ('open','watching')) VIRTUAL,
    issue_id     INTEGER REFERENCES issues(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    archived_at  TEXT
);
CREATE INDEX risks_register ON risks(archived_at, is_open DESC, exposure DESC, id);
CREATE INDEX risks_by_project ON risks(project_id, archived_at, is_open DESC, exposure DESC, id);
CREATE INDEX risks_review ON risks(review_at) WHERE archived_at IS NULL AND review_at IS NOT NULL;

-- The responses prepared in advance; they become the issue's options when the risk occurs.
CREATE TABLE risk_plans (
    id              INTEGER PRIMARY KEY,
    risk_id         INTEGER NOT NULL REFERENCES risks(id),
    text            TEXT NOT NULL CHECK (text <> ''),
    time_needed     TEXT NOT NULL DEFAULT '',
    expected_effect TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    archived_at     TEXT
);
CREATE INDEX risk_plans_by_risk ON risk_plans(risk_id, archived_at, id);

-- Milestones: the project's progress is the weighted mean of theirs (done counts as 100).
CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL CHECK (name <> ''),
    due_on      TEXT NOT NULL,
    weight      INTEGER NOT NULL DEFAULT 1 CHECK (weight > 0),
    progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','in-progress','done','slipped')),
    done_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX milestones_by_project ON milestones(project_id, archived_at, due_on, id);

-- Every date a milestone was given, with the reason; never updated in place.
CREATE TABLE milestone_revisions (
    id           INTEGER PRIMARY KEY,
    milestone_id INTEGER NOT NULL REFERENCES milestones(id),
    changed_at   TEXT NOT NULL,
    due_from     TEXT,
    due_to       TEXT NOT NULL,
    reason       TEXT NOT NULL,
    archived_at  TEXT
);
CREATE INDEX milestone_revisions_by_milestone ON milestone_revisions(milestone_id, id);

-- Answering feedback: an inbound complaint or request is unanswered until its reply is sent
-- or the PM marks it handled (with a note of how).
ALTER TABLE log_entries ADD COLUMN handled_at TEXT;
ALTER TABLE log_entries ADD COLUMN handled_note TEXT NOT NULL DEFAULT '';
CREATE INDEX log_unhandled_feedback ON log_entries(at, id)
    WHERE archived_at IS NULL AND handled_at IS NULL AND direction = 'in'
      AND kind IN ('complaint', 'request');

-- Satisfaction reviews: the team's own measure, never shown in client text.
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    contact_id   INTEGER REFERENCES contacts(id),
    at           TEXT NOT NULL,
    milestone_id INTEGER REFERENCES milestones(id),
    comment      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    archived_at  TEXT
);
CREATE INDEX reviews_by_project ON reviews(project_id, archived_at, at);
CREATE INDEX reviews_by_time ON reviews(archived_at, at, id);
