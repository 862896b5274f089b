//! The Today agenda: what the client is owed now. A handful of indexed queries, each capped,
//! so it costs the same on an empty file and on years of records.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::i18n::{Lang, in_both, lang, tr, trf, trn, value};
use crate::model::when::Zone;
use crate::model::{Expectation, Issue, Project, ProjectStatus, Record, Severity, Update, text};
use crate::store::{self, Store};

pub use super::agenda::{AgendaItem, Rating, Section};

/// At most this many rows per agenda section; the pane says when there are more.
pub const SECTION_LIMIT: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectHealth {
    pub project_id: i64,
    pub project: String,
    pub client: String,
    pub rating: Rating,
    pub open_issues: Vec<(Severity, usize)>,
    pub overdue_updates: usize,
    pub troubled_expectations: usize,
    pub last_contact: Option<DateTime<Utc>>,
    /// No logged contact for longer than the project's cadence.
    pub quiet: bool,
    /// Mean sentiment of the last five incoming contacts, if any.
    pub mood: Option<f32>,
    /// The latest satisfaction score (1..5) and the mean of the last five, if any.
    pub last_score: Option<i64>,
    pub mean_score: Option<f32>,
    pub reasons: Vec<String>,
}

/// How many records a section holds in all, when it shows fewer (each section lists at most
/// [`SECTION_LIMIT`] rows; the count is exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SectionTotal {
    pub section: Section,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agenda {
    pub now: DateTime<Utc>,
    pub items: Vec<AgendaItem>,
    pub health: Vec<ProjectHealth>,
    /// The exact size of every section, listed or not.
    pub totals: Vec<SectionTotal>,
}

impl Agenda {
    /// The exact number of records in a section (more than it lists when it is capped).
    pub fn total(&self, s: Section) -> usize {
        self.totals
            .iter()
            .find(|t| t.section == s)
            .map_or_else(|| self.section(s).count(), |t| t.total)
    }

    /// Everything needing action in all (health lines aside), exact.
    pub fn attention_total(&self) -> usize {
        Section::ALL
            .iter()
            .filter(|s| **s != Section::Health)
            .map(|s| self.total(*s))
            .sum()
    }

    pub fn section(&self, s: Section) -> impl Iterator<Item = &AgendaItem> {
        self.items.iter().filter(move |i| i.section == s)
    }

    /// Everything needing action (health lines aside).
    pub fn attention_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.section != Section::Health)
            .count()
    }
}

/// The end of the local calendar day that contains `now`.
pub fn end_of_day(now: DateTime<Utc>, zone: Zone) -> DateTime<Utc> {
    let tomorrow = zone.local(now).date_naive() + Duration::days(1);
    tomorrow
        .and_hms_opt(0, 0, 0)
        .and_then(|t| zone.to_utc(t))
        .unwrap_or(now + Duration::hours(24))
}

/// Hours a wait on the client lasts before Today says to chase, when nobody configured it.
pub const CHASE_AFTER_HOURS: u32 = 72;

pub fn agenda(store: &Store, now: DateTime<Utc>, zone: Zone) -> Result<Agenda> {
    agenda_with_chase(store, now, zone, CHASE_AFTER_HOURS)
}

/// The agenda, with a "chase the client" line for waits longer than `chase_after_hours`.
pub fn agenda_with_chase(
    store: &Store,
    now: DateTime<Utc>,
    zone: Zone,
    chase_after_hours: u32,
) -> Result<Agenda> {
    let conn = store.conn();
    let mut items = Vec::new();
    let eod = end_of_day(now, zone);
    // An issue waiting on the client owes nothing late: its clock is paused.
    let waiting = store::waits::waiting_issue_ids(conn)?;
    let paused = |issue_id: Option<i64>| issue_id.is_some_and(|id| waiting.contains(&id));
    let overdue = store::updates::due_before(conn, now, SECTION_LIMIT)?;
    let due_today = store::updates::due_between(conn, now, eod, SECTION_LIMIT)?;
    // A report or review request the plan drives names who on our side owns it.
    let owned = |section: Section, u: &Update| -> Result<AgendaItem> {
        let mut item = update_item(section, u);
        if let Some(owner) = super::plans::owner_of_update(conn, u)? {
            item.text = format!("{} · owner {owner}", item.text);
        }
        Ok(item)
    };
    for u in overdue.iter().filter(|u| !paused(u.issue_id)) {
        items.push(owned(Section::OverdueUpdates, u)?);
    }
    for u in due_today.iter().filter(|u| !paused(u.issue_id)) {
        items.push(owned(Section::DueToday, u)?);
    }
    for i in store::issues::unnotified(conn, SECTION_LIMIT)? {
        items.push(issue_item(Section::ClientUnaware, &i, Some(i.detected_at)));
    }
    for i in store::issues::follow_ups_due(conn, now, SECTION_LIMIT)? {
        // Already listed as "not told yet": the first notice is what is late.
        if i.client_notified_at.is_some() && !paused(Some(i.id)) {
            items.push(issue_item(Section::FollowUpOverdue, &i, i.next_update_due));
        }
    }
    items.extend(super::waiting::agenda_items(
        conn,
        now,
        chase_after_hours,
        SECTION_LIMIT,
    )?);
    let horizon = (zone.local(now) + Duration::days(7)).date_naive();
    for e in store::expectations::needing_attention(conn, horizon, SECTION_LIMIT)? {
        items.push(expectation_item(&e));
    }
    // The line points at the risk (the TUI's Plan pane shows it with its responses).
    for r in store::risks::reviews_due(conn, eod, SECTION_LIMIT)? {
        let prepared = store::risks::plans(conn, r.id)?.len();
        let (text, shown) = in_both(|| {
            trf(
                "{risk} (exposure {exposure}, {prepared})",
                &[
                    ("risk", &text::one_line(&r.text)),
                    ("exposure", &r.exposure),
                    (
                        "prepared",
                        &match prepared {
                            0 => tr("no response prepared yet").to_string(),
                            n => trn(n as i64, "{n} response prepared", "{n} responses prepared"),
                        },
                    ),
                ],
            )
        });
        items.push(AgendaItem {
            section: Section::RiskReviews,
            record: Record::Risk(r.id),
            project: r.project.clone(),
            tag: "risk".into(),
            text,
            shown,
            when: r.review_at,
            severity: None,
            rating: None,
        });
    }
    items.extend(meeting_items(conn, now, zone)?);
    for f in super::feedback::unanswered(conn, SECTION_LIMIT)? {
        let (text, shown) = in_both(|| {
            trf(
                "{kind} of {at}: reply (update {reply}) due {due}",
                &[
                    ("kind", &value(f.kind.as_str())),
                    ("at", &zone.show(f.at, "%Y-%m-%d %H:%M")),
                    ("reply", &f.reply_id),
                    ("due", &zone.show(f.reply_due, "%Y-%m-%d %H:%M")),
                ],
            )
        });
        items.push(AgendaItem {
            section: Section::UnansweredFeedback,
            record: Record::Log(f.log_id),
            project: f.project.clone(),
            tag: f.kind.to_string(),
            text,
            shown,
            when: Some(f.reply_due),
            severity: None,
            rating: None,
        });
    }
    for m in super::plans::meetings_due(conn, eod)?
        .into_iter()
        .take(SECTION_LIMIT)
    {
        let e = &m.entry;
        let (text, shown) = in_both(|| {
            let last = match m.last_held {
                Some(t) => trf("last held {date}", &[("date", &zone.show(t, "%Y-%m-%d"))]),
                None => tr("none held yet").into(),
            };
            let owner = if e.owner.is_empty() {
                String::new()
            } else {
                trf(" · owner {owner}", &[("owner", &e.owner)])
            };
            trf(
                "{what} ({every}) to hold, {last}{owner}",
                &[
                    ("what", &text::one_line(&e.what)),
                    ("every", &value(&e.every.to_string())),
                    ("last", &last),
                    ("owner", &owner),
                ],
            )
        });
        items.push(AgendaItem {
            section: Section::MeetingsToHold,
            record: Record::PlanEntry(e.id),
            project: e.project.clone(),
            tag: "meeting".into(),
            text,
            shown,
            when: Some(m.due),
            severity: None,
            rating: None,
        });
    }
    // Exact sizes: a capped section must never understate what is owed.
    let listed = |s: Section| items.iter().filter(|i| i.section == s).count();
    let exact = |s: Section, count: &dyn Fn() -> Result<usize>| -> Result<SectionTotal> {
        let shown = listed(s);
        let total = if shown < SECTION_LIMIT {
            shown
        } else {
            count()?
        };
        Ok(SectionTotal { section: s, total })
    };
    let mut totals = vec![
        exact(Section::OverdueUpdates, &|| {
            store::updates::count_due_between(conn, None, now)
        })?,
        exact(Section::DueToday, &|| {
            store::updates::count_due_between(conn, Some(now), eod)
        })?,
        exact(Section::ClientUnaware, &|| {
            store::issues::count_unnotified(conn)
        })?,
        exact(Section::FollowUpOverdue, &|| {
            store::issues::count_follow_ups_due(conn, now)
        })?,
        exact(Section::Expectations, &|| {
            store::expectations::count_needing_attention(conn, horizon)
        })?,
        exact(Section::UnansweredFeedback, &|| {
            Ok(super::feedback::unanswered(conn, usize::MAX >> 1)?.len())
        })?,
        exact(Section::MeetingsToHold, &|| {
            Ok(super::plans::meetings_due(conn, eod)?.len())
        })?,
        exact(Section::RiskReviews, &|| {
            store::risks::count_reviews_due(conn, eod)
        })?,
        exact(Section::Meetings, &|| {
            store::meetings::count_without_minutes_before(conn, now + MEETINGS_AHEAD)
        })?,
        exact(Section::ActionsDue, &|| {
            store::meetings::count_actions_due(conn, zone.local(now).date_naive())
        })?,
    ];
    let mut health = Vec::new();
    for p in store::projects::list_projects(conn, false)? {
        if p.status == ProjectStatus::Active {
            health.push(project_health(store, &p, now)?);
        }
    }
    health.sort_by(|a, b| b.rating.cmp(&a.rating).then(a.project.cmp(&b.project)));
    for h in health.iter().filter(|h| h.quiet) {
        let (text, shown) = in_both(|| match h.last_contact {
            Some(t) => trn(
                (now - t).num_days(),
                "no contact for {n} day: call or write",
                "no contact for {n} days: call or write",
            ),
            None => tr("no contact logged yet: call or write").into(),
        });
        items.push(AgendaItem {
            section: Section::QuietClients,
            record: Record::Project(h.project_id),
            project: h.project.clone(),
            tag: "quiet".into(),
            text,
            shown,
            when: h.last_contact,
            severity: None,
            rating: None,
        });
    }
    for h in &health {
        items.push(AgendaItem {
            section: Section::Health,
            record: Record::Project(h.project_id),
            project: h.project.clone(),
            tag: h.rating.as_str().to_string(),
            // The reasons in Chinese are worded from the figures where they are shown
            // (report::digest::reasons_zh).
            text: h.reasons.join(", "),
            shown: None,
            when: h.last_contact,
            severity: None,
            rating: Some(h.rating),
        });
    }
    for s in [Section::QuietClients, Section::Health] {
        totals.push(SectionTotal {
            section: s,
            total: items.iter().filter(|i| i.section == s).count(),
        });
    }
    Ok(Agenda {
        now,
        items,
        health,
        totals,
    })
}

/// How far ahead Today shows the meetings coming up.
pub const MEETINGS_AHEAD: Duration = Duration::days(1);

/// Meetings within the next day, meetings past whose minutes are not recorded, and the
/// open actions agreed in meetings that are due today or late, with their owner. A meeting
/// has no pane of its own yet: the lines point at its project and name it.
fn meeting_items(
    conn: &rusqlite::Connection,
    now: DateTime<Utc>,
    zone: Zone,
) -> Result<Vec<AgendaItem>> {
    let mut items = Vec::new();
    for m in store::meetings::without_minutes_before(conn, now + MEETINGS_AHEAD, SECTION_LIMIT)? {
        let past = m.at <= now;
        let with = m
            .attendees
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let title = text::one_line(&m.title);
        let (text, shown) = in_both(|| {
            if past {
                trf(
                    "{title}: record the minutes (rapport meeting minutes {id})",
                    &[("title", &title), ("id", &m.id)],
                )
            } else if with.is_empty() {
                title.to_string()
            } else {
                trf(
                    "{title} with {names}",
                    &[("title", &title), ("names", &text::one_line(&with))],
                )
            }
        });
        items.push(AgendaItem {
            section: Section::Meetings,
            record: Record::Meeting(m.id),
            project: m.project.clone(),
            tag: if past { "minutes" } else { "meeting" }.into(),
            text,
            shown,
            when: Some(m.at),
            severity: None,
            rating: None,
        });
    }
    let today = zone.local(now).date_naive();
    for a in store::meetings::actions_due(conn, today, SECTION_LIMIT)? {
        let (text, shown) = in_both(|| {
            trf(
                "{action} (owner {owner}; meeting {meeting})",
                &[
                    ("action", &text::one_line(&a.text)),
                    ("owner", &text::one_line(&a.owner)),
                    ("meeting", &a.meeting_id),
                ],
            )
        });
        items.push(AgendaItem {
            section: Section::ActionsDue,
            record: Record::Action(a.id),
            project: a.project.clone(),
            tag: if a.due_on < today { "overdue" } else { "today" }.into(),
            text,
            shown,
            // Due by the end of its day.
            when: (a.due_on + Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .and_then(|d| zone.to_utc(d)),
            severity: None,
            rating: None,
        });
    }
    Ok(items)
}

fn update_item(section: Section, u: &Update) -> AgendaItem {
    AgendaItem {
        section,
        record: Record::Update(u.id),
        project: u.project.clone(),
        tag: u.kind.to_string(),
        // The project has its own column; drafted subjects start with it.
        text: text::one_line(
            u.subject
                .strip_prefix(&format!("[{}] ", u.project))
                .unwrap_or(&u.subject),
        )
        .into_owned(),
        shown: None,
        when: Some(u.due_at),
        severity: None,
        rating: None,
    }
}

fn issue_item(section: Section, i: &Issue, when: Option<DateTime<Utc>>) -> AgendaItem {
    AgendaItem {
        section,
        record: Record::Issue(i.id),
        project: i.project.clone(),
        tag: i.severity.to_string(),
        text: text::one_line(&i.title).into_owned(),
        shown: None,
        when,
        severity: Some(i.severity),
        rating: None,
    }
}

fn expectation_item(e: &Expectation) -> AgendaItem {
    AgendaItem {
        section: Section::Expectations,
        record: Record::Expectation(e.id),
        project: e.project.clone(),
        tag: e.status.to_string(),
        text: format!("{} · {}", e.category, text::one_line(&e.statement)),
        shown: (lang() != Lang::En).then(|| {
            format!(
                "{} · {}",
                value(e.category.as_str()),
                text::one_line(&e.statement)
            )
        }),
        when: e
            .due_on
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc()),
        severity: None,
        rating: None,
    }
}

pub fn project_health(store: &Store, p: &Project, now: DateTime<Utc>) -> Result<ProjectHealth> {
    let conn = store.conn();
    let open_issues = store::issues::open_by_severity(conn, p.id)?;
    let overdue_updates = store::updates::overdue_count(conn, p.id, now)?;
    let troubled_expectations = store::expectations::troubled_count(conn, p.id)?;
    let last_contact = store::log::last_contact(conn, p.id)?;
    let moods = store::log::recent_sentiments(conn, p.id, 5)?;
    let mood = (!moods.is_empty())
        .then(|| moods.iter().map(|&s| f32::from(s)).sum::<f32>() / moods.len() as f32);
    // Quiet only after a whole cadence without contact, counting from creation.
    let quiet = p
        .cadence
        .is_some_and(|c| now - last_contact.unwrap_or(p.created_at).max(p.created_at) > c.period());
    let count = |s: Severity| {
        open_issues
            .iter()
            .find(|(sev, _)| *sev == s)
            .map_or(0, |(_, n)| *n)
    };
    let mut reasons = Vec::new();
    let mut rating = Rating::Green;
    let mut raise = |to: Rating, why: String| {
        rating = rating.max(to);
        reasons.push(why);
    };
    if count(Severity::Critical) > 0 {
        raise(
            Rating::Red,
            match count(Severity::Critical) {
                1 => "1 critical issue open".to_string(),
                n => format!("{n} critical issues open"),
            },
        );
    }
    if count(Severity::High) > 0 {
        raise(
            Rating::Amber,
            match count(Severity::High) {
                1 => "1 high-severity issue open".to_string(),
                n => format!("{n} high-severity issues open"),
            },
        );
    }
    match overdue_updates {
        0 => {}
        1 => raise(Rating::Amber, "1 update overdue".into()),
        n => raise(Rating::Red, format!("{n} updates overdue")),
    }
    if troubled_expectations > 0 {
        raise(
            Rating::Amber,
            if troubled_expectations == 1 {
                "1 expectation at risk or missed".to_string()
            } else {
                format!("{troubled_expectations} expectations at risk or missed")
            },
        );
    }
    if let Some(m) = mood {
        if m <= -1.0 {
            raise(Rating::Red, format!("client mood {m:+.1}"));
        } else if m < 0.0 {
            raise(Rating::Amber, format!("client mood {m:+.1}"));
        }
    }
    let scores = store::reviews::recent_scores(conn, p.id, 5)?;
    let last_score = scores.first().copied();
    let mean_score = (!scores.is_empty())
        .then(|| scores.iter().map(|&s| s as f32).sum::<f32>() / scores.len() as f32);
    if let Some(s) = last_score.filter(|s| *s <= crate::model::LOW_SCORE) {
        raise(Rating::Amber, format!("satisfaction {s}/5"));
    }
    if quiet {
        raise(
            Rating::Amber,
            match last_contact {
                Some(t) => format!("quiet for {} days", (now - t).num_days()),
                None => "no contact logged yet".into(),
            },
        );
    }
    if reasons.is_empty() {
        reasons.push("on track".into());
    }
    Ok(ProjectHealth {
        project_id: p.id,
        project: p.name.clone(),
        client: p.client.clone(),
        rating,
        open_issues,
        overdue_updates,
        troubled_expectations,
        last_contact,
        quiet,
        mood,
        last_score,
        mean_score,
        reasons,
    })
}
