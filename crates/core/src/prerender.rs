//! The pre-rendered pages (docs/prerender.md): which pages exist, the
//! address and the file of each page in each language, and the HTML around
//! the app's own markup (the built shell's `<head>`, the page's title,
//! description, canonical, alternates, Open Graph tags and JSON-LD). The
//! app's markup itself comes from the app's components, rendered natively
//! (`src/prerender.rs`); this module only places it.

use crate::lang::Lang;
use crate::model::Dataset;

/// The language of the unprefixed addresses, and of `x-default`.
pub const DEFAULT_LANG: Lang = Lang::Fr;

/// The address of the page at route path `path` in `lang`: French at the
/// app's own paths, the others under a prefix (`/ar/members`, `/en`).
pub fn localized(lang: Lang, path: &str) -> String {
    if lang == DEFAULT_LANG {
        return path.to_owned();
    }
    if path == "/" { format!("/{}", lang.code()) } else { format!("/{}{path}", lang.code()) }
}

/// The language prefix of an address and the route path below it:
/// `/ar/members` → (ar, `/members`), `/en` → (en, `/`), `/members` → (none,
/// `/members`). French has no prefix: `/fr/…` is no page.
pub fn split_lang(path: &str) -> (Option<Lang>, &str) {
    for lang in Lang::ALL.into_iter().filter(|l| *l != DEFAULT_LANG) {
        if let Some(rest) = path.strip_prefix('/').and_then(|p| p.strip_prefix(lang.code())) {
            if rest.is_empty() {
                return (Some(lang), "/");
            }
            if rest.starts_with('/') {
                return (Some(lang), rest);
            }
        }
    }
    (None, path)
}

/// The file, relative to the built site, that holds the page at `address`:
/// `/` → `index.html`, `/members` → `members.html`, `/ar` → `ar.html`,
/// `/ar/members/x` → `ar/members/x.html`. A file per address, never a
/// folder's `index.html`: a static host or the reference server answers
/// `/members` with no redirect to `/members/`. `None` for an address that
/// could name no such file (`..`, an empty or hidden segment, a dot).
pub fn file_of(address: &str) -> Option<String> {
    if address == "/" {
        return Some("index.html".into());
    }
    let rest = address.strip_prefix('/')?.strip_suffix('/').unwrap_or(&address[1..]);
    let safe =
        rest.split('/').all(|s| !s.is_empty() && !s.starts_with('.') && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)));
    safe.then(|| format!("{rest}.html"))
}

/// The file that answers a request for `path` with `query` (without `?`),
/// when it is a page: the page's address in the language of its prefix,
/// else of a `lang` in the query (the reference server gives `/members?lang=ar`
/// the Arabic page, as a static host cannot), else French.
pub fn file_for_request(path: &str, query: &str) -> Option<String> {
    let (lang, route) = page_for_request(path, query);
    file_of(&localized(lang, route))
}

/// The language and route path of the page a request for `path` with
/// `query` asks for, by [`file_for_request`]'s rules.
pub fn page_for_request<'a>(path: &'a str, query: &str) -> (Lang, &'a str) {
    let (prefix, route) = split_lang(path);
    let lang = prefix.or_else(|| {
        query.split('&').filter_map(|kv| kv.strip_prefix("lang=")).next_back().and_then(|l| Lang::from_code(&crate::url::decode(l)))
    });
    let route = if route.len() > 1 { route.strip_suffix('/').unwrap_or(route) } else { route };
    (lang.unwrap_or(DEFAULT_LANG), route)
}

/// The not-found page's file in `lang`.
pub fn not_found_file(lang: Lang) -> String {
    if lang == DEFAULT_LANG { "404.html".into() } else { format!("{}/404.html", lang.code()) }
}

/// A page that is pre-rendered, by its route path (no language prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePath {
    pub path: String,
    /// Whether the app draws the same page when it starts, and so may keep
    /// it on screen until it has (the form's page is its introduction for
    /// readers without scripts; the app draws a step instead).
    pub takeover: bool,
}

/// The public routes that are pre-rendered (`crate::route::ROUTES` but the
/// profiles' patterns and the staff's pages), then every member's and
/// start-up's profile.
pub fn pages(d: &Dataset) -> Vec<PagePath> {
    let fixed = crate::route::ROUTES
        .iter()
        .filter(|r| !r.path.contains(':') && crate::route::Entry::for_path(r.path).public())
        .map(|r| PagePath { path: r.path.to_owned(), takeover: r.path != "/apply" });
    let members = d.members.iter().map(|m| PagePath { path: format!("/members/{}", m.id), takeover: true });
    let startups = d.startups.iter().map(|s| PagePath { path: format!("/startups/{}", s.id), takeover: true });
    fixed.chain(members).chain(startups).collect()
}

/// Text escaped for an attribute or an element (the charts' escaping).
pub use crate::charts::render::esc as escape;

/// The Open Graph image of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Its address on the site (`/og/home.png`).
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// What the head of a pre-rendered page says.
#[derive(Debug, Clone)]
pub struct Head {
    pub lang: Lang,
    /// The route path (no language prefix).
    pub path: String,
    /// The whole `<title>`, as the app writes it.
    pub title: String,
    /// The title without the site's name, for `og:title`.
    pub short_title: String,
    pub description: String,
    /// `website`, or `profile` for a member's or start-up's page.
    pub og_type: &'static str,
    pub image: Option<Image>,
    /// A JSON-LD document (`Organization`), written as a data block.
    pub json_ld: Option<serde_json::Value>,
    /// Whether the page has a page in every language (`hreflang`); false
    /// for the not-found page, which is no address of its own.
    pub alternates: bool,
}

/// The tags of `head` for a site at `origin` (`https://example.org`, no
/// trailing slash): description, canonical, alternates, Open Graph,
/// Twitter card, JSON-LD.
pub fn head_tags(head: &Head, origin: &str) -> String {
    let url = |lang: Lang| format!("{origin}{}", localized(lang, &head.path));
    let mut out = format!("<meta name=\"description\" content=\"{}\">", escape(&head.description));
    if head.alternates {
        out += &format!("<link rel=\"canonical\" href=\"{}\">", escape(&url(head.lang)));
        for lang in Lang::ALL {
            out += &format!("<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">", lang.code(), escape(&url(lang)));
        }
        out += &format!("<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">", escape(&url(DEFAULT_LANG)));
        out += &format!("<meta property=\"og:url\" content=\"{}\">", escape(&url(head.lang)));
    } else {
        out += "<meta name=\"robots\" content=\"noindex\">";
    }
    let og = [
        ("og:type", head.og_type),
        ("og:site_name", "Cluster EnR"),
        ("og:title", &head.short_title),
        ("og:description", &head.description),
    ];
    for (property, content) in og {
        out += &format!("<meta property=\"{property}\" content=\"{}\">", escape(content));
    }
    out += &format!("<meta property=\"og:locale\" content=\"{}\">", og_locale(head.lang));
    for lang in Lang::ALL.into_iter().filter(|l| *l != head.lang) {
        out += &format!("<meta property=\"og:locale:alternate\" content=\"{}\">", og_locale(lang));
    }
    match &head.image {
        Some(image) => {
            out += &format!("<meta property=\"og:image\" content=\"{}\">", escape(&format!("{origin}{}", image.path)));
            out += &format!(
                "<meta property=\"og:image:type\" content=\"image/png\"><meta property=\"og:image:width\" content=\"{}\"><meta property=\"og:image:height\" content=\"{}\">",
                image.width, image.height
            );
            out += &format!("<meta property=\"og:image:alt\" content=\"{}\">", escape(&image.alt));
            out += "<meta name=\"twitter:card\" content=\"summary_large_image\">";
        }
        None => out += "<meta name=\"twitter:card\" content=\"summary\">",
    }
    if let Some(json) = &head.json_ld {
        // A data block: never run, so not a script the policy has to allow;
        // `<` escaped so that nothing in it ends the element.
        out += &format!("<script type=\"application/ld+json\">{}</script>", json.to_string().replace('<', "\\u003c"));
    }
    out
}

/// Open Graph's name for a language (`fr_FR`…): Moroccan Arabic pages are
/// `ar_MA`, French and English as the site writes them.
fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr_FR",
        Lang::Ar => "ar_MA",
        Lang::En => "en_GB",
    }
}

/// Where the built shell (`index.html`) is changed for a page, and what goes there.
#[derive(Debug, Clone)]
pub struct Fill<'a> {
    pub lang: Lang,
    /// The route path of the page (`/members`), which the boot script
    /// compares with the visitor's (and the page's language with theirs);
    /// `None` when the app draws another page
    /// there (the form; the not-found page) and so must not keep this one.
    pub takeover: Option<&'a str>,
    pub title: &'a str,
    /// [`head_tags`].
    pub head: &'a str,
    /// The app's markup (its `.shell`).
    pub body: &'a str,
    /// Links to the page in the other languages, for readers without scripts
    /// (the language switcher needs one).
    pub languages: &'a str,
}

/// The built shell `shell` with the page of `fill` in it: `<html>`'s
/// language, direction and page address, its `<title>`, the head's tags
/// before `</head>`, and the app's markup (marked `data-prerendered`) in
/// place of the shell's `<noscript>` notice. Fails, saying what is missing,
/// when the shell is not what the build writes.
pub fn fill_shell(shell: &str, fill: &Fill) -> Result<String, String> {
    const HTML: &str = "<html lang=\"fr\" dir=\"ltr\">";
    let title_start = shell.find("<title>").ok_or("the shell has no <title>")?;
    let title_end =
        shell[title_start..].find("</title>").map(|i| title_start + i + "</title>".len()).ok_or("the shell's <title> is not closed")?;
    let noscript_start = shell.find("<noscript>").ok_or("the shell has no <noscript>")?;
    let noscript_end = shell[noscript_start..]
        .find("</noscript>")
        .map(|i| noscript_start + i + "</noscript>".len())
        .ok_or("the shell's <noscript> is not closed")?;
    if !shell.contains(HTML) || !shell[..title_start].contains("</head>") && !shell[title_end..].contains("</head>") {
        return Err(format!("the shell has no {HTML} or no </head>"));
    }
    // The shell's own description gives way to the page's.
    let description = shell.find("<meta name=\"description\"").map(|s| s..s + shell[s..].find('>').map_or(0, |e| e + 1));
    let html_at = shell.find(HTML).unwrap_or_default();
    let page = fill.takeover.map(|a| format!(" data-page=\"{}\"", escape(a))).unwrap_or_default();
    let body = fill.body.replacen("<div class=\"shell\"", "<div class=\"shell\" data-prerendered", 1);
    if body == fill.body {
        return Err("the app's markup has no <div class=\"shell\">".into());
    }
    let mut edits = vec![
        (html_at..html_at + HTML.len(), format!("<html lang=\"{}\" dir=\"{}\"{page}>", fill.lang.code(), fill.lang.dir())),
        (title_start..title_end, format!("<title>{}</title>{}", escape(fill.title), fill.head)),
        (noscript_start..noscript_end, format!("{body}<noscript>{}</noscript>", fill.languages)),
    ];
    edits.extend(description.map(|d| (d, String::new())));
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(shell.len() + fill.head.len() + body.len() + 256);
    let mut cursor = 0;
    for (range, with) in edits {
        if range.start < cursor {
            return Err("the shell's <html>, <title>, description and <noscript> overlap".into());
        }
        out.push_str(&shell[cursor..range.start]);
        out.push_str(&with);
        cursor = range.end;
    }
    out.push_str(&shell[cursor..]);
    Ok(out)
}

/// `sitemap.xml` for the pages at `paths` (route paths) on a site at
/// `origin`, every language with its alternates, `lastmod` the data's date.
pub fn sitemap(paths: &[PagePath], origin: &str, lastmod: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in paths {
        for lang in Lang::ALL {
            out += &format!("<url><loc>{}</loc>", escape(&format!("{origin}{}", localized(lang, &page.path))));
            for alt in Lang::ALL {
                out += &format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    alt.code(),
                    escape(&format!("{origin}{}", localized(alt, &page.path)))
                );
            }
            out +=
                &format!("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>", escape(&format!("{origin}{}", page.path)));
            out += &format!("<lastmod>{}</lastmod></url>\n", escape(lastmod));
        }
    }
    out + "</urlset>\n"
}

/// `robots.txt`: everything may be crawled but the API and the staff's
/// pages; the sitemap named.
pub fn robots(origin: &str) -> String {
    format!("User-agent: *\nDisallow: /api/\nDisallow: /staff/\nDisallow: /embed/\nSitemap: {origin}/sitemap.xml\n")
}

/// `html` with every link to a page of the site (`href="/…"`, not a file
/// with an extension, not the API or an embed) moved under `lang`'s
/// prefix: a reader without scripts stays in the page's language.
pub fn localize_links(html: &str, lang: Lang) -> String {
    if lang == DEFAULT_LANG {
        return html.to_owned();
    }
    const HREF: &str = "href=\"/";
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(i) = rest.find(HREF) {
        let at = i + HREF.len() - 1;
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        let target = &rest[..end];
        let path = target.split(['?', '#']).next().unwrap_or_default();
        let last = path.rsplit('/').next().unwrap_or_default();
        let page = !last.contains('.')
            && !path.starts_with("/api/")
            && !path.starts_with("/embed")
            && !path.starts_with("/staff")
            && !target.starts_with("//");
        if page {
            out.push_str(&localized(lang, path));
            out.push_str(&target[path.len()..]);
        } else {
            out.push_str(target);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_addresses_and_files() {
        assert_eq!(localized(Lang::Fr, "/members"), "/members");
        assert_eq!(localized(Lang::Ar, "/members/x"), "/ar/members/x");
        assert_eq!(localized(Lang::En, "/"), "/en");
        for lang in Lang::ALL {
            for path in ["/", "/members", "/members/amee", "/apply/status"] {
                let address = localized(lang, path);
                let expected = (lang != DEFAULT_LANG).then_some(lang);
                assert_eq!(split_lang(&address), (expected, path), "{address}");
            }
        }
        assert_eq!(split_lang("/arx/members"), (None, "/arx/members"));
        assert_eq!(split_lang("/fr/members"), (None, "/fr/members"));
        assert_eq!(file_of("/").as_deref(), Some("index.html"));
        assert_eq!(file_of("/members").as_deref(), Some("members.html"));
        assert_eq!(file_of("/members/").as_deref(), Some("members.html"));
        assert_eq!(file_of("/ar").as_deref(), Some("ar.html"));
        assert_eq!(file_of("/ar/members/amee-1").as_deref(), Some("ar/members/amee-1.html"));
        for bad in ["", "members", "/../x", "/a//b", "/.git", "/a/./b", "/x.html", "/a b", "/é"] {
            assert_eq!(file_of(bad), None, "{bad}");
        }
        assert_eq!(file_for_request("/members", "q=x&lang=ar").as_deref(), Some("ar/members.html"));
        assert_eq!(file_for_request("/en/members", "lang=ar").as_deref(), Some("en/members.html"));
        assert_eq!(file_for_request("/", "lang=xx").as_deref(), Some("index.html"));
        assert_eq!(file_for_request("/", "lang=en").as_deref(), Some("en.html"));
        assert_eq!(file_for_request("/data/cluster.json", ""), None);
        assert_eq!(not_found_file(Lang::Fr), "404.html");
        assert_eq!(not_found_file(Lang::Ar), "ar/404.html");
    }

    #[test]
    fn links_stay_in_the_pages_language() {
        let html = r##"<a href="/">h</a><a href="/members/x?q=1#top">m</a><a href="/data/cluster.json">d</a><a href="/embed/sectors/">e</a><a href="https://x.example/">x</a><a href="#main">s</a>"##;
        assert_eq!(
            localize_links(html, Lang::Ar),
            r##"<a href="/ar">h</a><a href="/ar/members/x?q=1#top">m</a><a href="/data/cluster.json">d</a><a href="/embed/sectors/">e</a><a href="https://x.example/">x</a><a href="#main">s</a>"##
        );
        assert_eq!(localize_links(html, Lang::Fr), html);
    }

    fn head() -> Head {
        Head {
            lang: Lang::Ar,
            path: "/members/a".into(),
            title: "A \"&\" B · Cluster EnR".into(),
            short_title: "A \"&\" B".into(),
            description: "<d>".into(),
            og_type: "profile",
            image: Some(Image { path: "/og/members/a.png".into(), width: 1200, height: 630, alt: "A".into() }),
            json_ld: Some(serde_json::json!({"@type": "Organization", "name": "</script>"})),
            alternates: true,
        }
    }

    #[test]
    fn the_head_names_the_page_in_every_language_and_escapes_what_it_quotes() {
        let tags = head_tags(&head(), "https://example.org");
        for expected in [
            r#"<meta name="description" content="&lt;d&gt;">"#,
            r#"<link rel="canonical" href="https://example.org/ar/members/a">"#,
            r#"<link rel="alternate" hreflang="fr" href="https://example.org/members/a">"#,
            r#"<link rel="alternate" hreflang="en" href="https://example.org/en/members/a">"#,
            r#"<link rel="alternate" hreflang="x-default" href="https://example.org/members/a">"#,
            r#"<meta property="og:title" content="A &quot;&amp;&quot; B">"#,
            r#"<meta property="og:locale" content="ar_MA">"#,
            r#"<meta property="og:image" content="https://example.org/og/members/a.png">"#,
            r#"<meta property="og:image:width" content="1200">"#,
            r#"<script type="application/ld+json">{"@type":"Organization","name":"\u003c/script>"}</script>"#,
        ] {
            assert!(tags.contains(expected), "{expected} in {tags}");
        }
        let none = head_tags(&Head { alternates: false, image: None, json_ld: None, ..head() }, "https://example.org");
        assert!(
            none.contains("noindex") && !none.contains("canonical") && !none.contains("ld+json") && none.contains("summary\""),
            "{none}"
        );
    }

    const SHELL: &str = "<!DOCTYPE html>\n<html lang=\"fr\" dir=\"ltr\">\n<head>\n<meta name=\"description\" content=\"site\">\n<title>Cluster EnR</title>\n<link rel=\"icon\" href=\"/favicon.png\">\n</head>\n<body>\n<div id=\"boot\" hidden></div><script>boot</script>\n<noscript><p>needs JS</p></noscript>\n</body>\n</html>\n";

    #[test]
    fn a_page_fills_the_shell() {
        let fill = Fill {
            lang: Lang::Ar,
            takeover: Some("/members"),
            title: "T",
            head: "<meta name=\"description\" content=\"page\">",
            body: "<div class=\"shell\">x</div>",
            languages: "<a>fr</a>",
        };
        let page = fill_shell(SHELL, &fill).unwrap();
        assert_eq!(
            page,
            "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\" data-page=\"/members\">\n<head>\n\n<title>T</title><meta name=\"description\" content=\"page\">\n<link rel=\"icon\" href=\"/favicon.png\">\n</head>\n<body>\n<div id=\"boot\" hidden></div><script>boot</script>\n<div class=\"shell\" data-prerendered>x</div><noscript><a>fr</a></noscript>\n</body>\n</html>\n"
        );
        let no_page = fill_shell(SHELL, &Fill { takeover: None, ..fill.clone() }).unwrap();
        assert!(no_page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{no_page}");
        assert!(fill_shell("<html>", &fill).unwrap_err().contains("<title>"));
        assert!(fill_shell(SHELL, &Fill { body: "<main>", ..fill }).unwrap_err().contains("shell"));
    }

    #[test]
    fn the_sitemap_lists_every_page_in_every_language() {
        let pages = [PagePath { path: "/".into(), takeover: true }, PagePath { path: "/members/a".into(), takeover: true }];
        let map = sitemap(&pages, "https://example.org", "2024-02-23");
        assert_eq!(map.matches("<url>").count(), 6);
        assert!(map.contains("<url><loc>https://example.org/ar/members/a</loc><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://example.org/members/a\"/>"), "{map}");
        assert!(map.contains("<loc>https://example.org/en</loc>") && map.contains("<lastmod>2024-02-23</lastmod>"), "{map}");
        assert!(robots("https://example.org").ends_with("Sitemap: https://example.org/sitemap.xml\n"));
    }
}
