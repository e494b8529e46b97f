//! The respondent page, the publication and the API, through HTTP.

use balai_core::Clock;
use balai_core::identity::Actor;
use balai_store::audit::AuditCtx;
use balai_store::survey::{self as store, SourceKind};
use balai_testkit::{TestApp, backends};

async fn invite(app: &TestApp, service: &str, source: &str) -> String {
    let svc = balai_store::services::get_by_code(&app.db, service)
        .await
        .unwrap()
        .unwrap();
    let ctx = AuditCtx::new(Actor::system(), None, app.clock.now());
    let mut tx = app.db.begin().await.unwrap();
    let until = app.clock.now() + chrono::Duration::days(30);
    let inv = store::invite(
        &mut tx,
        &ctx,
        SourceKind::Ticket,
        source,
        svc.id,
        svc.organisation_id,
        until,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    inv.code
}

fn form<'a>(answer: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("sex", "P"),
        ("age", "29"),
        ("education", "D4-S1"),
        ("occupation", "SWASTA"),
    ];
    for code in [
        "PERSYARATAN",
        "PROSEDUR",
        "WAKTU",
        "BIAYA",
        "PRODUK",
        "KOMPETENSI",
        "PERILAKU",
        "PENGADUAN",
        "SARPRAS",
    ] {
        f.push((code, answer));
    }
    f.extend_from_slice(extra);
    f
}

#[tokio::test]
async fn a_visitor_answers_once_and_the_published_index_changes__permenpanrb_14_2017() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let code = invite(&app, "KTP-EL", "A-001").await;
        let (status, html) = app.get_text(&format!("/survei/{code}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Persyaratan") || html.contains("persyaratan"));
        assert!(!html.contains("NIK\"") && !html.contains("name=\"nik\""));
        // An answer outside 1–4 and a missing element: named, nothing stored, input kept.
        let mut bad = form("4", &[("suggestion", "<b>Antre</b> lebih cepat")]);
        bad.retain(|(k, _)| *k != "SARPRAS");
        bad.iter_mut()
            .filter(|(k, _)| *k == "WAKTU")
            .for_each(|f| f.1 = "5");
        let r = app.post_form(&format!("/survei/{code}"), &bad).await;
        assert_eq!(r.status().as_u16(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("Jawaban harus 1, 2, 3, atau 4."));
        assert!(html.contains("Pilih salah satu jawaban untuk unsur ini."));
        assert!(html.contains("&#60;b&#62;Antre&#60;/b&#62; lebih cepat"));
        let (_, ikm) = app.get_text("/ikm?service=KTP-EL").await;
        assert!(!ikm.contains("100.00"));
        // The whole questionnaire.
        let r = app
            .post_form(&format!("/survei/{code}"), &form("4", &[]))
            .await;
        assert_eq!(r.status().as_u16(), 200);
        assert!(r.text().await.unwrap().contains("Terima kasih"));
        let (status, ikm) = app.get_text("/ikm?service=KTP-EL").await;
        assert_eq!(status, 200);
        assert!(ikm.contains("100.00"), "{ikm}");
        assert!(ikm.contains("<svg"));
        // The same code cannot be used twice.
        let (status, html) = app.get_text(&format!("/survei/{code}")).await;
        assert_eq!(status, 410);
        assert!(html.contains("Kode ini sudah dipakai"));
        let r = app
            .post_form(&format!("/survei/{code}"), &form("1", &[]))
            .await;
        assert_eq!(r.status().as_u16(), 410);
        let api: serde_json::Value = app
            .get("/api/v1/ikm?service=KTP-EL")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(api["converted"], "100.00");
        assert_eq!(api["grade"], "A");
        assert_eq!(api["respondents"], 1);
        let report = balai_store::snapshots::verify(&app.db).await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}

#[tokio::test]
async fn unknown_and_expired_codes_get_a_clear_message() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (status, html) = app.get_text("/survei/ZZZZZZZZZZ").await;
        assert_eq!(status, 404);
        assert!(html.contains("Kode tidak dikenal"));
        let (status, _) = app.get_text("/survei/%3Cscript%3E").await;
        assert_eq!(status, 404);
        let code = invite(&app, "KK", "A-002").await;
        app.clock.advance(chrono::Duration::days(31));
        let (status, html) = app
            .get_text(&format!("/survei/{}", code.to_lowercase()))
            .await;
        assert_eq!(status, 410);
        assert!(html.contains("kedaluwarsa"));
        // Typing the code with a dash in the box leads to its page.
        let r = app.post_form("/survei", &[("code", "abcde-fghjk")]).await;
        assert_eq!(r.headers()["location"], "/survei/ABCDEFGHJK");
        let r = app.post_form("/survei", &[("code", "  ")]).await;
        assert_eq!(r.status().as_u16(), 422);
    }
}

#[tokio::test]
async fn the_api_and_csv_refuse_bad_parameters_and_publish_the_same_numbers() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for q in [
            "from=2026-13-01",
            "to=kemarin",
            "from=2026-05-01&to=2026-04-01",
        ] {
            let r = app.get(&format!("/api/v1/ikm?{q}")).await;
            assert_eq!(r.status().as_u16(), 400, "{q}");
        }
        assert_eq!(
            app.get("/api/v1/ikm?service=NOPE").await.status().as_u16(),
            404
        );
        assert_eq!(app.get("/api/v1/ikm?org=NOPE").await.status().as_u16(), 404);
        let api: serde_json::Value = app
            .get("/api/v1/ikm?org=DISDUKCAPIL")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(api["converted"], serde_json::Value::Null);
        let code = invite(&app, "KK", "A-003").await;
        let r = app
            .post_form(&format!("/survei/{code}"), &form("3", &[]))
            .await;
        assert_eq!(r.status().as_u16(), 200);
        let api: serde_json::Value = app
            .get("/api/v1/ikm?org=DISDUKCAPIL")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(api["converted"], "75.00");
        assert_eq!(api["grade"], "C");
        let r = app.get("/ikm/unduh.csv").await;
        assert_eq!(r.status().as_u16(), 200);
        let csv = r.text().await.unwrap();
        assert!(
            csv.lines()
                .any(|l| l.contains("\"KK\"") && l.contains("\"75.00\"")),
            "{csv}"
        );
        assert_eq!(app.get("/ikm?service=NOPE").await.status().as_u16(), 404);
        assert_eq!(app.get("/ikm?period=2026-Q9").await.status().as_u16(), 200);
    }
}
