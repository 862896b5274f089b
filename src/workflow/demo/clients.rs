//! `rapport demo --clients N`: one file per client, of varied size and health, so the
//! portfolio can be tried and measured. Deterministic: client `i` always gets the same data.

use chrono::{DateTime, Utc};

use super::generate::{Shape, generate_shaped};
use crate::error::Result;
use crate::model::Severity;
use crate::store::{self, Store};
use crate::workflow::Policy;

/// Realistic company names, the file of each named by [`file_name`].
pub const COMPANIES: &[&str] = &[
    "Northwind Traders",
    "Contoso Pharmaceuticals",
    "Fabrikam Logistics",
    "Tailspin Airlines",
    "Adventure Works Cycles",
    "Litware Insurance",
    "Woodgrove Bank",
    "Proseware Health",
    "Wingtip Toys",
    "Alpine Ski House",
    "Coho Winery",
    "Lucerne Publishing",
    "Blue Yonder Airlines",
    "Trey Research",
    "Humongous Insurance",
    "Graphic Design Institute",
    "Margie's Travel",
    "Southridge Video",
    "Fourth Coffee",
    "Datum Corporation",
    "Relecloud Energy",
    "Wide World Importers",
    "Consolidated Messenger",
    "Bellows College",
    "City Power & Light",
    "Nod Publishers",
    "School of Fine Art",
    "Baldwin Museum of Science",
    "VanArsdel Foods",
    "Lamna Healthcare",
];

/// The file name of a company: lower case, words joined by '-' (Margie's Travel:
/// margies-travel), with a number after the list's end (northwind-traders-2).
pub fn file_name(i: usize) -> String {
    let base: String = COMPANIES[i % COMPANIES.len()]
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    match i / COMPANIES.len() {
        0 => base,
        n => format!("{base}-{}", n + 1),
    }
}

/// What client `i` is like: size grows and shrinks along the list, and every third client is
/// in trouble (critical issues, updates days overdue, an unhappy contact).
fn shape(i: usize) -> Shape {
    let company = COMPANIES[i % COMPANIES.len()];
    let issues = [40, 400, 120, 2_000, 60, 800, 250, 30][i % 8];
    let products = ["Portal", "Data Platform", "Mobile App"];
    let projects = (0..1 + i % 3)
        .map(|k| {
            (
                format!("{company} {}", products[k]),
                company.to_string(),
                true,
            )
        })
        .collect();
    let (worst, overdue_hours, mood) = match i % 3 {
        0 => (Severity::Critical, 24 * 5, (-2, 1)),
        1 => (Severity::Medium, 0, (0, 2)),
        _ => (Severity::High, 24, (-1, 2)),
    };
    Shape {
        seed: 0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D),
        issues,
        projects,
        chinese_clients: Vec::new(),
        open: (issues / 20).clamp(3, 40),
        worst,
        overdue_hours,
        mood,
        span_days: 180,
        log_per_issue: 4,
        missed_expectations: i % 3 != 1,
    }
}

/// Fills client `i`'s empty file (the rules run after, as after any demo).
pub fn fill_client(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    i: usize,
) -> Result<store::Counts> {
    generate_shaped(store, now, policy, &shape(i), &mut |_, _, _| {})?;
    store.counts()
}

/// The company of client `i`.
pub fn company(i: usize) -> &'static str {
    COMPANIES[i % COMPANIES.len()]
}
