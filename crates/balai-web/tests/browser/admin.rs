//! The administrator's journey through a standard's life: sign in with TOTP, draft a new
//! version, open it for public comment, moderate a citizen's comment, record the consultation
//! forum, adopt it, and see the public page change.

use balai_testkit::TestApp;
use balai_testkit::browser::Browser;
use fantoccini::Locator;

use crate::support::{enter_totp, h1, sign_in, submit_form_of, text_contains, totp_secret};

const ADMIN: &str = "admin@mesujikab.go.id";
/// Penerbitan Kartu Keluarga: no draft of its own in the demo (AKTA-LAHIR has one).
const SERVICE: &str = "KK";
/// The new text of component f (the service product) in the draft.
const NEW_PRODUCT: &str = "Kartu Keluarga bertanda tangan elektronik dengan kode QR, dikirim juga ke surel pemohon dalam bentuk PDF.";
/// The citizen's comment; the `<b>` must come back as text, never as markup.
const COMMENT: &str = "Mohon Kartu Keluarga juga dikirim lewat <b>surel</b> agar warga desa tidak perlu datang dua kali.";
/// Today at the test clock is 2 November 2026; the comment period includes it.
const COMMENT_FROM: &str = "2026-11-02";
const COMMENT_UNTIL: &str = "2026-11-16";
const EFFECTIVE: &str = "2026-12-01";
const EFFECTIVE_SHOWN: &str = "1 Desember 2026";
/// The demo's version 1 took effect on 2 January 2026 (services.json).
const OLD_EFFECTIVE_SHOWN: &str = "2 Januari 2026";

/// The whole journey; `admin` and `citizen` are two separate browsers (two people).
pub async fn draft_consult_and_adopt(app: &TestApp, admin: &Browser, citizen: &Browser) {
    let now = balai_core::Clock::now(app.clock.as_ref());
    let today_wib = (now + chrono::Duration::hours(7)).date_naive().to_string();
    assert_eq!(
        today_wib, COMMENT_FROM,
        "the journey's dates assume the test clock starts on {COMMENT_FROM}"
    );
    sign_in_with_new_totp(app, admin).await;
    let no = draft_new_version(app, admin).await;
    open_for_comment(admin, no).await;
    comment_as_citizen(app, citizen).await;
    approve_comment(app, admin).await;
    citizen.goto(&app.at(&format!("/layanan/{SERVICE}"))).await;
    citizen.wait_for_text(COMMENT).await;
    record_forum(app, admin, no).await;
    adopt(app, admin, no).await;
    public_page_shows_the_new_version(app, citizen, no).await;
}

/// Signs in with the demo password and enrols an authenticator (staff must: TOTP), landing in
/// the console.
async fn sign_in_with_new_totp(app: &TestApp, br: &Browser) {
    sign_in(br, app, ADMIN).await;
    let secret = totp_secret(br).await;
    assert!(
        br.path().await.starts_with("/masuk/totp/daftar"),
        "a staff member without TOTP should be sent to enrol, not to {}",
        br.path().await
    );
    enter_totp(br, app, &secret).await;
    br.find("a[href='/konsol/layanan']").await;
    assert!(
        br.path().await.starts_with("/konsol"),
        "after enrolling, the administrator lands on {}, not the console",
        br.path().await
    );
}

/// Finds the service in the console, starts a new version and changes its product text;
/// returns the new version's number.
async fn draft_new_version(app: &TestApp, br: &Browser) -> u32 {
    br.goto(&app.at("/konsol/layanan")).await;
    let q = br.find("main form[role=search] input[name=q]").await;
    br.fill_element(&q, "the console's service search", "kartu keluarga")
        .await;
    submit_form_of(br, &q, "the console's service search").await;
    br.follow(&format!("main a[href='/konsol/layanan/{SERVICE}']"))
        .await;
    h1(br, "Kartu Keluarga").await;
    let new_version = format!("main form[action='/konsol/layanan/{SERVICE}/versi'] button");
    br.follow(&new_version).await;

    let product = br.find("#f-product").await;
    let Some(no) = version_in_path(&br.path().await) else {
        br.fail("the editor's address has no version number").await
    };
    assert!(no >= 2, "the new version is number {no}");
    br.fill_element(&product, "the product field", NEW_PRODUCT)
        .await;
    br.fill(
        "#f-change_note",
        "Produk kini juga dikirim lewat surel (usulan forum konsultasi).",
    )
    .await;
    br.follow("main form button[name=action][value=save].btn-primary")
        .await;
    br.wait_for(
        Locator::Css(&format!(
            "main a[href='/konsol/layanan/{SERVICE}/versi/{no}/ubah']"
        )),
        "the saved draft's page (with its edit link)",
    )
    .await;
    br.follow(&format!(
        "main a[href='/konsol/layanan/{SERVICE}/versi/{no}/pratinjau']"
    ))
    .await;
    br.wait_for_text(NEW_PRODUCT).await;
    no
}

/// `N` out of `/konsol/layanan/CODE/versi/N/…`.
fn version_in_path(path: &str) -> Option<u32> {
    let rest = path.split("/versi/").nth(1)?;
    rest.split(['/', '?', '#']).next()?.parse().ok()
}

fn version_page(no: u32) -> String {
    format!("/konsol/layanan/{SERVICE}/versi/{no}")
}

/// Opens the draft for public comment for two weeks starting today.
async fn open_for_comment(br: &Browser, no: u32) {
    br.follow(&format!("main a[href='{}']", version_page(no)))
        .await;
    br.fill("#f-comment_from", COMMENT_FROM).await;
    br.fill("#f-comment_until", COMMENT_UNTIL).await;
    let until = br.find("#f-comment_until").await;
    submit_form_of(br, &until, "the open-for-comment form").await;
    br.wait_for(
        Locator::Css(&format!(
            "main form[action='{}/rancangan']",
            version_page(no)
        )),
        "the version under consultation (with its back-to-draft button)",
    )
    .await;
}

/// A citizen, not signed in, comments on the public page while the period is open.
async fn comment_as_citizen(app: &TestApp, br: &Browser) {
    br.goto(&app.at(&format!("/layanan/{SERVICE}"))).await;
    br.find("#konsultasi").await;
    br.fill("#f-name", "Rina Marlina").await;
    br.select("#f-group", "pengguna_layanan").await;
    br.fill("#f-body", COMMENT).await;
    let body = br.find("#f-body").await;
    submit_form_of(br, &body, "the comment form").await;
    br.find("main [role=status]").await;
    assert!(
        br.path().await.contains("terkirim"),
        "after commenting the citizen is on {}",
        br.path().await
    );
    assert!(
        !br.body_text().await.contains(COMMENT),
        "the comment is shown before it was moderated"
    );
}

/// The administrator approves the comment in the moderation queue; its markup stays text.
async fn approve_comment(app: &TestApp, br: &Browser) {
    br.goto(&app.at("/konsol/konsultasi")).await;
    let card = format!(
        "//main//li[{}]",
        text_contains("tidak perlu datang dua kali")
    );
    let el = br
        .wait_for(
            Locator::XPath(&card),
            "the citizen's comment in the moderation queue",
        )
        .await;
    let shown = el.text().await.unwrap_or_default();
    assert!(
        shown.contains("<b>surel</b>"),
        "the comment's markup was not shown literally: {shown:?}"
    );
    let approve = format!("{card}//button[@value='approve']");
    let button = br
        .wait_for(Locator::XPath(&approve), "the comment's approve button")
        .await;
    br.follow_element(&button, "the approve button").await;
    let left = br.client.find_all(Locator::XPath(&card)).await;
    assert!(
        left.map(|v| v.is_empty()).unwrap_or(false),
        "the approved comment is still waiting in the queue"
    );
}

/// Records the consultation forum (participants by group, agreed record, one follow-up).
async fn record_forum(app: &TestApp, br: &Browser, no: u32) {
    br.goto(&app.at(&version_page(no))).await;
    br.follow(&format!("main a[href='{}/forum']", version_page(no)))
        .await;
    br.fill("#f-held_on", "2026-11-10").await;
    br.fill("#f-place", "Aula Mal Pelayanan Publik Mesuji")
        .await;
    br.fill("#f-count-pengguna_layanan", "12").await;
    br.fill("#f-count-masyarakat_sipil", "4").await;
    br.fill("#f-count-instansi_terkait", "3").await;
    br.fill(
        "#f-agreed_record",
        "Peserta sepakat Kartu Keluarga dikirim juga lewat surel pemohon.",
    )
    .await;
    br.fill("#f-fu-0-item", "Siapkan pengiriman surel dari SIAK")
        .await;
    br.fill("#f-fu-0-owner", "Bidang Pencatatan Sipil").await;
    br.fill("#f-fu-0-due", "2026-11-27").await;
    br.follow("main form button[name=action][value=save].btn-primary")
        .await;
    br.wait_for_text("Aula Mal Pelayanan Publik Mesuji").await;
    assert!(
        br.path().await.starts_with(&version_page(no)) && !br.path().await.ends_with("/forum"),
        "after saving the forum the administrator is on {}",
        br.path().await
    );
}

/// Adopts the version with its decree and the date it takes effect.
async fn adopt(app: &TestApp, br: &Browser, no: u32) {
    br.goto(&app.at(&version_page(no))).await;
    br.fill(
        "#f-decree_number",
        "Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil Nomor 470/215/IV.07/2026",
    )
    .await;
    br.fill("#f-effective_from", EFFECTIVE).await;
    let field = br.find("#f-effective_from").await;
    submit_form_of(br, &field, "the adoption form").await;
    br.wait_for_text("470/215/IV.07/2026").await;
    let adopt_form = format!("main form[action='{}/tetapkan']", version_page(no));
    let left = br.client.find_all(Locator::Css(&adopt_form)).await;
    assert!(
        left.map(|v| v.is_empty()).unwrap_or(false),
        "the adopted version still offers to be adopted"
    );
}

/// The public page shows the new product text, the new date and both versions in its history.
async fn public_page_shows_the_new_version(app: &TestApp, br: &Browser, no: u32) {
    br.goto(&app.at(&format!("/layanan/{SERVICE}"))).await;
    h1(br, "Kartu Keluarga").await;
    br.wait_for_text(NEW_PRODUCT).await;
    br.wait_for_text(&format!("Berlaku sejak {EFFECTIVE_SHOWN}"))
        .await;
    let rows = "//section[@aria-labelledby='riwayat']//tbody/tr";
    let old = format!("{rows}[{}]", text_contains(OLD_EFFECTIVE_SHOWN));
    br.wait_for(Locator::XPath(&old), "version 1 in the history")
        .await;
    let new = format!(
        "{rows}[{}][.//*[contains(@class, 'badge')]]",
        text_contains(EFFECTIVE_SHOWN)
    );
    let row = br
        .wait_for(
            Locator::XPath(&new),
            "the new version, marked current, in the history",
        )
        .await;
    let text = row.text().await.unwrap_or_default();
    assert!(
        text.starts_with(&no.to_string()),
        "the current row of the history reads {text:?}"
    );
    let form = br.client.find_all(Locator::Css("#konsultasi form")).await;
    assert!(
        form.map(|v| v.is_empty()).unwrap_or(false),
        "the comment form is still shown after adoption"
    );
}
