//! The demo region's settings (`demo/region.json`) and its organisations with their counters,
//! officers and charters (`demo/organisations.json`), loaded through the area's store
//! functions so every row is audited.
//!
//! Officers may answer to an officer of another organisation (a head of agency to the Sekda),
//! so all officers are inserted first and their superiors named afterwards; organisations are
//! inserted superior unit first.

use std::collections::HashMap;

use balai_core::catalog::{OpeningHours, OrganisationKind};
use balai_core::ids::{Code, Email, Phone};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::charters::{self, CharterInput};
use crate::counters::{self, CounterInput};
use crate::officers::{self, OfficerInput};
use crate::organisations::{self as orgs, OrganisationInput, WriteError};
use crate::{Result, StoreError, Tx};

const REGION_JSON: &str = include_str!("../../demo/region.json");
const ORGANISATIONS_JSON: &str = include_str!("../../demo/organisations.json");

/// Every region setting the demo sets; each becomes one `region_settings` row.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Region {
    code: String,
    name: String,
    mall_name: String,
    address: String,
    phone: String,
    email: String,
    opening_hours: String,
    about_id: String,
    about_en: String,
    complaint_channels: String,
    steward: String,
    patron: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoOrg {
    code: String,
    name: String,
    name_en: String,
    kind: String,
    description: String,
    address: String,
    phone: String,
    email: String,
    website: String,
    head_name: String,
    head_position: String,
    parent: Option<String>,
    agreement: DemoAgreement,
    counters: Vec<DemoCounter>,
    officers: Vec<DemoOfficer>,
    charter: Option<DemoCharter>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAgreement {
    kind: String,
    number: String,
    date: Option<NaiveDate>,
    workplan_number: String,
    workplan_date: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCounter {
    code: String,
    name: String,
    building: String,
    floor: String,
    position: String,
    opening_hours: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoOfficer {
    key: String,
    name: String,
    position: String,
    nip: String,
    superior: Option<String>,
    counter: Option<String>,
    public_profile: String,
    competence: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCharter {
    /// `null` = the standard wording.
    text: Option<String>,
    adopted_on: NaiveDate,
    signed_by: String,
    position: String,
}

/// Bad demo data is a bug in the repository: name the file and the record.
fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("demo/organisations.json: {what}"))
}

fn store_err(where_: &str, e: WriteError) -> StoreError {
    match e {
        WriteError::Store(s) => s,
        WriteError::Invalid { field, key } => corrupt(format!("{where_}: {field} refused ({key})")),
    }
}

/// Loads the region settings, then the organisations.
pub async fn load(tx: &mut Tx, ctx: &AuditCtx) -> Result<()> {
    load_region(tx, ctx).await?;
    let list: Vec<DemoOrg> = serde_json::from_str(ORGANISATIONS_JSON).map_err(corrupt)?;
    let org_ids = insert_organisations(tx, ctx, &list).await?;
    for o in &list {
        let org_id = org_ids
            .get(&o.code)
            .copied()
            .ok_or_else(|| corrupt(&o.code))?;
        insert_counters(tx, ctx, org_id, o).await?;
    }
    insert_officers(tx, ctx, &list, &org_ids).await?;
    for o in &list {
        let org_id = org_ids
            .get(&o.code)
            .copied()
            .ok_or_else(|| corrupt(&o.code))?;
        if let Some(c) = &o.charter {
            let input = CharterInput {
                organisation_id: org_id,
                body: c.text.clone().unwrap_or_default(),
                adopted_on: c.adopted_on,
                signed_by: c.signed_by.clone(),
                signer_position: c.position.clone(),
            };
            charters::adopt(tx, ctx, &input)
                .await
                .map_err(|e| store_err(&o.code, e))?;
        }
    }
    Ok(())
}

async fn load_region(tx: &mut Tx, ctx: &AuditCtx) -> Result<()> {
    let r: Region = serde_json::from_str(REGION_JSON)
        .map_err(|e| StoreError::Corrupt(format!("demo/region.json: {e}")))?;
    let pairs = [
        ("code", &r.code),
        ("name", &r.name),
        ("mall_name", &r.mall_name),
        ("address", &r.address),
        ("phone", &r.phone),
        ("email", &r.email),
        ("opening_hours", &r.opening_hours),
        ("about_id", &r.about_id),
        ("about_en", &r.about_en),
        ("complaint_channels", &r.complaint_channels),
        ("steward", &r.steward),
        ("patron", &r.patron),
    ];
    for (key, value) in pairs {
        crate::settings::set(tx, ctx, key, value).await?;
    }
    Ok(())
}

fn org_input(o: &DemoOrg) -> Result<OrganisationInput> {
    let bad = |field: &str| corrupt(format!("{}: invalid {field}", o.code));
    let optional = |s: &str| {
        if s.trim().is_empty() {
            None
        } else {
            Some(s.to_string())
        }
    };
    Ok(OrganisationInput {
        code: Code::parse(&o.code).map_err(|_| bad("code"))?,
        name: o.name.clone(),
        name_en: o.name_en.clone(),
        kind: OrganisationKind::parse(&o.kind).map_err(|_| bad("kind"))?,
        description: o.description.clone(),
        address: o.address.clone(),
        phone: optional(&o.phone)
            .map(|p| Phone::parse(&p))
            .transpose()
            .map_err(|_| bad("phone"))?,
        email: optional(&o.email)
            .map(|e| Email::parse(&e))
            .transpose()
            .map_err(|_| bad("email"))?,
        website: o.website.clone(),
        head_name: o.head_name.clone(),
        head_position: o.head_position.clone(),
        parent_code: o
            .parent
            .as_deref()
            .map(Code::parse)
            .transpose()
            .map_err(|_| bad("parent"))?,
        agreement_kind: o.agreement.kind.clone(),
        agreement_number: o.agreement.number.clone(),
        agreement_date: o.agreement.date,
        agreement_document: None,
        workplan_number: o.agreement.workplan_number.clone(),
        workplan_date: o.agreement.workplan_date,
    })
}

/// Inserts organisations so that each superior unit exists before the units under it.
async fn insert_organisations(
    tx: &mut Tx,
    ctx: &AuditCtx,
    list: &[DemoOrg],
) -> Result<HashMap<String, Uuid>> {
    let mut ids: HashMap<String, Uuid> = HashMap::new();
    while ids.len() < list.len() {
        let before = ids.len();
        for o in list {
            let ready = o.parent.as_ref().is_none_or(|p| ids.contains_key(p));
            if ids.contains_key(&o.code) || !ready {
                continue;
            }
            let row = orgs::create(tx, ctx, &org_input(o)?)
                .await
                .map_err(|e| store_err(&o.code, e))?;
            ids.insert(o.code.clone(), row.id);
        }
        if ids.len() == before {
            return Err(corrupt(
                "a parent does not exist or the parents form a loop",
            ));
        }
    }
    Ok(ids)
}

async fn insert_counters(tx: &mut Tx, ctx: &AuditCtx, org_id: Uuid, o: &DemoOrg) -> Result<()> {
    for c in &o.counters {
        let input = CounterInput {
            organisation_id: org_id,
            code: Code::parse(&c.code)
                .map_err(|_| corrupt(format!("counter {}: invalid code", c.code)))?,
            name: c.name.clone(),
            building: c.building.clone(),
            floor: c.floor.clone(),
            position: c.position.clone(),
            opening_hours: OpeningHours::parse_compact(&c.opening_hours)
                .map_err(|_| corrupt(format!("counter {}: invalid opening hours", c.code)))?,
        };
        counters::create(tx, ctx, &input)
            .await
            .map_err(|e| store_err(&c.code, e))?;
    }
    Ok(())
}

/// Inserts every officer without a superior, then names the superiors by key.
async fn insert_officers(
    tx: &mut Tx,
    ctx: &AuditCtx,
    list: &[DemoOrg],
    org_ids: &HashMap<String, Uuid>,
) -> Result<()> {
    let mut keys: HashMap<&str, Uuid> = HashMap::new();
    for o in list {
        let org_id = org_ids
            .get(&o.code)
            .copied()
            .ok_or_else(|| corrupt(&o.code))?;
        for f in &o.officers {
            let counter_code = f
                .counter
                .as_deref()
                .map(Code::parse)
                .transpose()
                .map_err(|_| corrupt(format!("officer {}: invalid counter", f.key)))?;
            let input = OfficerInput {
                organisation_id: org_id,
                name: f.name.clone(),
                position: f.position.clone(),
                nip: f.nip.clone(),
                superior_id: None,
                counter_code,
                public_profile: f.public_profile.clone(),
                competence: f.competence.clone(),
            };
            let row = officers::create(tx, ctx, &input)
                .await
                .map_err(|e| store_err(&f.key, e))?;
            if keys.insert(f.key.as_str(), row.id).is_some() {
                return Err(corrupt(format!("officer key {} used twice", f.key)));
            }
        }
    }
    for f in list.iter().flat_map(|o| &o.officers) {
        let Some(sup) = &f.superior else { continue };
        let id = keys
            .get(f.key.as_str())
            .copied()
            .ok_or_else(|| corrupt(&f.key))?;
        let sup_id = keys
            .get(sup.as_str())
            .copied()
            .ok_or_else(|| corrupt(format!("officer {}: superior {sup} does not exist", f.key)))?;
        officers::set_superior(tx, ctx, id, Some(sup_id))
            .await
            .map_err(|e| store_err(&f.key, e))?;
    }
    Ok(())
}
