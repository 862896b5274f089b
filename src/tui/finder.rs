//! Filtering while the user types. Each keystroke's query goes to the store's background
//! [`Reader`]: the keystroke is drawn at once, the rows follow a few milliseconds later,
//! and a query overtaken by the next keystroke is interrupted instead of waited for.
//! Answers are outcomes like any effect's (`Outcome::Found`), applied by `update::apply`.

use std::path::Path;

use super::app::App;
use super::effects::{Effect, Outcome};
use super::load::{self, Rows};
use super::update;
use crate::error::Result;
use crate::store::reader::Reader;

pub struct Finder {
    reader: Reader<Rows>,
}

impl Finder {
    /// A reader over the database file at `path` (the TUI's own connection stays free).
    pub fn open(path: &Path) -> Result<Finder> {
        Ok(Finder {
            reader: Reader::open(path)?,
        })
    }

    /// Sends the filter loads among `effects` to the reader; returns the others, to run now
    /// (all of them if the reader has stopped).
    pub fn take(&mut self, app: &App, effects: Vec<Effect>) -> Vec<Effect> {
        if !self.reader.alive() {
            return effects;
        }
        effects
            .into_iter()
            .filter(|e| {
                let Effect::Filter(pane) = e else {
                    return true;
                };
                match load::list(app, *pane) {
                    Some(task) => {
                        self.reader.ask(task);
                        false
                    }
                    None => true,
                }
            })
            .collect()
    }

    /// True while a filter query is on its way.
    pub fn busy(&self) -> bool {
        self.reader.busy()
    }

    /// How many filter queries were interrupted by a newer keystroke.
    pub fn interrupted(&self) -> usize {
        self.reader.interrupted()
    }

    /// The newest answer, if one came.
    pub fn answer(&mut self) -> Option<Outcome> {
        let (_, answer) = self.reader.answer()?;
        Some(match answer {
            Ok(rows) => Outcome::Found(rows),
            Err(e) => Outcome::Error(e.to_string()),
        })
    }

    /// Applies the newest answer, if one came. Returns true when the screen changed.
    pub fn adopt(&mut self, app: &mut App) -> bool {
        let Some(outcome) = self.answer() else {
            return false;
        };
        let shown = match &outcome {
            Outcome::Found(rows) => update::answers(app, rows),
            _ => true,
        };
        update::apply(app, outcome);
        shown
    }
}
