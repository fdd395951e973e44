//! The staff queue's view (docs/staff.md, "The queue"): its tab, filters,
//! free-text search, sort and page, read from and written to the URL query
//! like the directories' views, and applied to the applications. The same
//! rules serve the API and the screens.

use crate::api::StaffSummary;
use crate::application::Status;
use crate::named::named_enum;
use crate::search::fold;

/// Applications on a page of the queue.
pub const PAGE: usize = 50;

named_enum! {
    /// A tab of the queue.
    Tab {
        /// Open and assigned to nobody.
        ToPickUp = "to_pick_up",
        /// Open and assigned to the reader.
        Mine = "mine",
        /// Neither decided nor withdrawn.
        Open = "open",
        Decided = "decided",
        Withdrawn = "withdrawn",
    }
}

named_enum! {
    /// The queue's order.
    Sort {
        /// Newest first.
        Date = "date",
        /// Highest average score first (unscored last, newest first among them).
        Score = "score",
    }
}

/// A view of the queue. `None` and empty fields filter nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// No tab: every application the reader may see.
    pub tab: Option<Tab>,
    /// A call's id.
    pub call: Option<String>,
    pub stage: Option<Status>,
    pub sector: Option<String>,
    pub region: Option<String>,
    /// An account id.
    pub assignee: Option<i64>,
    /// Words to find in the start-up's and the founders' names.
    pub q: String,
    pub sort: Sort,
    /// From 1.
    pub page: usize,
}

impl Default for View {
    fn default() -> View {
        View { tab: None, call: None, stage: None, sector: None, region: None, assignee: None, q: String::new(), sort: Sort::Date, page: 1 }
    }
}

/// Why a view's parameter is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParameter(pub &'static str);

impl View {
    /// The view of query `pairs` (decoded); the last of a repeated key
    /// counts. Unknown keys are ignored; a known key with a value it cannot
    /// have is refused, naming it: a number (`page`, `assignee`) first.
    pub fn parse(pairs: &[(String, String)]) -> Result<View, BadParameter> {
        let mut v = View::default();
        // A number that is none is refused before a name that is none,
        // whatever their order in the query.
        let (mut number, mut name): (Option<BadParameter>, Option<BadParameter>) = (None, None);
        for (k, value) in pairs {
            let value = value.trim();
            let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            match k.as_str() {
                "tab" if value.is_empty() => v.tab = None,
                "tab" => match Tab::parse(value) {
                    Some(t) => v.tab = Some(t),
                    None => _ = name.get_or_insert(BadParameter("tab")),
                },
                // `status` is the list's older name for the stage.
                "stage" | "status" if value.is_empty() => v.stage = None,
                "stage" | "status" => match Status::parse(value) {
                    Some(st) => v.stage = Some(st),
                    None => _ = name.get_or_insert(BadParameter("stage")),
                },
                "call" => v.call = some(value),
                "sector" => v.sector = some(value),
                "region" => v.region = some(value),
                // Empty is not a number either (the screens leave it out).
                "assignee" => match value.parse() {
                    Ok(a) => v.assignee = Some(a),
                    Err(_) => _ = number.get_or_insert(BadParameter("assignee")),
                },
                "q" => v.q = value.to_owned(),
                "sort" => match Sort::parse(value) {
                    Some(o) => v.sort = o,
                    None => _ = name.get_or_insert(BadParameter("sort")),
                },
                // From 1 to the largest signed 64-bit number, as documented.
                "page" => match value.parse::<usize>() {
                    Ok(p) if p >= 1 && u64::try_from(p).is_ok_and(|p| p <= i64::MAX as u64) => v.page = p,
                    _ => _ = number.get_or_insert(BadParameter("page")),
                },
                _ => {}
            }
        }
        match number.or(name) {
            Some(bad) => Err(bad),
            None => Ok(v),
        }
    }

    /// The view as a query string (no `?`), defaults left out, in a fixed
    /// order: the same view always gives the same address.
    pub fn query(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        let enc = crate::url::encode;
        if let Some(t) = self.tab {
            out.push(format!("tab={}", t.as_str()));
        }
        if let Some(c) = &self.call {
            out.push(format!("call={}", enc(c)));
        }
        if let Some(s) = self.stage {
            out.push(format!("stage={}", s.as_str()));
        }
        for (k, v) in [("sector", &self.sector), ("region", &self.region)] {
            if let Some(v) = v {
                out.push(format!("{k}={}", enc(v)));
            }
        }
        if let Some(a) = self.assignee {
            out.push(format!("assignee={a}"));
        }
        if !self.q.is_empty() {
            out.push(format!("q={}", enc(&self.q)));
        }
        if self.sort != Sort::Date {
            out.push(format!("sort={}", self.sort.as_str()));
        }
        if self.page > 1 {
            out.push(format!("page={}", self.page));
        }
        out.join("&")
    }
}

/// An application as the queue sees it: its summary and the founders'
/// names (searched, not shown).
#[derive(Debug, Clone)]
pub struct Entry {
    pub summary: StaffSummary,
    pub founders: Vec<String>,
}

fn open(s: Status) -> bool {
    !matches!(s, Status::Decided | Status::Withdrawn)
}

/// Whether `e` is in `view` for the reader `me`.
pub fn matches(view: &View, me: i64, e: &Entry, words: &[String]) -> bool {
    let s = &e.summary;
    let tab = match view.tab {
        None => true,
        Some(Tab::ToPickUp) => open(s.status) && s.assignees.is_empty(),
        Some(Tab::Mine) => open(s.status) && s.assignees.iter().any(|a| a.account_id == me),
        Some(Tab::Open) => open(s.status),
        Some(Tab::Decided) => s.status == Status::Decided,
        Some(Tab::Withdrawn) => s.status == Status::Withdrawn,
    };
    let is = |want: &Option<String>, have: &Option<String>| want.as_ref().is_none_or(|w| have.as_ref() == Some(w));
    tab && is(&view.call, &s.call)
        && view.stage.is_none_or(|st| s.status == st)
        && is(&view.sector, &s.sector)
        && is(&view.region, &s.region)
        && view.assignee.is_none_or(|a| s.assignees.iter().any(|x| x.account_id == a))
        && (words.is_empty() || {
            let names = fold(
                &std::iter::once(s.startup.clone().unwrap_or_default()).chain(e.founders.iter().cloned()).collect::<Vec<_>>().join(" "),
            );
            words.iter().all(|w| names.contains(w.as_str()))
        })
}

/// The entries of `view` for `me`, in its order: every match (the CSV
/// export has them all; [`page`] cuts a page).
pub fn select(view: &View, me: i64, entries: Vec<Entry>) -> Vec<Entry> {
    let words: Vec<String> = fold(&view.q).split_whitespace().map(str::to_owned).collect();
    let mut out: Vec<Entry> = entries.into_iter().filter(|e| matches(view, me, e, &words)).collect();
    // Newest first; received_at is an RFC 3339 time, so text order is time
    // order. Stable: ties keep the order given (the store's, newest first).
    out.sort_by(|a, b| b.summary.received_at.cmp(&a.summary.received_at));
    if view.sort == Sort::Score {
        // Stable: equal averages (and the unscored) stay newest first.
        out.sort_by(|a, b| match (a.summary.average, b.summary.average) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    out
}

/// The page `view.page` of `selected` (empty past the last page).
pub fn page(view: &View, selected: Vec<Entry>) -> Vec<Entry> {
    selected.into_iter().skip((view.page - 1).saturating_mul(PAGE)).take(PAGE).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Assignee;
    use crate::staff::Role;

    fn entry(
        reference: &str,
        status: Status,
        startup: &str,
        founders: &[&str],
        assignees: &[i64],
        average: Option<f64>,
        day: u32,
    ) -> Entry {
        Entry {
            summary: StaffSummary {
                reference: reference.into(),
                status,
                outcome: None,
                startup: Some(startup.into()),
                sector: Some("solar".into()),
                region: Some(if day.is_multiple_of(2) { "souss-massa" } else { "oriental" }.into()),
                // The first application came before calls were recorded.
                call: (day > 1).then(|| if day > 3 { "gbi-2026" } else { "gbi-2025" }.into()),
                received_at: format!("2026-11-{day:02}T10:00:00Z"),
                updated_at: String::new(),
                assignees: assignees.iter().map(|id| Assignee { account_id: *id, name: format!("P{id}"), role: Role::Reviewer }).collect(),
                my_score: None,
                average,
            },
            founders: founders.iter().map(|f| (*f).to_owned()).collect(),
        }
    }

    fn refs(v: &View, me: i64, e: Vec<Entry>) -> Vec<String> {
        select(v, me, e).into_iter().map(|e| e.summary.reference).collect()
    }

    fn sample() -> Vec<Entry> {
        vec![
            entry("A", Status::Received, "SunBox", &["Salma Élkhatib"], &[], None, 1),
            entry("B", Status::Preselected, "Atlas Wind", &["Youssef"], &[7], Some(4.2), 2),
            entry("C", Status::Decided, "Hydro Maroc", &["عبد الله"], &[7], Some(3.0), 3),
            entry("D", Status::Withdrawn, "Argan Solar", &["Nadia"], &[], None, 4),
            entry("E", Status::Jury, "Oasis Power", &["Karim"], &[8], Some(4.8), 5),
        ]
    }

    #[test]
    fn tabs_split_the_queue_as_the_team_works_it() {
        let v = |tab| View { tab: Some(tab), ..View::default() };
        assert_eq!(refs(&v(Tab::ToPickUp), 7, sample()), ["A"]);
        assert_eq!(refs(&v(Tab::Mine), 7, sample()), ["B"]);
        assert_eq!(refs(&v(Tab::Open), 7, sample()), ["E", "B", "A"]);
        assert_eq!(refs(&v(Tab::Decided), 7, sample()), ["C"]);
        assert_eq!(refs(&v(Tab::Withdrawn), 7, sample()), ["D"]);
        assert_eq!(refs(&View::default(), 7, sample()).len(), 5);
    }

    #[test]
    fn filters_search_folding_and_sort_by_score() {
        let q = |q: &str| View { q: q.into(), ..View::default() };
        assert_eq!(refs(&q("salma elkhatib"), 1, sample()), ["A"], "accents folded");
        assert_eq!(refs(&q("SUNBOX"), 1, sample()), ["A"]);
        assert_eq!(refs(&q("عبد"), 1, sample()), ["C"], "Arabic founders' names");
        assert!(refs(&q("nobody"), 1, sample()).is_empty());
        let region = View { region: Some("oriental".into()), ..View::default() };
        assert_eq!(refs(&region, 1, sample()), ["E", "C", "A"]);
        let assignee = View { assignee: Some(8), ..View::default() };
        assert_eq!(refs(&assignee, 1, sample()), ["E"]);
        let call = View { call: Some("gbi-2026".into()), ..View::default() };
        assert_eq!(refs(&call, 1, sample()), ["E", "D"], "a call's own applications; none of an unrecorded call");
        let stage = View { stage: Some(Status::Preselected), ..View::default() };
        assert_eq!(refs(&stage, 1, sample()), ["B"]);
        let score = View { sort: Sort::Score, ..View::default() };
        assert_eq!(refs(&score, 1, sample()), ["E", "B", "C", "D", "A"], "scored highest first, then the unscored newest first");
    }

    #[test]
    fn the_view_round_trips_through_the_query_and_bad_values_are_named() {
        let pairs = |s: &str| crate::url::parse_query(s);
        let v = View::parse(&pairs("tab=mine&call=gbi-2026&stage=jury&sector=solar&q=sun%20box&sort=score&page=3&other=1")).unwrap();
        assert_eq!(v.tab, Some(Tab::Mine));
        assert_eq!(v.call.as_deref(), Some("gbi-2026"));
        assert_eq!(v.q, "sun box");
        assert_eq!(View::parse(&pairs(&v.query())).unwrap(), v);
        assert_eq!(View::default().query(), "");
        assert_eq!(View::parse(&pairs("status=decided")).unwrap().stage, Some(Status::Decided));
        assert_eq!(View::parse(&pairs("page=0")), Err(BadParameter("page")));
        assert_eq!(View::parse(&pairs("page=9223372036854775808")), Err(BadParameter("page")), "past the documented maximum");
        assert_eq!(View::parse(&pairs("page=9223372036854775807")).unwrap().page as u64, i64::MAX as u64);
        assert_eq!(View::parse(&pairs("tab=everything")), Err(BadParameter("tab")));
        assert_eq!(View::parse(&pairs("assignee=x")), Err(BadParameter("assignee")));
        assert_eq!(View::parse(&pairs("assignee=&tab=nope")), Err(BadParameter("assignee")));
        assert_eq!(View::parse(&pairs("tab=nope&page=-3")), Err(BadParameter("page")), "the number first");
    }

    #[test]
    fn pages_hold_fifty() {
        let many: Vec<Entry> = (0..120).map(|i| entry(&format!("R{i:03}"), Status::Received, "S", &[], &[], None, 1 + i % 28)).collect();
        let all = select(&View::default(), 1, many);
        assert_eq!(all.len(), 120);
        assert_eq!(page(&View::default(), all.clone()).len(), 50);
        assert_eq!(page(&View { page: 3, ..View::default() }, all.clone()).len(), 20);
        assert!(page(&View { page: 4, ..View::default() }, all.clone()).is_empty());
        assert!(page(&View { page: usize::MAX, ..View::default() }, all).is_empty(), "no overflow");
    }
}
