//! A directory's view and what can be done to it. The view lives in the URL:
//! every action builds the next view and navigates to it, so a view can be
//! shared and walked with Back/Forward.

use super::index::Indexed;
use cluster_core::directory::{Facet, Kind, Params, Sort};
use cluster_core::url::encode;
use leptos::prelude::*;

/// The current view of one directory and its actions; `Copy`, so the
/// components each take it as it is.
#[derive(Clone, Copy)]
pub struct DirectoryState {
    pub kind: Kind,
    /// The view in the URL, with words typed and not yet written, and whether
    /// the URL held values that were dropped; none until the index is ready.
    pub params: Memo<Option<(Params, bool)>>,
    indexed: RwSignal<Option<Indexed>>,
    /// `?lang` of the current URL, kept in the URLs built here.
    url_lang: Signal<Option<String>>,
    /// Navigates to a URL, replacing the history entry when `true`.
    navigate: Callback<(String, bool)>,
}

impl DirectoryState {
    pub fn new(
        kind: Kind,
        params: Memo<Option<(Params, bool)>>,
        indexed: RwSignal<Option<Indexed>>,
        url_lang: Signal<Option<String>>,
        navigate: Callback<(String, bool)>,
    ) -> DirectoryState {
        DirectoryState { kind, params, indexed, url_lang, navigate }
    }

    /// The URL of view `p`, keeping `?lang` when the current URL has one.
    pub fn href(self, p: &Params) -> Option<String> {
        let mut pairs = self.indexed.with_untracked(|i| i.as_ref().map(|i| i.index.to_pairs(p)))?;
        if let Some(l) = self.url_lang.get_untracked() {
            pairs.push(("lang".into(), l));
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        let path = self.kind.path();
        Some(if query.is_empty() { path.to_owned() } else { format!("{path}?{}", query.join("&")) })
    }

    /// Shows view `p`: a new history entry, or a replaced one.
    pub fn go(self, p: &Params, replace: bool) {
        if let Some(url) = self.href(p) {
            self.navigate.run((url, replace));
        }
    }

    /// Changes the current view with `f`, back to its first page.
    fn change(self, f: impl FnOnce(&mut Params)) {
        let Some((mut p, _)) = self.params.get_untracked() else { return };
        f(&mut p);
        p.page = 1;
        self.go(&p, false);
    }

    /// Adds or removes a facet value.
    pub fn toggle(self, facet: Facet, value: &str) {
        self.change(|p| p.filters.toggle(facet, value));
    }

    /// Removes every filter and the search words.
    pub fn clear(self) {
        self.change(|p| {
            p.filters.clear();
            p.q.clear();
        });
    }

    /// Orders the results.
    pub fn sort(self, sort: Sort) {
        self.change(|p| p.sort = sort);
    }

    /// The URL of page `n` of the current view.
    pub fn page_href(self, n: usize) -> Option<String> {
        let (mut p, _) = self.params.get_untracked()?;
        p.page = n;
        self.href(&p)
    }
}
