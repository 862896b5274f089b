//! `Record`: which record of which log an operation, an undo step or an agenda line is about.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A record of one of the four logs, a project, or a record of the plan (milestone, risk,
/// satisfaction review).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Issue(i64),
    Update(i64),
    Expectation(i64),
    Log(i64),
    Project(i64),
    Milestone(i64),
    Risk(i64),
    Review(i64),
    /// An entry of a project's communication plan.
    PlanEntry(i64),
    Meeting(i64),
    /// An action agreed in a meeting.
    Action(i64),
    /// A person at a client.
    Contact(i64),
    /// A client (company), with its time zone, calendar and language.
    Client(i64),
}

impl Record {
    pub fn id(self) -> i64 {
        match self {
            Record::Issue(id)
            | Record::Update(id)
            | Record::Expectation(id)
            | Record::Log(id)
            | Record::Project(id)
            | Record::Milestone(id)
            | Record::Risk(id)
            | Record::Review(id)
            | Record::PlanEntry(id)
            | Record::Meeting(id)
            | Record::Action(id)
            | Record::Contact(id)
            | Record::Client(id) => id,
        }
    }

    /// The kind in one word, as JSON output names it.
    pub fn kind(self) -> &'static str {
        match self {
            Record::Issue(_) => "issue",
            Record::Update(_) => "update",
            Record::Expectation(_) => "expectation",
            Record::Log(_) => "log",
            Record::Project(_) => "project",
            Record::Milestone(_) => "milestone",
            Record::Risk(_) => "risk",
            Record::Review(_) => "review",
            Record::PlanEntry(_) => "plan",
            Record::Meeting(_) => "meeting",
            Record::Action(_) => "action",
            Record::Contact(_) => "contact",
            Record::Client(_) => "client",
        }
    }
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Record::Issue(id) => write!(f, "issue {id}"),
            Record::Update(id) => write!(f, "update {id}"),
            Record::Expectation(id) => write!(f, "expectation {id}"),
            Record::Log(id) => write!(f, "log entry {id}"),
            Record::Project(id) => write!(f, "project {id}"),
            Record::Milestone(id) => write!(f, "milestone {id}"),
            Record::Risk(id) => write!(f, "risk {id}"),
            Record::Review(id) => write!(f, "review {id}"),
            Record::PlanEntry(id) => write!(f, "plan entry {id}"),
            Record::Meeting(id) => write!(f, "meeting {id}"),
            Record::Action(id) => write!(f, "action {id}"),
            Record::Contact(id) => write!(f, "contact {id}"),
            Record::Client(id) => write!(f, "client {id}"),
        }
    }
}

/// Two fields, `{"record": "issue", "id": 4}`, so a struct can flatten a record into its own.
impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("record", self.kind())?;
        map.serialize_entry("id", &self.id())?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_kind_and_id() {
        let json = serde_json::to_string(&Record::Expectation(7)).unwrap();
        assert_eq!(json, r#"{"record":"expectation","id":7}"#);
        assert_eq!(Record::Log(3).kind(), "log");
    }
}
