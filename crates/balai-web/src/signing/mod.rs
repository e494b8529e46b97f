//! Signing and issuing documents (Batang Pasal 11(3–4), 14–15), for any area that issues one.
//!
//! [`issue`] is the one entry point: given the signing official, what they typed (signing
//! passphrase, TOTP code, consent) and a [`DocumentContent`], it checks the TOTP code (each code
//! once), takes the next document number, renders the PDF/A with the QR code, signs it through
//! the configured [`DocumentSigner`] (the platform's own key, or BSrE), stores the PDF through
//! `object_store` and records the `issued_documents` row — all in the caller's transaction, so
//! the caller's own change (an application moving to "signed") and the document commit or fail
//! together. Anything the official can fix comes back as [`IssueError::Fields`] (message keys
//! next to `passphrase`, `totp`, `consent`); the caller then drops the transaction and nothing
//! is changed.
//!
//! The signing takes a fraction of a second (Argon2id opens the key) or, with BSrE, a round
//! trip, while the caller's transaction is open: signing is rare, and one transaction keeps the
//! number gap-free and the record whole. If the caller's transaction does not commit, the PDF
//! stays in the object store with nothing pointing at it; it is never served.

use std::sync::Arc;

use balai_core::FieldErrors;
use balai_core::documents::{DocumentKind, format_number};
use balai_docs::pdf::render_pdf;
use balai_docs::sign::{SignError, SignedFields};
use balai_docs::signer::{
    BsreConfig, BsreIdentity, BsreSigner, DocumentSigner, SignRequest, SignerAccount,
    SignerCredential,
};
use balai_store::audit::AuditCtx;
use balai_store::identity::SessionUser;
use balai_store::signing::{self as store, IssuedDocumentRow};
use balai_store::{StoreError, Tx};
use chrono::{Datelike, Duration, NaiveDate, SecondsFormat, SubsecRound};
use object_store::ObjectStoreExt;
use serde::Serialize;
use uuid::Uuid;

pub mod access;
mod render;

use crate::error::AppError;
use crate::state::AppState;

/// Which signer the region uses (`BALAI_SIGNER`): the platform's own, or BSrE's API.
#[derive(Debug, Clone, Default)]
pub enum SignerChoice {
    #[default]
    Platform,
    Bsre(BsreConfig),
}

/// Builds the configured signer. A BSrE client that cannot be built (no TLS) refuses every
/// signing with "the signing service cannot be reached" rather than stopping the site.
pub fn build_signer(choice: &SignerChoice) -> Arc<dyn DocumentSigner> {
    match choice {
        SignerChoice::Platform => Arc::new(balai_docs::signer::PlatformSigner),
        SignerChoice::Bsre(config) => match BsreSigner::new(config.clone()) {
            Ok(s) => Arc::new(s),
            Err(e) => {
                tracing::error!(error = %e, "the BSrE client could not be built");
                Arc::new(Unreachable(e.to_string()))
            }
        },
    }
}

/// A signer that cannot work; says so on every attempt.
struct Unreachable(String);

#[async_trait::async_trait]
impl DocumentSigner for Unreachable {
    fn kind(&self) -> &'static str {
        "bsre"
    }

    async fn sign(&self, _req: SignRequest<'_>) -> Result<balai_docs::sign::SignedPdf, SignError> {
        Err(SignError::Unavailable(self.0.clone()))
    }
}

/// What a document says, whatever it is (licence, rejection letter, inspection report).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocumentContent {
    pub kind: Option<DocumentKind>,
    /// What the document is about, e.g. ("application", its id).
    pub subject_type: String,
    pub subject_id: String,
    /// The organisation that issues it (its staff may download it).
    pub organisation_id: Option<Uuid>,
    /// e.g. "SURAT IZIN USAHA PERDAGANGAN".
    pub title: String,
    /// Who the document is for.
    pub holder: String,
    /// `label : value` rows under the number (NIK, address, business name …).
    pub fields: Vec<(String, String)>,
    /// What is permitted (a licence) or decided.
    pub permitted: Vec<String>,
    pub conditions: Vec<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    /// Free paragraphs (considerations, reasons for a rejection).
    pub paragraphs: Vec<String>,
    /// The agency under the regional letterhead, e.g. "DINAS PENANAMAN MODAL DAN PTSP".
    pub agency_name: String,
    /// Place of signing, e.g. "Mesuji".
    pub place: String,
}

/// What the official typed to sign.
#[derive(Clone, Default)]
pub struct SignInput {
    pub passphrase: String,
    pub totp: String,
    /// The official ticked the consent statement ([`CONSENT_KEY`]).
    pub consent: bool,
}

/// The message key of the consent statement the official agrees to.
pub const CONSENT_KEY: &str = "signing-consent";

/// Why a document was not issued.
#[derive(Debug)]
pub enum IssueError {
    /// Something the official can fix, next to `passphrase`, `totp` or `consent`.
    Fields(FieldErrors),
    Other(AppError),
}

impl From<StoreError> for IssueError {
    fn from(e: StoreError) -> Self {
        IssueError::Other(e.into())
    }
}

impl From<AppError> for IssueError {
    fn from(e: AppError) -> Self {
        IssueError::Other(e)
    }
}

fn field(name: &str, key: &str) -> IssueError {
    let mut e = FieldErrors::new();
    e.add(name, key);
    IssueError::Fields(e)
}

/// Attempts to open an official's key in five minutes. A TOTP code is spent only when the
/// signing commits, so without this limit a stolen session could guess passphrases with one
/// code; each signing needs a fresh code (one per 30 s), so ten leave room for real work.
const SIGN_TRIES_PER_5_MIN: usize = 10;

/// Counts one attempt to open the official's key; false once they are over the limit.
pub(crate) fn allow_attempt(st: &AppState, user_id: Uuid) -> bool {
    st.limiter.allow(
        &format!("sign:{user_id}"),
        SIGN_TRIES_PER_5_MIN,
        Duration::minutes(5),
        st.clock.now(),
    )
}

/// Signs `content` as `signer` and records it in `tx` (see the module docs).
pub async fn issue(
    st: &AppState,
    tx: &mut Tx,
    ctx: &AuditCtx,
    signer: &SessionUser,
    input: &SignInput,
    content: &DocumentContent,
) -> Result<IssuedDocumentRow, IssueError> {
    let kind = content
        .kind
        .ok_or_else(|| IssueError::Other(AppError::BadRequest("no document kind".into())))?;
    if !input.consent {
        return Err(field("consent", "signing-err-consent"));
    }
    if !allow_attempt(st, signer.user_id) {
        return Err(field("passphrase", "auth-rate-limited"));
    }
    crate::pages::auth::totp::check_in_tx(st, tx, signer.user_id, &input.totp)
        .await?
        .map_err(|key| field("totp", key))?;
    let (account, position) = account_of(st, tx, signer).await?;
    let signed_at = ctx.at.trunc_subsecs(0);
    let number = next_number(st, tx, kind, signed_at).await?;
    let doc_id = balai_core::ids::new_id();
    let printed = printed_content(content, &number, &position, signed_at);
    let digest = balai_docs::digest::content_digest(&printed);
    let fields = SignedFields {
        doc_id,
        number: number.clone(),
        holder: content.holder.trim().to_string(),
        signer_name: signer.display_name.clone(),
        signer_position: position.clone(),
        signed_at,
        content_digest: digest,
        verify_url: format!(
            "{}/verifikasi/{doc_id}",
            st.config.public_url.trim_end_matches('/')
        ),
    };
    let spec = render::Spec::new(st, content, &fields);
    let render = |qr: &str| render_pdf(&spec.with_qr(qr));
    let request = SignRequest {
        fields: fields.clone(),
        credential: SignerCredential::passphrase(input.passphrase.clone()),
        signer: account,
        render: &render,
    };
    let signed = st
        .signer
        .sign(request)
        .await
        .map_err(|e| sign_failure(&e))?;
    let object_key = format!("documents/{doc_id}.pdf");
    let path = object_store::path::Path::from(object_key.clone());
    let size = i64::try_from(signed.bytes.len()).unwrap_or(i64::MAX);
    st.files
        .put(&path, signed.bytes.into())
        .await
        .map_err(|e| AppError::Internal(format!("the signed document could not be stored: {e}")))?;
    let consent = serde_json::json!({
        "statement": crate::i18n::I18n::global().t(crate::i18n::Lang::Id, CONSENT_KEY),
        "at": ctx.at,
        "request_id": ctx.request_id,
        "user_id": signer.user_id,
    });
    let row = IssuedDocumentRow {
        id: doc_id,
        kind: kind.as_str().to_string(),
        subject_type: content.subject_type.clone(),
        subject_id: content.subject_id.clone(),
        organisation_id: content.organisation_id,
        number,
        title: content.title.clone(),
        holder: fields.holder.clone(),
        signer_user_id: signer.user_id,
        signer_name: signer.display_name.clone(),
        position,
        signer_kind: st.signer.kind().to_string(),
        key_id: signed.key_id,
        content: printed.to_string(),
        content_digest: hex::encode(digest),
        qr_text: signed.qr_text,
        sha256: signed.sha256,
        size_bytes: size,
        object_key,
        signed_at,
        consent: consent.to_string(),
    };
    Ok(store::insert_document(tx, ctx, &row).await?)
}

/// The signer's account with the configured signer, and the position they sign as.
async fn account_of(
    st: &AppState,
    tx: &mut Tx,
    signer: &SessionUser,
) -> Result<(SignerAccount, String), IssueError> {
    let key = store::active_key_in_tx(tx, signer.user_id).await?;
    if st.signer.kind() == "bsre" {
        let position = key.map(|k| k.position).unwrap_or_default();
        let who = BsreIdentity::Email(signer.email.clone());
        return Ok((SignerAccount::Bsre(who), position));
    }
    let Some(key) = key else {
        return Err(field("passphrase", "signing-err-not-enrolled"));
    };
    let encrypted = key
        .encrypted_key
        .parse()
        .map_err(|e: SignError| field("passphrase", e.message_key()))?;
    Ok((SignerAccount::Platform(encrypted), key.position))
}

fn sign_failure(e: &SignError) -> IssueError {
    tracing::info!(error = %e, "a document was not signed");
    field("passphrase", e.message_key())
}

/// The next number of `kind`, by the region's pattern; the counter restarts each year.
async fn next_number(
    st: &AppState,
    tx: &mut Tx,
    kind: DocumentKind,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<String, IssueError> {
    let set = st.settings.get(&kind.pattern_setting());
    let pattern = if set.trim().is_empty() {
        kind.default_pattern().to_string()
    } else {
        set
    };
    let local = render::local(st, at);
    let series = format!("document:{}:{}", kind.as_str(), local.year());
    let seq = balai_store::sequence::next(tx, &series).await?;
    format_number(&pattern, kind, seq, local.year(), local.month()).map_err(|_| {
        IssueError::Other(AppError::Internal(format!(
            "the document number pattern {pattern:?} is not valid"
        )))
    })
}

/// The printed fields as JSON: what the QR signature's content digest covers and what the
/// verification page shows.
fn printed_content(
    c: &DocumentContent,
    number: &str,
    position: &str,
    signed_at: chrono::DateTime<chrono::Utc>,
) -> serde_json::Value {
    serde_json::json!({
        "kind": c.kind.map(DocumentKind::as_str),
        "number": number,
        "title": c.title.trim(),
        "holder": c.holder.trim(),
        "fields": c.fields,
        "permitted": c.permitted,
        "conditions": c.conditions,
        "valid_from": c.valid_from,
        "valid_until": c.valid_until,
        "paragraphs": c.paragraphs,
        "position": position,
        "signed_at": signed_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    })
}

/// Every key the platform has vouched for, revoked ones included with their dates, as the
/// verifier wants them.
pub async fn trusted_keys(
    db: &balai_store::Db,
) -> Result<Vec<balai_docs::sign::TrustedKey>, StoreError> {
    let keys = store::all_keys(db).await?;
    Ok(keys
        .into_iter()
        .filter_map(|k| {
            let public_key = k.public_key.parse().ok()?;
            Some(balai_docs::sign::TrustedKey {
                key_id: k.key_id,
                public_key,
                signer_name: k.signer_name,
                position: k.position,
                valid_from: k.valid_from,
                revoked_at: k.revoked_at,
            })
        })
        .collect())
}

/// What the record of `doc` says its QR signature covers; `None` when the stored fields no
/// longer give the digest recorded at signing (the record was changed behind our back).
pub fn qr_claim(doc: &IssuedDocumentRow) -> Option<balai_docs::sign::QrClaim> {
    let content: serde_json::Value = serde_json::from_str(&doc.content).ok()?;
    let digest = balai_docs::digest::content_digest(&content);
    if hex::encode(digest) != doc.content_digest {
        return None;
    }
    Some(balai_docs::sign::QrClaim {
        number: doc.number.clone(),
        holder: doc.holder.clone(),
        signed_at: doc.signed_at,
        content_digest: digest,
    })
}
