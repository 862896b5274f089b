//! The injected "now". The CLI reads `RAPPORT_NOW` so scripts and tests are deterministic;
//! tests inside the crate build a fixed clock directly.

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::i18n::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// `RAPPORT_NOW=<RFC 3339>` fixes the time; unset means the system clock.
    pub fn from_env() -> Result<Clock> {
        match std::env::var("RAPPORT_NOW") {
            Ok(text) if !text.trim().is_empty() => {
                let at = DateTime::parse_from_rfc3339(text.trim())
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| {
                        Error::invalid_because(
                            "RAPPORT_NOW",
                            &text,
                            tr("an RFC 3339 time such as 2026-11-18T09:00:00Z"),
                        )
                    })?;
                // Every deadline is computed from now: keep it where stored times can follow.
                let latest = crate::model::when::beyond_latest() - chrono::Duration::days(3650);
                if at < crate::model::when::EARLIEST || at >= latest {
                    return Err(Error::invalid_because(
                        "RAPPORT_NOW",
                        &text,
                        tr("an RFC 3339 time between 1970-01-01 and 2189-12-31"),
                    ));
                }
                Ok(Clock::Fixed(at))
            }
            _ => Ok(Clock::System),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}
