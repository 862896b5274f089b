//! When the regular status reports fall: the report weekday and hour, in the client's zone
//! when it has a calendar. Below the rules and the reports, which both ask.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};

use super::policy::Policy;
use crate::model::{Cadence, WorkingCalendar};

/// The next regular status report slot strictly after `after`, in the PM's zone.
pub fn next_status_slot(policy: &Policy, cadence: Cadence, after: DateTime<Utc>) -> DateTime<Utc> {
    next_status_slot_in(policy, None, cadence, after)
}

/// The next status report slot strictly after `after`: the report weekday and hour in the
/// client's zone when `cal` is given, else in the PM's.
pub fn next_status_slot_in(
    policy: &Policy,
    cal: Option<&WorkingCalendar>,
    cadence: Cadence,
    after: DateTime<Utc>,
) -> DateTime<Utc> {
    use chrono::TimeZone;
    let hour = NaiveTime::from_hms_opt(policy.status_hour, 0, 0).unwrap_or(NaiveTime::MIN);
    let local = match cal {
        Some(c) => after.with_timezone(&c.zone).date_naive(),
        None => policy.zone.local(after).date_naive(),
    };
    let at = |d: chrono::NaiveDate| {
        let wall = d.and_time(hour);
        match cal {
            Some(c) => c
                .zone
                .from_local_datetime(&wall)
                .earliest()
                .map(|t| t.with_timezone(&Utc)),
            None => policy.zone.to_utc(wall),
        }
        .unwrap_or(after + Duration::days(1))
    };
    match cadence {
        Cadence::Days(n) => {
            let mut d = local + Duration::days(i64::from(n).max(1) - 1);
            while at(d) <= after {
                d += Duration::days(1);
            }
            at(d)
        }
        _ => {
            let mut d = local;
            while d.weekday() != policy.status_weekday || at(d) <= after {
                d += Duration::days(1);
            }
            at(d)
        }
    }
}

/// When the rules queue the status report that follows one due at `last` (the first one
/// when `last` is None), at `now`.
pub fn next_status_due(
    policy: &Policy,
    cal: Option<&WorkingCalendar>,
    cadence: Cadence,
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    match last {
        // Weekly/biweekly/monthly reports land on the report weekday, a period after the last;
        // after a late one, at the next slot still ahead (never already late when queued).
        Some(last) => next_status_slot_in(
            policy,
            cal,
            cadence,
            last + cadence.period() - Duration::days(3),
        )
        .max(next_status_slot_in(policy, cal, cadence, now)),
        None => next_status_slot_in(policy, cal, cadence, now),
    }
}
