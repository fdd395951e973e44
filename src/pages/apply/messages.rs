//! A field error in the visitor's language: the same words the server uses
//! (both read the `err_<code>` messages of the locale files).

use crate::i18n::*;
use cluster_core::application::FieldError;
use cluster_core::codes::Code;
use leptos_i18n::I18nContext;

/// The sentence for a refused field.
pub fn field_message(i18n: I18nContext<Locale>, e: &FieldError) -> String {
    let (min, max) = (e.min.unwrap_or(0), e.max.unwrap_or(0));
    let l = i18n.get_locale();
    match e.code {
        Code::Required => t_string!(i18n, err_required).to_owned(),
        Code::Length => td_string!(l, err_length, min = min, max = max).to_string(),
        Code::Range => td_string!(l, err_range, min = min, max = max).to_string(),
        Code::Count => td_string!(l, err_count, min = min, max = max).to_string(),
        Code::NotEligible => t_string!(i18n, err_not_eligible).to_owned(),
        Code::ForbiddenCharacters => t_string!(i18n, err_forbidden_characters).to_owned(),
        Code::MarkupForbidden => t_string!(i18n, err_markup_forbidden).to_owned(),
        Code::DateInvalid => t_string!(i18n, err_date_invalid).to_owned(),
        Code::DateFuture => t_string!(i18n, err_date_future).to_owned(),
        Code::TooOld => t_string!(i18n, err_too_old).to_owned(),
        Code::IceInvalid => t_string!(i18n, err_ice_invalid).to_owned(),
        Code::RefUnknown => t_string!(i18n, err_ref_unknown).to_owned(),
        Code::CityNotInRegion => t_string!(i18n, err_city_not_in_region).to_owned(),
        Code::UrlScheme => t_string!(i18n, err_url_scheme).to_owned(),
        Code::UrlInvalid => t_string!(i18n, err_url_invalid).to_owned(),
        Code::EmailInvalid => t_string!(i18n, err_email_invalid).to_owned(),
        Code::PhoneInvalid => t_string!(i18n, err_phone_invalid).to_owned(),
        Code::ChoiceInvalid => t_string!(i18n, err_choice_invalid).to_owned(),
        Code::MustAccept => t_string!(i18n, err_must_accept).to_owned(),
        Code::UploadUnknown => t_string!(i18n, err_upload_unknown).to_owned(),
        Code::UnknownField => t_string!(i18n, err_unknown_field).to_owned(),
        _ => t_string!(i18n, err_type_invalid).to_owned(),
    }
}

/// The HTML id of a field's control, from its path (`team[0].email` → `f-team-0-email`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_owned()
}
