//! The kiosk, the ticket page, the officer desk, the display and its live events, and the
//! mobile service schedule, through HTTP on both engines.

use balai_testkit::{TestApp, backends};
use chrono::{Duration, TimeZone, Utc};

use crate::common::audit_clean;

const PUTRI: &str = "putri.handayani@mesujikab.go.id";

/// Takes a KTP-EL ticket at the kiosk; returns the ticket page's path.
async fn take(app: &TestApp, service: &str, priority: &str) -> String {
    let r = app
        .post_form(
            "/antrian/kiosk/GEDUNG-A",
            &[("service", service), ("priority", priority)],
        )
        .await;
    assert_eq!(r.status(), 303, "{:?}", app.backend);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        to.starts_with("/antrian/tiket/") && to.ends_with("?cetak=1"),
        "{to}"
    );
    to.trim_end_matches("?cetak=1").to_string()
}

#[tokio::test]
async fn a_kiosk_ticket_shows_number_service_people_ahead_and_a_qr() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (status, kiosk) = app.get_text("/antrian/kiosk/GEDUNG-A").await;
        assert_eq!(status, 200);
        assert!(kiosk.contains("Penerbitan KTP Elektronik"), "{b:?}");
        assert!(
            kiosk.contains("Lanjut usia"),
            "{b:?}: priority reasons offered"
        );
        let first = take(&app, "KTP-EL", "").await;
        let second = take(&app, "KTP-EL", "").await;
        let (status, page) = app.get_text(&second).await;
        assert_eq!(status, 200);
        assert!(page.contains("A002"), "{b:?}");
        assert!(page.contains("Penerbitan KTP Elektronik"));
        assert!(
            page.contains("Orang di depan Anda: <strong>1</strong>"),
            "{b:?}"
        );
        assert!(page.contains("<svg"), "{b:?}: QR to follow the ticket");
        let (_, page) = app.get_text(&format!("{first}?lang=en")).await;
        assert!(
            page.contains("People ahead of you: <strong>0</strong>"),
            "{b:?}"
        );
        // A priority visitor (Luwu Pasal 35(3)).
        let p = take(&app, "KTP-EL", "lansia").await;
        let (_, page) = app.get_text(&format!("{p}?lang=id")).await;
        assert!(page.contains("Prioritas"), "{b:?}: {page}");
        audit_clean(&app).await;
    }
}

async fn refused(app: &TestApp, service: &str, priority: &str) -> (u16, String) {
    let r = app
        .post_form(
            "/antrian/kiosk/GEDUNG-A",
            &[("service", service), ("priority", priority)],
        )
        .await;
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_kiosk_refuses_closed_days_hours_and_unknown_services_with_a_message() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, body) = refused(&app, "", "").await;
        assert_eq!(s, 422, "{b:?}");
        assert!(body.contains("Wajib diisi"), "{b:?}");
        let (s, body) = refused(&app, "<script>x</script>", "").await;
        assert_eq!(s, 422);
        assert!(body.contains("Layanan tidak dikenal"), "{b:?}");
        assert!(!body.contains("<script>x"), "{b:?}");
        let (s, _) = refused(&app, "KTP-EL", "vip").await;
        assert_eq!(s, 422, "{b:?}: unknown priority reason");
        // A service without a queue counter at this location.
        let (s, body) = refused(&app, "FOTOKOPI", "").await;
        assert_eq!(s, 422);
        assert!(body.contains("Tidak ada loket"), "{b:?}");
        // Sunday 8 November 2026, 10:00 WIB: closed.
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 8, 3, 0, 0).unwrap());
        let (s, body) = refused(&app, "KTP-EL", "").await;
        assert_eq!(s, 422);
        assert!(body.contains("MPP tutup"), "{b:?}");
        // Monday 14:45 WIB: past the last-ticket time (30 minutes before closing).
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 9, 7, 45, 0).unwrap());
        let (s, body) = refused(&app, "KTP-EL", "").await;
        assert_eq!(s, 422);
        assert!(body.contains("sudah ditutup"), "{b:?}");
        app.clock.advance(Duration::hours(1));
        let (s, body) = refused(&app, "KTP-EL", "").await;
        assert_eq!(s, 422);
        assert!(body.contains("Di luar jam layanan"), "{b:?}");
        let (s, _) = app.get_text("/antrian/kiosk/NOWHERE").await;
        assert_eq!(s, 404);
        let (s, _) = app.get_text("/antrian/tiket/not-a-uuid").await;
        assert_eq!(s, 404);
        let counted: i64 = balai_store::on_db!(app.db.read(), p => sqlx::query_scalar("SELECT COUNT(*) FROM queue_tickets").fetch_one(p).await).unwrap();
        assert_eq!(counted, 0, "{b:?}: no ticket from a refused request");
    }
}

#[tokio::test]
async fn an_officer_calls_serves_and_the_visitor_sees_their_counter() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let ticket = take(&app, "KTP-EL", "").await;
        let officer = app.new_client();
        app.login_staff_on(&officer, PUTRI).await;
        let desk = officer.get(app.at("/konsol/antrian")).send().await.unwrap();
        assert_eq!(desk.status(), 200);
        let desk = desk.text().await.unwrap();
        assert!(desk.contains("Loket 3"), "{b:?}");
        // Calling for a counter the officer is not at.
        let r = app
            .post_form_on(&officer, "/konsol/antrian/panggil", &[("loket", "G04")])
            .await;
        assert_eq!(r.status(), 422, "{b:?}");
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("loket tempat Anda bertugas")
        );
        let r = app
            .post_form_on(&officer, "/konsol/antrian/panggil", &[("loket", "G03")])
            .await;
        assert_eq!(r.status(), 303, "{b:?}");
        let (_, page) = app.get_text(&ticket).await;
        assert!(
            page.contains("Giliran Anda! Silakan menuju loket 3"),
            "{b:?}"
        );
        let (_, page) = app.get_text(&format!("{ticket}?lang=en")).await;
        assert!(page.contains("Your turn! Please go to counter 3"), "{b:?}");
        let (_, board) = app.get_text("/antrian/layar/GEDUNG-A?lang=id").await;
        assert!(board.contains("A001"), "{b:?}: now serving on the display");
        let id = ticket.trim_start_matches("/antrian/tiket/");
        let path = format!("/konsol/antrian/tiket/{id}");
        let step = |aksi: &'static str| {
            let (app, officer, path) = (&app, &officer, path.clone());
            async move {
                app.post_form_on(
                    officer,
                    &path,
                    &[
                        ("loket", "G03"),
                        ("aksi", aksi),
                        ("outcome", "Selesai <b>cetak</b>"),
                    ],
                )
                .await
                .status()
                .as_u16()
            }
        };
        assert_eq!(step("start").await, 303);
        assert_eq!(step("finish").await, 303);
        assert_eq!(step("finish").await, 422, "{b:?}: finishing twice");
        assert_eq!(step("teleport").await, 422, "{b:?}: unknown action");
        let (_, page) = app.get_text(&format!("{ticket}?lang=id")).await;
        assert!(page.contains("Selesai dilayani"), "{b:?}: {page}");
        let r = app
            .post_form_on(&officer, "/konsol/antrian/panggil", &[("loket", "G03")])
            .await;
        assert_eq!(r.headers()["location"], "/konsol/antrian?kosong=1", "{b:?}");
        audit_clean(&app).await;
    }
}

/// The display hears a call over SSE with the Indonesian announcement.
#[tokio::test]
async fn the_display_hears_each_call_live_with_its_announcement() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let mut events = app
            .client
            .get(app.at("/antrian/layar/GEDUNG-A/peristiwa"))
            .send()
            .await
            .unwrap();
        assert_eq!(events.status(), 200);
        assert!(
            events.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        take(&app, "KTP-EL", "").await;
        let officer = app.new_client();
        app.login_staff_on(&officer, PUTRI).await;
        app.post_form_on(&officer, "/konsol/antrian/panggil", &[("loket", "G03")])
            .await;
        let mut seen = String::new();
        while !seen.contains("event: call") || !seen.contains("loket tiga") {
            let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), events.chunk())
                .await
                .expect("an event within 5 s")
                .unwrap()
                .expect("stream open");
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
        assert!(seen.contains("event: issue"), "{b:?}: {seen}");
        assert!(
            seen.contains("Nomor antrian A nol nol satu, silakan menuju loket tiga"),
            "{b:?}: {seen}"
        );
        let (s, _) = app.get_text("/antrian/layar/NOWHERE/peristiwa").await;
        assert_eq!(s, 404);
    }
}

#[tokio::test]
async fn the_mobile_service_schedule_is_public__mesuji_7_6() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let (s, page) = app.get_text("/layanan-keliling").await;
        assert_eq!(s, 200);
        assert!(page.contains("Balai Desa Wiralaga Mulya"), "{b:?}");
        assert!(page.contains("/layanan/KTP-EL"), "{b:?}");
    }
}
