//! `POST /akun/permohonan/{id}/dokumen`: uploading one required document (Batang Pasal 8(1)):
//! a size limit, the type told by the content and allowed by the requirement, active or
//! foreign content refused (`balai_core::files::check_upload`), the bytes stored under a random
//! key through `object_store`, the SHA-256 recorded. A new upload of the same requirement
//! becomes its next version; the earlier ones are kept.

use axum::extract::multipart::{Field, Multipart, MultipartError, MultipartRejection};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use balai_core::FieldErrors;
use balai_core::files::{FileKind, check_upload, clean_file_name};
use balai_store::files::{self, NewFile};
use balai_store::permits::{self as store, ApplicationRow};
use object_store::ObjectStoreExt;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{PermitService, own_application};
use crate::auth::{SignedIn, check_csrf};
use crate::error::AppError;
use crate::forms::FormState;
use crate::i18n::{I18n, arg};
use crate::page::PageCtx;
use crate::state::AppState;

/// The largest document accepted (the router takes bodies up to 12 MiB, so a slightly larger
/// file still reaches the handler and gets the message next to its field).
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
/// Text fields longer than this are cut: they are never valid.
const MAX_TEXT_FIELD: usize = 256;

#[derive(Default)]
struct Upload {
    csrf: String,
    requirement: String,
    file_name: String,
    bytes: Vec<u8>,
}

fn unreadable(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest(e.body_text())
    }
}

/// Reads a field to its end, keeping at most `max` bytes.
async fn read_field(field: &mut Field<'_>, max: usize) -> Result<Vec<u8>, AppError> {
    let mut kept = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
        let room = max.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..room.min(chunk.len())]);
    }
    Ok(kept)
}

async fn read_upload(mut mp: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload::default();
    while let Some(mut field) = mp.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "csrf" | "requirement" => {
                let text = String::from_utf8_lossy(&read_field(&mut field, MAX_TEXT_FIELD).await?)
                    .into_owned();
                if name == "csrf" {
                    up.csrf = text;
                } else {
                    up.requirement = text;
                }
            }
            "file" => {
                up.file_name = field.file_name().unwrap_or_default().to_owned();
                up.bytes = read_field(&mut field, MAX_DOCUMENT_BYTES + 1).await?;
            }
            _ => {
                read_field(&mut field, 0).await?;
            }
        }
    }
    Ok(up)
}

fn kinds(types: &[String]) -> Vec<FileKind> {
    FileKind::ALL
        .into_iter()
        .filter(|k| {
            types.iter().any(|t| {
                t.eq_ignore_ascii_case(k.extension()) || (t == "jpeg" && *k == FileKind::Jpeg)
            })
        })
        .collect()
}

pub(super) async fn upload(
    page: PageCtx,
    State(st): State<AppState>,
    s: SignedIn,
    raw: Result<Path<String>, PathRejection>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let app = own_application(&st, &s, raw).await?;
    let up = read_upload(body.map_err(|_| AppError::Csrf)?).await?;
    check_csrf(&s.ctx, up.csrf.trim())?;
    let ps = PermitService::of(&st, &app).await?;
    let index: usize = up
        .requirement
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let (_, req) = ps
        .uploads()
        .find(|(i, _)| *i == index)
        .ok_or(AppError::NotFound)?;
    let field = format!("doc-{index}");
    let docs = store::documents(&st.db, app.id).await?;
    let views = super::account::doc_views(&page, &ps, &app, &docs, &FormState::default());
    if !views.iter().any(|v| v.index == index && v.can_upload) {
        return Err(AppError::Conflict(
            "this document cannot be changed now".into(),
        ));
    }
    let kind = match check_upload(&up.bytes, &kinds(&req.file_types), MAX_DOCUMENT_BYTES) {
        Ok(kind) => kind,
        Err(e) => {
            let key = e.message_key().unwrap_or("err-file-type").to_owned();
            return refused(&page, &st, &ps, &app, &field, &key).await;
        }
    };
    let key = format!(
        "applications/{}/{}.{}",
        app.id,
        Uuid::now_v7(),
        kind.extension()
    );
    let path = object_store::path::Path::from(key.clone());
    let new = NewFile {
        object_key: key,
        file_name: clean_file_name(&up.file_name, kind),
        content_type: kind.content_type().to_owned(),
        size_bytes: i64::try_from(up.bytes.len()).unwrap_or(i64::MAX),
        sha256: hex::encode(Sha256::digest(&up.bytes)),
    };
    if let Err(e) = st.files.put(&path, up.bytes.into()).await {
        tracing::error!(error = %e, "an application document could not be stored");
        return Err(AppError::Internal(e.to_string()));
    }
    let ctx = super::apply::audit_ctx(&st, &s);
    let saved = async {
        let mut tx = st.db.begin().await?;
        let file = files::insert(&mut tx, &ctx, &new).await?;
        store::add_document(&mut tx, &ctx, app.id, &req.name, file.id).await?;
        tx.commit().await
    }
    .await;
    if let Err(e) = saved {
        // Nothing points at the object now: remove it rather than leave an orphan.
        if let Err(de) = st.files.delete(&path).await {
            tracing::error!(error = %de, key = %new.object_key, "orphaned upload not deleted");
        }
        return Err(e.into());
    }
    Ok(Redirect::to(&format!("/akun/permohonan/{}#dokumen", app.id)).into_response())
}

/// The application page again, 422, with the upload's message next to its field.
async fn refused(
    page: &PageCtx,
    st: &AppState,
    ps: &PermitService,
    app: &ApplicationRow,
    field: &str,
    key: &str,
) -> Result<Response, AppError> {
    let text_key = if key == "err-file-too-large" {
        let max = MAX_DOCUMENT_BYTES / (1024 * 1024);
        I18n::global().t_args(page.lang, key, Some(&arg("max", max)))
    } else {
        page.t(key)
    };
    let mut errors = FieldErrors::new();
    errors.add(field, key);
    let form = FormState {
        errors,
        message: Some(text_key),
    };
    let values = app.values()?;
    let html = super::account::draft_view(page, st, ps, app, values, form).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
