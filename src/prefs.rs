//! The browser edge for visitor preferences: the saved language and theme in
//! `localStorage`, and the browser's preferred languages. Storage may be absent
//! or refuse writes (private modes); every call then quietly does nothing.

const LANG_KEY: &str = "cluster-enr.lang";
const THEME_KEY: &str = "cluster-enr.theme";

fn storage() -> Option<web_sys::Storage> {
    crate::browser::window_opt()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn write(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The language the visitor chose earlier, if any (unchecked code).
pub fn saved_lang() -> Option<String> {
    read(LANG_KEY)
}

/// Remembers the visitor's language choice.
pub fn save_lang(code: &str) {
    write(LANG_KEY, code);
}

/// The browser's languages in order of preference (`navigator.languages`).
pub fn browser_langs() -> Vec<String> {
    let Some(w) = crate::browser::window_opt() else {
        return Vec::new();
    };
    let list = w.navigator().languages();
    let mut out: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
    if out.is_empty() {
        out.extend(w.navigator().language());
    }
    out
}

/// A theme the visitor can choose; without a choice the system's applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The theme in force now: the saved choice, else the system's preference.
pub fn current_theme() -> Theme {
    match read(THEME_KEY).as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ if system_prefers_dark() => Theme::Dark,
        _ => Theme::Light,
    }
}

fn system_prefers_dark() -> bool {
    crate::browser::window_opt().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Saves the choice and applies it to `<html data-theme>`, which the
/// stylesheet reads (public/theme.js applies the saved one before first paint).
pub fn choose_theme(theme: Theme) {
    write(THEME_KEY, theme.code());
    if let Some(root) = crate::browser::window_opt().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme.code());
    }
}
