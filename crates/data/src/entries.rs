//! The app's entries in the built site (cluster_core::route::Entry). Trunk
//! builds the portal's entry as its page's one application, and the others
//! as wasm it does not load (Trunk allows one application per page; they
//! are declared as workers with the `web` bindgen target, which builds the
//! same kind of ES module and wasm). This step names those by their content,
//! as Trunk names its own, and replaces Trunk's loader in `index.html` by one
//! that loads the entry the page needs.

/// The other entries: their key in the loader and their binary, as Trunk
/// writes it (`<bin>.js`, `<bin>_bg.wasm`).
pub const OTHER_ENTRIES: [(&str, &str); 2] = [("directory", "cluster-enr-directory"), ("apply", "cluster-enr-apply")];

/// Where `index.html` wants the loader: first in `<head>`, so that no script
/// or stylesheet it would wait for holds the download back (the browser's
/// preload scanner cannot see links a script adds).
pub const MARKER: &str = "<!-- entry-loader -->";

/// The script and the wasm of one entry, as site paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    pub js: String,
    pub wasm: String,
}

/// Content-derived name for an entry's files: `<bin>-<16 hex>` (FNV-1a
/// over both), the form of Trunk's names, which the reference server caches
/// for a year.
pub fn hashed_stem(bin: &str, js: &[u8], wasm: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in js.iter().chain(wasm) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{bin}-{h:016x}")
}

/// `html` (Trunk's `index.html`) with Trunk's loader of the portal and its
/// preload links removed, and at [`MARKER`] a loader that picks the entry
/// from the page's path among the portal and `others` (by their keys in
/// [`OTHER_ENTRIES`]). Fails, saying what is missing, when `html` is not
/// what Trunk writes.
pub fn rewrite_index(html: &str, others: &[(&str, Files)]) -> Result<String, String> {
    let start = html.find("<script type=\"module\">").ok_or("index.html has no Trunk loader (<script type=\"module\">)")?;
    let between = |open: &str, close: &str| -> Option<String> {
        let a = html[start..].find(open)? + start + open.len();
        let b = html[a..].find(close)? + a;
        Some(html[a..b].to_owned())
    };
    let js = between("import init, * as bindings from '", "'").ok_or("Trunk's loader imports no script")?;
    let wasm = between("module_or_path: '", "'").ok_or("Trunk's loader names no wasm")?;
    let tail = "type=\"application/wasm\">";
    let end = html[start..].find(tail).map(|i| start + i + tail.len()).ok_or("Trunk's wasm preload link is missing")?;
    if !html.contains(MARKER) {
        return Err(format!("index.html has no {MARKER}"));
    }
    let portal = Files { js, wasm };
    let without = format!("{}{}", &html[..start], &html[end..]);
    Ok(without.replacen(MARKER, &format!("<script>{}</script>", loader(&portal, others)), 1))
}

/// The inline script, without comments (it is part of every page's first
/// load). It picks the entry (the rule mirrors
/// `cluster_core::route::Entry::for_path`), preloads its script and wasm,
/// compiles the wasm, and starts it in a later task once the page is parsed
/// (the app mounts on `<body>`; compiling and starting in one task made a
/// 46 ms task at full speed), and, when the code does not arrive
/// (connection lost, site updated meanwhile), says so in the three
/// languages, a line each, where the loading notice was (once the page is
/// parsed: the wasm can fail before the notice is in the page).
fn loader(portal: &Files, others: &[(&str, Files)]) -> String {
    let files = |f: &Files| format!("{{\"js\":\"{}\",\"wasm\":\"{}\"}}", f.js, f.wasm);
    let mut entries = format!("\"portal\":{}", files(portal));
    for (key, f) in others {
        entries.push_str(&format!(",\"{key}\":{}", files(f)));
    }
    format!(
        r#"
(function () {{
  var entries = {{{}}};
  var path = location.pathname, under = function (p) {{ return path === p || path.indexOf(p + '/') === 0; }};
  var entry = under('/members') || under('/startups') ? entries.directory : under('/apply') ? entries.apply : entries.portal;
  var link = function (rel, href, as) {{
    var l = document.createElement('link');
    l.rel = rel; l.href = href; l.crossOrigin = 'anonymous';
    if (as) {{ l.as = as; l.type = 'application/wasm'; }}
    document.head.appendChild(l);
  }};
  link('modulepreload', entry.js);
  link('preload', entry.wasm, 'fetch');
  var parsed = new Promise(function (done) {{
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', done); else done();
  }});
  var compiled = fetch(entry.wasm).then(function (res) {{
    if (!res.ok) throw new Error(res.status);
    return /^application\/wasm/.test(res.headers.get('content-type')) ? WebAssembly.compileStreaming(res) : res.arrayBuffer().then(WebAssembly.compile);
  }});
  Promise.all([import(entry.js), compiled, parsed]).then(function (r) {{
    return new Promise(function (next) {{ setTimeout(next, 0, r); }});
  }}).then(function (r) {{
    return r[0].default({{ module_or_path: r[1] }});
  }}).then(function (wasm) {{
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm: wasm }} }}));
  }}, function () {{ parsed.then(function () {{
    var boot = document.getElementById('boot'), text = boot && boot.querySelector('.boot-text');
    if (!text) return;
    [['fr', 'Le chargement a échoué : vérifiez la connexion, puis rechargez la page.'],
     ['ar', 'تعذّر التحميل: تحقّق من الاتصال، ثم أعد تحميل الصفحة.'],
     ['en', 'Loading failed: check the connection, then reload the page.']].forEach(function (m) {{
      var p = document.createElement('p');
      p.className = 'boot-text'; p.lang = m[0]; p.textContent = m[1];
      if (m[0] === 'ar') p.dir = 'rtl';
      boot.insertBefore(p, text);
    }});
    boot.removeChild(text);
    boot.setAttribute('data-testid', 'boot-failed');
  }}); }});
}})();
"#,
        entries
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = r#"<head>
  <!-- entry-loader -->
  <script src="/theme.js"></script>
  <link rel="stylesheet" href="/main-1.css"/>
<script type="module">
import init, * as bindings from '/cluster-enr-portal-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/cluster-enr-portal-0123456789abcdef_bg.wasm' });
</script>
  
<link rel="modulepreload" href="/cluster-enr-portal-0123456789abcdef.js" crossorigin="anonymous"><link rel="preload" href="/cluster-enr-portal-0123456789abcdef_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>
<body></body>"#;

    fn others() -> Vec<(&'static str, Files)> {
        vec![
            ("directory", Files { js: "/d-1.js".into(), wasm: "/d-1_bg.wasm".into() }),
            ("apply", Files { js: "/a-1.js".into(), wasm: "/a-1_bg.wasm".into() }),
        ]
    }

    #[test]
    fn the_loader_replaces_trunks_and_names_every_entry() {
        let out = rewrite_index(TRUNK, &others()).expect("Trunk's page is rewritten");
        assert!(!out.contains("type=\"module\"") && !out.contains("rel=\"preload\"") && !out.contains(MARKER), "{out}");
        assert!(out.contains(
            r#""portal":{"js":"/cluster-enr-portal-0123456789abcdef.js","wasm":"/cluster-enr-portal-0123456789abcdef_bg.wasm"}"#
        ));
        assert!(out.contains(r#""directory":{"js":"/d-1.js","wasm":"/d-1_bg.wasm"},"apply":{"js":"/a-1.js","wasm":"/a-1_bg.wasm"}}"#));
        // Where the marker was, before theme.js and the stylesheet; the rest of the page kept.
        let (script, css) = (out.find("<script>").unwrap(), out.find("main-1.css").unwrap());
        assert!(script < out.find("theme.js").unwrap() && script < css);
        assert!(out.ends_with("</script>\n  <link rel=\"stylesheet\" href=\"/main-1.css\"/>\n</head>\n<body></body>"), "{out}");
        assert_eq!(out.matches("<script").count(), 2);
    }

    #[test]
    fn a_page_trunk_did_not_write_is_refused_with_the_reason() {
        assert!(rewrite_index("<head></head>", &others()).unwrap_err().contains("no Trunk loader"));
        let no_marker = TRUNK.replace(MARKER, "");
        assert!(rewrite_index(&no_marker, &others()).unwrap_err().contains(MARKER));
        let no_preload = TRUNK.replace("type=\"application/wasm\"", "");
        assert!(rewrite_index(&no_preload, &others()).unwrap_err().contains("preload"));
    }

    #[test]
    fn an_entrys_files_are_named_by_their_content() {
        let a = hashed_stem("bin", b"js", b"wasm");
        assert!(a.starts_with("bin-") && a.len() == "bin".len() + 17 && a[4..].bytes().all(|b| b.is_ascii_hexdigit()), "{a}");
        assert_eq!(a, hashed_stem("bin", b"js", b"wasm"));
        assert_ne!(a, hashed_stem("bin", b"js", b"wasm2"));
    }
}
