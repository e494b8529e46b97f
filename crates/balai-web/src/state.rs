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
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            max_body_bytes: 12 * 1024 * 1024,
            session_hours: 12,
            totp_issuer: "Balai".into(),
            trust_proxy: false,
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
        AppState {
            db,
            clock,
            config: Arc::new(config),
            files,
            metrics: Arc::new(Metrics::default()),
            limiter: Arc::new(RateLimiter::default()),
            settings: Arc::new(Settings::default()),
            cache: Arc::new(crate::cache::ResponseCache::default()),
        }
    }
}

impl AppState {
    /// The mall's public name, from the region settings (cached after the first read).
    pub fn mall_name(&self) -> String {
        self.settings.mall_name()
    }
}
