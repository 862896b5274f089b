//! `rapport project ...` and `rapport contact ...`.

use clap::Subcommand;

use super::Ctx;
use crate::error::Result;
use crate::model::{Cadence, Channel, NewContact, NewProject, ProjectStatus};
use crate::store;
use crate::workflow::projects;

#[derive(Debug, Subcommand)]
pub enum ProjectCmd {
    /// Add a project (and its client, on first mention). Prints the new id.
    Add {
        name: String,
        /// The client it is for (default: same as the project name).
        #[arg(long)]
        client: Option<String>,
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
    List {
        /// Include closed projects.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// Add a person at a client. Prints the new id.
    Add {
        name: String,
        #[arg(long)]
        client: String,
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
    List {
        /// Only this client's.
        #[arg(long = "of", value_name = "CLIENT")]
        of: Option<String>,
    },
}

pub fn run_project(ctx: &mut Ctx, cmd: ProjectCmd) -> Result<()> {
    match cmd {
        ProjectCmd::Add {
            name,
            client,
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
                client: client.unwrap_or_default(),
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
        ProjectCmd::List { all } => {
            let list = store::projects::list_projects(ctx.store.conn(), all)?;
            if ctx.out.json {
                return ctx.out.json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|p| {
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
                })
                .collect();
            ctx.out.table(
                &["id", "project", "client", "status", "cadence", "channel"],
                &rows,
            )
        }
    }
}

pub fn run_contact(ctx: &mut Ctx, cmd: ContactCmd) -> Result<()> {
    match cmd {
        ContactCmd::Add {
            name,
            client,
            role,
            email,
            phone,
            channel,
        } => {
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
        ContactCmd::List { of } => {
            let client_id = match of {
                Some(name) => Some(
                    store::projects::client_by_name(ctx.store.conn(), &name)?
                        .ok_or_else(|| crate::error::Error::not_found("client", &name))?
                        .id,
                ),
                None => None,
            };
            let list = store::projects::list_contacts(ctx.store.conn(), client_id)?;
            if ctx.out.json {
                return ctx.out.json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.name.clone(),
                        c.client.clone(),
                        c.role.clone(),
                        c.email.clone(),
                        c.phone.clone(),
                    ]
                })
                .collect();
            ctx.out
                .table(&["id", "name", "client", "role", "email", "phone"], &rows)
        }
    }
}
