//! Working calendars: when a client (or the PM) works, and deadline arithmetic in business
//! hours. Pure: every deadline is a UTC instant computed through the zone's local working
//! intervals, so DST changes move no business-hour deadline. No SQL, no terminal.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

use super::when::parse_weekday;
use crate::error::{Error, Result};
use crate::i18n::tr;

/// A number of hours counted on the clock or in working time ("24 business").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub n: u32,
    pub business: bool,
}

impl Hours {
    pub const fn calendar(n: u32) -> Hours {
        Hours { n, business: false }
    }

    pub const fn business(n: u32) -> Hours {
        Hours { n, business: true }
    }

    /// Parses "24" or "24 business".
    pub fn parse(text: &str) -> Option<Hours> {
        let mut words = text.split_whitespace();
        let n = words.next()?.parse().ok()?;
        let business = match words.next() {
            None => false,
            Some("business") => true,
            Some(_) => return None,
        };
        words.next().is_none().then_some(Hours { n, business })
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.business {
            write!(f, "{} business", self.n)
        } else {
            write!(f, "{}", self.n)
        }
    }
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(String),
        }
        let bad = |v: &str| {
            serde::de::Error::custom(format!(
                "invalid hours '{v}' (allowed: a whole number of hours such as 24, or \"24 business\")"
            ))
        };
        match Raw::deserialize(d)? {
            Raw::Number(n) => u32::try_from(n)
                .map(Hours::calendar)
                .map_err(|_| bad(&n.to_string())),
            Raw::Text(t) => Hours::parse(&t).ok_or_else(|| bad(&t)),
        }
    }
}

/// Working hours as written: one range for every working day, or one per weekday.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum HoursSpec {
    Every(String),
    PerDay(BTreeMap<String, String>),
}

/// A `[calendar]` table as written in the config or in a client's calendar file.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA zone name, e.g. "Asia/Shanghai".
    pub zone: Option<String>,
    /// "09:00-18:00", or a table such as { mon = "09:00-18:00", fri = "09:00-15:00" }.
    pub hours: Option<HoursSpec>,
    /// Working weekdays, e.g. ["mon","tue","wed","thu","fri"].
    pub days: Option<Vec<String>>,
    /// Dates and ranges off work: "2026-12-25", "2026-10-01/2026-10-07".
    pub holidays: Vec<String>,
    /// Extra working dates (a Saturday worked in lieu).
    pub workdays: Vec<String>,
    /// An .ics file whose events' start dates are holidays.
    pub holidays_ics: Option<String>,
}

/// The working time of one zone: hours per weekday, holidays and extra working days.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingCalendar {
    pub zone: Tz,
    /// Opening and closing time per weekday (Monday first); None = not a working day.
    hours: [Option<(NaiveTime, NaiveTime)>; 7],
    /// Hours of an extra working day whose weekday has none.
    lieu_hours: (NaiveTime, NaiveTime),
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Days searched for working time before giving up (a calendar with no working day at all).
const SEARCH_DAYS: i64 = 3 * 366;

fn parse_range(key: &str, text: &str) -> Result<(NaiveTime, NaiveTime)> {
    let bad = || {
        Error::invalid_because(
            key,
            text,
            tr("a range of working hours such as 09:00-18:00 (opening before closing)"),
        )
    };
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let t = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| bad());
    let (open, close) = (t(a)?, t(b)?);
    if open >= close {
        return Err(bad());
    }
    Ok((open, close))
}

fn parse_date(key: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid_because(key, text, tr("a date such as 2026-10-01")))
}

/// A date or an inclusive range "2026-10-01/2026-10-07".
fn parse_dates(key: &str, text: &str, into: &mut BTreeSet<NaiveDate>) -> Result<()> {
    let (from, to) = match text.split_once('/') {
        Some((a, b)) => (parse_date(key, a)?, parse_date(key, b)?),
        None => {
            let d = parse_date(key, text)?;
            (d, d)
        }
    };
    if to < from || (to - from).num_days() > 366 {
        return Err(Error::invalid_because(
            key,
            text,
            tr("a date or a range of at most a year such as 2026-10-01/2026-10-07"),
        ));
    }
    let mut d = from;
    while d <= to {
        into.insert(d);
        d += Duration::days(1);
    }
    Ok(())
}

/// The DTSTART dates of the VEVENTs of an iCalendar text.
pub fn ics_dates(text: &str) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut in_event = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.eq_ignore_ascii_case("BEGIN:VEVENT") {
            in_event = true;
        } else if line.eq_ignore_ascii_case("END:VEVENT") {
            in_event = false;
        } else if in_event && line.to_ascii_uppercase().starts_with("DTSTART") {
            let value = line.rsplit(':').next().unwrap_or("");
            if let Some(d) = value
                .get(..8)
                .and_then(|v| NaiveDate::parse_from_str(v, "%Y%m%d").ok())
            {
                out.push(d);
            }
        }
    }
    out
}

pub fn parse_zone(key: &str, text: &str) -> Result<Tz> {
    text.parse::<Tz>().map_err(|_| {
        Error::invalid_because(
            key,
            text,
            tr("an IANA time zone name such as Asia/Shanghai or Europe/Berlin"),
        )
    })
}

impl WorkingCalendar {
    /// Monday to Friday, 09:00-18:00 in `zone`, no holidays.
    pub fn standard(zone: Tz) -> WorkingCalendar {
        let day = (
            NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
        );
        let mut hours = [None; 7];
        for h in hours.iter_mut().take(5) {
            *h = Some(day);
        }
        WorkingCalendar {
            zone,
            hours,
            lieu_hours: day,
            holidays: BTreeSet::new(),
            workdays: BTreeSet::new(),
        }
    }

    /// Builds and checks a calendar; `prefix` names the table in errors ("calendar").
    /// `zone` stands in when the spec names none; an .ics path is read relative to the cwd.
    pub fn from_spec(spec: &CalendarSpec, prefix: &str, zone: Option<Tz>) -> Result<Self> {
        let key = |k: &str| format!("{prefix}.{k}");
        let zone = match &spec.zone {
            Some(z) => parse_zone(&key("zone"), z)?,
            None => zone.unwrap_or(Tz::UTC),
        };
        let mut cal = WorkingCalendar::standard(zone);
        let weekday_index = |k: &str, word: &str| {
            parse_weekday(&word.to_ascii_lowercase())
                .map(|w| w.num_days_from_monday() as usize)
                .ok_or_else(|| Error::invalid(k, word, DAY_NAMES.join(", ")))
        };
        let mut per_day: [Option<(NaiveTime, NaiveTime)>; 7] = [None; 7];
        let every = match &spec.hours {
            None => Some(cal.lieu_hours),
            Some(HoursSpec::Every(text)) => Some(parse_range(&key("hours"), text)?),
            Some(HoursSpec::PerDay(map)) => {
                for (day, range) in map {
                    let i = weekday_index(&key("hours"), day)?;
                    per_day[i] = Some(parse_range(&format!("{}.{day}", key("hours")), range)?);
                }
                None
            }
        };
        let days: Vec<usize> = match &spec.days {
            Some(list) => list
                .iter()
                .map(|d| weekday_index(&key("days"), d))
                .collect::<Result<_>>()?,
            None if every.is_none() => (0..7).filter(|i| per_day[*i].is_some()).collect(),
            None => (0..5).collect(),
        };
        if days.is_empty() {
            return Err(Error::invalid(
                key("days"),
                "[]",
                format!("at least one of {}", DAY_NAMES.join(", ")),
            ));
        }
        cal.hours = [None; 7];
        for i in days {
            cal.hours[i] = match every {
                Some(range) => Some(range),
                None => Some(per_day[i].ok_or_else(|| {
                    Error::invalid_because(
                        key("days"),
                        DAY_NAMES[i],
                        tr("a day that has its hours in the hours table"),
                    )
                })?),
            };
        }
        cal.lieu_hours = every
            .or_else(|| cal.hours.iter().flatten().next().copied())
            .unwrap_or(cal.lieu_hours);
        for h in &spec.holidays {
            parse_dates(&key("holidays"), h, &mut cal.holidays)?;
        }
        for w in &spec.workdays {
            parse_dates(&key("workdays"), w, &mut cal.workdays)?;
        }
        if let Some(path) = &spec.holidays_ics {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::invalid_because(
                    key("holidays_ics"),
                    path,
                    format!("a readable .ics file ({e})"),
                )
            })?;
            cal.holidays.extend(ics_dates(&text));
        }
        Ok(cal)
    }

    /// Parses a client's calendar file (the same keys as `[calendar]`, at the top level).
    pub fn from_toml(text: &str, prefix: &str, zone: Option<Tz>) -> Result<Self> {
        let spec: CalendarSpec = toml::from_str(text).map_err(|e| {
            Error::invalid_because(
                prefix,
                e.message().lines().next().unwrap_or(""),
                tr("the keys of [calendar]: zone, hours, days, holidays, workdays, holidays_ics"),
            )
        })?;
        WorkingCalendar::from_spec(&spec, prefix, zone)
    }

    /// The same calendar in another zone (a client's zone with the config's hours).
    pub fn in_zone(mut self, zone: Tz) -> Self {
        self.zone = zone;
        self
    }

    /// Opening and closing on `date` (local), if it is a working day.
    pub fn hours_on(&self, date: NaiveDate) -> Option<(NaiveTime, NaiveTime)> {
        let own = self.hours[date.weekday().num_days_from_monday() as usize];
        if self.workdays.contains(&date) {
            return Some(own.unwrap_or(self.lieu_hours));
        }
        if self.holidays.contains(&date) {
            return None;
        }
        own
    }

    /// A local wall-clock time as UTC; a time skipped by a DST change means the first
    /// instant after the gap.
    fn to_utc(&self, naive: NaiveDateTime) -> DateTime<Utc> {
        let mut n = naive;
        for _ in 0..8 {
            if let Some(t) = self.zone.from_local_datetime(&n).earliest() {
                return t.with_timezone(&Utc);
            }
            n += Duration::minutes(30);
        }
        Utc.from_utc_datetime(&naive)
    }

    /// The working interval of a local date, as UTC instants.
    fn interval(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let (open, close) = self.hours_on(date)?;
        Some((
            self.to_utc(date.and_time(open)),
            self.to_utc(date.and_time(close)),
        ))
    }

    /// Whether `t` is inside working time (opening and closing instants included).
    pub fn is_working(&self, t: DateTime<Utc>) -> bool {
        let date = t.with_timezone(&self.zone).date_naive();
        self.interval(date).is_some_and(|(o, c)| o <= t && t <= c)
    }

    /// `start` plus `hours` of working time. A start outside working time counts from the
    /// next opening; a deadline that uses up a day exactly lands on its closing time.
    pub fn add_business(&self, start: DateTime<Utc>, hours: u32) -> DateTime<Utc> {
        self.add_working(start, Duration::hours(i64::from(hours)))
    }

    pub fn add_working(&self, start: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        if amount <= Duration::zero() {
            return start;
        }
        let mut left = amount;
        let first = start.with_timezone(&self.zone).date_naive() - Duration::days(1);
        for offset in 0..SEARCH_DAYS {
            let date = first + Duration::days(offset);
            let Some((open, close)) = self.interval(date) else {
                continue;
            };
            if close <= start {
                continue;
            }
            let from = open.max(start);
            let available = close - from;
            if left <= available {
                return from + left;
            }
            left -= available;
        }
        // No working time for years: count on the clock rather than never.
        start + amount
    }

    /// Working time between two instants (zero when `to` is not after `from`).
    pub fn working_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        if to <= from {
            return total;
        }
        let mut date = from.with_timezone(&self.zone).date_naive() - Duration::days(1);
        let last = to.with_timezone(&self.zone).date_naive() + Duration::days(1);
        while date <= last {
            if let Some((open, close)) = self.interval(date) {
                let (a, b) = (open.max(from), close.min(to));
                if b > a {
                    total += b - a;
                }
            }
            date += Duration::days(1);
        }
        total
    }

    /// The zone's abbreviation at `t` ("CST", "CET", "CEST").
    pub fn abbreviation(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.zone).format("%Z").to_string()
    }
}

/// A deadline `hours` after `start`: on the clock, or in `calendar`'s working time.
/// Business hours with no calendar count on the clock.
pub fn deadline(
    calendar: Option<&WorkingCalendar>,
    start: DateTime<Utc>,
    hours: Hours,
) -> DateTime<Utc> {
    match calendar {
        Some(cal) if hours.business => cal.add_business(start, hours.n),
        _ => start + Duration::hours(i64::from(hours.n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> WorkingCalendar {
        let spec = CalendarSpec {
            zone: Some("Asia/Shanghai".into()),
            hours: Some(HoursSpec::Every("09:00-18:00".into())),
            days: Some(
                ["mon", "tue", "wed", "thu", "fri"]
                    .map(String::from)
                    .to_vec(),
            ),
            holidays: vec!["2026-10-01/2026-10-07".into()],
            workdays: vec!["2026-10-10".into()],
            holidays_ics: None,
        };
        WorkingCalendar::from_spec(&spec, "calendar", None).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn national_day_week_and_the_saturday_in_lieu() {
        // Wed 2026-09-30 17:00 Shanghai: 1 h that day, holiday week, 8 h... Sat 10-10 in lieu.
        let due = shanghai().add_business(utc("2026-09-30T09:00:00Z"), 24);
        // 1 h on 09-30, 9 h on Thu 10-08, 9 h on Fri 10-09, 5 h on Sat 10-10: 14:00 local.
        assert_eq!(due, utc("2026-10-10T06:00:00Z"));
    }

    #[test]
    fn a_start_outside_working_time_counts_from_the_next_opening() {
        // Saturday 2026-09-26 10:00 Shanghai -> Monday 09:00 + 2 h.
        let due = shanghai().add_business(utc("2026-09-26T02:00:00Z"), 2);
        assert_eq!(due, utc("2026-09-28T03:00:00Z"));
    }

    #[test]
    fn berlin_dst_end_moves_no_business_deadline() {
        let spec = CalendarSpec {
            zone: Some("Europe/Berlin".into()),
            ..Default::default()
        };
        let cal = WorkingCalendar::from_spec(&spec, "calendar", None).unwrap();
        // Friday 2026-10-23 16:00 CEST (14:00Z), 8 business hours: 2 on Friday, 6 on Monday.
        let due = cal.add_business(utc("2026-10-23T14:00:00Z"), 8);
        assert_eq!(due, utc("2026-10-26T14:00:00Z"));
        assert_eq!(cal.abbreviation(due), "CET");
    }

    #[test]
    fn hours_read_numbers_and_business_strings() {
        assert_eq!(Hours::parse("24 business"), Some(Hours::business(24)));
        assert_eq!(Hours::parse("24"), Some(Hours::calendar(24)));
        assert_eq!(Hours::parse("24 working"), None);
    }

    #[test]
    fn bad_calendars_name_the_key_and_the_value() {
        let cases = [
            ("zone = \"Mars/Base\"", "calendar.zone"),
            ("hours = \"18:00-09:00\"", "calendar.hours"),
            ("days = [\"someday\"]", "calendar.days"),
            ("holidays = [\"2026-02-30\"]", "calendar.holidays"),
            ("workdays = [\"tomorrow\"]", "calendar.workdays"),
        ];
        for (text, key) in cases {
            let err = WorkingCalendar::from_toml(text, "calendar", None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(key), "{text}: {err}");
        }
    }

    #[test]
    fn ics_events_become_holidays() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Xmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(
            ics_dates(ics),
            vec![NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()]
        );
    }

    #[test]
    fn per_weekday_hours() {
        let cal = WorkingCalendar::from_toml(
            "zone = \"UTC\"\n[hours]\nmon = \"09:00-17:00\"\nfri = \"09:00-12:00\"",
            "calendar",
            None,
        )
        .unwrap();
        // Friday 2026-10-23 11:00Z + 2 h: 1 h Friday, then Monday 09:00 + 1 h.
        assert_eq!(
            cal.add_business(utc("2026-10-23T11:00:00Z"), 2),
            utc("2026-10-26T10:00:00Z")
        );
    }
}
