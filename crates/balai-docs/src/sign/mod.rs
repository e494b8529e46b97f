//! Electronic signatures under the signer's sole control (Batang Pasal 14–15): keys
//! ([`generate_key`]), signing a rendered document ([`sign_document`]), and checking a file or
//! a QR code ([`verify_pdf`], [`verify_qr`]).
//!
//! # What a signature covers
//!
//! A signed document carries two signatures by the same key:
//!
//! 1. **In the PDF file.** An incremental update appended to the rendered PDF/A (whose bytes
//!    stay untouched) adds a signature field and a signature dictionary with
//!    `/Filter /Balai.Ed25519`, a `/ByteRange [0 a b c]` and a fixed 64-byte `/Contents` slot,
//!    laid out like a PAdES signature. The Ed25519 signature in the slot is over the text
//!
//!    ```text
//!    BALAI-SIG-1 \n doc id \n number \n signer name \n signer position \n signed at (RFC 3339 UTC) \n key id \n SHA-256 (hex) of every byte of the file except the slot
//!    ```
//!
//!    (lines joined by `\n`). The fields are also in the dictionary so a verifier can read
//!    them, together with the length and SHA-256 of the rendered document before the update,
//!    which tells "the document was changed" apart from "the signature is wrong". A generic PDF
//!    reader shows the field as a signature with an unknown handler (`Balai.Ed25519`); the
//!    document underneath stays PDF/A-2b.
//! 2. **In the QR code.** The QR holds `{verify_url}?k={key id}&s={signature}` where the
//!    signature (base64url) is over `BALAI-QR-1 \n doc id \n number \n holder \n signed at \n key
//!    id \n content digest (hex)`, the content digest being the SHA-256 of the canonical JSON of
//!    the document's fields ([`crate::digest`]). It proves the printed fields of a paper copy
//!    without the file.
//!
//! Field values may not contain control characters (line breaks included), so the texts above
//! are unambiguous.
//!
//! # Messages
//!
//! [`SignError::message_key`] names a Fluent message (crates/balai-web/locales/*/signing.ftl):
//!
//! | key | Bahasa Indonesia | English |
//! |---|---|---|
//! | err-sign-passphrase-weak | Frasa sandi tanda tangan terlalu lemah: gunakan paling sedikit 12 karakter, jangan hanya angka atau satu karakter berulang. | The signing passphrase is too weak: use at least 12 characters, not only digits and not one repeated character. |
//! | err-sign-passphrase-wrong | Frasa sandi tanda tangan salah; dokumen belum ditandatangani. Periksa lalu coba lagi. | Wrong signing passphrase; the document was not signed. Check it and try again. |
//! | err-sign-key-unusable | Kunci tanda tangan Anda tidak dapat dipakai; minta administrator mendaftarkan kunci baru. | Your signing key cannot be used; ask the administrator to enrol a new key. |
//! | err-sign-field-invalid | Data dokumen yang akan ditandatangani tidak lengkap atau memuat karakter yang tidak diizinkan. | The document data to sign is incomplete or contains characters that are not allowed. |
//! | err-sign-render | Dokumen tidak dapat dibuat, sehingga belum ditandatangani; hubungi administrator. | The document could not be produced, so it was not signed; contact the administrator. |
//! | err-sign-credential | Cara pembuktian ini tidak dapat dipakai untuk penanda tangan ini. | This kind of credential cannot be used for this signer. |
//! | err-sign-not-registered | Penanda tangan belum terdaftar di layanan tanda tangan elektronik (BSrE). | The signer is not registered with the electronic signing service (BSrE). |
//! | err-sign-cert-expired | Sertifikat elektronik penanda tangan sudah kedaluwarsa; perbarui di BSrE. | The signer's electronic certificate has expired; renew it with BSrE. |
//! | err-sign-cert-revoked | Sertifikat elektronik penanda tangan dicabut atau ditangguhkan. | The signer's electronic certificate is revoked or suspended. |
//! | err-sign-cert-not-issued | Sertifikat elektronik penanda tangan belum terbit; selesaikan pendaftaran di BSrE. | The signer's electronic certificate has not been issued yet; complete the registration with BSrE. |
//! | err-sign-service-unavailable | Layanan tanda tangan elektronik sedang tidak dapat dihubungi; dokumen belum ditandatangani. Coba lagi beberapa saat lagi. | The signing service cannot be reached; the document was not signed. Try again shortly. |
//! | err-sign-service-refused | Layanan tanda tangan elektronik menolak permintaan ini; dokumen belum ditandatangani. Hubungi administrator. | The signing service refused this request; the document was not signed. Contact the administrator. |

mod document;
mod keys;
mod sigdict;
mod verify;

#[cfg(test)]
mod tests;

pub use document::{SignedFields, SignedPdf, sign_document};
pub use keys::{
    EncryptedKey, PublicKey, UnlockedKey, change_passphrase, check_passphrase_strength,
    generate_key,
};
pub use verify::{
    NotAuthenticReason, QrClaim, QrLink, SignatureInfo, TrustedKey, Verdict, parse_qr, verify_pdf,
    verify_qr,
};

pub(crate) use document::{check_fields, timestamp};

use thiserror::Error;

use crate::DocsError;

/// Why a document could not be signed (or a key made or opened). Nothing is signed when any of
/// these is returned.
#[derive(Debug, Error)]
pub enum SignError {
    /// The passphrase is too easy to guess.
    #[error("the signing passphrase is too weak")]
    WeakPassphrase,
    /// The passphrase does not open the key (or the BSrE passphrase/TOTP was refused).
    #[error("wrong signing passphrase")]
    WrongPassphrase,
    /// The stored key (or a public key) cannot be read.
    #[error("unusable signing key: {0}")]
    MalformedKey(String),
    /// A field to sign is empty, too long or holds control characters.
    #[error("invalid field to sign: {0}")]
    InvalidField(&'static str),
    /// Rendering the document failed, or its PDF cannot take a signature.
    #[error(transparent)]
    Render(#[from] DocsError),
    /// The credential or account does not suit this signer (e.g. a TOTP code for the platform
    /// key, or a platform key sent to BSrE).
    #[error("this credential cannot be used with this signer")]
    CredentialNotAccepted,
    /// BSrE: the NIK or e-mail is not registered.
    #[error("the signer is not registered with BSrE")]
    UserNotRegistered,
    /// BSrE: the signer's certificate has expired.
    #[error("the signer's certificate has expired")]
    CertificateExpired,
    /// BSrE: the signer's certificate is revoked or suspended.
    #[error("the signer's certificate is revoked or suspended")]
    CertificateRevoked,
    /// BSrE: no usable certificate yet; the user status is given.
    #[error("the signer's certificate is not issued (status {0})")]
    CertificateNotIssued(String),
    /// BSrE refused our client credentials (HTTP 401).
    #[error("the signing service refused the client credentials")]
    ClientRejected,
    /// BSrE answered with a server error.
    #[error("the signing service failed: {0}")]
    ServerError(String),
    /// BSrE did not answer in time.
    #[error("the signing service did not answer in time")]
    Timeout,
    /// BSrE could not be reached.
    #[error("the signing service cannot be reached: {0}")]
    Unavailable(String),
    /// BSrE answered something that is not the documented shape.
    #[error("unexpected answer from the signing service: {0}")]
    BadResponse(String),
    /// BSrE refused the request for another documented reason.
    #[error("the signing service refused the request: {0}")]
    Rejected(String),
    /// A cryptographic primitive failed unexpectedly (random source, parameters).
    #[error("cryptographic failure: {0}")]
    Crypto(String),
}

impl SignError {
    /// Every key [`SignError::message_key`] can return.
    pub const MESSAGE_KEYS: [&'static str; 12] = [
        "err-sign-passphrase-weak",
        "err-sign-passphrase-wrong",
        "err-sign-key-unusable",
        "err-sign-field-invalid",
        "err-sign-render",
        "err-sign-credential",
        "err-sign-not-registered",
        "err-sign-cert-expired",
        "err-sign-cert-revoked",
        "err-sign-cert-not-issued",
        "err-sign-service-unavailable",
        "err-sign-service-refused",
    ];

    /// The Fluent message to show the official (table in the module docs).
    pub fn message_key(&self) -> &'static str {
        match self {
            SignError::WeakPassphrase => "err-sign-passphrase-weak",
            SignError::WrongPassphrase => "err-sign-passphrase-wrong",
            SignError::MalformedKey(_) | SignError::Crypto(_) => "err-sign-key-unusable",
            SignError::InvalidField(_) => "err-sign-field-invalid",
            SignError::Render(_) => "err-sign-render",
            SignError::CredentialNotAccepted => "err-sign-credential",
            SignError::UserNotRegistered => "err-sign-not-registered",
            SignError::CertificateExpired => "err-sign-cert-expired",
            SignError::CertificateRevoked => "err-sign-cert-revoked",
            SignError::CertificateNotIssued(_) => "err-sign-cert-not-issued",
            SignError::ServerError(_)
            | SignError::Timeout
            | SignError::Unavailable(_)
            | SignError::BadResponse(_) => "err-sign-service-unavailable",
            SignError::ClientRejected | SignError::Rejected(_) => "err-sign-service-refused",
        }
    }
}
