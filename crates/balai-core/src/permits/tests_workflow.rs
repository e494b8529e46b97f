use chrono::NaiveDate;

use crate::calendar::{DayKind, WorkCalendar};
use crate::catalog::{CompletionTime, TimeUnit};
use crate::identity::Role;

use super::*;

fn facts(inspection: bool, levy: bool, outcome: Option<Outcome>) -> Facts {
    Facts {
        inspection_required: inspection,
        levy_due: levy,
        outcome,
    }
}

fn offered(def: &WorkflowDef, state: &str, f: Facts) -> Vec<String> {
    def.actions_from(state, &f)
        .map(|a| a.code.clone())
        .collect()
}

#[test]
fn default_definitions_are_valid() {
    licence_workflow().validate().unwrap();
    non_licence_workflow().validate().unwrap();
}

#[test]
fn verification_forwards_or_returns_with_reasons__batang_9() {
    let def = licence_workflow();
    let offered = offered(&def, "verification", Facts::default());
    assert!(offered.contains(&"forward".to_owned()));
    assert!(offered.contains(&"return".to_owned()));
    let ret = def.action("return").unwrap();
    assert!(ret.reason_required);
    assert_eq!(ret.to, "returned");
    assert_eq!(ret.performer, Performer::Staff(Role::Petugas));
}

#[test]
fn inspection_only_where_the_service_needs_one__batang_10_1() {
    let def = licence_workflow();
    let with = offered(&def, "technical_review", facts(true, false, None));
    assert_eq!(with, ["schedule_inspection", "withdraw", "cancel"]);
    let without = offered(&def, "technical_review", facts(false, false, None));
    assert_eq!(without, ["recommend", "withdraw", "cancel"]);
    assert!(
        def.action("schedule_inspection")
            .unwrap()
            .effects
            .contains(&Effect::InspectionNotice)
    );
    assert!(
        def.action("record_inspection")
            .unwrap()
            .effects
            .contains(&Effect::InspectionReport)
    );
}

#[test]
fn the_official_decides_with_reasons__batang_11_1() {
    let def = licence_workflow();
    for code in ["approve", "reject"] {
        let a = def.action(code).unwrap();
        assert_eq!(a.performer, Performer::Staff(Role::Pejabat));
        assert!(a.reason_required);
    }
    assert_eq!(
        def.action("approve").unwrap().decides,
        Some(Outcome::Approved)
    );
}

#[test]
fn signing_leads_to_payment_only_where_a_levy_is_due__batang_13_3() {
    let def = licence_workflow();
    let approved_levy = offered(&def, "signing", facts(false, true, Some(Outcome::Approved)));
    assert_eq!(approved_levy, ["sign_pay"]);
    assert_eq!(def.action("sign_pay").unwrap().to, "payment");
    let approved_free = offered(
        &def,
        "signing",
        facts(false, false, Some(Outcome::Approved)),
    );
    assert_eq!(approved_free, ["sign"]);
    let rejected = offered(&def, "signing", facts(false, true, Some(Outcome::Rejected)));
    assert_eq!(rejected, ["sign_rejection"]);
    for code in ["sign", "sign_pay", "sign_rejection"] {
        let effects = &def.action(code).unwrap().effects;
        assert!(
            effects.contains(&Effect::SignDocument) && effects.contains(&Effect::DecisionNotice)
        );
    }
}

#[test]
fn a_second_decision_is_refused_as_a_conflict() {
    let def = licence_workflow();
    let f = facts(false, false, Some(Outcome::Approved));
    let err = def
        .check("signing", "reject", Performer::Staff(Role::Pejabat), &f)
        .unwrap_err();
    assert!(matches!(err, crate::CoreError::Conflict(_)));
}

#[test]
fn an_action_by_the_wrong_role_is_forbidden_and_unknown_actions_not_found() {
    let def = licence_workflow();
    let f = Facts::default();
    let err = def
        .check(
            "verification",
            "forward",
            Performer::Staff(Role::TimTeknis),
            &f,
        )
        .unwrap_err();
    assert!(matches!(err, crate::CoreError::Forbidden(_)));
    let err = def
        .check("verification", "nope", Performer::Applicant, &f)
        .unwrap_err();
    assert!(matches!(err, crate::CoreError::NotFound(_)));
    def.check("verification", "withdraw", Performer::Applicant, &f)
        .unwrap();
}

#[test]
fn non_licence_skips_the_technical_team() {
    let def = non_licence_workflow();
    assert!(def.state("technical_review").is_none());
    assert_eq!(def.action("forward").unwrap().to, "decision");
    assert!(
        def.actions
            .iter()
            .all(|a| a.from.iter().all(|s| def.state(s).is_some()))
    );
}

#[test]
fn an_unreachable_state_is_refused_with_its_name() {
    let mut def = licence_workflow();
    def.actions.retain(|a| a.code != "return");
    let errs = def.validate().unwrap_err();
    assert_eq!(errs.get("states.returned"), Some("permits-err-unreachable"));
}

#[test]
fn a_state_with_no_way_out_is_refused() {
    let mut def = licence_workflow();
    def.actions.retain(|a| a.code != "pay");
    let errs = def.validate().unwrap_err();
    assert_eq!(errs.get("states.payment"), Some("permits-err-no-way-out"));
}

#[test]
fn a_way_out_that_needs_the_other_option_does_not_count() {
    // Without "recommend", technical review only moves on when an inspection is needed:
    // for services without one it is a dead end.
    let mut def = licence_workflow();
    def.actions
        .retain(|a| a.code != "recommend" && a.code != "withdraw" && a.code != "cancel");
    let errs = def.validate().unwrap_err();
    assert_eq!(
        errs.get("states.technical_review"),
        Some("permits-err-no-way-out")
    );
}

#[test]
fn shape_problems_are_named() {
    let mut def = licence_workflow();
    def.initial = "nowhere".to_owned();
    def.states[0].code = "Bad Code".to_owned();
    def.actions[0].to = "missing".to_owned();
    def.actions[1].from = vec!["collected".to_owned()];
    def.states.push(def.states[2].clone());
    let errs = def.validate().unwrap_err();
    assert_eq!(errs.get("initial"), Some("permits-err-unknown-state"));
    assert_eq!(errs.get("states.Bad Code"), Some("permits-err-code"));
    assert_eq!(
        errs.get("actions.forward"),
        Some("permits-err-unknown-state")
    );
    assert_eq!(errs.get("actions.return"), Some("permits-err-leaves-end"));
    assert_eq!(
        errs.get("states.technical_review"),
        Some("permits-err-duplicate")
    );
}

#[test]
fn definitions_without_states_or_end_are_refused() {
    let mut def = licence_workflow();
    def.states.iter_mut().for_each(|s| s.terminal = false);
    assert_eq!(
        def.validate().unwrap_err().get("states"),
        Some("permits-err-no-end")
    );
    def.states.clear();
    def.actions.clear();
    assert_eq!(
        def.validate().unwrap_err().get("states"),
        Some("permits-err-no-states")
    );
}

#[test]
fn definitions_survive_json() {
    let def = licence_workflow();
    let json = serde_json::to_string(&def).unwrap();
    let back: WorkflowDef = serde_json::from_str(&json).unwrap();
    assert_eq!(back, def);
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn state_sla_is_a_share_of_the_completion_time_in_working_days() {
    let cal = WorkCalendar::default_2026();
    let ten = CompletionTime {
        value: 10,
        unit: TimeUnit::WorkingDays,
    };
    // 30 % of 10 working days = 3 working days from Monday 2 March 2026: Thursday 5 March.
    let due = state_due(StateSla::Share { percent: 30 }, ten, &cal, d(2026, 3, 2)).unwrap();
    assert_eq!(due.date, d(2026, 3, 5));
    // 10 % of 5 working days rounds up to one day.
    let five = CompletionTime {
        value: 5,
        unit: TimeUnit::WorkingDays,
    };
    let due = state_due(StateSla::Share { percent: 10 }, five, &cal, d(2026, 3, 6)).unwrap();
    assert_eq!(due.date, d(2026, 3, 9));
    assert!(state_due(StateSla::None, five, &cal, d(2026, 3, 6)).is_none());
}

#[test]
fn state_sla_skips_holidays__skb_2026() {
    let cal = WorkCalendar::default_2026();
    let two = CompletionTime {
        value: 2,
        unit: TimeUnit::WorkingDays,
    };
    // From Monday 16 March: Tuesday 17 is the first working day; cuti bersama (18, 20, 23,
    // 24 March), Nyepi (19) and Idul Fitri (21-22) close the office; Wednesday 25 is the second.
    let due = state_due(StateSla::Share { percent: 100 }, two, &cal, d(2026, 3, 16)).unwrap();
    assert_eq!(due.date, d(2026, 3, 25));
    assert!(due.is_complete());
}

#[test]
fn hour_services_are_due_the_same_working_day() {
    let cal = WorkCalendar::default_2026();
    let hours = CompletionTime {
        value: 2,
        unit: TimeUnit::Hours,
    };
    let due = state_due(StateSla::Share { percent: 50 }, hours, &cal, d(2026, 3, 7)).unwrap();
    assert_eq!(due.date, d(2026, 3, 9));
    let fixed = StateSla::Days {
        days: 30,
        kind: DayKind::Calendar,
    };
    assert_eq!(
        state_due(fixed, hours, &cal, d(2026, 3, 1)).unwrap().date,
        d(2026, 3, 31)
    );
}

#[test]
fn sla_state_on_time_due_soon_overdue() {
    let cal = WorkCalendar::default_2026();
    let due = d(2026, 3, 12);
    assert_eq!(SlaState::at(&cal, due, d(2026, 3, 9)), SlaState::OnTime);
    assert_eq!(SlaState::at(&cal, due, d(2026, 3, 11)), SlaState::DueSoon);
    assert_eq!(SlaState::at(&cal, due, due), SlaState::DueSoon);
    assert_eq!(SlaState::at(&cal, due, d(2026, 3, 13)), SlaState::Overdue);
}
