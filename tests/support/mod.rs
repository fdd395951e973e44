//! What the in-browser component tests share: mounting a page of the app on
//! the bundled dataset held in memory (`app::Frame`'s `dataset`: nothing is
//! fetched), waiting for the page, reading and driving the DOM.
#![allow(dead_code)]

use cluster_core::model::Dataset;
use cluster_enr_portal::app::Frame;
use cluster_enr_portal::pages::{apply, directory};
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;
use std::sync::Arc;
use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// wasm-bindgen-test runs async tests concurrently in one page, whose body,
/// address and storage they share: each test holds its turn from its first
/// line (so that it is dropped last, after its page is unmounted).
pub struct Turn;

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Drop for Turn {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
    }
}

pub async fn my_turn() -> Turn {
    while BUSY.with(|b| b.replace(true)) {
        sleep(10).await;
    }
    // What the previous page left to run as it was unmounted (the form
    // saves a pending change when it is left) runs before this test starts.
    sleep(50).await;
    Turn
}

/// Lets Leptos run its effects and re-render.
pub async fn tick() {
    sleep(30).await;
}

/// Waits (up to a second) until `ok` holds.
pub async fn until(what: &str, ok: impl Fn() -> bool) {
    for _ in 0..100 {
        if ok() {
            return;
        }
        sleep(10).await;
    }
    let body = document().body().unwrap().inner_html();
    let href = web_sys::window().unwrap().location().href().unwrap();
    // The page's own part (the runner's output comes first).
    let start = body.find("<main").unwrap_or(0);
    let tail: String = body[start..].chars().take(1500).collect();
    panic!("waited a second for {what}, on {href}: …{tail}");
}

pub fn query(selector: &str) -> web_sys::HtmlElement {
    document().query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}")).dyn_into().unwrap()
}

pub fn exists(selector: &str) -> bool {
    document().query_selector(selector).unwrap().is_some()
}

pub fn text(selector: &str) -> String {
    query(selector).text_content().unwrap_or_default()
}

pub fn number(selector: &str) -> usize {
    text(selector).chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(usize::MAX)
}

pub fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

/// The bundled dataset, in memory.
pub fn dataset() -> Arc<Dataset> {
    Arc::new(cluster_core::parse::parse_document(include_bytes!("../../public/data/cluster.json")).expect("the bundled dataset reads"))
}

/// Puts `url` in the address bar (no load), as a visitor's link would, with empty storage.
pub fn visit(url: &str) {
    assert_eq!(document().query_selector_all(".shell").unwrap().length(), 0, "a page left mounted by an earlier test");
    let window = web_sys::window().unwrap();
    window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url)).unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
}

/// Types `value` into the control `selector` as a person would (an `input` event).
pub fn type_into(selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = query(selector).dyn_into().unwrap();
    input.set_value(value);
    // Bubbling, as a typed one does: Leptos listens for it at the document.
    let event = web_sys::Event::new("input").unwrap();
    event.init_event_with_bubbles("input", true);
    input.dispatch_event(&event).unwrap();
}

/// `routes` in the app's frame on the bundled dataset, in memory (unmounted
/// when the returned handle is dropped).
fn mount_on_dataset(routes: fn() -> AnyView) -> impl Sized {
    let d = dataset();
    leptos::mount::mount_to(document().body().unwrap(), move || view! { <Frame dataset=Some(d.clone())>{routes()}</Frame> })
}

/// The members' directory.
pub fn members_page() -> impl Sized {
    mount_on_dataset(|| {
        view! { <Routes fallback=|| "no route"><Route path=path!("/members") view=directory::Members /></Routes> }.into_any()
    })
}

/// The application form.
pub fn form_page() -> impl Sized {
    mount_on_dataset(|| view! { <Routes fallback=|| "no route"><Route path=path!("/apply") view=apply::Apply /></Routes> }.into_any())
}
