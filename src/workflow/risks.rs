//! The risk register: risks listed before they happen, the responses prepared for them, and
//! what happens when one occurs (an issue whose options are those responses, told early).

use chrono::{DateTime, Utc};

use super::{Policy, Record, issues};
use crate::error::{Error, Result};
use crate::i18n::{tr, trf};
use crate::model::{self, IssueStatus, NewIssue, NewRisk, Risk, RiskPatch, RiskStatus, Severity};
use crate::store::{self, Store};

fn clean_new(mut new: NewRisk) -> Result<NewRisk> {
    new.text = model::required_line("risk", &new.text)?;
    new.owner = model::optional_line("owner", &new.owner)?;
    new.trigger = model::optional_line("trigger", &new.trigger)?;
    Ok(new)
}

/// Adds a risk to the register; returns its id.
pub fn add(store: &mut Store, now: DateTime<Utc>, new: NewRisk) -> Result<i64> {
    let new = clean_new(new)?;
    store.write(|tx| {
        store::projects::get_project(tx, new.project_id)?;
        store::risks::insert(tx, &new, now)
    })
}

/// Adds a prepared response to a risk; returns its id.
pub fn add_plan(
    store: &mut Store,
    now: DateTime<Utc>,
    risk_id: i64,
    text: &str,
    time_needed: &str,
    effect: &str,
) -> Result<i64> {
    let text = model::required_line("plan", text)?;
    let time_needed = model::optional_line("time", time_needed)?;
    let effect = model::optional_line("effect", effect)?;
    store.write(|tx| {
        let mut r = store::risks::get(tx, risk_id)?;
        let id = store::risks::add_plan(tx, risk_id, &text, &time_needed, &effect, now)?;
        r.updated_at = now;
        store::risks::save(tx, &r)?;
        Ok(id)
    })
}

/// Changes a risk. Marking it occurred here records the status only; `occurred` opens the
/// issue and tells the client.
pub fn edit(store: &mut Store, now: DateTime<Utc>, id: i64, mut patch: RiskPatch) -> Result<Risk> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one field to change (see rapport risk edit --help)"),
        ));
    }
    if let Some(t) = &patch.text {
        patch.text = Some(model::required_line("risk", t)?);
    }
    if let Some(o) = &patch.owner {
        patch.owner = Some(model::optional_line("owner", o)?);
    }
    if let Some(t) = &patch.trigger {
        patch.trigger = Some(model::optional_line("trigger", t)?);
    }
    store.write(|tx| {
        let mut r = store::risks::get(tx, id)?;
        patch.apply(&mut r, now);
        store::risks::save(tx, &r)?;
        store::risks::get(tx, id)
    })
}

/// The risk happened: one transaction opens an issue linked to it whose solution options are
/// the prepared responses (time and effect included), marks the risk occurred, and the notice
/// rule queues the first notice to the client at once. Returns the new issue's id.
pub fn occurred(
    store: &mut Store,
    now: DateTime<Utc>,
    policy: &Policy,
    id: i64,
    severity: Option<Severity>,
) -> Result<i64> {
    store.write(|tx| {
        let mut r = store::risks::get(tx, id)?;
        if r.archived {
            return Err(Error::Conflict(trf(
                "risk {id} is archived",
                &[("id", &id)],
            )));
        }
        if let Some(issue) = r.issue_id {
            return Err(Error::Conflict(trf(
                "risk {id} has occurred already (issue {issue})",
                &[("id", &id), ("issue", &issue)],
            )));
        }
        let options: Vec<issues::NewOption> = r
            .plans
            .iter()
            .map(|p| {
                (
                    p.text.clone(),
                    p.time_needed.clone(),
                    p.expected_effect.clone(),
                )
            })
            .collect();
        let done = issues::add_in(
            tx,
            now,
            policy,
            NewIssue {
                project_id: r.project_id,
                title: r.text.clone(),
                description: String::new(),
                severity: severity.unwrap_or(model::severity_of(r.impact)),
                status: if options.is_empty() {
                    IssueStatus::New
                } else {
                    IssueStatus::SolutionProposed
                },
                detected_at: now,
                owner: r.owner.clone(),
                our_fault: false,
                cause: String::new(),
                impact: String::new(),
            },
            &options,
        )?;
        let Record::Issue(issue_id) = done.record else {
            return Err(Error::Conflict("the new issue was not recorded".into()));
        };
        r.status = RiskStatus::Occurred;
        r.issue_id = Some(issue_id);
        r.updated_at = now;
        store::risks::save(tx, &r)?;
        Ok(issue_id)
    })
}
