//! `/lacak`: where an application stands (Batang Pasal 3(3)c), from its registration number
//! and a second factor the applicant holds — the PIN on the receipt or the birth date in the
//! NIK — so numbers can't be enumerated: a wrong number and a wrong code get the same answer,
//! and failed lookups are limited per client.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use balai_core::permits::SlaState;
use balai_store::permits::{self as store, ApplicationRow};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

use super::PermitService;
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::pages::notify::when;
use crate::state::AppState;

/// Failed lookups one client may make per window.
const MAX_FAILURES: usize = 10;
const WINDOW_MINUTES: i64 = 15;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct TrackQuery {
    nomor: String,
    kode: String,
}

struct Step {
    when: String,
    what: String,
}

struct Found {
    service: String,
    number: String,
    submitted: String,
    state: String,
    due: String,
    sla: String,
    sla_class: &'static str,
    steps: Vec<Step>,
}

#[derive(Template)]
#[template(path = "permits/track.html")]
struct TrackPage {
    page: PageCtx,
    nomor: String,
    kode: String,
    found: Option<Found>,
    failed: bool,
    limited: bool,
}

/// Whether `code` is the application's PIN or the applicant's birth date (YYYY-MM-DD or
/// DD-MM-YYYY). The PIN is compared in constant time.
fn second_factor_matches(app: &ApplicationRow, code: &str) -> bool {
    let code = code.trim();
    if code.is_empty() {
        return false;
    }
    if let Some(pin) = &app.tracking_pin
        && same_bytes(pin.as_bytes(), code.as_bytes())
    {
        return true;
    }
    let date = NaiveDate::parse_from_str(code, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(code, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(code, "%d/%m/%Y"));
    matches!((date, app.applicant_birth_date), (Ok(d), Some(b)) if d == b)
}

/// Equality that takes as long for every pair of the same length, so the time of a reply does
/// not tell how many leading digits of a PIN were right.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(super) async fn page(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    Query(q): Query<TrackQuery>,
) -> Result<Response, AppError> {
    let nomor = balai_core::text::truncate_chars(q.nomor.trim(), 60).to_owned();
    let kode = balai_core::text::truncate_chars(q.kode.trim(), 20).to_owned();
    let mut t = TrackPage {
        page,
        nomor,
        kode: String::new(),
        found: None,
        failed: false,
        limited: false,
    };
    if t.nomor.is_empty() && kode.is_empty() {
        return Ok(Html(t.render()?).into_response());
    }
    let now = st.clock.now();
    let key = format!("lacak:{}", ctx.ip.as_deref().unwrap_or("-"));
    let window = Duration::minutes(WINDOW_MINUTES);
    if st.limiter.exceeded(&key, MAX_FAILURES, window, now) {
        t.limited = true;
        return Ok((StatusCode::TOO_MANY_REQUESTS, Html(t.render()?)).into_response());
    }
    let app = store::by_registration(&st.db, &t.nomor)
        .await?
        .filter(|a| second_factor_matches(a, &kode));
    let Some(app) = app else {
        st.limiter.allow(&key, MAX_FAILURES, window, now);
        t.failed = true;
        t.kode = kode;
        return Ok((StatusCode::NOT_FOUND, Html(t.render()?)).into_response());
    };
    t.found = Some(found(&st, &t.page, &app).await?);
    Ok(Html(t.render()?).into_response())
}

async fn found(st: &AppState, page: &PageCtx, app: &ApplicationRow) -> Result<Found, AppError> {
    let ps = PermitService::of(st, app).await?;
    let cal = balai_store::calendar::work_calendar(&st.db, None).await?;
    let today = cal.today(st.clock.as_ref());
    let sla = app.state_due_on.map(|d| SlaState::at(&cal, d, today));
    let steps = store::events(&st.db, app.id, true)
        .await?
        .into_iter()
        .map(|e| Step {
            when: when(st, page, e.at),
            what: ps
                .workflow
                .action(&e.action)
                .map(|a| page.pick(&a.label_id, &a.label_en).to_owned())
                .unwrap_or_else(|| page.t(&format!("permit-step-{}", e.action))),
        })
        .collect();
    Ok(Found {
        service: ps.name(page),
        number: app.registration_number.clone().unwrap_or_default(),
        submitted: app
            .submitted_at
            .map(|t| when(st, page, t))
            .unwrap_or_default(),
        state: ps.state_label(page, app.state.as_deref()),
        due: app
            .state_due_on
            .map(|d| format::long_date(page.lang, d))
            .unwrap_or_default(),
        sla: sla
            .map(|s| page.pick(s.label_id(), s.label_en()).to_owned())
            .unwrap_or_default(),
        sla_class: sla.map_or("badge-muted", SlaState::badge),
        steps,
    })
}
