//! The organisations area end to end: the public list and profiles (Mesuji Pasal 8–9; Seluma
//! Pasal 25, 46(2)), the API, the store's rules (superiors without loops, Luwu Pasal 44;
//! optimistic versions; audited writes) and the console forms with their permissions.

#![allow(non_snake_case, clippy::unwrap_used)]

use balai_core::catalog::{OpeningHours, OrganisationKind, charter_default_text};
use balai_core::identity::Actor;
use balai_core::ids::Code;
use balai_store::StoreError;
use balai_store::audit::{AuditCtx, Problem};
use balai_store::counters::{self, CounterInput};
use balai_store::officers::{self, OfficerFilter, OfficerInput};
use balai_store::organisations::{self as orgs, OrganisationInput, WriteError};
use balai_testkit::{TestApp, backends};
use serde_json::Value;
use uuid::Uuid;

fn ctx(app: &TestApp) -> AuditCtx {
    AuditCtx::new(Actor::system(), Some("test".into()), balai_core::Clock::now(app.clock.as_ref()))
}

async fn org(app: &TestApp, code: &str) -> orgs::OrganisationRow {
    orgs::get_by_code(&app.db, code).await.unwrap().unwrap()
}

/// Problems `verify` reports about the chain itself or about this area's records.
async fn area_problems(app: &TestApp) -> Vec<Problem> {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    let mine = ["organisation", "counter", "officer", "charter", "region_setting"];
    report
        .problems
        .into_iter()
        .filter(|p| match p {
            Problem::RecordAltered { subject_type, .. }
            | Problem::RecordRemoved { subject_type, .. }
            | Problem::RecordInserted { subject_type, .. } => mine.contains(&subject_type.as_str()),
            _ => true,
        })
        .collect()
}

async fn json(app: &TestApp, path: &str) -> (u16, String, Value) {
    let r = app.get(path).await;
    let status = r.status().as_u16();
    let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap_or("").to_string()).unwrap_or_default();
    (status, ct, r.json().await.unwrap_or_default())
}

fn sample_input(code: &str) -> OrganisationInput {
    OrganisationInput {
        code: Code::parse(code).unwrap(),
        name: "Kantor Uji Coba".into(),
        name_en: "Test Office".into(),
        kind: OrganisationKind::Swasta,
        description: "Untuk pengujian.".into(),
        address: "Jalan Uji 1".into(),
        phone: None,
        email: None,
        website: String::new(),
        head_name: String::new(),
        head_position: String::new(),
        parent_code: None,
        agreement_kind: String::new(),
        agreement_number: String::new(),
        agreement_date: None,
        agreement_document: None,
        workplan_number: String::new(),
        workplan_date: None,
    }
}

// ------------------------------------------------------------------ public pages

#[tokio::test]
async fn public_list_names_every_participating_organisation_by_kind__mesuji_8_1_and_9() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi").await;
        assert_eq!(s, 200);
        for k in OrganisationKind::ALL {
            assert!(html.contains(k.label_id()), "kind {k} missing");
        }
        assert!(html.contains("href=\"/instansi/DISDUKCAPIL\""), "{html}");
        assert!(html.contains("Dinas Kependudukan dan Pencatatan Sipil"));
        assert!(html.contains("Jumlah gerai"));
        assert_eq!(html.matches("<h1").count(), 1);
    }
}

#[tokio::test]
async fn profile_shows_agreement_counters_officers_charter_and_services__mesuji_8_seluma_25_46() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi/DISDUKCAPIL").await;
        assert_eq!(s, 200);
        assert!(html.contains("KB/003/MPP-MSJ/I/2026"), "agreement number");
        assert!(html.contains("12 Januari 2026"), "agreement date in words");
        assert!(html.contains("RK/003/MPP-MSJ/II/2026"), "work plan");
        assert!(html.contains("Gerai Dukcapil 1 - KTP-el dan KIA"));
        assert!(html.contains("Senin–Jumat 08.00–15.00; Sabtu 08.00–12.00"), "hours");
        assert!(html.contains("Putri Handayani, A.Md."), "officer public profile");
        assert!(html.contains("Operator perekaman biometrik"), "competence");
        assert!(!html.contains("199603022022032011"), "NIP is not shown publicly");
        assert!(html.contains("Yusuf Effendi, S.Sos., M.M."), "head / signer");
        assert!(html.contains("href=\"/instansi/SETDA\""), "superior unit");
        let o = org(&app, "DISDUKCAPIL").await;
        for (code, name, _) in orgs::services_of(&app.db, o.id).await.unwrap() {
            assert!(html.contains(&format!("href=\"/layanan/{code}\"")), "service {code}");
            assert!(html.contains(&name.replace('&', "&amp;")), "service {name}");
        }
    }
}

#[tokio::test]
async fn charter_without_own_text_uses_the_standard_wording__seluma_25() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi/SETDA").await;
        assert_eq!(s, 200);
        assert!(html.contains(charter_default_text()), "{html}");
        assert!(html.contains("5 Januari 2026"));
    }
}

#[tokio::test]
async fn english_switch_shows_english_names_and_labels() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, html) = app.get_text("/instansi/DISDUKCAPIL?lang=en").await;
        assert_eq!(s, 200);
        assert!(html.contains("<html lang=\"en\""));
        assert!(html.contains("Population and Civil Registration Agency"));
        assert!(html.contains("Service charter"));
        assert!(html.contains("Mon–Fri 08:00–15:00"));
        let (_, list) = app.get_text("/instansi?lang=en").await;
        assert!(list.contains("Regional government agency"));
    }
}

#[tokio::test]
async fn unknown_or_malformed_codes_are_404_pages_never_500() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let long = "A".repeat(5000);
        for path in [
            "/instansi/TIDAKADA".to_string(),
            "/instansi/%00".to_string(),
            "/instansi/%FF%FE".to_string(),
            "/instansi/%3Cscript%3E".to_string(),
            "/instansi/'%20OR%201=1--".to_string(),
            format!("/instansi/{long}"),
            "/api/v1/organisations/TIDAKADA".to_string(),
            "/api/v1/organisations/%00".to_string(),
            format!("/api/v1/organisations/{long}"),
        ] {
            let r = app.get(&path).await;
            assert_eq!(r.status().as_u16(), 404, "{path}");
        }
        // Codes are read case-insensitively, as they are typed.
        assert_eq!(app.get_text("/instansi/disdukcapil").await.0, 200);
    }
}

#[tokio::test]
async fn deactivated_organisation_leaves_the_public_list_and_api__mesuji_9() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let o = org(&app, "INI").await;
        let mut tx = app.db.begin().await.unwrap();
        orgs::set_active(&mut tx, &ctx(&app), o.id, o.version, false).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(app.get_text("/instansi/INI").await.0, 404);
        assert!(!app.get_text("/instansi").await.1.contains("/instansi/INI\""));
        assert_eq!(app.get("/api/v1/organisations/INI").await.status().as_u16(), 404);
        assert!(area_problems(&app).await.is_empty());
    }
}

// ------------------------------------------------------------------ API

#[tokio::test]
async fn api_lists_organisations_with_filters_and_paging() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let total = orgs::list(&app.db, &orgs::OrgFilter { active_only: true, ..Default::default() })
            .await
            .unwrap()
            .total;
        let (s, _, v) = json(&app, "/api/v1/organisations").await;
        assert_eq!(s, 200);
        assert_eq!(v["total"], total);
        assert_eq!(v["page"], 1);
        assert_eq!(v["per_page"], 20);
        assert_eq!(v["items"].as_array().unwrap().len() as i64, total.min(20));
        let (_, _, p2) = json(&app, "/api/v1/organisations?page=2&per_page=5").await;
        assert_eq!(p2["items"].as_array().unwrap().len(), 5);
        let (_, _, p1) = json(&app, "/api/v1/organisations?page=1&per_page=5").await;
        assert_ne!(p1["items"][0]["code"], p2["items"][0]["code"]);
        let (_, _, bumn) = json(&app, "/api/v1/organisations?kind=bumn").await;
        let items = bumn["items"].as_array().unwrap();
        assert!(!items.is_empty());
        assert!(items.iter().all(|o| o["kind"] == "bumn"));
        // Case- and accent-insensitive search on names, code and description.
        for q in ["kependudukan", "KEPÉNDUDUKAN", "disdukcapil", "Population"] {
            let (_, _, found) = json(&app, &format!("/api/v1/organisations?q={q}")).await;
            let codes: Vec<_> = found["items"].as_array().unwrap().iter().map(|o| o["code"].clone()).collect();
            assert!(codes.contains(&Value::from("DISDUKCAPIL")), "{q}: {codes:?}");
        }
        // LIKE wildcards in the search are literal.
        let (_, _, none) = json(&app, "/api/v1/organisations?q=%25").await;
        assert_eq!(none["total"], 0);
    }
}

#[tokio::test]
async fn api_refuses_bad_paging_and_filters_with_problem_json() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let long_q = "x".repeat(300);
        for path in [
            "/api/v1/organisations?page=0".to_string(),
            "/api/v1/organisations?page=abc".to_string(),
            "/api/v1/organisations?per_page=101".to_string(),
            "/api/v1/organisations?per_page=-1".to_string(),
            "/api/v1/organisations?kind=pabrik".to_string(),
            format!("/api/v1/organisations?q={long_q}"),
            "/api/v1/counters?page=x".to_string(),
            "/api/v1/counters?per_page=0".to_string(),
        ] {
            let (s, ct, v) = json(&app, &path).await;
            assert_eq!(s, 400, "{path}");
            assert_eq!(ct, "application/problem+json", "{path}");
            assert_eq!(v["status"], 400, "{path}");
        }
    }
}

#[tokio::test]
async fn api_detail_has_counters_officers_public_fields_and_charter_but_no_nip() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, _, v) = json(&app, "/api/v1/organisations/DISDUKCAPIL").await;
        assert_eq!(s, 200);
        assert_eq!(v["code"], "DISDUKCAPIL");
        assert_eq!(v["parent_code"], "SETDA");
        assert_eq!(v["agreement_number"], "KB/003/MPP-MSJ/I/2026");
        assert_eq!(v["agreement_date"], "2026-01-12");
        assert_eq!(v["counters"].as_array().unwrap().len(), 3);
        assert_eq!(v["counters"][0]["opening_hours"], "Mon-Fri 08:00-15:00; Sat 08:00-12:00");
        let officers = v["officers"].as_array().unwrap();
        assert!(officers.iter().any(|o| o["name"] == "Putri Handayani, A.Md." && o["counter_code"] == "G03"));
        assert!(officers.iter().all(|o| o.get("nip").is_none() && o.get("id").is_none()));
        assert!(v["charter"]["body"].as_str().unwrap().starts_with("Kami, Dinas Kependudukan"));
        assert!(!v.to_string().contains("199603022022032011"));
        let (s, ct, p) = json(&app, "/api/v1/organisations/TIDAKADA").await;
        assert_eq!((s, ct.as_str(), p["status"].clone()), (404, "application/problem+json", Value::from(404)));
    }
}

#[tokio::test]
async fn api_lists_counters_by_organisation_with_paging() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, _, all) = json(&app, "/api/v1/counters?per_page=100").await;
        assert_eq!(s, 200);
        let n = all["total"].as_i64().unwrap();
        assert_eq!(all["items"].as_array().unwrap().len() as i64, n);
        assert!(n >= 22);
        let (_, _, d) = json(&app, "/api/v1/counters?organisation=DISDUKCAPIL").await;
        assert_eq!(d["total"], 3);
        assert!(d["items"].as_array().unwrap().iter().all(|k| k["organisation_code"] == "DISDUKCAPIL"));
        let (_, _, p) = json(&app, "/api/v1/counters?page=2&per_page=10").await;
        assert_eq!(p["items"].as_array().unwrap().len() as i64, (n - 10).clamp(0, 10));
        assert_eq!(json(&app, "/api/v1/counters?organisation=TIDAKADA").await.0, 404);
        assert_eq!(json(&app, "/api/v1/counters?organisation=%00").await.0, 404);
    }
}

// ------------------------------------------------------------------ store rules

#[tokio::test]
async fn superior_must_exist_and_never_loop__luwu_44() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let d = org(&app, "DISDUKCAPIL").await;
        let list = officers::list(&app.db, &OfficerFilter { organisation_id: Some(d.id), ..Default::default() })
            .await
            .unwrap()
            .items;
        let head = list.iter().find(|o| o.officer.name.starts_with("Yusuf")).unwrap().officer.clone();
        let clerk = list.iter().find(|o| o.officer.name.starts_with("Putri")).unwrap().officer.clone();
        // The head's chain already reaches the clerk's superior's superior; making the clerk the
        // head's superior would close a loop.
        let mut tx = app.db.begin().await.unwrap();
        let e = officers::set_superior(&mut tx, &ctx(&app), head.id, Some(clerk.id)).await.unwrap_err();
        assert!(matches!(e, WriteError::Invalid { field: "superior", key: "org-err-superior-cycle" }), "{e:?}");
        let e = officers::set_superior(&mut tx, &ctx(&app), head.id, Some(head.id)).await.unwrap_err();
        assert!(matches!(e, WriteError::Invalid { key: "org-err-superior-cycle", .. }), "{e:?}");
        let e = officers::set_superior(&mut tx, &ctx(&app), head.id, Some(Uuid::now_v7())).await.unwrap_err();
        assert!(matches!(e, WriteError::Invalid { key: "org-err-superior-unknown", .. }), "{e:?}");
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
        let e = officers::create(&mut tx, &ctx(&app), &input).await.unwrap_err();
        assert!(matches!(e, WriteError::Invalid { key: "org-err-counter-other-org", .. }), "{e:?}");
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
        assert!(matches!(e, WriteError::Invalid { field: "code", key: "org-err-code-taken" }), "{e:?}");
        drop(tx);
        input.parent_code = Some(Code::parse("DISDUKCAPIL").unwrap());
        let mut tx = app.db.begin().await.unwrap();
        let e = orgs::update(&mut tx, &ctx(&app), setda.id, setda.version, &input).await.unwrap_err();
        assert!(matches!(e, WriteError::Invalid { field: "parent_code", key: "org-err-parent-cycle" }), "{e:?}");
    }
}

#[tokio::test]
async fn stale_version_is_a_conflict_and_nothing_changes() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let k = counters::get_by_code(&app.db, "G03").await.unwrap().unwrap();
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
        let saved = counters::update(&mut tx, &ctx(&app), k.id, k.version, &input).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(saved.version, k.version + 1);
        let mut tx = app.db.begin().await.unwrap();
        let e = counters::update(&mut tx, &ctx(&app), k.id, k.version, &input).await.unwrap_err();
        assert!(matches!(e, WriteError::Store(StoreError::Conflict(_))), "{e:?}");
        drop(tx);
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
            problems.contains(&Problem::RecordAltered { subject_type: "organisation".into(), subject_id: o.id.to_string() }),
            "{problems:?}"
        );
    }
}

// ------------------------------------------------------------------ console, anonymous

#[tokio::test]
async fn console_pages_send_anonymous_visitors_to_sign_in() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for path in ["/konsol/instansi", "/konsol/instansi/baru", "/konsol/gerai", "/konsol/petugas", "/konsol/maklumat", "/konsol/maklumat/SETDA"] {
            let r = app.get(path).await;
            assert_eq!(r.status().as_u16(), 303, "{path}");
            let to = r.headers()["location"].to_str().unwrap().to_string();
            assert!(to.starts_with("/masuk"), "{path} → {to}");
        }
        let r = app.post_form("/konsol/instansi/baru", &[("code", "BARU")]).await;
        assert!(r.status().is_redirection(), "{}", r.status());
        assert!(orgs::get_by_code(&app.db, "BARU").await.unwrap().is_none());
    }
}
