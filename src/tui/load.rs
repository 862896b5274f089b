//! What each pane reads: the queries behind a list pane's view, the window of rows that
//! shows its selection, Today's agenda and a record's detail. Used by the effects (on the
//! TUI's connection) and by the finder (on the background reader's).

use rusqlite::Connection;

use super::app::{App, DetailData, HISTORY_SHOWN, Shown};
use super::pane::{CountStamp, ListPane, ListView, Pane};
use super::plan::PlanSection;
use crate::error::{Error, Result};
use crate::model::{
    Expectation, Issue, LogEntry, Meeting, MeetingAction, Milestone, PlanEntry, Review, Risk,
    Update,
};
use crate::store::clients::ClientSettings;
use crate::store::people::{ClientQuery, ContactQuery, ListedContact};
use crate::store::{
    self, ActionQuery, ExpectationQuery, IssueQuery, Listing, LogQuery, MeetingQuery,
    MilestoneQuery, Page, PlanEntryQuery, ReviewQuery, RiskQuery, Store, UpdateQuery, Window,
};
use crate::workflow::{self, Policy, Record, today};

/// A list pane as it was read: its view (count, window, selection) with the rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows {
    Issues(ListPane<Issue>),
    Queue(ListPane<Update>),
    Expectations(ListPane<Expectation>),
    Log(ListPane<LogEntry>),
    Milestones(ListPane<Milestone>),
    Risks(ListPane<Risk>),
    Entries(ListPane<PlanEntry>),
    Meetings(ListPane<Meeting>),
    Actions(ListPane<MeetingAction>),
    Reviews(ListPane<Review>),
    People(ListPane<ListedContact>),
    Clients(ListPane<ClientSettings>),
}

impl Rows {
    pub fn pane(&self) -> Pane {
        match self {
            Rows::Issues(_) => Pane::Issues,
            Rows::Queue(_) => Pane::Queue,
            Rows::Expectations(_) => Pane::Expectations,
            Rows::Log(_) => Pane::Log,
            Rows::Milestones(_)
            | Rows::Risks(_)
            | Rows::Entries(_)
            | Rows::Meetings(_)
            | Rows::Actions(_)
            | Rows::Reviews(_)
            | Rows::People(_)
            | Rows::Clients(_) => Pane::Plan,
        }
    }

    /// The Plan pane's section these rows fill, if they are a plan list.
    pub fn section(&self) -> Option<PlanSection> {
        match self {
            Rows::Milestones(_) => Some(PlanSection::Milestones),
            Rows::Risks(_) => Some(PlanSection::Risks),
            Rows::Entries(_) => Some(PlanSection::CommPlan),
            Rows::Meetings(_) => Some(PlanSection::Meetings),
            Rows::Actions(_) => Some(PlanSection::Actions),
            Rows::Reviews(_) => Some(PlanSection::Reviews),
            Rows::People(_) => Some(PlanSection::People),
            Rows::Clients(_) => Some(PlanSection::Clients),
            _ => None,
        }
    }

    pub fn view(&self) -> &ListView {
        match self {
            Rows::Issues(p) => &p.view,
            Rows::Queue(p) => &p.view,
            Rows::Expectations(p) => &p.view,
            Rows::Log(p) => &p.view,
            Rows::Milestones(p) => &p.view,
            Rows::Risks(p) => &p.view,
            Rows::Entries(p) => &p.view,
            Rows::Meetings(p) => &p.view,
            Rows::Actions(p) => &p.view,
            Rows::Reviews(p) => &p.view,
            Rows::People(p) => &p.view,
            Rows::Clients(p) => &p.view,
        }
    }
}

/// Reading a list pane: runs on whichever connection it is given, and owns all it needs.
pub type Task = Box<dyn FnOnce(&Connection) -> Result<Rows> + Send>;

pub fn issue_query(v: &ListView) -> IssueQuery {
    IssueQuery {
        project_id: v.scope(),
        severity: None,
        include_closed: true,
        text: v.text_filter(),
    }
}

pub fn update_query(v: &ListView) -> UpdateQuery {
    UpdateQuery {
        project_id: v.scope(),
        issue_id: None,
        include_done: false,
        text: v.text_filter(),
    }
}

pub fn expectation_query(v: &ListView) -> ExpectationQuery {
    ExpectationQuery {
        project_id: v.scope(),
        include_settled: true,
        text: v.text_filter(),
        ..Default::default()
    }
}

pub fn milestone_query(v: &ListView) -> MilestoneQuery {
    MilestoneQuery {
        project_id: v.scope(),
        text: v.text_filter(),
    }
}

pub fn risk_query(v: &ListView) -> RiskQuery {
    RiskQuery {
        project_id: v.scope(),
        text: v.text_filter(),
    }
}

pub fn meeting_query(v: &ListView) -> MeetingQuery {
    MeetingQuery {
        project_id: v.scope(),
        text: v.text_filter(),
    }
}

pub fn action_query(v: &ListView) -> ActionQuery {
    ActionQuery {
        project_id: v.scope(),
        text: v.text_filter(),
    }
}

pub fn entry_query(v: &ListView) -> PlanEntryQuery {
    PlanEntryQuery {
        project_id: v.scope(),
        text: v.text_filter(),
    }
}

pub fn review_query(v: &ListView) -> ReviewQuery {
    ReviewQuery {
        project_id: v.scope(),
        text: v.text_filter(),
    }
}

pub fn log_query(v: &ListView) -> LogQuery {
    LogQuery {
        project_id: v.scope(),
        issue_id: None,
        text: v.text_filter(),
    }
}

/// A text filter's count stops here ("1000+"); below it the count is exact and the
/// matches are ranked best first.
pub const FILTER_COUNT_CAP: usize = store::window::RANK_LIMIT;

/// Loads the window of a list pane: the count (cached until the data, the filter or the
/// scope change), then the page that shows the selection, read from a key next to the rows
/// already on screen wherever possible, so scrolling costs a page whatever the table size.
pub fn load_list<Q: Listing>(
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
        project: pane.scope(),
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

/// Builds the task that reads `pane` (a copy of the app's): with `jump`, the record of that
/// id selected, filter and scope cleared so it shows.
fn task<Q, F>(
    query: fn(&ListView) -> Q,
    mut pane: ListPane<Q::Row>,
    page: usize,
    generation: u64,
    jump: Option<i64>,
    wrap: F,
    mark: fn(&Connection, &mut ListPane<Q::Row>) -> Result<()>,
) -> Task
where
    Q: Listing + Send + 'static,
    Q::Row: Clone + Send + 'static,
    F: FnOnce(ListPane<Q::Row>) -> Rows + Send + 'static,
{
    if jump.is_some() {
        pane.filter.clear();
        pane.project = None;
    }
    let q = query(&pane.view);
    Box::new(move |conn| {
        if let Some(id) = jump {
            jump_in(conn, &q, &mut pane, id, page)?;
        }
        // One load: it counts, clamps the selection and slides the window from the rows
        // read by key (never an OFFSET, however deep the record).
        load_list(conn, &q, &mut pane, page, generation)?;
        mark(conn, &mut pane)?;
        Ok(wrap(pane))
    })
}

/// Notes which issues on screen wait on the client (one indexed look-up a row: the waits
/// of rows off screen are never read).
fn mark_waiting(conn: &Connection, pane: &mut ListPane<Issue>) -> Result<()> {
    pane.waiting.clear();
    for i in &pane.rows {
        if store::waits::open_wait(conn, i.id)?.is_some() {
            pane.waiting.push(i.id);
        }
    }
    Ok(())
}

/// The task that reads one section of the Plan pane.
fn section_task(app: &App, section: PlanSection, generation: u64, jump: Option<i64>) -> Task {
    let page = app.page();
    match section {
        PlanSection::Milestones => task(
            milestone_query,
            app.plan.milestones.clone(),
            page,
            generation,
            jump,
            Rows::Milestones,
            |_, _| Ok(()),
        ),
        PlanSection::Risks => task(
            risk_query,
            app.plan.risks.clone(),
            page,
            generation,
            jump,
            Rows::Risks,
            |_, _| Ok(()),
        ),
        PlanSection::CommPlan => task(
            entry_query,
            app.plan.entries.clone(),
            page,
            generation,
            jump,
            Rows::Entries,
            |_, _| Ok(()),
        ),
        PlanSection::Meetings => task(
            meeting_query,
            app.plan.meetings.clone(),
            page,
            generation,
            jump,
            Rows::Meetings,
            |_, _| Ok(()),
        ),
        PlanSection::Actions => task(
            action_query,
            app.plan.actions.clone(),
            page,
            generation,
            jump,
            Rows::Actions,
            |_, _| Ok(()),
        ),
        PlanSection::Reviews => task(
            review_query,
            app.plan.reviews.clone(),
            page,
            generation,
            jump,
            Rows::Reviews,
            |_, _| Ok(()),
        ),
        PlanSection::People => task(
            |v| ContactQuery {
                text: v.text_filter(),
            },
            app.plan.people.clone(),
            page,
            generation,
            jump,
            Rows::People,
            |_, _| Ok(()),
        ),
        PlanSection::Clients => task(
            |v| ClientQuery {
                text: v.text_filter(),
            },
            app.plan.clients.clone(),
            page,
            generation,
            jump,
            Rows::Clients,
            |_, _| Ok(()),
        ),
    }
}

fn pane_task(app: &App, pane: Pane, generation: u64, jump: Option<i64>) -> Option<Task> {
    let page = app.page();
    Some(match pane {
        Pane::Today | Pane::Insights => return None,
        Pane::Plan => section_task(app, app.plan.section, generation, jump),
        Pane::Issues => task(
            issue_query,
            app.issues.clone(),
            page,
            generation,
            jump,
            Rows::Issues,
            mark_waiting,
        ),
        Pane::Queue => task(
            update_query,
            app.queue.clone(),
            page,
            generation,
            jump,
            Rows::Queue,
            |_, _| Ok(()),
        ),
        Pane::Expectations => task(
            expectation_query,
            app.expectations.clone(),
            page,
            generation,
            jump,
            Rows::Expectations,
            |_, _| Ok(()),
        ),
        Pane::Log => task(
            log_query,
            app.log.clone(),
            page,
            generation,
            jump,
            Rows::Log,
            |_, _| Ok(()),
        ),
    })
}

/// The task that reads one list pane's count and window as the app shows it now; None for
/// Today (its agenda is read whole, see [`agenda`]).
pub fn list(app: &App, pane: Pane) -> Option<Task> {
    pane_task(app, pane, app.generation, None)
}

/// The task that reads the pane of `record` with the record selected; None for a project
/// (it has no list pane: see [`agenda`]).
pub fn jump(app: &App, record: Record) -> Option<Task> {
    if let Some(section) = PlanSection::of(record) {
        return Some(section_task(
            app,
            section,
            app.generation,
            Some(record.id()),
        ));
    }
    let (pane, id) = match record {
        Record::Project(_)
        | Record::Milestone(_)
        | Record::Risk(_)
        | Record::Review(_)
        | Record::PlanEntry(_)
        | Record::Meeting(_)
        | Record::Action(_)
        | Record::Contact(_)
        | Record::Client(_) => return None,
        Record::Issue(id) => (Pane::Issues, id),
        Record::Update(id) => (Pane::Queue, id),
        Record::Expectation(id) => (Pane::Expectations, id),
        Record::Log(id) => (Pane::Log, id),
    };
    pane_task(app, pane, app.generation, Some(id))
}

/// Today's agenda as the app shows it now, chasing waits after the config's hours.
pub fn agenda(store: &Store, app: &App) -> Result<today::Agenda> {
    today::agenda_with_chase(store, app.now, app.zone, app.chase_after_hours)
}

/// The zone of the client a project belongs to, if it has one. Display only: a client
/// calendar that no longer reads shows no client time.
fn zone_of_client(conn: &Connection, policy: &Policy, project_id: i64) -> Option<chrono_tz::Tz> {
    workflow::client_time::calendar_of_project(conn, policy, project_id)
        .ok()
        .flatten()
        .map(|cal| cal.zone)
}

/// A record with what its detail view shows next to it, and its history.
pub fn detail(store: &Store, policy: &Policy, record: Record) -> Result<DetailData> {
    let conn = store.conn();
    let mut notes = Vec::new();
    let mut wait = None;
    let mut client_zone = None;
    let shown = match record {
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
            notes = workflow::notes::of_issue(conn, id)?;
            wait = store::waits::open_wait(conn, id)?.map(Box::new);
            client_zone = zone_of_client(conn, policy, issue.project_id);
            Shown::Issue(Box::new(issue), updates, log)
        }
        Record::Update(id) => {
            let u = store::updates::get(conn, id)?;
            client_zone = zone_of_client(conn, policy, u.project_id);
            Shown::Update(Box::new(u))
        }
        Record::Expectation(id) => {
            Shown::Expectation(Box::new(store::expectations::get(conn, id)?))
        }
        Record::Log(id) => Shown::Log(Box::new(store::log::get(conn, id)?)),
        Record::Milestone(id) => Shown::Milestone(Box::new(store::milestones::get(conn, id)?)),
        Record::Risk(id) => Shown::Risk(Box::new(store::risks::get(conn, id)?)),
        Record::Review(id) => Shown::Review(Box::new(store::reviews::get(conn, id)?)),
        Record::PlanEntry(id) => Shown::PlanEntry(Box::new(store::plans::get(conn, id)?)),
        Record::Meeting(id) => {
            let actions = store::meetings::actions_of(conn, id)?;
            let decisions = store::meetings::decisions(conn, id)?;
            Shown::Meeting(
                Box::new(store::meetings::get(conn, id)?),
                actions,
                decisions.into_iter().map(|(_, d)| d).collect(),
            )
        }
        Record::Action(id) => Shown::Action(Box::new(store::meetings::get_action(conn, id)?)),
        Record::Project(id) => {
            return Err(Error::not_found("detail view for project", id));
        }
        // Every field of a contact or a client is in its row: no detail view.
        Record::Contact(id) => return Err(Error::not_found("detail view for contact", id)),
        Record::Client(id) => return Err(Error::not_found("detail view for client", id)),
    };
    let (table, id) = match record {
        Record::Issue(id) => ("issue", id),
        Record::Update(id) => ("update", id),
        Record::Expectation(id) => ("expect", id),
        Record::Log(id) => ("log", id),
        Record::Project(id) => ("project", id),
        Record::Milestone(id) => ("milestone", id),
        Record::Risk(id) => ("risk", id),
        Record::Review(id) => ("review", id),
        Record::PlanEntry(id) => ("plan", id),
        Record::Meeting(id) => ("meeting", id),
        Record::Action(id) => ("action", id),
        Record::Contact(id) => ("contact", id),
        Record::Client(id) => ("client", id),
    };
    let mut history = store::history::of_record(conn, store::history::table_of(table)?, id)?;
    let earlier = history.len().saturating_sub(HISTORY_SHOWN);
    history.drain(..earlier);
    Ok(DetailData {
        shown,
        notes,
        wait,
        client_zone,
        history,
        earlier,
    })
}
