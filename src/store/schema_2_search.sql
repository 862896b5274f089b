-- rapport schema, version 2: full-text search and keyset paging for years of records.

-- Full-text indexes (trigram: substrings of 3+ characters, English and Chinese alike),
-- external-content so the text is stored once, kept in sync by the triggers below.
CREATE VIRTUAL TABLE issues_fts USING fts5(title, description, content='issues', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE updates_fts USING fts5(subject, body, content='updates', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE expectations_fts USING fts5(statement, measure, content='expectations', content_rowid='id', tokenize='trigram');
CREATE VIRTUAL TABLE log_fts USING fts5(summary, content='log_entries', content_rowid='id', tokenize='trigram');

INSERT INTO issues_fts(issues_fts) VALUES ('rebuild');
INSERT INTO updates_fts(updates_fts) VALUES ('rebuild');
INSERT INTO expectations_fts(expectations_fts) VALUES ('rebuild');
INSERT INTO log_fts(log_fts) VALUES ('rebuild');

CREATE TRIGGER issues_fts_insert AFTER INSERT ON issues BEGIN
  INSERT INTO issues_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER issues_fts_update AFTER UPDATE OF title, description ON issues
  WHEN old.title IS NOT new.title OR old.description IS NOT new.description BEGIN
  INSERT INTO issues_fts(issues_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
  INSERT INTO issues_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER issues_fts_delete AFTER DELETE ON issues BEGIN
  INSERT INTO issues_fts(issues_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
END;

CREATE TRIGGER updates_fts_insert AFTER INSERT ON updates BEGIN
  INSERT INTO updates_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body);
END;
CREATE TRIGGER updates_fts_update AFTER UPDATE OF subject, body ON updates
  WHEN old.subject IS NOT new.subject OR old.body IS NOT new.body BEGIN
  INSERT INTO updates_fts(updates_fts, rowid, subject, body) VALUES ('delete', old.id, old.subject, old.body);
  INSERT INTO updates_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body);
END;
CREATE TRIGGER updates_fts_delete AFTER DELETE ON updates BEGIN
  INSERT INTO updates_fts(updates_fts, rowid, subject, body) VALUES ('delete', old.id, old.subject, old.body);
END;

CREATE TRIGGER expectations_fts_insert AFTER INSERT ON expectations BEGIN
  INSERT INTO expectations_fts(rowid, statement, measure) VALUES (new.id, new.statement, new.measure);
END;
CREATE TRIGGER expectations_fts_update AFTER UPDATE OF statement, measure ON expectations
  WHEN old.statement IS NOT new.statement OR old.measure IS NOT new.measure BEGIN
  INSERT INTO expectations_fts(expectations_fts, rowid, statement, measure) VALUES ('delete', old.id, old.statement, old.measure);
  INSERT INTO expectations_fts(rowid, statement, measure) VALUES (new.id, new.statement, new.measure);
END;
CREATE TRIGGER expectations_fts_delete AFTER DELETE ON expectations BEGIN
  INSERT INTO expectations_fts(expectations_fts, rowid, statement, measure) VALUES ('delete', old.id, old.statement, old.measure);
END;

CREATE TRIGGER log_fts_insert AFTER INSERT ON log_entries BEGIN
  INSERT INTO log_fts(rowid, summary) VALUES (new.id, new.summary);
END;
CREATE TRIGGER log_fts_update AFTER UPDATE OF summary ON log_entries
  WHEN old.summary IS NOT new.summary BEGIN
  INSERT INTO log_fts(log_fts, rowid, summary) VALUES ('delete', old.id, old.summary);
  INSERT INTO log_fts(rowid, summary) VALUES (new.id, new.summary);
END;
CREATE TRIGGER log_fts_delete AFTER DELETE ON log_entries BEGIN
  INSERT INTO log_fts(log_fts, rowid, summary) VALUES ('delete', old.id, old.summary);
END;

-- Display order of each list as ascending columns, so a window is one index range:
-- issues: open first, worst first, newest first.
ALTER TABLE issues ADD COLUMN is_closed INTEGER GENERATED ALWAYS AS (status IN ('resolved','closed')) VIRTUAL;
ALTER TABLE issues ADD COLUMN newest_first INTEGER GENERATED ALWAYS AS (-id) VIRTUAL;
DROP INDEX issues_log;
DROP INDEX issues_by_project;
CREATE INDEX issues_window ON issues(archived_at, is_closed, severity_rank, newest_first);
CREATE INDEX issues_project_window ON issues(project_id, archived_at, is_closed, severity_rank, newest_first);
DROP INDEX issues_unnotified;
CREATE INDEX issues_unnotified ON issues(detected_at) WHERE archived_at IS NULL AND client_notified_at IS NULL AND is_closed = 0;
CREATE INDEX issues_resolved ON issues(project_id, resolved_at) WHERE resolved_at IS NOT NULL;

-- updates: pending first, by due time.
ALTER TABLE updates ADD COLUMN is_done INTEGER GENERATED ALWAYS AS (state IN ('sent','skipped')) VIRTUAL;
DROP INDEX updates_queue;
DROP INDEX updates_by_project;
CREATE INDEX updates_window ON updates(archived_at, is_done, due_at, id);
CREATE INDEX updates_project_window ON updates(project_id, archived_at, is_done, due_at, id);
CREATE INDEX updates_by_issue_state ON updates(issue_id, is_done);
CREATE INDEX updates_sent ON updates(project_id, sent_at) WHERE sent_at IS NOT NULL;

-- expectations: at risk, changed, agreed, proposed, then the settled ones; by category.
ALTER TABLE expectations ADD COLUMN status_rank INTEGER GENERATED ALWAYS AS (CASE status WHEN 'at-risk' THEN 0 WHEN 'changed' THEN 1 WHEN 'agreed' THEN 2 WHEN 'proposed' THEN 3 WHEN 'missed' THEN 4 WHEN 'met' THEN 5 ELSE 6 END) VIRTUAL;
DROP INDEX expectations_register;
DROP INDEX expectations_by_project;
CREATE INDEX expectations_window ON expectations(archived_at, status_rank, category, id);
CREATE INDEX expectations_project_window ON expectations(project_id, archived_at, status_rank, category, id);
CREATE INDEX expectations_due_live ON expectations(due_on) WHERE archived_at IS NULL AND status_rank <= 3;

-- log: newest first (the index is read backwards).
CREATE INDEX log_by_issue ON log_entries(issue_id, at) WHERE issue_id IS NOT NULL;
