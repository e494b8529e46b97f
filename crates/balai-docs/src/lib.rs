//! Documents people can trust: PDF/A rendering ([`pdf`]) and QR codes ([`qr_svg`]).
//!
//! A pure library: no database, no HTTP server. The only I/O is the HTTP client of the BSrE
//! signing service.

// Tests may unwrap (brief-common).
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod digest;
pub mod pdf;
mod qr;

pub use qr::qr_svg;

use thiserror::Error;

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
