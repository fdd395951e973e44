//! The app's entries in the built site (`cluster_core::route`). Trunk builds
//! the portal's entry as its page's one application, and the others as wasm
//! it does not load (Trunk allows one application per page; they are
//! declared as workers with the `web` bindgen target, which builds the same
//! kind of ES module and wasm). This step names those by their content, as
//! Trunk names its own, and writes the page's loader where Trunk put the
//! portal's files (our own markup: Trunk.toml's `pattern_script`), with the
//! integrity of every entry's script and wasm.

use cluster_core::route::{Entry, PORTAL, ROUTES, SECTIONS};

/// What Trunk writes in place of the portal's `<link data-trunk rel="rust">`
/// (Trunk.toml's `pattern_script`, with `{base}{js}` and `{base}{wasm}`
/// filled in): the portal's files, which this step reads and replaces by
/// the loader. It is the first thing in `<head>`, so that no script or
/// stylesheet holds the code's download back (the browser's preload scanner
/// cannot see links a script adds).
pub const TRUNK_OUTPUT_OPEN: &str = "<script type=\"application/json\" id=\"entry-loader\">";

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

/// The boot script's table: per page (and per step of `/apply`, as
/// `step:<slug>`) and for `loading`, the text in fr, ar and en.
fn boot_texts() -> Result<String, String> {
    let locales = LOCALES
        .iter()
        .map(|(code, text)| serde_json::from_str::<serde_json::Value>(text).map_err(|e| format!("locales/{code}.json: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut table = serde_json::Map::new();
    let steps = cluster_core::form::Step::ALL.map(|s| (format!("step:{}", s.slug()), format!("f_step_{}", s.slug())));
    let headings = ROUTES.iter().filter_map(|r| r.heading.map(|h| (r.path.to_owned(), h.to_owned())));
    let keys = headings.chain(steps).chain([("loading".into(), "page_loading".into())]);
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
/// painted before this script runs never shows it move. A language prefix
/// (`/ar/…`, `/en/…`: docs/prerender.md) decides like `?lang`. On a
/// pre-rendered page (`<html data-page>`) in the visitor's language, with no
/// view in the query, it does none of this: it marks the page `pre`, and the
/// pre-rendered markup stays on screen until the app has drawn its own
/// (`src/takeover.rs`); otherwise the stylesheet hides that markup and the
/// notice shows.
fn boot_script(texts: &str) -> String {
    format!(
        r#"
(function () {{
  var t = {texts}, codes = ['fr', 'ar', 'en'], query = new URLSearchParams(location.search), root = document.documentElement;
  var pick = function (c) {{ c = String(c || '').trim().toLowerCase(); return codes.indexOf(c) >= 0 ? c : null; }};
  var prefix = /^\/(ar|en)(\/|$)/.exec(location.pathname), path = prefix ? location.pathname.slice(3) || '/' : location.pathname;
  var lang = prefix ? prefix[1] : pick(query.get('lang'));
  if (!lang) try {{ lang = pick(localStorage.getItem('cluster-enr.lang')); }} catch (e) {{}}
  if (!lang) (navigator.languages || [navigator.language]).some(function (l) {{ return (lang = pick(String(l).split(/[-_]/)[0])); }});
  lang = lang || 'fr';
  var bare = function (p) {{ return p.length > 1 ? p.replace(/\/+$/, '') : p; }}, view = false;
  query.forEach(function (v, k) {{ if (k !== 'lang') view = true; }});
  if (root.getAttribute('data-page') === bare(path) && root.lang === lang && !view) {{
    root.classList.add('pre');
    return;
  }}
  var i = codes.indexOf(lang), boot = document.getElementById('boot'), text = boot.querySelector('.boot-text');
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  var heading = t[path === '/apply' ? 'step:' + (query.get('step') || 'eligibility') : bare(path)];
  try {{
    text.textContent = t.loading[i];
    document.title = 'Cluster EnR';
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

/// The script and the wasm of one entry, as site paths, with their
/// `integrity` values (`sha384-…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    pub js: String,
    pub wasm: String,
    pub js_integrity: String,
    pub wasm_integrity: String,
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

/// The `integrity` value of a file (SHA-384, as Trunk computes its own).
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes)))
}

/// The portal's script and wasm as Trunk wrote them into `html` (see
/// [`TRUNK_OUTPUT_OPEN`]), and where that element is.
pub fn portal_files(html: &str) -> Result<(String, String, std::ops::Range<usize>), String> {
    let start = html.find(TRUNK_OUTPUT_OPEN).ok_or("index.html has no entry-loader element (Trunk.toml's pattern_script)")?;
    let body = start + TRUNK_OUTPUT_OPEN.len();
    let end = html[body..].find("</script>").map(|i| body + i).ok_or("the entry-loader element is not closed")?;
    #[derive(serde::Deserialize)]
    struct Portal {
        js: String,
        wasm: String,
    }
    let p: Portal = serde_json::from_str(&html[body..end]).map_err(|e| format!("the entry-loader element is not {{js, wasm}}: {e}"))?;
    Ok((p.js, p.wasm, start..end + "</script>".len()))
}

/// `html` (Trunk's `index.html`) with the loader of `entries` (every
/// [`Entry`], with its files) in place of Trunk's element, the boot
/// script at [`BOOT_MARKER`] and `theme.js` inline at [`THEME_TAG`]. Fails,
/// saying what is missing, when `html` is not what Trunk writes.
pub fn rewrite_index(html: &str, entries: &[(Entry, Files)]) -> Result<String, String> {
    let (_, _, element) = portal_files(html)?;
    for marker in [BOOT_MARKER, THEME_TAG] {
        if !html.contains(marker) {
            return Err(format!("index.html has no {marker}"));
        }
    }
    if let Some(e) = Entry::ALL.into_iter().find(|e| !entries.iter().any(|(x, _)| x == e)) {
        return Err(format!("no files for the {} entry", e.key()));
    }
    let page = format!("{}<script>{}</script>{}", &html[..element.start], loader(entries), &html[element.end..])
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

/// The loader's table, from the site's (`cluster_core::route`): each
/// section's prefix, entry and first data file, then the portal's, and
/// every entry's files.
fn loader_table(entries: &[(Entry, Files)]) -> String {
    let section = |prefix: &str, entry: Entry, file: &str| serde_json::json!([prefix, entry.key(), file]);
    let sections: Vec<_> = SECTIONS.iter().map(|s| section(s.prefix, s.entry, s.lists.first_file())).collect();
    let files: serde_json::Map<_, _> = entries
        .iter()
        .map(|(e, f)| {
            let files = serde_json::json!({ "js": f.js, "wasm": f.wasm, "jsIntegrity": f.js_integrity, "wasmIntegrity": f.wasm_integrity });
            (e.key().to_owned(), files)
        })
        .collect();
    let table = serde_json::json!({
        "sections": sections,
        "portal": section(PORTAL.prefix, PORTAL.entry, PORTAL.lists.first_file()),
        "entries": files,
    });
    // No `</script>` can end the script early.
    table.to_string().replace('<', "\\u003c")
}

/// The inline script, first in `<head>`, without comments (it is part of
/// every page's first load). From the table (`loader_table`), it picks the
/// page's section, preloads its entry's script and wasm (with their
/// integrity), and starts downloading the configuration and, on a site
/// without a REST API, the data file the page needs, so that they arrive
/// while the wasm is still downloading and compiling (the app takes these
/// responses, `window.__preloaded`, read once by `src/data/fetch.rs`,
/// instead of asking again). It compiles the wasm, and starts it in a later
/// task once the page is parsed (the app mounts on `<body>`; compiling and
/// starting in one task made a 46 ms task at full speed), and, when the
/// code does not arrive (connection lost, site updated meanwhile), says so
/// in the three languages, a line each, where the loading notice was (once
/// the page is parsed: the wasm can fail before the notice is in the page).
fn loader(entries: &[(Entry, Files)]) -> String {
    format!(
        r#"
(function () {{
  var table = {};
  var path = location.pathname.replace(/^\/(ar|en)(?=\/|$)/, '') || '/', section = table.portal;
  table.sections.forEach(function (s) {{ if (section === table.portal && (path === s[0] || path.indexOf(s[0] + '/') === 0)) section = s; }});
  var entry = table.entries[section[1]];
  var link = function (rel, href, integrity, as) {{
    var l = document.createElement('link');
    l.rel = rel; l.href = href; l.crossOrigin = 'anonymous'; l.integrity = integrity;
    if (as) {{ l.as = as; l.type = 'application/wasm'; }}
    document.head.appendChild(l);
  }};
  link('modulepreload', entry.js, entry.jsIntegrity);
  link('preload', entry.wasm, entry.wasmIntegrity, 'fetch');
  if (window.fetch && window.Promise) {{
    var pre = (window.__preloaded = {{}});
    var config = (pre['/config.json'] = fetch('/config.json'));
    pre[section[2]] = config.then(function (r) {{ return r.ok ? r.clone().json() : {{}}; }}).catch(function () {{ return {{}}; }})
      .then(function (c) {{ return c && typeof c.api_base_url === 'string' && c.api_base_url.trim() ? null : fetch(section[2]); }});
  }}
  var parsed = new Promise(function (done) {{
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', done); else done();
  }});
  var compiled = fetch(entry.wasm, {{ integrity: entry.wasmIntegrity }}).then(function (res) {{
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
    boot.hidden = false;
  }}); }});
}})();
"#,
        loader_table(entries)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk writes with Trunk.toml's `pattern_script` and an empty `pattern_preload`.
    const TRUNK: &str = r#"<head>
  <script type="application/json" id="entry-loader">{"js":"/cluster-enr-portal-0123456789abcdef.js","wasm":"/cluster-enr-portal-0123456789abcdef_bg.wasm"}</script>
  <script src="/theme.js"></script>
  <link rel="stylesheet" href="/main-1.css"/>
  <!-- a note -->
  <meta name="after" content="kept">
</head>
<body><div id="boot"><p class="boot-text">…</p></div><!-- boot-script --></body>"#;

    fn files(n: u8) -> Files {
        Files {
            js: format!("/{n}.js"),
            wasm: format!("/{n}_bg.wasm"),
            js_integrity: format!("sha384-j{n}"),
            wasm_integrity: format!("sha384-w{n}"),
        }
    }

    fn all() -> Vec<(Entry, Files)> {
        Entry::ALL.into_iter().zip(1..).map(|(e, n)| (e, files(n))).collect()
    }

    #[test]
    fn trunks_element_gives_the_portals_files() {
        let (js, wasm, range) = portal_files(TRUNK).unwrap();
        assert_eq!(
            (js.as_str(), wasm.as_str()),
            ("/cluster-enr-portal-0123456789abcdef.js", "/cluster-enr-portal-0123456789abcdef_bg.wasm")
        );
        assert!(TRUNK[range].starts_with(TRUNK_OUTPUT_OPEN));
    }

    #[test]
    fn the_loader_takes_trunks_place_and_names_every_entry_and_section() {
        let out = rewrite_index(TRUNK, &all()).expect("Trunk's page is rewritten");
        assert!(!out.contains("entry-loader") && !out.contains("application/json"), "{out}");
        assert!(
            out.contains(r#""portal":{"js":"/1.js","jsIntegrity":"sha384-j1","wasm":"/1_bg.wasm","wasmIntegrity":"sha384-w1"}"#),
            "{out}"
        );
        assert!(out.contains(r#""apply":{"js":"/3.js""#), "{out}");
        // The site's table, from cluster_core::route.
        let sections = r#"["/members","directory","/data/members.json"],["/startups","directory","/data/startups.json"],["/apply/correct","staff","/data/members.json"],["/apply","apply","/data/members.json"]"#;
        assert!(out.contains(sections), "{out}");
        assert!(out.contains(r#""portal":["/","portal","/data/cluster.json"]"#), "{out}");
        // First in <head>, then theme.js (inline, where its tag was), the stylesheet and every other tag of <head>.
        let (script, css) = (out.find("<script>").unwrap(), out.find("main-1.css").unwrap());
        let theme = out.find("localStorage.getItem('cluster-enr.theme')").unwrap();
        assert!(out.starts_with("<head>\n  <script>") && script < theme && theme < css && !out.contains(THEME_TAG), "{out}");
        assert!(out.contains("<meta name=\"after\" content=\"kept\">\n</head>"), "{out}");
        assert!(!out.contains("<!--") && !out.contains("// "), "{out}");
        // The boot script right after the loading notice.
        assert!(out.contains("</div><script>") && out.ends_with("</script></body>\n") && !out.contains(BOOT_MARKER), "{out}");
        assert_eq!(out.matches("<script").count(), 3);
    }

    #[test]
    fn a_page_trunk_did_not_write_is_refused_with_the_reason() {
        assert!(rewrite_index("<head></head>", &all()).unwrap_err().contains("pattern_script"));
        let no_boot = TRUNK.replace(BOOT_MARKER, "");
        assert!(rewrite_index(&no_boot, &all()).unwrap_err().contains(BOOT_MARKER));
        let no_theme = TRUNK.replace(THEME_TAG, "");
        assert!(rewrite_index(&no_theme, &all()).unwrap_err().contains(THEME_TAG));
        assert!(rewrite_index(TRUNK, &all()[..2]).unwrap_err().contains("apply"));
        let broken = TRUNK.replace(r#"{"js""#, r#"{"jz""#);
        assert!(rewrite_index(&broken, &all()).unwrap_err().contains("{js, wasm}"));
    }

    #[test]
    fn the_boot_script_knows_every_page_heading_and_step_in_the_three_languages() {
        let texts: serde_json::Value = serde_json::from_str(&boot_texts().expect("every text is in every locale")).unwrap();
        assert_eq!(texts["/members"], serde_json::json!(["Annuaire des membres", "دليل الأعضاء", "Member directory"]));
        assert_eq!(texts["step:team"][0], "L'équipe");
        assert_eq!(texts["loading"][2], "Loading the page…");
        let headings = ROUTES.iter().filter(|r| r.heading.is_some()).count();
        assert_eq!(texts.as_object().unwrap().len(), headings + cluster_core::form::Step::ALL.len() + 1);
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
        // The integrity of "abc" (SHA-384), as browsers check it.
        assert_eq!(integrity(b"abc"), "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn");
    }
}
