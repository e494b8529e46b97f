//! Delivering notifications: e-mail to a local SMTP sink, SMS/WhatsApp to a signed gateway
//! webhook, failures with the reason staff read, "send again", and overdue notices (Batang
//! Pasal 12(2): the applicant is told within 3 working days of the decision).

use balai_core::notify::{Channel, verify_signature};
use balai_store::StoreError;
use balai_store::notifications as store;
use balai_testkit::{HttpSink, MailSink, TestApp, backends};
use chrono::Duration;

use super::common::*;

fn mail_config(sink: &MailSink) -> impl FnOnce(&mut balai_web::WebConfig) + '_ {
    move |c| {
        c.notify.smtp_url = Some(sink.url());
        c.notify.mail_from = "MPP Kabupaten Mesuji <noreply@mesujikab.go.id>".into();
        c.public_url = "https://mpp.mesujikab.go.id".into();
    }
}

#[tokio::test]
async fn decision_email_reaches_the_applicant_with_subject_body_and_link__batang_12_2() {
    for b in backends() {
        let sink = MailSink::start().await;
        let app = TestApp::spawn_demo_with(b, mail_config(&sink)).await;
        let mut n = notice(Channel::Email, " Pemohon.PBG@Example.ID ", "0196-pbg");
        n.subject = "Keputusan permohonan PBG — disetujui".into();
        let id = queue(&app, n).await;
        assert_eq!(notification(&app, id).await.status, "queued");
        assert!(
            sink.mails().is_empty(),
            "nothing leaves before the commit's job runs"
        );
        assert_eq!(app.run_jobs().await, 1);
        let mails = sink.mails();
        assert_eq!(mails.len(), 1, "{b:?}");
        let m = &mails[0];
        assert_eq!(m.from, "noreply@mesujikab.go.id");
        assert_eq!(m.to, vec!["pemohon.pbg@example.id".to_string()]);
        assert_eq!(m.subject, "Keputusan permohonan PBG — disetujui");
        assert!(
            m.from_header.contains("MPP Kabupaten Mesuji"),
            "{}",
            m.from_header
        );
        assert!(
            m.body.contains("Permohonan Anda telah diputuskan."),
            "{}",
            m.body
        );
        assert!(
            m.body
                .contains("https://mpp.mesujikab.go.id/lacak/0196-pbg"),
            "the link is absolute: {}",
            m.body
        );
        let row = notification(&app, id).await;
        assert_eq!((row.status.as_str(), row.attempts), ("sent", 1));
        assert_eq!(row.sent_at, Some(app.clock.now()));
        assert_eq!(app.run_jobs().await, 0);
        assert_eq!(sink.mails().len(), 1, "sent once");
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn smtp_down_is_retried_then_failed_with_the_reason_shown_and_sent_again_by_staff() {
    for b in backends() {
        let sink = MailSink::start().await;
        let app = TestApp::spawn_demo_with(b, mail_config(&sink)).await;
        sink.refuse_next(1000);
        let mut n = notice(Channel::Email, "pemohon@example.id", "0196-slf");
        n.organisation_id = Some(org_id(&app, "DPMPTSP").await);
        let id = queue(&app, n).await;
        app.run_jobs().await;
        let row = notification(&app, id).await;
        assert_eq!((row.status.as_str(), row.attempts), ("queued", 1), "{b:?}");
        assert!(row.last_error.clone().unwrap().contains("SMTP server"));
        run_rounds(&app, store::MAX_ATTEMPTS as usize).await;
        let row = notification(&app, id).await;
        assert_eq!(row.status, "failed", "{b:?}");
        assert_eq!(row.attempts, store::MAX_ATTEMPTS);
        assert!(sink.mails().is_empty());

        // Staff see the failure and its reason, and send it again once the server is back.
        app.login_staff(ADMIN).await;
        let (s, html) = app.get_text("/konsol/notifikasi?status=failed").await;
        assert_eq!(s, 200);
        assert!(html.contains("Keputusan permohonan PBG"));
        assert!(html.contains("SMTP server"), "the reason is shown");
        assert!(
            html.contains("pe***@example.id"),
            "the address is masked for admin_mpp"
        );
        assert!(html.contains(&format!("/konsol/notifikasi/{id}/kirim-ulang")));
        sink.refuse_next(0);
        let r = app
            .post_form(&format!("/konsol/notifikasi/{id}/kirim-ulang"), &[])
            .await;
        assert_eq!(r.status().as_u16(), 303);
        assert_eq!(location(&r), "/konsol/notifikasi?dikirim=1");
        assert_eq!(notification(&app, id).await.status, "queued");
        assert_eq!(app.run_jobs().await, 1);
        assert_eq!(sink.mails().len(), 1, "{b:?}");
        assert_eq!(notification(&app, id).await.status, "sent");
        // A sent notification cannot be "sent again".
        let r = app
            .post_form(&format!("/konsol/notifikasi/{id}/kirim-ulang"), &[])
            .await;
        assert_eq!(r.status().as_u16(), 409);
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn staff_of_another_organisation_neither_see_nor_resend_a_notification() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mut n = notice(Channel::Email, "pemohon@example.id", "0196-imb");
        n.organisation_id = Some(org_id(&app, "DPMPTSP").await);
        let id = queue(&app, n).await;
        run_rounds(&app, store::MAX_ATTEMPTS as usize).await;
        assert_eq!(notification(&app, id).await.status, "failed");
        app.login_staff(PETUGAS_DUKCAPIL).await;
        let (s, html) = app.get_text("/konsol/notifikasi").await;
        assert_eq!(s, 200);
        assert!(!html.contains("Keputusan permohonan PBG"), "{b:?}");
        let r = app
            .post_form(&format!("/konsol/notifikasi/{id}/kirim-ulang"), &[])
            .await;
        assert_eq!(r.status().as_u16(), 403);
        assert_eq!(notification(&app, id).await.status, "failed");
        // Leadership reads every organisation's, but does not send.
        let boss = app.new_client();
        app.login_staff_on(&boss, PIMPINAN).await;
        let html = boss
            .get(app.at("/konsol/notifikasi"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Keputusan permohonan PBG"));
        assert!(!html.contains("kirim-ulang"));
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn sms_goes_to_the_gateway_signed_with_the_shared_secret() {
    for b in backends() {
        let gateway = HttpSink::start().await;
        let app = TestApp::spawn_demo_with(b, |c| {
            c.notify.sms_webhook_url = Some(gateway.url("/kirim"));
            c.notify.sms_webhook_secret = Some("rahasia-gateway".into());
            c.public_url = "https://mpp.mesujikab.go.id".into();
        })
        .await;
        let id = queue(&app, notice(Channel::Sms, "0812-3456-7890", "0196-sms")).await;
        assert_eq!(notification(&app, id).await.address, "+6281234567890");
        assert_eq!(app.run_jobs().await, 1);
        let reqs = gateway.requests();
        assert_eq!(reqs.len(), 1, "{b:?}");
        let r = &reqs[0];
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/kirim"));
        assert_eq!(r.header("content-type"), "application/json");
        assert_eq!(r.header("x-balai-event"), "notification.sms");
        assert_eq!(r.header("x-balai-delivery"), id.to_string());
        assert_eq!(
            r.header("x-balai-timestamp"),
            app.clock.now().timestamp().to_string()
        );
        verify_signature(
            "rahasia-gateway",
            r.header("x-balai-timestamp"),
            &r.body,
            r.header("x-balai-signature"),
            app.clock.now(),
            Duration::minutes(5),
        )
        .expect("the signature verifies");
        assert!(
            verify_signature(
                "another-secret",
                r.header("x-balai-timestamp"),
                &r.body,
                r.header("x-balai-signature"),
                app.clock.now(),
                Duration::minutes(5),
            )
            .is_err()
        );
        let body = r.json();
        assert_eq!(body["id"], id.to_string());
        assert_eq!(body["to"], "+6281234567890");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .ends_with("https://mpp.mesujikab.go.id/lacak/0196-sms")
        );
        assert_eq!(body["about"]["type"], "application");
        assert_eq!(body["about"]["id"], "0196-sms");
        assert_eq!(notification(&app, id).await.status, "sent");
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_gateway_answering_500_is_retried_and_an_unconfigured_one_fails_with_a_reason() {
    for b in backends() {
        let gateway = HttpSink::start().await;
        let app = TestApp::spawn_demo_with(b, |c| {
            c.notify.sms_webhook_url = Some(gateway.url("/kirim"));
            c.notify.sms_webhook_secret = Some("rahasia-gateway".into());
        })
        .await;
        gateway.answer_next(1, 500);
        let id = queue(&app, notice(Channel::Sms, "081234567890", "0196-a")).await;
        app.run_jobs().await;
        let row = notification(&app, id).await;
        assert_eq!(row.status, "queued", "{b:?}");
        assert!(row.last_error.unwrap().contains("HTTP 500"));
        run_rounds(&app, 1).await;
        assert_eq!(notification(&app, id).await.status, "sent");
        assert_eq!(gateway.requests().len(), 2);

        let plain = TestApp::spawn_demo(b).await;
        let id = queue(&plain, notice(Channel::Sms, "081234567890", "0196-b")).await;
        run_rounds(&plain, store::MAX_ATTEMPTS as usize).await;
        let row = notification(&plain, id).await;
        assert_eq!(row.status, "failed");
        assert!(
            row.last_error
                .unwrap()
                .contains("SMS/WhatsApp gateway is not configured")
        );
        assert_audit_clean(&app).await;
        assert_audit_clean(&plain).await;
    }
}

#[tokio::test]
async fn a_notice_not_sent_by_its_deadline_shows_as_overdue_first__batang_12_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mut late = notice(Channel::Email, "pemohon@example.id", "0196-late");
        late.subject = "Pemberitahuan keputusan IMB".into();
        // Three working days from Monday 2 November 2026 (the tests' start) end on Thursday.
        late.due_by = Some(at(&app, 3 * 24));
        let late_id = queue(&app, late).await;
        let mut ok = notice(Channel::Email, "lain@example.id", "0196-ok");
        ok.subject = "Pemberitahuan keputusan SLF".into();
        ok.due_by = Some(at(&app, 30 * 24));
        queue(&app, ok).await;
        app.login_staff(ADMIN).await;
        let (_, before) = app.get_text("/konsol/notifikasi").await;
        assert!(
            !before.contains("badge-warn\">Terlambat"),
            "{b:?}: nothing is late yet"
        );
        app.clock.advance(Duration::days(4));
        assert!(
            notification(&app, late_id)
                .await
                .is_overdue(app.clock.now())
        );
        app.login_staff(ADMIN).await;
        let (_, html) = app.get_text("/konsol/notifikasi").await;
        assert!(html.contains("Terlambat"), "{b:?}");
        let first = html.find("Pemberitahuan keputusan IMB").unwrap();
        let second = html.find("Pemberitahuan keputusan SLF").unwrap();
        assert!(first < second, "the overdue one is listed first");
        let (_, only) = app.get_text("/konsol/notifikasi?terlambat=1").await;
        assert!(only.contains("Pemberitahuan keputusan IMB"));
        assert!(!only.contains("Pemberitahuan keputusan SLF"));
        // A bad filter value shows everything rather than an error.
        let (s, _) = app.get_text("/konsol/notifikasi?status=%3Cscript%3E").await;
        assert_eq!(s, 200);
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn bad_notifications_are_refused_field_by_field_and_nothing_is_written() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let cases = [
            (notice(Channel::Email, "bukan alamat", "x"), "address"),
            (notice(Channel::Sms, "+1 202 555 0100", "x"), "address"),
            (notice(Channel::Inbox, "", "x"), "recipient"),
            (
                {
                    let mut n = notice(Channel::Email, "a@example.id", "x");
                    n.subject = "   ".into();
                    n
                },
                "subject",
            ),
            (
                {
                    let mut n = notice(Channel::Email, "a@example.id", "x");
                    n.body = "x".repeat(10_001);
                    n
                },
                "body",
            ),
        ];
        for (n, field) in cases {
            let mut tx = app.db.begin().await.unwrap();
            match store::queue(&mut tx, &system(&app), n).await {
                Err(StoreError::Invalid(errs)) => {
                    assert!(errs.get(field).is_some(), "{b:?}: {field}: {errs:?}")
                }
                other => panic!("{b:?}: {field}: {other:?}"),
            }
        }
        let count: i64 = balai_store::on_db!(app.db.read(), p =>
            sqlx::query_scalar("SELECT COUNT(*) FROM notifications").fetch_one(p).await)
        .unwrap();
        assert_eq!(count, 0);
        assert_audit_clean(&app).await;
    }
}
