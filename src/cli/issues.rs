//! `rapport issue ...`.

use clap::Subcommand;

use super::ctx::{Ctx, ListArgs, parse_id};
use super::ctx::{fields, show_time, show_time_opt};
use super::output::age;
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{Issue, IssuePatch, IssueStatus, NewIssue, Severity};
use crate::store::{self, IssueQuery, Listing};
use crate::workflow::{self, Record, issues};

#[derive(Debug, Subcommand)]
pub enum IssueCmd {
    /// Log a problem. Prints the new id.
    #[command(
        after_help = "Examples:\n  rapport issue add 'Login fails' -p Portal -s high\n  rapport issue add 'Slow reports' -p Portal --detected '-2h' --our-fault"
    )]
    Add {
        title: String,
        /// Project name or id.
        #[arg(long, short)]
        project: String,
        /// critical, high, medium or low.
        #[arg(long, short, default_value = "medium")]
        severity: String,
        /// new, investigating, solution-proposed, in-progress, resolved or closed.
        #[arg(long, default_value = "new")]
        status: String,
        /// When the problem became known (default: now).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        detected: Option<String>,
        /// The team acknowledges the fault is ours.
        #[arg(long)]
        our_fault: bool,
        #[arg(long, short, default_value = "")]
        description: String,
        /// What caused it (as far as known).
        #[arg(long, default_value = "")]
        cause: String,
        /// Impact on scope and schedule.
        #[arg(long, default_value = "")]
        impact: String,
        /// Who on our side owns it.
        #[arg(long, default_value = "")]
        owner: String,
    },
    /// List issues (open ones unless --all), worst first.
    #[command(
        after_help = "Examples:\n  rapport issue list -s critical\n  rapport issue list --all --format csv --limit 100 > issues.csv"
    )]
    List {
        #[command(flatten)]
        list: ListArgs,
        /// Only this severity.
        #[arg(long, short)]
        severity: Option<String>,
    },
    /// Show one issue with its solution options.
    #[command(after_help = "Examples:\n  rapport issue show 4\n  rapport issue show 4 --json")]
    Show { id: String },
    /// Change an issue. Times accept `none` to clear them.
    #[command(
        after_help = "Examples:\n  rapport issue edit 4 --status resolved --resolution 'Rolled back to 4.1'\n  rapport issue edit 4 --next-update 'fri 14:00'"
    )]
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        severity: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// Write the description in $VISUAL, else $EDITOR, else vi (unchanged or emptied:
        /// nothing written).
        #[arg(long, conflicts_with = "description")]
        editor: bool,
        #[arg(long)]
        cause: Option<String>,
        #[arg(long)]
        impact: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// yes or no.
        #[arg(long, value_name = "yes|no")]
        our_fault: Option<String>,
        /// Move it to another project.
        #[arg(long)]
        project: Option<String>,
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        detected: Option<String>,
        /// When we promised the client the next update.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        next_update: Option<String>,
        /// When the client was first told.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        notified: Option<String>,
        /// When service was restored (set when resolved; correct it here).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        resolved_at: Option<String>,
        #[arg(long)]
        resolution: Option<String>,
        #[arg(long)]
        lessons: Option<String>,
        #[arg(long)]
        prevention: Option<String>,
    },
    /// Archive an issue: it leaves the lists but stays in the file.
    #[command(after_help = "Example:\n  rapport issue archive 4")]
    Archive { id: String },
    /// Bring an archived issue back into the lists.
    #[command(after_help = "Example:\n  rapport issue restore 4")]
    Restore { id: String },
    /// The issue waits on the client (a decision, access, data): its follow-up clock pauses.
    #[command(
        after_help = "Examples:\n  rapport issue wait 4 --for 'access to the staging logs'\n  rapport issue wait 4 --for 'a decision' --until fri"
    )]
    Wait {
        id: String,
        /// What the client owes.
        #[arg(long = "for", value_name = "TEXT")]
        waiting_for: String,
        /// When the wait ends by itself.
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        until: Option<String>,
    },
    /// The client delivered: the follow-up clock runs again and the next update is queued.
    #[command(after_help = "Example:\n  rapport issue resume 4")]
    Resume { id: String },
    /// Write a progress note for the client: what was done. Drafts and reports quote these
    /// notes (never the communication log). Prints the note's id.
    #[command(
        after_help = "Examples:\n  rapport issue note 4 'Patch deployed to staging'\n  rapport issue note 4 'Root cause found' --at '-1h'"
    )]
    Note {
        id: String,
        text: String,
        /// When it happened (default: now).
        #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
        at: Option<String>,
    },
    /// Solution options offered to the client.
    #[command(
        after_help = "Examples:\n  rapport issue option add 4 'Roll back to 4.1' --time '2 hours'\n  rapport issue option choose 4 1",
        subcommand
    )]
    Option(OptionCmd),
}

#[derive(Debug, Subcommand)]
pub enum OptionCmd {
    /// Add a solution option to an issue. Prints its number.
    #[command(
        after_help = "Example:\n  rapport issue option add 4 'Roll back to 4.1' --time '2 hours' --effect 'logins work again'"
    )]
    Add {
        id: String,
        text: String,
        /// Time needed, e.g. "2 days".
        #[arg(long, default_value = "")]
        time: String,
        /// Expected effect.
        #[arg(long, default_value = "")]
        effect: String,
    },
    /// Record the option the client chose.
    #[command(after_help = "Example:\n  rapport issue option choose 4 1")]
    Choose { id: String, number: String },
    /// Change a solution option's text, time needed or expected effect.
    #[command(
        after_help = "Examples:\n  rapport issue option edit 4 1 --time '3 hours'\n  rapport issue option edit 4 2 --text 'Restart the login service'"
    )]
    Edit {
        id: String,
        number: String,
        #[arg(long)]
        text: Option<String>,
        /// Time needed, e.g. "2 days".
        #[arg(long)]
        time: Option<String>,
        /// Expected effect.
        #[arg(long)]
        effect: Option<String>,
    },
}

fn parse_option_number(text: &str) -> Result<i64> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| Error::invalid_because("option number", text, tr("a whole number such as 1")))
}

fn parse_yes_no(text: &str) -> Result<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(Error::invalid("our-fault", text, "yes, no".into())),
    }
}

pub fn run(ctx: &mut Ctx, cmd: IssueCmd) -> Result<()> {
    match cmd {
        IssueCmd::Add {
            title,
            project,
            severity,
            status,
            detected,
            our_fault,
            description,
            cause,
            impact,
            owner,
        } => {
            let severity: Severity = severity.parse()?;
            let status: IssueStatus = status.parse()?;
            let detected_at = detected
                .map(|d| ctx.when(&d))
                .transpose()?
                .unwrap_or(ctx.now);
            let project = ctx.project(&project)?;
            let new = NewIssue {
                project_id: project.id,
                title,
                description,
                severity,
                status,
                detected_at,
                owner,
                our_fault,
                cause,
                impact,
            };
            let policy = ctx.policy()?;
            let done = issues::add(&mut ctx.store, ctx.now, &policy, new)?;
            print_done(ctx, done.record)
        }
        IssueCmd::List { list, severity } => {
            let q = IssueQuery {
                project_id: ctx.project_id(list.project.as_deref())?,
                severity: severity.map(|s| s.parse()).transpose()?,
                include_closed: list.all,
                text: list.search.clone(),
            };
            if list.count {
                return super::ctx::print_count(ctx, q.count(ctx.store.conn())?);
            }
            let limit = list.output.apply(&mut ctx.out)?;
            let waiting = store::waits::waiting_issue_ids(ctx.store.conn())?;
            ctx.out.list_query(
                ctx.store.conn(),
                &q,
                limit,
                &[
                    "id",
                    "project",
                    "severity",
                    "status",
                    "title",
                    "age",
                    "next update",
                ],
                |i| {
                    vec![
                        i.id.to_string(),
                        i.project.clone(),
                        i.severity.to_string(),
                        if waiting.contains(&i.id) {
                            workflow::waiting::WAITING_STATUS.to_string()
                        } else {
                            i.status.to_string()
                        },
                        i.title.clone(),
                        age(ctx.now, i.detected_at),
                        next_update_cell(ctx, i),
                    ]
                },
            )
        }
        IssueCmd::Show { id } => {
            let issue = store::issues::get(ctx.store.conn(), parse_id("issue", &id)?)?;
            print_issue(ctx, &issue)
        }
        IssueCmd::Edit {
            id,
            title,
            status,
            severity,
            description,
            editor,
            cause,
            impact,
            owner,
            our_fault,
            project,
            detected,
            next_update,
            notified,
            resolved_at,
            resolution,
            lessons,
            prevention,
        } => {
            let id = parse_id("issue", &id)?;
            let mut patch = IssuePatch {
                project_id: ctx.project_id(project.as_deref())?,
                title,
                description,
                severity: severity.map(|s| s.parse()).transpose()?,
                status: status.map(|s| s.parse()).transpose()?,
                detected_at: detected.map(|d| ctx.when(&d)).transpose()?,
                owner,
                cause,
                impact,
                our_fault: our_fault.map(|v| parse_yes_no(&v)).transpose()?,
                client_notified_at: notified.map(|d| ctx.when_or_none(&d)).transpose()?,
                next_update_due: next_update.map(|d| ctx.when_or_none(&d)).transpose()?,
                resolved_at: resolved_at.map(|d| ctx.when(&d).map(Some)).transpose()?,
                resolution,
                lessons,
                prevention,
            };
            if editor {
                let current = store::issues::get(ctx.store.conn(), id)?;
                let notes = super::editing::Notes {
                    unchanged: tr("The description is unchanged: nothing written."),
                    emptied: tr("The editor left the description empty: nothing written."),
                };
                let stem = format!("issue-{id}");
                match super::editing::text_from_editor(ctx, &current.description, &stem, notes)? {
                    Some(text) => patch.description = Some(text),
                    // Nothing else asked for: nothing to write.
                    None if patch == IssuePatch::default() => {
                        return if ctx.out.json {
                            ctx.out.json(&current)
                        } else {
                            Ok(())
                        };
                    }
                    None => {}
                }
            }
            let policy = ctx.policy()?;
            let (issue, _) = issues::edit(&mut ctx.store, ctx.now, &policy, id, patch)?;
            if ctx.out.json {
                ctx.out.json(&issue)
            } else {
                ctx.out.line(&trf("issue {id} updated", &[("id", &id)]))
            }
        }
        IssueCmd::Restore { id } => {
            let id = parse_id("issue", &id)?;
            super::history::restore(ctx, crate::workflow::Record::Issue(id))
        }
        IssueCmd::Wait {
            id,
            waiting_for,
            until,
        } => super::clients::wait(ctx, &id, &waiting_for, until.as_deref()),
        IssueCmd::Resume { id } => super::clients::resume(ctx, &id),
        IssueCmd::Archive { id } => {
            let id = parse_id("issue", &id)?;
            workflow::undo::archive(&mut ctx.store, ctx.now, Record::Issue(id))?;
            if ctx.out.json {
                ctx.out.json(&store::issues::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&trf("issue {id} archived", &[("id", &id)]))
            }
        }
        IssueCmd::Note { id, text, at } => {
            let id = parse_id("issue", &id)?;
            let at = at.map(|a| ctx.when(&a)).transpose()?.unwrap_or(ctx.now);
            let note = workflow::notes::add(&mut ctx.store, ctx.now, id, &text, at)?;
            if ctx.out.json {
                let notes = workflow::notes::of_issue(ctx.store.conn(), id)?;
                ctx.out.json(&notes.into_iter().find(|n| n.id == note))
            } else {
                ctx.out.line(&note.to_string())
            }
        }
        IssueCmd::Option(OptionCmd::Add {
            id,
            text,
            time,
            effect,
        }) => {
            let id = parse_id("issue", &id)?;
            let n = issues::add_option(&mut ctx.store, ctx.now, id, &text, &time, &effect)?;
            if ctx.out.json {
                ctx.out.json(&store::issues::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&n.to_string())
            }
        }
        IssueCmd::Option(OptionCmd::Edit {
            id,
            number,
            text,
            time,
            effect,
        }) => {
            let id = parse_id("issue", &id)?;
            let n = parse_option_number(&number)?;
            if text.is_none() && time.is_none() && effect.is_none() {
                return Err(Error::invalid_because(
                    "edit",
                    "",
                    tr("at least one of --text, --time, --effect"),
                ));
            }
            issues::edit_option(
                &mut ctx.store,
                ctx.now,
                id,
                n,
                issues::OptionPatch {
                    text: text.as_deref(),
                    time_needed: time.as_deref(),
                    effect: effect.as_deref(),
                },
            )?;
            if ctx.out.json {
                ctx.out.json(&store::issues::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&trf(
                    "issue {id}: option {n} changed",
                    &[("id", &id), ("n", &n)],
                ))
            }
        }
        IssueCmd::Option(OptionCmd::Choose { id, number }) => {
            let id = parse_id("issue", &id)?;
            let n = parse_option_number(&number)?;
            issues::choose_option(&mut ctx.store, ctx.now, id, n)?;
            if ctx.out.json {
                ctx.out.json(&store::issues::get(ctx.store.conn(), id)?)
            } else {
                ctx.out.line(&trf(
                    "issue {id}: option {n} chosen",
                    &[("id", &id), ("n", &n)],
                ))
            }
        }
    }
}

fn next_update_cell(ctx: &Ctx, i: &Issue) -> String {
    match i.next_update_due {
        Some(t) if i.follow_up_overdue(ctx.now) => {
            trf("LATE by {age}", &[("age", &age(ctx.now, t))])
        }
        Some(t) => show_time(ctx, t),
        None => "-".into(),
    }
}

fn print_done(ctx: &mut Ctx, record: Record) -> Result<()> {
    let Record::Issue(id) = record else {
        return Err(Error::Conflict(trf(
            "unexpected {record}",
            &[("record", &record)],
        )));
    };
    if ctx.out.json {
        let issue = store::issues::get(ctx.store.conn(), id)?;
        ctx.out.json(&issue)
    } else {
        ctx.out.line(&id.to_string())
    }
}

fn print_issue(ctx: &mut Ctx, i: &Issue) -> Result<()> {
    let wait = store::waits::open_wait(ctx.store.conn(), i.id)?;
    let notes = workflow::notes::of_issue(ctx.store.conn(), i.id)?;
    if ctx.out.json {
        let mut v =
            serde_json::to_value(i).map_err(|e| Error::io(tr("cannot write JSON"), e.into()))?;
        v["notes"] = serde_json::to_value(&notes)
            .map_err(|e| Error::io(tr("cannot write JSON"), e.into()))?;
        if let Some(w) = wait {
            // Waiting on the client shows as the status; the issue's own stage stays readable.
            v["work_status"] = v["status"].take();
            v["status"] = workflow::waiting::WAITING_STATUS.into();
            v["waiting"] = serde_json::to_value(&w)
                .map_err(|e| Error::io(tr("cannot write JSON"), e.into()))?;
        }
        return ctx.out.json(&v);
    }
    let rows = vec![
        (
            "issue",
            format!(
                "{} {}",
                i.id,
                if i.archived { tr("(archived)") } else { "" }
            ),
        ),
        ("title", i.title.clone()),
        ("project", i.project.clone()),
        ("severity", crate::i18n::value(i.severity.as_str())),
        (
            "status",
            match &wait {
                Some(w) => trf(
                    "{waiting} ({status}) for {what} since {since}",
                    &[
                        ("waiting", &workflow::waiting::WAITING_STATUS),
                        ("status", &crate::i18n::value(i.status.as_str())),
                        ("what", &w.waiting_for),
                        ("since", &show_time(ctx, w.since)),
                    ],
                ),
                None => crate::i18n::value(i.status.as_str()),
            },
        ),
        ("detected", show_time(ctx, i.detected_at)),
        ("owner", i.owner.clone()),
        (
            "our fault",
            if i.our_fault {
                tr("yes, acknowledged").into()
            } else {
                tr("no").into()
            },
        ),
        ("client told", show_time_opt(ctx, i.client_notified_at)),
        ("next update", show_time_opt(ctx, i.next_update_due)),
        (
            "resolved",
            i.resolved_at.map(|t| show_time(ctx, t)).unwrap_or_default(),
        ),
        ("description", i.description.clone()),
        ("cause", i.cause.clone()),
        ("impact", i.impact.clone()),
        ("resolution", i.resolution.clone()),
        ("lessons", i.lessons.clone()),
        ("prevention", i.prevention.clone()),
    ];
    fields(ctx, &rows)?;
    if !i.options.is_empty() {
        ctx.out.line(tr("options"))?;
        for o in &i.options {
            let mut line = format!("  {}. {}", o.number, o.text);
            if !o.time_needed.is_empty() {
                line.push_str(&trf(" [time: {time}]", &[("time", &o.time_needed)]));
            }
            if !o.expected_effect.is_empty() {
                line.push_str(&trf(
                    " [effect: {effect}]",
                    &[("effect", &o.expected_effect)],
                ));
            }
            if o.chosen {
                line.push_str(tr("  <- chosen by the client"));
            }
            ctx.out.line(&line)?;
        }
    }
    if !notes.is_empty() {
        ctx.out.line(tr("notes for the client"))?;
        for n in &notes {
            ctx.out.line(&format!(
                "  {}  {}",
                show_time(ctx, n.at),
                crate::model::text::one_line(&n.text)
            ))?;
        }
    }
    Ok(())
}
