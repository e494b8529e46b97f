//! Working applications in the console (Batang Pasal 9–11): inboxes per role, verification
//! with documents returned for reasons, the applicant replacing them, forwarding, the
//! technical recommendation and the decision with reasons; refusals change nothing.

use balai_core::Clock;
use balai_core::identity::{Actor, Role};
use balai_store::audit::AuditCtx;
use balai_store::identity::{NewUser, create_user, hash_password};
use balai_store::permits as store;
use balai_testkit::{DEMO_PASSWORD, TestApp, backends};
use uuid::Uuid;

use super::common::*;

const PEJABAT: &str = "ahmad.syarifudin@mesujikab.go.id";
const PETUGAS_DUKCAPIL: &str = "putri.handayani@mesujikab.go.id";

/// A staff account of DPMPTSP (the demo has no counter officer or technical team there).
async fn staff(app: &TestApp, email: &str, role: Role) {
    let org = balai_store::organisations::get_by_code(&app.db, "DPMPTSP")
        .await
        .unwrap()
        .unwrap();
    let ctx = AuditCtx::new(Actor::system(), None, app.clock.now());
    let mut tx = app.db.begin().await.unwrap();
    let new = NewUser {
        email: balai_core::ids::Email::parse(email).unwrap(),
        display_name: format!("Uji {}", role.as_str()),
        role,
        organisation_id: Some(org.id),
        officer_id: None,
        nik: None,
        phone: None,
        must_change_password: false,
    };
    create_user(
        &mut tx,
        &ctx,
        &new,
        &hash_password(DEMO_PASSWORD).await.unwrap(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// A submitted SIP Nakes application of the demo citizen.
async fn filed(app: &TestApp) -> Uuid {
    app.login_citizen(WARGA).await;
    let id = start(app, "SIP-NAKES", &sip_nakes_answers()).await;
    upload_required(app, id, "SIP-NAKES").await;
    let r = app
        .post_form(
            &format!("/akun/permohonan/{id}/ajukan"),
            &[("declaration", "true")],
        )
        .await;
    assert_eq!(r.status(), 303);
    id
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    id: Uuid,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let r = app
        .post_form_on(client, &format!("/konsol/permohonan/{id}/tindakan"), fields)
        .await;
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}

#[tokio::test]
async fn verification_returns_documents_with_reasons_then_decision__batang_9_11() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        staff(&app, "loket@mesujikab.go.id", Role::Petugas).await;
        staff(&app, "teknis@mesujikab.go.id", Role::TimTeknis).await;
        let id = filed(&app).await;
        let row = store::by_id(&app.db, id).await.unwrap().unwrap();
        let number = row.registration_number.clone().unwrap();

        let officer = app.new_client();
        app.login_staff_on(&officer, "loket@mesujikab.go.id").await;
        let inbox = officer
            .get(app.at("/konsol/permohonan"))
            .send()
            .await
            .unwrap();
        assert_eq!(inbox.status(), 200, "{b:?}");
        assert!(inbox.text().await.unwrap().contains(&number));
        let page = officer
            .get(app.at(&format!("/konsol/permohonan/{id}")))
            .send()
            .await
            .unwrap();
        let html = page.text().await.unwrap();
        assert!(html.contains("Kembalikan ke pemohon"), "{html}");

        // Returning without saying which document: refused, nothing changes.
        let v = row.version.to_string();
        let (status, html) = post(
            &app,
            &officer,
            id,
            &[("action", "return"), ("version", &v), ("comment", "Kurang")],
        )
        .await;
        assert_eq!(status, 422, "{html}");
        assert_eq!(
            store::by_id(&app.db, id).await.unwrap().unwrap().version,
            row.version
        );

        let docs = store::documents(&app.db, id).await.unwrap();
        let first = docs[0].id.to_string();
        let (doc_field, reason_field) = (format!("doc-{first}"), format!("reason-{first}"));
        let fields = [
            ("action", "return"),
            ("version", v.as_str()),
            ("comment", "Dokumen STR buram"),
            (doc_field.as_str(), "return"),
            (reason_field.as_str(), "Foto STR tidak terbaca <script>"),
        ];
        let (status, _) = post(&app, &officer, id, &fields).await;
        assert_eq!(status, 303);
        let row = store::by_id(&app.db, id).await.unwrap().unwrap();
        assert_eq!(row.state.as_deref(), Some("returned"));
        let notes = balai_store::notifications::about(&app.db, "application", &id.to_string())
            .await
            .unwrap();
        assert_eq!(notes.len(), 1, "the applicant is told in their inbox");

        // The same step again from the page as it was: the application moved on.
        let (status, _) = post(&app, &officer, id, &fields).await;
        assert_eq!(status, 409);

        // The applicant sees why, replaces the document and submits again.
        let (_, html) = app.get_text(&format!("/akun/permohonan/{id}")).await;
        assert!(
            html.contains("Foto STR tidak terbaca &lt;script&gt;")
                || html.contains("Foto STR tidak terbaca &#60;script&#62;"),
            "{html}"
        );
        let r = app
            .post_form(&format!("/akun/permohonan/{id}/ajukan"), &[])
            .await;
        assert_eq!(
            r.status(),
            422,
            "a returned document must be replaced first"
        );
        let standard = balai_store::services::published_by_code(&app.db, "SIP-NAKES")
            .await
            .unwrap()
            .unwrap()
            .standard()
            .unwrap();
        let index = standard
            .requirements
            .iter()
            .position(|r| r.name == docs[0].requirement)
            .unwrap();
        let (status, _, _) = upload(&app, id, index, "str-baru.pdf", pdf()).await;
        assert_eq!(status, 303);
        let r = app
            .post_form(&format!("/akun/permohonan/{id}/ajukan"), &[])
            .await;
        assert_eq!(r.status(), 303);
        let row = store::by_id(&app.db, id).await.unwrap().unwrap();
        assert_eq!(row.state.as_deref(), Some("verification"));

        let v = row.version.to_string();
        let (status, html) = post(
            &app,
            &officer,
            id,
            &[("action", "forward"), ("version", &v)],
        )
        .await;
        assert_eq!(status, 303, "{html}");

        let team = app.new_client();
        app.login_staff_on(&team, "teknis@mesujikab.go.id").await;
        let v = store::by_id(&app.db, id)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let (status, _) = post(&app, &team, id, &[("action", "recommend"), ("version", &v)]).await;
        assert_eq!(status, 303);

        // The counter officer may not decide.
        let v = store::by_id(&app.db, id)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let (status, _) = post(
            &app,
            &officer,
            id,
            &[("action", "approve"), ("version", &v)],
        )
        .await;
        assert_eq!(status, 403);

        let official = app.new_client();
        app.login_staff_on(&official, PEJABAT).await;
        let (status, _) = post(
            &app,
            &official,
            id,
            &[("action", "approve"), ("version", &v)],
        )
        .await;
        assert_eq!(status, 422, "a decision states its reasons");
        let reasons = [
            ("action", "approve"),
            ("version", v.as_str()),
            ("comment", "Memenuhi syarat"),
        ];
        let (status, html) = post(&app, &official, id, &reasons).await;
        let alert = html
            .find("alert")
            .map(|i| &html[i..(i + 400).min(html.len())]);
        assert_eq!(status, 303, "{alert:?}");
        let row = store::by_id(&app.db, id).await.unwrap().unwrap();
        assert_eq!(
            (row.state.as_deref(), row.outcome.as_deref()),
            (Some("signing"), Some("approved"))
        );
        // A second decision is refused.
        let v = row.version.to_string();
        let (status, _) = post(
            &app,
            &official,
            id,
            &[("action", "reject"), ("version", &v), ("comment", "x")],
        )
        .await;
        assert_eq!(status, 409);

        // Another organisation's officer does not see it; a citizen has no console.
        let other = app.new_client();
        app.login_staff_on(&other, PETUGAS_DUKCAPIL).await;
        let r = other
            .get(app.at(&format!("/konsol/permohonan/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        let r = app.get("/konsol/permohonan").await;
        assert_eq!(r.status(), 403);
        verify(&app).await;
    }
}
