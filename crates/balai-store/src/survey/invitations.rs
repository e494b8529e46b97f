//! Invitations: one single-use code per finished transaction (a served ticket, a decided or
//! collected application, a closed complaint, or issued by hand at the counter).
//!
//! The code is printed once; only its SHA-256 is stored, so a database copy does not let
//! anyone answer in a visitor's name. Ten characters from a 30-letter alphabet without
//! look-alikes (0/O, 1/I/L, U) are about 49 bits: not guessable under the lookup rate limit.

use chrono::{DateTime, SubsecRound, Utc};
use rand::Rng;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, Tx};

const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTVWXYZ23456789";
const CODE_LEN: usize = 10;

/// What kind of finished transaction an invitation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SourceKind {
    Ticket,
    Application,
    Complaint,
    /// Issued by an officer for a transaction the platform did not record.
    Manual,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Ticket => "ticket",
            SourceKind::Application => "application",
            SourceKind::Complaint => "complaint",
            SourceKind::Manual => "manual",
        }
    }
}

/// An invitation as stored; also its audit snapshot (the code's hash, never the code).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct InvitationRow {
    pub id: Uuid,
    pub code_hash: String,
    pub source_kind: String,
    pub source_id: String,
    pub service_id: Uuid,
    pub organisation_id: Uuid,
    pub issued_at: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// A new invitation and its code (shown once).
#[derive(Debug, Clone)]
pub struct Invitation {
    pub row: InvitationRow,
    pub code: String,
}

/// Where a code stands.
#[derive(Debug, Clone, PartialEq)]
pub enum InvitationState {
    Unknown,
    Used,
    Expired,
    Open(InvitationRow),
}

pub(super) const INV_COLS: &str = "id, code_hash, source_kind, source_id, service_id, \
    organisation_id, issued_at, valid_until, used_at";

/// Upper-cases and drops spaces and dashes, so `abcde-fghjk` finds `ABCDEFGHJK`.
pub fn normalise_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .take(64)
        .collect()
}

pub(super) fn hash_code(code: &str) -> String {
    hex::encode(Sha256::digest(normalise_code(code).as_bytes()))
}

fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..CODE_LEN)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// Issues the invitation for one finished transaction, in the transaction that finished it.
/// A second invitation for the same source is refused (`StoreError::Duplicate`).
pub async fn invite(
    tx: &mut Tx,
    ctx: &AuditCtx,
    source_kind: SourceKind,
    source_id: &str,
    service_id: Uuid,
    organisation_id: Uuid,
    valid_until: DateTime<Utc>,
) -> Result<Invitation> {
    let code = new_code();
    let row = InvitationRow {
        id: balai_core::ids::new_id(),
        code_hash: hash_code(&code),
        source_kind: source_kind.as_str().to_owned(),
        source_id: source_id.to_owned(),
        service_id,
        organisation_id,
        issued_at: ctx.at,
        // Stored with microseconds, as the audit snapshot must read it back.
        valid_until: valid_until.trunc_subsecs(6),
        used_at: None,
    };
    crate::on_tx!(tx, c => sqlx::query(
        "INSERT INTO skm_invitations (id, code_hash, source_kind, source_id, service_id, \
         organisation_id, issued_at, valid_until, used_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,NULL)")
        .bind(row.id).bind(&row.code_hash).bind(&row.source_kind).bind(&row.source_id)
        .bind(row.service_id).bind(row.organisation_id).bind(row.issued_at).bind(row.valid_until)
        .execute(c).await.map(|r| r.rows_affected()))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", "skm_invitation", row.id).after(&row)?,
    )
    .await?;
    Ok(Invitation { row, code })
}

/// Where `code` stands at `now`.
pub async fn invitation_state(db: &Db, code: &str, now: DateTime<Utc>) -> Result<InvitationState> {
    let sql = format!("SELECT {INV_COLS} FROM skm_invitations WHERE code_hash = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
        .bind(hash_code(code)).fetch_optional(p).await)?;
    Ok(classify(row, now))
}

pub(super) fn classify(row: Option<InvitationRow>, now: DateTime<Utc>) -> InvitationState {
    match row {
        None => InvitationState::Unknown,
        Some(r) if r.used_at.is_some() => InvitationState::Used,
        Some(r) if r.valid_until <= now => InvitationState::Expired,
        Some(r) => InvitationState::Open(r),
    }
}

pub(super) async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("SELECT {INV_COLS} FROM skm_invitations");
    let rows = crate::on_db!(db.read(), p =>
        sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql)).fetch_all(p).await)?;
    audit::snapshots_of("skm_invitation", rows, |r| r.id.to_string())
}
