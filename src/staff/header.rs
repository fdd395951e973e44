//! The workspace's header: the cluster's name, the workspace's links, who
//! is signed in with a sign-out button, and the language and theme controls.
//! Short enough to wrap at 360 px without a menu button.

use super::{Session, role_name};
use crate::components::{lang_switcher::LanguageSwitcher, theme_toggle::ThemeToggle};
use crate::i18n::*;
use crate::lang_of;
use cluster_core::staff::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

/// The staff entry's header (in place of the public site's).
#[component]
pub fn StaffHeader() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<Session>();
    let code = move || lang_of(i18n.get_locale()).code();
    // The admins' screens, for those who may use them (the server checks again).
    let admin = move || session.0.with(|s| matches!(s, Some(Ok(me)) if me.account.role.may(Permission::ManageAccounts)));
    let who = move || {
        session.0.with(|s| match s {
            Some(Ok(me)) => {
                let role = role_name(me.account.role);
                Some(view! {
                    <p class="staff-who" data-testid="staff-who">
                        {td_string!(i18n.get_locale(), w_signed_in_as, name = me.account.name.clone(), role = role).to_string()}
                    </p>
                    // The server's own sign-out (docs/staff.md): a form, so it works as the sign-in pages do.
                    <form method="post" action=move || format!("/staff/sign-out?lang={}", code())>
                        <button type="submit" class="button secondary" data-testid="staff-sign-out">{t_string!(i18n, staff_sign_out)}</button>
                    </form>
                })
            }
            _ => None,
        })
    };
    view! {
        <header class="site-header staff-header">
            <div class="bar">
                <A href="/staff" exact=true attr:class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-text">
                        <bdi class="brand-name">"Cluster EnR"</bdi>
                        <span class="brand-tagline">{t!(i18n, w_workspace)}</span>
                    </span>
                </A>
                <nav aria-label=move || t_string!(i18n, w_nav_label)>
                    <ul class="nav-list">
                        <li><A href="/staff" exact=true>{t!(i18n, staff_queue_title)}</A></li>
                        <Show when=admin>
                            <li><A href="/staff/accounts">{t!(i18n, w_accounts_title)}</A></li>
                            <li><A href="/staff/audit">{t!(i18n, w_audit_title)}</A></li>
                        </Show>
                        // The server's pages: a whole load, not the router's.
                        <li><a href=move || format!("/staff/signed-in?lang={}", code()) rel="external">{t!(i18n, w_nav_account)}</a></li>
                        <li><a href=move || format!("/?lang={}", code()) rel="external">{t!(i18n, w_nav_public)}</a></li>
                    </ul>
                </nav>
                <div class="controls">
                    {who}
                    <LanguageSwitcher />
                    <ThemeToggle />
                </div>
            </div>
        </header>
    }
}
