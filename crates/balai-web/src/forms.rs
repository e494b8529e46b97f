//! Form input for pages: a lenient extractor that never rejects a body with a bare 400/422
//! (missing fields become empty strings, so the page can show the form again with the input
//! kept and a message next to each field) and checks the CSRF token.

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::auth::{RequestCtx, check_csrf};
use crate::error::AppError;
use crate::state::AppState;

/// An `application/x-www-form-urlencoded` form whose `csrf` field was checked.
///
/// Form structs should use `#[serde(default)]` and `String` fields, then parse into core
/// types, collecting `FieldErrors`.
#[derive(Debug, Clone)]
pub struct PageForm<T>(pub T);

#[derive(serde::Deserialize, Default)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for PageForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = req
            .extensions()
            .get::<RequestCtx>()
            .cloned()
            .unwrap_or_default();
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::TooLarge
                } else {
                    AppError::BadRequest(e.body_text())
                }
            })?;
        let token: CsrfOnly = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        check_csrf(&ctx, &token.csrf)?;
        let value = serde_urlencoded::from_bytes::<T>(&bytes)
            .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))?;
        Ok(PageForm(value))
    }
}

/// Keeps what the user typed and the messages for each field, for re-showing a form.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    pub errors: balai_core::FieldErrors,
    /// A message for the whole form (a conflict, a lockout).
    pub message: Option<String>,
}

impl FormState {
    /// The translated message for `field`, or "" (templates print it when non-empty).
    pub fn error(&self, page: &crate::page::PageCtx, field: &str) -> String {
        self.errors
            .get(field)
            .map(|k| page.t(k))
            .unwrap_or_default()
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.message.is_some()
    }
}
