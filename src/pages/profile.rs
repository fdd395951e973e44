//! `/members/:id` and `/startups/:id`: one record, its published contact
//! fields, a copy-link button and links to its sector and region.

use crate::components::load_error::LoadErrorAlert;
use crate::components::page::Page;
use crate::data::{DataState, LoadError, api, use_data};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::contact::check_url;
use cluster_core::directory::Kind;
use cluster_core::format;
use cluster_core::lang::Lang;
use cluster_core::model::{Dataset, Member, Startup};
use cluster_core::text::Text;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// `/members/:id`.
#[component]
pub fn MemberProfile() -> impl IntoView {
    view! { <Profile startup=false /> }
}

/// `/startups/:id`.
#[component]
pub fn StartupProfile() -> impl IntoView {
    view! { <Profile startup=true /> }
}

/// A text in the visitor's language, marked with its own `lang` when it
/// falls back to French.
fn localized(t: &Text, lang: Lang) -> impl IntoView {
    let (s, used) = t.get(lang);
    view! { <span lang=(used != lang).then_some(used.code()) dir="auto">{s.to_owned()}</span> }
}

/// A web site as a link only when it is http/https; otherwise as text.
fn website(url: &str) -> AnyView {
    if check_url(url).is_ok() {
        view! { <a href=url.to_owned() rel="noopener noreferrer" data-testid="profile-website"><bdi>{url.to_owned()}</bdi></a> }.into_any()
    } else {
        view! { <bdi data-testid="profile-website-text">{url.to_owned()}</bdi> }.into_any()
    }
}

#[component]
fn Profile(startup: bool) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let params = use_params_map();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let href = window().location().href().unwrap_or_default();
        if crate::browser::copy_text(&href) {
            copied.set(true);
        }
    };
    let server_side = move || data.state.with(|s| matches!(s, DataState::Ready(l) if l.server_side));
    let api_base = move || {
        data.state.with(|s| match s {
            DataState::Ready(l) => l.api_base_url.clone(),
            _ => None,
        })
    };
    // Server-side directories: the record comes from the API.
    let fetched = LocalResource::new(move || {
        let request = server_side().then(api_base).flatten().zip(params.with(|p| p.get("id")));
        async move {
            let (base, id) = request?;
            Some(if startup {
                api::record::<Startup>(&base, Kind::Startups, &id).await.map(|r| r.map(Record::Startup))
            } else {
                api::record::<Member>(&base, Kind::Members, &id).await.map(|r| r.map(Record::Member))
            })
        }
    });
    // None while loading; Some(None) when there is no such record.
    let record = move || -> Option<Result<Option<Record>, LoadError>> {
        let d = data.dataset()?;
        if server_side() {
            return fetched.get().flatten();
        }
        let id = params.with(|p| p.get("id"))?;
        Some(Ok(if startup {
            d.startups.iter().find(|s| s.id == id).cloned().map(Record::Startup)
        } else {
            d.members.iter().find(|m| m.id == id).cloned().map(Record::Member)
        }))
    };
    let title = Signal::derive(move || {
        let lang = lang_of(i18n.get_locale());
        match record() {
            Some(Ok(Some(Record::Member(m)))) => m.name.in_lang(lang).to_owned(),
            Some(Ok(Some(Record::Startup(s)))) => s.name.in_lang(lang).to_owned(),
            Some(_) => t_string!(i18n, not_found_title).to_owned(),
            None => t_string!(i18n, profile_loading).to_owned(),
        }
    });
    let loaded = move || matches!(record(), Some(Ok(Some(_))));
    let body = move || {
        let lang = lang_of(i18n.get_locale());
        let d = data.dataset()?;
        Some(match record()? {
            Ok(Some(Record::Member(m))) => member_body(&d, &m, lang, i18n),
            Ok(Some(Record::Startup(s))) => startup_body(&d, &s, lang, i18n),
            Ok(None) => view! {
                <p data-testid="not-found">{t_string!(i18n, profile_not_found)}</p>
                <p><A href=if startup { "/startups" } else { "/members" }>{t_string!(i18n, profile_back)}</A></p>
            }
            .into_any(),
            Err(e) => view! { <LoadErrorAlert error=e retry=move || fetched.refetch() testid="profile-error" /> }.into_any(),
        })
    };
    view! {
        <Page title=title class="profile" busy=Signal::derive(move || record().is_none())>
            {body}
            {move || {
                loaded()
                    .then(|| {
                        view! {
                            <p class="profile-actions">
                                <button type="button" class="button secondary" data-testid="copy-link" on:click=copy>
                                    {t_string!(i18n, profile_copy_link)}
                                </button>
                                <span role="status" aria-live="polite">{move || copied.get().then(|| t_string!(i18n, profile_copied))}</span>
                            </p>
                        }
                    })
            }}
        </Page>
    }
}

fn row(label: String, value: impl IntoView + 'static) -> impl IntoView {
    view! { <dt>{label}</dt><dd>{value}</dd> }
}

/// A record shown on a profile page.
#[derive(Clone, PartialEq)]
enum Record {
    Member(Member),
    Startup(Startup),
}

fn member_body(d: &Dataset, m: &Member, lang: Lang, i18n: leptos_i18n::I18nContext<Locale>) -> AnyView {
    let sector = d.name_in("sector", &m.sector, lang);
    let region = d.name_in("region", &m.region, lang);
    let city = d.name_in("city", &m.city, lang);
    let mtype = d.name_in("type", &m.member_type, lang);
    let labels: Vec<String> = m.labels.iter().map(|l| d.name_in("label", l, lang)).collect();
    let programmes: Vec<String> =
        m.programmes.iter().map(|p| format!("{} ({})", d.name_in("programme", &p.programme, lang), p.year)).collect();
    let c = m.contact.clone();
    view! {
        <p class="lead">{localized(&m.description, lang)}</p>
        <dl class="facts">
            {row(t_string!(i18n, profile_type).to_owned(), mtype)}
            {row(t_string!(i18n, profile_sector).to_owned(), sector.clone())}
            {row(t_string!(i18n, profile_location).to_owned(), format::join(&[&city, &region], lang))}
            {row(t_string!(i18n, profile_joined).to_owned(), view! { <span dir="ltr">{m.joined}</span> })}
            {(!labels.is_empty()).then(|| row(t_string!(i18n, profile_labels).to_owned(), format::join(&labels, lang)))}
            {(!programmes.is_empty()).then(|| row(t_string!(i18n, profile_programmes).to_owned(), format::join(&programmes, lang)))}
            {(!m.keywords.is_empty()).then(|| row(t_string!(i18n, profile_keywords).to_owned(), view! { <span lang="fr">{m.keywords.join(", ")}</span> }))}
            {c.website.map(|w| row(t_string!(i18n, profile_website).to_owned(), website(&w)))}
            {c.email.map(|e| row(t_string!(i18n, profile_email).to_owned(), view! { <a href=format!("mailto:{e}")><bdi>{e.clone()}</bdi></a> }))}
            {c.phone.map(|p| row(t_string!(i18n, profile_phone).to_owned(), view! { <bdi dir="ltr">{p}</bdi> }))}
        </dl>
        <ul class="related">
            <li><A href=format!("/members?sector={}", m.sector)>{td_string!(i18n.get_locale(), profile_same_sector, name = sector).to_string()}</A></li>
            <li><A href=format!("/members?region={}", m.region)>{td_string!(i18n.get_locale(), profile_same_region, name = region).to_string()}</A></li>
            <li><A href="/members">{t_string!(i18n, profile_back)}</A></li>
        </ul>
    }
    .into_any()
}

fn startup_body(d: &Dataset, s: &Startup, lang: Lang, i18n: leptos_i18n::I18nContext<Locale>) -> AnyView {
    let sector = d.name_in("sector", &s.sector, lang);
    let region = d.name_in("region", &s.region, lang);
    let city = d.name_in("city", &s.city, lang);
    let programmes: Vec<String> = s.programmes.iter().map(|p| d.name_in("programme", p, lang)).collect();
    view! {
        <p class="lead">{localized(&s.description, lang)}</p>
        <dl class="facts">
            {row(t_string!(i18n, profile_sector).to_owned(), sector.clone())}
            {row(t_string!(i18n, profile_location).to_owned(), format::join(&[&city, &region], lang))}
            {row(t_string!(i18n, profile_founded).to_owned(), view! { <span dir="ltr">{s.founded}</span> })}
            {row(t_string!(i18n, profile_cohort).to_owned(), view! { <span dir="ltr">{s.cohort}</span> })}
            {row(t_string!(i18n, profile_programmes).to_owned(), format::join(&programmes, lang))}
            {row(t_string!(i18n, profile_raised).to_owned(), view! { <span dir="auto">{format::int(s.raised_mad, lang)}" MAD"</span> })}
            {s.website.clone().map(|w| row(t_string!(i18n, profile_website).to_owned(), website(&w)))}
        </dl>
        <ul class="related">
            <li><A href=format!("/startups?sector={}", s.sector)>{td_string!(i18n.get_locale(), profile_same_sector_startups, name = sector).to_string()}</A></li>
            <li><A href="/startups">{t_string!(i18n, profile_back)}</A></li>
        </ul>
    }
    .into_any()
}
