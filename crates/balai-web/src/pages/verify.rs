//! Public verification of issued documents (Batang Pasal 14–15): `/verifikasi/{id}` says
//! whether the document is authentic, who signed it, in what position and when; anyone can
//! upload the PDF to compare it (one changed byte → not authentic). `/verifikasi/kunci` and
//! `/verifikasi/kunci.json` publish every signing key ever enrolled, revoked ones with their
//! dates, so a document can be checked offline (`balai verify-document`) years later.
//!
//! A scanned QR code opens `/verifikasi/{id}?k={key id}&s={signature}`: the page checks that
//! signature against the record's printed fields. Without the query, the record's own QR text
//! is checked. A BSrE-signed document carries BSrE's signature, not ours: its record is shown
//! and an uploaded file is authentic when it is byte for byte the file that was issued.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use balai_docs::sign::{NotAuthenticReason, TrustedKey, Verdict, verify_pdf, verify_qr};
use balai_store::signing::{self as store, IssuedDocumentRow};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::auth::{RequestCtx, check_csrf};
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::notify::when;
use crate::signing::{qr_claim, trusted_keys};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/verifikasi/kunci", get(keys_page))
        .route("/verifikasi/kunci.json", get(keys_json))
        .route("/verifikasi/{id}", get(show).post(compare))
}

/// The largest PDF accepted for comparison (the router takes up to 12 MiB).
const MAX_UPLOAD: usize = 10 * 1024 * 1024;

/// What the page concludes.
struct Outcome {
    authentic: bool,
    /// The message key saying why not (empty when authentic).
    reason: &'static str,
}

impl Outcome {
    fn yes() -> Outcome {
        Outcome {
            authentic: true,
            reason: "",
        }
    }

    fn no(reason: &'static str) -> Outcome {
        Outcome {
            authentic: false,
            reason,
        }
    }
}

fn reason_key(r: NotAuthenticReason) -> &'static str {
    match r {
        NotAuthenticReason::NotSigned => "verify-reason-not-signed",
        NotAuthenticReason::Malformed => "verify-reason-malformed",
        NotAuthenticReason::ContentChanged => "verify-reason-content-changed",
        NotAuthenticReason::SignatureInvalid => "verify-reason-signature-invalid",
        NotAuthenticReason::UnknownKey => "verify-reason-unknown-key",
        NotAuthenticReason::KeyNotYetValid => "verify-reason-key-not-yet-valid",
        NotAuthenticReason::KeyRevoked => "verify-reason-key-revoked",
        NotAuthenticReason::SignerMismatch => "verify-reason-signer-mismatch",
    }
}

fn outcome(v: &Verdict) -> Outcome {
    match v {
        Verdict::Authentic(_) => Outcome::yes(),
        Verdict::NotAuthentic { reason, .. } => Outcome::no(reason_key(*reason)),
    }
}

#[derive(Template)]
#[template(path = "verify/show.html")]
struct ShowPage {
    page: PageCtx,
    doc: IssuedDocumentRow,
    /// (label, value) of the printed fields.
    fields: Vec<(String, String)>,
    signed_at: String,
    /// The verdict on the record (or the scanned QR).
    record: Outcome,
    /// The verdict on an uploaded file, after a comparison.
    file: Option<Outcome>,
    upload_error: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct QrQuery {
    k: String,
    s: String,
}

async fn document(
    st: &AppState,
    raw: Result<Path<String>, PathRejection>,
) -> Result<IssuedDocumentRow, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let id = Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)?;
    store::document(&st.db, id).await?.ok_or(AppError::NotFound)
}

/// Checks the record, or the QR signature scanned from paper.
fn record_outcome(doc: &IssuedDocumentRow, q: &QrQuery, keys: &[TrustedKey]) -> Outcome {
    let Some(claim) = qr_claim(doc) else {
        return Outcome::no("verify-reason-record-changed");
    };
    if doc.signer_kind == "bsre" {
        return Outcome::yes();
    }
    let qr_text = if q.k.is_empty() && q.s.is_empty() {
        doc.qr_text.clone()
    } else {
        format!("/verifikasi/{}?k={}&s={}", doc.id, q.k.trim(), q.s.trim())
    };
    outcome(&verify_qr(&qr_text, &claim, keys))
}

fn printed_fields(doc: &IssuedDocumentRow) -> Vec<(String, String)> {
    let content: serde_json::Value = serde_json::from_str(&doc.content).unwrap_or_default();
    content
        .get("fields")
        .and_then(|f| serde_json::from_value::<Vec<(String, String)>>(f.clone()).ok())
        .unwrap_or_default()
}

async fn render(
    page: PageCtx,
    st: &AppState,
    doc: IssuedDocumentRow,
    q: &QrQuery,
    file: Option<Outcome>,
    upload_error: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let keys = trusted_keys(&st.db).await?;
    let record = record_outcome(&doc, q, &keys);
    let view = ShowPage {
        fields: printed_fields(&doc),
        signed_at: when(st, &page, doc.signed_at),
        record,
        file,
        upload_error,
        doc,
        page,
    };
    Ok((status, Html(view.render()?)).into_response())
}

async fn show(
    page: PageCtx,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<QrQuery>,
) -> Result<Response, AppError> {
    let doc = document(&st, raw).await?;
    render(page, &st, doc, &q, None, String::new(), StatusCode::OK).await
}

/// Compares an uploaded file with the issued document.
fn file_outcome(doc: &IssuedDocumentRow, bytes: &[u8], keys: &[TrustedKey]) -> Outcome {
    let identical = hex::encode(Sha256::digest(bytes)) == doc.sha256;
    if doc.signer_kind == "bsre" {
        return if identical {
            Outcome::yes()
        } else {
            Outcome::no("verify-reason-content-changed")
        };
    }
    match verify_pdf(bytes, keys) {
        Verdict::Authentic(info) if info.doc_id != doc.id => {
            Outcome::no("verify-reason-other-document")
        }
        Verdict::Authentic(_) if !identical => Outcome::no("verify-reason-content-changed"),
        v => outcome(&v),
    }
}

async fn compare(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let doc = document(&st, raw).await?;
    let q = QrQuery::default();
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    // A form that is not multipart carries no file: ask for one (nothing is written either way).
    let Ok(mut mp) = body else {
        let msg = page.t("err-file-empty");
        return render(page, &st, doc, &q, None, msg, status).await;
    };
    let (mut csrf, mut bytes) = (String::new(), Vec::new());
    while let Some(mut field) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let mut kept = Vec::new();
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?
        {
            let room = (MAX_UPLOAD + 1).saturating_sub(kept.len());
            kept.extend_from_slice(&chunk[..room.min(chunk.len())]);
        }
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&kept[..kept.len().min(256)]).into_owned(),
            "file" => bytes = kept,
            _ => {}
        }
    }
    check_csrf(&ctx, csrf.trim())?;
    if bytes.is_empty() {
        let msg = page.t("err-file-empty");
        return render(page, &st, doc, &q, None, msg, status).await;
    }
    if bytes.len() > MAX_UPLOAD {
        let msg = page.t("verify-err-too-large");
        return render(page, &st, doc, &q, None, msg, status).await;
    }
    let keys = trusted_keys(&st.db).await?;
    let file = file_outcome(&doc, &bytes, &keys);
    render(
        page,
        &st,
        doc,
        &q,
        Some(file),
        String::new(),
        StatusCode::OK,
    )
    .await
}

/// One key of the public registry.
#[derive(Debug, Serialize)]
pub struct PublicKeyEntry {
    pub key_id: String,
    /// Ed25519 public key, 64 hex digits.
    pub public_key: String,
    pub signer_name: String,
    pub position: String,
    pub valid_from: chrono::DateTime<chrono::Utc>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

async fn registry(st: &AppState) -> Result<Vec<PublicKeyEntry>, AppError> {
    Ok(store::all_keys(&st.db)
        .await?
        .into_iter()
        .map(|k| PublicKeyEntry {
            key_id: k.key_id,
            public_key: k.public_key,
            signer_name: k.signer_name,
            position: k.position,
            valid_from: k.valid_from,
            revoked_at: k.revoked_at,
        })
        .collect())
}

async fn keys_json(State(st): State<AppState>) -> Result<Response, AppError> {
    Ok(Json(registry(&st).await?).into_response())
}

struct KeyLine {
    key: PublicKeyEntry,
    valid_from: String,
    revoked_at: String,
}

#[derive(Template)]
#[template(path = "verify/keys.html")]
struct KeysPage {
    page: PageCtx,
    keys: Vec<KeyLine>,
}

async fn keys_page(page: PageCtx, State(st): State<AppState>) -> Result<Response, AppError> {
    let keys = registry(&st)
        .await?
        .into_iter()
        .map(|key| KeyLine {
            valid_from: when(&st, &page, key.valid_from),
            revoked_at: key
                .revoked_at
                .map(|at| when(&st, &page, at))
                .unwrap_or_default(),
            key,
        })
        .collect();
    Ok(Html(KeysPage { page, keys }.render()?).into_response())
}
