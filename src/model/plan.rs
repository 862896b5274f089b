//! The communication plan: what is communicated to a client, how often, to whom, through
//! which channel and who on our side owns it. Its entries drive the queue and Today.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Cadence, Channel, PlanKind};

/// One line of a project's communication plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanEntry {
    pub id: i64,
    pub project_id: i64,
    pub project: String,
    pub kind: PlanKind,
    pub what: String,
    pub every: Cadence,
    /// Contact names, as given.
    pub audience: Vec<String>,
    pub owner: String,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPlanEntry {
    pub project_id: i64,
    pub kind: PlanKind,
    pub what: String,
    pub every: Cadence,
    pub audience: Vec<String>,
    pub owner: String,
    /// The project's channel when not given.
    pub channel: Option<Channel>,
}

/// A change to a plan entry; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanPatch {
    pub kind: Option<PlanKind>,
    pub what: Option<String>,
    pub every: Option<Cadence>,
    pub audience: Option<Vec<String>>,
    pub owner: Option<String>,
    pub channel: Option<Channel>,
}

impl PlanPatch {
    pub fn is_empty(&self) -> bool {
        *self == PlanPatch::default()
    }
}
