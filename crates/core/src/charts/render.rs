//! A [`Chart`] as markup: the inline SVG (styled by the classes of
//! `chart.css`, so a strict `style-src 'self'` allows it), the `<figure>`
//! around it with its caption, table and source, the standalone SVG file
//! (with its own `<style>`) and the CSV file.
//!
//! Right to left: every x is mirrored (`W - x`) and the SVG's `direction`
//! is `rtl`, so `text-anchor` keeps its meaning (start = the reading start).

use super::geometry::{nice_ticks, scale};
use super::text::{Key, tr};
use super::{Chart, Row, Shape};
use crate::format;
use std::fmt::Write;

/// The chart classes, shared by the app, the embeds and the downloaded SVG.
pub const CHART_CSS: &str = include_str!("chart.css");

/// Width of every chart's drawing, in SVG units.
pub const W: f64 = 360.0;

/// How the table of numbers is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableMode {
    /// In a `<details>` the reader opens (embeds: no script needed).
    Details,
    /// A plain block (`.chart-table`) that the page shows or hides.
    Block,
    /// None: the page asks for the figure again with [`TableMode::Block`]
    /// when the reader wants the table (fewer elements until then).
    Omitted,
}

/// Where and how a figure is placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Prefix of every `id` written (sanitised to `[a-z0-9-]`); give each
    /// copy on a page its own (chart id + language, say).
    pub prefix: String,
    /// Heading level of the title (2 on a page of charts, 1 in an embed).
    pub heading: u8,
    pub table: TableMode,
    /// Prepended to the chart's links (`""` for same-site links).
    pub link_base: String,
    /// Adds `lang=` to the chart's links (embeds: the site opens in the
    /// embed's language).
    pub link_lang: bool,
    /// Links open in a new tab (embeds: the site refuses to be framed).
    pub new_tab: bool,
}

impl Options {
    /// Options for the portal's own pages.
    pub fn page(chart: &Chart) -> Options {
        Options {
            prefix: format!("chart-{}-{}", chart.id.id(), chart.lang.code()),
            heading: 2,
            table: TableMode::Block,
            link_base: String::new(),
            link_lang: false,
            new_tab: false,
        }
    }
}

/// Escapes text for HTML and SVG, and drops what could disguise it: bidi
/// embeddings and overrides (U+202A–U+202E) and control characters.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{202A}'..='\u{202E}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn sanitize_prefix(p: &str) -> String {
    let s: String = p.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    if s.is_empty() { "chart".to_owned() } else { s }
}

/// Mirrors x for right-to-left languages.
struct Frame {
    rtl: bool,
}

impl Frame {
    fn x(&self, x: f64) -> f64 {
        if self.rtl { W - x } else { x }
    }
    /// A rectangle from `x0` to `x0 + w`, mirrored.
    fn rect_x(&self, x0: f64, w: f64) -> f64 {
        if self.rtl { W - x0 - w } else { x0 }
    }
}

/// A coordinate with at most one decimal, written without float formatting
/// (which would add its tables to the app's wasm).
fn num(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let (sign, t) = if tenths < 0 { ("-", -tenths) } else { ("", tenths) };
    if t % 10 == 0 { format!("{sign}{}", t / 10) } else { format!("{sign}{}.{}", t / 10, t % 10) }
}

#[cfg(test)]
pub(super) fn num_for_tests(v: f64) -> String {
    num(v)
}

fn link(chart: &Chart, o: &Options, href: &str) -> String {
    let mut url = format!("{}{href}", o.link_base);
    if o.link_lang {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str("lang=");
        url.push_str(chart.lang.code());
    }
    url
}

/// Opens a mark: a link when the row has one, else a focusable group.
fn open_mark(out: &mut String, chart: &Chart, o: &Options, row: &Row) {
    match &row.href {
        Some(href) => {
            let target = if o.new_tab { r#" target="_blank" rel="noopener""# } else { "" };
            let _ = write!(out, r#"<a class="mark" href="{}"{target} aria-label="{}">"#, esc(&link(chart, o, href)), esc(&row.mark_label));
        }
        None => {
            let _ = write!(out, r#"<g class="mark" tabindex="0" role="img" aria-label="{}">"#, esc(&row.mark_label));
        }
    }
}

fn close_mark(out: &mut String, row: &Row) {
    out.push_str(if row.href.is_some() { "</a>" } else { "</g>" });
}

/// A text element, then a space: the texts of a mark read as separate words
/// ("Solaire 33 %", not "Solaire33 %") where its name is compared with
/// what it shows (axe's `label-content-name-mismatch`).
fn text(out: &mut String, class: &str, x: f64, y: f64, anchor: &str, content: &str) {
    let _ = write!(out, r#"<text class="{class}" x="{}" y="{}" text-anchor="{anchor}">{}</text> "#, num(x), num(y), esc(content));
}

/// A generous estimate of a text's width at the charts' 14-unit font.
fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * 8.0
}

/// A mark's label on hover and focus: squeezed to the drawing's width when
/// it would not fit, centred on `x` (or from the reading start at `x` when
/// `start`), and kept inside the drawing.
fn tip(out: &mut String, f: &Frame, x: f64, y: f64, start: bool, content: &str) {
    let fit = text_width(content).min(W);
    let squeeze =
        if text_width(content) > W { format!(r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#, num(W)) } else { String::new() };
    // max/min, not f64::clamp: its panic message would bring float formatting into the wasm.
    let (x, anchor) = if start { (0.0, "start") } else { (x.max(fit / 2.0).min(W - fit / 2.0), "middle") };
    let _ = write!(out, r#"<text class="tip" x="{}" y="{}" text-anchor="{anchor}"{squeeze}>{}</text> "#, num(f.x(x)), num(y), esc(content));
}

/// The SVG's drawing (without the `<svg>` element) and its height.
fn drawing(chart: &Chart, o: &Options) -> (String, f64) {
    let f = Frame { rtl: chart.lang.is_rtl() };
    let mut out = String::new();
    let h = match chart.shape {
        Shape::Bars => bars(&mut out, chart, o, &f),
        Shape::Columns { running } => columns(&mut out, chart, o, &f, running),
        Shape::Tiles => tiles(&mut out, chart, &f),
    };
    (out, h)
}

/// Row geometry of the bar chart, in SVG units.
pub const BAR_ROW: f64 = 44.0;
/// The longest bar leaves room for its value.
pub const BAR_MAX: f64 = W - 72.0;

fn bars(out: &mut String, chart: &Chart, o: &Options, f: &Frame) -> f64 {
    let top = chart.rows.iter().map(|r| r.value).max().unwrap_or(0);
    for (i, r) in chart.rows.iter().enumerate() {
        let y = 4.0 + i as f64 * BAR_ROW;
        let len = scale(r.value, top, BAR_MAX).max(if r.value > 0 { 2.0 } else { 0.0 });
        open_mark(out, chart, o, r);
        // A transparent hit area over the whole row, so hovering the label works too.
        let _ = write!(out, r#"<rect class="hit" x="0" y="{}" width="{}" height="{}"/>"#, num(y), num(W), num(BAR_ROW - 2.0));
        text(out, "label", f.x(0.0), y + 14.0, "start", &r.label);
        tip(out, f, 0.0, y + 14.0, true, &r.mark_label);
        let class = if r.muted { "bar muted" } else { "bar" };
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{}" y="{}" width="{}" height="16" rx="2"/>"#,
            num(f.rect_x(0.0, len)),
            num(y + 20.0),
            num(len)
        );
        text(out, "value", f.x(len + 6.0), y + 33.0, "start", &r.shown);
        close_mark(out, r);
    }
    4.0 + chart.rows.len() as f64 * BAR_ROW
}

const COL_H: f64 = 240.0;
const PLOT_TOP: f64 = 40.0;
const PLOT_BOTTOM: f64 = COL_H - 24.0;
const AXIS: f64 = 40.0;

fn columns(out: &mut String, chart: &Chart, o: &Options, f: &Frame, running: bool) -> f64 {
    let years: Vec<u16> = chart.rows.iter().filter_map(|r| r.key.parse().ok()).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return 0.0;
    };
    let slots = f64::from(last - first + 1);
    let right = if running { W - AXIS } else { W - 8.0 };
    let slot = (right - AXIS) / slots;
    let plot_h = PLOT_BOTTOM - PLOT_TOP;
    let ticks = nice_ticks(chart.rows.iter().map(|r| r.value).max().unwrap_or(0), 4);
    let total_ticks = nice_ticks(chart.rows.iter().filter_map(|r| r.running).max().unwrap_or(0), 4);
    let y_of = |v: u64, top: u64| PLOT_BOTTOM - scale(v, top, plot_h);
    // Legend.
    let mut lx = 0.0;
    if let Some(series) = &chart.series_label {
        let _ = write!(out, r#"<rect class="bar" x="{}" y="8" width="12" height="12"/>"#, num(f.rect_x(lx, 12.0)));
        text(out, "legend", f.x(lx + 18.0), 18.0, "start", series);
        lx += 30.0 + series.chars().count() as f64 * 7.0;
    }
    if let Some(label) = chart.running_label.as_ref().filter(|_| running) {
        let _ = write!(out, r#"<line class="line" x1="{}" y1="14" x2="{}" y2="14"/>"#, num(f.x(lx)), num(f.x(lx + 16.0)));
        text(out, "legend", f.x(lx + 22.0), 18.0, "start", label);
    }
    // Grid and the columns' axis (the reading-start side).
    for t in &ticks.values {
        let y = y_of(*t, ticks.top());
        let _ = write!(out, r#"<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>"#, num(f.x(AXIS)), num(y), num(f.x(right)), num(y));
        text(out, "tick", f.x(AXIS - 6.0), y + 4.0, "end", &format::int(*t, chart.lang));
    }
    if running {
        for t in &total_ticks.values {
            let y = y_of(*t, total_ticks.top());
            text(out, "tick running", f.x(right + 6.0), y + 4.0, "start", &format::int(*t, chart.lang));
        }
    }
    let cx = |year: u16| AXIS + (f64::from(year - first) + 0.5) * slot;
    let width = (slot * 0.6).min(36.0);
    let mut points = Vec::new();
    for r in &chart.rows {
        let Ok(year) = r.key.parse::<u16>() else { continue };
        let x = cx(year);
        let y = y_of(r.value, ticks.top());
        open_mark(out, chart, o, r);
        let _ = write!(
            out,
            r#"<rect class="hit" x="{}" y="{}" width="{}" height="{}"/>"#,
            num(f.rect_x(x - slot / 2.0, slot)),
            num(PLOT_TOP),
            num(slot),
            num(COL_H - PLOT_TOP)
        );
        let _ = write!(
            out,
            r#"<rect class="bar" x="{}" y="{}" width="{}" height="{}" rx="2"/>"#,
            num(f.rect_x(x - width / 2.0, width)),
            num(y),
            num(width),
            num(PLOT_BOTTOM - y)
        );
        // The year first: the mark's name starts with it.
        text(out, "axis-label", f.x(x), COL_H - 6.0, "middle", &r.label);
        text(out, "value", f.x(x), y - 5.0, "middle", &r.shown);
        tip(out, f, x, PLOT_TOP - 8.0, false, &r.mark_label);
        close_mark(out, r);
        if let Some(total) = r.running {
            points.push((f.x(x), y_of(total, total_ticks.top())));
        }
    }
    if running && !points.is_empty() {
        let list: Vec<String> = points.iter().map(|(x, y)| format!("{},{}", num(*x), num(*y))).collect();
        let _ = write!(out, r#"<polyline class="line" points="{}"/>"#, list.join(" "));
        for (x, y) in &points {
            let _ = write!(out, r#"<circle class="dot" cx="{}" cy="{}" r="3"/>"#, num(*x), num(*y));
        }
    }
    COL_H
}

const TILE_H: f64 = 70.0;

fn tiles(out: &mut String, chart: &Chart, f: &Frame) -> f64 {
    for (i, r) in chart.rows.iter().enumerate() {
        let y = i as f64 * TILE_H;
        let _ = write!(out, r#"<rect class="tile" x="0" y="{}" width="{}" height="{}" rx="6"/>"#, num(y + 2.0), num(W), num(TILE_H - 6.0));
        // Counts read left to right ("210+"); amounts are words of the language.
        text(out, "big", f.x(12.0), y + 30.0, "start", &r.shown);
        text(out, "label", f.x(12.0), y + 48.0, "start", &r.label);
        if let Some(note) = &r.note {
            text(out, "note", f.x(12.0), y + 62.0, "start", note);
        }
    }
    chart.rows.len() as f64 * TILE_H
}

/// Whether the SVG holds anything to point at (then it is a named group,
/// else an image: axe's `nested-interactive`).
fn interactive(chart: &Chart) -> bool {
    chart.shape != Shape::Tiles && !chart.rows.is_empty()
}

/// The inline `<svg>` element.
pub fn svg(chart: &Chart, o: &Options) -> String {
    let p = sanitize_prefix(&o.prefix);
    let (body, h) = drawing(chart, o);
    let role = if interactive(chart) { "group" } else { "img" };
    format!(
        r#"<svg class="chart-svg" viewBox="0 0 {w} {h}" role="{role}" aria-labelledby="{p}-title" aria-describedby="{p}-desc" direction="{dir}" font-size="14"><desc id="{p}-desc">{desc}</desc>{body}</svg>"#,
        w = num(W),
        h = num(h.max(1.0)),
        dir = chart.lang.dir(),
        desc = esc(&chart.description),
    )
}

fn table(chart: &Chart, o: &Options) -> String {
    if o.table == TableMode::Omitted {
        return String::new();
    }
    let mut t = String::from("<table>");
    let _ = write!(t, "<caption>{}</caption><thead><tr>", esc(&chart.title));
    for h in &chart.table.header {
        let _ = write!(t, r#"<th scope="col">{}</th>"#, esc(h));
    }
    t.push_str("</tr></thead><tbody>");
    for row in &chart.table.rows {
        t.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(t, r#"<th scope="row">{}</th>"#, esc(&c.shown));
            } else {
                let _ = write!(t, "<td>{}</td>", esc(&c.shown));
            }
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table>");
    match o.table {
        TableMode::Details => format!(
            r#"<details class="chart-table"><summary>{}</summary><div class="table-scroll">{t}</div></details>"#,
            esc(tr(Key::TableToggle, chart.lang))
        ),
        TableMode::Block | TableMode::Omitted => format!(r#"<div class="chart-table table-scroll">{t}</div>"#),
    }
}

/// The whole `<figure>`: title and takeaway, the SVG, the table, the source
/// and `as_of` line and the notes (illustrative data, rounding).
pub fn figure(chart: &Chart, o: &Options) -> String {
    let p = sanitize_prefix(&o.prefix);
    let h = o.heading.clamp(1, 6);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<figure class="chart" data-chart="{id}" aria-labelledby="{p}-title"><figcaption><h{h} class="chart-title" id="{p}-title">{title}</h{h}><p class="chart-takeaway">{takeaway}</p></figcaption><div class="chart-plot">{svg}</div>{table}"#,
        id = chart.id.id(),
        title = esc(&chart.title),
        takeaway = esc(&chart.takeaway),
        svg = svg(chart, o),
        table = table(chart, o),
    );
    let source: Vec<&str> = [chart.source.as_str(), chart.as_of.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    let _ = write!(out, r#"<p class="chart-source">{}</p>"#, esc(&source.join(" · ")));
    for note in [&chart.illustrative, &chart.rounding].into_iter().flatten() {
        let _ = write!(out, r#"<p class="chart-note">{}</p>"#, esc(note));
    }
    out.push_str("</figure>");
    out
}

/// Light colours for the downloaded file (image viewers know no `light-dark()`).
const FILE_PALETTE: &str = ".chart-svg{--chart-bg:#ffffff;--chart-text:#14222b;--chart-muted:#46545e;--chart-grid:#d5dedb;\
--chart-bar:#0072b2;--chart-other:#7b8790;--chart-line:#c25500;--chart-tile:#f3f7f5;--chart-focus:#a14d00}";

/// A standalone SVG file: the chart with its title, its source line and its
/// own `<style>`, on a white background. `link_base` makes its links absolute.
pub fn standalone_svg(chart: &Chart, link_base: &str) -> String {
    file_svg(chart, link_base, &format!("{CHART_CSS}{FILE_PALETTE}"), true)
}

/// The downloaded file's drawing for a renderer that knows no custom
/// property (the link-preview images, `crate::og`): the file palette's
/// colours written in place of each `var()`, and no size of its own (the
/// card places it).
pub fn preview_svg(chart: &Chart) -> String {
    let palette = &FILE_PALETTE[FILE_PALETTE.find('{').map_or(0, |i| i + 1)..FILE_PALETTE.rfind('}').unwrap_or(FILE_PALETTE.len())];
    let css = palette
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .fold(CHART_CSS.to_owned(), |css, (name, colour)| css.replace(&format!("var({name})"), colour));
    let svg = file_svg(chart, "", &css, false);
    if !chart.lang.is_rtl() {
        return svg;
    }
    // Such a renderer anchors a text by its left edge whatever the
    // direction: in Arabic, a text that starts at its right is anchored
    // at its end, and the other way round.
    svg.replace(r#"text-anchor="start""#, "\u{0}")
        .replace(r#"text-anchor="end""#, r#"text-anchor="start""#)
        .replace('\u{0}', r#"text-anchor="end""#)
}

fn file_svg(chart: &Chart, link_base: &str, css: &str, sized: bool) -> String {
    let o = Options {
        prefix: format!("{}-{}", chart.id.id(), chart.lang.code()),
        heading: 2,
        table: TableMode::Block,
        link_base: link_base.to_owned(),
        link_lang: true,
        new_tab: false,
    };
    let f = Frame { rtl: chart.lang.is_rtl() };
    let (body, h) = drawing(chart, &o);
    let head = 56.0;
    let total = head + h + 44.0;
    let source: Vec<&str> = [chart.source.as_str(), chart.as_of.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="-16 -12 {w} {h}"{size} direction="{dir}" font-size="14" font-family="system-ui, 'Noto Sans', 'Noto Naskh Arabic', sans-serif" role="img" aria-label="{label}"><style>{css}</style><rect class="file-bg" x="-16" y="-12" width="{w}" height="{h}"/>"#,
        w = num(W + 32.0),
        h = num(total + 12.0),
        size = if sized { format!(r#" width="{}" height="{}""#, num((W + 32.0) * 2.0), num((total + 12.0) * 2.0)) } else { String::new() },
        dir = chart.lang.dir(),
        label = esc(&chart.title),
    );
    text(&mut out, "file-title", f.x(0.0), 10.0, "start", &chart.title);
    text(&mut out, "note", f.x(0.0), 30.0, "start", &chart.takeaway);
    let _ = write!(out, r#"<g transform="translate(0 {})">{body}</g>"#, num(head));
    text(&mut out, "note", f.x(0.0), head + h + 20.0, "start", &source.join(" · "));
    if let Some(note) = &chart.illustrative {
        text(&mut out, "note", f.x(0.0), head + h + 36.0, "start", note);
    }
    out.push_str("</svg>");
    out
}

/// The chart's numbers as a CSV file (formula-safe, like the directories').
pub fn csv(chart: &Chart) -> String {
    crate::csv::document(&chart.table.header, chart.table.rows.iter().map(|r| r.iter().map(|c| c.raw.clone()).collect::<Vec<_>>()))
}

/// The file name of a download: `cluster-enr-sectors-fr.svg`.
pub fn file_name(chart: &Chart, ext: &str) -> String {
    format!("cluster-enr-{}-{}.{ext}", chart.id.id(), chart.lang.code())
}
