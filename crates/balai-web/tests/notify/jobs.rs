//! The job table and the worker: a job exists exactly when the change that queued it
//! committed, a dedupe key queues once, concurrent workers get each job once, a crashed
//! worker's job is taken again after its lease, failures wait longer each time and end dead.

use std::collections::HashSet;

use balai_core::notify::Channel;
use balai_store::jobs::{self, NewJob};
use balai_testkit::{MailSink, TestApp, backends};
use chrono::Duration;
use serde_json::json;

use super::common::*;

#[tokio::test]
async fn a_job_queued_in_a_rolled_back_transaction_does_not_exist() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let now = app.clock.now();
        let mut tx = app.db.begin().await.unwrap();
        let id = jobs::enqueue(&mut tx, NewJob::new("test.noop", json!({"n": 1}), now))
            .await
            .unwrap();
        drop(tx);
        assert!(jobs::get(&app.db, id).await.unwrap().is_none(), "{b:?}");
        let mut tx = app.db.begin().await.unwrap();
        let id = jobs::enqueue(&mut tx, NewJob::new("test.noop", json!({"n": 2}), now))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let job = jobs::get(&app.db, id).await.unwrap().unwrap();
        assert_eq!((job.status.as_str(), job.attempts), ("queued", 0));
        assert_eq!(job.payload_json(), json!({"n": 2}));
    }
}

#[tokio::test]
async fn a_second_enqueue_with_the_same_dedupe_key_is_a_no_op() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let now = app.clock.now();
        let mut ids = Vec::new();
        for n in 0..3 {
            let mut tx = app.db.begin().await.unwrap();
            let job = NewJob::new("test.noop", json!({"n": n}), now).dedupe("sekali-saja");
            ids.push(jobs::enqueue(&mut tx, job).await.unwrap());
            tx.commit().await.unwrap();
        }
        assert!(ids.iter().all(|i| *i == ids[0]), "{b:?}: {ids:?}");
        let all = jobs::list_kind(&app.db, "test.noop").await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(
            all[0].payload_json(),
            json!({"n": 0}),
            "the first one stays"
        );
    }
}

#[tokio::test]
async fn concurrent_claims_hand_each_job_to_one_worker() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let now = app.clock.now();
        let mut tx = app.db.begin().await.unwrap();
        for n in 0..40 {
            jobs::enqueue(&mut tx, NewJob::new("test.noop", json!({"n": n}), now))
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let workers = (0..4).map(|w| {
            let db = app.db.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let got = jobs::claim(&db, &format!("w{w}"), now, Duration::minutes(5), 3)
                        .await
                        .unwrap();
                    if got.is_empty() {
                        return mine;
                    }
                    mine.extend(got.into_iter().map(|j| j.id));
                }
            })
        });
        let mut seen = HashSet::new();
        let mut total = 0;
        for w in futures::future::join_all(workers).await {
            for id in w.unwrap() {
                total += 1;
                assert!(seen.insert(id), "{b:?}: job {id} claimed twice");
            }
        }
        assert_eq!((total, seen.len()), (40, 40), "{b:?}");
    }
}

#[tokio::test]
async fn two_workers_running_at_once_send_each_email_once() {
    for b in backends() {
        let sink = MailSink::start().await;
        let app = TestApp::spawn_with(b, |c| {
            c.notify.smtp_url = Some(sink.url());
            c.notify.mail_from = "MPP Mesuji <noreply@mesujikab.go.id>".into();
        })
        .await;
        let mut ids = Vec::new();
        for n in 0..12 {
            let to = format!("pemohon{n}@example.id");
            ids.push(queue(&app, notice(Channel::Email, &to, &format!("app-{n}"))).await);
        }
        let (a, b2) = tokio::join!(
            balai_web::jobs::run_due(&app.state),
            balai_web::jobs::run_due(&app.state)
        );
        assert_eq!(a.unwrap() + b2.unwrap(), 12, "{b:?}");
        assert_eq!(sink.mails().len(), 12, "{b:?}");
        for id in ids {
            let n = notification(&app, id).await;
            assert_eq!((n.status.as_str(), n.attempts), ("sent", 1), "{b:?}");
        }
        assert_eq!(app.run_jobs().await, 0, "nothing is left");
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_crashed_workers_job_is_taken_again_after_its_lease() {
    for b in backends() {
        let sink = MailSink::start().await;
        let app = TestApp::spawn_with(b, |c| {
            c.notify.smtp_url = Some(sink.url());
            c.notify.mail_from = "noreply@mesujikab.go.id".into();
        })
        .await;
        let id = queue(&app, notice(Channel::Email, "pemohon@example.id", "a1")).await;
        let now = app.clock.now();
        let taken = jobs::claim(&app.db, "crashed", now, balai_web::jobs::LEASE, 10)
            .await
            .unwrap();
        assert_eq!(taken.len(), 1);
        assert_eq!(
            app.run_jobs().await,
            0,
            "{b:?}: leased to the crashed worker"
        );
        app.clock
            .advance(balai_web::jobs::LEASE + Duration::seconds(1));
        assert_eq!(app.run_jobs().await, 1, "{b:?}");
        assert_eq!(sink.mails().len(), 1);
        let job = jobs::get(&app.db, taken[0].id).await.unwrap().unwrap();
        assert_eq!((job.status.as_str(), job.attempts), ("done", 2), "{b:?}");
        let late = jobs::complete(&app.db, job.id, "crashed", app.clock.now()).await;
        assert!(!late.unwrap(), "the crashed worker no longer holds it");
        assert_eq!(notification(&app, id).await.status, "sent");
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_job_whose_worker_vanished_on_its_last_attempt_is_dead() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let now = app.clock.now();
        let mut tx = app.db.begin().await.unwrap();
        let id = jobs::enqueue(
            &mut tx,
            NewJob::new("test.noop", json!({}), now).max_attempts(1),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        jobs::claim(&app.db, "crashed", now, Duration::minutes(5), 10)
            .await
            .unwrap();
        app.clock.advance(Duration::minutes(6));
        assert_eq!(app.run_jobs().await, 0);
        let job = jobs::get(&app.db, id).await.unwrap().unwrap();
        assert_eq!(job.status, "dead", "{b:?}");
        assert!(job.last_error.unwrap().contains("worker stopped"));
    }
}

#[tokio::test]
async fn failures_wait_longer_each_time_then_the_job_is_dead() {
    for b in backends() {
        // No SMTP server configured: every attempt fails with that reason.
        let app = TestApp::spawn(b).await;
        let id = queue(&app, notice(Channel::Email, "pemohon@example.id", "a2")).await;
        let job_id = jobs::list_kind(&app.db, "notify.deliver").await.unwrap()[0].id;
        let mut waits = Vec::new();
        for attempt in 1..=balai_store::notifications::MAX_ATTEMPTS {
            assert_eq!(app.run_jobs().await, 1, "{b:?}: attempt {attempt}");
            assert_eq!(app.run_jobs().await, 0, "not due again at once");
            let job = jobs::get(&app.db, job_id).await.unwrap().unwrap();
            assert_eq!(job.attempts, attempt);
            if attempt < balai_store::notifications::MAX_ATTEMPTS {
                assert_eq!(job.status, "failed_retrying");
                let wait = (job.run_at - app.clock.now()).num_seconds();
                let plain = (30_i64 << (attempt - 1)).min(3600);
                assert!(
                    (plain * 8 / 10..=plain * 12 / 10).contains(&wait),
                    "attempt {attempt} waits {wait}s"
                );
                waits.push(wait);
                app.clock.set(job.run_at);
            } else {
                assert_eq!(job.status, "dead");
                assert!(job.last_error.unwrap().contains("SMTP is not configured"));
            }
        }
        assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
        let n = notification(&app, id).await;
        assert_eq!(n.status, "failed", "{b:?}");
        assert_eq!(n.attempts, balai_store::notifications::MAX_ATTEMPTS);
        assert!(n.last_error.unwrap().contains("SMTP is not configured"));
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_job_of_an_unknown_kind_is_given_up_at_once() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let mut tx = app.db.begin().await.unwrap();
        let id = jobs::enqueue(
            &mut tx,
            NewJob::new("nobody.knows", json!({}), app.clock.now()),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(app.run_jobs().await, 1);
        let job = jobs::get(&app.db, id).await.unwrap().unwrap();
        assert_eq!((job.status.as_str(), job.attempts), ("dead", 1), "{b:?}");
        assert!(job.last_error.unwrap().contains("no handler"));
        let (_, metrics) = app.get_text("/metrics").await;
        assert!(
            metrics.contains("balai_jobs{status=\"dead\"} 1"),
            "{metrics}"
        );
    }
}

#[tokio::test]
async fn housekeeping_deletes_done_jobs_past_retention_and_keeps_dead_ones() {
    for b in backends() {
        let sink = MailSink::start().await;
        let app = TestApp::spawn_with(b, |c| {
            c.notify.smtp_url = Some(sink.url());
            c.notify.mail_from = "noreply@mesujikab.go.id".into();
        })
        .await;
        queue(&app, notice(Channel::Email, "pemohon@example.id", "a3")).await;
        let mut tx = app.db.begin().await.unwrap();
        jobs::enqueue(
            &mut tx,
            NewJob::new("nobody.knows", json!({}), app.clock.now()),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(app.run_jobs().await, 2);
        let cutoff = app.clock.now() - Duration::days(14);
        assert_eq!(jobs::delete_done_before(&app.db, cutoff).await.unwrap(), 0);
        let later = app.clock.now() + Duration::seconds(1);
        assert_eq!(
            jobs::delete_done_before(&app.db, later).await.unwrap(),
            1,
            "{b:?}"
        );
        assert!(
            jobs::list_kind(&app.db, "notify.deliver")
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            jobs::list_kind(&app.db, "nobody.knows")
                .await
                .unwrap()
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn committing_a_job_wakes_this_processs_worker() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let wake = app.state.jobs_wake.clone();
        let woken = tokio::spawn(async move { wake.notified().await });
        let mut tx = app.db.begin().await.unwrap();
        jobs::enqueue(
            &mut tx,
            NewJob::new("test.noop", json!({}), app.clock.now()),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(5), woken)
            .await
            .expect("the worker was woken")
            .unwrap();
    }
}

#[tokio::test]
async fn the_serve_worker_loop_sends_a_committed_notice_at_once_and_stops_on_request() {
    for b in backends() {
        let sink = MailSink::start().await;
        let app = TestApp::spawn_with(b, |c| {
            c.notify.smtp_url = Some(sink.url());
            c.notify.mail_from = "noreply@mesujikab.go.id".into();
        })
        .await;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = tokio::spawn(balai_web::jobs::worker_loop(app.state.clone(), stopped));
        let id = queue(&app, notice(Channel::Email, "pemohon@example.id", "loop")).await;
        let mails = tokio::time::timeout(std::time::Duration::from_secs(10), sink.wait_for(1))
            .await
            .expect("the worker sent the mail");
        assert_eq!(mails[0].to, vec!["pemohon@example.id".to_string()], "{b:?}");
        stop.send(true).unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(10), worker)
            .await
            .expect("the worker stops when told")
            .unwrap();
        // The mail left before the outcome was recorded; the worker finished recording it.
        assert_eq!(notification(&app, id).await.status, "sent");
        assert_audit_clean(&app).await;
    }
}
