//! `rapport demo --clients N`: N client files of varied size and health under
//! `<data dir>/clients/`, never over an existing one.

use std::io::Write;

use crate::clock::Clock;
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::store::Store;
use crate::workflow::demo::clients;
use crate::workflow::{Policy, rules};

/// At most this many client files at once.
pub const MAX_CLIENTS: usize = 200;

pub fn run(n: &str, cfg: &Config, clock: Clock, json: bool, with_file_flag: bool) -> Result<()> {
    if with_file_flag {
        return Err(Error::Conflict(
            tr("demo --clients makes files under <data dir>/clients/: leave out --db and --client")
                .into(),
        ));
    }
    let count = n
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|k| (1..=MAX_CLIENTS).contains(k))
        .ok_or_else(|| {
            Error::invalid_because(
                "--clients",
                n,
                trf("a whole number from 1 to {max}", &[("max", &MAX_CLIENTS)]),
            )
        })?;
    let dir = config::data_dir()?.join("clients");
    let files: Vec<_> = (0..count)
        .map(|i| (i, dir.join(format!("{}.sqlite3", clients::file_name(i)))))
        .collect();
    // All or nothing: a client's real file is never touched.
    if let Some((_, existing)) = files.iter().find(|(_, p)| p.exists()) {
        return Err(Error::Conflict(trf(
            "{path} exists already; demo --clients makes only new files (move it away or use fewer)",
            &[("path", &existing.display())],
        )));
    }
    let now = clock.now();
    let policy = Policy::new(cfg, crate::model::when::Zone::Local, cfg.templates_folder())?;
    let mut made = Vec::new();
    let mut stdout = std::io::stdout().lock();
    for (i, path) in &files {
        let mut store = Store::open(path)?;
        store.set_origin("cli", clock);
        let counts = clients::fill_client(&mut store, now, &policy, *i)?;
        rules::apply_all(&mut store, now, &policy)?;
        store.analyze()?;
        let name = clients::file_name(*i);
        if !json {
            writeln!(
                stdout,
                "{}",
                crate::i18n::trnf(
                    counts.projects as i64,
                    "{name}: {company} ({n} project, {issues} issues, {updates} updates, {log} log entries)",
                    "{name}: {company} ({n} projects, {issues} issues, {updates} updates, {log} log entries)",
                    &[
                        ("name", &name),
                        ("company", &clients::company(*i)),
                        ("issues", &counts.issues),
                        ("updates", &counts.updates),
                        ("log", &counts.log_entries),
                    ],
                )
            )
            .map_err(|e| Error::io(tr("cannot write to standard output"), e))?;
        }
        made.push(serde_json::json!({
            "client": name,
            "company": clients::company(*i),
            "database": path.display().to_string(),
            "counts": counts,
        }));
    }
    drop(stdout);
    let out = super::Out::new(json);
    if json {
        return out.json(&made);
    }
    out.line(&trf(
        "made {count} client files in {dir}; open them all with: rapport --all-clients (one: rapport --client {one})",
        &[
            ("count", &count),
            ("dir", &dir.display()),
            ("one", &clients::file_name(0)),
        ],
    ))
}
