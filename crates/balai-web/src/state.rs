//! Shared state handed to every handler.

use std::sync::Arc;

use balai_core::Clock;
use balai_store::Db;
use object_store::ObjectStore;

use crate::ops::Metrics;
use crate::ratelimit::RateLimiter;

/// Settings of the web layer, from the config file and `BALAI_*` variables.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address people reach the site at, e.g. `https://mpp.mesujikab.go.id` (for QR codes,
    /// e-mails and the `Secure` cookie flag).
    pub public_url: String,
    /// Largest request body accepted; larger ones get 413.
    pub max_body_bytes: usize,
    /// Session lifetime in hours.
    pub session_hours: i64,
    /// TOTP issuer shown in authenticator apps.
    pub totp_issuer: String,
    /// Whether a reverse proxy in front sets `X-Forwarded-For` (then it names the client).
    pub trust_proxy: bool,
    /// Where notifications go out (SMTP server, SMS/WhatsApp gateway).
    pub notify: NotifyConfig,
    /// How long an outgoing request (webhook receiver, SMS gateway) may take: 10 s.
    pub outgoing_timeout: std::time::Duration,
    /// Who signs documents: the platform's own keys, or BSrE (`BALAI_SIGNER`).
    pub signer: crate::signing::SignerChoice,
}

/// How notifications leave the platform. Unset parts make those notifications fail with a
/// clear reason staff can read, never a crash.
#[derive(Clone, Default)]
pub struct NotifyConfig {
    /// `smtps://user:pass@host:465` (implicit TLS) or `smtp://user:pass@host:587` (STARTTLS;
    /// `?tls=none` only for a relay on the same machine).
    pub smtp_url: Option<String>,
    /// The `From` of e-mail, e.g. `MPP Mesuji <noreply@mesujikab.go.id>`.
    pub mail_from: String,
    /// The region's SMS/WhatsApp gateway, which receives a signed JSON POST per message.
    pub sms_webhook_url: Option<String>,
    /// The secret the gateway checks the signature with.
    pub sms_webhook_secret: Option<String>,
}

impl std::fmt::Debug for NotifyConfig {
    /// The SMTP URL may hold a password and the gateway secret is one: never print them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifyConfig")
            .field(
                "smtp_url",
                &self.smtp_url.as_deref().map(balai_store::db::redact_url),
            )
            .field("mail_from", &self.mail_from)
            .field("sms_webhook_url", &self.sms_webhook_url)
            .field(
                "sms_webhook_secret",
                &self.sms_webhook_secret.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            max_body_bytes: 12 * 1024 * 1024,
            session_hours: 12,
            totp_issuer: "Balai".into(),
            trust_proxy: false,
            notify: NotifyConfig::default(),
            outgoing_timeout: std::time::Duration::from_secs(10),
            signer: crate::signing::SignerChoice::Platform,
        }
    }
}

impl WebConfig {
    /// Cookies get `Secure` when the site is served over TLS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<WebConfig>,
    /// Uploaded files (local directory by default, S3-compatible when configured).
    pub files: Arc<dyn ObjectStore>,
    pub metrics: Arc<Metrics>,
    pub limiter: Arc<RateLimiter>,
    /// Region settings (names, address, texts), cached; reloaded after an administrator edits.
    pub settings: Arc<Settings>,
    /// Anonymous public GET answers (see `cache.rs`).
    pub cache: Arc<crate::cache::ResponseCache>,
    /// The one HTTP client for outgoing webhooks and the SMS gateway (rustls with ring).
    pub http: reqwest::Client,
    /// Notified when this process commits a transaction that enqueued a job: the worker loop
    /// wakes at once instead of at its next poll.
    pub jobs_wake: Arc<tokio::sync::Notify>,
    /// Live queue events for displays and visitors' phones.
    pub queue: Arc<crate::pages::queue::live::QueueHub>,
    /// Signs issued documents (see `signing.rs`).
    pub signer: Arc<dyn balai_docs::signer::DocumentSigner>,
}

/// A cached copy of the `region_settings` table.
#[derive(Debug, Default)]
pub struct Settings {
    values: std::sync::RwLock<std::collections::HashMap<String, String>>,
}

impl Settings {
    /// The value of `key`, or "" when unset.
    pub fn get(&self, key: &str) -> String {
        self.values
            .read()
            .map(|m| m.get(key).cloned().unwrap_or_default())
            .unwrap_or_default()
    }

    pub fn mall_name(&self) -> String {
        let n = self.get("mall_name");
        if n.is_empty() {
            "Mal Pelayanan Publik".into()
        } else {
            n
        }
    }

    /// Reads the settings again from the database.
    pub async fn reload(&self, db: &balai_store::Db) -> balai_store::Result<()> {
        let fresh = balai_store::settings::all(db).await?;
        if let Ok(mut m) = self.values.write() {
            *m = fresh;
        }
        Ok(())
    }
}

impl AppState {
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        config: WebConfig,
        files: Arc<dyn ObjectStore>,
    ) -> Self {
        let jobs_wake = db.jobs_signal();
        let config_timeout = config.outgoing_timeout;
        let signer = crate::signing::build_signer(&config.signer);
        AppState {
            db,
            clock,
            config: Arc::new(config),
            files,
            metrics: Arc::new(Metrics::default()),
            limiter: Arc::new(RateLimiter::default()),
            settings: Arc::new(Settings::default()),
            cache: Arc::new(crate::cache::ResponseCache::default()),
            http: http_client(config_timeout),
            jobs_wake,
            queue: Arc::default(),
            signer,
        }
    }
}

/// The outgoing HTTP client. TLS is rustls with the ring provider, installed once for the
/// process (never aws-lc or OpenSSL).
fn http_client(timeout: std::time::Duration) -> reqwest::Client {
    // Installing fails only when a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
    match reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Balai/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "the HTTP client could not be built; using the defaults");
            reqwest::Client::default()
        }
    }
}

impl AppState {
    /// The mall's public name, from the region settings (cached after the first read).
    pub fn mall_name(&self) -> String {
        self.settings.mall_name()
    }
}
