//! Checks and normal forms for contact fields, shared by the dataset validator
//! and the application form: web addresses, e-mails, Moroccan phone numbers.

use crate::digits::ascii_digits;

/// Why a web address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not `http:` or `https:` (e.g. `javascript:`, `data:`, `ftp:`).
    Scheme,
    /// No host, spaces, or otherwise not an address.
    Invalid,
}

/// Accepts absolute `http`/`https` addresses with a plausible host.
pub fn check_url(url: &str) -> Result<(), UrlProblem> {
    let lower = url.trim_start().to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else if lower.contains(':') {
        return Err(UrlProblem::Scheme);
    } else {
        return Err(UrlProblem::Invalid);
    };
    if url.trim() != url || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::Invalid);
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    let ok_host = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|l| !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if ok_host { Ok(()) } else { Err(UrlProblem::Invalid) }
}

/// A plausible e-mail address: one `@`, a local part and a dotted domain, no
/// spaces or control characters.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let bad =
        |c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | ':' | '"' | '\\' | '[' | ']');
    !local.is_empty()
        && local.len() <= 64
        && s.len() <= 254
        && !local.chars().any(bad)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && domain.contains('.')
        && domain.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// A Moroccan phone number (`05…`, `06…`, `07…` or `+212…`, with spaces, dots
/// and dashes ignored, in any of the digit sets of [`ascii_digits`]) in E.164
/// form (`+212612345678`), or `None`.
pub fn normalize_phone(s: &str) -> Option<String> {
    let compact: String = ascii_digits(s).chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}')).collect();
    let national = if let Some(r) = compact.strip_prefix("+212") {
        r.strip_prefix('(').and_then(|r| r.strip_prefix("0)")).unwrap_or(r).to_owned()
    } else if let Some(r) = compact.strip_prefix("00212") {
        r.to_owned()
    } else if let Some(r) = compact.strip_prefix('0') {
        r.to_owned()
    } else {
        return None;
    };
    let ok = national.len() == 9 && national.chars().all(|c| c.is_ascii_digit()) && matches!(national.as_bytes()[0], b'5' | b'6' | b'7');
    ok.then(|| format!("+212{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn urls() {
        assert_eq!(check_url("https://www.atlas.example/a?b#c"), Ok(()));
        assert_eq!(check_url("http://example.org:8080"), Ok(()));
        assert_eq!(check_url("javascript:alert(1)"), Err(UrlProblem::Scheme));
        assert_eq!(check_url("JavaScript:alert(1)"), Err(UrlProblem::Scheme));
        assert_eq!(check_url("data:text/html,x"), Err(UrlProblem::Scheme));
        assert_eq!(check_url("ftp://example.org"), Err(UrlProblem::Scheme));
        assert_eq!(check_url("www.example.org"), Err(UrlProblem::Invalid));
        assert_eq!(check_url("https://"), Err(UrlProblem::Invalid));
        assert_eq!(check_url("https://exa mple.org"), Err(UrlProblem::Invalid));
        assert_eq!(check_url(" https://example.org"), Err(UrlProblem::Invalid));
    }

    #[test]
    fn emails() {
        assert!(is_email("contact@atlas-solar.example"));
        assert!(!is_email("contact@localhost"));
        assert!(!is_email("a b@example.org"));
        assert!(!is_email("@example.org"));
        assert!(!is_email("x@@example.org"));
        assert!(!is_email("x@example..org"));
    }

    #[test]
    fn phones() {
        assert_eq!(normalize_phone("06 12 34 56 78").as_deref(), Some("+212612345678"));
        assert_eq!(normalize_phone("+212 5 00 00 12 34").as_deref(), Some("+212500001234"));
        assert_eq!(normalize_phone("07.12.34.56.78").as_deref(), Some("+212712345678"));
        assert_eq!(normalize_phone("+212 (0)6-12-34-56-78").as_deref(), Some("+212612345678"));
        assert_eq!(normalize_phone("08 12 34 56 78"), None);
        assert_eq!(normalize_phone("+33 6 12 34 56 78"), None);
        assert_eq!(normalize_phone("06 12 34 56"), None);
        assert_eq!(normalize_phone("06 12 34 56 7a"), None);
    }

    proptest! {
        #[test]
        fn never_panic(s in "\\PC{0,40}") {
            let _ = check_url(&s);
            let _ = is_email(&s);
            let _ = normalize_phone(&s);
        }

        #[test]
        fn e164_is_stable(n in "[567][0-9]{8}") {
            let e = normalize_phone(&format!("0{n}")).unwrap();
            prop_assert_eq!(normalize_phone(&e), Some(e.clone()));
        }
    }
}
