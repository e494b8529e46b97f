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
        notify: cfg.notify(),
        signer: cfg.signer_choice()?,
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
    let housekeeping = tokio::spawn(housekeeping(db.clone(), cfg.job_retention_days));
    let (stop_worker, stop) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(balai_web::jobs::worker_loop(state.clone(), stop));
    let app = balai_web::router(state);
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    // On a shutdown signal the worker stops claiming at once, while requests drain.
    let shutdown = async move {
        shutdown_signal().await;
        let _ = stop_worker.send(true);
    };
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .context("the server stopped with an error");
    // Jobs already running get a bounded time to finish; a job cut off is claimed again by
    // the next worker once its lease passes.
    if tokio::time::timeout(WORKER_GRACE, worker).await.is_err() {
        tracing::warn!("jobs still running at shutdown were left to be retried");
    }
    housekeeping.abort();
    db.close().await;
    served
}

/// How long running jobs may take to finish after a shutdown signal.
const WORKER_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

/// Periodic clean-up while serving, every hour: expired sessions, and finished jobs older
/// than the retention, are deleted so neither table grows without bound.
async fn housekeeping(db: Db, job_retention_days: i64) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let before = SystemClock.now() - chrono::Duration::days(job_retention_days);
        match balai_store::jobs::delete_done_before(&db, before).await {
            Ok(n) if n > 0 => tracing::info!(deleted = n, "finished jobs removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove finished jobs"),
        }
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
