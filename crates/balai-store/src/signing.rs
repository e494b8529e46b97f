//! Signing keys and issued documents (Batang Pasal 11(3–4), 14–15).
//!
//! A signing key belongs to one official: the public key and its id, the private key encrypted
//! under the official's signing passphrase (never readable by the platform), the name and
//! position it signs as, when it became valid and, once revoked, when. At most one key per
//! official is active. Keys are audited as `signing_key` with the encrypted key replaced by its
//! SHA-256 ([`SigningKeySnapshot`]).
//!
//! An issued document is the record of a signed PDF: what it is about (`subject_type`,
//! `subject_id`), its number, holder, signer, key, the SHA-256 of the exact bytes, where the
//! bytes are, and the official's consent. It is written once and audited as `issued_document`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const KEY_SUBJECT: &str = "signing_key";
pub const DOCUMENT_SUBJECT: &str = "issued_document";

/// A signing key as stored, with its encrypted private half.
#[derive(Clone, sqlx::FromRow)]
pub struct SigningKeyRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub key_id: String,
    /// Hex of the 32-byte Ed25519 public key.
    pub public_key: String,
    /// `balai_docs::sign::EncryptedKey` text.
    pub encrypted_key: String,
    pub signer_name: String,
    pub position: String,
    pub organisation_id: Option<Uuid>,
    pub valid_from: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl std::fmt::Debug for SigningKeyRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKeyRow")
            .field("id", &self.id)
            .field("key_id", &self.key_id)
            .field("signer_name", &self.signer_name)
            .field("revoked_at", &self.revoked_at)
            .finish()
    }
}

/// A signing key as audited and published: everything but the encrypted key, which appears as
/// its SHA-256 (a passphrase change shows as a new digest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SigningKeySnapshot {
    pub id: Uuid,
    pub user_id: Uuid,
    pub key_id: String,
    pub public_key: String,
    pub encrypted_key_sha256: String,
    pub signer_name: String,
    pub position: String,
    pub organisation_id: Option<Uuid>,
    pub valid_from: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl SigningKeyRow {
    pub fn snapshot(&self) -> SigningKeySnapshot {
        SigningKeySnapshot {
            id: self.id,
            user_id: self.user_id,
            key_id: self.key_id.clone(),
            public_key: self.public_key.clone(),
            encrypted_key_sha256: hex::encode(Sha256::digest(self.encrypted_key.as_bytes())),
            signer_name: self.signer_name.clone(),
            position: self.position.clone(),
            organisation_id: self.organisation_id,
            valid_from: self.valid_from,
            revoked_at: self.revoked_at,
            revoked_reason: self.revoked_reason.clone(),
            version: self.version,
            updated_at: self.updated_at,
        }
    }
}

/// A key made at enrolment.
#[derive(Clone)]
pub struct NewKey {
    pub user_id: Uuid,
    pub key_id: String,
    pub public_key: String,
    pub encrypted_key: String,
    pub signer_name: String,
    pub position: String,
    pub organisation_id: Option<Uuid>,
}

macro_rules! key_cols {
    () => {
        "SELECT id, user_id, key_id, public_key, encrypted_key, signer_name, position, \
         organisation_id, valid_from, revoked_at, revoked_reason, version, updated_at \
         FROM signing_keys "
    };
}

const KEY_BY_ID: &str = concat!(key_cols!(), "WHERE id = $1");
const KEY_ACTIVE: &str = concat!(key_cols!(), "WHERE user_id = $1 AND revoked_at IS NULL");
const KEYS_ALL: &str = concat!(key_cols!(), "ORDER BY valid_from, id");
const KEYS_OF_USER: &str = concat!(key_cols!(), "WHERE user_id = $1 ORDER BY valid_from DESC");

async fn key_in_tx(tx: &mut Tx, id: Uuid) -> Result<SigningKeyRow> {
    crate::on_tx!(tx, c => sqlx::query_as::<_, SigningKeyRow>(KEY_BY_ID)
        .bind(id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

/// The official's active key, read inside the transaction that will use it.
pub async fn active_key_in_tx(tx: &mut Tx, user_id: Uuid) -> Result<Option<SigningKeyRow>> {
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, SigningKeyRow>(KEY_ACTIVE)
        .bind(user_id).fetch_optional(c).await)?;
    Ok(row)
}

/// The official's active key.
pub async fn active_key(db: &Db, user_id: Uuid) -> Result<Option<SigningKeyRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, SigningKeyRow>(KEY_ACTIVE)
        .bind(user_id).fetch_optional(p).await)?;
    Ok(row)
}

/// Every key the official has had, newest first.
pub async fn keys_of(db: &Db, user_id: Uuid) -> Result<Vec<SigningKeySnapshot>> {
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, SigningKeyRow>(KEYS_OF_USER)
        .bind(user_id).fetch_all(p).await)?;
    Ok(rows.iter().map(SigningKeyRow::snapshot).collect())
}

/// Every key ever enrolled, revoked ones included (the public key registry).
pub async fn all_keys(db: &Db) -> Result<Vec<SigningKeySnapshot>> {
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, SigningKeyRow>(KEYS_ALL)
        .fetch_all(p).await)?;
    Ok(rows.iter().map(SigningKeyRow::snapshot).collect())
}

/// Enrols a key, valid from `ctx.at`. `Duplicate` when the official already has an active key
/// (or the key id is taken).
pub async fn enrol(tx: &mut Tx, ctx: &AuditCtx, new: &NewKey) -> Result<SigningKeyRow> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO signing_keys (id, user_id, key_id, public_key, encrypted_key, \
               signer_name, position, organisation_id, valid_from, version, updated_at) \
               VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,1,$9)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(new.user_id).bind(&new.key_id).bind(&new.public_key)
        .bind(&new.encrypted_key).bind(&new.signer_name).bind(&new.position)
        .bind(new.organisation_id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = key_in_tx(tx, id).await?;
    audit::record(
        tx,
        ctx,
        Change::new("create", KEY_SUBJECT, id).after(&row.snapshot())?,
    )
    .await?;
    Ok(row)
}

/// Replaces the encrypted key (same key pair, new passphrase). `Conflict` when the key changed
/// meanwhile or is revoked.
pub async fn replace_encrypted_key(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    encrypted_key: &str,
) -> Result<SigningKeyRow> {
    let before = key_in_tx(tx, id).await?;
    let sql = "UPDATE signing_keys SET encrypted_key = $1, version = version + 1, updated_at = $2 \
               WHERE id = $3 AND version = $4 AND revoked_at IS NULL";
    let n = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(encrypted_key).bind(ctx.at).bind(id).bind(version)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict(id.to_string()));
    }
    let after = key_in_tx(tx, id).await?;
    let change = Change::new("change_passphrase", KEY_SUBJECT, id)
        .before(&before.snapshot())?
        .after(&after.snapshot())?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// Revokes a key from `ctx.at` on: documents signed before stay authentic, later signatures
/// with it are not. `Conflict` when it changed meanwhile or is already revoked.
pub async fn revoke(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    reason: &str,
) -> Result<SigningKeyRow> {
    let before = key_in_tx(tx, id).await?;
    let sql = "UPDATE signing_keys SET revoked_at = $1, revoked_reason = $2, \
               version = version + 1, updated_at = $1 \
               WHERE id = $3 AND version = $4 AND revoked_at IS NULL";
    let n = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(ctx.at).bind(reason).bind(id).bind(version)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict(id.to_string()));
    }
    let after = key_in_tx(tx, id).await?;
    let change = Change::new("revoke", KEY_SUBJECT, id)
        .before(&before.snapshot())?
        .after(&after.snapshot())?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// The record of a signed document; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct IssuedDocumentRow {
    pub id: Uuid,
    /// A `balai_core::documents::DocumentKind` code.
    pub kind: String,
    pub subject_type: String,
    pub subject_id: String,
    pub organisation_id: Option<Uuid>,
    pub number: String,
    pub title: String,
    pub holder: String,
    pub signer_user_id: Uuid,
    pub signer_name: String,
    pub position: String,
    /// `platform` or `bsre`.
    pub signer_kind: String,
    /// The platform key's id, or `bsre`.
    pub key_id: String,
    /// JSON of the printed fields.
    pub content: String,
    /// SHA-256 (hex) of the canonical JSON of `content`, covered by the QR signature.
    pub content_digest: String,
    pub qr_text: String,
    /// SHA-256 (hex) of the exact signed PDF bytes.
    pub sha256: String,
    pub size_bytes: i64,
    pub object_key: String,
    pub signed_at: DateTime<Utc>,
    /// JSON: the consent statement shown, when, and the request.
    pub consent: String,
}

macro_rules! doc_cols {
    () => {
        "SELECT id, kind, subject_type, subject_id, organisation_id, number, title, holder, \
         signer_user_id, signer_name, position, signer_kind, key_id, content, content_digest, \
         qr_text, sha256, size_bytes, object_key, signed_at, consent FROM issued_documents "
    };
}

const DOC_BY_ID: &str = concat!(doc_cols!(), "WHERE id = $1");
const DOCS_OF_SUBJECT: &str = concat!(
    doc_cols!(),
    "WHERE subject_type = $1 AND subject_id = $2 ORDER BY signed_at, id"
);
const DOCS_ALL: &str = concat!(doc_cols!(), "ORDER BY id");

/// Records a signed document (its bytes already in the object store), audited.
pub async fn insert_document(
    tx: &mut Tx,
    ctx: &AuditCtx,
    doc: &IssuedDocumentRow,
) -> Result<IssuedDocumentRow> {
    let sql = "INSERT INTO issued_documents (id, kind, subject_type, subject_id, organisation_id, \
               number, title, holder, signer_user_id, signer_name, position, signer_kind, key_id, \
               content, content_digest, qr_text, sha256, size_bytes, object_key, signed_at, \
               consent) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18, \
               $19,$20,$21)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(doc.id).bind(&doc.kind).bind(&doc.subject_type).bind(&doc.subject_id)
        .bind(doc.organisation_id).bind(&doc.number).bind(&doc.title).bind(&doc.holder)
        .bind(doc.signer_user_id).bind(&doc.signer_name).bind(&doc.position)
        .bind(&doc.signer_kind).bind(&doc.key_id).bind(&doc.content).bind(&doc.content_digest)
        .bind(&doc.qr_text).bind(&doc.sha256).bind(doc.size_bytes).bind(&doc.object_key)
        .bind(doc.signed_at).bind(&doc.consent)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, IssuedDocumentRow>(DOC_BY_ID)
        .bind(doc.id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(doc.id.to_string()))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", DOCUMENT_SUBJECT, doc.id).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// The document with this id.
pub async fn document(db: &Db, id: Uuid) -> Result<Option<IssuedDocumentRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, IssuedDocumentRow>(DOC_BY_ID)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// The documents issued about one subject, oldest first.
pub async fn documents_of(
    db: &Db,
    subject_type: &str,
    subject_id: &str,
) -> Result<Vec<IssuedDocumentRow>> {
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, IssuedDocumentRow>(DOCS_OF_SUBJECT)
        .bind(subject_type).bind(subject_id).fetch_all(p).await)?;
    Ok(rows)
}

/// Snapshots of every key and issued document, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let keys = crate::on_db!(db.write(), p => sqlx::query_as::<_, SigningKeyRow>(KEYS_ALL)
        .fetch_all(p).await)?;
    let mut v = audit::snapshots_of(
        KEY_SUBJECT,
        keys.iter().map(SigningKeyRow::snapshot).collect(),
        |k| k.id.to_string(),
    )?;
    let docs = crate::on_db!(db.write(), p => sqlx::query_as::<_, IssuedDocumentRow>(DOCS_ALL)
        .fetch_all(p).await)?;
    v.extend(audit::snapshots_of(DOCUMENT_SUBJECT, docs, |d| {
        d.id.to_string()
    })?);
    Ok(v)
}
