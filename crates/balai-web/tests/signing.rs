//! Signing keys and issued documents (Batang Pasal 11(3–4), 14–15) end to end: an official
//! enrols a key under a passphrase only they know, signs through `balai_web::signing::issue`
//! with passphrase and TOTP, changes the passphrase and revokes the key — on SQLite, and on
//! PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set. Every scenario ends with a clean audit
//! verification.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "signing/common.rs"]
mod common;
#[path = "signing/issue.rs"]
mod issue;
#[path = "signing/keys.rs"]
mod keys;
#[path = "signing/verify.rs"]
mod verify;
