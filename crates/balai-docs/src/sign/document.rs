//! Signing a document: the QR signature goes into the rendered PDF, then the PDF signature
//! goes into an incremental update of it (see the module docs of [`crate::sign`]).

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::sigdict::{self, SigFields};
use super::{SignError, UnlockedKey};
use crate::DocsError;

/// The longest accepted field value, in characters.
const MAX_FIELD: usize = 1_000;

/// What a signature states about a document.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedFields {
    pub doc_id: Uuid,
    /// The document number, e.g. "503/0123/DPMPTSP/2026".
    pub number: String,
    /// Who the document is for (the licence holder).
    pub holder: String,
    pub signer_name: String,
    pub signer_position: String,
    pub signed_at: DateTime<Utc>,
    /// SHA-256 of the canonical JSON of the document's fields ([`crate::digest`]).
    pub content_digest: [u8; 32],
    /// `{public_url}/verifikasi/{doc_id}`, without query.
    pub verify_url: String,
}

/// A signed document.
#[derive(Clone, PartialEq)]
pub struct SignedPdf {
    pub bytes: Vec<u8>,
    /// SHA-256 (hex) of the whole final file.
    pub sha256: String,
    /// Key id of the platform key, or `"bsre"` for BSrE.
    pub key_id: String,
    /// The text in the document's QR code.
    pub qr_text: String,
    /// The Ed25519 signature in the PDF (standard base64); empty for BSrE, whose signature is
    /// BSrE's own CMS inside the file.
    pub signature_b64: String,
}

impl std::fmt::Debug for SignedPdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedPdf")
            .field("len", &self.bytes.len())
            .field("sha256", &self.sha256)
            .field("key_id", &self.key_id)
            .field("qr_text", &self.qr_text)
            .finish()
    }
}

/// The signing time as it is signed: RFC 3339, UTC, whole seconds (`2026-11-02T02:00:00Z`).
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn check_text(value: &str, name: &'static str, required: bool) -> Result<(), SignError> {
    let bad = value.chars().any(char::is_control)
        || value.chars().count() > MAX_FIELD
        || (required && value.trim().is_empty());
    if bad {
        return Err(SignError::InvalidField(name));
    }
    Ok(())
}

/// Refuses fields that would make the signed texts ambiguous or the QR useless: empty number,
/// holder, signer or position; control characters; over-long values; a verification URL that
/// is not `http(s)://…/{doc_id}` without query or fragment.
pub(crate) fn check_fields(fields: &SignedFields) -> Result<(), SignError> {
    check_text(&fields.number, "number", true)?;
    check_text(&fields.holder, "holder", true)?;
    check_text(&fields.signer_name, "signer_name", true)?;
    check_text(&fields.signer_position, "signer_position", true)?;
    let url = &fields.verify_url;
    let well_formed = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 200
        && !url.contains(['?', '#'])
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        && url.ends_with(&format!("/{}", fields.doc_id));
    if !well_formed {
        return Err(SignError::InvalidField("verify_url"));
    }
    Ok(())
}

/// The text the QR signature is over.
pub(crate) fn qr_message(
    doc_id: Uuid,
    number: &str,
    holder: &str,
    signed_at: DateTime<Utc>,
    key_id: &str,
    content_digest: &[u8; 32],
) -> String {
    [
        "BALAI-QR-1",
        &doc_id.to_string(),
        number,
        holder,
        &timestamp(signed_at),
        key_id,
        &hex::encode(content_digest),
    ]
    .join("\n")
}

/// The text the PDF signature is over.
pub(crate) fn pdf_message(fields: &SigFields, covered_sha256: &[u8; 32]) -> String {
    [
        "BALAI-SIG-1",
        &fields.doc_id.to_string(),
        &fields.number,
        &fields.signer_name,
        &fields.signer_position,
        &timestamp(fields.signed_at),
        &fields.key_id,
        &hex::encode(covered_sha256),
    ]
    .join("\n")
}

/// Signs a document with an unlocked platform key.
///
/// `render(qr_text)` must return the unsigned PDF with that QR text drawn on it (as a
/// [`crate::pdf::Block::Qr`]); the returned file is that PDF with the signature appended.
pub fn sign_document(
    key: &UnlockedKey,
    fields: &SignedFields,
    render: &dyn Fn(&str) -> Result<Vec<u8>, DocsError>,
) -> Result<SignedPdf, SignError> {
    check_fields(fields)?;
    let key_id = key.key_id();
    let qr_signature = key.sign(
        qr_message(
            fields.doc_id,
            &fields.number,
            &fields.holder,
            fields.signed_at,
            &key_id,
            &fields.content_digest,
        )
        .as_bytes(),
    );
    let qr_text = format!(
        "{}?k={key_id}&s={}",
        fields.verify_url,
        URL_SAFE_NO_PAD.encode(qr_signature)
    );
    let base = render(&qr_text)?;
    let sig_fields = SigFields {
        doc_id: fields.doc_id,
        number: fields.number.clone(),
        signer_name: fields.signer_name.clone(),
        signer_position: fields.signer_position.clone(),
        signed_at: fields.signed_at,
        key_id: key_id.clone(),
        base_len: base.len(),
        base_sha256: hex::encode(Sha256::digest(&base)),
    };
    let (mut bytes, slot) = sigdict::append(&base, &sig_fields)?;
    let covered = sigdict::covered_digest(&bytes, &slot);
    let signature = key.sign(pdf_message(&sig_fields, &covered).as_bytes());
    sigdict::fill_slot(&mut bytes, &slot, &signature);
    Ok(SignedPdf {
        sha256: hex::encode(Sha256::digest(&bytes)),
        bytes,
        key_id,
        qr_text,
        signature_b64: STANDARD.encode(signature),
    })
}
