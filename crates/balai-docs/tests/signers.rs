//! The two `DocumentSigner`s: the platform's own key, and the BSrE API client against a local
//! server speaking BSrE's documented shape (`balai_testkit::bsre::FakeBsre`).

#![allow(non_snake_case, clippy::unwrap_used)]

use std::time::Duration;

use balai_docs::DocsError;
use balai_docs::pdf::{Block, DocumentSpec, render_pdf};
use balai_docs::sign::{SignError, SignedFields, TrustedKey, Verdict, generate_key, verify_pdf};
use balai_docs::signer::{
    BsreConfig, BsreIdentity, BsreSigner, BsreUserStatus, DocumentSigner, PlatformSigner,
    SignRequest, SignerAccount, SignerCredential,
};
use balai_testkit::bsre::{FakeBsre, FakeUser, Mode};
use chrono::{TimeZone, Utc};
use uuid::Uuid;

const PASS: &str = "kopi-tubruk-batang-2026";
const NIK: &str = "3325010101700001";
const BSRE_PASS: &str = "Rahasia#BSrE-2026";

fn doc_id() -> Uuid {
    Uuid::from_u128(0x0192_d2f0_0000_7000_8000_0000_0000_0002)
}

fn fields() -> SignedFields {
    SignedFields {
        doc_id: doc_id(),
        number: "503/0124/DPMPTSP/2026".into(),
        holder: "CV Maju Bersama".into(),
        signer_name: "Drs. Bambang Sutrisno, M.Si.".into(),
        signer_position: "Kepala Dinas Penanaman Modal dan PTSP".into(),
        signed_at: Utc.with_ymd_and_hms(2026, 11, 2, 3, 15, 0).unwrap(),
        content_digest: [7; 32],
        verify_url: format!("https://balai.batangkab.go.id/verifikasi/{}", doc_id()),
    }
}

fn render(qr_text: &str) -> Result<Vec<u8>, DocsError> {
    render_pdf(&DocumentSpec {
        title: "Surat Izin".into(),
        subject: String::new(),
        author: "DPMPTSP".into(),
        keywords: vec![],
        lang: "id".into(),
        created_at: Utc.with_ymd_and_hms(2026, 11, 2, 3, 0, 0).unwrap(),
        letterhead: None,
        blocks: vec![
            Block::Title("SURAT IZIN USAHA".into()),
            Block::Qr {
                payload: qr_text.into(),
                caption: "Pindai untuk verifikasi.".into(),
            },
        ],
        footer: Some("Dokumen ini telah ditandatangani secara elektronik.".into()),
    })
}

fn request(credential: SignerCredential, signer: SignerAccount) -> SignRequest<'static> {
    SignRequest {
        fields: fields(),
        credential,
        signer,
        render: &render,
    }
}

#[tokio::test]
async fn the_platform_signer_signs_with_the_officials_key__batang_14() {
    let (key, public) = generate_key(PASS).unwrap();
    let signer = PlatformSigner;
    assert_eq!(signer.kind(), "platform");
    let account = SignerAccount::Platform(key.clone());
    let signed = signer
        .sign(request(SignerCredential::passphrase(PASS), account.clone()))
        .await
        .unwrap();
    let trusted = TrustedKey {
        key_id: public.key_id(),
        public_key: public,
        signer_name: fields().signer_name,
        position: fields().signer_position,
        valid_from: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        revoked_at: None,
    };
    assert!(matches!(
        verify_pdf(&signed.bytes, &[trusted]),
        Verdict::Authentic(_)
    ));

    let wrong = signer
        .sign(request(
            SignerCredential::passphrase("bukan-frasa-ini"),
            account.clone(),
        ))
        .await;
    assert!(matches!(wrong, Err(SignError::WrongPassphrase)));
    let totp = signer
        .sign(request(SignerCredential::totp("123456"), account))
        .await;
    assert!(matches!(totp, Err(SignError::CredentialNotAccepted)));
    let bsre_account = SignerAccount::Bsre(BsreIdentity::Nik(NIK.into()));
    let mismatched = signer
        .sign(request(SignerCredential::passphrase(PASS), bsre_account))
        .await;
    assert!(matches!(mismatched, Err(SignError::CredentialNotAccepted)));
}

#[test]
fn credentials_stay_out_of_debug_output() {
    let shown = format!(
        "{:?} {:?}",
        SignerCredential::passphrase(PASS),
        SignerCredential::totp("123456")
    );
    assert!(
        !shown.contains(PASS) && !shown.contains("123456"),
        "{shown}"
    );
    let config = config("http://127.0.0.1:1", Duration::from_secs(1));
    assert!(!format!("{config:?}").contains("rahasia-klien"));
}

fn config(url: &str, timeout: Duration) -> BsreConfig {
    BsreConfig {
        base_url: format!("{url}/"),
        client_id: "balai-batang".into(),
        client_secret: "rahasia-klien".into(),
        timeout,
        reason: "Penerbitan izin".into(),
        location: "Batang".into(),
    }
}

async fn fake() -> FakeBsre {
    let mut expired = FakeUser::issued(
        "3325010101700002",
        "lama@batangkab.go.id",
        "Pejabat Lama",
        BSRE_PASS,
    );
    expired.status = "EXPIRED".into();
    let mut revoked = FakeUser::issued(
        "3325010101700003",
        "cabut@batangkab.go.id",
        "Pejabat Dicabut",
        BSRE_PASS,
    );
    revoked.status = "REVOKE".into();
    let mut new = FakeUser::issued(
        "3325010101700004",
        "baru@batangkab.go.id",
        "Pejabat Baru",
        BSRE_PASS,
    );
    new.status = "WAITING_FOR_VERIFICATION".into();
    FakeBsre::start(
        "balai-batang",
        "rahasia-klien",
        vec![
            FakeUser::issued(NIK, "kadis@batangkab.go.id", "Bambang Sutrisno", BSRE_PASS),
            expired,
            revoked,
            new,
        ],
    )
    .await
}

fn bsre_request(nik: &str, passphrase: &str) -> SignRequest<'static> {
    request(
        SignerCredential::passphrase(passphrase),
        SignerAccount::Bsre(BsreIdentity::Nik(nik.into())),
    )
}

#[tokio::test]
async fn bsre_signs_with_the_documented_request_and_returns_its_signed_pdf() {
    let server = fake().await;
    let signer = BsreSigner::new(config(&server.url, Duration::from_secs(10))).unwrap();
    assert_eq!(signer.kind(), "bsre");
    let signed = signer.sign(bsre_request(NIK, BSRE_PASS)).await.unwrap();
    let unsigned = render(&fields().verify_url).unwrap();
    assert_ne!(
        signed.bytes, unsigned,
        "BSrE returns its own signed file, not an echo"
    );
    assert!(
        signed.bytes.starts_with(&unsigned),
        "BSrE appends an incremental update"
    );
    assert_eq!(
        signed.qr_text,
        fields().verify_url,
        "the QR carries only the verification link"
    );
    assert_eq!(signed.key_id, "bsre");
    assert_eq!(signed.sha256, hex_sha256(&signed.bytes));
    assert!(lopdf::Document::load_mem(&signed.bytes).is_ok());
    assert_eq!(server.signed_count(), 1);

    let (path, body) = server.requests().pop().unwrap();
    assert_eq!(path, "/api/v2/sign/pdf");
    assert_eq!(body["nik"], NIK);
    assert_eq!(body["passphrase"], BSRE_PASS);
    assert_eq!(body["signatureProperties"][0]["tampilan"], "INVISIBLE");
    assert_eq!(body["signatureProperties"][0]["location"], "Batang");

    let verification = signer.verify(&signed.bytes).await.unwrap();
    assert!(verification.valid, "{verification:?}");
    let mut changed = signed.bytes.clone();
    changed[200] ^= 1;
    let verification = signer.verify(&changed).await.unwrap();
    assert!(!verification.valid);
    assert!(verification.signatures.iter().all(|s| s.modified));
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[tokio::test]
async fn bsre_signs_by_email_with_a_totp_code() {
    let server = fake().await;
    let signer = BsreSigner::new(config(&server.url, Duration::from_secs(10))).unwrap();
    let req = request(
        SignerCredential::totp(BSRE_PASS),
        SignerAccount::Bsre(BsreIdentity::Email("kadis@batangkab.go.id".into())),
    );
    signer.sign(req).await.unwrap();
    let (_, body) = server.requests().pop().unwrap();
    assert_eq!(body["email"], "kadis@batangkab.go.id");
    assert_eq!(body["totp"], BSRE_PASS);
    assert!(body.get("passphrase").is_none());
}

#[tokio::test]
async fn bsre_errors_map_to_distinct_reasons() {
    let server = fake().await;
    let signer = BsreSigner::new(config(&server.url, Duration::from_secs(10))).unwrap();
    type Expect = fn(&SignError) -> bool;
    let cases: [(&str, &str, Expect); 5] = [
        (NIK, "salah-frasa-sandi", |e| {
            matches!(e, SignError::WrongPassphrase)
        }),
        ("3325019999990001", BSRE_PASS, |e| {
            matches!(e, SignError::UserNotRegistered)
        }),
        ("3325010101700002", BSRE_PASS, |e| {
            matches!(e, SignError::CertificateExpired)
        }),
        ("3325010101700003", BSRE_PASS, |e| {
            matches!(e, SignError::CertificateRevoked)
        }),
        (
            "3325010101700004",
            BSRE_PASS,
            |e| matches!(e, SignError::CertificateNotIssued(s) if s == "WAITING_FOR_VERIFICATION"),
        ),
    ];
    for (nik, passphrase, expected) in cases {
        let err = signer
            .sign(bsre_request(nik, passphrase))
            .await
            .unwrap_err();
        assert!(expected(&err), "{nik}: {err:?}");
    }
    assert_eq!(server.signed_count(), 0, "nothing was signed");
    let platform = SignerAccount::Platform(generate_key(PASS).unwrap().0);
    let err = signer
        .sign(request(SignerCredential::passphrase(PASS), platform))
        .await
        .unwrap_err();
    assert!(matches!(err, SignError::CredentialNotAccepted));
}

#[tokio::test]
async fn bsre_user_status_reports_the_certificate_state() {
    let server = fake().await;
    let signer = BsreSigner::new(config(&server.url, Duration::from_secs(10))).unwrap();
    let status = |nik: &str| BsreIdentity::Nik(nik.into());
    assert_eq!(
        signer.user_status(&status(NIK)).await.unwrap(),
        BsreUserStatus::Issued
    );
    assert_eq!(
        signer
            .user_status(&status("3325010101700002"))
            .await
            .unwrap(),
        BsreUserStatus::Expired
    );
    assert_eq!(
        signer.user_status(&status("1")).await.unwrap(),
        BsreUserStatus::NotRegistered
    );
}

#[tokio::test]
async fn bsre_server_trouble_is_an_error_never_a_hang_or_panic() {
    let server = fake().await;
    let signer = BsreSigner::new(config(&server.url, Duration::from_millis(300))).unwrap();
    server.set_mode(Mode::ServerError);
    assert!(matches!(
        signer.sign(bsre_request(NIK, BSRE_PASS)).await,
        Err(SignError::ServerError(_))
    ));
    server.set_mode(Mode::MalformedJson);
    assert!(matches!(
        signer.sign(bsre_request(NIK, BSRE_PASS)).await,
        Err(SignError::BadResponse(_))
    ));
    server.set_mode(Mode::Hang);
    assert!(matches!(
        signer.sign(bsre_request(NIK, BSRE_PASS)).await,
        Err(SignError::Timeout)
    ));
    assert!(matches!(
        signer.verify(b"%PDF-1.7").await,
        Err(SignError::Timeout)
    ));
    assert_eq!(server.signed_count(), 0);
}

#[tokio::test]
async fn bsre_refuses_wrong_client_credentials_and_unreachable_servers() {
    let server = fake().await;
    let mut bad = config(&server.url, Duration::from_secs(10));
    bad.client_secret = "bukan-rahasia".into();
    let signer = BsreSigner::new(bad).unwrap();
    assert!(matches!(
        signer.sign(bsre_request(NIK, BSRE_PASS)).await,
        Err(SignError::ClientRejected)
    ));
    // A port nothing listens on.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let signer =
        BsreSigner::new(config(&format!("http://{closed}"), Duration::from_secs(5))).unwrap();
    assert!(matches!(
        signer.sign(bsre_request(NIK, BSRE_PASS)).await,
        Err(SignError::Unavailable(_))
    ));
}

#[tokio::test]
async fn bsre_refuses_invalid_fields_before_calling_the_service() {
    let server = fake().await;
    let signer = BsreSigner::new(config(&server.url, Duration::from_secs(10))).unwrap();
    let mut req = bsre_request(NIK, BSRE_PASS);
    req.fields.number = "baris\nbaru".into();
    assert!(matches!(
        signer.sign(req).await,
        Err(SignError::InvalidField("number"))
    ));
    assert!(server.requests().is_empty());
}
