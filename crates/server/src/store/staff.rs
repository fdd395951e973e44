//! Staff accounts in the store (docs/staff.md): accounts, sign-in links,
//! sessions, personal API tokens, assignments and the audit trail. Every
//! secret is kept as the SHA-256 digest of what the person holds, so a copy
//! of the database signs nobody in.

use super::{Store, StoreError, application_id, named};
use cluster_core::api::{Account, Assignee, AuditEntry, TokenInfo};
use cluster_core::staff::{Action, Role};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

const ACCOUNT_COLUMNS: &str = "id, email, name, role, created_at, disabled_at";

fn account_row(r: &rusqlite::Row, first: usize) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(first)?,
        email: r.get(first + 1)?,
        name: r.get(first + 2)?,
        role: named(r, first + 3, Role::parse)?,
        created_at: r.get(first + 4)?,
        disabled_at: r.get(first + 5)?,
    })
}

/// A session as stored (times in seconds since 1970).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub id: String,
    pub method: String,
    pub created: u64,
    pub last_seen: u64,
    pub address: String,
    pub user_agent: String,
}

/// An entry to add to the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAudit {
    pub at: String,
    /// The person: account id and name (none for the command line or an unknown person).
    pub account: Option<(i64, String)>,
    pub action: Action,
    pub reference: Option<String>,
    pub address: String,
    pub detail: String,
}

/// Which audit entries to list (every set field must match).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    pub account_id: Option<i64>,
    pub action: Option<Action>,
    pub reference: Option<String>,
}

pub(super) fn add_audit(conn: &Connection, e: &NewAudit) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit (at, account_id, account_name, action, reference, address, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.at,
            e.account.as_ref().map(|a| a.0),
            e.account.as_ref().map_or("", |a| a.1.as_str()),
            e.action.as_str(),
            e.reference,
            e.address,
            e.detail
        ],
    )?;
    Ok(())
}

impl Store {
    /// Creates an account; `None` when the e-mail address already has one.
    pub fn create_account(&self, email: &str, name: &str, role: Role, now: &str, audit: &NewAudit) -> Result<Option<Account>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if tx.query_row("SELECT 1 FROM accounts WHERE email = ?1", [email], |_| Ok(())).optional()?.is_some() {
                return Ok(None);
            }
            tx.execute(
                "INSERT INTO accounts (email, name, role, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![email, name, role.as_str(), now],
            )?;
            let id = tx.last_insert_rowid();
            let detail = format!("{email} ({})", role.as_str());
            add_audit(&tx, &NewAudit { detail, ..audit.clone() })?;
            let account = tx.query_row(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?1"), [id], |r| account_row(r, 0))?;
            tx.commit()?;
            Ok(Some(account))
        })
    }

    /// The account of an e-mail address (any case).
    pub fn account_by_email(&self, email: &str) -> Result<Option<Account>, StoreError> {
        self.with(|conn| {
            Ok(conn
                .query_row(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = ?1"), [email], |r| account_row(r, 0))
                .optional()?)
        })
    }

    /// One account.
    pub fn account(&self, id: i64) -> Result<Option<Account>, StoreError> {
        self.with(|conn| {
            Ok(conn.query_row(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?1"), [id], |r| account_row(r, 0)).optional()?)
        })
    }

    /// Every account, oldest first.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY id"))?;
            let rows = stmt.query_map([], |r| account_row(r, 0))?.collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Changes an account's role and, when `disabled` is given, disables
    /// (ending its sessions at once) or enables it, with one audit entry per
    /// change. Refuses (`Ok(false)`) to leave no enabled admin.
    pub fn change_account(
        &self,
        id: i64,
        role: Option<Role>,
        disabled: Option<bool>,
        now: &str,
        audit: &NewAudit,
    ) -> Result<Option<bool>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(before) =
                tx.query_row(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?1"), [id], |r| account_row(r, 0)).optional()?
            else {
                return Ok(None);
            };
            if let Some(role) = role.filter(|r| *r != before.role) {
                tx.execute("UPDATE accounts SET role = ?1 WHERE id = ?2", params![role.as_str(), id])?;
                let detail = format!("{}: {} → {}", before.email, before.role.as_str(), role.as_str());
                add_audit(&tx, &NewAudit { action: Action::RoleChanged, detail, ..audit.clone() })?;
            }
            match disabled {
                Some(true) if before.disabled_at.is_none() => {
                    tx.execute("UPDATE accounts SET disabled_at = ?1 WHERE id = ?2", params![now, id])?;
                    tx.execute("DELETE FROM sessions WHERE account_id = ?1", [id])?;
                    add_audit(&tx, &NewAudit { action: Action::AccountDisabled, detail: before.email.clone(), ..audit.clone() })?;
                }
                Some(false) if before.disabled_at.is_some() => {
                    tx.execute("UPDATE accounts SET disabled_at = NULL WHERE id = ?1", [id])?;
                    add_audit(&tx, &NewAudit { action: Action::AccountEnabled, detail: before.email.clone(), ..audit.clone() })?;
                }
                _ => {}
            }
            let admins: i64 =
                tx.query_row("SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL", [], |r| r.get(0))?;
            let had_admins: bool = before.role == Role::Admin && before.disabled_at.is_none();
            if had_admins && admins == 0 {
                // Dropping the transaction undoes the change.
                return Ok(Some(false));
            }
            tx.commit()?;
            Ok(Some(true))
        })
    }

    /// Keeps a sign-in link's digest for `account_id` until `expires`.
    pub fn add_sign_in_link(&self, digest: &[u8], account_id: i64, expires: u64, now: u64) -> Result<(), StoreError> {
        self.with(|conn| {
            // Links long expired are of no use to anyone.
            conn.execute("DELETE FROM sign_in_links WHERE expires < ?1", [now.saturating_sub(86_400) as i64])?;
            conn.execute(
                "INSERT INTO sign_in_links (digest, account_id, expires) VALUES (?1, ?2, ?3)",
                params![digest, account_id, expires as i64],
            )?;
            Ok(())
        })
    }

    /// Uses a sign-in link once: the enabled account it signs in, if the
    /// link is known, unused and not expired at `now`. A used link stays
    /// used whatever the outcome.
    pub fn use_sign_in_link(&self, digest: &[u8], now: u64) -> Result<Option<Account>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let found: Option<(i64, i64, bool)> = tx
                .query_row("SELECT account_id, expires, used FROM sign_in_links WHERE digest = ?1", [digest], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let Some((account_id, expires, used)) = found else { return Ok(None) };
            tx.execute("UPDATE sign_in_links SET used = 1 WHERE digest = ?1", [digest])?;
            let account = tx
                .query_row(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?1 AND disabled_at IS NULL"), [account_id], |r| {
                    account_row(r, 0)
                })
                .optional()?;
            tx.commit()?;
            Ok(account.filter(|_| !used && now <= expires.max(0) as u64))
        })
    }

    /// Starts a session.
    pub fn add_session(&self, digest: &[u8], account_id: i64, row: &SessionRow) -> Result<(), StoreError> {
        self.with(|conn| {
            conn.execute(
                "INSERT INTO sessions (digest, id, account_id, method, created, last_seen, address, user_agent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![digest, row.id, account_id, row.method, row.created as i64, row.last_seen as i64, row.address, row.user_agent],
            )?;
            Ok(())
        })
    }

    /// The session of a cookie's digest and its enabled account, if it is
    /// still alive at `now`: used within `idle` seconds and started within
    /// `absolute`. A live session is marked as seen now; a dead one is deleted.
    pub fn session(&self, digest: &[u8], now: u64, idle: u64, absolute: u64) -> Result<Option<(SessionRow, Account)>, StoreError> {
        self.with(|conn| {
            let found = conn
                .query_row(
                    &format!(
                        "SELECT s.id, s.method, s.created, s.last_seen, s.address, s.user_agent, {} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.digest = ?1",
                        ACCOUNT_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ")
                    ),
                    [digest],
                    |r| Ok((session_row(r)?, account_row(r, 6)?)),
                )
                .optional()?;
            let Some((mut session, account)) = found else { return Ok(None) };
            let alive = account.disabled_at.is_none()
                && now.saturating_sub(session.last_seen) <= idle
                && now.saturating_sub(session.created) <= absolute;
            if !alive {
                conn.execute("DELETE FROM sessions WHERE digest = ?1", [digest])?;
                return Ok(None);
            }
            // One write a minute at most per session.
            if now.saturating_sub(session.last_seen) >= 60 {
                conn.execute("UPDATE sessions SET last_seen = ?1 WHERE digest = ?2", params![now as i64, digest])?;
                session.last_seen = now;
            }
            Ok(Some((session, account)))
        })
    }

    /// An account's sessions, newest first.
    pub fn sessions(&self, account_id: i64) -> Result<Vec<SessionRow>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, method, created, last_seen, address, user_agent FROM sessions WHERE account_id = ?1 ORDER BY created DESC, id",
            )?;
            let rows = stmt.query_map([account_id], session_row)?.collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Ends one of an account's sessions by its id; false if it has none such.
    pub fn end_session(&self, account_id: i64, id: &str) -> Result<bool, StoreError> {
        self.with(|conn| Ok(conn.execute("DELETE FROM sessions WHERE account_id = ?1 AND id = ?2", params![account_id, id])? > 0))
    }

    /// Keeps a new API token's digest; its id.
    pub fn add_token(&self, digest: &[u8], account_id: i64, name: &str, now: &str) -> Result<i64, StoreError> {
        self.with(|conn| {
            conn.execute(
                "INSERT INTO api_tokens (digest, account_id, name, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![digest, account_id, name, now],
            )?;
            Ok(conn.last_insert_rowid())
        })
    }

    /// The token of a digest and its enabled account, if not revoked; marks it used at `now`.
    pub fn token(&self, digest: &[u8], now: &str) -> Result<Option<(i64, Account)>, StoreError> {
        self.with(|conn| {
            let found = conn
                .query_row(
                    &format!(
                        "SELECT t.id, {} FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.digest = ?1 AND t.revoked_at IS NULL AND a.disabled_at IS NULL",
                        ACCOUNT_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ")
                    ),
                    [digest],
                    |r| Ok((r.get::<_, i64>(0)?, account_row(r, 1)?)),
                )
                .optional()?;
            if let Some((id, _)) = &found {
                conn.execute("UPDATE api_tokens SET last_used_at = ?1 WHERE id = ?2", params![now, id])?;
            }
            Ok(found)
        })
    }

    /// An account's tokens not revoked, newest first.
    pub fn tokens(&self, account_id: i64) -> Result<Vec<TokenInfo>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE account_id = ?1 AND revoked_at IS NULL ORDER BY id DESC",
            )?;
            let rows = stmt
                .query_map([account_id], |r| {
                    Ok(TokenInfo { id: r.get(0)?, name: r.get(1)?, created_at: r.get(2)?, last_used_at: r.get(3)? })
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Revokes one of an account's tokens; false if it has none such.
    pub fn revoke_token(&self, account_id: i64, id: i64, now: &str) -> Result<bool, StoreError> {
        self.with(|conn| {
            Ok(conn.execute(
                "UPDATE api_tokens SET revoked_at = ?1 WHERE account_id = ?2 AND id = ?3 AND revoked_at IS NULL",
                params![now, account_id, id],
            )? > 0)
        })
    }

    /// Adds an entry to the audit trail.
    pub fn audit(&self, entry: &NewAudit) -> Result<(), StoreError> {
        self.with(|conn| Ok(add_audit(conn, entry)?))
    }

    /// The audit trail, newest first, filtered.
    pub fn audit_trail(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, at, account_id, account_name, action, reference, address, detail FROM audit
                 WHERE (?1 IS NULL OR account_id = ?1) AND (?2 IS NULL OR action = ?2) AND (?3 IS NULL OR reference = ?3)
                 ORDER BY id DESC",
            )?;
            let rows = stmt
                .query_map(params![filter.account_id, filter.action.map(Action::as_str), filter.reference], |r| {
                    Ok(AuditEntry {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        account_id: r.get(2)?,
                        account_name: r.get(3)?,
                        action: named(r, 4, Action::parse)?,
                        reference: r.get(5)?,
                        address: r.get(6)?,
                        detail: r.get(7)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Assigns (`on`) or unassigns an account to an application, with its
    /// audit entry; `None` when the reference is unknown, else whether
    /// anything changed.
    pub fn assign(&self, reference: &str, account_id: i64, on: bool, now: &str, audit: &NewAudit) -> Result<Option<bool>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(app) = application_id(&tx, reference)? else {
                return Ok(None);
            };
            let changed = if on {
                tx.execute(
                    "INSERT OR IGNORE INTO assignments (application_id, account_id, at) VALUES (?1, ?2, ?3)",
                    params![app, account_id, now],
                )?
            } else {
                tx.execute("DELETE FROM assignments WHERE application_id = ?1 AND account_id = ?2", params![app, account_id])?
            } > 0;
            if changed {
                add_audit(&tx, audit)?;
            }
            tx.commit()?;
            Ok(Some(changed))
        })
    }

    /// Who is assigned to an application, by assignment date.
    pub fn assignees(&self, reference: &str) -> Result<Vec<Assignee>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT a.id, a.name, a.role FROM assignments s JOIN accounts a ON a.id = s.account_id
                 JOIN applications p ON p.id = s.application_id WHERE p.reference = ?1 ORDER BY s.at, a.id",
            )?;
            let rows = stmt
                .query_map([reference], |r| Ok(Assignee { account_id: r.get(0)?, name: r.get(1)?, role: named(r, 2, Role::parse)? }))?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Who is assigned to each application that has someone, by reference.
    pub fn all_assignees(&self) -> Result<std::collections::HashMap<String, Vec<Assignee>>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT p.reference, a.id, a.name, a.role FROM assignments s JOIN accounts a ON a.id = s.account_id
                 JOIN applications p ON p.id = s.application_id ORDER BY s.at, a.id",
            )?;
            let mut out: std::collections::HashMap<String, Vec<Assignee>> = std::collections::HashMap::new();
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, Assignee { account_id: r.get(1)?, name: r.get(2)?, role: named(r, 3, Role::parse)? }))
            })?;
            for row in rows {
                let (reference, assignee) = row?;
                out.entry(reference).or_default().push(assignee);
            }
            Ok(out)
        })
    }

    /// An application's pitch deck: its upload id and bytes.
    pub fn deck(&self, reference: &str) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        self.with(|conn| {
            Ok(conn
                .query_row(
                    "SELECT u.id, u.data FROM uploads u JOIN applications p ON p.id = u.application_id WHERE p.reference = ?1",
                    [reference],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
        })
    }
}

/// A stored passkey: its row id, name, dates, and the credential (JSON of
/// `webauthn_rs::prelude::Passkey`, kept opaque here).
#[derive(Debug, Clone, PartialEq)]
pub struct PasskeyRow {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub passkey: String,
}

impl Store {
    /// An account's WebAuthn user handle, made from `fresh` the first time.
    pub fn user_handle(&self, account_id: i64, fresh: [u8; 16]) -> Result<Vec<u8>, StoreError> {
        self.with(|conn| {
            conn.execute("UPDATE accounts SET user_handle = ?1 WHERE id = ?2 AND user_handle IS NULL", params![&fresh[..], account_id])?;
            Ok(conn.query_row("SELECT user_handle FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))?)
        })
    }

    /// The enabled account of a user handle, with its passkeys.
    pub fn account_by_handle(&self, handle: &[u8]) -> Result<Option<(Account, Vec<PasskeyRow>)>, StoreError> {
        let account = self.with(|conn| {
            Ok(conn
                .query_row(
                    &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE user_handle = ?1 AND disabled_at IS NULL"),
                    [handle],
                    |r| account_row(r, 0),
                )
                .optional()?)
        })?;
        match account {
            Some(a) => {
                let keys = self.passkeys(a.id)?;
                Ok(Some((a, keys)))
            }
            None => Ok(None),
        }
    }

    /// An account's passkeys, oldest first.
    pub fn passkeys(&self, account_id: i64) -> Result<Vec<PasskeyRow>, StoreError> {
        self.with(|conn| {
            let mut stmt =
                conn.prepare("SELECT id, name, created_at, last_used_at, passkey FROM passkeys WHERE account_id = ?1 ORDER BY id")?;
            let rows = stmt
                .query_map([account_id], |r| {
                    Ok(PasskeyRow { id: r.get(0)?, name: r.get(1)?, created_at: r.get(2)?, last_used_at: r.get(3)?, passkey: r.get(4)? })
                })?
                .collect::<Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Keeps a new passkey with its audit entry; `None` when its credential
    /// id is already registered (to anyone).
    pub fn add_passkey(
        &self,
        account_id: i64,
        credential_id: &[u8],
        passkey: &str,
        name: &str,
        now: &str,
        audit: &NewAudit,
    ) -> Result<Option<i64>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if tx.query_row("SELECT 1 FROM passkeys WHERE credential_id = ?1", [credential_id], |_| Ok(())).optional()?.is_some() {
                return Ok(None);
            }
            tx.execute(
                "INSERT INTO passkeys (account_id, credential_id, passkey, name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![account_id, credential_id, passkey, name, now],
            )?;
            let id = tx.last_insert_rowid();
            add_audit(&tx, audit)?;
            tx.commit()?;
            Ok(Some(id))
        })
    }

    /// Saves a passkey after use (its counter moves) and when it was used.
    pub fn passkey_used(&self, id: i64, passkey: &str, now: &str) -> Result<(), StoreError> {
        self.with(|conn| {
            conn.execute("UPDATE passkeys SET passkey = ?1, last_used_at = ?2 WHERE id = ?3", params![passkey, now, id])?;
            Ok(())
        })
    }

    /// Removes one of an account's passkeys with its audit entry; false if it has none such.
    pub fn remove_passkey(&self, account_id: i64, id: i64, audit: &NewAudit) -> Result<bool, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let n = tx.execute("DELETE FROM passkeys WHERE account_id = ?1 AND id = ?2", params![account_id, id])?;
            if n > 0 {
                add_audit(&tx, audit)?;
            }
            tx.commit()?;
            Ok(n > 0)
        })
    }
}

fn session_row(r: &rusqlite::Row) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        method: r.get(1)?,
        created: r.get::<_, i64>(2)?.max(0) as u64,
        last_seen: r.get::<_, i64>(3)?.max(0) as u64,
        address: r.get(4)?,
        user_agent: r.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(name: &str) -> Store {
        Store::open(&super::super::tests::temp_db(name)).unwrap()
    }

    fn entry(action: Action) -> NewAudit {
        NewAudit { at: "2026-06-01T00:00:00Z".into(), account: None, action, reference: None, address: "cli".into(), detail: String::new() }
    }

    #[test]
    fn the_audit_trail_refuses_edits_and_deletions_even_in_sql() {
        let s = store("audit");
        s.audit(&entry(Action::SignIn)).unwrap();
        for sql in ["UPDATE audit SET account_name = 'someone else'", "DELETE FROM audit"] {
            let err = s.with(|c| Ok(c.execute(sql, [])?)).unwrap_err();
            assert!(err.0.contains("append-only"), "{sql}: {}", err.0);
        }
        assert_eq!(s.audit_trail(&AuditFilter::default()).unwrap().len(), 1);
    }

    #[test]
    fn sessions_end_when_idle_too_long_or_too_old_or_disabled() {
        let s = store("sessions");
        let a = s.create_account("a@b.example", "A", Role::Reviewer, "t", &entry(Action::AccountCreated)).unwrap().unwrap();
        let b = s.create_account("b@b.example", "B", Role::Admin, "t", &entry(Action::AccountCreated)).unwrap().unwrap();
        let row = |id: &str| SessionRow {
            id: id.into(),
            method: "link".into(),
            created: 1_000,
            last_seen: 1_000,
            address: "192.0.2.1".into(),
            user_agent: "test".into(),
        };
        s.add_session(b"one", a.id, &row("s1")).unwrap();
        // Used within the idle limit, again and again, until the absolute one.
        let (idle, absolute) = (100, 250);
        assert!(s.session(b"one", 1_090, idle, absolute).unwrap().is_some());
        assert!(s.session(b"one", 1_180, idle, absolute).unwrap().is_some());
        assert!(s.session(b"one", 1_251, idle, absolute).unwrap().is_none(), "older than the absolute limit");
        assert!(s.sessions(a.id).unwrap().is_empty(), "and deleted");
        s.add_session(b"two", a.id, &row("s2")).unwrap();
        assert!(s.session(b"two", 1_101, idle, absolute).unwrap().is_none(), "idle too long");
        s.add_session(b"three", a.id, &row("s3")).unwrap();
        assert_eq!(s.change_account(a.id, None, Some(true), "t", &entry(Action::AccountDisabled)).unwrap(), Some(true));
        assert!(s.session(b"three", 1_001, idle, absolute).unwrap().is_none(), "disabled");
        assert!(s.sessions(a.id).unwrap().is_empty());
        // A sign-in link works once, before it expires, for an enabled account.
        s.add_sign_in_link(b"link-b", b.id, 2_000, 1_000).unwrap();
        assert_eq!(s.use_sign_in_link(b"link-b", 1_500).unwrap().map(|x| x.id), Some(b.id));
        assert!(s.use_sign_in_link(b"link-b", 1_500).unwrap().is_none());
        s.add_sign_in_link(b"late", b.id, 2_000, 1_000).unwrap();
        assert!(s.use_sign_in_link(b"late", 2_001).unwrap().is_none());
        s.add_sign_in_link(b"off", a.id, 2_000, 1_000).unwrap();
        assert!(s.use_sign_in_link(b"off", 1_500).unwrap().is_none());
    }
}
