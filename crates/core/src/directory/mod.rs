//! The directories' engine, shared by the app and the server: URL parameters
//! (docs/routes.md), search, facets with live counts (OR inside a facet, AND
//! across; each facet counted under the other facets' filters), sorting by
//! precomputed orders, and paging.

mod bits;
mod build;
mod csv;
mod page;
mod query;
#[cfg(test)]
mod tests;
mod text_index;

pub use build::{Index, IndexBuilder, MAX_FACET_VALUES};
pub use csv::{CsvColumn, csv_rows};
pub use page::{FacetCount, Page};

use crate::lang::Lang;

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

/// A directory view, as in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Params {
    pub q: String,
    pub filters: Filters,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

/// The values selected in each facet, in the order they were chosen. A facet
/// with none selected does not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters(Vec<(Facet, Vec<String>)>);

impl Filters {
    /// The values selected in `facet`.
    pub fn get(&self, facet: Facet) -> &[String] {
        self.0.iter().find(|(f, _)| *f == facet).map_or(&[], |(_, v)| v.as_slice())
    }

    /// Whether `value` is selected in `facet`.
    pub fn contains(&self, facet: Facet, value: &str) -> bool {
        self.get(facet).iter().any(|v| v == value)
    }

    /// Selects `value` in `facet` (once).
    pub fn insert(&mut self, facet: Facet, value: &str) {
        if self.contains(facet, value) {
            return;
        }
        match self.0.iter_mut().find(|(f, _)| *f == facet) {
            Some((_, values)) => values.push(value.to_owned()),
            None => self.0.push((facet, vec![value.to_owned()])),
        }
    }

    /// Selects `value` in `facet`, or unselects it if it was.
    pub fn toggle(&mut self, facet: Facet, value: &str) {
        match self.0.iter_mut().find(|(f, _)| *f == facet) {
            Some((_, values)) if values.iter().any(|v| v == value) => values.retain(|v| v != value),
            _ => self.insert(facet, value),
        }
    }

    /// Unselects everything.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Every selected `(facet, value)`, facets in `kind`'s display order.
    pub fn selected(&self, kind: Kind) -> impl Iterator<Item = (Facet, &str)> + '_ {
        kind.facets().iter().flat_map(move |&f| self.get(f).iter().map(move |v| (f, v.as_str())))
    }

    /// The facets with at least one value selected, in `kind`'s display order.
    pub fn active(&self, kind: Kind) -> impl Iterator<Item = Facet> + '_ {
        kind.facets().iter().copied().filter(move |&f| !self.get(f).is_empty())
    }
}

/// Facet counts: per facet, in [`Kind::facets`] order, `(value, count)` for
/// every possible value.
pub type FacetCounts = Vec<(Facet, Vec<(String, usize)>)>;

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
