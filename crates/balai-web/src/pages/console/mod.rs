//! The staff console under `/konsol`.

pub mod audit;
pub mod complaints;
pub mod content;
pub mod dashboard;
pub mod notify;
pub mod organisations;
pub mod permits;
pub mod queue;
pub mod services;
pub mod signing;
pub mod survey;
pub mod users;
pub mod webhooks;

use axum::Router;

use crate::state::AppState;

/// Every console route; a user who must change their password is sent to `/akun/sandi` first.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(dashboard::routes())
        .merge(complaints::routes())
        .merge(organisations::routes())
        .merge(services::routes())
        .merge(survey::routes())
        .merge(content::routes())
        .merge(users::routes())
        .merge(audit::routes())
        .merge(notify::routes())
        .merge(permits::routes())
        .merge(webhooks::routes())
        .merge(queue::routes())
        .merge(signing::routes())
        .route_layer(axum::middleware::from_fn(users::password_change_gate))
}
