//! The console forms (`/konsol/instansi`, `/gerai`, `/petugas`, `/maklumat`): bad input kept
//! with messages next to fields, duplicate codes, version conflicts, literal text, and who is
//! refused (requirements §8; Batang Pasal 5).

use balai_store::officers::{self, OfficerFilter};
use balai_store::organisations as orgs;
use balai_testkit::{TestApp, backends};

use super::{area_problems, json, org};

#[tokio::test]
async fn console_pages_send_anonymous_visitors_to_sign_in() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for path in [
            "/konsol/instansi",
            "/konsol/instansi/baru",
            "/konsol/gerai",
            "/konsol/petugas",
            "/konsol/maklumat",
            "/konsol/maklumat/SETDA",
        ] {
            let r = app.get(path).await;
            assert_eq!(r.status().as_u16(), 303, "{path}");
            let to = r.headers()["location"].to_str().unwrap().to_string();
            assert!(to.starts_with("/masuk"), "{path} → {to}");
        }
        let r = app
            .post_form("/konsol/instansi/baru", &[("code", "BARU")])
            .await;
        assert!(r.status().is_redirection(), "{}", r.status());
        assert!(orgs::get_by_code(&app.db, "BARU").await.unwrap().is_none());
    }
}

const ADMIN: &str = "admin@mesujikab.go.id";

/// The value of the hidden `version` field of a form page.
fn version_in(html: &str) -> String {
    let i = html.find("name=\"version\" value=\"").unwrap() + "name=\"version\" value=\"".len();
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let r = app.post_form_on(client, path, fields).await;
    let status = r.status().as_u16();
    let to = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, to, r.text().await.unwrap_or_default())
}

async fn post_owned(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: Vec<(&str, String)>,
) -> (u16, String, String) {
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post(app, client, path, &refs).await
}

/// `base` with the values of `over` replacing (or added to) its fields.
fn with<'a>(
    mut base: Vec<(&'a str, &'a str)>,
    over: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    for (k, v) in over {
        match base.iter_mut().find(|(bk, _)| bk == k) {
            Some(slot) => slot.1 = v,
            None => base.push((k, v)),
        }
    }
    base
}

fn org_fields<'a>(code: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("kind", "perangkat_daerah"),
        ("name", name),
        ("name_en", "Communication and Informatics Agency"),
        ("description", "Layanan informasi publik dan PPID."),
        ("address", "Jalan Ahmad Yani, Wiralaga Mulya"),
        ("phone", "0726 750 999"),
        ("email", "Diskominfo@MesujiKab.go.id"),
        ("website", "https://diskominfo.mesujikab.go.id"),
        ("parent_code", "SETDA"),
        ("agreement_kind", "nota_kesepakatan"),
        ("agreement_number", "KB/030/MPP-MSJ/III/2026"),
        ("agreement_date", "2026-03-02"),
        ("workplan_number", "RK/030/MPP-MSJ/III/2026"),
        ("workplan_date", "2026-03-16"),
    ]
}

#[tokio::test]
async fn administrator_registers_an_organisation_shown_literally_in_public__mesuji_8_9() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (s, list) = app.get_text("/konsol/instansi").await;
        assert_eq!(s, 200);
        assert!(list.contains("/konsol/instansi/DISDUKCAPIL/ubah"));
        assert_eq!(app.get_text("/konsol/instansi/baru").await.0, 200);
        let name = "<b>Diskominfo</b> '; DROP TABLE organisations;--";
        let (s, to, _) = post(
            &app,
            &app.client,
            "/konsol/instansi/baru",
            &org_fields("diskominfo", name),
        )
        .await;
        assert_eq!(
            (s, to.as_str()),
            (303, "/konsol/instansi/DISKOMINFO/ubah?tersimpan=1")
        );
        let (s, html) = app.get_text("/instansi/DISKOMINFO").await;
        assert_eq!(s, 200);
        assert!(
            html.contains("&#60;b&#62;Diskominfo&#60;/b&#62; &#39;; DROP TABLE organisations;--"),
            "{html}"
        );
        assert!(!html.contains("<b>Diskominfo</b>"));
        assert!(
            html.contains("href=\"tel:+62726750999\""),
            "phone stored as E.164"
        );
        let (_, _, v) = json(&app, "/api/v1/organisations/DISKOMINFO").await;
        assert_eq!(v["name"], name);
        assert_eq!(v["email"], "diskominfo@mesujikab.go.id");
        assert_eq!(v["parent_code"], "SETDA");
        // Taking it out of the public list (Mesuji Pasal 9), against the version on the form.
        let (_, form) = app.get_text("/konsol/instansi/DISKOMINFO/ubah").await;
        let v = version_in(&form);
        let off = [("version", v.as_str()), ("active", "false")];
        let (s, _, _) = post(&app, &app.client, "/konsol/instansi/DISKOMINFO/aktif", &off).await;
        assert_eq!(s, 303);
        assert_eq!(app.get_text("/instansi/DISKOMINFO").await.0, 404);
        let (s, _, _) = post(&app, &app.client, "/konsol/instansi/DISKOMINFO/aktif", &off).await;
        assert_eq!(s, 409, "a stale version is refused");
        assert!(area_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn bad_input_comes_back_with_the_input_kept_and_a_message_next_to_each_field() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let long = "N".repeat(201);
        let bad = [
            ("code", "ab cd"),
            ("name", long.as_str()),
            ("kind", "pabrik"),
            ("email", "bukan-email"),
            ("phone", "12"),
            ("website", "javascript:alert(1)"),
            ("agreement_date", "2026-13-40"),
        ];
        let fields = with(org_fields("X", "X"), &bad);
        let (s, _, html) = post(&app, &app.client, "/konsol/instansi/baru", &fields).await;
        assert_eq!(s, 422);
        for field in [
            "code",
            "name",
            "email",
            "phone",
            "website",
            "agreement_date",
            "kind",
        ] {
            assert!(
                html.contains(&format!("id=\"err-{field}\"")),
                "no message for {field}"
            );
            assert!(
                html.contains(&format!("href=\"#f-{field}\"")),
                "no summary link for {field}"
            );
        }
        assert!(html.contains("value=\"ab cd\""), "input kept");
        assert!(html.contains("value=\"bukan-email\""));
        assert!(html.contains("value=\"javascript:alert(1)\""));
        assert!(html.contains("aria-invalid=\"true\""));
        assert!(orgs::get_by_code(&app.db, "ABCD").await.unwrap().is_none());
        // The work plan follows the agreement (Mesuji Pasal 8(3)).
        let fields = with(
            org_fields("DISKOMINFO", "Dinas Kominfo"),
            &[("workplan_date", "2026-01-01")],
        );
        let (s, _, html) = post(&app, &app.client, "/konsol/instansi/baru", &fields).await;
        assert_eq!(s, 422);
        assert!(html.contains("id=\"err-workplan_date\""));
    }
}

#[tokio::test]
async fn duplicate_code_is_a_field_error_next_to_the_code() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (s, _, html) = post(
            &app,
            &app.client,
            "/konsol/instansi/baru",
            &org_fields("disdukcapil", "Dinas Lain"),
        )
        .await;
        assert_eq!(s, 422);
        assert!(
            html.contains("id=\"err-code\">Kode ini sudah dipakai"),
            "{html}"
        );
        assert!(html.contains("value=\"Dinas Lain\""));
        let (s, _, html) = post(
            &app,
            &app.client,
            "/konsol/gerai/baru",
            &[
                ("organisation", "DISDUKCAPIL"),
                ("code", "G08"),
                ("name", "Gerai Baru"),
                ("building", "Gedung A"),
                ("opening_hours", "Sen-Jum 08:00-15:00"),
            ],
        )
        .await;
        assert_eq!(s, 422);
        assert!(html.contains("id=\"err-code\""));
        assert_eq!(app.get_text("/instansi").await.0, 200);
    }
}

#[tokio::test]
async fn second_administrator_saving_a_stale_form_gets_a_conflict_and_keeps_their_input() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let other = app.new_client();
        app.login_staff_on(&other, ADMIN).await;
        let form = app
            .client
            .get(app.at("/konsol/instansi/BPN/ubah"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let version = version_in(&form);
        let kind = org(&app, "BPN").await.kind;
        let fields = |name: &'static str, v: &str| {
            vec![
                ("code", "BPN".to_string()),
                ("kind", kind.clone()),
                ("name", name.to_string()),
                ("version", v.to_string()),
            ]
        };
        let (s, _, _) = post_owned(
            &app,
            &other,
            "/konsol/instansi/BPN/ubah",
            fields("Kantor Pertanahan (versi B)", &version),
        )
        .await;
        assert_eq!(s, 303);
        let (s, _, html) = post_owned(
            &app,
            &app.client,
            "/konsol/instansi/BPN/ubah",
            fields("Kantor Pertanahan (versi A)", &version),
        )
        .await;
        assert_eq!(s, 409);
        assert!(html.contains("sudah diubah oleh pengguna lain"), "{html}");
        assert!(
            html.contains("value=\"Kantor Pertanahan (versi A)\""),
            "input kept"
        );
        assert_eq!(org(&app, "BPN").await.name, "Kantor Pertanahan (versi B)");
        // Saving again after reading the message is a deliberate overwrite.
        let again = fields("Kantor Pertanahan (versi A)", &version_in(&html));
        assert_eq!(
            post_owned(&app, &app.client, "/konsol/instansi/BPN/ubah", again)
                .await
                .0,
            303
        );
        assert_eq!(org(&app, "BPN").await.name, "Kantor Pertanahan (versi A)");
        assert!(area_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn counter_and_officer_forms_check_hours_nip_and_superior_loops__luwu_44() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (s, html) = app.get_text("/konsol/gerai/baru?instansi=BPN").await;
        assert_eq!(s, 200);
        assert!(
            html.contains("Sen-Jum 08:00-15:00; Sab 08:00-12:00"),
            "format hint"
        );
        let mut counter = vec![
            ("organisation", "BPN"),
            ("code", "G30"),
            ("name", "Loket Sertipikat"),
            ("building", "Gedung A"),
            ("floor", "Lantai 2"),
        ];
        let (s, _, html) = post(
            &app,
            &app.client,
            "/konsol/gerai/baru",
            &[counter.clone(), vec![("opening_hours", "Senin pagi")]].concat(),
        )
        .await;
        assert_eq!(s, 422);
        assert!(html.contains("id=\"err-opening_hours\"") && html.contains("value=\"Senin pagi\""));
        counter.push(("opening_hours", "Sel,Kam 09:00-14:00"));
        let (s, to, _) = post(&app, &app.client, "/konsol/gerai/baru", &counter).await;
        assert_eq!(
            (s, to.as_str()),
            (303, "/konsol/gerai/G30/ubah?tersimpan=1")
        );
        assert!(
            app.get_text("/instansi/BPN")
                .await
                .1
                .contains("Selasa 09.00–14.00; Kamis 09.00–14.00")
        );
        // An officer cannot become the superior of their own superior.
        let d = org(&app, "DISDUKCAPIL").await;
        let list = officers::list(
            &app.db,
            &OfficerFilter {
                organisation_id: Some(d.id),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
        let head = list
            .iter()
            .find(|o| o.officer.name.starts_with("Yusuf"))
            .unwrap()
            .officer
            .clone();
        let clerk = list
            .iter()
            .find(|o| o.officer.name.starts_with("Putri"))
            .unwrap()
            .officer
            .clone();
        let path = format!("/konsol/petugas/{}/ubah", head.id);
        let (s, form) = app.get_text(&path).await;
        assert_eq!(s, 200);
        let sup = clerk.id.to_string();
        let v = version_in(&form);
        let fields = [
            ("organisation", "DISDUKCAPIL"),
            ("name", head.name.as_str()),
            ("position", head.position.as_str()),
            ("nip", "1974 0219 1999 0310 01"),
            ("superior", sup.as_str()),
            ("version", v.as_str()),
        ];
        let (s, _, html) = post(&app, &app.client, &path, &fields).await;
        assert_eq!(s, 422);
        assert!(html.contains("id=\"err-superior\""), "{html}");
        let bad_nip = [
            ("organisation", "DISDUKCAPIL"),
            ("name", head.name.as_str()),
            ("position", head.position.as_str()),
            ("nip", "12345"),
            ("version", v.as_str()),
        ];
        let (s, _, html) = post(&app, &app.client, &path, &bad_nip).await;
        assert_eq!(s, 422);
        assert!(html.contains("id=\"err-nip\""));
        assert_eq!(app.get_text("/konsol/petugas/bukan-id/ubah").await.0, 404);
        assert!(area_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn adopting_a_charter_keeps_the_history_and_publishes_the_latest__seluma_25() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (s, page) = app.get_text("/konsol/maklumat/BPN").await;
        assert_eq!(s, 200);
        let fields = [
            ("body", "Kami siap melayani <dengan> cepat."),
            ("adopted_on", "2026-06-01"),
            ("signed_by", "Kepala Kantor"),
            ("signer_position", "Kepala Kantor Pertanahan"),
        ];
        let (s, to, _) = post(&app, &app.client, "/konsol/maklumat/BPN", &fields).await;
        assert_eq!((s, to.as_str()), (303, "/konsol/maklumat/BPN?tersimpan=1"));
        let (_, public) = app.get_text("/instansi/BPN").await;
        assert!(public.contains("Kami siap melayani &#60;dengan&#62; cepat."));
        assert!(public.contains("1 Juni 2026"));
        let (_, history) = app.get_text("/konsol/maklumat/BPN").await;
        assert!(
            history.contains("1 Juni 2026") && history.matches("<li><p><strong>").count() >= 2,
            "{history}"
        );
        assert!(page.contains("Riwayat maklumat"));
        let (s, _, html) = post(
            &app,
            &app.client,
            "/konsol/maklumat/BPN",
            &[("adopted_on", "kemarin"), ("signed_by", "")],
        )
        .await;
        assert_eq!(s, 422);
        assert!(html.contains("id=\"err-adopted_on\"") && html.contains("id=\"err-signed_by\""));
        assert!(area_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn roles_without_catalog_manage_are_refused__batang_5() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let paths = [
            "/konsol/instansi",
            "/konsol/instansi/BPJSKES/ubah",
            "/konsol/gerai/G08/ubah",
            "/konsol/petugas",
            "/konsol/maklumat/BPJSKES",
        ];
        // A citizen, a counter officer of another organisation and the (read-only) leadership.
        app.login_citizen("warga@example.id").await;
        let petugas = app.new_client();
        app.login_staff_on(&petugas, "putri.handayani@mesujikab.go.id")
            .await;
        let pimpinan = app.new_client();
        app.login_staff_on(&pimpinan, "sekda@mesujikab.go.id").await;
        for client in [&app.client, &petugas, &pimpinan] {
            for path in paths {
                let r = client.get(app.at(path)).send().await.unwrap();
                assert_eq!(r.status().as_u16(), 403, "{path}");
            }
            let (s, _, _) = post(
                &app,
                client,
                "/konsol/instansi/baru",
                &org_fields("DISKOMINFO", "Dinas Kominfo"),
            )
            .await;
            assert_eq!(s, 403);
            let (s, _, _) = post(
                &app,
                client,
                "/konsol/maklumat/BPJSKES",
                &[("adopted_on", "2026-06-01"), ("signed_by", "Siapa Saja")],
            )
            .await;
            assert_eq!(s, 403);
        }
        assert!(
            orgs::get_by_code(&app.db, "DISKOMINFO")
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(charters_count(&app, "BPJSKES").await, 1);
    }
}

async fn charters_count(app: &TestApp, code: &str) -> usize {
    let o = org(app, code).await;
    balai_store::charters::history(&app.db, o.id)
        .await
        .unwrap()
        .len()
}
