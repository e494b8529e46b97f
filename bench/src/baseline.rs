//! The yardstick: the smallest axum server there is, measured in the same run as balai so that
//! "percent of baseline" stays comparable between a quiet laptop and a busy CI machine.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use axum::Router;
use axum::routing::get;

/// `GET /` → 200 "hello"; nothing else (no middleware, no logging).
pub fn router() -> Router {
    Router::new().route("/", get(|| async { "hello" }))
}

/// Serves [`router`] on `listen` until the process is killed.
pub async fn serve(listen: SocketAddr) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    axum::serve(listener, router())
        .await
        .context("the baseline server stopped")
}
