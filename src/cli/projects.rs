//! `rapport project ...` and `rapport contact ...`.

use clap::Subcommand;

use super::ctx::Ctx;
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{
    Cadence, Channel, ContactPatch, NewContact, NewProject, ProjectPatch, ProjectStatus,
};
use crate::store;
use crate::workflow::projects;

#[derive(Debug, Subcommand)]
pub enum ProjectCmd {
    /// Add a project (and its client, on first mention). Prints the new id.
    #[command(
        after_help = "Examples:\n  rapport project add 'Northwind Portal' --company Northwind --cadence weekly\n  rapport project add Migration --company Northwind --channel meeting"
    )]
    Add {
        name: String,
        /// The client (company) it is for (default: the client of a --client file, else
        /// the project name).
        #[arg(long, value_name = "NAME")]
        company: Option<String>,
        /// How often the client gets a status report: weekly, biweekly, monthly or Nd.
        #[arg(long)]
        cadence: Option<String>,
        /// Preferred channel: email, phone, meeting, chat, other.
        #[arg(long, default_value = "email")]
        channel: String,
        /// active, on-hold or closed.
        #[arg(long, default_value = "active")]
        status: String,
    },
    /// List projects.
    #[command(
        after_help = "Examples:\n  rapport project list\n  rapport project list --all --format csv"
    )]
    List {
        /// Include closed projects.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// Rename a project, put it on hold, close it, or change its cadence or channel.
    /// On hold or closed, it gets no status reports and its pending ones are skipped.
    #[command(
        after_help = "Examples:\n  rapport project edit Portal --status on-hold\n  rapport project edit 3 --cadence biweekly"
    )]
    Edit {
        /// The project's name or id.
        project: String,
        #[arg(long)]
        name: Option<String>,
        /// active, on-hold or closed.
        #[arg(long)]
        status: Option<String>,
        /// weekly, biweekly, monthly, Nd, or none.
        #[arg(long)]
        cadence: Option<String>,
        /// email, phone, meeting, chat, other.
        #[arg(long)]
        channel: Option<String>,
        /// Close the project although it still has open issues.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a person at a client. Prints the new id.
    #[command(
        after_help = "Examples:\n  rapport contact add 'Sarah Chen' --company Northwind --email sarah@northwind.example\n  rapport contact add 王芳 --company 华东银行 --role 产品经理"
    )]
    Add {
        name: String,
        /// The client (company) they work for (default: the client of a --client file).
        #[arg(long, value_name = "NAME")]
        company: Option<String>,
        #[arg(long, default_value = "")]
        role: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        /// Preferred channel: email, phone, meeting, chat, other.
        #[arg(long)]
        channel: Option<String>,
    },
    /// List contacts.
    #[command(
        after_help = "Examples:\n  rapport contact list\n  rapport contact list --of Northwind --format csv"
    )]
    List {
        /// Only this client's.
        #[arg(long = "of", value_name = "CLIENT")]
        of: Option<String>,
        #[command(flatten)]
        output: super::ListOutput,
    },
    /// Change a contact's details.
    #[command(
        after_help = "Examples:\n  rapport contact edit 2 --email sarah.chen@northwind.example\n  rapport contact edit 2 --role 'Head of Operations'"
    )]
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// email, phone, meeting, chat, other, or none.
        #[arg(long)]
        channel: Option<String>,
    },
    /// Archive a contact: kept in the file, no longer a recipient.
    #[command(after_help = "Example:\n  rapport contact archive 2")]
    Archive { id: i64 },
    /// Bring an archived contact back.
    #[command(after_help = "Example:\n  rapport contact restore 2")]
    Restore { id: i64 },
}

pub fn run_project(ctx: &mut Ctx, cmd: ProjectCmd) -> Result<()> {
    match cmd {
        ProjectCmd::Add {
            name,
            company,
            cadence,
            channel,
            status,
        } => {
            let cadence = match cadence {
                Some(c) if c.trim().eq_ignore_ascii_case("none") => None,
                Some(c) => Some(c.parse::<Cadence>()?),
                None => ctx.cfg.default_cadence,
            };
            let new = NewProject {
                name,
                client: company
                    .or_else(|| ctx.place.client.clone())
                    .unwrap_or_default(),
                status: status.parse::<ProjectStatus>()?,
                cadence,
                channel: channel.parse::<Channel>()?,
            };
            let policy = ctx.policy()?;
            let id = projects::add_project(&mut ctx.store, ctx.now, &policy, new)?
                .record
                .id();
            if ctx.out.json {
                let p = store::projects::get_project(ctx.store.conn(), id)?;
                ctx.out.json(&p)
            } else {
                ctx.out.line(&id.to_string())
            }
        }
        ProjectCmd::List { all, output } => {
            let list = store::projects::list_projects(ctx.store.conn(), all)?;
            let (list, more) = super::listing::take(list, output.apply(&mut ctx.out)?);
            ctx.out.list_rows(
                &list,
                more,
                &["id", "project", "client", "status", "cadence", "channel"],
                |p| {
                    vec![
                        p.id.to_string(),
                        p.name.clone(),
                        p.client.clone(),
                        p.status.to_string(),
                        p.cadence
                            .map(|c| c.to_string())
                            .unwrap_or_else(|| "-".into()),
                        p.channel.to_string(),
                    ]
                },
            )
        }
        ProjectCmd::Edit {
            project,
            name,
            status,
            cadence,
            channel,
            force,
        } => {
            let patch = ProjectPatch {
                name,
                status: status.map(|s| s.parse::<ProjectStatus>()).transpose()?,
                cadence: cadence.map(|c| parse_cadence(&c)).transpose()?,
                channel: channel.map(|c| c.parse::<Channel>()).transpose()?,
            };
            let id = store::projects::project_by_key(ctx.store.conn(), &project)?.id;
            let policy = ctx.policy()?;
            let (p, _) =
                projects::edit_project(&mut ctx.store, ctx.now, &policy, id, patch, force)?;
            if ctx.out.json {
                ctx.out.json(&p)
            } else {
                ctx.out.line(&trf(
                    "project {id} '{name}': {status}, cadence {cadence}, channel {channel}",
                    &[
                        ("id", &p.id),
                        ("name", &p.name),
                        ("status", &p.status),
                        (
                            "cadence",
                            &p.cadence
                                .map_or_else(|| "none".to_string(), |c| c.to_string()),
                        ),
                        ("channel", &p.channel),
                    ],
                ))
            }
        }
    }
}

/// A cadence as typed, where "none" means no regular status reports.
fn parse_cadence(text: &str) -> Result<Option<Cadence>> {
    if text.trim().eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        text.parse::<Cadence>().map(Some)
    }
}

pub fn run_contact(ctx: &mut Ctx, cmd: ContactCmd) -> Result<()> {
    match cmd {
        ContactCmd::Add {
            name,
            company,
            role,
            email,
            phone,
            channel,
        } => {
            let client = company
                .or_else(|| ctx.place.client.clone())
                .ok_or_else(|| {
                    crate::error::Error::Conflict(
                        tr("a contact needs its client: --company NAME").into(),
                    )
                })?;
            let new = NewContact {
                client,
                name,
                role,
                email,
                phone,
                channel: channel.map(|c| c.parse::<Channel>()).transpose()?,
            };
            let id = projects::add_contact(&mut ctx.store, ctx.now, new)?;
            if ctx.out.json {
                let c = store::projects::get_contact(ctx.store.conn(), id)?;
                ctx.out.json(&c)
            } else {
                ctx.out.line(&id.to_string())
            }
        }
        ContactCmd::List { of, output } => {
            let client_id = match of {
                Some(name) => Some(
                    store::projects::client_by_name(ctx.store.conn(), &name)?
                        .ok_or_else(|| crate::error::Error::not_found("client", &name))?
                        .id,
                ),
                None => None,
            };
            let list = store::projects::list_contacts(ctx.store.conn(), client_id)?;
            let (list, more) = super::listing::take(list, output.apply(&mut ctx.out)?);
            ctx.out.list_rows(
                &list,
                more,
                &["id", "name", "client", "role", "email", "phone"],
                |c| {
                    vec![
                        c.id.to_string(),
                        c.name.clone(),
                        c.client.clone(),
                        c.role.clone(),
                        c.email.clone(),
                        c.phone.clone(),
                    ]
                },
            )
        }
        ContactCmd::Edit {
            id,
            name,
            role,
            email,
            phone,
            channel,
        } => {
            let channel = match channel {
                Some(c) if c.trim().eq_ignore_ascii_case("none") => Some(None),
                Some(c) => Some(Some(c.parse::<Channel>()?)),
                None => None,
            };
            let patch = ContactPatch {
                name,
                role,
                email,
                phone,
                channel,
            };
            let c = projects::edit_contact(&mut ctx.store, id, patch)?;
            print_contact(ctx, &c, tr("saved"))
        }
        ContactCmd::Archive { id } => {
            let c = projects::set_contact_archived(&mut ctx.store, ctx.now, id, true)?;
            print_contact(
                ctx,
                &c,
                tr("archived (rapport contact restore brings it back)"),
            )
        }
        ContactCmd::Restore { id } => {
            let c = projects::set_contact_archived(&mut ctx.store, ctx.now, id, false)?;
            print_contact(ctx, &c, tr("restored"))
        }
    }
}

fn print_contact(ctx: &mut Ctx, c: &crate::model::Contact, what: &str) -> Result<()> {
    if ctx.out.json {
        ctx.out.json(c)
    } else {
        ctx.out.line(&trf(
            "contact {id} {name} ({client}) {what}",
            &[
                ("id", &c.id),
                ("name", &c.name),
                ("client", &c.client),
                ("what", &what),
            ],
        ))
    }
}
