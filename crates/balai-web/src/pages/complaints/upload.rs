//! Reading the complaint form, which is `multipart/form-data` because it carries evidence
//! files (Seluma Pasal 52). Text fields are kept (cut at a bound no valid input reaches, so
//! the form can be shown again with what was typed); files are kept up to one byte over the
//! limit, enough to tell the person the file is too large. The CSRF token is a field here.

use std::collections::HashMap;

use axum::extract::multipart::{Field, Multipart, MultipartError};
use axum::http::StatusCode;

use crate::error::AppError;

/// The largest evidence file accepted, in bytes.
pub const MAX_EVIDENCE_BYTES: usize = 5 * 1024 * 1024;
/// Evidence files one complaint may carry.
pub const MAX_EVIDENCE_FILES: usize = 3;
/// Text fields longer than this (in bytes) are cut: every limit of the form is below it.
const MAX_TEXT_FIELD: usize = 24 * 1024;

/// One uploaded file as received.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Every field of the body: texts by name, and the files of the `evidence` field.
#[derive(Default)]
pub struct Body {
    pub fields: HashMap<String, String>,
    pub files: Vec<Upload>,
    /// More files were sent than [`MAX_EVIDENCE_FILES`].
    pub too_many_files: bool,
}

impl Body {
    /// The text of `name`, or "".
    pub fn get(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

fn unreadable(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest(e.body_text())
    }
}

async fn read_capped(field: &mut Field<'_>, cap: usize) -> Result<Vec<u8>, AppError> {
    let mut kept = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
        let room = cap.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..room.min(chunk.len())]);
    }
    Ok(kept)
}

/// Reads the whole body. An empty file input (no file chosen) sends a part with no name and
/// no bytes; it is skipped.
pub async fn read(mut mp: Multipart) -> Result<Body, AppError> {
    let mut body = Body::default();
    while let Some(mut field) = mp.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "evidence" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = read_capped(&mut field, MAX_EVIDENCE_BYTES + 1).await?;
            if file_name.is_empty() && bytes.is_empty() {
                continue;
            }
            if body.files.len() == MAX_EVIDENCE_FILES {
                body.too_many_files = true;
            } else {
                body.files.push(Upload { file_name, bytes });
            }
        } else {
            let bytes = read_capped(&mut field, MAX_TEXT_FIELD).await?;
            body.fields
                .insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(body)
}
