//! The applicant's side of the review (docs/staff.md, "Changes requested",
//! "The applicant's e-mails"): requests for corrections and their
//! single-use links, the corrected answers, the applicant's address and
//! language, and a decision's shared reason.

use super::staff::{NewAudit, add_audit};
use super::{Store, StoreError, named};
use cluster_core::api::Changes;
use cluster_core::application::Status;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// A pending request for corrections.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    /// Field paths, in the form's order.
    pub fields: Vec<String>,
    pub message: String,
    /// The stage the correction returns the application to.
    pub back_to: Status,
    pub asked_at: String,
    /// Seconds since 1970.
    pub expires: u64,
}

/// The person who applied: the first founder.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicant {
    pub email: String,
    pub name: String,
    pub startup: String,
    /// The language the application was sent in (none: sent before it was recorded).
    pub lang: Option<String>,
}

impl ChangeRow {
    /// As the API gives it.
    pub fn api(&self) -> Changes {
        let expires_at = crate::applications::rfc3339(self.expires);
        Changes { fields: self.fields.clone(), message: self.message.clone(), asked_at: self.asked_at.clone(), expires_at }
    }
}

const CHANGE_COLUMNS: &str = "fields, message, back_to, asked_at, expires";

/// A [`ChangeRow`] from [`CHANGE_COLUMNS`] starting at column `first`.
fn change_row(r: &rusqlite::Row, first: usize) -> rusqlite::Result<ChangeRow> {
    let fields: String = r.get(first)?;
    Ok(ChangeRow {
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        message: r.get(first + 1)?,
        back_to: named(r, first + 2, Status::parse)?,
        asked_at: r.get(first + 3)?,
        expires: r.get::<_, i64>(first + 4)?.max(0) as u64,
    })
}

/// The pending request on `reference` that `digest` opens at `now`: the application's id, the request, the answers as sent.
fn opened(conn: &Connection, reference: &str, digest: &[u8], now: u64) -> rusqlite::Result<Option<(i64, ChangeRow, String)>> {
    conn.query_row(
        &format!(
            "SELECT a.id, a.body, {CHANGE_COLUMNS} FROM change_requests c JOIN applications a ON a.id = c.application_id
             WHERE a.reference = ?1 AND c.digest = ?2 AND c.expires > ?3 AND a.status = 'changes_requested'"
        ),
        params![reference, digest, now as i64],
        |r| Ok((r.get(0)?, change_row(r, 2)?, r.get(1)?)),
    )
    .optional()
}

impl Store {
    /// Whom to write to about `reference` (none for an unknown reference,
    /// or one whose answers hold no address).
    pub fn applicant(&self, reference: &str) -> Result<Option<Applicant>, StoreError> {
        self.with(|conn| {
            let row: Option<(String, Option<String>)> = conn
                .query_row("SELECT body, lang FROM applications WHERE reference = ?1", [reference], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            Ok(row.and_then(|(body, lang)| {
                let v: serde_json::Value = serde_json::from_str(&body).ok()?;
                let text = |p: &str| v.pointer(p).and_then(|x| x.as_str()).unwrap_or_default().to_owned();
                let email = text("/team/0/email");
                (!email.is_empty()).then(|| Applicant { email, name: text("/team/0/full_name"), startup: text("/startup/name"), lang })
            }))
        })
    }

    /// Records the language of the application `reference`'s e-mails.
    pub fn set_lang(&self, reference: &str, lang: &str) -> Result<(), StoreError> {
        self.with(|conn| Ok(conn.execute("UPDATE applications SET lang = ?1 WHERE reference = ?2", params![lang, reference]).map(drop)?))
    }

    /// Keeps `reason` as the decision's reason the applicant sees (none: not shared).
    pub fn share_reason(&self, reference: &str, reason: Option<&str>) -> Result<(), StoreError> {
        self.with(|conn| {
            Ok(conn.execute("UPDATE applications SET shared_reason = ?1 WHERE reference = ?2", params![reason, reference]).map(drop)?)
        })
    }

    /// The decision's reason shared with the applicant, if decided and shared.
    pub fn shared_reason(&self, reference: &str) -> Result<Option<String>, StoreError> {
        self.with(|conn| {
            let r = conn
                .query_row("SELECT shared_reason FROM applications WHERE reference = ?1 AND status = 'decided'", [reference], |r| {
                    r.get::<_, Option<String>>(0)
                })
                .optional()?;
            Ok(r.flatten())
        })
    }

    /// The request waiting for the applicant of `reference`, if any.
    pub fn pending_changes(&self, reference: &str) -> Result<Option<ChangeRow>, StoreError> {
        self.with(|conn| {
            Ok(conn
                .query_row(
                    &format!(
                        "SELECT {CHANGE_COLUMNS} FROM change_requests c JOIN applications a ON a.id = c.application_id
                         WHERE a.reference = ?1 AND a.status = 'changes_requested'"
                    ),
                    [reference],
                    |r| change_row(r, 0),
                )
                .optional()?)
        })
    }

    /// Asks the applicant of `reference` (still at `from`) for corrections:
    /// the request (its link's `digest`) replaces any pending one, the
    /// status becomes `changes_requested`, the history keeps the message
    /// and who asked, the audit trail the entry. False when the
    /// application is not at `from` any more.
    pub fn request_changes(
        &self,
        reference: &str,
        from: Status,
        request: &ChangeRow,
        digest: &[u8],
        by: (i64, &str),
        audit: &NewAudit,
    ) -> Result<bool, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let id: Option<i64> = tx
                .query_row("SELECT id FROM applications WHERE reference = ?1 AND status = ?2", params![reference, from.as_str()], |r| {
                    r.get(0)
                })
                .optional()?;
            let Some(id) = id else { return Ok(false) };
            let fields = serde_json::to_string(&request.fields).unwrap_or_default();
            tx.execute(
                "INSERT OR REPLACE INTO change_requests (application_id, digest, fields, message, back_to, asked_at, expires)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, digest, fields, request.message, request.back_to.as_str(), request.asked_at, request.expires as i64],
            )?;
            tx.execute(
                "UPDATE applications SET status = 'changes_requested', updated_at = ?1 WHERE id = ?2",
                params![request.asked_at, id],
            )?;
            tx.execute(
                "INSERT INTO status_history (application_id, from_status, to_status, note, at, by_account, by_name)
                 VALUES (?1, ?2, 'changes_requested', ?3, ?4, ?5, ?6)",
                params![id, from.as_str(), request.message, request.asked_at, by.0, by.1],
            )?;
            add_audit(&tx, audit)?;
            tx.commit()?;
            Ok(true)
        })
    }

    /// The request and the answers as sent that the link `digest` opens on
    /// `reference` at `now` (seconds since 1970): none when unknown,
    /// expired, replaced or used.
    pub fn correction(&self, reference: &str, digest: &[u8], now: u64) -> Result<Option<(ChangeRow, String)>, StoreError> {
        self.with(|conn| Ok(opened(conn, reference, digest, now)?.map(|(_, row, body)| (row, body))))
    }

    /// Stores the corrected answers `body` through the link `digest` (once:
    /// the request goes), returns the application to the request's stage,
    /// and records the round (by the applicant) in its history and the
    /// audit trail. The stage it is back at; none when the link no longer
    /// opens the request.
    pub fn correct(
        &self,
        reference: &str,
        digest: &[u8],
        now: u64,
        at: &str,
        body: &str,
        audit: &NewAudit,
    ) -> Result<Option<Status>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some((id, row, _)) = opened(&tx, reference, digest, now)? else { return Ok(None) };
            tx.execute("DELETE FROM change_requests WHERE application_id = ?1", [id])?;
            tx.execute(
                "UPDATE applications SET body = ?1, status = ?2, updated_at = ?3 WHERE id = ?4",
                params![body, row.back_to.as_str(), at, id],
            )?;
            tx.execute(
                "INSERT INTO status_history (application_id, from_status, to_status, note, at) VALUES (?1, 'changes_requested', ?2, ?3, ?4)",
                params![id, row.back_to.as_str(), row.fields.join(", "), at],
            )?;
            add_audit(&tx, audit)?;
            tx.commit()?;
            Ok(Some(row.back_to))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster_core::staff::Action;

    fn store_with(reference: &str) -> Store {
        let store = Store::open(std::path::Path::new(":memory:")).unwrap();
        let body = r#"{"team":[{"email":"salma@sunbox.example"}]}"#;
        store.submit("k", "{}", body, None, None, "2026-12-01T00:00:00Z", || reference.to_owned(), |_| (201, "{}".into())).unwrap();
        store.set_lang(reference, "ar").unwrap();
        store
    }

    fn audit(action: Action) -> NewAudit {
        NewAudit { at: "t".into(), account: None, action, reference: None, address: String::new(), detail: String::new() }
    }

    #[test]
    fn a_link_opens_its_request_once_before_it_expires() {
        let r = "GBI-2026-AAAA-AAAA";
        let store = store_with(r);
        let who = store.applicant(r).unwrap().unwrap();
        assert_eq!((who.email.as_str(), who.lang.as_deref()), ("salma@sunbox.example", Some("ar")));
        let ask = ChangeRow {
            fields: vec!["project.problem".into()],
            message: "Précisez".into(),
            back_to: Status::Received,
            asked_at: "2026-12-02T00:00:00Z".into(),
            expires: 1_000,
        };
        assert!(!store.request_changes(r, Status::Jury, &ask, b"d1", (1, "Badia"), &audit(Action::ChangesRequested)).unwrap());
        assert!(store.request_changes(r, Status::Received, &ask, b"d1", (1, "Badia"), &audit(Action::ChangesRequested)).unwrap());
        assert_eq!(store.pending_changes(r).unwrap(), Some(ask.clone()));
        // A second request replaces the first: its link no longer opens anything.
        let again = ChangeRow { message: "Et le site".into(), ..ask.clone() };
        assert!(store.request_changes(r, Status::ChangesRequested, &again, b"d2", (1, "Badia"), &audit(Action::ChangesRequested)).unwrap());
        assert_eq!(store.correction(r, b"d1", 10).unwrap(), None);
        assert_eq!(store.correction(r, b"d2", 10).unwrap().map(|c| c.0.message), Some("Et le site".into()));
        assert_eq!(store.correction(r, b"d2", 1_000).unwrap(), None, "expired");
        assert_eq!(store.correction("GBI-2026-BBBB-BBBB", b"d2", 10).unwrap(), None, "another reference");
        let back = store.correct(r, b"d2", 10, "2026-12-03T00:00:00Z", r#"{"fixed":true}"#, &audit(Action::ChangesReceived)).unwrap();
        assert_eq!(back, Some(Status::Received));
        assert_eq!(store.correct(r, b"d2", 10, "t", "{}", &audit(Action::ChangesReceived)).unwrap(), None, "used");
        let (row, history) = store.get(r).unwrap().unwrap();
        assert_eq!((row.status, row.body.as_str()), (Status::Received, r#"{"fixed":true}"#));
        let steps: Vec<_> = history.iter().map(|h| (h.to, h.by.clone())).collect();
        assert_eq!(
            steps[1..],
            [(Status::ChangesRequested, Some("Badia".into())), (Status::ChangesRequested, Some("Badia".into())), (Status::Received, None)]
        );
        assert_eq!(store.pending_changes(r).unwrap(), None);
    }

    #[test]
    fn a_shared_reason_shows_once_decided() {
        let r = "GBI-2026-CCCC-CCCC";
        let store = store_with(r);
        store.share_reason(r, Some("Projet solide")).unwrap();
        assert_eq!(store.shared_reason(r).unwrap(), None, "not decided yet");
        store.move_status(r, Status::Received, Status::Decided, None, "x", "t", None).unwrap();
        assert_eq!(store.shared_reason(r).unwrap(), Some("Projet solide".into()));
    }
}
