//! The survey store, exercised directly (no HTTP).

use std::collections::BTreeMap;

use balai_core::identity::Actor;
use balai_core::survey::{Answers, Definition, Grade, SampleRule};
use balai_store::audit::{AuditCtx, Problem};
use balai_store::survey::{
    self as store, Channel, InvitationState, NewResponse, PaperBatch, Scope, SourceKind,
};
use balai_store::{Db, StoreError};
use balai_testkit::{TestApp, backends};
use chrono::{Duration, Utc};
use uuid::Uuid;

fn ctx() -> AuditCtx {
    AuditCtx::new(Actor::system(), None, Utc::now())
}

async fn service(db: &Db, code: &str) -> (Uuid, Uuid) {
    let s = balai_store::services::get_by_code(db, code)
        .await
        .unwrap()
        .unwrap();
    (s.id, s.organisation_id)
}

fn answers(all: u8) -> Answers {
    let def = Definition::permenpanrb_14_2017();
    let mut f: BTreeMap<String, String> = [("sex", "L"), ("age", "41"), ("education", "SMA")]
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    f.insert("occupation".into(), "PNS".into());
    for e in &def.elements {
        f.insert(e.code.as_str().into(), all.to_string());
    }
    Answers::parse(&def, &f).unwrap()
}

async fn version(db: &Db) -> i32 {
    let mut tx = db.begin().await.unwrap();
    let v = store::ensure_default(&mut tx, &ctx()).await.unwrap();
    tx.commit().await.unwrap();
    v
}

async fn invite(db: &Db, source: &str, svc: (Uuid, Uuid)) -> String {
    let mut tx = db.begin().await.unwrap();
    let until = Utc::now() + Duration::days(30);
    let inv = store::invite(
        &mut tx,
        &ctx(),
        SourceKind::Ticket,
        source,
        svc.0,
        svc.1,
        until,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    inv.code
}

async fn submit(db: &Db, code: &str, v: i32, all: u8) -> Result<Uuid, InvitationState> {
    let mut tx = db.begin().await.unwrap();
    let r = store::submit_with_code(&mut tx, &ctx(), code, Channel::Online, v, answers(all))
        .await
        .unwrap()?;
    tx.commit().await.unwrap();
    Ok(r.id)
}

fn year(svc: Option<Uuid>) -> Scope {
    let today = Utc::now().date_naive();
    Scope {
        service_id: svc,
        organisation_id: None,
        from: today - Duration::days(365),
        until: today + Duration::days(1),
    }
}

async fn converted(db: &Db, scope: &Scope) -> Option<String> {
    let r = store::index(db, scope, SampleRule::Table).await.unwrap();
    r.index.map(|i| i.converted.to_string())
}

#[tokio::test]
async fn an_invitation_answers_once_and_unknown_or_expired_codes_are_refused() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let db = &app.db;
        let svc = service(db, "KTP-EL").await;
        let v = version(db).await;
        let code = invite(db, "T-001", svc).await;
        assert!(matches!(
            store::invitation_state(db, &code.to_lowercase(), Utc::now())
                .await
                .unwrap(),
            InvitationState::Open(_)
        ));
        submit(db, &code, v, 4).await.unwrap();
        let again = submit(db, &code, v, 1).await.unwrap_err();
        assert!(matches!(again, InvitationState::Used), "{again:?}");
        let unknown = submit(db, "ZZZZZZZZZZ", v, 1).await.unwrap_err();
        assert!(matches!(unknown, InvitationState::Unknown));
        let late = invite(db, "T-002", svc).await;
        let state = store::invitation_state(db, &late, Utc::now() + Duration::days(31)).await;
        assert_eq!(state.unwrap(), InvitationState::Expired);
        // A second invitation for the same finished ticket is refused.
        let mut tx = db.begin().await.unwrap();
        let dup = store::invite(
            &mut tx,
            &ctx(),
            SourceKind::Ticket,
            "T-001",
            svc.0,
            svc.1,
            Utc::now(),
        )
        .await
        .unwrap_err();
        assert!(matches!(dup, StoreError::Duplicate(_)), "{dup:?}");
        drop(tx);
        assert_eq!(
            converted(db, &year(Some(svc.0))).await.as_deref(),
            Some("100.00")
        );
        assert_eq!(store::population(db, &year(Some(svc.0))).await.unwrap(), 2);
        let report = balai_store::snapshots::verify(db).await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}

#[tokio::test]
async fn totals_in_sql_equal_the_exact_index_and_invalidation_is_subtracted__permenpanrb_14_2017() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let db = &app.db;
        let svc = service(db, "KK").await;
        let v = version(db).await;
        // Paper: three questionnaires all 3, entered by one officer as one batch.
        let day = Utc::now().date_naive();
        let rows: Vec<NewResponse> = (0..3)
            .map(|_| NewResponse {
                definition_version: v,
                service_id: svc.0,
                organisation_id: svc.1,
                responded_on: day,
                answers: answers(3),
            })
            .collect();
        let mut tx = db.begin().await.unwrap();
        let batch = store::record_paper(&mut tx, &ctx(), PaperBatch::Console, &rows)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            (batch.response_count, batch.entered_by_name.as_str()),
            (3, "sistem")
        );
        let code = invite(db, "T-10", svc).await;
        let online = submit(db, &code, v, 4).await.unwrap();
        // (3·3 + 4) / 4 = 3.25 → 81.25 B
        assert_eq!(
            converted(db, &year(Some(svc.0))).await.as_deref(),
            Some("81.25")
        );
        let mut tx = db.begin().await.unwrap();
        store::invalidate(&mut tx, &ctx(), online, "Duplikat terbukti")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let totals = store::totals(db, &year(Some(svc.0))).await.unwrap();
        assert_eq!((totals.respondents(), totals.invalidated), (3, 1));
        assert_eq!(
            converted(db, &year(Some(svc.0))).await.as_deref(),
            Some("75.00")
        );
        assert_eq!(Grade::of(balai_core::survey::Hundredths(7500)), Grade::C);
        let mut tx = db.begin().await.unwrap();
        let twice = store::invalidate(&mut tx, &ctx(), online, "lagi")
            .await
            .unwrap_err();
        assert!(matches!(twice, StoreError::Duplicate(_)), "{twice:?}");
        drop(tx);
        // The mall as a whole and another service's scope.
        assert_eq!(converted(db, &year(None)).await.as_deref(), Some("75.00"));
        let other = service(db, "KTP-EL").await;
        assert_eq!(converted(db, &year(Some(other.0))).await, None);
        let profile = store::profile_counts(db, &year(None)).await.unwrap();
        assert!(
            profile
                .iter()
                .any(|p| p.field == "sex" && p.value == "L" && p.respondents == 3)
        );
        let report = balai_store::snapshots::verify(db).await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}

async fn exec(db: &Db, sql: &str, id: Uuid) {
    balai_store::on_db!(db.write(), p => sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(id).execute(p).await.map(|r| r.rows_affected()))
    .unwrap();
}

#[tokio::test]
async fn audit_verify_names_a_response_changed_removed_or_inserted_in_the_database__luwu_18_e() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let db = &app.db;
        let svc = service(db, "KTP-EL").await;
        let v = version(db).await;
        let mut ids = Vec::new();
        for i in 0..3 {
            let code = invite(db, &format!("T-{i}"), svc).await;
            ids.push(submit(db, &code, v, 2).await.unwrap());
        }
        exec(db, "UPDATE skm_responses SET a3 = 4 WHERE id = $1", ids[0]).await;
        exec(db, "DELETE FROM skm_responses WHERE id = $1", ids[1]).await;
        let forged = balai_core::ids::new_id();
        let copy = "INSERT INTO skm_responses (id, definition_version, service_id, \
            organisation_id, channel, responded_on, sex, age, education, occupation, a1, a2, a3, \
            a4, a5, a6, a7, a8, a9, created_at) SELECT $1, definition_version, service_id, \
            organisation_id, 'paper', responded_on, sex, age, education, occupation, 4, 4, 4, 4, \
            4, 4, 4, 4, 4, created_at FROM skm_responses WHERE id = $2";
        balai_store::on_db!(db.write(), p => sqlx::query(copy)
            .bind(forged).bind(ids[2]).execute(p).await.map(|r| r.rows_affected()))
        .unwrap();
        let problems = balai_store::snapshots::verify(db).await.unwrap().problems;
        let named = |id: Uuid| -> Vec<&Problem> {
            problems
                .iter()
                .filter(|p| match p {
                    Problem::RecordAltered {
                        subject_type,
                        subject_id,
                    }
                    | Problem::RecordRemoved {
                        subject_type,
                        subject_id,
                    }
                    | Problem::RecordInserted {
                        subject_type,
                        subject_id,
                    } => subject_type == "skm_response" && *subject_id == id.to_string(),
                    _ => false,
                })
                .collect()
        };
        assert!(
            matches!(named(ids[0])[..], [Problem::RecordAltered { .. }]),
            "{problems:?}"
        );
        assert!(
            matches!(named(ids[1])[..], [Problem::RecordRemoved { .. }]),
            "{problems:?}"
        );
        assert!(
            matches!(named(forged)[..], [Problem::RecordInserted { .. }]),
            "{problems:?}"
        );
        assert!(named(ids[2]).is_empty());
    }
}

#[tokio::test]
async fn the_demo_has_a_year_of_online_and_paper_responses_for_every_service() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let db = &app.db;
        balai_store::demo::survey::load(db, Utc::now())
            .await
            .unwrap();
        let services: Vec<(Uuid, String)> = balai_store::on_db!(db.read(), p => sqlx::query_as(
            "SELECT id, code FROM services WHERE published_version_id IS NOT NULL").fetch_all(p).await)
        .unwrap();
        assert!(services.len() > 10);
        for (id, code) in services {
            let r = store::index(db, &year(Some(id)), SampleRule::Table)
                .await
                .unwrap();
            assert!(r.index.is_some() && r.respondents >= 36, "{code}: {r:?}");
            assert!(r.sufficiency.population >= r.respondents);
        }
        let channels: Vec<String> = balai_store::on_db!(db.read(), p => sqlx::query_scalar(
            "SELECT DISTINCT channel FROM skm_responses ORDER BY channel").fetch_all(p).await)
        .unwrap();
        assert_eq!(channels, ["online", "paper"]);
        let report = balai_store::snapshots::verify(db).await.unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }
}
