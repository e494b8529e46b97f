//! The visitor's journeys on the public portal: finding a service and reading its standard in
//! both languages, and the accessibility sweep of every public page.

use balai_testkit::TestApp;
use balai_testkit::browser::{Browser, NARROW, WIDE};
use fantoccini::Locator;

use crate::support::{h1, heading, submit_form_of, text_contains, wait_for_lang};

/// The sections of a standard a visitor looks for, in Indonesian and in English
/// (PermenPANRB 15/2014 components; Seluma Pasal 23).
const SECTIONS_ID: [&str; 5] = [
    "Persyaratan",
    "Prosedur",
    "Waktu Penyelesaian",
    "Biaya",
    "Produk",
];
const SECTIONS_EN: [&str; 5] = ["Requirements", "Procedure", "Completion", "Fee", "Product"];

/// From the home page: search, open the result, read the standard, switch to English and back.
pub async fn find_and_read_a_standard(app: &TestApp, br: &Browser) {
    br.goto(&app.at("/?lang=id")).await;
    wait_for_lang(br, "id").await;
    let search = br.find("main form[role=search] input[name=q]").await;
    br.fill_element(&search, "the home page's search box", "akta kelahiran")
        .await;
    submit_form_of(br, &search, "the home page's search form").await;

    let result = br
        .wait_for(
            Locator::Css("main a[href='/layanan/AKTA-LAHIR']"),
            "the search result for the birth certificate (AKTA-LAHIR)",
        )
        .await;
    let path = br.path().await;
    assert!(
        path.starts_with("/layanan?") && path.contains("q=akta"),
        "the search went to {path}, not the service list with the query"
    );
    let label = result.text().await.unwrap_or_default();
    assert!(
        label.contains("Akta Kelahiran"),
        "the result link reads {label:?}, not the service's name"
    );
    br.follow_element(&result, "the search result").await;

    let title_id = h1(br, "Akta Kelahiran").await;
    assert_eq!(br.path().await, "/layanan/AKTA-LAHIR");
    for s in SECTIONS_ID {
        heading(br, s).await;
    }

    br.follow("a.lang-switch[hreflang=en]").await;
    wait_for_lang(br, "en").await;
    let title_en = h1(br, "Birth Certificate").await;
    assert_ne!(
        title_en, title_id,
        "the English page shows the Indonesian name"
    );
    for s in SECTIONS_EN {
        heading(br, s).await;
    }
    let indonesian = format!(
        "//main//*[self::h2 or self::h3][{}]",
        text_contains("Persyaratan")
    );
    let left = br.client.find_all(Locator::XPath(&indonesian)).await;
    assert!(
        left.map(|v| v.is_empty()).unwrap_or(false),
        "the English page still has an Indonesian heading \"Persyaratan\""
    );

    br.follow("a.lang-switch[hreflang=id]").await;
    wait_for_lang(br, "id").await;
    assert_eq!(h1(br, "Akta Kelahiran").await, title_id);
    heading(br, "Persyaratan").await;
    assert_eq!(br.path().await, "/layanan/AKTA-LAHIR?lang=id");
}

/// Every public page the portal has (issue 2: "an automated accessibility check passes on
/// every public page"), plus an unknown address for the 404 page.
pub const PUBLIC_PAGES: [&str; 14] = [
    "/",
    "/layanan",
    "/layanan?q=ktp",
    "/layanan?halaman=2",
    "/layanan?instansi=DISDUKCAPIL&gratis=1",
    "/layanan/KTP-EL",
    // The demo's draft of this standard is open for comment: the page has the comment form.
    CONSULTATION_PAGE,
    "/instansi",
    "/instansi/DISDUKCAPIL",
    "/pengumuman",
    "/regulasi",
    "/masuk",
    "/daftar",
    UNKNOWN_PAGE,
];

/// `path` with `lang=CODE` added to its query.
fn with_lang(path: &str, lang: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}lang={lang}")
}

/// A service whose draft standard the demo opened for public comment.
const CONSULTATION_PAGE: &str = "/layanan/AKTA-LAHIR";

/// The address in [`PUBLIC_PAGES`] that must give the 404 page.
const UNKNOWN_PAGE: &str = "/halaman-yang-tidak-ada";

/// Opens `path` in `lang` and runs the checker at 1280 and 320 px. A page that should exist
/// but shows the error page is a problem too: checking the error page instead proves nothing.
async fn check_page(app: &TestApp, br: &Browser, path: &str, lang: &str) -> Vec<String> {
    br.goto(&app.at(&with_lang(path, lang))).await;
    wait_for_lang(br, lang).await;
    let errors = br.client.find_all(Locator::Css(".error-page")).await;
    let is_error = errors.map(|v| !v.is_empty()).unwrap_or(false);
    let mut problems = vec![];
    if is_error != (path == UNKNOWN_PAGE) {
        let h = br.find("h1").await.text().await.unwrap_or_default();
        problems.push(format!(
            "{path} ({lang}) shows {h:?}, which is not the page expected"
        ));
    }
    problems.extend(br.accessibility_problems_at(&[WIDE, NARROW]).await);
    problems
}

/// Every page of [`PUBLIC_PAGES`] and the pages reached from them (an announcement; the
/// sign-in, comment and registration forms showing their error messages), in both languages,
/// at both widths. Returns every problem found.
pub async fn accessibility_sweep(app: &TestApp, br: &Browser) -> Vec<String> {
    let mut problems = vec![];
    for lang in ["id", "en"] {
        for path in PUBLIC_PAGES {
            problems.extend(check_page(app, br, path, lang).await);
        }
        br.goto(&app.at("/pengumuman")).await;
        let first = br.find("main a[href^='/pengumuman/']").await;
        if let Ok(Some(href)) = first.attr("href").await {
            problems.extend(check_page(app, br, &href, lang).await);
        }

        br.goto(&app.at("/masuk")).await;
        br.fill("input[name=email]", "admin@mesujikab.go.id").await;
        br.fill("input[name=password]", "bukan-kata-sandinya").await;
        let pw = br.find("input[name=password]").await;
        submit_form_of(br, &pw, "the sign-in form").await;
        br.find("main .alert-error, main .field-error, main [role=alert]")
            .await;
        problems.extend(labelled(br, "sign-in form with an error").await);

        br.goto(&app.at(CONSULTATION_PAGE)).await;
        let body = br.find("#konsultasi textarea[name=body]").await;
        submit_form_of(br, &body, "the empty comment form").await;
        br.find("#konsultasi .field-error").await;
        problems.extend(labelled(br, "comment form with errors").await);

        br.goto(&app.at("/daftar")).await;
        let email = br.find("input[name=email]").await;
        submit_form_of(br, &email, "the registration form").await;
        br.find("main .field-error").await;
        problems.extend(labelled(br, "registration form with errors").await);
    }
    problems
}

/// Runs the checker on the page as it is (after a form post) and says which state it was.
async fn labelled(br: &Browser, state: &str) -> Vec<String> {
    br.accessibility_problems_at(&[WIDE, NARROW])
        .await
        .into_iter()
        .map(|p| format!("{p} ({state})"))
        .collect()
}
