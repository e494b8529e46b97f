//! The demo catalogue (`demo/services.json`): every service with its standard imported as the
//! adopted version 1 (the region's existing decree), and, so the consultation pages have
//! something real on them, a revised draft of the birth-certificate standard open for public
//! comment around the load date, with two comments awaiting moderation and one approved.

use balai_core::catalog::{
    ParticipantGroup, ProcedureStep, ServiceCategory, ServiceKind, ServiceMode, ServiceStandard,
};
use balai_core::ids::Code;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::consultation::{self, NewComment};
use crate::services::{self, ServiceInput};
use crate::standards::{self, StandardError};
use crate::{Result, StoreError, Tx};

const SERVICES_JSON: &str = include_str!("../../demo/services.json");

/// The service whose revised draft is open for comment in the demo.
const CONSULTED_SERVICE: &str = "AKTA-LAHIR";
/// Mesuji keeps Western Indonesian Time (WIB, UTC+7).
const DEMO_UTC_OFFSET_HOURS: i64 = 7;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoService {
    code: String,
    /// The organisation's code.
    organisation: String,
    name: String,
    name_en: String,
    kind: String,
    category: String,
    keywords: String,
    modes: Vec<String>,
    ticket_prefix: String,
    effective_from: NaiveDate,
    standard: ServiceStandard,
}

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(format!("demo/services.json: {what}"))
}

/// Store errors of a standard step, with the service named.
fn std_err(code: &str, e: StandardError) -> StoreError {
    match e {
        StandardError::Store(e) => e,
        other => corrupt(format!("{code}: {other}")),
    }
}

async fn organisation_id(tx: &mut Tx, code: &str) -> Result<Uuid> {
    let sql = "SELECT id FROM organisations WHERE code = $1";
    crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(sql).bind(code).fetch_optional(c).await)?
        .ok_or_else(|| corrupt(format!("unknown organisation {code}")))
}

fn input(s: &DemoService, organisation_id: Uuid) -> Result<ServiceInput> {
    let bad = |field: &str| corrupt(format!("{}: bad {field}", s.code));
    let modes = s
        .modes
        .iter()
        .map(|m| ServiceMode::parse(m).map_err(|_| bad("mode")))
        .collect::<Result<Vec<_>>>()?;
    Ok(ServiceInput {
        organisation_id,
        code: Code::parse(&s.code).map_err(|_| bad("code"))?,
        name: s.name.clone(),
        name_en: s.name_en.clone(),
        kind: ServiceKind::parse(&s.kind).map_err(|_| bad("kind"))?,
        category: ServiceCategory::parse(&s.category).map_err(|_| bad("category"))?,
        modes,
        keywords: s.keywords.clone(),
        ticket_prefix: s.ticket_prefix.clone(),
        active: true,
    })
}

/// The decree number the demo gives an imported standard, e.g. `800/SP-KTP-EL/DISDUKCAPIL/2026`.
fn decree_number(s: &DemoService) -> String {
    format!(
        "800/SP-{}/{}/{}",
        s.code,
        s.organisation,
        s.effective_from.year()
    )
}

pub async fn load(tx: &mut Tx, ctx: &AuditCtx) -> Result<()> {
    let list: Vec<DemoService> =
        serde_json::from_str(SERVICES_JSON).map_err(|e| corrupt(e.to_string()))?;
    let mut consulted = None;
    for s in &list {
        let org = organisation_id(tx, &s.organisation).await?;
        let svc = services::create(tx, ctx, &input(s, org)?).await?;
        let note = "Standar pelayanan yang berlaku saat Balai mulai digunakan";
        standards::import_adopted_version(
            tx,
            ctx,
            svc.id,
            &s.standard,
            &decree_number(s),
            s.effective_from,
            note,
        )
        .await
        .map_err(|e| std_err(&s.code, e))?;
        if s.code == CONSULTED_SERVICE {
            consulted = Some((svc.id, s.standard.clone()));
        }
    }
    if let Some((service_id, standard)) = consulted {
        open_demo_consultation(tx, ctx, service_id, standard).await?;
    }
    Ok(())
}

/// The revision under consultation: the certificate is also sent electronically.
fn revised(mut s: ServiceStandard) -> ServiceStandard {
    s.procedure.push(ProcedureStep {
        title: "Terima akta secara elektronik".into(),
        description:
            "Bila diminta, kutipan akta kelahiran bertanda tangan elektronik juga dikirim ke \
            alamat e-mail atau nomor WhatsApp pelapor, sehingga dapat dicetak sendiri di rumah."
                .into(),
    });
    s.product = format!(
        "{} Salinan elektronik dapat dikirim ke e-mail atau WhatsApp pelapor.",
        s.product.trim()
    );
    s
}

async fn open_demo_consultation(
    tx: &mut Tx,
    ctx: &AuditCtx,
    service_id: Uuid,
    standard: ServiceStandard,
) -> Result<()> {
    let code = CONSULTED_SERVICE;
    let note =
        "Akta kelahiran dapat dikirim secara elektronik (e-mail atau WhatsApp) dan dicetak sendiri";
    let draft = standards::create_draft(tx, ctx, service_id, &revised(standard), note)
        .await
        .map_err(|e| std_err(code, e))?;
    let today = local_date(ctx.at);
    standards::open_for_comment_period(
        tx,
        ctx,
        draft.id,
        today - Duration::days(5),
        today + Duration::days(16),
    )
    .await
    .map_err(|e| std_err(code, e))?;
    let comments = [
        (
            "Siti Rahmawati",
            ParticipantGroup::PenggunaLayanan,
            "Sangat membantu, apalagi bagi kami yang tinggal jauh dari Mesuji Timur. Mohon akta \
             elektronik juga bisa diminta ulang bila e-mailnya terhapus.",
            true,
        ),
        (
            "Forum Peduli Anak Mesuji",
            ParticipantGroup::MasyarakatSipil,
            "Kami mengusulkan agar bidan desa dapat melaporkan kelahiran langsung dari \
             puskesmas, supaya bayi pulang sudah membawa akta.",
            false,
        ),
        (
            "Bambang S.",
            ParticipantGroup::PenggunaLayanan,
            "Bagaimana dengan warga yang tidak punya e-mail atau telepon pintar? Mohon tetap \
             disediakan cetakan di gerai.",
            false,
        ),
    ];
    for (name, group, body, approve) in comments {
        let new = NewComment {
            author_user_id: None,
            author_name: name.into(),
            group,
            body: body.into(),
        };
        let comment = consultation::add_comment(tx, ctx, draft.id, &new, today)
            .await
            .map_err(|e| match e {
                consultation::ConsultationError::Store(e) => e,
                other => corrupt(other.to_string()),
            })?;
        if approve {
            consultation::moderate(tx, ctx, comment.id, true)
                .await
                .map_err(|e| corrupt(e.to_string()))?;
        }
    }
    Ok(())
}

/// The demo region's local date at `at`.
fn local_date(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(DEMO_UTC_OFFSET_HOURS)).date_naive()
}
