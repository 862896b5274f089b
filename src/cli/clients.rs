//! `rapport client ...` and `rapport issue wait/resume`.

use std::path::PathBuf;

use clap::Subcommand;

use super::ctx::{Ctx, parse_id};
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::store::{self, Listing, waits::IssueWait};
use crate::workflow::clients::{self, ClientEdit, edit_client};
use crate::workflow::waiting;

#[derive(Debug, Subcommand)]
pub enum ClientCmd {
    /// List clients with their zone, calendar and language (empty = the config's).
    #[command(after_help = "Examples:\n  rapport client list\n  rapport client list --all --json")]
    List {
        /// Archived clients too.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// Add a client (prints its id); its projects and contacts name it with --company.
    #[command(
        after_help = "Examples:\n  rapport client add Northwind\n  rapport client add 华东银行 --zone Asia/Shanghai --language zh-CN --notes '总部在上海'"
    )]
    Add {
        name: String,
        /// IANA time zone, e.g. Asia/Shanghai.
        #[arg(long)]
        zone: Option<String>,
        /// A TOML file with the keys of [calendar] (zone, hours, days, holidays, workdays);
        /// its text is kept in the database.
        #[arg(long, value_name = "FILE.toml")]
        calendar: Option<PathBuf>,
        /// en or zh-CN.
        #[arg(long, value_name = "en|zh-CN")]
        language: Option<String>,
        /// Free text about the client (who they are, how they like to work).
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Set a client's time zone, working calendar or drafting language.
    #[command(
        after_help = "Examples:\n  rapport client edit Northwind --zone Europe/Berlin\n  rapport client edit 华东银行 --language zh-CN"
    )]
    Edit {
        name: String,
        /// IANA time zone, e.g. Asia/Shanghai ("" for the config's).
        #[arg(long)]
        zone: Option<String>,
        /// A TOML file with the keys of [calendar] (zone, hours, days, holidays, workdays);
        /// its text is kept in the database.
        #[arg(long, value_name = "FILE.toml")]
        calendar: Option<PathBuf>,
        /// en or zh-CN ("" for the config's).
        #[arg(long, value_name = "en|zh-CN")]
        language: Option<String>,
    },
    /// Archive a client whose projects are all closed or archived: it leaves the lists
    /// and stays in the file.
    #[command(
        after_help = "Examples:\n  rapport client archive Northwind\n  rapport client archive 3 --json"
    )]
    Archive {
        // Not `client`: that id is the global --client's, which clap would fill with this
        // value, and so open another database.
        /// The client's name or id.
        #[arg(value_name = "NAME|ID")]
        name: String,
    },
    /// Bring an archived client back.
    #[command(
        after_help = "Examples:\n  rapport client restore Northwind\n  rapport client restore 3"
    )]
    Restore {
        /// The client's name or id.
        #[arg(value_name = "NAME|ID")]
        name: String,
    },
}

pub fn run(ctx: &mut Ctx, cmd: ClientCmd) -> Result<()> {
    match cmd {
        ClientCmd::List { all, output } => {
            let clients = store::clients::list(ctx.store.conn(), all)?;
            let (clients, more) = super::listing::take(clients, output.apply(&mut ctx.out)?);
            let mut head = vec!["id", "client", "zone", "calendar", "language"];
            // The column only where archived rows can be listed: `client list` stays as it was.
            if all {
                head.push("archived");
            }
            ctx.out.list_rows(&clients, more, &head, |c| {
                let mut row = vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.zone.clone().unwrap_or_default(),
                    if c.calendar.is_some() { "own" } else { "" }.into(),
                    c.language.clone().unwrap_or_default(),
                ];
                if all {
                    row.push(if c.archived { tr("archived") } else { "" }.into());
                }
                row
            })
        }
        ClientCmd::Add {
            name,
            zone,
            calendar,
            language,
            notes,
        } => {
            let edit = ClientEdit {
                zone,
                calendar_file: calendar,
                language,
            };
            let c = clients::add_client(&mut ctx.store, ctx.now, &name, &notes, &edit)?;
            if ctx.out.json {
                ctx.out.json(&c)
            } else {
                ctx.out.line(&c.id.to_string())
            }
        }
        ClientCmd::Archive { name } => {
            let c = clients::find_client(ctx.store.conn(), &name)?;
            let c = clients::archive_client(&mut ctx.store, ctx.now, c.id)?;
            if ctx.out.json {
                ctx.out.json(&c)
            } else {
                ctx.out.line(&trf(
                    "client {name} archived (rapport client restore {name} brings it back)",
                    &[("name", &c.name)],
                ))
            }
        }
        ClientCmd::Restore { name } => {
            let c = clients::find_client(ctx.store.conn(), &name)?;
            let c = clients::restore_client(&mut ctx.store, c.id)?;
            if ctx.out.json {
                ctx.out.json(&c)
            } else {
                ctx.out
                    .line(&trf("client {name} restored", &[("name", &c.name)]))
            }
        }
        ClientCmd::Edit {
            name,
            zone,
            calendar,
            language,
        } => {
            let edit = ClientEdit {
                zone,
                calendar_file: calendar,
                language,
            };
            let c = edit_client(&mut ctx.store, &name, &edit)?;
            // Deadlines already queued keep their times; new ones count in this calendar.
            if ctx.out.json {
                ctx.out.json(&c)
            } else {
                ctx.out
                    .line(&trf("client {name} updated", &[("name", &c.name)]))
            }
        }
    }
}

fn print_wait(ctx: &mut Ctx, w: &IssueWait, what: &str) -> Result<()> {
    if ctx.out.json {
        return ctx.out.json(w);
    }
    ctx.out.line(&trf(
        "issue {id} {what}",
        &[("id", &w.issue_id), ("what", &what)],
    ))
}

/// `rapport issue wait ID --for TEXT [--until WHEN]`.
pub fn wait(ctx: &mut Ctx, id: &str, waiting_for: &str, until: Option<&str>) -> Result<()> {
    let id = parse_id("issue", id)?;
    let until = until.map(|u| ctx.when(u)).transpose()?;
    let w = waiting::wait(&mut ctx.store, ctx.now, id, waiting_for, until)?;
    print_wait(
        ctx,
        &w,
        &trf(
            "is {waiting}: its follow-up clock pauses",
            &[("waiting", &waiting::WAITING_STATUS)],
        ),
    )
}

/// `rapport issue resume ID`.
pub fn resume(ctx: &mut Ctx, id: &str) -> Result<()> {
    let id = parse_id("issue", id)?;
    let policy = ctx.policy()?;
    let w = waiting::resume(&mut ctx.store, ctx.now, &policy, id)?;
    // Say what is owed now, as the queue has it (nothing is claimed that was not queued).
    let next = crate::store::UpdateQuery {
        issue_id: Some(id),
        ..Default::default()
    }
    .list(ctx.store.conn(), crate::store::Window::new(0, 1))?
    .into_iter()
    .next();
    let what = match next {
        Some(u) => trf(
            "resumed: its follow-up clock runs again; next in the queue: {kind} update {id} due {due}",
            &[
                ("kind", &u.kind),
                ("id", &u.id),
                ("due", &super::ctx::show_time(ctx, u.due_at)),
            ],
        ),
        None => tr("resumed: its follow-up clock runs again").to_string(),
    };
    print_wait(ctx, &w, &what)
}

/// The client's wall clock next to the PM's in human output, where the two differ:
/// " (2026-10-10 14:00 CST)". Calendars are read once per project.
pub struct ClientClock {
    config: Option<crate::model::WorkingCalendar>,
    format: String,
    zones: std::collections::HashMap<i64, Option<chrono_tz::Tz>>,
}

impl ClientClock {
    pub fn new(ctx: &Ctx) -> Result<ClientClock> {
        Ok(ClientClock {
            config: ctx.cfg.working_calendar()?,
            format: ctx.cfg.date_format.clone(),
            zones: Default::default(),
        })
    }

    fn zone(&mut self, conn: &rusqlite::Connection, project_id: i64) -> Option<chrono_tz::Tz> {
        if let Some(z) = self.zones.get(&project_id) {
            return *z;
        }
        // Display only: a client calendar that no longer reads shows no client time.
        let zone = store::projects::get_project(conn, project_id)
            .ok()
            .and_then(|p| store::clients::settings(conn, p.client_id).ok().flatten())
            .and_then(|c| crate::workflow::client_time::calendar_of(&c, self.config.as_ref()).ok())
            .flatten()
            .map(|cal| cal.zone);
        self.zones.insert(project_id, zone);
        zone
    }

    pub fn suffix(
        &mut self,
        conn: &rusqlite::Connection,
        project_id: i64,
        t: chrono::DateTime<chrono::Utc>,
    ) -> String {
        match self.zone(conn, project_id) {
            Some(z)
                if t.with_timezone(&z).naive_local()
                    != t.with_timezone(&chrono::Local).naive_local() =>
            {
                format!(
                    " ({})",
                    crate::workflow::client_time::show_in(z, t, &self.format)
                )
            }
            _ => String::new(),
        }
    }

    /// The same for a project named by name (Today's lines carry the name).
    pub fn suffix_by_name(
        &mut self,
        conn: &rusqlite::Connection,
        project: &str,
        t: chrono::DateTime<chrono::Utc>,
    ) -> String {
        match store::projects::project_by_key(conn, project) {
            Ok(p) => self.suffix(conn, p.id, t),
            Err(_) => String::new(),
        }
    }
}
