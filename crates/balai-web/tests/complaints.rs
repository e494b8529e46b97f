//! The complaints area end to end: filing through group commit with gap-free numbers and
//! hashed tracking codes (Seluma Pasal 51–53), every statutory deadline driven by a controlled
//! clock (Luwu Pasal 43, 48), handling, privacy and the sanctions register (Luwu Pasal 40, 57).

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "complaints/public.rs"]
mod public;
#[path = "complaints/store.rs"]
mod store;
#[path = "complaints/worker.rs"]
mod worker;

use balai_core::Clock;
use balai_core::complaints::{Category, Channel, Privacy, Stage, SubmissionKey, stage_deadline};
use balai_core::identity::Actor;
use balai_store::audit::AuditCtx;
use balai_store::complaints::{self, ActionInput, Filed, NewComplaint};
use balai_testkit::TestApp;
use chrono::NaiveDate;
use uuid::Uuid;

pub(crate) fn ctx(app: &TestApp, actor: Actor) -> AuditCtx {
    AuditCtx::new(actor, Some("test".into()), app.clock.now())
}

pub(crate) async fn today(app: &TestApp) -> NaiveDate {
    let (_, cal) = complaints::deadline_context(&app.db).await.unwrap();
    cal.today(app.clock.as_ref())
}

pub(crate) async fn org_id(app: &TestApp, code: &str) -> Uuid {
    balai_store::organisations::get_by_code(&app.db, code)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub(crate) fn random_key() -> SubmissionKey {
    SubmissionKey::from_random(*Uuid::new_v4().as_bytes())
}

/// A complete, valid complaint against `org` received today.
pub(crate) async fn sample(app: &TestApp, org: Uuid, key: SubmissionKey) -> NewComplaint {
    let today = today(app).await;
    let (rules, cal) = complaints::deadline_context(&app.db).await.unwrap();
    let dl = stage_deadline(Stage::Received, today, &rules, &cal).unwrap();
    NewComplaint {
        key,
        channel: Channel::Web,
        category: Category::Time,
        privacy: Privacy::Anonymous,
        organisation_id: org,
        service_id: None,
        officer_id: None,
        service_date: today.pred_opt().unwrap(),
        subject: "KTP-el belum jadi".into(),
        description: "Sudah tiga minggu KTP-el saya belum dicetak padahal dijanjikan 14 hari."
            .into(),
        loss: "Tidak bisa membuka rekening.".into(),
        resolution: "KTP-el segera dicetak.".into(),
        compensation_claim: None,
        place: "MPP lantai 1".into(),
        complainant_name: "Siti Rahma".into(),
        complainant_address: "Jl. Merdeka 1".into(),
        complainant_phone: "+6281234567890".into(),
        complainant_email: "siti@example.id".into(),
        complainant_user_id: None,
        late_reason: None,
        lapor_id: None,
        received_on: today,
        due_rule: dl.rule_code,
        due_date: dl.due.date,
        evidence: Vec::new(),
    }
}

/// Files through the group commit, as the public form does.
pub(crate) async fn file(app: &TestApp, n: NewComplaint) -> Filed {
    let c = ctx(app, Actor::anonymous());
    app.db
        .batcher()
        .run(move |tx| Box::pin(async move { complaints::file(tx, &c, &n).await }))
        .await
        .unwrap()
}

/// An action with the region's deadline context at the clock's date.
pub(crate) async fn input(app: &TestApp, action: balai_core::complaints::Action) -> ActionInput {
    let (rules, calendar) = complaints::deadline_context(&app.db).await.unwrap();
    ActionInput {
        action,
        expected_version: None,
        note: String::new(),
        privacy: None,
        route: None,
        decision: None,
        rating: None,
        today: calendar.today(app.clock.as_ref()),
        rules,
        calendar,
    }
}

pub(crate) async fn act(
    app: &TestApp,
    id: Uuid,
    i: ActionInput,
) -> Result<complaints::ComplaintRow, balai_store::StoreError> {
    let mut tx = app.db.begin().await.unwrap();
    let r = complaints::act(&mut tx, &ctx(app, Actor::system()), id, &i).await;
    tx.commit().await.unwrap();
    r
}

/// Problems `verify` reports (the whole chain and every area's records).
pub(crate) async fn audit_problems(app: &TestApp) -> usize {
    balai_store::snapshots::verify(&app.db)
        .await
        .unwrap()
        .problems
        .len()
}
