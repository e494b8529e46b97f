//! `GET /dokumen/{id}`: the signed PDF of an issued document, byte for byte as it was signed,
//! for the issuing organisation's staff and whoever the subject's area allows (see
//! `signing::access`).

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use balai_store::signing as store;
use object_store::ObjectStoreExt;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::signing::access::require_download;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/dokumen/{id}", get(download))
}

async fn download(
    s: SignedIn,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let id = Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)?;
    let doc = store::document(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    require_download(&st, &s, &doc).await?;
    let path = object_store::path::Path::from(doc.object_key.as_str());
    let got = st.files.get(&path).await.map_err(|e| {
        tracing::error!(error = %e, key = %doc.object_key, "issued document unreadable");
        AppError::Internal(e.to_string())
    })?;
    let size = got.meta.size;
    // Numbers hold slashes: the file name keeps only letters, digits and dashes.
    let name: String = doc
        .number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}.pdf\""))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut res = Body::from_stream(got.into_stream()).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    h.insert(header::CONTENT_DISPOSITION, disposition);
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(res)
}
