//! How well the client is served, in numbers: told in time (the first-contact deadline of
//! the severity, in the client's working hours when the SLA counts business hours), how
//! quickly, promises of the next update kept, open issues, inbound mood and satisfaction per
//! week, expectations by status. What `rapport stats` prints and the Insights pane draws.
//! The team's own measure: never written into anything the client reads.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::Policy;
use super::client_time::calendar_for;
use crate::error::Result;
use crate::model::Severity;
use crate::store::stats::{self as q, Scope};

/// How many weeks the weekly series cover (the current week last).
pub const WEEKS: usize = 12;

/// A share in [0, 1] rounded to four places (2 of 3 -> 0.6667); None with nothing counted.
fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| round(part as f64 / whole as f64, 4))
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    /// Issues (promises) whose deadline has passed or that were answered.
    pub counted: i64,
    /// Of those, answered in time.
    pub in_time: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedianBySeverity {
    pub critical: Option<f64>,
    pub high: Option<f64>,
    pub medium: Option<f64>,
    pub low: Option<f64>,
}

impl MedianBySeverity {
    pub fn get(&self, s: Severity) -> Option<f64> {
        match s {
            Severity::Critical => self.critical,
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueWeek {
    /// The Monday (UTC) the week starts.
    pub week: String,
    /// Open at the week's end (at `now` for the current week).
    pub open: i64,
    pub opened: i64,
    pub resolved: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeanWeek {
    pub week: String,
    /// The mean, two places; None in a week with nothing recorded.
    pub mean: Option<f64>,
    pub count: i64,
}

/// Every figure of `rapport stats`; also its JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The project counted, or None for the whole file.
    pub project: Option<String>,
    /// Rates and medians count issues detected (updates sent) from here; None: all time.
    pub since: Option<String>,
    pub now: String,
    pub first_contact: Counted,
    pub first_contact_hit_rate: Option<f64>,
    pub median_minutes_to_first_contact: MedianBySeverity,
    pub promises: Counted,
    pub promises_kept_rate: Option<f64>,
    pub open_issues_by_week: Vec<IssueWeek>,
    /// Mean sentiment (-2..2) of inbound log entries.
    pub mood_by_week: Vec<MeanWeek>,
    /// Mean satisfaction score (1..5) of reviews.
    pub satisfaction_by_week: Vec<MeanWeek>,
    /// Expectations by status, in the register's order; statuses with none left out.
    pub expectations_by_status: Vec<StatusCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCount {
    pub status: String,
    pub count: i64,
}

/// The Monday 00:00 UTC that starts the first of the [`WEEKS`] weeks ending with `now`'s.
pub fn first_week(now: DateTime<Utc>) -> DateTime<Utc> {
    let today = now.date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    monday.and_time(NaiveTime::MIN).and_utc() - Duration::weeks(WEEKS as i64 - 1)
}

fn week_label(start: DateTime<Utc>, i: usize) -> String {
    (start + Duration::weeks(i as i64))
        .format("%Y-%m-%d")
        .to_string()
}

/// Issues opened and resolved per week and open at each week's end, for one project or all.
pub fn issue_weeks(
    conn: &Connection,
    project_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<IssueWeek>> {
    let start = first_week(now);
    let (mut open, opened, resolved) = q::issue_weeks(conn, project_id, start, now, WEEKS)?;
    Ok((0..WEEKS)
        .map(|i| {
            open += opened[i] - resolved[i];
            IssueWeek {
                week: week_label(start, i),
                open,
                opened: opened[i],
                resolved: resolved[i],
            }
        })
        .collect())
}

fn mean_weeks(start: DateTime<Utc>, rows: Vec<(f64, i64)>) -> Vec<MeanWeek> {
    rows.into_iter()
        .enumerate()
        .map(|(i, (mean, count))| MeanWeek {
            week: week_label(start, i),
            mean: (count > 0).then(|| round(mean, 2)),
            count,
        })
        .collect()
}

/// First contacts: (counted, in time). Deadlines on the clock are compared in SQL, in one
/// pass over the issues; those in a client's working hours go through its calendar one row
/// at a time (streamed, never collected).
fn first_contact(
    conn: &Connection,
    policy: &Policy,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<Counted> {
    let mut total = Counted {
        counted: 0,
        in_time: 0,
    };
    // The clients whose deadlines count in working hours for some severity.
    let mut in_working_hours = Vec::new();
    for client in q::clients_in(conn, scope)? {
        if let Some(cal) = calendar_for(conn, policy, client)? {
            let business: Vec<Severity> = Severity::ALL
                .iter()
                .copied()
                .filter(|s| policy.sla.get(*s).business)
                .collect();
            if !business.is_empty() {
                in_working_hours.push((client, cal, business));
            }
        }
    }
    let hours = [
        policy.sla.critical.n,
        policy.sla.high.n,
        policy.sla.medium.n,
        policy.sla.low.n,
    ];
    for (client, severity, n, hit) in q::first_contact_on_clock(conn, scope, hours, now)? {
        let by_calendar = in_working_hours
            .iter()
            .any(|(c, _, sevs)| *c == client && sevs.iter().any(|s| s.as_str() == severity));
        if !by_calendar {
            total.counted += n;
            total.in_time += hit;
        }
    }
    for (client, cal, severities) in &in_working_hours {
        for &severity in severities {
            q::each_first_contact(conn, scope, *client, severity, |detected, told| {
                let due = policy.first_contact_due(Some(cal), severity, detected);
                if let Some(t) = told {
                    total.counted += 1;
                    total.in_time += i64::from(t <= due);
                } else if due <= now {
                    total.counted += 1;
                }
            })?;
        }
    }
    Ok(total)
}

/// Every figure for one project (`project`: its id and name) or the whole file.
pub fn stats(
    conn: &Connection,
    policy: &Policy,
    project: Option<(i64, String)>,
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Stats> {
    let project_id = project.as_ref().map(|p| p.0);
    let scope = Scope { project_id, since };
    let first = first_contact(conn, policy, &scope, now)?;
    let medians = q::median_minutes_to_first_contact(conn, &scope)?;
    let median = |s: Severity| -> Result<Option<f64>> {
        Ok(medians
            .iter()
            .find(|(sev, _)| sev == s.as_str())
            .map(|(_, m)| round(*m, 1)))
    };
    let (promised, kept) = q::promises(conn, &scope, now)?;
    let start = first_week(now);
    let order = crate::model::ExpectationStatus::ALL;
    let mut by_status = q::expectations_by_status(conn, project_id)?;
    by_status.sort_by_key(|(s, _)| order.iter().position(|o| o.as_str() == s));
    Ok(Stats {
        project: project.map(|p| p.1),
        since: since.map(crate::store::ts),
        now: crate::store::ts(now),
        first_contact_hit_rate: rate(first.in_time, first.counted),
        first_contact: first,
        median_minutes_to_first_contact: MedianBySeverity {
            critical: median(Severity::Critical)?,
            high: median(Severity::High)?,
            medium: median(Severity::Medium)?,
            low: median(Severity::Low)?,
        },
        promises_kept_rate: rate(kept, promised),
        promises: Counted {
            counted: promised,
            in_time: kept,
        },
        open_issues_by_week: issue_weeks(conn, project_id, now)?,
        mood_by_week: mean_weeks(start, q::mood_weeks(conn, project_id, start, now, WEEKS)?),
        satisfaction_by_week: mean_weeks(
            start,
            q::satisfaction_weeks(conn, project_id, start, now, WEEKS)?,
        ),
        expectations_by_status: by_status
            .into_iter()
            .map(|(status, count)| StatusCount { status, count })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_to_four_places_and_nothing_counted_is_none() {
        assert_eq!(rate(2, 3), Some(0.6667));
        assert_eq!(rate(0, 0), None);
        assert_eq!(rate(3, 3), Some(1.0));
    }

    #[test]
    fn the_weeks_start_on_the_monday_eleven_weeks_before_this_one() {
        // 2026-11-23 is a Monday.
        let now = "2026-11-25T10:00:00Z".parse().unwrap();
        assert_eq!(first_week(now).to_rfc3339(), "2026-09-07T00:00:00+00:00");
        assert_eq!(week_label(first_week(now), WEEKS - 1), "2026-11-23");
    }
}
