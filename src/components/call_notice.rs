//! The incubator's call as one sentence, shown on `/incubator` and on the
//! application form.

use crate::browser::today;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::application::{CallStatus, INCUBATOR, call_status};
use cluster_core::format;
use cluster_core::model::Dataset;

/// Whether the incubator's call is open today, and that said plainly: until
/// when, or that it is closed and when the next is expected.
pub fn call_notice(i18n: leptos_i18n::I18nContext<Locale>, d: &Dataset) -> (bool, String) {
    let lang = lang_of(i18n.get_locale());
    let l = i18n.get_locale();
    match call_status(d, INCUBATOR, today()) {
        CallStatus::Open(c) => {
            let text = match &c.closes {
                Some(date) => td_string!(l, f_call_open, date = format::date(date, lang), places = c.places).to_string(),
                None => td_string!(l, f_call_rolling, places = c.places).to_string(),
            };
            let text = crate::plural(text, lang, c.places.into());
            let note = if c.illustrative { format!(" {}", t_string!(i18n, f_call_illustrative)) } else { String::new() };
            (true, format!("{text}{note}"))
        }
        CallStatus::Closed { upcoming, last } => {
            let when = upcoming.map(|c| format::date(&c.opens, lang)).or_else(|| {
                let c = last?;
                c.next_expected
                    .as_ref()
                    .map(|t| t.in_lang(lang).to_owned())
                    .or_else(|| c.next_month.as_deref().map(|m| format::month(m, lang)))
            });
            let closed = t_string!(i18n, incubator_call_closed).to_owned();
            (false, when.map_or(closed.clone(), |w| format!("{closed} {}", td_string!(l, f_next_call, when = w))))
        }
    }
}
