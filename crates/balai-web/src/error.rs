//! The one error type at the web edge (architecture §4): an HTML error page for pages,
//! RFC 9457 problem+json for the API.
//!
//! `AppError` always renders problem+json and leaves an [`ErrorMark`] in the response; the
//! [`render_error_pages`] layer turns marked responses outside `/api` and `/open311` into the
//! error page in the visitor's language, so handlers never choose.

use askama::Template;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::{CoreError, FieldErrors};
use balai_store::StoreError;
use serde_json::json;

use crate::auth::RequestCtx;
use crate::i18n::{I18n, Lang};
use crate::page::PageCtx;
use crate::state::AppState;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign in required")]
    Unauthorized,
    #[error("second factor required")]
    MfaRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("the form expired; reload the page and submit again")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Field errors (message keys); pages show them next to fields themselves, the API lists them.
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    RateLimited,
    #[error("payload too large")]
    TooLarge,
    /// The database could not take a write now; nothing was stored, the client may retry.
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal(String),
}

/// Left in an error response so the page layer can render it as HTML.
#[derive(Debug, Clone, Copy)]
pub struct ErrorMark {
    pub status: StatusCode,
    pub title_key: &'static str,
    pub body_key: &'static str,
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized | AppError::MfaRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn keys(&self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => ("error-404-title", "error-404-body"),
            AppError::Unauthorized | AppError::MfaRequired => ("error-401-title", "error-401-body"),
            AppError::Forbidden => ("error-403-title", "error-403-body"),
            AppError::Csrf => ("error-csrf-title", "error-csrf-body"),
            AppError::BadRequest(_) | AppError::Invalid(_) => ("error-400-title", "error-400-body"),
            AppError::Conflict(_) => ("error-409-title", "error-409-body"),
            AppError::RateLimited => ("error-429-title", "error-429-body"),
            AppError::TooLarge => ("error-413-title", "error-413-body"),
            AppError::Unavailable => ("error-503-title", "error-503-body"),
            AppError::Internal(_) => ("error-500-title", "error-500-body"),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => AppError::NotFound,
            StoreError::Duplicate(m) | StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Invalid(f) => AppError::Invalid(f),
            StoreError::Unavailable(m) => {
                tracing::warn!(error = %m, "a write could not be committed");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "store error");
                AppError::Internal(other.to_string())
            }
        }
    }
}

impl From<CoreError> for AppError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::Invalid { field, message_key } => {
                let mut f = FieldErrors::new();
                f.add(&field, &message_key);
                AppError::Invalid(f)
            }
            CoreError::Forbidden(_) => AppError::Forbidden,
            CoreError::Conflict(m) => AppError::Conflict(m),
            CoreError::NotFound(_) => AppError::NotFound,
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        tracing::error!(error = %e, "template error");
        AppError::Internal(e.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (title_key, body_key) = self.keys();
        let i18n = I18n::global();
        let mut body = json!({
            "type": "about:blank",
            "title": i18n.t(Lang::En, title_key),
            "status": status.as_u16(),
            "detail": i18n.t(Lang::En, body_key),
        });
        if let AppError::Invalid(f) = &self {
            body["errors"] = f
                .0
                .iter()
                .map(|(field, key)| json!({"field": field, "code": key, "message": i18n.t(Lang::En, key)}))
                .collect();
        }
        if let AppError::Conflict(m) | AppError::BadRequest(m) = &self {
            body["detail"] = json!(m);
        }
        let mut res = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            Json(body),
        )
            .into_response();
        res.extensions_mut().insert(ErrorMark {
            status,
            title_key,
            body_key,
        });
        res
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: PageCtx,
    title: String,
    message: String,
    status: u16,
}

/// Turns marked error responses of page routes into the HTML error page; sends visitors who
/// must sign in to `/masuk` (or to the second factor when only that is missing).
pub async fn render_error_pages(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let ctx = req
        .extensions()
        .get::<RequestCtx>()
        .cloned()
        .unwrap_or_default();
    let is_api = ctx.path.starts_with("/api") || ctx.path.starts_with("/open311");
    let method_is_get = req.method() == axum::http::Method::GET;
    let original_uri = req.uri().to_string();
    let res = next.run(req).await;
    let mark = match res.extensions().get::<ErrorMark>().copied() {
        Some(m) => m,
        // The body-limit layer answers 413 on its own; give it the same page.
        None if res.status() == StatusCode::PAYLOAD_TOO_LARGE => ErrorMark {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            title_key: "error-413-title",
            body_key: "error-413-body",
        },
        None => return res,
    };
    if is_api {
        return res;
    }
    if mark.status == StatusCode::UNAUTHORIZED {
        let target = if mark.title_key == "error-401-title" && ctx.user.is_some() {
            "/masuk/totp".to_string()
        } else if method_is_get {
            format!("/masuk?lanjut={}", urlencode(&original_uri))
        } else {
            "/masuk".to_string()
        };
        return Redirect::to(&target).into_response();
    }
    let page = PageCtx::from_ctx(&ctx, state.mall_name());
    let t = ErrorPage {
        title: page.t(mark.title_key),
        message: page.t(mark.body_key),
        status: mark.status.as_u16(),
        page,
    };
    match t.render() {
        Ok(html) => (mark.status, Html(html)).into_response(),
        Err(_) => res,
    }
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The fallback for unknown routes.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
