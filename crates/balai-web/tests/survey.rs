//! The satisfaction survey (PermenPANRB 14/2017; Luwu Pasal 17(e), 18(e), 31): invitations,
//! append-only responses, invalidation, totals in SQL and tamper detection — on SQLite, and on
//! PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "survey/console.rs"]
mod console;
#[path = "survey/store.rs"]
mod store;
#[path = "survey/web.rs"]
mod web;
