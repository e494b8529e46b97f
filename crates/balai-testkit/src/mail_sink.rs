//! `MailSink`: a small SMTP server of our own on 127.0.0.1:0 that accepts messages (EHLO/HELO,
//! MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS) and keeps them for the test to read. It can be
//! told to turn the next connections away, as a server that is down would.

use std::sync::{Arc, Mutex, PoisonError};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message the sink accepted.
#[derive(Debug, Clone, Default)]
pub struct ReceivedMail {
    /// The envelope sender (`MAIL FROM`).
    pub from: String,
    /// The envelope recipients (`RCPT TO`).
    pub to: Vec<String>,
    /// The `Subject` header, decoded.
    pub subject: String,
    /// The `From` header as written.
    pub from_header: String,
    /// The body, decoded from its transfer encoding.
    pub body: String,
    /// The message as received.
    pub raw: String,
}

#[derive(Default)]
struct Shared {
    mails: Vec<ReceivedMail>,
    refuse: usize,
}

/// A running SMTP sink; stops when dropped.
pub struct MailSink {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
    arrived: Arc<tokio::sync::Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl MailSink {
    pub async fn start() -> MailSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let arrived = Arc::new(tokio::sync::Notify::new());
        let (s, a) = (shared.clone(), arrived.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, s.clone(), a.clone()));
            }
        });
        MailSink {
            port,
            shared,
            arrived,
            task,
        }
    }

    /// The URL Balai sends to (`smtp://127.0.0.1:PORT?tls=none`).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// Every message accepted so far.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.lock().mails.clone()
    }

    /// Waits until at least `n` messages arrived (woken by each arrival, no polling).
    pub async fn wait_for(&self, n: usize) -> Vec<ReceivedMail> {
        loop {
            let notified = self.arrived.notified();
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            notified.await;
        }
    }

    /// Answers the next `n` connections with `421` (service not available) and closes them.
    pub fn refuse_next(&self, n: usize) {
        self.lock().refuse = n;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn session(stream: TcpStream, shared: Arc<Mutex<Shared>>, arrived: Arc<tokio::sync::Notify>) {
    let (r, mut w) = stream.into_split();
    let mut lines = BufReader::new(r);
    let refuse = {
        let mut g = shared.lock().unwrap_or_else(PoisonError::into_inner);
        let refuse = g.refuse > 0;
        g.refuse = g.refuse.saturating_sub(1);
        refuse
    };
    if refuse {
        let _ = w
            .write_all(b"421 balai-sink service not available\r\n")
            .await;
        return;
    }
    if w.write_all(b"220 balai-sink ESMTP\r\n").await.is_err() {
        return;
    }
    let mut mail = ReceivedMail::default();
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let cmd = line.trim_end().to_string();
        let upper = cmd.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-balai-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            b"250 ok\r\n"
        } else if upper.starts_with("RSET") {
            mail = ReceivedMail::default();
            b"250 ok\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            mail.from = address(&cmd[10..]);
            b"250 ok\r\n"
        } else if upper.starts_with("RCPT TO:") {
            mail.to.push(address(&cmd[8..]));
            b"250 ok\r\n"
        } else if upper == "DATA" {
            if w.write_all(b"354 end with <CRLF>.<CRLF>\r\n")
                .await
                .is_err()
            {
                return;
            }
            let Some(raw) = read_data(&mut lines).await else {
                return;
            };
            let mut done = std::mem::take(&mut mail);
            parse_message(&raw, &mut done);
            shared
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .mails
                .push(done);
            arrived.notify_waiters();
            b"250 queued\r\n"
        } else if upper.starts_with("QUIT") {
            let _ = w.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"502 not implemented\r\n"
        };
        if w.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// `<a@b>` (with optional parameters after it) → `a@b`.
fn address(s: &str) -> String {
    let s = s.trim();
    match (s.find('<'), s.find('>')) {
        (Some(a), Some(b)) if b > a => s[a + 1..b].to_string(),
        _ => s.split_whitespace().next().unwrap_or_default().to_string(),
    }
}

async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<String> {
    let mut raw = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l == "." {
            return Some(raw);
        }
        // Dot-stuffing (RFC 5321 §4.5.2).
        raw.push_str(
            l.strip_prefix('.')
                .filter(|_| l.starts_with(".."))
                .unwrap_or(l),
        );
        raw.push('\n');
    }
}

/// Fills subject, From header and decoded body from the raw message.
fn parse_message(raw: &str, mail: &mut ReceivedMail) {
    mail.raw = raw.to_string();
    let (head, body) = raw.split_once("\n\n").unwrap_or((raw, ""));
    // Unfold continuation lines.
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let mut encoding = String::new();
    for h in head.lines() {
        let Some((name, value)) = h.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "subject" => mail.subject = decode_words(value),
            "from" => mail.from_header = decode_words(value),
            "content-transfer-encoding" => encoding = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    mail.body = match encoding.as_str() {
        "base64" => String::from_utf8_lossy(
            &base64::engine::general_purpose::STANDARD
                .decode(body.replace(['\n', '\r'], ""))
                .unwrap_or_default(),
        )
        .into_owned(),
        "quoted-printable" => quoted_printable(body),
        _ => body.to_string(),
    };
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header value.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
    let mut last_encoded = false;
    for word in value.split(' ') {
        let decoded = word
            .strip_prefix("=?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|w| {
                let mut parts = w.splitn(3, '?');
                let (_charset, enc, text) = (parts.next()?, parts.next()?, parts.next()?);
                match enc.to_ascii_lowercase().as_str() {
                    "b" => base64::engine::general_purpose::STANDARD
                        .decode(text)
                        .ok()
                        .map(|b| String::from_utf8_lossy(&b).into_owned()),
                    "q" => Some(quoted_printable(&text.replace('_', " "))),
                    _ => None,
                }
            });
        let encoded = decoded.is_some();
        let joins_previous = encoded && last_encoded;
        if !out.is_empty() && !joins_previous {
            out.push(' ');
        }
        out.push_str(decoded.as_deref().unwrap_or(word));
        last_encoded = encoded;
    }
    out
}

/// Decodes quoted-printable text (soft line breaks and `=XX` escapes).
fn quoted_printable(s: &str) -> String {
    let joined = s.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let Some(hex) = joined.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
