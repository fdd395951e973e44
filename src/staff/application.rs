//! `/staff/applications/:id`: one application as the team reads it
//! (docs/staff.md, "The workspace"): what the start-up sent in the form's
//! own sections and labels, the deck, the score sheets, private notes, the
//! stage and who is assigned, the timeline, and a declared conflict.

use super::api::{self, Failure};
use super::scores::Scores;
use super::{accounts_signal, failure_alert, role_name, status_name, use_me};
use crate::components::data_status::loading_status;
use crate::components::page::Page;
use crate::data::use_data;
use crate::i18n::*;
use crate::lang_of;
use crate::pages::apply::check::answer_rows;
use cluster_core::api::{Account, Assignee, StaffApplication};
use cluster_core::application::{Direction, Outcome, Status};
use cluster_core::form::{Draft, Step};
use cluster_core::format;
use cluster_core::review::{Note, check_text};
use cluster_core::staff::Permission;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// A date and time of the server (`2026-12-04T10:00:00Z`) as the reader's
/// language writes the day, with the time.
pub fn when(at: &str, lang: cluster_core::lang::Lang) -> String {
    let time = at.get(11..16).unwrap_or_default();
    format!("{} {}", format::date(at.get(..10).unwrap_or_default(), lang), time)
}

/// Why the page's application is no longer there for its reader.
#[derive(Clone, Copy, PartialEq)]
pub enum Gone {
    /// They declared a conflict of interest on it.
    Conflict,
    /// An admin erased it (law 09-08).
    Erased,
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reference = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let found: RwSignal<Option<Result<StaffApplication, Failure>>> = RwSignal::new(None);
    // Bumped after a change, to read the application again.
    let version = RwSignal::new(0u32);
    Effect::new(move || {
        let (r, _) = (reference.get(), version.get());
        leptos::task::spawn_local(async move {
            let answer = api::call::<StaffApplication>("GET", &format!("/applications/{}", cluster_core::url::encode(&r)), None).await;
            if reference.try_get_untracked().as_ref() == Some(&r) {
                found.set(Some(answer));
            }
        });
    });
    // Set when the page's application leaves this person (a declared
    // conflict) or everyone (erased): the page then says so, and nothing else.
    let gone = RwSignal::new(None::<Gone>);
    let title = Signal::derive(move || {
        found.with(|f| match f {
            Some(Ok(a)) => a.summary.startup.clone().unwrap_or_else(|| a.summary.reference.clone()),
            _ => reference.get(),
        })
    });
    let body = move || {
        if let Some(g) = gone.get() {
            let (text, id) = match g {
                Gone::Conflict => (t_string!(i18n, w_conflict_done).to_owned(), "conflict-done"),
                Gone::Erased => (td_string!(i18n.get_locale(), w_erased, reference = reference.get_untracked()).to_string(), "erased"),
            };
            return view! {
                <p class="notice" role="status" data-testid=id>{text}</p>
                <p><A href="/staff">{t_string!(i18n, w_back)}</A></p>
            }
            .into_any();
        }
        match found.get() {
            None => loading_status("application-loading", t_string!(i18n, data_loading).to_owned()),
            Some(Err(e)) => failure_alert(&e),
            Some(Ok(a)) => workspace(a, version, gone).into_any(),
        }
    };
    view! {
        <Page title=title class="staff-application" busy=Signal::derive(move || found.with(Option::is_none))>
            <p class="back"><A href="/staff">{t_string!(i18n, w_back)}</A></p>
            {body}
        </Page>
    }
}

/// Everything on one application, once read.
fn workspace(a: StaffApplication, version: RwSignal<u32>, gone: RwSignal<Option<Gone>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_of(i18n.get_locale_untracked());
    let reference = a.summary.reference.clone();
    let day = a.summary.received_at.get(..10).unwrap_or_default().to_owned();
    view! {
        <p class="meta" data-testid="application-meta">
            <code dir="ltr">{reference.clone()}</code>" · "
            <span data-testid="application-stage">{status_name(a.summary.status, a.summary.outcome)}</span>" · "
            {format::date(&day, lang)}
            {a.summary.call.clone().map(|c| {
                let data = use_data();
                view! { " · "<span data-testid="application-call">{move || data.dataset().map_or_else(|| c.clone(), |d| d.call_name(&c, lang))}</span> }
            })}
        </p>
        <div class="staff-layout">
            <div class="staff-main">
                {sent(&a)}
                <Scores reference=reference.clone() />
            </div>
            <div class="staff-side">
                {assignment(&a, version)}
                {stage(&a, version)}
                {super::changes::changes(&a, version)}
                <Notes reference=reference.clone() />
                {timeline(&a)}
                {conflict(reference, gone)}
                {super::rights::rights(&a, gone)}
            </div>
        </div>
    }
}

/// What the applicant sent, in the form's sections and labels.
fn sent(a: &StaffApplication) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let data = use_data();
    let draft = Draft::from_sent(&a.application);
    let deck = draft.deck.is_some().then(|| format!("{}/applications/{}/deck", api::BASE, a.summary.reference));
    let withheld = !a.withheld.is_empty();
    move || {
        let Some(d) = data.dataset() else { return loading_status("sent-loading", t_string!(i18n, data_loading).to_owned()) };
        let (yes, no, none) = (t_string!(i18n, f_yes), t_string!(i18n, f_no), t_string!(i18n, f_none));
        let rows = answer_rows(i18n, &draft, &d);
        let sections = [Step::Eligibility, Step::Startup, Step::Team, Step::Project, Step::Funding, Step::Deck].map(|step| {
            let items = rows
                .iter()
                .filter(|(s, _, _)| *s == step)
                .map(|(_, label, spec)| {
                    let value = match (spec, &deck) {
                        (Some(spec), _) => view! { <dd dir="auto">{spec.shown_value(&draft, yes, no, none)}</dd> }.into_any(),
                        (None, Some(href)) => view! {
                            <dd><a href=href.clone() rel="external" download data-testid="deck-download">{t_string!(i18n, w_deck_download)}</a></dd>
                        }
                        .into_any(),
                        (None, None) => view! { <dd>{none}</dd> }.into_any(),
                    };
                    view! { <div class="answer"><dt>{label.clone()}</dt>{value}</div> }
                })
                .collect::<Vec<_>>();
            view! {
                <section class="sent-section">
                    <h3>{crate::pages::apply::step_title(i18n, step)}</h3>
                    <dl class="answers">{items}</dl>
                </section>
            }
        });
        view! {
            <section class="staff-block" aria-labelledby="w-sent" data-testid="sent">
                <h2 id="w-sent">{t_string!(i18n, w_sent)}</h2>
                {withheld.then(|| view! { <p class="note">{t_string!(i18n, w_withheld)}</p> })}
                {sections}
            </section>
        }
        .into_any()
    }
}

/// Runs `call`, then reads the application again; a refusal shows in `error`.
pub(super) fn act<T: 'static>(
    error: RwSignal<Option<Failure>>,
    version: RwSignal<u32>,
    call: impl Future<Output = Result<T, Failure>> + 'static,
) {
    leptos::task::spawn_local(async move {
        match call.await {
            Ok(_) => {
                error.set(None);
                version.update(|v| *v += 1);
            }
            Err(e) => error.set(Some(e)),
        }
    });
}

/// Assigns (`PUT`) or unassigns (`DELETE`) at `path`, then reads again.
fn assign_call(error: RwSignal<Option<Failure>>, version: RwSignal<u32>, method: &'static str, path: String) {
    act(error, version, async move { api::call::<Vec<Assignee>>(method, &path, None).await });
}

/// Who is assigned; oneself in one click, anyone for an admin.
fn assignment(a: &StaffApplication, version: RwSignal<u32>) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let me = use_me();
    let reference = a.summary.reference.clone();
    let error = RwSignal::new(None::<Failure>);
    let my_id = me.as_ref().map_or(0, |m| m.account.id);
    let role = me.as_ref().map(|m| m.account.role);
    let anyone = role.is_some_and(|r| r.may(Permission::AssignAnyone));
    let myself = role.is_some_and(|r| r.may(Permission::AssignSelf));
    let assigned_me = a.summary.assignees.iter().any(|x| x.account_id == my_id);
    let path = move |id: i64| format!("/applications/{}/assignees/{id}", reference);
    let (p1, p2, p3) = (path.clone(), path.clone(), path);
    let people = a
        .summary
        .assignees
        .iter()
        .map(|x: &Assignee| {
            let (id, p) = (x.account_id, p1.clone());
            let remove = (anyone && id != my_id).then(|| {
                view! { <button type="button" class="link-button" on:click=move |_| assign_call(error, version, "DELETE", p(id))>
                {t_string!(i18n, w_unassign)}<span class="visually-hidden">{format!(" : {}", x.name)}</span></button> }
            });
            view! { <li><span dir="auto">{x.name.clone()}</span>" · "{role_name(x.role)}" "{remove}</li> }
        })
        .collect::<Vec<_>>();
    let nobody = people.is_empty();
    let mine = myself.then(|| {
        let p = p2.clone();
        if assigned_me {
            view! { <button type="button" class="button secondary" data-testid="unassign-me"
            on:click=move |_| assign_call(error, version, "DELETE", p(my_id))>{t_string!(i18n, w_unassign_me)}</button> }
            .into_any()
        } else {
            view! { <button type="button" class="button" data-testid="assign-me"
            on:click=move |_| assign_call(error, version, "PUT", p(my_id))>{t_string!(i18n, w_assign_me)}</button> }
            .into_any()
        }
    });
    // An admin assigns anyone: the enabled accounts not yet assigned.
    let everyone = anyone.then(|| accounts_signal().0);
    let taken: Vec<i64> = a.summary.assignees.iter().map(|x| x.account_id).collect();
    let accounts = Memo::new(move |_| {
        let all = everyone.and_then(|p| p.get()).and_then(Result::ok).unwrap_or_default();
        all.into_iter().filter(|x| x.disabled_at.is_none() && !taken.contains(&x.id)).collect::<Vec<Account>>()
    });
    let chosen = RwSignal::new(String::new());
    let pick = move || {
        (anyone && !accounts.with(Vec::is_empty)).then(|| {
            let p = p3.clone();
            let options = accounts
                .get()
                .into_iter()
                .map(|x| view! { <option value=x.id.to_string()>{format!("{} · {}", x.name, role_name(x.role))}</option> })
                .collect::<Vec<_>>();
            view! {
                <form class="staff-form" on:submit=move |ev| {
                    ev.prevent_default();
                    if let Ok(id) = chosen.get_untracked().parse::<i64>() {
                        assign_call(error, version, "PUT", p(id));
                    }
                }>
                    <div class="field">
                        <label for="w-assign">{t_string!(i18n, w_assignee)}</label>
                        <select id="w-assign" on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">"—"</option>{options}
                        </select>
                    </div>
                    <button type="submit" class="button secondary">{t_string!(i18n, w_save)}</button>
                </form>
            }
        })
    };
    view! {
        <section class="staff-block" aria-labelledby="w-assignees" data-testid="assignment">
            <h2 id="w-assignees">{t_string!(i18n, w_assignees)}</h2>
            {if nobody { view! { <p>{t_string!(i18n, w_nobody)}</p> }.into_any() } else { view! { <ul class="plain">{people}</ul> }.into_any() }}
            {mine}
            {pick}
            {move || error.get().map(|e| failure_alert(&e))}
        </section>
    }
}

/// The stage, and a move with its reason (core's pipeline decides which).
fn stage(a: &StaffApplication, version: RwSignal<u32>) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let may = use_me().is_some_and(|m| m.account.role.may(Permission::Move));
    let (status, reference) = (a.summary.status, a.summary.reference.clone());
    let error = RwSignal::new(None::<Failure>);
    let direction = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let share = RwSignal::new(false);
    let open = status.stage().is_some() && status != Status::Decided;
    let at = status.stage().unwrap_or(0);
    let deciding = status == Status::Jury;
    let choices = {
        let mut c: Vec<(&str, String)> = Vec::new();
        if open {
            c.push(("forward", format!("{} → {}", t_string!(i18n, w_forward), status_name(Status::PIPELINE[at + 1], None))));
        }
        if status.stage().is_some_and(|i| i > 0) {
            c.push(("back", format!("{} → {}", t_string!(i18n, w_back_step), status_name(Status::PIPELINE[at - 1], None))));
        }
        // Waiting for the applicant's corrections, it can only be withdrawn.
        if open || status == Status::ChangesRequested {
            c.push(("withdraw", t_string!(i18n, w_withdraw).to_owned()));
        }
        c
    };
    let form = (may && !choices.is_empty()).then(|| {
        let options = choices.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect::<Vec<_>>();
        let submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let d = match direction.get_untracked().as_str() {
                "forward" => Direction::Forward,
                "back" => Direction::Back,
                "withdraw" => Direction::Withdraw,
                _ => return,
            };
            let note = match check_text(&reason.get_untracked()) {
                Ok(n) => n,
                Err(_) => {
                    error.set(Some(Failure::Problem {
                        status: 422,
                        code: "note_required".into(),
                        detail: t_string!(i18n, w_text_required).into(),
                    }));
                    return;
                }
            };
            let o = Outcome::parse(&outcome.get_untracked());
            let shared = deciding && d == Direction::Forward && share.get_untracked();
            let body = serde_json::json!({ "direction": d, "note": note, "outcome": o, "share": shared });
            let path = format!("/applications/{reference}/move");
            act(error, version, async move { api::call::<serde_json::Value>("POST", &path, Some(body)).await });
        };
        view! {
            <form class="staff-form" on:submit=submit data-testid="move-form">
                <div class="field">
                    <label for="w-direction">{t_string!(i18n, w_move_direction)}</label>
                    <select id="w-direction" required on:change=move |ev| direction.set(event_target_value(&ev))>
                        <option value="">"—"</option>{options}
                    </select>
                </div>
                {move || (deciding && direction.get() == "forward").then(|| view! {
                    <div class="field">
                        <label for="w-outcome">{t_string!(i18n, w_outcome)}</label>
                        <select id="w-outcome" required on:change=move |ev| outcome.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            <option value="selected">{t_string!(i18n, w_outcome_selected)}</option>
                            <option value="not_selected">{t_string!(i18n, w_outcome_not_selected)}</option>
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="w-reason">{t_string!(i18n, w_reason)}</label>
                    <p class="hint" id="w-reason-hint">{t_string!(i18n, w_reason_hint)}</p>
                    <textarea id="w-reason" rows="3" maxlength="2000" required aria-describedby="w-reason-hint" dir="auto"
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                {move || (deciding && direction.get() == "forward").then(|| view! {
                    <div class="field check">
                        <input type="checkbox" id="w-share" on:change=move |ev| share.set(event_target_checked(&ev)) />
                        <label for="w-share">{t_string!(i18n, w_share_reason)}</label>
                    </div>
                })}
                <button type="submit" class="button">{t_string!(i18n, w_save)}</button>
            </form>
        }
    });
    view! {
        <section class="staff-block" aria-labelledby="w-stage" data-testid="stage">
            <h2 id="w-stage">{t_string!(i18n, w_move)}</h2>
            <p><strong>{status_name(a.summary.status, a.summary.outcome)}</strong></p>
            {if may && !open && status.stage().is_none() { Some(view! { <p class="note">{t_string!(i18n, w_no_moves)}</p> }) } else { None }}
            {form}
            {move || error.get().map(|e| failure_alert(&e))}
        </section>
    }
}

/// Every stage move, with who and why.
fn timeline(a: &StaffApplication) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let lang = lang_of(i18n.get_locale_untracked());
    let items = a
        .history
        .iter()
        .map(|h| {
            let by = match &h.by {
                Some(name) => td_string!(i18n.get_locale_untracked(), w_by, name = name.clone()).to_string(),
                None => t_string!(i18n, w_by_applicant).to_owned(),
            };
            let what = match h.from {
                Some(from) => format!("{} → {}", status_name(from, None), status_name(h.to, None)),
                None => status_name(h.to, None),
            };
            view! {
                <li>
                    <p><strong>{what}</strong>" · "{when(&h.at, lang)}" · "<span dir="auto">{by}</span></p>
                    {(!h.note.is_empty()).then(|| view! { <p class="note" dir="auto">{h.note.clone()}</p> })}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="staff-block" aria-labelledby="w-timeline" data-testid="timeline">
            <h2 id="w-timeline">{t_string!(i18n, w_timeline)}</h2>
            <ol class="plain timeline-list">{items}</ol>
        </section>
    }
}

/// The team's private notes, and a new one.
#[component]
fn Notes(reference: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/applications/{reference}/notes");
    let notes: RwSignal<Option<Result<Vec<Note>, Failure>>> = RwSignal::new(None);
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<Failure>);
    let text = RwSignal::new(String::new());
    let p = path.clone();
    Effect::new(move || {
        version.track();
        let p = p.clone();
        leptos::task::spawn_local(async move { notes.set(Some(api::call::<Vec<Note>>("GET", &p, None).await)) });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(said) = check_text(&text.get_untracked()) else {
            error.set(Some(Failure::Problem {
                status: 422,
                code: "note_required".into(),
                detail: t_string!(i18n, w_text_required).into(),
            }));
            return;
        };
        let p = path.clone();
        text.set(String::new());
        act(error, version, async move { api::call::<Vec<Note>>("POST", &p, Some(serde_json::json!({ "text": said }))).await });
    };
    let list = move || {
        let lang = lang_of(i18n.get_locale());
        match notes.get() {
            None => ().into_any(),
            Some(Err(e)) => failure_alert(&e),
            Some(Ok(n)) if n.is_empty() => view! { <p>{t_string!(i18n, w_notes_none)}</p> }.into_any(),
            Some(Ok(n)) => view! {
                <ul class="plain notes" data-testid="notes">
                    {n.into_iter().map(|x| view! {
                        <li><p class="note">{x.author}" · "{when(&x.at, lang)}</p><p dir="auto">{x.text}</p></li>
                    }).collect::<Vec<_>>()}
                </ul>
            }
            .into_any(),
        }
    };
    view! {
        <section class="staff-block" aria-labelledby="w-notes">
            <h2 id="w-notes">{t_string!(i18n, w_notes)}</h2>
            <p class="hint">{t_string!(i18n, w_notes_hint)}</p>
            {list}
            <form class="staff-form" on:submit=submit>
                <div class="field">
                    <label for="w-note">{t_string!(i18n, w_note_new)}</label>
                    <textarea id="w-note" rows="3" maxlength="2000" dir="auto" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button secondary" data-testid="note-add">{t_string!(i18n, w_note_add)}</button>
            </form>
            {move || error.get().map(|e| failure_alert(&e))}
        </section>
    }
}

/// Declaring a conflict of interest, behind a disclosure: it cannot be undone here.
fn conflict(reference: String, gone: RwSignal<Option<Gone>>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<Failure>);
    let reason = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(said) = check_text(&reason.get_untracked()) else {
            error.set(Some(Failure::Problem {
                status: 422,
                code: "note_required".into(),
                detail: t_string!(i18n, w_text_required).into(),
            }));
            return;
        };
        let path = format!("/applications/{reference}/conflict");
        leptos::task::spawn_local(async move {
            match api::call::<()>("POST", &path, Some(serde_json::json!({ "text": said }))).await {
                Ok(()) => gone.set(Some(Gone::Conflict)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <details class="staff-block conflict" data-testid="conflict">
            <summary>{t_string!(i18n, w_conflict)}</summary>
            <p class="hint">{t_string!(i18n, w_conflict_hint)}</p>
            <form class="staff-form" on:submit=submit>
                <div class="field">
                    <label for="w-conflict">{t_string!(i18n, w_reason)}</label>
                    <textarea id="w-conflict" rows="2" maxlength="2000" dir="auto" on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button danger" data-testid="conflict-submit">{t_string!(i18n, w_conflict_submit)}</button>
            </form>
            {move || error.get().map(|e| failure_alert(&e))}
        </details>
    }
}
