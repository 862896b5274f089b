-- rapport schema: what the interactions on years of records need to stay within 10 ms.
--
-- Unanswered feedback was found by walking every unhandled complaint and request of the log
-- (166,804 on the huge demo: 2 s for each Today) to look for its reply; it is now found from
-- the replies still open, which this index holds (a reply's rule key is 'reply:<log id>').
CREATE INDEX updates_open_replies ON updates(rule_key)
    WHERE rule_key >= 'reply:' AND rule_key < 'reply;' AND state <> 'sent' AND archived_at IS NULL;

-- A project's status reports (one a week): the report schedule asked for the last one by
-- walking every update of the project (7,500 on the huge demo, 8 ms a project).
CREATE INDEX updates_status_reports ON updates(project_id, due_at)
    WHERE kind = 'status' AND archived_at IS NULL;

-- The number of live (not archived) rows of the long lists, kept by triggers.
-- A list pane shows "n/total"; after every change its total was counted again, and counting
-- the million live log entries of years of records takes 60 ms (a save must take 10).
-- WITHOUT ROWID: a derived number, so the history records no change of it.
CREATE TABLE live_counts (
    tbl TEXT PRIMARY KEY,
    n   INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO live_counts (tbl, n)
    SELECT 'issues', count(*) FROM issues WHERE archived_at IS NULL
    UNION ALL SELECT 'expectations', count(*) FROM expectations WHERE archived_at IS NULL
    UNION ALL SELECT 'log_entries', count(*) FROM log_entries WHERE archived_at IS NULL;

CREATE TRIGGER live_count_issues_insert AFTER INSERT ON issues WHEN NEW.archived_at IS NULL
BEGIN UPDATE live_counts SET n = n + 1 WHERE tbl = 'issues'; END;
CREATE TRIGGER live_count_issues_archive AFTER UPDATE OF archived_at ON issues
WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN UPDATE live_counts SET n = n + iif(NEW.archived_at IS NULL, 1, -1) WHERE tbl = 'issues'; END;
CREATE TRIGGER live_count_issues_delete AFTER DELETE ON issues WHEN OLD.archived_at IS NULL
BEGIN UPDATE live_counts SET n = n - 1 WHERE tbl = 'issues'; END;

CREATE TRIGGER live_count_expectations_insert AFTER INSERT ON expectations WHEN NEW.archived_at IS NULL
BEGIN UPDATE live_counts SET n = n + 1 WHERE tbl = 'expectations'; END;
CREATE TRIGGER live_count_expectations_archive AFTER UPDATE OF archived_at ON expectations
WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN UPDATE live_counts SET n = n + iif(NEW.archived_at IS NULL, 1, -1) WHERE tbl = 'expectations'; END;
CREATE TRIGGER live_count_expectations_delete AFTER DELETE ON expectations WHEN OLD.archived_at IS NULL
BEGIN UPDATE live_counts SET n = n - 1 WHERE tbl = 'expectations'; END;

CREATE TRIGGER live_count_log_insert AFTER INSERT ON log_entries WHEN NEW.archived_at IS NULL
BEGIN UPDATE live_counts SET n = n + 1 WHERE tbl = 'log_entries'; END;
CREATE TRIGGER live_count_log_archive AFTER UPDATE OF archived_at ON log_entries
WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN UPDATE live_counts SET n = n + iif(NEW.archived_at IS NULL, 1, -1) WHERE tbl = 'log_entries'; END;
CREATE TRIGGER live_count_log_delete AFTER DELETE ON log_entries WHEN OLD.archived_at IS NULL
BEGIN UPDATE live_counts SET n = n - 1 WHERE tbl = 'log_entries'; END;
