//! What the lists show, beyond whether they open: staff bound to one organisation see only its
//! records, mall-wide roles see every organisation's (Batang Pasal 5; requirements §8). And
//! the token-protected API route answers a valid token.

use balai_core::identity::{Permission, role_permissions};
use balai_testkit::TestApp;

use super::fixtures::{Fixtures, PUTRI, SITI};
use super::people::{Person, Stage};

#[derive(serde::Deserialize)]
struct DemoService {
    code: String,
    organisation: String,
}

fn demo_services() -> Vec<DemoService> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../balai-store/demo/services.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("services.json")).expect("json")
}

async fn body(app: &TestApp, p: &Person, path: &str) -> (u16, String) {
    let r = p.client.get(app.at(path)).send().await.expect("GET");
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

fn holds(p: &Person, perm: Permission) -> bool {
    p.stage == Stage::SignedIn
        && p.role
            .is_some_and(|r| r.is_staff() && role_permissions(r).contains(&perm))
}

/// `/konsol/layanan` lists a service exactly when the person may act on its organisation.
async fn services_list(app: &TestApp, everyone: &[Person], out: &mut Vec<String>) {
    let services = demo_services();
    let console = [
        Permission::CatalogManage,
        Permission::StandardDraft,
        Permission::StandardAdopt,
    ];
    for p in everyone
        .iter()
        .filter(|p| console.iter().any(|c| holds(p, *c)))
    {
        let (status, html) = body(app, p, "/konsol/layanan").await;
        if status != 200 {
            out.push(format!("GET /konsol/layanan as {}: {status}", p.label));
            continue;
        }
        let wide = p.role.is_some_and(|r| r.is_mall_wide());
        for s in &services {
            let listed = html.contains(&format!("href=\"/konsol/layanan/{}\"", s.code));
            let own = wide || p.org.as_deref() == Some(s.organisation.as_str());
            if listed != own {
                out.push(format!(
                    "GET /konsol/layanan as {}: {} of {} listed={listed}, expected {own}",
                    p.label, s.code, s.organisation
                ));
            }
        }
        // A search for another organisation's service finds nothing for organisation staff.
        let (_, found) = body(app, p, "/konsol/layanan?q=KTP").await;
        if !wide
            && p.org.as_deref() != Some("DISDUKCAPIL")
            && found.contains("href=\"/konsol/layanan/KTP-EL\"")
        {
            out.push(format!(
                "GET /konsol/layanan?q=KTP as {}: shows DISDUKCAPIL's KTP-EL",
                p.label
            ));
        }
    }
}

/// `/konsol/pengguna` lists another organisation's staff only to mall-wide managers.
async fn users_list(app: &TestApp, everyone: &[Person], out: &mut Vec<String>) {
    let names = [
        (PUTRI, "DISDUKCAPIL", "Putri Handayani"),
        (SITI, "DPMPTSP", "Siti Aminah"),
    ];
    for p in everyone
        .iter()
        .filter(|p| holds(p, Permission::UsersManage))
    {
        let (status, html) = body(app, p, "/konsol/pengguna").await;
        if status != 200 {
            out.push(format!("GET /konsol/pengguna as {}: {status}", p.label));
            continue;
        }
        let wide = p.role.is_some_and(|r| r.is_mall_wide());
        for (email, org, name) in names {
            let listed = html.contains(name);
            let own = wide || p.org.as_deref() == Some(org);
            if listed != own {
                out.push(format!(
                    "GET /konsol/pengguna as {}: {email} listed={listed}, expected {own}",
                    p.label
                ));
            }
        }
    }
}

/// A valid bearer token opens `/api/v1/token`, whoever's browser sends it.
async fn token(app: &TestApp, fx: &Fixtures, out: &mut Vec<String>) {
    let r = app
        .new_client()
        .get(app.at("/api/v1/token"))
        .bearer_auth(&fx.token)
        .send()
        .await
        .expect("GET");
    if r.status().as_u16() != 200 {
        out.push(format!(
            "GET /api/v1/token with a valid token: {}",
            r.status()
        ));
    }
}

pub async fn check(app: &TestApp, fx: &Fixtures, everyone: &[Person]) -> Vec<String> {
    let mut out = Vec::new();
    services_list(app, everyone, &mut out).await;
    users_list(app, everyone, &mut out).await;
    token(app, fx, &mut out).await;
    out
}
