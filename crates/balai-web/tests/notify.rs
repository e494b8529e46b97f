//! Background jobs, notifications and outgoing webhooks end to end: the job table (enqueue in
//! the caller's transaction, dedupe, claims by concurrent workers, leases, backoff), e-mail to
//! a local SMTP sink, SMS/WhatsApp through a signed gateway webhook, the inbox, overdue
//! notices (Batang Pasal 12(2)), integration webhooks and their console and API — on SQLite,
//! and on PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set. Every scenario ends with a clean
//! audit verification.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "notify/common.rs"]
mod common;
#[path = "notify/delivery.rs"]
mod delivery;
#[path = "notify/inbox.rs"]
mod inbox;
#[path = "notify/jobs.rs"]
mod jobs;
#[path = "notify/webhooks.rs"]
mod webhooks;
#[path = "notify/webhooks_admin.rs"]
mod webhooks_admin;
