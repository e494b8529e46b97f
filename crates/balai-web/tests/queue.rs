//! The mall floor's queue end to end: ticket numbering under concurrency, calling order and
//! officer actions, appointments, kiosk, display and console pages and the API — on SQLite,
//! and on PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set. Scenarios end with a clean audit
//! verification.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "queue/common.rs"]
mod common;
#[path = "queue/store.rs"]
mod store;
