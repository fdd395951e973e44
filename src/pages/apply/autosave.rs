//! Every change of the draft is saved in the browser, after a short pause in
//! typing (so saving never competes with a key press); another tab's save
//! replaces this one's; leaving the page within the pause still saves.

use super::fields::Form;
use super::store;
use super::submit::Sending;
use cluster_core::form::Saved;
use leptos::prelude::*;
use std::time::Duration;

/// What the saving reads and reports.
#[derive(Clone, Copy)]
pub struct Autosave {
    pub form: Form,
    pub sending: RwSignal<Option<Sending>>,
    /// The reference once the application is acknowledged: nothing is saved then.
    pub done: RwSignal<Option<String>>,
    /// The draft's key, tab and dates, saved with it.
    pub meta: StoredValue<Saved>,
    /// Whether the last change is saved (the draft line).
    pub saved: RwSignal<bool>,
    /// Set when another tab's draft replaced this one's.
    pub other_tab: RwSignal<bool>,
}

impl Autosave {
    /// Starts saving for the life of the page. Returns the function that
    /// drops the save waiting for its pause (true if there was one).
    pub fn start(self) -> impl Fn() -> bool + Copy + 'static {
        let save_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        let save_now = move || {
            save_timer.try_set_value(None);
            // Once acknowledged, the answers are never written again (personal data).
            if self.done.try_with_untracked(Option::is_some).unwrap_or(true) {
                return;
            }
            let Some(d) = self.form.draft.try_get_untracked() else { return };
            self.meta.try_update_value(|m| {
                m.saved_at = js_sys::Date::now() as u64;
                // Only a send that may have reached the server resumes after a reload.
                m.sending = self.sending.try_with_untracked(|s| s.as_ref().is_some_and(Sending::freezes)).unwrap_or(false);
            });
            if let Some(saved) = self.meta.try_with_value(|m| Saved { draft: d, ..m.clone() }) {
                self.saved.try_set(store::save(&saved));
            }
        };
        // Drops the save waiting for the pause; true if there was one.
        let cancel_save = move || save_timer.try_update_value(Option::take).flatten().map(|h| h.clear()).is_some();
        // Set while this tab takes another tab's saved draft: already saved, so
        // not saved back (the two tabs would otherwise echo each other's saves).
        let adopted = StoredValue::new(false);
        Effect::new(move |first: Option<()>| {
            self.form.draft.track();
            self.sending.track();
            let taken = adopted.try_update_value(std::mem::take).unwrap_or(false);
            if first.is_some() && !taken && self.done.get_untracked().is_none() {
                self.saved.set(false);
                cancel_save();
                save_timer.try_set_value(set_timeout_with_handle(save_now, Duration::from_millis(300)).ok());
            }
        });
        let on_storage = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            if !store::is_draft_key(ev.key()) || self.done.get_untracked().is_some() {
                return;
            }
            if let Some(s) = ev.new_value().and_then(|v| Saved::from_json(&v).ok()) {
                self.meta.update_value(|m| m.key = s.key.clone());
                // The later save wins: this tab's pending one is dropped.
                cancel_save();
                adopted.set_value(true);
                self.form.draft.set(s.draft);
                self.other_tab.set(true);
                self.form.redraw();
            }
        });
        // Leaving the page (reload, another route) within the pause still saves the last change.
        let flush = move || {
            if cancel_save() {
                save_now();
            }
        };
        let on_leave = window_event_listener(leptos::ev::pagehide, move |_| flush());
        on_cleanup(move || {
            flush();
            on_storage.remove();
            on_leave.remove();
        });
        cancel_save
    }
}
