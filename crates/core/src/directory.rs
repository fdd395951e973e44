//! The directories' engine, shared by the app and the server: URL parameters
//! (docs/routes.md), search, facets with live counts (OR inside a facet, AND
//! across; each facet counted under the other facets' filters), sorting by
//! precomputed orders, and paging.

use crate::lang::Lang;
use crate::model::Dataset;
use crate::search::{fold, query_words};

/// Which directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Members,
    Startups,
}

impl Kind {
    /// The facets, in display order.
    pub fn facets(self) -> &'static [Facet] {
        match self {
            Kind::Members => &[Facet::Sector, Facet::Type, Facet::Region, Facet::Label, Facet::Programme],
            Kind::Startups => &[Facet::Sector, Facet::Region, Facet::Cohort, Facet::Programme],
        }
    }

    /// The directory's base path (also the API's collection path).
    pub fn path(self) -> &'static str {
        match self {
            Kind::Members => "/members",
            Kind::Startups => "/startups",
        }
    }

    /// The CSV columns, in order.
    pub fn csv_columns(self) -> &'static [CsvColumn] {
        use CsvColumn::*;
        match self {
            Kind::Members => &[Id, Name, Type, Sector, Region, City, Joined, Labels, Programmes, Website, Email, Phone],
            Kind::Startups => &[Id, Name, Sector, Region, City, Founded, Cohort, Programmes, RaisedMad, Website],
        }
    }
}

/// A facet: a URL parameter whose values are ids of one kind of thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Sector,
    Type,
    Region,
    Label,
    Programme,
    Cohort,
}

impl Facet {
    /// The URL parameter, also what [`Dataset::name_in`] calls the values.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Sector => "sector",
            Facet::Type => "type",
            Facet::Region => "region",
            Facet::Label => "label",
            Facet::Programme => "programme",
            Facet::Cohort => "cohort",
        }
    }
}

/// A directory's order: by name or by year (joined for members, founded for
/// start-ups), each either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    NameDesc,
    Year,
    YearDesc,
}

impl Sort {
    /// Every order, the default first.
    pub const ALL: [Sort; 4] = [Sort::Name, Sort::NameDesc, Sort::Year, Sort::YearDesc];

    /// The `sort` URL value in `kind`.
    pub fn param(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Sort::Name, _) => "name",
            (Sort::NameDesc, _) => "-name",
            (Sort::Year, Kind::Members) => "joined",
            (Sort::YearDesc, Kind::Members) => "-joined",
            (Sort::Year, Kind::Startups) => "founded",
            (Sort::YearDesc, Kind::Startups) => "-founded",
        }
    }

    /// The order a `sort` URL value names in `kind`.
    pub fn from_param(kind: Kind, v: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.param(kind) == v)
    }

    fn descending(self) -> bool {
        matches!(self, Sort::NameDesc | Sort::YearDesc)
    }
}

/// A column of a directory's CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvColumn {
    Id,
    Name,
    Type,
    Sector,
    Region,
    City,
    Joined,
    Labels,
    Programmes,
    Website,
    Email,
    Phone,
    Founded,
    Cohort,
    RaisedMad,
}

impl CsvColumn {
    /// The message key of the column's heading.
    pub fn key(self) -> &'static str {
        match self {
            CsvColumn::Id => "csv_id",
            CsvColumn::Name => "csv_name",
            CsvColumn::Type => "csv_type",
            CsvColumn::Sector => "csv_sector",
            CsvColumn::Region => "csv_region",
            CsvColumn::City => "csv_city",
            CsvColumn::Joined => "csv_joined",
            CsvColumn::Labels => "csv_labels",
            CsvColumn::Programmes => "csv_programmes",
            CsvColumn::Website => "csv_website",
            CsvColumn::Email => "csv_email",
            CsvColumn::Phone => "csv_phone",
            CsvColumn::Founded => "csv_founded",
            CsvColumn::Cohort => "csv_cohort",
            CsvColumn::RaisedMad => "csv_raised_mad",
        }
    }
}

/// A directory view, as in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Params {
    pub q: String,
    /// Selected values per facet, in [`Kind::facets`] order.
    pub filters: Vec<Vec<String>>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

/// One page of a directory as the API sends it (`GET /members`,
/// `GET /startups`) and the app reads it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Records matching the view.
    pub total: usize,
    /// The page after clamping.
    pub page: usize,
    pub per_page: usize,
    /// Per facet parameter, every value with its count.
    pub facets: std::collections::BTreeMap<String, Vec<FacetCount>>,
}

/// A facet value and how many records it would give.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

impl<T> Page<T> {
    /// The API page of query results `r`, holding `items`.
    pub fn new(kind: Kind, r: &Results, items: Vec<T>, per_page: usize) -> Page<T> {
        let facets = kind
            .facets()
            .iter()
            .zip(&r.facets)
            .map(|(f, counts)| {
                (f.param().to_owned(), counts.iter().map(|(value, count)| FacetCount { value: value.clone(), count: *count }).collect())
            })
            .collect();
        Page { items, total: r.ids.len(), page: r.page, per_page, facets }
    }

    /// The facet counts in [`Kind::facets`] order (a facet the page lacks has none).
    pub fn facet_counts(&self, kind: Kind) -> FacetCounts {
        kind.facets()
            .iter()
            .map(|f| self.facets.get(f.param()).map_or_else(Vec::new, |c| c.iter().map(|c| (c.value.clone(), c.count)).collect()))
            .collect()
    }
}

/// A facet holds at most this many values (one bit each per record).
pub const MAX_FACET_VALUES: usize = 128;

/// The folded text of every record as a vocabulary of whitespace-separated
/// tokens, each with the records holding it. A query word has no whitespace,
/// so it occurs in a record's text exactly when it occurs inside one of the
/// record's tokens: searching the (small) vocabulary instead of every text
/// gives the same answer as a substring search, many times faster.
struct TextIndex {
    /// Every distinct token, each followed by a newline, so that one scan
    /// of one string finds a word in all of them.
    vocabulary: String,
    /// Where each token starts in `vocabulary`.
    starts: Vec<u32>,
    /// Per token, the records holding it, ascending, as [`Postings`].
    postings: Vec<Postings>,
}

/// The records holding a token, ascending: the first one, then the gap to
/// each next one, as LEB128 varints. Most take one or two bytes instead of
/// four: at 100 000 members, the lists are most of the index's memory. A
/// list of up to seven bytes (a name's own words: one or a few records) is
/// kept in place, without an allocation of its own.
enum Postings {
    Inline { len: u8, bytes: [u8; 7] },
    Heap(Vec<u8>),
}

impl Default for Postings {
    fn default() -> Postings {
        Postings::Inline { len: 0, bytes: [0; 7] }
    }
}

impl Postings {
    fn bytes(&self) -> &[u8] {
        match self {
            Postings::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Postings::Heap(v) => v,
        }
    }

    fn push_byte(&mut self, b: u8) {
        match self {
            Postings::Inline { len, bytes } if usize::from(*len) < bytes.len() => {
                bytes[usize::from(*len)] = b;
                *len += 1;
            }
            Postings::Inline { bytes, .. } => {
                let mut v = Vec::with_capacity(16);
                v.extend_from_slice(bytes);
                v.push(b);
                *self = Postings::Heap(v);
            }
            Postings::Heap(v) => v.push(b),
        }
    }

    /// Adds `record`, which is never below `last`, the last one added (again:
    /// no change); `last` becomes `record`.
    fn push(&mut self, record: u32, last: &mut u32) {
        let mut v = if self.bytes().is_empty() {
            record
        } else if record > *last {
            record - *last
        } else {
            return;
        };
        *last = record;
        while v >= 0x80 {
            self.push_byte((v as u8) | 0x80);
            v >>= 7;
        }
        self.push_byte(v as u8);
    }

    /// Calls `f` with each record, ascending.
    fn for_each(&self, mut f: impl FnMut(u32)) {
        let (mut record, mut v, mut shift) = (None::<u32>, 0u32, 0u32);
        for &b in self.bytes() {
            v |= u32::from(b & 0x7f) << (shift & 31);
            if b < 0x80 {
                let next = record.map_or(v, |r| r.wrapping_add(v));
                record = Some(next);
                f(next);
                (v, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
    }
}

/// One facet's values for every record: per record, the bit set of its
/// values, stored no wider than the facet needs (a byte for up to eight
/// values instead of sixteen bytes: at 100 000 members, 0.6 MB instead of 8 MB).
enum Column {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    U128(Vec<u128>),
}

impl Column {
    /// An empty column for a facet of `values` values, room for `records`.
    fn new(values: usize, records: usize) -> Column {
        match values {
            0..=8 => Column::U8(Vec::with_capacity(records)),
            9..=16 => Column::U16(Vec::with_capacity(records)),
            17..=32 => Column::U32(Vec::with_capacity(records)),
            33..=64 => Column::U64(Vec::with_capacity(records)),
            _ => Column::U128(Vec::with_capacity(records)),
        }
    }

    /// Appends a record's bits (no bit above the facet's values is set).
    fn push(&mut self, bits: u128) {
        match self {
            Column::U8(v) => v.push(bits as u8),
            Column::U16(v) => v.push(bits as u16),
            Column::U32(v) => v.push(bits as u32),
            Column::U64(v) => v.push(bits as u64),
            Column::U128(v) => v.push(bits),
        }
    }

    /// Record `i`'s bits.
    fn get(&self, i: usize) -> u128 {
        match self {
            Column::U8(v) => v[i].into(),
            Column::U16(v) => v[i].into(),
            Column::U32(v) => v[i].into(),
            Column::U64(v) => v[i].into(),
            Column::U128(v) => v[i],
        }
    }
}

/// A set of record indices, one bit each.
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    fn insert(&mut self, i: u32) {
        self.0[i as usize / 64] |= 1 << (i % 64);
    }

    fn contains(&self, i: u32) -> bool {
        self.0.get(i as usize / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn intersect(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a &= b);
    }

    /// The members, ascending.
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            let mut bits = w;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros();
                    bits &= bits - 1;
                    (k * 64) as u32 + b
                })
            })
        })
    }
}

/// Each token's id while records are added, found by the token's text in
/// the vocabulary: an open-addressing table of ids, four bytes a token (a map
/// keyed by `String` held a second copy of every token: at 100 000 members,
/// 3.5 MB more while the index was built).
#[derive(Default)]
struct TokenIds {
    /// A token's id plus one; zero is an empty slot. Never more than half full.
    slots: Vec<u32>,
    /// Per token, the last record added to its list.
    last: Vec<u32>,
}

impl TokenIds {
    /// Where `token`'s search starts in a table of `2^bits` slots.
    fn home(token: &str, bits: u32) -> usize {
        use std::hash::BuildHasher;
        (rustc_hash::FxBuildHasher.hash_one(token).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The id of `token`, or the empty slot where it goes.
    fn find(&self, text: &TextIndex, token: &str) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = Self::home(token, self.slots.len().trailing_zeros());
        loop {
            match self.slots[i] {
                0 => return Err(i),
                id if text.token(id - 1) == token => return Ok(id - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Makes room for one more token than `text` has.
    fn reserve(&mut self, text: &TextIndex) {
        let tokens = text.starts.len();
        if (tokens + 1) * 2 <= self.slots.len() {
            return;
        }
        self.slots = vec![0; (self.slots.len() * 2).max(1024)];
        for id in 0..tokens as u32 {
            if let Err(slot) = self.find(text, text.token(id)) {
                self.slots[slot] = id + 1;
            }
        }
    }
}

impl TextIndex {
    /// Token `t`'s text.
    fn token(&self, t: u32) -> &str {
        let t = t as usize;
        let end = self.starts.get(t + 1).map_or(self.vocabulary.len(), |&s| s as usize) - 1;
        &self.vocabulary[self.starts[t] as usize..end]
    }

    /// Adds the tokens of `record`'s folded text (records come in order).
    fn add(&mut self, ids: &mut TokenIds, record: u32, text: &str) {
        for token in text.split(|c: char| c.is_whitespace() || c == '\u{1}').filter(|t| !t.is_empty()) {
            ids.reserve(self);
            let id = match ids.find(self, token) {
                Ok(id) => id,
                Err(slot) => {
                    ids.slots[slot] = self.starts.len() as u32 + 1;
                    self.starts.push(self.vocabulary.len() as u32);
                    self.vocabulary.push_str(token);
                    self.vocabulary.push('\n');
                    self.postings.push(Postings::default());
                    ids.last.push(0);
                    self.starts.len() as u32 - 1
                }
            };
            self.postings[id as usize].push(record, &mut ids.last[id as usize]);
        }
    }

    /// The tokens holding `word`, ascending.
    fn tokens_with(&self, word: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut t = 0;
        for (pos, _) in self.vocabulary.match_indices(word) {
            // Matches come in order: walk the token starts alongside.
            while self.starts.get(t + 1).is_some_and(|&s| s as usize <= pos) {
                t += 1;
            }
            if out.last() != Some(&(t as u32)) {
                out.push(t as u32);
            }
        }
        out
    }

    /// The records whose text holds every word.
    fn search(&self, words: &[String], records: usize) -> Bits {
        let mut hits: Option<Bits> = None;
        for w in words {
            let mut bits = Bits::new(records);
            for t in self.tokens_with(w) {
                self.postings[t as usize].for_each(|r| bits.insert(r));
            }
            match &mut hits {
                Some(h) => h.intersect(&bits),
                None => hits = Some(bits),
            }
        }
        hits.unwrap_or_else(|| Bits::new(records))
    }
}

/// A directory ready to be queried: folded text, facet values and the
/// orders for every sort, computed once.
pub struct Index {
    kind: Kind,
    /// Number of records.
    len: usize,
    /// Per facet, per record, the bit set of its values (columns, so a query
    /// reads memory in order).
    masks: Vec<Column>,
    text: TextIndex,
    /// Per facet, its possible values (ids).
    pub facet_values: Vec<Vec<String>>,
    /// Record indices by name, per language (fr, ar, en).
    by_name: [Vec<u32>; 3],
    /// Record indices by year (joined or founded), then French name.
    by_year: Vec<u32>,
}

/// Facet counts: per facet, `(value, count)` for every possible value.
pub type FacetCounts = Vec<Vec<(String, usize)>>;

/// The answer to a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Every matching record index, in the requested order (for CSV and paging).
    pub ids: Vec<u32>,
    pub facets: FacetCounts,
    /// The page after clamping.
    pub page: usize,
}

impl Results {
    /// The records of the current page.
    pub fn page_ids(&self, per_page: usize) -> &[u32] {
        let start = (self.page - 1) * per_page;
        &self.ids[start.min(self.ids.len())..(start + per_page).min(self.ids.len())]
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::Ar => 1,
        Lang::En => 2,
    }
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
    run: usize,
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
            text: TextIndex { vocabulary: String::new(), starts: Vec::new(), postings: Vec::new() },
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
            if !self.token_ids.slots.is_empty() {
                self.token_ids = TokenIds::default();
            }
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

    /// Reads URL pairs: unknown parameters and values are dropped, an unknown
    /// sort becomes the default, a bad page becomes 1. Returns whether
    /// anything was dropped (the URL should then be replaced).
    pub fn parse_params<'a>(&self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Params, bool) {
        let facets = self.kind.facets();
        let mut p = Params { filters: vec![Vec::new(); facets.len()], page: 1, ..Params::default() };
        let mut dropped = false;
        for (k, v) in pairs {
            if k == "q" {
                p.q = v.to_owned();
            } else if k == "sort" {
                match Sort::from_param(self.kind, v) {
                    Some(sort) => p.sort = sort,
                    None => dropped = true,
                }
            } else if k == "page" {
                match v.parse::<usize>() {
                    Ok(n) if n >= 1 => p.page = n,
                    _ => dropped = true,
                }
            } else if let Some(f) = facets.iter().position(|f| f.param() == k) {
                if self.facet_values[f].iter().any(|x| x == v) && !p.filters[f].iter().any(|x| x == v) {
                    p.filters[f].push(v.to_owned());
                } else {
                    dropped = true;
                }
            } else if k != "lang" {
                dropped = true;
            }
        }
        (p, dropped)
    }

    /// The URL pairs of a view, in a stable order, defaults omitted.
    pub fn to_pairs(&self, p: &Params) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if !p.q.trim().is_empty() {
            out.push(("q".to_owned(), p.q.clone()));
        }
        for (f, values) in self.kind.facets().iter().zip(&p.filters) {
            out.extend(values.iter().map(|v| (f.param().to_owned(), v.clone())));
        }
        if p.sort != Sort::default() {
            out.push(("sort".to_owned(), p.sort.param(self.kind).to_owned()));
        }
        if p.page > 1 {
            out.push(("page".to_owned(), p.page.to_string()));
        }
        out
    }

    /// Runs a query: matches, counts, order and the clamped page.
    pub fn query(&self, p: &Params, lang: Lang, per_page: usize) -> Results {
        let words = query_words(&p.q);
        let wanted: Vec<u128> = self
            .facet_values
            .iter()
            .enumerate()
            .map(|(f, values)| {
                let selected = p.filters.get(f).map_or(&[][..], Vec::as_slice);
                selected.iter().filter_map(|v| values.iter().position(|x| x == v)).fold(0u128, |m, i| m | (1u128 << i))
            })
            .collect();
        let mut counts: Vec<Vec<usize>> = self.facet_values.iter().map(|v| vec![0; v.len()]).collect();
        let mut hits = Bits::new(self.len);
        let mut visit = |i: u32| {
            let i = i as usize;
            // Facets whose filter this record fails, as a bit mask.
            let mut failing = 0u32;
            for (f, want) in wanted.iter().enumerate() {
                if *want != 0 && self.masks[f].get(i) & want == 0 {
                    failing |= 1 << f;
                }
            }
            if failing == 0 {
                hits.insert(i as u32);
            }
            // A record counts for facet F when it passes every other facet's filter.
            for (f, column) in self.masks.iter().enumerate() {
                if failing & !(1 << f) == 0 {
                    let mut bits = column.get(i);
                    while bits != 0 {
                        counts[f][bits.trailing_zeros() as usize] += 1;
                        bits &= bits - 1;
                    }
                }
            }
        };
        let mut matched = 0;
        if words.is_empty() {
            (0..self.len as u32).for_each(&mut visit);
            matched = self.len;
        } else {
            self.text.search(&words, self.len).iter().for_each(|i| {
                matched += 1;
                visit(i)
            });
        }
        let order: &[u32] = match p.sort {
            Sort::Name | Sort::NameDesc => &self.by_name[lang_index(lang)],
            Sort::Year | Sort::YearDesc => &self.by_year,
        };
        let mut ids: Vec<u32> = Vec::with_capacity(matched);
        ids.extend(order.iter().copied().filter(|&i| hits.contains(i)));
        if p.sort.descending() {
            ids.reverse();
        }
        let pages = ids.len().div_ceil(per_page.max(1)).max(1);
        let facets = self.facet_values.iter().zip(counts).map(|(values, c)| values.iter().cloned().zip(c).collect()).collect();
        Results { ids, facets, page: p.page.clamp(1, pages) }
    }
}

/// The CSV cells of records `ids`, names of referenced things in `lang`.
pub fn csv_rows(d: &Dataset, kind: Kind, ids: &[u32], lang: Lang) -> Vec<Vec<String>> {
    let name = |what: &str, id: &str| d.name_in(what, id, lang);
    match kind {
        Kind::Members => ids
            .iter()
            .filter_map(|&i| d.members.get(i as usize))
            .map(|m| {
                vec![
                    m.id.clone(),
                    m.name.in_lang(lang).to_owned(),
                    name("type", &m.member_type),
                    name("sector", &m.sector),
                    name("region", &m.region),
                    name("city", &m.city),
                    m.joined.to_string(),
                    m.labels.iter().map(|l| name("label", l)).collect::<Vec<_>>().join("; "),
                    m.programmes.iter().map(|p| format!("{} ({})", name("programme", &p.programme), p.year)).collect::<Vec<_>>().join("; "),
                    m.contact.website.clone().unwrap_or_default(),
                    m.contact.email.clone().unwrap_or_default(),
                    m.contact.phone.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        Kind::Startups => ids
            .iter()
            .filter_map(|&i| d.startups.get(i as usize))
            .map(|s| {
                vec![
                    s.id.clone(),
                    s.name.in_lang(lang).to_owned(),
                    name("sector", &s.sector),
                    name("region", &s.region),
                    name("city", &s.city),
                    s.founded.to_string(),
                    s.cohort.to_string(),
                    s.programmes.iter().map(|p| name("programme", p)).collect::<Vec<_>>().join("; "),
                    s.raised_mad.to_string(),
                    s.website.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::text::Text;
    use proptest::prelude::*;

    const SECTORS: [&str; 3] = ["solar", "metallurgy", "other"];
    const TYPES: [&str; 2] = ["tpme", "startup"];
    const REGIONS: [(&str, &str); 2] = [("casablanca-settat", "casablanca"), ("souss-massa", "agadir")];
    const LABELS: [&str; 2] = ["taqa-pro-pv", "taqa-pro-pumping"];
    const WORDS: [&str; 6] = ["Énergie", "Solaire", "Atlas", "الطاقة", "Pompage", "Câblage"];

    /// A test member: sector, type and region indices, labels, description words, year joined.
    type TestMember = (usize, usize, usize, Vec<usize>, Vec<usize>, u16);

    fn dataset(members: Vec<TestMember>) -> Dataset {
        let t = Text::same;
        Dataset {
            version: FORMAT_VERSION,
            as_of: "2024-02-23".into(),
            source: Source { text: t("s"), urls: vec![], references: vec![] },
            sectors: SECTORS.iter().map(|s| Sector { id: (*s).into(), name: t(s), report_share: None }).collect(),
            member_types: TYPES.iter().map(|s| MemberType { id: (*s).into(), name: t(s) }).collect(),
            regions: REGIONS
                .iter()
                .map(|(r, c)| Region { id: (*r).into(), name: t(r), cities: vec![City { id: (*c).into(), name: t(c) }] })
                .collect(),
            labels: LABELS.iter().map(|l| Label { id: (*l).into(), name: t(l), description: t(l) }).collect(),
            programmes: vec![Programme { id: "gbi".into(), name: t("GBI"), description: t("d") }],
            members: members
                .into_iter()
                .enumerate()
                .map(|(i, (s, ty, r, labels, words, joined))| Member {
                    id: format!("m-{i}"),
                    name: Text { fr: format!("{} {i}", WORDS[i % WORDS.len()]), ar: Some(format!("اسم {i}")), en: None },
                    member_type: TYPES[ty].into(),
                    sector: SECTORS[s].into(),
                    region: REGIONS[r].0.into(),
                    city: REGIONS[r].1.into(),
                    joined,
                    description: Text::same(&words.iter().map(|w| WORDS[*w]).collect::<Vec<_>>().join(" ")),
                    keywords: vec![],
                    labels: labels.iter().map(|l| LABELS[*l].into()).collect(),
                    programmes: vec![],
                    contact: Contact::default(),
                })
                .collect(),
            startups: vec![],
            partners: vec![],
            figures: vec![],
            calls: vec![],
            totals: None,
        }
    }

    /// The reference: plain loops over the records, written without the engine's tricks.
    fn reference(d: &Dataset, p: &Params) -> (Vec<String>, FacetCounts) {
        let words: Vec<String> = fold(&p.q).split_whitespace().map(str::to_owned).collect();
        let text = |m: &Member| {
            let region = d.region(&m.region).unwrap();
            fold(&format!(
                "{} {} {} {} {}",
                m.name.fr,
                m.name.ar.clone().unwrap_or_default(),
                m.description.fr,
                region.name.fr,
                region.cities[0].name.fr
            ))
        };
        let facet_of = |m: &Member, f: usize| -> Vec<String> {
            match f {
                0 => vec![m.sector.to_string()],
                1 => vec![m.member_type.to_string()],
                2 => vec![m.region.to_string()],
                3 => m.labels.iter().map(|l| l.to_string()).collect(),
                _ => m.programmes.iter().map(|x| x.programme.to_string()).collect(),
            }
        };
        let passes = |m: &Member, skip: Option<usize>| {
            words.iter().all(|w| text(m).contains(w.as_str()))
                && (0..5).all(|f| Some(f) == skip || p.filters[f].is_empty() || facet_of(m, f).iter().any(|v| p.filters[f].contains(v)))
        };
        let mut hits: Vec<&Member> = d.members.iter().filter(|m| passes(m, None)).collect();
        hits.sort_by(|a, b| a.joined.cmp(&b.joined).then(fold(&a.name.fr).cmp(&fold(&b.name.fr))).then(a.id.cmp(&b.id)));
        let all_values = |f: usize| -> Vec<String> {
            match f {
                0 => SECTORS.iter().map(|s| s.to_string()).collect(),
                1 => TYPES.iter().map(|s| s.to_string()).collect(),
                2 => REGIONS.iter().map(|r| r.0.to_string()).collect(),
                3 => LABELS.iter().map(|s| s.to_string()).collect(),
                _ => vec!["gbi".to_string()],
            }
        };
        let counts = (0..5)
            .map(|f| {
                all_values(f)
                    .into_iter()
                    .map(|v| {
                        let n = d.members.iter().filter(|m| passes(m, Some(f)) && facet_of(m, f).contains(&v)).count();
                        (v, n)
                    })
                    .collect()
            })
            .collect();
        (hits.iter().map(|m| m.id.clone()).collect(), counts)
    }

    fn member_strategy() -> impl Strategy<Value = TestMember> {
        (
            0..3usize,
            0..2usize,
            0..2usize,
            proptest::collection::vec(0..2usize, 0..3),
            proptest::collection::vec(0..6usize, 0..4),
            2014..2024u16,
        )
    }

    proptest! {
        #[test]
        fn engine_agrees_with_the_plain_reference(
            members in proptest::collection::vec(member_strategy(), 0..40),
            q in proptest::sample::select(vec!["", "energie", "SOLAIRE atlas", "الطاقه", "pomp", "casablanca", "agadir cabl", "zzz"]),
            sector in proptest::collection::vec(0..3usize, 0..3), label in proptest::collection::vec(0..2usize, 0..2), region in proptest::collection::vec(0..2usize, 0..2),
        ) {
            let d = dataset(members);
            let index = Index::new(&d, Kind::Members);
            let mut p = Params { q: q.to_owned(), filters: vec![Vec::new(); 5], sort: Sort::Year, page: 1 };
            for s in sector { if !p.filters[0].contains(&SECTORS[s].to_string()) { p.filters[0].push(SECTORS[s].into()); } }
            for l in label { if !p.filters[3].contains(&LABELS[l].to_string()) { p.filters[3].push(LABELS[l].into()); } }
            for r in region { if !p.filters[2].contains(&REGIONS[r].0.to_string()) { p.filters[2].push(REGIONS[r].0.into()); } }
            let got = index.query(&p, Lang::Fr, 10);
            let (ids, counts) = reference(&d, &p);
            let got_ids: Vec<String> = got.ids.iter().map(|&i| d.members[i as usize].id.clone()).collect();
            prop_assert_eq!(got_ids, ids);
            prop_assert_eq!(got.facets, counts);
        }
    }

    #[test]
    fn an_empty_index_still_knows_every_facet_value() {
        let mut d = dataset((0..5).map(|i| (i % 3, 0, 0, vec![], vec![], 2020)).collect());
        d.members.clear();
        let ix = Index::empty(&d, Kind::Members);
        assert_eq!(ix.len(), 0);
        let (p, dropped) = ix.parse_params([("sector", "solar"), ("label", "taqa-pro-pv")]);
        assert!(!dropped);
        assert_eq!(p.filters[0], ["solar"]);
        let sx = Index::empty(&d, Kind::Startups);
        let (p, dropped) = sx.parse_params([("cohort", "2019"), ("cohort", "2031")]);
        assert!(dropped, "2031 is past the document's year");
        assert_eq!(p.filters[2], ["2019"]);
    }

    #[test]
    fn posting_lists_keep_their_records_whatever_the_gaps() {
        let records = [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_152, 2_097_153, u32::MAX];
        let (mut p, mut last) = (Postings::default(), 0);
        for r in records {
            p.push(r, &mut last);
            p.push(r, &mut last);
        }
        let mut got = Vec::new();
        p.for_each(|r| got.push(r));
        assert_eq!(got, records);
        // Gaps under 128 take a byte each; seven bytes stay in place.
        let (mut small, mut last) = (Postings::default(), 0);
        (0..700).step_by(100).for_each(|r| small.push(r, &mut last));
        assert!(matches!(small, Postings::Inline { len: 7, .. }));
        (700..1000).step_by(100).for_each(|r| small.push(r, &mut last));
        assert_eq!(small.bytes().len(), 10);
        let mut got = Vec::new();
        small.for_each(|r| got.push(r));
        assert_eq!(got, (0..1000).step_by(100).collect::<Vec<u32>>());
        Postings::default().for_each(|_| panic!("an empty list has no record"));
    }

    #[test]
    fn building_in_steps_gives_the_same_index() {
        let d = dataset((0..50).map(|i| (i % 3, i % 2, i % 2, vec![i % 2], vec![i % 6, (i + 1) % 6], 2014 + (i % 10) as u16)).collect());
        let whole = Index::new(&d, Kind::Members);
        let mut b = IndexBuilder::new(&d, Kind::Members);
        b.run = 4;
        let mut steps = 0;
        while !b.step(7) {
            steps += 1;
        }
        // 8 steps of records; 8 of names per language; per order 13 runs
        // of 4, 12 merges and the completion; the last step returns true.
        assert_eq!(steps, 8 + 3 * 8 + 4 * (13 + 12 + 1) - 1);
        let stepped = b.finish();
        for q in ["", "energie", "atlas pompage"] {
            for sort in Sort::ALL {
                for lang in [Lang::Fr, Lang::Ar, Lang::En] {
                    let p = Params { q: q.into(), filters: vec![vec!["solar".into()], vec![], vec![], vec![], vec![]], sort, page: 1 };
                    assert_eq!(stepped.query(&p, lang, 10), whole.query(&p, lang, 10), "{q} {sort:?} {lang:?}");
                }
            }
        }
    }

    #[test]
    fn params_drop_unknowns_and_round_trip() {
        let d = dataset(vec![(0, 0, 0, vec![], vec![], 2020)]);
        let index = Index::new(&d, Kind::Members);
        let (p, dropped) = index.parse_params([
            ("q", "pv"),
            ("sector", "solar"),
            ("sector", "nuclear"),
            ("sort", "-joined"),
            ("page", "x"),
            ("lang", "ar"),
        ]);
        assert!(dropped);
        assert_eq!(p.filters[0], ["solar"]);
        assert_eq!(p.sort, Sort::YearDesc);
        assert_eq!(p.page, 1);
        let pairs = index.to_pairs(&p);
        let (again, dropped_again) = index.parse_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(again, p);
        assert!(!dropped_again);
    }

    #[test]
    fn sorting_and_paging() {
        let d = dataset((0..25).map(|i| (i % 3, 0, 0, vec![], vec![], 2014 + (i % 10) as u16)).collect());
        let index = Index::new(&d, Kind::Members);
        let p = Params { sort: Sort::YearDesc, page: 9, filters: vec![Vec::new(); 5], ..Params::default() };
        let r = index.query(&p, Lang::Fr, 10);
        assert_eq!(r.page, 3, "clamped to the last page");
        assert_eq!(r.page_ids(10).len(), 5);
        let years: Vec<u16> = r.ids.iter().map(|&i| d.members[i as usize].joined).collect();
        assert!(years.windows(2).all(|w| w[0] >= w[1]));
        let by_name = index.query(&Params { sort: Sort::Name, page: 1, filters: vec![Vec::new(); 5], ..Params::default() }, Lang::Fr, 10);
        let names: Vec<String> = by_name.ids.iter().map(|&i| fold(&d.members[i as usize].name.fr)).collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn sort_values_round_trip_per_directory() {
        for kind in [Kind::Members, Kind::Startups] {
            for sort in Sort::ALL {
                assert_eq!(Sort::from_param(kind, sort.param(kind)), Some(sort));
            }
        }
        assert_eq!(Sort::from_param(Kind::Startups, "joined"), None, "members' year order is not the start-ups'");
    }

    #[test]
    fn csv_rows_have_one_cell_per_column() {
        let d = dataset(vec![(0, 1, 1, vec![0, 1], vec![2], 2019)]);
        for row in csv_rows(&d, Kind::Members, &[0], Lang::Ar) {
            assert_eq!(row.len(), Kind::Members.csv_columns().len());
        }
    }

    #[test]
    fn an_api_page_keeps_its_facet_counts_through_json() {
        let d = dataset((0..5).map(|i| (i % 3, 0, i % 2, vec![], vec![], 2020)).collect());
        let index = Index::new(&d, Kind::Members);
        let p = Params { filters: vec![vec!["solar".into()], vec![], vec![], vec![], vec![]], page: 1, ..Params::default() };
        let r = index.query(&p, Lang::Fr, 2);
        let page = Page::new(Kind::Members, &r, r.page_ids(2).to_vec(), 2);
        let back: Page<u32> = serde_json::from_str(&serde_json::to_string(&page).unwrap()).unwrap();
        assert_eq!(back.total, r.ids.len());
        assert_eq!(back.items, r.page_ids(2));
        assert_eq!(back.facet_counts(Kind::Members), r.facets);
    }
}
