//! The portal's charts (docs/embeds.md): one pure renderer from the
//! dataset to accessible SVG and HTML, used by the app's `/sectors` page and
//! home page, by the static embed pages written at build time, by the
//! reference server's live `/embed/:chart`, and by "Download SVG".
//!
//! [`build`] turns the dataset into a [`Chart`] (numbers, labels and texts
//! in one language); [`render`] writes it as a `<figure>` with its SVG and
//! its table; [`page`] writes a whole embed page.

mod geometry;
pub mod page;
pub mod render;
mod text;

pub use geometry::{Ticks, nice_ticks};
pub use render::{Options, TableMode, csv, figure, standalone_svg};

use crate::format;
use crate::lang::Lang;
use crate::model::{Dataset, Figure, Reference, YearFigures};
use text::{Key, fill, tr};

/// A chart, by its stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartId {
    /// Members by sector (the 2023 report's split).
    Sectors,
    /// Members by type.
    MemberTypes,
    /// Members by region.
    Regions,
    /// Start-ups supported per cohort, with the running total.
    StartupsPerYear,
    /// Members over the years (published figures).
    MembersGrowth,
    /// The headline figures.
    KeyFigures,
}

impl ChartId {
    /// Every chart, in the order the charts page shows them.
    pub const ALL: [ChartId; 6] =
        [ChartId::Sectors, ChartId::MemberTypes, ChartId::Regions, ChartId::StartupsPerYear, ChartId::MembersGrowth, ChartId::KeyFigures];

    /// The id used in URLs (`/embed/<id>`) and file names.
    pub fn id(self) -> &'static str {
        match self {
            ChartId::Sectors => "sectors",
            ChartId::MemberTypes => "member-types",
            ChartId::Regions => "regions",
            ChartId::StartupsPerYear => "startups-per-year",
            ChartId::MembersGrowth => "members-growth",
            ChartId::KeyFigures => "key-figures",
        }
    }

    /// The chart with this exact id.
    pub fn from_id(id: &str) -> Option<ChartId> {
        ChartId::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// How a chart draws its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One horizontal bar per row, label above, largest first.
    Bars,
    /// One column per year on a time axis; `running` adds the running total
    /// as a line on its own axis.
    Columns { running: bool },
    /// Big numbers, one tile per row (nothing to point at).
    Tiles,
}

/// One thing the chart shows: a bar, a column or a tile.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The dataset id or the year.
    pub key: String,
    /// What it is, in the chart's language.
    pub label: String,
    /// The number drawn.
    pub value: u64,
    /// The number as written next to the mark ("33 %", "210+", "14 MDH").
    pub shown: String,
    /// The mark's full label, for hover, focus and screen readers.
    pub mark_label: String,
    /// Drawn in the muted colour ("other activities").
    pub muted: bool,
    /// The running total up to this row (start-ups per year).
    pub running: Option<u64>,
    /// The filtered directory this mark opens, if any.
    pub href: Option<String>,
    /// A smaller line under a tile (the figure's source).
    pub note: Option<String>,
}

/// The chart's numbers as a table: what "Table", CSV and screen readers get.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column headings.
    pub header: Vec<String>,
    /// Rows of cells, each as shown and as written in CSV (no grouping
    /// separators, no units).
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// As shown in the table.
    pub shown: String,
    /// As written in the CSV file.
    pub raw: String,
}

impl Cell {
    fn same(s: impl Into<String>) -> Cell {
        let s = s.into();
        Cell { raw: s.clone(), shown: s }
    }
    fn num(n: u64, lang: Lang) -> Cell {
        Cell { shown: format::int(n, lang), raw: n.to_string() }
    }
}

/// A chart in one language, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: ChartId,
    pub lang: Lang,
    pub title: String,
    /// The one-line takeaway.
    pub takeaway: String,
    /// The text description (what the picture shows, in words).
    pub description: String,
    /// "Source : …" line.
    pub source: String,
    /// "Données au 23 février 2024".
    pub as_of: String,
    /// Computed from the bundled (fictitious) records: the caption says so.
    pub illustrative: Option<String>,
    /// "Rounded shares: their total is 99 %", when they do not add up to 100.
    pub rounding: Option<String>,
    pub shape: Shape,
    pub rows: Vec<Row>,
    pub table: Table,
    /// Label of the running-total series, for the legend.
    pub running_label: Option<String>,
    /// Label of the columns' series, for the legend.
    pub series_label: Option<String>,
}

/// Percentages of `counts`, each rounded to a whole number, with their sum
/// (which may differ from 100 by rounding: the chart then says so).
pub fn shares(counts: &[u64]) -> (Vec<u64>, u64) {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return (vec![0; counts.len()], 0);
    }
    let rounded: Vec<u64> = counts.iter().map(|&c| (c * 200 + total) / (2 * total)).collect();
    let sum = rounded.iter().sum();
    (rounded, sum)
}

fn members_link(facet: &str, id: &str) -> String {
    format!("/members?{facet}={}", crate::url::encode(id))
}

fn reference_line(r: &Reference) -> String {
    format!("{} ({})", r.publisher, r.date.get(..4).unwrap_or(&r.date))
}

fn source_of(d: &Dataset, year: u16) -> Option<&Reference> {
    d.figures.iter().find(|f| f.year == year).and_then(|f| d.reference(&f.source))
}

/// Counts of the records' values of one field, in the order of `ids`, with
/// values the dataset does not list counted under their own id at the end.
fn count_by<'a>(ids: impl Iterator<Item = &'a str>, values: impl Iterator<Item = &'a str>) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = ids.map(|i| (i.to_owned(), 0)).collect();
    for v in values {
        match out.iter_mut().find(|(i, _)| i == v) {
            Some((_, n)) => *n += 1,
            None => out.push((v.to_owned(), 1)),
        }
    }
    out
}

/// Sorts by `key`, ties keeping their order: an unstable sort on (key,
/// position), which the app's wasm already holds (a stable sort would add its own).
fn ranked<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let mut keyed: Vec<(K, usize, T)> = items.drain(..).enumerate().map(|(i, t)| (key(&t), i, t)).collect();
    keyed.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    items.extend(keyed.into_iter().map(|(_, _, t)| t));
}

/// The chart's title in `lang`.
pub fn title(id: ChartId, lang: Lang) -> &'static str {
    let key = match id {
        ChartId::Sectors => Key::SectorsTitle,
        ChartId::MemberTypes => Key::TypesTitle,
        ChartId::Regions => Key::RegionsTitle,
        ChartId::StartupsPerYear => Key::StartupsTitle,
        ChartId::MembersGrowth => Key::GrowthTitle,
        ChartId::KeyFigures => Key::FiguresTitle,
    };
    tr(key, lang)
}

/// The chart `id` from the dataset, in `lang`.
pub fn build(d: &Dataset, id: ChartId, lang: Lang) -> Chart {
    let t = |k: Key| tr(k, lang).to_owned();
    let as_of = fill(Key::AsOf, lang, &[("date", &format::date(&d.as_of, lang))]);
    let mut chart = Chart {
        id,
        lang,
        title: title(id, lang).to_owned(),
        takeaway: String::new(),
        description: String::new(),
        source: String::new(),
        as_of,
        illustrative: None,
        rounding: None,
        shape: Shape::Bars,
        rows: Vec::new(),
        table: Table { header: Vec::new(), rows: Vec::new() },
        running_label: None,
        series_label: None,
    };
    match id {
        ChartId::Sectors => sectors(d, &mut chart),
        ChartId::MemberTypes | ChartId::Regions => member_counts(d, &mut chart),
        ChartId::StartupsPerYear => startups_per_year(d, &mut chart),
        ChartId::MembersGrowth => members_growth(d, &mut chart),
        ChartId::KeyFigures => key_figures(d, &mut chart),
    }
    if chart.rows.is_empty() {
        chart.takeaway = t(Key::NoData);
    }
    chart.description = describe(&chart);
    chart
}

fn describe(c: &Chart) -> String {
    let kind = match c.shape {
        Shape::Bars => Key::DescBars,
        Shape::Columns { .. } => Key::DescColumns,
        Shape::Tiles => Key::DescTiles,
    };
    let items: Vec<String> = c.rows.iter().map(|r| r.mark_label.clone()).collect();
    format!("{} {}", tr(kind, c.lang), format::join(&items, c.lang))
}

fn percent_label(label: &str, pct: u64, lang: Lang) -> String {
    fill(Key::MarkShare, lang, &[("label", label), ("share", &format::percent(pct, lang))])
}

fn sectors(d: &Dataset, c: &mut Chart) {
    let lang = c.lang;
    // The published split when the data carries it for every sector, else
    // the records' own split (then illustrative).
    let published: Option<Vec<u64>> = d.sectors.iter().map(|s| s.report_share.map(u64::from)).collect();
    let (values, sum) = match published.filter(|v| !v.is_empty()) {
        Some(v) => {
            let sum = v.iter().sum();
            c.source = source_line(d.latest(|y| y.active_members.as_ref()).and_then(|(y, _)| source_of(d, y)), lang);
            (v, sum)
        }
        None => {
            let counts = count_by(d.sectors.iter().map(|s| s.id.as_str()), d.members.iter().map(|m| m.sector.as_str()));
            c.illustrative = Some(tr(Key::Illustrative, lang).to_owned());
            c.source = tr(Key::SourceRecords, lang).to_owned();
            shares(&counts.iter().map(|x| x.1).collect::<Vec<_>>())
        }
    };
    if sum != 100 && sum != 0 {
        c.rounding = Some(fill(Key::Rounding, lang, &[("sum", &format::percent(sum, lang))]));
    }
    let mut rows: Vec<Row> = d
        .sectors
        .iter()
        .zip(&values)
        .map(|(s, &v)| {
            let label = s.name.in_lang(lang).to_owned();
            Row {
                key: s.id.clone(),
                mark_label: percent_label(&label, v, lang),
                label,
                value: v,
                shown: format::percent(v, lang),
                muted: s.id == "other",
                running: None,
                href: Some(members_link("sector", &s.id)),
                note: None,
            }
        })
        .collect();
    // Largest first; "other activities" always last, shown as such.
    ranked(&mut rows, |r| (r.muted, std::cmp::Reverse(r.value)));
    if let Some(top) = rows.first() {
        c.takeaway = fill(Key::SectorsTakeaway, lang, &[("label", &top.label), ("share", &top.shown)]);
    }
    c.table = Table {
        header: vec![tr(Key::ColSector, lang).to_owned(), tr(Key::ColShare, lang).to_owned()],
        rows: rows.iter().map(|r| vec![Cell::same(&r.label), Cell { shown: r.shown.clone(), raw: r.value.to_string() }]).collect(),
    };
    c.rows = rows;
}

fn member_counts(d: &Dataset, c: &mut Chart) {
    let lang = c.lang;
    let (facet, counts, takeaway, col) = match c.id {
        ChartId::MemberTypes => (
            "type",
            count_by(d.member_types.iter().map(|t| t.id.as_str()), d.members.iter().map(|m| m.member_type.as_str())),
            Key::TypesTakeaway,
            Key::ColType,
        ),
        _ => (
            "region",
            count_by(d.regions.iter().map(|r| r.id.as_str()), d.members.iter().map(|m| m.region.as_str())),
            Key::RegionsTakeaway,
            Key::ColRegion,
        ),
    };
    c.illustrative = Some(tr(Key::Illustrative, lang).to_owned());
    c.source = tr(Key::SourceRecords, lang).to_owned();
    let total: u64 = counts.iter().map(|x| x.1).sum();
    let (pcts, sum) = shares(&counts.iter().map(|x| x.1).collect::<Vec<_>>());
    if sum != 100 && total > 0 {
        c.rounding = Some(fill(Key::Rounding, lang, &[("sum", &format::percent(sum, lang))]));
    }
    let mut rows: Vec<(Row, u64)> = counts
        .iter()
        .zip(pcts)
        .map(|((id, n), pct)| {
            let label = d.name_in(facet, id, lang);
            let members = fill(Key::Members, lang, &[("n", &format::int(*n, lang))]);
            let row = Row {
                key: id.clone(),
                mark_label: format!("{label}{} {members} ({})", tr(Key::Colon, lang), format::percent(pct, lang)),
                label,
                value: *n,
                shown: format::int(*n, lang),
                muted: false,
                running: None,
                href: Some(members_link(facet, id)),
                note: None,
            };
            (row, pct)
        })
        .collect();
    // Ranked, largest first, ties in the dataset's order.
    ranked(&mut rows, |(r, _)| std::cmp::Reverse(r.value));
    if let Some((top, _)) = rows.first().filter(|(r, _)| r.value > 0) {
        c.takeaway =
            fill(takeaway, lang, &[("label", &top.label), ("n", &format::int(top.value, lang)), ("total", &format::int(total, lang))]);
    }
    c.table = Table {
        header: vec![tr(col, lang).to_owned(), tr(Key::ColMembers, lang).to_owned(), tr(Key::ColShare, lang).to_owned()],
        rows: rows
            .iter()
            .map(|(r, pct)| {
                vec![Cell::same(&r.label), Cell::num(r.value, lang), Cell { shown: format::percent(*pct, lang), raw: pct.to_string() }]
            })
            .collect(),
    };
    c.rows = if total == 0 { Vec::new() } else { rows.into_iter().map(|(r, _)| r).collect() };
}

fn startups_per_year(d: &Dataset, c: &mut Chart) {
    let lang = c.lang;
    c.illustrative = Some(tr(Key::Illustrative, lang).to_owned());
    c.source = tr(Key::SourceRecords, lang).to_owned();
    c.shape = Shape::Columns { running: true };
    c.series_label = Some(tr(Key::SeriesCohort, lang).to_owned());
    c.running_label = Some(tr(Key::SeriesRunning, lang).to_owned());
    let mut years: Vec<(u16, u64)> = Vec::new();
    for s in &d.startups {
        match years.iter_mut().find(|(y, _)| *y == s.cohort) {
            Some((_, n)) => *n += 1,
            None => years.push((s.cohort, 1)),
        }
    }
    years.sort_unstable();
    let mut running = 0;
    c.rows = years
        .iter()
        .map(|&(year, n)| {
            running += n;
            let mark = fill(
                Key::StartupsMark,
                lang,
                &[("year", &year.to_string()), ("n", &format::int(n, lang)), ("total", &format::int(running, lang))],
            );
            Row {
                key: year.to_string(),
                label: year.to_string(),
                value: n,
                shown: format::int(n, lang),
                mark_label: mark,
                muted: false,
                running: Some(running),
                href: Some(format!("/startups?cohort={year}")),
                note: None,
            }
        })
        .collect();
    if let (Some(first), Some(last)) = (c.rows.first(), c.rows.last()) {
        c.takeaway =
            fill(Key::StartupsTakeaway, lang, &[("total", &format::int(running, lang)), ("first", &first.label), ("last", &last.label)]);
    }
    c.table = Table {
        header: vec![tr(Key::ColCohort, lang).to_owned(), tr(Key::ColStartups, lang).to_owned(), tr(Key::ColRunning, lang).to_owned()],
        rows: c
            .rows
            .iter()
            .map(|r| vec![Cell::same(&r.label), Cell::num(r.value, lang), Cell::num(r.running.unwrap_or_default(), lang)])
            .collect(),
    };
}

fn source_line(r: Option<&Reference>, lang: Lang) -> String {
    match r {
        Some(r) => fill(Key::Source, lang, &[("refs", &format::isolate(&reference_line(r)))]),
        None => String::new(),
    }
}

fn members_growth(d: &Dataset, c: &mut Chart) {
    let lang = c.lang;
    c.shape = Shape::Columns { running: false };
    c.series_label = Some(tr(Key::SeriesMembers, lang).to_owned());
    let mut years: Vec<(&YearFigures, &Figure)> = d.figures.iter().filter_map(|y| y.active_members.as_ref().map(|f| (y, f))).collect();
    years.sort_unstable_by_key(|(y, _)| y.year);
    c.rows = years
        .iter()
        .map(|(y, f)| {
            let shown = format::count(f.value, f.lower_bound, lang);
            let source = d.reference(&y.source).map(reference_line).unwrap_or_default();
            let key = if f.lower_bound { Key::GrowthMarkLower } else { Key::GrowthMark };
            Row {
                key: y.year.to_string(),
                label: y.year.to_string(),
                value: f.value,
                mark_label: fill(key, lang, &[("year", &y.year.to_string()), ("n", &shown)]),
                shown,
                muted: false,
                running: None,
                href: None,
                note: Some(source),
            }
        })
        .collect();
    c.source = sources_of_rows(&c.rows, lang);
    if let (Some(first), Some(last)) = (c.rows.first(), c.rows.last()) {
        c.takeaway = fill(
            Key::GrowthTakeaway,
            lang,
            &[("first_n", &first.shown), ("first", &first.label), ("last_n", &last.shown), ("last", &last.label)],
        );
    }
    c.table = Table {
        header: vec![tr(Key::ColYear, lang).to_owned(), tr(Key::ColActiveMembers, lang).to_owned(), tr(Key::ColSource, lang).to_owned()],
        rows: c
            .rows
            .iter()
            .map(|r| vec![Cell::same(&r.label), Cell::same(&r.shown), Cell::same(r.note.clone().unwrap_or_default())])
            .collect(),
    };
}

/// "Sources: …": each row's source (its note) once, in the rows' order.
fn sources_of_rows(rows: &[Row], lang: Lang) -> String {
    let mut refs: Vec<String> = Vec::new();
    for note in rows.iter().filter_map(|r| r.note.as_deref()).filter(|n| !n.is_empty()) {
        let isolated = format::isolate(note);
        if !refs.contains(&isolated) {
            refs.push(isolated);
        }
    }
    if refs.is_empty() { String::new() } else { fill(Key::Sources, lang, &[("refs", &format::join(&refs, lang))]) }
}

fn key_figures(d: &Dataset, c: &mut Chart) {
    let lang = c.lang;
    c.takeaway = tr(Key::FiguresTakeaway, lang).to_owned();
    c.shape = Shape::Tiles;
    type Pick = fn(&YearFigures) -> Option<&Figure>;
    let picks: [(Pick, bool, Key); 5] = [
        (|y| y.active_members.as_ref(), false, Key::FigMembers),
        (|y| y.startups_per_year.as_ref(), false, Key::FigStartupsYear),
        (|y| y.startups_supported.as_ref(), false, Key::FigStartupsTotal),
        (|y| y.incubator_fundraising_mad.as_ref(), true, Key::FigFundraising),
        (|y| y.partnerships.as_ref(), false, Key::FigPartnerships),
    ];
    c.rows = picks
        .iter()
        .filter_map(|(pick, money, key)| {
            let (year, f) = d.latest(pick)?;
            let shown = if *money { format::mad_millions(f.value, lang) } else { format::count(f.value, f.lower_bound, lang) };
            let source = source_of(d, year).map(reference_line).unwrap_or_default();
            let label = tr(*key, lang).to_owned();
            Some(Row {
                key: year.to_string(),
                mark_label: format!("{label}{} {shown}", tr(Key::Colon, lang)),
                label,
                value: f.value,
                shown,
                muted: false,
                running: None,
                href: None,
                note: Some(source),
            })
        })
        .collect();
    c.source = sources_of_rows(&c.rows, lang);
    c.table = Table {
        header: vec![tr(Key::ColFigure, lang).to_owned(), tr(Key::ColValue, lang).to_owned(), tr(Key::ColSource, lang).to_owned()],
        rows: c
            .rows
            .iter()
            .map(|r| {
                let raw = if r.shown.ends_with('+') { format!("{}+", r.value) } else { r.value.to_string() };
                vec![Cell::same(&r.label), Cell { shown: r.shown.clone(), raw }, Cell::same(r.note.clone().unwrap_or_default())]
            })
            .collect(),
    };
}

/// The text of an embed page for an unknown chart id, in `lang`.
pub fn not_found_text(lang: Lang) -> (&'static str, &'static str) {
    (tr(Key::NotFoundTitle, lang), tr(Key::NotFoundBody, lang))
}

/// "See every chart on the Cluster EnR site", in `lang`.
pub fn back_link_text(lang: Lang) -> &'static str {
    tr(Key::BackLink, lang)
}

/// "Table", the label of the table toggle, in `lang`.
pub fn table_label(lang: Lang) -> &'static str {
    tr(Key::TableToggle, lang)
}

#[cfg(test)]
mod tests;
