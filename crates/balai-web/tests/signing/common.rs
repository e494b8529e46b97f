//! Helpers shared by the signing tests.

use balai_core::Clock;
use balai_core::documents::DocumentKind;
use balai_core::identity::{Actor, Role};
use balai_docs::sign::TrustedKey;
use balai_store::audit::AuditCtx;
use balai_store::identity::{self as ids, SessionUser};
use balai_testkit::TestApp;
use balai_web::signing::{DocumentContent, IssueError, SignInput};
use chrono::NaiveDate;

/// The demo's signing official (DPMPTSP).
pub const PEJABAT: &str = "ahmad.syarifudin@mesujikab.go.id";
pub const PASSPHRASE: &str = "kopi tubruk di pagi hari";

/// The audit chain and every audited record agree.
pub async fn assert_audit_clean(app: &TestApp) {
    let report = balai_store::snapshots::verify(&app.db).await.unwrap();
    assert!(
        report.problems.is_empty(),
        "{:?}: {:?}",
        app.backend,
        report.problems
    );
}

/// A TOTP code `email` has not used yet (the clock moves on when needed).
pub async fn totp(app: &TestApp, email: &str) -> String {
    let user = ids::find_by_email(&app.db, email).await.unwrap().unwrap();
    let secret = ids::totp_secret(&app.db, user.id).await.unwrap().unwrap();
    app.fresh_totp_code(email, &secret).await
}

/// Signs the official in and enrols a key with [`PASSPHRASE`] through the console page.
pub async fn enrol(app: &TestApp) {
    app.login_staff(PEJABAT).await;
    let code = totp(app, PEJABAT).await;
    let r = app
        .post_form(
            "/konsol/tanda-tangan",
            &[
                ("position", "Kepala Dinas Penanaman Modal dan PTSP"),
                ("passphrase", PASSPHRASE),
                ("passphrase2", PASSPHRASE),
                ("totp", &code),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303, "{:?}", r.text().await);
}

/// The official as a signed-in session would carry them.
pub async fn session_user(app: &TestApp, email: &str) -> SessionUser {
    let u = ids::find_by_email(&app.db, email).await.unwrap().unwrap();
    SessionUser {
        user_id: u.id,
        email: u.email,
        display_name: u.display_name,
        role: u.role,
        organisation_id: u.organisation_id,
        totp_enabled: true,
        must_change_password: false,
        csrf_token: String::new(),
        mfa_passed: true,
        expires_at: app.clock.now() + chrono::Duration::hours(1),
    }
}

/// A licence for application `subject_id`.
pub fn licence(subject_id: &str) -> DocumentContent {
    DocumentContent {
        kind: Some(DocumentKind::Licence),
        subject_type: "application".into(),
        subject_id: subject_id.into(),
        organisation_id: None,
        title: "Surat Izin Usaha Perdagangan".into(),
        holder: "Siti Aminah".into(),
        fields: vec![
            ("Nama usaha".into(), "Toko Sembako Berkah".into()),
            (
                "Alamat".into(),
                "Jl. Lintas Timur No. 12, Wiralaga Mulya".into(),
            ),
        ],
        permitted: vec!["Perdagangan eceran bahan makanan pokok".into()],
        conditions: vec!["Izin wajib dipajang di tempat usaha".into()],
        valid_from: NaiveDate::from_ymd_opt(2026, 11, 2),
        valid_until: NaiveDate::from_ymd_opt(2031, 11, 1),
        paragraphs: vec!["Berdasarkan permohonan yang lengkap dan benar.".into()],
        agency_name: "Dinas Penanaman Modal dan PTSP".into(),
        place: "Mesuji".into(),
    }
}

/// Signs `content` as the demo official with `passphrase`, in a transaction committed only
/// when the document was issued.
pub async fn sign(
    app: &TestApp,
    content: &DocumentContent,
    passphrase: &str,
) -> Result<balai_store::signing::IssuedDocumentRow, IssueError> {
    let user = session_user(app, PEJABAT).await;
    let input = SignInput {
        passphrase: passphrase.into(),
        totp: totp(app, PEJABAT).await,
        consent: true,
    };
    let actor = Actor::user(
        user.user_id,
        &user.display_name,
        Role::Pejabat,
        user.organisation_id,
    );
    let ctx = AuditCtx::new(actor, Some("test".into()), app.clock.now());
    let mut tx = app.db.begin().await.unwrap();
    let doc = balai_web::signing::issue(&app.state, &mut tx, &ctx, &user, &input, content).await?;
    tx.commit().await.unwrap();
    Ok(doc)
}

/// The keys the platform vouches for, from the store.
pub async fn trusted(app: &TestApp) -> Vec<TrustedKey> {
    balai_web::signing::trusted_keys(&app.db).await.unwrap()
}

/// The message keys of a refusal.
pub fn fields(e: IssueError) -> Vec<(String, String)> {
    match e {
        IssueError::Fields(f) => f.0,
        IssueError::Other(e) => panic!("not a field error: {e:?}"),
    }
}
