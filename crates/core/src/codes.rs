//! Every error code the API and the application form can give. Each has a
//! message `err_<code>` in every locale file (the server's tests check them
//! all from [`Code::ALL`], so a new code cannot go without its words), and
//! the same code means the same thing on both sides.

use crate::named::named_enum;

named_enum! {
    /// An error code, written in JSON as its snake-case string.
    Code {
        JsonMalformed = "json_malformed",
        ContentType = "content_type",
        IdempotencyKeyMissing = "idempotency_key_missing",
        IdempotencyMismatch = "idempotency_mismatch",
        BodyTooLarge = "body_too_large",
        BodyUnreadable = "body_unreadable",
        NotFound = "not_found",
        EndpointUnknown = "endpoint_unknown",
        MethodNotAllowed = "method_not_allowed",
        Timeout = "timeout",
        ParameterInvalid = "parameter_invalid",
        ReferenceUnknown = "reference_unknown",
        RateLimited = "rate_limited",
        RandomUnavailable = "random_unavailable",
        Internal = "internal",
        Unauthorized = "unauthorized",
        UnknownField = "unknown_field",
        TypeInvalid = "type_invalid",
        NotEligible = "not_eligible",
        Required = "required",
        Length = "length",
        ForbiddenCharacters = "forbidden_characters",
        MarkupForbidden = "markup_forbidden",
        DateInvalid = "date_invalid",
        DateFuture = "date_future",
        TooOld = "too_old",
        IceInvalid = "ice_invalid",
        RefUnknown = "ref_unknown",
        CityNotInRegion = "city_not_in_region",
        UrlScheme = "url_scheme",
        UrlInvalid = "url_invalid",
        EmailInvalid = "email_invalid",
        PhoneInvalid = "phone_invalid",
        ChoiceInvalid = "choice_invalid",
        Range = "range",
        Count = "count",
        MustAccept = "must_accept",
        UploadUnknown = "upload_unknown",
        CallClosed = "call_closed",
        PdfInvalid = "pdf_invalid",
        UploadsFull = "uploads_full",
        UploadsAddressFull = "uploads_address_full",
        StatusFirst = "status_first",
        StatusFinal = "status_final",
        /// Waiting for the applicant's corrections: only a withdrawal moves it.
        ChangesPending = "changes_pending",
        /// A correction link that is unknown, used, expired or replaced.
        EditLinkInvalid = "edit_link_invalid",
        OutcomeRequired = "outcome_required",
        NoteRequired = "note_required",
        StatusConflict = "status_conflict",
        Forbidden = "forbidden",
        OriginRefused = "origin_refused",
        AccountExists = "account_exists",
        LastAdmin = "last_admin",
        SignInLinkInvalid = "sign_in_link_invalid",
        PasskeyInvalid = "passkey_invalid",
        PasskeyExists = "passkey_exists",
        PasskeysUnavailable = "passkeys_unavailable",
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_distinct_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(c.as_str().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{c}");
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
    }
}
