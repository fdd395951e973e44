//! Who on the incubator's team may do what (docs/staff.md): the roles of
//! staff accounts, what each permits, the actions the audit trail records,
//! and the contact fields a juror does not see. The server enforces these;
//! the review screens read the same table to show only what is allowed.

use crate::named::named_enum;

named_enum! {
    /// A staff account's role.
    Role {
        /// Manages accounts and assignments, erases applicant data, reads the audit trail.
        Admin = "admin",
        /// Reads, notes, scores and moves applications; assigns themselves.
        Reviewer = "reviewer",
        /// Sees only the applications assigned to them, without contact data; scores them.
        Juror = "juror",
    }
}

/// Something a role may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Read every application (else only those assigned to oneself).
    ReadAll,
    /// See applicants' e-mail addresses and phone numbers.
    ContactData,
    /// Move an application between stages.
    Move,
    /// Export applications (the CSV list, an applicant's data).
    Export,
    /// Erase an applicant's data.
    Erase,
    /// Invite, change and disable accounts.
    ManageAccounts,
    /// Assign anyone to any application.
    AssignAnyone,
    /// Assign oneself to an application one may read.
    AssignSelf,
    /// Read and export the audit trail.
    ReadAudit,
}

impl Role {
    /// Whether this role may do `p`.
    pub fn may(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Reviewer => matches!(p, ReadAll | ContactData | Move | Export | AssignSelf),
            Role::Juror => false,
        }
    }
}

named_enum! {
    /// What the audit trail records.
    Action {
        /// A person signed in (with a link or a passkey).
        SignIn = "sign_in",
        /// A sign-in link or session was refused (unknown, used, expired, disabled).
        SignInFailed = "sign_in_failed",
        /// A sign-in link was asked for an account (sent by e-mail).
        SignInLinkSent = "sign_in_link_sent",
        SignOut = "sign_out",
        /// One of one's own sessions was ended from another.
        SessionRevoked = "session_revoked",
        /// An application's personal data was read.
        ApplicationRead = "application_read",
        /// An application's pitch deck was downloaded.
        DeckRead = "deck_read",
        /// An application moved between stages.
        StageMoved = "stage_moved",
        /// A reviewer submitted (or replaced) their score sheet.
        Scored = "scored",
        /// A private note was added to an application.
        NoteAdded = "note_added",
        /// A person declared a conflict of interest on an application (and
        /// can no longer read it).
        ConflictDeclared = "conflict_declared",
        /// The team asked the applicant to correct named answers (a link sent by e-mail).
        ChangesRequested = "changes_requested",
        /// The applicant sent the corrections asked for.
        ChangesReceived = "changes_received",
        /// A list of applications was exported as CSV.
        ListExported = "list_exported",
        /// The score sheets of a list of applications were exported as CSV.
        ScoresExported = "scores_exported",
        /// An applicant's data was exported (access request).
        ApplicantExported = "applicant_exported",
        /// An applicant's data was erased.
        ApplicationErased = "application_erased",
        /// Someone was assigned to an application, or unassigned.
        Assigned = "assigned",
        Unassigned = "unassigned",
        AccountCreated = "account_created",
        /// An account's role changed.
        RoleChanged = "role_changed",
        AccountDisabled = "account_disabled",
        AccountEnabled = "account_enabled",
        TokenCreated = "token_created",
        TokenRevoked = "token_revoked",
        /// A passkey was registered, or removed.
        PasskeyAdded = "passkey_added",
        PasskeyRemoved = "passkey_removed",
        /// The audit trail itself was exported.
        AuditExported = "audit_exported",
        /// A state-changing request came from another origin and was refused.
        OriginRefused = "origin_refused",
    }
}

/// The fields of an application a juror does not see: the founders'
/// e-mail addresses and phone numbers (the rubric needs neither).
pub const CONTACT_FIELDS: [&str; 2] = ["email", "phone"];

/// `application` (the stored JSON) without [`CONTACT_FIELDS`] in its team.
pub fn without_contact(mut application: serde_json::Value) -> serde_json::Value {
    if let Some(team) = application.get_mut("team").and_then(|t| t.as_array_mut()) {
        for member in team.iter_mut().filter_map(|m| m.as_object_mut()) {
            for field in CONTACT_FIELDS {
                member.remove(field);
            }
        }
    }
    application
}

/// The server's own sign-in pages: never a place to return to after signing in.
const SIGN_IN_PAGES: [&str; 4] = ["/staff/sign-in", "/staff/link/", "/staff/sign-out", "/staff/passkey.js"];

/// Where a sign-in may send its person back to: `next` when it is a
/// workspace address on this site (`/staff`, `/staff/…` or `/staff?…`, in
/// visible ASCII, at most 512 bytes, not a sign-in page), else `None`, so
/// that a crafted link never leads off the site (`//evil.example`,
/// `/staff\..`) or into a loop.
pub fn return_to(next: &str) -> Option<&str> {
    let rest = next.strip_prefix("/staff")?;
    let visible = next.len() <= 512 && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let under = rest.is_empty() || rest.starts_with('/') || rest.starts_with('?');
    (visible && under && !SIGN_IN_PAGES.iter().any(|p| next.starts_with(p))).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_what_docs_staff_md_says() {
        use Permission::*;
        let all = [ReadAll, ContactData, Move, Export, Erase, ManageAccounts, AssignAnyone, AssignSelf, ReadAudit];
        assert!(all.iter().all(|p| Role::Admin.may(*p)));
        let reviewer: Vec<_> = all.iter().filter(|p| Role::Reviewer.may(**p)).collect();
        assert_eq!(reviewer, [&ReadAll, &ContactData, &Move, &Export, &AssignSelf]);
        assert!(all.iter().all(|p| !Role::Juror.may(*p)));
        assert_eq!(Role::parse("juror"), Some(Role::Juror));
        assert_eq!(Role::parse("Admin"), None);
    }

    #[test]
    fn a_juror_copy_has_no_contact_fields() {
        let app = serde_json::json!({
            "startup": { "name": "SunBox", "website": "https://sunbox.example" },
            "team": [{ "full_name": "Salma", "email": "s@x.example", "phone": "0612345678", "role": "CEO" }, "odd"]
        });
        let copy = without_contact(app);
        assert_eq!(copy["team"][0], serde_json::json!({ "full_name": "Salma", "role": "CEO" }));
        assert_eq!(copy["startup"]["website"], "https://sunbox.example");
        assert_eq!(copy["team"][1], "odd");
        assert_eq!(without_contact(serde_json::json!(null)), serde_json::json!(null));
    }

    #[test]
    fn a_sign_in_returns_only_to_the_workspace() {
        for ok in [
            "/staff",
            "/staff?lang=ar",
            "/staff/applications/CE-2024-0001?lang=fr",
            "/staff/audit?action=scored&person=3",
            "/staff/signed-in?lang=en",
        ] {
            assert_eq!(return_to(ok), Some(ok));
        }
        let long = format!("/staff?q={}", "a".repeat(600));
        for bad in [
            "",
            "/",
            "staff",
            "/staffing",
            "//evil.example/staff",
            "https://evil.example/staff",
            "/staff\\..\\x",
            "/staff/a b",
            "/staff/\u{e9}",
            "/staff/sign-in?lang=fr",
            "/staff/link/abc",
            "/staff/sign-out",
            "/apply",
            long.as_str(),
        ] {
            assert_eq!(return_to(bad), None, "{bad}");
        }
    }
}
