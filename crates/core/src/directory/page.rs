//! One page of results as the REST API sends it.

use super::{FacetCounts, Kind, Results};

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
    pub fn new(r: &Results, items: Vec<T>, per_page: usize) -> Page<T> {
        let facets = r
            .facets
            .iter()
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
            .map(|&f| (f, self.facets.get(f.param()).map_or_else(Vec::new, |c| c.iter().map(|c| (c.value.clone(), c.count)).collect())))
            .collect()
    }
}
