//! Applications in SQLite: one file, created and migrated on start, WAL with
//! `synchronous=FULL` (an acknowledged application survives a crash), every
//! write in a `BEGIN IMMEDIATE` transaction with a busy timeout. Idempotency
//! keys are stored with the response they produced, in the same transaction
//! as the application.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::Path;
use std::sync::Mutex;

/// Versioned migrations; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &["
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
"];

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
}

/// The applicant's view of an application.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusView {
    pub reference: String,
    pub status: String,
    pub outcome: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// `(status, at)` in order.
    pub history: Vec<(String, String)>,
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
    /// `make_reference` is called until it gives an unused reference;
    /// `respond` builds the response from the reference.
    pub fn submit(
        &self,
        key: &str,
        canonical: &str,
        stored_body: &str,
        now: &str,
        mut make_reference: impl FnMut() -> String,
        respond: impl Fn(&str) -> (u16, String),
    ) -> Result<Submitted, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let seen: Option<(String, u16, String)> = tx
                .query_row("SELECT body, status, response FROM idempotency_keys WHERE key = ?1", [key], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            if let Some((body, status, response)) = seen {
                return Ok(if body == canonical { Submitted::Replayed { status, response } } else { Submitted::KeyReused });
            }
            let mut reference = make_reference();
            while tx.query_row("SELECT 1 FROM applications WHERE reference = ?1", [&reference], |_| Ok(())).optional()?.is_some() {
                reference = make_reference();
            }
            tx.execute(
                "INSERT INTO applications (reference, status, body, created_at, updated_at) VALUES (?1, 'received', ?2, ?3, ?3)",
                params![reference, stored_body, now],
            )?;
            let id = tx.last_insert_rowid();
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

    /// The applicant's view, if the reference exists.
    pub fn status(&self, reference: &str) -> Result<Option<StatusView>, StoreError> {
        self.with(|conn| {
            let row = conn
                .query_row(
                    "SELECT id, reference, status, outcome, created_at, updated_at FROM applications WHERE reference = ?1",
                    [reference],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            StatusView {
                                reference: r.get(1)?,
                                status: r.get(2)?,
                                outcome: r.get(3)?,
                                created_at: r.get(4)?,
                                updated_at: r.get(5)?,
                                history: Vec::new(),
                            },
                        ))
                    },
                )
                .optional()?;
            let Some((id, mut view)) = row else { return Ok(None) };
            let mut stmt = conn.prepare("SELECT to_status, at FROM status_history WHERE application_id = ?1 ORDER BY id")?;
            view.history = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            Ok(Some(view))
        })
    }

    /// Number of stored applications.
    pub fn count(&self) -> Result<u64, StoreError> {
        self.with(|conn| Ok(conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?))
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

    fn temp_db(name: &str) -> std::path::PathBuf {
        let p = std::env::temp_dir().join(format!("cluster-store-{}-{name}.db", std::process::id()));
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
        let first = store.submit("k1", "{\"a\":1}", "{}", "2026-11-26T00:00:00Z", &mut refs, respond).unwrap();
        let again = store.submit("k1", "{\"a\":1}", "{}", "2026-11-26T00:00:01Z", &mut refs, respond).unwrap();
        let other = store.submit("k1", "{\"a\":2}", "{}", "2026-11-26T00:00:02Z", &mut refs, respond).unwrap();
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
        assert_eq!(view.status, "received");
        assert_eq!(view.history, vec![("received".to_owned(), "2026-11-26T00:00:00Z".to_owned())]);
        assert!(store.status("GBI-2026-ZZZZ-ZZZZ").unwrap().is_none());
        assert!(store.integrity_ok().unwrap());
        let copy = temp_db("copy");
        store.backup(&copy).unwrap();
        assert_eq!(Store::open(&copy).unwrap().count().unwrap(), 1);
    }
}
