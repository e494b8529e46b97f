//! The store's rules: superiors without loops (Luwu Pasal 44), unique codes, optimistic
//! versions, and the audit trail naming a row altered behind the application's back.

use balai_core::catalog::OpeningHours;
use balai_core::ids::Code;
use balai_store::StoreError;
use balai_store::audit::Problem;
use balai_store::counters::{self, CounterInput};
use balai_store::officers::{self, OfficerFilter, OfficerInput};
use balai_store::organisations::{self as orgs, WriteError};
use balai_testkit::{TestApp, backends};
use uuid::Uuid;

use super::{area_problems, close, ctx, org, sample_input};

#[tokio::test]
async fn superior_must_exist_and_never_loop__luwu_44() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let d = org(&app, "DISDUKCAPIL").await;
        let list = officers::list(
            &app.db,
            &OfficerFilter {
                organisation_id: Some(d.id),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
        let head = list
            .iter()
            .find(|o| o.officer.name.starts_with("Yusuf"))
            .unwrap()
            .officer
            .clone();
        let clerk = list
            .iter()
            .find(|o| o.officer.name.starts_with("Putri"))
            .unwrap()
            .officer
            .clone();
        // The head's chain already reaches the clerk's superior's superior; making the clerk the
        // head's superior would close a loop.
        let mut tx = app.db.begin().await.unwrap();
        let e = officers::set_superior(&mut tx, &ctx(&app), head.id, Some(clerk.id))
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                WriteError::Invalid {
                    field: "superior",
                    key: "org-err-superior-cycle"
                }
            ),
            "{e:?}"
        );
        let e = officers::set_superior(&mut tx, &ctx(&app), head.id, Some(head.id))
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                WriteError::Invalid {
                    key: "org-err-superior-cycle",
                    ..
                }
            ),
            "{e:?}"
        );
        let e = officers::set_superior(&mut tx, &ctx(&app), head.id, Some(Uuid::now_v7()))
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                WriteError::Invalid {
                    key: "org-err-superior-unknown",
                    ..
                }
            ),
            "{e:?}"
        );
        // A counter of another organisation is refused.
        let input = OfficerInput {
            organisation_id: d.id,
            name: "Petugas Baru".into(),
            position: "Pelaksana".into(),
            nip: String::new(),
            superior_id: Some(head.id),
            counter_code: Some(Code::parse("G08").unwrap()),
            public_profile: String::new(),
            competence: String::new(),
        };
        let e = officers::create(&mut tx, &ctx(&app), &input)
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                WriteError::Invalid {
                    key: "org-err-counter-other-org",
                    ..
                }
            ),
            "{e:?}"
        );
        close(tx).await;
    }
}

#[tokio::test]
async fn organisation_parent_chain_never_loops_and_codes_are_unique() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let setda = org(&app, "SETDA").await;
        let mut input = sample_input("SETDA");
        let mut tx = app.db.begin().await.unwrap();
        let e = orgs::create(&mut tx, &ctx(&app), &input).await.unwrap_err();
        assert!(
            matches!(
                e,
                WriteError::Invalid {
                    field: "code",
                    key: "org-err-code-taken"
                }
            ),
            "{e:?}"
        );
        close(tx).await;
        input.parent_code = Some(Code::parse("DISDUKCAPIL").unwrap());
        let mut tx = app.db.begin().await.unwrap();
        let e = orgs::update(&mut tx, &ctx(&app), setda.id, setda.version, &input)
            .await
            .unwrap_err();
        assert!(
            matches!(
                e,
                WriteError::Invalid {
                    field: "parent_code",
                    key: "org-err-parent-cycle"
                }
            ),
            "{e:?}"
        );
        close(tx).await;
        assert_eq!(org(&app, "SETDA").await, setda);
    }
}

#[tokio::test]
async fn stale_version_is_a_conflict_and_nothing_changes() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let k = counters::get_by_code(&app.db, "G03")
            .await
            .unwrap()
            .unwrap();
        let input = CounterInput {
            organisation_id: k.organisation_id,
            code: Code::parse("G03").unwrap(),
            name: "Gerai Dukcapil Utama".into(),
            building: "Gedung A".into(),
            floor: "Lantai 1".into(),
            position: String::new(),
            opening_hours: OpeningHours::parse_compact("Sen-Jum 08:00-16:00").unwrap(),
        };
        let mut tx = app.db.begin().await.unwrap();
        let saved = counters::update(&mut tx, &ctx(&app), k.id, k.version, &input)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(saved.version, k.version + 1);
        let mut tx = app.db.begin().await.unwrap();
        let e = counters::update(&mut tx, &ctx(&app), k.id, k.version, &input)
            .await
            .unwrap_err();
        assert!(
            matches!(e, WriteError::Store(StoreError::Conflict(_))),
            "{e:?}"
        );
        close(tx).await;
        assert_eq!(counters::get(&app.db, k.id).await.unwrap().unwrap(), saved);
        assert!(area_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn audit_verify_is_clean_after_demo_and_names_an_organisation_altered_in_the_database() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        assert_eq!(area_problems(&app).await, vec![]);
        let o = org(&app, "BPN").await;
        balai_store::on_db!(app.db.write(), p => sqlx::query("UPDATE organisations SET head_name = 'Orang Lain' WHERE code = 'BPN'")
            .execute(p).await.map(|r| r.rows_affected()))
        .unwrap();
        let problems = area_problems(&app).await;
        assert!(
            problems.contains(&Problem::RecordAltered {
                subject_type: "organisation".into(),
                subject_id: o.id.to_string()
            }),
            "{problems:?}"
        );
    }
}
