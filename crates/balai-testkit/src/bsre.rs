//! A local stand-in for the BSrE signing service (API v2, the shape described in
//! `balai_docs::signer`), for testing the client without the national service: HTTP Basic
//! client credentials, registered users with a passphrase and a certificate status, a signed
//! PDF returned as an incremental update of the one sent (never an echo), BSrE's error bodies,
//! and switches to answer 500, malformed JSON, or never.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A BSrE account.
#[derive(Debug, Clone)]
pub struct FakeUser {
    pub nik: String,
    pub email: String,
    pub name: String,
    pub passphrase: String,
    /// `ISSUE`, `EXPIRED`, `REVOKE`, `SUSPEND`, `NEW`, …
    pub status: String,
}

impl FakeUser {
    /// A user with an issued certificate.
    pub fn issued(nik: &str, email: &str, name: &str, passphrase: &str) -> FakeUser {
        FakeUser {
            nik: nik.into(),
            email: email.into(),
            name: name.into(),
            passphrase: passphrase.into(),
            status: "ISSUE".into(),
        }
    }
}

/// How the fake answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// 500 with an error body, on every endpoint.
    ServerError,
    /// 200 with a body that is not JSON.
    MalformedJson,
    /// Never answers (the client must time out).
    Hang,
}

struct Inner {
    client_id: String,
    client_secret: String,
    users: Vec<FakeUser>,
    mode: Mode,
    /// SHA-256 of every file it signed.
    signed: HashSet<[u8; 32]>,
    /// Every request body received, with the file contents replaced by their length.
    requests: Vec<(String, Value)>,
}

type Shared = Arc<Mutex<Inner>>;

/// The running fake service.
pub struct FakeBsre {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    inner: Shared,
    server: tokio::task::JoinHandle<()>,
}

impl FakeBsre {
    /// Starts the service on a random port with these client credentials and users.
    pub async fn start(client_id: &str, client_secret: &str, users: Vec<FakeUser>) -> FakeBsre {
        let inner = Arc::new(Mutex::new(Inner {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            users,
            mode: Mode::Normal,
            signed: HashSet::new(),
            requests: Vec::new(),
        }));
        let app = Router::new()
            .route("/api/v2/sign/pdf", post(sign))
            .route("/api/v2/user/check/status", post(user_status))
            .route("/api/v2/verify/pdf", post(verify))
            .layer(DefaultBodyLimit::max(30 * 1024 * 1024))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeBsre {
            url: format!("http://{addr}"),
            inner,
            server,
        }
    }

    pub fn set_mode(&self, mode: Mode) {
        lock(&self.inner).mode = mode;
    }

    /// The requests received so far: path and JSON body (files replaced by their length).
    pub fn requests(&self) -> Vec<(String, Value)> {
        lock(&self.inner).requests.clone()
    }

    /// How many files it has signed.
    pub fn signed_count(&self) -> usize {
        lock(&self.inner).signed.len()
    }
}

impl Drop for FakeBsre {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn lock(inner: &Shared) -> std::sync::MutexGuard<'_, Inner> {
    inner
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn error(status: StatusCode, message: &str, code: i64) -> Response {
    (
        status,
        Json(json!({ "error": message, "status_code": code })),
    )
        .into_response()
}

/// Checks credentials and the mode, and records the request. `Some(response)` ends the request
/// there; `None` means carry on.
async fn gate(inner: &Shared, path: &str, headers: &HeaderMap, body: &Value) -> Option<Response> {
    let mode = {
        let mut state = lock(inner);
        let expected = format!("{}:{}", state.client_id, state.client_secret);
        let given = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Basic "))
            .and_then(|v| STANDARD.decode(v).ok());
        if given.as_deref() != Some(expected.as_bytes()) {
            return Some(error(StatusCode::UNAUTHORIZED, "Unauthorized", 401));
        }
        let mut recorded = body.clone();
        if let Some(file) = recorded.as_object_mut().and_then(|o| o.get_mut("file")) {
            *file = json!(file.to_string().len());
        }
        state.requests.push((path.to_string(), recorded));
        state.mode
    };
    match mode {
        Mode::Normal => None,
        Mode::ServerError => Some(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal Server Error",
            500,
        )),
        Mode::MalformedJson => Some((StatusCode::OK, "{\"file\": [\"JVBER").into_response()),
        Mode::Hang => {
            std::future::pending::<()>().await;
            None
        }
    }
}

fn find_user(inner: &Shared, body: &Value) -> Option<FakeUser> {
    let nik = body.get("nik").and_then(Value::as_str);
    let email = body.get("email").and_then(Value::as_str);
    lock(inner)
        .users
        .iter()
        .find(|u| Some(u.nik.as_str()) == nik || Some(u.email.as_str()) == email)
        .cloned()
}

async fn user_status(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if let Some(r) = gate(&inner, "/api/v2/user/check/status", &headers, &body).await {
        return r;
    }
    match find_user(&inner, &body) {
        Some(user) => Json(json!({ "status_code": 1111, "status": user.status, "message": "Status pengguna" })).into_response(),
        None => Json(json!({ "status_code": 1110, "status": "NOT_REGISTERED", "message": "Pengguna tidak terdaftar" })).into_response(),
    }
}

async fn sign(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if let Some(r) = gate(&inner, "/api/v2/sign/pdf", &headers, &body).await {
        return r;
    }
    let Some(user) = find_user(&inner, &body) else {
        return error(StatusCode::BAD_REQUEST, "User tidak terdaftar", 2011);
    };
    let secret = body
        .get("passphrase")
        .or_else(|| body.get("totp"))
        .and_then(Value::as_str);
    if secret != Some(user.passphrase.as_str()) {
        return error(StatusCode::BAD_REQUEST, "Passphrase anda salah", 2031);
    }
    if user.status != "ISSUE" {
        return error(
            StatusCode::BAD_REQUEST,
            "Sertifikat pengguna tidak aktif",
            2051,
        );
    }
    let files = body.get("file").and_then(Value::as_array);
    let properties = body.get("signatureProperties").and_then(Value::as_array);
    let pdf = files
        .filter(|f| f.len() == 1 && properties.is_some_and(|p| p.len() == 1))
        .and_then(|f| f[0].as_str())
        .and_then(|f| STANDARD.decode(f).ok())
        .filter(|b| b.starts_with(b"%PDF-"));
    let Some(pdf) = pdf else {
        return error(StatusCode::BAD_REQUEST, "Dokumen tidak valid", 2021);
    };
    let Some(signed) = append_signature(&pdf, &user.name) else {
        return error(
            StatusCode::BAD_REQUEST,
            "Dokumen tidak dapat ditandatangani",
            2021,
        );
    };
    lock(&inner).signed.insert(Sha256::digest(&signed).into());
    Json(json!({ "file": [STANDARD.encode(&signed)], "time": "2026-11-02T10:15:00+07:00" }))
        .into_response()
}

/// An incremental update with a (fake) PAdES signature dictionary naming the signer.
fn append_signature(pdf: &[u8], signer: &str) -> Option<Vec<u8>> {
    let mut update = balai_docs::pdf::increment::IncrementalUpdate::new(pdf).ok()?;
    let seal = hex::encode(Sha256::digest(pdf));
    let name: String = signer.chars().filter(char::is_ascii_alphanumeric).collect();
    update.add(
        format!("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Name ({name}) /Contents <{seal}> >>")
            .into_bytes(),
    );
    Some(update.finish().0)
}

async fn verify(
    State(inner): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if let Some(r) = gate(&inner, "/api/v2/verify/pdf", &headers, &body).await {
        return r;
    }
    let Some(pdf) = body
        .get("file")
        .and_then(Value::as_str)
        .and_then(|f| STANDARD.decode(f).ok())
    else {
        return error(StatusCode::BAD_REQUEST, "Dokumen tidak valid", 2021);
    };
    let digest: [u8; 32] = Sha256::digest(&pdf).into();
    let known = lock(&inner).signed.contains(&digest);
    let has_signature = pdf.windows(20).any(|w| w == b"/Filter /Adobe.PPKLi");
    let (conclusion, description) = match (known, has_signature) {
        (true, _) => ("VALID", "Dokumen valid"),
        (false, true) => ("INVALID", "Dokumen telah diubah setelah ditandatangani"),
        (false, false) => ("NO_SIGNATURE", "Dokumen tidak memiliki tanda tangan"),
    };
    let signatures = if has_signature {
        json!([{ "signerName": "BSrE Fake", "signatureDate": "2026-11-02T10:15:00+07:00",
                 "integrityValid": known, "certificateTrusted": true, "modified": !known }])
    } else {
        json!([])
    };
    Json(json!({ "conclusion": conclusion, "description": description, "signatureInformations": signatures }))
        .into_response()
}
