//! The demo accounts: one per role (`demo/users.json`), all with [`super::DEMO_PASSWORD`].
//! Staff accounts have no second factor yet: they enrol an authenticator at first sign-in,
//! as a real officer would.

use balai_core::identity::Role;
use balai_core::ids::{Email, Nik, Phone};
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::AuditCtx;
use crate::identity::{self, NewUser};
use crate::{Result, StoreError, Tx};

const USERS_JSON: &str = include_str!("../../demo/users.json");
const ORGANISATIONS_JSON: &str = include_str!("../../demo/organisations.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoUser {
    email: String,
    name: String,
    role: String,
    organisation: Option<String>,
    officer: Option<String>,
    nik: Option<String>,
    phone: Option<String>,
}

/// The part of an organisation of `organisations.json` this loader needs: its officers' keys
/// and NIPs, to find the officer row an account belongs to (the table has no key column; the
/// NIP within the organisation identifies the officer).
#[derive(Debug, Deserialize)]
struct OrgOfficers {
    code: String,
    #[serde(default)]
    officers: Vec<OfficerRef>,
}

#[derive(Debug, Deserialize)]
struct OfficerRef {
    key: String,
    nip: String,
}

fn demo_users() -> Result<Vec<DemoUser>> {
    serde_json::from_str(USERS_JSON)
        .map_err(|e| StoreError::Corrupt(format!("demo/users.json: {e}")))
}

/// Parses one demo account into a [`NewUser`]; bad demo data is a bug, reported by e-mail.
fn parse(u: &DemoUser, organisation_id: Option<Uuid>, officer_id: Option<Uuid>) -> Result<NewUser> {
    let bad = |what: &str| {
        StoreError::Corrupt(format!(
            "demo/users.json: {} has an invalid {what}",
            u.email
        ))
    };
    Ok(NewUser {
        email: Email::parse(&u.email).map_err(|_| bad("e-mail"))?,
        display_name: u.name.trim().to_owned(),
        role: Role::parse(&u.role).map_err(|_| bad("role"))?,
        organisation_id,
        officer_id,
        nik: u
            .nik
            .as_deref()
            .map(Nik::parse)
            .transpose()
            .map_err(|_| bad("NIK"))?,
        phone: u
            .phone
            .as_deref()
            .map(Phone::parse)
            .transpose()
            .map_err(|_| bad("phone"))?,
        must_change_password: false,
    })
}

/// The officer row for `key` in organisation `org_code`, when the organisations loader
/// created it; `None` otherwise (the account then has no officer link).
async fn officer_id(
    tx: &mut Tx,
    orgs: &[OrgOfficers],
    org_code: &str,
    org_id: Uuid,
    key: &str,
) -> Result<Option<Uuid>> {
    let nip = orgs
        .iter()
        .filter(|o| o.code == org_code)
        .flat_map(|o| o.officers.iter())
        .find(|o| o.key == key)
        .map(|o| o.nip.clone());
    let Some(nip) = nip else {
        return Ok(None);
    };
    let sql = "SELECT id FROM officers WHERE organisation_id = $1 AND nip = $2";
    let id = crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(sql)
        .bind(org_id).bind(nip).fetch_optional(c).await)?;
    Ok(id)
}

/// Creates the demo accounts (organisations are loaded before, in the same transaction).
pub async fn load(tx: &mut Tx, ctx: &AuditCtx) -> Result<()> {
    let users = demo_users()?;
    let orgs: Vec<OrgOfficers> = serde_json::from_str(ORGANISATIONS_JSON).unwrap_or_default();
    // One Argon2 hash for every account: hashing takes tens of milliseconds each, and the
    // demo password is public anyway (each hash still gets a random salt in real use).
    let hash = identity::hash_password(super::DEMO_PASSWORD).await?;
    for u in &users {
        let org_id = match u.organisation.as_deref() {
            Some(code) => Some(
                identity::organisation_id_by_code(tx, code)
                    .await?
                    .ok_or_else(|| {
                        StoreError::Corrupt(format!(
                            "demo/users.json: {} names unknown organisation {code}",
                            u.email
                        ))
                    })?,
            ),
            None => None,
        };
        let officer = match (u.organisation.as_deref(), org_id, u.officer.as_deref()) {
            (Some(code), Some(org), Some(key)) => officer_id(tx, &orgs, code, org, key).await?,
            _ => None,
        };
        let new = parse(u, org_id, officer)?;
        identity::create_user(tx, ctx, &new, &hash).await?;
    }
    Ok(())
}

/// The demo accounts as (role label, e-mail), for printing at start-up.
pub fn accounts() -> Vec<(String, String)> {
    demo_users()
        .unwrap_or_default()
        .into_iter()
        .map(|u| {
            let label = Role::parse(&u.role)
                .map(|r| r.label_id().to_owned())
                .unwrap_or(u.role);
            (label, u.email)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_one_valid_account_for_every_role() {
        let users = demo_users().unwrap_or_default();
        for role in Role::all() {
            assert!(
                users.iter().any(|u| u.role == role.as_str()),
                "no demo account for {role}"
            );
        }
        for u in &users {
            assert!(parse(u, None, None).is_ok(), "{} does not parse", u.email);
        }
    }
}
