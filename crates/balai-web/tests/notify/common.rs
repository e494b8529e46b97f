//! Helpers shared by the notification tests.

pub use balai_core::Clock;
use balai_core::identity::{Actor, Role};
use balai_core::notify::Channel;
use balai_store::audit::AuditCtx;
use balai_store::identity as ids;
use balai_store::notifications::{self as store, NewNotification};
use balai_testkit::{DEMO_PASSWORD, TestApp};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub const ADMIN: &str = "admin@mesujikab.go.id";
pub const PETUGAS_DUKCAPIL: &str = "putri.handayani@mesujikab.go.id";
pub const PIMPINAN: &str = "sekda@mesujikab.go.id";
pub const WARGA: &str = "warga@example.id";

pub fn system(app: &TestApp) -> AuditCtx {
    AuditCtx::new(Actor::system(), Some("test".into()), app.clock.now())
}

/// The audit chain and every audited record agree.
pub async fn assert_audit_clean(app: &TestApp) {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    assert!(
        report.problems.is_empty(),
        "{:?}: {:?}",
        app.backend,
        report.problems
    );
}

pub async fn user_id(app: &TestApp, email: &str) -> Uuid {
    ids::find_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub async fn org_id(app: &TestApp, code: &str) -> Uuid {
    balai_store::organisations::get_by_code(&app.db, code)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A second citizen account with the demo password.
pub async fn another_citizen(app: &TestApp, email: &str) -> Uuid {
    let new = ids::NewUser {
        email: balai_core::ids::Email::parse(email).unwrap(),
        display_name: "Rina Wulandari".into(),
        role: Role::Warga,
        organisation_id: None,
        officer_id: None,
        nik: None,
        phone: None,
        must_change_password: false,
    };
    let hash = ids::hash_password(DEMO_PASSWORD).await.unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let id = ids::create_user(&mut tx, &system(app), &new, &hash)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// A notification as licensing would queue it, about application `about_id`.
pub fn notice(channel: Channel, address: &str, about_id: &str) -> NewNotification {
    NewNotification {
        recipient_user_id: None,
        organisation_id: None,
        channel,
        address: address.into(),
        subject: "Keputusan permohonan PBG".into(),
        body: "Permohonan Anda telah diputuskan.\n\nSilakan lihat rinciannya.".into(),
        link: Some(format!("/lacak/{about_id}")),
        about_type: "application".into(),
        about_id: about_id.into(),
        due_by: None,
    }
}

/// Queues `n` in a transaction of its own, as the system.
pub async fn queue(app: &TestApp, n: NewNotification) -> Uuid {
    let mut tx = app.db.begin().await.unwrap();
    let id = store::queue(&mut tx, &system(app), n).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn notification(app: &TestApp, id: Uuid) -> store::NotificationRow {
    store::get(&app.db, id).await.unwrap().unwrap()
}

/// Moves the clock past every retry wait and runs the jobs, `rounds` times.
pub async fn run_rounds(app: &TestApp, rounds: usize) {
    for _ in 0..rounds {
        app.clock.advance(chrono::Duration::hours(2));
        app.run_jobs().await;
    }
}

pub fn at(app: &TestApp, hours: i64) -> DateTime<Utc> {
    app.clock.now() + chrono::Duration::hours(hours)
}

pub async fn status_and_body(r: reqwest::Response) -> (u16, String) {
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}
