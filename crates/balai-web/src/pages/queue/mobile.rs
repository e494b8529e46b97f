//! `/layanan-keliling`: the public schedule of mobile service visits (pelayanan bergerak,
//! Mesuji Pasal 7(6)): place, date, hours and the services offered.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use balai_store::queue::mobile;

use super::today;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/layanan-keliling", get(schedule))
}

/// One visit as the schedule shows it.
struct Visit {
    date: String,
    place: String,
    address: String,
    hours: String,
    services: Vec<(String, String)>,
    note: String,
}

#[derive(Template)]
#[template(path = "queue/mobile.html")]
struct SchedulePage {
    page: PageCtx,
    visits: Vec<Visit>,
}

async fn schedule(page: PageCtx, State(st): State<AppState>) -> Result<Response, AppError> {
    let rows = mobile::upcoming(&st.db, today(&st).await?).await?;
    let mut visits = Vec::with_capacity(rows.len());
    for r in rows {
        let mut services = Vec::new();
        for code in r.service_codes() {
            if let Some(s) = balai_store::services::get_by_code(&st.db, &code).await? {
                services.push((s.code.clone(), page.pick(&s.name, &s.name_en).to_string()));
            }
        }
        visits.push(Visit {
            date: format::day_and_date(page.lang, r.visit_date),
            place: r.place,
            address: r.address,
            hours: r.hours,
            services,
            note: r.note,
        });
    }
    Ok(Html(SchedulePage { page, visits }.render()?).into_response())
}
