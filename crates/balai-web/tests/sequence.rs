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
