//! Applying online (Batang Pasal 7–8) and tracking (Pasal 3(3)c) through the pages.

use balai_store::permits as store;
use balai_testkit::{TestApp, backends};

use super::common::*;

#[tokio::test]
async fn citizen_applies_uploads_declares_and_gets_a_number__batang_8() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_citizen(WARGA).await;
        let (status, html) = app.get_text("/layanan/SIP-NAKES/ajukan").await;
        assert_eq!(status, 200, "{b:?}");
        assert!(html.contains("Nomor STR"));

        // A wrong NIK and a district code instead of a village: messages, input kept.
        let mut bad = sip_nakes_answers();
        bad[1] = ("nik_pemohon", "12345");
        bad[6] = ("tempat_praktik.region", "18.11.01");
        let r = app.post_form("/layanan/SIP-NAKES/ajukan", &bad).await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("NIK harus terdiri dari 16 angka"), "{html}");
        assert!(html.contains("Pilih kode desa/kelurahan lengkap"));
        assert!(html.contains("STR-2026-0001"));
        assert!(html.contains("Aminah") && !html.contains("<b>Aminah"));

        let id = start(&app, "SIP-NAKES", &sip_nakes_answers()).await;
        let (status, html) = app.get_text(&format!("/akun/permohonan/{id}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Draf"));

        // Nothing uploaded, nothing declared: every problem at once, nothing filed.
        let r = app
            .post_form(&format!("/akun/permohonan/{id}/ajukan"), &[])
            .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("Centang pernyataan"), "{html}");
        assert!(html.contains("Unggah dokumen wajib ini"));

        // A program disguised as a PDF is refused next to its field.
        let (first, _, _) = uploads(&app, "SIP-NAKES").await[0];
        let exe = b"MZ\x90\x00\x03\x00\x00\x00%PDF-1.4".to_vec();
        let (status, _, html) = upload(&app, id, first, "str.pdf", exe).await;
        assert_eq!(status, 422);
        assert!(html.contains("err-doc-"), "{html}");
        upload_required(&app, id, "SIP-NAKES").await;

        let declared = [("declaration", "true")];
        let r = app
            .post_form(&format!("/akun/permohonan/{id}/ajukan"), &declared)
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), format!("/akun/permohonan/{id}?diajukan=1"));
        // A second click files nothing new.
        let r = app
            .post_form(&format!("/akun/permohonan/{id}/ajukan"), &declared)
            .await;
        assert_eq!(r.status(), 303);
        let row = store::by_id(&app.db, id).await.unwrap().unwrap();
        assert_eq!(
            row.registration_number.as_deref(),
            Some("PTSP/2026/000001"),
            "{b:?}"
        );
        assert_eq!(row.state.as_deref(), Some("verification"));
        assert!(row.state_due_on.is_some());
        assert_eq!(store::events(&app.db, id, true).await.unwrap().len(), 1);
        let (_, html) = app
            .get_text(&format!("/akun/permohonan/{id}?diajukan=1"))
            .await;
        assert!(html.contains("PTSP/2026/000001"));

        let r = app
            .get(&format!("/akun/permohonan/{id}/tanda-terima"))
            .await;
        assert_eq!(r.status(), 200);
        let pdf = r.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF-"));

        let (status, html) = app.get_text("/akun/permohonan").await;
        assert_eq!(status, 200);
        assert!(html.contains("PTSP/2026/000001"));
        verify(&app).await;
    }
}

#[tokio::test]
async fn another_person_sees_no_application_and_a_stranger_must_sign_in() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_citizen(WARGA).await;
        let id = start(&app, "SIP-NAKES", &sip_nakes_answers()).await;
        let other = app.new_client();
        app.login_staff_on(&other, "yudi.permana@mesujikab.go.id")
            .await;
        for path in ["", "/tanda-terima"] {
            let r = other
                .get(app.at(&format!("/akun/permohonan/{id}{path}")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{b:?} {path}");
        }
        let stranger = app.new_client();
        let r = stranger
            .get(app.at(&format!("/akun/permohonan/{id}")))
            .send()
            .await
            .unwrap();
        assert_ne!(r.status(), 200);
        let (status, _) = app.get_text("/akun/permohonan/not-a-uuid").await;
        assert_eq!(status, 404);
        let (status, _) = app.get_text("/layanan/KTP-EL/ajukan").await;
        assert_eq!(
            status, 404,
            "a service without permit settings takes no applications"
        );
    }
}

#[tokio::test]
async fn tracking_needs_the_pin_or_birth_date_and_limits_failures__batang_3_3_c() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_citizen(WARGA).await;
        let id = start(&app, "SIP-NAKES", &sip_nakes_answers()).await;
        upload_required(&app, id, "SIP-NAKES").await;
        let r = app
            .post_form(
                &format!("/akun/permohonan/{id}/ajukan"),
                &[("declaration", "true")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let row = store::by_id(&app.db, id).await.unwrap().unwrap();
        let pin = row.tracking_pin.clone().unwrap();
        let number = "PTSP%2F2026%2F000001";
        let anon = app.new_client();
        let get = |q: String| {
            let anon = anon.clone();
            let url = app.at(&format!("/lacak?{q}"));
            async move {
                let r = anon.get(url).send().await.unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            }
        };
        let (status, html) = get(format!("nomor={number}&kode={pin}")).await;
        assert_eq!(status, 200, "{b:?}");
        assert!(html.contains("Surat Izin Praktik"), "{html}");
        assert!(html.contains("Verifikasi berkas"));
        let (status, _) = get(format!("nomor={number}&kode=1990-08-07")).await;
        assert_eq!(status, 200);
        // A wrong code and an unknown number read the same.
        let (s1, wrong) = get(format!("nomor={number}&kode=000000")).await;
        let (s2, unknown) = get("nomor=PTSP%2F2026%2F999999&kode=000000".to_owned()).await;
        assert_eq!((s1, s2), (404, 404));
        assert!(wrong.contains("tidak ditemukan") && unknown.contains("tidak ditemukan"));
        for _ in 0..8 {
            get(format!("nomor={number}&kode=111111")).await;
        }
        let (status, _) = get(format!("nomor={number}&kode={pin}")).await;
        assert_eq!(
            status, 429,
            "ten failures block even the right code for a while"
        );
        let (status, html) = get(String::new()).await;
        assert_eq!(status, 200);
        assert!(html.contains("PIN"));
    }
}
