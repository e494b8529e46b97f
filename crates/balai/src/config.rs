//! Configuration: defaults, then an optional TOML file, then `BALAI_*` environment variables.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// Everything `serve` needs. Secrets (the database URL may hold a password) are redacted in
/// `Debug`.
#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`; empty means `sqlite://<data_dir>/balai.db`.
    pub database_url: String,
    /// Optional PostgreSQL read replica.
    pub database_read_url: Option<String>,
    pub listen: String,
    pub public_url: String,
    pub data_dir: PathBuf,
    /// Where uploads go; empty means `<data_dir>/files`.
    pub files_dir: Option<PathBuf>,
    pub max_body_mib: usize,
    pub session_hours: i64,
    pub db_max_connections: u32,
    /// Apply migrations on start (default true).
    pub migrate_on_start: bool,
    /// A reverse proxy sets `X-Forwarded-For` (default false: the socket's address is used).
    pub trust_proxy: bool,
    pub log: String,
    /// Outgoing e-mail: `smtps://user:pass@host` or `smtp://…` (STARTTLS); empty: none.
    pub smtp_url: String,
    /// The `From` of e-mail, e.g. `MPP Mesuji <noreply@mesujikab.go.id>`.
    pub mail_from: String,
    /// The region's SMS/WhatsApp gateway, posted a signed JSON per message; empty: none.
    pub sms_webhook_url: String,
    /// The secret the gateway checks signatures with.
    pub sms_webhook_secret: String,
    /// Days finished jobs are kept before housekeeping deletes them.
    pub job_retention_days: i64,
    /// Who signs documents: `platform` (the officials' own keys, default) or `bsre`.
    pub signer: String,
    /// BSrE's signing API, e.g. `https://esign.example.go.id` (with `signer = "bsre"`).
    pub bsre_url: String,
    pub bsre_client_id: String,
    pub bsre_client_secret: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field(
                "database_url",
                &balai_store::db::redact_url(&self.database_url),
            )
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("data_dir", &self.data_dir)
            .field("smtp_url", &balai_store::db::redact_url(&self.smtp_url))
            .field("mail_from", &self.mail_from)
            .field("sms_webhook_url", &self.sms_webhook_url)
            .field(
                "sms_webhook_secret",
                &if self.sms_webhook_secret.is_empty() {
                    ""
                } else {
                    "***"
                },
            )
            .field("signer", &self.signer)
            .field("bsre_url", &self.bsre_url)
            .field("bsre_client_id", &self.bsre_client_id)
            .field(
                "bsre_client_secret",
                &if self.bsre_client_secret.is_empty() {
                    ""
                } else {
                    "***"
                },
            )
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: String::new(),
            database_read_url: None,
            listen: "127.0.0.1:8080".into(),
            public_url: String::new(),
            data_dir: PathBuf::from("./balai-data"),
            files_dir: None,
            max_body_mib: 12,
            session_hours: 12,
            db_max_connections: 16,
            migrate_on_start: true,
            trust_proxy: false,
            log: "info".into(),
            smtp_url: String::new(),
            mail_from: String::new(),
            sms_webhook_url: String::new(),
            sms_webhook_secret: String::new(),
            job_retention_days: 14,
            signer: "platform".into(),
            bsre_url: String::new(),
            bsre_client_id: String::new(),
            bsre_client_secret: String::new(),
        }
    }
}

impl Config {
    /// Loads the file (if given) and applies `BALAI_*` variables over it.
    pub fn load(file: Option<&Path>) -> Result<Config> {
        let mut c = match file {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read the config file {}", p.display()))?;
                toml::from_str(&text)
                    .with_context(|| format!("the config file {} is not valid", p.display()))?
            }
            None => Config::default(),
        };
        c.apply_env(|k| std::env::var(k).ok())?;
        Ok(c)
    }

    fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<()> {
        if let Some(v) = get("BALAI_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = get("BALAI_DATABASE_READ_URL") {
            self.database_read_url = Some(v);
        }
        if let Some(v) = get("BALAI_LISTEN") {
            self.listen = v;
        }
        if let Some(v) = get("BALAI_PUBLIC_URL") {
            self.public_url = v;
        }
        if let Some(v) = get("BALAI_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = get("BALAI_FILES_DIR") {
            self.files_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = get("BALAI_LOG") {
            self.log = v;
        }
        if let Some(v) = get("BALAI_MAX_BODY_MIB") {
            self.max_body_mib = v
                .parse()
                .context("BALAI_MAX_BODY_MIB must be a whole number")?;
        }
        if let Some(v) = get("BALAI_SESSION_HOURS") {
            self.session_hours = v
                .parse()
                .context("BALAI_SESSION_HOURS must be a whole number")?;
        }
        if let Some(v) = get("BALAI_DB_MAX_CONNECTIONS") {
            self.db_max_connections = v
                .parse()
                .context("BALAI_DB_MAX_CONNECTIONS must be a whole number")?;
        }
        if let Some(v) = get("BALAI_MIGRATE_ON_START") {
            self.migrate_on_start = !matches!(v.as_str(), "0" | "false" | "no");
        }
        for (key, field) in [
            ("BALAI_SMTP_URL", &mut self.smtp_url),
            ("BALAI_MAIL_FROM", &mut self.mail_from),
            ("BALAI_SMS_WEBHOOK_URL", &mut self.sms_webhook_url),
            ("BALAI_SMS_WEBHOOK_SECRET", &mut self.sms_webhook_secret),
            ("BALAI_SIGNER", &mut self.signer),
            ("BALAI_BSRE_URL", &mut self.bsre_url),
            ("BALAI_BSRE_CLIENT_ID", &mut self.bsre_client_id),
            ("BALAI_BSRE_CLIENT_SECRET", &mut self.bsre_client_secret),
        ] {
            if let Some(v) = get(key) {
                *field = v;
            }
        }
        if let Some(v) = get("BALAI_JOB_RETENTION_DAYS") {
            self.job_retention_days = v
                .parse()
                .context("BALAI_JOB_RETENTION_DAYS must be a whole number")?;
        }
        if let Some(v) = get("BALAI_TRUST_PROXY") {
            self.trust_proxy = matches!(v.as_str(), "1" | "true" | "yes");
        }
        if self.max_body_mib == 0 || self.session_hours <= 0 || self.job_retention_days <= 0 {
            bail!("max_body_mib, session_hours and job_retention_days must be greater than zero");
        }
        self.signer_choice()?;
        Ok(())
    }

    /// The signer for the web layer; `bsre` needs its URL and client credentials.
    pub fn signer_choice(&self) -> Result<balai_web::signing::SignerChoice> {
        use balai_web::signing::SignerChoice;
        match self.signer.trim() {
            "" | "platform" => Ok(SignerChoice::Platform),
            "bsre" => {
                let url = self.bsre_url.trim();
                if !(url.starts_with("https://") || url.starts_with("http://"))
                    || self.bsre_client_id.trim().is_empty()
                    || self.bsre_client_secret.is_empty()
                {
                    bail!(
                        "BALAI_SIGNER=bsre needs BALAI_BSRE_URL (http(s)://…), \
                         BALAI_BSRE_CLIENT_ID and BALAI_BSRE_CLIENT_SECRET"
                    );
                }
                Ok(SignerChoice::Bsre(balai_docs::signer::BsreConfig {
                    base_url: url.to_string(),
                    client_id: self.bsre_client_id.trim().to_string(),
                    client_secret: self.bsre_client_secret.clone(),
                    timeout: std::time::Duration::from_secs(30),
                    reason: "Dokumen perizinan".into(),
                    location: self.public_url(),
                }))
            }
            other => bail!("BALAI_SIGNER must be platform or bsre, not {other:?}"),
        }
    }

    /// The database URL, defaulting to SQLite in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!("sqlite://{}", self.data_dir.join("balai.db").display())
        } else {
            self.database_url.clone()
        }
    }

    /// Where notifications go out, for the web layer. Empty settings stay unset, so those
    /// notifications fail with a reason staff can read.
    pub fn notify(&self) -> balai_web::state::NotifyConfig {
        let set = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        balai_web::state::NotifyConfig {
            smtp_url: set(&self.smtp_url),
            mail_from: self.mail_from.trim().to_string(),
            sms_webhook_url: set(&self.sms_webhook_url),
            sms_webhook_secret: set(&self.sms_webhook_secret),
        }
    }

    pub fn files_dir(&self) -> PathBuf {
        self.files_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("files"))
    }

    pub fn public_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.listen)
        } else {
            self.public_url.trim_end_matches('/').to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_defaults() {
        let mut c = Config::default();
        c.apply_env(|k| match k {
            "BALAI_DATABASE_URL" => Some("postgres://u:p@h/db".into()),
            "BALAI_LISTEN" => Some("0.0.0.0:9000".into()),
            _ => None,
        })
        .expect("env");
        assert_eq!(c.database_url(), "postgres://u:p@h/db");
        assert_eq!(c.public_url(), "http://0.0.0.0:9000");
        assert!(
            !format!("{c:?}").contains(":p@"),
            "password must not be printed"
        );
    }

    #[test]
    fn notification_secrets_are_redacted() {
        let mut c = Config::default();
        c.apply_env(|k| match k {
            "BALAI_SMTP_URL" => Some("smtps://mpp:surat-rahasia@mail.example.id".into()),
            "BALAI_MAIL_FROM" => Some("MPP <noreply@example.id>".into()),
            "BALAI_SMS_WEBHOOK_URL" => Some("https://sms.example.id/kirim".into()),
            "BALAI_SMS_WEBHOOK_SECRET" => Some("gateway-rahasia".into()),
            _ => None,
        })
        .expect("env");
        let n = c.notify();
        assert_eq!(n.mail_from, "MPP <noreply@example.id>");
        assert_eq!(n.sms_webhook_secret.as_deref(), Some("gateway-rahasia"));
        for printed in [format!("{c:?}"), format!("{n:?}")] {
            assert!(!printed.contains("surat-rahasia"), "{printed}");
            assert!(!printed.contains("gateway-rahasia"), "{printed}");
        }
        assert_eq!(Config::default().notify().smtp_url, None);
    }

    #[test]
    fn sqlite_in_data_dir_by_default() {
        let c = Config::default();
        assert_eq!(c.database_url(), "sqlite://./balai-data/balai.db");
    }

    #[test]
    fn a_bad_number_is_one_clear_sentence() {
        let mut c = Config::default();
        let e = c.apply_env(|k| (k == "BALAI_SESSION_HOURS").then(|| "x".into()));
        assert!(format!("{:#}", e.expect_err("must fail")).contains("BALAI_SESSION_HOURS"));
    }
}
