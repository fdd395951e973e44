//! The "Embed" dialog: language and theme of the embed, a live preview and
//! the snippet to paste, with a copy button. A modal `<dialog>`: the browser
//! keeps focus inside and Escape closes it; focus then returns to the button
//! that opened it.

use crate::browser::copy_text;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::charts::{self, ChartId, render::esc};
use cluster_core::lang::Lang;
use leptos::html;
use leptos::prelude::*;

/// The embed snippet: the iframe (trailing-slash form, which static hosts
/// serve without a redirect) and the partner script.
pub fn snippet(origin: &str, id: ChartId, lang: Lang, theme: &str) -> String {
    format!(
        "<iframe data-cluster-enr-chart src=\"{origin}/embed/{id}/?lang={code}&amp;theme={theme}\" title=\"{title}\" loading=\"lazy\" style=\"width:100%;border:0\"></iframe>\n<script src=\"{origin}/embed.js\" async></script>",
        id = id.id(),
        code = lang.code(),
        title = esc(&format!("{} · Cluster EnR", charts::title(id, lang))),
    )
}

/// The dialog of chart `id`; `opener` gets focus back when it closes.
#[component]
pub fn EmbedDialog(id: ChartId, dialog: NodeRef<html::Dialog>, opener: NodeRef<html::Button>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = RwSignal::new(lang_of(i18n.get_locale_untracked()));
    let theme = RwSignal::new("auto");
    let open = RwSignal::new(false);
    let copied = RwSignal::new(None::<bool>);
    let origin = super::origin();
    let src = {
        let origin = origin.clone();
        move || format!("{origin}/embed/{}/?lang={}&theme={}", id.id(), lang.get().code(), theme.get())
    };
    let code = move || snippet(&origin, id, lang.get(), theme.get());
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let prefix = format!("embed-{}", id.id());
    let heading = format!("{prefix}-heading");
    let field = format!("{prefix}-code");
    view! {
        <dialog
            node_ref=dialog
            class="embed-dialog"
            aria-labelledby=heading.clone()
            data-testid="embed-dialog"
            on:toggle=move |_| open.set(dialog.get().is_some_and(|d| d.open()))
            on:close=move |_| {
                copied.set(None);
                if let Some(b) = opener.get() {
                    let _ = b.focus();
                }
            }
        >
            <h2 id=heading.clone()>{t!(i18n, embed_title)}</h2>
            <p class="embed-chart-name">{move || charts::title(id, lang_of(i18n.get_locale())).to_owned()}</p>
            <div class="embed-options">
                <label>
                    {t!(i18n, embed_lang)}
                    <select data-testid="embed-lang" on:change=move |ev| lang.set(Lang::from_code(&event_target_value(&ev)).unwrap_or(Lang::Fr))>
                        {Lang::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.code() selected=move || lang.get() == l lang=l.code()>{l.native_name()}</option> })
                            .collect::<Vec<_>>()}
                    </select>
                </label>
                <label>
                    {t!(i18n, embed_theme)}
                    <select
                        data-testid="embed-theme"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            theme.set(match v.as_str() {
                                "light" => "light",
                                "dark" => "dark",
                                _ => "auto",
                            })
                        }
                    >
                        <option value="auto">{t!(i18n, embed_theme_auto)}</option>
                        <option value="light">{t!(i18n, embed_theme_light)}</option>
                        <option value="dark">{t!(i18n, embed_theme_dark)}</option>
                    </select>
                </label>
            </div>
            <p class="embed-label">{t!(i18n, embed_preview)}</p>
            // Loaded only while the dialog is open.
            {move || open.get().then(|| {
                let title = format!("{} – {}", t_string!(i18n, embed_preview), charts::title(id, lang.get()));
                view! { <iframe class="embed-preview" data-testid="embed-preview" src=src.clone() title=title></iframe> }
            })}
            <label class="embed-label" for=field.clone()>{t!(i18n, embed_snippet)}</label>
            <textarea id=field.clone() class="embed-code" data-testid="embed-code" readonly rows="4" dir="ltr" prop:value=code.clone()></textarea>
            <p class="embed-actions">
                <button
                    type="button"
                    class="button"
                    data-testid="embed-copy"
                    on:click=move |_| copied.set(Some(copy_text(&code())))
                >
                    {t!(i18n, embed_copy)}
                </button>
                <button type="button" class="button secondary" data-testid="embed-close" on:click=close>{t!(i18n, embed_close)}</button>
            </p>
            <p role="status" aria-live="polite">
                {move || copied.get().map(|ok| if ok { t_string!(i18n, embed_copied) } else { t_string!(i18n, embed_copy_failed) })}
            </p>
        </dialog>
    }
}
