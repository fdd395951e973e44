//! The app's texts: the typed module that leptos_i18n generates from
//! `locales/*.json` (`build.rs`: a missing key fails the build), and its
//! locales as the core's languages.

use cluster_core::lang::Lang;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

/// The generated i18n locale for a language of the core crate.
pub fn locale_of(lang: Lang) -> i18n::Locale {
    match lang {
        Lang::Fr => i18n::Locale::fr,
        Lang::Ar => i18n::Locale::ar,
        Lang::En => i18n::Locale::en,
    }
}

/// The form of a plural text (`cluster_core::plural`: one form per plural
/// category) for the number `n` in `lang`.
pub fn plural(text: impl std::fmt::Display, lang: Lang, n: u64) -> String {
    cluster_core::plural::pick(&text.to_string(), lang, n).to_owned()
}

/// The core language of a generated i18n locale.
pub fn lang_of(locale: i18n::Locale) -> Lang {
    match locale {
        i18n::Locale::fr => Lang::Fr,
        i18n::Locale::ar => Lang::Ar,
        i18n::Locale::en => Lang::En,
    }
}
