//! The Plan pane driven by actions alone: its key, its sections, its forms and the
//! "risk happened?" question.

use super::*;
use crate::tui::app::{Confirm, OnYes, PlanSection};
use crate::tui::effects::Outcome;
use crate::tui::load::Rows;
use crate::tui::pane::{ListPane, ListView};

fn milestone(id: i64) -> Milestone {
    Milestone {
        id,
        project_id: 2,
        project: "Bank".into(),
        name: format!("Milestone {id}"),
        due_on: now().date_naive(),
        weight: 1,
        progress: 40,
        status: MilestoneStatus::InProgress,
        done_at: None,
        revisions: vec![],
        archived: false,
        created_at: now(),
        updated_at: now(),
    }
}

fn risk(id: i64) -> Risk {
    Risk {
        id,
        project_id: 1,
        project: "Portal".into(),
        text: format!("Risk {id}"),
        likelihood: Likelihood::Medium,
        impact: Impact::High,
        exposure: 6,
        owner: String::new(),
        trigger: String::new(),
        review_at: None,
        status: RiskStatus::Open,
        issue_id: None,
        plans: vec![],
        archived: false,
        created_at: now(),
        updated_at: now(),
    }
}

fn on_plan() -> App {
    let mut a = app();
    a.pane = Pane::Plan;
    a.plan.milestones = ListPane {
        view: ListView {
            total: 1,
            ..Default::default()
        },
        rows: vec![milestone(7)],
        ..Default::default()
    };
    a.plan.risks = ListPane {
        view: ListView {
            total: 1,
            ..Default::default()
        },
        rows: vec![risk(3)],
        ..Default::default()
    };
    a
}

#[test]
fn key_6_shows_the_plan_pane_and_reads_its_section() {
    let mut a = app();
    let fx = keys(&mut a, "6");
    assert_eq!(a.pane, Pane::Plan);
    assert_eq!(fx, vec![Effect::Load(Pane::Plan)]);
    assert_eq!(a.plan.section, PlanSection::Milestones);
}

#[test]
fn brackets_step_through_the_sections_and_a_carries_the_sections_form() {
    let mut a = on_plan();
    assert_eq!(a.selected_record(), Some(Record::Milestone(7)));
    assert_eq!(keys(&mut a, "]"), vec![Effect::Load(Pane::Plan)]);
    assert_eq!(a.plan.section, PlanSection::Risks);
    assert_eq!(a.selected_record(), Some(Record::Risk(3)));
    keys(&mut a, "a");
    let Mode::Form(f) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Risk(None));
    assert_eq!(
        f.value(crate::tui::forms::RiskField::Project),
        "Portal",
        "the selected risk's project"
    );
    update(
        &mut a,
        Action::Input(Key::plain(crate::tui::key::Code::Esc)),
    );
    // ] walks every section in order and wraps round; [ goes back.
    let mut seen = vec![PlanSection::Risks];
    while a.plan.section != PlanSection::Milestones {
        keys(&mut a, "]");
        seen.push(a.plan.section);
    }
    assert_eq!(
        seen[1..],
        PlanSection::ALL[2..]
            .iter()
            .chain(&PlanSection::ALL[..1])
            .copied()
            .collect::<Vec<_>>()[..]
    );
    keys(&mut a, "[");
    assert_eq!(a.plan.section, PlanSection::Clients, "the last section");
}

#[test]
fn a_saved_milestone_lands_selected_in_its_list() {
    let mut a = on_plan();
    keys(&mut a, "a");
    let Mode::Form(f) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Milestone(None));
    let next = apply(
        &mut a,
        Outcome::Saved(Done {
            record: Record::Milestone(8),
            undo: vec![],
        }),
    );
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(
        next,
        vec![Effect::LoadAll, Effect::Jump(Record::Milestone(8))]
    );
    // The jump's rows: the Plan pane's milestones with the new one selected.
    a.pane = Pane::Today;
    a.plan.section = PlanSection::Reviews;
    apply(
        &mut a,
        Outcome::Jumped(Rows::Milestones(ListPane {
            view: ListView {
                total: 2,
                selected: 1,
                ..Default::default()
            },
            rows: vec![milestone(7), milestone(8)],
            ..Default::default()
        })),
    );
    assert_eq!(
        (a.pane, a.plan.section),
        (Pane::Plan, PlanSection::Milestones)
    );
    assert_eq!(a.selected_record(), Some(Record::Milestone(8)));
}

#[test]
fn e_edits_the_milestone_with_a_reason_field_and_p_prepares_a_response() {
    let mut a = on_plan();
    keys(&mut a, "e");
    let Mode::Form(f) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::Milestone(Some(7)));
    assert_eq!(f.value(crate::tui::forms::MilestoneField::Progress), "40");
    assert!(
        f.position(crate::tui::forms::MilestoneField::Reason)
            .is_some()
    );
    a.mode = Mode::Normal;
    keys(&mut a, "p");
    assert!(
        matches!(a.status, Some(ref s) if s.text.contains("select a risk")),
        "p on a milestone says what it is for: {:?}",
        a.status
    );
    keys(&mut a, "]p");
    let Mode::Form(f) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(f.kind, FormKind::RiskResponse(3));
}

#[test]
fn a_risk_that_happened_is_asked_with_a_severity_that_arrows_change() {
    let mut a = on_plan();
    keys(&mut a, "]o");
    let Mode::Confirm(Confirm { on_yes, question }) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(
        *on_yes,
        OnYes::Occurred {
            risk: 3,
            severity: Severity::High,
            plans: 0
        },
        "the severity starts from the risk's impact"
    );
    assert!(question.contains("Opens a high issue"), "{question}");
    update(
        &mut a,
        Action::Input(Key::plain(crate::tui::key::Code::Left)),
    );
    let Mode::Confirm(Confirm { question, .. }) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert!(question.contains("Opens a critical issue"), "{question}");
    let fx = update(&mut a, Action::Input(Key::ch('y')));
    assert_eq!(
        fx,
        vec![Effect::Occurred {
            risk: 3,
            severity: Severity::Critical
        }]
    );
    // Done: the issue's detail opens.
    let next = apply(&mut a, Outcome::Occurred { risk: 3, issue: 40 });
    assert!(matches!(&a.mode, Mode::Detail(d) if d.record == Record::Issue(40)));
    assert_eq!(
        next,
        vec![Effect::LoadAll, Effect::LoadDetail(Record::Issue(40))]
    );
    // n says no.
    a.mode = Mode::Normal;
    keys(&mut a, "o");
    update(&mut a, Action::Input(Key::ch('n')));
    assert_eq!(a.mode, Mode::Normal);
}
