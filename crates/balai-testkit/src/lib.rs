//! Test harness: the real application on port 0 with a fresh database, on SQLite always and
//! on PostgreSQL too when `BALAI_TEST_POSTGRES_URL` is set (architecture §6).

pub mod browser;
pub mod bsre;
pub mod http_sink;
pub mod login;
pub mod mail_sink;

pub use http_sink::HttpSink;
pub use mail_sink::MailSink;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use balai_core::FixedClock;
use balai_store::Db;
use balai_store::db::DbOptions;
use chrono::{TimeZone, Utc};

/// Which engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The engines this run covers: SQLite always, PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set.
pub fn backends() -> Vec<Backend> {
    let mut v = vec![Backend::Sqlite];
    if postgres_url().is_some() {
        v.push(Backend::Postgres);
    }
    v
}

fn postgres_url() -> Option<String> {
    std::env::var("BALAI_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// A running application.
pub struct TestApp {
    pub backend: Backend,
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`
    pub url: String,
    pub db: Db,
    pub clock: Arc<FixedClock>,
    pub state: balai_web::AppState,
    /// A client that keeps cookies, does not follow redirects (tests assert them).
    pub client: reqwest::Client,
    dir: PathBuf,
    pg_schema: Option<String>,
    server: tokio::task::JoinHandle<()>,
}

/// The demo password of every demo account.
pub const DEMO_PASSWORD: &str = "Balai-Demo-2026";

/// The instant tests start at: Monday 2 November 2026, 09:00 WIB.
pub fn start_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

impl TestApp {
    /// A fresh, migrated, empty database and a server on a random port.
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Like [`TestApp::spawn`], with the web settings changed by `configure` first (SMTP,
    /// SMS gateway and timeouts pointing at a [`MailSink`] or [`HttpSink`]).
    pub async fn spawn_with(
        backend: Backend,
        configure: impl FnOnce(&mut balai_web::WebConfig),
    ) -> TestApp {
        let dir = std::env::temp_dir().join(format!("balai-test-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (opts, pg_schema) = match backend {
            Backend::Sqlite => (
                DbOptions::new(format!("sqlite://{}/balai.db", dir.display())),
                None,
            ),
            Backend::Postgres => {
                let url = postgres_url().expect("BALAI_TEST_POSTGRES_URL");
                let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
                let admin = Db::connect(&DbOptions::new(url.clone()))
                    .await
                    .expect("connect postgres");
                sweep_stale_schemas(&admin).await;
                balai_store::on_db!(admin.write(), p => sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(p).await.map(|r| r.rows_affected()))
                    .expect("create schema");
                admin.close().await;
                let mut o = DbOptions::new(url);
                o.pg_schema = Some(schema.clone());
                o.max_connections = 8;
                (o, Some(schema))
            }
        };
        let db = Db::connect(&opts).await.expect("connect");
        db.migrate().await.expect("migrate");
        let clock = Arc::new(FixedClock::new(start_time()));
        let files: Arc<dyn object_store::ObjectStore> = Arc::new(
            object_store::local::LocalFileSystem::new_with_prefix(&dir).expect("file store"),
        );
        let mut config = balai_web::WebConfig::default();
        configure(&mut config);
        let state = balai_web::AppState::new(db.clone(), clock.clone(), config, files);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let app = balai_web::router(state.clone());
        let server = tokio::spawn(async move {
            let app = app.into_make_service_with_connect_info::<SocketAddr>();
            let _ = axum::serve(listener, app).await;
        });
        balai_docs::install_tls_provider();
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            backend,
            addr,
            url: format!("http://{addr}"),
            db,
            clock,
            state,
            client,
            dir,
            pg_schema,
            server,
        }
    }

    /// Like [`TestApp::spawn`], with the demo region loaded.
    pub async fn spawn_demo(backend: Backend) -> TestApp {
        Self::spawn_demo_with(backend, |_| {}).await
    }

    /// Like [`TestApp::spawn_with`], with the demo region loaded.
    pub async fn spawn_demo_with(
        backend: Backend,
        configure: impl FnOnce(&mut balai_web::WebConfig),
    ) -> TestApp {
        let app = Self::spawn_with(backend, configure).await;
        balai_store::demo::load(&app.db, balai_core::Clock::now(app.clock.as_ref()))
            .await
            .expect("demo data");
        app.state.settings.reload(&app.db).await.expect("settings");
        app
    }

    /// Runs every job due at the app's clock (what the worker loop of `serve` does each
    /// second); returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        balai_web::jobs::run_due(&self.state)
            .await
            .expect("run jobs")
    }

    /// Absolute URL of `path`.
    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.at(path)).send().await.expect("GET")
    }

    /// GET and return (status, body).
    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let s = r.status().as_u16();
        (s, r.text().await.unwrap_or_default())
    }

    /// The CSRF token the site set for this client (fetches `/` once if needed).
    pub async fn csrf(&self) -> String {
        let r = self.get("/masuk").await;
        let body = r.text().await.unwrap_or_default();
        extract_csrf(&body).unwrap_or_default()
    }

    /// POSTs a form, adding the CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &csrf));
        self.client
            .post(self.at(path))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }

    /// A fresh client of its own (another person).
    pub fn new_client(&self) -> reqwest::Client {
        balai_docs::install_tls_provider();
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }
}

/// Drops test schemas left behind by earlier runs (a killed test, a drop that timed out).
/// Schema names carry a UUIDv7, so their age is known; only those older than two hours go, so
/// tests running now are never touched.
async fn sweep_stale_schemas(admin: &Db) {
    let sql = "SELECT schema_name FROM information_schema.schemata \
               WHERE schema_name LIKE 't\\_%' OR schema_name LIKE 'cli\\_%'";
    let names: Vec<String> =
        balai_store::on_db!(admin.write(), p => sqlx::query_scalar(sql).fetch_all(p).await)
            .unwrap_or_default();
    let now_ms = chrono::Utc::now().timestamp_millis();
    for name in names {
        let hex = name.trim_start_matches("t_").trim_start_matches("cli_");
        let Ok(id) = uuid::Uuid::parse_str(hex) else {
            continue;
        };
        let Some(ts) = id.get_timestamp() else {
            continue;
        };
        let (secs, nanos) = ts.to_unix();
        let age_ms = now_ms - (secs as i64 * 1000 + i64::from(nanos / 1_000_000));
        if age_ms > 2 * 3600 * 1000 {
            let drop = format!("DROP SCHEMA IF EXISTS {name} CASCADE");
            let _ = balai_store::on_db!(admin.write(), p => sqlx::query(sqlx::AssertSqlSafe(drop.clone())).execute(p).await.map(|r| r.rows_affected()));
        }
    }
}

/// Finds `name="csrf" value="…"` in a page.
pub fn extract_csrf(html: &str) -> Option<String> {
    let i = html.find("name=\"csrf\"")?;
    let rest = &html[i..];
    let v = rest.find("value=\"")? + 7;
    let end = rest[v..].find('"')?;
    Some(rest[v..v + end].to_string())
}

/// The current TOTP code for a base32 secret at `at` (tests use the app clock).
pub fn totp_code(secret_b32: &str, at: chrono::DateTime<Utc>) -> String {
    let secret = totp_rs::Secret::Encoded(secret_b32.to_string())
        .to_bytes()
        .expect("secret");
    let totp = totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        secret,
        None,
        String::new(),
    )
    .expect("totp");
    totp.generate(at.timestamp() as u64)
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        let _ = std::fs::remove_dir_all(&self.dir);
        if let (Some(schema), Some(url)) = (self.pg_schema.clone(), postgres_url()) {
            // Drop the test's schema from a separate thread: Drop cannot await.
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    rt.block_on(async move {
                        if let Ok(db) = Db::connect(&DbOptions::new(url)).await {
                            // A test that still holds a transaction keeps its locks until this
                            // runtime-blocking drop returns: give up after a moment instead of
                            // waiting forever; `sweep_stale_schemas` removes what is left.
                            let sql = format!(
                                "SET lock_timeout = '3s'; DROP SCHEMA IF EXISTS {schema} CASCADE"
                            );
                            if let balai_store::Pool::Postgres(p) = db.write() {
                                let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(p).await;
                            }
                            db.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}
