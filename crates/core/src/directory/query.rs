//! Reading a view from the URL, writing it back, and running it.

use super::bits::Bits;
use super::{Index, Params, Results, Sort, lang_index};
use crate::lang::Lang;
use crate::search::query_words;

impl Index {
    /// Reads URL pairs: unknown parameters and values are dropped, an unknown
    /// sort becomes the default, a bad page becomes 1. Returns whether
    /// anything was dropped (the URL should then be replaced).
    pub fn parse_params<'a>(&self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Params, bool) {
        let facets = self.kind.facets();
        let mut p = Params { page: 1, ..Params::default() };
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
                if self.facet_values[f].iter().any(|x| x == v) && !p.filters.contains(facets[f], v) {
                    p.filters.insert(facets[f], v);
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
        out.extend(p.filters.selected(self.kind).map(|(f, v)| (f.param().to_owned(), v.to_owned())));
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
        let facets = self.kind.facets();
        let wanted: Vec<u128> = self
            .facet_values
            .iter()
            .zip(facets)
            .map(|(values, &f)| {
                p.filters.get(f).iter().filter_map(|v| values.iter().position(|x| x == v)).fold(0u128, |m, i| m | (1u128 << i))
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
        let facets = facets
            .iter()
            .zip(&self.facet_values)
            .zip(counts)
            .map(|((&f, values), c)| (f, values.iter().cloned().zip(c).collect()))
            .collect();
        Results { ids, facets, page: p.page.clamp(1, pages) }
    }
}
