//! Query-string editing that keeps everything it was not asked to change, so a
//! language switch or a filter change never loses the rest of a shared view.

/// Returns `query` (with or without its leading `?`) with every `key`
/// parameter removed and, when `value` is given, one `key=value` appended.
/// Other parameters keep their order and their exact encoding. The result has
/// a leading `?`, or is empty when no parameter remains.
pub fn set_param(query: &str, key: &str, value: Option<&str>) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut parts: Vec<String> =
        query.split('&').filter(|p| !p.is_empty()).filter(|p| p.split('=').next() != Some(key)).map(str::to_owned).collect();
    if let Some(v) = value {
        parts.push(format!("{}={}", encode(key), encode(v)));
    }
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}

/// Percent-encodes a query component (RFC 3986 unreserved characters kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A query string (no `?`) as its decoded key–value pairs, in order.
pub fn parse_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Decodes a query component: `+` is a space, `%XX` a byte; malformed escapes
/// are kept as they are and invalid UTF-8 is replaced, never a panic.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn replaces_and_keeps_others_in_order() {
        assert_eq!(set_param("?q=solaire&lang=fr&sector=solar", "lang", Some("ar")), "?q=solaire&sector=solar&lang=ar");
    }

    #[test]
    fn adds_to_empty_and_removes_to_empty() {
        assert_eq!(set_param("", "lang", Some("en")), "?lang=en");
        assert_eq!(set_param("?lang=en", "lang", None), "");
    }

    #[test]
    fn does_not_touch_similar_keys_or_encoding() {
        assert_eq!(set_param("langue=x&q=%C3%A9nergie+verte", "lang", Some("fr")), "?langue=x&q=%C3%A9nergie+verte&lang=fr");
    }

    #[test]
    fn removes_repeated_keys() {
        assert_eq!(set_param("?lang=fr&lang=en&page=2", "lang", Some("ar")), "?page=2&lang=ar");
    }

    #[test]
    fn encodes_values() {
        assert_eq!(encode("a b&c=é"), "a%20b%26c%3D%C3%A9");
    }

    #[test]
    fn decodes() {
        assert_eq!(decode("%C3%A9nergie+verte"), "énergie verte");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%aé"), "%aé");
        assert_eq!(decode("a%2"), "a%2");
    }

    proptest! {
        #[test]
        fn decode_inverts_encode(s in "\\PC{0,30}") {
            prop_assert_eq!(decode(&encode(&s)), s);
        }

        #[test]
        fn decode_never_panics(s in "\\PC{0,30}") {
            let _ = decode(&s);
        }

        #[test]
        fn result_holds_exactly_one_key(q in "[a-z=&%0-9]{0,40}", v in "\\PC{0,10}") {
            let out = set_param(&q, "lang", Some(&v));
            let n = out.trim_start_matches('?').split('&').filter(|p| p.split('=').next() == Some("lang")).count();
            prop_assert_eq!(n, 1);
        }
    }
}
