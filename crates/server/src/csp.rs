//! The Content-Security-Policy of the app's pages. The built `index.html`
//! carries its scripts inline, their text fixed per build, so their hashes,
//! computed here from the built page (again whenever it changes:
//! `web::BuiltPolicies`), are what allows them.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The `'sha256-…'` sources of every inline `<script>` of `html` that runs
/// (not its data blocks).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let tag_end = match rest[start..].find('>') {
            Some(i) => start + i + 1,
            None => break,
        };
        let tag = &rest[start..tag_end];
        let Some(close) = rest[tag_end..].find("</script>") else {
            break;
        };
        let body = &rest[tag_end..tag_end + close];
        // A data block (JSON-LD) is never run: no policy has to allow it.
        let data_block = tag.contains("type=\"application/ld+json\"") || tag.contains("type=\"application/json\"");
        if !tag.contains(" src=") && !data_block {
            let digest = Sha256::digest(body.as_bytes());
            out.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &rest[tag_end + close + "</script>".len()..];
    }
    out
}

/// The policy for the app's pages; `frame_ancestors` is `'none'` except on
/// `/embed/*`, which partner sites may frame. `api_origin` is the origin of
/// a REST API on another site (`config.json`'s `api_base_url`), which the
/// app must be allowed to fetch from.
pub fn policy(script_hashes: &[String], embeddable: bool, api_origin: Option<&str>) -> String {
    let connect = match api_origin {
        Some(o) => format!("'self' {o}"),
        None => "'self'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; img-src 'self' data:; \
         connect-src {connect}; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {}",
        script_hashes.join(" "),
        if embeddable { "*" } else { "'none'" }
    )
}

/// The origin of an absolute http(s) URL (`https://api.example:8443`), in a
/// form safe to put in a policy; `None` for a relative URL (same origin) or
/// anything else.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let safe = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    safe.then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<script src="/theme.js"></script><script type="module">import init from '/a.js';init();</script><script type="application/ld+json">{"@type":"Organization"}</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import init from '/a.js';init();"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }

    #[test]
    fn api_origins() {
        assert_eq!(origin_of("https://API.example:8443/api/v1"), Some("https://api.example:8443".into()));
        assert_eq!(origin_of("http://127.0.0.1:9000/api/v1?x=1"), Some("http://127.0.0.1:9000".into()));
        assert_eq!(origin_of("/api/v1"), None);
        assert_eq!(origin_of("javascript://x"), None);
        // Nothing that could add a directive or a source.
        assert_eq!(origin_of("https://a.example; script-src *"), None);
        assert_eq!(origin_of("https://a.example'/x"), None);
        assert_eq!(origin_of("https://user@a.example/"), None);
    }

    #[test]
    fn policy_is_strict() {
        let p = policy(&["'sha256-x'".into()], false, None);
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-x'"));
        // Neither eval nor inline script or style: only the wasm compile and the hashed loader.
        assert!(!p.split_whitespace().any(|t| t == "'unsafe-eval'" || t.starts_with("'unsafe-inline")), "{p}");
        assert!(p.contains("object-src 'none'") && p.contains("base-uri 'none'") && p.ends_with("frame-ancestors 'none'"));
        assert!(policy(&[], true, None).ends_with("frame-ancestors *"));
        assert!(p.contains("connect-src 'self';"));
        let cross = policy(&[], false, Some("https://api.cluster-enr.example"));
        assert!(cross.contains("connect-src 'self' https://api.cluster-enr.example;"), "{cross}");
    }
}
