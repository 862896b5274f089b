//! What the Plan pane's keys do: switch sections, open the form of the section under the
//! cursor, prepare a response to a risk, and ask before a risk is declared to have happened.

use super::super::app::{App, Confirm, DetailData, Mode, OnYes, PlanSection, Shown};
use super::super::effects::Effect;
use super::super::forms::Form;
use super::super::key::Code;
use super::super::pane::Pane;
use super::Action;
use crate::i18n::trf;
use crate::model::{Severity, severity_of, text};
use crate::workflow::Record;

/// `]`/`[`: the next or previous section, read afresh.
pub(super) fn step_section(app: &mut App, forward: bool) -> Vec<Effect> {
    if app.pane != Pane::Plan {
        app.info(crate::i18n::tr(
            "] and [ switch sections in Plan (6) and projects in Insights (7)",
        ));
        return vec![];
    }
    app.plan.section = app.plan.section.step(forward);
    app.status = None;
    vec![Effect::Load(Pane::Plan)]
}

/// The add form of the section on screen (actions come from a meeting's minutes).
pub(super) fn add_form(app: &mut App, project: Option<i64>) -> Option<Form> {
    Some(match app.plan.section {
        PlanSection::Milestones => Form::milestone(&app.projects, project, None),
        PlanSection::Risks => Form::risk(&app.projects, project, None, app.zone),
        PlanSection::CommPlan => Form::plan_entry(&app.projects, project, None),
        PlanSection::Meetings => Form::meeting(&app.projects, project, None, app.zone),
        PlanSection::Actions => {
            app.info(crate::i18n::tr(
                "actions come from a meeting's minutes: m on a meeting records them",
            ));
            return None;
        }
        PlanSection::Reviews => Form::review(&app.projects, project),
        PlanSection::People => {
            let client = app
                .plan
                .people
                .selected_row()
                .map(|c| c.contact.client.clone())
                .or_else(|| app.projects.first().map(|p| p.client.clone()));
            Form::contact(client.as_deref(), None)
        }
        PlanSection::Clients => Form::new_client(),
    })
}

/// `x` on a client: archive it, or restore an archived one, asking first either way. A
/// client whose projects still run is refused by the library, which names them.
pub(super) fn ask_archive_client(app: &mut App) -> Vec<Effect> {
    let Some(c) = app.plan.clients.selected_row() else {
        return vec![];
    };
    let record = Record::Client(c.id);
    let (on_yes, question) = if c.archived {
        (
            OnYes::Restore(record),
            trf(
                "Restore client {name}? It is listed again and can take projects. (y/n)",
                &[("name", &c.name)],
            ),
        )
    } else {
        (
            OnYes::Archive(record),
            trf(
                "Archive client {name}? It leaves the lists but stays in the file; its projects must be closed first. (y/n)",
                &[("name", &c.name)],
            ),
        )
    };
    app.mode = Mode::Confirm(Confirm { on_yes, question });
    vec![]
}

/// The edit form of the row under the cursor.
pub(super) fn edit_form(app: &mut App) -> Option<Form> {
    match app.plan.section {
        PlanSection::Milestones => app
            .plan
            .milestones
            .selected_row()
            .map(|m| Form::milestone(&app.projects, None, Some(m))),
        PlanSection::Risks => app
            .plan
            .risks
            .selected_row()
            .map(|r| Form::risk(&app.projects, None, Some(r), app.zone)),
        PlanSection::CommPlan => app
            .plan
            .entries
            .selected_row()
            .map(|e| Form::plan_entry(&app.projects, None, Some(e))),
        PlanSection::Meetings => app
            .plan
            .meetings
            .selected_row()
            .map(|m| Form::meeting(&app.projects, None, Some(m), app.zone)),
        PlanSection::Actions => {
            app.info(crate::i18n::tr(
                "an action is kept as agreed in the meeting: d marks it done",
            ));
            None
        }
        PlanSection::Reviews => {
            app.info(crate::i18n::tr(
                "a review records what the client said: archive it (x) and add a new one (a)",
            ));
            None
        }
        PlanSection::People => app
            .plan
            .people
            .selected_row()
            .map(|c| Form::contact(None, Some(&c.contact))),
        PlanSection::Clients => app.plan.clients.selected_row().map(Form::client),
    }
}

/// `d` on a meeting action: done, it leaves Today.
pub(super) fn action_done(app: &mut App, record: Option<Record>) -> Vec<Effect> {
    match record {
        Some(Record::Action(id)) => vec![Effect::ActionDone(id)],
        _ => {
            app.info(crate::i18n::tr(
                "select a meeting action (Plan pane, ] to Actions) to mark it done",
            ));
            vec![]
        }
    }
}

/// `m` on a meeting: the minutes form (notes as they are, decisions and actions to add).
pub(super) fn minutes_form(
    app: &mut App,
    record: Option<Record>,
    data: Option<&DetailData>,
) -> Vec<Effect> {
    let Some(Record::Meeting(id)) = record else {
        app.info(crate::i18n::tr(
            "select a meeting (Plan pane, ] to Meetings) to record its minutes",
        ));
        return vec![];
    };
    let meeting = match data {
        Some(DetailData {
            shown: Shown::Meeting(m, ..),
            ..
        }) if m.id == id => Some(m.as_ref()),
        _ => app.plan.meetings.rows.iter().find(|m| m.id == id),
    };
    match meeting {
        Some(m) if m.at > app.now => app.info(crate::i18n::trf(
            "meeting {id} is still ahead: record its minutes after it (e moves it)",
            &[("id", &id)],
        )),
        Some(m) => app.mode = Mode::Form(Box::new(Form::minutes(m))),
        None => app.info(crate::i18n::tr(
            "that meeting is no longer in the list: Ctrl-R refreshes",
        )),
    }
    vec![]
}

/// What the form and the question need of a risk: its text, impact and prepared responses,
/// from the detail on screen or the row under the cursor.
fn risk_facts(app: &App, id: i64, data: Option<&DetailData>) -> Option<(String, Severity, usize)> {
    if let Some(DetailData {
        shown: Shown::Risk(r),
        ..
    }) = data
        && r.id == id
    {
        return Some((r.text.clone(), severity_of(r.impact), r.plans.len()));
    }
    app.plan
        .risks
        .selected_row()
        .filter(|r| r.id == id)
        .map(|r| (r.text.clone(), severity_of(r.impact), r.plans.len()))
}

/// `p` on a risk: the form of a response prepared in advance.
pub(super) fn add_response(
    app: &mut App,
    record: Option<Record>,
    data: Option<&DetailData>,
) -> Vec<Effect> {
    match record {
        Some(Record::Risk(id)) => match risk_facts(app, id, data) {
            Some((text, ..)) => app.mode = Mode::Form(Box::new(Form::risk_response(id, &text))),
            None => app.info(crate::i18n::tr(
                "that risk is no longer in the list: Ctrl-R refreshes",
            )),
        },
        _ => app.info(crate::i18n::tr(
            "select a risk (Plan pane, ] to Risks) to prepare a response",
        )),
    }
    vec![]
}

/// `o` on a risk: ask before opening its issue, with the severity to give it.
pub(super) fn ask_occurred(
    app: &mut App,
    record: Option<Record>,
    data: Option<&DetailData>,
) -> Vec<Effect> {
    let Some(Record::Risk(id)) = record else {
        app.info(crate::i18n::tr(
            "select a risk (Plan pane, ] to Risks) to say it happened",
        ));
        return vec![];
    };
    match risk_facts(app, id, data) {
        Some((text, severity, plans)) => {
            let on_yes = OnYes::Occurred {
                risk: id,
                severity,
                plans,
            };
            app.mode = Mode::Confirm(Confirm {
                question: occurred_question(&text, &on_yes),
                on_yes,
            });
        }
        None => app.info(crate::i18n::tr(
            "that risk is no longer in the list: Ctrl-R refreshes",
        )),
    }
    vec![]
}

fn occurred_question(text: &str, on_yes: &OnYes) -> String {
    let OnYes::Occurred {
        risk,
        severity,
        plans,
    } = on_yes
    else {
        return String::new();
    };
    crate::i18n::trnf(
        *plans as i64,
        "Risk {risk} happened ({text})? Opens a {severity} issue with its {n} prepared response as options and queues the notice to the client. ←/→ severity · y yes · n no",
        "Risk {risk} happened ({text})? Opens a {severity} issue with its {n} prepared responses as options and queues the notice to the client. ←/→ severity · y yes · n no",
        &[
            ("risk", risk),
            ("text", &text::fit(text, 30)),
            ("severity", &crate::tui::words::word(severity.as_str())),
        ],
    )
}

/// A key in the "risk happened?" question other than yes: ←/→ change the severity, any
/// other key says no.
pub(super) fn occurred_key(app: &mut App, on_yes: OnYes, action: Action) -> Vec<Effect> {
    let OnYes::Occurred {
        risk,
        severity,
        plans,
    } = on_yes
    else {
        return vec![];
    };
    let step = match action {
        Action::Input(k) if k.code == Code::Right => 1,
        Action::Input(k) if k.code == Code::Left => Severity::ALL.len() - 1,
        _ => {
            app.info(crate::i18n::trf(
                "risk {risk}: nothing opened",
                &[("risk", &risk)],
            ));
            return vec![];
        }
    };
    let at = Severity::ALL
        .iter()
        .position(|s| *s == severity)
        .unwrap_or(0);
    let on_yes = OnYes::Occurred {
        risk,
        severity: Severity::ALL[(at + step) % Severity::ALL.len()],
        plans,
    };
    let text = app
        .plan
        .risks
        .rows
        .iter()
        .find(|r| r.id == risk)
        .map(|r| r.text.clone())
        .unwrap_or_default();
    app.mode = Mode::Confirm(Confirm {
        question: occurred_question(&text, &on_yes),
        on_yes,
    });
    vec![]
}
