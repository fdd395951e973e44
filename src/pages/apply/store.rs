//! The draft in the browser (`localStorage`): saved on every change,
//! restored on the next visit, and shared between tabs (the later save wins
//! and the other tab is told). Once the application is acknowledged the
//! draft is gone, and only its reference is kept, for this tab's life
//! (`sessionStorage`), so that a reload or Back shows the confirmation.
//! Storage may be missing or full: the form then works without it.

use cluster_core::form::Saved;

const KEY: &str = "cluster-enr.apply.draft";
const SENT_KEY: &str = "cluster-enr.apply.sent";

fn storage() -> Option<web_sys::Storage> {
    crate::browser::window_opt()?.local_storage().ok().flatten()
}

fn tab_storage() -> Option<web_sys::Storage> {
    crate::browser::window_opt()?.session_storage().ok().flatten()
}

/// The reference of the application this tab sent, if any: the only thing
/// kept once it is acknowledged (no answer, no personal data).
pub fn sent() -> Option<String> {
    tab_storage()?.get_item(SENT_KEY).ok()?.and_then(|r| cluster_core::application::clean_reference(&r))
}

/// Keeps the reference of the application just acknowledged.
pub fn remember_sent(reference: &str) {
    if let Some(s) = tab_storage() {
        let _ = s.set_item(SENT_KEY, reference);
    }
}

/// Forgets the sent reference (a new application is started).
pub fn forget_sent() {
    if let Some(s) = tab_storage() {
        let _ = s.remove_item(SENT_KEY);
    }
}

/// The saved form, if any is readable.
pub fn load() -> Option<Saved> {
    Saved::from_json(&storage()?.get_item(KEY).ok()??).ok()
}

/// Saves the form; false when the browser refused.
pub fn save(saved: &Saved) -> bool {
    storage().is_some_and(|s| s.set_item(KEY, &saved.to_json()).is_ok())
}

/// Forgets the draft (after an acknowledged submission, or "start again").
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// Whether a `storage` event is about the draft.
pub fn is_draft_key(key: Option<String>) -> bool {
    key.as_deref() == Some(KEY)
}

/// A random id (an `Idempotency-Key`, a tab's id): 128 bits from the
/// browser's crypto, as hex.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let ok =
        crate::browser::window_opt().and_then(|w| w.crypto().ok()).is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !ok {
        // No crypto: still unique enough per browser to tell tabs and tries apart.
        let t = js_sys::Date::now() as u64;
        let r = (js_sys::Math::random() * 1e15) as u64;
        bytes[..8].copy_from_slice(&t.to_le_bytes());
        bytes[8..].copy_from_slice(&r.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
