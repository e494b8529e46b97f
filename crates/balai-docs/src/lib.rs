//! Documents people can trust: PDF/A rendering ([`pdf`]), QR codes ([`qr_svg`]), signing with
//! a key under the signer's sole control and verification online and offline ([`sign`]), and
//! the two ways of signing a document, the platform's own and BSrE's ([`signer`]).
//!
//! A pure library: no database, no HTTP server. The only I/O is the HTTP client of the BSrE
//! signing service.

// Tests cite articles in their names (`..__batang_14`) and may unwrap (brief-common).
#![cfg_attr(test, allow(non_snake_case, clippy::unwrap_used))]

pub mod digest;
pub mod pdf;
mod qr;
pub mod sign;
pub mod signer;

pub use qr::qr_svg;

use std::sync::Once;

use thiserror::Error;

/// Makes ring the process-wide rustls crypto provider (once; later calls do nothing).
///
/// reqwest is built without a provider of its own (no aws-lc, no OpenSSL), so a process must
/// call this before it builds any `reqwest::Client` that could speak TLS, or the build panics.
/// [`signer::BsreSigner::new`] calls it; so does the test kit.
pub fn install_tls_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err only when another provider was installed first, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// What can go wrong producing a document.
#[derive(Debug, Error)]
pub enum DocsError {
    /// The data does not fit in a QR code (more than about 2,300 bytes at error correction M).
    #[error("cannot make a QR code: {0}")]
    Qr(String),
    /// An image that is not a readable PNG or JPEG, or is absurdly large.
    #[error("unusable image: {0}")]
    Image(String),
    /// The bundled fonts could not be read.
    #[error("the bundled fonts cannot be read")]
    Font,
    /// The document would have more pages than the limit.
    #[error("the document would have more than {0} pages")]
    TooLong(usize),
    /// The PDF writer refused the document.
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
    /// A PDF that cannot be extended with an incremental update (not one this crate or a
    /// classic cross-reference table wrote, or damaged).
    #[error("cannot update this PDF: {0}")]
    UnsupportedPdf(String),
}
