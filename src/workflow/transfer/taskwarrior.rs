//! Bringing a taskwarrior list in: `task export` JSON (an array, or one task per line), each
//! task an issue. Each task's uuid is kept (`import_keys`), so importing the list again
//! updates the issues it made instead of adding them twice.
//!
//! description → title, project → project (created on first mention; tasks without one go to
//! the project named by `--project`, else "taskwarrior"), priority H/M/L → high/medium/low and
//! no priority → low (taskwarrior ranks an unprioritised task below L), entry → detected,
//! completed → resolved and deleted → closed (at the task's end time), annotations → progress
//! notes. Tasks are loaded in bulk: no notice is drafted during the import; the rules queue
//! them as for any issue the client has not been told of.

use std::collections::HashMap;
use std::io::BufRead;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::de::{Error as _, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::super::{Policy, issues};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{self, IssueStatus, NewIssue, Severity};
use crate::store::{self, Store, transfer};

/// The source name recorded with each task's uuid.
pub const SOURCE: &str = "taskwarrior";

#[derive(Debug, Deserialize)]
struct Task {
    uuid: String,
    description: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    priority: Option<String>,
    #[serde(default)]
    entry: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    annotations: Vec<Annotation>,
}

#[derive(Debug, Deserialize)]
struct Annotation {
    #[serde(default)]
    entry: Option<String>,
    description: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TaskSummary {
    pub tasks: u64,
    pub added: u64,
    pub updated: u64,
    pub notes_added: u64,
    pub projects_created: u64,
    pub dry_run: bool,
}

/// Options of a taskwarrior import.
#[derive(Debug, Clone)]
pub struct TaskImport {
    /// The project of tasks that name none.
    pub default_project: String,
    pub cadence: Option<model::Cadence>,
    pub dry_run: bool,
}

/// Reads `task export` output into the file in one transaction; a task that cannot be read
/// stops the import (naming it) and nothing is written.
pub fn import(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    opts: &TaskImport,
    input: impl BufRead,
) -> Result<TaskSummary> {
    import_with(store, now, policy, opts, input, &mut |_, _, _| {})
}

/// [`import`], reporting ("import", tasks read, 0) as it goes, then the search index.
pub fn import_with(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    opts: &TaskImport,
    mut input: impl BufRead,
    step: super::Step<'_>,
) -> Result<TaskSummary> {
    let is_array = loop {
        let buf = input
            .fill_buf()
            .map_err(|e| Error::io(tr("cannot read the taskwarrior export"), e))?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let first = buf[i];
                input.consume(i);
                break first == b'[';
            }
            None if buf.is_empty() => break false,
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    };
    let run = |tx: &rusqlite::Transaction<'_>| -> Result<TaskSummary> {
        store::bulk::grow_cache(tx)?;
        // Into a file with records the indexes stay: each task looks up its uuid and its
        // issue's notes. Into an empty one every issue is new (its notes checked among the
        // task's own), so the indexes of the issues and their notes are built once after the
        // rows, as an import does; the uuids' own key stays (a task listed twice is still one
        // issue), and so do the indexes the new projects' first reports are queued through.
        let fresh = transfer::is_empty(tx, &transfer::tables(tx)?)?;
        let aside =
            transfer::set_aside_for_load_into(tx, fresh.then_some(&["issues", "issue_notes"][..]))?;
        let mut state = Loading {
            tx,
            now,
            now_text: store::ts(now),
            policy,
            opts,
            projects: HashMap::new(),
            summary: TaskSummary {
                dry_run: opts.dry_run,
                ..TaskSummary::default()
            },
        };
        store::history::paused(tx, || {
            read_tasks(input, is_array, &mut |t| {
                state.task(t)?;
                if state.summary.tasks.is_multiple_of(super::REPORT_EVERY) {
                    step("import", state.summary.tasks, 0);
                }
                Ok(())
            })
        })?;
        step("import", state.summary.tasks, 0);
        aside.restore(tx, &mut *step)?;
        Ok(state.summary)
    };
    if opts.dry_run {
        store.rehearse(run)
    } else {
        let summary = store.write_as("import", run)?;
        store.analyze()?;
        Ok(summary)
    }
}

/// Calls `each` with every task as it is read (an array is walked element by element, so a
/// list of any length takes the memory of one task).
fn read_tasks(
    input: impl BufRead,
    is_array: bool,
    each: &mut dyn FnMut(Task) -> Result<()>,
) -> Result<()> {
    let mut stopped: Option<Error> = None;
    let parsed = if is_array {
        let mut de = serde_json::Deserializer::from_reader(input);
        serde::Deserializer::deserialize_seq(
            &mut de,
            Each {
                each: &mut *each,
                stopped: &mut stopped,
            },
        )
        .and_then(|()| de.end())
    } else {
        let mut result = Ok(());
        for task in serde_json::Deserializer::from_reader(input).into_iter::<Task>() {
            match task {
                Ok(t) => {
                    if let Err(e) = each(t) {
                        stopped = Some(e);
                        break;
                    }
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        result
    };
    if let Some(e) = stopped {
        return Err(e);
    }
    parsed.map_err(|e| {
        Error::Conflict(format!(
            "line {}: not a taskwarrior export ({e}); nothing was imported",
            e.line()
        ))
    })
}

struct Each<'a> {
    each: &'a mut dyn FnMut(Task) -> Result<()>,
    stopped: &'a mut Option<Error>,
}

impl<'de> Visitor<'de> for Each<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of tasks")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(task) = seq.next_element::<Task>()? {
            if let Err(e) = (self.each)(task) {
                *self.stopped = Some(e);
                return Err(A::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

struct Loading<'a> {
    tx: &'a rusqlite::Connection,
    now: DateTime<Utc>,
    now_text: String,
    policy: &'a Policy,
    opts: &'a TaskImport,
    projects: HashMap<String, i64>,
    summary: TaskSummary,
}

impl Loading<'_> {
    fn task(&mut self, task: Task) -> Result<()> {
        self.summary.tasks += 1;
        let n = self.summary.tasks;
        let uuid = task.uuid.clone();
        self.load(task).map_err(|e| {
            Error::Conflict(format!("task {n} (uuid {uuid}): {e}; nothing was imported"))
        })
    }

    fn load(&mut self, task: Task) -> Result<()> {
        let title = model::required_line("description", &task.description)?;
        let severity = match task.priority.as_deref().map(str::trim) {
            Some("H") => Severity::High,
            Some("M") => Severity::Medium,
            Some("L") => Severity::Low,
            None | Some("") => Severity::Low,
            Some(other) => return Err(Error::invalid("priority", other, "H, M, L".into())),
        };
        let detected = match &task.entry {
            Some(t) => issues::check_detected(self.now, tw_time("entry", t)?)?,
            None => self.now,
        };
        let ended = task.end.as_deref().map(|t| tw_time("end", t)).transpose()?;
        let closed = match task.status.as_str() {
            "completed" => Some(IssueStatus::Resolved),
            "deleted" => Some(IssueStatus::Closed),
            "pending" | "waiting" | "recurring" | "" => None,
            other => {
                return Err(Error::invalid(
                    "status",
                    other,
                    "pending, waiting, recurring, completed, deleted".into(),
                ));
            }
        };
        let project_name = task
            .project
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or(&self.opts.default_project);
        let (project_id, created) = super::ensure_project(
            self.tx,
            self.now,
            self.policy,
            self.opts.cadence,
            project_name,
            &mut self.projects,
        )?;
        if created {
            self.summary.projects_created += 1;
        }
        let resolved_at = closed.map(|_| ended.unwrap_or(self.now));
        let mut new_issue = false;
        let id = match transfer::keyed_issue(self.tx, SOURCE, &task.uuid)? {
            None => {
                new_issue = true;
                let new = NewIssue {
                    project_id,
                    title,
                    description: String::new(),
                    severity,
                    status: closed.unwrap_or(IssueStatus::New),
                    detected_at: detected,
                    owner: String::new(),
                    our_fault: false,
                    cause: String::new(),
                    impact: String::new(),
                };
                let id = store::issues::insert_issue(self.tx, &new, self.now)?;
                if let Some(at) = resolved_at {
                    transfer::set_resolved_at(self.tx, id, Some(&store::ts(at)))?;
                }
                transfer::set_issue_key(self.tx, SOURCE, &task.uuid, id)?;
                self.summary.added += 1;
                id
            }
            Some(id) => {
                let mut issue = store::issues::get(self.tx, id)?;
                let before = issue.clone();
                issue.project_id = project_id;
                issue.title = title;
                issue.severity = severity;
                issue.detected_at = detected;
                match closed {
                    Some(status) => {
                        if issue.status != status {
                            issue.resolved_at = resolved_at;
                        }
                        issue.status = status;
                    }
                    // Still open there: rapport's own progress (investigating, ...) stays.
                    None if !issue.status.is_open() => {
                        issue.status = IssueStatus::New;
                        issue.resolved_at = None;
                    }
                    None => {}
                }
                if issue != before {
                    issue.updated_at = self.now;
                    store::issues::save(self.tx, &issue)?;
                    self.summary.updated += 1;
                }
                id
            }
        };
        // A new issue holds only the notes added here: they are looked up among those.
        let mut added: Vec<(String, String)> = Vec::new();
        for note in &task.annotations {
            let text = model::required_line("annotation", &note.description)?;
            let at = match &note.entry {
                Some(t) => store::ts(tw_time("annotation entry", t)?),
                None => self.now_text.clone(),
            };
            let held = if new_issue {
                added.iter().any(|(a, t)| *a == at && *t == text)
            } else {
                transfer::has_note(self.tx, id, &at, &text)?
            };
            if !held {
                if new_issue {
                    added.push((at.clone(), text.clone()));
                }
                transfer::add_note(self.tx, id, &at, &text, &self.now_text)?;
                self.summary.notes_added += 1;
            }
        }
        Ok(())
    }
}

/// A taskwarrior time: `20261118T090000Z` (what `task export` writes) or RFC 3339.
fn tw_time(what: &str, text: &str) -> Result<DateTime<Utc>> {
    let at = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ")
        .map(|t| t.and_utc())
        .or_else(|_| DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)))
        .map_err(|_| Error::invalid_because(what, text, tr("a time such as 20261118T090000Z")))?;
    model::when::check_range(what, text, at)
}
