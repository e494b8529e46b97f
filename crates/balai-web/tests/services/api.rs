//! The JSON API: paging and problem+json for bad parameters.

use balai_testkit::{TestApp, backends};

use super::common::{api, codes};

#[tokio::test]
async fn api_pages_and_refuses_bad_parameters_with_problem_json() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, p1) = api(&app, "/api/v1/services?per_page=2&page=1").await;
        let (status, _, p2) = api(&app, "/api/v1/services?per_page=2&page=2").await;
        assert_eq!(status, 200);
        assert_eq!(
            (p2["page"].as_i64(), p2["per_page"].as_i64()),
            (Some(2), Some(2))
        );
        assert_eq!(p2["items"].as_array().unwrap().len(), 2);
        assert_eq!(p1["total"], p2["total"]);
        assert_ne!(codes(&p1), codes(&p2));
        let (_, _, past) = api(&app, "/api/v1/services?per_page=50&page=99").await;
        assert!(past["items"].as_array().unwrap().is_empty());
        assert_eq!(
            past["total"], p1["total"],
            "a page past the end still tells the total"
        );
        for bad in [
            "per_page=0",
            "per_page=101",
            "page=abc",
            "page=0",
            "kind=hotel",
            "mode=drone",
            "free=maybe",
            "organisation=%3Cx%3E",
        ] {
            let (status, ct, v) = api(&app, &format!("/api/v1/services?{bad}")).await;
            assert_eq!(
                (status, ct.as_str()),
                (400, "application/problem+json"),
                "{bad}"
            );
            assert_eq!(v["status"], 400);
        }
        let (_, _, one) = api(&app, "/api/v1/services/ktp-el").await;
        assert_eq!(one["code"], "KTP-EL");
        assert_eq!(one["standard"]["completion_time"]["unit"], "working_days");
        assert_eq!(one["versions"][0]["status"], "adopted");
        assert_eq!(one["published_version"]["version"], 1);
        assert!(one["standard"]["requirements"].as_array().unwrap().len() >= 2);
    }
}
