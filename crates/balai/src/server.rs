//! Opening the database and running the web server until Ctrl-C or SIGTERM.

use std::sync::Arc;

use anyhow::{Context, Result};
use balai_core::{Clock, SystemClock};
use balai_store::Db;
use balai_store::db::DbOptions;

use crate::config::Config;

/// Opens (and, unless told not to, migrates) the configured database.
pub async fn open_db(cfg: &Config, migrate: bool) -> Result<Db> {
    let url = cfg.database_url();
    if let Some(path) = url.strip_prefix("sqlite://")
        && let Some(parent) = std::path::Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the data directory {}", parent.display()))?;
    }
    let mut opts = DbOptions::new(url.clone());
    opts.read_url = cfg.database_read_url.clone();
    opts.max_connections = cfg.db_max_connections;
    let db = Db::connect(&opts).await.with_context(|| {
        format!(
            "cannot open the database {}",
            balai_store::db::redact_url(&url)
        )
    })?;
    if migrate {
        db.migrate().await.context("cannot upgrade the database")?;
    }
    Ok(db)
}

/// Serves until a shutdown signal.
pub async fn serve(cfg: &Config, db: Db) -> Result<()> {
    let files_dir = cfg.files_dir();
    std::fs::create_dir_all(&files_dir)
        .with_context(|| format!("cannot create the files directory {}", files_dir.display()))?;
    let files = object_store::local::LocalFileSystem::new_with_prefix(&files_dir)
        .context("cannot open the files directory")?;
    let web = balai_web::WebConfig {
        public_url: cfg.public_url(),
        max_body_bytes: cfg.max_body_mib * 1024 * 1024,
        session_hours: cfg.session_hours,
        trust_proxy: cfg.trust_proxy,
        ..Default::default()
    };
    let state = balai_web::AppState::new(db.clone(), Arc::new(SystemClock), web, Arc::new(files));
    state
        .settings
        .reload(&db)
        .await
        .context("cannot read the region settings")?;
    let listener = tokio::net::TcpListener::bind(&cfg.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cfg.listen))?;
    let housekeeping = tokio::spawn(housekeeping(db.clone()));
    let app = balai_web::router(state);
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server stopped with an error");
    housekeeping.abort();
    db.close().await;
    served
}

/// Periodic clean-up while serving: expired sessions are deleted every hour so the session
/// table does not grow without bound.
async fn housekeeping(db: Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match balai_store::identity::delete_expired_sessions(&db, SystemClock.now()).await {
            Ok(n) if n > 0 => tracing::info!(deleted = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

/// Logs to stderr at the configured level (`BALAI_LOG` or `RUST_LOG` syntax).
pub fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
