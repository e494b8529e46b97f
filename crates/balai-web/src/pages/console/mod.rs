//! The staff console under `/konsol`.

pub mod audit;
pub mod content;
pub mod dashboard;
pub mod organisations;
pub mod services;
pub mod users;

use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(dashboard::routes())
        .merge(organisations::routes())
        .merge(services::routes())
        .merge(content::routes())
        .merge(users::routes())
        .merge(audit::routes())
}
