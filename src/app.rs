//! The router, the page layout and the context providers.

use crate::components::{
    data_status::{DataStatus, loading_status},
    footer::SiteFooter,
    header::SiteHeader,
    skip_link::SkipLink,
};
use crate::data::{provide_data, provide_data_with, use_data};
use crate::i18n::*;
use crate::pages::{apply, directory, home, incubator, not_found, profile, sectors};
use crate::{Lang, locale_of, prefs};
use cluster_core::lang::resolve;
use cluster_core::model::{Dataset, Lists};
use cluster_core::route::{Entry, join_url};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::path;
use std::sync::Arc;

/// The portal's entry ([`Entry::Portal`]): home, sectors, incubator, and
/// the not-found page for any path no entry serves. Each entry takes the
/// document in memory when given (the native render: crate::prerender).
#[component]
pub fn App(#[prop(optional_no_strip)] dataset: Option<Arc<Dataset>>) -> impl IntoView {
    view! {
        <Frame dataset>
            <Routes fallback=|| OtherEntry(Entry::Portal)>
                <Route path=path!("/") view=home::Home />
                <Route path=path!("/sectors") view=sectors::Sectors />
                <Route path=path!("/incubator") view=incubator::Incubator />
            </Routes>
        </Frame>
    }
}

/// The directories' entry ([`Entry::Directory`]).
#[component]
pub fn DirectoryApp(#[prop(optional_no_strip)] dataset: Option<Arc<Dataset>>) -> impl IntoView {
    view! {
        <Frame dataset>
            <Routes fallback=|| OtherEntry(Entry::Directory)>
                <Route path=path!("/members") view=directory::Members />
                <Route path=path!("/members/:id") view=profile::MemberProfile />
                <Route path=path!("/startups") view=directory::Startups />
                <Route path=path!("/startups/:id") view=profile::StartupProfile />
            </Routes>
        </Frame>
    }
}

/// The application form's entry ([`Entry::Apply`]).
#[component]
pub fn ApplyApp(#[prop(optional_no_strip)] dataset: Option<Arc<Dataset>>) -> impl IntoView {
    view! {
        <Frame dataset>
            <Routes fallback=|| OtherEntry(Entry::Apply)>
                <Route path=path!("/apply") view=apply::Apply />
                <Route path=path!("/apply/status") view=apply::ApplyStatus />
            </Routes>
        </Frame>
    }
}

/// The review's entry ([`Entry::Staff`]): the team's screens, for a
/// signed-in person only (crate::staff::Gate), with their own header; and
/// the correction an applicant's e-mailed link opens, in the public
/// frame. Which of the two is decided by the address the page was loaded
/// at: a link from one to the other loads the page again.
#[component]
pub fn StaffApp() -> impl IntoView {
    let path = crate::browser::window_opt().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    if cluster_core::route::under(&path, "/apply/correct") {
        return view! {
            <Frame>
                <Routes fallback=|| OtherEntry(Entry::Staff)>
                    <Route path=path!("/apply/correct") view=apply::Correction />
                </Routes>
            </Frame>
        }
        .into_any();
    }
    crate::staff::provide_session();
    view! {
        <leptos_meta::Stylesheet href="/staff.css" />
        <StaffFrame>
            <crate::staff::Gate>
                <Routes fallback=|| OtherEntry(Entry::Staff)>
                    <Route path=path!("/staff") view=crate::staff::Queue />
                    <Route path=path!("/staff/applications/:id") view=crate::staff::ApplicationPage />
                    <Route path=path!("/staff/accounts") view=crate::staff::Accounts />
                    <Route path=path!("/staff/audit") view=crate::staff::Audit />
                </Routes>
            </crate::staff::Gate>
        </StaffFrame>
    }
    .into_any()
}

/// A page the running entry has no route for: the not-found page when the
/// path is this entry's own, else a load of the page, which `index.html`'s
/// loader answers with the entry that serves it.
#[allow(non_snake_case)]
fn OtherEntry(this: Entry) -> AnyView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    if Entry::for_path(&path) == this {
        return not_found::NotFound().into_any();
    }
    let (search, hash) = (location.search.get_untracked(), location.hash.get_untracked());
    let target = join_url(&path, &search, &hash);
    // The router records the new address once the page is drawn: after it,
    // load that address (or this one again, when it already is).
    set_timeout(
        move || {
            let here = window().location();
            let current =
                join_url(&here.pathname().unwrap_or_default(), &here.search().unwrap_or_default(), &here.hash().unwrap_or_default());
            let _ = if current == target { here.reload() } else { here.assign(&target) };
        },
        std::time::Duration::ZERO,
    );
    loading_status("page-loading", t_string!(use_i18n(), page_loading).to_owned())
}

/// Language and meta contexts, the data, the router and the layout around
/// an entry's routes. The data is loaded from its source, or is `dataset`
/// when given (component tests: `tests/web.rs`; the native render:
/// crate::prerender). On a pre-rendered page, it hands over (crate::takeover).
#[component]
pub fn Frame(#[prop(optional_no_strip)] dataset: Option<Arc<Dataset>>, children: Children) -> impl IntoView {
    frame(dataset, || view! { <SiteHeader /> }, children)
}

/// [`Frame`] with the review workspace's header (crate::staff), in place of
/// the public site's. A type of its own, not an option of [`Frame`]'s: the
/// public entries' code stays as it was, byte for byte.
#[component]
pub fn StaffFrame(children: Children) -> impl IntoView {
    frame(None, crate::staff::header::StaffHeader, children)
}

/// The layout of [`Frame`] around `header`'s view.
fn frame<H: IntoView + 'static>(
    dataset: Option<Arc<Dataset>>,
    header: impl FnOnce() -> H + Send + 'static,
    children: Children,
) -> impl IntoView {
    let data = match dataset {
        Some(d) => provide_data_with(d),
        None => provide_data(),
    };
    #[cfg(target_arch = "wasm32")]
    crate::takeover::start(data);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = data;
    // Registered before the router's own listener, so a page mounted by a
    // Back/Forward already knows it (see crate::scroll).
    #[cfg(target_arch = "wasm32")]
    let _ = window_event_listener(leptos::ev::popstate, |_| crate::scroll::note_traversal());
    let inner = move || {
        view! {
            <Title formatter=page_title />
            <Router>
                <LanguageSync />
                <DataNeed />
                <div class="shell">
                    <SkipLink />
                    {header()}
                    <DataStatus />
                    <main id="main" tabindex="-1">
                        {children()}
                    </main>
                    <SiteFooter />
                </div>
            </Router>
        }
    };
    // The saved choice lives in localStorage (crate::prefs), not a cookie.
    // Natively (crate::prerender) there is no request to read a language
    // from: the page's own `?lang` decides (LanguageSync).
    #[cfg(feature = "ssr")]
    let headers = leptos_i18n::context::UseLocalesOptions::default().ssr_lang_header_getter(|| None);
    #[cfg(feature = "ssr")]
    return view! { <I18nContextProvider enable_cookie=false ssr_lang_header_getter=headers>{inner()}</I18nContextProvider> };
    #[cfg(not(feature = "ssr"))]
    view! { <I18nContextProvider enable_cookie=false>{inner()}</I18nContextProvider> }
}

/// The document's title for a page named `page` (none: the site's name).
pub fn page_title(page: String) -> String {
    if page.is_empty() { "Cluster EnR".to_owned() } else { format!("{page} · Cluster EnR") }
}

/// Tells the data which lists the current page shows, on every navigation.
#[component]
fn DataNeed() -> impl IntoView {
    let data = use_data();
    let pathname = use_location().pathname;
    Effect::new(move || data.require(Lists::for_path(&pathname.read())));
}

/// Applies the language rule (docs/routes.md) on start and on every navigation: a valid
/// `?lang` wins (and is saved), then the saved choice, then
/// the browser's languages, then French.
#[component]
fn LanguageSync() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let apply = move |url_lang: Option<String>| {
        let lang = resolve(url_lang.as_deref(), prefs::saved_lang().as_deref(), &prefs::browser_langs());
        if url_lang.as_deref().and_then(Lang::from_code).is_some() {
            prefs::save_lang(lang.code());
        }
        if i18n.get_locale_untracked() != locale_of(lang) {
            i18n.set_locale(locale_of(lang));
        }
    };
    // Once now, so that the first paint is already in the right language…
    apply(query.with_untracked(|q| q.get("lang")));
    // …then whenever the URL's language changes (links, Back/Forward); not
    // on every other change of the query (a search, a form step).
    let url_lang = Memo::new(move |_| query.with(|q| q.get("lang")));
    Effect::new(move || apply(url_lang.get()));
}
