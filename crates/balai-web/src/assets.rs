//! Our own static files, embedded in the binary and served with long cache lifetimes
//! (the URL carries no version, so a week; pages stay small either way).

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

const CSS: &str = include_str!("../assets/balai.css");
const LOGO: &str = include_str!("../assets/logo.svg");
const QUEUE_JS: &str = include_str!("../assets/antrian.js");

fn asset(body: &'static str, mime: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "public, max-age=604800"),
        ],
        body,
    )
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/assets/balai.css",
            get(|| async { asset(CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/assets/logo.svg",
            get(|| async { asset(LOGO, "image/svg+xml") }),
        )
        .route(
            "/assets/antrian.js",
            get(|| async { asset(QUEUE_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/favicon.ico",
            get(|| async { asset(LOGO, "image/svg+xml") }),
        )
}
