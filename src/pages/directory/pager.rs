//! Previous / next links and "page n of m".

use super::state::DirectoryState;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The pager of a view on page `page` of `pages` (nothing when one page).
#[component]
pub fn Pager(state: DirectoryState, page: usize, pages: usize) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        let prev = (page > 1).then(|| state.page_href(page - 1)).flatten();
        let next = (page < pages).then(|| state.page_href(page + 1)).flatten();
        view! {
            <nav class="pager" aria-label=t_string!(i18n, dir_pages)>
                {prev.map(|href| view! { <A href=href attr:rel="prev">{t_string!(i18n, dir_prev)}</A> })}
                <span data-testid="dir-page">{td_string!(i18n.get_locale(), dir_page_of, page = page, pages = pages).to_string()}</span>
                {next.map(|href| view! { <A href=href attr:rel="next">{t_string!(i18n, dir_next)}</A> })}
            </nav>
        }
    })
}
