//! The mall floor's queue: locations and the counters calling in them ([`locations`]),
//! tickets ([`tickets`]: issuing, calling, serving), what displays and phones read
//! ([`board`]), online appointments ([`appointments`]) and mobile service visits ([`mobile`]).

pub mod appointments;
pub mod board;
pub mod locations;
pub mod mobile;
pub mod tickets;

use crate::audit::Snapshot;
use crate::{Db, Result};

/// Snapshots of every audited queue record, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let mut v = locations::snapshots(db).await?;
    v.extend(tickets::snapshots(db).await?);
    v.extend(appointments::snapshots(db).await?);
    v.extend(mobile::snapshots(db).await?);
    Ok(v)
}
