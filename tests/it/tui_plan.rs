//! The Plan pane (6) on the demo data with a plan seeded through the library: milestones at
//! every stage, risks with prepared responses, reviews with a dip; drawn at 80x24 and 120x40,
//! and its forms saved against a real (in-memory) store.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rapport::model::{
    Cadence, ExpectationCategory, ExpectationStatus, Impact, Likelihood, MilestonePatch,
    MilestoneStatus, NewAction, NewExpectation, NewMeeting, NewMilestone, NewPlanEntry, NewReview,
    NewRisk, PlanKind, RiskPatch, RiskStatus,
};
use rapport::store::{self, Listing, MilestoneQuery, Store, Window};
use rapport::tui::action::Action;
use rapport::tui::app::{App, Mode, Pane, PlanSection, Shown};
use rapport::tui::forms::{
    EntryField, FieldId, MeetingField, MilestoneField, MinutesField, RiskField,
};
use rapport::tui::key::{Code, Key};
use rapport::workflow::meetings::Minutes;
use rapport::workflow::{self, Policy, Record};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::tui_render::{act, app, demo_store, render};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 9, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn project_id(store: &Store, name: &str) -> i64 {
    store::projects::list_projects(store.conn(), true)
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .map(|p| p.id)
        .expect("a demo project")
}

/// The demo with a plan: what a PM has after a few weeks of using the Plan pane.
fn seeded() -> Store {
    let mut store = demo_store();
    let s = &mut store;
    let portal = project_id(s, "Northwind Portal");
    let bank = project_id(s, "华东银行 移动端");
    let t = now() - Duration::days(20);
    let milestone = |s: &mut Store, project, name: &str, due, weight| {
        workflow::milestones::add(
            s,
            t,
            NewMilestone {
                project_id: project,
                name: name.into(),
                due_on: due,
                weight,
            },
        )
        .unwrap()
    };
    let design = milestone(s, portal, "Design sign-off", day(2026, 10, 30), 1);
    let beta = milestone(
        s,
        portal,
        "Beta release to pilot users",
        day(2026, 11, 27),
        3,
    );
    let migrate = milestone(s, portal, "Data migration", day(2026, 12, 4), 2);
    milestone(s, portal, "Go-live", day(2027, 1, 15), 2);
    milestone(s, bank, "转账模块验收", day(2026, 12, 10), 1);
    let edit = |s: &mut Store, id, patch| {
        workflow::milestones::edit(s, t + Duration::days(5), id, patch).unwrap();
    };
    edit(
        s,
        design,
        MilestonePatch {
            status: Some(MilestoneStatus::Done),
            ..Default::default()
        },
    );
    edit(
        s,
        beta,
        MilestonePatch {
            progress: Some(40),
            ..Default::default()
        },
    );
    edit(
        s,
        migrate,
        MilestonePatch {
            due_on: Some(day(2026, 12, 11)),
            reason: Some("the client's export arrives a week late".into()),
            ..Default::default()
        },
    );
    let risk = |s: &mut Store, project, text: &str, l, i, owner: &str, trigger: &str, review| {
        workflow::risks::add(
            s,
            t,
            NewRisk {
                project_id: project,
                text: text.into(),
                likelihood: l,
                impact: i,
                owner: owner.into(),
                trigger: trigger.into(),
                review_at: review,
            },
        )
        .unwrap()
    };
    let vendor = risk(
        s,
        portal,
        "Vendor API deprecation breaks the order sync",
        Likelihood::High,
        Impact::High,
        "Priya",
        "deprecation notice in the vendor changelog",
        Some(now() - Duration::hours(3)),
    );
    workflow::risks::add_plan(
        s,
        t,
        vendor,
        "Switch to the v3 endpoints behind a flag",
        "3 days",
        "no visible change for users",
    )
    .unwrap();
    workflow::risks::add_plan(
        s,
        t,
        vendor,
        "Nightly CSV fallback",
        "1 day",
        "orders a day late",
    )
    .unwrap();
    risk(
        s,
        portal,
        "Key developer on leave over the holidays",
        Likelihood::Medium,
        Impact::Medium,
        "Jon",
        "",
        Some(now() + Duration::days(7)),
    );
    let closed = risk(
        s,
        bank,
        "短信验证码通道不稳定",
        Likelihood::Low,
        Impact::High,
        "",
        "",
        None,
    );
    workflow::risks::edit(
        s,
        t,
        closed,
        RiskPatch {
            status: Some(RiskStatus::Closed),
            ..Default::default()
        },
    )
    .unwrap();
    let policy = Policy::standard();
    let client = store::projects::get_project(s.conn(), portal)
        .unwrap()
        .client_id;
    let sarah = store::projects::contact_by_key(s.conn(), client, "Sarah Chen")
        .unwrap()
        .id;
    for (days, score, comment) in [
        (30, 4, "Good pace, clear weekly updates."),
        (10, 2, "The outage hurt; we heard about it late."),
        (2, 3, "Better since the daily calls."),
    ] {
        workflow::reviews::add(
            s,
            now() - Duration::days(days),
            &policy,
            NewReview {
                project_id: portal,
                score,
                contact_id: Some(sarah),
                at: now() - Duration::days(days),
                milestone_id: (score == 4).then_some(design),
                comment: comment.into(),
            },
        )
        .unwrap();
    }
    store
}

fn plan_app(store: &mut Store, w: u16, h: u16) -> App {
    let mut a = app(store, w, h);
    act(store, &mut a, Action::GoPane(5));
    assert_eq!(a.pane, Pane::Plan);
    a
}

/// Moves down the section on screen until `found` holds.
fn select(store: &mut Store, a: &mut App, found: impl Fn(&App) -> bool) {
    for _ in 0..200 {
        if found(a) {
            return;
        }
        act(store, a, Action::Down);
    }
    panic!("not in the section: {:?}", a.plan.section);
}

fn snapshot_sections(w: u16, h: u16) {
    let mut store = seeded();
    let mut a = plan_app(&mut store, w, h);
    for section in PlanSection::ALL {
        assert_eq!(a.plan.section, section);
        insta::assert_snapshot!(
            format!(
                "plan_{}_{w}x{h}",
                section.title().to_lowercase().replace(' ', "_")
            ),
            render(&a).backend()
        );
        act(&mut store, &mut a, Action::NextSection);
    }
}

#[test]
fn plan_sections_at_80x24() {
    snapshot_sections(80, 24);
}

#[test]
fn plan_sections_at_120x40() {
    snapshot_sections(120, 40);
}

fn screen(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_risk_detail_shows_exposure_and_responses_and_the_milestone_its_dates() {
    let mut store = seeded();
    let mut a = plan_app(&mut store, 80, 24);
    select(&mut store, &mut a, |a| {
        a.plan
            .milestones
            .selected_row()
            .is_some_and(|m| m.name == "Data migration")
    });
    act(&mut store, &mut a, Action::Open);
    let Mode::Detail(d) = &a.mode else {
        panic!("{:?}", a.mode)
    };
    let Some(Shown::Milestone(m)) = d.data.as_ref().map(|d| &d.shown) else {
        panic!("{d:?}")
    };
    assert_eq!(m.name, "Data migration");
    insta::assert_snapshot!("plan_milestone_detail_80x24", render(&a).backend());
    act(&mut store, &mut a, Action::Back);
    act(&mut store, &mut a, Action::NextSection);
    select(&mut store, &mut a, |a| {
        a.plan
            .risks
            .selected_row()
            .is_some_and(|r| r.text.starts_with("Vendor API deprecation breaks"))
    });
    let Some(Record::Risk(risk)) = a.selected_record() else {
        panic!("{:?}", a.selected_record())
    };
    act(&mut store, &mut a, Action::Open);
    let t = render(&a);
    insta::assert_snapshot!("plan_risk_detail_80x24", t.backend());
    let text = screen(&t);
    for part in [
        "9/9 (likelihood × impact)",
        "1. Switch to the v3 endpoints behind a flag — time: 3 days",
        "p prepare a response",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    // o asks first, with the severity from the risk's impact.
    act(&mut store, &mut a, Action::Occurred);
    let t = render(&a);
    insta::assert_snapshot!("plan_risk_occurred_confirm_80x24", t.backend());
    assert!(screen(&t).contains("Opens a high issue"), "{}", screen(&t));
    act(&mut store, &mut a, Action::Input(Key::ch('n')));
    assert!(
        store::risks::get(store.conn(), risk)
            .unwrap()
            .issue_id
            .is_none(),
        "n opens nothing"
    );
}

fn form_field(a: &mut App, id: impl Into<FieldId>, value: &str) {
    let Mode::Form(f) = &mut a.mode else {
        panic!("no form: {:?}", a.mode)
    };
    let at = f.position(id).expect("the field");
    f.fields[at].value = value.into();
}

fn save(store: &mut Store, a: &mut App) {
    act(store, a, Action::Input(Key::ctrl('s')));
}

#[test]
fn the_milestone_form_adds_and_a_new_date_needs_its_reason() {
    let mut store = seeded();
    let mut a = plan_app(&mut store, 80, 24);
    act(&mut store, &mut a, Action::Add);
    insta::assert_snapshot!("plan_milestone_form_80x24", render(&a).backend());
    form_field(
        &mut a,
        MilestoneField::Name,
        "Training for the support team",
    );
    form_field(&mut a, MilestoneField::Due, "2026-12-20");
    form_field(&mut a, MilestoneField::Weight, "2");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let Some(Record::Milestone(id)) = a.selected_record() else {
        panic!("the new milestone is selected: {:?}", a.selected_record())
    };
    let m = store::milestones::get(store.conn(), id).unwrap();
    assert_eq!(
        (m.name.as_str(), m.due_on, m.weight),
        ("Training for the support team", day(2026, 12, 20), 2)
    );
    // A schedule expectation of the project, to see the date move reach it.
    workflow::expectations::add(
        &mut store,
        now(),
        NewExpectation {
            project_id: m.project_id,
            category: ExpectationCategory::Schedule,
            statement: "Support is trained before go-live".into(),
            measure: String::new(),
            status: ExpectationStatus::Agreed,
            agreed_on: None,
            agreed_with: String::new(),
            due_on: None,
        },
    )
    .unwrap();
    act(&mut store, &mut a, Action::Edit);
    form_field(&mut a, MilestoneField::Due, "2027-01-08");
    save(&mut store, &mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("a new date without a reason is refused: {:?}", a.mode)
    };
    let reason = f.position(MilestoneField::Reason).unwrap();
    let err = f.fields[reason].error.clone().unwrap_or_default();
    assert!(err.contains("why the date moved"), "{err}");
    assert_eq!(f.focus, reason, "the refusal lands under the reason");
    insta::assert_snapshot!("plan_milestone_edit_refused_80x24", render(&a).backend());
    form_field(
        &mut a,
        MilestoneField::Reason,
        "trainers booked for January",
    );
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let m = store::milestones::get(store.conn(), id).unwrap();
    assert_eq!(m.due_on, day(2027, 1, 8));
    assert_eq!(m.status, MilestoneStatus::Slipped);
    assert_eq!(
        m.revisions.last().map(|r| r.reason.as_str()),
        Some("trainers booked for January")
    );
    let at_risk = store::ExpectationQuery {
        project_id: Some(m.project_id),
        category: Some(ExpectationCategory::Schedule),
        ..Default::default()
    }
    .list(store.conn(), Window::new(0, 10))
    .unwrap();
    assert!(
        at_risk
            .iter()
            .all(|e| e.status == ExpectationStatus::AtRisk),
        "{at_risk:?}"
    );
    // The list is read a window at a time, in due order.
    let listed = MilestoneQuery::default()
        .list(store.conn(), Window::new(0, 100))
        .unwrap();
    let dues: Vec<NaiveDate> = listed.iter().map(|m| m.due_on).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
}

#[test]
fn the_risk_form_adds_a_response_is_prepared_and_occurred_opens_the_issue() {
    let mut store = seeded();
    let mut a = plan_app(&mut store, 80, 24);
    act(&mut store, &mut a, Action::NextSection);
    act(&mut store, &mut a, Action::Add);
    insta::assert_snapshot!("plan_risk_form_80x24", render(&a).backend());
    form_field(
        &mut a,
        RiskField::Text,
        "Pilot users reject the new checkout",
    );
    form_field(&mut a, RiskField::Likelihood, "low");
    form_field(&mut a, RiskField::Impact, "high");
    form_field(&mut a, RiskField::Owner, "Mia");
    form_field(&mut a, RiskField::Review, "2026-11-25 10:00");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let Some(Record::Risk(id)) = a.selected_record() else {
        panic!("the new risk is selected: {:?}", a.selected_record())
    };
    let r = store::risks::get(store.conn(), id).unwrap();
    assert_eq!(
        (r.likelihood, r.impact, r.exposure, r.owner.as_str()),
        (Likelihood::Low, Impact::High, 3, "Mia")
    );
    // p: a prepared response, from the risk's detail.
    act(&mut store, &mut a, Action::Open);
    act(&mut store, &mut a, Action::AddResponse);
    for c in "Keep the old checkout one click away".chars() {
        act(&mut store, &mut a, Action::Input(Key::ch(c)));
    }
    act(&mut store, &mut a, Action::Input(Key::plain(Code::Tab)));
    for c in "2 days".chars() {
        act(&mut store, &mut a, Action::Input(Key::ch(c)));
    }
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let r = store::risks::get(store.conn(), id).unwrap();
    assert_eq!(r.plans.len(), 1);
    assert_eq!(r.plans[0].time_needed, "2 days");
    // o: it happened; y opens the issue with the response as its option.
    act(&mut store, &mut a, Action::Open);
    act(&mut store, &mut a, Action::Occurred);
    assert!(matches!(a.mode, Mode::Confirm(_)), "{:?}", a.mode);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    let Mode::Detail(d) = &a.mode else {
        panic!("the issue's detail opens: {:?}", a.mode)
    };
    let Record::Issue(issue) = d.record else {
        panic!("{:?}", d.record)
    };
    let Some(Shown::Issue(i, updates, _)) = d.data.as_ref().map(|d| &d.shown) else {
        panic!("{d:?}")
    };
    assert_eq!(i.options.len(), 1);
    assert_eq!(i.options[0].text, "Keep the old checkout one click away");
    assert!(!updates.is_empty(), "the notice is queued at once");
    let r = store::risks::get(store.conn(), id).unwrap();
    assert_eq!((r.status, r.issue_id), (RiskStatus::Occurred, Some(issue)));
    // u takes it back (the file's history).
    act(&mut store, &mut a, Action::Back);
    act(&mut store, &mut a, Action::Undo);
    let r = store::risks::get(store.conn(), id).unwrap();
    assert_eq!(r.status, RiskStatus::Open, "{:?}", a.status);
}

#[test]
fn a_risk_review_on_today_opens_the_risk_in_the_plan_pane() {
    let mut store = seeded();
    let mut a = app(&mut store, 100, 30);
    let at = a
        .today
        .items()
        .iter()
        .position(|i| matches!(i.record, Record::Risk(_)))
        .expect("the vendor risk's review is due");
    let Record::Risk(id) = a.today.items()[at].record else {
        unreachable!()
    };
    a.today.selected = at;
    act(&mut store, &mut a, Action::Open);
    assert_eq!((a.pane, a.plan.section), (Pane::Plan, PlanSection::Risks));
    assert_eq!(a.selected_record(), Some(Record::Risk(id)));
    // Archive, then undo.
    act(&mut store, &mut a, Action::Archive);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(store::risks::get(store.conn(), id).unwrap().archived);
    act(&mut store, &mut a, Action::Undo);
    assert!(!store::risks::get(store.conn(), id).unwrap().archived);
}

/// Hundreds of each plan record: paging every section down and up shows exactly the list a
/// single query returns (the risk order mixes directions: open first, exposure highest).
#[test]
fn paging_through_each_section_shows_exactly_the_full_list() {
    let mut store = seeded();
    let portal = project_id(&store, "Northwind Portal");
    let bank = project_id(&store, "华东银行 移动端");
    let policy = Policy::standard();
    let levels = [Likelihood::Low, Likelihood::Medium, Likelihood::High];
    let impacts = [Impact::Low, Impact::Medium, Impact::High];
    for n in 0..150i64 {
        let k = usize::try_from(n).unwrap();
        workflow::milestones::add(
            &mut store,
            now(),
            NewMilestone {
                project_id: portal,
                name: format!("Step {n}"),
                due_on: day(2027, 1, 1) + Duration::days(n % 40),
                weight: 1,
            },
        )
        .unwrap();
        let id = workflow::risks::add(
            &mut store,
            now(),
            NewRisk {
                project_id: portal,
                text: format!("Risk {n}"),
                likelihood: levels[k % 3],
                impact: impacts[(k / 3) % 3],
                owner: String::new(),
                trigger: String::new(),
                review_at: None,
            },
        )
        .unwrap();
        if n % 4 == 0 {
            workflow::risks::edit(
                &mut store,
                now(),
                id,
                RiskPatch {
                    status: Some(RiskStatus::Closed),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        workflow::reviews::add(
            &mut store,
            now(),
            &policy,
            NewReview {
                project_id: portal,
                score: 3 + n % 3,
                contact_id: None,
                at: now() - Duration::hours(n % 50),
                milestone_id: None,
                comment: String::new(),
            },
        )
        .unwrap();
    }
    for n in 0..40i64 {
        let at = now() - Duration::hours(n * 7 % 100 + 1);
        let meeting = workflow::meetings::add(
            &mut store,
            now(),
            NewMeeting {
                project_id: portal,
                at,
                title: format!("Meeting {n}"),
                agenda: String::new(),
                team: String::new(),
                attendees: vec![],
            },
        )
        .unwrap();
        let actions = (0..4)
            .map(|k| NewAction {
                text: format!("Action {n}.{k}"),
                owner: "Ana".into(),
                due_on: day(2026, 11, 10) + Duration::days((n + k) % 20),
            })
            .collect();
        let recorded = workflow::meetings::record_minutes(
            &mut store,
            now(),
            meeting,
            Minutes {
                actions,
                ..Default::default()
            },
        )
        .unwrap();
        if n % 3 == 0 {
            workflow::meetings::action_done(&mut store, now(), recorded.actions[0]).unwrap();
        }
        workflow::plans::add(
            &mut store,
            now(),
            &policy,
            NewPlanEntry {
                project_id: if n % 2 == 0 { portal } else { bank },
                kind: [PlanKind::Meeting, PlanKind::Review, PlanKind::Status][(n % 3) as usize],
                what: format!("Entry {n}"),
                every: Cadence::Monthly,
                audience: vec![],
                owner: String::new(),
                channel: None,
            },
        )
        .unwrap();
    }
    let c = store.conn();
    let all = |q: &dyn Fn() -> Vec<i64>| q();
    let full = [
        all(&|| {
            MilestoneQuery::default()
                .list(c, Window::ALL)
                .unwrap()
                .iter()
                .map(|m| m.id)
                .collect()
        }),
        all(&|| {
            store::risks::list(c, None, true, 10_000)
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect()
        }),
        all(&|| {
            // The pane lists the plan by project id and kind (its index's order).
            let mut entries = store::plans::list(c, None, false).unwrap();
            entries.sort_by_key(|e| (e.project_id, e.kind.as_str(), e.id));
            entries.iter().map(|e| e.id).collect()
        }),
        all(&|| {
            store::meetings::list(c, None, 10_000)
                .unwrap()
                .iter()
                .map(|m| m.id)
                .collect()
        }),
        all(&|| {
            store::meetings::actions(c, None, false, 10_000)
                .unwrap()
                .iter()
                .map(|a| a.id)
                .collect()
        }),
        all(&|| {
            store::reviews::list(c, None, 10_000)
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect()
        }),
    ];
    let mut a = plan_app(&mut store, 120, 30);
    for (section, full) in PlanSection::ALL.into_iter().zip(full) {
        assert_eq!(a.plan.section, section);
        assert!(full.len() > 40, "{section:?} has volume");
        crate::scale::check_paging(&mut store, &mut a, Pane::Plan, &full);
        act(&mut store, &mut a, Action::NextSection);
    }
}

#[test]
fn the_help_of_the_plan_pane_lists_its_keys() {
    let mut store = seeded();
    let mut a = plan_app(&mut store, 80, 24);
    act(&mut store, &mut a, Action::Help);
    let t = render(&a);
    insta::assert_snapshot!("plan_help_80x24", t.backend());
    let text = screen(&t);
    for part in [
        "next section",
        "prepare a response",
        "the risk happened",
        "1-7",
        "record the meeting's minutes",
        "mark the meeting action done",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
}

#[test]
fn a_plan_entry_is_added_from_its_form_archived_and_brought_back() {
    let mut store = seeded();
    let mut a = plan_app(&mut store, 100, 30);
    // The communication plan: a monthly steering review owned by Ana, to Sarah.
    act(&mut store, &mut a, Action::NextSection);
    act(&mut store, &mut a, Action::NextSection);
    assert_eq!(a.plan.section, PlanSection::CommPlan);
    act(&mut store, &mut a, Action::Add);
    form_field(&mut a, EntryField::Kind, "meeting");
    form_field(&mut a, EntryField::What, "Steering review");
    form_field(&mut a, EntryField::Every, "monthly");
    form_field(&mut a, EntryField::Audience, "Nobody Known");
    save(&mut store, &mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("an unknown contact is refused: {:?}", a.mode)
    };
    let to = f.position(EntryField::Audience).unwrap();
    assert!(f.fields[to].error.is_some() || f.error.is_some(), "{f:?}");
    form_field(&mut a, EntryField::Audience, "Sarah Chen");
    form_field(&mut a, EntryField::Owner, "Ana Ruiz");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let Some(Record::PlanEntry(entry)) = a.selected_record() else {
        panic!("the new entry is selected: {:?}", a.selected_record())
    };
    let e = store::plans::get(store.conn(), entry).unwrap();
    assert_eq!(
        (
            e.kind,
            e.what.as_str(),
            e.audience.clone(),
            e.owner.as_str()
        ),
        (
            PlanKind::Meeting,
            "Steering review",
            vec!["Sarah Chen".to_string()],
            "Ana Ruiz"
        )
    );
    // e: every two weeks from now on.
    act(&mut store, &mut a, Action::Edit);
    form_field(&mut a, EntryField::Every, "biweekly");
    save(&mut store, &mut a);
    assert_eq!(
        store::plans::get(store.conn(), entry).unwrap().every,
        Cadence::Biweekly,
        "{:?}",
        a.status
    );
    // x archives it (through the plan's rules); u brings it back.
    act(&mut store, &mut a, Action::Archive);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(store::plans::get(store.conn(), entry).unwrap().archived);
    act(&mut store, &mut a, Action::Undo);
    assert!(!store::plans::get(store.conn(), entry).unwrap().archived);
}

#[test]
fn a_meeting_to_hold_on_today_opens_its_plan_entry() {
    let mut store = seeded();
    let mut a = app(&mut store, 100, 30);
    let at = a
        .today
        .items()
        .iter()
        .position(|i| matches!(i.record, Record::PlanEntry(_)))
        .expect("the demo's progress meeting is due");
    let record = a.today.items()[at].record;
    a.today.selected = at;
    act(&mut store, &mut a, Action::Open);
    assert_eq!(
        (a.pane, a.plan.section),
        (Pane::Plan, PlanSection::CommPlan)
    );
    assert_eq!(a.selected_record(), Some(record));
}

#[test]
fn a_meeting_is_planned_from_its_form_minuted_with_m_and_d_finishes_its_action() {
    let mut store = seeded();
    let mut a = plan_app(&mut store, 80, 24);
    for _ in 0..3 {
        act(&mut store, &mut a, Action::NextSection);
    }
    assert_eq!(a.plan.section, PlanSection::Meetings);
    act(&mut store, &mut a, Action::Add);
    form_field(&mut a, MeetingField::At, "2026-11-16 10:00");
    form_field(&mut a, MeetingField::Title, "Release 4.3 planning");
    form_field(&mut a, MeetingField::Attendees, "Sarah Chen");
    form_field(&mut a, MeetingField::Agenda, "Scope of 4.3");
    insta::assert_snapshot!("plan_meeting_form_80x24", render(&a).backend());
    // A contact that is not the client's is refused, the form stays open.
    form_field(&mut a, MeetingField::Attendees, "Nobody Known");
    save(&mut store, &mut a);
    let Mode::Form(f) = &a.mode else {
        panic!("an unknown attendee is refused: {:?}", a.mode)
    };
    assert!(
        f.error.is_some() || f.fields.iter().any(|f| f.error.is_some()),
        "{f:?}"
    );
    form_field(&mut a, MeetingField::Attendees, "Sarah Chen");
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let Some(Record::Meeting(meeting)) = a.selected_record() else {
        panic!("the new meeting is selected: {:?}", a.selected_record())
    };
    let m = store::meetings::get(store.conn(), meeting).unwrap();
    assert_eq!(
        (m.title.as_str(), m.agenda.as_str(), m.attendees.len()),
        ("Release 4.3 planning", "Scope of 4.3", 1)
    );
    // e: a new title.
    act(&mut store, &mut a, Action::Edit);
    form_field(&mut a, MeetingField::Title, "Release 4.3 scope");
    save(&mut store, &mut a);
    assert_eq!(
        store::meetings::get(store.conn(), meeting).unwrap().title,
        "Release 4.3 scope",
        "{:?}",
        a.status
    );
    // m: the minutes, a decision and an action; a bad action line is refused first.
    act(&mut store, &mut a, Action::Minutes);
    form_field(&mut a, MinutesField::Notes, "Scope agreed.");
    form_field(&mut a, MinutesField::Decisions, "Ship 4.3 without SSO");
    form_field(&mut a, MinutesField::Actions, "Send the 4.3 scope;Ana Ruiz");
    save(&mut store, &mut a);
    assert!(
        matches!(a.mode, Mode::Form(_)),
        "an action without WHEN is refused: {:?}",
        a.mode
    );
    assert!(
        store::meetings::actions_of(store.conn(), meeting)
            .unwrap()
            .is_empty()
    );
    form_field(
        &mut a,
        MinutesField::Actions,
        "Send the 4.3 scope;Ana Ruiz;2026-11-18",
    );
    save(&mut store, &mut a);
    assert_eq!(a.mode, Mode::Normal, "{:?}", a.status);
    let m = store::meetings::get(store.conn(), meeting).unwrap();
    assert!(m.held(), "the minutes are recorded");
    assert_eq!(m.notes, "Scope agreed.");
    let decisions = store::meetings::decisions(store.conn(), meeting).unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].1, "Ship 4.3 without SSO");
    let actions = store::meetings::actions_of(store.conn(), meeting).unwrap();
    assert_eq!(actions.len(), 1);
    let action = actions[0].id;
    // d in the Actions section: done, in the store.
    act(&mut store, &mut a, Action::NextSection);
    assert_eq!(a.plan.section, PlanSection::Actions);
    select(&mut store, &mut a, |a| {
        a.selected_record() == Some(Record::Action(action))
    });
    act(&mut store, &mut a, Action::ActionDone);
    assert!(
        store::meetings::get_action(store.conn(), action)
            .unwrap()
            .done_at
            .is_some(),
        "{:?}",
        a.status
    );
    // x archives a meeting; u brings it back.
    act(&mut store, &mut a, Action::PrevSection);
    select(&mut store, &mut a, |a| {
        a.selected_record() == Some(Record::Meeting(meeting))
    });
    act(&mut store, &mut a, Action::Archive);
    act(&mut store, &mut a, Action::Input(Key::ch('y')));
    assert!(
        store::meetings::get(store.conn(), meeting)
            .unwrap()
            .archived
    );
    act(&mut store, &mut a, Action::Undo);
    assert!(
        !store::meetings::get(store.conn(), meeting)
            .unwrap()
            .archived
    );
}

#[test]
fn a_meeting_still_ahead_has_no_minutes_form() {
    let mut store = seeded();
    let mut a = plan_app(&mut store, 80, 24);
    for _ in 0..3 {
        act(&mut store, &mut a, Action::NextSection);
    }
    select(&mut store, &mut a, |a| {
        a.plan.meetings.selected_row().is_some_and(|m| m.at > a.now)
    });
    act(&mut store, &mut a, Action::Minutes);
    assert_eq!(a.mode, Mode::Normal);
    let status = a
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("still ahead"), "{status}");
}

#[test]
fn todays_meeting_and_action_lines_open_their_records_in_the_plan_pane() {
    let mut store = seeded();
    // An action due today, so Today has one whatever the demo holds.
    let portal = project_id(&store, "Northwind Portal");
    let meeting = workflow::meetings::add(
        &mut store,
        now(),
        NewMeeting {
            project_id: portal,
            at: now() - Duration::hours(2),
            title: "Weekly sync".into(),
            agenda: String::new(),
            team: String::new(),
            attendees: vec![],
        },
    )
    .unwrap();
    workflow::meetings::record_minutes(
        &mut store,
        now(),
        meeting,
        Minutes {
            actions: vec![NewAction {
                text: "Send the notes".into(),
                owner: "Ana".into(),
                due_on: now().date_naive(),
            }],
            ..Default::default()
        },
    )
    .unwrap();
    let mut a = app(&mut store, 80, 24);
    for (kind, section) in [
        ("meeting", PlanSection::Meetings),
        ("action", PlanSection::Actions),
    ] {
        act(&mut store, &mut a, Action::GoPane(0));
        let at = a
            .today
            .items()
            .iter()
            .position(|i| i.record.kind() == kind)
            .unwrap_or_else(|| panic!("Today has a {kind} line"));
        let record = a.today.items()[at].record;
        a.today.selected = at;
        act(&mut store, &mut a, Action::Open);
        assert_eq!((a.pane, a.plan.section), (Pane::Plan, section), "{kind}");
        assert_eq!(a.selected_record(), Some(record), "{kind}");
        // Enter on it: its detail.
        act(&mut store, &mut a, Action::Open);
        let Mode::Detail(d) = &a.mode else {
            panic!("{kind}: {:?}", a.mode)
        };
        assert_eq!(d.record, record);
        let shown = d.data.as_ref().map(|x| &x.shown);
        assert!(
            matches!(
                (kind, shown),
                ("meeting", Some(Shown::Meeting(..))) | ("action", Some(Shown::Action(_)))
            ),
            "{kind}: {shown:?}"
        );
        insta::assert_snapshot!(format!("plan_{kind}_detail_80x24"), render(&a).backend());
        act(&mut store, &mut a, Action::Back);
    }
}
