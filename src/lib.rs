//! rapport: a project manager's client-communication log, kept in one SQLite file.
//!
//! Layers, each knowing only those below it: `model` (plain types and rules) →
//! `store` (SQLite) → `workflow` (the communication rules and operations) and `report`
//! (reports and the writers of everything that leaves rapport) → `cli` / `tui`.

pub mod cli;
pub mod clock;
pub mod config;
pub mod editor;
pub mod error;
pub mod files;
pub mod i18n;
pub mod model;
pub mod report;
pub mod store;
pub mod tui;
pub mod workflow;

pub use error::{Error, Result};
