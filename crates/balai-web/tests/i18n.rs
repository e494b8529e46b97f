//! Every translation key a template uses exists in Indonesian and in English.

use std::path::Path;

fn keys_in(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            keys_in(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            let text = without_comments(&std::fs::read_to_string(&p).unwrap_or_default());
            let mut rest = text.as_str();
            while let Some(i) = rest.find("page.t(\"") {
                rest = &rest[i + 8..];
                if let Some(end) = rest.find('"') {
                    out.push((p.display().to_string(), rest[..end].to_string()));
                    rest = &rest[end..];
                }
            }
        }
    }
}

/// Template comments (`{# … #}`) may show example calls; they are not rendered.
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{#") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("#}").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out
}

#[test]
fn every_key_used_in_templates_is_translated_in_both_languages() {
    let mut used = Vec::new();
    keys_in(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
        &mut used,
    );
    assert!(!used.is_empty());
    let i18n = balai_web::i18n::I18n::global();
    let missing: Vec<_> = used.iter().filter(|(_, k)| !i18n.has(k)).collect();
    assert!(
        missing.is_empty(),
        "keys without a translation in id and en: {missing:#?}"
    );
}

#[test]
fn every_signing_and_upload_error_is_translated_in_both_languages() {
    let i18n = balai_web::i18n::I18n::global();
    let keys = balai_docs::sign::SignError::MESSAGE_KEYS
        .into_iter()
        .chain(["err-file-unsafe"]);
    let missing: Vec<_> = keys.filter(|k| !i18n.has(k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn every_permit_error_is_translated_in_both_languages() {
    let i18n = balai_web::i18n::I18n::global();
    let missing: Vec<_> = balai_core::permits::MESSAGE_KEYS
        .iter()
        .filter(|k| !i18n.has(k))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn every_survey_error_is_translated_in_both_languages() {
    let i18n = balai_web::i18n::I18n::global();
    let missing: Vec<_> = balai_core::survey::MESSAGE_KEYS
        .iter()
        .filter(|k| !i18n.has(k))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn every_complaint_error_is_translated_in_both_languages() {
    let i18n = balai_web::i18n::I18n::global();
    let missing: Vec<_> = balai_core::complaints::MESSAGE_KEYS
        .iter()
        .filter(|k| !i18n.has(k))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}
