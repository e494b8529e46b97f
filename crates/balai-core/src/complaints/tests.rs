//! Workflow, deadline, routing and lodging rules, each test citing its article.

use chrono::NaiveDate;
use uuid::Uuid;

use super::deadlines::{lapses, stage_rule_code, urgency};
use super::lodging::{ComplaintTexts, check_texts};
use super::routing::OrgFacts;
use super::workflow::{Taker, actions_for, check_reopen};
use super::*;
use crate::calendar::{DayKind, WorkCalendar, default_deadline_rules};
use crate::error::{CoreError, FieldErrors};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn due(stage: Stage, start: NaiveDate) -> StageDeadline {
    stage_deadline(
        stage,
        start,
        &default_deadline_rules(),
        &WorkCalendar::default_2026(),
    )
    .unwrap()
}

#[test]
fn completeness_answer_due_14_days_after_receipt__luwu_43_3() {
    let dl = due(Stage::Received, d(2026, 3, 2));
    assert_eq!(dl.citation, "Luwu Pasal 43(3)");
    assert_eq!((dl.days, dl.kind), (14, DayKind::Calendar));
    assert_eq!(dl.due.date, d(2026, 3, 16));
}

#[test]
fn completion_due_30_days_after_answer_then_deemed_withdrawn__luwu_43_4_5() {
    let dl = due(Stage::AwaitingCompletion, d(2026, 4, 1));
    assert_eq!(dl.citation, "Luwu Pasal 43(4)-(5)");
    assert_eq!(dl.due.date, d(2026, 5, 1));
    assert!(!lapses(
        Stage::AwaitingCompletion,
        dl.due.date,
        d(2026, 5, 1)
    ));
    assert!(lapses(
        Stage::AwaitingCompletion,
        dl.due.date,
        d(2026, 5, 2)
    ));
    let tr = transition(Stage::AwaitingCompletion, Action::DeemWithdrawn).unwrap();
    assert_eq!((tr.to, tr.taker), (Stage::Withdrawn, Taker::System));
}

#[test]
fn only_the_completion_stage_lapses_by_itself__luwu_43_5() {
    for stage in Stage::ALL {
        if *stage != Stage::AwaitingCompletion {
            assert!(!lapses(*stage, d(2026, 1, 1), d(2026, 12, 31)), "{stage}");
        }
    }
}

#[test]
fn decision_due_60_days_after_completeness_and_routing_keeps_the_clock__luwu_48_1() {
    let dl = due(Stage::Examination, d(2026, 1, 10));
    assert!(dl.citation.contains("Luwu Pasal 48(1)"));
    assert_eq!(dl.due.date, d(2026, 3, 11));
    assert_eq!(
        stage_rule_code(Stage::Complete),
        stage_rule_code(Stage::Examination)
    );
    assert!(
        !transition(Stage::Complete, Action::Route)
            .unwrap()
            .restarts_clock
    );
}

#[test]
fn decision_delivered_within_14_days__luwu_48_2() {
    let dl = due(Stage::Decided, d(2026, 12, 25));
    assert!(dl.citation.contains("Luwu Pasal 48(2)"));
    assert_eq!(dl.due.date, d(2027, 1, 8));
}

#[test]
fn working_day_rule_counts_over_holidays_when_a_region_configures_it__national_rules_2() {
    let mut rules = default_deadline_rules();
    for r in &mut rules {
        if r.code == "complaint_completeness_answer" {
            r.kind = DayKind::Working;
        }
    }
    let dl = stage_deadline(
        Stage::Received,
        d(2026, 3, 16),
        &rules,
        &WorkCalendar::default_2026(),
    )
    .unwrap();
    // 18–24 March hold Nyepi, Idul Fitri and cuti bersama, 3 April Good Friday: 14 working
    // days end on 13 April.
    assert_eq!(dl.kind, DayKind::Working);
    assert_eq!(dl.due.date, d(2026, 4, 13));
}

#[test]
fn final_stages_have_no_deadline() {
    for stage in [
        Stage::Closed,
        Stage::Withdrawn,
        Stage::Forwarded,
        Stage::Archived,
    ] {
        assert!(stage.is_final());
        assert_eq!(stage_rule_code(stage), None);
        assert_eq!(stage.open311_status(), "closed");
    }
    assert_eq!(Stage::Examination.open311_status(), "open");
}

#[test]
fn urgency_puts_overdue_before_due_soon() {
    let due = d(2026, 3, 16);
    assert_eq!(urgency(due, d(2026, 3, 17)), Urgency::Overdue);
    assert_eq!(urgency(due, d(2026, 3, 16)), Urgency::DueSoon);
    assert_eq!(urgency(due, d(2026, 3, 13)), Urgency::DueSoon);
    assert_eq!(urgency(due, d(2026, 3, 12)), Urgency::OnTrack);
    assert!(Urgency::Overdue < Urgency::DueSoon && Urgency::DueSoon < Urgency::OnTrack);
}

#[test]
fn lodging_window_is_30_days_from_the_service__seluma_51_2() {
    let rules = default_deadline_rules();
    let rule = rules
        .iter()
        .find(|r| r.code == "complaint_lodge_window")
        .unwrap();
    let cal = WorkCalendar::default_2026();
    let served = d(2026, 3, 1);
    assert_eq!(
        check_lodging_window(served, d(2026, 3, 31), rule, &cal),
        Ok(LodgingCheck::InTime)
    );
    match check_lodging_window(served, d(2026, 4, 1), rule, &cal) {
        Ok(LodgingCheck::Late { last_day, citation }) => {
            assert_eq!(last_day, d(2026, 3, 31));
            assert!(citation.contains("Seluma Pasal 51(2)"));
        }
        other => panic!("expected late, got {other:?}"),
    }
    let err = check_lodging_window(d(2026, 4, 2), d(2026, 4, 1), rule, &cal).unwrap_err();
    assert_eq!(
        err.get("service_date"),
        Some("complaint-err-service-date-future")
    );
}

#[test]
fn complaint_texts_required_identity_unless_anonymous__seluma_51_3_and_51_5() {
    let long = "x".repeat(5001);
    let t = ComplaintTexts {
        subject: "  ",
        description: &long,
        loss: "",
        resolution: "Refund",
        name: "",
        address: "",
        place: "",
    };
    let mut errs = FieldErrors::new();
    check_texts(&t, false, &mut errs);
    assert_eq!(errs.get("subject"), Some("err-required"));
    assert_eq!(errs.get("description"), Some("err-too-long"));
    assert_eq!(errs.get("name"), Some("err-required"));
    assert_eq!(errs.get("resolution"), None);
    let mut errs = FieldErrors::new();
    check_texts(&t, true, &mut errs);
    assert_eq!(errs.get("name"), None);
}

#[test]
fn verification_offers_verify_postpone_forward_archive__permenpanrb_62_2018() {
    let offered = actions_for(Stage::Received, Taker::Manager);
    for a in [
        Action::Verify,
        Action::Postpone,
        Action::Forward,
        Action::Archive,
    ] {
        assert!(offered.contains(&a), "{a}");
    }
    assert_eq!(
        transition(Stage::Received, Action::Postpone).unwrap().to,
        Stage::AwaitingCompletion
    );
}

#[test]
fn examination_steps_stay_in_examination__luwu_38_4_seluma_55_3() {
    for a in [
        Action::Clarify,
        Action::Research,
        Action::SeparateHearing,
        Action::Obstacle,
    ] {
        let tr = transition(Stage::Examination, a).unwrap();
        assert_eq!(tr.to, Stage::Examination);
        assert!(tr.note_required);
        assert!(!tr.restarts_clock);
    }
}

#[test]
fn disallowed_moves_are_conflicts() {
    assert!(matches!(
        transition(Stage::Received, Action::Decide),
        Err(CoreError::Conflict(_))
    ));
    assert!(transition(Stage::Withdrawn, Action::Escalate).is_err());
    assert_eq!(
        transition(Stage::Decided, Action::Escalate).unwrap().to,
        Stage::Decided
    );
}

#[test]
fn every_stage_is_reachable_and_every_open_stage_can_end() {
    use std::collections::BTreeSet;
    let mut seen = BTreeSet::from([Stage::Received]);
    loop {
        let next: BTreeSet<Stage> = workflow::TRANSITIONS
            .iter()
            .filter(|t| seen.contains(&t.from))
            .map(|t| t.to)
            .collect();
        let before = seen.len();
        seen.extend(next);
        if seen.len() == before {
            break;
        }
    }
    assert_eq!(seen.len(), Stage::ALL.len());
    for stage in Stage::ALL.iter().filter(|s| !s.is_final()) {
        assert!(
            workflow::TRANSITIONS
                .iter()
                .any(|t| t.from == *stage && t.to != *stage)
        );
    }
}

#[test]
fn closed_complaint_is_reopened_only_once() {
    let tr = transition(Stage::Closed, Action::Reopen).unwrap();
    assert_eq!((tr.to, tr.taker), (Stage::Examination, Taker::Complainant));
    assert!(check_reopen(0).is_ok());
    assert!(check_reopen(1).is_err());
}

fn org(parent: Option<Uuid>, is_bumd: bool) -> OrgFacts {
    OrgFacts {
        id: Uuid::from_u128(10),
        parent_id: parent,
        is_bumd,
    }
}

#[test]
fn against_an_officer_goes_to_their_superior__luwu_44() {
    let superior = Uuid::from_u128(2);
    let r = route(Respondent::Officer {
        officer_id: Uuid::from_u128(1),
        superior_id: Some(superior),
        organisation: org(None, false),
    });
    assert_eq!(r.kind, RouteKind::OfficerSuperior);
    assert_eq!(r.officer_id, Some(superior));
    assert_eq!(r.organisation_id, Some(Uuid::from_u128(10)));
}

#[test]
fn against_a_unit_goes_to_its_superior_and_a_bumd_to_the_bupati__luwu_44() {
    let parent = Uuid::from_u128(3);
    let r = route(Respondent::Organisation(org(Some(parent), false)));
    assert_eq!(
        (r.kind, r.organisation_id),
        (RouteKind::UnitSuperior, Some(parent))
    );
    let r = route(Respondent::Organisation(org(Some(parent), true)));
    assert_eq!((r.kind, r.organisation_id), (RouteKind::Bupati, None));
    let r = route(Respondent::Organisation(org(None, false)));
    assert_eq!(r.kind, RouteKind::Bupati);
    assert_eq!(routing::ROUTING_CITATION, "Luwu Pasal 44");
}

#[test]
fn staff_channels_are_the_statutory_ones__seluma_13_1_e_and_43_2() {
    for code in [
        "counter",
        "phone",
        "sms",
        "email",
        "box",
        "ombudsman",
        "dprd",
    ] {
        assert!(
            Channel::STAFF.contains(&Channel::parse(code).unwrap()),
            "{code}"
        );
    }
    assert!(!Channel::STAFF.contains(&Channel::Web));
}

#[test]
fn sanction_kinds_parse_from_their_codes__luwu_57_2() {
    for k in SanctionKind::ALL {
        assert_eq!(SanctionKind::parse(k.as_str()).unwrap(), *k);
    }
    assert!(SanctionKind::parse("denda").is_err());
}

#[test]
fn tracking_code_is_derived_from_the_form_key_and_only_its_digest_kept() {
    use super::tracking::*;
    let key = SubmissionKey::from_random([7; 16]);
    assert_eq!(SubmissionKey::parse(key.as_str()).unwrap(), key);
    let code = key.tracking_code();
    assert_eq!(code.len(), 14);
    assert_eq!(key.tracking_code(), code, "same form, same code");
    let stored = stored_tracking_digest(&key);
    assert_eq!(tracking_digest(&code), Some(stored.clone()));
    assert_eq!(
        tracking_digest(&code.to_lowercase().replace('-', " ")),
        Some(stored.clone())
    );
    assert!(!stored.contains(&code.replace('-', "")));
    let other = SubmissionKey::from_random([8; 16]);
    assert_ne!(other.tracking_code(), code);
    assert_eq!(tracking_digest("short"), None);
    assert_eq!(tracking_digest("UUUU-UUUU-UUUU"), None);
    assert!(SubmissionKey::parse("<script>").is_err());
    assert!(SubmissionKey::parse(&"A".repeat(32)).is_err());
    assert_ne!(key.digest(), stored);
}

#[test]
fn complaint_numbers_are_per_year_and_padded() {
    use super::tracking::*;
    assert_eq!(complaint_number(2026, 123), "ADU-2026-000123");
    assert_eq!(number_series(2026), "complaint-2026");
}
