//! `balai-bench skm`: the satisfaction survey at scale, measured against the store directly
//! (architecture §7; issue "SKM/IKM"): the mall's index for a year over N responses (target
//! under 1 s for 1,000,000 on SQLite and on PostgreSQL) and survey submissions through group
//! commit. The responses are bulk-generated in SQL (not audited: this measures the totals, not
//! the chain); submissions go through the real code path, audited.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use balai_core::identity::Actor;
use balai_core::survey::{Answers, Definition, SampleRule};
use balai_store::audit::AuditCtx;
use balai_store::db::DbOptions;
use balai_store::survey::{self as store, Channel, Scope, SourceKind};
use balai_store::{Db, Engine};
use chrono::{NaiveDate, Utc};
use futures::FutureExt;

/// Options of one run.
pub struct SkmOptions {
    pub database_url: String,
    pub responses: u64,
    pub submissions: usize,
    pub concurrency: usize,
}

const SQLITE_FILL: &str = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
    INSERT INTO skm_responses (id, definition_version, service_id, organisation_id, channel, \
    responded_on, sex, age, education, occupation, a1, a2, a3, a4, a5, a6, a7, a8, a9, created_at) \
    SELECT randomblob(16), 1, $2, $3, 'paper', date('2026-01-01', '+' || (i % 365) || ' days'), \
    CASE WHEN i % 2 = 0 THEN 'L' ELSE 'P' END, 18 + i % 50, 'SMA', 'SWASTA', \
    1 + abs(random()) % 4, 1 + abs(random()) % 4, 1 + abs(random()) % 4, 1 + abs(random()) % 4, \
    1 + abs(random()) % 4, 1 + abs(random()) % 4, 1 + abs(random()) % 4, 1 + abs(random()) % 4, \
    1 + abs(random()) % 4, '2026-01-01T00:00:00Z' FROM n";

const POSTGRES_FILL: &str = "INSERT INTO skm_responses (id, definition_version, service_id, \
    organisation_id, channel, responded_on, sex, age, education, occupation, a1, a2, a3, a4, a5, \
    a6, a7, a8, a9, created_at) SELECT gen_random_uuid(), 1, $2, $3, 'paper', \
    DATE '2026-01-01' + (i % 365), CASE WHEN i % 2 = 0 THEN 'L' ELSE 'P' END, 18 + i % 50, 'SMA', \
    'SWASTA', 1 + floor(random() * 4)::int, 1 + floor(random() * 4)::int, \
    1 + floor(random() * 4)::int, 1 + floor(random() * 4)::int, 1 + floor(random() * 4)::int, \
    1 + floor(random() * 4)::int, 1 + floor(random() * 4)::int, 1 + floor(random() * 4)::int, \
    1 + floor(random() * 4)::int, now() FROM generate_series(1, $1::bigint) AS g(i)";

/// Spreads `total` synthetic responses over every published service.
async fn fill(db: &Db, total: u64) -> Result<()> {
    let services: Vec<(uuid::Uuid, uuid::Uuid)> = balai_store::on_db!(db.read(), p => sqlx::query_as(
        "SELECT id, organisation_id FROM services WHERE published_version_id IS NOT NULL")
        .fetch_all(p).await)?;
    if services.is_empty() {
        bail!("the database has no published services; load the demo region first");
    }
    let per = (total / services.len() as u64).max(1);
    let sql = match db.engine() {
        Engine::Sqlite => SQLITE_FILL,
        Engine::Postgres => POSTGRES_FILL,
    };
    for (service, org) in services {
        balai_store::on_db!(db.write(), p => sqlx::query(sql)
            .bind(per as i64).bind(service).bind(org).execute(p).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

fn answers(def: &Definition) -> Result<Answers> {
    let mut f: std::collections::BTreeMap<String, String> = def
        .elements
        .iter()
        .map(|e| (e.code.as_str().to_owned(), "3".to_owned()))
        .collect();
    for (k, v) in [
        ("sex", "P"),
        ("age", "35"),
        ("education", "SMA"),
        ("occupation", "PNS"),
    ] {
        f.insert(k.to_owned(), v.to_owned());
    }
    Answers::parse(def, &f).map_err(|e| anyhow::anyhow!("{e:?}"))
}

/// Submits `n` questionnaires, `concurrency` at a time, through group commit; returns the time.
async fn submissions(db: &Db, n: usize, concurrency: usize) -> Result<Duration> {
    let def = Definition::permenpanrb_14_2017();
    let ctx = AuditCtx::new(Actor::system(), None, Utc::now());
    let svc: (uuid::Uuid, uuid::Uuid) = balai_store::on_db!(db.read(), p => sqlx::query_as(
        "SELECT id, organisation_id FROM services ORDER BY code LIMIT 1").fetch_one(p).await)?;
    let mut tx = db.begin().await?;
    let mut codes = Vec::with_capacity(n);
    for i in 0..n {
        let until = ctx.at + chrono::Duration::days(30);
        let inv = store::invite(
            &mut tx,
            &ctx,
            SourceKind::Manual,
            &format!("bench-{i}"),
            svc.0,
            svc.1,
            until,
        )
        .await?;
        codes.push(inv.code);
    }
    tx.commit().await?;
    let codes = Arc::new(tokio::sync::Mutex::new(codes));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (db, codes, def) = (db.clone(), codes.clone(), def.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let Some(code) = codes.lock().await.pop() else {
                    return Ok::<_, anyhow::Error>(());
                };
                let (a, ctx) = (
                    answers(&def)?,
                    AuditCtx::new(Actor::anonymous(), None, Utc::now()),
                );
                let version = def.version;
                let stored = db
                    .batcher()
                    .run(move |tx| {
                        async move {
                            store::submit_with_code(tx, &ctx, &code, Channel::Online, version, a)
                                .await
                        }
                        .boxed()
                    })
                    .await?;
                if stored.is_err() {
                    bail!("a fresh invitation was refused");
                }
            }
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(start.elapsed())
}

/// Runs both measurements and prints markdown lines for bench/RESULTS.md.
pub async fn run(o: SkmOptions) -> Result<()> {
    let db = Db::connect(&DbOptions::new(o.database_url.clone()))
        .await
        .context("connect")?;
    db.migrate().await?;
    if balai_store::demo::is_empty(&db).await? {
        balai_store::demo::load(&db, Utc::now()).await?;
    }
    let mut tx = db.begin().await?;
    store::ensure_default(&mut tx, &AuditCtx::new(Actor::system(), None, Utc::now())).await?;
    tx.commit().await?;
    let t = Instant::now();
    fill(&db, o.responses).await?;
    println!(
        "filled {} responses in {:.1} s",
        o.responses,
        t.elapsed().as_secs_f64()
    );
    let scope = Scope {
        service_id: None,
        organisation_id: None,
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        until: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default(),
    };
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = store::index(&db, &scope, SampleRule::Table).await?;
        times.push(t.elapsed());
        if times.len() == 1 {
            let ikm = r.index.map(|i| i.converted.to_string()).unwrap_or_default();
            println!("mall index over {} respondents: {ikm}", r.respondents);
        }
    }
    times.sort();
    println!(
        "| ikm_mall_year | {:?} | {} responses | min {:.0} ms | median {:.0} ms | max {:.0} ms |",
        db.engine(),
        o.responses,
        times[0].as_secs_f64() * 1e3,
        times[2].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3
    );
    let took = submissions(&db, o.submissions, o.concurrency).await?;
    println!(
        "| skm_submit | {:?} | {} submissions, {} concurrent | {:.0} per s | {:.2} ms each on average |",
        db.engine(),
        o.submissions,
        o.concurrency,
        o.submissions as f64 / took.as_secs_f64(),
        took.as_secs_f64() * 1e3 / o.submissions as f64
    );
    db.close().await;
    Ok(())
}
