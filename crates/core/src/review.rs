//! Scoring applications (docs/staff.md, "Scores"): each call's rubric of
//! weighted criteria on a 1–5 scale, a reviewer's score sheet and its
//! checks, and the score board a reviewer sees. One rule is kept here for
//! the server and the screens alike: a reviewer sees the others' scores
//! only once their own sheet is in.

use crate::codes::Code;
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// The lowest and highest score of a criterion.
pub const SCALE: (u8, u8) = (1, 5);

/// Scores of one criterion this far apart (or more) are flagged for
/// moderation.
pub const SPREAD_FLAG: u8 = 3;

/// The longest comment on a criterion, in characters.
pub const COMMENT_MAX: usize = 2000;

/// One criterion of a rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    /// Slug, unique in its rubric.
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub label: Text,
    /// Its weight in the weighted average (at least 1).
    pub weight: u32,
}

/// A call's rubric: its criteria, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rubric {
    pub call: String,
    pub criteria: Vec<Criterion>,
}

/// The incubator's seven criteria, equal weights: the rubric every call
/// starts with (the server keeps it, and the staff may change it).
pub fn seed_rubric(call: &str) -> Rubric {
    let c = |id: &str, fr: &str, ar: &str, en: &str| Criterion {
        id: id.to_owned(),
        label: Text { fr: fr.to_owned(), ar: Some(ar.to_owned()), en: Some(en.to_owned()) },
        weight: 1,
    };
    Rubric {
        call: call.to_owned(),
        criteria: vec![
            c("founder", "Parcours du porteur", "مسار حامل المشروع", "Founder background"),
            c("innovation", "Innovation", "الابتكار", "Innovation"),
            c("environment", "Dimension environnementale", "البعد البيئي", "Environmental dimension"),
            c("business_model", "Modèle économique et pérennité", "النموذج الاقتصادي والاستدامة", "Business model and sustainability"),
            c("jobs", "Création d'emplois", "خلق فرص الشغل", "Job creation"),
            c("integration", "Taux d'intégration industrielle", "نسبة الإدماج الصناعي", "Industrial integration rate"),
            c("social", "Impact social", "الأثر الاجتماعي", "Social impact"),
        ],
    }
}

/// A score and its comment on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mark {
    pub criterion: String,
    /// From 1 to 5.
    pub score: u8,
    pub comment: String,
}

/// What a reviewer sends: a mark for every criterion of the rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sheet {
    pub marks: Vec<Mark>,
}

/// `sheet` with its comments trimmed, in the rubric's order, or why it is
/// refused: a criterion missing, unknown or twice ([`Code::Count`]), a
/// score off the scale ([`Code::Range`]), a comment empty or too long
/// ([`Code::NoteRequired`]).
pub fn check_sheet(rubric: &Rubric, sheet: &Sheet) -> Result<Vec<Mark>, Code> {
    if sheet.marks.len() != rubric.criteria.len() {
        return Err(Code::Count);
    }
    let mut out = Vec::with_capacity(rubric.criteria.len());
    for c in &rubric.criteria {
        let mut these = sheet.marks.iter().filter(|m| m.criterion == c.id);
        let (Some(m), None) = (these.next(), these.next()) else { return Err(Code::Count) };
        if m.score < SCALE.0 || m.score > SCALE.1 {
            return Err(Code::Range);
        }
        out.push(Mark { criterion: c.id.clone(), score: m.score, comment: check_text(&m.comment)? });
    }
    Ok(out)
}

/// A private note on an application: for the team, never shown to the
/// applicant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub author: String,
    pub text: String,
    pub at: String,
}

/// What a note or a declared conflict of interest says (1 to 2 000
/// characters, not only spaces).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Said {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000, pattern = r"\S"))]
    pub text: String,
}

/// A comment, note or reason trimmed, or [`Code::NoteRequired`] when it is
/// empty or over [`COMMENT_MAX`] characters: one rule for all three.
pub fn check_text(text: &str) -> Result<String, Code> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > COMMENT_MAX { Err(Code::NoteRequired) } else { Ok(text.to_owned()) }
}

/// One reviewer's submitted sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewerScores {
    pub account_id: i64,
    pub name: String,
    pub submitted_at: String,
    pub marks: Vec<Mark>,
    /// The weighted average of the marks, by the rubric's weights.
    pub weighted: f64,
}

/// How far apart the reviewers' scores of one criterion are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Spread {
    pub criterion: String,
    pub min: u8,
    pub max: u8,
    /// `max - min` is [`SPREAD_FLAG`] or more: to moderate.
    pub flagged: bool,
}

/// What a reviewer sees of an application's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreBoard {
    pub rubric: Rubric,
    /// The reader's own sheet, once submitted.
    pub mine: Option<ReviewerScores>,
    /// How many sheets are in, the reader's included.
    pub submitted: usize,
    /// Every sheet, the reader's included, once the reader's is in; `None`
    /// before (the others' scores stay unseen until one has scored).
    pub all: Option<Vec<ReviewerScores>>,
    /// The mean of the sheets' weighted averages (with `all`).
    pub average: Option<f64>,
    /// Per criterion, with `all`, when two sheets or more are in.
    pub spread: Vec<Spread>,
}

/// The weighted average of `marks` by `rubric`'s weights (criteria with
/// no mark count for nothing).
pub fn weighted(rubric: &Rubric, marks: &[Mark]) -> f64 {
    let (mut sum, mut weights) = (0u64, 0u64);
    for c in &rubric.criteria {
        if let Some(m) = marks.iter().find(|m| m.criterion == c.id) {
            sum += u64::from(m.score) * u64::from(c.weight);
            weights += u64::from(c.weight);
        }
    }
    if weights == 0 { 0.0 } else { sum as f64 / weights as f64 }
}

/// The board `reader` sees among `sheets` (each reviewer's submitted
/// sheet): the others only once the reader's own is in.
pub fn board(rubric: &Rubric, reader: i64, sheets: Vec<ReviewerScores>) -> ScoreBoard {
    let mine = sheets.iter().find(|s| s.account_id == reader).cloned();
    let submitted = sheets.len();
    if mine.is_none() {
        return ScoreBoard { rubric: rubric.clone(), mine, submitted, all: None, average: None, spread: Vec::new() };
    }
    let average = Some(sheets.iter().map(|s| s.weighted).sum::<f64>() / sheets.len() as f64);
    let spread = if sheets.len() < 2 {
        Vec::new()
    } else {
        rubric
            .criteria
            .iter()
            .filter_map(|c| {
                let scores = sheets.iter().filter_map(|s| s.marks.iter().find(|m| m.criterion == c.id).map(|m| m.score));
                let (min, max) = scores.fold((u8::MAX, u8::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
                (min <= max).then(|| Spread { criterion: c.id.clone(), min, max, flagged: max - min >= SPREAD_FLAG })
            })
            .collect()
    };
    ScoreBoard { rubric: rubric.clone(), mine, submitted, all: Some(sheets), average, spread }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rubric: &Rubric, scores: &[u8]) -> Sheet {
        Sheet {
            marks: rubric
                .criteria
                .iter()
                .zip(scores)
                .map(|(c, s)| Mark { criterion: c.id.clone(), score: *s, comment: format!(" on {} ", c.id) })
                .collect(),
        }
    }

    fn scores(rubric: &Rubric, account_id: i64, s: &[u8]) -> ReviewerScores {
        let marks = check_sheet(rubric, &sheet(rubric, s)).unwrap();
        ReviewerScores {
            account_id,
            name: format!("R{account_id}"),
            submitted_at: "2026-12-04T10:00:00Z".into(),
            weighted: weighted(rubric, &marks),
            marks,
        }
    }

    #[test]
    fn the_seed_rubric_has_the_seven_criteria_with_equal_weights_in_three_languages() {
        let r = seed_rubric("gbi-rolling");
        assert_eq!(r.criteria.len(), 7);
        assert!(r.criteria.iter().all(|c| c.weight == 1 && c.label.ar.is_some() && c.label.en.is_some()));
        let mut ids: Vec<_> = r.criteria.iter().map(|c| c.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 7);
    }

    #[test]
    fn a_sheet_needs_every_criterion_once_on_the_scale_with_a_comment() {
        let r = seed_rubric("c");
        let ok = check_sheet(&r, &sheet(&r, &[1, 2, 3, 4, 5, 5, 1])).unwrap();
        assert_eq!(ok[0].comment, "on founder", "trimmed");
        assert_eq!(check_sheet(&r, &sheet(&r, &[1, 2, 3])), Err(Code::Count));
        assert_eq!(check_sheet(&r, &sheet(&r, &[1, 2, 3, 4, 5, 6, 1])), Err(Code::Range));
        assert_eq!(check_sheet(&r, &sheet(&r, &[0, 2, 3, 4, 5, 5, 1])), Err(Code::Range));
        let mut twice = sheet(&r, &[1, 2, 3, 4, 5, 5, 1]);
        twice.marks[1].criterion = "founder".into();
        assert_eq!(check_sheet(&r, &twice), Err(Code::Count));
        let mut blank = sheet(&r, &[1, 2, 3, 4, 5, 5, 1]);
        blank.marks[3].comment = "  ".into();
        assert_eq!(check_sheet(&r, &blank), Err(Code::NoteRequired));
    }

    #[test]
    fn weights_count_in_the_average() {
        let mut r = seed_rubric("c");
        r.criteria.truncate(2);
        r.criteria[0].weight = 3;
        let marks = check_sheet(&r, &sheet(&r, &[5, 1])).unwrap();
        assert_eq!(weighted(&r, &marks), 4.0);
    }

    #[test]
    fn the_others_scores_stay_hidden_until_ones_own_sheet_is_in_then_average_and_spread_show() {
        let r = seed_rubric("c");
        let a = scores(&r, 1, &[5, 5, 5, 5, 5, 5, 5]);
        let b = scores(&r, 2, &[2, 4, 5, 5, 5, 5, 5]);
        let before = board(&r, 2, vec![a.clone()]);
        assert_eq!((before.mine.is_none(), before.all.is_none(), before.average, before.submitted), (true, true, None, 1));
        assert!(before.spread.is_empty());
        let after = board(&r, 2, vec![a, b]);
        assert_eq!(after.mine.as_ref().unwrap().account_id, 2);
        assert_eq!(after.all.as_ref().unwrap().len(), 2);
        let avg = after.average.unwrap();
        assert!((avg - (5.0 + 31.0 / 7.0) / 2.0).abs() < 1e-9, "{avg}");
        assert_eq!(after.spread[0], Spread { criterion: "founder".into(), min: 2, max: 5, flagged: true });
        assert!(!after.spread[1].flagged, "5 and 4 are one apart");
        let alone = board(&r, 1, vec![scores(&r, 1, &[3; 7])]);
        assert_eq!((alone.average, alone.spread.len()), (Some(3.0), 0));
    }
}
