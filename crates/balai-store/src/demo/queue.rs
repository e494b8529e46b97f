//! The demo mall floor (`demo/queue.json`): two locations (Gedung A with the government and
//! business counters, Gedung B with the copy shop), which counter calls which services under
//! which number, and the mobile service schedule of the coming days (Mesuji Pasal 7(6)).

use balai_core::catalog::OpeningHours;
use balai_core::ids::Code;
use balai_core::queue::QueuePolicy;
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::queue::locations::{self, LocationInput};
use crate::queue::mobile::{self, MobileVisitInput};
use crate::{Result, StoreError, Tx};

const QUEUE_JSON: &str = include_str!("../../demo/queue.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoQueue {
    locations: Vec<DemoLocation>,
    mobile_visits: Vec<DemoVisit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoLocation {
    code: String,
    name: String,
    name_en: String,
    building: String,
    opening_hours: String,
    counters: Vec<DemoCounter>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCounter {
    counter: String,
    number: i32,
    services: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoVisit {
    place: String,
    address: String,
    /// Days after the load date.
    day_offset: i64,
    hours: String,
    services: Vec<String>,
    note: String,
}

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(format!("demo/queue.json: {what}"))
}

async fn id_of(tx: &mut Tx, table: &str, code: &str) -> Result<Uuid> {
    let sql = format!("SELECT id FROM {table} WHERE code = $1");
    crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(sqlx::AssertSqlSafe(sql))
        .bind(code).fetch_optional(c).await)?
    .ok_or_else(|| corrupt(format!("unknown {table} {code}")))
}

pub(super) async fn load(tx: &mut Tx, ctx: &AuditCtx, today: NaiveDate) -> Result<()> {
    let demo: DemoQueue = serde_json::from_str(QUEUE_JSON).map_err(|e| corrupt(e.to_string()))?;
    for l in &demo.locations {
        let input = LocationInput {
            code: Code::parse(&l.code).map_err(|e| corrupt(format!("{}: {e}", l.code)))?,
            name: l.name.clone(),
            name_en: l.name_en.clone(),
            building: l.building.clone(),
            opening_hours: OpeningHours::parse_compact(&l.opening_hours)
                .map_err(|e| corrupt(format!("{}: {e}", l.code)))?,
            policy: QueuePolicy::default(),
        };
        let location = locations::create(tx, ctx, &input).await?;
        for c in &l.counters {
            let counter_id = id_of(tx, "counters", &c.counter).await?;
            let mut services = Vec::new();
            for s in &c.services {
                services.push(id_of(tx, "services", s).await?);
            }
            locations::set_counter(tx, ctx, counter_id, location.id, c.number, &services).await?;
        }
    }
    for v in &demo.mobile_visits {
        for s in &v.services {
            id_of(tx, "services", s).await?;
        }
        let input = MobileVisitInput {
            place: v.place.clone(),
            address: v.address.clone(),
            visit_date: today + Duration::days(v.day_offset),
            hours: v.hours.clone(),
            services: v.services.clone(),
            note: v.note.clone(),
        };
        mobile::create(tx, ctx, &input).await?;
    }
    Ok(())
}
