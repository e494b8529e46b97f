//! The demo announcements and regulations (`demo/announcements.json`,
//! `demo/regulations.json`), loaded through the content store so each passes the same checks
//! as one typed in the console — a repair announced less than 30 days ahead would stop the
//! demo from loading (Seluma Pasal 28(3)).

use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::content::{self, AnnouncementDraft, AnnouncementKind, ContentError, RegulationDraft};
use crate::{Result, StoreError, Tx};

const ANNOUNCEMENTS_JSON: &str = include_str!("../../demo/announcements.json");
const REGULATIONS_JSON: &str = include_str!("../../demo/regulations.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAnnouncement {
    kind: String,
    /// The organisation's code, or `null` for the mall itself.
    organisation: Option<String>,
    title: String,
    body: String,
    activity: String,
    person_in_charge: String,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    complaint_channels: String,
    published_on: NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRegulation {
    kind: String,
    number: String,
    year: i32,
    title: String,
    subject: String,
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("demo content: {what}"))
}

fn refused(title: &str, e: ContentError) -> StoreError {
    match e {
        ContentError::Invalid(r) => corrupt(format!("{title:?} refused: {:?}", r.errors.0)),
        ContentError::Store(e) => e,
    }
}

async fn organisation_id(tx: &mut Tx, code: &str) -> Result<Uuid> {
    let sql = "SELECT id FROM organisations WHERE code = $1";
    let id: Option<Uuid> =
        crate::on_tx!(tx, c => sqlx::query_scalar(sql).bind(code).fetch_optional(c).await)?;
    id.ok_or_else(|| corrupt(format!("no organisation {code}")))
}

pub async fn load(tx: &mut Tx, ctx: &AuditCtx) -> Result<()> {
    let anns: Vec<DemoAnnouncement> = serde_json::from_str(ANNOUNCEMENTS_JSON)
        .map_err(|e| corrupt(format!("announcements.json: {e}")))?;
    for a in anns {
        let organisation_id = match &a.organisation {
            Some(code) => Some(organisation_id(tx, code).await?),
            None => None,
        };
        let kind =
            AnnouncementKind::parse(&a.kind).ok_or_else(|| corrupt(format!("kind {}", a.kind)))?;
        let draft = AnnouncementDraft {
            organisation_id,
            kind,
            title: a.title.clone(),
            body: a.body,
            activity: a.activity,
            person_in_charge: a.person_in_charge,
            period_start: a.period_start,
            period_end: a.period_end,
            complaint_channels: a.complaint_channels,
        };
        content::create_announcement(tx, ctx, &draft, Some(a.published_on))
            .await
            .map_err(|e| refused(&a.title, e))?;
    }
    let regs: Vec<DemoRegulation> = serde_json::from_str(REGULATIONS_JSON)
        .map_err(|e| corrupt(format!("regulations.json: {e}")))?;
    for r in regs {
        let draft = RegulationDraft {
            kind: r.kind,
            number: r.number,
            year: r.year,
            title: r.title,
            subject: r.subject,
        };
        content::create_regulation(tx, ctx, &draft)
            .await
            .map_err(|e| refused(&draft.title, e))?;
    }
    Ok(())
}
