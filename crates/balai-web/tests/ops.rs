//! Operations endpoints and the protections every request passes through.

use balai_testkit::{TestApp, backends};

#[tokio::test]
async fn health_ready_and_metrics_answer() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        assert_eq!(app.get_text("/healthz").await, (200, "ok".to_string()));
        assert_eq!(app.get_text("/readyz").await.0, 200);
        let (s, body) = app.get_text("/metrics").await;
        assert_eq!(s, 200);
        assert!(
            body.contains("balai_http_requests_total{class=\"2xx\"}"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn unknown_page_is_a_404_page_and_unknown_api_route_is_problem_json() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let r = app.get("/tidak-ada").await;
        assert_eq!(r.status().as_u16(), 404);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap_or("")
                .starts_with("text/html")
        );
        let html = r.text().await.unwrap_or_default();
        assert!(html.contains("<html lang=\"id\""), "{html}");
        let r = app.get("/api/v1/tidak-ada").await;
        assert_eq!(r.status().as_u16(), 404);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let p: serde_json::Value = r.json().await.unwrap_or_default();
        assert_eq!(p["status"], 404);
    }
}

#[tokio::test]
async fn oversized_body_gets_413_not_500() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let big = "x".repeat(13 * 1024 * 1024);
        let r = app
            .client
            .post(app.at("/masuk"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("email={big}"))
            .send()
            .await;
        // The server may close the connection while the client is still sending; either way it
        // must never answer 500.
        if let Ok(r) = r {
            assert_eq!(r.status().as_u16(), 413);
        }
    }
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let r = app
            .client
            .post(app.at("/masuk"))
            .form(&[("email", "a@b.id"), ("password", "x")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status().as_u16(), 403);
    }
}

#[tokio::test]
async fn language_choice_is_kept_in_a_cookie() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let (_, html) = app.get_text("/tidak-ada?lang=en").await;
        assert!(html.contains("<html lang=\"en\""));
        let (_, html) = app.get_text("/tidak-ada").await;
        assert!(
            html.contains("<html lang=\"en\""),
            "the cookie should keep English"
        );
    }
}

#[tokio::test]
async fn swagger_ui_and_openapi_are_served_from_the_binary() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let (s, _) = app.get_text("/api/docs/").await;
        assert_eq!(s, 200);
        let r = app.get("/api/openapi.json").await;
        assert_eq!(r.status().as_u16(), 200);
        let doc: serde_json::Value = r.json().await.unwrap_or_default();
        assert!(
            doc["openapi"].as_str().unwrap_or("").starts_with("3.1"),
            "{}",
            doc["openapi"]
        );
    }
}

#[tokio::test]
async fn a_forged_forwarded_for_header_does_not_escape_the_login_rate_limit() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let csrf = app.csrf().await;
        let mut last = 0;
        // Each attempt claims another client address and another account; without a trusted
        // proxy the limit keys on the socket's address, so the attempts still add up.
        for i in 0..40 {
            let email = format!("orang{i}@contoh.id");
            let forged = format!("10.0.{}.{}", i / 250, i % 250);
            let r = app
                .client
                .post(app.at("/masuk"))
                .header("x-forwarded-for", forged)
                .form(&[
                    ("email", email.as_str()),
                    ("password", "salah-sekali-123"),
                    ("csrf", csrf.as_str()),
                ])
                .send()
                .await
                .expect("post");
            last = r.status().as_u16();
            if last == 429 {
                break;
            }
        }
        assert_eq!(
            last, 429,
            "the per-address limit must hold whatever the header says"
        );
    }
}
