//! The demo consultation's public comments and the audit trail of the area's records.

use balai_store::audit::Problem;
use balai_testkit::{TestApp, backends};
use balai_web::i18n::Lang;

use super::common::{api, area_problems, owned, post_on, t};

#[tokio::test]
async fn demo_consultation_shows_only_approved_comments_and_audit_verifies_clean() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, body) = app.get_text("/layanan/AKTA-LAHIR").await;
        assert!(body.contains(&t(Lang::Id, "svc-consultation-open")));
        assert!(
            body.contains("Siti Rahmawati"),
            "the approved comment is shown"
        );
        assert!(
            !body.contains("Forum Peduli Anak"),
            "pending comments are not shown"
        );
        assert!(body.contains("action=\"/layanan/AKTA-LAHIR/konsultasi\""));
        let (_, other) = app.get_text("/layanan/KTP-EL").await;
        assert!(
            !other.contains("/konsultasi\""),
            "no form without an open draft"
        );
        let citizen = app.new_client();
        app.login_citizen_on(&citizen, "warga@example.id").await;
        let signed_in = citizen
            .get(app.at("/layanan/AKTA-LAHIR"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            signed_in.contains("value=\"Rini Anggraini\""),
            "a signed-in citizen's name is filled in"
        );
        let r = post_on(
            &app,
            &app.new_client(),
            "/layanan/KTP-EL/konsultasi",
            &owned(&[("name", "A"), ("group", "media"), ("body", "B")]),
        )
        .await;
        assert_eq!(
            r.status().as_u16(),
            404,
            "no comments without an open draft"
        );
        assert_eq!(area_problems(&app).await, vec![]);
    }
}

#[tokio::test]
async fn altered_standard_json_is_named_by_audit_verify() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, one) = api(&app, "/api/v1/services/KTP-EL").await;
        assert_eq!(one["free"], true);
        let svc = balai_store::services::get_by_code(&app.db, "KTP-EL")
            .await
            .unwrap()
            .unwrap();
        let vid = svc.published_version_id.unwrap();
        let sql = "UPDATE standard_versions SET standard = REPLACE(standard, '\"fees\":[]', \
            '\"fees\":[{\"item\":\"Pungli\",\"amount\":50000,\"legal_basis\":\"-\"}]') WHERE id = $1";
        balai_store::on_db!(app.db.write(), p => sqlx::query(sql).bind(vid).execute(p).await.map(|_| ())).unwrap();
        let problems = area_problems(&app).await;
        assert!(
            problems.contains(&Problem::RecordAltered {
                subject_type: "standard_version".into(),
                subject_id: vid.to_string()
            }),
            "{problems:?}"
        );
    }
}
