//! Link-preview images (Open Graph; docs/prerender.md): the address of each
//! pre-rendered page's image and the SVG drawn into it, 1200 × 630. The
//! native build turns the SVG into a PNG (`src/og.rs`): link-preview bots
//! handle SVG badly. Every colour, size and position is written out (no
//! custom property, no stylesheet of the site's), so that a renderer with
//! no browser draws it as a browser would.

use crate::charts::Chart;
use crate::charts::render::{esc, preview_svg};
use crate::lang::Lang;

/// The images' size in pixels: Open Graph's and the large Twitter card's.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The site's colours on the cards (the light theme's: style/main.css).
const BG: &str = "#ffffff";
const FG: &str = "#14222b";
const MUTED: &str = "#46545e";
const ACCENT: &str = "#0a6349";
const SURFACE: &str = "#f3f7f5";
const SUN: &str = "#f2b705";

/// The fonts the cards name, in order: Latin, then Arabic (Debian's
/// `fonts-noto-core`, which the renderer loads).
const FONTS: &str = "'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Arabic', sans-serif";

/// The image's address for the page at route path `path` in `lang`
/// (`/og/ar/members/x.png`); the home page shows the sector chart, as
/// `/sectors` does, and shares its image.
pub fn image_path(lang: Lang, path: &str) -> String {
    let page = if path == "/" { "/sectors" } else { path };
    format!("/og/{}{page}.png", lang.code())
}

/// The language and route path of an image address: the inverse of
/// [`image_path`] (`/og/sectors` stands for both pages that show it).
pub fn page_of_image(address: &str) -> Option<(Lang, &str)> {
    let rest = address.strip_prefix("/og/")?.strip_suffix(".png")?;
    let (code, page) = rest.split_at(rest.find('/')?);
    Some((Lang::from_code(code)?, page))
}

/// A card: a line above the title (what the page is), the title itself,
/// a line below it and the site's name in the foot, in `lang`'s direction.
#[derive(Debug, Clone)]
pub struct Card<'a> {
    pub lang: Lang,
    pub eyebrow: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub foot: &'a str,
}

/// A generous estimate of a text's width at `size` pixels in the cards'
/// fonts (a wide bold Latin letter; Arabic's are narrower).
fn width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// `text` broken at spaces into at most `lines` lines of at most `max`
/// pixels at `size`; what does not fit ends in an ellipsis. A word wider
/// than a line is cut.
pub fn wrap(text: &str, size: f64, max: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        if line.is_empty() {
            line = word.to_owned();
        } else if width(&format!("{line} {word}"), size) <= max {
            line = format!("{line} {word}");
        } else {
            out.push(std::mem::replace(&mut line, word.to_owned()));
            if out.len() == lines {
                cut = true;
                break;
            }
        }
    }
    if !cut && !line.is_empty() {
        out.push(line);
    }
    let fit = (max / (size * 0.6)) as usize;
    let count = out.len();
    for (i, l) in out.iter_mut().enumerate() {
        if l.chars().count() > fit || (cut && i + 1 == count) {
            let keep = fit.saturating_sub(1).min(l.chars().count());
            *l = l.chars().take(keep).collect::<String>().trim_end().to_owned() + "…";
        }
    }
    out
}

/// A text element at the reading start (`x` from the left in French and
/// English, from the right in Arabic).
fn text(out: &mut String, lang: Lang, y: f64, size: f64, weight: u32, fill: &str, content: &str) {
    let (x, anchor) = if lang.is_rtl() { (WIDTH as f64 - 80.0, "end") } else { (80.0, "start") };
    out.push_str(&format!(
        r#"<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{fill}" text-anchor="{anchor}" direction="{dir}">{}</text>"#,
        esc(content),
        dir = lang.dir()
    ));
}

/// The frame every card shares: the background, a band in the site's
/// colour and its name with the sun mark in the foot.
fn frame(lang: Lang, inner: &str, foot: &str) -> String {
    let (w, h) = (WIDTH, HEIGHT);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONTS}"><rect width="{w}" height="{h}" fill="{BG}"/><rect width="{w}" height="14" fill="{ACCENT}"/><rect y="{}" width="{w}" height="96" fill="{SURFACE}"/>{inner}"#,
        h - 96
    );
    let (mark, name) = if lang.is_rtl() { (w as f64 - 104.0, w as f64 - 136.0) } else { (104.0, 136.0) };
    out.push_str(&format!(r#"<circle cx="{mark}" cy="{}" r="18" fill="{SUN}"/>"#, h - 48));
    out.push_str(&format!(
        r#"<text x="{name}" y="{}" font-size="34" font-weight="700" fill="{ACCENT}" text-anchor="{}" direction="ltr">Cluster EnR</text>"#,
        h - 36,
        if lang.is_rtl() { "end" } else { "start" }
    ));
    if !foot.is_empty() {
        let (x, anchor) = if lang.is_rtl() { (80.0, "start") } else { (w as f64 - 80.0, "end") };
        out.push_str(&format!(
            r#"<text x="{x}" y="{}" font-size="28" fill="{MUTED}" text-anchor="{anchor}" direction="{}">{}</text>"#,
            h - 38,
            lang.dir(),
            esc(&ellipsis(foot, 28.0, 560.0))
        ));
    }
    out + "</svg>"
}

/// `text` cut to one line of `max` pixels at `size`.
fn ellipsis(text: &str, size: f64, max: f64) -> String {
    wrap(text, size, max, 1).into_iter().next().unwrap_or_default()
}

/// The SVG of `card`: the eyebrow, the title on up to three lines (smaller
/// when long), the subtitle on up to two.
pub fn card_svg(card: &Card) -> String {
    let lang = card.lang;
    let max = WIDTH as f64 - 160.0;
    let size = if width(card.title, 72.0) <= 2.0 * max { 72.0 } else { 56.0 };
    let mut inner = String::new();
    text(&mut inner, lang, 118.0, 32.0, 600, ACCENT, &ellipsis(card.eyebrow, 32.0, max));
    let title = wrap(card.title, size, max, 3);
    let mut y = 118.0 + 32.0 + size * 1.1;
    for line in &title {
        text(&mut inner, lang, y, size, 700, FG, line);
        y += size * 1.2;
    }
    y += 10.0;
    for line in wrap(card.subtitle, 34.0, max, 2) {
        if y > (HEIGHT - 120) as f64 {
            break;
        }
        text(&mut inner, lang, y, 34.0, 400, MUTED, &line);
        y += 46.0;
    }
    frame(lang, &inner, card.foot)
}

/// The SVG of a chart's card: the chart as its downloaded file draws it,
/// fitted above the site's foot.
pub fn chart_svg(chart: &Chart) -> String {
    let drawing = preview_svg(chart);
    let inner = format!(
        r#"<svg x="40" y="30" width="{}" height="{}" preserveAspectRatio="xMidYMid meet"{}"#,
        WIDTH - 80,
        HEIGHT - 96 - 44,
        &drawing[4..]
    );
    frame(chart.lang, &inner, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_addresses_round_trip_and_the_home_page_shares_the_sector_chart() {
        assert_eq!(image_path(Lang::Ar, "/members/solar-one"), "/og/ar/members/solar-one.png");
        assert_eq!(image_path(Lang::Fr, "/"), image_path(Lang::Fr, "/sectors"));
        assert_eq!(page_of_image("/og/ar/members/solar-one.png"), Some((Lang::Ar, "/members/solar-one")));
        assert_eq!(page_of_image("/og/en/sectors.png"), Some((Lang::En, "/sectors")));
        for bad in ["/og/xx/sectors.png", "/og/fr.png", "/og/fr/sectors", "/members.png"] {
            assert_eq!(page_of_image(bad), None, "{bad}");
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_ends_what_does_not_fit_with_an_ellipsis() {
        assert_eq!(wrap("Société Marocaine", 10.0, 1000.0, 2), ["Société Marocaine"]);
        assert_eq!(wrap("aaaa bbbb cccc", 10.0, 50.0, 3), ["aaaa", "bbbb", "cccc"]);
        let cut = wrap("aaaa bbbb cccc dddd", 10.0, 50.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        let long = wrap(&"x".repeat(50), 10.0, 60.0, 2);
        assert_eq!(long, [format!("{}…", "x".repeat(9))]);
        assert!(wrap("", 10.0, 60.0, 2).is_empty());
    }

    #[test]
    fn a_card_escapes_its_text_and_reads_from_the_right_in_arabic() {
        let card = Card {
            lang: Lang::Ar, eyebrow: "أعضاء", title: "A & <B>", subtitle: "طاقة شمسية", foot: "الدار البيضاء"
        };
        let svg = card_svg(&card);
        assert!(svg.contains("A &amp; &lt;B&gt;"), "{svg}");
        assert!(svg.contains(r#"x="1120" y="118" font-size="32""#), "{svg}");
        assert!(svg.contains(r#"text-anchor="end" direction="rtl""#));
        let fr = card_svg(&Card { lang: Lang::Fr, ..card });
        assert!(fr.contains(r#"x="80" y="118""#) && fr.contains(r#"direction="ltr""#));
        assert!(fr.starts_with("<svg") && fr.ends_with("</svg>") && fr.contains(r#"width="1200" height="630""#));
    }
}
