//! `rapport export` and `rapport import`: the whole file as JSON lines, one table as CSV, the
//! dates as iCalendar; back in from an export, a spreadsheet or taskwarrior.

use std::io::{BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::Ctx;
use super::progress::{Counted, Progress, grouped};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::workflow::transfer::{self, csv, taskwarrior};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (every record, to move a file), csv (one table, for a spreadsheet) or ics (the
    /// dates, for a calendar).
    #[arg(long, default_value = "json")]
    pub format: String,
    /// With csv: issues, updates, expectations, log or contacts.
    #[arg(long)]
    pub table: Option<String>,
    /// With ics: only this project's dates.
    #[arg(long, short)]
    pub project: Option<String>,
    /// With csv: start with a byte-order mark, so Excel reads the file as UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// Write to this file (a new file, 0600) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to read (- for standard input).
    pub file: PathBuf,
    /// json (a rapport export) or csv (a spreadsheet; needs --table).
    #[arg(long, default_value = "json")]
    pub format: String,
    /// Another tool's export: taskwarrior (`task export` JSON).
    #[arg(long, value_name = "TOOL")]
    pub from: Option<String>,
    /// With csv: issues, contacts or log.
    #[arg(long)]
    pub table: Option<String>,
    /// With csv: read the file's COLUMN as FIELD (COLUMN= leaves the column out). Repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// With csv: import the good rows and report the bad ones (default: nothing is written
    /// unless every row is good).
    #[arg(long)]
    pub skip_bad: bool,
    /// Check everything and report what would be imported, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// With --from taskwarrior: the project of tasks that name none (default: taskwarrior).
    #[arg(long, short)]
    pub project: Option<String>,
}

/// Where an export goes: a new file (removed again if the export fails) or standard output.
fn with_output(
    ctx: &mut Ctx,
    args: &ExportArgs,
    write: impl FnOnce(&Ctx, &mut dyn Write) -> Result<u64>,
) -> Result<()> {
    let Some(path) = &args.output else {
        let stdout = std::io::stdout();
        let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
        write(ctx, &mut out)?;
        return out
            .flush()
            .map_err(|e| Error::io(tr("cannot write to standard output"), e));
    };
    let mut protected = vec![ctx.place.path.clone()];
    protected.extend(ctx.store.path().map(Path::to_path_buf));
    let file = crate::files::create_new(path, args.force, &protected)?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    let done = write(ctx, &mut out).and_then(|n| {
        let file = out
            .into_inner()
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e.into_error()))?;
        file.sync_all()
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        Ok(n)
    });
    match done {
        Ok(n) => {
            let shown = path.display().to_string();
            if ctx.out.json {
                ctx.out
                    .json(&serde_json::json!({ "written": shown, "records": n }))
            } else {
                ctx.out.line(&trf(
                    "written: {shown} ({n} records)",
                    &[("shown", &shown), ("n", &n)],
                ))
            }
        }
        Err(e) => {
            // Half an export is worse than none.
            let _ = std::fs::remove_file(path);
            Err(e)
        }
    }
}

pub fn export(ctx: &mut Ctx, args: ExportArgs) -> Result<()> {
    match args.format.as_str() {
        "json" => {
            // Records going to the terminal itself draw no bar over them.
            let shown = args.output.is_some() || !std::io::stdout().is_terminal();
            let bar = Progress::new("export", 0);
            let bar = shown.then_some(bar);
            with_output(ctx, &args, |ctx, out| {
                let n =
                    transfer::export_json_with(&ctx.store, &mut WriteRef(out), &mut |s, d, t| {
                        if let Some(bar) = &bar {
                            bar.update(s, d, t)
                        }
                    })?
                    .rows;
                if let Some(bar) = &bar {
                    bar.finish();
                }
                Ok(n)
            })
        }
        "csv" => {
            let table = args.table.clone().ok_or_else(|| {
                Error::invalid_because(
                    "table",
                    "",
                    format!("--table with one of {}", csv::EXPORT_TABLES.join(", ")),
                )
            })?;
            if !csv::EXPORT_TABLES.contains(&table.as_str()) {
                return Err(Error::invalid(
                    "table",
                    &table,
                    csv::EXPORT_TABLES.join(", "),
                ));
            }
            let bom = args.bom;
            with_output(ctx, &args, |ctx, out| {
                csv::export(&ctx.store, &table, bom, &mut WriteRef(out))
            })
        }
        "ics" => {
            let project = ctx.project_id(args.project.as_deref())?;
            with_output(ctx, &args, |ctx, out| {
                crate::report::ics::write(ctx.store.conn(), project, &mut WriteRef(out))
            })
        }
        other => Err(Error::invalid("format", other, "json, csv, ics".into())),
    }
}

/// A `&mut dyn Write` as a sized writer.
struct WriteRef<'a>(&'a mut dyn Write);

impl Write for WriteRef<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.0.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn open_input(path: &Path) -> Result<Box<dyn std::io::BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            std::io::stdin(),
        )));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

/// The size of the input when it is a file (the length of the bar), 0 for standard input.
fn input_size(path: &Path) -> u64 {
    if path.as_os_str() == "-" {
        return 0;
    }
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Said first when an import only tried.
fn dry_run_prefix(dry_run: bool) -> &'static str {
    if dry_run {
        tr("dry run, nothing written: ")
    } else {
        ""
    }
}

pub fn import(ctx: &mut Ctx, args: ImportArgs) -> Result<()> {
    let (input, taken) = Counted::new(open_input(&args.file)?);
    let size = input_size(&args.file);
    let bar = Progress::new("import", size);
    let tasks = args.from.is_some();
    let mut step = |stage: &str, done: u64, total: u64| {
        if stage == "import" {
            bar.update_bytes(
                stage,
                taken.get(),
                size,
                &if tasks {
                    trf("{count} tasks", &[("count", &grouped(done))])
                } else {
                    trf("{count} rows", &[("count", &grouped(done))])
                },
            );
        } else {
            bar.update(stage, done, total);
        }
    };
    if let Some(tool) = &args.from {
        if tool != "taskwarrior" {
            return Err(Error::invalid("--from", tool, "taskwarrior".into()));
        }
        let policy = ctx.policy()?;
        let opts = taskwarrior::TaskImport {
            default_project: args.project.clone().unwrap_or_else(|| "taskwarrior".into()),
            cadence: ctx.cfg.default_cadence,
            dry_run: args.dry_run,
        };
        let s =
            taskwarrior::import_with(&mut ctx.store, ctx.now, &policy, &opts, input, &mut step)?;
        bar.finish();
        if ctx.out.json {
            return ctx.out.json(&s);
        }
        return ctx.out.line(&format!(
            "{}{}",
            dry_run_prefix(s.dry_run),
            trf(
                "{tasks} tasks: {added} issues added, {updated} updated, {notes} notes added, {projects} projects created",
                &[
                    ("tasks", &s.tasks),
                    ("added", &s.added),
                    ("updated", &s.updated),
                    ("notes", &s.notes_added),
                    ("projects", &s.projects_created),
                ],
            )
        ));
    }
    match args.format.as_str() {
        "json" => {
            let s = transfer::import_json_with(&mut ctx.store, input, args.dry_run, &mut step)?;
            bar.finish();
            if ctx.out.json {
                return ctx.out.json(&s);
            }
            let tables: Vec<String> = s.tables.iter().map(|(t, n)| format!("{t} {n}")).collect();
            ctx.out.line(&format!(
                "{}{}",
                dry_run_prefix(s.dry_run),
                trf(
                    "{n} records imported{ids} ({tables})",
                    &[
                        ("n", &s.rows),
                        (
                            "ids",
                            &if s.ids_kept == Some(true) {
                                tr(", ids kept")
                            } else {
                                tr(", new ids")
                            },
                        ),
                        ("tables", &tables.join(", ")),
                    ],
                )
            ))
        }
        "csv" => {
            let table = args.table.clone().ok_or_else(|| {
                Error::invalid_because(
                    "table",
                    "",
                    format!("--table with one of {}", csv::IMPORT_TABLES.join(", ")),
                )
            })?;
            let mut map = Vec::new();
            for m in &args.map {
                let Some((column, field)) = m.split_once('=') else {
                    return Err(Error::invalid_because(
                        "--map",
                        m,
                        tr("COLUMN=FIELD, e.g. --map Summary=title (COLUMN= leaves it out)"),
                    ));
                };
                map.push((column.trim().to_string(), field.trim().to_string()));
            }
            let policy = ctx.policy()?;
            let opts = csv::CsvImport {
                table,
                map,
                skip_bad: args.skip_bad,
                dry_run: args.dry_run,
                zone: crate::model::when::Zone::Local,
                cadence: ctx.cfg.default_cadence,
            };
            let s = csv::import(&mut ctx.store, ctx.now, &policy, &opts, input)?;
            if ctx.out.json {
                return ctx.out.json(&s);
            }
            for bad in &s.skipped {
                ctx.out.line(&trf(
                    "skipped line {line}: {problem}",
                    &[("line", &bad.line), ("problem", &bad.problem)],
                ))?;
            }
            ctx.out.line(&format!(
                "{}{}",
                dry_run_prefix(s.dry_run),
                trf(
                    "{n} {table} imported, {skipped} rows skipped, {projects} projects created",
                    &[
                        ("n", &s.imported),
                        ("table", &s.table),
                        ("skipped", &s.skipped.len()),
                        ("projects", &s.projects_created),
                    ],
                )
            ))
        }
        other => Err(Error::invalid("format", other, "json, csv".into())),
    }
}
