//! `/konsol`: the console's landing page.

use askama::Template;
use axum::Router;
use axum::response::{Html, IntoResponse};
use axum::routing::get;

use crate::auth::Staff;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/konsol", get(dashboard))
}

#[derive(Template)]
#[template(path = "console/dashboard.html")]
struct Dashboard {
    page: PageCtx,
}

async fn dashboard(page: PageCtx, Staff(_s): Staff) -> Result<impl IntoResponse, AppError> {
    Ok(Html(Dashboard { page }.render()?))
}
