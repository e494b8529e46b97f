//! The load itself: N keep-alive HTTP/1.1 connections, one task each, sending one request after
//! another until a fixed deadline. Everything stops on its own at the deadline, so a hung server
//! cannot hang the driver.

mod stats;

pub use stats::Stats;

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{SendRequest, handshake};
use hyper::header::{CONTENT_TYPE, HOST, HeaderValue};
use hyper::{Request, StatusCode, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::{Instant, sleep_until, timeout_at};

use crate::scenarios::Scenario;

/// Pause after a failed connect, so a server that refuses connections costs a few hundred
/// errors per second instead of a busy loop that starves the server of CPU.
const RECONNECT_PAUSE: Duration = Duration::from_millis(10);

/// How long and how wide one scenario is driven.
#[derive(Debug, Clone, Copy)]
pub struct LoadPlan {
    pub connections: usize,
    /// Traffic that is sent but not recorded, so caches and connection setup settle first.
    pub warmup: Duration,
    pub duration: Duration,
}

/// One keep-alive HTTP/1.1 connection to a local server.
pub struct Connection {
    sender: SendRequest<Full<Bytes>>,
    driver: JoinHandle<()>,
}

impl Connection {
    pub async fn open(addr: SocketAddr) -> Result<Self> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (sender, conn) = handshake(TokioIo::new(stream)).await?;
        let driver = tokio::spawn(async move {
            // The connection's own errors surface through `send_request`.
            let _ = conn.await;
        });
        Ok(Connection { sender, driver })
    }

    /// Sends one request and reads the whole body, so the connection can be reused.
    pub async fn send(&mut self, request: Request<Full<Bytes>>) -> Result<StatusCode> {
        self.sender.ready().await?;
        let response = self.sender.send_request(request).await?;
        let status = response.status();
        response.into_body().collect().await?;
        Ok(status)
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

/// The parts of a scenario's request, parsed once so the hot loop only clones them.
#[derive(Clone)]
pub struct RequestTemplate {
    method: hyper::Method,
    uri: Uri,
    host: HeaderValue,
    body: Option<(HeaderValue, Bytes)>,
}

impl RequestTemplate {
    pub fn new(scenario: &Scenario, addr: SocketAddr) -> Result<Self> {
        let uri: Uri = scenario
            .path
            .parse()
            .with_context(|| format!("scenario path `{}` is not a valid URI", scenario.path))?;
        let body = scenario.body.map(|body| {
            (
                HeaderValue::from_static(body.content_type),
                Bytes::from_static(body.text.as_bytes()),
            )
        });
        Ok(RequestTemplate {
            method: scenario.method.clone(),
            uri,
            host: HeaderValue::from_str(&addr.to_string())?,
            body,
        })
    }

    pub fn build(&self) -> Result<Request<Full<Bytes>>> {
        let builder = Request::builder()
            .method(self.method.clone())
            .uri(self.uri.clone())
            .header(HOST, self.host.clone());
        let request = match &self.body {
            Some((content_type, text)) => builder
                .header(CONTENT_TYPE, content_type.clone())
                .body(Full::new(text.clone())),
            None => builder.body(Full::new(Bytes::new())),
        };
        Ok(request?)
    }
}

/// What one connection task saw during the measured period.
#[derive(Default)]
struct TaskTally {
    latencies_us: Vec<u64>,
    errors: u64,
}

/// Drives `scenario` against `addr` for warm-up plus duration and returns the measured figures.
pub async fn measure(addr: SocketAddr, scenario: &Scenario, plan: &LoadPlan) -> Result<Stats> {
    // Fail on a malformed table row before any traffic.
    let template = RequestTemplate::new(scenario, addr)?;
    let record_from = Instant::now() + plan.warmup;
    let end = record_from + plan.duration;
    let mut tasks = JoinSet::new();
    for _ in 0..plan.connections.max(1) {
        tasks.spawn(drive_connection(
            addr,
            template.clone(),
            scenario.expected,
            record_from,
            end,
        ));
    }
    let mut latencies_us = Vec::new();
    let mut errors = 0;
    while let Some(joined) = tasks.join_next().await {
        let tally = joined.context("a load task failed")??;
        latencies_us.extend(tally.latencies_us);
        errors += tally.errors;
    }
    Ok(Stats::from_latencies(latencies_us, errors, plan.duration))
}

/// One connection's loop: sequential requests until `end`; a request that is still in flight at
/// `end` is dropped unrecorded. A broken connection counts one error and is reopened.
async fn drive_connection(
    addr: SocketAddr,
    template: RequestTemplate,
    expected: StatusCode,
    record_from: Instant,
    end: Instant,
) -> Result<TaskTally> {
    let mut tally = TaskTally::default();
    let mut connection: Option<Connection> = None;
    while Instant::now() < end {
        let conn = match connection.as_mut() {
            Some(conn) => conn,
            None => match timeout_at(end, Connection::open(addr)).await {
                Err(_deadline) => break,
                Ok(Ok(conn)) => connection.insert(conn),
                Ok(Err(_)) => {
                    if Instant::now() >= record_from {
                        tally.errors += 1;
                    }
                    sleep_until((Instant::now() + RECONNECT_PAUSE).min(end)).await;
                    continue;
                }
            },
        };
        let request = template.build()?;
        let started = Instant::now();
        let outcome = match timeout_at(end, conn.send(request)).await {
            Err(_deadline) => break,
            Ok(outcome) => outcome,
        };
        let recorded = started >= record_from;
        match outcome {
            Ok(status) if status == expected => {
                if recorded {
                    let micros = started.elapsed().as_micros();
                    tally
                        .latencies_us
                        .push(u64::try_from(micros).unwrap_or(u64::MAX));
                }
            }
            Ok(_unexpected) => tally.errors += u64::from(recorded),
            Err(_broken) => {
                tally.errors += u64::from(recorded);
                connection = None;
            }
        }
    }
    Ok(tally)
}
