//! The inbox at `/akun/pesan`: newest first, unread marked, opening marks read (audited once),
//! the account page counts unread messages, and nobody but the recipient sees a message.

use balai_core::notify::Channel;
use balai_testkit::{TestApp, backends};
use chrono::Duration;

use super::common::*;

async fn inbox_message(app: &TestApp, user: uuid::Uuid, subject: &str, link: &str) -> uuid::Uuid {
    let mut n = notice(Channel::Inbox, "", "0196-inbox");
    n.recipient_user_id = Some(user);
    n.subject = subject.into();
    n.link = Some(link.into());
    queue(app, n).await
}

#[tokio::test]
async fn inbox_lists_newest_first_and_opening_marks_read() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let warga = user_id(&app, WARGA).await;
        let first = inbox_message(&app, warga, "Permohonan diterima", "/lacak/PTSP-1").await;
        app.clock.advance(Duration::minutes(5));
        let second = inbox_message(&app, warga, "Keputusan <b>PBG</b>", "/lacak/PTSP-1").await;
        let row = notification(&app, first).await;
        assert_eq!(
            row.status, "sent",
            "inbox messages are sent by being written"
        );
        assert_eq!(
            app.run_jobs().await,
            0,
            "{b:?}: no delivery job for the inbox"
        );

        app.login_citizen(WARGA).await;
        let (_, account) = app.get_text("/akun").await;
        assert!(account.contains("href=\"/akun/pesan\""));
        assert!(account.contains("2 belum dibaca"), "{b:?}");
        let (s, html) = app.get_text("/akun/pesan").await;
        assert_eq!(s, 200);
        assert!(
            html.contains("Keputusan &#60;b&#62;PBG&#60;/b&#62;"),
            "text is shown literally"
        );
        let newer = html.find(&second.to_string()).unwrap();
        let older = html.find(&first.to_string()).unwrap();
        assert!(newer < older, "newest first");
        assert_eq!(html.matches("belum dibaca</span>").count(), 2);

        let (s, msg) = app.get_text(&format!("/akun/pesan/{first}")).await;
        assert_eq!(s, 200, "{b:?}");
        assert!(msg.contains("Permohonan Anda telah diputuskan."));
        assert!(
            msg.contains("href=\"/lacak/PTSP-1\""),
            "links to what it is about"
        );
        assert_eq!(
            notification(&app, first).await.read_at,
            Some(app.clock.now())
        );
        // Opening it again changes nothing (one audit event for the first reading).
        app.clock.advance(Duration::minutes(1));
        app.get_text(&format!("/akun/pesan/{first}")).await;
        let read_events: i64 = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE subject_type = 'notification' AND action = 'read'")
            .fetch_one(p).await)
        .unwrap();
        assert_eq!(read_events, 1);
        let (_, account) = app.get_text("/akun").await;
        assert!(account.contains("1 belum dibaca"));
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn another_person_gets_404_for_a_message_that_is_not_theirs() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let warga = user_id(&app, WARGA).await;
        let id = inbox_message(&app, warga, "Rahasia warga", "/lacak/PTSP-2").await;
        let email_id = queue(&app, {
            let mut n = notice(Channel::Email, "warga@example.id", "x");
            n.recipient_user_id = Some(warga);
            n
        })
        .await;
        another_citizen(&app, "rina@example.id").await;
        let rina = app.new_client();
        app.login_citizen_on(&rina, "rina@example.id").await;
        let get = |path: String| {
            let c = rina.clone();
            let url = app.at(&path);
            async move { c.get(url).send().await.unwrap() }
        };
        let r = get(format!("/akun/pesan/{id}")).await;
        assert_eq!(r.status().as_u16(), 404, "{b:?}");
        let (_, list) = status_and_body(get("/akun/pesan".into()).await).await;
        assert!(!list.contains("Rahasia warga"));
        assert!(list.contains("Belum ada pesan"));
        // Staff get 404 too; malformed ids and e-mail notifications are not inbox messages.
        let admin = app.new_client();
        app.login_staff_on(&admin, ADMIN).await;
        let r = admin
            .get(app.at(&format!("/akun/pesan/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 404);
        app.login_citizen(WARGA).await;
        for path in [
            format!("/akun/pesan/{email_id}"),
            "/akun/pesan/bukan-id".to_string(),
            format!("/akun/pesan/{}", uuid::Uuid::now_v7()),
        ] {
            assert_eq!(app.get_text(&path).await.0, 404, "{path}");
        }
        assert!(
            notification(&app, id).await.read_at.is_none(),
            "nobody read it"
        );
        // Without a session: to the sign-in page.
        let anon = app.new_client();
        let r = anon.get(app.at("/akun/pesan")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 303);
        assert!(location(&r).starts_with("/masuk"));
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_link_that_is_not_a_web_address_is_not_shown() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let warga = user_id(&app, WARGA).await;
        let id = inbox_message(&app, warga, "Tautan aneh", "javascript:alert(1)").await;
        app.login_citizen(WARGA).await;
        let (s, html) = app.get_text(&format!("/akun/pesan/{id}")).await;
        assert_eq!(s, 200, "{b:?}");
        assert!(!html.contains("javascript:"));
    }
}
