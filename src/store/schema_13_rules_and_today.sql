-- rapport schema: the indexes the rules and Today's load need on years of records.
--
-- Whether a project has its closing update, and when it last asked for a review, were found
-- by walking every live update of the project (7,500 a project on the huge demo: 330 ms of
-- CPU for the rules over 44 projects, each time they run). Each is now found among the few
-- rows it asks about. The queries name these indexes (INDEXED BY): the planner does not
-- pick a partial index over the project's window index by itself.
CREATE INDEX updates_closing ON updates(project_id)
    WHERE kind = 'closing' AND state <> 'skipped' AND archived_at IS NULL;
CREATE INDEX updates_review_requests ON updates(project_id, due_at)
    WHERE rule_key >= 'review-request:' AND rule_key < 'review-request;' AND archived_at IS NULL;

-- Today counts the expectations due soon that are not settled: the due-date index left out
-- their status, so each of the 12,000 due ones was read from the table (26 ms of CPU, half
-- of Today's load); with the status in the index the count reads the index alone (1.7 ms).
CREATE INDEX expectations_due_rank ON expectations(due_on, status_rank)
    WHERE archived_at IS NULL AND status_rank <= 3;
