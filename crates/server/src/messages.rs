//! Error messages in the request's language, from the app's own locale files
//! (compiled in), so the form and the server word a refusal the same way.

use axum::http::{HeaderMap, header};
use cluster_core::lang::{Lang, resolve};
use cluster_core::plural;
use std::collections::HashMap;
use std::sync::OnceLock;

const FILES: [(Lang, &str); 3] = [
    (Lang::Fr, include_str!("../../../locales/fr.json")),
    (Lang::Ar, include_str!("../../../locales/ar.json")),
    (Lang::En, include_str!("../../../locales/en.json")),
];

fn tables() -> &'static HashMap<Lang, HashMap<String, String>> {
    static TABLES: OnceLock<HashMap<Lang, HashMap<String, String>>> = OnceLock::new();
    TABLES.get_or_init(|| {
        FILES
            .iter()
            .map(|(lang, text)| {
                // The app's build fails on a malformed locale file before this can run.
                let map: HashMap<String, serde_json::Value> = serde_json::from_str(text).unwrap_or_default();
                let strings = map.into_iter().filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned()))).collect();
                (*lang, strings)
            })
            .collect()
    })
}

/// The language of a request: its `Accept-Language` in order, else French.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    let tags: Vec<&str> = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(',').map(|t| t.split(';').next().unwrap_or_default().trim()).collect())
        .unwrap_or_default();
    resolve(None, None, &tags)
}

/// The message `key` in `lang` (French if missing there), with `{{ name }}`
/// placeholders filled from `args`. A plural text (`cluster_core::plural`)
/// gives the form of its first numeric argument.
pub fn message(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let t = tables();
    let template = t.get(&lang).and_then(|m| m.get(key)).or_else(|| t.get(&Lang::Fr).and_then(|m| m.get(key)));
    let mut out = template.cloned().unwrap_or_else(|| key.to_owned());
    for (name, value) in args {
        out = out.replace(&format!("{{{{ {name} }}}}"), value);
    }
    match args.iter().find_map(|(_, v)| v.parse::<u64>().ok()) {
        Some(n) => plural::pick(&out, lang, n).to_owned(),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster_core::plural::Plural;

    #[test]
    fn every_error_code_has_a_message_in_every_language() {
        for lang in Lang::ALL {
            for code in cluster_core::codes::Code::ALL {
                let key = format!("err_{}", code.as_str());
                assert!(tables()[&lang].contains_key(&key), "{key} missing in {}", lang.code());
            }
        }
    }

    /// A text that counts has one form per category of its language, and
    /// counts in every language or in none.
    #[test]
    fn plural_texts_have_their_languages_forms() {
        let mut counting = std::collections::BTreeSet::new();
        for lang in Lang::ALL {
            for (key, text) in &tables()[&lang] {
                let Some(forms) = plural::forms(text) else { continue };
                counting.insert(key.clone());
                let have: Vec<Plural> = forms.iter().map(|(p, _)| *p).collect();
                assert!(have.contains(&Plural::Other), "{key} in {} has no `other` form", lang.code());
                for p in &have {
                    assert!(Plural::categories(lang).contains(p), "{key} in {}: {} is not one of its categories", lang.code(), p.name());
                }
                let needed: &[Plural] = if lang == Lang::Ar { &Plural::ALL } else { &[Plural::One, Plural::Other] };
                for p in needed {
                    assert!(have.contains(p), "{key} in {} lacks its `{}` form", lang.code(), p.name());
                }
            }
        }
        for key in &counting {
            for lang in Lang::ALL {
                assert!(plural::forms(&tables()[&lang][key]).is_some(), "{key} counts in one language but not in {}", lang.code());
            }
        }
        assert!(counting.contains("dir_members_count") && counting.contains("err_rate_limited"));
        assert_eq!(
            message(Lang::Fr, "err_rate_limited", &[("seconds", "1".into())]),
            "Trop de candidatures envoyées depuis cette adresse : réessayez dans 1 seconde."
        );
        assert!(message(Lang::Ar, "err_rate_limited", &[("seconds", "2".into())]).ends_with("بعد ثانيتين."));
        assert!(message(Lang::En, "err_rate_limited", &[("seconds", "30".into())]).ends_with("30 seconds."));
    }

    #[test]
    fn placeholders_and_languages() {
        assert_eq!(message(Lang::En, "err_range", &[("min", "0".into()), ("max", "100".into())]), "The value must be between 0 and 100.");
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, "de-DE,ar;q=0.8".parse().unwrap());
        assert_eq!(request_lang(&h), Lang::Ar);
        assert_eq!(request_lang(&HeaderMap::new()), Lang::Fr);
    }

    /// Latin-digit runs with separators ("09-08", "GBI-2026-7KQ4-M2XD",
    /// "+212…") inside Arabic text are isolated left to right (U+2066 …
    /// U+2069), never marked with U+200E/U+200F. In French and English
    /// "09-08" keeps its hyphen unbreakable (U+2011); Arabic texts use no
    /// U+2011, which their fonts draw as a low stroke, like an underscore.
    #[test]
    fn latin_runs_are_isolated_and_the_law_number_does_not_break() {
        for lang in Lang::ALL {
            for (key, text) in &tables()[&lang] {
                assert!(!text.contains(['\u{200e}', '\u{200f}']), "{key} ({}): a directional mark instead of an isolate", lang.code());
                let wrong = if lang == Lang::Ar { text.contains('\u{2011}') } else { text.contains("09-08") };
                assert!(!wrong, "{key} ({}): the law number's hyphen", lang.code());
            }
        }
        for (key, text) in &tables()[&Lang::Ar] {
            let chars: Vec<char> = text.chars().collect();
            let mut depth = 0i32;
            let mut i = 0;
            while i < chars.len() {
                match chars[i] {
                    '\u{2066}' => depth += 1,
                    '\u{2069}' => depth -= 1,
                    c if c.is_ascii_digit() || c == '+' => {
                        // The run: ASCII letters, digits and separators.
                        let end = (i..chars.len())
                            .find(|&j| !(chars[j].is_ascii_alphanumeric() || "+-\u{2011}…".contains(chars[j])))
                            .unwrap_or(chars.len());
                        let run: String = chars[i..end].iter().collect();
                        let separated = run.contains(['-', '\u{2011}', '+']);
                        assert!(!separated || depth > 0, "{key}: {run:?} is not isolated in {text:?}");
                        i = end;
                        continue;
                    }
                    _ => {}
                }
                i += 1;
            }
        }
    }
}
