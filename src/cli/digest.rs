//! `rapport report digest` (one file) and `rapport --all-clients report digest`: the weekly
//! digest written as Markdown, text (underlined headings), an `.eml` addressed to the config's
//! `from` (without one: no From and no To, and a one-line warning on stderr), or JSON.

use std::path::Path;

use super::output::Out;
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::when::Zone;
use crate::report::digest::{self, Digest};
use crate::report::{Format, Message};
use crate::workflow::portfolio::{self, Portfolio, Skipped};

pub fn run(
    p: &Portfolio,
    out: &mut Out,
    format: &str,
    output: Option<&Path>,
    force: bool,
) -> Result<()> {
    let format: Format = if out.json {
        Format::Json
    } else {
        format.parse()?
    };
    let results = portfolio::read_each(&p.files, |f, store| {
        let chase = p.config_for(f)?.waiting.chase_after_hours;
        digest::client_digest(f, store, p.now, Zone::Local, chase)
    });
    let (read, skipped) = portfolio::sort_out(&p.files, results);
    report_skipped(&skipped, read.len())?;
    let d = Digest {
        now: p.now,
        clients: read.into_iter().map(|(_, c)| c).collect(),
        skipped,
    };
    if format == Format::Json && output.is_none() {
        return out.json(&d);
    }
    let language = p.cfg.language.clone();
    let to = address(&p.cfg.from);
    if format == Format::Eml && to.is_none() {
        // Addressed to nobody, consistently: no From and no To; the mail client asks.
        eprintln!(
            "rapport: {}",
            tr(
                "warning: no `from` address in the config: the digest has no From or To (set from = \"Name <you@example.com>\")"
            )
        );
    }
    let message = Message {
        from: p.cfg.from.clone(),
        // An internal note: to the consultant themselves.
        to,
        cc: Vec::new(),
        subject: digest::subject(&d, &language, Zone::Local),
        body: digest::body(&d, &language, Zone::Local, format == Format::Markdown),
        date: p.now,
        sent: false,
        language,
    };
    let text = crate::report::message::write(format, &message, &d);
    match output {
        None => {
            use std::io::Write;
            std::io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .map_err(|e| Error::io(tr("cannot write to standard output"), e))
        }
        Some(path) => {
            let protected: Vec<_> = p.files.iter().map(|f| f.path.clone()).collect();
            crate::files::write_new(path, text.as_bytes(), force, &protected)?;
            if out.json {
                out.json(&serde_json::json!({ "written": path.display().to_string() }))
            } else {
                out.line(&format!("written: {}", path.display()))
            }
        }
    }
}

/// "Ann Lee <ann@firm.example>" or "ann@firm.example" as (name, address).
fn address(from: &str) -> Option<(String, String)> {
    let from = from.trim();
    match (from.rfind('<'), from.ends_with('>')) {
        (Some(i), true) => Some((
            from[..i].trim().to_string(),
            from[i + 1..from.len() - 1].trim().to_string(),
        )),
        _ if from.contains('@') => Some((String::new(), from.to_string())),
        _ => None,
    }
}

/// Names every file left out on stderr; an error when none could be read.
pub fn report_skipped(skipped: &[Skipped], read: usize) -> Result<()> {
    for s in skipped {
        eprintln!(
            "rapport: {}",
            trf(
                "warning: {note}",
                &[("note", &crate::model::text::one_line(&s.to_string()))]
            )
        );
    }
    if read == 0 && !skipped.is_empty() {
        return Err(Error::Conflict(trf(
            "none of the {n} client files could be read",
            &[("n", &skipped.len())],
        )));
    }
    Ok(())
}
