//! The aggregates behind `rapport stats`, the Insights pane and the client's status page:
//! every figure is one bounded SQL pass (counts, sums, a median by offset, week buckets), so
//! no table is loaded into memory whatever the file's size. The rules that give the figures
//! their meaning (deadlines, weeks) live in `workflow::stats`.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::{get_time, get_time_opt, ts};
use crate::error::Result;
use crate::model::Severity;

/// Which records a figure counts: one project or all, issues detected (updates sent) since.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    pub project_id: Option<i64>,
    pub since: Option<DateTime<Utc>>,
}

impl Scope {
    fn since(&self) -> Option<String> {
        self.since.map(ts)
    }
}

/// The clients whose issues a scope counts (one for a project's scope).
pub fn clients_in(conn: &Connection, scope: &Scope) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT client_id FROM projects WHERE ?1 IS NULL OR id = ?1 ORDER BY client_id",
    )?;
    let ids = stmt
        .query_map([scope.project_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// First contacts with deadlines on the clock, `hours[severity rank]` after detection, per
/// client and severity in one pass: (client, severity, counted, told in time). Counted: told,
/// or the deadline has passed by `now`. The caller keeps the groups whose deadlines count in
/// working hours out (see [`each_first_contact`]).
pub fn first_contact_on_clock(
    conn: &Connection,
    scope: &Scope,
    hours: [u32; 4],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT client_id, severity, count(*), coalesce(sum(told IS NOT NULL AND told <= due), 0)
         FROM (
             SELECT p.client_id, i.severity, i.client_notified_at AS told,
                    strftime('%Y-%m-%dT%H:%M:%SZ', i.detected_at, '+' ||
                        CASE i.severity_rank WHEN 0 THEN ?1 WHEN 1 THEN ?2 WHEN 2 THEN ?3 ELSE ?4 END
                        || ' hours') AS due
             FROM issues i JOIN projects p ON p.id = i.project_id
             WHERE i.archived_at IS NULL
               AND (?5 IS NULL OR i.project_id = ?5)
               AND (?6 IS NULL OR i.detected_at >= ?6))
         WHERE told IS NOT NULL OR due <= ?7
         GROUP BY client_id, severity",
    )?;
    let rows = stmt
        .query_map(
            params![
                hours[0],
                hours[1],
                hours[2],
                hours[3],
                scope.project_id,
                scope.since(),
                ts(now)
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Streams (detected, told) of one client's issues of one severity to `each`, for deadlines
/// counted in working time (computed by the calendar, not by SQL). Nothing is collected.
pub fn each_first_contact(
    conn: &Connection,
    scope: &Scope,
    client_id: i64,
    severity: Severity,
    mut each: impl FnMut(DateTime<Utc>, Option<DateTime<Utc>>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.detected_at, i.client_notified_at
         FROM issues i JOIN projects p ON p.id = i.project_id
         WHERE i.archived_at IS NULL AND p.client_id = ?1 AND i.severity = ?2
           AND (?3 IS NULL OR i.project_id = ?3)
           AND (?4 IS NULL OR i.detected_at >= ?4)",
    )?;
    let mut rows = stmt.query(params![
        client_id,
        severity.as_str(),
        scope.project_id,
        scope.since()
    ])?;
    while let Some(r) = rows.next()? {
        each(get_time(r, 0)?, get_time_opt(r, 1)?);
    }
    Ok(())
}

/// The median minutes from detection to first contact of the told issues, per severity
/// (severities with none told left out), in one pass: each severity's one or two middle rows
/// picked by their rank. Told before detected (a typo) counts as at once.
pub fn median_minutes_to_first_contact(
    conn: &Connection,
    scope: &Scope,
) -> Result<Vec<(String, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT severity, avg(m) FROM (
             SELECT severity, m,
                    row_number() OVER (PARTITION BY severity ORDER BY m) AS rn,
                    count(*) OVER (PARTITION BY severity) AS n
             FROM (SELECT i.severity,
                          max(0, round((julianday(i.client_notified_at)
                                        - julianday(i.detected_at)) * 1440)) AS m
                   FROM issues i
                   WHERE i.archived_at IS NULL AND i.client_notified_at IS NOT NULL
                     AND (?1 IS NULL OR i.project_id = ?1)
                     AND (?2 IS NULL OR i.detected_at >= ?2)))
         WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
         GROUP BY severity",
    )?;
    let rows = stmt
        .query_map(params![scope.project_id, scope.since()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Promises of a next update made in sent issue updates: (counted, kept). Kept: another
/// update on the issue was sent after it and by the promised time. Counted: kept, or the
/// promised time has passed by `now`.
pub fn promises(conn: &Connection, scope: &Scope, now: DateTime<Utc>) -> Result<(i64, i64)> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*), coalesce(sum(kept), 0) FROM (
             SELECT pr.promised_at AS promised,
                    EXISTS (SELECT 1 FROM updates v
                            WHERE v.issue_id = u.issue_id AND v.id <> u.id AND v.state = 'sent'
                              AND v.archived_at IS NULL
                              AND v.sent_at >= u.sent_at AND v.sent_at <= pr.promised_at) AS kept
             FROM update_promises pr JOIN updates u ON u.id = pr.update_id
             WHERE u.state = 'sent' AND u.archived_at IS NULL AND u.issue_id IS NOT NULL
               AND (?1 IS NULL OR u.project_id = ?1)
               AND (?2 IS NULL OR u.sent_at >= ?2))
         WHERE kept OR promised <= ?3",
    )?;
    let counts = stmt.query_row(params![scope.project_id, scope.since(), ts(now)], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(counts)
}

/// Counts per week of `weeks` weeks from `start` (each 7 days): bucket index -> value.
fn bucket(weeks: usize, rows: Vec<(i64, f64, i64)>) -> Vec<(f64, i64)> {
    let mut out = vec![(0.0, 0); weeks];
    for (i, v, n) in rows {
        if let Some(slot) = usize::try_from(i).ok().and_then(|i| out.get_mut(i)) {
            *slot = (v, n);
        }
    }
    out
}

/// The week index of a stored time column, from `?start` (parameter 1), 7 days each.
fn week_of(column: &str) -> String {
    format!("CAST((julianday({column}) - julianday(?1)) / 7 AS INTEGER)")
}

/// Issues per week from `start` (weeks of 7 days, up to `end`): how many were open when the
/// window began, and per week how many were detected and how many resolved.
pub fn issue_weeks(
    conn: &Connection,
    project_id: Option<i64>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    weeks: usize,
) -> Result<(i64, Vec<i64>, Vec<i64>)> {
    let open_before: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM issues
             WHERE archived_at IS NULL AND (?2 IS NULL OR project_id = ?2) AND detected_at < ?1
               AND (resolved_at IS NULL OR resolved_at >= ?1)",
        )?
        .query_row(params![ts(start), project_id], |r| r.get(0))?;
    let per_week = |column: &str| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {w} AS w, 0.0, count(*) FROM issues
             WHERE archived_at IS NULL AND (?2 IS NULL OR project_id = ?2)
               AND {column} >= ?1 AND {column} < ?3
             GROUP BY w",
            w = week_of(column)
        ))?;
        let rows = stmt
            .query_map(params![ts(start), project_id, ts(end)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(bucket(weeks, rows).into_iter().map(|(_, n)| n).collect())
    };
    Ok((
        open_before,
        per_week("detected_at")?,
        per_week("resolved_at")?,
    ))
}

/// The mean inbound sentiment of the log per week from `start`: (mean, entries) each.
pub fn mood_weeks(
    conn: &Connection,
    project_id: Option<i64>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    weeks: usize,
) -> Result<Vec<(f64, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {w} AS w, avg(sentiment), count(*) FROM log_entries
         WHERE archived_at IS NULL AND at >= ?1 AND at < ?3 AND direction = 'in'
           AND (?2 IS NULL OR project_id = ?2)
         GROUP BY w",
        w = week_of("at")
    ))?;
    let rows = stmt
        .query_map(params![ts(start), project_id, ts(end)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(bucket(weeks, rows))
}

/// The mean satisfaction score per week from `start`: (mean, reviews) each.
pub fn satisfaction_weeks(
    conn: &Connection,
    project_id: Option<i64>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    weeks: usize,
) -> Result<Vec<(f64, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {w} AS w, avg(score), count(*) FROM reviews
         WHERE archived_at IS NULL AND at >= ?1 AND at < ?3 AND (?2 IS NULL OR project_id = ?2)
         GROUP BY w",
        w = week_of("at")
    ))?;
    let rows = stmt
        .query_map(params![ts(start), project_id, ts(end)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(bucket(weeks, rows))
}

/// Live and settled expectations counted by status (statuses with none left out).
pub fn expectations_by_status(
    conn: &Connection,
    project_id: Option<i64>,
) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, count(*) FROM expectations
         WHERE archived_at IS NULL AND (?1 IS NULL OR project_id = ?1)
         GROUP BY status",
    )?;
    let rows = stmt
        .query_map([project_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
