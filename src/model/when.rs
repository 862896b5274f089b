//! Turning what a PM types ("tomorrow", "fri 14:00", "+3d", "2026-11-30") into a UTC instant.
//! Pure: the current time and the time zone are passed in, so tests fix both.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};

use crate::error::{Error, Result};

/// The forms accepted, for error messages and help texts.
pub const WHEN_FORMS: &str = "a time such as now, today, tomorrow, fri, fri 14:00, +3d, +4h, +2w, -2h, 14:30, 2026-11-30, 2026-11-30 14:00 or RFC 3339";

/// A date with no time of day means the end of that working day.
pub const DEFAULT_TIME: NaiveTime = match NaiveTime::from_hms_opt(17, 0, 0) {
    Some(t) => t,
    None => panic!("17:00 is a valid time"),
};

/// The earliest instant rapport stores: 1970-01-01T00:00:00Z.
pub const EARLIEST: DateTime<Utc> = DateTime::UNIX_EPOCH;

/// The first instant past the latest rapport stores: 2200-01-01T00:00:00Z. Every stored
/// time sorts as text and reads back, and deadlines computed from it stay representable.
pub fn beyond_latest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2200, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// What `in_range` allows, for error messages.
pub const RANGE: &str = "a time between 1970-01-01 and 2199-12-31";

/// Whether `at` lies in the range rapport stores (1970 to the end of 2199).
pub fn in_range(at: DateTime<Utc>) -> bool {
    at >= EARLIEST && at < beyond_latest()
}

/// `at` if it lies in the stored range, else an error naming `what` and the typed `text`.
pub fn check_range(what: &str, text: &str, at: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if in_range(at) {
        Ok(at)
    } else {
        Err(Error::invalid_because(what, text, RANGE))
    }
}

/// Parses `text` relative to `now`, reading wall-clock forms in the zone `tz`; the result
/// lies between 1970 and the end of 2199.
pub fn parse_when<Tz: TimeZone>(text: &str, now: DateTime<Utc>, tz: &Tz) -> Result<DateTime<Utc>> {
    let at = parse_any_when(text, now, tz)?;
    check_range("time", text, at)
}

fn parse_any_when<Tz: TimeZone>(text: &str, now: DateTime<Utc>, tz: &Tz) -> Result<DateTime<Utc>> {
    let bad = || Error::invalid_because("time", text, WHEN_FORMS);
    let t = text.trim().to_ascii_lowercase().replace('：', ":");
    if t.is_empty() {
        return Err(bad());
    }
    if t == "now" || t == "现在" {
        return Ok(now);
    }
    if let Some(d) = parse_offset(&t) {
        return now.checked_add_signed(d).ok_or_else(bad);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(dt.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&t, fmt) {
            return local_to_utc(naive, tz).ok_or_else(bad);
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return local_to_utc(date.and_time(DEFAULT_TIME), tz).ok_or_else(bad);
    }
    let today = now.with_timezone(tz).date_naive();
    if let Some(date) = parse_chinese_day(&t, today, now, tz) {
        return date.ok_or_else(bad);
    }
    // "<day word> [HH:MM]" or a bare "HH:MM" (today).
    let mut words = t.split_whitespace();
    let first = words.next().ok_or_else(bad)?;
    let second = words.next();
    if words.next().is_some() {
        return Err(bad());
    }
    if let (None, Some(time)) = (second, parse_clock(first)) {
        return local_to_utc(today.and_time(time), tz).ok_or_else(bad);
    }
    let time = match second {
        Some(s) => parse_clock(s).ok_or_else(bad)?,
        None => DEFAULT_TIME,
    };
    let date = match first {
        "today" => today,
        "tomorrow" | "tmr" => today.succ_opt().ok_or_else(bad)?,
        "yesterday" => today.pred_opt().ok_or_else(bad)?,
        word => {
            let wd = parse_weekday(word).ok_or_else(bad)?;
            next_weekday(wd, today, time, now, tz)
        }
    };
    local_to_utc(date.and_time(time), tz).ok_or_else(bad)
}

/// The next `wd` from `today`: today's weekday means today if `time` is still ahead, else
/// next week.
fn next_weekday<Tz: TimeZone>(
    wd: Weekday,
    today: NaiveDate,
    time: NaiveTime,
    now: DateTime<Utc>,
    tz: &Tz,
) -> NaiveDate {
    let ahead =
        (7 + wd.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64) % 7;
    let candidate = today + Duration::days(ahead);
    match local_to_utc(candidate.and_time(time), tz) {
        Some(at) if ahead > 0 || at > now => candidate,
        _ => candidate + Duration::days(7),
    }
}

/// Chinese day words, with an optional time after them, spaced or not ("明天 14:00",
/// "周五14:00"): 今天, 明天, 后天, 昨天, 周一..周日 and 星期一..星期日 (the next such day, as
/// "fri"), 下周一..下周日 (that day of next calendar week, weeks starting on Monday).
/// `None` when `t` does not start with one; `Some(None)` when the time after it is not a
/// time.
fn parse_chinese_day<Tz: TimeZone>(
    t: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Option<Option<DateTime<Utc>>> {
    const DAYS: [(&str, i64); 5] = [
        ("今天", 0),
        ("明天", 1),
        ("后天", 2),
        ("大后天", 3),
        ("昨天", -1),
    ];
    const WEEKDAYS: [(&str, Weekday); 8] = [
        ("一", Weekday::Mon),
        ("二", Weekday::Tue),
        ("三", Weekday::Wed),
        ("四", Weekday::Thu),
        ("五", Weekday::Fri),
        ("六", Weekday::Sat),
        ("日", Weekday::Sun),
        ("天", Weekday::Sun),
    ];
    enum Day {
        Offset(i64),
        Coming(Weekday),
        NextWeek(Weekday),
    }
    fn weekday(rest: &str) -> Option<(Weekday, &str)> {
        WEEKDAYS
            .iter()
            .find_map(|(w, wd)| rest.strip_prefix(w).map(|r| (*wd, r)))
    }
    let (day, rest) = if let Some((_, n, rest)) = DAYS
        .iter()
        .filter_map(|(w, n)| t.strip_prefix(w).map(|r| (w.len(), *n, r)))
        .max_by_key(|(len, _, _)| *len)
    {
        (Day::Offset(n), rest)
    } else if let Some(after) = t.strip_prefix("下周").or_else(|| t.strip_prefix("下星期")) {
        let (wd, rest) = weekday(after)?;
        (Day::NextWeek(wd), rest)
    } else {
        let after = t
            .strip_prefix("周")
            .or_else(|| t.strip_prefix("星期"))
            .or_else(|| t.strip_prefix("礼拜"))?;
        let (wd, rest) = weekday(after)?;
        (Day::Coming(wd), rest)
    };
    let rest = rest.trim();
    let time = if rest.is_empty() {
        DEFAULT_TIME
    } else {
        match parse_clock(rest) {
            Some(time) => time,
            None => return Some(None),
        }
    };
    let date = match day {
        Day::Offset(n) => today.checked_add_signed(Duration::days(n)),
        Day::Coming(wd) => Some(next_weekday(wd, today, time, now, tz)),
        Day::NextWeek(wd) => {
            let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64)
                + Duration::days(7);
            monday.checked_add_signed(Duration::days(wd.num_days_from_monday() as i64))
        }
    };
    Some(date.and_then(|d| local_to_utc(d.and_time(time), tz)))
}

/// Parses a calendar date (for expectation due/agreed dates), with the same forms.
pub fn parse_date<Tz: TimeZone>(text: &str, now: DateTime<Utc>, tz: &Tz) -> Result<NaiveDate> {
    let at = parse_any_when(text, now, tz).map_err(|_| {
        Error::invalid_because(
            "date",
            text,
            "a date such as today, tomorrow, fri, +2w or 2026-11-30",
        )
    })?;
    check_range("date", text, at)
        .map(|at| at.with_timezone(tz).date_naive())
        .map_err(|_| {
            Error::invalid_because("date", text, "a date between 1970-01-01 and 2199-12-31")
        })
}

fn local_to_utc<Tz: TimeZone>(naive: NaiveDateTime, tz: &Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|dt| dt.with_timezone(&Utc))
}

fn parse_offset(t: &str) -> Option<Duration> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let unit = rest.chars().last()?;
    let number: i64 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    if !(0..=100_000).contains(&number) {
        return None;
    }
    let d = match unit {
        'm' => Duration::minutes(number),
        'h' => Duration::hours(number),
        'd' => Duration::days(number),
        'w' => Duration::weeks(number),
        _ => return None,
    };
    Some(d * sign)
}

fn parse_clock(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").ok()
}

pub fn parse_weekday(word: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    NAMES
        .iter()
        .find(|(name, _)| word.len() >= 3 && name.starts_with(word))
        .map(|(_, wd)| *wd)
}

/// The time zone times are shown and typed in: the machine's, or a fixed one (tests).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    Local,
    Fixed(chrono::FixedOffset),
}

impl Zone {
    pub const UTC: Zone = Zone::Fixed(match chrono::FixedOffset::east_opt(0) {
        Some(o) => o,
        None => panic!("zero offset is valid"),
    });

    /// `t` as wall-clock time in this zone.
    pub fn local(self, t: DateTime<Utc>) -> DateTime<chrono::FixedOffset> {
        match self {
            Zone::Local => t.with_timezone(&chrono::Local).fixed_offset(),
            Zone::Fixed(o) => t.with_timezone(&o),
        }
    }

    /// A wall-clock time in this zone as UTC (the earlier one when the clock goes back).
    pub fn to_utc(self, naive: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::Local => local_to_utc(naive, &chrono::Local),
            Zone::Fixed(o) => local_to_utc(naive, &o),
        }
    }

    pub fn show(self, t: DateTime<Utc>, format: &str) -> String {
        format_time(&self.local(t), format)
    }

    pub fn parse_when(self, text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
        match self {
            Zone::Local => parse_when(text, now, &chrono::Local),
            Zone::Fixed(o) => parse_when(text, now, &o),
        }
    }

    pub fn parse_date(self, text: &str, now: DateTime<Utc>) -> Result<NaiveDate> {
        match self {
            Zone::Local => parse_date(text, now, &chrono::Local),
            Zone::Fixed(o) => parse_date(text, now, &o),
        }
    }
}

/// The fallback of [`format_time`]: the default `date_format`.
pub const SAFE_DATE_FORMAT: &str = "%Y-%m-%d %H:%M";

/// `t` in strftime `format`, never panicking: a pattern chrono cannot render for this time
/// (the config refuses those at load) falls back to [`SAFE_DATE_FORMAT`].
pub fn format_time<Tz: TimeZone>(t: &DateTime<Tz>, format: &str) -> String
where
    Tz::Offset: std::fmt::Display,
{
    use std::fmt::Write;
    let mut out = String::new();
    if write!(out, "{}", t.format(format)).is_ok() {
        return out;
    }
    out.clear();
    let _ = write!(out, "{}", t.format(SAFE_DATE_FORMAT));
    out
}

/// Whether chrono can render `format` (checked once, when the config loads).
pub fn renders(format: &str) -> bool {
    use std::fmt::Write;
    let sample = chrono::FixedOffset::east_opt(5 * 3600 + 30 * 60)
        .and_then(|o| o.with_ymd_and_hms(2026, 11, 18, 9, 5, 7).single());
    let Some(sample) = sample else {
        return false;
    };
    let mut out = String::new();
    !format.trim().is_empty()
        && !chrono::format::StrftimeItems::new(format)
            .any(|i| matches!(i, chrono::format::Item::Error))
        && write!(out, "{}", sample.format(format)).is_ok()
        && write!(out, "{}", sample.with_timezone(&Utc).format(format)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    // Wednesday 2026-11-18 10:30 UTC.
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 18, 10, 30, 0).unwrap()
    }

    fn at(text: &str) -> String {
        parse_when(text, now(), &Utc).unwrap().to_rfc3339()
    }

    #[test]
    fn every_documented_form_parses() {
        assert_eq!(at("now"), "2026-11-18T10:30:00+00:00");
        assert_eq!(at("today"), "2026-11-18T17:00:00+00:00");
        assert_eq!(at("tomorrow"), "2026-11-19T17:00:00+00:00");
        assert_eq!(at("tomorrow 09:15"), "2026-11-19T09:15:00+00:00");
        assert_eq!(at("fri"), "2026-11-20T17:00:00+00:00");
        assert_eq!(at("Friday 14:00"), "2026-11-20T14:00:00+00:00");
        assert_eq!(at("+3d"), "2026-11-21T10:30:00+00:00");
        assert_eq!(at("+4h"), "2026-11-18T14:30:00+00:00");
        assert_eq!(at("+2w"), "2026-12-02T10:30:00+00:00");
        assert_eq!(at("-2h"), "2026-11-18T08:30:00+00:00");
        assert_eq!(at("+30m"), "2026-11-18T11:00:00+00:00");
        assert_eq!(at("14:30"), "2026-11-18T14:30:00+00:00");
        assert_eq!(at("2026-11-30"), "2026-11-30T17:00:00+00:00");
        assert_eq!(at("2026-11-30 08:05"), "2026-11-30T08:05:00+00:00");
        assert_eq!(at("2026-11-30T08:05:00+08:00"), "2026-11-30T00:05:00+00:00");
    }

    #[test]
    fn chinese_day_words_parse_with_an_optional_time() {
        // now() is Wednesday 2026-11-18 10:30.
        assert_eq!(at("今天"), "2026-11-18T17:00:00+00:00");
        assert_eq!(at("明天"), "2026-11-19T17:00:00+00:00");
        assert_eq!(at("明天 14:00"), "2026-11-19T14:00:00+00:00");
        assert_eq!(at("明天14:00"), "2026-11-19T14:00:00+00:00");
        assert_eq!(at("明天 9：05"), "2026-11-19T09:05:00+00:00");
        assert_eq!(at("后天"), "2026-11-20T17:00:00+00:00");
        assert_eq!(at("大后天"), "2026-11-21T17:00:00+00:00");
        assert_eq!(at("昨天"), "2026-11-17T17:00:00+00:00");
        assert_eq!(at("现在"), "2026-11-18T10:30:00+00:00");
        // The coming weekday, as "fri" and "mon".
        assert_eq!(at("周五"), "2026-11-20T17:00:00+00:00");
        assert_eq!(at("星期五 14:00"), "2026-11-20T14:00:00+00:00");
        assert_eq!(at("周一"), "2026-11-23T17:00:00+00:00");
        assert_eq!(at("周日"), "2026-11-22T17:00:00+00:00");
        assert_eq!(at("星期天"), "2026-11-22T17:00:00+00:00");
        assert_eq!(at("周三 12:00"), "2026-11-18T12:00:00+00:00");
        assert_eq!(at("周三 09:00"), "2026-11-25T09:00:00+00:00");
        // Next calendar week, Monday to Sunday.
        assert_eq!(at("下周一"), "2026-11-23T17:00:00+00:00");
        assert_eq!(at("下周三 10:00"), "2026-11-25T10:00:00+00:00");
        assert_eq!(at("下周五"), "2026-11-27T17:00:00+00:00");
        assert_eq!(at("下星期日"), "2026-11-29T17:00:00+00:00");
        let date = |s| parse_date(s, now(), &Utc).unwrap().to_string();
        assert_eq!(date("下周一"), "2026-11-23");
        assert_eq!(date("明天"), "2026-11-19");
        for bad in ["明天 下午", "周八", "下周", "明天 25:00", "明天后天"] {
            assert!(parse_when(bad, now(), &Utc).is_err(), "{bad} parsed");
        }
    }

    #[test]
    fn weekday_of_today_means_today_only_while_the_time_is_ahead() {
        assert_eq!(at("wed 12:00"), "2026-11-18T12:00:00+00:00");
        assert_eq!(at("wed 09:00"), "2026-11-25T09:00:00+00:00");
    }

    #[test]
    fn wall_clock_forms_are_read_in_the_given_zone() {
        let shanghai = FixedOffset::east_opt(8 * 3600).unwrap();
        let got = parse_when("2026-11-30 09:00", now(), &shanghai).unwrap();
        assert_eq!(got.to_rfc3339(), "2026-11-30T01:00:00+00:00");
    }

    #[test]
    fn impossible_or_unknown_input_is_refused_with_the_forms() {
        for bad in [
            "",
            "2026-02-30",
            "2026-13-01",
            "25:00",
            "fri 25:00",
            "someday",
            "+3y",
            "+d",
            "tomorrow at noon",
            "某天",
            "fr",
        ] {
            let err = parse_when(bad, now(), &Utc).unwrap_err().to_string();
            assert!(err.starts_with("invalid time"), "{bad}: {err}");
            assert!(err.contains("tomorrow"), "{err}");
        }
    }

    #[test]
    fn times_outside_1970_to_2199_are_refused_naming_the_range() {
        for bad in [
            "9999-12-31",
            "0000-01-01T00:00:00+14:00",
            "1969-12-31 23:59",
            "2200-01-01",
            "+100000w",
        ] {
            let err = parse_when(bad, now(), &Utc).unwrap_err().to_string();
            assert!(err.contains(bad), "{bad}: {err}");
            assert!(
                err.contains("1970") || err.contains("tomorrow"),
                "{bad}: {err}"
            );
        }
        assert!(parse_when("2199-12-31 23:59", now(), &Utc).is_ok());
        assert!(parse_when("1970-01-01 00:00", now(), &Utc).is_ok());
        let err = parse_date("9999-12-31", now(), &Utc)
            .unwrap_err()
            .to_string();
        assert!(err.contains("between 1970-01-01 and 2199-12-31"), "{err}");
    }

    #[test]
    fn dates_keep_the_local_calendar_day() {
        let d = parse_date("+2w", now(), &Utc).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert!(parse_date("2026-02-30", now(), &Utc).is_err());
    }
}
