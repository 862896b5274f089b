//! The issue log: what went wrong on a client's project, what we told them, and how it ended.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{IssueStatus, Severity};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub status: IssueStatus,
    pub detected_at: DateTime<Utc>,
    pub owner: String,
    pub cause: String,
    pub impact: String,
    pub our_fault: bool,
    pub client_notified_at: Option<DateTime<Utc>>,
    pub next_update_due: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution: String,
    pub lessons: String,
    pub prevention: String,
    pub options: Vec<SolutionOption>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Issue {
    /// The client was promised an update and the time has passed.
    pub fn follow_up_overdue(&self, now: DateTime<Utc>) -> bool {
        self.status.is_open() && self.next_update_due.is_some_and(|due| due < now)
    }

    /// A known problem the client has not heard about yet.
    pub fn client_unaware(&self) -> bool {
        self.status.is_open() && self.client_notified_at.is_none()
    }
}

/// One way out of a problem, offered to the client to choose from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolutionOption {
    /// 1-based position within the issue, as shown and as typed in `issue option choose`.
    pub number: i64,
    pub text: String,
    pub time_needed: String,
    pub expected_effect: String,
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewIssue {
    pub project_id: i64,
    pub title: String,
    pub description: String,
    pub severity: Severity,
    pub status: IssueStatus,
    pub detected_at: DateTime<Utc>,
    pub owner: String,
    pub our_fault: bool,
    pub cause: String,
    pub impact: String,
}

/// A change to an issue; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IssuePatch {
    pub project_id: Option<i64>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub severity: Option<Severity>,
    pub status: Option<IssueStatus>,
    pub detected_at: Option<DateTime<Utc>>,
    pub owner: Option<String>,
    pub cause: Option<String>,
    pub impact: Option<String>,
    pub our_fault: Option<bool>,
    pub client_notified_at: Option<Option<DateTime<Utc>>>,
    pub next_update_due: Option<Option<DateTime<Utc>>>,
    /// When service was restored (stamped on resolving; a typed time corrects it).
    pub resolved_at: Option<Option<DateTime<Utc>>>,
    pub resolution: Option<String>,
    pub lessons: Option<String>,
    pub prevention: Option<String>,
}

impl IssuePatch {
    pub fn is_empty(&self) -> bool {
        *self == IssuePatch::default()
    }

    /// Applies the patch to `issue` at `now`, keeping the derived fields true:
    /// resolving stamps `resolved_at` and drops the follow-up promise; reopening clears both.
    pub fn apply(&self, issue: &mut Issue, now: DateTime<Utc>) {
        macro_rules! set {
            ($($field:ident),+) => {$(
                if let Some(v) = &self.$field { issue.$field = v.clone(); }
            )+};
        }
        set!(
            project_id,
            title,
            description,
            severity,
            detected_at,
            owner,
            cause,
            impact,
            our_fault,
            client_notified_at,
            next_update_due,
            resolution,
            lessons,
            prevention
        );
        if let Some(status) = self.status {
            let was_open = issue.status.is_open();
            issue.status = status;
            if was_open && !status.is_open() {
                issue.resolved_at = Some(now);
                if self.next_update_due.is_none() {
                    issue.next_update_due = None;
                }
            } else if status.is_open() {
                issue.resolved_at = None;
            }
        }
        if let Some(at) = self.resolved_at {
            issue.resolved_at = at;
        }
        issue.updated_at = now;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub fn sample(now: DateTime<Utc>) -> Issue {
        Issue {
            id: 1,
            project_id: 1,
            project: "Portal".into(),
            title: "Login fails".into(),
            description: String::new(),
            severity: Severity::High,
            status: IssueStatus::New,
            detected_at: now,
            owner: String::new(),
            cause: String::new(),
            impact: String::new(),
            our_fault: false,
            client_notified_at: None,
            next_update_due: Some(now),
            resolved_at: None,
            resolution: String::new(),
            lessons: String::new(),
            prevention: String::new(),
            options: vec![],
            archived: false,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn resolving_stamps_the_time_and_drops_the_promise_reopening_clears_it() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let t1 = t0 + chrono::Duration::hours(5);
        let mut issue = sample(t0);
        let resolve = IssuePatch {
            status: Some(IssueStatus::Resolved),
            ..Default::default()
        };
        resolve.apply(&mut issue, t1);
        assert_eq!(issue.resolved_at, Some(t1));
        assert_eq!(issue.next_update_due, None);
        assert_eq!(issue.updated_at, t1);

        let reopen = IssuePatch {
            status: Some(IssueStatus::Investigating),
            ..Default::default()
        };
        reopen.apply(&mut issue, t1);
        assert_eq!(issue.resolved_at, None);
    }

    #[test]
    fn overdue_and_unaware_are_only_for_open_issues() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap();
        let mut issue = sample(t0);
        assert!(issue.client_unaware());
        assert!(issue.follow_up_overdue(t0 + chrono::Duration::minutes(1)));
        assert!(!issue.follow_up_overdue(t0));
        issue.status = IssueStatus::Closed;
        assert!(!issue.client_unaware());
        assert!(!issue.follow_up_overdue(t0 + chrono::Duration::days(1)));
    }
}
