//! The services and standards area end to end: the public catalogue and its search (requirements
//! §2–3), the whole standard of a service (Seluma Pasal 23; Luwu Pasal 27; Bekasi Pasal 21), the
//! JSON API, and the life of a standard in the console — draft, public comment, moderation,
//! consultation forum, adoption (Seluma Pasal 21(2); Luwu Pasal 26(2); PermenPANRB 16/2017) —
//! with permissions, bad input and the audit trail.

#![allow(non_snake_case, clippy::unwrap_used)]

use balai_store::audit::Problem;
use balai_testkit::{TestApp, backends};
use balai_web::i18n::{I18n, Lang};
use serde_json::Value;

const ADMIN: &str = "admin@mesujikab.go.id";
const PEJABAT_DPMPTSP: &str = "ahmad.syarifudin@mesujikab.go.id";

/// The fifteen components' headings (a–o; g has its vulnerable-groups part beside it).
const COMPONENT_KEYS: [&str; 15] = [
    "std-legal-basis",
    "std-requirements",
    "std-procedure",
    "std-completion-time",
    "std-fees",
    "std-product",
    "std-facilities",
    "std-officer-competence",
    "std-internal-supervision",
    "std-complaint-handling",
    "std-officer-count",
    "std-service-guarantee",
    "std-security-guarantee",
    "std-compensation",
    "std-performance-evaluation",
];

fn t(lang: Lang, key: &str) -> String {
    I18n::global().t(lang, key)
}

/// Text as askama writes it into HTML.
fn html(s: &str) -> String {
    s.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}

fn contains_text(body: &str, s: &str) -> bool {
    body.contains(s) || body.contains(&html(s)) || body.contains(&html(s).replace('/', "&#x2f;"))
}

async fn api(app: &TestApp, path: &str) -> (u16, String, Value) {
    let r = app.get(path).await;
    let status = r.status().as_u16();
    let ct = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    (status, ct, r.json().await.unwrap_or_default())
}

fn codes(v: &Value) -> Vec<String> {
    v["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap().to_string()).collect()
}

fn location(r: &reqwest::Response) -> String {
    r.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

/// Only problems of the chain itself or of this area's records (other areas test theirs).
async fn area_problems(app: &TestApp) -> Vec<Problem> {
    let mine = ["service", "standard_version", "consultation_comment", "consultation_forum"];
    balai_store::snapshots::verify(&app.db)
        .await
        .unwrap()
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

#[tokio::test]
async fn search_is_case_and_accent_insensitive_by_name_keyword_and_organisation() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, lower) = api(&app, "/api/v1/services?q=ktp").await;
        let (_, _, upper) = api(&app, "/api/v1/services?q=KTP").await;
        assert!(codes(&lower).contains(&"KTP-EL".to_string()), "{lower}");
        assert_eq!(codes(&lower), codes(&upper));
        let (_, _, akta) = api(&app, "/api/v1/services?q=akta%20kelahiran").await;
        assert!(codes(&akta).contains(&"AKTA-LAHIR".to_string()));
        let (_, _, reordered) = api(&app, "/api/v1/services?q=KELAHIRAN%20akta").await;
        assert_eq!(codes(&akta), codes(&reordered));
        // "Pelayanan" is in the organisation name of DPMPTSP; an accent must not matter.
        let (_, _, plain) = api(&app, "/api/v1/services?q=Pelayanan&per_page=100").await;
        let (_, _, accented) = api(&app, "/api/v1/services?q=p%C3%A9layanan&per_page=100").await;
        assert!(plain["total"].as_i64().unwrap() > 0);
        assert_eq!(codes(&plain), codes(&accented));
        assert!(codes(&plain).contains(&"PBG".to_string()), "found by organisation name");
        let (_, body) = app.get_text("/layanan?q=KTP").await;
        assert!(body.contains("/layanan/KTP-EL"));
        let (_, none) = app.get_text("/layanan?q=%25%25%27%20OR%201%3D1").await;
        assert!(!none.contains("/layanan/KTP-EL"), "LIKE wildcards and SQL are plain text");
    }
}

#[tokio::test]
async fn filters_narrow_the_catalogue_and_free_services_are_marked_free__bekasi_36() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, all) = api(&app, "/api/v1/services?per_page=100").await;
        let total = all["total"].as_i64().unwrap();
        assert!(total >= 30);
        let (_, _, org) = api(&app, "/api/v1/services?organisation=disdukcapil&per_page=100").await;
        assert!(org["items"].as_array().unwrap().iter().all(|i| i["organisation"]["code"] == "DISDUKCAPIL"));
        assert!(org["total"].as_i64().unwrap() >= 5);
        let (_, _, lic) = api(&app, "/api/v1/services?kind=perizinan&per_page=100").await;
        assert!(lic["items"].as_array().unwrap().iter().all(|i| i["kind"] == "perizinan"));
        assert!(codes(&lic).contains(&"PBG".to_string()));
        let (_, _, el) = api(&app, "/api/v1/services?mode=elektronik&per_page=100").await;
        assert!(el["items"].as_array().unwrap().iter().all(|i| i["modes"].as_array().unwrap().contains(&"elektronik".into())));
        let (_, _, free) = api(&app, "/api/v1/services?free=true&per_page=100").await;
        let items = free["items"].as_array().unwrap();
        assert!(items.iter().all(|i| i["free"] == true && i["total_fee"] == 0));
        assert!(codes(&free).contains(&"KTP-EL".to_string()) && !codes(&free).contains(&"PBG".to_string()));
        let (_, page) = app.get_text("/layanan?gratis=1&instansi=DISDUKCAPIL").await;
        assert!(page.contains("badge-free") && page.contains("/layanan/KTP-EL") && !page.contains("/layanan/PBG"));
        let (_, _, ktp) = api(&app, "/api/v1/services/KTP-EL").await;
        assert_eq!(ktp["free"], true);
        let (_, _, pbg) = api(&app, "/api/v1/services/pbg").await;
        assert_eq!(pbg["free"], false);
        assert!(pbg["total_fee"].as_i64().unwrap() > 0);
        let (_, body) = app.get_text("/layanan/PBG").await;
        assert!(body.contains("Rp 7.500"), "fees in rupiah");
    }
}

#[tokio::test]
async fn detail_page_shows_all_fifteen_components_in_indonesian_and_english__luwu_27() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (status, id) = app.get_text("/layanan/KTP-EL").await;
        assert_eq!(status, 200);
        for key in COMPONENT_KEYS {
            assert!(contains_text(&id, &t(Lang::Id, key)), "missing {key} in Indonesian");
        }
        assert!(id.contains("Berlaku sejak 2 Januari 2026"));
        assert!(id.contains("Gratis") && id.contains("/instansi/DISDUKCAPIL"));
        assert!(id.contains("Kartu Keluarga") && id.contains("class=\"steps\""));
        let (_, en) = app.get_text("/layanan/KTP-EL?lang=en").await;
        for key in COMPONENT_KEYS {
            assert!(contains_text(&en, &t(Lang::En, key)), "missing {key} in English");
        }
        assert!(en.contains("In force since 2 January 2026"));
        assert!(en.contains(&t(Lang::En, "std-language-note")));
        assert!(en.contains("Electronic Identity Card"), "names picked in English");
        // Every service of the demo renders.
        let (_, _, all) = api(&app, "/api/v1/services?per_page=100").await;
        for code in codes(&all) {
            assert_eq!(app.get_text(&format!("/layanan/{code}")).await.0, 200, "{code}");
        }
    }
}

#[tokio::test]
async fn unknown_or_malformed_codes_are_404_pages_and_problems_never_500() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for path in ["/layanan/TIDAK-ADA", "/layanan/%3Cscript%3E", "/layanan/a", "/layanan/KTP-EL%27%20OR%201=1"] {
            let (status, body) = app.get_text(path).await;
            assert_eq!(status, 404, "{path}");
            assert!(body.contains("<html"), "{path} gives the HTML error page");
        }
        for path in ["/api/v1/services/TIDAK-ADA", "/api/v1/services/%3Cscript%3E", "/api/v1/services/x%20y"] {
            let (status, ct, v) = api(&app, path).await;
            assert_eq!((status, ct.as_str()), (404, "application/problem+json"), "{path}");
            assert_eq!(v["status"], 404);
        }
    }
}

#[tokio::test]
async fn api_pages_and_refuses_bad_parameters_with_problem_json() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, p1) = api(&app, "/api/v1/services?per_page=2&page=1").await;
        let (status, _, p2) = api(&app, "/api/v1/services?per_page=2&page=2").await;
        assert_eq!(status, 200);
        assert_eq!((p2["page"].as_i64(), p2["per_page"].as_i64()), (Some(2), Some(2)));
        assert_eq!(p2["items"].as_array().unwrap().len(), 2);
        assert_eq!(p1["total"], p2["total"]);
        assert_ne!(codes(&p1), codes(&p2));
        let (_, _, past) = api(&app, "/api/v1/services?per_page=50&page=99").await;
        assert!(past["items"].as_array().unwrap().is_empty());
        assert_eq!(past["total"], p1["total"], "a page past the end still tells the total");
        for bad in ["per_page=0", "per_page=101", "page=abc", "page=0", "kind=hotel", "mode=drone", "free=maybe", "organisation=%3Cx%3E"] {
            let (status, ct, v) = api(&app, &format!("/api/v1/services?{bad}")).await;
            assert_eq!((status, ct.as_str()), (400, "application/problem+json"), "{bad}");
            assert_eq!(v["status"], 400);
        }
        let (_, _, one) = api(&app, "/api/v1/services/ktp-el").await;
        assert_eq!(one["code"], "KTP-EL");
        assert_eq!(one["standard"]["completion_time"]["unit"], "working_days");
        assert_eq!(one["versions"][0]["status"], "adopted");
        assert_eq!(one["published_version"]["version"], 1);
        assert!(one["standard"]["requirements"].as_array().unwrap().len() >= 2);
    }
}

#[tokio::test]
async fn demo_consultation_shows_only_approved_comments_and_audit_verifies_clean() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, body) = app.get_text("/layanan/AKTA-LAHIR").await;
        assert!(body.contains(&t(Lang::Id, "svc-consultation-open")));
        assert!(body.contains("Siti Rahmawati"), "the approved comment is shown");
        assert!(!body.contains("Forum Peduli Anak"), "pending comments are not shown");
        assert!(body.contains("action=\"/layanan/AKTA-LAHIR/konsultasi\""));
        let (_, other) = app.get_text("/layanan/KTP-EL").await;
        assert!(!other.contains("/konsultasi\""), "no form without an open draft");
        assert_eq!(area_problems(&app).await, vec![]);
    }
}

#[tokio::test]
async fn altered_standard_json_is_named_by_audit_verify() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (_, _, one) = api(&app, "/api/v1/services/KTP-EL").await;
        assert_eq!(one["free"], true);
        let svc = balai_store::services::get_by_code(&app.db, "KTP-EL").await.unwrap().unwrap();
        let vid = svc.published_version_id.unwrap();
        let sql = "UPDATE standard_versions SET standard = REPLACE(standard, '\"fees\":[]', \
            '\"fees\":[{\"item\":\"Pungli\",\"amount\":50000,\"legal_basis\":\"-\"}]') WHERE id = $1";
        balai_store::on_db!(app.db.write(), p => sqlx::query(sql).bind(vid).execute(p).await.map(|_| ())).unwrap();
        let problems = area_problems(&app).await;
        assert!(
            problems.contains(&Problem::RecordAltered { subject_type: "standard_version".into(), subject_id: vid.to_string() }),
            "{problems:?}"
        );
    }
}

/// The editor's fields for a standard given as the API's JSON, with `changes` applied.
fn editor_fields(std: &Value, lock: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![("lock_version".into(), lock.into()), ("extra".into(), "3".into()), ("action".into(), "save".into())];
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    for (i, l) in std["legal_basis"].as_array().unwrap().iter().enumerate() {
        f.push((format!("legal-{i}"), s(l)));
    }
    for (i, r) in std["requirements"].as_array().unwrap().iter().enumerate() {
        f.push((format!("req-{i}-name"), s(&r["name"])));
        f.push((format!("req-{i}-note"), s(&r["note"])));
        if r["required"] == true {
            f.push((format!("req-{i}-required"), "true".into()));
        }
        for ty in r["file_types"].as_array().unwrap() {
            f.push((format!("req-{i}-type"), s(ty)));
        }
    }
    for (i, p) in std["procedure"].as_array().unwrap().iter().enumerate() {
        f.push((format!("step-{i}-title"), s(&p["title"])));
        f.push((format!("step-{i}-desc"), s(&p["description"])));
    }
    for (i, fee) in std["fees"].as_array().unwrap().iter().enumerate() {
        f.push((format!("fee-{i}-item"), s(&fee["item"])));
        f.push((format!("fee-{i}-amount"), fee["amount"].to_string()));
        f.push((format!("fee-{i}-basis"), s(&fee["legal_basis"])));
    }
    f.push(("completion_value".into(), std["completion_time"]["value"].to_string()));
    f.push(("completion_unit".into(), s(&std["completion_time"]["unit"])));
    f.push(("officer_count".into(), std["officer_count"].to_string()));
    for k in ["fee_legal_basis", "product", "facilities", "vulnerable_facilities", "officer_competence", "internal_supervision", "complaint_handling", "service_guarantee", "security_guarantee", "compensation", "performance_evaluation"] {
        f.push((k.into(), s(&std[k])));
    }
    for (k, v) in changes {
        f.retain(|(name, _)| name != k);
        f.push((k.to_string(), v.to_string()));
    }
    f
}

/// The `lock_version` hidden field of an editor page.
fn lock_of(page: &str) -> String {
    let i = page.find("name=\"lock_version\" value=\"").unwrap() + "name=\"lock_version\" value=\"".len();
    page[i..i + page[i..].find('"').unwrap()].to_string()
}

async fn post_on(app: &TestApp, client: &reqwest::Client, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    app.post_form_on(client, path, &refs).await
}

fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test]
async fn standard_versioning_end_to_end_draft_comment_moderate_forum_adopt__seluma_21_2__luwu_26_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let c = &app.client;
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi", &[]).await;
        assert_eq!((r.status().as_u16(), location(&r).as_str()), (303, "/konsol/layanan/KTP-EL/versi/2/ubah"));
        let (_, editor) = app.get_text("/konsol/layanan/KTP-EL/versi/2/ubah").await;
        let (_, _, current) = api(&app, "/api/v1/services/KTP-EL").await;
        let fields = editor_fields(&current["standard"], &lock_of(&editor), &[("product", "KTP-el baru, selesai di tempat."), ("change_note", "Produk diperjelas")]);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/ubah", &fields).await;
        assert_eq!(r.status().as_u16(), 303);
        let period = owned(&[("comment_from", "2026-11-01"), ("comment_until", "2026-11-20")]);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/konsultasi", &period).await;
        assert_eq!(r.status().as_u16(), 303);
        // A visitor comments; the comment waits for moderation.
        let visitor = app.new_client();
        let (_, public) = app.get_text("/layanan/KTP-EL").await;
        assert!(public.contains(&t(Lang::Id, "svc-consultation-open")));
        let comment = owned(&[("name", "Warga <b>Uji</b>"), ("group", "pengguna_layanan"), ("body", "Mohon jam layanan Sabtu diperpanjang.")]);
        let r = post_on(&app, &visitor, "/layanan/KTP-EL/konsultasi", &comment).await;
        assert_eq!((r.status().as_u16(), location(&r).as_str()), (303, "/layanan/KTP-EL?terkirim=1#konsultasi"));
        let thanks = visitor.get(app.at("/layanan/KTP-EL?terkirim=1")).send().await.unwrap().text().await.unwrap();
        assert!(thanks.contains(&t(Lang::Id, "svc-comment-thanks")) && !thanks.contains("Mohon jam layanan Sabtu"));
        let bad = owned(&[("name", ""), ("group", "alien"), ("body", &"x".repeat(2001))]);
        let r = post_on(&app, &visitor, "/layanan/KTP-EL/konsultasi", &bad).await;
        assert_eq!(r.status().as_u16(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"err-name\"") && body.contains("id=\"err-group\"") && body.contains("id=\"err-body\""));
        // Moderation, then the comment is public, its HTML shown literally.
        let (_, queue) = app.get_text("/konsol/konsultasi").await;
        let i = queue.find("Mohon jam layanan Sabtu").unwrap();
        let action = &queue[i..];
        let id_at = action.find("/konsol/konsultasi/").unwrap() + "/konsol/konsultasi/".len();
        let id = &action[id_at..id_at + 36];
        let r = post_on(&app, c, &format!("/konsol/konsultasi/{id}"), &owned(&[("action", "approve")])).await;
        assert_eq!(r.status().as_u16(), 303);
        let (_, public) = app.get_text("/layanan/KTP-EL").await;
        assert!(public.contains(&html("Warga <b>Uji</b>")) && public.contains("Mohon jam layanan Sabtu"));
        // Adoption needs the forum (PermenPANRB 16/2017).
        let adopt = owned(&[("decree_number", "800/77/KPTS/DISDUKCAPIL/2026"), ("effective_from", "2026-11-10")]);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/tetapkan", &adopt).await;
        assert_eq!(r.status().as_u16(), 409);
        assert!(r.text().await.unwrap().contains(&t(Lang::Id, "csvc-forum-required")));
        let forum = owned(&[
            ("held_on", "2026-11-05"), ("place", "Aula MPP"), ("count-pengguna_layanan", "12"), ("count-media", "2"),
            ("agreed_record", "Peserta sepakat produk diperjelas."), ("fu-0-item", "Sosialisasi"), ("fu-0-owner", "Kabid Dafduk"), ("fu-0-due", "2026-12-01"),
        ]);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/forum", &forum).await;
        assert_eq!(r.status().as_u16(), 303);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/tetapkan", &adopt).await;
        assert_eq!(r.status().as_u16(), 303);
        // The public page shows the new version, since when, and the old one in the history.
        let (_, public) = app.get_text("/layanan/KTP-EL").await;
        assert!(public.contains("KTP-el baru, selesai di tempat.") && public.contains("Berlaku sejak 10 November 2026"));
        assert!(public.contains("800/77/KPTS/DISDUKCAPIL/2026") && public.contains("2 Januari 2026"));
        assert!(!public.contains(&t(Lang::Id, "svc-consultation-open")));
        let (_, _, api_now) = api(&app, "/api/v1/services/KTP-EL").await;
        assert_eq!(api_now["published_version"]["version"], 2);
        assert_eq!(api_now["versions"].as_array().unwrap().len(), 2);
        assert_eq!(api_now["versions"][1]["status"], "superseded");
        // Adopted and superseded versions are records: never edited.
        for no in [2, 1] {
            assert_eq!(app.get_text(&format!("/konsol/layanan/KTP-EL/versi/{no}/ubah")).await.0, 409);
            let r = post_on(&app, c, &format!("/konsol/layanan/KTP-EL/versi/{no}/ubah"), &fields).await;
            assert_eq!(r.status().as_u16(), 409, "version {no}");
        }
        assert_eq!(area_problems(&app).await, vec![]);
    }
}

#[tokio::test]
async fn second_save_of_the_same_draft_is_refused_as_a_conflict_with_input_kept() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let other = app.new_client();
        app.login_staff_on(&other, ADMIN).await;
        post_on(&app, &app.client, "/konsol/layanan/KK/versi", &[]).await;
        let (_, _, current) = api(&app, "/api/v1/services/KK").await;
        let (_, editor) = app.get_text("/konsol/layanan/KK/versi/2/ubah").await;
        let lock = lock_of(&editor);
        let first = editor_fields(&current["standard"], &lock, &[("product", "Produk versi A")]);
        let second = editor_fields(&current["standard"], &lock, &[("product", "Produk versi B")]);
        assert_eq!(post_on(&app, &app.client, "/konsol/layanan/KK/versi/2/ubah", &first).await.status().as_u16(), 303);
        let r = post_on(&app, &other, "/konsol/layanan/KK/versi/2/ubah", &second).await;
        assert_eq!(r.status().as_u16(), 409);
        let body = r.text().await.unwrap();
        assert!(body.contains(&html(&t(Lang::Id, "svc-conflict"))) || body.contains(&t(Lang::Id, "svc-conflict")));
        assert!(body.contains("Produk versi B"), "the second editor's input is kept");
        let (_, preview) = app.get_text("/konsol/layanan/KK/versi/2/pratinjau").await;
        assert!(preview.contains("Produk versi A") && !preview.contains("Produk versi B"));
    }
}

#[tokio::test]
async fn bad_standard_input_comes_back_with_messages_next_to_fields() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        post_on(&app, &app.client, "/konsol/layanan/PBG/versi", &[]).await;
        let (_, _, current) = api(&app, "/api/v1/services/PBG").await;
        let (_, editor) = app.get_text("/konsol/layanan/PBG/versi/2/ubah").await;
        let lock = lock_of(&editor);
        let long = "x".repeat(4001);
        let cases: [(&str, &str, &str); 4] = [
            ("fee-0-amount", "-5000", "err-rupiah-negative"),
            ("product", "", "err-required"),
            ("facilities", &long, "err-too-long"),
            ("completion_value", "0", "err-completion-time-zero"),
        ];
        for (field, value, key) in cases {
            let fields = editor_fields(&current["standard"], &lock, &[(field, value)]);
            let r = post_on(&app, &app.client, "/konsol/layanan/PBG/versi/2/ubah", &fields).await;
            assert_eq!(r.status().as_u16(), 422, "{field}");
            let body = r.text().await.unwrap();
            assert!(body.contains(&format!("id=\"err-{field}\"")), "message next to {field}");
            assert!(contains_text(&body, &t(Lang::Id, key)), "{key}");
            if !value.is_empty() {
                assert!(body.contains(value), "input of {field} kept");
            }
        }
        // "Tambah baris" gives more empty rows and saves nothing.
        let mut more = editor_fields(&current["standard"], &lock, &[]);
        more.retain(|(k, _)| k != "action");
        more.push(("action".into(), "add_rows".into()));
        let r = post_on(&app, &app.client, "/konsol/layanan/PBG/versi/2/ubah", &more).await;
        assert_eq!(r.status().as_u16(), 200);
        assert!(r.text().await.unwrap().contains("name=\"extra\" value=\"6\""));
        // HTML in a requirement is stored and shown literally.
        let fields = editor_fields(&current["standard"], &lock, &[("req-0-name", "<script>alert(1)</script>")]);
        assert_eq!(post_on(&app, &app.client, "/konsol/layanan/PBG/versi/2/ubah", &fields).await.status().as_u16(), 303);
        let (_, preview) = app.get_text("/konsol/layanan/PBG/versi/2/pratinjau").await;
        assert!(preview.contains(&html("<script>alert(1)</script>")) && !preview.contains("<script>alert"));
        assert_eq!(area_problems(&app).await, vec![]);
    }
}

#[tokio::test]
async fn service_form_refuses_a_taken_code_and_creates_an_unpublished_service() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (status, _) = app.get_text("/konsol/layanan/baru").await;
        assert_eq!(status, 200);
        let orgs = balai_store::services::organisation_choices(&app.db).await.unwrap();
        let org = orgs.iter().find(|o| o.code == "BPN").unwrap().id.to_string();
        let mut fields = owned(&[("organisation", &org), ("name", "Layanan Uji"), ("kind", "nonperizinan"), ("category", "jasa"), ("modes", "langsung"), ("modes", "elektronik"), ("ticket_prefix", "U")]);
        fields.push(("code".into(), "ktp-el".into()));
        let r = post_on(&app, &app.client, "/konsol/layanan/baru", &fields).await;
        assert_eq!(r.status().as_u16(), 422);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"err-code\"") && body.contains(&t(Lang::Id, "err-service-code-taken")));
        assert!(body.contains("value=\"ktp-el\""), "input kept");
        fields.retain(|(k, _)| k != "code");
        fields.push(("code".into(), "UJI-1".into()));
        let r = post_on(&app, &app.client, "/konsol/layanan/baru", &fields).await;
        assert_eq!((r.status().as_u16(), location(&r).as_str()), (303, "/konsol/layanan/UJI-1"));
        assert_eq!(app.get_text("/layanan/UJI-1").await.0, 404, "nothing adopted yet");
        let (_, list) = app.get_text("/konsol/layanan?q=uji").await;
        assert!(list.contains("UJI-1"));
        assert_eq!(area_problems(&app).await, vec![]);
    }
}

#[tokio::test]
async fn console_permissions_by_role_and_organisation__batang_5() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let r = app.get("/konsol/layanan").await;
        assert_eq!(r.status().as_u16(), 303, "anonymous visitors are sent to sign in");
        for email in ["warga@example.id", "putri.handayani@mesujikab.go.id", "sekda@mesujikab.go.id", "taufan.maulana@mesujikab.go.id"] {
            let client = app.new_client();
            if email.starts_with("warga") {
                app.login_citizen_on(&client, email).await;
            } else {
                app.login_staff_on(&client, email).await;
            }
            let r = client.get(app.at("/konsol/layanan")).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 403, "{email}");
            let r = client.get(app.at("/konsol/konsultasi")).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 403, "{email}");
        }
        // The DPMPTSP official drafts and adopts DPMPTSP's standards only.
        let pejabat = app.new_client();
        app.login_staff_on(&pejabat, PEJABAT_DPMPTSP).await;
        let list = pejabat.get(app.at("/konsol/layanan")).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("/konsol/layanan/PBG") && !list.contains("/konsol/layanan/KTP-EL"));
        assert_eq!(pejabat.get(app.at("/konsol/layanan/KTP-EL")).send().await.unwrap().status().as_u16(), 403);
        assert_eq!(pejabat.get(app.at("/konsol/layanan/baru")).send().await.unwrap().status().as_u16(), 403);
        assert_eq!(post_on(&app, &pejabat, "/konsol/layanan/KTP-EL/versi", &[]).await.status().as_u16(), 403);
        let r = post_on(&app, &pejabat, "/konsol/layanan/PBG/versi", &[]).await;
        assert_eq!((r.status().as_u16(), location(&r).as_str()), (303, "/konsol/layanan/PBG/versi/2/ubah"));
        assert_eq!(pejabat.get(app.at("/konsol/layanan/TIDAK-ADA")).send().await.unwrap().status().as_u16(), 404);
        assert_eq!(pejabat.get(app.at("/konsol/layanan/PBG/versi/abc")).send().await.unwrap().status().as_u16(), 404);
        assert_eq!(area_problems(&app).await, vec![]);
    }
}
