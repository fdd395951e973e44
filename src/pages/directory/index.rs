//! A directory's index over the loaded document: built in steps that yield
//! to the page (a large directory never freezes it), once per document, and
//! kept so that coming back to a directory shows its list at once.

use crate::data::{Data, Slice};
use cluster_core::directory::{Index, IndexBuilder, Kind};
use cluster_core::model::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

/// A loaded document with one directory indexed.
#[derive(Clone)]
pub struct Indexed {
    pub dataset: Arc<Dataset>,
    pub index: Arc<Index>,
}

thread_local! {
    /// The last index built per directory (members, start-ups).
    static BUILT: std::cell::RefCell<[Option<Indexed>; 2]> = const { std::cell::RefCell::new([None, None]) };
}

fn slot(kind: Kind) -> usize {
    match kind {
        Kind::Members => 0,
        Kind::Startups => 1,
    }
}

/// The index built earlier for `d`, if any.
fn built_for(kind: Kind, d: &Arc<Dataset>) -> Option<Indexed> {
    BUILT.with(|b| b.borrow()[slot(kind)].clone().filter(|i| Arc::ptr_eq(&i.dataset, d)))
}

/// Builds `kind`'s index of `d` at once and keeps it, so that a page drawn
/// next shows its list without waiting: the native render (crate::prerender)
/// runs no effects, and would otherwise draw the "indexing" state.
pub fn prime(kind: Kind, d: &Arc<Dataset>) {
    let built = Indexed { dataset: d.clone(), index: Arc::new(Index::new(d, kind)) };
    BUILT.with(|b| b.borrow_mut()[slot(kind)] = Some(built));
}

/// [`prime`]s `kind`'s index of `d` unless this thread has it already
/// (the reference server draws pages on several threads).
pub fn ensure(kind: Kind, d: &Arc<Dataset>) {
    if built_for(kind, d).is_none() {
        prime(kind, d);
    }
}

/// The directory's index for the current document; none while it is built.
/// A server-side directory keeps its lists on the server: its index only
/// knows the facet values.
pub fn use_index(kind: Kind, data: Data, server_side: Signal<bool>) -> RwSignal<Option<Indexed>> {
    let indexed: RwSignal<Option<Indexed>> = RwSignal::new(data.dataset_untracked().and_then(|d| built_for(kind, &d)));
    Effect::new(move || {
        let Some(d) = data.dataset() else { return };
        if indexed.with_untracked(|i| i.as_ref().is_some_and(|i| Arc::ptr_eq(&i.dataset, &d))) {
            return;
        }
        if let Some(earlier) = built_for(kind, &d) {
            indexed.set(Some(earlier));
        } else if server_side.get() {
            let index = Arc::new(Index::empty(&d, kind));
            indexed.set(Some(Indexed { dataset: d, index }));
        } else {
            leptos::task::spawn_local(async move {
                let mut builder = IndexBuilder::new(&d, kind);
                let mut slice = Slice::start();
                while !builder.step(100) {
                    if slice.spent() {
                        slice.next().await;
                    }
                }
                let built = Indexed { dataset: d.clone(), index: Arc::new(builder.finish()) };
                BUILT.with(|b| b.borrow_mut()[slot(kind)] = Some(built.clone()));
                // A reload may have brought another document meanwhile.
                if data.dataset_untracked().is_some_and(|now| Arc::ptr_eq(&now, &d)) {
                    indexed.set(Some(built));
                }
            });
        }
    });
    indexed
}
