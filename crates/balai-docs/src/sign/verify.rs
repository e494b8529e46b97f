//! Verification of a signed PDF file and of a QR code, against the keys the platform trusts.
//! Used by the public page `/verifikasi/{id}`, by `balai verify-document FILE` (offline: the
//! trusted keys come from an export, nothing else is needed) and by tests. Never panics,
//! whatever the input.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use ed25519_dalek::Signature;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::PublicKey;
use super::document::{pdf_message, qr_message};
use super::sigdict::{self, Lookup, SigFields};

/// A signing key the platform vouches for: an official's public key from enrolment.
#[derive(Debug, Clone, PartialEq)]
pub struct TrustedKey {
    pub key_id: String,
    pub public_key: PublicKey,
    /// The official the key belongs to; a signature naming someone else is not authentic.
    pub signer_name: String,
    pub position: String,
    pub valid_from: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Who signed what, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureInfo {
    pub doc_id: Uuid,
    /// The document number (for a QR: the number the caller's record holds).
    pub number: String,
    pub signer_name: String,
    pub signer_position: String,
    pub signed_at: DateTime<Utc>,
    pub key_id: String,
    /// The holder, for a QR check (the PDF signature does not state it).
    pub holder: Option<String>,
}

/// Why a document is not authentic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAuthenticReason {
    /// No Balai signature at all (or a QR without one).
    NotSigned,
    /// Something that looks like a Balai signature but cannot be read.
    Malformed,
    /// Bytes of the document were changed, added or removed after signing.
    ContentChanged,
    /// The signature does not match what it claims to sign (the signature area was tampered
    /// with, or for a QR, the record's fields differ from what was signed).
    SignatureInvalid,
    /// Signed with a key the platform does not know.
    UnknownKey,
    /// The signing time is before the key was issued.
    KeyNotYetValid,
    /// The key was revoked at or before the signing time.
    KeyRevoked,
    /// The signature names a signer other than the key's owner.
    SignerMismatch,
}

/// The answer of a verification.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Authentic(SignatureInfo),
    /// `claimed` is what the document says about itself, when it could be read (shown as
    /// "this document claims … but").
    NotAuthentic {
        reason: NotAuthenticReason,
        claimed: Option<SignatureInfo>,
    },
}

impl Verdict {
    pub fn is_authentic(&self) -> bool {
        matches!(self, Verdict::Authentic(_))
    }
}

fn not_authentic(reason: NotAuthenticReason, claimed: Option<SignatureInfo>) -> Verdict {
    Verdict::NotAuthentic { reason, claimed }
}

fn find_key<'a>(trusted: &'a [TrustedKey], key_id: &str) -> Option<&'a TrustedKey> {
    trusted
        .iter()
        .find(|k| k.key_id == key_id && k.public_key.key_id() == key_id)
}

fn signature_holds(key: &PublicKey, message: &str, signature: &[u8; 64]) -> bool {
    key.verifying_key().is_some_and(|vk| {
        vk.verify_strict(message.as_bytes(), &Signature::from_bytes(signature))
            .is_ok()
    })
}

/// Whether the key could sign at `signed_at`.
fn key_validity(key: &TrustedKey, signed_at: DateTime<Utc>) -> Option<NotAuthenticReason> {
    if signed_at < key.valid_from {
        Some(NotAuthenticReason::KeyNotYetValid)
    } else if key.revoked_at.is_some_and(|r| r <= signed_at) {
        Some(NotAuthenticReason::KeyRevoked)
    } else {
        None
    }
}

fn claimed_info(f: &SigFields) -> SignatureInfo {
    SignatureInfo {
        doc_id: f.doc_id,
        number: f.number.clone(),
        signer_name: f.signer_name.clone(),
        signer_position: f.signer_position.clone(),
        signed_at: f.signed_at,
        key_id: f.key_id.clone(),
        holder: None,
    }
}

/// Checks a PDF file: one changed byte anywhere makes it not authentic.
pub fn verify_pdf(bytes: &[u8], trusted: &[TrustedKey]) -> Verdict {
    use NotAuthenticReason as R;
    let found = match sigdict::lookup(bytes) {
        Lookup::NotSigned => return not_authentic(R::NotSigned, None),
        Lookup::Malformed => return not_authentic(R::Malformed, None),
        Lookup::Found(found) => found,
    };
    let f = &found.fields;
    let claimed = claimed_info(f);
    let base_intact = f.base_len <= found.slot.start
        && hex::encode(Sha256::digest(&bytes[..f.base_len])) == f.base_sha256;
    if !found.range_matches || !base_intact {
        return not_authentic(R::ContentChanged, Some(claimed));
    }
    let Some(key) = find_key(trusted, &f.key_id) else {
        return not_authentic(R::UnknownKey, Some(claimed));
    };
    let covered = sigdict::covered_digest(bytes, &found.slot);
    if !signature_holds(&key.public_key, &pdf_message(f, &covered), &found.signature) {
        return not_authentic(R::SignatureInvalid, Some(claimed));
    }
    if let Some(reason) = key_validity(key, f.signed_at) {
        return not_authentic(reason, Some(claimed));
    }
    if key.signer_name != f.signer_name {
        return not_authentic(R::SignerMismatch, Some(claimed));
    }
    Verdict::Authentic(claimed)
}

/// The parts of a QR text `…/verifikasi/{doc_id}?k={key_id}&s={signature}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrLink {
    pub doc_id: Uuid,
    /// `None` for a QR without a Balai signature (e.g. a BSrE-signed document).
    pub signed: Option<(String, [u8; 64])>,
}

/// Reads a scanned QR text; `None` when it is not a Balai verification link.
pub fn parse_qr(qr_text: &str) -> Option<QrLink> {
    let (path, query) = match qr_text.trim().split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (qr_text.trim(), None),
    };
    let (_, last) = path.rsplit_once("/verifikasi/")?;
    let doc_id: Uuid = last.parse().ok()?;
    let Some(query) = query else {
        return Some(QrLink {
            doc_id,
            signed: None,
        });
    };
    let (mut key_id, mut signature) = (None, None);
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("k", v)) => key_id = Some(v.to_string()),
            Some(("s", v)) => signature = URL_SAFE_NO_PAD.decode(v).ok(),
            _ => {}
        }
    }
    let signature: [u8; 64] = signature?.try_into().ok()?;
    Some(QrLink {
        doc_id,
        signed: Some((key_id?, signature)),
    })
}

/// What the verification page's record says about the document a QR points at.
#[derive(Debug, Clone, PartialEq)]
pub struct QrClaim {
    pub number: String,
    pub holder: String,
    pub signed_at: DateTime<Utc>,
    pub content_digest: [u8; 32],
}

/// Checks a scanned QR against the record of the document it names: authentic when the QR's
/// signature by a trusted key covers exactly these fields. The signer shown is the key's owner.
pub fn verify_qr(qr_text: &str, claim: &QrClaim, trusted: &[TrustedKey]) -> Verdict {
    use NotAuthenticReason as R;
    let Some(link) = parse_qr(qr_text) else {
        return not_authentic(R::Malformed, None);
    };
    let Some((key_id, signature)) = link.signed else {
        return not_authentic(R::NotSigned, None);
    };
    let Some(key) = find_key(trusted, &key_id) else {
        return not_authentic(R::UnknownKey, None);
    };
    let info = SignatureInfo {
        doc_id: link.doc_id,
        number: claim.number.clone(),
        signer_name: key.signer_name.clone(),
        signer_position: key.position.clone(),
        signed_at: claim.signed_at,
        key_id: key_id.clone(),
        holder: Some(claim.holder.clone()),
    };
    let message = qr_message(
        link.doc_id,
        &claim.number,
        &claim.holder,
        claim.signed_at,
        &key_id,
        &claim.content_digest,
    );
    if !signature_holds(&key.public_key, &message, &signature) {
        return not_authentic(R::SignatureInvalid, Some(info));
    }
    if let Some(reason) = key_validity(key, claim.signed_at) {
        return not_authentic(reason, Some(info));
    }
    Verdict::Authentic(info)
}
