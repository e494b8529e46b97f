//! The life of a standard in the console: draft, public comment, moderation, forum, adoption
//! (Seluma Pasal 21(2); Luwu Pasal 26(2); PermenPANRB 16/2017), conflicts and bad input.

use balai_testkit::{TestApp, backends};
use balai_web::i18n::Lang;
use serde_json::Value;

use super::common::{ADMIN, api, area_problems, contains_text, html, location, owned, post_on, t};

/// The editor's fields for a standard given as the API's JSON, with `changes` applied.
fn editor_fields(std: &Value, lock: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("lock_version".into(), lock.into()),
        ("extra".into(), "3".into()),
        ("action".into(), "save".into()),
    ];
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
    f.push((
        "completion_value".into(),
        std["completion_time"]["value"].to_string(),
    ));
    f.push(("completion_unit".into(), s(&std["completion_time"]["unit"])));
    f.push(("officer_count".into(), std["officer_count"].to_string()));
    for k in [
        "fee_legal_basis",
        "product",
        "facilities",
        "vulnerable_facilities",
        "officer_competence",
        "internal_supervision",
        "complaint_handling",
        "service_guarantee",
        "security_guarantee",
        "compensation",
        "performance_evaluation",
    ] {
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
    let i = page.find("name=\"lock_version\" value=\"").unwrap()
        + "name=\"lock_version\" value=\"".len();
    page[i..i + page[i..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn standard_versioning_end_to_end_draft_comment_moderate_forum_adopt__seluma_21_2__luwu_26_2()
{
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let c = &app.client;
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi", &[]).await;
        assert_eq!(
            (r.status().as_u16(), location(&r).as_str()),
            (303, "/konsol/layanan/KTP-EL/versi/2/ubah")
        );
        let (_, editor) = app.get_text("/konsol/layanan/KTP-EL/versi/2/ubah").await;
        let (_, _, current) = api(&app, "/api/v1/services/KTP-EL").await;
        let fields = editor_fields(
            &current["standard"],
            &lock_of(&editor),
            &[
                ("product", "KTP-el baru, selesai di tempat."),
                ("change_note", "Produk diperjelas"),
            ],
        );
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/ubah", &fields).await;
        assert_eq!(r.status().as_u16(), 303);
        let reversed = owned(&[
            ("comment_from", "2026-11-20"),
            ("comment_until", "2026-11-01"),
        ]);
        let r = post_on(
            &app,
            c,
            "/konsol/layanan/KTP-EL/versi/2/konsultasi",
            &reversed,
        )
        .await;
        assert_eq!(r.status().as_u16(), 422);
        assert!(r.text().await.unwrap().contains("id=\"err-comment_until\""));
        let period = owned(&[
            ("comment_from", "2026-11-01"),
            ("comment_until", "2026-11-20"),
        ]);
        let r = post_on(
            &app,
            c,
            "/konsol/layanan/KTP-EL/versi/2/konsultasi",
            &period,
        )
        .await;
        assert_eq!(r.status().as_u16(), 303);
        // A visitor comments; the comment waits for moderation.
        let visitor = app.new_client();
        let (_, public) = app.get_text("/layanan/KTP-EL").await;
        assert!(public.contains(&t(Lang::Id, "svc-consultation-open")));
        let comment = owned(&[
            ("name", "Warga <b>Uji</b>"),
            ("group", "pengguna_layanan"),
            ("body", "Mohon jam layanan Sabtu diperpanjang."),
        ]);
        let r = post_on(&app, &visitor, "/layanan/KTP-EL/konsultasi", &comment).await;
        assert_eq!(
            (r.status().as_u16(), location(&r).as_str()),
            (303, "/layanan/KTP-EL?terkirim=1#konsultasi")
        );
        let thanks = visitor
            .get(app.at("/layanan/KTP-EL?terkirim=1"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            thanks.contains(&t(Lang::Id, "svc-comment-thanks"))
                && !thanks.contains("Mohon jam layanan Sabtu")
        );
        let bad = owned(&[
            ("name", ""),
            ("group", "alien"),
            ("body", &"x".repeat(2001)),
        ]);
        let r = post_on(&app, &visitor, "/layanan/KTP-EL/konsultasi", &bad).await;
        assert_eq!(r.status().as_u16(), 422);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("id=\"err-name\"")
                && body.contains("id=\"err-group\"")
                && body.contains("id=\"err-body\"")
        );
        // Moderation, then the comment is public, its HTML shown literally.
        let (_, queue) = app.get_text("/konsol/konsultasi").await;
        let i = queue.find("Mohon jam layanan Sabtu").unwrap();
        let action = &queue[i..];
        let id_at = action.find("/konsol/konsultasi/").unwrap() + "/konsol/konsultasi/".len();
        let id = &action[id_at..id_at + 36];
        let r = post_on(
            &app,
            c,
            &format!("/konsol/konsultasi/{id}"),
            &owned(&[("action", "approve")]),
        )
        .await;
        assert_eq!(r.status().as_u16(), 303);
        let r = post_on(
            &app,
            c,
            &format!("/konsol/konsultasi/{id}"),
            &owned(&[("action", "reject")]),
        )
        .await;
        assert_eq!(
            r.status().as_u16(),
            409,
            "a moderated comment is not moderated again"
        );
        let (_, public) = app.get_text("/layanan/KTP-EL").await;
        assert!(
            public.contains(&html("Warga <b>Uji</b>"))
                && public.contains("Mohon jam layanan Sabtu")
        );
        // Adoption needs the forum (PermenPANRB 16/2017).
        let adopt = owned(&[
            ("decree_number", "800/77/KPTS/DISDUKCAPIL/2026"),
            ("effective_from", "2026-11-10"),
        ]);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/tetapkan", &adopt).await;
        assert_eq!(r.status().as_u16(), 409);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains(&t(Lang::Id, "csvc-forum-required"))
        );
        let forum = owned(&[
            ("held_on", "2026-11-05"),
            ("place", "Aula MPP"),
            ("count-pengguna_layanan", "12"),
            ("count-media", "2"),
            ("agreed_record", "Peserta sepakat produk diperjelas."),
            ("fu-0-item", "Sosialisasi"),
            ("fu-0-owner", "Kabid Dafduk"),
            ("fu-0-due", "2026-12-01"),
        ]);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/forum", &forum).await;
        assert_eq!(r.status().as_u16(), 303);
        let r = post_on(&app, c, "/konsol/layanan/KTP-EL/versi/2/tetapkan", &adopt).await;
        assert_eq!(r.status().as_u16(), 303);
        // The public page shows the new version, since when, and the old one in the history.
        let (_, public) = app.get_text("/layanan/KTP-EL").await;
        assert!(
            public.contains("KTP-el baru, selesai di tempat.")
                && public.contains("Berlaku sejak 10 November 2026")
        );
        assert!(
            public.contains("800/77/KPTS/DISDUKCAPIL/2026") && public.contains("2 Januari 2026")
        );
        assert!(!public.contains(&t(Lang::Id, "svc-consultation-open")));
        let (_, _, api_now) = api(&app, "/api/v1/services/KTP-EL").await;
        assert_eq!(api_now["published_version"]["version"], 2);
        assert_eq!(api_now["versions"].as_array().unwrap().len(), 2);
        assert_eq!(api_now["versions"][1]["status"], "superseded");
        // Adopted and superseded versions are records: never edited.
        for no in [2, 1] {
            let (status, page) = app
                .get_text(&format!("/konsol/layanan/KTP-EL/versi/{no}/ubah"))
                .await;
            assert_eq!(status, 409);
            assert!(
                contains_text(&page, &t(Lang::Id, "csvc-not-editable")),
                "refusal explained"
            );
            let r = post_on(
                &app,
                c,
                &format!("/konsol/layanan/KTP-EL/versi/{no}/ubah"),
                &fields,
            )
            .await;
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
        let first = editor_fields(
            &current["standard"],
            &lock,
            &[("product", "Produk versi A")],
        );
        let second = editor_fields(
            &current["standard"],
            &lock,
            &[("product", "Produk versi B")],
        );
        assert_eq!(
            post_on(&app, &app.client, "/konsol/layanan/KK/versi/2/ubah", &first)
                .await
                .status()
                .as_u16(),
            303
        );
        let r = post_on(&app, &other, "/konsol/layanan/KK/versi/2/ubah", &second).await;
        assert_eq!(r.status().as_u16(), 409);
        let body = r.text().await.unwrap();
        assert!(
            body.contains(&html(&t(Lang::Id, "svc-conflict")))
                || body.contains(&t(Lang::Id, "svc-conflict"))
        );
        assert!(
            body.contains("Produk versi B"),
            "the second editor's input is kept"
        );
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
            let r = post_on(
                &app,
                &app.client,
                "/konsol/layanan/PBG/versi/2/ubah",
                &fields,
            )
            .await;
            assert_eq!(r.status().as_u16(), 422, "{field}");
            let body = r.text().await.unwrap();
            assert!(
                body.contains(&format!("id=\"err-{field}\"")),
                "message next to {field}"
            );
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
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("name=\"extra\" value=\"6\"")
        );
        // HTML in a requirement is stored and shown literally.
        let fields = editor_fields(
            &current["standard"],
            &lock,
            &[("req-0-name", "<script>alert(1)</script>")],
        );
        assert_eq!(
            post_on(
                &app,
                &app.client,
                "/konsol/layanan/PBG/versi/2/ubah",
                &fields
            )
            .await
            .status()
            .as_u16(),
            303
        );
        let (_, preview) = app.get_text("/konsol/layanan/PBG/versi/2/pratinjau").await;
        assert!(
            preview.contains(&html("<script>alert(1)</script>"))
                && !preview.contains("<script>alert")
        );
        assert_eq!(area_problems(&app).await, vec![]);
    }
}
