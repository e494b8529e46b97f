//! `balai verify-document FILE [--keys KEYS.json]`: checks a signed PDF offline (Batang Pasal
//! 14–15). The file's signature covers every byte, the number, the signer, the position and the
//! time; the trusted keys come from KEYS.json (the public registry at
//! `/verifikasi/kunci.json`, revoked keys included) or, without it, from the configured
//! database. Exit status 0 when authentic, 1 when not.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use balai_docs::sign::{NotAuthenticReason, TrustedKey, Verdict, verify_pdf};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::config::Config;
use crate::server;

/// One entry of `/verifikasi/kunci.json`.
#[derive(Deserialize)]
struct KeyEntry {
    key_id: String,
    public_key: String,
    signer_name: String,
    position: String,
    valid_from: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

/// Largest file read: a signed licence is a few hundred kilobytes.
const MAX_FILE: u64 = 64 * 1024 * 1024;

fn keys_from_file(path: &Path) -> Result<Vec<TrustedKey>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the key file {}", path.display()))?;
    let entries: Vec<KeyEntry> = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a key registry (the JSON of /verifikasi/kunci.json)",
            path.display()
        )
    })?;
    entries
        .into_iter()
        .map(|e| {
            let public_key = e
                .public_key
                .parse()
                .map_err(|_| anyhow::anyhow!("key {} has an unreadable public key", e.key_id))?;
            Ok(TrustedKey {
                key_id: e.key_id,
                public_key,
                signer_name: e.signer_name,
                position: e.position,
                valid_from: e.valid_from,
                revoked_at: e.revoked_at,
            })
        })
        .collect()
}

fn reason(r: NotAuthenticReason) -> &'static str {
    match r {
        NotAuthenticReason::NotSigned => "the file carries no Balai signature",
        NotAuthenticReason::Malformed => "the signature in the file cannot be read",
        NotAuthenticReason::ContentChanged => "the file was changed after it was signed",
        NotAuthenticReason::SignatureInvalid => "the signature does not match the content",
        NotAuthenticReason::UnknownKey => "signed with a key that is not in the registry",
        NotAuthenticReason::KeyNotYetValid => "signed before the key became valid",
        NotAuthenticReason::KeyRevoked => "signed after the key was revoked",
        NotAuthenticReason::SignerMismatch => "the signer named is not the key's owner",
    }
}

pub async fn run(cfg: &Config, file: &Path, keys: Option<&Path>) -> Result<ExitCode> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > MAX_FILE {
        anyhow::bail!(
            "{} is larger than 64 MB: not a signed document",
            file.display()
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let trusted = match keys {
        Some(path) => keys_from_file(path)?,
        None => {
            let db = server::open_db(cfg, false).await?;
            let keys = balai_web::signing::trusted_keys(&db).await?;
            db.close().await;
            keys
        }
    };
    match verify_pdf(&bytes, &trusted) {
        Verdict::Authentic(info) => {
            println!("AUTHENTIC");
            println!("number:    {}", info.number);
            println!("signer:    {}", info.signer_name);
            println!("position:  {}", info.signer_position);
            println!("signed at: {}", info.signed_at.to_rfc3339());
            println!("key:       {}", info.key_id);
            println!("document:  {}", info.doc_id);
            Ok(ExitCode::SUCCESS)
        }
        Verdict::NotAuthentic { reason: r, claimed } => {
            println!("NOT AUTHENTIC: {}", reason(r));
            if let Some(c) = claimed {
                println!(
                    "the file claims number {} signed by {} ({}) at {}",
                    c.number,
                    c.signer_name,
                    c.signer_position,
                    c.signed_at.to_rfc3339()
                );
            }
            Ok(ExitCode::from(1))
        }
    }
}
