//! The service form and who may use the services console (Batang Pasal 5).

use balai_testkit::{TestApp, backends};
use balai_web::i18n::Lang;

use super::common::{ADMIN, PEJABAT_DPMPTSP, area_problems, location, owned, post_on, t};

#[tokio::test]
async fn service_form_refuses_a_taken_code_and_creates_an_unpublished_service() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (status, _) = app.get_text("/konsol/layanan/baru").await;
        assert_eq!(status, 200);
        let orgs = balai_store::services::organisation_choices(&app.db)
            .await
            .unwrap();
        let org = orgs
            .iter()
            .find(|o| o.code == "BPN")
            .unwrap()
            .id
            .to_string();
        let mut fields = owned(&[
            ("organisation", &org),
            ("name", "Layanan Uji"),
            ("kind", "nonperizinan"),
            ("category", "jasa"),
            ("modes", "langsung"),
            ("modes", "elektronik"),
            ("ticket_prefix", "U"),
        ]);
        fields.push(("code".into(), "ktp-el".into()));
        let r = post_on(&app, &app.client, "/konsol/layanan/baru", &fields).await;
        assert_eq!(r.status().as_u16(), 422);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("id=\"err-code\"")
                && body.contains(&t(Lang::Id, "err-service-code-taken"))
        );
        assert!(body.contains("value=\"ktp-el\""), "input kept");
        fields.retain(|(k, _)| k != "code");
        fields.push(("code".into(), "UJI-1".into()));
        let r = post_on(&app, &app.client, "/konsol/layanan/baru", &fields).await;
        assert_eq!(
            (r.status().as_u16(), location(&r).as_str()),
            (303, "/konsol/layanan/UJI-1")
        );
        assert_eq!(
            app.get_text("/layanan/UJI-1").await.0,
            404,
            "nothing adopted yet"
        );
        let (_, list) = app.get_text("/konsol/layanan?q=uji").await;
        assert!(list.contains("UJI-1"));
        // Editing checks the version the editor saw: a stale save is refused, input kept.
        let (status, _) = app.get_text("/konsol/layanan/UJI-1/ubah").await;
        assert_eq!(status, 200);
        let mut edit = fields.clone();
        edit.retain(|(k, _)| k != "name" && k != "code");
        edit.extend(owned(&[
            ("name", "Layanan Uji Diubah"),
            ("version", "1"),
            ("active", "true"),
        ]));
        let r = post_on(&app, &app.client, "/konsol/layanan/UJI-1/ubah", &edit).await;
        assert_eq!(r.status().as_u16(), 303);
        edit.retain(|(k, _)| k != "name");
        edit.push(("name".into(), "Layanan Uji Lama".into()));
        let r = post_on(&app, &app.client, "/konsol/layanan/UJI-1/ubah", &edit).await;
        assert_eq!(r.status().as_u16(), 409);
        assert!(r.text().await.unwrap().contains("Layanan Uji Lama"));
        let (_, list) = app.get_text("/konsol/layanan?q=diubah").await;
        assert!(list.contains("UJI-1"), "the new name is searchable");
        assert_eq!(area_problems(&app).await, vec![]);
    }
}

#[tokio::test]
async fn console_permissions_by_role_and_organisation__batang_5() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let r = app.get("/konsol/layanan").await;
        assert_eq!(
            r.status().as_u16(),
            303,
            "anonymous visitors are sent to sign in"
        );
        for email in [
            "warga@example.id",
            "putri.handayani@mesujikab.go.id",
            "sekda@mesujikab.go.id",
            "taufan.maulana@mesujikab.go.id",
        ] {
            let client = app.new_client();
            if email.starts_with("warga") {
                app.login_citizen_on(&client, email).await;
            } else {
                app.login_staff_on(&client, email).await;
            }
            let r = client.get(app.at("/konsol/layanan")).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 403, "{email}");
            let r = client
                .get(app.at("/konsol/konsultasi"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 403, "{email}");
        }
        // The DPMPTSP official drafts and adopts DPMPTSP's standards only.
        let pejabat = app.new_client();
        app.login_staff_on(&pejabat, PEJABAT_DPMPTSP).await;
        let list = pejabat
            .get(app.at("/konsol/layanan"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(list.contains("/konsol/layanan/PBG") && !list.contains("/konsol/layanan/KTP-EL"));
        assert_eq!(
            pejabat
                .get(app.at("/konsol/layanan/KTP-EL"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            403
        );
        assert_eq!(
            pejabat
                .get(app.at("/konsol/layanan/baru"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            403
        );
        assert_eq!(
            post_on(&app, &pejabat, "/konsol/layanan/KTP-EL/versi", &[])
                .await
                .status()
                .as_u16(),
            403
        );
        let r = post_on(&app, &pejabat, "/konsol/layanan/PBG/versi", &[]).await;
        assert_eq!(
            (r.status().as_u16(), location(&r).as_str()),
            (303, "/konsol/layanan/PBG/versi/2/ubah")
        );
        assert_eq!(
            pejabat
                .get(app.at("/konsol/layanan/TIDAK-ADA"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            404
        );
        assert_eq!(
            pejabat
                .get(app.at("/konsol/layanan/PBG/versi/abc"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            404
        );
        assert_eq!(area_problems(&app).await, vec![]);
    }
}
