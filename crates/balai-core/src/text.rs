//! Small text rules shared by search and validation.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::FieldErrors;

/// Folds text for case- and accent-insensitive search: compatibility decomposition (NFKD, so
/// accents split off and full-width or ligature forms become plain letters), combining marks
/// dropped, lower-cased, runs of whitespace collapsed to one space, ends trimmed.
///
/// Search stores `fold(name)` beside the name and compares it with `fold(query)`, so
/// "Akta Kelahiran", "AKTA  kelahiran" and "Âkta kelahiran" all match.
pub fn fold(s: &str) -> String {
    // Lower-case before and after decomposing: "İ" lower-cases to "i" + a combining dot, and
    // compatibility forms such as "㎒" decompose to upper-case letters.
    let lowered: String = s
        .to_lowercase()
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| !is_combining_mark(*c))
        .collect();
    let mut out = String::with_capacity(lowered.len());
    for word in lowered.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The longest prefix of `s` with at most `max` characters (never splits a character).
pub fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((byte_index, _)) => &s[..byte_index],
        None => s,
    }
}

/// Checks the length of a text field in characters, after trimming.
///
/// Records `err-required` when the trimmed value is empty and `min > 0`, `err-too-short` when
/// it has fewer than `min` characters, and `err-too-long` when it has more than `max`.
pub fn check_len(field: &str, value: &str, min: usize, max: usize, errs: &mut FieldErrors) {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        if min > 0 {
            errs.add(field, "err-required");
        }
        return;
    }
    let count = trimmed.chars().count();
    if count < min {
        errs.add(field, "err-too-short");
    } else if count > max {
        errs.add(field, "err-too-long");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fold_ignores_case_accents_and_spacing() {
        assert_eq!(fold("  Akta\tKELAHIRAN \n"), "akta kelahiran");
        assert_eq!(fold("Âkta Kélahiran"), "akta kelahiran");
        assert_eq!(fold("ＫＴＰ－ｅｌ"), "ktp-el");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn truncate_never_splits_a_character() {
        assert_eq!(truncate_chars("héllo", 2), "hé");
        assert_eq!(truncate_chars("abc", 10), "abc");
        assert_eq!(truncate_chars("abc", 0), "");
    }

    #[test]
    fn check_len_reports_required_short_and_long() {
        let mut errs = FieldErrors::new();
        check_len("a", "   ", 1, 10, &mut errs);
        check_len("b", "xy", 3, 10, &mut errs);
        check_len("c", "ééééé", 1, 4, &mut errs);
        check_len("d", "", 0, 4, &mut errs);
        check_len("e", " ok ", 1, 2, &mut errs);
        assert_eq!(errs.get("a"), Some("err-required"));
        assert_eq!(errs.get("b"), Some("err-too-short"));
        assert_eq!(errs.get("c"), Some("err-too-long"));
        assert_eq!(errs.get("d"), None);
        assert_eq!(errs.get("e"), None);
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn truncate_has_at_most_max_chars(s in "\\PC{0,40}", max in 0usize..50) {
            let t = truncate_chars(&s, max);
            prop_assert!(t.chars().count() <= max);
            prop_assert!(s.starts_with(t));
        }
    }
}
