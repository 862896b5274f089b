//! Every interaction a user waits for, as the TUI carries it out (key → update → effects →
//! the reloads they ask for → draw): opening each record kind, a jump from Today, Today's
//! load, drafting, saving each form, archive and undo. The budget of each is 10 ms on the
//! huge demo.
//!
//! The ones that write run on a scratch copy of the cached database, so the cached file
//! stays as generated.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use rapport::model::{Impact, Likelihood, NewMilestone, NewRisk};
use rapport::store::{self, history};
use rapport::tui::action::Action;
use rapport::tui::app::{Mode, Pane};
use rapport::tui::forms::{
    ExpectationField, FieldId, IssueField, LogField, ProjectField, UpdateField,
};
use rapport::tui::key::{Code, Key};
use rapport::workflow::{self, Record};

use super::{Ui, now};

/// A copy of `path` that the writing interactions may change.
fn scratch(path: &Path) -> PathBuf {
    let copy = path.with_extension("scratch");
    for ext in ["scratch-wal", "scratch-shm"] {
        let _ = std::fs::remove_file(path.with_extension(ext));
    }
    std::fs::copy(path, &copy).expect("scratch copy");
    copy
}

/// Goes to `pane` and selects the row in the middle of its first page.
fn select_middle(ui: &mut Ui, pane: Pane) {
    ui.act(Action::GoPane(
        Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0),
    ));
    ui.act(Action::Top);
    for _ in 0..ui.app.page() / 2 {
        ui.act(Action::Down);
    }
}

/// Selects the first Today item that is a record of the kind `is` accepts.
fn select_today(ui: &mut Ui, is: impl Fn(Record) -> bool) -> bool {
    ui.act(Action::GoPane(0));
    let Some(at) = ui.app.today.items().iter().position(|i| is(i.record)) else {
        return false;
    };
    ui.act(Action::Top);
    for _ in 0..at {
        ui.act(Action::Down);
    }
    true
}

fn ctrl_s(ui: &mut Ui) {
    ui.act(Action::Input(Key::ctrl('s')));
}

/// Runs `first` then `second` `iters` times, timing only one of them.
fn pairs(
    ui: &mut Ui,
    iters: u64,
    first: impl Fn(&mut Ui),
    second: impl Fn(&mut Ui),
    time_first: bool,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        first(ui);
        if time_first {
            total += start.elapsed();
        }
        ui.settle();
        let start = Instant::now();
        second(ui);
        if !time_first {
            total += start.elapsed();
        }
        ui.settle();
    }
    total
}

/// Runs `prepare` (untimed: opening a form and typing into it, keystrokes measured on their
/// own) then Ctrl-S, `iters` times, timing the save alone: the write, the reloads it asks
/// for and the frame drawn after it. Today, read again once that frame is drawn, is timed
/// on its own ("Today read again after a save").
fn saves(ui: &mut Ui, iters: u64, mut prepare: impl FnMut(&mut Ui), what: &str) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        prepare(ui);
        let start = Instant::now();
        ctrl_s(ui);
        total += start.elapsed();
        saved(ui, what);
        ui.settle();
    }
    total
}

/// Types `keys` into `field` of the open form.
fn type_into(ui: &mut Ui, field: FieldId, keys: &[Key]) {
    if let Mode::Form(form) = &mut ui.app.mode {
        form.focus = form.position(field).expect("the form has the field");
    }
    for k in keys {
        ui.act(Action::Input(*k));
    }
}

/// Opens the edit form of the project at `at` on Today and types a new report cadence,
/// every 1 or 2 weeks by turn (`n`): a real change each time.
fn edit_cadence(ui: &mut Ui, at: usize, n: u32) {
    ui.act(Action::GoPane(0));
    ui.app.today.selected = at;
    ui.act(Action::Edit);
    let cadence = if n.is_multiple_of(2) { "7d" } else { "14d" };
    let mut keys = vec![Key::plain(Code::Backspace); 12];
    keys.extend(cadence.chars().map(Key::ch));
    type_into(ui, ProjectField::Cadence.into(), &keys);
}

/// The form closed: it was saved.
fn saved(ui: &Ui, what: &str) {
    assert!(
        matches!(ui.app.mode, Mode::Normal),
        "{what} not saved: {:?} {:?}",
        ui.app.status,
        ui.app.mode
    );
}

pub fn reads(c: &mut Criterion, path: &Path) {
    let mut ui = Ui::open(path);
    for pane in [Pane::Issues, Pane::Queue, Pane::Expectations, Pane::Log] {
        select_middle(&mut ui, pane);
        c.bench_function(&format!("interaction: open the detail in {pane:?}"), |b| {
            b.iter(|| {
                ui.act(Action::Open);
                ui.act(Action::Back);
            })
        });
    }
    // The record deepest in the Log (the oldest entry): its detail and history.
    ui.act(Action::GoPane(4));
    ui.act(Action::Bottom);
    c.bench_function(
        "interaction: open the detail of the oldest log entry",
        |b| {
            b.iter(|| {
                ui.act(Action::Open);
                ui.act(Action::Back);
            })
        },
    );

    c.bench_function("interaction: load Today (agenda) + draw", |b| {
        ui.act(Action::GoPane(0));
        b.iter(|| {
            ui.run(vec![rapport::tui::effects::Effect::Load(Pane::Today)]);
            ui.draw();
        })
    });

    // A project on Today: Enter shows its issues.
    if select_today(&mut ui, |r| matches!(r, Record::Project(_))) {
        let at = ui.app.today.selected;
        c.bench_function("interaction: open a project from Today (its issues)", |b| {
            b.iter(|| {
                ui.act(Action::GoPane(0));
                ui.app.today.selected = at;
                ui.act(Action::Open);
            })
        });
    }
    for (what, kind) in [
        ("an issue", 0),
        ("an update", 1),
        ("an expectation", 2),
        ("a log entry", 3),
    ] {
        let is = |r: Record| match kind {
            0 => matches!(r, Record::Issue(_)),
            1 => matches!(r, Record::Update(_)),
            2 => matches!(r, Record::Expectation(_)),
            _ => matches!(r, Record::Log(_)),
        };
        if !select_today(&mut ui, is) {
            continue;
        }
        let at = ui.app.today.selected;
        c.bench_function(&format!("interaction: jump from Today to {what}"), |b| {
            b.iter(|| {
                ui.act(Action::GoPane(0));
                ui.app.today.selected = at;
                ui.act(Action::Open);
            })
        });
    }
}

pub fn writes(c: &mut Criterion, path: &Path) {
    let copy = scratch(path);
    let mut ui = Ui::open(&copy);
    ui.store
        .set_origin("tui", rapport::clock::Clock::Fixed(now()));
    let mut group = c.benchmark_group("interaction");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    // Risks and milestones (the demo makes none): one of each, with a plan and a revision.
    let project = ui.app.projects[0].id;
    let risk = workflow::risks::add(
        &mut ui.store,
        now(),
        NewRisk {
            project_id: project,
            text: "The vendor's API may be late".into(),
            likelihood: Likelihood::High,
            impact: Impact::High,
            owner: "Li Wei".into(),
            trigger: "No sandbox by Friday".into(),
            review_at: None,
        },
    )
    .expect("risk");
    let milestone = workflow::milestones::add(
        &mut ui.store,
        now(),
        NewMilestone {
            project_id: project,
            name: "User acceptance".into(),
            due_on: now().date_naive() + chrono::Days::new(30),
            weight: 3,
        },
    )
    .expect("milestone");
    for (what, table, id) in [
        ("a risk", "risk", risk),
        ("a milestone", "milestone", milestone),
    ] {
        group.bench_function(format!("open the detail of {what} (library)"), |b| {
            let conn = ui.store.conn();
            b.iter(|| {
                let t = history::table_of(table).expect("table");
                let shown = match table {
                    "risk" => format!("{:?}", store::risks::get(conn, id).expect("risk")),
                    _ => format!("{:?}", store::milestones::get(conn, id).expect("m")),
                };
                black_box((shown, history::of_record(conn, t, id).expect("history")))
            })
        });
    }

    // D on an issue: the draft is written and shown in its detail, the panes reloaded.
    select_middle(&mut ui, Pane::Issues);
    let issue_row = ui.app.issues.selected;
    group.bench_function("D: draft the update of an issue", |b| {
        b.iter(|| {
            ui.act(Action::GoPane(1));
            ui.app.issues.selected = issue_row;
            ui.act(Action::Draft);
            ui.act(Action::Back);
        })
    });

    // Saving each form: open it on the selected record, change a text field, Ctrl-S. The
    // save reloads the panes and shows the record.
    let edits: [(Pane, &str, FieldId); 4] = [
        (Pane::Issues, "an issue", IssueField::Title.into()),
        (Pane::Queue, "an update", UpdateField::Subject.into()),
        (
            Pane::Expectations,
            "an expectation",
            ExpectationField::Measure.into(),
        ),
        (Pane::Log, "a log entry", LogField::Summary.into()),
    ];
    for (pane, what, field) in edits {
        select_middle(&mut ui, pane);
        let row = ui.app.view(pane).selected;
        group.bench_function(format!("save the edit form of {what}"), |b| {
            let mut n = 0u32;
            b.iter_custom(|iters| {
                let prepare = |ui: &mut Ui| {
                    ui.app.view_mut(pane).selected = row;
                    ui.act(Action::Edit);
                    n += 1;
                    type_into(
                        ui,
                        field,
                        &[
                            Key::plain(Code::Backspace),
                            Key::ch(char::from(b'0' + (n % 10) as u8)),
                        ],
                    );
                    if pane == Pane::Expectations {
                        // A change to an expectation keeps its reason.
                        type_into(ui, ExpectationField::Reason.into(), &[Key::ch('r')]);
                    }
                };
                saves(&mut ui, iters, prepare, what)
            })
        });
    }
    let adds: [(Pane, &str, FieldId); 2] = [
        (Pane::Issues, "an issue", IssueField::Title.into()),
        (Pane::Log, "a log entry", LogField::Summary.into()),
    ];
    for (pane, what, field) in adds {
        select_middle(&mut ui, pane);
        group.bench_function(format!("save the new-record form of {what}"), |b| {
            b.iter_custom(|iters| {
                let prepare = |ui: &mut Ui| {
                    ui.act(Action::Add);
                    let keys: Vec<Key> = "Bench".chars().map(Key::ch).collect();
                    type_into(ui, field, &keys);
                };
                saves(&mut ui, iters, prepare, what)
            })
        });
    }
    if select_today(&mut ui, |r| matches!(r, Record::Project(_))) {
        let at = ui.app.today.selected;
        // A keystroke in a form, over the pane that is the slowest to draw behind it.
        ui.act(Action::GoPane(0));
        ui.app.today.selected = at;
        ui.act(Action::Edit);
        type_into(&mut ui, ProjectField::Cadence.into(), &[]);
        group.bench_function(
            "type a key into a form over Today (x, then Backspace)",
            |b| {
                b.iter(|| {
                    ui.act(Action::Input(Key::ch('x')));
                    ui.act(Action::Input(Key::plain(Code::Backspace)));
                })
            },
        );
        ui.act(Action::Back);
        group.bench_function("save the edit form of a project", |b| {
            let mut n = 0u32;
            b.iter_custom(|iters| {
                let prepare = |ui: &mut Ui| {
                    n += 1;
                    edit_cadence(ui, at, n);
                };
                saves(&mut ui, iters, prepare, "a project")
            })
        });
        // Today behind the closed form, read again once the save's frame is drawn.
        group.bench_function(
            "Today read again after a save on Today (the next frame)",
            |b| {
                let mut n = 0u32;
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        n += 1;
                        edit_cadence(&mut ui, at, n);
                        ctrl_s(&mut ui);
                        saved(&ui, "a project");
                        let start = Instant::now();
                        assert!(ui.settle(), "Today waits to be read after the save");
                        total += start.elapsed();
                    }
                    total
                })
            },
        );
    }

    // Archive (x, y) then undo (u), each timed alone.
    select_middle(&mut ui, Pane::Issues);
    let row = ui.app.issues.selected;
    let archive = |ui: &mut Ui| {
        ui.app.issues.selected = row;
        ui.act(Action::Archive);
        ui.act(Action::Input(Key::ch('y')));
    };
    let undo = |ui: &mut Ui| ui.act(Action::Undo);
    group.bench_function("archive an issue (x, y)", |b| {
        b.iter_custom(|iters| pairs(&mut ui, iters, archive, undo, true))
    });
    group.bench_function("undo the archive (u)", |b| {
        b.iter_custom(|iters| pairs(&mut ui, iters, archive, undo, false))
    });
    group.finish();
    drop(ui);
    for ext in ["scratch", "scratch-wal", "scratch-shm"] {
        let _ = std::fs::remove_file(path.with_extension(ext));
    }
}
