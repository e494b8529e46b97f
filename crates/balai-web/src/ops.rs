//! Operations endpoints: `/healthz` (the process is alive), `/readyz` (the database answers),
//! `/metrics` (Prometheus text format).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

/// Request counters by status class and total latency.
#[derive(Debug, Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    duration_micros: AtomicU64,
}

impl Metrics {
    fn observe(&self, status: StatusCode, micros: u64) {
        let class = (status.as_u16() / 100).clamp(1, 5) as usize - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        self.duration_micros.fetch_add(micros, Ordering::Relaxed);
    }

    fn render(&self) -> String {
        let mut out = String::from(
            "# HELP balai_http_requests_total HTTP requests by status class.\n\
             # TYPE balai_http_requests_total counter\n",
        );
        let mut total = 0;
        for (i, c) in self.by_class.iter().enumerate() {
            let n = c.load(Ordering::Relaxed);
            total += n;
            out.push_str(&format!(
                "balai_http_requests_total{{class=\"{}xx\"}} {n}\n",
                i + 1
            ));
        }
        let secs = self.duration_micros.load(Ordering::Relaxed) as f64 / 1e6;
        out.push_str(&format!(
            "# HELP balai_http_request_duration_seconds Time spent answering requests.\n\
             # TYPE balai_http_request_duration_seconds summary\n\
             balai_http_request_duration_seconds_sum {secs}\n\
             balai_http_request_duration_seconds_count {total}\n"
        ));
        out
    }
}

pub async fn track_metrics(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let res = next.run(req).await;
    state
        .metrics
        .observe(res.status(), start.elapsed().as_micros() as u64);
    res
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let mut body = state.metrics.render();
    // Jobs by status: a growing `dead` or `failed_retrying` count means mail or a receiver is
    // down.
    match balai_store::jobs::counts(&state.db).await {
        Ok(counts) => {
            body.push_str(
                "# HELP balai_jobs Background jobs by status.\n# TYPE balai_jobs gauge\n",
            );
            for (status, n) in counts {
                body.push_str(&format!("balai_jobs{{status=\"{status}\"}} {n}\n"));
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not count jobs for /metrics"),
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}
