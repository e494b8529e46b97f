//! The web edge of Balai: server-rendered pages, the JSON API, assets and operations endpoints
//! (architecture §4). Handlers parse input into core types, check permission, call the store
//! and render; they hold no business rules and no SQL.

pub mod api;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod jobs;
pub mod ops;
pub mod page;
pub mod pages;
pub mod ratelimit;
pub mod signing;
pub mod state;

pub use error::AppError;
pub use state::{AppState, WebConfig};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::limit::RequestBodyLimitLayer;

/// The whole application: pages, API, assets and operations endpoints, with the layers every
/// request passes (body limit → 413, metrics, request context, the public response cache,
/// error pages).
pub fn router(state: AppState) -> Router {
    let limit = state.config.max_body_bytes;
    Router::new()
        .merge(pages::routes())
        .nest("/api", api::routes())
        .merge(assets::routes())
        .merge(ops::routes())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::render_error_pages,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::cache_layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::request_context,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ops::track_metrics,
        ))
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .with_state(state)
}
