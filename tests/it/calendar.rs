//! Business-time arithmetic, by property: monotonic, never outside working time, additive,
//! and unchanged calendar-hours behaviour when no calendar is configured.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use rapport::model::calendar::{Hours, WorkingCalendar, deadline};

fn calendars() -> Vec<WorkingCalendar> {
    let texts = [
        "zone = \"Asia/Shanghai\"\nhours = \"09:00-18:00\"\ndays = [\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]\nholidays = [\"2026-10-01/2026-10-07\"]\nworkdays = [\"2026-10-10\"]",
        // Berlin crosses both DST changes of 2026 (03-29 and 10-25).
        "zone = \"Europe/Berlin\"\nhours = \"08:30-17:15\"\nholidays = [\"2026-12-24/2026-12-26\"]",
        // Hours that include the night of a DST change, per weekday.
        "zone = \"America/New_York\"\n[hours]\nsun = \"00:30-04:00\"\nwed = \"10:00-12:00\"",
    ];
    texts
        .iter()
        .map(|t| WorkingCalendar::from_toml(t, "calendar", None).expect("valid calendar"))
        .collect()
}

fn instant(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(minutes)
}

const YEAR_MINUTES: i64 = 366 * 24 * 60;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn monotonic_in_start_and_hours(which in 0usize..3, a in 0..YEAR_MINUTES, b in 0..YEAR_MINUTES, h in 0u32..200, k in 0u32..50) {
        let cal = &calendars()[which];
        let (s1, s2) = (instant(a.min(b)), instant(a.max(b)));
        prop_assert!(cal.add_business(s1, h) <= cal.add_business(s2, h));
        prop_assert!(cal.add_business(s1, h) <= cal.add_business(s1, h + k));
    }

    #[test]
    fn never_lands_outside_working_time(which in 0usize..3, a in 0..YEAR_MINUTES, h in 1u32..200) {
        let cal = &calendars()[which];
        let due = cal.add_business(instant(a), h);
        prop_assert!(cal.is_working(due), "{} + {h} h = {due}", instant(a));
        prop_assert_eq!(cal.working_between(instant(a), due), Duration::hours(i64::from(h)));
    }

    #[test]
    fn adding_twice_equals_adding_the_sum(which in 0usize..3, a in 0..YEAR_MINUTES, h1 in 0u32..100, h2 in 0u32..100) {
        let cal = &calendars()[which];
        let start = instant(a);
        prop_assert_eq!(
            cal.add_business(cal.add_business(start, h1), h2),
            cal.add_business(start, h1 + h2)
        );
    }

    #[test]
    fn without_a_calendar_hours_stay_on_the_clock(a in 0..YEAR_MINUTES, h in 0u32..9000, business: bool) {
        let start = instant(a);
        let hours = Hours { n: h, business };
        prop_assert_eq!(deadline(None, start, hours), start + Duration::hours(i64::from(h)));
        // Calendar hours ignore a configured calendar too.
        let cal = &calendars()[0];
        prop_assert_eq!(deadline(Some(cal), start, Hours::calendar(h)), start + Duration::hours(i64::from(h)));
    }
}

/// The commented calendar examples of config.example.toml, uncommented, are valid configs.
#[test]
fn the_documented_calendars_are_valid() {
    let text = include_str!("../../config.example.toml");
    let mut found = 0;
    for block in text.split("# --- example: ").skip(1) {
        let body = block.split("# --- end ---").next().unwrap_or("");
        let toml: String = body
            .lines()
            .skip(1)
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .filter(|l| !l.starts_with("holidays_ics"))
            .collect::<Vec<_>>()
            .join("\n");
        let cfg = rapport::config::Config::parse(&toml).unwrap_or_else(|e| panic!("{e}: {toml}"));
        assert!(cfg.working_calendar().unwrap().is_some());
        found += 1;
    }
    assert_eq!(found, 2);
}
