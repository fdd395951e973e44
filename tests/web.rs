//! In-browser component tests: mount the real app in headless Chromium and
//! assert on the DOM, storage and `<html>` attributes.
#![cfg(target_arch = "wasm32")]

use cluster_enr_portal::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets Leptos run its effects and re-render.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn query(selector: &str) -> web_sys::HtmlElement {
    document().query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}")).dyn_into().unwrap()
}

#[wasm_bindgen_test]
async fn shell_switches_language_and_theme() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage.set_item("cluster-enr.lang", "fr").unwrap();
    let _handle = leptos::mount::mount_to_body(App);
    tick().await;

    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fr"));
    let nav_links = document().query_selector_all("nav .nav-list a").unwrap().length();
    assert_eq!(nav_links, 6, "one link per public route");
    assert_eq!(query("[data-testid=page-heading]").text_content().unwrap(), "L'écosystème marocain des énergies renouvelables");

    // Switching to Arabic mirrors the page and saves the choice.
    let select: web_sys::HtmlSelectElement = query("[data-testid=lang-switcher]").dyn_into().unwrap();
    select.set_value("ar");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    assert_eq!(html.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(html.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(storage.get_item("cluster-enr.lang").unwrap().as_deref(), Some("ar"));
    assert_eq!(query("[data-testid=page-heading]").text_content().unwrap(), "منظومة الطاقات المتجددة في المغرب");
    assert!(web_sys::window().unwrap().location().search().unwrap().contains("lang=ar"));

    // The theme toggle applies and remembers the opposite of the current theme.
    let toggle = query("[data-testid=theme-toggle]");
    let was_dark = toggle.get_attribute("aria-pressed").as_deref() == Some("true");
    toggle.click();
    tick().await;
    let expected = if was_dark { "light" } else { "dark" };
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some(expected));
    assert_eq!(storage.get_item("cluster-enr.theme").unwrap().as_deref(), Some(expected));
    assert_eq!(toggle.get_attribute("aria-pressed").as_deref(), Some(if was_dark { "false" } else { "true" }));
}
