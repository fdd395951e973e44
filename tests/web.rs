//! In-browser component tests: mount the real app, or one page of it on the
//! bundled dataset held in memory, in headless Chromium and assert on the
//! DOM, the URL, storage and `<html>` attributes. (Following a link of the
//! directory's pager has its own file, `tests/pager.rs`: a page unmounted in
//! this file leaves its router's click listener behind, which would take
//! the click.)
#![cfg(target_arch = "wasm32")]

mod support;

use cluster_enr_portal::App;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn directory_search_finds_and_says_when_nothing_matches() {
    let _turn = my_turn().await;
    let members = dataset().members.len();
    visit("/members?lang=fr");
    let _page = members_page();
    until("the count", || exists("[data-testid=dir-count]") && number("[data-testid=dir-count]") == members).await;
    type_into("[data-testid=dir-search]", "zzzzqqq");
    until("the empty state", || exists("[data-testid=dir-empty]")).await;
    assert!(!exists("[data-testid=dir-result]"));
    type_into("[data-testid=dir-search]", "energie");
    // Found without its accent ("Énergie"), and not every member.
    until("results for a word without its accent", || exists("[data-testid=dir-result]") && number("[data-testid=dir-count]") < members)
        .await;
}

#[wasm_bindgen_test]
async fn directory_count_takes_the_plural_form_of_its_number() {
    let _turn = my_turn().await;
    let members = dataset().members.len() as u64;
    visit("/members?lang=fr");
    let _page = members_page();
    let all = format!("{} membres", cluster_core::format::int(members, cluster_core::lang::Lang::Fr));
    until("the plural", || exists("[data-testid=dir-count]") && text("[data-testid=dir-count]") == all).await;
    type_into("[data-testid=dir-search]", "zzzzqqq");
    // French counts zero in the singular.
    until("the singular for zero", || exists("[data-testid=dir-empty]") && text("[data-testid=dir-count]") == "0 membre").await;
}

#[wasm_bindgen_test]
async fn directory_facet_toggle_filters_and_is_written_in_the_url() {
    let _turn = my_turn().await;
    let d = dataset();
    visit("/members?lang=fr");
    let _page = members_page();
    until("the facets", || exists("#f-sector-solar")).await;
    query("#f-sector-solar").click();
    let solar = d.members.iter().filter(|m| m.sector.as_str() == "solar").count();
    until("the solar members only", || number("[data-testid=dir-count]") == solar).await;
    assert!(search().contains("sector=solar"), "{}", search());
    query("#f-sector-solar").click();
    until("every member again", || number("[data-testid=dir-count]") == d.members.len()).await;
    assert!(!search().contains("sector="), "{}", search());
}

#[wasm_bindgen_test]
async fn form_step_validation_shows_a_summary_whose_links_lead_to_their_fields() {
    let _turn = my_turn().await;
    visit("/apply?step=eligibility&lang=fr");
    let _page = form_page();
    until("the first step", || exists("#f-eligibility-based_in_morocco-yes")).await;
    query("[data-testid=continue]").click();
    until("the error summary", || exists("[data-testid=error-summary] li a")).await;
    let links = document().query_selector_all("[data-testid=error-summary] li a").unwrap();
    assert_eq!(links.length(), 3, "one line per unanswered question");
    assert_eq!(query("#f-eligibility-based_in_morocco").get_attribute("class").as_deref().map(|c| c.contains("invalid")), Some(true));
    // The title says there is an error; the heading does not.
    assert!(document().title().starts_with("Erreur"), "{}", document().title());
    assert_eq!(text("[data-testid=page-heading]"), "Éligibilité");
    links.item(1).unwrap().dyn_into::<web_sys::HtmlElement>().unwrap().click();
    until("the focus on the second question", || {
        document().active_element().map(|e| e.id()).as_deref() == Some("f-eligibility-under_five_years")
    })
    .await;
    // Answered, Continue moves on.
    for q in ["based_in_morocco", "under_five_years", "innovative"] {
        query(&format!("#f-eligibility-{q}-yes")).click();
    }
    query("[data-testid=continue]").click();
    until("the next step", || search().contains("step=startup")).await;
}

#[wasm_bindgen_test]
async fn form_restores_a_saved_draft_and_says_so() {
    let _turn = my_turn().await;
    visit("/apply?step=startup&lang=fr");
    let draft = cluster_core::form::Draft {
        based_in_morocco: Some(true),
        under_five_years: Some(true),
        innovative: Some(true),
        name: "SunBox".into(),
        ..Default::default()
    };
    let saved = cluster_core::form::Saved {
        version: cluster_core::form::SAVED_VERSION,
        saved_at: 1_780_272_000_000,
        key: "k".into(),
        tab: "other".into(),
        sending: false,
        draft,
    };
    web_sys::window().unwrap().local_storage().unwrap().unwrap().set_item("cluster-enr.apply.draft", &saved.to_json()).unwrap();
    let _page = form_page();
    until("the restored name", || {
        document()
            .query_selector("#f-startup-name")
            .unwrap()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.value() == "SunBox")
    })
    .await;
    assert!(exists("[data-testid=restored]"), "the page says the draft was restored");
    assert!(search().contains("step=startup"), "the step asked for is kept: {}", search());
}

#[wasm_bindgen_test]
async fn shell_switches_language_and_theme() {
    let _turn = my_turn().await;
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage.set_item("cluster-enr.lang", "fr").unwrap();
    let _page = leptos::mount::mount_to(document().body().unwrap(), || leptos::view! { <App /> });
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
