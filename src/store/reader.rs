//! A second, read-only connection on its own thread that answers only the newest question.
//! The TUI asks it for a filtered list on every keystroke: a question still running when
//! the next one comes is interrupted (`sqlite3_interrupt` through rusqlite's
//! `InterruptHandle`) and never answered, so typing never waits for a superseded query.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use rusqlite::{Connection, InterruptHandle, OpenFlags};

use crate::error::{Error, Result};
use crate::i18n::tr;

/// A question for the reader: a read over its connection.
pub type Task<T> = Box<dyn FnOnce(&Connection) -> Result<T> + Send>;

/// The reader thread and the tickets of the questions put to it.
pub struct Reader<T> {
    tasks: Option<Sender<(u64, Task<T>)>>,
    answers: Receiver<(u64, Result<T>)>,
    interrupt: InterruptHandle,
    /// The newest ticket handed out; the thread drops every older question.
    latest: Arc<AtomicU64>,
    /// The ticket the thread is running now (0 when idle); held while interrupting, so an
    /// interrupt only ever reaches the question it was meant for.
    running: Arc<Mutex<u64>>,
    answered: u64,
    interrupted: usize,
    thread: Option<JoinHandle<()>>,
}

fn lock(m: &Mutex<u64>) -> MutexGuard<'_, u64> {
    // The guarded value is a plain ticket: still meaningful after a panic elsewhere.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl<T: Send + 'static> Reader<T> {
    /// Opens `path` read-only on a new thread (the file must already exist and be migrated).
    pub fn open(path: &Path) -> Result<Reader<T>> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(super::STATEMENT_CACHE);
        Reader::start(conn)
    }

    /// Runs the reader over `conn` (tests use it with a private connection).
    pub fn start(conn: Connection) -> Result<Reader<T>> {
        let (tasks, inbox) = mpsc::channel::<(u64, Task<T>)>();
        let (outbox, answers) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let running = Arc::new(Mutex::new(0));
        let interrupt = conn.get_interrupt_handle();
        let thread = {
            let (latest, running) = (latest.clone(), running.clone());
            std::thread::Builder::new()
                .name("rapport-reader".into())
                .spawn(move || serve(&conn, &inbox, &outbox, &latest, &running))
                .map_err(|e| Error::io(tr("cannot start the reader thread"), e))?
        };
        Ok(Reader {
            tasks: Some(tasks),
            answers,
            interrupt,
            latest,
            running,
            answered: 0,
            interrupted: 0,
            thread: Some(thread),
        })
    }

    /// Puts a question; whatever older question is still running is interrupted.
    /// Returns the question's ticket.
    pub fn ask(&mut self, task: impl FnOnce(&Connection) -> Result<T> + Send + 'static) -> u64 {
        let ticket = self.latest.load(Ordering::SeqCst) + 1;
        self.latest.store(ticket, Ordering::SeqCst);
        {
            let running = lock(&self.running);
            if *running != 0 && *running < ticket {
                self.interrupt.interrupt();
                self.interrupted += 1;
            }
        }
        if let Some(tasks) = &self.tasks {
            // A send fails only when the thread is gone; `answer` then reports nothing.
            let _ = tasks.send((ticket, Box::new(task)));
        }
        ticket
    }

    /// The answer to the newest question, once it has come.
    pub fn answer(&mut self) -> Option<(u64, Result<T>)> {
        loop {
            match self.answers.try_recv() {
                Ok((ticket, answer)) => {
                    if ticket == self.latest.load(Ordering::SeqCst) {
                        self.answered = ticket;
                        return Some((ticket, answer));
                    }
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    // The thread has ended (it only does when a task panicked).
                    self.answered = self.latest.load(Ordering::SeqCst);
                    return None;
                }
            }
        }
    }

    /// True while the newest question has not been answered.
    pub fn busy(&self) -> bool {
        self.answered != self.latest.load(Ordering::SeqCst)
    }

    /// False once the thread has ended (only a panicking task ends it): questions are then
    /// best answered on the caller's own connection.
    pub fn alive(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// How many running questions were interrupted by a newer one.
    pub fn interrupted(&self) -> usize {
        self.interrupted
    }
}

impl<T> Drop for Reader<T> {
    fn drop(&mut self) {
        // Stop whatever runs, close the inbox, and let the thread finish.
        self.latest.fetch_add(1, Ordering::SeqCst);
        {
            let running = lock(&self.running);
            if *running != 0 {
                self.interrupt.interrupt();
            }
        }
        self.tasks = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The thread: takes the newest question waiting, runs it, and answers it unless a newer
/// one came meanwhile.
fn serve<T>(
    conn: &Connection,
    inbox: &Receiver<(u64, Task<T>)>,
    outbox: &Sender<(u64, Result<T>)>,
    latest: &AtomicU64,
    running: &Mutex<u64>,
) {
    while let Ok(mut next) = inbox.recv() {
        // Questions queued behind a newer one are skipped without running.
        while let Ok(newer) = inbox.try_recv() {
            next = newer;
        }
        let (ticket, task) = next;
        {
            let mut r = lock(running);
            if ticket != latest.load(Ordering::SeqCst) {
                continue;
            }
            *r = ticket;
        }
        let answer = task(conn);
        *lock(running) = 0;
        if ticket == latest.load(Ordering::SeqCst) && outbox.send((ticket, answer)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::functions::FunctionFlags;
    use std::time::{Duration, Instant};

    /// A query that runs until it is interrupted; `started` hears from inside SQLite once
    /// the statement is running.
    fn endless(conn: &Connection, started: Sender<()>) -> Result<i64> {
        conn.create_scalar_function("started", 0, FunctionFlags::SQLITE_UTF8, move |_| {
            let _ = started.send(());
            Ok(1)
        })?;
        Ok(conn.query_row(
            "WITH RECURSIVE c(x) AS (SELECT started() UNION ALL SELECT x + 1 FROM c)
             SELECT count(*) FROM c",
            [],
            |r| r.get(0),
        )?)
    }

    fn wait_for(reader: &mut Reader<i64>) -> (u64, Result<i64>) {
        let start = Instant::now();
        loop {
            if let Some(a) = reader.answer() {
                return a;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no answer in 20 s"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn a_superseded_query_is_interrupted_and_only_the_newest_is_answered() {
        let mut reader = Reader::start(Connection::open_in_memory().unwrap()).unwrap();
        let (started_tx, started_rx) = mpsc::channel();
        let first = reader.ask(move |conn| endless(conn, started_tx));
        started_rx.recv().unwrap();
        assert!(reader.busy());
        let second = reader.ask(|conn| Ok(conn.query_row("SELECT 42", [], |r| r.get(0))?));
        assert_eq!(reader.interrupted(), 1, "the running query was interrupted");
        let (ticket, answer) = wait_for(&mut reader);
        assert_eq!((ticket, answer.unwrap()), (second, 42));
        assert!(first < second);
        assert!(!reader.busy());
        assert!(
            reader.answer().is_none(),
            "the first question is never answered"
        );
    }

    #[test]
    fn questions_queued_behind_a_newer_one_never_run() {
        let mut reader = Reader::start(Connection::open_in_memory().unwrap()).unwrap();
        let runs = Arc::new(AtomicU64::new(0));
        let (gate_tx, gate_rx) = mpsc::channel::<()>();
        // The first question blocks the thread until the others are queued.
        reader.ask(move |_| {
            gate_rx.recv().unwrap();
            Ok(0)
        });
        for i in 1..=5 {
            let runs = runs.clone();
            reader.ask(move |_| {
                runs.fetch_add(1, Ordering::SeqCst);
                Ok(i)
            });
        }
        gate_tx.send(()).unwrap();
        let (_, answer) = wait_for(&mut reader);
        assert_eq!(answer.unwrap(), 5);
        assert_eq!(runs.load(Ordering::SeqCst), 1, "only the newest ran");
    }

    #[test]
    fn a_panicking_task_ends_the_thread_and_says_so() {
        let mut reader = Reader::<i64>::start(Connection::open_in_memory().unwrap()).unwrap();
        assert!(reader.alive());
        reader.ask(|_| panic!("a bug in a task"));
        let start = Instant::now();
        while reader.alive() {
            assert!(start.elapsed() < Duration::from_secs(20), "still alive");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(reader.answer().is_none());
        assert!(!reader.busy(), "nothing is waited for from a dead thread");
    }

    #[test]
    fn dropping_the_reader_stops_a_running_query() {
        let mut reader = Reader::start(Connection::open_in_memory().unwrap()).unwrap();
        let (started_tx, started_rx) = mpsc::channel();
        reader.ask(move |conn| endless(conn, started_tx));
        started_rx.recv().unwrap();
        let start = Instant::now();
        drop(reader);
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "drop waited {:?} for an endless query",
            start.elapsed()
        );
    }
}
