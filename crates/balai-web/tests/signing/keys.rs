//! Enrolment, passphrase change and revocation on `/konsol/tanda-tangan` (Batang Pasal 14).

use balai_testkit::{TestApp, backends};

use super::common::*;

async fn body(r: reqwest::Response) -> (u16, String) {
    let s = r.status().as_u16();
    (s, r.text().await.unwrap())
}

#[tokio::test]
async fn official_enrols_a_key_only_their_passphrase_opens__batang_14() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        enrol(&app).await;
        let (status, page) = app.get_text("/konsol/tanda-tangan").await;
        assert_eq!(status, 200);
        assert!(page.contains("Kepala Dinas Penanaman Modal dan PTSP"));
        let user = session_user(&app, PEJABAT).await;
        let key = balai_store::signing::active_key(&app.db, user.user_id)
            .await
            .unwrap()
            .unwrap();
        assert!(page.contains(&key.key_id));
        // The stored key is encrypted: the passphrase is nowhere in it.
        assert!(!key.encrypted_key.contains(PASSPHRASE));
        let encrypted: balai_docs::sign::EncryptedKey = key.encrypted_key.parse().unwrap();
        assert!(encrypted.unlock(PASSPHRASE).is_ok());
        assert!(encrypted.unlock("kopi tubruk di sore hari").is_err());
        // A second enrolment while one key is active is refused.
        let code = totp(&app, PEJABAT).await;
        let r = app
            .post_form(
                "/konsol/tanda-tangan",
                &[
                    ("position", "Kepala Dinas"),
                    ("passphrase", PASSPHRASE),
                    ("passphrase2", PASSPHRASE),
                    ("totp", &code),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 422);
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn weak_or_mismatched_passphrase_or_wrong_totp_enrols_nothing_and_keeps_input() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(PEJABAT).await;
        let position = "Kepala <b>Dinas</b>";
        let cases: [(&str, &str, &str, &str); 3] = [
            (
                "pendek",
                "pendek",
                "",
                "Frasa sandi tanda tangan terlalu lemah",
            ),
            (
                PASSPHRASE,
                "kopi tubruk di sore hari",
                "",
                "Kedua frasa sandi tidak sama",
            ),
            (PASSPHRASE, PASSPHRASE, "000000", "Kode"),
        ];
        for (first, second, code, message) in cases {
            let r = app
                .post_form(
                    "/konsol/tanda-tangan",
                    &[
                        ("position", position),
                        ("passphrase", first),
                        ("passphrase2", second),
                        ("totp", code),
                    ],
                )
                .await;
            let (status, page) = body(r).await;
            assert_eq!(status, 422, "{message}");
            assert!(page.contains(message), "{message}: {page}");
            // The position is kept, shown literally; passphrases are never echoed.
            assert!(page.contains("Kepala &#60;b&#62;Dinas&#60;/b&#62;"));
            assert!(!page.contains(PASSPHRASE));
        }
        let user = session_user(&app, PEJABAT).await;
        let keys = balai_store::signing::keys_of(&app.db, user.user_id)
            .await
            .unwrap();
        assert!(keys.is_empty());
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn passphrase_change_needs_the_old_one_and_keeps_the_key() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        enrol(&app).await;
        let user = session_user(&app, PEJABAT).await;
        let before = balai_store::signing::active_key(&app.db, user.user_id)
            .await
            .unwrap()
            .unwrap();
        let new = "teh manis di sore hari";
        let code = totp(&app, PEJABAT).await;
        let r = app
            .post_form(
                "/konsol/tanda-tangan/sandi",
                &[
                    ("old_passphrase", "bukan frasa sandi saya"),
                    ("new_passphrase", new),
                    ("new_passphrase2", new),
                    ("change_totp", &code),
                ],
            )
            .await;
        let (status, page) = body(r).await;
        assert_eq!(status, 422);
        assert!(page.contains("Frasa sandi lama salah"), "{page}");
        let code = totp(&app, PEJABAT).await;
        let r = app
            .post_form(
                "/konsol/tanda-tangan/sandi",
                &[
                    ("old_passphrase", PASSPHRASE),
                    ("new_passphrase", new),
                    ("new_passphrase2", new),
                    ("change_totp", &code),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let after = balai_store::signing::active_key(&app.db, user.user_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.key_id, before.key_id);
        let encrypted: balai_docs::sign::EncryptedKey = after.encrypted_key.parse().unwrap();
        assert!(encrypted.unlock(new).is_ok());
        assert!(encrypted.unlock(PASSPHRASE).is_err());
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn revoked_key_is_kept_with_its_date_and_a_new_one_can_be_enrolled() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        enrol(&app).await;
        let code = totp(&app, PEJABAT).await;
        let r = app
            .post_form(
                "/konsol/tanda-tangan/cabut",
                &[("reason", "Frasa sandi lupa"), ("revoke_totp", &code)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let (_, page) = app.get_text("/konsol/tanda-tangan").await;
        assert!(page.contains("Frasa sandi lupa"));
        assert!(page.contains("Daftarkan kunci tanda tangan"));
        let user = session_user(&app, PEJABAT).await;
        let keys = balai_store::signing::keys_of(&app.db, user.user_id)
            .await
            .unwrap();
        assert_eq!(keys.len(), 1);
        assert!(keys[0].revoked_at.is_some());
        enrol(&app).await;
        let keys = balai_store::signing::keys_of(&app.db, user.user_id)
            .await
            .unwrap();
        assert_eq!(keys.len(), 2);
        assert_audit_clean(&app).await;
    }
}
