//! Managing webhook endpoints: the console at `/konsol/integrasi/webhook` (secret shown once,
//! deliveries, "deliver again", deactivate) and the same through `/api/v1/webhooks` with a
//! bearer token holding `tokens_manage`.

use balai_core::identity::{Actor, Permission};
use balai_store::audit::AuditCtx;
use balai_store::identity::{NewToken, create_token};
use balai_store::webhooks as store;
use balai_testkit::{HttpSink, TestApp, backends, extract_csrf};
use serde_json::json;
use uuid::Uuid;

use super::common::*;

fn secret_in(html: &str) -> String {
    let i = html.find("id=\"webhook-secret\">").unwrap() + "id=\"webhook-secret\">".len();
    html[i..i + html[i..].find('<').unwrap()].to_string()
}

#[tokio::test]
async fn console_registers_an_endpoint_shows_its_secret_once_and_delivers_again() {
    for b in backends() {
        let sink = HttpSink::start().await;
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (s, page) = app.get_text("/konsol/integrasi/webhook").await;
        assert_eq!(s, 200);
        assert!(page.contains("application.decided"));

        // Bad input: each field says what is wrong, the input is kept, nothing is stored.
        let r = app
            .post_form(
                "/konsol/integrasi/webhook",
                &[
                    ("name", "OSS <RBA>"),
                    ("url", "ftp://oss.example.id"),
                    ("event", "application.meledak"),
                ],
            )
            .await;
        let (s, html) = status_and_body(r).await;
        assert_eq!(s, 422, "{b:?}");
        assert!(
            html.contains("value=\"OSS &#60;RBA&#62;\""),
            "the name is kept"
        );
        assert!(html.contains("diawali https://"));
        assert!(html.contains("Pilihan tidak dikenal"));
        let r = app
            .post_form(
                "/konsol/integrasi/webhook",
                &[("name", ""), ("url", "https://")],
            )
            .await;
        let (s, html) = status_and_body(r).await;
        assert_eq!(s, 422);
        assert!(html.contains("Pilih paling sedikit satu peristiwa"));
        assert!(store::list_endpoints(&app.db).await.unwrap().is_empty());

        let url = sink.url("/oss");
        let r = app
            .post_form(
                "/konsol/integrasi/webhook",
                &[
                    ("name", "OSS RBA"),
                    ("url", &url),
                    ("event", "application.decided"),
                    ("event", "application.signed"),
                ],
            )
            .await;
        assert_eq!(r.headers()["cache-control"], "no-store");
        let (s, created) = status_and_body(r).await;
        assert_eq!(s, 200, "{b:?}");
        let secret = secret_in(&created);
        assert!(secret.starts_with("whsec_") && secret.len() > 40);
        let (_, list) = app.get_text("/konsol/integrasi/webhook").await;
        assert!(
            list.contains("OSS RBA") && !list.contains(&secret),
            "shown once"
        );
        let audit: Vec<String> = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar(
            "SELECT after_json FROM audit_events WHERE subject_type = 'webhook_endpoint'")
            .fetch_all(p).await)
        .unwrap();
        assert!(audit[0].contains("secret_sha256") && !audit[0].contains(&secret));

        let ep = store::list_endpoints(&app.db).await.unwrap()[0]
            .endpoint
            .clone();
        let mut tx = app.db.begin().await.unwrap();
        let event_id = store::publish(
            &mut tx,
            &system(&app),
            "application.decided",
            "a",
            json!({}),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        app.run_jobs().await;
        let d = store::deliveries(&app.db, ep.id, 10)
            .await
            .unwrap()
            .remove(0);
        assert_eq!(d.status, "delivered");
        let (_, detail) = app
            .get_text(&format!("/konsol/integrasi/webhook/{}", ep.id))
            .await;
        assert!(detail.contains(&event_id.to_string()));
        assert!(detail.contains("Terkirim"));

        // Deliver again: the same event id and body reach the receiver a second time.
        let r = app
            .post_form(
                &format!("/konsol/integrasi/webhook/kiriman/{}/ulang", d.id),
                &[],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303, "{b:?}");
        assert_eq!(app.run_jobs().await, 1);
        let reqs = sink.requests();
        assert_eq!(reqs.len(), 2);
        assert_eq!(reqs[1].json()["id"], event_id.to_string());
        assert_eq!(reqs[0].body, reqs[1].body);
        let secret_ok = balai_core::notify::verify_signature(
            &secret,
            reqs[1].header("x-balai-timestamp"),
            &reqs[1].body,
            reqs[1].header("x-balai-signature"),
            app.clock.now(),
            chrono::Duration::minutes(5),
        );
        assert!(
            secret_ok.is_ok(),
            "the secret shown once signs the deliveries"
        );

        // Deactivate with the version seen; a stale form is refused.
        let path = format!("/konsol/integrasi/webhook/{}/aktif", ep.id);
        let r = app
            .post_form(&path, &[("version", "1"), ("aktif", "0")])
            .await;
        assert_eq!(r.status().as_u16(), 303);
        assert!(
            !store::get_endpoint(&app.db, ep.id)
                .await
                .unwrap()
                .unwrap()
                .active
        );
        let r = app
            .post_form(&path, &[("version", "1"), ("aktif", "1")])
            .await;
        assert_eq!(r.status().as_u16(), 409);
        let r = app.post_form(&path, &[("version", "x")]).await;
        assert_eq!(r.status().as_u16(), 400);
        for bad in [
            "/konsol/integrasi/webhook/bukan-id",
            "/konsol/integrasi/webhook/0196f0c2-7d1e-7a53-9a43-2f1b8d7c5e10",
        ] {
            assert_eq!(app.get_text(bad).await.0, 404, "{bad}");
        }
        assert_audit_clean(&app).await;
    }
}

async fn token(app: &TestApp, org: Option<Uuid>, perms: Vec<Permission>) -> String {
    let raw = balai_web::auth::random_token();
    let new = NewToken {
        name: "OSS".into(),
        organisation_id: org,
        permissions: perms,
        created_by: None,
    };
    let ctx = AuditCtx::new(
        Actor::system(),
        None,
        balai_core::Clock::now(app.clock.as_ref()),
    );
    let mut tx = app.db.begin().await.unwrap();
    create_token(&mut tx, &ctx, &new, &balai_web::auth::hash_token(&raw))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    raw
}

#[tokio::test]
async fn api_manages_endpoints_with_a_mall_wide_token_and_refuses_others() {
    for b in backends() {
        let sink = HttpSink::start().await;
        let app = TestApp::spawn_demo(b).await;
        let good = token(&app, None, vec![Permission::TokensManage]).await;
        let reader = token(&app, None, vec![Permission::CatalogRead]).await;
        let dpmptsp = org_id(&app, "DPMPTSP").await;
        let scoped = token(&app, Some(dpmptsp), vec![Permission::TokensManage]).await;
        let c = app.new_client();
        let post = |tok: &str, path: &str, body: &str| {
            c.post(app.at(path))
                .bearer_auth(tok)
                .header("content-type", "application/json")
                .body(body.to_string())
                .send()
        };
        let body = json!({"name": "OSS", "url": sink.url("/oss"), "events": ["application.paid"]})
            .to_string();
        for tok in [&reader, &scoped] {
            let r = post(tok, "/api/v1/webhooks", &body).await.unwrap();
            assert_eq!(r.status().as_u16(), 403, "{b:?}");
        }
        let r = c.get(app.at("/api/v1/webhooks")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 401);

        let r = post(&good, "/api/v1/webhooks", "{nope").await.unwrap();
        assert_eq!(r.status().as_u16(), 400);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let bad = json!({"name": "", "url": "oss", "events": []}).to_string();
        let r = post(&good, "/api/v1/webhooks", &bad).await.unwrap();
        assert_eq!(r.status().as_u16(), 422);
        let problem: serde_json::Value = r.json().await.unwrap();
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&"name") && fields.contains(&"url") && fields.contains(&"events"));

        let r = post(&good, "/api/v1/webhooks", &body).await.unwrap();
        assert_eq!(r.status().as_u16(), 201, "{b:?}");
        let created: serde_json::Value = r.json().await.unwrap();
        let id = created["endpoint"]["id"].as_str().unwrap().to_string();
        assert!(created["secret"].as_str().unwrap().starts_with("whsec_"));
        let get = |path: String| c.get(app.at(&path)).bearer_auth(&good).send();
        let list: serde_json::Value = get("/api/v1/webhooks".into())
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["total"], 1);
        assert!(list["items"][0].get("secret").is_none());
        assert_eq!(
            get("/api/v1/webhooks?per_page=1000".into())
                .await
                .unwrap()
                .status()
                .as_u16(),
            400
        );
        let one: serde_json::Value = get(format!("/api/v1/webhooks/{id}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(one["events"], json!(["application.paid"]));
        assert_eq!(
            get("/api/v1/webhooks/xyz".into())
                .await
                .unwrap()
                .status()
                .as_u16(),
            404
        );

        let mut tx = app.db.begin().await.unwrap();
        store::publish(
            &mut tx,
            &system(&app),
            "application.paid",
            "a",
            json!({"amount": 150000}),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let ds: serde_json::Value = get(format!("/api/v1/webhooks/{id}/deliveries"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let delivery = ds["items"][0]["id"].as_str().unwrap().to_string();
        assert_eq!(ds["items"][0]["status"], "pending");
        let again = format!("/api/v1/webhooks/deliveries/{delivery}/redeliver");
        assert_eq!(
            post(&good, &again, "").await.unwrap().status().as_u16(),
            409,
            "still pending"
        );
        app.run_jobs().await;
        assert_eq!(
            post(&good, &again, "").await.unwrap().status().as_u16(),
            202
        );
        app.run_jobs().await;
        let reqs = sink.requests();
        assert_eq!(reqs.len(), 2, "{b:?}");
        assert_eq!(reqs[0].json()["id"], reqs[1].json()["id"]);

        let r = post(&good, &format!("/api/v1/webhooks/{id}/deactivate"), "")
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let e: serde_json::Value = r.json().await.unwrap();
        assert_eq!(e["active"], false);
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn only_token_managers_open_the_webhook_console() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(PETUGAS_DUKCAPIL).await;
        assert_eq!(
            app.get_text("/konsol/integrasi/webhook").await.0,
            403,
            "{b:?}"
        );
        let (_, html) = app.get_text("/konsol/notifikasi").await;
        assert!(
            !html.contains("/konsol/integrasi/webhook"),
            "no link either"
        );
        let csrf = extract_csrf(&html).unwrap_or_default();
        assert!(!csrf.is_empty());
    }
}
