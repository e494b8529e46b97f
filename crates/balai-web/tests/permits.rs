//! Electronic licensing (PTSP-el, Batang Pasal 7–16): storage of workflow definitions, permit
//! settings, applications, their documents and history — on SQLite, and on PostgreSQL when
//! `BALAI_TEST_POSTGRES_URL` is set. Every scenario ends with a clean audit verification.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "permits/apply.rs"]
mod apply;
#[path = "permits/common.rs"]
mod common;
#[path = "permits/console.rs"]
mod console;
#[path = "permits/store.rs"]
mod store;
