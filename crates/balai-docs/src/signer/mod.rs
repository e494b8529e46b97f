//! The ways a document gets signed, behind one interface: the platform's own signature with
//! the official's encrypted key ([`PlatformSigner`]), or the national signing service of BSrE
//! (BSSN) ([`BsreSigner`], national-rules.md §6). Which one a region uses is configuration.
//!
//! The web layer checks the official's TOTP code and records consent before calling
//! [`DocumentSigner::sign`]; the signer checks the signing credential itself.

mod bsre;
mod platform;

pub use bsre::{BsreConfig, BsreSignatureInfo, BsreSigner, BsreUserStatus, BsreVerification};
pub use platform::PlatformSigner;

use std::fmt;

use zeroize::Zeroizing;

use crate::DocsError;
use crate::sign::{EncryptedKey, SignError, SignedFields, SignedPdf};

/// Renders the unsigned document with the given QR text drawn on it.
pub type RenderFn<'a> = &'a (dyn Fn(&str) -> Result<Vec<u8>, DocsError> + Sync);

/// Something that signs documents.
#[async_trait::async_trait]
pub trait DocumentSigner: Send + Sync {
    /// `"platform"` or `"bsre"`.
    fn kind(&self) -> &'static str;
    /// Renders (through `req.render`) and signs the document; nothing is signed on error.
    async fn sign(&self, req: SignRequest<'_>) -> Result<SignedPdf, SignError>;
}

/// One signing, by one official.
pub struct SignRequest<'a> {
    pub fields: SignedFields,
    pub credential: SignerCredential,
    pub signer: SignerAccount,
    pub render: RenderFn<'a>,
}

/// What the official typed to sign: the signing passphrase, or (BSrE only) a TOTP code from
/// BSrE's authenticator. Zeroised on drop; never shown by `Debug`.
pub enum SignerCredential {
    Passphrase(Zeroizing<String>),
    Totp(Zeroizing<String>),
}

impl SignerCredential {
    pub fn passphrase(passphrase: impl Into<String>) -> Self {
        SignerCredential::Passphrase(Zeroizing::new(passphrase.into()))
    }

    pub fn totp(code: impl Into<String>) -> Self {
        SignerCredential::Totp(Zeroizing::new(code.into()))
    }
}

impl fmt::Debug for SignerCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignerCredential::Passphrase(_) => f.write_str("Passphrase(…)"),
            SignerCredential::Totp(_) => f.write_str("Totp(…)"),
        }
    }
}

/// Who signs: the official's encrypted platform key, or their BSrE account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignerAccount {
    Platform(EncryptedKey),
    Bsre(BsreIdentity),
}

/// How BSrE knows a signer (API v2 accepts either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BsreIdentity {
    Nik(String),
    Email(String),
}
