//! The score sheet and the board (docs/staff.md, "Scores"): every criterion
//! of the call's rubric scored 1–5 with a comment; the others' sheets, the
//! average and the spread only once one's own is in, as the API answers.

use super::api::{self, Failure};
use super::failure_alert;
use crate::i18n::*;
use crate::lang_of;
use cluster_core::format;
use cluster_core::review::{Mark, SCALE, ScoreBoard, check_text};
use leptos::prelude::*;

/// One criterion's entry on the sheet.
#[derive(Clone, Copy)]
struct Entry {
    score: RwSignal<Option<u8>>,
    comment: RwSignal<String>,
}

#[component]
pub fn Scores(reference: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("/applications/{reference}/scores");
    let board: RwSignal<Option<Result<ScoreBoard, Failure>>> = RwSignal::new(None);
    let p = path.clone();
    leptos::task::spawn_local(async move { board.set(Some(api::call::<ScoreBoard>("GET", &p, None).await)) });
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let body = move || match board.get() {
        None => ().into_any(),
        Some(Err(e)) => failure_alert(&e),
        Some(Ok(b)) => {
            let lang = lang_of(i18n.get_locale_untracked());
            let entries: Vec<Entry> = b
                .rubric
                .criteria
                .iter()
                .map(|c| {
                    let mark = b.mine.as_ref().and_then(|m| m.marks.iter().find(|x| x.criterion == c.id));
                    Entry {
                        score: RwSignal::new(mark.map(|m| m.score)),
                        comment: RwSignal::new(mark.map(|m| m.comment.clone()).unwrap_or_default()),
                    }
                })
                .collect();
            let criteria = b.rubric.criteria.clone();
            let path = path.clone();
            let submit = {
                let (entries, criteria) = (entries.clone(), criteria.clone());
                move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    saved.set(false);
                    let mut marks = Vec::new();
                    for (c, e) in criteria.iter().zip(&entries) {
                        match (e.score.get_untracked(), check_text(&e.comment.get_untracked())) {
                            (Some(score), Ok(comment)) => marks.push(Mark { criterion: c.id.clone(), score, comment }),
                            (score, _) => {
                                let label = c.label.in_lang(lang).to_owned();
                                error.set(Some(td_string!(i18n.get_locale_untracked(), w_score_missing, criterion = label).to_string()));
                                let id = if score.is_none() { format!("w-score-{}-1", c.id) } else { format!("w-comment-{}", c.id) };
                                crate::browser::focus_later(id);
                                return;
                            }
                        }
                    }
                    error.set(None);
                    let (p, body) = (path.clone(), serde_json::json!({ "marks": marks }));
                    leptos::task::spawn_local(async move {
                        match api::call::<ScoreBoard>("PUT", &p, Some(body)).await {
                            Ok(b) => {
                                saved.set(true);
                                board.set(Some(Ok(b)));
                            }
                            Err(e) => error.set(Some(e.message())),
                        }
                    });
                }
            };
            let fields = criteria
                .iter()
                .zip(entries.iter().copied())
                .map(|(c, e)| {
                    let label = c.label.in_lang(lang).to_owned();
                    let radios = (SCALE.0..=SCALE.1)
                        .map(|n| {
                            let id = format!("w-score-{}-{n}", c.id);
                            view! {
                                <label class="score-choice" for=id.clone()>
                                    <input type="radio" id=id.clone() name=format!("w-score-{}", c.id) value=n.to_string()
                                        prop:checked=move || e.score.get() == Some(n) on:change=move |_| e.score.set(Some(n)) />
                                    <span>{n}</span>
                                </label>
                            }
                        })
                        .collect::<Vec<_>>();
                    let comment_id = format!("w-comment-{}", c.id);
                    view! {
                        <fieldset class="criterion" data-testid=format!("criterion-{}", c.id)>
                            <legend>{label}" "<span class="note">{td_string!(i18n.get_locale_untracked(), w_weight, weight = c.weight).to_string()}</span></legend>
                            <div class="score-scale" role="presentation">{radios}</div>
                            <label for=comment_id.clone()>{t_string!(i18n, w_comment)}</label>
                            <textarea id=comment_id rows="2" maxlength="2000" dir="auto" prop:value=e.comment
                                on:input=move |ev| e.comment.set(event_target_value(&ev))></textarea>
                        </fieldset>
                    }
                })
                .collect::<Vec<_>>();
            let submitted = b.mine.is_some();
            view! {
                {(!submitted).then(|| view! {
                    <p class="notice" data-testid="scores-blind">
                        {crate::plural(td_string!(i18n.get_locale_untracked(), w_scores_blind, count = b.submitted), lang, b.submitted as u64)}
                    </p>
                })}
                {board_view(&b)}
                <form class="staff-form score-sheet" on:submit=submit data-testid="score-sheet" novalidate>
                    <p class="hint">{t_string!(i18n, w_score_scale)}</p>
                    {fields}
                    <button type="submit" class="button" data-testid="score-submit">
                        {if submitted { t_string!(i18n, w_score_update) } else { t_string!(i18n, w_score_submit) }}
                    </button>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <section class="staff-block" aria-labelledby="w-scores" data-testid="scores">
            <h2 id="w-scores">{t_string!(i18n, w_scores)}</h2>
            {body}
            <div aria-live="polite">
                {move || saved.get().then(|| view! { <p class="notice" data-testid="score-saved">{t_string!(i18n, w_score_saved)}</p> })}
            </div>
            {move || error.get().map(|e| view! { <p class="data-status error" role="alert" dir="auto" data-testid="score-error">{e}</p> })}
        </section>
    }
}

/// Every sheet side by side, each criterion's spread (flagged at 3 or more),
/// and the team's average: only in a board whose reader has scored.
fn board_view(b: &ScoreBoard) -> Option<impl IntoView + use<>> {
    let i18n = use_i18n();
    let lang = lang_of(i18n.get_locale_untracked());
    let all = b.all.as_ref()?;
    let heads = all.iter().map(|s| view! { <th scope="col" dir="auto">{s.name.clone()}</th> }).collect::<Vec<_>>();
    let rows = b
        .rubric
        .criteria
        .iter()
        .map(|c| {
            let cells = all
                .iter()
                .map(|s| {
                    let mark = s.marks.iter().find(|m| m.criterion == c.id);
                    view! { <td class="num" title=mark.map(|m| m.comment.clone())>{mark.map(|m| m.score.to_string()).unwrap_or_default()}</td> }
                })
                .collect::<Vec<_>>();
            let spread = b.spread.iter().find(|s| s.criterion == c.id).map(|s| {
                let text = format!("{}–{}", s.min, s.max);
                let flag = s.flagged.then(|| {
                    view! { <strong class="flag" data-testid="spread-flag">" "{td_string!(i18n.get_locale_untracked(), w_spread_flag, diff = s.max - s.min).to_string()}</strong> }
                });
                view! { <span dir="ltr">{text}</span>{flag} }
            });
            view! { <tr class:flagged=b.spread.iter().any(|s| s.criterion == c.id && s.flagged)><th scope="row">{c.label.in_lang(lang).to_owned()}</th>{cells}<td>{spread}</td></tr> }
        })
        .collect::<Vec<_>>();
    let weighted = all.iter().map(|s| view! { <td class="num">{format::score(s.weighted, lang)}</td> }).collect::<Vec<_>>();
    let comments = all
        .iter()
        .map(|s| {
            let items = b
                .rubric
                .criteria
                .iter()
                .filter_map(|c| s.marks.iter().find(|m| m.criterion == c.id).map(|m| (c.label.in_lang(lang).to_owned(), m.clone())))
                .map(|(label, m)| view! { <div class="answer"><dt>{format!("{label} ({})", m.score)}</dt><dd dir="auto">{m.comment}</dd></div> })
                .collect::<Vec<_>>();
            view! { <details><summary dir="auto">{s.name.clone()}</summary><dl class="answers">{items}</dl></details> }
        })
        .collect::<Vec<_>>();
    Some(view! {
        <h3>{t_string!(i18n, w_board)}</h3>
        {b.average.map(|a| view! { <p class="average" data-testid="scores-average">{td_string!(i18n.get_locale_untracked(), w_average, value = format::score(a, lang)).to_string()}</p> })}
        <div class="table-scroll" tabindex="0" role="region" aria-label=t_string!(i18n, w_board)>
            <table class="board" data-testid="scores-board">
                <thead><tr><th scope="col">{t_string!(i18n, w_criterion)}</th>{heads}<th scope="col">{t_string!(i18n, w_spread)}</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{t_string!(i18n, w_weighted)}</th>{weighted}<td></td></tr></tfoot>
            </table>
        </div>
        {comments}
    })
}
