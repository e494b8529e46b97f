//! The accessibility sweep of the staff console: officers with disabilities work there too.

use balai_testkit::TestApp;
use balai_testkit::browser::{Browser, NARROW, WIDE};
use fantoccini::Locator;

use crate::support::{enter_totp, sign_in, totp_secret, wait_for_lang};

/// The console pages an administrator of the mall (admin_mpp) opens.
pub const ADMIN_PAGES: [&str; 29] = [
    "/konsol",
    "/konsol/layanan",
    "/konsol/layanan/baru",
    "/konsol/layanan/KK",
    "/konsol/layanan/KK/ubah",
    "/konsol/layanan/AKTA-LAHIR/versi/1",
    "/konsol/layanan/AKTA-LAHIR/versi/2",
    "/konsol/layanan/AKTA-LAHIR/versi/2/ubah",
    "/konsol/layanan/AKTA-LAHIR/versi/2/pratinjau",
    "/konsol/layanan/AKTA-LAHIR/versi/2/forum",
    "/konsol/konsultasi",
    "/konsol/instansi",
    "/konsol/instansi/baru",
    "/konsol/instansi/DISDUKCAPIL/ubah",
    "/konsol/gerai",
    "/konsol/gerai/baru",
    "/konsol/petugas",
    "/konsol/petugas/baru",
    "/konsol/maklumat",
    "/konsol/maklumat/DISDUKCAPIL",
    "/konsol/pengumuman",
    "/konsol/pengumuman/baru",
    "/konsol/pengumuman/regulasi",
    "/konsol/kalender",
    "/konsol/pengguna",
    "/konsol/pengguna/baru",
    "/konsol/token",
    "/akun",
    "/akun/sandi",
];

/// The auditor's page: the audit trail.
pub const AUDITOR_PAGES: [&str; 1] = ["/konsol/audit"];

/// Signs `email` in, checking the TOTP enrolment page on the way; then checks `pages` in both
/// languages at both widths and signs out. Returns every problem found.
async fn sweep_as(app: &TestApp, br: &Browser, email: &str, pages: &[&str]) -> Vec<String> {
    sign_in(br, app, email).await;
    let secret = totp_secret(br).await;
    let mut problems = br.accessibility_problems_at(&[WIDE, NARROW]).await;
    enter_totp(br, app, &secret).await;
    br.find("form[action='/keluar']").await;
    for lang in ["id", "en"] {
        for path in pages {
            br.goto(&app.at(&format!("{path}?lang={lang}"))).await;
            wait_for_lang(br, lang).await;
            let errors = br.client.find_all(Locator::Css(".error-page")).await;
            if errors.map(|v| !v.is_empty()).unwrap_or(true) {
                let h = br.find("h1").await.text().await.unwrap_or_default();
                problems.push(format!("{path} ({lang}) as {email} shows {h:?}"));
            }
            problems.extend(br.accessibility_problems_at(&[WIDE, NARROW]).await);
        }
    }
    br.follow("form[action='/keluar'] button").await;
    problems
}

/// The administrator's and the auditor's console pages. Returns every problem found.
pub async fn accessibility_sweep(app: &TestApp, br: &Browser) -> Vec<String> {
    let mut problems = sweep_as(app, br, "admin@mesujikab.go.id", &ADMIN_PAGES).await;
    let auditor = "taufan.maulana@mesujikab.go.id";
    problems.extend(sweep_as(app, br, auditor, &AUDITOR_PAGES).await);
    problems
}
