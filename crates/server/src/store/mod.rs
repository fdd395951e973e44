//! Applications in SQLite: one file, created and migrated on start, WAL with
//! `synchronous=FULL` (an acknowledged application survives a crash), every
//! write in a `BEGIN IMMEDIATE` transaction with a busy timeout. Idempotency
//! keys are stored with the response they produced, in the same transaction
//! as the application.

use cluster_core::application::{Outcome, Status};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;
use std::sync::Mutex;

mod changes;
mod review;
mod staff;
pub use changes::{Applicant, ChangeRow};
pub use staff::{AuditFilter, NewAudit, PasskeyRow, SessionRow};

/// Versioned migrations; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE applications (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        outcome TEXT,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE status_history (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    );
    CREATE INDEX status_history_app ON status_history(application_id);
",
    "
    CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
    );
",
    // An upload belongs to the application that references it: erasing or
    // purging the application deletes its pitch deck (law 09-08); unclaimed
    // uploads are deleted after a day.
    "
    ALTER TABLE uploads ADD COLUMN application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE;
    CREATE INDEX uploads_unclaimed ON uploads(created_at) WHERE application_id IS NULL;
",
    // The client address of an upload no application has claimed yet, for
    // the per-address cap; cleared when an application claims it.
    "
    ALTER TABLE uploads ADD COLUMN owner TEXT;
",
    // Staff accounts (docs/staff.md): people, their sign-in links, sessions
    // and API tokens (secrets stored only as SHA-256 digests), who is
    // assigned to what, who moved an application, and an append-only audit
    // trail (no endpoint changes it; the triggers refuse it in SQL too).
    "
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT
    );
    CREATE TABLE sign_in_links (
        digest BLOB PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        expires INTEGER NOT NULL,
        used INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE sessions (
        digest BLOB PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        method TEXT NOT NULL,
        created INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        address TEXT NOT NULL,
        user_agent TEXT NOT NULL
    );
    CREATE INDEX sessions_account ON sessions(account_id);
    CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        digest BLOB NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
    );
    CREATE TABLE assignments (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        PRIMARY KEY (application_id, account_id)
    );
    ALTER TABLE status_history ADD COLUMN by_account INTEGER;
    ALTER TABLE status_history ADD COLUMN by_name TEXT;
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        account_id INTEGER,
        account_name TEXT NOT NULL,
        action TEXT NOT NULL,
        reference TEXT,
        address TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_account ON audit(account_id);
    CREATE INDEX audit_reference ON audit(reference);
    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
",
    // Passkeys (WebAuthn): each account's user handle (random, given to its
    // authenticators), and its credentials' public keys and counters.
    "
    ALTER TABLE accounts ADD COLUMN user_handle BLOB;
    CREATE UNIQUE INDEX accounts_user_handle ON accounts(user_handle);
    CREATE TABLE passkeys (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        credential_id BLOB NOT NULL UNIQUE,
        passkey TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT
    );
    CREATE INDEX passkeys_account ON passkeys(account_id);
",
    // Review (docs/staff.md): the call an application came in under, each
    // call's rubric, each reviewer's sheet (a score and a comment per
    // criterion), private notes and declared conflicts of interest, all
    // erased with the application.
    "
    ALTER TABLE applications ADD COLUMN call_id TEXT;
    CREATE TABLE rubric_criteria (
        call_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        criterion TEXT NOT NULL,
        weight INTEGER NOT NULL CHECK (weight >= 1),
        label TEXT NOT NULL,
        PRIMARY KEY (call_id, criterion)
    );
    CREATE TABLE scores (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        account_name TEXT NOT NULL,
        criterion TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        PRIMARY KEY (application_id, account_id, criterion)
    );
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        account_id INTEGER,
        account_name TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX notes_application ON notes(application_id);
    CREATE TABLE conflicts (
        application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (application_id, account_id)
    );
",
    // The applicant's side of the review (docs/staff.md): the language their
    // e-mails are written in, a decision's reason when the team shares it,
    // and requests for corrections (the link's secret only as a SHA-256
    // digest; a new request replaces the pending one).
    "
    ALTER TABLE applications ADD COLUMN lang TEXT;
    ALTER TABLE applications ADD COLUMN shared_reason TEXT;
    CREATE TABLE change_requests (
        application_id INTEGER PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        digest BLOB NOT NULL UNIQUE,
        fields TEXT NOT NULL,
        message TEXT NOT NULL,
        back_to TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        expires INTEGER NOT NULL
    );
",
];

/// A storage failure (never shown to clients as such).
#[derive(Debug)]
pub struct StoreError(pub String);

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(e.to_string())
    }
}

/// What a submission did.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    /// A new application was stored; the response to send.
    Created { status: u16, response: String },
    /// The key was seen with an equal body: the first response again.
    Replayed { status: u16, response: String },
    /// The key was seen with another body.
    KeyReused,
    /// The pitch deck is not an upload waiting for an application (unknown,
    /// deleted after a day, or already another application's).
    DeckUnavailable,
}

/// What storing an upload did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PutUpload {
    Stored,
    /// Unclaimed uploads already fill their allowance.
    Full,
    /// The uploader's unclaimed uploads already fill theirs.
    OwnerFull,
}

/// How many bytes unclaimed uploads may hold: all together, and those of one owner.
#[derive(Debug, Clone, Copy)]
pub struct UnclaimedCaps {
    pub total: u64,
    pub per_owner: u64,
}

/// The applicant's view of an application.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusView {
    pub reference: String,
    pub status: Status,
    pub outcome: Option<Outcome>,
    pub created_at: String,
    pub updated_at: String,
    /// `(status, at)` in order.
    pub history: Vec<(Status, String)>,
    /// The decision's reason, when decided and shared.
    pub reason: Option<String>,
}

/// An application as staff see it.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffRow {
    pub reference: String,
    pub status: Status,
    pub outcome: Option<Outcome>,
    /// The stored application (JSON).
    pub body: String,
    pub created_at: String,
    pub updated_at: String,
    /// The call it came in under.
    pub call: Option<String>,
}

/// One move in the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub from: Option<Status>,
    pub to: Status,
    pub note: String,
    pub at: String,
    /// Who moved it (their name then); none for the submission itself.
    pub by: Option<String>,
}

/// The columns of a [`StaffRow`], in the order [`staff_row`] reads them.
const STAFF_COLUMNS: &str = "reference, status, outcome, body, created_at, updated_at, call_id";

/// A name stored in column `i`, read with `parse` (a name it does not know
/// is an error, never a guess).
fn named<T>(r: &rusqlite::Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    parse(&s).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("unknown name {s:?}").into()))
}

/// The same for a column that may be NULL.
fn named_opt<T>(r: &rusqlite::Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => named(r, i, parse).map(Some),
    }
}

/// The row id of the application `reference`, if there is one.
fn application_id(conn: &Connection, reference: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT id FROM applications WHERE reference = ?1", [reference], |r| r.get::<_, i64>(0)).optional()
}

/// A [`StaffRow`] from [`STAFF_COLUMNS`] starting at column `first`.
fn staff_row(r: &rusqlite::Row, first: usize) -> rusqlite::Result<StaffRow> {
    Ok(StaffRow {
        reference: r.get(first)?,
        status: named(r, first + 1, Status::parse)?,
        outcome: named_opt(r, first + 2, Outcome::parse)?,
        body: r.get(first + 3)?,
        created_at: r.get(first + 4)?,
        updated_at: r.get(first + 5)?,
        call: r.get(first + 6)?,
    })
}

/// Deletes the uploads no application claimed, created before `cutoff`; how many.
fn delete_unclaimed_before(conn: &Connection, cutoff: &str) -> Result<usize, StoreError> {
    Ok(conn.execute("DELETE FROM uploads WHERE application_id IS NULL AND created_at < ?1", [cutoff])?)
}

/// What `key` already did (see [`Store::replay`]).
fn seen(conn: &Connection, key: &str, canonical: &str) -> Result<Option<Submitted>, StoreError> {
    let row: Option<(String, u16, String)> = conn
        .query_row("SELECT body, status, response FROM idempotency_keys WHERE key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.map(|(body, status, response)| if body == canonical { Submitted::Replayed { status, response } } else { Submitted::KeyReused }))
}

/// The application store.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database file.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Erasing an application takes its keys and history with it.
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn: Mutex::new(conn) };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let conn = self.conn.get_mut().map_err(|_| StoreError("store lock poisoned".into()))?;
        let done: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut conn = self.conn.lock().map_err(|_| StoreError("store lock poisoned".into()))?;
        f(&mut conn)
    }

    /// Stores a new application under `key`, unless the key was seen: then
    /// replays the first response (equal `canonical` body) or refuses.
    /// The pitch deck `deck`, if any, becomes the application's, in the same
    /// transaction. `make_reference` is called until it gives an unused
    /// reference; `respond` builds the response from the reference.
    #[allow(clippy::too_many_arguments)]
    pub fn submit(
        &self,
        key: &str,
        canonical: &str,
        stored_body: &str,
        call: Option<&str>,
        deck: Option<&str>,
        now: &str,
        mut make_reference: impl FnMut() -> String,
        respond: impl Fn(&str) -> (u16, String),
    ) -> Result<Submitted, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(seen) = seen(&tx, key, canonical)? {
                return Ok(seen);
            }
            let mut reference = make_reference();
            while tx.query_row("SELECT 1 FROM applications WHERE reference = ?1", [&reference], |_| Ok(())).optional()?.is_some() {
                reference = make_reference();
            }
            tx.execute(
                "INSERT INTO applications (reference, status, body, call_id, created_at, updated_at) VALUES (?1, 'received', ?2, ?3, ?4, ?4)",
                params![reference, stored_body, call, now],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(deck) = deck
                && tx.execute(
                    "UPDATE uploads SET application_id = ?1, owner = NULL WHERE id = ?2 AND application_id IS NULL",
                    params![id, deck],
                )? == 0
            {
                // Dropping the transaction rolls the application back.
                return Ok(Submitted::DeckUnavailable);
            }
            tx.execute(
                "INSERT INTO status_history (application_id, from_status, to_status, at) VALUES (?1, NULL, 'received', ?2)",
                params![id, now],
            )?;
            let (status, response) = respond(&reference);
            tx.execute(
                "INSERT INTO idempotency_keys (key, body, status, response, application_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![key, canonical, status, response, id, now],
            )?;
            tx.commit()?;
            Ok(Submitted::Created { status, response })
        })
    }

    /// What a key already did: the first response again (equal `canonical`
    /// body), a refusal (another body), or nothing yet. Asked before any
    /// rule, so that a retry gets the first answer whatever changed since.
    pub fn replay(&self, key: &str, canonical: &str) -> Result<Option<Submitted>, StoreError> {
        self.with(|conn| seen(conn, key, canonical))
    }

    /// The applicant's view, if the reference exists: stages and dates only.
    pub fn status(&self, reference: &str) -> Result<Option<StatusView>, StoreError> {
        let reason = self.shared_reason(reference)?;
        Ok(self.get(reference)?.map(|(row, history)| StatusView {
            reason,
            reference: row.reference,
            status: row.status,
            outcome: row.outcome,
            created_at: row.created_at,
            updated_at: row.updated_at,
            history: history.into_iter().map(|h| (h.to, h.at)).collect(),
        }))
    }

    /// Number of stored applications.
    pub fn count(&self) -> Result<u64, StoreError> {
        self.with(|conn| Ok(conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?))
    }

    /// Stores a file uploaded by `owner` (a client address) under `id`,
    /// after deleting unclaimed uploads created before `unclaimed_cutoff`;
    /// refuses when the unclaimed ones, or `owner`'s, would then hold more
    /// than `caps` allows.
    pub fn put_upload(
        &self,
        id: &str,
        data: &[u8],
        now: &str,
        unclaimed_cutoff: &str,
        owner: &str,
        caps: UnclaimedCaps,
    ) -> Result<PutUpload, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            delete_unclaimed_before(&tx, unclaimed_cutoff)?;
            let held = |owner: Option<&str>| -> rusqlite::Result<u64> {
                let sql = "SELECT coalesce(sum(size), 0) FROM uploads WHERE application_id IS NULL AND (?1 IS NULL OR owner = ?1)";
                tx.query_row(sql, params![owner], |r| r.get::<_, i64>(0)).map(|n| n.max(0) as u64)
            };
            let size = data.len() as u64;
            let verdict = if held(Some(owner))? + size > caps.per_owner {
                Some(PutUpload::OwnerFull)
            } else if held(None)? + size > caps.total {
                Some(PutUpload::Full)
            } else {
                None
            };
            if let Some(v) = verdict {
                tx.commit()?;
                return Ok(v);
            }
            tx.execute(
                "INSERT INTO uploads (id, size, data, created_at, owner) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, data.len() as i64, data, now, owner],
            )?;
            tx.commit()?;
            Ok(PutUpload::Stored)
        })
    }

    /// Deletes uploads no application claimed, created before `cutoff`;
    /// returns how many.
    pub fn purge_unclaimed_uploads_before(&self, cutoff: &str) -> Result<usize, StoreError> {
        self.with(|conn| delete_unclaimed_before(conn, cutoff))
    }

    /// The uploads: `(id, claimed by an application)`, for tests and staff tools.
    pub fn uploads(&self) -> Result<Vec<(String, bool)>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare("SELECT id, application_id IS NOT NULL FROM uploads ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Applications for staff, newest first, optionally with one status.
    pub fn list(&self, status: Option<Status>) -> Result<Vec<StaffRow>, StoreError> {
        self.with(|conn| {
            let mut stmt =
                conn.prepare(&format!("SELECT {STAFF_COLUMNS} FROM applications WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC"))?;
            let rows = stmt.query_map([status.map(Status::as_str)], |r| staff_row(r, 0))?.collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// One application with its whole history, for staff.
    pub fn get(&self, reference: &str) -> Result<Option<(StaffRow, Vec<HistoryRow>)>, StoreError> {
        self.with(|conn| {
            let row = conn
                .query_row(&format!("SELECT id, {STAFF_COLUMNS} FROM applications WHERE reference = ?1"), [reference], |r| {
                    Ok((r.get::<_, i64>(0)?, staff_row(r, 1)?))
                })
                .optional()?;
            let Some((id, row)) = row else { return Ok(None) };
            let mut stmt =
                conn.prepare("SELECT from_status, to_status, note, at, by_name FROM status_history WHERE application_id = ?1 ORDER BY id")?;
            let history = stmt
                .query_map([id], |r| {
                    Ok(HistoryRow {
                        from: named_opt(r, 0, Status::parse)?,
                        to: named(r, 1, Status::parse)?,
                        note: r.get(2)?,
                        at: r.get(3)?,
                        by: r.get(4)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(Some((row, history)))
        })
    }

    /// Moves an application to `to` (with `outcome` when deciding), if it is
    /// still at `from`; records the move, its note and who made it (`by`:
    /// account id and name) in its history. Returns false when the
    /// application is not at `from` any more.
    #[allow(clippy::too_many_arguments)]
    pub fn move_status(
        &self,
        reference: &str,
        from: Status,
        to: Status,
        outcome: Option<Outcome>,
        note: &str,
        now: &str,
        by: Option<(i64, &str)>,
    ) -> Result<bool, StoreError> {
        let (from, to, outcome) = (from.as_str(), to.as_str(), outcome.map(Outcome::as_str));
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let id: Option<i64> = tx
                .query_row("SELECT id FROM applications WHERE reference = ?1 AND status = ?2", params![reference, from], |r| r.get(0))
                .optional()?;
            let Some(id) = id else { return Ok(false) };
            tx.execute("UPDATE applications SET status = ?1, outcome = ?2, updated_at = ?3 WHERE id = ?4", params![to, outcome, now, id])?;
            tx.execute(
                "INSERT INTO status_history (application_id, from_status, to_status, note, at, by_account, by_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, from, to, note, now, by.map(|b| b.0), by.map(|b| b.1)],
            )?;
            tx.commit()?;
            Ok(true)
        })
    }

    /// Erases an application and everything attached to it (law 09-08).
    pub fn erase(&self, reference: &str) -> Result<bool, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = tx.execute("DELETE FROM applications WHERE reference = ?1", [reference])?;
            tx.commit()?;
            Ok(n > 0)
        })
    }

    /// Deletes decided and withdrawn applications last changed before
    /// `cutoff` (an RFC 3339 time); returns how many.
    pub fn purge_decided_before(&self, cutoff: &str) -> Result<usize, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = tx.execute("DELETE FROM applications WHERE status IN ('decided', 'withdrawn') AND updated_at < ?1", [cutoff])?;
            tx.commit()?;
            Ok(n)
        })
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        self.with(|conn| Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))? == "ok"))
    }

    /// Copies the live database to `dest` with SQLite's online backup.
    pub fn backup(&self, dest: &Path) -> Result<(), StoreError> {
        self.with(|conn| {
            let mut target = Connection::open(dest)?;
            let backup = rusqlite::backup::Backup::new(conn, &mut target)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(10), None)?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new database file's path for one test, in the build's `tmp`
    /// folder (`target/tmp`, beside `debug/deps/` where this test runs;
    /// removed with `target/`, never left in the system's temporary folder).
    pub(super) fn temp_db(name: &str) -> std::path::PathBuf {
        let exe = std::env::current_exe().unwrap();
        let dir = exe.ancestors().nth(3).map_or_else(std::env::temp_dir, |target| target.join("tmp"));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(format!("cluster-store-{}-{name}.db", std::process::id()));
        let _ = std::fs::remove_file(&p);
        p
    }

    #[test]
    fn migrates_once_and_submits_idempotently() {
        let path = temp_db("idem");
        let store = Store::open(&path).unwrap();
        let mut n = 0;
        let mut refs = || {
            n += 1;
            format!("GBI-2026-AAAA-AAA{n}")
        };
        let respond = |r: &str| (201, format!("{{\"reference\":\"{r}\"}}"));
        let first = store.submit("k1", "{\"a\":1}", "{}", None, None, "2026-11-26T00:00:00Z", &mut refs, respond).unwrap();
        let again = store.submit("k1", "{\"a\":1}", "{}", None, None, "2026-11-26T00:00:01Z", &mut refs, respond).unwrap();
        let other = store.submit("k1", "{\"a\":2}", "{}", None, None, "2026-11-26T00:00:02Z", &mut refs, respond).unwrap();
        assert!(matches!(&first, Submitted::Created { status: 201, .. }));
        match (&first, &again) {
            (Submitted::Created { response: a, .. }, Submitted::Replayed { response: b, .. }) => assert_eq!(a, b),
            other => panic!("{other:?}"),
        }
        assert_eq!(other, Submitted::KeyReused);
        assert_eq!(store.count().unwrap(), 1);
        drop(store);
        // Reopening runs no migration twice and keeps the data.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.count().unwrap(), 1);
        let view = store.status("GBI-2026-AAAA-AAA1").unwrap().unwrap();
        assert_eq!(view.status, Status::Received);
        assert_eq!(view.history, vec![(Status::Received, "2026-11-26T00:00:00Z".to_owned())]);
        assert!(store.status("GBI-2026-ZZZZ-ZZZZ").unwrap().is_none());
        assert!(store.integrity_ok().unwrap());
        let copy = temp_db("copy");
        store.backup(&copy).unwrap();
        assert_eq!(Store::open(&copy).unwrap().count().unwrap(), 1);
    }

    fn submit_with_deck(store: &Store, key: &str, reference: &str, deck: Option<&str>) -> Submitted {
        let r = reference.to_owned();
        store.submit(key, key, "{}", None, deck, "2026-11-26T10:00:00Z", || r.clone(), |r| (201, r.to_owned())).unwrap()
    }

    #[test]
    fn an_upload_belongs_to_one_application_and_goes_with_it() {
        let store = Store::open(&temp_db("decks")).unwrap();
        let caps = UnclaimedCaps { total: 1_000, per_owner: 1_000 };
        for id in ["up-a", "up-b"] {
            let put = store.put_upload(id, b"%PDF-1", "2026-11-26T09:00:00Z", "2026-11-25T09:00:00Z", "192.0.2.1", caps);
            assert_eq!(put.unwrap(), PutUpload::Stored);
        }
        assert!(matches!(submit_with_deck(&store, "k1", "GBI-2026-AAAA-AAAA", Some("up-a")), Submitted::Created { .. }));
        // Another application cannot take it, and nothing of that one is kept.
        assert_eq!(submit_with_deck(&store, "k2", "GBI-2026-BBBB-BBBB", Some("up-a")), Submitted::DeckUnavailable);
        assert_eq!(submit_with_deck(&store, "k3", "GBI-2026-CCCC-CCCC", Some("up-none")), Submitted::DeckUnavailable);
        assert_eq!(store.count().unwrap(), 1);
        // The same submission again is a replay, not a second claim.
        assert!(matches!(submit_with_deck(&store, "k1", "GBI-2026-AAAA-AAAA", Some("up-a")), Submitted::Replayed { .. }));
        assert_eq!(store.uploads().unwrap(), vec![("up-a".to_owned(), true), ("up-b".to_owned(), false)]);
        // Erasing the application erases its deck; the unclaimed one stays.
        assert!(store.erase("GBI-2026-AAAA-AAAA").unwrap());
        assert_eq!(store.uploads().unwrap(), vec![("up-b".to_owned(), false)]);
        // The retention purge takes decks too.
        assert!(matches!(submit_with_deck(&store, "k4", "GBI-2026-DDDD-DDDD", Some("up-b")), Submitted::Created { .. }));
        assert!(
            store.move_status("GBI-2026-DDDD-DDDD", Status::Received, Status::Withdrawn, None, "", "2026-11-26T11:00:00Z", None).unwrap()
        );
        assert_eq!(store.purge_decided_before("2027-01-01T00:00:00Z").unwrap(), 1);
        assert_eq!(store.uploads().unwrap(), vec![]);
    }

    #[test]
    fn unclaimed_uploads_are_capped_and_deleted_after_their_day() {
        let store = Store::open(&temp_db("unclaimed")).unwrap();
        let caps = UnclaimedCaps { total: 1_000, per_owner: 10_000 };
        let put = |id: &str, at: &str, cutoff: &str| store.put_upload(id, &[b'x'; 400], at, cutoff, "192.0.2.1", caps).unwrap();
        assert_eq!(put("up-1", "2026-11-26T08:00:00Z", "2026-11-25T08:00:00Z"), PutUpload::Stored);
        assert_eq!(put("up-2", "2026-11-26T09:00:00Z", "2026-11-25T09:00:00Z"), PutUpload::Stored);
        // 800 of 1 000 bytes held: 400 more do not fit.
        assert_eq!(put("up-3", "2026-11-26T10:00:00Z", "2026-11-25T10:00:00Z"), PutUpload::Full);
        // A claimed upload no longer counts against the allowance.
        assert!(matches!(submit_with_deck(&store, "k1", "GBI-2026-AAAA-AAAA", Some("up-2")), Submitted::Created { .. }));
        assert_eq!(put("up-3", "2026-11-26T10:00:00Z", "2026-11-25T10:00:00Z"), PutUpload::Stored);
        // A day later the unclaimed ones are gone, the claimed one stays.
        assert_eq!(put("up-4", "2026-11-27T10:30:00Z", "2026-11-26T10:30:00Z"), PutUpload::Stored);
        assert_eq!(store.uploads().unwrap(), vec![("up-2".to_owned(), true), ("up-4".to_owned(), false)]);
        assert_eq!(store.purge_unclaimed_uploads_before("2026-11-28T11:00:00Z").unwrap(), 1);
        assert_eq!(store.uploads().unwrap(), vec![("up-2".to_owned(), true)]);
    }

    #[test]
    fn one_address_cannot_fill_the_unclaimed_allowance() {
        let store = Store::open(&temp_db("per-owner")).unwrap();
        let caps = UnclaimedCaps { total: 2_000, per_owner: 800 };
        let put = |id: &str, owner: &str| {
            store.put_upload(id, &[b'x'; 400], "2026-11-26T08:00:00Z", "2026-11-25T08:00:00Z", owner, caps).unwrap()
        };
        assert_eq!(put("up-1", "192.0.2.1"), PutUpload::Stored);
        assert_eq!(put("up-2", "192.0.2.1"), PutUpload::Stored);
        // The address holds its 800 bytes; another address still uploads.
        assert_eq!(put("up-3", "192.0.2.1"), PutUpload::OwnerFull);
        assert_eq!(put("up-4", "198.51.100.7"), PutUpload::Stored);
        // Claimed by an application, an upload stops counting (and forgets its address).
        assert!(matches!(submit_with_deck(&store, "k1", "GBI-2026-AAAA-AAAA", Some("up-1")), Submitted::Created { .. }));
        assert_eq!(put("up-3", "192.0.2.1"), PutUpload::Stored);
        let owners: Vec<Option<String>> = store
            .with(|c| Ok(c.prepare("SELECT owner FROM uploads ORDER BY id")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?))
            .unwrap();
        assert_eq!(owners, [None, Some("192.0.2.1".into()), Some("192.0.2.1".into()), Some("198.51.100.7".into())]);
    }
}
