//! The incubator team's review workspace (docs/staff.md, "The workspace"):
//! the staff entry's screens, over the staff API with the session's cookie.
//! Who may do what is core's table (`cluster_core::staff`): the screens offer
//! only what the server allows, and the server checks again.

mod admin;
pub mod api;
mod application;
mod changes;
pub mod header;
mod queue;
mod rights;
mod scores;

pub use admin::{Accounts, Audit};
pub use application::ApplicationPage;
pub use header::StaffHeader;
pub use queue::Queue;

use crate::components::data_status::loading_status;
use crate::i18n::*;
use api::Failure;
use cluster_core::api::{Account, AccountList, Me};
use leptos::prelude::*;

/// Who is signed in: `None` while asking.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Option<Result<Me, Failure>>>);

/// Asks who is signed in, once, for the header and the pages.
pub fn provide_session() -> Session {
    let session = Session(RwSignal::new(None));
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        session.0.set(Some(api::call::<Me>("GET", "/me", None).await));
    });
    provide_context(session);
    session
}

/// The signed-in person (inside [`Gate`]).
pub fn use_me() -> Option<Me> {
    use_context::<Session>().and_then(|s| s.0.with(|m| m.as_ref().and_then(|r| r.as_ref().ok()).cloned()))
}

/// The sign-in page, in the reader's language, leading back here once
/// signed in (the server keeps `next` only under `/staff`:
/// `cluster_core::staff::return_to`).
fn sign_in_href() -> String {
    let i18n = use_i18n();
    let here = leptos_router::hooks::use_location();
    let next = cluster_core::route::join_url(&here.pathname.get_untracked(), &here.search.get_untracked(), "");
    format!("/staff/sign-in?lang={}&next={}", crate::lang_of(i18n.get_locale_untracked()).code(), cluster_core::url::encode(&next))
}

/// Draws `children` for a signed-in person; sends anyone else to the
/// sign-in page (never an empty list), and says so when there is no server
/// to sign in with.
#[component]
pub fn Gate(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    move || match session.0.get() {
        None => loading_status("staff-checking", t_string!(i18n, w_checking).to_owned()),
        Some(Ok(_)) => children().into_any(),
        Some(Err(Failure::SignedOut)) => {
            let href = sign_in_href();
            #[cfg(target_arch = "wasm32")]
            {
                let target = href.clone();
                // Replaced, not pushed: Back does not come here again.
                request_animation_frame(move || {
                    let _ = window().location().replace(&target);
                });
            }
            view! {
                <div class="data-status loading" role="status" data-testid="staff-signed-out">
                    <p>{t_string!(i18n, w_to_sign_in)}" "<a href=href>{t_string!(i18n, w_sign_in_link)}</a></p>
                </div>
            }
            .into_any()
        }
        Some(Err(e)) => view! {
            <div class="data-status error" role="alert" data-testid="staff-unavailable">
                <p>{t_string!(i18n, w_needs_server)}</p>
                <p class="note" dir="auto">{e.message()}</p>
            </div>
        }
        .into_any(),
    }
}

/// A status's name on the screens.
pub fn status_name(status: cluster_core::application::Status, outcome: Option<cluster_core::application::Outcome>) -> String {
    use cluster_core::application::{Outcome, Status};
    let i18n = use_i18n();
    let name = match status {
        Status::Received => t_string!(i18n, w_status_received),
        Status::Preselected => t_string!(i18n, w_status_preselected),
        Status::Bootcamp => t_string!(i18n, w_status_bootcamp),
        Status::Jury => t_string!(i18n, w_status_jury),
        Status::Decided => t_string!(i18n, w_status_decided),
        Status::Withdrawn => t_string!(i18n, w_status_withdrawn),
        Status::ChangesRequested => t_string!(i18n, w_status_changes_requested),
    };
    match outcome {
        Some(Outcome::Selected) => format!("{name} · {}", t_string!(i18n, w_outcome_selected)),
        Some(Outcome::NotSelected) => format!("{name} · {}", t_string!(i18n, w_outcome_not_selected)),
        None => name.to_owned(),
    }
}

/// An audit action's name on the screens (the CSV keeps its code).
pub fn action_name(action: cluster_core::staff::Action) -> &'static str {
    use cluster_core::staff::Action;
    let i18n = use_i18n();
    match action {
        Action::SignIn => t_string!(i18n, w_action_sign_in),
        Action::SignInFailed => t_string!(i18n, w_action_sign_in_failed),
        Action::SignInLinkSent => t_string!(i18n, w_action_sign_in_link_sent),
        Action::SignOut => t_string!(i18n, w_action_sign_out),
        Action::SessionRevoked => t_string!(i18n, w_action_session_revoked),
        Action::ApplicationRead => t_string!(i18n, w_action_application_read),
        Action::DeckRead => t_string!(i18n, w_action_deck_read),
        Action::StageMoved => t_string!(i18n, w_action_stage_moved),
        Action::Scored => t_string!(i18n, w_action_scored),
        Action::NoteAdded => t_string!(i18n, w_action_note_added),
        Action::ConflictDeclared => t_string!(i18n, w_action_conflict_declared),
        Action::ChangesRequested => t_string!(i18n, w_action_changes_requested),
        Action::ChangesReceived => t_string!(i18n, w_action_changes_received),
        Action::ListExported => t_string!(i18n, w_action_list_exported),
        Action::ScoresExported => t_string!(i18n, w_action_scores_exported),
        Action::ApplicantExported => t_string!(i18n, w_action_applicant_exported),
        Action::ApplicationErased => t_string!(i18n, w_action_application_erased),
        Action::Assigned => t_string!(i18n, w_action_assigned),
        Action::Unassigned => t_string!(i18n, w_action_unassigned),
        Action::AccountCreated => t_string!(i18n, w_action_account_created),
        Action::RoleChanged => t_string!(i18n, w_action_role_changed),
        Action::AccountDisabled => t_string!(i18n, w_action_account_disabled),
        Action::AccountEnabled => t_string!(i18n, w_action_account_enabled),
        Action::TokenCreated => t_string!(i18n, w_action_token_created),
        Action::TokenRevoked => t_string!(i18n, w_action_token_revoked),
        Action::PasskeyAdded => t_string!(i18n, w_action_passkey_added),
        Action::PasskeyRemoved => t_string!(i18n, w_action_passkey_removed),
        Action::AuditExported => t_string!(i18n, w_action_audit_exported),
        Action::OriginRefused => t_string!(i18n, w_action_origin_refused),
    }
}

/// A role's name.
pub fn role_name(role: cluster_core::staff::Role) -> String {
    use cluster_core::staff::Role;
    let i18n = use_i18n();
    match role {
        Role::Admin => t_string!(i18n, staff_role_admin),
        Role::Reviewer => t_string!(i18n, staff_role_reviewer),
        Role::Juror => t_string!(i18n, staff_role_juror),
    }
    .to_owned()
}

/// An error from a call, as an alert.
pub fn failure_alert(e: &Failure) -> AnyView {
    view! { <p class="data-status error" role="alert" dir="auto" data-testid="staff-error">{e.message()}</p> }.into_any()
}

/// A table of the workspace, which scrolls sideways inside its own region
/// on a narrow screen (the region is named `label`, and takes the focus
/// for the keyboard's arrows); `heads` are its columns.
pub fn scrolled_table<R: IntoView>(label: &'static str, testid: &'static str, heads: &[&'static str], rows: R) -> impl IntoView + use<R> {
    let heads = heads.iter().map(|h| view! { <th scope="col" role="columnheader">{*h}</th> }).collect::<Vec<_>>();
    // Explicit roles: the queue draws its rows as grids (style/staff.css).
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="queue" role="table" data-testid=testid>
                <thead role="rowgroup"><tr role="row">{heads}</tr></thead>
                <tbody role="rowgroup">{rows}</tbody>
            </table>
        </div>
    }
}

/// An answer of the API, `None` while asked.
pub(crate) type Answer<T> = RwSignal<Option<Result<T, Failure>>>;

/// Every account (`GET /staff/accounts`, admins only), and the version to
/// bump to read them again after a change.
pub(crate) fn accounts_signal() -> (Answer<Vec<Account>>, RwSignal<u32>) {
    let list = RwSignal::new(None);
    let version = RwSignal::new(0u32);
    Effect::new(move || {
        version.track();
        leptos::task::spawn_local(async move {
            list.set(Some(api::call::<AccountList>("GET", "/accounts", None).await.map(|l| l.items)));
        });
    });
    (list, version)
}
