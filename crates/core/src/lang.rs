//! The portal's languages and the rule that picks one for a visitor
//! (docs/routes.md, "Language"): `?lang` wins, then the saved choice, then the
//! browser's languages in order of preference, then French.

/// A language the portal is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// French, the working language of the sector and the default.
    Fr,
    /// Arabic, written right to left.
    Ar,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::Ar, Lang::En];

    /// The default when nothing else decides.
    pub const DEFAULT: Lang = Lang::Fr;

    /// The BCP 47 code used in URLs, storage and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The language's own name for itself, as a switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::Ar => "العربية",
            Lang::En => "English",
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }

    /// The value of `<html dir>` for this language.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// An exact code as written in a URL or in storage (`fr`, `ar`, `en`,
    /// any case); anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// A browser language tag (`fr-FR`, `ar_MA`, `en`), matched on its primary
    /// subtag.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Lang::from_code(primary)
    }
}

/// Picks the language: a valid `url` code wins, then a valid `saved` code, then
/// the first supported entry of the browser's `preferred` tags, then French.
pub fn resolve<S: AsRef<str>>(url: Option<&str>, saved: Option<&str>, preferred: &[S]) -> Lang {
    url.and_then(Lang::from_code)
        .or_else(|| saved.and_then(Lang::from_code))
        .or_else(|| preferred.iter().find_map(|t| Lang::from_tag(t.as_ref())))
        .unwrap_or(Lang::DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NONE: [&str; 0] = [];

    #[test]
    fn url_wins_over_everything() {
        assert_eq!(resolve(Some("ar"), Some("en"), &["en-US"]), Lang::Ar);
    }

    #[test]
    fn saved_choice_beats_browser() {
        assert_eq!(resolve(None, Some("en"), &["ar-MA"]), Lang::En);
    }

    #[test]
    fn invalid_url_value_is_ignored() {
        assert_eq!(resolve(Some("de"), Some("en"), &NONE), Lang::En);
        assert_eq!(resolve(Some(""), None, &["ar"]), Lang::Ar);
    }

    #[test]
    fn browser_languages_in_order_of_preference() {
        assert_eq!(resolve(None, None, &["de-DE", "en-GB", "fr"]), Lang::En);
        assert_eq!(resolve(None, None, &["ar_MA"]), Lang::Ar);
    }

    #[test]
    fn unsupported_browser_falls_back_to_french() {
        assert_eq!(resolve(None, None, &["de-DE", "es"]), Lang::Fr);
        assert_eq!(resolve(None, Some("garbage"), &NONE), Lang::Fr);
    }

    #[test]
    fn codes_round_trip_and_direction() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(Lang::from_tag(&format!("{}-XX", l.code().to_uppercase())), Some(l));
        }
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Fr.dir(), "ltr");
        assert_eq!(Lang::from_code("fra"), None);
    }

    proptest! {
        #[test]
        fn resolve_never_panics(url in proptest::option::of(".*"), saved in proptest::option::of(".*"),
                                prefs in proptest::collection::vec(".*", 0..4)) {
            let _ = resolve(url.as_deref(), saved.as_deref(), &prefs);
        }
    }
}
