-- rapport schema: the two per-project figures of Today's health lines, read from small
-- indexes of the rows they ask about.
--
-- Today rates every active project each time it is read (after every change, every
-- minute). On the huge demo (44 projects, 1,000,000 log entries, 50,000 expectations) the
-- client's mood (the last five inbound entries' sentiment) walked the project's log index
-- and read each entry from the table to tell inbound from outbound (1.6 ms of a 14 ms
-- load); this index holds the inbound entries alone with their sentiment, so five index
-- entries answer. The expectations at risk or missed were counted in the project's window
-- index among its other columns; this one holds only them. The queries name the indexes
-- (INDEXED BY): the planner does not prefer a partial index over the wider one by itself.
CREATE INDEX log_inbound_mood ON log_entries(project_id, at, sentiment)
    WHERE archived_at IS NULL AND direction = 'in';
CREATE INDEX expectations_troubled ON expectations(project_id)
    WHERE archived_at IS NULL AND status_rank IN (0, 4);
