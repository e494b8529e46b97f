//! Every audited record's current state, area by area, for `audit verify` to compare with
//! the state the audit trail recorded last.

use crate::audit::Snapshot;
use crate::{Db, Result};

/// Snapshots of all audited records.
pub async fn all(db: &Db) -> Result<Vec<Snapshot>> {
    let mut v = Vec::new();
    v.extend(crate::settings::snapshots(db).await?);
    v.extend(crate::identity::snapshots(db).await?);
    v.extend(crate::files::snapshots(db).await?);
    v.extend(crate::organisations::snapshots(db).await?);
    v.extend(crate::counters::snapshots(db).await?);
    v.extend(crate::officers::snapshots(db).await?);
    v.extend(crate::charters::snapshots(db).await?);
    v.extend(crate::services::snapshots(db).await?);
    v.extend(crate::standards::snapshots(db).await?);
    v.extend(crate::consultation::snapshots(db).await?);
    v.extend(crate::content::snapshots(db).await?);
    v.extend(crate::calendar::snapshots(db).await?);
    v.extend(crate::notifications::snapshots(db).await?);
    v.extend(crate::webhooks::snapshots(db).await?);
    v.extend(crate::signing::snapshots(db).await?);
    v.extend(crate::complaints::snapshots(db).await?);
    v.extend(crate::queue::snapshots(db).await?);
    v.extend(crate::permits::snapshots(db).await?);
    v.extend(crate::survey::snapshots(db).await?);
    Ok(v)
}

/// Walks the audit chain and compares every audited record with it.
pub async fn verify(db: &Db) -> Result<crate::audit::Report> {
    let snaps = all(db).await?;
    crate::audit::verify(db, snaps).await
}
