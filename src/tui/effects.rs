//! Carries out the effects `update` asks for, against the store and the workflow, and feeds
//! the results back into the app. The only place the TUI touches data.

use super::app::{App, CountStamp, DetailData, ListPane, Mode, Pane};
use super::form::{Form, FormKind};
use crate::clock::Clock;
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{
    self, ExpectationQuery, IssueQuery, Listing, LogQuery, Page, Store, UpdateQuery, Window,
};
use crate::workflow::{self, Done, Policy, Record, today};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Re-query the window (and count) of one pane.
    Load(Pane),
    /// The pane's filter text changed: like `Load`, but the TUI hands it to the background
    /// reader so the next keystroke never waits for it.
    Filter(Pane),
    LoadAll,
    LoadDetail(Record),
    Submit(Box<Form>),
    Archive(Record),
    Undo(Box<Done>),
    MarkSent(i64),
    Skip(i64),
    /// Show a record in its pane, selected.
    Jump(Record),
    /// Draft the update an issue needs now, then show it.
    Draft(i64),
    /// Put an update's subject and body on the clipboard.
    Copy(i64),
    /// Advance the clock; reload if another process changed the file.
    Tick,
    /// Apply the communication rules (after the first frame, so opening is instant).
    ApplyRules,
}

pub struct Effects<'a> {
    pub store: &'a mut Store,
    pub clock: Clock,
    pub policy: &'a Policy,
}

impl Effects<'_> {
    pub fn run_all(&mut self, app: &mut App, effects: Vec<Effect>) {
        for e in effects {
            if let Err(err) = self.run(app, e) {
                app.error(err.to_string());
            }
        }
    }

    pub fn run(&mut self, app: &mut App, effect: Effect) -> Result<()> {
        match effect {
            Effect::Load(pane) | Effect::Filter(pane) => load(self.store, app, pane),
            Effect::LoadAll => load_all(self.store, app),
            Effect::LoadDetail(record) => {
                if let Record::Update(id) = record {
                    // The reader sees the draft with today's facts.
                    workflow::updates::refresh_draft(self.store, app.now, self.policy, id)?;
                }
                let data = detail(self.store, record)?;
                if let Mode::Detail(d) = &mut app.mode {
                    d.data = Some(data);
                }
                Ok(())
            }
            Effect::Submit(form) => self.submit(app, *form),
            Effect::Archive(record) => {
                let done = workflow::undo::archive(self.store, app.now, record)?;
                app.undo.push(done);
                app.info(format!("{record} archived (u undoes)"));
                load_all(self.store, app)
            }
            Effect::Undo(done) => {
                workflow::undo::apply(self.store, app.now, &done.undo)?;
                app.info(format!("undone: last change to {}", done.record));
                load_all(self.store, app)
            }
            Effect::MarkSent(id) => {
                let (u, done) =
                    workflow::updates::mark_sent(self.store, app.now, self.policy, id, app.now)?;
                app.undo.push(done);
                app.info(format!(
                    "update {id} marked sent and logged: {}",
                    text::preview(&u.subject, 40)
                ));
                load_all(self.store, app)
            }
            Effect::Skip(id) => {
                let (_, done) = workflow::updates::skip(self.store, app.now, self.policy, id)?;
                app.undo.push(done);
                app.info(format!("update {id} skipped (u undoes)"));
                load_all(self.store, app)
            }
            Effect::Jump(record) => jump(self.store, app, record),
            Effect::Draft(issue_id) => {
                let (u, done) = workflow::updates::draft_issue_update(
                    self.store,
                    app.now,
                    self.policy,
                    issue_id,
                    None,
                )?;
                app.undo.push(done);
                load_all(self.store, app)?;
                jump(self.store, app, Record::Update(u.id))?;
                app.info(format!(
                    "{} update {} drafted for issue {issue_id}: e edits, y copies, s marks sent",
                    u.kind, u.id
                ));
                app.mode = Mode::Detail(super::app::Detail {
                    record: Record::Update(u.id),
                    data: Some(detail(self.store, Record::Update(u.id))?),
                    scroll: 0,
                });
                Ok(())
            }
            Effect::Copy(id) => {
                let u = workflow::updates::refresh_draft(self.store, app.now, self.policy, id)?;
                app.clipboard = Some(format!("{}\n\n{}", u.subject, u.body));
                app.info(format!("update {id} copied to the clipboard"));
                Ok(())
            }
            Effect::ApplyRules => {
                let queued = workflow::rules::apply_all(self.store, app.now, self.policy)?;
                if queued > 0 {
                    app.info(format!("{queued} update(s) queued by the rules"));
                }
                load_all(self.store, app)
            }
            Effect::Tick => {
                let now = self.clock.now();
                let minute_changed = now.timestamp() / 60 != app.now.timestamp() / 60;
                app.now = now;
                let version = self.store.data_version()?;
                if version != app.data_version {
                    app.data_version = version;
                    load_all(self.store, app)?;
                } else if minute_changed {
                    load(self.store, app, Pane::Today)?;
                }
                Ok(())
            }
        }
    }

    fn submit(&mut self, app: &mut App, mut form: Form) -> Result<()> {
        match save_form(self.store, self.policy, app, &form) {
            Ok(done) => {
                let record = done.record;
                app.undo.push(done);
                app.mode = Mode::Normal;
                app.info(format!("{record} saved"));
                app.projects = store::projects::list_projects(self.store.conn(), false)?;
                load_all(self.store, app)?;
                jump(self.store, app, record)
            }
            Err(Error::Invalid {
                what,
                value,
                allowed,
            }) => {
                form.set_error(
                    &what,
                    format!("invalid {what} '{value}': expected {allowed}"),
                );
                app.mode = Mode::Form(Box::new(form));
                Ok(())
            }
            Err(e @ (Error::NotFound { .. } | Error::Conflict(_))) => {
                form.error = Some(e.to_string());
                app.mode = Mode::Form(Box::new(form));
                Ok(())
            }
            Err(e) => {
                form.error = Some(e.to_string());
                app.mode = Mode::Form(Box::new(form));
                Err(e)
            }
        }
    }
}

fn agenda(store: &Store, app: &App) -> Result<today::Agenda> {
    today::agenda(store, app.now, app.zone)
}

fn scope(p: &Option<(i64, String)>) -> Option<i64> {
    p.as_ref().map(|(id, _)| *id)
}

pub(crate) fn issue_query(app: &App) -> IssueQuery {
    IssueQuery {
        project_id: scope(&app.issues.project),
        severity: None,
        include_closed: true,
        text: app.issues.text_filter(),
    }
}

pub(crate) fn update_query(app: &App) -> UpdateQuery {
    UpdateQuery {
        project_id: scope(&app.queue.project),
        issue_id: None,
        include_done: false,
        text: app.queue.text_filter(),
    }
}

pub(crate) fn expectation_query(app: &App) -> ExpectationQuery {
    ExpectationQuery {
        project_id: scope(&app.expectations.project),
        include_settled: true,
        text: app.expectations.text_filter(),
        ..Default::default()
    }
}

pub(crate) fn log_query(app: &App) -> LogQuery {
    LogQuery {
        project_id: scope(&app.log.project),
        issue_id: None,
        text: app.log.text_filter(),
    }
}

/// A text filter's count stops here ("1000+"); below it the count is exact and the
/// matches are ranked best first.
pub const FILTER_COUNT_CAP: usize = store::window::RANK_LIMIT;

/// Loads the window of a list pane: the count (cached until the data, the filter or the
/// scope change), then the page that shows the selection, read from a key next to the rows
/// already on screen wherever possible, so scrolling costs a page whatever the table size.
pub(crate) fn load_list<Q: Listing>(
    conn: &Connection,
    q: &Q,
    pane: &mut ListPane<Q::Row>,
    page: usize,
    generation: u64,
) -> Result<()>
where
    Q::Row: Clone,
{
    let stamp = CountStamp {
        filter: pane.filter.clone(),
        project: pane.project.as_ref().map(|p| p.0),
        generation,
    };
    if pane.counted.as_ref() != Some(&stamp) {
        let filtered = q.text_filter().is_some();
        let cap = if filtered {
            FILTER_COUNT_CAP
        } else {
            usize::MAX
        };
        pane.total = q.count_capped(conn, cap)?;
        pane.exact = !filtered || pane.total < FILTER_COUNT_CAP;
        // A small match set is worth ranking; a large one is read newest first.
        pane.ranked = q.rankable() && pane.exact;
        pane.counted = Some(stamp);
    }
    let prev_offset = pane.rows_at;
    let prev = std::mem::take(&mut pane.rows);
    let sel = pane.selected;
    pane.select(sel, page);
    let offset = pane.offset;
    if pane.total == 0 {
        return Ok(());
    }
    let fetch = |p: &Page, n: usize| q.window(conn, p, n);
    let from_prev = |i: usize| prev.get(i).map(|r| q.key(r));
    pane.rows = if pane.ranked {
        fetch(&Page::Ranked(offset), page)?
    } else if offset == 0 {
        fetch(&Page::First, page)?
    } else if pane.exact && offset + page >= pane.total {
        let rows = fetch(&Page::Last, page)?;
        pane.offset = pane.total.saturating_sub(rows.len());
        rows
    } else if let Some(k) = (offset == prev_offset).then(|| from_prev(0)).flatten() {
        fetch(&Page::From(k), page)?
    } else if let Some(k) = (offset > prev_offset && offset <= prev_offset + prev.len())
        .then(|| from_prev(offset - prev_offset - 1))
        .flatten()
    {
        fetch(&Page::After(k), page)?
    } else if let Some(k) = (offset < prev_offset && prev_offset - offset <= page)
        .then(|| from_prev(0))
        .flatten()
    {
        let mut rows = fetch(&Page::Before(k), prev_offset - offset)?;
        rows.extend(prev.iter().take(page.saturating_sub(rows.len())).cloned());
        rows
    } else {
        fetch(&Page::Offset(offset), page)?
    };
    pane.rows_at = pane.offset;
    Ok(())
}

/// Queries the count and the visible window of one pane; never a whole table.
pub fn load(store: &Store, app: &mut App, pane: Pane) -> Result<()> {
    let conn = store.conn();
    let page = app.page();
    let generation = app.generation;
    match pane {
        Pane::Today => {
            app.today.agenda = Some(agenda(store, app)?);
            let n = app.today.items().len();
            app.today.selected = app.today.selected.min(n.saturating_sub(1));
        }
        Pane::Issues => load_list(conn, &issue_query(app), &mut app.issues, page, generation)?,
        Pane::Queue => load_list(conn, &update_query(app), &mut app.queue, page, generation)?,
        Pane::Expectations => load_list(
            conn,
            &expectation_query(app),
            &mut app.expectations,
            page,
            generation,
        )?,
        Pane::Log => load_list(conn, &log_query(app), &mut app.log, page, generation)?,
    }
    Ok(())
}

/// Reloads the project list, the current pane and Today (the badge counts come from it).
pub fn load_all(store: &Store, app: &mut App) -> Result<()> {
    // Something changed: counts are taken again.
    app.generation += 1;
    app.projects = store::projects::list_projects(store.conn(), false)?;
    app.data_version = store.data_version()?;
    load(store, app, Pane::Today)?;
    if app.pane != Pane::Today {
        load(store, app, app.pane)?;
    }
    Ok(())
}

fn detail(store: &Store, record: Record) -> Result<DetailData> {
    let conn = store.conn();
    Ok(match record {
        Record::Issue(id) => {
            let issue = store::issues::get(conn, id)?;
            let updates = UpdateQuery {
                issue_id: Some(id),
                include_done: true,
                ..Default::default()
            }
            .list(conn, Window::new(0, 50))?;
            let log = LogQuery {
                issue_id: Some(id),
                ..Default::default()
            }
            .list(conn, Window::new(0, 50))?;
            DetailData::Issue(Box::new(issue), updates, log)
        }
        Record::Update(id) => DetailData::Update(Box::new(store::updates::get(conn, id)?)),
        Record::Expectation(id) => {
            DetailData::Expectation(Box::new(store::expectations::get(conn, id)?))
        }
        Record::Log(id) => DetailData::Log(Box::new(store::log::get(conn, id)?)),
        Record::Project(id) => {
            return Err(Error::not_found("detail view for project", id));
        }
    })
}

/// Switches to the record's pane with the record selected (filters cleared so it shows).
fn jump(store: &Store, app: &mut App, record: Record) -> Result<()> {
    let conn = store.conn();
    let pane = match record {
        Record::Project(id) => {
            app.pane = Pane::Today;
            app.today.filter.clear();
            load(store, app, Pane::Today)?;
            let items = app.today.items();
            app.today.selected = items
                .iter()
                .position(|i| i.record == Record::Project(id))
                .unwrap_or(0);
            return Ok(());
        }
        Record::Issue(_) => Pane::Issues,
        Record::Update(_) => Pane::Queue,
        Record::Expectation(_) => Pane::Expectations,
        Record::Log(_) => Pane::Log,
    };
    app.pane = pane;
    let page = app.page();
    match record {
        Record::Issue(id) => {
            app.issues.filter.clear();
            app.issues.project = None;
            jump_in(conn, &issue_query(app), &mut app.issues, id, page)?;
        }
        Record::Update(id) => {
            app.queue.filter.clear();
            app.queue.project = None;
            jump_in(conn, &update_query(app), &mut app.queue, id, page)?;
        }
        Record::Expectation(id) => {
            app.expectations.filter.clear();
            app.expectations.project = None;
            jump_in(
                conn,
                &expectation_query(app),
                &mut app.expectations,
                id,
                page,
            )?;
        }
        Record::Log(id) => {
            app.log.filter.clear();
            app.log.project = None;
            jump_in(conn, &log_query(app), &mut app.log, id, page)?;
        }
        Record::Project(_) => return Ok(()),
    }
    // One load: it counts, clamps the selection and slides the window from the rows read
    // here by key (never an OFFSET, however deep the record).
    load(store, app, pane)
}

/// Selects record `id` in `pane` with the window starting at it, read from its key.
fn jump_in<Q: Listing>(
    conn: &Connection,
    q: &Q,
    pane: &mut ListPane<Q::Row>,
    id: i64,
    page: usize,
) -> Result<()> {
    let key = q.record_key(conn, id)?;
    let pos = q.position_of(conn, &key)?;
    pane.rows = q.window(conn, &Page::From(key), page)?;
    (pane.selected, pane.offset, pane.rows_at) = (pos, pos, pos);
    Ok(())
}

fn project_id(app: &App, form: &Form) -> Result<i64> {
    let name = form.value("project");
    app.projects
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.id)
        .ok_or_else(|| {
            Error::invalid_because("project", name, "a project from the list (P adds one)")
        })
}

fn opt_id(form: &Form, key: &str) -> Option<i64> {
    form.value(key).trim_start_matches('#').parse().ok()
}

/// Turns a checked form into the same library call the CLI makes.
fn save_form(store: &mut Store, policy: &Policy, app: &App, form: &Form) -> Result<Done> {
    let now = app.now;
    let zone = app.zone;
    let when = |key: &str| -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let v = form.value(key);
        if v.is_empty() || v.eq_ignore_ascii_case("none") {
            Ok(None)
        } else {
            zone.parse_when(v, now).map(Some)
        }
    };
    let date = |key: &str| -> Result<Option<chrono::NaiveDate>> {
        let v = form.value(key);
        if v.is_empty() || v.eq_ignore_ascii_case("none") {
            Ok(None)
        } else {
            zone.parse_date(v, now).map(Some)
        }
    };
    match form.kind {
        FormKind::Project => {
            let cadence = match form.value("cadence") {
                "" | "none" => None,
                c => Some(c.parse::<Cadence>()?),
            };
            workflow::projects::add_project(
                store,
                now,
                policy,
                NewProject {
                    name: form.value("project name").into(),
                    client: form.value("client").into(),
                    status: ProjectStatus::Active,
                    cadence,
                    channel: form.value("channel").parse()?,
                },
            )
        }
        FormKind::Issue(None) => workflow::issues::add(
            store,
            now,
            policy,
            NewIssue {
                project_id: project_id(app, form)?,
                title: form.value("title").into(),
                description: form.value("description").into(),
                severity: form.value("severity").parse()?,
                status: form.value("status").parse()?,
                detected_at: when("detected")?.unwrap_or(now),
                owner: form.value("owner").into(),
                our_fault: form.value("our fault") == "yes",
                cause: form.value("cause").into(),
                impact: form.value("impact").into(),
            },
        ),
        FormKind::Issue(Some(id)) => workflow::issues::edit(
            store,
            now,
            policy,
            id,
            IssuePatch {
                project_id: Some(project_id(app, form)?),
                title: Some(form.value("title").into()),
                description: Some(form.value("description").into()),
                severity: Some(form.value("severity").parse()?),
                status: Some(form.value("status").parse()?),
                owner: Some(form.value("owner").into()),
                cause: Some(form.value("cause").into()),
                impact: Some(form.value("impact").into()),
                our_fault: Some(form.value("our fault") == "yes"),
                next_update_due: Some(when("next update")?),
                resolution: Some(form.value("resolution").into()),
                lessons: Some(form.value("lessons").into()),
                prevention: Some(form.value("prevention").into()),
                ..Default::default()
            },
        )
        .map(|(_, done)| done),
        FormKind::Update(None) => {
            let project_id = project_id(app, form)?;
            workflow::updates::add(
                store,
                now,
                policy,
                NewUpdate {
                    project_id,
                    issue_id: opt_id(form, "issue"),
                    kind: form.value("kind").parse()?,
                    channel: form.value("channel").parse()?,
                    contact_id: None,
                    subject: form.value("subject").into(),
                    body: form.value("body").into(),
                    due_at: when("due")?.unwrap_or(now),
                    state: UpdateState::Draft,
                    rule_key: None,
                },
            )
        }
        FormKind::Update(Some(id)) => workflow::updates::edit(
            store,
            now,
            id,
            UpdatePatch {
                kind: Some(form.value("kind").parse()?),
                channel: Some(form.value("channel").parse()?),
                subject: Some(form.value("subject").into()),
                body: Some(form.value("body").into()),
                due_at: when("due")?,
                ..Default::default()
            },
        )
        .map(|(_, done)| done),
        FormKind::Expectation(None) => {
            let status: ExpectationStatus = form.value("status").parse()?;
            workflow::expectations::add(
                store,
                now,
                NewExpectation {
                    project_id: project_id(app, form)?,
                    category: form.value("category").parse()?,
                    statement: form.value("statement").into(),
                    measure: form.value("measure").into(),
                    status,
                    agreed_on: (status == ExpectationStatus::Agreed).then(|| now.date_naive()),
                    agreed_with: form.value("agreed with").into(),
                    due_on: date("due")?,
                },
            )
        }
        FormKind::Expectation(Some(id)) => workflow::expectations::edit(
            store,
            now,
            id,
            ExpectationPatch {
                category: Some(form.value("category").parse()?),
                statement: Some(form.value("statement").into()),
                measure: Some(form.value("measure").into()),
                status: Some(form.value("status").parse()?),
                agreed_with: Some(form.value("agreed with").into()),
                due_on: Some(date("due")?),
                ..Default::default()
            },
            form.value("reason"),
        )
        .map(|(_, done)| done),
        FormKind::Log => workflow::log::add(
            store,
            now,
            NewLogEntry {
                project_id: project_id(app, form)?,
                at: when("at")?.unwrap_or(now),
                direction: form.value("direction").parse()?,
                channel: form.value("channel").parse()?,
                kind: form.value("log kind").parse()?,
                summary: form.value("summary").into(),
                sentiment: parse_sentiment(form.value("sentiment"))?,
                issue_id: opt_id(form, "issue"),
                expectation_id: None,
                update_id: None,
            },
        ),
    }
}
