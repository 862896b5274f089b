//! The operations a PM performs and the communication rules around them. The CLI and the TUI
//! both call these functions, so a record added from a form or from `rapport issue add`
//! passes the same checks and triggers the same rules. Takes a store and a `now`; never
//! touches the terminal.

mod agenda;
pub mod client_time;
pub mod clients;
pub mod demo;
pub mod drafts;
pub mod expectations;
pub mod feedback;
mod follow_up;
pub mod issues;
pub mod log;
pub mod meetings;
pub mod milestones;
pub mod notes;
mod plan_rules;
pub mod plans;
pub mod policy;
pub mod portfolio;
pub mod projects;
pub mod recipients;
pub mod reviews;
pub mod risks;
pub mod rules;
pub mod schedule;
pub mod search;
pub mod stats;
mod steps;
pub mod templates;
pub mod today;
pub mod transfer;
pub mod undo;
pub mod updates;
pub mod waiting;
pub mod words;

pub use crate::model::Record;
pub use policy::Policy;
pub use undo::{Done, UndoStep};
