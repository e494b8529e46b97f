//! The mall floor in the browser: the kiosk (`/antrian/kiosk/{lokasi}`), the visitor's ticket
//! (`/antrian/tiket/{id}`), the TV display (`/antrian/layar/{lokasi}`, live over SSE) and the
//! mobile service schedule (`/layanan-keliling`). The officer console is
//! `pages/console/queue.rs`; the API `api/queue.rs`. Both issue tickets through [`issue`].

pub mod display;
pub mod kiosk;
pub mod live;
pub mod mobile;
pub mod ticket;

use axum::Router;
use balai_core::FieldErrors;
use balai_core::calendar::WorkCalendar;
use balai_core::identity::Actor;
use balai_core::queue::{PriorityReason, TicketChannel, TicketPrefix, check_issue};
use balai_store::audit::AuditCtx;
use balai_store::queue::locations::{self, LocationRow};
use balai_store::queue::tickets::{self, NewTicket, TicketRow};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use futures::FutureExt;

use crate::error::AppError;
use crate::state::AppState;
use live::QueueEvent;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(kiosk::routes())
        .merge(ticket::routes())
        .merge(display::routes())
        .merge(mobile::routes())
}

/// The active location with the code in the URL; anything else is 404.
pub(crate) async fn location(st: &AppState, code: &str) -> Result<LocationRow, AppError> {
    if code.len() > 64 {
        return Err(AppError::NotFound);
    }
    locations::get_by_code(&st.db, code)
        .await?
        .filter(|l| l.active)
        .ok_or(AppError::NotFound)
}

/// The mall's calendar and the local date and time now (in its time zone).
pub(crate) async fn local_now(st: &AppState) -> Result<(WorkCalendar, NaiveDateTime), AppError> {
    let cal = balai_store::calendar::work_calendar(&st.db, None).await?;
    let offset = Duration::hours(i64::from(cal.week().utc_offset_hours));
    let now = (st.clock.now() + offset).naive_utc();
    Ok((cal, now))
}

/// The location's date today.
pub(crate) async fn today(st: &AppState) -> Result<NaiveDate, AppError> {
    Ok(local_now(st).await?.1.date())
}

fn invalid(field: &str, key: &str) -> AppError {
    let mut e = FieldErrors::new();
    e.add(field, key);
    AppError::Invalid(e)
}

/// What a kiosk, an officer or an integration asks for.
pub(crate) struct TicketRequest<'a> {
    pub service_code: &'a str,
    pub priority: Option<PriorityReason>,
    pub channel: TicketChannel,
    pub appointment_id: Option<uuid::Uuid>,
}

/// Issues a ticket at `location` if its rules allow it now (`Invalid` on the `service` field
/// otherwise), through the group-commit writer; announces it to the displays.
pub(crate) async fn issue(
    st: &AppState,
    actor: Actor,
    request_id: Option<String>,
    location: &LocationRow,
    req: TicketRequest<'_>,
) -> Result<TicketRow, AppError> {
    let code = req.service_code.trim();
    if code.is_empty() {
        return Err(invalid("service", "err-required"));
    }
    let service = balai_store::services::get_by_code(&st.db, code)
        .await?
        .filter(|s| s.active)
        .ok_or_else(|| invalid("service", "queue-err-service-unknown"))?;
    let counters = locations::counters_serving(&st.db, location.id, service.id).await?;
    let hours: Vec<_> = counters.iter().map(|c| c.hours()).collect();
    let policy = location.policy()?;
    let (cal, now) = local_now(st).await?;
    check_issue(now, &cal, &location.hours(), &hours, &policy)
        .map_err(|r| invalid("service", r.message_key()))?;
    let prefix = TicketPrefix::parse(&service.ticket_prefix)?;
    let ctx = AuditCtx::new(actor, request_id, st.clock.now());
    let new = NewTicket {
        service_id: service.id,
        prefix,
        day: now.date(),
        channel: req.channel,
        priority: req.priority,
        appointment_id: req.appointment_id,
        queued_at: ctx.at,
    };
    let loc = location.clone();
    let row = st
        .db
        .batcher()
        .run(move |tx| async move { tickets::issue(tx, &ctx, &loc, &new).await }.boxed())
        .await?;
    st.queue.publish(QueueEvent {
        location_id: row.location_id,
        kind: "issue",
        ticket_id: row.id,
        number: row.number.clone(),
        counter_number: None,
        announcement: None,
    });
    Ok(row)
}
