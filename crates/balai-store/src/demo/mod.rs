//! The demo region (Kabupaten Mesuji and its mall), loaded into an empty database by
//! `balai demo` and `balai seed-demo`. The content is JSON under `crates/balai-store/demo/`,
//! written as a region would publish it; each area loads its part through its own store
//! functions, so the demo is audited like any other change.

mod calendar;
mod content;
mod organisations;
mod permits;
mod queue;
mod services;
pub mod survey;
mod users;

use balai_core::identity::Actor;
use chrono::{DateTime, Utc};

use crate::audit::AuditCtx;
use crate::{Db, Result};

/// Whether the database holds no region yet (no organisations).
pub async fn is_empty(db: &Db) -> Result<bool> {
    let n: i64 = crate::on_db!(db.read(), p =>
        sqlx::query_scalar("SELECT COUNT(*) FROM organisations").fetch_one(p).await)?;
    Ok(n == 0)
}

/// Loads the whole demo region in one transaction.
pub async fn load(db: &Db, now: DateTime<Utc>) -> Result<()> {
    let ctx = AuditCtx::new(Actor::system(), Some("seed-demo".into()), now);
    let mut tx = db.begin().await?;
    calendar::load(&mut tx, &ctx).await?;
    organisations::load(&mut tx, &ctx).await?;
    services::load(&mut tx, &ctx).await?;
    permits::load(&mut tx, &ctx).await?;
    content::load(&mut tx, &ctx).await?;
    users::load(&mut tx, &ctx).await?;
    let today = crate::calendar::work_calendar_tx(&mut tx, None)
        .await?
        .week()
        .local_date(now);
    queue::load(&mut tx, &ctx, today).await?;
    tx.commit().await
}

/// The demo accounts, for printing at start-up: (role, e-mail).
pub fn accounts() -> Vec<(String, String)> {
    users::accounts()
}

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Balai-Demo-2026";
