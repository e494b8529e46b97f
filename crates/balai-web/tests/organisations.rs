//! The organisations area end to end: the public list and profiles (Mesuji Pasal 8–9; Seluma
//! Pasal 25, 46(2)), the API, the store's rules (superiors without loops, Luwu Pasal 44;
//! optimistic versions; audited writes) and the console forms with their permissions.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "organisations/api.rs"]
mod api;
#[path = "organisations/console.rs"]
mod console;
#[path = "organisations/public.rs"]
mod public;
#[path = "organisations/store.rs"]
mod store;
#[path = "organisations/upload.rs"]
mod upload;

use balai_core::catalog::OrganisationKind;
use balai_core::identity::Actor;
use balai_core::ids::Code;
use balai_store::audit::{AuditCtx, Problem};
use balai_store::organisations::{self as orgs, OrganisationInput};
use balai_testkit::TestApp;
use serde_json::Value;

pub(crate) fn ctx(app: &TestApp) -> AuditCtx {
    AuditCtx::new(
        Actor::system(),
        Some("test".into()),
        balai_core::Clock::now(app.clock.as_ref()),
    )
}

/// Ends a transaction in which every write was refused. On PostgreSQL a transaction merely
/// dropped is rolled back only when its connection is next used, and would hold its locks
/// while the test's schema is dropped; committing it ends it now (nothing was written).
pub(crate) async fn close(tx: balai_store::Tx) {
    let _ = tx.commit().await;
}

pub(crate) async fn org(app: &TestApp, code: &str) -> orgs::OrganisationRow {
    orgs::get_by_code(&app.db, code).await.unwrap().unwrap()
}

/// Problems `verify` reports about the chain itself or about this area's records.
pub(crate) async fn area_problems(app: &TestApp) -> Vec<Problem> {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    let mine = [
        "organisation",
        "counter",
        "officer",
        "charter",
        "region_setting",
        "stored_file",
    ];
    report
        .problems
        .into_iter()
        .filter(|p| match p {
            Problem::RecordAltered { subject_type, .. }
            | Problem::RecordRemoved { subject_type, .. }
            | Problem::RecordInserted { subject_type, .. } => mine.contains(&subject_type.as_str()),
            _ => true,
        })
        .collect()
}

pub(crate) async fn json(app: &TestApp, path: &str) -> (u16, String, Value) {
    let r = app.get(path).await;
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default();
    (status, ct, r.json().await.unwrap_or_default())
}

pub(crate) fn sample_input(code: &str) -> OrganisationInput {
    OrganisationInput {
        code: Code::parse(code).unwrap(),
        name: "Kantor Uji Coba".into(),
        name_en: "Test Office".into(),
        kind: OrganisationKind::Swasta,
        description: "Untuk pengujian.".into(),
        address: "Jalan Uji 1".into(),
        phone: None,
        email: None,
        website: String::new(),
        head_name: String::new(),
        head_position: String::new(),
        parent_code: None,
        agreement_kind: String::new(),
        agreement_number: String::new(),
        agreement_date: None,
        agreement_document: None,
        workplan_number: String::new(),
        workplan_date: None,
    }
}
