//! Helpers of the licensing tests: signing in, starting a draft, uploading documents (reqwest's
//! `multipart` feature is off, so bodies are built by hand), reading redirects.

use balai_testkit::{TestApp, extract_csrf};
use uuid::Uuid;

pub const WARGA: &str = "warga@example.id";
const BOUNDARY: &str = "----balai-permohonan-7d2e1b";

/// A small but well-formed PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
trailer\n<< /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

/// A complete 1×1 PNG (signature, IHDR, IDAT, IEND).
pub fn png() -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        )
        .unwrap()
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The answers of a complete SIP Nakes form (the demo's simplest licence: no inspection, no
/// levy); the NIK holds the birth date 7 August 1990.
pub fn sip_nakes_answers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("nama_pemohon", "dr. Siti <b>Aminah</b>"),
        ("nik_pemohon", "1811014708900002"),
        ("telepon", "0812 3456 7890"),
        ("profesi", "dokter"),
        ("nomor_str", "STR-2026-0001"),
        ("tempat_praktik", "Jl. Lintas Timur 12"),
        ("tempat_praktik.region", "18.11.01.2001"),
    ]
}

/// Starts a draft of `code` with `answers` as the app's signed-in client; returns its id.
pub async fn start(app: &TestApp, code: &str, answers: &[(&str, &str)]) -> Uuid {
    let r = app
        .post_form(&format!("/layanan/{code}/ajukan"), answers)
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let to = location(&r);
    let id = to.trim_start_matches("/akun/permohonan/");
    Uuid::parse_str(id).unwrap()
}

/// The positions of the service's uploaded requirements, whether each is required and
/// whether it takes PDF.
pub async fn uploads(app: &TestApp, code: &str) -> Vec<(usize, bool, bool)> {
    let svc = balai_store::services::published_by_code(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    svc.standard()
        .unwrap()
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.file_types.is_empty())
        .map(|(i, r)| (i, r.required, r.file_types.iter().any(|t| t == "pdf")))
        .collect()
}

/// Uploads `bytes` as requirement `index` of application `id`; returns status, target, body.
pub async fn upload(
    app: &TestApp,
    id: Uuid,
    index: usize,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String, String) {
    let csrf =
        extract_csrf(&app.get_text(&format!("/akun/permohonan/{id}")).await.1).unwrap_or_default();
    let mut body = Vec::new();
    for (field, value) in [("csrf", csrf.as_str()), ("requirement", &index.to_string())] {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(&bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let r = app
        .client
        .post(app.at(&format!("/akun/permohonan/{id}/dokumen")))
        .header(
            reqwest::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let to = location(&r);
    (status, to, r.text().await.unwrap_or_default())
}

/// Uploads a PDF for every required document of `code`'s application `id`.
pub async fn upload_required(app: &TestApp, id: Uuid, code: &str) {
    for (index, required, takes_pdf) in uploads(app, code).await {
        if required {
            let (name, bytes) = if takes_pdf {
                ("dokumen.pdf", pdf())
            } else {
                ("foto.png", png())
            };
            let (status, _, body) = upload(app, id, index, name, bytes).await;
            let problem = body
                .find("field-error")
                .map(|i| &body[i..(i + 300).min(body.len())]);
            assert_eq!(status, 303, "{problem:?}");
        }
    }
}

pub async fn verify(app: &TestApp) {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
