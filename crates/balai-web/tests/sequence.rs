//! Numbers people see come from a counter bumped inside the creating transaction
//! (architecture §2): under concurrency every number is issued exactly once, with no gaps, and a
//! rolled-back transaction gives its number back.

use balai_store::sequence;
use balai_testkit::{TestApp, backends};

#[tokio::test]
async fn concurrent_transactions_get_every_number_exactly_once() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let mut tasks = Vec::new();
        for _ in 0..32 {
            let db = app.db.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = db.begin().await.expect("begin");
                let n = sequence::next(&mut tx, "PTSP/2026").await.expect("next");
                tx.commit().await.expect("commit");
                n
            }));
        }
        let mut got = Vec::new();
        for t in tasks {
            got.push(t.await.expect("task"));
        }
        got.sort_unstable();
        assert_eq!(got, (1..=32).collect::<Vec<i64>>(), "{b:?}");

        // A rolled-back transaction does not use up a number.
        let mut tx = app.db.begin().await.expect("begin");
        assert_eq!(
            sequence::next(&mut tx, "PTSP/2026").await.expect("next"),
            33
        );
        drop(tx);
        let mut tx = app.db.begin().await.expect("begin");
        assert_eq!(
            sequence::next(&mut tx, "PTSP/2026").await.expect("next"),
            33
        );
        tx.commit().await.expect("commit");
        // Series are independent.
        let mut tx = app.db.begin().await.expect("begin");
        assert_eq!(
            sequence::next(&mut tx, "ADUAN/2026").await.expect("next"),
            1
        );
        tx.commit().await.expect("commit");
    }
}

/// Group commit (`balai_store::batch`): many concurrent submissions share transactions, each
/// gets its own number exactly once, and one that fails is undone alone — its number and its
/// audit event with it — while the rest of its batch commits.
#[tokio::test]
async fn batched_submissions_commit_together_and_fail_alone() {
    use balai_core::identity::Actor;
    use balai_store::StoreError;
    use balai_store::audit::{self, AuditCtx, Change};
    use futures::FutureExt;

    for b in backends() {
        let app = TestApp::spawn(b).await;
        let batcher = app.db.batcher();
        let mut tasks = Vec::new();
        for i in 0..200u32 {
            let batcher = batcher.clone();
            tasks.push(tokio::spawn(async move {
                batcher
                    .run(move |tx| {
                        async move {
                            let n = sequence::next(tx, "BATCH").await?;
                            let ctx = AuditCtx::new(Actor::system(), None, chrono::Utc::now());
                            audit::record(tx, &ctx, Change::new("note", "batch_test", n)).await?;
                            if i % 7 == 3 {
                                return Err(StoreError::Conflict(format!("job {i} refused")));
                            }
                            Ok(n)
                        }
                        .boxed()
                    })
                    .await
            }));
        }
        let (mut ok, mut refused) = (Vec::new(), 0);
        for t in tasks {
            match t.await.expect("task") {
                Ok(n) => ok.push(n),
                Err(StoreError::Conflict(_)) => refused += 1,
                Err(e) => panic!("{b:?}: unexpected error {e}"),
            }
        }
        ok.sort_unstable();
        let expected_ok = (0..200u32).filter(|i| i % 7 != 3).count();
        assert_eq!(refused, 200 - expected_ok, "{b:?}");
        assert_eq!(
            ok,
            (1..=expected_ok as i64).collect::<Vec<_>>(),
            "{b:?}: refused jobs gave their numbers back"
        );
        let report = balai_store::snapshots::verify(&app.db)
            .await
            .expect("verify");
        assert!(report.problems.is_empty(), "{b:?}: {:?}", report.problems);
        assert_eq!(
            report.events, expected_ok as i64,
            "{b:?}: one event per kept job"
        );
    }
}
