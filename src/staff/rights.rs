//! The applicant's rights under law 09-08 on one application (docs/staff.md,
//! "Endpoints"): export everything kept about them (pitch deck included) as
//! a JSON file, and, for admins, erase it after a confirmation that names
//! the application.

use super::api::{self, Failure};
use super::application::Gone;
use super::failure_alert;
use super::use_me;
use crate::i18n::*;
use cluster_core::api::StaffApplication;
use cluster_core::staff::Permission;
use leptos::prelude::*;

/// The export and the erasure, for the roles that may.
pub fn rights(a: &StaffApplication, gone: RwSignal<Option<Gone>>) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let role = use_me().map(|m| m.account.role);
    let (may_export, may_erase) = (role.is_some_and(|r| r.may(Permission::Export)), role.is_some_and(|r| r.may(Permission::Erase)));
    let reference = StoredValue::new(a.summary.reference.clone());
    let startup = a.summary.startup.clone().unwrap_or_default();
    let error = RwSignal::new(None::<Failure>);
    let asking = RwSignal::new(false);
    let export = move |_| {
        let r = reference.get_value();
        leptos::task::spawn_local(async move {
            match api::call::<serde_json::Value>("GET", &format!("/applications/{r}/export"), None).await {
                Ok(v) => {
                    crate::browser::download_text(
                        &format!("{r}.json"),
                        "application/json",
                        &serde_json::to_string_pretty(&v).unwrap_or_default(),
                    );
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let erase = move |_| {
        let r = reference.get_value();
        leptos::task::spawn_local(async move {
            match api::call::<()>("DELETE", &format!("/applications/{r}"), None).await {
                Ok(()) => gone.set(Some(Gone::Erased)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let confirm =
        td_string!(i18n.get_locale_untracked(), w_erase_confirm, reference = reference.get_value(), startup = startup).to_string();
    let body = move || {
        let confirm = confirm.clone();
        view! {
            <p class="hint">{t_string!(i18n, w_applicant_data_hint)}</p>
            <div class="inline">
                {may_export.then(|| view! {
                    <button type="button" class="button secondary" data-testid="applicant-export" on:click=export>{t_string!(i18n, w_applicant_export)}</button>
                })}
                {(may_erase && !asking.get()).then(|| view! {
                    <button type="button" class="button danger" data-testid="erase" on:click=move |_| {
                        asking.set(true);
                        // Into the confirmation, on the harmless choice.
                        crate::browser::focus_later("w-erase-cancel".into());
                    }>{t_string!(i18n, w_erase)}</button>
                })}
            </div>
            {(may_erase && asking.get()).then(|| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="w-erase-confirm" data-testid="erase-confirm">
                    <p id="w-erase-confirm" dir="auto">{confirm}</p>
                    <div class="inline">
                        <button type="button" class="button danger" data-testid="erase-yes" on:click=erase>{t_string!(i18n, w_erase_yes)}</button>
                        <button type="button" class="button secondary" id="w-erase-cancel" on:click=move |_| asking.set(false)>{t_string!(i18n, w_cancel)}</button>
                    </div>
                </div>
            })}
        }
        .into_any()
    };
    (may_export || may_erase).then(|| {
        view! {
            <section class="staff-block" aria-labelledby="w-rights" data-testid="rights">
                <h2 id="w-rights">{t_string!(i18n, w_applicant_data)}</h2>
                {body}
                {move || error.get().map(|e| failure_alert(&e))}
            </section>
        }
    })
}
