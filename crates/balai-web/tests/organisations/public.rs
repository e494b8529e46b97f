//! The public list and profiles of organisations (Mesuji Pasal 8–9; Seluma Pasal 25, 46(2)).

use balai_core::catalog::{OrganisationKind, charter_default_text};
use balai_store::organisations as orgs;
use balai_testkit::{TestApp, backends};

use super::{area_problems, ctx, org};

#[tokio::test]
async fn public_list_names_every_participating_organisation_by_kind__mesuji_8_1_and_9() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi").await;
        assert_eq!(s, 200);
        for k in OrganisationKind::ALL {
            assert!(html.contains(k.label_id()), "kind {k} missing");
        }
        assert!(html.contains("href=\"/instansi/DISDUKCAPIL\""), "{html}");
        assert!(html.contains("Dinas Kependudukan dan Pencatatan Sipil"));
        assert!(html.contains("Jumlah gerai"));
        assert_eq!(html.matches("<h1").count(), 1);
    }
}

#[tokio::test]
async fn profile_shows_agreement_counters_officers_charter_and_services__mesuji_8_seluma_25_46() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi/DISDUKCAPIL").await;
        assert_eq!(s, 200);
        assert!(html.contains("KB/003/MPP-MSJ/I/2026"), "agreement number");
        assert!(html.contains("12 Januari 2026"), "agreement date in words");
        assert!(html.contains("RK/003/MPP-MSJ/II/2026"), "work plan");
        assert!(html.contains("Gerai Dukcapil 1 - KTP-el dan KIA"));
        assert!(
            html.contains("Senin–Jumat 08.00–15.00; Sabtu 08.00–12.00"),
            "hours"
        );
        assert!(
            html.contains("Putri Handayani, A.Md."),
            "officer public profile"
        );
        assert!(html.contains("Operator perekaman biometrik"), "competence");
        assert!(
            !html.contains("199603022022032011"),
            "NIP is not shown publicly"
        );
        assert!(
            html.contains("Yusuf Effendi, S.Sos., M.M."),
            "head / signer"
        );
        assert!(html.contains("href=\"/instansi/SETDA\""), "superior unit");
        let o = org(&app, "DISDUKCAPIL").await;
        for (code, name, _) in orgs::services_of(&app.db, o.id).await.unwrap() {
            assert!(
                html.contains(&format!("href=\"/layanan/{code}\"")),
                "service {code}"
            );
            assert!(html.contains(&escaped(&name)), "service {name}");
        }
    }
}

#[tokio::test]
async fn charter_without_own_text_uses_the_standard_wording__seluma_25() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi/SETDA").await;
        assert_eq!(s, 200);
        assert!(html.contains(charter_default_text()), "{html}");
        assert!(html.contains("5 Januari 2026"));
    }
}

#[tokio::test]
async fn english_switch_shows_english_names_and_labels() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi/DISDUKCAPIL?lang=en").await;
        assert_eq!(s, 200);
        assert!(html.contains("<html lang=\"en\""));
        assert!(html.contains("Population and Civil Registration Agency"));
        assert!(html.contains("Service charter"));
        assert!(html.contains("Mon–Fri 08:00–15:00"));
        let (_, list) = app.get_text("/instansi?lang=en").await;
        assert!(list.contains("Regional government agency"));
    }
}

#[tokio::test]
async fn unknown_or_malformed_codes_are_404_pages_never_500() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let long = "A".repeat(5000);
        for path in [
            "/instansi/TIDAKADA".to_string(),
            "/instansi/%00".to_string(),
            "/instansi/%FF%FE".to_string(),
            "/instansi/%3Cscript%3E".to_string(),
            "/instansi/'%20OR%201=1--".to_string(),
            format!("/instansi/{long}"),
            "/api/v1/organisations/TIDAKADA".to_string(),
            "/api/v1/organisations/%00".to_string(),
            format!("/api/v1/organisations/{long}"),
        ] {
            let r = app.get(&path).await;
            assert_eq!(r.status().as_u16(), 404, "{path}");
        }
        // Codes are read case-insensitively, as they are typed.
        assert_eq!(app.get_text("/instansi/disdukcapil").await.0, 200);
    }
}

#[tokio::test]
async fn deactivated_organisation_leaves_the_public_list_and_api__mesuji_9() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let o = org(&app, "INI").await;
        let mut tx = app.db.begin().await.unwrap();
        orgs::set_active(&mut tx, &ctx(&app), o.id, o.version, false)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(app.get_text("/instansi/INI").await.0, 404);
        assert!(
            !app.get_text("/instansi")
                .await
                .1
                .contains("/instansi/INI\"")
        );
        assert_eq!(
            app.get("/api/v1/organisations/INI").await.status().as_u16(),
            404
        );
        assert!(area_problems(&app).await.is_empty());
    }
}

/// Text as askama writes it into HTML.
fn escaped(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}
