//! Gap-free counters for the numbers people see (architecture §2): bumped inside the
//! transaction that creates the record, so a rollback gives the number back and two
//! concurrent transactions never get the same one.

use crate::{Result, Tx};

/// Returns the next value of `series` (1 for a new series).
pub async fn next(tx: &mut Tx, series: &str) -> Result<i64> {
    let sql = "INSERT INTO counters_seq (series, value) VALUES ($1, 1) \
               ON CONFLICT (series) DO UPDATE SET value = counters_seq.value + 1 \
               RETURNING value";
    let v: i64 = crate::on_tx!(tx, c => sqlx::query_scalar(sql).bind(series).fetch_one(c).await)?;
    Ok(v)
}
