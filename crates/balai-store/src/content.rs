//! Public content of the mall: announcements (Seluma Pasal 28) and the list of regulations
//! that apply, plus the figures the home page shows.
//!
//! An announcement of a facility repair must name the activity, the person in charge, the
//! period and the complaint channels, and be published at least 30 calendar days before the
//! work starts (Seluma Pasal 28(3)). The number of days comes from the deadline rule
//! `facility_repair_announcement`, so a region whose regulation says otherwise changes data,
//! not code; every writer (console, demo) passes through [`check_announcement`].

mod announcements;
mod regulations;

pub use announcements::{
    Announcement, AnnouncementDraft, AnnouncementKind, AnnouncementPage, ContentError, REPAIR_RULE,
    Refusal, RepairNotice, announcement, check_announcement, create_announcement,
    list_announcements, update_announcement,
};
pub use regulations::{
    REGULATION_KINDS, Regulation, RegulationDraft, create_regulation, regulations,
};

use crate::audit::Snapshot;
use crate::{Db, Result};

/// How many organisations and services the mall offers (active ones), for the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct HomeStats {
    pub organisations: i64,
    pub services: i64,
}

/// Counts active organisations and services.
pub async fn home_stats(db: &Db) -> Result<HomeStats> {
    let sql = "SELECT (SELECT COUNT(*) FROM organisations WHERE active = $1), \
               (SELECT COUNT(*) FROM services WHERE active = $1)";
    let (organisations, services): (i64, i64) =
        crate::on_db!(db.read(), p => sqlx::query_as(sql).bind(true).fetch_one(p).await)?;
    Ok(HomeStats {
        organisations,
        services,
    })
}

/// The name of an organisation (announcements may come from one).
pub async fn organisation_name(db: &Db, id: uuid::Uuid) -> Result<Option<String>> {
    let sql = "SELECT name FROM organisations WHERE id = $1";
    let name =
        crate::on_db!(db.read(), p => sqlx::query_scalar(sql).bind(id).fetch_optional(p).await)?;
    Ok(name)
}

/// An organisation an announcement can be attributed to, or an office a week can be set for.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct OrganisationChoice {
    pub id: uuid::Uuid,
    pub code: String,
    pub name: String,
}

/// Every active organisation, by name, for the console's choices.
pub async fn organisation_choices(db: &Db) -> Result<Vec<OrganisationChoice>> {
    let sql = "SELECT id, code, name FROM organisations WHERE active = $1 ORDER BY name, code";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, OrganisationChoice>(sql)
        .bind(true).fetch_all(p).await)?;
    Ok(rows)
}

/// Snapshots of every announcement and regulation, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let mut v = Vec::new();
    for a in announcements::all(db).await? {
        v.push(Snapshot {
            subject_type: "announcement",
            subject_id: a.id.to_string(),
            state: serde_json::to_value(&a)?,
        });
    }
    for r in regulations(db).await? {
        v.push(Snapshot {
            subject_type: "regulation",
            subject_id: r.id.to_string(),
            state: serde_json::to_value(&r)?,
        });
    }
    Ok(v)
}
