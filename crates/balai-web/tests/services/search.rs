//! The public catalogue and its search and filters (requirements §2–3; Bekasi Pasal 36).

use balai_testkit::{TestApp, backends};

use super::common::{api, codes};

#[tokio::test]
async fn search_is_case_and_accent_insensitive_by_name_keyword_and_organisation() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, lower) = api(&app, "/api/v1/services?q=ktp").await;
        let (_, _, upper) = api(&app, "/api/v1/services?q=KTP").await;
        assert!(codes(&lower).contains(&"KTP-EL".to_string()), "{lower}");
        assert_eq!(codes(&lower), codes(&upper));
        let (_, _, akta) = api(&app, "/api/v1/services?q=akta%20kelahiran").await;
        assert!(codes(&akta).contains(&"AKTA-LAHIR".to_string()));
        let (_, _, reordered) = api(&app, "/api/v1/services?q=KELAHIRAN%20akta").await;
        assert_eq!(codes(&akta), codes(&reordered));
        // "Pelayanan" is in the organisation name of DPMPTSP; an accent must not matter.
        let (_, _, plain) = api(&app, "/api/v1/services?q=Pelayanan&per_page=100").await;
        let (_, _, accented) = api(&app, "/api/v1/services?q=p%C3%A9layanan&per_page=100").await;
        assert!(plain["total"].as_i64().unwrap() > 0);
        assert_eq!(codes(&plain), codes(&accented));
        assert!(
            codes(&plain).contains(&"PBG".to_string()),
            "found by organisation name"
        );
        let (_, body) = app.get_text("/layanan?q=KTP").await;
        assert!(body.contains("/layanan/KTP-EL"));
        let (_, none) = app.get_text("/layanan?q=%25%25%27%20OR%201%3D1").await;
        assert!(
            !none.contains("/layanan/KTP-EL"),
            "LIKE wildcards and SQL are plain text"
        );
    }
}

#[tokio::test]
async fn filters_narrow_the_catalogue_and_free_services_are_marked_free__bekasi_36() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, all) = api(&app, "/api/v1/services?per_page=100").await;
        let total = all["total"].as_i64().unwrap();
        assert!(total >= 30);
        let (_, _, org) = api(
            &app,
            "/api/v1/services?organisation=disdukcapil&per_page=100",
        )
        .await;
        assert!(
            org["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["organisation"]["code"] == "DISDUKCAPIL")
        );
        assert!(org["total"].as_i64().unwrap() >= 5);
        let (_, _, lic) = api(&app, "/api/v1/services?kind=perizinan&per_page=100").await;
        assert!(
            lic["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["kind"] == "perizinan")
        );
        assert!(codes(&lic).contains(&"PBG".to_string()));
        let (_, _, el) = api(&app, "/api/v1/services?mode=elektronik&per_page=100").await;
        assert!(el["items"].as_array().unwrap().iter().all(|i| {
            i["modes"]
                .as_array()
                .unwrap()
                .contains(&"elektronik".into())
        }));
        let (_, _, free) = api(&app, "/api/v1/services?free=true&per_page=100").await;
        let items = free["items"].as_array().unwrap();
        assert!(
            items
                .iter()
                .all(|i| i["free"] == true && i["total_fee"] == 0)
        );
        assert!(
            codes(&free).contains(&"KTP-EL".to_string())
                && !codes(&free).contains(&"PBG".to_string())
        );
        let (_, page) = app.get_text("/layanan?gratis=1&instansi=DISDUKCAPIL").await;
        assert!(
            page.contains("badge-free")
                && page.contains("/layanan/KTP-EL")
                && !page.contains("/layanan/PBG")
        );
        let (_, _, ktp) = api(&app, "/api/v1/services/KTP-EL").await;
        assert_eq!(ktp["free"], true);
        let (_, _, pbg) = api(&app, "/api/v1/services/pbg").await;
        assert_eq!(pbg["free"], false);
        assert!(pbg["total_fee"].as_i64().unwrap() > 0);
        let (_, body) = app.get_text("/layanan/PBG").await;
        assert!(body.contains("Rp 7.500"), "fees in rupiah");
    }
}
