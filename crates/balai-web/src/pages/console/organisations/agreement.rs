//! `POST /konsol/instansi/{kode}/kesepakatan`: uploading the signed agreement an organisation's
//! membership of the mall rests on (Mesuji Pasal 8(2–3)), as architecture §4 has it: a size
//! limit, the type told by the file's first bytes (PDF only here), the bytes stored under a
//! random key through `object_store`, their SHA-256 recorded.
//!
//! The body is `multipart/form-data`, so [`crate::forms::PageForm`] cannot read it: the CSRF
//! token travels as a field of the multipart body and is checked here. The bytes are written
//! to the object store first, then the `stored_files` row and the organisation's link to it in
//! one transaction; when that transaction fails the object is deleted again.

use axum::Router;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use balai_core::files::{FileKind, check_upload, clean_file_name};
use balai_store::StoreError;
use balai_store::files::{self, NewFile};
use balai_store::organisations::{self as orgs, OrganisationRow};
use object_store::ObjectStoreExt;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::orgs::render_edit;
use super::shared::{self, Msgs};
use crate::auth::{SignedIn, Staff, check_csrf};
use crate::error::AppError;
use crate::i18n::{I18n, arg};
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/konsol/instansi/{kode}/kesepakatan", post(upload))
}

/// The largest agreement document accepted, in bytes (the router takes bodies up to 12 MiB, so
/// a slightly larger file still reaches the handler and gets the message next to the field).
pub const MAX_AGREEMENT_BYTES: usize = 10 * 1024 * 1024;
/// The form field of the file, and the field its messages are shown next to.
const FIELD: &str = "agreement_file";
/// Text fields (the CSRF token, the version) longer than this are cut: they are never valid.
const MAX_TEXT_FIELD: usize = 256;

/// What the multipart body held.
#[derive(Default)]
struct Upload {
    csrf: String,
    version: String,
    file_name: String,
    /// At most `MAX_AGREEMENT_BYTES + 1` bytes: enough to tell that a file is too large.
    bytes: Vec<u8>,
}

/// A body that cannot be read as multipart: 413 when it was over the router's limit.
fn unreadable(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest(e.body_text())
    }
}

/// A short text field, read whole but kept only up to `MAX_TEXT_FIELD` bytes.
async fn text_field(field: &mut axum::extract::multipart::Field<'_>) -> Result<String, AppError> {
    let mut kept = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
        let room = MAX_TEXT_FIELD.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..room.min(chunk.len())]);
    }
    Ok(String::from_utf8_lossy(&kept).into_owned())
}

/// Reads every field. The file is read to its end (so the browser is not cut off mid-send) but
/// only its first `MAX_AGREEMENT_BYTES + 1` bytes are kept.
async fn read_upload(mut mp: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload::default();
    while let Some(mut field) = mp.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "csrf" => up.csrf = text_field(&mut field).await?,
            "version" => up.version = text_field(&mut field).await?,
            FIELD => {
                up.file_name = field.file_name().unwrap_or_default().to_string();
                up.bytes.clear();
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    let room = (MAX_AGREEMENT_BYTES + 1).saturating_sub(up.bytes.len());
                    up.bytes.extend_from_slice(&chunk[..room.min(chunk.len())]);
                }
            }
            _ => while field.chunk().await.map_err(unreadable)?.is_some() {},
        }
    }
    Ok(up)
}

async fn upload(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    // Who may, first: a refused person gets 403 whatever they sent.
    shared::require_manage(&s)?;
    let org = shared::org_from_path(&st, raw).await?;
    shared::require_org(&s, org.id)?;
    // Not multipart at all: no token can be read from it either.
    let up = read_upload(body.map_err(|_| AppError::Csrf)?).await?;
    check_csrf(&s.ctx, up.csrf.trim())?;
    let kind = match check_upload(&up.bytes, &[FileKind::Pdf], MAX_AGREEMENT_BYTES) {
        Ok(kind) => kind,
        Err(e) => {
            let key = e.message_key().unwrap_or("err-file-type").to_string();
            let msgs = field_message(&page, &key);
            let html = render_edit(page, &st, &org, msgs, false).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response());
        }
    };
    let key = format!("agreements/{}.{}", Uuid::now_v7(), kind.extension());
    let path = object_store::path::Path::from(key.clone());
    let new = NewFile {
        object_key: key,
        file_name: clean_file_name(&up.file_name, kind),
        content_type: kind.content_type().to_string(),
        size_bytes: i64::try_from(up.bytes.len()).unwrap_or(i64::MAX),
        sha256: hex::encode(Sha256::digest(&up.bytes)),
    };
    if let Err(e) = st.files.put(&path, up.bytes.into()).await {
        tracing::error!(error = %e, "the agreement document could not be stored");
        return Err(AppError::Internal(e.to_string()));
    }
    let version = shared::version(&up.version);
    match record(&st, &s, &org, version, &new).await {
        Ok(()) => Ok(
            Redirect::to(&format!("/konsol/instansi/{}/ubah?tersimpan=1", org.code))
                .into_response(),
        ),
        Err(e) => {
            // Nothing points at the object now: remove it rather than leave an orphan.
            if let Err(de) = st.files.delete(&path).await {
                tracing::error!(error = %de, key = %new.object_key, "orphaned upload not deleted");
            }
            match e {
                StoreError::Conflict(_) => {
                    let msgs = Msgs {
                        message: page.t("org-conflict"),
                        ..Msgs::default()
                    };
                    let html = render_edit(page, &st, &org, msgs, false).await?;
                    Ok((StatusCode::CONFLICT, Html(html)).into_response())
                }
                other => Err(other.into()),
            }
        }
    }
}

/// The file's record and the organisation's link to it, in one transaction.
async fn record(
    st: &AppState,
    s: &SignedIn,
    org: &OrganisationRow,
    version: i32,
    new: &NewFile,
) -> Result<(), StoreError> {
    let ctx = shared::audit_ctx(st, s);
    let mut tx = st.db.begin().await?;
    let file = files::insert(&mut tx, &ctx, new).await?;
    orgs::attach_agreement(&mut tx, &ctx, org.id, version, file.id).await?;
    tx.commit().await
}

/// The message next to the file field; the size message names the limit in MB.
fn field_message(page: &PageCtx, key: &str) -> Msgs {
    let text = if key == "err-file-too-large" {
        let max = MAX_AGREEMENT_BYTES / (1024 * 1024);
        I18n::global().t_args(page.lang, key, Some(&arg("max", max)))
    } else {
        page.t(key)
    };
    Msgs {
        summary: vec![(FIELD.to_string(), text)],
        message: String::new(),
    }
}
