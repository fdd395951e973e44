//! Building a directory's index, a few records at a time.

use super::Kind;
use super::bits::Column;
use super::text_index::{TextIndex, TokenIds};
use crate::lang::Lang;
use crate::model::Dataset;
use crate::search::fold;

/// A facet holds at most this many values (one bit each per record).
pub const MAX_FACET_VALUES: usize = 128;

/// A directory ready to be queried: folded text, facet values and the
/// orders for every sort, computed once.
pub struct Index {
    pub(super) kind: Kind,
    /// Number of records.
    pub(super) len: usize,
    /// Per facet, per record, the bit set of its values (columns, so a query
    /// reads memory in order).
    pub(super) masks: Vec<Column>,
    pub(super) text: TextIndex,
    /// Per facet in [`Kind::facets`] order, its possible values (ids).
    pub(super) facet_values: Vec<Vec<String>>,
    /// Record indices by name, per language (fr, ar, en).
    pub(super) by_name: [Vec<u32>; 3],
    /// Record indices by year (joined or founded), then French name.
    pub(super) by_year: Vec<u32>,
}

/// Builds an [`Index`] a few records at a time, so that a browser can yield
/// to the page between steps instead of freezing on a large directory.
pub struct IndexBuilder<'a> {
    d: &'a Dataset,
    kind: Kind,
    next: usize,
    facet_values: Vec<Vec<String>>,
    /// Per facet, per record, the bit set of its values.
    masks: Vec<Column>,
    /// Each token's id while records are added (dropped once they are in).
    token_ids: TokenIds,
    text: TextIndex,
    years: Vec<u16>,
    /// The orders computed so far, in [`ORDERS`] order.
    orders: Vec<Vec<u32>>,
    /// The folded names in one language, for the orders that need them:
    /// one string, record `i`'s name at `name_at[i]..name_at[i + 1]`. Only
    /// one language's names are kept at a time (at 100 000 members, 5 MB
    /// instead of three `String`s per record, 15 MB).
    names: String,
    name_at: Vec<u32>,
    /// The language of `names` once complete.
    names_lang: Option<usize>,
    /// The length of all names, per language (to size `names` once).
    name_bytes: [usize; 3],
    /// The sorted runs of the order being computed.
    runs: std::collections::VecDeque<Vec<u32>>,
    /// Records sorted in one step while the orders are computed.
    pub(super) run: usize,
}

/// Records in one directory of `d`.
fn records(d: &Dataset, kind: Kind) -> usize {
    match kind {
        Kind::Members => d.members.len(),
        Kind::Startups => d.startups.len(),
    }
}

/// The languages of the name orders, by their index in [`ORDERS`].
const NAME_LANGS: [Lang; 3] = [Lang::Fr, Lang::Ar, Lang::En];

/// The orders, in the order they are computed: by name (language index)
/// or by year (then French name), so that the French names serve twice.
const ORDERS: [(usize, bool); 4] = [(0, false), (0, true), (1, false), (2, false)];

impl<'a> IndexBuilder<'a> {
    /// A builder for one directory of `d`.
    pub fn new(d: &'a Dataset, kind: Kind) -> IndexBuilder<'a> {
        let mut facet_values: Vec<Vec<String>> = match kind {
            Kind::Members => vec![
                d.sectors.iter().map(|s| s.id.clone()).collect(),
                d.member_types.iter().map(|t| t.id.clone()).collect(),
                d.regions.iter().map(|r| r.id.clone()).collect(),
                d.labels.iter().map(|l| l.id.clone()).collect(),
                d.programmes.iter().map(|p| p.id.clone()).collect(),
            ],
            Kind::Startups => {
                let mut cohorts: Vec<u16> = d.startups.iter().map(|s| s.cohort).collect();
                cohorts.sort_unstable();
                cohorts.dedup();
                vec![
                    d.sectors.iter().map(|s| s.id.clone()).collect(),
                    d.regions.iter().map(|r| r.id.clone()).collect(),
                    cohorts.iter().map(u16::to_string).collect(),
                    d.programmes.iter().map(|p| p.id.clone()).collect(),
                ]
            }
        };
        for values in &mut facet_values {
            values.truncate(MAX_FACET_VALUES);
        }
        let records = records(d, kind);
        IndexBuilder {
            d,
            kind,
            next: 0,
            masks: facet_values.iter().map(|v| Column::new(v.len(), records)).collect(),
            facet_values,
            token_ids: TokenIds::default(),
            text: TextIndex::default(),
            years: Vec::with_capacity(records),
            orders: Vec::new(),
            names: String::new(),
            name_at: Vec::new(),
            names_lang: None,
            name_bytes: [0; 3],
            runs: Default::default(),
            run: 16_384,
        }
    }

    /// Records in the directory.
    pub fn total(&self) -> usize {
        records(self.d, self.kind)
    }

    /// Does a bounded piece of the work: indexes up to `n` more records, or
    /// once they are all in, computes one of the precomputed orders. True
    /// once everything is done.
    pub fn step(&mut self, n: usize) -> bool {
        if self.next >= self.total() {
            self.token_ids = TokenIds::default();
            return self.sort_step(n);
        }
        let d = self.d;
        let city_names = |region: &str, city: &str| -> String {
            d.region(region)
                .map(|r| {
                    let mut s = r.name.all().collect::<Vec<_>>().join(" ");
                    if let Some(c) = r.cities.iter().find(|c| c.id == city) {
                        s.push(' ');
                        s.push_str(&c.name.all().collect::<Vec<_>>().join(" "));
                    }
                    s
                })
                .unwrap_or_default()
        };
        let end = self.total().min(self.next.saturating_add(n));
        for i in self.next..end {
            let facet_values = &self.facet_values;
            let value_of = |facet: usize, v: &str| -> Option<(u8, u16)> {
                facet_values[facet].iter().position(|x| x == v).map(|i| (facet as u8, i as u16))
            };
            let mut values: Vec<(u8, u16)> = Vec::new();
            let (text, year) = match self.kind {
                Kind::Members => {
                    let m = &d.members[i];
                    values.extend(value_of(0, &m.sector));
                    values.extend(value_of(1, &m.member_type));
                    values.extend(value_of(2, &m.region));
                    m.labels.iter().for_each(|l| values.extend(value_of(3, l)));
                    m.programmes.iter().for_each(|p| values.extend(value_of(4, &p.programme)));
                    let text = [
                        m.name.all().collect::<Vec<_>>().join(" "),
                        m.description.all().collect::<Vec<_>>().join(" "),
                        city_names(&m.region, &m.city),
                        m.keywords.join(" "),
                    ];
                    (text.join("\u{1}"), m.joined)
                }
                Kind::Startups => {
                    let s = &d.startups[i];
                    values.extend(value_of(0, &s.sector));
                    values.extend(value_of(1, &s.region));
                    values.extend(value_of(2, &s.cohort.to_string()));
                    s.programmes.iter().for_each(|p| values.extend(value_of(3, p)));
                    let text = [
                        s.name.all().collect::<Vec<_>>().join(" "),
                        s.description.all().collect::<Vec<_>>().join(" "),
                        city_names(&s.region, &s.city),
                    ];
                    (text.join("\u{1}"), s.founded)
                }
            };
            for (f, column) in self.masks.iter_mut().enumerate() {
                column.push(values.iter().filter(|(vf, _)| *vf as usize == f).fold(0u128, |m, (_, v)| m | (1u128 << v)));
            }
            self.text.add(&mut self.token_ids, i as u32, &fold(&text));
            self.years.push(year);
            let name = self.name(i);
            for (bytes, lang) in self.name_bytes.iter_mut().zip(NAME_LANGS) {
                *bytes += name.in_lang(lang).len();
            }
        }
        self.next = end;
        false
    }

    /// Record `i`'s name.
    fn name(&self, i: usize) -> &'a crate::text::Text {
        match self.kind {
            Kind::Members => &self.d.members[i].name,
            Kind::Startups => &self.d.startups[i].name,
        }
    }

    /// Works on the next missing order (see [`ORDERS`]): folds the names of
    /// up to `n` more records in its language, or sorts one run of at most
    /// `run` records, or once all are sorted in runs, merges two runs (the
    /// last merge completes the order). True once all four orders are there.
    fn sort_step(&mut self, n: usize) -> bool {
        let Some(&(l, by_year)) = ORDERS.get(self.orders.len()) else { return true };
        let len = self.years.len();
        if self.names_lang != Some(l) {
            if self.name_at.is_empty() {
                if self.names.capacity() == 0 {
                    // Room for the longest language's names at once: the
                    // string never grows by doubling (folding rarely lengthens).
                    self.names.reserve_exact(self.name_bytes.into_iter().max().unwrap_or(0));
                    self.name_at.reserve_exact(len + 1);
                }
                self.names.clear();
                self.name_at.push(0);
            }
            let lang = NAME_LANGS[l];
            let start = self.name_at.len() - 1;
            for i in start..len.min(start.saturating_add(n)) {
                self.names.push_str(&fold(self.name(i).in_lang(lang)));
                self.name_at.push(self.names.len() as u32);
            }
            if self.name_at.len() > len {
                self.names_lang = Some(l);
            }
            return false;
        }
        let (names, at, years) = (self.names.as_bytes(), &self.name_at, &self.years);
        let name = |x: usize| &names[at[x] as usize..at[x + 1] as usize];
        let cmp = |&a: &u32, &b: &u32| {
            let (x, y) = (a as usize, b as usize);
            let by_name = || name(x).cmp(name(y));
            let by_year = if by_year { years[x].cmp(&years[y]) } else { std::cmp::Ordering::Equal };
            by_year.then_with(by_name).then(a.cmp(&b))
        };
        let sorted: usize = self.runs.iter().map(Vec::len).sum();
        if sorted < len {
            let mut run: Vec<u32> = (sorted as u32..len.min(sorted + self.run) as u32).collect();
            run.sort_unstable_by(cmp);
            self.runs.push_back(run);
        } else if self.runs.len() > 1 {
            // Bottom-up: the two oldest runs, merged to the back of the queue.
            let (a, b) = (self.runs.pop_front().unwrap_or_default(), self.runs.pop_front().unwrap_or_default());
            let mut merged = Vec::with_capacity(a.len() + b.len());
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                if cmp(&a[i], &b[j]).is_le() {
                    merged.push(a[i]);
                    i += 1;
                } else {
                    merged.push(b[j]);
                    j += 1;
                }
            }
            merged.extend_from_slice(&a[i..]);
            merged.extend_from_slice(&b[j..]);
            self.runs.push_back(merged);
        } else {
            self.orders.push(self.runs.pop_front().unwrap_or_default());
            if ORDERS.get(self.orders.len()).is_none_or(|&(next, _)| next != l) {
                // The next order is in another language: these names are done.
                self.name_at.clear();
                self.names_lang = None;
            }
            return self.orders.len() == ORDERS.len();
        }
        false
    }

    /// The index (records not yet stepped through are indexed now).
    pub fn finish(mut self) -> Index {
        while !self.step(usize::MAX) {}
        let mut orders = std::mem::take(&mut self.orders).into_iter();
        let mut next = || orders.next().unwrap_or_default();
        // In [`ORDERS`] order: fr, by year, ar, en.
        let (fr, by_year, ar) = (next(), next(), next());
        let by_name = [fr, ar, next()];
        Index {
            kind: self.kind,
            len: self.years.len(),
            masks: self.masks,
            text: self.text,
            facet_values: self.facet_values,
            by_name,
            by_year,
        }
    }
}

impl Index {
    /// An index with no records but every facet value, for a directory that
    /// a server queries (its lists are not loaded): cohorts are the years
    /// the validator allows, 2015 to the document's year.
    pub fn empty(d: &Dataset, kind: Kind) -> Index {
        let mut b = IndexBuilder::new(d, kind);
        b.next = usize::MAX;
        if kind == Kind::Startups {
            let last: u16 = d.as_of.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2015);
            b.facet_values[2] = (2015..=last.max(2015)).map(|y| y.to_string()).collect();
        }
        b.finish()
    }

    /// Builds the index of one directory of `d` in one go.
    pub fn new(d: &Dataset, kind: Kind) -> Index {
        IndexBuilder::new(d, kind).finish()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the directory is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
