//! Outgoing integration webhooks: one delivery per active endpoint subscribed to the event,
//! signed per docs/webhooks.md, retried after a failure or a timeout, and delivered again on
//! request with the same event id.

use balai_core::notify::verify_signature;
use balai_store::StoreError;
use balai_store::webhooks::{self as store, NewEndpoint};
use balai_testkit::{HttpSink, TestApp, backends};
use chrono::Duration;
use serde_json::json;
use uuid::Uuid;

use super::common::*;

async fn endpoint(app: &TestApp, url: &str, events: &[&str], secret: &str) -> Uuid {
    let new = NewEndpoint {
        name: format!("Penerima {url}"),
        url: url.into(),
        events: events.iter().map(|e| e.to_string()).collect(),
    };
    let mut tx = app.db.begin().await.unwrap();
    let e = store::create_endpoint(&mut tx, &system(app), &new, secret)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    e.id
}

async fn publish(app: &TestApp, event: &str, subject: &str) -> Uuid {
    let mut tx = app.db.begin().await.unwrap();
    let id = store::publish(
        &mut tx,
        &system(app),
        event,
        subject,
        json!({"registration_number": "PTSP/2026/000123", "decision": "approved"}),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn deliveries(app: &TestApp, endpoint: Uuid) -> Vec<store::DeliveryRow> {
    store::deliveries(&app.db, endpoint, 100).await.unwrap()
}

#[tokio::test]
async fn an_event_reaches_each_active_subscriber_once_signed_with_its_secret() {
    for b in backends() {
        let sink = HttpSink::start().await;
        let app = TestApp::spawn_demo(b).await;
        let oss = endpoint(
            &app,
            &sink.url("/oss"),
            &["application.decided"],
            "rahasia-oss",
        )
        .await;
        let other = endpoint(&app, &sink.url("/lain"), &["application.submitted"], "x").await;
        let off = endpoint(&app, &sink.url("/mati"), &["application.decided"], "y").await;
        let mut tx = app.db.begin().await.unwrap();
        store::set_active(&mut tx, &system(&app), off, 1, false)
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let event_id = publish(&app, "application.decided", "0196-app-1").await;
        assert_eq!(deliveries(&app, oss).await.len(), 1, "{b:?}");
        assert!(deliveries(&app, other).await.is_empty());
        assert!(deliveries(&app, off).await.is_empty());
        assert_eq!(app.run_jobs().await, 1);

        let reqs = sink.requests();
        assert_eq!(reqs.len(), 1, "{b:?}");
        let r = &reqs[0];
        assert_eq!(r.path, "/oss");
        let d = &deliveries(&app, oss).await[0];
        assert_eq!(r.header("x-balai-event"), "application.decided");
        assert_eq!(r.header("x-balai-delivery"), d.id.to_string());
        verify_signature(
            "rahasia-oss",
            r.header("x-balai-timestamp"),
            &r.body,
            r.header("x-balai-signature"),
            app.clock.now(),
            Duration::minutes(5),
        )
        .expect("the signature verifies with the endpoint's secret");
        let mut tampered = r.body.clone();
        tampered[10] ^= 1;
        assert!(
            verify_signature(
                "rahasia-oss",
                r.header("x-balai-timestamp"),
                &tampered,
                r.header("x-balai-signature"),
                app.clock.now(),
                Duration::minutes(5),
            )
            .is_err()
        );
        let body = r.json();
        assert_eq!(body["id"], event_id.to_string());
        assert_eq!(body["event"], "application.decided");
        assert_eq!(body["subject_id"], "0196-app-1");
        assert_eq!(body["data"]["registration_number"], "PTSP/2026/000123");
        assert!(
            body["occurred_at"]
                .as_str()
                .unwrap()
                .starts_with("2026-11-02T02:00:00")
        );
        assert_eq!(
            (d.status.as_str(), d.response_status),
            ("delivered", Some(200))
        );
        assert_eq!(d.delivered_at, Some(app.clock.now()));
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn an_unknown_event_or_a_rolled_back_change_sends_nothing() {
    for b in backends() {
        let sink = HttpSink::start().await;
        let app = TestApp::spawn(b).await;
        let ep = endpoint(&app, &sink.url("/oss"), &["application.paid"], "s").await;
        let mut tx = app.db.begin().await.unwrap();
        let refused = store::publish(
            &mut tx,
            &system(&app),
            "application.exploded",
            "x",
            json!({}),
        )
        .await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{b:?}");
        store::publish(&mut tx, &system(&app), "application.paid", "x", json!({}))
            .await
            .unwrap();
        drop(tx);
        assert!(deliveries(&app, ep).await.is_empty());
        assert_eq!(app.run_jobs().await, 0);
        assert!(sink.requests().is_empty());
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_receiver_answering_500_gets_the_same_event_again_later() {
    for b in backends() {
        let sink = HttpSink::start().await;
        let app = TestApp::spawn(b).await;
        let ep = endpoint(&app, &sink.url("/oss"), &["application.signed"], "s").await;
        sink.answer_next(1, 500);
        let event_id = publish(&app, "application.signed", "0196-app-2").await;
        app.run_jobs().await;
        let d = &deliveries(&app, ep).await[0];
        assert_eq!(
            (d.status.as_str(), d.attempts, d.response_status),
            ("pending", 1, Some(500)),
            "{b:?}"
        );
        assert!(d.last_error.clone().unwrap().contains("HTTP 500"));
        assert_eq!(app.run_jobs().await, 0, "it waits before the next try");
        run_rounds(&app, 1).await;
        let d = &deliveries(&app, ep).await[0];
        assert_eq!((d.status.as_str(), d.attempts), ("delivered", 2), "{b:?}");
        let reqs = sink.requests();
        assert_eq!(reqs.len(), 2);
        for r in &reqs {
            assert_eq!(r.json()["id"], event_id.to_string());
            assert_eq!(r.header("x-balai-delivery"), d.id.to_string());
        }
        assert_ne!(
            reqs[0].header("x-balai-timestamp"),
            reqs[1].header("x-balai-timestamp")
        );
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_receiver_that_does_not_answer_in_time_is_tried_again() {
    for b in backends() {
        let sink = HttpSink::start().await;
        let app = TestApp::spawn_with(b, |c| {
            c.outgoing_timeout = std::time::Duration::from_millis(500);
        })
        .await;
        let ep = endpoint(&app, &sink.url("/lambat"), &["application.collected"], "s").await;
        sink.hang_next(1);
        publish(&app, "application.collected", "0196-app-3").await;
        app.run_jobs().await;
        let d = &deliveries(&app, ep).await[0];
        assert_eq!(
            (d.status.as_str(), d.response_status),
            ("pending", None),
            "{b:?}"
        );
        assert!(
            d.last_error.clone().unwrap().contains("no answer within"),
            "{:?}",
            d.last_error
        );
        run_rounds(&app, 1).await;
        assert_eq!(deliveries(&app, ep).await[0].status, "delivered");
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn deliveries_to_a_deactivated_endpoint_fail_and_a_dead_receiver_ends_failed() {
    for b in backends() {
        let sink = HttpSink::start().await;
        let app = TestApp::spawn(b).await;
        let ep = endpoint(&app, &sink.url("/oss"), &["application.returned"], "s").await;
        publish(&app, "application.returned", "0196-app-4").await;
        let mut tx = app.db.begin().await.unwrap();
        store::set_active(&mut tx, &system(&app), ep, 1, false)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        app.run_jobs().await;
        let d = &deliveries(&app, ep).await[0];
        assert_eq!(d.status, "failed", "{b:?}");
        assert!(d.last_error.clone().unwrap().contains("deactivated"));
        assert!(sink.requests().is_empty());

        let down = endpoint(
            &app,
            "http://127.0.0.1:9/tutup",
            &["application.returned"],
            "s",
        )
        .await;
        publish(&app, "application.returned", "0196-app-5").await;
        run_rounds(&app, store::MAX_ATTEMPTS as usize + 1).await;
        let d = &deliveries(&app, down).await[0];
        assert_eq!(
            (d.status.as_str(), d.attempts),
            ("failed", store::MAX_ATTEMPTS),
            "{b:?}"
        );
        assert!(
            d.last_error.clone().unwrap().contains("could not connect"),
            "{:?}",
            d.last_error
        );
        assert_audit_clean(&app).await;
    }
}
