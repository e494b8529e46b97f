//! The services and standards area end to end: the public catalogue and its search (requirements
//! §2–3), the whole standard of a service (Seluma Pasal 23; Luwu Pasal 27; Bekasi Pasal 21), the
//! JSON API, and the life of a standard in the console — draft, public comment, moderation,
//! consultation forum, adoption (Seluma Pasal 21(2); Luwu Pasal 26(2); PermenPANRB 16/2017) —
//! with permissions, bad input and the audit trail.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "services/api.rs"]
mod api;
#[path = "services/audit.rs"]
mod audit;
#[path = "services/common.rs"]
mod common;
#[path = "services/console.rs"]
mod console;
#[path = "services/detail.rs"]
mod detail;
#[path = "services/search.rs"]
mod search;
#[path = "services/versioning.rs"]
mod versioning;
