//! Moving data, as criterion benchmarks: exporting every record of a generated file as JSON
//! lines, and importing that export into an empty file (the budget: ≤ 3 s for the
//! large demo, 10,000 issues and 100,000 log entries). `RAPPORT_BENCH_SCALE` picks the demo
//! (default large; CI runs `small` with `-- --test`). The source file is generated once into
//! `target/` and reused. A third benchmark imports `task export` output (100,000 pending
//! tasks over 40 projects at the large scale, as `bench/compare.sh` gives taskwarrior; 1,000 at
//! the small one) into an empty file: the other budget, ≤ 3 s.

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use rapport::store::{self, Store};
use rapport::workflow::transfer::taskwarrior;
use rapport::workflow::{Policy, demo, rules, transfer};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

fn database() -> PathBuf {
    let scale = scale_name();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let path = dir.join(format!(
        "bench-transfer-{scale}-schema{}.sqlite3",
        store::schema_version()
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

fn transfer_benches(c: &mut Criterion) {
    let source = Store::open(&database()).expect("open");
    let mut export = Vec::new();
    transfer::export_json(&source, &mut export).expect("export");
    let mut group = c.benchmark_group("transfer");
    group.sample_size(10);
    group.bench_function("export every record as JSON lines", |b| {
        let mut out = Vec::with_capacity(export.len());
        b.iter(|| {
            out.clear();
            transfer::export_json(&source, &mut out).expect("export")
        })
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    group.bench_function("import the export into an empty file", |b| {
        b.iter(|| {
            n += 1;
            let mut target =
                Store::open(&dir.path().join(format!("t{n}.sqlite3"))).expect("target");
            transfer::import_json(&mut target, export.as_slice(), false).expect("import")
        })
    });
    let tasks = task_export(if scale_name() == "large" {
        100_000
    } else {
        1_000
    });
    let opts = taskwarrior::TaskImport {
        default_project: "taskwarrior".into(),
        cadence: None,
        dry_run: false,
    };
    group.bench_function(
        "import task export (pending tasks) into an empty file",
        |b| {
            b.iter(|| {
                n += 1;
                let mut target =
                    Store::open(&dir.path().join(format!("t{n}.sqlite3"))).expect("target");
                taskwarrior::import(
                    &mut target,
                    now(),
                    &Policy::standard(),
                    &opts,
                    tasks.as_slice(),
                )
                .expect("import")
            })
        },
    );
    group.finish();
}

fn scale_name() -> String {
    std::env::var("RAPPORT_BENCH_SCALE").unwrap_or_else(|_| "large".into())
}

/// `n` pending tasks, one per line as `task export` writes them, over 40 projects.
fn task_export(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        out.extend_from_slice(
            format!(
                "{{\"uuid\":\"00000000-0000-4000-8000-{i:012}\",\"description\":\"The checkout problem {i}\",\"status\":\"pending\",\"entry\":\"20240101T000000Z\",\"project\":\"p{}\"}}\n",
                i % 40
            )
            .as_bytes(),
        );
    }
    out
}

criterion_group!(benches, transfer_benches);
criterion_main!(benches);
