//! The survey in the staff console: invitations by hand and on the counter's tablet, paper
//! entry recorded with who entered it, moderation and invalidation with a reason.

use balai_core::Clock;
use balai_store::survey::{self as store, Scope};
use balai_testkit::{TestApp, backends};
use chrono::Duration;

const PUTRI: &str = "putri.handayani@mesujikab.go.id"; // petugas, DISDUKCAPIL
const ADMIN: &str = "admin@mesujikab.go.id"; // admin_mpp

fn answers(a: &str) -> Vec<(&str, &str)> {
    let mut f = vec![
        ("sex", "L"),
        ("age", "52"),
        ("education", "SD"),
        ("occupation", "WIRAUSAHA"),
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
        f.push((code, a));
    }
    f
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    balai_store::on_db!(app.db.read(), p => sqlx::query_scalar(sql).fetch_one(p).await).unwrap()
}

#[tokio::test]
async fn an_officer_hands_the_tablet_to_the_visitor_just_served_and_enters_paper_forms() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(PUTRI).await;
        let (status, html) = app.get_text("/konsol/skm").await;
        assert_eq!(status, 200);
        assert!(html.contains("KTP-EL"));
        // Another organisation's service is not offered and is refused.
        assert!(!html.contains("value=\"PBG\""));
        let r = app
            .post_form(
                "/konsol/skm/undangan",
                &[("service", "PBG"), ("reference", "A-1")],
            )
            .await;
        assert_eq!(r.status().as_u16(), 422);
        let r = app
            .post_form(
                "/konsol/skm/undangan",
                &[("service", "KTP-EL"), ("reference", "")],
            )
            .await;
        assert_eq!(r.status().as_u16(), 422);
        // On the tablet: straight to the questionnaire, bound to that ticket.
        let r = app
            .post_form(
                "/konsol/skm/undangan",
                &[
                    ("service", "KTP-EL"),
                    ("reference", "A-012"),
                    ("tablet", "true"),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            to.starts_with("/survei/") && to.ends_with("?mode=tablet"),
            "{to}"
        );
        let (status, html) = app.get_text(&to).await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"tablet\""));
        let path = to.split('?').next().unwrap().to_owned();
        let mut f = answers("3");
        f.push(("mode", "tablet"));
        assert_eq!(app.post_form(&path, &f).await.status().as_u16(), 200);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM skm_responses WHERE channel = 'tablet'"
            )
            .await,
            1
        );
        // The same ticket cannot be invited twice.
        let r = app
            .post_form(
                "/konsol/skm/undangan",
                &[("service", "KTP-EL"), ("reference", "A-012")],
            )
            .await;
        assert_eq!(r.status().as_u16(), 422);
        assert!(r.text().await.unwrap().contains("sudah memiliki undangan"));
        // By hand: the code, its link and a QR code.
        let r = app
            .post_form(
                "/konsol/skm/undangan",
                &[("service", "KTP-EL"), ("reference", "A-013")],
            )
            .await;
        assert_eq!(r.status().as_u16(), 200);
        let html = r.text().await.unwrap();
        assert!(html.contains("/survei/") && html.contains("<svg"));
        // Paper: a bad form keeps the input and names the fields; a good one is recorded.
        let mut bad = answers("4");
        bad.extend([("service", "KTP-EL"), ("date", "2026-13-01")]);
        bad.retain(|(k, _)| *k != "WAKTU");
        let r = app.post_form("/konsol/skm/kertas", &bad).await;
        assert_eq!(r.status().as_u16(), 422);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Tanggal ditulis sebagai") && html.contains("Pilih salah satu jawaban")
        );
        let mut good = answers("4");
        good.extend([
            ("service", "KTP-EL"),
            ("date", "2026-10-30"),
            ("suggestion", "Terima kasih"),
        ]);
        let r = app.post_form("/konsol/skm/kertas", &good).await;
        assert_eq!(r.status().as_u16(), 303);
        let entered: String = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar(
            "SELECT entered_by_name FROM skm_batches").fetch_one(p).await)
        .unwrap();
        assert!(entered.starts_with("Putri Handayani"), "{entered}");
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM skm_responses WHERE channel = 'paper'"
            )
            .await,
            1
        );
        let report = balai_store::snapshots::verify(&app.db).await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}

#[tokio::test]
async fn a_moderator_publishes_suggestions_and_invalidates_with_a_reason__luwu_18_e() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(PUTRI).await;
        let mut f = answers("2");
        f.extend([
            ("service", "KK"),
            ("date", "2026-11-01"),
            ("suggestion", "Ruang tunggu <b>panas</b>"),
        ]);
        assert_eq!(
            app.post_form("/konsol/skm/kertas", &f)
                .await
                .status()
                .as_u16(),
            303
        );
        let client = app.new_client();
        app.login_staff_on(&client, ADMIN).await;
        let html = client
            .get(app.at("/konsol/skm"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Ruang tunggu &#60;b&#62;panas&#60;/b&#62;"));
        let id: uuid::Uuid = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar(
            "SELECT id FROM skm_responses").fetch_one(p).await)
        .unwrap();
        let csrf = balai_testkit::extract_csrf(&html).unwrap();
        let r = client
            .post(app.at(&format!("/konsol/skm/saran/{id}")))
            .form(&[("csrf", csrf.as_str()), ("publish", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 303);
        let (_, ikm) = app.get_text("/ikm?service=KK").await;
        assert!(ikm.contains("Ruang tunggu &#60;b&#62;panas&#60;/b&#62;"));
        assert!(ikm.contains("50.00"));
        let post = |fields: Vec<(&'static str, String)>| {
            let mut fields = fields;
            fields.push(("csrf", csrf.clone()));
            client
                .post(app.at("/konsol/skm/batal"))
                .form(&fields)
                .send()
        };
        let r = post(vec![
            ("response_id", id.to_string()),
            ("reason", "x".into()),
        ])
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 422);
        let r = post(vec![
            ("response_id", "bukan-id".into()),
            ("reason", "Duplikat terbukti".into()),
        ])
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 422);
        let r = post(vec![
            ("response_id", id.to_string()),
            ("reason", "Duplikat terbukti".into()),
        ])
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 303);
        let r = post(vec![
            ("response_id", id.to_string()),
            ("reason", "Duplikat terbukti".into()),
        ])
        .await
        .unwrap();
        assert_eq!(r.status().as_u16(), 422);
        let today = app.clock.now().date_naive();
        let scope = Scope {
            service_id: None,
            organisation_id: None,
            from: today - Duration::days(30),
            until: today + Duration::days(1),
        };
        let r = store::index(&app.db, &scope, balai_core::survey::SampleRule::Table)
            .await
            .unwrap();
        assert_eq!((r.respondents, r.invalidated), (0, 1));
        let (_, ikm) = app.get_text("/ikm?service=KK").await;
        assert!(ikm.contains("Jawaban dibatalkan: 1"));
        let report = balai_store::snapshots::verify(&app.db).await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}
