//! `balai_web::signing::issue`: the signature covers the exact PDF bytes, the number, signer,
//! position and time (Batang Pasal 14–15); a wrong passphrase or TOTP changes nothing.

use balai_docs::sign::{NotAuthenticReason, Verdict, verify_pdf};
use balai_testkit::{TestApp, backends};
use object_store::ObjectStoreExt;

use super::common::*;

async fn pdf_of(app: &TestApp, doc: &balai_store::signing::IssuedDocumentRow) -> Vec<u8> {
    let path = object_store::path::Path::from(doc.object_key.as_str());
    let got = app.state.files.get(&path).await.unwrap();
    got.bytes().await.unwrap().to_vec()
}

async fn documents(app: &TestApp, subject_id: &str) -> usize {
    balai_store::signing::documents_of(&app.db, "application", subject_id)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn signed_licence_is_authentic_and_one_changed_byte_is_not__batang_14_15() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        enrol(&app).await;
        let doc = sign(&app, &licence("app-1"), PASSPHRASE).await.unwrap();
        assert_eq!(doc.number, "503/0001/IZIN/2026");
        assert_eq!(doc.signer_kind, "platform");
        assert_eq!(doc.position, "Kepala Dinas Penanaman Modal dan PTSP");
        assert!(doc.consent.contains("kuasa saya"));
        let bytes = pdf_of(&app, &doc).await;
        assert_eq!(
            doc.sha256,
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes))
        );
        let keys = trusted(&app).await;
        let Verdict::Authentic(info) = verify_pdf(&bytes, &keys) else {
            panic!("not authentic");
        };
        assert_eq!(info.number, doc.number);
        assert_eq!(info.signer_position, doc.position);
        assert_eq!(info.doc_id, doc.id);
        // One changed byte anywhere in the document: not authentic.
        let mut changed = bytes.clone();
        let i = changed.len() / 3;
        changed[i] ^= 0x01;
        assert!(!verify_pdf(&changed, &keys).is_authentic());
        // The QR carries a signature over the printed fields.
        let claim = balai_web::signing::qr_claim(&doc).unwrap();
        assert!(balai_docs::sign::verify_qr(&doc.qr_text, &claim, &keys).is_authentic());
        assert!(doc.qr_text.starts_with(&format!(
            "{}/verifikasi/{}",
            app.state.config.public_url, doc.id
        )));
        // The next licence takes the next number.
        let second = sign(&app, &licence("app-2"), PASSPHRASE).await.unwrap();
        assert_eq!(second.number, "503/0002/IZIN/2026");
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn wrong_passphrase_signs_nothing_and_takes_no_number() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        enrol(&app).await;
        let e = sign(&app, &licence("app-1"), "bukan frasa sandi saya")
            .await
            .unwrap_err();
        assert_eq!(
            fields(e),
            vec![(
                "passphrase".to_string(),
                "err-sign-passphrase-wrong".to_string()
            )]
        );
        assert_eq!(documents(&app, "app-1").await, 0);
        // The number was given back with the rolled-back transaction.
        let doc = sign(&app, &licence("app-1"), PASSPHRASE).await.unwrap();
        assert_eq!(doc.number, "503/0001/IZIN/2026");
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn wrong_totp_or_no_consent_or_no_key_signs_nothing() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        let user = session_user(&app, PEJABAT).await;
        let ctx = balai_store::audit::AuditCtx::new(
            balai_core::identity::Actor::system(),
            None,
            balai_core::Clock::now(app.clock.as_ref()),
        );
        let content = licence("app-1");
        let attempt = |input: balai_web::signing::SignInput| {
            let (app, user, ctx, content) = (&app, &user, &ctx, &content);
            async move {
                let mut tx = app.db.begin().await.unwrap();
                balai_web::signing::issue(&app.state, &mut tx, ctx, user, &input, content)
                    .await
                    .unwrap_err()
            }
        };
        app.login_staff(PEJABAT).await;
        let no_key = attempt(balai_web::signing::SignInput {
            passphrase: PASSPHRASE.into(),
            totp: totp(&app, PEJABAT).await,
            consent: true,
        })
        .await;
        assert_eq!(fields(no_key)[0].1, "signing-err-not-enrolled");
        enrol(&app).await;
        let no_consent = attempt(balai_web::signing::SignInput {
            passphrase: PASSPHRASE.into(),
            totp: totp(&app, PEJABAT).await,
            consent: false,
        })
        .await;
        assert_eq!(fields(no_consent)[0].0, "consent");
        let wrong_totp = attempt(balai_web::signing::SignInput {
            passphrase: PASSPHRASE.into(),
            totp: "12345".into(),
            consent: true,
        })
        .await;
        assert_eq!(
            fields(wrong_totp)[0],
            ("totp".into(), "auth-totp-wrong".into())
        );
        assert_eq!(documents(&app, "app-1").await, 0);
        assert_audit_clean(&app).await;
    }
}

#[tokio::test]
async fn a_key_revoked_after_signing_keeps_the_document_authentic() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        enrol(&app).await;
        let doc = sign(&app, &licence("app-1"), PASSPHRASE).await.unwrap();
        app.clock.advance(chrono::Duration::days(30));
        // The session from enrolment has expired meanwhile.
        app.login_staff(PEJABAT).await;
        let code = totp(&app, PEJABAT).await;
        let r = app
            .post_form(
                "/konsol/tanda-tangan/cabut",
                &[("reason", "Pindah jabatan"), ("revoke_totp", &code)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        let keys = trusted(&app).await;
        let bytes = pdf_of(&app, &doc).await;
        assert!(verify_pdf(&bytes, &keys).is_authentic());
        // Signing after the revocation is impossible: no active key.
        let e = sign(&app, &licence("app-2"), PASSPHRASE).await.unwrap_err();
        assert_eq!(fields(e)[0].1, "signing-err-not-enrolled");
        // A signature dated after revocation would be refused by the verifier.
        let mut late = keys.clone();
        late[0].revoked_at = Some(doc.signed_at);
        assert!(matches!(
            verify_pdf(&bytes, &late),
            Verdict::NotAuthentic {
                reason: NotAuthenticReason::KeyRevoked,
                ..
            }
        ));
        assert_audit_clean(&app).await;
    }
}
