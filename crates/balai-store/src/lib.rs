//! Storage for Balai: one SQL dialect run on SQLite or PostgreSQL (architecture §2).
//!
//! Every query is written once with `$1` placeholders and run on either engine through
//! [`on_db!`] (a pool) or [`on_tx!`] (a transaction). Where the dialects truly differ, a store
//! module matches on [`Engine`] itself; handlers never see SQL.

pub mod audit;
pub mod batch;
pub mod calendar;
pub mod charters;
pub mod complaints;
pub mod consultation;
pub mod content;
pub mod counters;
pub mod db;
pub mod demo;
pub mod error;
pub mod files;
pub mod identity;
pub mod jobs;
pub mod notifications;
pub mod officers;
pub mod organisations;
pub mod permits;
pub mod queue;
pub mod sequence;
pub mod services;
pub mod settings;
pub mod signing;
pub mod snapshots;
pub mod standards;
pub mod survey;
pub mod webhooks;

pub use db::{Db, Engine, Pool, Tx};
pub use error::StoreError;

/// The result type of every store function.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Runs `$body` with `$pool` bound to the concrete sqlx pool of the engine behind `$db`.
///
/// The body is compiled once per engine, so the same query text and bindings serve both.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Pool::Sqlite($pool) => $body,
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the open transaction's connection, whatever the engine.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx.inner_mut() {
            $crate::db::TxInner::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::db::TxInner::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}
