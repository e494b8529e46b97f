//! The public complaint form, receipt and status page end to end (Seluma Pasal 51–53), with
//! the bad input of the issue: empty or over-long text, a future or too-old service date, an
//! unknown organisation, evidence that is not what it claims, a forged tracking code and a
//! second submission of the same form.

use balai_testkit::{TestApp, backends, extract_csrf};
use chrono::Duration;

const BOUNDARY: &str = "----balai-pengaduan-7d3e";

/// A small, well-formed PDF.
fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
trailer\n<< /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

/// A multipart body of text fields and, optionally, one evidence file.
fn body(fields: &[(&str, String)], evidence: Option<(&str, Vec<u8>)>) -> Vec<u8> {
    let mut b = Vec::new();
    for (name, value) in fields {
        b.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                .as_bytes(),
        );
        b.extend_from_slice(value.as_bytes());
        b.extend_from_slice(b"\r\n");
    }
    if let Some((file_name, bytes)) = evidence {
        b.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"; \
                 filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        b.extend_from_slice(&bytes);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    b
}

fn value_of(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).map(|i| i + marker.len()).unwrap();
    html[start..].split('"').next().unwrap().to_owned()
}

fn text_in(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let start = html.find(&marker).map(|i| i + marker.len()).unwrap();
    html[start..].split('<').next().unwrap().trim().to_owned()
}

/// The form's CSRF token and one-time key.
async fn open_form(app: &TestApp) -> (String, String) {
    let (status, html) = app.get_text("/pengaduan/baru").await;
    assert_eq!(status, 200);
    (
        extract_csrf(&html).unwrap(),
        value_of(&html, "submission_key"),
    )
}

fn valid(app: &TestApp, csrf: &str, key: &str) -> Vec<(&'static str, String)> {
    let yesterday = (balai_core::Clock::now(app.clock.as_ref()) - Duration::days(1))
        .date_naive()
        .to_string();
    vec![
        ("csrf", csrf.to_owned()),
        ("submission_key", key.to_owned()),
        ("organisation", "DISDUKCAPIL".into()),
        ("category", "waktu".into()),
        ("service_date", yesterday),
        ("subject", "KTP-el belum dicetak".into()),
        (
            "description",
            "Sudah tiga minggu KTP-el saya belum dicetak padahal dijanjikan.".into(),
        ),
        ("loss", "Tidak bisa membuka rekening bank.".into()),
        ("resolution", "KTP-el segera dicetak.".into()),
        ("anonymous", "true".into()),
        ("name", "Siti Rahma Pengadu".into()),
    ]
}

async fn post(app: &TestApp, b: Vec<u8>) -> (u16, String) {
    let r = app
        .client
        .post(app.at("/pengaduan/baru"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(b)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

pub(crate) async fn lodge_anonymous_with_evidence(app: &TestApp) -> (String, String) {
    let (csrf, key) = open_form(app).await;
    let (status, html) = post(
        app,
        body(&valid(app, &csrf, &key), Some(("bukti.pdf", pdf()))),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    (text_in(&html, "nomor"), text_in(&html, "kode"))
}

#[tokio::test]
async fn anonymous_complaint_with_evidence_gets_number_code_receipt_and_status__seluma_53() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (number, code) = lodge_anonymous_with_evidence(&app).await;
        assert_eq!(number, "ADU-2026-000001");
        let c = balai_store::complaints::by_number(&app.db, &number)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.privacy, "anonim");
        assert_eq!(
            balai_store::complaints::evidence(&app.db, c.id)
                .await
                .unwrap()
                .len(),
            1
        );
        let form = [("number", number.as_str()), ("code", code.as_str())];
        let r = app.post_form("/pengaduan/tanda-terima", &form).await;
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(r.bytes().await.unwrap().starts_with(b"%PDF"));
        let r = app.post_form("/pengaduan/status", &form).await;
        assert_eq!(r.status().as_u16(), 200);
        let html = r.text().await.unwrap();
        assert_eq!(text_in(&html, "tahap"), "Diterima");
        assert!(
            html.contains("Luwu Pasal 43(3)"),
            "the deadline shows its article"
        );
        let forged = [("number", number.as_str()), ("code", "AAAA-BBBB-CCCC")];
        assert_eq!(
            app.post_form("/pengaduan/status", &forged)
                .await
                .status()
                .as_u16(),
            404
        );
        assert_eq!(
            app.post_form("/pengaduan/tanda-terima", &forged)
                .await
                .status()
                .as_u16(),
            404
        );
        assert_eq!(super::audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn a_second_submission_of_the_same_form_gives_the_same_complaint_and_code() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (csrf, key) = open_form(&app).await;
        let (_, first) = post(&app, body(&valid(&app, &csrf, &key), None)).await;
        let (status, again) = post(&app, body(&valid(&app, &csrf, &key), None)).await;
        assert_eq!(status, 200);
        assert_eq!(text_in(&first, "nomor"), text_in(&again, "nomor"));
        assert_eq!(text_in(&first, "kode"), text_in(&again, "kode"));
        let (_, html) = app.get_text("/pengaduan/baru").await;
        assert_ne!(
            value_of(&html, "submission_key"),
            key,
            "every form gets its own key"
        );
    }
}

#[tokio::test]
async fn bad_input_is_refused_next_to_each_field_and_the_input_kept() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (csrf, key) = open_form(&app).await;
        let tomorrow = (balai_core::Clock::now(app.clock.as_ref()) + Duration::days(1))
            .date_naive()
            .to_string();
        let mut f = valid(&app, &csrf, &key);
        f.retain(|(k, _)| {
            ![
                "subject",
                "organisation",
                "service_date",
                "name",
                "anonymous",
            ]
            .contains(k)
        });
        f.push(("subject", "   ".into()));
        f.push(("organisation", "TIDAK-ADA".into()));
        f.push(("service_date", tomorrow));
        f.push(("description", "<script>alert(1)</script> ".repeat(400)));
        let (status, html) = post(&app, body(&f, Some(("bukti.pdf", b"bukan pdf".to_vec())))).await;
        assert_eq!(status, 422);
        for field in [
            "subject",
            "organisation",
            "service_date",
            "description",
            "name",
            "evidence",
        ] {
            assert!(html.contains(&format!("id=\"err-{field}\"")), "{field}");
        }
        assert!(
            html.contains("alert(1)") && !html.contains("<script>alert"),
            "kept, escaped"
        );
        assert!(html.contains("KTP-el segera dicetak."));
        assert!(
            balai_store::complaints::by_number(&app.db, "ADU-2026-000001")
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_complaint_older_than_30_days_is_refused_online_with_the_article__seluma_51_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (csrf, key) = open_form(&app).await;
        let old = (balai_core::Clock::now(app.clock.as_ref()) - Duration::days(31))
            .date_naive()
            .to_string();
        let mut f = valid(&app, &csrf, &key);
        f.retain(|(k, _)| *k != "service_date");
        f.push(("service_date", old));
        let (status, html) = post(&app, body(&f, None)).await;
        assert_eq!(status, 422);
        assert!(html.contains("Seluma Pasal 51(2)"), "{html}");
        assert!(html.contains("Meja Pengaduan"));
    }
}

#[tokio::test]
async fn staff_register_a_late_phone_complaint_only_with_a_reason__seluma_51_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff("siti.aminah@mesujikab.go.id").await;
        let (status, html) = app.get_text("/konsol/pengaduan/baru").await;
        assert_eq!(status, 200);
        let (csrf, key) = (
            extract_csrf(&html).unwrap(),
            value_of(&html, "submission_key"),
        );
        let old = (balai_core::Clock::now(app.clock.as_ref()) - Duration::days(45))
            .date_naive()
            .to_string();
        let mut f = valid(&app, &csrf, &key);
        f.retain(|(k, _)| *k != "service_date");
        f.push(("service_date", old));
        f.push(("channel", "phone".into()));
        let send = |b: Vec<u8>| {
            app.client
                .post(app.at("/konsol/pengaduan/baru"))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(b)
                .send()
        };
        let r = send(body(&f, None)).await.unwrap();
        assert_eq!(r.status().as_u16(), 422);
        assert!(r.text().await.unwrap().contains("id=\"err-late_reason\""));
        f.push((
            "late_reason",
            "Pengadu baru keluar dari rumah sakit.".into(),
        ));
        let r = send(body(&f, None)).await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let number = text_in(&r.text().await.unwrap(), "nomor");
        let c = balai_store::complaints::by_number(&app.db, &number)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((c.channel.as_str(), c.late), ("phone", true));
        assert_eq!(c.received_by_name, "Siti Aminah, S.Sos.");
        let citizen = app.new_client();
        app.login_citizen_on(&citizen, "warga@example.id").await;
        let r = citizen
            .get(app.at("/konsol/pengaduan/baru"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403);
    }
}
