//! The deadline worker, driven by the test clock: deemed withdrawal (Luwu Pasal 43(5)) and
//! escalation of overdue complaints to the superior and the coordinator, never to the reported
//! officer and never naming the complainant (Seluma Pasal 56).

use balai_core::complaints::{Action, OrgFacts, Respondent, route};
use balai_store::notifications;
use balai_testkit::{TestApp, backends};
use chrono::Duration;

use super::{act, audit_problems, file, input, org_id, random_key, sample};

async fn user_id(app: &TestApp, email: &str) -> uuid::Uuid {
    balai_store::identity::find_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn worker_deems_an_incomplete_complaint_withdrawn_after_30_days__luwu_43_5() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let c = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        let mut i = input(&app, Action::Postpone).await;
        i.note = "Lampirkan bukti.".into();
        act(&app, c.id, i).await.unwrap();
        app.clock.advance(Duration::days(30));
        app.run_jobs().await;
        let row = balai_store::complaints::by_id(&app.db, c.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.stage, "awaiting_completion",
            "the 30th day is still in time"
        );
        app.clock.advance(Duration::days(1));
        app.run_jobs().await;
        let row = balai_store::complaints::by_id(&app.db, c.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.stage, "withdrawn");
        let events = balai_store::complaints::events(&app.db, c.id)
            .await
            .unwrap();
        assert!(
            events
                .iter()
                .any(|e| e.action == "deem_withdrawn" && e.actor_name == "sistem")
        );
        assert_eq!(audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn worker_escalates_an_overdue_decision_to_superior_and_coordinator__luwu_48_1() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let putri =
            balai_store::identity::find_by_email(&app.db, "putri.handayani@mesujikab.go.id")
                .await
                .unwrap()
                .unwrap();
        let mut n = sample(&app, org, random_key()).await;
        n.officer_id = putri.officer_id;
        let c = file(&app, n).await.complaint;
        act(&app, c.id, input(&app, Action::Verify).await)
            .await
            .unwrap();
        let mut i = input(&app, Action::Route).await;
        i.route = Some(route(Respondent::Organisation(OrgFacts {
            id: org,
            parent_id: None,
            is_bumd: false,
        })));
        act(&app, c.id, i).await.unwrap();
        app.clock.advance(Duration::days(60));
        app.run_jobs().await;
        let row = balai_store::complaints::by_id(&app.db, c.id)
            .await
            .unwrap()
            .unwrap();
        assert!(row.escalated_at.is_none(), "day 60 is still in time");
        app.clock.advance(Duration::days(1));
        app.run_jobs().await;
        let row = balai_store::complaints::by_id(&app.db, c.id)
            .await
            .unwrap()
            .unwrap();
        assert!(row.escalated_at.is_some());
        assert_eq!(
            row.stage, "examination",
            "escalation never moves the complaint"
        );
        let siti = user_id(&app, "siti.aminah@mesujikab.go.id").await;
        let inbox = notifications::inbox(&app.db, siti, 10).await.unwrap();
        assert_eq!(inbox.len(), 1);
        assert!(inbox[0].body.contains(&row.number));
        assert!(
            !inbox[0].body.contains("Siti Rahma"),
            "no complainant identity in notices"
        );
        assert!(
            notifications::inbox(&app.db, putri.id, 10)
                .await
                .unwrap()
                .is_empty()
        );
        // Escalated once only.
        app.clock.advance(Duration::days(1));
        app.run_jobs().await;
        assert_eq!(
            notifications::inbox(&app.db, siti, 10).await.unwrap().len(),
            1
        );
        assert_eq!(audit_problems(&app).await, 0);
    }
}

#[tokio::test]
async fn managers_see_overdue_complaints_first_with_the_article__luwu_43_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let org = org_id(&app, "DISDUKCAPIL").await;
        let old = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        app.clock.advance(Duration::days(20));
        let fresh = file(&app, sample(&app, org, random_key()).await)
            .await
            .complaint;
        app.login_staff("siti.aminah@mesujikab.go.id").await;
        let (status, html) = app.get_text("/konsol/pengaduan").await;
        assert_eq!(status, 200);
        let (first, second) = (
            html.find(&old.number).unwrap(),
            html.find(&fresh.number).unwrap(),
        );
        assert!(first < second, "overdue first");
        assert!(html.contains("badge-danger") && html.contains("Luwu Pasal 43(3)"));
        assert!(
            !html.contains("Siti Rahma"),
            "no complainant identity in the list"
        );
        let putri = app.new_client();
        app.login_staff_on(&putri, "putri.handayani@mesujikab.go.id")
            .await;
        let r = putri.get(app.at("/konsol/pengaduan")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 403);
    }
}
