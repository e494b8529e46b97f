//! `/antrian/layar/{lokasi}`: the TV display. Now serving per counter, the last calls and how
//! many wait per service. Without JavaScript it refreshes every ten seconds; with it, it listens
//! to `/antrian/layar/{lokasi}/peristiwa` (Server-Sent Events), redraws at once, chimes and reads
//! each call aloud in Indonesian, and after a network drop reconnects and reloads the board.

use std::convert::Infallible;
use std::time::Duration as StdDuration;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use balai_store::queue::board::{self, CallRow, NowServing, WaitingCount};
use balai_store::queue::locations::LocationRow;
use chrono::{Duration, NaiveTime};
use futures::Stream;
use tokio::sync::broadcast::error::RecvError;

use super::{local_now, location};
use crate::error::AppError;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/antrian/layar/{lokasi}", get(show))
        .route("/antrian/layar/{lokasi}/peristiwa", get(events))
}

/// Calls the display lists.
const LAST_CALLS: i64 = 8;

#[derive(Template)]
#[template(path = "queue/display.html")]
struct DisplayPage {
    page: PageCtx,
    location: LocationRow,
    serving: Vec<NowServing>,
    calls: Vec<CallRow>,
    waiting: Vec<WaitingCount>,
}

async fn show(
    page: PageCtx,
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let location = location(&st, &code).await?;
    let (cal, now) = local_now(&st).await?;
    let day = now.date();
    // Today's calls only: local midnight, in UTC.
    let offset = Duration::hours(i64::from(cal.week().utc_offset_hours));
    let midnight = day.and_time(NaiveTime::MIN).and_utc() - offset;
    let view = DisplayPage {
        serving: board::now_serving(&st.db, location.id, day).await?,
        calls: board::last_calls(&st.db, location.id, midnight, LAST_CALLS).await?,
        waiting: board::waiting_counts(&st.db, location.id, day).await?,
        page,
        location,
    };
    Ok(([(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}

/// The location's events as SSE: `call`, `issue` and `update`, each with the ticket as JSON;
/// `resync` when this subscriber fell behind (the display then reloads the board).
async fn events(
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let location = location(&st, &code).await?;
    let rx = st.queue.subscribe();
    let stream = futures::stream::unfold((rx, location.id), |(mut rx, id)| async move {
        loop {
            match rx.recv().await {
                Ok(ev) if ev.location_id == id => {
                    let data = serde_json::to_string(&ev).unwrap_or_default();
                    let event = Event::default().event(ev.kind).data(data);
                    return Some((Ok(event), (rx, id)));
                }
                Ok(_) => continue,
                Err(RecvError::Lagged(_)) => {
                    let event = Event::default().event("resync").data("{}");
                    return Some((Ok(event), (rx, id)));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let keep = KeepAlive::new().interval(StdDuration::from_secs(15));
    Ok(Sse::new(stream).keep_alive(keep))
}
