//! Helpers shared by the queue tests: the demo's Gedung A location and its counters.

use balai_core::identity::Actor;
use balai_core::queue::{PriorityReason, TicketChannel, TicketPrefix};
use balai_store::audit::AuditCtx;
use balai_store::queue::locations::{self, LocationRow, QueueCounter};
use balai_store::queue::tickets::{self, NewTicket, TicketRow};
use balai_testkit::TestApp;
use chrono::NaiveDate;
use uuid::Uuid;

/// The test start day (Monday 2 November 2026), the location's date.
pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
}

pub fn ctx(app: &TestApp) -> AuditCtx {
    AuditCtx::new(
        Actor::system(),
        None,
        balai_core::Clock::now(app.clock.as_ref()),
    )
}

pub async fn location(app: &TestApp, code: &str) -> LocationRow {
    locations::get_by_code(&app.db, code)
        .await
        .unwrap()
        .unwrap()
}

pub async fn counter(app: &TestApp, code: &str) -> QueueCounter {
    let c = balai_store::counters::get_by_code(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    locations::queue_counter(&app.db, c.id)
        .await
        .unwrap()
        .unwrap()
}

pub async fn service(app: &TestApp, code: &str) -> (Uuid, TicketPrefix) {
    let s = balai_store::services::get_by_code(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    (s.id, TicketPrefix::parse(&s.ticket_prefix).unwrap())
}

/// Issues one kiosk ticket for `service` at Gedung A in its own transaction.
pub async fn issue(
    app: &TestApp,
    service_code: &str,
    priority: Option<PriorityReason>,
) -> TicketRow {
    let loc = location(app, "GEDUNG-A").await;
    let (service_id, prefix) = service(app, service_code).await;
    let c = ctx(app);
    let mut tx = app.db.begin().await.unwrap();
    let t = tickets::issue(
        &mut tx,
        &c,
        &loc,
        &NewTicket {
            service_id,
            prefix,
            day: day(),
            channel: TicketChannel::Kiosk,
            priority,
            appointment_id: None,
            queued_at: c.at,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    t
}

/// Calls the next ticket at counter `code` in its own transaction.
pub async fn call(app: &TestApp, code: &str) -> Option<TicketRow> {
    let counter = counter(app, code).await;
    let policy = location(app, "GEDUNG-A").await.policy().unwrap();
    let c = ctx(app);
    let mut tx = app.db.begin().await.unwrap();
    let t = tickets::call_next(&mut tx, &c, &counter, &policy, day())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    t
}

pub async fn audit_clean(app: &TestApp) {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    assert!(
        report.problems.is_empty(),
        "{:?}: {:?}",
        app.backend,
        report.problems
    );
}
