//! Store rules of complaints on both engines, deadlines driven by the test clock.

use balai_core::complaints::{
    Action, OrgFacts, Privacy, Respondent, RouteKind, SanctionKind, route, tracking_digest,
};
use balai_core::identity::Actor;
use balai_store::StoreError;
use balai_store::complaints::{self, Decision, NewSanction};
use balai_testkit::{TestApp, backends};
use chrono::Duration;

use super::{act, audit_problems, ctx, file, input, org_id, random_key, sample, today};

#[tokio::test]
async fn filing_gives_a_number_and_a_code_kept_only_as_a_digest__seluma_53() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let key = random_key();
        let code = key.tracking_code();
        let filed = file(&app, sample(&app, org, key.clone()).await).await;
        assert!(!filed.repeated);
        let c = &filed.complaint;
        assert_eq!(c.number, "ADU-2026-000001");
        assert_eq!(c.stage, "received");
        assert_eq!(c.received_by_name, "sistem");
        assert!(!c.tracking_hash.contains(&code.replace('-', "")));
        let digest = tracking_digest(&code).unwrap();
        let found = complaints::by_tracking(&app.db, &c.number, &digest)
            .await
            .unwrap();
        assert_eq!(found.map(|f| f.id), Some(c.id));
        let forged = tracking_digest("AAAA-BBBB-CCCC").unwrap();
        assert!(
            complaints::by_tracking(&app.db, &c.number, &forged)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            complaints::by_tracking(&app.db, "ADU-2026-999999", &digest)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn a_second_submission_of_the_same_form_returns_the_first_complaint() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let key = random_key();
        let first = file(&app, sample(&app, org, key.clone()).await).await;
        let again = file(&app, sample(&app, org, key).await).await;
        assert!(again.repeated);
        assert_eq!(again.complaint.id, first.complaint.id);
        let next = file(&app, sample(&app, org, random_key()).await).await;
        assert_eq!(next.complaint.number, "ADU-2026-000002");
    }
}

#[tokio::test]
async fn concurrent_filings_through_group_commit_get_gap_free_numbers() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let mut tasks = Vec::new();
        for _ in 0..40 {
            let n = sample(&app, org, random_key()).await;
            let c = ctx(&app, Actor::anonymous());
            let batcher = app.db.batcher();
            tasks.push(tokio::spawn(async move {
                batcher
                    .run(move |tx| Box::pin(async move { complaints::file(tx, &c, &n).await }))
                    .await
                    .unwrap()
                    .complaint
                    .number
            }));
        }
        let mut numbers = Vec::new();
        for t in tasks {
            numbers.push(t.await.unwrap());
        }
        numbers.sort();
        let want: Vec<String> = (1..=40).map(|i| format!("ADU-2026-{i:06}")).collect();
        assert_eq!(numbers, want);
        assert_eq!(audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn completeness_answer_due_in_14_days__luwu_43_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let c = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        let today = today(&app).await;
        assert_eq!(c.due_rule.as_deref(), Some("complaint_completeness_answer"));
        assert_eq!(c.due_date, Some(today + Duration::days(14)));
        let at_due = today + Duration::days(14);
        assert!(
            complaints::overdue_unescalated(&app.db, at_due)
                .await
                .unwrap()
                .is_empty()
        );
        let after = at_due + Duration::days(1);
        assert_eq!(
            complaints::overdue_unescalated(&app.db, after)
                .await
                .unwrap(),
            vec![c.id]
        );
    }
}

#[tokio::test]
async fn incomplete_complaint_is_deemed_withdrawn_after_30_days__luwu_43_4_5() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let c = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        app.clock.advance(Duration::days(3));
        let mut i = input(&app, Action::Postpone).await;
        i.note = "Lampirkan foto tanda terima permohonan.".into();
        let answered_on = i.today;
        let c = act(&app, c.id, i).await.unwrap();
        assert_eq!(c.stage, "awaiting_completion");
        assert_eq!(c.due_date, Some(answered_on + Duration::days(30)));
        app.clock.advance(Duration::days(30));
        assert!(
            complaints::lapsed(&app.db, today(&app).await)
                .await
                .unwrap()
                .is_empty()
        );
        app.clock.advance(Duration::days(1));
        let lapsed = complaints::lapsed(&app.db, today(&app).await)
            .await
            .unwrap();
        assert_eq!(lapsed, vec![c.id]);
        let c = act(&app, c.id, input(&app, Action::DeemWithdrawn).await)
            .await
            .unwrap();
        assert_eq!(c.stage, "withdrawn");
        assert_eq!(c.due_date, None);
        assert!(
            complaints::lapsed(&app.db, today(&app).await)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn decision_due_60_days_after_completeness_and_delivery_14__luwu_48() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let c = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        let complete_on = today(&app).await;
        let c = act(&app, c.id, input(&app, Action::Verify).await)
            .await
            .unwrap();
        assert_eq!(c.due_rule.as_deref(), Some("complaint_decision"));
        assert_eq!(c.due_date, Some(complete_on + Duration::days(60)));
        app.clock.advance(Duration::days(5));
        let facts = OrgFacts {
            id: org,
            parent_id: None,
            is_bumd: false,
        };
        let mut i = input(&app, Action::Route).await;
        i.route = Some(route(Respondent::Organisation(facts)));
        let c = act(&app, c.id, i).await.unwrap();
        assert_eq!(c.stage, "examination");
        assert_eq!(c.route_kind.as_deref(), Some(RouteKind::Bupati.as_str()));
        assert_eq!(
            c.due_date,
            Some(complete_on + Duration::days(60)),
            "routing keeps the clock"
        );
        let mut i = input(&app, Action::SeparateHearing).await;
        i.note = "Pengadu keberatan bertemu terlapor; didengar terpisah.".into();
        act(&app, c.id, i).await.unwrap();
        let mut i = input(&app, Action::Decide).await;
        i.note = "Pengaduan diterima; ganti rugi biaya transport.".into();
        i.decision = Some(Decision {
            compensation_amount: Some(150_000),
            compensation_due: Some(i.today + Duration::days(30)),
        });
        let decided_on = i.today;
        let c = act(&app, c.id, i).await.unwrap();
        assert_eq!(c.stage, "decided");
        assert_eq!(c.compensation_amount, Some(150_000));
        assert_eq!(c.due_rule.as_deref(), Some("complaint_decision_delivery"));
        assert_eq!(c.due_date, Some(decided_on + Duration::days(14)));
        let c = act(&app, c.id, input(&app, Action::Deliver).await)
            .await
            .unwrap();
        assert_eq!(c.stage, "closed");
        let events = complaints::events(&app.db, c.id).await.unwrap();
        let hearing = events
            .iter()
            .find(|e| e.action == "separate_hearing")
            .unwrap();
        assert!(!hearing.public, "examination notes stay internal");
        assert!(events.iter().any(|e| e.action == "decide" && e.public));
        assert_eq!(audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn compensation_needs_its_payment_deadline__luwu_48_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let c = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        act(&app, c.id, input(&app, Action::Verify).await)
            .await
            .unwrap();
        let mut i = input(&app, Action::Route).await;
        i.route = Some(route(Respondent::Organisation(OrgFacts {
            id: org,
            parent_id: None,
            is_bumd: false,
        })));
        act(&app, c.id, i).await.unwrap();
        let mut i = input(&app, Action::Decide).await;
        i.note = "Ganti rugi.".into();
        i.decision = Some(Decision {
            compensation_amount: Some(1),
            compensation_due: None,
        });
        let e = act(&app, c.id, i).await.unwrap_err();
        assert!(
            matches!(e, StoreError::Invalid(ref f) if f.get("compensation_due").is_some()),
            "{e:?}"
        );
        let mut i = input(&app, Action::Decide).await;
        i.note = String::new();
        assert!(matches!(
            act(&app, c.id, i).await.unwrap_err(),
            StoreError::Invalid(_)
        ));
        let row = complaints::by_id(&app.db, c.id).await.unwrap().unwrap();
        assert_eq!(row.stage, "examination", "nothing stored half-way");
    }
}

#[tokio::test]
async fn reopen_once_privacy_only_raised_and_stale_versions_refused() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let c = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        let mut i = input(&app, Action::RaisePrivacy).await;
        i.privacy = Some(Privacy::Both);
        let c = act(&app, c.id, i).await.unwrap();
        assert_eq!(c.privacy, "anonim_rahasia");
        let mut i = input(&app, Action::RaisePrivacy).await;
        i.privacy = Some(Privacy::Anonymous);
        assert!(matches!(
            act(&app, c.id, i).await.unwrap_err(),
            StoreError::Invalid(_)
        ));
        let mut i = input(&app, Action::Verify).await;
        i.expected_version = Some(c.version - 1);
        assert!(matches!(
            act(&app, c.id, i).await.unwrap_err(),
            StoreError::Conflict(_)
        ));
        assert!(matches!(
            act(&app, c.id, input(&app, Action::Deliver).await)
                .await
                .unwrap_err(),
            StoreError::Conflict(_)
        ));
        act(&app, c.id, input(&app, Action::Verify).await)
            .await
            .unwrap();
        let mut i = input(&app, Action::Route).await;
        i.route = Some(route(Respondent::Organisation(OrgFacts {
            id: org,
            parent_id: None,
            is_bumd: true,
        })));
        act(&app, c.id, i).await.unwrap();
        let mut i = input(&app, Action::Decide).await;
        i.note = "Ditolak.".into();
        act(&app, c.id, i).await.unwrap();
        act(&app, c.id, input(&app, Action::Deliver).await)
            .await
            .unwrap();
        let mut i = input(&app, Action::Rate).await;
        i.rating = Some(6);
        assert!(matches!(
            act(&app, c.id, i).await.unwrap_err(),
            StoreError::Invalid(_)
        ));
        let mut i = input(&app, Action::Rate).await;
        i.rating = Some(2);
        act(&app, c.id, i).await.unwrap();
        let mut i = input(&app, Action::Reopen).await;
        i.note = "Keputusan belum dijalankan.".into();
        let reopened = act(&app, c.id, i.clone()).await.unwrap();
        assert_eq!(
            (reopened.stage.as_str(), reopened.reopen_count),
            ("examination", 1)
        );
        let mut d = input(&app, Action::Decide).await;
        d.note = "Diterima.".into();
        act(&app, c.id, d).await.unwrap();
        act(&app, c.id, input(&app, Action::Deliver).await)
            .await
            .unwrap();
        assert!(matches!(
            act(&app, c.id, i).await.unwrap_err(),
            StoreError::Conflict(_)
        ));
        assert_eq!(audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn sanctions_register_keeps_the_kind_from_the_list__luwu_40_57_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let officer = balai_store::officers::list(
            &app.db,
            &balai_store::officers::OfficerFilter {
                organisation_id: Some(org),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items[0]
            .officer
            .clone();
        let c = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        let mut tx = app.db.begin().await.unwrap();
        let s = complaints::add_sanction(
            &mut tx,
            &ctx(&app, Actor::system()),
            &NewSanction {
                officer_id: officer.id,
                complaint_id: Some(c.id),
                kind: SanctionKind::WrittenWarning,
                decree_number: "800/12/BKPSDM/2026".into(),
                imposed_on: today(&app).await,
                note: "Menunda pencetakan KTP-el tanpa alasan.".into(),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(s.kind, "teguran_tertulis");
        let list = complaints::sanctions(&app.db, Some(org)).await.unwrap();
        assert_eq!(list.len(), 1);
        assert!(
            complaints::sanctions(&app.db, Some(uuid::Uuid::now_v7()))
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(audit_problems(&app).await, 0);
    }
}
