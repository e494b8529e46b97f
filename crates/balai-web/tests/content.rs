//! The content area end to end: the home page, announcements with the repair notice rule of
//! Seluma Pasal 28(3), regulations (Batang Pasal 3(2)), the announcements API, the console
//! forms with their permissions, and the audit of every change.

#![allow(non_snake_case, clippy::unwrap_used)]

use balai_core::calendar::DayKind;
use balai_core::identity::Actor;
use balai_store::audit::{AuditCtx, Problem};
use balai_store::content::{self, AnnouncementDraft, AnnouncementKind, ContentError};
use balai_testkit::{TestApp, backends};
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::Value;

const ADMIN: &str = "admin@mesujikab.go.id";
const PETUGAS: &str = "putri.handayani@mesujikab.go.id";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ctx(app: &TestApp) -> AuditCtx {
    AuditCtx::new(
        Actor::system(),
        Some("test".into()),
        balai_core::Clock::now(app.clock.as_ref()),
    )
}

fn repair(start: NaiveDate, end: NaiveDate) -> AnnouncementDraft {
    AnnouncementDraft {
        organisation_id: None,
        kind: AnnouncementKind::PerbaikanSarana,
        title: "Perbaikan lift Gedung B".into(),
        body: "Lift Gedung B diperbaiki; gunakan jalur landai.".into(),
        activity: "Penggantian kabel dan panel lift".into(),
        person_in_charge: "Budi Santoso, Kepala Subbagian Umum, Jalan Ahmad Yani".into(),
        period_start: Some(start),
        period_end: Some(end),
        complaint_channels: "Meja Informasi (G01)\nWhatsApp 0812-7201-1811".into(),
    }
}

/// Problems `verify` reports about the chain or about this area's records.
async fn content_problems(app: &TestApp) -> Vec<Problem> {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    report
        .problems
        .into_iter()
        .filter(|p| match p {
            Problem::RecordAltered { subject_type, .. }
            | Problem::RecordRemoved { subject_type, .. }
            | Problem::RecordInserted { subject_type, .. } => {
                ["announcement", "regulation"].contains(&subject_type.as_str())
            }
            _ => true,
        })
        .collect()
}

/// Moves the clock to 09:00 WIB on `d`.
fn set_day(app: &TestApp, d: NaiveDate) {
    let at = Utc.from_utc_datetime(&d.and_hms_opt(2, 0, 0).unwrap());
    app.clock.set(at);
}

#[tokio::test]
async fn repair_announced_less_than_30_days_ahead_is_refused__seluma_28_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let c = ctx(&app);
        // Published on 2 November 2026: the work may start on 2 December at the earliest.
        let mut tx = app.db.begin().await.unwrap();
        let err = content::create_announcement(
            &mut tx,
            &c,
            &repair(date(2026, 12, 1), date(2026, 12, 5)),
            None,
        )
        .await
        .unwrap_err();
        let ContentError::Invalid(refusal) = err else {
            panic!("expected a refusal")
        };
        assert_eq!(
            refusal.errors.get("period_start"),
            Some("err-repair-notice-too-short")
        );
        let notice = refusal.repair_notice.unwrap();
        assert_eq!(notice.earliest_start, date(2026, 12, 2));
        assert_eq!(notice.citation, "Seluma Pasal 28(3)");
        assert_eq!((notice.days, notice.kind), (30, DayKind::Calendar));
        drop(tx);

        let mut tx = app.db.begin().await.unwrap();
        let row = content::create_announcement(
            &mut tx,
            &c,
            &repair(date(2026, 12, 2), date(2026, 12, 5)),
            None,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(row.published_on, date(2026, 11, 2));
        assert!(content_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn repair_announcement_must_name_activity_person_period_and_channels__seluma_28_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mut draft = repair(date(2027, 1, 4), date(2027, 1, 8));
        draft.activity = " ".into();
        draft.person_in_charge = String::new();
        draft.period_end = None;
        draft.complaint_channels = String::new();
        let mut tx = app.db.begin().await.unwrap();
        let Err(ContentError::Invalid(r)) =
            content::create_announcement(&mut tx, &ctx(&app), &draft, None).await
        else {
            panic!("expected a refusal");
        };
        for field in [
            "activity",
            "person_in_charge",
            "period_end",
            "complaint_channels",
        ] {
            assert_eq!(r.errors.get(field), Some("err-required"), "{field}");
        }
        // A general notice needs none of them.
        draft.kind = AnnouncementKind::Umum;
        draft.period_start = None;
        content::create_announcement(&mut tx, &ctx(&app), &draft, None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
}

#[tokio::test]
async fn home_page_shows_the_mall_its_figures_announcements_and_complaint_channels() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (status, html) = app.get_text("/").await;
        assert_eq!(status, 200);
        assert!(
            html.contains("<h1>Mal Pelayanan Publik Kabupaten Mesuji</h1>"),
            "mall name"
        );
        assert!(
            html.contains("menghimpun layanan Pemerintah Kabupaten Mesuji"),
            "about text"
        );
        assert!(
            html.contains(r#"action="/layanan""#) && html.contains(r#"name="q""#),
            "search box"
        );
        let stats = content::home_stats(&app.db).await.unwrap();
        assert!(
            stats.organisations >= 10 && stats.services >= 30,
            "{stats:?}"
        );
        assert!(html.contains(&format!(
            r#"<span class="stat-value">{}</span>"#,
            stats.organisations
        )));
        assert!(
            html.contains("MPP Keliling di Kecamatan Rawajitu Utara"),
            "latest announcement"
        );
        assert!(html.contains("SP4N-LAPOR!"), "complaint channels");
        assert!(html.contains("Sen-Jum 08:00-15:00"), "opening hours");
        assert!(
            html.len() < 40_000,
            "the landing page stays small: {} bytes",
            html.len()
        );
        let (_, en) = app.get_text("/?lang=en").await;
        assert!(en.contains("brings together services of the Mesuji Regency Government"));
    }
}

#[tokio::test]
async fn announcements_list_newest_first_with_period_and_repair_badge__seluma_28_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        // On 2 November the repair published on 20 November is not out yet.
        let (_, html) = app.get_text("/pengumuman").await;
        assert!(!html.contains("Perbaikan Atap dan Pendingin Udara"));
        let repair = content::list_announcements(
            &app.db,
            Some(AnnouncementKind::PerbaikanSarana),
            None,
            10,
            0,
        )
        .await
        .unwrap()
        .items
        .remove(0);
        assert_eq!(
            app.get(&format!("/pengumuman/{}", repair.id))
                .await
                .status()
                .as_u16(),
            404
        );

        set_day(&app, date(2026, 12, 10));
        let (status, html) = app.get_text("/pengumuman").await;
        assert_eq!(status, 200);
        let natal = html.find("Jadwal Layanan Libur Natal 2026").unwrap();
        let roof = html.find("Perbaikan Atap dan Pendingin Udara").unwrap();
        let keliling = html
            .find("MPP Keliling di Kecamatan Rawajitu Utara")
            .unwrap();
        assert!(natal < roof && roof < keliling, "newest first");
        assert!(html.contains(r#"<span class="badge badge-warn">Perbaikan sarana</span>"#));
        assert!(html.contains("28 Desember 2026 – 8 Januari 2027"), "period");

        let (status, page) = app.get_text(&format!("/pengumuman/{}", repair.id)).await;
        assert_eq!(status, 200);
        for part in [
            "Nama kegiatan",
            "Penanggung jawab",
            "Dewi Purnamasari",
            "Waktu kegiatan",
            "Saluran pengaduan",
            "Pasal 28 ayat (3)",
        ] {
            assert!(page.contains(part), "{part}");
        }
    }
}

#[tokio::test]
async fn malformed_or_unknown_announcement_ids_are_404_pages() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        for path in [
            "/pengumuman/abc",
            "/pengumuman/00000000-0000-0000-0000-000000000000",
            "/pengumuman?halaman=x",
            "/pengumuman?halaman=99",
        ] {
            let (status, html) = app.get_text(path).await;
            assert_eq!(status, 404, "{path}");
            assert!(html.contains("Halaman tidak ditemukan"), "{path}");
        }
    }
}

#[tokio::test]
async fn regulations_are_grouped_by_kind_in_the_order_of_the_hierarchy_of_laws() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (status, html) = app.get_text("/regulasi").await;
        assert_eq!(status, 200);
        let uu = html.find(">Undang-Undang</h2>").unwrap();
        let perpres = html.find(">Peraturan Presiden</h2>").unwrap();
        let perbup = html.find(">Peraturan Bupati/Wali Kota</h2>").unwrap();
        assert!(uu < perpres && perpres < perbup);
        assert!(html.contains("Peraturan Bupati Mesuji Nomor 26 Tahun 2023 tentang Penyelenggaraan Mal Pelayanan Publik"));
        assert!(html.contains(r#"<td class="num">2023</td>"#));
        let api: Value = app.get("/api/v1/regulations").await.json().await.unwrap();
        assert_eq!(api["total"], 14);
    }
}

#[tokio::test]
async fn announcements_api_pages_filters_and_refuses_bad_parameters_with_problem_json() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        set_day(&app, date(2026, 12, 10));
        let r = app.get("/api/v1/announcements?per_page=2").await;
        assert_eq!(r.status().as_u16(), 200);
        let v: Value = r.json().await.unwrap();
        assert_eq!(
            (
                v["total"].as_i64(),
                v["page"].as_i64(),
                v["per_page"].as_i64()
            ),
            (Some(5), Some(1), Some(2))
        );
        assert_eq!(v["items"].as_array().unwrap().len(), 2);
        assert_eq!(
            v["items"][0]["title"],
            "Jadwal Layanan Libur Natal 2026 dan Tahun Baru 2027"
        );
        let v: Value = app
            .get("/api/v1/announcements?kind=perbaikan_sarana")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(v["total"], 1);
        assert_eq!(v["items"][0]["period_start"], "2026-12-28");
        let id = v["items"][0]["id"].as_str().unwrap().to_string();
        let one: Value = app
            .get(&format!("/api/v1/announcements/{id}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            one["person_in_charge"]
                .as_str()
                .map(|s| s.starts_with("Dewi")),
            Some(true)
        );
        for bad in ["per_page=101", "per_page=0", "page=abc", "kind=rahasia"] {
            let r = app.get(&format!("/api/v1/announcements?{bad}")).await;
            assert_eq!(r.status().as_u16(), 400, "{bad}");
            assert_eq!(
                r.headers()["content-type"],
                "application/problem+json",
                "{bad}"
            );
        }
        let r = app.get("/api/v1/announcements/not-an-id").await;
        assert_eq!(r.status().as_u16(), 404);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
}

#[tokio::test]
async fn console_refuses_repair_less_than_30_days_ahead_naming_the_article_and_accepts_30__seluma_28_3()
 {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let fields = |start: &'static str| {
            vec![
                ("kind", "perbaikan_sarana"),
                (
                    "title",
                    "Perbaikan lift <b>Gedung B</b>'; DROP TABLE announcements;--",
                ),
                ("body", "Lift diperbaiki."),
                ("activity", "Penggantian kabel lift"),
                ("person_in_charge", "Budi Santoso, Jalan Ahmad Yani"),
                ("period_start", start),
                ("period_end", "2026-12-20"),
                ("complaint_channels", "Meja Informasi (G01)"),
            ]
        };
        let r = app
            .post_form("/konsol/pengumuman/baru", &fields("2026-12-01"))
            .await;
        assert_eq!(r.status().as_u16(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("Seluma Pasal 28(3)"), "the article is named");
        assert!(
            html.contains("2 Desember 2026"),
            "the earliest start date is named"
        );
        assert!(
            html.contains("Perbaikan lift &#60;b&#62;Gedung B&#60;/b&#62;"),
            "input kept, escaped"
        );

        let r = app
            .post_form("/konsol/pengumuman/baru", &fields("2026-12-02"))
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let (_, public) = app.get_text("/pengumuman").await;
        assert!(public.contains(
            "Perbaikan lift &#60;b&#62;Gedung B&#60;/b&#62;&#39;; DROP TABLE announcements;--"
        ));
        assert!(content_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn console_form_reports_bad_dates_and_choices_next_to_the_fields() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let r = app
            .post_form(
                "/konsol/pengumuman/baru",
                &[
                    ("kind", "rahasia"),
                    ("title", ""),
                    ("body", ""),
                    ("period_start", "31-12-2026"),
                    ("organisation", "x"),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 422);
        let html = r.text().await.unwrap();
        for id in [
            "err-kind",
            "err-title",
            "err-body",
            "err-period_start",
            "err-organisation",
        ] {
            assert!(html.contains(&format!(r#"id="{id}""#)), "{id}");
        }
        assert!(html.contains("Tanggal tidak valid."));
    }
}

#[tokio::test]
async fn editing_an_announcement_keeps_its_date_and_refuses_a_stale_copy() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let list = content::list_announcements(&app.db, Some(AnnouncementKind::Umum), None, 1, 0)
            .await
            .unwrap();
        let a = &list.items[0];
        let path = format!("/konsol/pengumuman/{}", a.id);
        let (status, html) = app.get_text(&path).await;
        assert_eq!(status, 200);
        let token = a.edit_token();
        assert!(html.contains(&token));
        let form = |title: &'static str, token: String| {
            vec![
                ("kind", "umum".to_string()),
                ("title", title.to_string()),
                ("body", a.body.clone()),
                ("person_in_charge", a.person_in_charge.clone()),
                ("complaint_channels", a.complaint_channels.clone()),
                ("token", token),
            ]
        };
        let first = form("Judul baru yang pertama", token.clone());
        let first: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.post_form(&path, &first).await.status().as_u16(), 303);
        let second = form("Judul dari tab lama", token);
        let second: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = app.post_form(&path, &second).await;
        assert_eq!(r.status().as_u16(), 409);
        assert!(r.text().await.unwrap().contains("sudah diubah orang lain"));
        let now = content::announcement(&app.db, a.id).await.unwrap().unwrap();
        assert_eq!(
            (now.title.as_str(), now.published_on),
            ("Judul baru yang pertama", a.published_on)
        );
        assert_eq!(
            app.get("/konsol/pengumuman/zzz").await.status().as_u16(),
            404
        );
        assert!(content_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn only_announcement_managers_reach_the_console_pages() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let anonymous = app.get("/konsol/pengumuman").await;
        assert_eq!(anonymous.status().as_u16(), 303);
        app.login_staff(PETUGAS).await;
        for path in [
            "/konsol/pengumuman",
            "/konsol/pengumuman/baru",
            "/konsol/pengumuman/regulasi",
        ] {
            assert_eq!(app.get(path).await.status().as_u16(), 403, "{path}");
        }
        let r = app
            .post_form(
                "/konsol/pengumuman/baru",
                &[("kind", "umum"), ("title", "Coba"), ("body", "x")],
            )
            .await;
        assert_eq!(r.status().as_u16(), 403);
    }
}

#[tokio::test]
async fn regulations_added_in_the_console_appear_on_the_public_page() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let bad = app
            .post_form(
                "/konsol/pengumuman/regulasi",
                &[
                    ("kind", "peraturan_bupati"),
                    ("number", "7"),
                    ("year", "dua ribu"),
                    ("title", ""),
                ],
            )
            .await;
        assert_eq!(bad.status().as_u16(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains(r#"id="err-year""#) && html.contains(r#"id="err-title""#));
        let ok = app
            .post_form(
                "/konsol/pengumuman/regulasi",
                &[
                    ("kind", "peraturan_bupati"),
                    ("number", "7"),
                    ("year", "2026"),
                    (
                        "title",
                        "Peraturan Bupati Mesuji Nomor 7 Tahun 2026 tentang Jam Layanan MPP",
                    ),
                    ("subject", "Jam buka MPP."),
                ],
            )
            .await;
        assert_eq!(ok.status().as_u16(), 303);
        let (_, public) = app.get_text("/regulasi").await;
        assert!(public.contains("Nomor 7 Tahun 2026 tentang Jam Layanan MPP"));
        assert!(content_problems(&app).await.is_empty());
    }
}
