//! A year of satisfaction-survey responses for every published service of the demo region:
//! online answers through invitations (some invitations never answered, so the population is
//! larger than the respondents) and quarterly paper batches, with a few suggestions published.
//! Generated deterministically (a fixed linear congruential sequence), so every demo is the same.

use std::collections::BTreeMap;

use balai_core::identity::Actor;
use balai_core::survey::{Answers, Definition};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::survey::{self as store, Channel, NewResponse, PaperBatch, SourceKind};
use crate::{Db, Result, Tx};

const SUGGESTIONS: [&str; 5] = [
    "Ruang tunggu nyaman, petugas ramah.",
    "Mohon tambah kursi di ruang tunggu saat pagi.",
    "Informasi persyaratan di situs sudah jelas, terima kasih.",
    "Antrean sore lebih lama, mohon tambah petugas.",
    "Prosesnya cepat dan tanpa biaya.",
];

/// A small deterministic sequence (Knuth's MMIX constants).
struct Seq(u64);

impl Seq {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }

    /// An answer 1–4 around `level` (1 = mostly 2s, 3 = mostly 4s).
    fn answer(&mut self, level: u64) -> u8 {
        (1 + (self.next(4) + level).min(6) / 2) as u8
    }
}

fn questionnaire(def: &Definition, seq: &mut Seq, level: u64, suggestion: bool) -> Result<Answers> {
    let mut f = BTreeMap::new();
    let sex = if seq.next(2) == 0 { "L" } else { "P" };
    let edu = ["SD", "SMP", "SMA", "SMA", "D1-D3", "D4-S1", "D4-S1", "S2"][seq.next(8) as usize];
    let job = [
        "PNS",
        "SWASTA",
        "WIRAUSAHA",
        "WIRAUSAHA",
        "PELAJAR",
        "LAINNYA",
    ][seq.next(6) as usize];
    f.insert("sex".to_owned(), sex.to_owned());
    f.insert("age".to_owned(), (18 + seq.next(50)).to_string());
    f.insert("education".to_owned(), edu.to_owned());
    f.insert("occupation".to_owned(), job.to_owned());
    for e in &def.elements {
        f.insert(e.code.as_str().to_owned(), seq.answer(level).to_string());
    }
    if suggestion {
        f.insert(
            "suggestion".to_owned(),
            SUGGESTIONS[seq.next(5) as usize].to_owned(),
        );
    }
    Answers::parse(def, &f).map_err(crate::StoreError::Invalid)
}

fn day_ctx(day: NaiveDate, hour: u32) -> AuditCtx {
    let at = day.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc();
    AuditCtx::new(Actor::system(), Some("seed-demo".into()), at)
}

/// One service's year: `online` answered invitations and `unanswered` ones each month, and
/// three paper questionnaires each quarter.
async fn service_year(
    tx: &mut Tx,
    def: &Definition,
    (service_id, organisation_id): (Uuid, Uuid),
    first: NaiveDate,
    seq: &mut Seq,
    (online, unanswered, level): (u64, u64, u64),
) -> Result<()> {
    for month in 0..12 {
        let base = first + Duration::days(30 * month);
        for i in 0..online + unanswered {
            let day = base + Duration::days(seq.next(28) as i64);
            let ctx = day_ctx(day, 2 + (i % 6) as u32);
            let source = format!("DEMO-{service_id}-{month}-{i}");
            let until = ctx.at + Duration::days(30);
            let inv = store::invite(
                tx,
                &ctx,
                SourceKind::Ticket,
                &source,
                service_id,
                organisation_id,
                until,
            )
            .await?;
            if i < online {
                let with_suggestion = seq.next(6) == 0;
                let answers = questionnaire(def, seq, level, with_suggestion)?;
                let row = store::submit_with_code(
                    tx,
                    &ctx,
                    &inv.code,
                    Channel::Online,
                    def.version,
                    answers,
                )
                .await?;
                // Half of the suggestions are published, the rest wait for a moderator.
                if let Ok(r) = row
                    && r.suggestion.is_some()
                    && seq.next(2) == 0
                {
                    store::review_suggestion(tx, &ctx, r.id, true).await?;
                }
            }
        }
        if month % 3 == 2 {
            let day = base + Duration::days(27);
            let mut rows = Vec::new();
            for _ in 0..3 {
                rows.push(NewResponse {
                    definition_version: def.version,
                    service_id,
                    organisation_id,
                    responded_on: day,
                    answers: questionnaire(def, seq, level, false)?,
                });
            }
            store::record_paper(tx, &day_ctx(day, 9), PaperBatch::Console, &rows).await?;
        }
    }
    Ok(())
}

/// Loads the year before `now` for every published service (run after the region is loaded).
pub async fn load(db: &Db, now: DateTime<Utc>) -> Result<()> {
    let services: Vec<(Uuid, Uuid)> = crate::on_db!(db.read(), p => sqlx::query_as(
        "SELECT id, organisation_id FROM services WHERE published_version_id IS NOT NULL ORDER BY code")
        .fetch_all(p).await)?;
    let first = now.date_naive() - Duration::days(365);
    let mut tx = db.begin().await?;
    let ctx = AuditCtx::new(Actor::system(), Some("seed-demo".into()), now);
    let version = store::ensure_default(&mut tx, &ctx).await?;
    let def = Definition {
        version,
        ..Definition::permenpanrb_14_2017()
    };
    let mut seq = Seq(2026);
    for (i, svc) in services.into_iter().enumerate() {
        let i = i as u64;
        let shape = (2 + i % 4, i % 3, 1 + i % 3);
        service_year(&mut tx, &def, svc, first, &mut seq, shape).await?;
    }
    tx.commit().await
}
