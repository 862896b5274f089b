//! The communication rules' numbers and the drafter, taken from the config once per run.

use std::path::PathBuf;

use chrono::{DateTime, Utc, Weekday};

use super::templates::Drafter;
use crate::config::{Config, SeverityHours};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::calendar::deadline;
use crate::model::when::{Zone, parse_weekday};
use crate::model::{Severity, WorkingCalendar};

pub struct Policy {
    /// Hours from detection within which the client must hear of a problem.
    pub sla: SeverityHours,
    /// Hours between follow-ups while an issue is open.
    pub follow_up: SeverityHours,
    pub status_weekday: Weekday,
    pub status_hour: u32,
    pub zone: Zone,
    /// The config's `[calendar]`: business hours count in it unless a client has its own.
    pub calendar: Option<WorkingCalendar>,
    pub date_format: String,
    /// Signs drafts and fills the From of exported mail.
    pub sender: String,
    pub drafter: Drafter,
    /// How soon feedback gets a reply ([reply_hours] of the config).
    pub reply: crate::config::ReplyHours,
    /// The channel of an issue's first notice by severity ([first_contact_channel]).
    pub first_contact_channel: crate::config::FirstContactChannel,
}

impl Policy {
    /// `templates` is the user's override folder (`<config dir>/templates`), if any.
    pub fn new(cfg: &Config, zone: Zone, templates: Option<PathBuf>) -> Result<Policy> {
        let status_weekday = parse_weekday(&cfg.status_report.weekday).ok_or_else(|| {
            Error::invalid_because(
                "status_report.weekday",
                &cfg.status_report.weekday,
                tr("a weekday such as fri"),
            )
        })?;
        Ok(Policy {
            sla: cfg.sla_hours,
            follow_up: cfg.follow_up_hours,
            status_weekday,
            status_hour: cfg.status_report.hour,
            zone,
            calendar: cfg.working_calendar()?,
            date_format: cfg.date_format.clone(),
            sender: cfg.from.clone(),
            drafter: Drafter::new(&cfg.language, templates)?,
            reply: cfg.reply_hours,
            first_contact_channel: cfg.first_contact_channel,
        })
    }

    /// The defaults in UTC with the built-in English templates: for tests and benchmarks.
    pub fn standard() -> Policy {
        match Policy::new(&Config::default(), Zone::UTC, None) {
            Ok(p) => p,
            Err(e) => panic!("the default config is valid: {e}"),
        }
    }

    /// `cal` is the client's working calendar (workflow::client_time::calendar_for).
    pub fn first_contact_due(
        &self,
        cal: Option<&WorkingCalendar>,
        severity: Severity,
        detected: DateTime<Utc>,
    ) -> DateTime<Utc> {
        deadline(cal, detected, self.sla.get(severity))
    }

    pub fn follow_up_due(
        &self,
        cal: Option<&WorkingCalendar>,
        severity: Severity,
        from: DateTime<Utc>,
    ) -> DateTime<Utc> {
        deadline(cal, from, self.follow_up.get(severity))
    }

    pub fn show(&self, t: DateTime<Utc>) -> String {
        self.zone.show(t, &self.date_format)
    }
}
