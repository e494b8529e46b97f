//! `/api/v1/organisations` and `/api/v1/counters`: filters, paging, problem+json errors, and
//! no NIP in officers' public fields.

use balai_store::organisations as orgs;
use balai_testkit::backends;
use serde_json::Value;

use super::json;
use balai_testkit::TestApp;

#[tokio::test]
async fn api_lists_organisations_with_filters_and_paging() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let total = orgs::list(
            &app.db,
            &orgs::OrgFilter {
                active_only: true,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .total;
        let (s, _, v) = json(&app, "/api/v1/organisations").await;
        assert_eq!(s, 200);
        assert_eq!(v["total"], total);
        assert_eq!(v["page"], 1);
        assert_eq!(v["per_page"], 20);
        assert_eq!(v["items"].as_array().unwrap().len() as i64, total.min(20));
        let (_, _, p2) = json(&app, "/api/v1/organisations?page=2&per_page=5").await;
        assert_eq!(p2["items"].as_array().unwrap().len(), 5);
        let (_, _, p1) = json(&app, "/api/v1/organisations?page=1&per_page=5").await;
        assert_ne!(p1["items"][0]["code"], p2["items"][0]["code"]);
        let (_, _, bumn) = json(&app, "/api/v1/organisations?kind=bumn").await;
        let items = bumn["items"].as_array().unwrap();
        assert!(!items.is_empty());
        assert!(items.iter().all(|o| o["kind"] == "bumn"));
        // Case- and accent-insensitive search on names, code and description.
        for q in ["kependudukan", "KEPÉNDUDUKAN", "disdukcapil", "Population"] {
            let (_, _, found) = json(&app, &format!("/api/v1/organisations?q={q}")).await;
            let codes: Vec<_> = found["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["code"].clone())
                .collect();
            assert!(
                codes.contains(&Value::from("DISDUKCAPIL")),
                "{q}: {codes:?}"
            );
        }
        // LIKE wildcards in the search are literal.
        let (_, _, none) = json(&app, "/api/v1/organisations?q=%25").await;
        assert_eq!(none["total"], 0);
    }
}

#[tokio::test]
async fn api_refuses_bad_paging_and_filters_with_problem_json() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let long_q = "x".repeat(300);
        for path in [
            "/api/v1/organisations?page=0".to_string(),
            "/api/v1/organisations?page=abc".to_string(),
            "/api/v1/organisations?per_page=101".to_string(),
            "/api/v1/organisations?per_page=-1".to_string(),
            "/api/v1/organisations?kind=pabrik".to_string(),
            format!("/api/v1/organisations?q={long_q}"),
            "/api/v1/counters?page=x".to_string(),
            "/api/v1/counters?per_page=0".to_string(),
        ] {
            let (s, ct, v) = json(&app, &path).await;
            assert_eq!(s, 400, "{path}");
            assert_eq!(ct, "application/problem+json", "{path}");
            assert_eq!(v["status"], 400, "{path}");
        }
    }
}

#[tokio::test]
async fn api_detail_has_counters_officers_public_fields_and_charter_but_no_nip() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, _, v) = json(&app, "/api/v1/organisations/DISDUKCAPIL").await;
        assert_eq!(s, 200);
        assert_eq!(v["code"], "DISDUKCAPIL");
        assert_eq!(v["parent_code"], "SETDA");
        assert_eq!(v["agreement_number"], "KB/003/MPP-MSJ/I/2026");
        assert_eq!(v["agreement_date"], "2026-01-12");
        assert_eq!(v["counters"].as_array().unwrap().len(), 3);
        assert_eq!(
            v["counters"][0]["opening_hours"],
            "Mon-Fri 08:00-15:00; Sat 08:00-12:00"
        );
        let officers = v["officers"].as_array().unwrap();
        assert!(
            officers
                .iter()
                .any(|o| o["name"] == "Putri Handayani, A.Md." && o["counter_code"] == "G03")
        );
        assert!(
            officers
                .iter()
                .all(|o| o.get("nip").is_none() && o.get("id").is_none())
        );
        assert!(
            v["charter"]["body"]
                .as_str()
                .unwrap()
                .starts_with("Kami, Dinas Kependudukan")
        );
        assert!(!v.to_string().contains("199603022022032011"));
        let (s, ct, p) = json(&app, "/api/v1/organisations/TIDAKADA").await;
        assert_eq!(
            (s, ct.as_str(), p["status"].clone()),
            (404, "application/problem+json", Value::from(404))
        );
    }
}

#[tokio::test]
async fn api_lists_counters_by_organisation_with_paging() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, _, all) = json(&app, "/api/v1/counters?per_page=100").await;
        assert_eq!(s, 200);
        let n = all["total"].as_i64().unwrap();
        assert_eq!(all["items"].as_array().unwrap().len() as i64, n);
        assert!(n >= 22);
        let (_, _, d) = json(&app, "/api/v1/counters?organisation=DISDUKCAPIL").await;
        assert_eq!(d["total"], 3);
        assert!(
            d["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|k| k["organisation_code"] == "DISDUKCAPIL")
        );
        let (_, _, p) = json(&app, "/api/v1/counters?page=2&per_page=10").await;
        assert_eq!(
            p["items"].as_array().unwrap().len() as i64,
            (n - 10).clamp(0, 10)
        );
        assert_eq!(
            json(&app, "/api/v1/counters?organisation=TIDAKADA").await.0,
            404
        );
        assert_eq!(json(&app, "/api/v1/counters?organisation=%00").await.0, 404);
    }
}
