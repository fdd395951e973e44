//! In-browser component test of the directory's pager, in a page of its
//! own (see `tests/web.rs`).
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn directory_page_change_shows_the_next_page_and_keeps_it_in_the_url() {
    let _turn = my_turn().await;
    visit("/members?lang=fr");
    let _page = members_page();
    until("the pager", || exists("a[rel=next]")).await;
    let first = text("[data-testid=dir-result] h2");
    assert!(text("[data-testid=dir-page]").starts_with("Page 1 "), "{}", text("[data-testid=dir-page]"));
    query("a[rel=next]").click();
    until("page 2", || text("[data-testid=dir-page]").starts_with("Page 2 ")).await;
    assert!(search().contains("page=2"), "{}", search());
    assert_ne!(text("[data-testid=dir-result] h2"), first);
}
