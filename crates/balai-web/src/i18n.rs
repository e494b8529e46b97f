//! Translations: Fluent files embedded in the binary, Bahasa Indonesia first, English second.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::langid;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Parses `id` or `en` (anything else: `None`).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

/// The Fluent files of each language; one file per area so areas are edited independently.
macro_rules! ftl_files {
    ($lang:literal) => {
        [
            include_str!(concat!("../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../locales/", $lang, "/auth.ftl")),
            include_str!(concat!("../locales/", $lang, "/organisations.ftl")),
            include_str!(concat!("../locales/", $lang, "/services.ftl")),
            include_str!(concat!("../locales/", $lang, "/content.ftl")),
            include_str!(concat!("../locales/", $lang, "/calendar.ftl")),
            include_str!(concat!("../locales/", $lang, "/audit.ftl")),
            include_str!(concat!("../locales/", $lang, "/core.ftl")),
            include_str!(concat!("../locales/", $lang, "/notify.ftl")),
            include_str!(concat!("../locales/", $lang, "/signing.ftl")),
            include_str!(concat!("../locales/", $lang, "/survey.ftl")),
            include_str!(concat!("../locales/", $lang, "/permits.ftl")),
            include_str!(concat!("../locales/", $lang, "/complaints.ftl")),
        ]
    };
}

pub struct I18n {
    id: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(
    lang: unic_langid::LanguageIdentifier,
    files: &[&'static str],
) -> FluentBundle<FluentResource> {
    let mut b = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks would show up inside HTML attributes and plain text.
    b.set_use_isolating(false);
    for src in files {
        let res = match FluentResource::try_new(src.to_string()) {
            Ok(r) => r,
            // A syntax error in one message must not take down the site: keep the rest.
            Err((r, errs)) => {
                tracing::error!(?errs, "Fluent syntax errors");
                r
            }
        };
        if let Err(errs) = b.add_resource(res) {
            tracing::error!(?errs, "duplicate Fluent message ids");
        }
    }
    b
}

impl I18n {
    /// The translations, loaded once.
    pub fn global() -> &'static I18n {
        static I18N: OnceLock<I18n> = OnceLock::new();
        I18N.get_or_init(|| I18n {
            id: bundle(langid!("id"), &ftl_files!("id")),
            en: bundle(langid!("en"), &ftl_files!("en")),
        })
    }

    /// The message `key` in `lang`; falls back to Indonesian, then to the key itself.
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.t_args(lang, key, None)
    }

    pub fn t_args(&self, lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
        let primary = match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        };
        for b in [primary, &self.id] {
            if let Some(msg) = b.get_message(key)
                && let Some(pattern) = msg.value()
            {
                let mut errs = vec![];
                return b.format_pattern(pattern, args, &mut errs).into_owned();
            }
        }
        key.to_string()
    }

    /// Whether `key` exists in both languages (tests check every key used).
    pub fn has(&self, key: &str) -> bool {
        self.id.has_message(key) && self.en.has_message(key)
    }
}

/// Shorthand for one named argument.
pub fn arg<'a>(name: &'a str, value: impl Into<fluent_bundle::FluentValue<'a>>) -> FluentArgs<'a> {
    let mut a = FluentArgs::new();
    a.set(name, value);
    a
}
