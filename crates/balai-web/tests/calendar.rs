//! The working calendar end to end (national-rules §4, architecture §3): the calendar built
//! from the tables, due dates across the 2026 Idul Fitri block, offices with their own week,
//! years without holiday data, and the console that edits holidays, weeks and rules.

#![allow(non_snake_case, clippy::unwrap_used)]

use balai_core::calendar::{DayKind, Holiday, HolidayKind};
use balai_core::identity::Actor;
use balai_store::audit::{AuditCtx, Problem};
use balai_store::calendar::{self as cal, Reader};
use balai_store::content::{self, AnnouncementDraft, AnnouncementKind, ContentError};
use balai_testkit::{TestApp, backends};
use chrono::{Datelike, NaiveDate, Weekday};

const ADMIN: &str = "admin@mesujikab.go.id";
const PETUGAS: &str = "putri.handayani@mesujikab.go.id";
const PIMPINAN: &str = "sekda@mesujikab.go.id";

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

/// Problems `verify` reports about the chain or about the calendar's records.
async fn calendar_problems(app: &TestApp) -> Vec<Problem> {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    let mine = [
        "holiday",
        "calendar_year",
        "office_week",
        "deadline_rule",
        "region_setting",
        "announcement",
    ];
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

#[tokio::test]
async fn work_calendar_is_built_from_the_tables_with_the_2026_decree_and_the_mall_week() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mall = cal::work_calendar(&app.db, None).await.unwrap();
        assert_eq!(
            mall.holidays().count(),
            25,
            "17 national holidays and 8 cuti bersama days"
        );
        assert!(mall.years_loaded().contains(&2026));
        assert!(mall.cuti_bersama_is_holiday());
        assert_eq!(mall.week().mask(), "1111110", "the mall serves on Saturday");
        assert!(
            !mall.is_working_day(date(2026, 3, 20)),
            "cuti bersama closes the office"
        );
        assert!(
            mall.is_working_day(date(2026, 3, 28)),
            "a Saturday at the mall"
        );
        let office = cal::work_calendar(&app.db, Some("DISDUKCAPIL"))
            .await
            .unwrap();
        assert_eq!(
            office.week().mask(),
            "1111100",
            "an agency keeps the government week"
        );
        assert_eq!(office.week().zone_label(), "WIB");
        assert_eq!(cal::deadline_rules(&app.db).await.unwrap().len(), 12);
        assert!(calendar_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn notice_due_in_3_working_days__batang_12_2() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let rule = cal::effective_rule(&mut Reader::Db(&app.db), "permit_decision_notice")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (rule.days, rule.kind, rule.citation.as_str()),
            (3, DayKind::Working, "Batang Pasal 12(2)")
        );
        let office = cal::work_calendar(&app.db, Some("DPMPTSP")).await.unwrap();
        // Decided on Tuesday 17 March 2026: 18 (cuti bersama), 19 (Nyepi), 20 (cuti bersama),
        // 21–22 (Idul Fitri, weekend), 23–24 (cuti bersama) are skipped; 25, 26, 27 count.
        let due = rule.due(&office, date(2026, 3, 17));
        assert_eq!(due.date, date(2026, 3, 27));
        assert!(due.is_complete());
    }
}

#[tokio::test]
async fn saturday_service_counts_saturdays_as_working_days__perpres_21_2023() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mall = cal::work_calendar(&app.db, Some("MPP")).await.unwrap();
        let office = cal::work_calendar(&app.db, Some("DPMPTSP")).await.unwrap();
        let from = date(2026, 3, 26);
        assert_eq!(
            mall.add_days(from, 3, DayKind::Working).date,
            date(2026, 3, 30)
        );
        assert_eq!(
            office.add_days(from, 3, DayKind::Working).date,
            date(2026, 3, 31)
        );
        // An agency that opens its counter on Saturdays too.
        let week = balai_core::calendar::OfficeWeek::parse_mask("1111110").unwrap();
        let mut tx = app.db.begin().await.unwrap();
        cal::set_office_week(&mut tx, &ctx(&app), "DPMPTSP", &week)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let office = cal::work_calendar(&app.db, Some("DPMPTSP")).await.unwrap();
        assert_eq!(
            office.add_days(from, 3, DayKind::Working).date,
            date(2026, 3, 30)
        );
        assert!(calendar_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn deadline_reaching_2027_is_flagged_missing__national_rules_4() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let office = cal::work_calendar(&app.db, Some("DPMPTSP")).await.unwrap();
        let due = office.add_days(date(2026, 12, 28), 5, DayKind::Working);
        assert_eq!(due.missing_years, vec![2027]);
        assert_eq!(due.date.weekday(), Weekday::Mon);
        // Once 2027 is marked loaded the flag goes.
        let mut tx = app.db.begin().await.unwrap();
        cal::mark_year_loaded(&mut tx, &ctx(&app), 2027, "SKB 2027")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let office = cal::work_calendar(&app.db, Some("DPMPTSP")).await.unwrap();
        assert!(
            office
                .add_days(date(2026, 12, 28), 5, DayKind::Working)
                .is_complete()
        );
        assert!(calendar_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn cuti_bersama_setting_reopens_collective_leave_days__skb_2026() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mut tx = app.db.begin().await.unwrap();
        balai_store::settings::set(&mut tx, &ctx(&app), cal::CUTI_BERSAMA_SETTING, "false")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let office = cal::work_calendar(&app.db, Some("DPMPTSP")).await.unwrap();
        assert!(!office.cuti_bersama_is_holiday());
        // 18 March (cuti bersama) now counts; 19 (Nyepi) does not; 20 counts; 23 counts.
        assert_eq!(
            office.add_days(date(2026, 3, 17), 3, DayKind::Working).date,
            date(2026, 3, 23)
        );
    }
}

#[tokio::test]
async fn removing_a_holiday_is_an_audited_delete_and_duplicates_are_refused() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let c = ctx(&app);
        let h = Holiday {
            date: date(2026, 4, 7),
            name: "Hari Jadi Kabupaten Mesuji".into(),
            kind: HolidayKind::Regional,
            decree: "Keputusan Bupati Mesuji Nomor 1 Tahun 2026".into(),
        };
        let mut tx = app.db.begin().await.unwrap();
        let row = cal::add_holiday(&mut tx, &c, &h).await.unwrap();
        assert!(matches!(
            cal::add_holiday(&mut tx, &c, &h).await,
            Err(balai_store::StoreError::Duplicate(_))
        ));
        drop(tx);
        let mut tx = app.db.begin().await.unwrap();
        let row2 = cal::add_holiday(&mut tx, &c, &h).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(row.day, row2.day);
        let mut tx = app.db.begin().await.unwrap();
        cal::remove_holiday(&mut tx, &c, row2.id).await.unwrap();
        tx.commit().await.unwrap();
        let events = balai_store::audit::list(
            &app.db,
            &balai_store::audit::Filter {
                subject_id: Some(row2.id.to_string()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(
            events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["delete", "create"]
        );
        assert!(
            events[0]
                .before_json
                .as_deref()
                .unwrap()
                .contains("Hari Jadi Kabupaten Mesuji")
        );
        assert!(calendar_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn a_longer_repair_rule_set_as_data_is_enforced__seluma_28_3() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let edit = cal::RuleEdit {
            days: 45,
            kind: DayKind::Calendar,
            citation: "Perda Kabupaten Contoh Pasal 9".into(),
        };
        let mut tx = app.db.begin().await.unwrap();
        cal::update_deadline_rule(&mut tx, &ctx(&app), content::REPAIR_RULE, None, &edit)
            .await
            .unwrap();
        let draft = AnnouncementDraft {
            organisation_id: None,
            kind: AnnouncementKind::PerbaikanSarana,
            title: "Pengecatan ulang".into(),
            body: "Pengecatan ruang tunggu.".into(),
            activity: "Pengecatan".into(),
            person_in_charge: "Budi, Jalan Ahmad Yani".into(),
            period_start: Some(date(2026, 12, 2)),
            period_end: Some(date(2026, 12, 4)),
            complaint_channels: "G01".into(),
        };
        let Err(ContentError::Invalid(r)) =
            content::create_announcement(&mut tx, &ctx(&app), &draft, None).await
        else {
            panic!("expected a refusal")
        };
        let notice = r.repair_notice.unwrap();
        assert_eq!(
            (notice.earliest_start, notice.citation.as_str()),
            (date(2026, 12, 17), "Perda Kabupaten Contoh Pasal 9")
        );
        // End the transaction before the app is dropped (its drop blocks the runtime).
        tx.commit().await.unwrap();
    }
}

/// The calculator's answer for 3 working days from Thursday 26 March 2026 at DPMPTSP.
async fn console_due(app: &TestApp) -> String {
    let (status, html) = app
        .get_text("/konsol/kalender?dari=2026-03-26&hari=3&jenis=working&kantor=DPMPTSP")
        .await;
    assert_eq!(status, 200);
    let i = html.find("<strong>").unwrap() + "<strong>".len();
    let end = html[i..].find("</strong>").unwrap();
    html[i..i + end].to_string()
}

#[tokio::test]
async fn regional_holiday_added_in_the_console_moves_the_due_date__national_rules_4() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        assert_eq!(console_due(&app).await, "Selasa, 31 Maret 2026");
        let r = app
            .post_form(
                "/konsol/kalender/libur",
                &[
                    ("day", "2026-03-30"),
                    ("name", "Hari Jadi Kabupaten Mesuji"),
                    ("kind", "regional"),
                    ("decree", "Keputusan Bupati Mesuji Nomor 3 Tahun 2026"),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        assert_eq!(console_due(&app).await, "Rabu, 1 April 2026");
        let (_, html) = app.get_text("/konsol/kalender?tahun=2026").await;
        assert!(
            html.contains("Hari Jadi Kabupaten Mesuji")
                && html.contains("Keputusan Bupati Mesuji Nomor 3 Tahun 2026")
        );
        // The same day and kind again is a field error, not a 500.
        let again = app
            .post_form(
                "/konsol/kalender/libur",
                &[
                    ("day", "2026-03-30"),
                    ("name", "Lagi"),
                    ("kind", "regional"),
                    ("decree", "Keputusan"),
                ],
            )
            .await;
        assert_eq!(again.status().as_u16(), 422);
        assert!(
            again
                .text()
                .await
                .unwrap()
                .contains("sudah ada pada tanggal tersebut")
        );
        // Removing it brings the old date back.
        let id = cal::holidays(&app.db, Some(2026))
            .await
            .unwrap()
            .into_iter()
            .find(|h| h.kind == "regional")
            .unwrap()
            .id;
        let r = app
            .post_form(&format!("/konsol/kalender/libur/{id}/hapus"), &[])
            .await;
        assert_eq!(r.status().as_u16(), 303);
        assert_eq!(console_due(&app).await, "Selasa, 31 Maret 2026");
        assert_eq!(
            app.post_form("/konsol/kalender/libur/bukan-id/hapus", &[])
                .await
                .status()
                .as_u16(),
            404
        );
        assert!(calendar_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn console_sets_office_days_and_flags_a_missing_year__national_rules_4() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let r = app
            .post_form(
                "/konsol/kalender/pekan",
                &[
                    ("office_code", "DPMPTSP"),
                    ("d1", "true"),
                    ("d2", "true"),
                    ("d3", "true"),
                    ("d4", "true"),
                    ("d5", "true"),
                    ("d6", "true"),
                    ("utc_offset", "7"),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        assert_eq!(
            console_due(&app).await,
            "Senin, 30 Maret 2026",
            "Saturday now counts"
        );
        for bad in [
            vec![("office_code", "NOPE"), ("d1", "true"), ("utc_offset", "7")],
            vec![("office_code", "MPP"), ("utc_offset", "7")],
            vec![("office_code", "MPP"), ("d1", "true"), ("utc_offset", "5")],
        ] {
            assert_eq!(
                app.post_form("/konsol/kalender/pekan", &bad)
                    .await
                    .status()
                    .as_u16(),
                422,
                "{bad:?}"
            );
        }
        let (_, html) = app
            .get_text("/konsol/kalender?dari=2026-12-28&hari=5&jenis=working&kantor=MPP")
            .await;
        assert!(html.contains("Kalender hari libur tahun 2027 belum dimuat"));
        let (_, html) = app.get_text("/konsol/kalender?tahun=2027").await;
        assert!(html.contains("Data hari libur tahun ini belum dimuat"));
        let r = app
            .post_form(
                "/konsol/kalender/tahun",
                &[("year", "2027"), ("year_decree", "SKB Nomor 2 Tahun 2026")],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let (_, html) = app
            .get_text("/konsol/kalender?dari=2026-12-28&hari=5&jenis=working&kantor=MPP")
            .await;
        assert!(!html.contains("belum dimuat"));
        assert_eq!(
            app.post_form(
                "/konsol/kalender/tahun",
                &[("year", "1800"), ("year_decree", "x")]
            )
            .await
            .status()
            .as_u16(),
            422
        );
        assert!(calendar_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn console_edits_a_deadline_rule_and_refuses_a_stale_copy() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let (_, html) = app.get_text("/konsol/kalender").await;
        assert!(
            html.contains("Batang Pasal 12(2)") && html.contains("Seluma Pasal 28(3)"),
            "citations shown"
        );
        let old = cal::effective_rule(&mut Reader::Db(&app.db), "permit_decision_notice")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(old.days, 3);
        let row = cal::deadline_rules(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.code == "permit_decision_notice")
            .unwrap();
        let token = cal::edit_token(&row);
        let path = "/konsol/kalender/tenggat/permit_decision_notice";
        let r = app
            .post_form(
                path,
                &[
                    ("days", "5"),
                    ("rule_kind", "working"),
                    ("citation", "Batang Pasal 12(2)"),
                    ("token", &token),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let r = app
            .post_form(
                path,
                &[
                    ("days", "4"),
                    ("rule_kind", "working"),
                    ("citation", "Batang Pasal 12(2)"),
                    ("token", &token),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 409);
        let r = app
            .post_form(
                path,
                &[
                    ("days", "lima"),
                    ("rule_kind", "mingguan"),
                    ("citation", ""),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 422);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("err-days-permit_decision_notice")
                && html.contains("err-kind-permit_decision_notice")
        );
        let now = cal::effective_rule(&mut Reader::Db(&app.db), "permit_decision_notice")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.days, 5);
        assert_eq!(
            app.post_form("/konsol/kalender/tenggat/tidak_ada", &[("days", "1")])
                .await
                .status()
                .as_u16(),
            404
        );
        assert!(calendar_problems(&app).await.is_empty());
    }
}

#[tokio::test]
async fn cuti_bersama_switch_in_the_console_changes_due_dates__skb_2026() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(ADMIN).await;
        let path = "/konsol/kalender?dari=2026-03-17&hari=3&jenis=working&kantor=DPMPTSP";
        assert!(app.get_text(path).await.1.contains("Jumat, 27 Maret 2026"));
        assert_eq!(
            app.post_form("/konsol/kalender/cuti-bersama", &[])
                .await
                .status()
                .as_u16(),
            303
        );
        assert!(app.get_text(path).await.1.contains("Senin, 23 Maret 2026"));
        assert_eq!(
            app.post_form(
                "/konsol/kalender/cuti-bersama",
                &[("cuti_bersama_is_holiday", "true")]
            )
            .await
            .status()
            .as_u16(),
            303
        );
        assert!(app.get_text(path).await.1.contains("Jumat, 27 Maret 2026"));
    }
}

#[tokio::test]
async fn only_calendar_managers_reach_the_calendar_console() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(PETUGAS).await;
        assert_eq!(app.get("/konsol/kalender").await.status().as_u16(), 403);
        let r = app
            .post_form(
                "/konsol/kalender/libur",
                &[
                    ("day", "2026-03-30"),
                    ("name", "Libur"),
                    ("kind", "regional"),
                    ("decree", "Kep"),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 403);
        let other = app.new_client();
        app.login_staff_on(&other, PIMPINAN).await;
        let r = other.get(app.at("/konsol/kalender")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 403);
        assert!(
            cal::holidays(&app.db, Some(2026))
                .await
                .unwrap()
                .iter()
                .all(|h| h.kind != "regional")
        );
    }
}
