//! A visitor who types a word finds the services named by it first.

use balai_testkit::{TestApp, backends};

#[tokio::test]
async fn services_named_by_the_search_word_come_before_keyword_matches() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let r = app.get("/api/v1/services?q=akta").await;
        assert_eq!(r.status().as_u16(), 200);
        let body: serde_json::Value = r.json().await.expect("json");
        let names: Vec<String> = body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|s| s["name"].as_str().unwrap_or_default().to_lowercase())
            .collect();
        let first_other = names
            .iter()
            .position(|n| !n.contains("akta"))
            .unwrap_or(names.len());
        assert!(first_other > 0, "{names:?}");
        assert!(
            names[first_other..].iter().all(|n| !n.contains("akta")),
            "every service named 'akta' must come first: {names:?}"
        );
    }
}
