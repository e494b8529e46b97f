//! The public verification page, the key registry and the download of an issued document
//! (Batang Pasal 14–15): authentic as issued; one changed byte → "not authentic"; a QR whose
//! signature was tampered with → "not authentic"; revoked keys stay in the registry.

use balai_testkit::{TestApp, backends};
use object_store::ObjectStoreExt;

use super::common::*;

const BOUNDARY: &str = "----balai-verifikasi-7d3e";

/// A `multipart/form-data` body with the CSRF token and the PDF as `file`.
fn upload_body(csrf: &str, pdf: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"izin.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(pdf);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Uploads `pdf` to the document's verification page as an anonymous visitor.
async fn compare(app: &TestApp, id: uuid::Uuid, pdf: &[u8]) -> (u16, String) {
    let visitor = app.new_client();
    let page = visitor
        .get(app.at(&format!("/verifikasi/{id}")))
        .send()
        .await
        .unwrap();
    let csrf = balai_testkit::extract_csrf(&page.text().await.unwrap()).unwrap();
    let r = visitor
        .post(app.at(&format!("/verifikasi/{id}")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(upload_body(&csrf, pdf))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn issued(app: &TestApp) -> (balai_store::signing::IssuedDocumentRow, Vec<u8>) {
    enrol(app).await;
    let mut content = licence("app-1");
    let org = balai_store::organisations::get_by_code(&app.db, "DPMPTSP")
        .await
        .unwrap()
        .unwrap();
    content.organisation_id = Some(org.id);
    let doc = sign(app, &content, PASSPHRASE).await.unwrap();
    let path = object_store::path::Path::from(doc.object_key.as_str());
    let bytes = app
        .state
        .files
        .get(&path)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    (doc, bytes)
}

#[tokio::test]
async fn verification_page_says_authentic_and_who_signed_when__batang_14_15() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (doc, bytes) = issued(&app).await;
        let anonymous = app.new_client();
        let page = anonymous
            .get(app.at(&format!("/verifikasi/{}", doc.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Dokumen ASLI"), "{html}");
        assert!(html.contains("Kepala Dinas Penanaman Modal dan PTSP"));
        assert!(html.contains(&doc.number) && html.contains("Toko Sembako Berkah"));
        // The link in the QR code, as scanned.
        let path = &doc.qr_text[doc.qr_text.find("/verifikasi/").unwrap()..];
        let (status, html) = app.get_text(path).await;
        assert_eq!(status, 200);
        assert!(html.contains("Dokumen ASLI"));
        // A QR whose signature was altered.
        let forged = path.replacen("&s=", "&s=A", 1);
        let (_, html) = app.get_text(&forged).await;
        assert!(html.contains("Dokumen TIDAK ASLI"), "{html}");
        // The exact file compares as authentic; one changed byte does not.
        let (status, html) = compare(&app, doc.id, &bytes).await;
        assert_eq!(status, 200);
        assert!(html.contains("Berkas ini ASLI"), "{html}");
        let mut changed = bytes.clone();
        let i = changed.len() / 4;
        changed[i] ^= 0x01;
        let (status, html) = compare(&app, doc.id, &changed).await;
        assert_eq!(status, 200);
        assert!(html.contains("Berkas ini TIDAK ASLI"), "{html}");
        // An empty upload is a message next to the field, not an error page.
        let (status, html) = compare(&app, doc.id, b"").await;
        assert_eq!(status, 422);
        assert!(
            html.contains("err-file") || html.contains("Berkas kosong"),
            "{html}"
        );
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn unknown_or_malformed_document_ids_are_not_found() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for path in [
            format!("/verifikasi/{}", uuid::Uuid::now_v7()),
            "/verifikasi/bukan-id".to_string(),
            "/verifikasi/%27%20OR%201=1".to_string(),
            format!("/dokumen/{}", uuid::Uuid::now_v7()),
        ] {
            let (status, _) = app.get_text(&path).await;
            assert!(status == 404 || status == 303, "{path}: {status}");
        }
    }
}

#[tokio::test]
async fn key_registry_lists_revoked_keys_with_their_dates() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        enrol(&app).await;
        let code = totp(&app, PEJABAT).await;
        let r = app
            .post_form(
                "/konsol/tanda-tangan/cabut",
                &[("reason", "Pindah jabatan"), ("revoke_totp", &code)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let keys: serde_json::Value = app
            .new_client()
            .get(app.at("/verifikasi/kunci.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let keys = keys.as_array().unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0]["position"], "Kepala Dinas Penanaman Modal dan PTSP");
        assert!(keys[0]["revoked_at"].is_string());
        assert_eq!(keys[0]["public_key"].as_str().unwrap().len(), 64);
        assert!(keys[0].get("encrypted_key").is_none());
        let (status, html) = app.get_text("/verifikasi/kunci").await;
        assert_eq!(status, 200);
        assert!(html.contains(keys[0]["key_id"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn issuing_organisation_staff_download_the_exact_signed_file_others_are_refused() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (doc, bytes) = issued(&app).await;
        let r = app.get(&format!("/dokumen/{}", doc.id)).await;
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(r.bytes().await.unwrap().to_vec(), bytes);
        // A citizen, and staff of another organisation, may not.
        let citizen = app.new_client();
        app.login_citizen_on(&citizen, "warga@example.id").await;
        let r = citizen
            .get(app.at(&format!("/dokumen/{}", doc.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403);
        let other = app.new_client();
        app.login_staff_on(&other, "putri.handayani@mesujikab.go.id")
            .await;
        let r = other
            .get(app.at(&format!("/dokumen/{}", doc.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403);
    }
}
