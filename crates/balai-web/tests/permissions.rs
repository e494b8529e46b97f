//! The permission matrix (requirements §8; Batang Pasal 5: access rights go by role and
//! organisation): every page and API route, asked by a visitor without a session, the citizen,
//! each staff role of the demo and a staff member who has not given the TOTP code yet, must
//! answer as `balai_core::identity::role_permissions` says. Refused writes change nothing.
//! A guard reads the routes from the source so that a new route needs a row in the table.

#![allow(non_snake_case, clippy::unwrap_used)]

#[path = "permissions/fixtures.rs"]
mod fixtures;
#[path = "permissions/guard.rs"]
mod guard;
#[path = "permissions/people.rs"]
mod people;
#[path = "permissions/scoping.rs"]
mod scoping;
#[path = "permissions/table.rs"]
mod table;

use std::collections::BTreeSet;

use balai_testkit::{TestApp, backends};
use fixtures::Fixtures;
use people::{Expect, Person};
use table::{Method, Route};

#[test]
fn every_registered_route_has_a_row_in_the_permission_table() {
    let registered = guard::registered_routes();
    let listed: BTreeSet<(Method, String)> = table::all()
        .iter()
        .map(|r| (r.method, r.pattern.to_string()))
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without a row in tests/permissions/table.rs: {missing:?}\nrows for routes the source no longer registers: {stale:?}"
    );
    assert!(
        registered.len() > 80,
        "the guard found only {} routes",
        registered.len()
    );
}

#[test]
fn table_paths_fit_their_patterns() {
    for r in table::all() {
        let pattern: Vec<_> = r.pattern.split('/').collect();
        let path: Vec<_> = r.path.split('/').collect();
        assert_eq!(pattern.len(), path.len(), "{}", r.path);
        for (a, b) in pattern.iter().zip(&path) {
            assert!(
                a.starts_with('{') || a == b,
                "{} does not fit {}",
                r.path,
                r.pattern
            );
        }
    }
}

/// Sends `route` as `p`; returns the status and the redirect target.
async fn ask(app: &TestApp, fx: &Fixtures, route: &Route, p: &Person) -> (u16, String) {
    let url = app.at(&fx.path(route.path));
    let req = match route.method {
        Method::Get => p.client.get(url),
        Method::Post => p.client.post(url).form(&[("csrf", p.csrf.as_str())]),
    };
    let r = req.send().await.expect("request");
    let location = r
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (r.status().as_u16(), location)
}

/// Runs every row for every person; returns what differed from the expectation.
async fn run_matrix(app: &TestApp, fx: &Fixtures, everyone: &[Person]) -> Vec<String> {
    let mut failures = Vec::new();
    for route in table::all() {
        for p in everyone {
            let expect = people::expect(&route, p);
            if expect == Expect::NotProbed {
                continue;
            }
            let before = fixtures::audit_events(app).await;
            let (status, location) = ask(app, fx, &route, p).await;
            let after = fixtures::audit_events(app).await;
            let what = format!("{} {} as {}", route.method.name(), route.path, p.label);
            if let Err(e) = people::check(expect, status, &location) {
                failures.push(format!("{what}: {e}"));
            }
            if after != before {
                failures.push(format!("{what}: wrote {} audit event(s)", after - before));
            }
        }
    }
    failures
}

#[tokio::test]
async fn every_page_and_api_route_answers_each_role_as_core_permissions_say__batang_5() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let fx = fixtures::prepare(&app).await;
        let everyone = people::everyone(&app).await;
        let records_before = fixtures::records(&app).await;
        let mut failures = run_matrix(&app, &fx, &everyone).await;
        if fixtures::records(&app).await != records_before {
            failures.push("audited records changed during the matrix".into());
        }
        failures.extend(scoping::check(&app, &fx, &everyone).await);
        let report = balai_store::snapshots::verify(&app.db).await.unwrap();
        assert!(report.problems.is_empty(), "{b:?}: {:?}", report.problems);
        assert!(
            failures.is_empty(),
            "{b:?}: {} answer(s) differ from core's permissions:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
