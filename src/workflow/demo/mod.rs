//! Sample data for first looks, screenshots and benchmarks. `small` is a hand-written story
//! (three clients, mixed English and Chinese); `large` and `huge` add generated years of history.

pub mod clients;
mod generate;
mod plan_story;
mod seed;
mod story;

use chrono::{DateTime, Utc};

use super::Policy;
use crate::error::{Error, Result};
use crate::store::{self, Store};
use generate::generate;
use story::story;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    Large,
    Huge,
}

impl std::str::FromStr for Scale {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "small" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            "huge" => Ok(Scale::Huge),
            _ => Err(Error::invalid("scale", s, "small, large, huge".into())),
        }
    }
}

impl Scale {
    /// Generated issues on top of the story (updates ×3, expectations ÷2, log ×10).
    fn generated_issues(self) -> usize {
        match self {
            Scale::Small => 0,
            Scale::Large => 10_000,
            Scale::Huge => 100_000,
        }
    }
}

/// Sample data with `issues` generated issues (and 3 updates, half an expectation and ten log
/// entries per issue) on top of the story: for tests that need volume but not a huge file.
pub fn fill_generated(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    issues: usize,
) -> Result<store::Counts> {
    story(store, now, policy)?;
    generate(store, now, policy, issues, &mut |_, _, _| {})?;
    analyzed(store)
}

/// The counts after a load, with the planner's statistics of the loaded tables taken, so
/// the first queries on them (the caller's rules, a benchmark, the first TUI frame) pick
/// the right index.
fn analyzed(store: &mut Store) -> Result<store::Counts> {
    store.analyze()?;
    store.counts()
}

/// The projects of the sample story; generated ones are named "Generated project NN".
const STORY_PROJECTS: [&str; 4] = [
    "Northwind Portal",
    "Northwind Data Migration",
    "华东银行 移动端",
    "Acme Checkout",
];

/// True when the database has projects and every one of them is sample data: running the
/// demo again on it has nothing to add.
pub fn holds_only_sample(store: &Store) -> Result<bool> {
    let names = store::bulk::project_names(store.conn())?;
    // Every project of the story, and nothing else: a real file that happens to name a
    // project like one of the story's is not sample data.
    Ok(STORY_PROJECTS.iter().all(|p| names.iter().any(|n| n == p))
        && names
            .iter()
            .all(|n| STORY_PROJECTS.contains(&n.as_str()) || n.starts_with("Generated project ")))
}

/// Fills an empty database. Refuses a database that already has projects, so sample
/// data never mixes with a client's real records.
pub fn fill(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    scale: Scale,
) -> Result<store::Counts> {
    fill_with_progress(store, now, policy, scale, &mut |_, _, _| {})
}

/// [`fill`], telling `progress` (table, rows done, rows in all) as generated rows are
/// written (large and huge take seconds).
pub fn fill_with_progress(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    scale: Scale,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<store::Counts> {
    let existing = store.counts()?;
    if existing.projects > 0 {
        return Err(Error::Conflict(format!(
            "the database{} already has {} project(s); demo data goes into a fresh file (use --db demo.sqlite3)",
            store
                .path()
                .map(|p| format!(" {}", p.display()))
                .unwrap_or_default(),
            existing.projects
        )));
    }
    story(store, now, policy)?;
    let n = scale.generated_issues();
    if n > 0 {
        generate(store, now, policy, n, progress)?;
    }
    analyzed(store)
}
