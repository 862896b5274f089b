-- rapport schema, version 1. Times are UTC text 'YYYY-MM-DDTHH:MM:SSZ' (they sort as they read);
-- calendar dates are 'YYYY-MM-DD'. Nothing is deleted: rows carry archived_at instead.

CREATE TABLE clients (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    archived_at TEXT
);

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','on-hold','closed')),
    cadence     TEXT,
    channel     TEXT NOT NULL DEFAULT 'email',
    created_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX projects_by_client ON projects(client_id);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    channel     TEXT,
    created_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX contacts_by_client ON contacts(client_id, name);

CREATE TABLE issues (
    id                 INTEGER PRIMARY KEY,
    project_id         INTEGER NOT NULL REFERENCES projects(id),
    title              TEXT NOT NULL CHECK (title <> ''),
    description        TEXT NOT NULL DEFAULT '',
    severity           TEXT NOT NULL CHECK (severity IN ('critical','high','medium','low')),
    status             TEXT NOT NULL CHECK (status IN ('new','investigating','solution-proposed','in-progress','resolved','closed')),
    is_open            INTEGER GENERATED ALWAYS AS (status NOT IN ('resolved','closed')) VIRTUAL,
    severity_rank      INTEGER GENERATED ALWAYS AS (CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END) VIRTUAL,
    detected_at        TEXT NOT NULL,
    owner              TEXT NOT NULL DEFAULT '',
    cause              TEXT NOT NULL DEFAULT '',
    impact             TEXT NOT NULL DEFAULT '',
    our_fault          INTEGER NOT NULL DEFAULT 0 CHECK (our_fault IN (0,1)),
    client_notified_at TEXT,
    next_update_due    TEXT,
    resolved_at        TEXT,
    resolution         TEXT NOT NULL DEFAULT '',
    lessons            TEXT NOT NULL DEFAULT '',
    prevention         TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    archived_at        TEXT
);
CREATE INDEX issues_log ON issues(archived_at, is_open DESC, severity_rank, id DESC);
CREATE INDEX issues_by_project ON issues(project_id, archived_at, is_open DESC, severity_rank, id DESC);
CREATE INDEX issues_unnotified ON issues(client_notified_at, is_open) WHERE archived_at IS NULL;
CREATE INDEX issues_next_update ON issues(next_update_due) WHERE archived_at IS NULL AND next_update_due IS NOT NULL;

CREATE TABLE issue_options (
    id              INTEGER PRIMARY KEY,
    issue_id        INTEGER NOT NULL REFERENCES issues(id),
    number          INTEGER NOT NULL,
    text            TEXT NOT NULL CHECK (text <> ''),
    time_needed     TEXT NOT NULL DEFAULT '',
    expected_effect TEXT NOT NULL DEFAULT '',
    chosen          INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0,1)),
    UNIQUE (issue_id, number)
);

CREATE TABLE updates (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    issue_id    INTEGER REFERENCES issues(id),
    kind        TEXT NOT NULL CHECK (kind IN ('notice','progress','resolution','status','closing','other')),
    channel     TEXT NOT NULL CHECK (channel IN ('email','phone','meeting','chat','other')),
    contact_id  INTEGER REFERENCES contacts(id),
    subject     TEXT NOT NULL CHECK (subject <> ''),
    body        TEXT NOT NULL DEFAULT '',
    due_at      TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('draft','ready','sent','skipped')),
    is_pending  INTEGER GENERATED ALWAYS AS (state IN ('draft','ready')) VIRTUAL,
    sent_at     TEXT,
    rule_key    TEXT UNIQUE,
    edited      INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX updates_queue ON updates(archived_at, is_pending, due_at, id);
CREATE INDEX updates_by_issue ON updates(issue_id);
CREATE INDEX updates_by_project ON updates(project_id, archived_at, is_pending, due_at);

CREATE TABLE expectations (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    category    TEXT NOT NULL CHECK (category IN ('scope','quality','schedule','budget','communication','acceptance','commitment')),
    statement   TEXT NOT NULL CHECK (statement <> ''),
    measure     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('proposed','agreed','at-risk','changed','met','missed','withdrawn')),
    is_live     INTEGER GENERATED ALWAYS AS (status IN ('proposed','agreed','at-risk','changed')) VIRTUAL,
    agreed_on   TEXT,
    agreed_with TEXT NOT NULL DEFAULT '',
    due_on      TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX expectations_register ON expectations(archived_at, is_live, status, id);
CREATE INDEX expectations_due ON expectations(due_on) WHERE archived_at IS NULL;
CREATE INDEX expectations_by_project ON expectations(project_id, archived_at, is_live);

CREATE TABLE expectation_issues (
    expectation_id INTEGER NOT NULL REFERENCES expectations(id),
    issue_id       INTEGER NOT NULL REFERENCES issues(id),
    PRIMARY KEY (expectation_id, issue_id)
) WITHOUT ROWID;

-- Every change of an expectation's status or wording, with the reason; never updated in place.
CREATE TABLE expectation_revisions (
    id             INTEGER PRIMARY KEY,
    expectation_id INTEGER NOT NULL REFERENCES expectations(id),
    changed_at     TEXT NOT NULL,
    status_from    TEXT,
    status_to      TEXT NOT NULL,
    statement_from TEXT,
    statement_to   TEXT NOT NULL,
    other_changes  TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL
);
CREATE INDEX expectation_revisions_by_expectation ON expectation_revisions(expectation_id, id);

CREATE TABLE log_entries (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER NOT NULL REFERENCES projects(id),
    at             TEXT NOT NULL,
    direction      TEXT NOT NULL CHECK (direction IN ('in','out')),
    channel        TEXT NOT NULL CHECK (channel IN ('email','phone','meeting','chat','other')),
    kind           TEXT NOT NULL CHECK (kind IN ('feedback','complaint','request','praise','decision','note')),
    summary        TEXT NOT NULL CHECK (summary <> ''),
    sentiment      INTEGER NOT NULL DEFAULT 0 CHECK (sentiment BETWEEN -2 AND 2),
    issue_id       INTEGER REFERENCES issues(id),
    expectation_id INTEGER REFERENCES expectations(id),
    update_id      INTEGER REFERENCES updates(id),
    created_at     TEXT NOT NULL,
    archived_at    TEXT
);
CREATE INDEX log_by_time ON log_entries(archived_at, at, id);
CREATE INDEX log_by_project ON log_entries(project_id, archived_at, at);
