-- rapport schema 12: shorter history triggers. Every connection parses the triggers on its
-- first statement, readers too, and the portfolio opens every client's file at once: the
-- triggers were two thirds of the schema's text. From this version an insert records only
-- which row it made, and a change only the values before it (the values after are the next
-- change's values before, or the row as it is now); one trigger on `changes` pauses the
-- history during bulk loads instead of a check in every trigger. The triggers themselves
-- are generated when the file is opened (src/store/history.rs); what this version marks is
-- the new form of the rows in `changes`, which an older rapport would misread.
DROP TRIGGER IF EXISTS history_paused;
