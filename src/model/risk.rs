//! The risk register: what could go wrong, how likely and how bad, who watches it, and the
//! responses prepared in advance (the options the client hears about if it happens).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Impact, Likelihood, RiskStatus, Severity};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub text: String,
    pub likelihood: Likelihood,
    pub impact: Impact,
    /// Likelihood x impact, 1 (low, low) to 9 (high, high).
    pub exposure: i64,
    pub owner: String,
    /// The sign to watch for that says the risk is about to happen.
    pub trigger: String,
    pub review_at: Option<DateTime<Utc>>,
    pub status: RiskStatus,
    /// The issue opened when the risk occurred.
    pub issue_id: Option<i64>,
    pub plans: Vec<RiskPlan>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A response prepared in advance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskPlan {
    pub id: i64,
    pub text: String,
    pub time_needed: String,
    pub expected_effect: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewRisk {
    pub project_id: i64,
    pub text: String,
    pub likelihood: Likelihood,
    pub impact: Impact,
    pub owner: String,
    pub trigger: String,
    pub review_at: Option<DateTime<Utc>>,
}

/// A change to a risk; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskPatch {
    pub text: Option<String>,
    pub likelihood: Option<Likelihood>,
    pub impact: Option<Impact>,
    pub owner: Option<String>,
    pub trigger: Option<String>,
    pub review_at: Option<Option<DateTime<Utc>>>,
    pub status: Option<RiskStatus>,
}

impl RiskPatch {
    pub fn is_empty(&self) -> bool {
        *self == RiskPatch::default()
    }

    pub fn apply(&self, r: &mut Risk, now: DateTime<Utc>) {
        if let Some(v) = &self.text {
            r.text = v.clone();
        }
        if let Some(v) = self.likelihood {
            r.likelihood = v;
        }
        if let Some(v) = self.impact {
            r.impact = v;
        }
        if let Some(v) = &self.owner {
            r.owner = v.clone();
        }
        if let Some(v) = &self.trigger {
            r.trigger = v.clone();
        }
        if let Some(v) = self.review_at {
            r.review_at = v;
        }
        if let Some(v) = self.status {
            r.status = v;
        }
        r.exposure = exposure(r.likelihood, r.impact);
        r.updated_at = now;
    }
}

fn level(i: usize) -> i64 {
    i as i64 + 1
}

/// Likelihood x impact on a 1..9 scale (the store computes the same for ordering).
pub fn exposure(l: Likelihood, i: Impact) -> i64 {
    let li = Likelihood::ALL.iter().position(|x| *x == l).unwrap_or(0);
    let ii = Impact::ALL.iter().position(|x| *x == i).unwrap_or(0);
    level(li) * level(ii)
}

/// The severity of the issue a risk opens when it happens, unless told: its impact.
pub fn severity_of(i: Impact) -> Severity {
    match i {
        Impact::High => Severity::High,
        Impact::Medium => Severity::Medium,
        Impact::Low => Severity::Low,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposure_multiplies_the_levels() {
        assert_eq!(exposure(Likelihood::High, Impact::High), 9);
        assert_eq!(exposure(Likelihood::Low, Impact::High), 3);
        assert_eq!(exposure(Likelihood::Medium, Impact::Medium), 4);
    }
}
