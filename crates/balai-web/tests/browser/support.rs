//! Helpers the journeys share: case-insensitive text lookups, signing in with TOTP.

use balai_testkit::TestApp;
use balai_testkit::browser::{Browser, xpath_literal};
use fantoccini::Locator;
use fantoccini::elements::Element;

const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";

/// An XPath predicate: the element's text contains `text`, ignoring ASCII case and spacing.
pub fn text_contains(text: &str) -> String {
    format!(
        "contains(translate(normalize-space(.), '{UPPER}', '{LOWER}'), {})",
        xpath_literal(&text.to_lowercase())
    )
}

/// Waits for a section heading (h2–h4) inside `<main>` whose text contains `text`, any case.
pub async fn heading(br: &Browser, text: &str) -> Element {
    let xpath = format!(
        "//main//*[self::h2 or self::h3 or self::h4][{}]",
        text_contains(text)
    );
    br.wait_for(
        Locator::XPath(&xpath),
        &format!("a heading containing {text:?}"),
    )
    .await
}

/// Waits for the page's `<h1>` to contain `text` (any case) and returns its text.
pub async fn h1(br: &Browser, text: &str) -> String {
    let xpath = format!("//h1[{}]", text_contains(text));
    let el = br
        .wait_for(
            Locator::XPath(&xpath),
            &format!("an h1 containing {text:?}"),
        )
        .await;
    el.text().await.unwrap_or_default()
}

/// Waits until `<html lang>` is `code`: the page was rendered in that language.
pub async fn wait_for_lang(br: &Browser, code: &str) {
    let css = format!("html[lang='{code}']");
    br.wait_for(Locator::Css(&css), &format!("a page in language {code:?}"))
        .await;
}

/// Clicks the submit button of the form that holds `field`.
pub async fn submit_form_of(br: &Browser, field: &Element, what: &str) {
    let xpath = "ancestor::form[1]//*[(self::button and (not(@type) or @type='submit')) or (self::input and @type='submit')]";
    match field.find(Locator::XPath(xpath)).await {
        Ok(button) => br.follow_element(&button, what).await,
        Err(e) => br.fail(&format!("{what}: no submit button ({e})")).await,
    }
}

/// Signs in at `/masuk` with the demo password; returns nothing until the next page shows.
pub async fn sign_in(br: &Browser, app: &TestApp, email: &str) {
    br.goto(&app.at("/masuk")).await;
    br.fill("input[name=email]", email).await;
    br.fill("input[name=password]", balai_testkit::DEMO_PASSWORD)
        .await;
    let pw = br.find("input[name=password]").await;
    submit_form_of(br, &pw, "the sign-in form").await;
}

/// The base32 TOTP secret shown on the enrolment page, as a person would copy it: the
/// element holding the secret (its `data-secret` or its text), else the `secret` parameter of
/// the `otpauth://` URI on the page.
pub async fn totp_secret(br: &Browser) -> String {
    let el = br
        .wait_for(
            Locator::Css("#totp-secret, [data-secret], [data-totp-secret]"),
            "the TOTP secret on the enrolment page",
        )
        .await;
    let mut raw = String::new();
    for attr in ["data-secret", "data-totp-secret"] {
        if let Ok(Some(v)) = el.attr(attr).await {
            raw = v;
            break;
        }
    }
    if raw.trim().is_empty() {
        raw = el.text().await.unwrap_or_default();
    }
    let secret: String = raw.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if !secret.is_empty() {
        return secret;
    }
    let html = br.client.source().await.unwrap_or_default();
    match secret_from_otpauth(&html) {
        Some(s) => s,
        None => br.fail("the enrolment page shows no TOTP secret").await,
    }
}

/// `secret=…` out of the first `otpauth://` URI in `html`.
fn secret_from_otpauth(html: &str) -> Option<String> {
    let start = html.find("otpauth://")?;
    let uri = &html[start..];
    let end = uri.find(['"', '\'', '<', ' ']).unwrap_or(uri.len());
    let uri = uri[..end].replace("&amp;", "&");
    let query = uri.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case("secret"))
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// Types the current TOTP code (at the application's clock) into the code field and submits.
pub async fn enter_totp(br: &Browser, app: &TestApp, secret: &str) {
    let now = balai_core::Clock::now(app.clock.as_ref());
    let code = balai_testkit::totp_code(secret, now);
    let field = br
        .wait_for(
            Locator::Css("input[name=code], input[name=kode], input[autocomplete=one-time-code]"),
            "the TOTP code field",
        )
        .await;
    br.fill_element(&field, "the TOTP code field", &code).await;
    submit_form_of(br, &field, "the TOTP form").await;
}
