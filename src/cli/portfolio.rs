//! `rapport --all-clients ...`: today, search, issue list, update list and report digest over
//! every client's file, each read-only (no rules run, nothing written). Every row names its
//! client; a file that cannot be read is named on stderr and the rest still print. The exit
//! code is 0 when at least one file was read.

use serde::Serialize;

use super::issues::IssueCmd;
use super::output::Out;
use super::reports::ReportCmd;
use super::updates::UpdateCmd;
use super::{Command, ListArgs};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::text::relative;
use crate::model::when::Zone;
use crate::model::{Issue, Update};
use crate::store::{self, IssueQuery, Listing, Store, UpdateQuery, Window};
use crate::workflow::portfolio::{self, ClientFile};
use crate::workflow::search::{self, Hit};
use crate::workflow::today::Section;

pub use super::digest::report_skipped;
pub use crate::workflow::portfolio::Portfolio;

/// What `--all-clients` works with, for the one-line refusal of anything else.
pub const COMMANDS: &str = "today, search, issue list, update list and report digest";

pub fn run(p: &Portfolio, command: Command, json: bool) -> Result<()> {
    let mut out = Out::new(json);
    match command {
        Command::Today { summary: true, .. } => Err(Error::Conflict(
            "today --summary reads one file; leave out --all-clients (or drop --summary)".into(),
        )),
        Command::Today { output, .. } => {
            let limit = output.apply(&mut out)?;
            today(p, &mut out, limit)
        }
        Command::Search { text, limit, shape } => {
            out.shape(&shape);
            let limit = limit
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    Error::invalid_because("limit", &limit, tr("a whole number such as 20"))
                })?;
            search_all(p, &mut out, &text, limit)
        }
        Command::Issue(IssueCmd::List { list, severity }) => {
            let limit = list.output.apply(&mut out)?;
            let severity = severity.map(|s| s.parse()).transpose()?;
            let rows = each(p, |_, store| {
                let q = IssueQuery {
                    project_id: project_in(store, &list)?,
                    severity,
                    include_closed: list.all,
                    text: list.search.clone(),
                };
                listed(store, &q, &list)
            })?;
            let (mut rows, n) = rows_or_count(rows);
            // Worst first across clients, then the newest.
            rows.sort_by(|a, b| {
                a.row
                    .severity
                    .cmp(&b.row.severity)
                    .then(b.row.detected_at.cmp(&a.row.detected_at))
            });
            rows.truncate(limit.unwrap_or(usize::MAX));
            print_rows(p, &mut out, &list, (rows, n), (ISSUE_HEADER, issue_cells))
        }
        Command::Update(UpdateCmd::List { list, issue }) => {
            let limit = list.output.apply(&mut out)?;
            if issue.is_some() {
                return Err(Error::invalid_because(
                    "--issue",
                    issue.as_deref().unwrap_or_default(),
                    tr("no --issue with --all-clients (issue numbers belong to one client's file)"),
                ));
            }
            let rows = each(p, |_, store| {
                let q = UpdateQuery {
                    project_id: project_in(store, &list)?,
                    issue_id: None,
                    include_done: list.all,
                    text: list.search.clone(),
                };
                listed(store, &q, &list)
            })?;
            let (mut rows, n) = rows_or_count(rows);
            // The queue's order across clients: pending first, soonest due first.
            rows.sort_by(|a, b| {
                (!a.row.state.is_pending(), a.row.due_at)
                    .cmp(&(!b.row.state.is_pending(), b.row.due_at))
            });
            rows.truncate(limit.unwrap_or(usize::MAX));
            print_rows(p, &mut out, &list, (rows, n), (UPDATE_HEADER, update_cells))
        }
        Command::Report(ReportCmd::Digest {
            format,
            output,
            force,
        }) => super::digest::run(p, &mut out, &format, output.as_deref(), force),
        _ => Err(Error::Conflict(format!(
            "--all-clients works with {COMMANDS} (or no command for the terminal interface)"
        ))),
    }
}

/// One row of a list and its client.
#[derive(Debug, Serialize)]
pub struct ClientRow<T> {
    pub client: String,
    #[serde(flatten)]
    pub row: T,
}

/// The rows `read` returns from every file, each with its client; files left out are named.
fn each<T: Send>(
    p: &Portfolio,
    read: impl Fn(&ClientFile, &Store) -> Result<Vec<T>> + Sync,
) -> Result<Vec<ClientRow<T>>> {
    let results = portfolio::read_each(&p.files, read);
    let (read, skipped) = portfolio::sort_out(&p.files, results);
    report_skipped(&skipped, read.len())?;
    Ok(read
        .into_iter()
        .flat_map(|(i, rows)| {
            let client = p.files[i].name.clone();
            rows.into_iter().map(move |row| ClientRow {
                client: client.clone(),
                row,
            })
        })
        .collect())
}

/// `--project` in one client's file: a file without that project lists nothing (`None`
/// inside `Some` is impossible: a missing project gives an id no row has).
fn project_in(store: &Store, list: &ListArgs) -> Result<Option<i64>> {
    match list.project.as_deref() {
        None => Ok(None),
        Some(key) => match store::projects::project_by_key(store.conn(), key) {
            Ok(p) => Ok(Some(p.id)),
            Err(Error::NotFound { .. }) => Ok(Some(-1)),
            Err(e) => Err(e),
        },
    }
}

/// The list's rows; with `--count` only their number (counted, not read).
fn listed<Q: Listing>(store: &Store, q: &Q, list: &ListArgs) -> Result<Vec<Counted<Q::Row>>> {
    if list.count {
        return Ok(vec![Counted::Many(q.count(store.conn())?)]);
    }
    Ok(q.list(store.conn(), Window::ALL)?
        .into_iter()
        .map(Counted::Row)
        .collect())
}

/// A row of a list, or (for `--count`) how many rows a file has.
pub enum Counted<T> {
    Row(T),
    Many(usize),
}

/// The rows of every file, or their number for `--count`.
fn rows_or_count<T>(rows: Vec<ClientRow<Counted<T>>>) -> (Vec<ClientRow<T>>, usize) {
    let mut out = Vec::new();
    let mut n = 0;
    for r in rows {
        match r.row {
            Counted::Row(row) => {
                n += 1;
                out.push(ClientRow {
                    client: r.client,
                    row,
                });
            }
            Counted::Many(k) => n += k,
        }
    }
    (out, n)
}

fn print_rows<T: Serialize>(
    p: &Portfolio,
    out: &mut Out,
    list: &ListArgs,
    (rows, count): (Vec<ClientRow<T>>, usize),
    (header, cells): (&[&str], Cells<T>),
) -> Result<()> {
    if list.count {
        return if out.json {
            out.json(&serde_json::json!({ "count": count }))
        } else {
            out.line(&count.to_string())
        };
    }
    if out.json {
        return out.json(&rows);
    }
    let table: Vec<Vec<String>> = rows.iter().map(|r| cells(p, r)).collect();
    if table.is_empty() {
        return out.line(tr("nothing to list"));
    }
    out.table(header, &table)
}

/// The cells of one row of a list.
type Cells<T> = fn(&Portfolio, &ClientRow<T>) -> Vec<String>;

const ISSUE_HEADER: &[&str] = &[
    "client", "id", "project", "severity", "status", "title", "detected",
];
const UPDATE_HEADER: &[&str] = &["client", "id", "due", "state", "kind", "project", "subject"];

fn issue_cells(p: &Portfolio, r: &ClientRow<Issue>) -> Vec<String> {
    let i = &r.row;
    vec![
        r.client.clone(),
        i.id.to_string(),
        i.project.clone(),
        i.severity.to_string(),
        i.status.to_string(),
        i.title.clone(),
        relative(p.now, i.detected_at),
    ]
}

fn update_cells(p: &Portfolio, r: &ClientRow<Update>) -> Vec<String> {
    let u = &r.row;
    vec![
        r.client.clone(),
        u.id.to_string(),
        relative(p.now, u.due_at),
        u.state.to_string(),
        u.kind.to_string(),
        u.project.clone(),
        u.subject.clone(),
    ]
}

/// `limit`: at most this many rows per section.
fn today(p: &Portfolio, out: &mut Out, limit: Option<usize>) -> Result<()> {
    let mut all = p.today(p.now, Zone::Local);
    if let Some(n) = limit {
        let mut shown = std::collections::HashMap::new();
        all.items.retain(|i| {
            let k = shown.entry(i.item.section as u8).or_insert(0usize);
            *k += 1;
            *k <= n
        });
    }
    report_skipped(&all.skipped, all.clients.len())?;
    if out.json {
        return out.json(&all);
    }
    for section in Section::ALL {
        let items: Vec<_> = all
            .items
            .iter()
            .filter(|i| i.item.section == section)
            .collect();
        if items.is_empty() {
            continue;
        }
        let total = all.total(section);
        let count = if total > items.len() {
            format!("{} of {total}", items.len())
        } else {
            items.len().to_string()
        };
        out.line(&format!("{} ({count})", section.title()))?;
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|c| {
                let i = &c.item;
                vec![
                    format!("  {}", c.client),
                    format!("{} {}", i.record.kind(), i.record.id()),
                    crate::i18n::value(&i.tag),
                    i.project.clone(),
                    i.shown().to_string(),
                    i.when.map(|t| relative(all.now, t)).unwrap_or_default(),
                ]
            })
            .collect();
        out.table(&[], &rows)?;
        out.line("")?;
    }
    out.line(tr("Clients"))?;
    let rows: Vec<Vec<String>> = all
        .clients
        .iter()
        .map(|c| {
            vec![
                format!("  {}", c.client),
                c.rating.as_str().to_string(),
                format!("{} overdue", c.overdue),
                format!("{} to act on", c.attention),
                c.last_contact
                    .map(|t| format!("last contact {}", relative(all.now, t)))
                    .unwrap_or_else(|| "no contact logged".into()),
            ]
        })
        .collect();
    out.table(&[], &rows)
}

/// Search hits and their client, by kind as one file's search, newest first across clients.
fn search_all(p: &Portfolio, out: &mut Out, text: &str, limit: usize) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid_because(
            "search text",
            text,
            tr("some words to look for"),
        ));
    }
    let mut hits = each(p, |_, store| search::all(store, text, limit))?;
    let kind = |h: &Hit| {
        ["issue", "update", "expectation", "log"]
            .iter()
            .position(|k| *k == h.record)
            .unwrap_or(4)
    };
    hits.sort_by(|a, b| {
        kind(&a.row)
            .cmp(&kind(&b.row))
            .then(b.row.at.cmp(&a.row.at))
    });
    let mut per_kind = [0usize; 5];
    hits.retain(|h| {
        let n = &mut per_kind[kind(&h.row)];
        *n += 1;
        *n <= limit
    });
    if out.json {
        return out.json(&hits);
    }
    if hits.is_empty() {
        return out.line(&trf("nothing matches '{text}'", &[("text", &text)]));
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            vec![
                h.client.clone(),
                format!("{} {}", h.row.record, h.row.id),
                h.row.project.clone(),
                h.row.at.map(|t| relative(p.now, t)).unwrap_or_default(),
                h.row.text.clone(),
            ]
        })
        .collect();
    out.table(&["client", "record", "project", "when", "text"], &rows)
}
