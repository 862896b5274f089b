-- rapport schema: an issue's updates in the queue's order, for its detail view and the rules.
-- The queue index (archived_at, is_done, due_at, id) left issue_id out of its prefix, so one
-- issue's updates walked the whole live queue (540 ms on 300,000 updates).
CREATE INDEX updates_issue_window ON updates(issue_id, archived_at, is_done, due_at, id);
-- The log of one issue in its display order.
CREATE INDEX log_issue_window ON log_entries(issue_id, archived_at, at, id) WHERE issue_id IS NOT NULL;
