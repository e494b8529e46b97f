//! The demo calendar: the 2026 national holidays and cuti bersama (SKB 2026), the deadline
//! rules a new installation starts with, and the mall's week. The mall opens Monday to
//! Saturday (its opening hours include Saturday morning); the organisations keep the
//! government week, Monday to Friday, which is the default for an office without its own.

use balai_core::calendar::{OfficeWeek, SKB_2026, default_deadline_rules, holidays_2026};

use crate::audit::AuditCtx;
use crate::calendar::{self, MPP_OFFICE};
use crate::{Result, StoreError, Tx};

/// Monday to Saturday in WIB (Kabupaten Mesuji is in Lampung).
const MALL_WEEK: &str = "1111110";

pub async fn load(tx: &mut Tx, ctx: &AuditCtx) -> Result<()> {
    calendar::load_year(tx, ctx, 2026, SKB_2026, &holidays_2026()).await?;
    for rule in default_deadline_rules() {
        calendar::insert_deadline_rule(tx, ctx, &rule).await?;
    }
    let week = OfficeWeek::parse_mask(MALL_WEEK)
        .map_err(|e| StoreError::Corrupt(format!("demo mall week: {e}")))?;
    calendar::set_office_week(tx, ctx, MPP_OFFICE, &week).await?;
    crate::settings::set(tx, ctx, calendar::CUTI_BERSAMA_SETTING, "true").await
}
