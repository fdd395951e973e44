//! Human text in the portal's three languages, with fallback to French.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// `{"fr": "...", "ar": "...", "en": "..."}`: French is required, the other
/// languages fall back to it when missing or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(deny_unknown_fields))]
pub struct Text {
    /// French (the reference language; always present).
    pub fr: String,
    /// Arabic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The same text in every language (for names that do not translate).
    pub fn same(s: &str) -> Text {
        Text { fr: s.to_owned(), ar: None, en: None }
    }

    /// A text in the three languages.
    pub fn new(fr: &str, ar: &str, en: &str) -> Text {
        Text { fr: fr.to_owned(), ar: Some(ar.to_owned()), en: Some(en.to_owned()) }
    }

    /// The text in `lang`, or in French when `lang` has none; with the
    /// language actually used, so the UI can mark a fallback with its own `lang`.
    pub fn get(&self, lang: Lang) -> (&str, Lang) {
        let own = match lang {
            Lang::Fr => None,
            Lang::Ar => self.ar.as_deref(),
            Lang::En => self.en.as_deref(),
        };
        match own {
            Some(s) if !s.trim().is_empty() => (s, lang),
            _ => (&self.fr, Lang::Fr),
        }
    }

    /// The text in `lang` (French fallback).
    pub fn in_lang(&self, lang: Lang) -> &str {
        self.get(lang).0
    }

    /// Every language's version that is present.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.fr.as_str()).chain(self.ar.as_deref()).chain(self.en.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_french_and_says_so() {
        let t = Text { fr: "Énergie".into(), ar: Some("  ".into()), en: Some("Energy".into()) };
        assert_eq!(t.get(Lang::En), ("Energy", Lang::En));
        assert_eq!(t.get(Lang::Ar), ("Énergie", Lang::Fr));
        assert_eq!(t.get(Lang::Fr), ("Énergie", Lang::Fr));
    }

    #[test]
    fn missing_languages_deserialize_to_none() {
        let t: Text = serde_json::from_str(r#"{"fr":"x"}"#).unwrap();
        assert_eq!(t, Text::same("x"));
    }
}
