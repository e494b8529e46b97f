//! `HttpSink`: an axum server on 127.0.0.1:0 that records every request (method, path,
//! headers, body) and answers 200, or — when told — 500 or nothing at all for the next
//! requests (retry and timeout tests). Stands in for an integration's webhook receiver or the
//! region's SMS gateway.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;

/// One request the sink received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// How the sink answers one request.
#[derive(Debug, Clone, Copy)]
enum Answer {
    Status(u16),
    /// Keep the connection open without answering (until the client gives up).
    Hang,
}

#[derive(Default)]
struct Shared {
    requests: Vec<Recorded>,
    script: VecDeque<Answer>,
}

/// A running sink; stops when dropped.
pub struct HttpSink {
    pub addr: std::net::SocketAddr,
    shared: Arc<Mutex<Shared>>,
    task: tokio::task::JoinHandle<()>,
}

async fn record(State(shared): State<Arc<Mutex<Shared>>>, req: Request) -> StatusCode {
    let (parts, body) = req.into_parts();
    let body: Bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                v.to_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let answer = {
        let mut g = shared.lock().unwrap_or_else(PoisonError::into_inner);
        g.requests.push(Recorded {
            method: parts.method.to_string(),
            path: parts.uri.path().to_string(),
            headers,
            body: body.to_vec(),
        });
        g.script.pop_front().unwrap_or(Answer::Status(200))
    };
    match answer {
        Answer::Status(s) => StatusCode::from_u16(s).unwrap_or(StatusCode::OK),
        Answer::Hang => {
            std::future::pending::<()>().await;
            StatusCode::OK
        }
    }
}

impl HttpSink {
    pub async fn start() -> HttpSink {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let shared = Arc::new(Mutex::new(Shared::default()));
        let app = axum::Router::new()
            .fallback(record)
            .with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        HttpSink { addr, shared, task }
    }

    /// `http://127.0.0.1:PORT{path}`
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// Answers the next `n` requests with HTTP `status`.
    pub fn answer_next(&self, n: usize, status: u16) {
        let mut g = self.lock();
        g.script
            .extend(std::iter::repeat_n(Answer::Status(status), n));
    }

    /// Leaves the next `n` requests unanswered, so the client times out.
    pub fn hang_next(&self, n: usize) {
        let mut g = self.lock();
        g.script.extend(std::iter::repeat_n(Answer::Hang, n));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for HttpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}
