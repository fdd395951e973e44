//! Back/Forward to a directory puts the visitor back where they were in the
//! list. The browser's own restoration happens while the popstate event is
//! handled, which can be before the directory has indexed and rendered its
//! list (that work yields to the page), so the page is still short and the
//! position is lost. The app therefore keeps each directory URL's last scroll
//! position and puts it back once the list is there.

use leptos::prelude::request_animation_frame;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// The URL a Back/Forward went to, until a directory there takes it.
    static TRAVERSED_TO: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn href() -> Option<String> {
    crate::browser::window_opt()?.location().href().ok()
}

/// Notes a Back/Forward (call from a popstate listener added before the router's).
pub fn note_traversal() {
    TRAVERSED_TO.with(|t| *t.borrow_mut() = href());
}

/// Remembers the current scroll position for the current URL.
pub fn remember() {
    let (Some(url), Some(y)) = (href(), crate::browser::window_opt().and_then(|w| w.scroll_y().ok())) else { return };
    POSITIONS.with(|p| p.borrow_mut().insert(url, y));
}

/// The position to restore, when the current URL was reached by Back/Forward
/// and a position was remembered for it. Call once, as the page mounts.
pub fn take_restore() -> Option<f64> {
    let traversed = TRAVERSED_TO.with(|t| t.borrow_mut().take());
    let url = href()?;
    if traversed.as_ref() != Some(&url) {
        return None;
    }
    POSITIONS.with(|p| p.borrow().get(&url).copied())
}

/// Scrolls to `y` once the next frame has laid the page out.
pub fn restore(y: f64) {
    request_animation_frame(move || {
        if let Some(w) = crate::browser::window_opt() {
            w.scroll_to_with_x_and_y(0.0, y);
        }
    });
}
