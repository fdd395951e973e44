//! Asking the applicant for corrections (docs/staff.md, "Changes
//! requested"): the answers to correct, ticked in the form's sections, and
//! a message; the server e-mails the applicant a single-use link. While the
//! team waits, the request is shown with the link's end date.

use super::api::{self, Failure};
use super::application::{act, when};
use super::{failure_alert, use_me};
use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use crate::pages::apply::check::answer_rows;
use cluster_core::api::StaffApplication;
use cluster_core::application::Status;
use cluster_core::form::{Draft, Step};
use cluster_core::review::check_text;
use cluster_core::staff::Permission;
use leptos::prelude::*;

/// The request waiting for the applicant, and a new one (for those who may move applications).
pub fn changes(a: &StaffApplication, version: RwSignal<u32>) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let data = use_data();
    let may = use_me().is_some_and(|m| m.account.role.may(Permission::Move));
    let open = !matches!(a.summary.status, Status::Decided | Status::Withdrawn);
    let draft = StoredValue::new(Draft::from_sent(&a.application));
    let pending = a.changes.clone();
    let reference = a.summary.reference.clone();
    let error = RwSignal::new(None::<Failure>);
    let unsent = RwSignal::new(false);
    let picked: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let message = RwSignal::new(String::new());
    let labels = move || data.dataset().map(|d| draft.with_value(|x| answer_rows(i18n, x, &d))).unwrap_or_default();
    let waiting = pending.map(|c| {
        let lang = lang_of(i18n.get_locale_untracked());
        let until = when(&c.expires_at, lang);
        let names = move || {
            labels()
                .into_iter()
                .filter_map(|(_, label, spec)| spec.filter(|s| c.fields.contains(&s.path)).map(|_| view! { <li>{label}</li> }))
                .collect::<Vec<_>>()
        };
        view! {
            <div class="notice" data-testid="changes-pending">
                <p>{td_string!(i18n.get_locale_untracked(), w_changes_pending, date = until).to_string()}</p>
                <ul>{names}</ul>
                <p dir="auto">{c.message.clone()}</p>
            </div>
        }
    });
    let form = (may && open).then(|| {
        let submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let fields = picked.get_untracked();
            if fields.is_empty() {
                error.set(Some(Failure::Problem { status: 422, code: "required".into(), detail: t_string!(i18n, w_changes_pick).into() }));
                return;
            }
            let Ok(said) = check_text(&message.get_untracked()) else {
                error.set(Some(Failure::Problem {
                    status: 422,
                    code: "note_required".into(),
                    detail: t_string!(i18n, w_text_required).into(),
                }));
                return;
            };
            let path = format!("/applications/{reference}/changes");
            let body = serde_json::json!({ "fields": fields, "message": said });
            act(error, version, async move {
                let answer = api::call::<serde_json::Value>("POST", &path, Some(body)).await;
                if let Ok(v) = &answer {
                    unsent.set(v["mailed"] == false);
                }
                answer
            });
        };
        let sections = move || {
            let rows = labels();
            [Step::Startup, Step::Team, Step::Project, Step::Funding]
                .into_iter()
                .map(|step| {
                    let boxes = rows
                        .iter()
                        .filter(|(s, _, spec)| *s == step && spec.as_ref().is_some_and(|x| !x.path.starts_with("eligibility.")))
                        .filter_map(|(_, label, spec)| spec.as_ref().map(|s| (label.clone(), s.path.clone())))
                        .map(|(label, path)| {
                            let id = format!("w-fix-{}", path.replace(['[', ']', '.'], "-"));
                            let p = path.clone();
                            view! {
                                <div class="field check">
                                    <input type="checkbox" id=id.clone() value=path.clone() on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        picked.update(|v| {
                                            v.retain(|x| *x != p);
                                            if on {
                                                v.push(p.clone());
                                            }
                                        });
                                    } />
                                    <label for=id>{label}</label>
                                </div>
                            }
                        })
                        .collect::<Vec<_>>();
                    view! {
                        <fieldset class="fix-fields">
                            <legend>{crate::pages::apply::step_title(i18n, step)}</legend>
                            {boxes}
                        </fieldset>
                    }
                })
                .collect::<Vec<_>>()
        };
        view! {
            <details class="changes-ask" data-testid="changes-ask">
                <summary>{t_string!(i18n, w_changes)}</summary>
                <p class="hint">{t_string!(i18n, w_changes_hint)}</p>
                <form class="staff-form" on:submit=submit>
                    <p class="label">{t_string!(i18n, w_changes_fields)}</p>
                    {sections}
                    <div class="field">
                        <label for="w-changes-message">{t_string!(i18n, w_changes_message)}</label>
                        <textarea id="w-changes-message" rows="3" maxlength="2000" required dir="auto"
                            on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    </div>
                    <button type="submit" class="button" data-testid="changes-send">{t_string!(i18n, w_changes_send)}</button>
                </form>
            </details>
        }
    });
    (waiting.is_some() || form.is_some()).then(|| {
        view! {
            <section class="staff-block" aria-labelledby="w-changes" data-testid="changes">
                <h2 id="w-changes">{t_string!(i18n, w_status_changes_requested)}</h2>
                {waiting}
                {form}
                {move || unsent.get().then(|| view! { <p class="data-status error" role="alert">{t_string!(i18n, w_changes_not_mailed)}</p> })}
                {move || error.get().map(|e| failure_alert(&e))}
            </section>
        }
    })
}
