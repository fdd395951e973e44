//! Small browser edges shared by pages: today's date, file downloads, the
//! keyboard focus and the clipboard.

use leptos::prelude::{document, request_animation_frame, window};
use wasm_bindgen::JsCast;

/// The browser's window; none where there is no browser (a page rendered
/// to HTML natively), so that code reading it degrades instead of panicking.
pub fn window_opt() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// A page's address in another language than French carries it as a prefix
/// (`/ar/members`: the pre-rendered pages, docs/prerender.md); the app's
/// own addresses carry it as `?lang` (docs/routes.md). Before the app
/// starts, the address is written the app's way, in place (no new history
/// entry): `/ar/members?q=x` becomes `/members?q=x&lang=ar`.
pub fn unprefix_language() {
    let Some(w) = window_opt() else { return };
    let l = w.location();
    let path = l.pathname().unwrap_or_default();
    let (Some(lang), rest) = cluster_core::prerender::split_lang(&path) else { return };
    let search = cluster_core::url::set_param(&l.search().unwrap_or_default(), "lang", Some(lang.code()));
    let to = cluster_core::route::join_url(rest, &search, &l.hash().unwrap_or_default());
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to));
    }
}

/// Today, by the browser's clock (which tests can set).
/// Natively (a page rendered to HTML), the system's clock.
pub fn today() -> cluster_core::application::Day {
    #[cfg(target_arch = "wasm32")]
    let ms = js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64);
    cluster_core::application::Day::from_unix_days((ms / 86_400_000.0).floor() as i64)
}

/// Offers `url` (an object or `data:` URL) as a download named `name`.
pub fn download_url(name: &str, url: &str) -> bool {
    let Some(a) = document().create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else {
        return false;
    };
    a.set_href(url);
    a.set_download(name);
    a.click();
    true
}

/// Offers `text` as a file download of type `mime`; false when the browser
/// refused to make the file.
pub fn download_text(name: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let done = download_url(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    done
}

/// Moves the keyboard focus to `target`, when it is a focusable element.
pub fn focus(target: Option<web_sys::Element>) {
    if let Some(e) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = e.focus();
    }
}

/// Focuses element `id` once the view has caught up.
pub fn focus_later(id: String) {
    request_animation_frame(move || focus_now(&id));
}

fn focus_now(id: &str) {
    focus(document().get_element_by_id(id));
}

/// Gives element `id` the focus back once the view has caught up, unless
/// the person has moved it meanwhile (a quick Tab after a choice).
pub fn refocus_later(id: String) {
    request_animation_frame(move || {
        let body = document().body().map(|b| b.unchecked_into::<web_sys::Element>());
        if document().active_element().is_none_or(|a| Some(&a) == body.as_ref()) {
            focus_now(&id);
        }
    });
}

/// Copies `text` to the clipboard; false when the browser offers no way to.
pub fn copy_text(text: &str) -> bool {
    // navigator.clipboard.writeText, called dynamically (the typed binding is unstable in web-sys).
    let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()).ok();
    let write = clipboard.as_ref().and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok());
    match (clipboard, write.and_then(|f| f.dyn_into::<js_sys::Function>().ok())) {
        (Some(c), Some(f)) => f.call1(&c, &text.into()).is_ok(),
        _ => false,
    }
}
