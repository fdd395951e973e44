//! The native render of the app's pages (feature `ssr`; docs/prerender.md):
//! each public route and profile, in each language, drawn by the app's own
//! components from the document in memory, then placed in the built shell
//! by `cluster_core::prerender`. The client mounts fresh over it (no
//! hydration) and swaps it out once its own page is drawn (`crate::takeover`).

use crate::app::{App, ApplyApp, DirectoryApp};
use crate::i18n::*;
use crate::locale_of;
use cluster_core::charts::ChartId;
use cluster_core::directory::Kind;
use cluster_core::lang::Lang;
use cluster_core::model::Dataset;
use cluster_core::og;
use cluster_core::prerender::{self as pre, Fill, Head, PagePath};
use cluster_core::route::Entry;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::path::Path;
use std::sync::Arc;

/// One page drawn by the app: its name (the `<title>` without the site's:
/// `og:title`), its whole `<title>` and its markup (the `.shell`).
pub struct Rendered {
    pub name: String,
    pub title: String,
    pub body: String,
}

/// Where the page being drawn leaves its name (`components::page::Page`).
#[derive(Clone, Default)]
pub struct TitleSink(pub Arc<std::sync::Mutex<String>>);

/// An executor that runs nothing: a page is drawn synchronously from the
/// document in memory, and what the app would do next (effects, loads)
/// belongs to the browser. Tasks spawned meanwhile (leptos_meta's title
/// effect) are dropped, not run on threads after the page is gone.
struct NoTasks;

impl any_spawner::CustomExecutor for NoTasks {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// Installs the executor of the render ([`NoTasks`]); once, before [`render`].
pub fn init() {
    let _ = any_spawner::Executor::init_custom_executor(NoTasks);
}

/// Draws the app's page at `url` (a route path with its query, such as
/// `/members?lang=ar`) from `dataset`, as the entry that serves it would.
pub fn render(url: &str, dataset: &Arc<Dataset>) -> Rendered {
    for kind in [Kind::Members, Kind::Startups] {
        crate::pages::directory::index::ensure(kind, dataset);
    }
    let owner = Owner::new();
    let sink = TitleSink::default();
    let body = owner.with(|| {
        provide_context(RequestUrl::new(url));
        provide_context(ServerMetaContext::new().0);
        provide_context(sink.clone());
        let d = Some(dataset.clone());
        let path = url.split(['?', '#']).next().unwrap_or_default();
        match Entry::for_path(path) {
            // The staff's pages are never pre-rendered (Entry::public).
            Entry::Portal | Entry::Staff => view! { <App dataset=d /> }.to_html(),
            Entry::Directory => view! { <DirectoryApp dataset=d /> }.to_html(),
            Entry::Apply => view! { <ApplyApp dataset=d /> }.to_html(),
        }
    });
    drop(owner);
    let name = std::mem::take(&mut *sink.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    let title = crate::app::page_title(name.clone());
    // Leptos's markers for the hydration this app does not use, and the
    // empty script it writes at the end: neither has a use in a static page.
    Rendered { name, title, body: body.replace("<!>", "").replace("<script></script>", "") }
}

/// The head of the page at route `path` in `lang`, as drawn in `r`.
fn head(d: &Dataset, page: &PagePath, lang: Lang, r: &Rendered) -> Head {
    let locale = locale_of(lang);
    let mut head = Head {
        lang,
        path: page.path.clone(),
        title: r.title.clone(),
        short_title: if r.name.is_empty() { r.title.clone() } else { r.name.clone() },
        description: td_string!(locale, home_lead).to_string(),
        og_type: "website",
        image: None,
        json_ld: None,
        alternates: true,
    };
    let profile = profile_at(d, &page.path).map(|(_, p)| (p.name, p.description, p.sector, p.region, p.city, p.website));
    match page.path.as_str() {
        "/sectors" => head.description = td_string!(locale, sectors_lead).to_string(),
        "/incubator" | "/apply" | "/apply/status" => head.description = td_string!(locale, incubator_lead).to_string(),
        "/members" => head.description = format!("{} · {}", td_string!(locale, members_title), td_string!(locale, home_lead)),
        "/startups" => head.description = format!("{} · {}", td_string!(locale, startups_title), td_string!(locale, home_lead)),
        _ => {}
    }
    if let Some((name, description, sector, region, city, website)) = profile {
        let (name, description) = (name.get(lang).0, description.get(lang).0);
        head.description = description.to_owned();
        head.og_type = "profile";
        let mut org = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": name,
            "description": description,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": d.name_in("city", city, lang),
                "addressRegion": d.name_in("region", region, lang),
                "addressCountry": "MA",
            },
            "knowsAbout": d.name_in("sector", sector, lang),
            "memberOf": { "@type": "Organization", "name": "Cluster EnR" },
        });
        if let Some(url) = website.filter(|u| cluster_core::contact::check_url(u).is_ok()) {
            org["url"] = url.into();
        }
        head.json_ld = Some(org);
    } else if page.path == "/" {
        head.json_ld = Some(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": "Cluster EnR",
            "description": td_string!(locale, home_lead).to_string(),
            "address": { "@type": "PostalAddress", "addressCountry": "MA" },
            "member": { "@type": "QuantitativeValue", "value": d.member_count() },
        }));
    }
    head
}

/// What the head and the preview of a profile page say about its member
/// or start-up.
struct Profile<'a> {
    name: &'a cluster_core::text::Text,
    description: &'a cluster_core::text::Text,
    sector: &'a str,
    region: &'a str,
    city: &'a str,
    website: Option<&'a str>,
}

/// The member or start-up whose profile is at route path `path`, if any.
fn profile_at<'a>(d: &'a Dataset, path: &str) -> Option<(Kind, Profile<'a>)> {
    if let Some(id) = path.strip_prefix("/members/") {
        let m = d.members.iter().find(|m| m.id == id)?;
        let p = Profile {
            name: &m.name,
            description: &m.description,
            sector: &m.sector,
            region: &m.region,
            city: &m.city,
            website: m.contact.website.as_deref(),
        };
        return Some((Kind::Members, p));
    }
    let id = path.strip_prefix("/startups/")?;
    let s = d.startups.iter().find(|s| s.id == id)?;
    Some((
        Kind::Startups,
        Profile {
            name: &s.name,
            description: &s.description,
            sector: &s.sector,
            region: &s.region,
            city: &s.city,
            website: s.website.as_deref(),
        },
    ))
}

/// The preview image of the page at route path `path` in `lang`, whose
/// head is `head`: its address, size and text, and the SVG drawn into it
/// (`cluster_core::og`): the sector chart for the home page and `/sectors`,
/// a card with the name, sector and place for a profile, a card with the
/// page's name and lead for the others.
pub fn preview(d: &Dataset, path: &str, lang: Lang, head: &Head) -> (pre::Image, String) {
    let locale = locale_of(lang);
    let image = |alt: String| pre::Image { path: og::image_path(lang, path), width: og::WIDTH, height: og::HEIGHT, alt };
    if path == "/" || path == "/sectors" {
        let chart = cluster_core::charts::build(d, ChartId::Sectors, lang);
        return (image(format!("{} — {}", chart.title, chart.takeaway)), og::chart_svg(&chart));
    }
    let Some((kind, Profile { sector, region, city, .. })) = profile_at(d, path) else {
        // The directories' description begins with their name: not twice.
        let lead = head.description.strip_prefix(&format!("{} · ", head.short_title)).unwrap_or(&head.description);
        let card = og::Card { lang, eyebrow: "", title: &head.short_title, subtitle: lead, foot: "" };
        return (image(head.short_title.clone()), og::card_svg(&card));
    };
    let eyebrow = match kind {
        Kind::Members => td_string!(locale, members_title).to_string(),
        Kind::Startups => td_string!(locale, startups_title).to_string(),
    };
    let sector = d.name_in("sector", sector, lang);
    let place = [d.name_in("city", city, lang), d.name_in("region", region, lang)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let card = og::Card { lang, eyebrow: &eyebrow, title: &head.short_title, subtitle: &sector, foot: &place };
    (image(format!("{} — {sector}, {place}", head.short_title)), og::card_svg(&card))
}

/// Links to the page in the other languages, each in its own language, for
/// readers without scripts (the app's language switcher needs them).
fn languages(path: &str, lang: Lang) -> String {
    let links: Vec<String> = Lang::ALL
        .into_iter()
        .filter(|l| *l != lang)
        .map(|l| {
            format!(
                "<a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\" dir=\"{}\">{}</a>",
                pre::escape(&pre::localized(l, path)),
                l.dir(),
                l.native_name(),
                code = l.code()
            )
        })
        .collect();
    format!("<p class=\"noscript-langs\">{}</p>", links.join(" · "))
}

/// A site whose pages are drawn: the document, the built shell (the
/// `index.html` Trunk writes) and the site's public address. The build
/// step writes every page of it ([`write_site`]); the reference server
/// draws the one asked for, for a document other than the built one.
pub struct Site {
    dataset: Arc<Dataset>,
    shell: String,
    origin: String,
    pages: Vec<PagePath>,
}

/// A page drawn whole, with its preview image's address and SVG.
pub struct Page {
    pub html: String,
    pub image: Option<(String, String)>,
}

impl Site {
    /// Fails when `shell` is not what the build writes (`fill_shell`).
    pub fn new(dataset: Arc<Dataset>, shell: String, origin: &str) -> Result<Site, String> {
        init();
        let site = Site { pages: pre::pages(&dataset), dataset, shell, origin: origin.trim_end_matches('/').to_owned() };
        site.not_found(Lang::Fr).map(|_| site)
    }

    /// The pages of the site (route paths).
    pub fn pages(&self) -> &[PagePath] {
        &self.pages
    }

    /// The page at route path `path` in `lang`; `None` when there is none.
    pub fn page(&self, path: &str, lang: Lang) -> Option<Result<Page, String>> {
        let page = self.pages.iter().find(|p| p.path == path)?;
        Some(self.draw(page, lang, true))
    }

    /// The not-found page in `lang` (no address of its own: no alternates,
    /// no preview, and the other languages' links lead home).
    pub fn not_found(&self, lang: Lang) -> Result<String, String> {
        self.draw(&PagePath { path: "/404".into(), takeover: false }, lang, false).map(|p| p.html)
    }

    /// The SVG of the preview image at `address` (`/og/ar/members/x.png`).
    pub fn image(&self, address: &str) -> Option<Result<String, String>> {
        let (lang, path) = og::page_of_image(address)?;
        Some(self.page(path, lang)?.map(|p| p.image.map(|(_, svg)| svg).unwrap_or_default()))
    }

    fn draw(&self, page: &PagePath, lang: Lang, found: bool) -> Result<Page, String> {
        let d = &self.dataset;
        let r = render(&format!("{}?lang={}", page.path, lang.code()), d);
        let mut head = Head { alternates: found, ..head(d, page, lang, &r) };
        let mut image = None;
        if found {
            let (about, svg) = preview(d, &page.path, lang, &head);
            image = Some((about.path.clone(), svg));
            head.image = Some(about);
        }
        let tags = pre::head_tags(&head, &self.origin);
        let body = pre::localize_links(&r.body, lang);
        let links = languages(if found { &page.path } else { "/" }, lang);
        let fill = Fill {
            lang,
            takeover: page.takeover.then_some(page.path.as_str()),
            title: &r.title,
            head: &tags,
            body: &body,
            languages: &links,
        };
        Ok(Page { html: pre::fill_shell(&self.shell, &fill)?, image })
    }

    /// `sitemap.xml`.
    pub fn sitemap(&self) -> String {
        pre::sitemap(&self.pages, &self.origin, &self.dataset.as_of)
    }

    /// `robots.txt`.
    pub fn robots(&self) -> String {
        pre::robots(&self.origin)
    }
}

/// Where the build step keeps the shell as Trunk wrote it, since the home
/// page takes `index.html`'s place: the reference server draws pages into it.
pub const SHELL_FILE: &str = "index.shell.html";

/// What [`write_site`] wrote.
pub struct Written {
    pub pages: usize,
    pub images: usize,
    pub bytes: u64,
}

/// Renders every page of `d` in every language into the built site `out`,
/// in its shell (`out/index.html`, as the build step wrote it, kept as
/// [`SHELL_FILE`]), with the not-found pages, the preview images,
/// `sitemap.xml` and `robots.txt`; `origin` is the site's public address,
/// for canonical links, previews and the sitemap.
pub fn write_site(d: Arc<Dataset>, out: &Path, origin: &str) -> Result<Written, String> {
    let shell = std::fs::read_to_string(out.join("index.html")).map_err(|e| format!("{}: {e}", out.join("index.html").display()))?;
    let site = Site::new(d, shell.clone(), origin)?;
    let mut written = Written { pages: 0, images: 0, bytes: 0 };
    let mut write = |file: &str, text: &str| -> Result<(), String> {
        let path = out.join(file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.pages += 1;
        written.bytes += text.len() as u64;
        Ok(())
    };
    write(SHELL_FILE, &shell)?;
    // The preview images to draw, by file: drawn after the pages, on every core.
    let mut images: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for lang in Lang::ALL {
        for page in site.pages() {
            let file =
                pre::file_of(&pre::localized(lang, &page.path)).ok_or_else(|| format!("no file for {} in {}", page.path, lang.code()))?;
            let drawn = site.page(&page.path, lang).ok_or_else(|| format!("no page {}", page.path))??;
            if let Some((address, svg)) = drawn.image {
                images.insert(address.trim_start_matches('/').to_owned(), svg);
            }
            write(&file, &drawn.html)?;
        }
        write(&pre::not_found_file(lang), &site.not_found(lang)?)?;
    }
    write("sitemap.xml", &site.sitemap())?;
    write("robots.txt", &site.robots())?;
    written.images = images.len();
    written.bytes += draw_images(images, out)?;
    Ok(written)
}

/// Draws each preview image (file → SVG) into the built site `out`, shared
/// among the cores; the bytes written.
fn draw_images(images: std::collections::BTreeMap<String, String>, out: &Path) -> Result<u64, String> {
    let renderer = cluster_preview::Renderer::new()?;
    let images: Vec<(String, String)> = images.into_iter().collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = images.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = images
            .chunks(chunk)
            .map(|part| {
                let renderer = &renderer;
                scope.spawn(move || -> Result<u64, String> {
                    let mut bytes = 0;
                    for (file, svg) in part {
                        let png = renderer.png(svg, og::WIDTH, og::HEIGHT).map_err(|e| format!("{file}: {e}"))?;
                        let path = out.join(file);
                        if let Some(dir) = path.parent() {
                            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                        }
                        std::fs::write(&path, &png).map_err(|e| format!("{}: {e}", path.display()))?;
                        bytes += png.len() as u64;
                    }
                    Ok(bytes)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().map_err(|_| "a preview image's drawing failed".to_owned())?).sum()
    })
}
