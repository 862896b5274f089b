//! Agreeing expectations explicitly and changing them only openly, with a recorded reason.

use chrono::{DateTime, Utc};

use super::{Done, Record, UndoStep};
use crate::error::{Error, Result};
use crate::i18n::tr;
use crate::model::{
    self, Expectation, ExpectationPatch, ExpectationStatus, NewExpectation, Revision,
};
use crate::store::{self, Store};

pub fn add(store: &mut Store, now: DateTime<Utc>, mut new: NewExpectation) -> Result<Done> {
    new.statement = model::required_line("statement", &new.statement)?;
    new.measure = model::free_text("measure", &new.measure)?;
    new.agreed_with = model::optional_line("agreed with", &new.agreed_with)?;
    store.write(|tx| {
        store::projects::get_project(tx, new.project_id)?;
        let id = store::expectations::insert_expectation(tx, &new, now, "recorded")?;
        Ok(Done {
            record: Record::Expectation(id),
            undo: vec![UndoStep::SetArchived(Record::Expectation(id), Some(now))],
        })
    })
}

/// Settles an expectation at closing: met or missed, with the reason (kept in its history
/// like any other change).
pub fn settle(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    outcome: &str,
    reason: &str,
) -> Result<(Expectation, Done)> {
    let status = match outcome.trim().to_ascii_lowercase().as_str() {
        "met" => ExpectationStatus::Met,
        "missed" => ExpectationStatus::Missed,
        _ => return Err(Error::invalid("outcome", outcome, "met, missed".into())),
    };
    edit(
        store,
        now,
        id,
        ExpectationPatch {
            status: Some(status),
            ..Default::default()
        },
        reason,
    )
}

/// Changes an expectation. The reason is required and kept with the before/after values.
pub fn edit(
    store: &mut Store,
    now: DateTime<Utc>,
    id: i64,
    patch: ExpectationPatch,
    reason: &str,
) -> Result<(Expectation, Done)> {
    if patch.is_empty() {
        return Err(Error::invalid_because(
            "edit",
            "",
            tr("at least one field to change"),
        ));
    }
    let reason = model::required_line("reason", reason)?;
    store.write(|tx| {
        let before = store::expectations::get(tx, id)?;
        let mut after = before.clone();
        let mut other = Vec::new();
        if let Some(s) = &patch.statement {
            after.statement = model::required_line("statement", s)?;
        }
        if let Some(s) = patch.status {
            after.status = s;
        }
        if let Some(c) = patch.category {
            if c != before.category {
                other.push(format!("category {} → {c}", before.category));
            }
            after.category = c;
        }
        if let Some(m) = &patch.measure {
            let m = model::free_text("measure", m)?;
            if m != before.measure {
                other.push(format!("measure '{}' → '{m}'", before.measure));
            }
            after.measure = m;
        }
        if let Some(w) = &patch.agreed_with {
            after.agreed_with = model::optional_line("agreed with", w)?;
        }
        let show = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.to_string()).unwrap_or_else(|| "none".into())
        };
        if let Some(d) = patch.agreed_on {
            if d != before.agreed_on {
                other.push(format!(
                    "agreed_on {} → {}",
                    show(before.agreed_on),
                    show(d)
                ));
            }
            after.agreed_on = d;
        }
        if let Some(d) = patch.due_on {
            if d != before.due_on {
                other.push(format!("due_on {} → {}", show(before.due_on), show(d)));
            }
            after.due_on = d;
        }
        if let Some(issue_id) = patch.link_issue {
            let issue = store::issues::get(tx, issue_id)?;
            if issue.project_id != before.project_id {
                return Err(Error::invalid_because(
                    "issue",
                    &issue_id.to_string(),
                    format!("an issue of project '{}'", before.project),
                ));
            }
            store::expectations::link_issue(tx, id, issue_id)?;
            other.push(format!("linked issue {issue_id}"));
        }
        after.updated_at = now;
        store::expectations::save(tx, &after)?;
        store::expectations::add_revision(
            tx,
            id,
            &Revision {
                at: now,
                status_from: Some(before.status),
                status_to: after.status,
                statement_from: Some(before.statement.clone()),
                statement_to: after.statement.clone(),
                other_changes: other.join("; "),
                reason,
            },
        )?;
        Ok((
            store::expectations::get(tx, id)?,
            Done {
                record: Record::Expectation(id),
                undo: vec![UndoStep::SaveExpectation(Box::new(before))],
            },
        ))
    })
}
