//! Clients, their projects and their contacts.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{Channel, ProjectStatus};
use crate::error::{Error, Result};
use crate::i18n::tr;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub notes: String,
}

/// How often the client hears from us when nothing special happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    Weekly,
    Biweekly,
    Monthly,
    Days(u16),
}

impl Cadence {
    pub const FORMS: &'static str = "weekly, biweekly, monthly or a number of days such as 10d";

    /// The nominal gap between two regular contacts.
    pub fn period(self) -> Duration {
        match self {
            Cadence::Weekly => Duration::weeks(1),
            Cadence::Biweekly => Duration::weeks(2),
            Cadence::Monthly => Duration::days(30),
            Cadence::Days(n) => Duration::days(i64::from(n)),
        }
    }
}

impl std::fmt::Display for Cadence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cadence::Weekly => f.write_str("weekly"),
            Cadence::Biweekly => f.write_str("biweekly"),
            Cadence::Monthly => f.write_str("monthly"),
            Cadence::Days(n) => write!(f, "{n}d"),
        }
    }
}

impl std::str::FromStr for Cadence {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().to_ascii_lowercase();
        match t.as_str() {
            "weekly" => Ok(Cadence::Weekly),
            "biweekly" => Ok(Cadence::Biweekly),
            "monthly" => Ok(Cadence::Monthly),
            _ => t
                .strip_suffix('d')
                .and_then(|n| n.parse::<u16>().ok())
                .filter(|n| (1..=365).contains(n))
                .map(Cadence::Days)
                .ok_or_else(|| Error::invalid_because("cadence", s, Cadence::FORMS)),
        }
    }
}

impl Serialize for Cadence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cadence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    pub id: i64,
    pub client_id: i64,
    pub client: String,
    pub name: String,
    pub status: ProjectStatus,
    pub cadence: Option<Cadence>,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewProject {
    pub name: String,
    pub client: String,
    pub status: ProjectStatus,
    pub cadence: Option<Cadence>,
    pub channel: Channel,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub id: i64,
    pub client_id: i64,
    pub client: String,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub channel: Option<Channel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewContact {
    pub client: String,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub channel: Option<Channel>,
}

/// A light check that catches typos such as a missing `@`; mail servers do the rest.
pub fn check_email(value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    let ok = v.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !v.contains(char::is_whitespace);
    if ok {
        Ok(v.to_string())
    } else {
        Err(Error::invalid_because(
            "email",
            value,
            tr("an address such as name@example.com"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cadence_forms() {
        assert_eq!("weekly".parse::<Cadence>().unwrap(), Cadence::Weekly);
        assert_eq!("10d".parse::<Cadence>().unwrap(), Cadence::Days(10));
        assert_eq!(Cadence::Days(10).to_string(), "10d");
        assert_eq!(Cadence::Biweekly.period(), Duration::weeks(2));
        for bad in ["0d", "daily", "d", "400d", ""] {
            assert!(bad.parse::<Cadence>().is_err(), "{bad}");
        }
    }

    #[test]
    fn email_check() {
        assert!(check_email("li.wei@example.cn").is_ok());
        assert_eq!(check_email("  ").unwrap(), "");
        for bad in ["nobody", "a@b", "@x.com", "a b@x.com"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}

/// A change to a project; `None` leaves a field as it is (`cadence: Some(None)` stops the
/// regular status reports).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectPatch {
    pub name: Option<String>,
    pub status: Option<ProjectStatus>,
    pub cadence: Option<Option<Cadence>>,
    pub channel: Option<Channel>,
}

impl ProjectPatch {
    pub fn is_empty(&self) -> bool {
        *self == ProjectPatch::default()
    }
}

/// A change to a contact; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactPatch {
    pub name: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub channel: Option<Option<Channel>>,
}

impl ContactPatch {
    pub fn is_empty(&self) -> bool {
        *self == ContactPatch::default()
    }
}
