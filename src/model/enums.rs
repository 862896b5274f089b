//! The closed vocabularies of the domain: severities, statuses, kinds, channels.
//! Each enum spells its values exactly as the CLI, the JSON and the database do.

use crate::error::Error;

/// Defines a string-valued enum with `ALL`, `as_str`, `Display`, `FromStr` and serde.
macro_rules! str_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What this vocabulary is called in messages ("severity", "status", ...).
            pub const WHAT: &'static str = $what;

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The allowed spellings, comma separated, for error messages and help.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let wanted = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| Error::invalid($what, s, Self::allowed()))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

str_enum!(
    /// How bad a problem is for the client; drives deadlines and colour.
    Severity, "severity" {
        Critical => "critical",
        High => "high",
        Medium => "medium",
        Low => "low",
    }
);

str_enum!(
    /// Where an issue stands, from detection to closure.
    IssueStatus, "status" {
        New => "new",
        Investigating => "investigating",
        SolutionProposed => "solution-proposed",
        InProgress => "in-progress",
        Resolved => "resolved",
        Closed => "closed",
    }
);

impl Severity {
    /// 0 for critical .. 3 for low: the order of the issue log (the store's `severity_rank`).
    pub fn rank(self) -> i64 {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) as i64
    }
}

impl IssueStatus {
    /// An open issue still needs work and follow-ups.
    pub fn is_open(self) -> bool {
        !matches!(self, IssueStatus::Resolved | IssueStatus::Closed)
    }
}

str_enum!(
    ProjectStatus, "project status" {
        Active => "active",
        OnHold => "on-hold",
        Closed => "closed",
    }
);

str_enum!(
    /// What an update tells the client.
    UpdateKind, "kind" {
        Notice => "notice",
        Progress => "progress",
        Resolution => "resolution",
        Status => "status",
        Closing => "closing",
        Other => "other",
    }
);

str_enum!(
    Channel, "channel" {
        Email => "email",
        Phone => "phone",
        Meeting => "meeting",
        Chat => "chat",
        Other => "other",
    }
);

str_enum!(
    /// Where an update stands in the queue.
    UpdateState, "state" {
        Draft => "draft",
        Ready => "ready",
        Sent => "sent",
        Skipped => "skipped",
    }
);

impl UpdateState {
    /// Pending updates are still owed to the client.
    pub fn is_pending(self) -> bool {
        matches!(self, UpdateState::Draft | UpdateState::Ready)
    }
}

str_enum!(
    ExpectationCategory, "category" {
        Scope => "scope",
        Quality => "quality",
        Schedule => "schedule",
        Budget => "budget",
        Communication => "communication",
        Acceptance => "acceptance",
        Commitment => "commitment",
    }
);

str_enum!(
    ExpectationStatus, "expectation status" {
        Proposed => "proposed",
        Agreed => "agreed",
        AtRisk => "at-risk",
        Changed => "changed",
        Met => "met",
        Missed => "missed",
        Withdrawn => "withdrawn",
    }
);

impl ExpectationStatus {
    /// The register's order: at risk first, settled last (the store's `status_rank`).
    pub fn rank(self) -> i64 {
        match self {
            ExpectationStatus::AtRisk => 0,
            ExpectationStatus::Changed => 1,
            ExpectationStatus::Agreed => 2,
            ExpectationStatus::Proposed => 3,
            ExpectationStatus::Missed => 4,
            ExpectationStatus::Met => 5,
            ExpectationStatus::Withdrawn => 6,
        }
    }

    /// Live expectations are still to be delivered; the others are settled.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            ExpectationStatus::Proposed
                | ExpectationStatus::Agreed
                | ExpectationStatus::AtRisk
                | ExpectationStatus::Changed
        )
    }
}

str_enum!(
    Direction, "direction" {
        In => "in",
        Out => "out",
    }
);

str_enum!(
    LogKind, "log kind" {
        Feedback => "feedback",
        Complaint => "complaint",
        Request => "request",
        Praise => "praise",
        Decision => "decision",
        Note => "note",
    }
);

str_enum!(
    /// How likely a risk is to happen.
    Likelihood, "likelihood" {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
);

str_enum!(
    /// How much a risk would hurt the project if it happened.
    Impact, "impact" {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
);

str_enum!(
    /// Where a risk stands: still possible (open, watching), happened, or gone.
    RiskStatus, "risk status" {
        Open => "open",
        Watching => "watching",
        Occurred => "occurred",
        Closed => "closed",
    }
);

impl RiskStatus {
    /// An open or watched risk may still happen: it is reviewed and reported.
    pub fn is_open(self) -> bool {
        matches!(self, RiskStatus::Open | RiskStatus::Watching)
    }
}

str_enum!(
    /// Where a milestone stands; slipped means its date moved (the reason is kept).
    MilestoneStatus, "milestone status" {
        Planned => "planned",
        InProgress => "in-progress",
        Done => "done",
        Slipped => "slipped",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_its_text() {
        for s in Severity::ALL {
            assert_eq!(s.as_str().parse::<Severity>().unwrap(), *s);
        }
        for s in IssueStatus::ALL {
            assert_eq!(s.to_string().parse::<IssueStatus>().unwrap(), *s);
        }
        assert_eq!(
            "AT-RISK".parse::<ExpectationStatus>().unwrap(),
            ExpectationStatus::AtRisk
        );
    }

    #[test]
    fn unknown_value_names_it_and_the_allowed_ones() {
        let err = "urgent".parse::<Severity>().unwrap_err().to_string();
        assert_eq!(
            err,
            "invalid severity 'urgent': expected one of critical, high, medium, low"
        );
    }
}

str_enum!(
    /// What a communication plan entry is: a status report, a progress meeting, a
    /// satisfaction review or another regular report (which is queued like a status report).
    PlanKind, "kind" {
        Status => "status",
        Meeting => "meeting",
        Review => "review",
        Report => "report",
    }
);
