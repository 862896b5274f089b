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

use std::cell::Cell;
use std::io::IsTerminal;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
    /// Whether the bar counts bytes (an import's input) rather than steps.
    in_bytes: AtomicBool,
    /// The stage as the library names it (the bar shows it in the interface's language).
    stage: std::sync::Mutex<String>,
}

/// A stage's name as the bar shows it.
fn label(stage: &str) -> String {
    use crate::i18n::tr;
    match stage {
        "demo" => tr("demo"),
        "backup" => tr("backup"),
        "export" => tr("export"),
        "import" => tr("import"),
        "indexes" => tr("indexes"),
        "search index" => tr("search index"),
        "issues" => tr("issues"),
        "updates" => tr("updates"),
        "expectations" => tr("expectations"),
        "log entries" => tr("log entries"),
        other => other,
    }
    .to_string()
}

const STEPS: &str = "{msg:>14} [{bar:30}] {human_pos}/{human_len} ({elapsed})";
const BYTES: &str =
    "{msg:>14} [{bar:30}] {binary_bytes}/{binary_total_bytes}, {prefix} ({elapsed})";

fn style(template: &str) -> Option<ProgressStyle> {
    ProgressStyle::with_template(template)
        .ok()
        .map(|s| s.progress_chars("=> "))
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
        if let Some(style) = style(STEPS) {
            bar.set_style(style);
        }
        bar.set_message(label(stage));
        Progress {
            bar,
            in_bytes: AtomicBool::new(false),
            stage: std::sync::Mutex::new(stage.to_string()),
        }
    }

    /// Moves the bar to `done` of `total` in `stage` (a new stage restarts it).
    pub fn update(&self, stage: &str, done: u64, total: u64) {
        self.restyle(false);
        if self.enter(stage) {
            self.bar.reset();
        }
        self.bar.set_length(total);
        self.bar.set_position(done);
    }

    /// Moves the bar to `done` of `total` bytes of the input, with a count beside it
    /// ("61,440 rows"): an import knows its file's size, not how many rows it holds.
    pub fn update_bytes(&self, stage: &str, done: u64, total: u64, count: &str) {
        self.restyle(true);
        self.enter(stage);
        self.bar.set_prefix(count.to_string());
        self.bar.set_length(total.max(done));
        self.bar.set_position(done);
    }

    /// Moves to `stage`; true when it is a new one.
    fn enter(&self, stage: &str) -> bool {
        let mut current = match self.stage.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if *current == stage {
            return false;
        }
        *current = stage.to_string();
        self.bar.set_message(label(stage));
        true
    }

    fn restyle(&self, bytes: bool) {
        if self.in_bytes.swap(bytes, Ordering::Relaxed) != bytes
            && let Some(style) = style(if bytes { BYTES } else { STEPS })
        {
            self.bar.set_style(style);
        }
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

/// A reader that counts the bytes taken from it, so a bar can show how far into its input an
/// import is.
pub struct Counted<R> {
    inner: R,
    taken: Rc<Cell<u64>>,
}

impl<R> Counted<R> {
    /// The reader, and the count it keeps.
    pub fn new(inner: R) -> (Counted<R>, Rc<Cell<u64>>) {
        let taken = Rc::new(Cell::new(0));
        (
            Counted {
                inner,
                taken: taken.clone(),
            },
            taken,
        )
    }
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken.set(self.taken.get() + n as u64);
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.taken.set(self.taken.get() + amt as u64);
        self.inner.consume(amt);
    }
}

/// 61440 → "61,440".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, Read};

    use super::*;

    #[test]
    fn counts_group_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(150214), "150,214");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn a_counted_reader_counts_what_was_taken() {
        let (mut r, taken) = Counted::new(std::io::BufReader::new(&b"one\ntwo\nthree"[..]));
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        assert_eq!(taken.get(), 4);
        let mut rest = String::new();
        r.read_to_string(&mut rest).unwrap();
        assert_eq!(taken.get(), 13);
    }

    #[test]
    fn a_hidden_bar_draws_nothing() {
        let bar = Progress::with_target("import", 10, false);
        bar.update_bytes("import", 5, 10, "3 rows");
        bar.update("indexes", 1, 2);
        assert!(!bar.is_shown());
    }
}
