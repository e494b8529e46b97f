//! The detail page with the whole standard (Luwu Pasal 27) and 404s for bad codes.

use balai_testkit::{TestApp, backends};
use balai_web::i18n::Lang;

use super::common::{COMPONENT_KEYS, api, codes, contains_text, t};

#[tokio::test]
async fn detail_page_shows_all_fifteen_components_in_indonesian_and_english__luwu_27() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (status, id) = app.get_text("/layanan/KTP-EL").await;
        assert_eq!(status, 200);
        for key in COMPONENT_KEYS {
            assert!(
                contains_text(&id, &t(Lang::Id, key)),
                "missing {key} in Indonesian"
            );
        }
        assert!(id.contains("Berlaku sejak 2 Januari 2026"));
        assert!(id.contains("Gratis") && id.contains("/instansi/DISDUKCAPIL"));
        assert!(id.contains("Kartu Keluarga") && id.contains("class=\"steps\""));
        let (_, en) = app.get_text("/layanan/KTP-EL?lang=en").await;
        for key in COMPONENT_KEYS {
            assert!(
                contains_text(&en, &t(Lang::En, key)),
                "missing {key} in English"
            );
        }
        assert!(en.contains("In force since 2 January 2026"));
        assert!(en.contains(&t(Lang::En, "std-language-note")));
        assert!(
            en.contains("Electronic Identity Card"),
            "names picked in English"
        );
        // Every service of the demo renders.
        let (_, _, all) = api(&app, "/api/v1/services?per_page=100").await;
        for code in codes(&all) {
            assert_eq!(
                app.get_text(&format!("/layanan/{code}")).await.0,
                200,
                "{code}"
            );
        }
    }
}

#[tokio::test]
async fn unknown_or_malformed_codes_are_404_pages_and_problems_never_500() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for path in [
            "/layanan/TIDAK-ADA",
            "/layanan/%3Cscript%3E",
            "/layanan/a",
            "/layanan/KTP-EL%27%20OR%201=1",
        ] {
            let (status, body) = app.get_text(path).await;
            assert_eq!(status, 404, "{path}");
            assert!(body.contains("<html"), "{path} gives the HTML error page");
        }
        for path in [
            "/api/v1/services/TIDAK-ADA",
            "/api/v1/services/%3Cscript%3E",
            "/api/v1/services/x%20y",
        ] {
            let (status, ct, v) = api(&app, path).await;
            assert_eq!(
                (status, ct.as_str()),
                (404, "application/problem+json"),
                "{path}"
            );
            assert_eq!(v["status"], 404);
        }
    }
}
