//! The pre-rendered page hands over to the app (docs/prerender.md). The
//! page's HTML already holds its markup (`.shell[data-prerendered]`), drawn
//! natively by the same components. When the boot script kept it on screen
//! (`html.pre`: the visitor's language, no view in the query), the app
//! mounts hidden beside it and, once its own page is drawn (the data the
//! page needs is in and nothing in it is still loading), removes it in the
//! same frame: the same markup in the same place, so nothing moves. Text
//! already typed in the pre-rendered search box carries over.

use crate::data::Data;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const PRE: &str = "body > .shell[data-prerendered]";
const APP: &str = "body > .shell:not([data-prerendered])";

/// Watches for the moment to hand over; call once, where the app mounts.
pub fn start(data: Data) {
    let Some(pre) = document().query_selector(PRE).ok().flatten() else { return };
    let Some(root) = document().document_element() else { return };
    if !root.class_list().contains("pre") {
        // Hidden by the stylesheet from the start: nothing to hand over.
        return discard();
    }
    Effect::new(move |handed: Option<bool>| {
        if handed == Some(true) || !data.settled() {
            return handed.unwrap_or(false);
        }
        hand_over_when_drawn(pre.clone(), 0);
        true
    });
}

/// Removes the pre-rendered page at once: where the app draws something else
/// (an unknown embed's bare page).
pub fn discard() {
    if let Some(pre) = document().query_selector(PRE).ok().flatten() {
        pre.remove();
    }
}

/// Hands over at the first frame where the app's page holds no loading
/// status and nothing busy (a directory is indexed in steps after its data
/// is in; a profile or a chart may still be on its way); after
/// about two seconds of frames, hands over as it is.
fn hand_over_when_drawn(pre: web_sys::Element, frames: u32) {
    request_animation_frame(move || {
        let app = document().query_selector(APP).ok().flatten();
        let loading = app.as_ref().is_none_or(|a| a.query_selector(".data-status.loading, [aria-busy=true]").ok().flatten().is_some());
        if loading && frames < 120 {
            return hand_over_when_drawn(pre, frames + 1);
        }
        carry_search(&pre, app.as_ref());
        if let Some(root) = document().document_element() {
            let _ = root.class_list().remove_1("pre");
        }
        pre.remove();
    });
}

/// What was typed in the pre-rendered search box before the app was there,
/// typed into the app's (and the focus with it).
fn carry_search(pre: &web_sys::Element, app: Option<&web_sys::Element>) {
    const SEARCH: &str = "[data-testid=dir-search]";
    let input = |e: &web_sys::Element| e.query_selector(SEARCH).ok().flatten().and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
    let (Some(from), Some(to)) = (input(pre), app.and_then(input)) else { return };
    if from.value().is_empty() || from.value() == to.value() {
        return;
    }
    let focused = document().active_element().is_some_and(|a| a == **from);
    to.set_value(&from.value());
    if let Ok(ev) = web_sys::Event::new("input") {
        let _ = to.dispatch_event(&ev);
    }
    if focused {
        let _ = to.focus();
    }
}
