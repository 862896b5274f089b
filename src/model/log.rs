//! The communication log: every contact with the client, its tone and what it was about.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Channel, Direction, LogKind};
use crate::error::{Error, Result};
use crate::i18n::tr;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub channel: Channel,
    pub kind: LogKind,
    pub summary: String,
    /// -2 (angry) .. +2 (delighted).
    pub sentiment: i8,
    pub issue_id: Option<i64>,
    pub expectation_id: Option<i64>,
    pub update_id: Option<i64>,
    pub archived: bool,
    /// The meeting it was recorded in (a decision taken there).
    pub meeting_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewLogEntry {
    pub project_id: i64,
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub channel: Channel,
    pub kind: LogKind,
    pub summary: String,
    pub sentiment: i8,
    pub issue_id: Option<i64>,
    pub expectation_id: Option<i64>,
    pub update_id: Option<i64>,
}

pub fn parse_sentiment(text: &str) -> Result<i8> {
    text.trim()
        .parse::<i8>()
        .ok()
        .filter(|n| (-2..=2).contains(n))
        .ok_or_else(|| Error::invalid_because("sentiment", text, tr("a whole number from -2 to 2")))
}

/// A short picture of the mood, for tables.
pub fn sentiment_symbol(s: i8) -> &'static str {
    match s {
        i8::MIN..=-2 => "--",
        -1 => "-",
        0 => "·",
        1 => "+",
        _ => "++",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentiment_range() {
        assert_eq!(parse_sentiment("-2").unwrap(), -2);
        assert_eq!(parse_sentiment("+1").unwrap(), 1);
        for bad in ["3", "-3", "x", "1.5"] {
            let e = parse_sentiment(bad).unwrap_err().to_string();
            assert!(e.contains("-2 to 2"), "{e}");
        }
    }
}
