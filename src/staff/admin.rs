//! The admins' screens over the staff API (docs/staff.md): the team's
//! accounts (invite, role, disable) at `/staff/accounts`, and the audit
//! trail (filter by person, action, application; CSV) at `/staff/audit`,
//! whose filters are its address.

use super::api::{self, Failure};
use super::application::when;
use super::{Answer, accounts_signal, action_name, failure_alert, role_name, scrolled_table};
use crate::components::data_status::loading_status;
use crate::components::page::Page;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::api::{Account, AuditList};
use cluster_core::format;
use cluster_core::staff::{Action, Role};
use cluster_core::url::{encode, parse_query};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

/// `/staff/accounts`.
#[component]
pub fn Accounts() -> impl IntoView {
    let i18n = use_i18n();
    let (list, version) = accounts_signal();
    let error = RwSignal::new(None::<Failure>);
    let done = RwSignal::new(None::<String>);
    let change = move |id: i64, body: serde_json::Value| {
        leptos::task::spawn_local(async move {
            match api::call::<Account>("PATCH", &format!("/accounts/{id}"), Some(body)).await {
                Ok(_) => {
                    error.set(None);
                    done.set(Some(t_string!(i18n, w_saved).to_owned()));
                }
                Err(e) => error.set(Some(e)),
            }
            version.update(|v| *v += 1);
        });
    };
    let (email, name, role) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(Role::Reviewer.as_str().to_owned()));
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body =
            serde_json::json!({ "email": email.get_untracked().trim(), "name": name.get_untracked().trim(), "role": role.get_untracked() });
        leptos::task::spawn_local(async move {
            match api::call::<Account>("POST", "/accounts", Some(body)).await {
                Ok(a) => {
                    error.set(None);
                    done.set(Some(td_string!(i18n.get_locale_untracked(), w_invited, email = a.email).to_string()));
                    email.set(String::new());
                    name.set(String::new());
                    version.update(|v| *v += 1);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let roles = move |current: Role| {
        Role::ALL.iter().map(|r| view! { <option value=r.as_str() selected=*r == current>{role_name(*r)}</option> }).collect::<Vec<_>>()
    };
    let table = move || match list.get() {
        None => loading_status("accounts-loading", t_string!(i18n, data_loading).to_owned()),
        Some(Err(e)) => failure_alert(&e),
        Some(Ok(items)) => {
            let rows = items
                .into_iter()
                .map(|a| {
                    let id = a.id;
                    let disabled = a.disabled_at.is_some();
                    let select_id = format!("w-role-{id}");
                    view! {
                        <tr>
                            <th scope="row" dir="auto">{a.name.clone()}</th>
                            <td dir="ltr">{a.email.clone()}</td>
                            <td>
                                <label for=select_id.clone() class="visually-hidden">
                                    {td_string!(i18n.get_locale_untracked(), w_role_of, name = a.name.clone()).to_string()}
                                </label>
                                <select id=select_id on:change=move |ev| change(id, serde_json::json!({ "role": event_target_value(&ev) }))>
                                    {roles(a.role)}
                                </select>
                            </td>
                            <td>{if disabled { t_string!(i18n, w_disabled) } else { t_string!(i18n, w_enabled) }}</td>
                            <td>
                                <button type="button" class="button secondary" on:click=move |_| change(id, serde_json::json!({ "disabled": !disabled }))>
                                    {if disabled { t_string!(i18n, w_enable) } else { t_string!(i18n, w_disable) }}
                                    <span class="visually-hidden">{format!(" : {}", a.name)}</span>
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                {scrolled_table(t_string!(i18n, w_accounts_title), "accounts", &[
                    t_string!(i18n, w_name), t_string!(i18n, w_email), t_string!(i18n, w_role), t_string!(i18n, w_state), t_string!(i18n, w_action),
                ], rows)}
            }
            .into_any()
        }
    };
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, w_accounts_title).to_string()) class="staff-accounts">
            <div aria-live="polite">{move || done.get().map(|d| view! { <p class="notice" data-testid="accounts-done">{d}</p> })}</div>
            {move || error.get().map(|e| failure_alert(&e))}
            {table}
            <section class="staff-block" aria-labelledby="w-invite">
                <h2 id="w-invite">{t_string!(i18n, w_invite)}</h2>
                <form class="staff-form" on:submit=invite data-testid="invite">
                    <div class="field">
                        <label for="w-invite-name">{t_string!(i18n, w_name)}</label>
                        <input id="w-invite-name" type="text" required maxlength="120" autocomplete="off" dir="auto"
                            prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="w-invite-email">{t_string!(i18n, w_email)}</label>
                        <input id="w-invite-email" type="email" required maxlength="254" autocomplete="off" dir="ltr"
                            prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="w-invite-role">{t_string!(i18n, w_role)}</label>
                        <select id="w-invite-role" on:change=move |ev| role.set(event_target_value(&ev))>{roles(Role::Reviewer)}</select>
                    </div>
                    <button type="submit" class="button">{t_string!(i18n, w_invite_submit)}</button>
                </form>
            </section>
        </Page>
    }
}

/// `/staff/audit`: its filters are the address's `account`, `action` and `reference`.
#[component]
pub fn Audit() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let navigate = use_navigate();
    let pairs = Memo::new(move |_| parse_query(&location.search.get()));
    let param = move |k: &str| pairs.with(|p| p.iter().rev().find(|(x, _)| x == k).map(|(_, v)| v.clone()).filter(|v| !v.is_empty()));
    // The filters as the API's query, in a fixed order (the page's `lang` kept apart).
    let query = Memo::new(move |_| {
        ["account", "action", "reference"]
            .into_iter()
            .filter_map(|k| param(k).map(|v| format!("{k}={}", encode(&v))))
            .collect::<Vec<_>>()
            .join("&")
    });
    let go = Callback::new(move |(key, value): (&'static str, String)| {
        let mut kept: Vec<(String, String)> = pairs.get_untracked().into_iter().filter(|(k, _)| k != key).collect();
        if !value.is_empty() {
            kept.push((key.to_owned(), value));
        }
        let q: Vec<String> = kept.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        let url = if q.is_empty() { "/staff/audit".to_owned() } else { format!("/staff/audit?{}", q.join("&")) };
        navigate(&url, NavigateOptions { scroll: false, ..Default::default() });
    });
    let trail: Answer<AuditList> = RwSignal::new(None);
    Effect::new(move || {
        let q = query.get();
        leptos::task::spawn_local(async move {
            let answer = api::call::<AuditList>("GET", &format!("/audit?{q}"), None).await;
            if query.try_get_untracked().as_ref() == Some(&q) {
                trail.set(Some(answer));
            }
        });
    });
    let (people, _) = accounts_signal();
    let typed = RwSignal::new(param("reference").unwrap_or_default());
    let export_failed = RwSignal::new(None::<Failure>);
    let export = move |_| {
        let q = query.get_untracked();
        leptos::task::spawn_local(async move {
            export_failed.set(api::download_csv(&format!("/audit?{q}"), "journal-audit.csv").await.err());
        });
    };
    let filters = move || {
        let account = param("account").unwrap_or_default();
        let action = param("action").unwrap_or_default();
        let everyone = t_string!(i18n, w_everyone);
        let people = people.get().and_then(Result::ok).unwrap_or_default();
        let person_options = people
            .into_iter()
            .map(|a| {
                let v = a.id.to_string();
                let selected = v == account;
                view! { <option value=v selected=selected>{a.name}</option> }
            })
            .collect::<Vec<_>>();
        let action_options = Action::ALL
            .iter()
            .map(|a| view! { <option value=a.as_str() selected=a.as_str() == action>{action_name(*a)}</option> })
            .collect::<Vec<_>>();
        view! {
            <form class="staff-filters" role="search" aria-label=t_string!(i18n, w_filters) on:submit=move |ev| {
                ev.prevent_default();
                go.run(("reference", typed.get_untracked().trim().to_owned()));
            }>
                <div class="field">
                    <label for="w-person">{t_string!(i18n, w_person)}</label>
                    <select id="w-person" on:change=move |ev| go.run(("account", event_target_value(&ev)))>
                        <option value="">{everyone}</option>{person_options}
                    </select>
                </div>
                <div class="field">
                    <label for="w-action">{t_string!(i18n, w_action)}</label>
                    <select id="w-action" on:change=move |ev| go.run(("action", event_target_value(&ev)))>
                        <option value="">{t_string!(i18n, w_any)}</option>{action_options}
                    </select>
                </div>
                <div class="field">
                    <label for="w-reference">{t_string!(i18n, w_col_reference)}</label>
                    <div class="inline">
                        <input id="w-reference" type="search" dir="ltr" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev)) />
                        <button type="submit" class="button">{t_string!(i18n, w_apply)}</button>
                    </div>
                </div>
            </form>
        }
    };
    let table = move || {
        let lang = lang_of(i18n.get_locale());
        match trail.get() {
            None => loading_status("audit-loading", t_string!(i18n, data_loading).to_owned()),
            Some(Err(e)) => failure_alert(&e),
            Some(Ok(list)) => {
                let count = crate::plural(
                    td_string!(i18n.get_locale(), w_audit_count, count = format::int(list.total as u64, lang)),
                    lang,
                    list.total as u64,
                );
                let rows = list
                    .items
                    .into_iter()
                    .map(|e| {
                        let reference = e.reference.map(|r| {
                            let href = format!("/staff/applications/{r}");
                            view! { <A href=href><code dir="ltr">{r}</code></A> }
                        });
                        view! {
                            <tr>
                                <td>{when(&e.at, lang)}</td>
                                <td dir="auto">{e.account_name}</td>
                                <td>{action_name(e.action)}</td>
                                <td>{reference}</td>
                                <td dir="ltr">{e.address}</td>
                                <td dir="auto">{e.detail}</td>
                            </tr>
                        }
                    })
                    .collect::<Vec<_>>();
                view! {
                    <div class="queue-bar">
                        <p class="count" role="status" data-testid="audit-count">{count}</p>
                        <button type="button" class="button secondary" data-testid="audit-export" on:click=export>{t_string!(i18n, w_audit_export)}</button>
                    </div>
                    {scrolled_table(t_string!(i18n, w_audit_title), "audit", &[
                        t_string!(i18n, w_when), t_string!(i18n, w_person), t_string!(i18n, w_action),
                        t_string!(i18n, w_col_reference), t_string!(i18n, w_address), t_string!(i18n, w_detail),
                    ], rows)}
                }
                .into_any()
            }
        }
    };
    view! {
        <Page title=Signal::derive(move || t_string!(i18n, w_audit_title).to_string()) class="staff-audit">
            {filters}
            {move || export_failed.get().map(|e| failure_alert(&e))}
            {table}
        </Page>
    }
}
