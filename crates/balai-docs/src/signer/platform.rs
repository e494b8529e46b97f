//! The platform's own signature: the official's key, opened with their passphrase.

use super::{DocumentSigner, SignRequest, SignerAccount, SignerCredential};
use crate::sign::{SignError, SignedPdf, sign_document};

/// Signs with the official's Ed25519 key ([`crate::sign`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct PlatformSigner;

#[async_trait::async_trait]
impl DocumentSigner for PlatformSigner {
    fn kind(&self) -> &'static str {
        "platform"
    }

    async fn sign(&self, req: SignRequest<'_>) -> Result<SignedPdf, SignError> {
        let SignerAccount::Platform(key) = req.signer else {
            return Err(SignError::CredentialNotAccepted);
        };
        let SignerCredential::Passphrase(passphrase) = req.credential else {
            return Err(SignError::CredentialNotAccepted);
        };
        crate::sign::check_fields(&req.fields)?;
        // Argon2id takes a fraction of a second of CPU and 64 MiB: off the async workers.
        let unlocked = tokio::task::spawn_blocking(move || key.unlock(&passphrase))
            .await
            .map_err(|e| SignError::Crypto(e.to_string()))??;
        sign_document(&unlocked, &req.fields, req.render)
    }
}
