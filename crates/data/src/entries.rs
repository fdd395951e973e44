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

/// Where `index.html` wants the boot script: right after the loading notice
/// (`#boot`), which it fills in before the first paint.
pub const BOOT_MARKER: &str = "<!-- boot-script -->";

/// Where `index.html` loads `public/theme.js`, which the built page carries
/// inline instead: as a file, it was one more request in every page's first
/// load, and one that held the parsing of the page until it had arrived.
/// The reference server allows inline scripts by their hashes.
pub const THEME_TAG: &str = "<script src=\"/theme.js\"></script>";

/// `public/theme.js` without its whole-line comments.
fn theme_script() -> String {
    include_str!("../../../public/theme.js").lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The app's texts, in the order of the boot script's languages.
const LOCALES: [(&str, &str); 3] = [
    ("fr", include_str!("../../../locales/fr.json")),
    ("ar", include_str!("../../../locales/ar.json")),
    ("en", include_str!("../../../locales/en.json")),
];

/// The pages whose heading the boot screen shows, with the text the page
/// itself uses for it (`src/pages`); the form's steps are added by slug.
const HEADINGS: [(&str, &str); 6] = [
    ("/", "home_heading"),
    ("/members", "members_title"),
    ("/startups", "startups_title"),
    ("/sectors", "sectors_title"),
    ("/incubator", "incubator_title"),
    ("/apply/status", "apply_status_title"),
];

/// The boot script's table: per page (and per step of `/apply`, as
/// `step:<slug>`) and for `loading`, the text in fr, ar and en.
fn boot_texts() -> Result<String, String> {
    let locales = LOCALES
        .iter()
        .map(|(code, text)| serde_json::from_str::<serde_json::Value>(text).map_err(|e| format!("locales/{code}.json: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut table = serde_json::Map::new();
    let steps = cluster_core::form::Step::ALL.map(|s| (format!("step:{}", s.slug()), format!("f_step_{}", s.slug())));
    let keys =
        HEADINGS.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).chain(steps).chain([("loading".into(), "page_loading".into())]);
    for (name, key) in keys {
        let texts = locales
            .iter()
            .zip(LOCALES)
            .map(|(l, (code, _))| {
                l.get(&key).and_then(|v| v.as_str()).map(str::to_owned).ok_or(format!("locales/{code}.json has no {key}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        table.insert(name, texts.into());
    }
    // No `</script>` can end the script early.
    Ok(serde_json::Value::Object(table).to_string().replace('<', "\\u003c"))
}

/// The inline script after the loading notice, without comments. Before
/// the first paint, it applies the language the app will choose (the rule
/// of `cluster_core::lang::resolve`: `?lang`, then the saved choice, then
/// the browser's languages, then French) to the page (`lang`, `dir`), writes
/// the notice in that language only, and, on a page it knows, shows the
/// page's heading and title: the visitor sees where they are while the
/// code loads, and an Arabic page starts right to left. The notice is
/// hidden until then (`index.html`) and shown once complete, so that a frame
/// painted before this script runs never shows it move.
fn boot_script(texts: &str) -> String {
    format!(
        r#"
(function () {{
  var t = {texts}, codes = ['fr', 'ar', 'en'], query = new URLSearchParams(location.search);
  var pick = function (c) {{ c = String(c || '').trim().toLowerCase(); return codes.indexOf(c) >= 0 ? c : null; }};
  var lang = pick(query.get('lang'));
  if (!lang) try {{ lang = pick(localStorage.getItem('cluster-enr.lang')); }} catch (e) {{}}
  if (!lang) (navigator.languages || [navigator.language]).some(function (l) {{ return (lang = pick(String(l).split(/[-_]/)[0])); }});
  lang = lang || 'fr';
  var i = codes.indexOf(lang), boot = document.getElementById('boot'), text = boot.querySelector('.boot-text'), path = location.pathname;
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  var heading = t[path === '/apply' ? 'step:' + (query.get('step') || 'eligibility') : path];
  try {{
    text.textContent = t.loading[i];
    if (heading) {{
      var h = document.createElement('h1');
      h.textContent = heading[i];
      boot.insertBefore(h, text);
      document.title = heading[i] + ' · Cluster EnR';
    }}
  }} finally {{
    boot.hidden = false;
  }}
}})();
"#
    )
}

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
    for marker in [MARKER, BOOT_MARKER, THEME_TAG] {
        if !html.contains(marker) {
            return Err(format!("index.html has no {marker}"));
        }
    }
    let portal = Files { js, wasm };
    let without = format!("{}{}", &html[..start], &html[end..]);
    let page = without
        .replacen(MARKER, &format!("<script>{}</script>", loader(&portal, others)), 1)
        .replacen(BOOT_MARKER, &format!("<script>{}</script>", boot_script(&boot_texts()?)), 1)
        .replacen(THEME_TAG, &format!("<script>\n{}\n</script>", theme_script()), 1);
    Ok(without_comments(&page))
}

/// `html` without its comments (they document the source; every page's
/// first load would carry them), and without the lines they leave empty.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("-->").map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n") + "\n"
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
<body><div id="boot"><p class="boot-text">…</p></div><!-- boot-script --></body>"#;

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
        // Where the marker was, before theme.js (inline, where its tag was) and the stylesheet; the rest of the page kept.
        let (script, css) = (out.find("<script>").unwrap(), out.find("main-1.css").unwrap());
        let theme = out.find("localStorage.getItem('cluster-enr.theme')").unwrap();
        assert!(script < theme && theme < css && !out.contains(THEME_TAG) && !out.contains("// "), "{out}");
        assert!(out.contains("</script>\n  <link rel=\"stylesheet\" href=\"/main-1.css\"/>\n</head>\n<body>"), "{out}");
        assert!(!out.contains("<!--"), "{out}");
        // The boot script right after the loading notice.
        assert!(out.contains("</div><script>") && out.ends_with("</script></body>\n") && !out.contains(BOOT_MARKER), "{out}");
        assert_eq!(out.matches("<script").count(), 3);
    }

    #[test]
    fn a_page_trunk_did_not_write_is_refused_with_the_reason() {
        assert!(rewrite_index("<head></head>", &others()).unwrap_err().contains("no Trunk loader"));
        let no_marker = TRUNK.replace(MARKER, "");
        assert!(rewrite_index(&no_marker, &others()).unwrap_err().contains(MARKER));
        let no_boot = TRUNK.replace(BOOT_MARKER, "");
        assert!(rewrite_index(&no_boot, &others()).unwrap_err().contains(BOOT_MARKER));
        let no_theme = TRUNK.replace(THEME_TAG, "");
        assert!(rewrite_index(&no_theme, &others()).unwrap_err().contains(THEME_TAG));
        let no_preload = TRUNK.replace("type=\"application/wasm\"", "");
        assert!(rewrite_index(&no_preload, &others()).unwrap_err().contains("preload"));
    }

    #[test]
    fn the_boot_script_knows_every_page_heading_and_step_in_the_three_languages() {
        let texts: serde_json::Value = serde_json::from_str(&boot_texts().expect("every text is in every locale")).unwrap();
        assert_eq!(texts["/members"], serde_json::json!(["Annuaire des membres", "دليل الأعضاء", "Member directory"]));
        assert_eq!(texts["step:team"][0], "L'équipe");
        assert_eq!(texts["loading"][2], "Loading the page…");
        assert_eq!(texts.as_object().unwrap().len(), HEADINGS.len() + cluster_core::form::Step::ALL.len() + 1);
        assert!(!boot_script(&boot_texts().unwrap()).contains('<'));
        // Nothing in theme.js can end its inline script early.
        assert!(!theme_script().contains("</"));
    }

    #[test]
    fn an_entrys_files_are_named_by_their_content() {
        let a = hashed_stem("bin", b"js", b"wasm");
        assert!(a.starts_with("bin-") && a.len() == "bin".len() + 17 && a[4..].bytes().all(|b| b.is_ascii_hexdigit()), "{a}");
        assert_eq!(a, hashed_stem("bin", b"js", b"wasm"));
        assert_ne!(a, hashed_stem("bin", b"js", b"wasm2"));
    }
}
