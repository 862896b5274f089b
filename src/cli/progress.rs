//! A progress bar for long operations (demo large/huge, backup, import, export): counts and
//! a bar on a terminal, nothing at all when stderr is not one (a pipe, a log, cron).
//!
//! ```ignore
//! let bar = Progress::new("issues", total);   // hidden unless stderr is a terminal
//! for row in rows { ...; bar.inc(1); }
//! bar.finish();                                // clears the line
//! ```
//! Library code below the CLI takes a plain callback (`&mut dyn FnMut(&str, u64, u64)`:
//! stage, done, total) and the command passes [`Progress::update`].

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `total` steps of `stage`, drawn on stderr only when it is a terminal.
    pub fn new(stage: &str, total: u64) -> Progress {
        Progress::with_target(stage, total, std::io::stderr().is_terminal())
    }

    /// `shown` false: a bar that draws nothing (for a pipe, and for tests).
    pub fn with_target(stage: &str, total: u64, shown: bool) -> Progress {
        let target = if shown {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total), target);
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>14} [{bar:30}] {human_pos}/{human_len} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(stage.to_string());
        Progress { bar }
    }

    /// Moves the bar to `done` of `total` in `stage` (a new stage restarts it).
    pub fn update(&self, stage: &str, done: u64, total: u64) {
        if self.bar.message() != stage {
            self.bar.set_message(stage.to_string());
            self.bar.reset();
        }
        self.bar.set_length(total);
        self.bar.set_position(done);
    }

    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Whether anything is drawn (false when stderr is not a terminal).
    pub fn is_shown(&self) -> bool {
        !self.bar.is_hidden()
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}
