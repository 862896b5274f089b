//! The portfolio's budgets (issue 13) as criterion benchmarks, over 50 client files made the
//! way `rapport demo --clients 50` makes them (generated once into
//! `target/bench-portfolio-50-schema<N>/` and reused): Today over every file, the portfolio's
//! first frame and a switch to one client's file. A file of its own so that the budgets of
//! the huge single file (benches/tui.rs) and these build and run apart.
//! `RAPPORT_BENCH_CLIENTS=8` makes fewer files (CI runs it with `-- --test`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use rapport::clock::Clock;
use rapport::config::Config;
use rapport::model::when::Zone;
use rapport::store::{self, Store};
use rapport::tui::portfolio::{Reading, open_app, state, view};
use rapport::workflow::demo::clients;
use rapport::workflow::portfolio::{ClientFile, Portfolio, client_files};
use rapport::workflow::{Policy, rules};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

/// The folder of client files, made on first use.
fn folder() -> PathBuf {
    let n: usize = std::env::var("RAPPORT_BENCH_CLIENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!(
            "bench-portfolio-{n}-schema{}",
            store::schema_version()
        ));
    if !dir.join("done").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("bench folder");
        let policy = Policy::standard();
        for i in 0..n {
            let path = dir.join(format!("{}.sqlite3", clients::file_name(i)));
            let mut s = Store::open(&path).expect("client file");
            clients::fill_client(&mut s, now(), &policy, i).expect("demo data");
            rules::apply_all(&mut s, now(), &policy).expect("rules");
            s.analyze().expect("analyze");
        }
        std::fs::write(dir.join("done"), b"").expect("mark");
    }
    dir
}

fn portfolio(dir: &std::path::Path) -> Portfolio {
    Portfolio {
        files: client_files(dir, &dir.join("none.sqlite3")).expect("files"),
        cfg: Config::default(),
        config_path: None,
        per_client: false,
        now: now(),
    }
}

fn budgets(c: &mut Criterion) {
    let dir = folder();
    let p = portfolio(&dir);
    let n = p.files.len();
    let largest: Vec<ClientFile> = p
        .files
        .iter()
        .filter(|f| f.name == clients::file_name(3))
        .cloned()
        .collect();

    c.bench_function(
        &format!("portfolio: Today over {n} client files (read-only, merged)"),
        |b| b.iter(|| black_box(p.today(now(), Zone::UTC))),
    );
    c.bench_function(
        "portfolio: Today of the largest client file alone (2,000 issues)",
        |b| {
            b.iter(|| {
                black_box(rapport::workflow::portfolio::today(
                    &largest,
                    now(),
                    Zone::UTC,
                    |_| Ok(72),
                ))
            })
        },
    );

    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    // The TUI draws its first frame at once and fills Today in as the files are read (on
    // threads of its own): one run gives both times; each figure is measured on its own.
    let load = |terminal: &mut Terminal<TestBackend>| -> (Duration, Duration) {
        let start = Instant::now();
        std::thread::scope(|scope| {
            let reading = Reading::start(scope, &p, Clock::Fixed(now()));
            let mut screen = state::Portfolio::reading(&p.files, now());
            terminal.draw(|f| view::draw(f, &screen)).expect("draw");
            let first = start.elapsed();
            while screen.loading.is_some() {
                let Ok((i, agenda)) = reading.arrivals.recv() else {
                    break;
                };
                screen.arrived(i, agenda);
                for (i, agenda) in reading.arrivals.try_iter() {
                    screen.arrived(i, agenda);
                }
                screen.refresh();
                terminal.draw(|f| view::draw(f, &screen)).expect("draw");
            }
            assert_eq!(screen.today.clients.len(), n, "every client read");
            (first, start.elapsed())
        })
    };
    c.bench_function(
        &format!("portfolio: first frame over {n} client files (120x40, files read behind it)"),
        |b| b.iter_custom(|iters| (0..iters).map(|_| load(&mut terminal).0).sum()),
    );
    c.bench_function(
        &format!("portfolio: every one of {n} client files read and drawn (120x40)"),
        |b| b.iter_custom(|iters| (0..iters).map(|_| load(&mut terminal).1).sum()),
    );

    let screen = state::Portfolio::new(p.today(now(), Zone::UTC));
    let mut i = 0;
    c.bench_function(
        "portfolio: switch to a client (open its file + first frame)",
        |b| {
            b.iter(|| {
                // Round the clients, so every size is in the figure.
                let client = &screen.today.clients[i % screen.today.clients.len()].client;
                i += 1;
                let (store, app, _policy) =
                    open_app(&p, client, None, Clock::Fixed(now()), (120, 40)).expect("open");
                terminal
                    .draw(|f| rapport::tui::view::draw(f, &app))
                    .expect("draw");
                black_box(store);
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = budgets
}
criterion_main!(benches);
