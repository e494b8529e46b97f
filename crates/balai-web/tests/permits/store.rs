//! The store of the licensing area, exercised directly (no HTTP).

use std::collections::BTreeMap;

use balai_core::identity::Actor;
use balai_core::permits::{
    Channel, FieldKind, FormDef, FormField, LevyRule, LicenceTemplate, NumberPattern, Outcome,
    PermitSettings, licence_workflow,
};
use balai_store::audit::AuditCtx;
use balai_store::permits::{self as store, NewDraft, Submission, Transition};
use balai_store::{Db, StoreError};
use balai_testkit::{TestApp, backends};
use chrono::{NaiveDate, Utc};
use futures::FutureExt;
use uuid::Uuid;

fn ctx() -> AuditCtx {
    AuditCtx::new(Actor::system(), None, Utc::now())
}

async fn service(db: &Db, code: &str) -> (Uuid, Uuid) {
    let s = balai_store::services::get_by_code(db, code)
        .await
        .unwrap()
        .unwrap();
    (s.id, s.organisation_id)
}

fn draft(service_id: Uuid, organisation_id: Uuid) -> NewDraft {
    NewDraft {
        service_id,
        organisation_id,
        applicant_user_id: None,
        applicant_name: "Siti Aminah".to_owned(),
        applicant_email: Some("siti@example.id".to_owned()),
        applicant_phone: None,
        applicant_birth_date: NaiveDate::from_ymd_opt(1990, 8, 7),
        workflow_code: "perizinan".to_owned(),
        values: BTreeMap::from([("luas".to_owned(), "120".to_owned())]),
        channel: Channel::Online,
        filed_by: None,
        inspection_required: true,
        levy_amount: 1_200_000,
    }
}

fn submission(id: Uuid, version: i32, key: Option<&str>) -> Submission {
    Submission {
        id,
        expected_version: version,
        idempotency_key: key.map(str::to_owned),
        number_pattern: NumberPattern::default(),
        number_date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        initial_state: "verification".to_owned(),
        due_on: NaiveDate::from_ymd_opt(2026, 3, 4),
        tracking_pin: "123456".to_owned(),
        submitted_at: Utc::now(),
        back_capture_reason: None,
    }
}

async fn new_draft(db: &Db, code: &str) -> store::ApplicationRow {
    let (sid, oid) = service(db, code).await;
    let mut tx = db.begin().await.unwrap();
    let row = store::create_draft(&mut tx, &ctx(), draft(sid, oid))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    row
}

async fn submit(db: &Db, id: Uuid, version: i32, key: Option<&str>) -> store::Submitted {
    let s = submission(id, version, key);
    db.batcher()
        .run(move |tx| async move { store::submit(tx, &ctx(), s).await }.boxed())
        .await
        .unwrap()
}

async fn verify(db: &Db) {
    let report = balai_store::snapshots::verify(db).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[tokio::test]
async fn submitting_twice_files_once__batang_8() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let d = new_draft(&app.db, "PBG").await;
        assert!(d.is_draft());
        let first = submit(&app.db, d.id, d.version, None).await;
        assert!(!first.replay);
        assert_eq!(
            first.row.registration_number.as_deref(),
            Some("PTSP/2026/000001")
        );
        assert_eq!(first.row.state.as_deref(), Some("verification"));
        // A double click submits the same draft again: same number, nothing new.
        let again = submit(&app.db, d.id, d.version, None).await;
        assert!(again.replay);
        assert_eq!(again.row.registration_number, first.row.registration_number);

        // The same Idempotency-Key on another draft returns the first filing.
        let d2 = new_draft(&app.db, "PBG").await;
        let keyed = submit(&app.db, d2.id, d2.version, Some("key-1")).await;
        let replay = submit(&app.db, d2.id, d2.version, Some("key-1")).await;
        assert!(replay.replay);
        assert_eq!(replay.row.id, keyed.row.id);
        assert_eq!(
            keyed.row.registration_number.as_deref(),
            Some("PTSP/2026/000002")
        );
        let history = store::events(&app.db, d.id, true).await.unwrap();
        assert_eq!(history.len(), 1, "{b:?}");
        assert_eq!(history[0].action, "submit");
        verify(&app.db).await;
    }
}

#[tokio::test]
async fn concurrent_submissions_get_unique_gap_free_numbers() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mut drafts = Vec::new();
        for _ in 0..40 {
            drafts.push(new_draft(&app.db, "SLF").await);
        }
        let mut tasks = Vec::new();
        for d in drafts {
            let db = app.db.clone();
            // Every draft is submitted twice at once, as by a double click.
            for _ in 0..2 {
                let db = db.clone();
                tasks.push(tokio::spawn(async move {
                    submit(&db, d.id, d.version, None).await
                }));
            }
        }
        let mut numbers = Vec::new();
        for t in tasks {
            let s = t.await.unwrap();
            numbers.push(s.row.registration_number.unwrap());
        }
        numbers.sort();
        numbers.dedup();
        let expected: Vec<String> = (1..=40).map(|n| format!("PTSP/2026/{n:06}")).collect();
        assert_eq!(numbers, expected, "{b:?}");
        verify(&app.db).await;
    }
}

fn step(row: &store::ApplicationRow, action: &str, to: &str) -> Transition {
    Transition {
        id: row.id,
        expected_version: row.version,
        action: action.to_owned(),
        from_state: row.state.clone().unwrap(),
        to_state: to.to_owned(),
        outcome: match action {
            "approve" => Some(Outcome::Approved),
            "reject" => Some(Outcome::Rejected),
            _ => None,
        },
        due_on: None,
        at: Utc::now(),
        comment: Some(format!("{action} <b>literal</b>")),
        public: true,
        data: None,
    }
}

async fn act(db: &Db, t: Transition) -> Result<store::ApplicationRow, StoreError> {
    let mut tx = db.begin().await?;
    let row = store::act(&mut tx, &ctx(), t).await?;
    tx.commit().await?;
    Ok(row)
}

#[tokio::test]
async fn of_two_concurrent_actions_exactly_one_wins() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let d = new_draft(&app.db, "PBG").await;
        let filed = submit(&app.db, d.id, d.version, None).await.row;
        let forward = step(&filed, "forward", "technical_review");
        let give_back = step(&filed, "return", "returned");
        let (a, r) = tokio::join!(act(&app.db, forward), act(&app.db, give_back));
        let wins = [a.is_ok(), r.is_ok()].iter().filter(|w| **w).count();
        assert_eq!(wins, 1, "{b:?}");
        let loser = if a.is_ok() { r } else { a };
        assert!(matches!(loser, Err(StoreError::Conflict(_))), "{b:?}");
        let now = store::by_id(&app.db, d.id).await.unwrap().unwrap();
        assert_eq!(now.version, filed.version + 1);
        assert_eq!(store::events(&app.db, d.id, false).await.unwrap().len(), 2);
        verify(&app.db).await;
    }
}

#[tokio::test]
async fn a_decision_records_its_outcome_and_a_second_one_conflicts__batang_11_1() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let d = new_draft(&app.db, "PBG").await;
        let mut row = submit(&app.db, d.id, d.version, None).await.row;
        for (action, to) in [
            ("forward", "technical_review"),
            ("schedule_inspection", "inspection"),
            ("record_inspection", "decision"),
            ("approve", "signing"),
        ] {
            row = act(&app.db, step(&row, action, to)).await.unwrap();
        }
        assert_eq!(row.outcome.as_deref(), Some("approved"));
        assert_eq!(row.facts().outcome, Some(Outcome::Approved));
        let mut second = step(&row, "reject", "signing");
        second.from_state = "decision".to_owned();
        assert!(matches!(
            act(&app.db, second).await,
            Err(StoreError::Conflict(_))
        ));
        let history = store::events(&app.db, d.id, true).await.unwrap();
        assert_eq!(history.len(), 5, "{b:?}");
        assert_eq!(
            history[4].comment.as_deref(),
            Some("approve <b>literal</b>")
        );
        verify(&app.db).await;
    }
}

async fn stored_file(db: &Db, name: &str) -> Uuid {
    let mut tx = db.begin().await.unwrap();
    let f = balai_store::files::insert(
        &mut tx,
        &ctx(),
        &balai_store::files::NewFile {
            object_key: format!("test/{}", Uuid::now_v7()),
            file_name: name.to_owned(),
            content_type: "application/pdf".to_owned(),
            size_bytes: 10,
            sha256: "a".repeat(64),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    f.id
}

#[tokio::test]
async fn a_returned_document_is_replaced_by_a_new_version__batang_9_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let d = new_draft(&app.db, "PBG").await;
        let f1 = stored_file(&app.db, "ktp.pdf").await;
        let mut tx = app.db.begin().await.unwrap();
        let v1 = store::add_document(&mut tx, &ctx(), d.id, "KTP pemohon", f1)
            .await
            .unwrap();
        let returned = store::review_document(&mut tx, &ctx(), d.id, v1.id, Some("Buram"))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(returned.status, "returned");
        let f2 = stored_file(&app.db, "ktp-baru.pdf").await;
        let mut tx = app.db.begin().await.unwrap();
        let v2 = store::add_document(&mut tx, &ctx(), d.id, "KTP pemohon", f2)
            .await
            .unwrap();
        assert_eq!(v2.doc_version, 2);
        // The replaced version can no longer be reviewed; another application's is not found.
        let err = store::review_document(&mut tx, &ctx(), d.id, v1.id, None)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)));
        let err = store::review_document(&mut tx, &ctx(), Uuid::now_v7(), v2.id, None)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound(_)));
        tx.commit().await.unwrap();
        let all = store::documents(&app.db, d.id).await.unwrap();
        let statuses: Vec<_> = all.iter().map(|r| r.status.as_str()).collect();
        assert_eq!(statuses, ["replaced", "pending"], "{b:?}");
        verify(&app.db).await;
    }
}

fn settings() -> PermitSettings {
    PermitSettings {
        workflow: "perizinan".to_owned(),
        inspection_required: true,
        levy: LevyRule::None,
        technical_organisation_id: None,
        signing_official_id: None,
        number_pattern: NumberPattern::default(),
        form: FormDef {
            fields: vec![FormField {
                name: "nama_usaha".to_owned(),
                label_id: "Nama usaha".to_owned(),
                label_en: "Business name".to_owned(),
                kind: FieldKind::Text,
                required: true,
                hint_id: String::new(),
                hint_en: String::new(),
                choices: Vec::new(),
                min: None,
                max: None,
            }],
        },
        template: LicenceTemplate {
            title: "Izin Reklame".to_owned(),
            permitted: "Memasang reklame atas nama {nama_usaha}".to_owned(),
            conditions: Vec::new(),
            validity_years: Some(1),
        },
    }
}

#[tokio::test]
async fn settings_and_definitions_are_validated_versioned_and_audited() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (sid, _) = service(&app.db, "IZIN-KERAMAIAN").await;
        let mut tx = app.db.begin().await.unwrap();
        let saved = store::save_settings(&mut tx, &ctx(), sid, &settings(), 0)
            .await
            .unwrap();
        assert_eq!(saved.version, 1);
        let mut bad = settings();
        bad.template.permitted = "Untuk {tidak_ada}".to_owned();
        let err = store::save_settings(&mut tx, &ctx(), sid, &bad, 1)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)));
        let stale = store::save_settings(&mut tx, &ctx(), sid, &settings(), 7)
            .await
            .unwrap_err();
        assert!(matches!(stale, StoreError::Conflict(_)));
        let updated = store::save_settings(&mut tx, &ctx(), sid, &settings(), 1)
            .await
            .unwrap();
        assert_eq!(updated.version, 2);

        let mut def = licence_workflow();
        def.name_en = "Licence (regional)".to_owned();
        store::save_workflow(&mut tx, &ctx(), &def, 0)
            .await
            .unwrap();
        def.actions.retain(|a| a.code != "pay");
        let err = store::save_workflow(&mut tx, &ctx(), &def, 1)
            .await
            .unwrap_err();
        match err {
            StoreError::Invalid(errs) => {
                assert_eq!(errs.get("states.payment"), Some("permits-err-no-way-out"));
            }
            other => panic!("{other:?}"),
        }
        tx.commit().await.unwrap();
        let got = store::workflow(&app.db, "perizinan")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(got.name_en, "Licence (regional)");
        assert!(
            store::workflow(&app.db, "nonperizinan")
                .await
                .unwrap()
                .is_some()
        );
        assert!(store::workflow(&app.db, "nope").await.unwrap().is_none());
        let all = store::list_workflows(&app.db).await.unwrap();
        assert_eq!(all.len(), 2, "{b:?}");
        let read = store::settings_for(&app.db, sid).await.unwrap().unwrap();
        assert_eq!(read.parsed().unwrap(), settings());
        verify(&app.db).await;
    }
}

#[tokio::test]
async fn inbox_lists_earliest_deadline_first_per_organisation() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mut filed = Vec::new();
        for days in [9, 3, 6] {
            let d = new_draft(&app.db, "PBG").await;
            let mut s = submission(d.id, d.version, None);
            s.due_on = NaiveDate::from_ymd_opt(2026, 3, days);
            let row = app
                .db
                .batcher()
                .run(move |tx| async move { store::submit(tx, &ctx(), s).await }.boxed())
                .await
                .unwrap()
                .row;
            filed.push(row);
        }
        let org = filed[0].organisation_id;
        let filter = store::InboxFilter {
            organisation_id: Some(org),
            also_services: Vec::new(),
            states: vec!["verification".to_owned(), "returned".to_owned()],
            limit: 50,
        };
        let inbox = store::inbox(&app.db, &filter).await.unwrap();
        let days: Vec<u32> = inbox
            .iter()
            .map(|r| chrono::Datelike::day(&r.state_due_on.unwrap()))
            .collect();
        assert_eq!(days, [3, 6, 9], "{b:?}");
        let other = store::InboxFilter {
            organisation_id: Some(Uuid::now_v7()),
            ..filter
        };
        assert!(store::inbox(&app.db, &other).await.unwrap().is_empty());
        let n = filed[1].registration_number.clone().unwrap();
        let found = store::by_registration(&app.db, &format!(" {n} "))
            .await
            .unwrap();
        assert_eq!(found.unwrap().id, filed[1].id);
    }
}
