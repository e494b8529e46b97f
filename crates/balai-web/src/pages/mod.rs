//! Server-rendered pages: the public portal (Indonesian URLs) and the staff console.

pub mod auth;
pub mod complaints;
pub mod console;
pub mod content;
pub mod documents;
pub mod notify;
pub mod organisations;
pub mod permits;
pub mod queue;
pub mod services;
pub mod survey;
pub mod verify;

use axum::Router;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(content::routes())
        .merge(complaints::routes())
        .merge(services::routes())
        .merge(survey::routes())
        .merge(organisations::routes())
        .merge(auth::routes())
        .merge(notify::routes())
        .merge(verify::routes())
        .merge(documents::routes())
        .merge(permits::routes())
        .merge(queue::routes())
        .merge(console::routes())
}
