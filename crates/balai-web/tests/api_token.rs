//! Integrations authenticate with API tokens: stored hashed, scoped, revocable.

use balai_core::Clock;
use balai_core::identity::{Actor, Permission};
use balai_store::audit::AuditCtx;
use balai_store::identity::{NewToken, create_token, revoke_token};
use balai_testkit::{TestApp, backends};

#[tokio::test]
async fn a_token_identifies_itself_and_stops_working_when_revoked() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let raw = balai_web::auth::random_token();
        let ctx = AuditCtx::new(Actor::system(), None, app.clock.now());
        let mut tx = app.db.begin().await.expect("tx");
        let new = NewToken {
            name: "OSS connector".into(),
            organisation_id: None,
            permissions: vec![Permission::CatalogRead],
            created_by: None,
        };
        let id = create_token(&mut tx, &ctx, &new, &balai_web::auth::hash_token(&raw))
            .await
            .expect("create");
        tx.commit().await.expect("commit");

        let r = app
            .client
            .get(app.at("/api/v1/token"))
            .bearer_auth(&raw)
            .send()
            .await
            .expect("get");
        assert_eq!(r.status().as_u16(), 200);
        let body: serde_json::Value = r.json().await.expect("json");
        assert_eq!(body["name"], "OSS connector");
        assert_eq!(body["permissions"], serde_json::json!(["catalog_read"]));

        for bad in ["", "not-a-token", &"x".repeat(500)] {
            let r = app
                .client
                .get(app.at("/api/v1/token"))
                .bearer_auth(bad)
                .send()
                .await
                .expect("get");
            assert_eq!(r.status().as_u16(), 401, "token {bad:?}");
            assert_eq!(r.headers()["content-type"], "application/problem+json");
        }
        let r = app.get("/api/v1/token").await;
        assert_eq!(r.status().as_u16(), 401);

        let mut tx = app.db.begin().await.expect("tx");
        revoke_token(&mut tx, &ctx, id).await.expect("revoke");
        tx.commit().await.expect("commit");
        let r = app
            .client
            .get(app.at("/api/v1/token"))
            .bearer_auth(&raw)
            .send()
            .await
            .expect("get");
        assert_eq!(r.status().as_u16(), 401, "a revoked token must be refused");
    }
}
