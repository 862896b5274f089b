//! The budgets of the "years of records" issue as criterion benchmarks, on a generated
//! database (huge by default: 100,000 issues, 300,000 updates, 50,000 expectations,
//! 1,000,000 log entries). `RAPPORT_BENCH_SCALE=small` runs them on the small demo (CI runs
//! that with `-- --test` so the benches keep compiling and working).
//!
//! The database is generated once into `target/bench-<scale>-schema<N>-<hash>.sqlite3`
//! (the hash of the schema's SQL) and reused.

#[path = "tui/interactions.rs"]
mod interactions;

use std::hash::{Hash, Hasher};
use std::hint::black_box;
use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use rapport::clock::Clock;
use rapport::config::Config;
use rapport::model::when::Zone;
use rapport::store::{self, Listing, LogQuery, Page, Store};
use rapport::tui::action::Action;
use rapport::tui::app::App;
use rapport::tui::effects::{Effect, Effects};
use rapport::tui::finder::Finder;
use rapport::tui::key::{Code, Key};
use rapport::tui::{start, update, view};
use rapport::workflow::{Policy, Record, demo, rules, search};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

fn database() -> PathBuf {
    let scale = std::env::var("RAPPORT_BENCH_SCALE").unwrap_or_else(|_| "huge".into());
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    // The file is named after the schema's text, so a changed schema never reuses it.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    include_str!("../src/store/schema.sql").hash(&mut h);
    include_str!("../src/store/schema_2_search.sql").hash(&mut h);
    let path = dir.join(format!(
        "bench-{scale}-schema{}-{:08x}.sqlite3",
        store::schema_version(),
        h.finish() as u32
    ));
    if !path.exists() {
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        let mut s = Store::open(&tmp).expect("bench database");
        let policy = Policy::standard();
        demo::fill(&mut s, now(), &policy, scale.parse().expect("scale")).expect("demo data");
        rules::apply_all(&mut s, now(), &policy).expect("rules");
        drop(s);
        std::fs::rename(&tmp, &path).expect("rename");
    }
    path
}

struct Ui {
    store: Store,
    app: App,
    terminal: Terminal<TestBackend>,
    policy: Policy,
}

impl Ui {
    fn open(path: &std::path::Path) -> Ui {
        let mut store = Store::open(path).expect("open");
        let app = start(
            &mut store,
            &Config::default(),
            Clock::Fixed(now()),
            Zone::UTC,
            (120, 40),
        )
        .expect("start");
        let mut ui = Ui {
            store,
            app,
            terminal: Terminal::new(TestBackend::new(120, 40)).expect("terminal"),
            policy: Policy::standard(),
        };
        ui.draw();
        ui
    }

    /// A key: update, its effects and the frame drawn after them (what the user waits for).
    fn act(&mut self, action: Action) {
        let effects = update::update(&mut self.app, action);
        self.run(effects);
        self.draw();
    }

    /// What the event loop runs once that frame is drawn and no key waits (Today read
    /// again after a change), and the frame after it. Whether there was anything to run.
    fn settle(&mut self) -> bool {
        let ran = rapport::tui::run_waiting(
            &mut Effects {
                store: &mut self.store,
                clock: Clock::Fixed(now()),
                policy: &self.policy,
            },
            &mut self.app,
        );
        if ran {
            self.draw();
        }
        ran
    }

    fn run(&mut self, effects: Vec<Effect>) {
        rapport::tui::run_effects(
            &mut Effects {
                store: &mut self.store,
                clock: Clock::Fixed(now()),
                policy: &self.policy,
            },
            &mut self.app,
            effects,
        );
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.terminal.draw(|f| view::draw(f, app)).expect("draw");
    }
}

fn budgets(c: &mut Criterion) {
    let path = database();

    c.bench_function("open database + first frame of Today (120x40)", |b| {
        b.iter(|| black_box(Ui::open(&path)))
    });

    let mut ui = Ui::open(&path);
    c.bench_function("switch pane (Issues <-> Log) + draw", |b| {
        let mut to_log = true;
        b.iter(|| {
            ui.act(Action::GoPane(if to_log { 4 } else { 1 }));
            to_log = !to_log;
        })
    });

    ui.act(Action::GoPane(4));
    c.bench_function("scroll a page of the Log + draw", |b| {
        b.iter(|| {
            if ui.app.log.offset + 2 * ui.app.page() >= ui.app.log.total {
                ui.act(Action::Top);
            }
            ui.act(Action::PageDown)
        })
    });
    c.bench_function("scroll a page up the Log from its end + draw", |b| {
        ui.act(Action::Bottom);
        b.iter(|| {
            if ui.app.log.offset < 2 * ui.app.page() {
                ui.act(Action::Bottom);
            }
            ui.act(Action::PageUp)
        })
    });
    // As after saving an edit of an old entry: the pane jumps to it, a million rows down.
    let deep: Vec<i64> = LogQuery::default()
        .window(ui.store.conn(), &Page::Last, 40)
        .expect("log")
        .iter()
        .map(|l| l.id)
        .collect();
    c.bench_function("jump to an entry near the end of the Log + draw", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 7) % deep.len();
            ui.run(vec![Effect::Jump(Record::Log(deep[i]))]);
            ui.draw();
        })
    });
    // A search hit or a Today line can lead half a million rows down: the whole count.
    let total = ui.app.log.total;
    let middle: Vec<i64> = LogQuery::default()
        .window(ui.store.conn(), &Page::Offset(total / 2), 40)
        .expect("log")
        .iter()
        .map(|l| l.id)
        .collect();
    c.bench_function("jump to an entry in the middle of the Log + draw", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 7) % middle.len();
            ui.run(vec![Effect::Jump(Record::Log(middle[i]))]);
            ui.draw();
        })
    });
    // Opening a record's detail: the record, and for an issue its updates and log by index.
    let issues: Vec<i64> = rapport::store::IssueQuery::default()
        .window(ui.store.conn(), &Page::First, 40)
        .expect("issues")
        .iter()
        .map(|i| i.id)
        .collect();
    for (what, record) in [
        ("an issue", Record::Issue(issues[issues.len() / 2])),
        ("a log entry", Record::Log(deep[deep.len() / 2])),
    ] {
        c.bench_function(&format!("open the detail of {what}"), |b| {
            b.iter(|| {
                black_box(
                    rapport::tui::load::detail(&ui.store, &ui.policy, record).expect("detail"),
                )
            })
        });
    }
    c.bench_function("move the selection + draw", |b| {
        let mut down = true;
        b.iter(|| {
            ui.act(if down { Action::Down } else { Action::Up });
            down = !down;
        })
    });
    c.bench_function("move to the end of the Log (G) + draw", |b| {
        b.iter(|| {
            ui.act(Action::Bottom);
            ui.act(Action::Top);
        })
    });

    ui.act(Action::GoPane(1));
    ui.act(Action::Filter);
    for ch in "chec".chars() {
        ui.act(Action::Input(Key::ch(ch)));
    }
    c.bench_function("one filter keystroke in Issues (FTS window + draw)", |b| {
        let mut typed = false;
        b.iter(|| {
            if typed {
                ui.act(Action::Input(Key::plain(Code::Backspace)));
            } else {
                ui.act(Action::Input(Key::ch('k')));
            }
            typed = !typed;
        })
    });
    c.bench_function("one short (2-character) filter keystroke in the Log", |b| {
        ui.act(Action::Input(Key::plain(Code::Esc)));
        ui.act(Action::GoPane(4));
        ui.act(Action::Filter);
        ui.act(Action::Input(Key::ch('白')));
        let mut typed = false;
        b.iter(|| {
            if typed {
                ui.act(Action::Input(Key::plain(Code::Backspace)));
            } else {
                ui.act(Action::Input(Key::ch('屏')));
            }
            typed = !typed;
        })
    });
    // On the huge demo about 700 issues say 页面无法 ("page cannot"): under RANK_LIMIT, so
    // each keystroke counts them and ranks them all by bm25.
    c.bench_function(
        "one filter keystroke with a small match set, ranked (bm25)",
        |b| {
            ui.act(Action::Input(Key::plain(Code::Esc)));
            ui.act(Action::GoPane(1));
            ui.act(Action::Filter);
            for ch in "页面无".chars() {
                ui.act(Action::Input(Key::ch(ch)));
            }
            let mut typed = false;
            b.iter(|| {
                if typed {
                    ui.act(Action::Input(Key::plain(Code::Backspace)));
                } else {
                    ui.act(Action::Input(Key::ch('法')));
                }
                typed = !typed;
            })
        },
    );

    // As the TUI runs: the keystroke is handed to the reader thread, then the loop waits
    // for its rows and draws them. The figure is keystroke to rows on screen.
    c.bench_function(
        "filter keystroke through the background reader, to rows drawn",
        |b| {
            let mut finder = Finder::open(&path).expect("reader");
            ui.act(Action::Input(Key::plain(Code::Esc)));
            ui.act(Action::GoPane(1));
            ui.act(Action::Filter);
            for ch in "chec".chars() {
                ui.act(Action::Input(Key::ch(ch)));
            }
            let mut typed = false;
            b.iter(|| {
                let key = if typed {
                    Key::plain(Code::Backspace)
                } else {
                    Key::ch('k')
                };
                typed = !typed;
                let effects = update::update(&mut ui.app, Action::Input(key));
                let rest = finder.take(&ui.app, effects);
                ui.run(rest);
                while !finder.adopt(&mut ui.app) {
                    std::hint::spin_loop();
                }
                ui.draw();
            })
        },
    );

    c.bench_function("search everything for a common word (library)", |b| {
        let s = Store::open(&path).expect("open");
        b.iter(|| black_box(search::all(&s, "checkout", 20).expect("search")))
    });

    c.bench_function("apply every rule (runs after the first frame)", |b| {
        let mut s = Store::open(&path).expect("open");
        let policy = Policy::standard();
        b.iter(|| black_box(rules::apply_all(&mut s, now(), &policy).expect("rules")))
    });
}

/// Every interaction a user waits for (see `tui/interactions.rs`).
fn interactions(c: &mut Criterion) {
    let path = database();
    interactions::reads(c, &path);
    interactions::writes(c, &path);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = budgets, interactions
}
criterion_main!(benches);
