//! A client for the BSrE (Balai Sertifikasi Elektronik, BSSN) "Esign Client Service" API v2.
//!
//! Shape followed (from BSrE's *Petunjuk Teknis Penggunaan API Esign Client Service v2.2.1*, as
//! implemented by the public client libraries of regional governments):
//!
//! - Authentication: HTTP Basic with the client id and secret BSrE issues to the application.
//! - `POST {base}/api/v2/sign/pdf`, JSON
//!   `{"nik"|"email": …, "passphrase"|"totp": …, "signatureProperties": [{"tampilan":
//!   "INVISIBLE", "reason": …, "location": …}], "file": ["<base64 PDF>"]}` → 200
//!   `{"file": ["<base64 signed PDF>"], "time": …}`. Errors: a 4xx with
//!   `{"error": "<message>", "status_code": <code>}`, where code 2031 is a wrong passphrase and
//!   2011 an unregistered user; 401 when the client credentials are wrong; 5xx on server
//!   failure.
//! - `POST {base}/api/v2/user/check/status`, `{"nik"|"email": …}` → `{"status": "ISSUE" |
//!   "EXPIRED" | "REVOKE" | "SUSPEND" | "NOT_REGISTERED" | "NEW" | "WAITING_FOR_VERIFICATION" |
//!   "NO_CERTIFICATE" | "RENEW", "message": …}`; only `ISSUE` can sign.
//! - `POST {base}/api/v2/verify/pdf`, `{"file": "<base64 PDF>"}` → `{"conclusion": "VALID" | …,
//!   "description": …, "signatureInformations": [{"signerName", "signatureDate",
//!   "integrityValid", "certificateTrusted", "modified"}]}`.
//!
//! Certificate problems have no error code of their own in that material, so when signing is
//! refused with any other code the client asks for the user's status to say why (expired,
//! revoked or suspended, not issued). The document's QR code carries only the verification URL:
//! the signature is BSrE's, made with a key the platform does not hold.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{BsreIdentity, DocumentSigner, SignRequest, SignerAccount, SignerCredential};
use crate::sign::{SignError, SignedPdf, check_fields};

/// BSrE's error code for a wrong passphrase (or TOTP).
const CODE_WRONG_PASSPHRASE: i64 = 2031;
/// BSrE's error code for a NIK or e-mail without an account.
const CODE_NOT_REGISTERED: i64 = 2011;

/// Where and how to reach BSrE.
#[derive(Clone)]
pub struct BsreConfig {
    /// e.g. `https://esign.example.go.id` (no trailing `/api`).
    pub base_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// For the whole request, connection included.
    pub timeout: Duration,
    /// Signature properties written into the signature ("reason", "location").
    pub reason: String,
    pub location: String,
}

impl std::fmt::Debug for BsreConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BsreConfig")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"…")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A signer's certificate state at BSrE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BsreUserStatus {
    /// `ISSUE`: can sign.
    Issued,
    Expired,
    /// `REVOKE`
    Revoked,
    /// `SUSPEND`
    Suspended,
    NotRegistered,
    /// Any other documented state (`NEW`, `WAITING_FOR_VERIFICATION`, `NO_CERTIFICATE`,
    /// `RENEW`), as BSrE wrote it.
    NotIssued(String),
}

impl BsreUserStatus {
    fn parse(status: &str) -> BsreUserStatus {
        match status.trim().to_ascii_uppercase().as_str() {
            "ISSUE" => BsreUserStatus::Issued,
            "EXPIRED" => BsreUserStatus::Expired,
            "REVOKE" | "REVOKED" => BsreUserStatus::Revoked,
            "SUSPEND" | "SUSPENDED" => BsreUserStatus::Suspended,
            "NOT_REGISTERED" => BsreUserStatus::NotRegistered,
            other => BsreUserStatus::NotIssued(other.to_string()),
        }
    }

    /// The signing error this state explains, if it is not `Issued`.
    fn as_error(&self) -> Option<SignError> {
        match self {
            BsreUserStatus::Issued => None,
            BsreUserStatus::Expired => Some(SignError::CertificateExpired),
            BsreUserStatus::Revoked | BsreUserStatus::Suspended => {
                Some(SignError::CertificateRevoked)
            }
            BsreUserStatus::NotRegistered => Some(SignError::UserNotRegistered),
            BsreUserStatus::NotIssued(s) => Some(SignError::CertificateNotIssued(s.clone())),
        }
    }
}

/// What BSrE's verification says about a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BsreVerification {
    /// `conclusion` is `VALID`.
    pub valid: bool,
    pub conclusion: String,
    pub description: String,
    pub signatures: Vec<BsreSignatureInfo>,
}

/// One signature in a PDF, as BSrE reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BsreSignatureInfo {
    pub signer_name: String,
    pub signature_date: String,
    pub integrity_valid: bool,
    pub certificate_trusted: bool,
    pub modified: bool,
}

/// The BSrE API client.
#[derive(Debug, Clone)]
pub struct BsreSigner {
    config: BsreConfig,
    client: reqwest::Client,
}

fn transport_error(e: reqwest::Error) -> SignError {
    if e.is_timeout() {
        SignError::Timeout
    } else if e.is_decode() {
        SignError::BadResponse(e.to_string())
    } else {
        SignError::Unavailable(e.to_string())
    }
}

fn identity_json(who: &BsreIdentity) -> (&'static str, Value) {
    match who {
        BsreIdentity::Nik(nik) => ("nik", json!(nik)),
        BsreIdentity::Email(email) => ("email", json!(email)),
    }
}

/// The `error` message and `status_code` of an error body.
fn error_parts(body: &Value) -> (String, Option<i64>) {
    let message = body
        .get("error")
        .or_else(|| body.get("message"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    (message, body.get("status_code").and_then(Value::as_i64))
}

impl BsreSigner {
    /// A client for `config`; installs the ring TLS provider if none is yet.
    pub fn new(config: BsreConfig) -> Result<BsreSigner, SignError> {
        crate::install_tls_provider();
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| SignError::Unavailable(e.to_string()))?;
        Ok(BsreSigner { config, client })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    /// POSTs `body` and returns the status and the JSON answer. 401 and 5xx become errors
    /// here; a body that is not JSON is `BadResponse`.
    async fn post(&self, path: &str, body: &Value) -> Result<(StatusCode, Value), SignError> {
        let response = self
            .client
            .post(self.url(path))
            .basic_auth(&self.config.client_id, Some(&self.config.client_secret))
            .json(body)
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status();
        let text = response.text().await.map_err(transport_error)?;
        if status == StatusCode::UNAUTHORIZED {
            return Err(SignError::ClientRejected);
        }
        let parsed: Result<Value, _> = serde_json::from_str(&text);
        if status.is_server_error() {
            let message = parsed.map(|v| error_parts(&v).0).unwrap_or_default();
            return Err(SignError::ServerError(format!("{status} {message}")));
        }
        let value = parsed.map_err(|e| SignError::BadResponse(format!("{status}: {e}")))?;
        Ok((status, value))
    }

    /// The signer's certificate state.
    pub async fn user_status(&self, who: &BsreIdentity) -> Result<BsreUserStatus, SignError> {
        let (key, value) = identity_json(who);
        let (status, body) = self
            .post("/api/v2/user/check/status", &json!({ key: value }))
            .await?;
        if let Some(s) = body.get("status").and_then(Value::as_str) {
            return Ok(BsreUserStatus::parse(s));
        }
        let (message, code) = error_parts(&body);
        if code == Some(CODE_NOT_REGISTERED) {
            return Ok(BsreUserStatus::NotRegistered);
        }
        Err(SignError::BadResponse(format!("{status}: {message}")))
    }

    /// BSrE's verification of a signed PDF.
    pub async fn verify(&self, pdf: &[u8]) -> Result<BsreVerification, SignError> {
        let (status, body) = self
            .post(
                "/api/v2/verify/pdf",
                &json!({ "file": STANDARD.encode(pdf) }),
            )
            .await?;
        let Some(conclusion) = body.get("conclusion").and_then(Value::as_str) else {
            let (message, _) = error_parts(&body);
            return Err(SignError::Rejected(format!("{status}: {message}")));
        };
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let flag = |v: &Value, k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
        let signatures = body
            .get("signatureInformations")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .map(|s| BsreSignatureInfo {
                        signer_name: text(s, "signerName"),
                        signature_date: text(s, "signatureDate"),
                        integrity_valid: flag(s, "integrityValid"),
                        certificate_trusted: flag(s, "certificateTrusted"),
                        modified: flag(s, "modified"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(BsreVerification {
            valid: conclusion.eq_ignore_ascii_case("VALID"),
            conclusion: conclusion.to_string(),
            description: text(&body, "description"),
            signatures,
        })
    }

    /// Why signing was refused, from the error body and, for codes without a meaning of their
    /// own, the user's status.
    async fn refusal(&self, who: &BsreIdentity, status: StatusCode, body: &Value) -> SignError {
        let (message, code) = error_parts(body);
        match code {
            Some(CODE_WRONG_PASSPHRASE) => return SignError::WrongPassphrase,
            Some(CODE_NOT_REGISTERED) => return SignError::UserNotRegistered,
            _ => {}
        }
        match self.user_status(who).await {
            Ok(state) => state
                .as_error()
                .unwrap_or_else(|| SignError::Rejected(format!("{status}: {message}"))),
            Err(e) => e,
        }
    }
}

#[async_trait::async_trait]
impl DocumentSigner for BsreSigner {
    fn kind(&self) -> &'static str {
        "bsre"
    }

    async fn sign(&self, req: SignRequest<'_>) -> Result<SignedPdf, SignError> {
        let SignerAccount::Bsre(who) = &req.signer else {
            return Err(SignError::CredentialNotAccepted);
        };
        check_fields(&req.fields)?;
        let qr_text = req.fields.verify_url.clone();
        let unsigned = (req.render)(&qr_text)?;
        let (id_key, id_value) = identity_json(who);
        let (secret_key, secret) = match &req.credential {
            SignerCredential::Passphrase(p) => ("passphrase", p.as_str()),
            SignerCredential::Totp(code) => ("totp", code.as_str()),
        };
        let body = json!({
            id_key: id_value,
            secret_key: secret,
            "signatureProperties": [{
                "tampilan": "INVISIBLE",
                "reason": self.config.reason,
                "location": self.config.location,
            }],
            "file": [STANDARD.encode(&unsigned)],
        });
        let (status, answer) = self.post("/api/v2/sign/pdf", &body).await?;
        if !status.is_success() || answer.get("error").is_some() {
            return Err(self.refusal(who, status, &answer).await);
        }
        let encoded = answer
            .get("file")
            .and_then(Value::as_array)
            .and_then(|files| files.first())
            .and_then(Value::as_str)
            .ok_or_else(|| SignError::BadResponse("no signed file in the answer".into()))?;
        let bytes = STANDARD
            .decode(encoded)
            .map_err(|e| SignError::BadResponse(format!("signed file: {e}")))?;
        if !bytes.starts_with(b"%PDF-") || bytes == unsigned {
            return Err(SignError::BadResponse(
                "the answer is not a signed PDF".into(),
            ));
        }
        Ok(SignedPdf {
            sha256: hex::encode(Sha256::digest(&bytes)),
            bytes,
            key_id: "bsre".into(),
            qr_text,
            signature_b64: String::new(),
        })
    }
}
