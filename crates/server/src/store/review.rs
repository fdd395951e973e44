//! Rubrics, score sheets, private notes and conflicts of interest
//! (docs/staff.md, "Scores", "Notes and conflicts of interest").

use super::staff::{NewAudit, add_audit};
use super::{Store, StoreError, application_id};
use cluster_core::review::{Criterion, Mark, Note, ReviewerScores, Rubric, seed_rubric, weighted};
use cluster_core::text::Text;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// The rubric of applications that came in under no recorded call (before
/// calls were recorded).
pub const NO_CALL: &str = "unrecorded";

impl Store {
    /// The rubric of the call `reference` came in under, the seed rubric
    /// (kept from then on) when the call has none yet; `None` for an
    /// unknown reference.
    pub fn rubric_of(&self, reference: &str) -> Result<Option<Rubric>, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(call) = tx
                .query_row("SELECT call_id FROM applications WHERE reference = ?1", [reference], |r| r.get::<_, Option<String>>(0))
                .optional()?
            else {
                return Ok(None);
            };
            let call = call.unwrap_or_else(|| NO_CALL.to_owned());
            let mut criteria = {
                let mut stmt = tx.prepare("SELECT criterion, weight, label FROM rubric_criteria WHERE call_id = ?1 ORDER BY position")?;
                let rows = stmt.query_map([&call], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, String>(2)?)))?;
                rows.map(|r| {
                    let (id, weight, label) = r?;
                    Ok(Criterion { id, weight, label: serde_json::from_str::<Text>(&label).unwrap_or_default() })
                })
                .collect::<Result<Vec<_>, StoreError>>()?
            };
            if criteria.is_empty() {
                criteria = seed_rubric(&call).criteria;
                for (i, c) in criteria.iter().enumerate() {
                    let label = serde_json::to_string(&c.label).unwrap_or_default();
                    tx.execute(
                        "INSERT INTO rubric_criteria (call_id, position, criterion, weight, label) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![call, i as i64, c.id, c.weight, label],
                    )?;
                }
            }
            tx.commit()?;
            Ok(Some(Rubric { call, criteria }))
        })
    }

    /// Replaces `account`'s sheet on `reference` with `marks` (checked
    /// against the rubric beforehand), with its audit entry; `false` for an
    /// unknown reference.
    pub fn put_scores(
        &self,
        reference: &str,
        account: (i64, &str),
        marks: &[Mark],
        now: &str,
        audit: &NewAudit,
    ) -> Result<bool, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(app) = application_id(&tx, reference)? else {
                return Ok(false);
            };
            tx.execute("DELETE FROM scores WHERE application_id = ?1 AND account_id = ?2", params![app, account.0])?;
            for m in marks {
                tx.execute(
                    "INSERT INTO scores (application_id, account_id, account_name, criterion, score, comment, submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![app, account.0, account.1, m.criterion, m.score, m.comment, now],
                )?;
            }
            add_audit(&tx, audit)?;
            tx.commit()?;
            Ok(true)
        })
    }

    /// Every submitted sheet on `reference`, by submission time, with its
    /// weighted average by `rubric`.
    pub fn sheets(&self, reference: &str, rubric: &Rubric) -> Result<Vec<ReviewerScores>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT s.account_id, s.account_name, s.submitted_at, s.criterion, s.score, s.comment FROM scores s
                 JOIN applications p ON p.id = s.application_id WHERE p.reference = ?1 ORDER BY s.submitted_at, s.account_id",
            )?;
            let rows = stmt.query_map([reference], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    Mark { criterion: r.get(3)?, score: r.get(4)?, comment: r.get(5)? },
                ))
            })?;
            let mut out: Vec<ReviewerScores> = Vec::new();
            for row in rows {
                let (account_id, name, submitted_at, mark) = row?;
                match out.iter_mut().find(|s| s.account_id == account_id) {
                    Some(sheet) => sheet.marks.push(mark),
                    None => out.push(ReviewerScores { account_id, name, submitted_at, marks: vec![mark], weighted: 0.0 }),
                }
            }
            for sheet in &mut out {
                sheet.marks.sort_by_key(|m| rubric.criteria.iter().position(|c| c.id == m.criterion));
                sheet.weighted = weighted(rubric, &sheet.marks);
            }
            Ok(out)
        })
    }

    /// Adds a note by `author` to `reference`, with its audit entry;
    /// `false` for an unknown reference.
    pub fn add_note(&self, reference: &str, author: (i64, &str), text: &str, now: &str, audit: &NewAudit) -> Result<bool, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(app) = application_id(&tx, reference)? else {
                return Ok(false);
            };
            tx.execute(
                "INSERT INTO notes (application_id, account_id, account_name, text, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![app, author.0, author.1, text, now],
            )?;
            add_audit(&tx, audit)?;
            tx.commit()?;
            Ok(true)
        })
    }

    /// The notes on `reference`, oldest first.
    pub fn notes(&self, reference: &str) -> Result<Vec<Note>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT n.account_name, n.text, n.at FROM notes n JOIN applications p ON p.id = n.application_id
                 WHERE p.reference = ?1 ORDER BY n.at, n.id",
            )?;
            let rows = stmt.query_map([reference], |r| Ok(Note { author: r.get(0)?, text: r.get(1)?, at: r.get(2)? }))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Records that `account` declared a conflict of interest on
    /// `reference` and takes them off it (an assignment ends), with its
    /// audit entry; `false` for an unknown reference.
    pub fn declare_conflict(&self, reference: &str, account: i64, reason: &str, now: &str, audit: &NewAudit) -> Result<bool, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(app) = application_id(&tx, reference)? else {
                return Ok(false);
            };
            tx.execute(
                "INSERT OR REPLACE INTO conflicts (application_id, account_id, reason, at) VALUES (?1, ?2, ?3, ?4)",
                params![app, account, reason, now],
            )?;
            tx.execute("DELETE FROM assignments WHERE application_id = ?1 AND account_id = ?2", params![app, account])?;
            add_audit(&tx, audit)?;
            tx.commit()?;
            Ok(true)
        })
    }

    /// The references on which `account` declared a conflict of interest.
    pub fn conflicts_of(&self, account: i64) -> Result<std::collections::HashSet<String>, StoreError> {
        self.with(|conn| {
            let mut stmt =
                conn.prepare("SELECT p.reference FROM conflicts c JOIN applications p ON p.id = c.application_id WHERE c.account_id = ?1")?;
            let rows = stmt.query_map([account], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Every submitted sheet's weighted average, by reference and account,
    /// with each call's rubric weights (the queue's columns).
    pub fn weighted_sheets(&self) -> Result<std::collections::HashMap<String, Vec<(i64, f64)>>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT p.reference, s.account_id, SUM(s.score * COALESCE(c.weight, 1)) * 1.0 / SUM(COALESCE(c.weight, 1))
                 FROM scores s JOIN applications p ON p.id = s.application_id
                 LEFT JOIN rubric_criteria c ON c.call_id = COALESCE(p.call_id, ?1) AND c.criterion = s.criterion
                 GROUP BY p.reference, s.account_id ORDER BY MIN(s.submitted_at)",
            )?;
            let mut out: std::collections::HashMap<String, Vec<(i64, f64)>> = std::collections::HashMap::new();
            let rows = stmt.query_map([NO_CALL], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, f64>(2)?)))?;
            for row in rows {
                let (reference, account, w) = row?;
                out.entry(reference).or_default().push((account, w));
            }
            Ok(out)
        })
    }
}
