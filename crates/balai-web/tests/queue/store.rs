//! Numbering and calling in the store, under concurrency, on both engines.

use std::collections::BTreeMap;

use balai_core::queue::{PriorityReason, TicketAction};
use balai_store::queue::tickets::{self, ActionInput};
use balai_testkit::{TestApp, backends};

use crate::common::*;

/// Done-when of the issue: 64 concurrent clients, every number exactly once, in order per
/// prefix (the audit chain records the issues in number order).
#[tokio::test]
async fn sixty_four_concurrent_kiosks_issue_every_number_exactly_once_in_order() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let codes = ["KTP-EL", "KK", "SKCK", "KIA"];
        let mut tasks = Vec::new();
        for i in 0..64 {
            let app_db = app.db.clone();
            let code = codes[i % codes.len()];
            let loc = location(&app, "GEDUNG-A").await;
            let (service_id, prefix) = service(&app, code).await;
            let c = ctx(&app);
            tasks.push(tokio::spawn(async move {
                let mut tx = app_db.begin().await.unwrap();
                let t = tickets::issue(
                    &mut tx,
                    &c,
                    &loc,
                    &tickets::NewTicket {
                        service_id,
                        prefix,
                        day: day(),
                        channel: balai_core::queue::TicketChannel::Kiosk,
                        priority: None,
                        appointment_id: None,
                        queued_at: c.at,
                    },
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                t
            }));
        }
        let mut per_prefix: BTreeMap<String, Vec<i32>> = BTreeMap::new();
        for t in tasks {
            let t = t.await.unwrap();
            assert_eq!(t.number, format!("{}{:03}", t.prefix, t.seq));
            per_prefix.entry(t.prefix).or_default().push(t.seq);
        }
        // KTP-EL and KIA share prefix A: 32 numbers; KK (B) and SKCK (K) 16 each.
        let sizes: Vec<(String, usize)> = per_prefix
            .iter()
            .map(|(p, v)| (p.clone(), v.len()))
            .collect();
        assert_eq!(
            sizes,
            [("A".into(), 32), ("B".into(), 16), ("K".into(), 16)],
            "{b:?}"
        );
        for (prefix, mut seqs) in per_prefix {
            seqs.sort_unstable();
            let n = i32::try_from(seqs.len()).unwrap();
            assert_eq!(seqs, (1..=n).collect::<Vec<_>>(), "{b:?} {prefix}");
        }
        // In order: the audit chain saw the issues of each prefix in number order.
        let events = balai_store::audit::list(
            &app.db,
            &balai_store::audit::Filter {
                subject_type: Some("queue_ticket".into()),
                action: Some("issue".into()),
                limit: 500,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let mut seen: BTreeMap<String, i64> = BTreeMap::new();
        let mut events = events;
        events.sort_by_key(|e| e.seq);
        for e in events {
            let after: serde_json::Value =
                serde_json::from_str(e.after_json.as_deref().unwrap()).unwrap();
            let prefix = after["prefix"].as_str().unwrap().to_owned();
            let seq = after["seq"].as_i64().unwrap();
            let last = seen.insert(prefix.clone(), seq).unwrap_or(0);
            assert_eq!(seq, last + 1, "{b:?} {prefix}: issued out of order");
        }
        audit_clean(&app).await;
    }
}

#[tokio::test]
async fn numbers_restart_each_day_and_are_separate_per_location() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let first = issue(&app, "KTP-EL", None).await;
        assert_eq!(first.number, "A001");
        let loc_b = location(&app, "GEDUNG-B").await;
        let (service_id, prefix) = service(&app, "KTP-EL").await;
        let c = ctx(&app);
        let mut tx = app.db.begin().await.unwrap();
        let other_place = tickets::issue(
            &mut tx,
            &c,
            &loc_b,
            &tickets::NewTicket {
                service_id,
                prefix: prefix.clone(),
                day: day(),
                channel: balai_core::queue::TicketChannel::Kiosk,
                priority: None,
                appointment_id: None,
                queued_at: c.at,
            },
        )
        .await
        .unwrap();
        let next_day = tickets::issue(
            &mut tx,
            &c,
            &location(&app, "GEDUNG-A").await,
            &tickets::NewTicket {
                service_id,
                prefix,
                day: day().succ_opt().unwrap(),
                channel: balai_core::queue::TicketChannel::Kiosk,
                priority: None,
                appointment_id: None,
                queued_at: c.at,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(other_place.number, "A001", "{b:?}");
        assert_eq!(next_day.number, "A001", "{b:?}");
        assert_eq!(issue(&app, "KIA", None).await.number, "A002", "{b:?}");
    }
}

/// Bad input of the issue: two officers calling at once — one gets the ticket, the other the
/// next; nobody gets the same ticket twice, none is lost.
#[tokio::test]
async fn concurrent_counters_never_call_the_same_ticket() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for _ in 0..12 {
            issue(&app, "KTP-EL", None).await;
        }
        // G03 and G04 both serve KTP-EL; six rounds of simultaneous calls.
        let mut tasks = Vec::new();
        for i in 0..12 {
            let db = app.db.clone();
            let counter = counter(&app, if i % 2 == 0 { "G03" } else { "G04" }).await;
            let policy = location(&app, "GEDUNG-A").await.policy().unwrap();
            let c = ctx(&app);
            tasks.push(tokio::spawn(async move {
                let mut tx = db.begin().await.unwrap();
                let t = tickets::call_next(&mut tx, &c, &counter, &policy, day())
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                t.map(|t| t.number)
            }));
        }
        let mut got = Vec::new();
        for t in tasks {
            got.push(t.await.unwrap().expect("a ticket for every call"));
        }
        got.sort();
        let expected: Vec<String> = (1..=12).map(|n| format!("A{n:03}")).collect();
        assert_eq!(got, expected, "{b:?}");
        assert!(call(&app, "G03").await.is_none(), "{b:?}: nobody left");
        audit_clean(&app).await;
    }
}

#[tokio::test]
async fn priority_visitors_are_called_at_most_every_second_call__luwu_35_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        issue(&app, "KTP-EL", None).await; // A001
        issue(&app, "KTP-EL", None).await; // A002
        issue(&app, "KTP-EL", Some(PriorityReason::Elderly)).await; // A003
        issue(&app, "KTP-EL", Some(PriorityReason::Pregnant)).await; // A004
        let mut order = Vec::new();
        while let Some(t) = call(&app, "G03").await {
            order.push(t.number);
        }
        assert_eq!(order, ["A003", "A001", "A004", "A002"], "{b:?}");
    }
}

#[tokio::test]
async fn officer_actions_follow_the_ticket_states_and_stay_at_their_counter() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let t = issue(&app, "KTP-EL", None).await;
        let g03 = counter(&app, "G03").await;
        let g04 = counter(&app, "G04").await;
        let called = call(&app, "G03").await.unwrap();
        assert_eq!(called.id, t.id);
        let act = |counter, action, input: ActionInput| {
            let app = &app;
            async move {
                let c = ctx(app);
                let mut tx = app.db.begin().await.unwrap();
                let r = tickets::act(&mut tx, &c, counter, t.id, action, &input).await;
                if r.is_ok() {
                    tx.commit().await.unwrap();
                }
                r
            }
        };
        // Another counter cannot act on G03's ticket.
        let err = act(&g04, TicketAction::Start, ActionInput::default())
            .await
            .unwrap_err();
        assert!(
            format!("{err:?}").contains("queue-err-not-your-ticket"),
            "{b:?}"
        );
        let again = act(&g03, TicketAction::Recall, ActionInput::default())
            .await
            .unwrap();
        assert_eq!(again.call_count, 2, "{b:?}");
        act(&g03, TicketAction::Start, ActionInput::default())
            .await
            .unwrap();
        // Finishing twice: the second is refused.
        let input = ActionInput {
            outcome: "KTP-el dicetak".into(),
            ..Default::default()
        };
        let done = act(&g03, TicketAction::Finish, input.clone())
            .await
            .unwrap();
        assert_eq!(done.status, "served");
        assert_eq!(done.outcome, "KTP-el dicetak");
        let err = act(&g03, TicketAction::Finish, input).await.unwrap_err();
        assert!(format!("{err:?}").contains("queue-err-action"), "{b:?}");
        audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_transferred_ticket_keeps_its_number_and_goes_first_at_its_new_counter() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let early = issue(&app, "KK", None).await; // B001, waits at G04
        let moved = issue(&app, "KTP-EL", None).await; // A001
        let g03 = counter(&app, "G03").await;
        let g04 = counter(&app, "G04").await;
        assert_eq!(call(&app, "G03").await.unwrap().id, moved.id);
        let c = ctx(&app);
        let mut tx = app.db.begin().await.unwrap();
        let input = ActionInput {
            to_counter: Some(g04.counter_id),
            ..Default::default()
        };
        let t = tickets::act(&mut tx, &c, &g03, moved.id, TicketAction::Transfer, &input)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!((t.status.as_str(), t.number.as_str()), ("waiting", "A001"));
        assert_eq!(call(&app, "G04").await.unwrap().id, moved.id, "{b:?}");
        assert_eq!(call(&app, "G04").await.unwrap().id, early.id, "{b:?}");
        audit_clean(&app).await;
    }
}
