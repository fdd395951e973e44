//! Steps already drawn stay in the page, hidden, so that moving between
//! them draws nothing again: a control keeps what was typed in it, and the
//! check page's answers follow the draft. The steps share one grid cell, and
//! a hidden one has `content-visibility: hidden` (style/main.css): it takes
//! no room and keeps its styles and layout, so that showing it again is
//! quick. A change of the draft's shape (`generation`: a founder added, a
//! region chosen, another tab's draft) drops them all but the current one.
//!
//! Steps not yet visited are drawn ahead, hidden, and laid out once, one
//! piece of work per idle moment ([`Ahead`]), so that a first visit is as
//! quick as the next.

use cluster_core::form::Step;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which steps are drawn in the page: each drawn step's key (a new key
/// draws it again), for one `generation` of the draft's shape, and the
/// step shown.
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Drawn {
    generation: u32,
    draws: u32,
    pub keys: [Option<u32>; Step::ALL.len()],
    shown: usize,
}

impl Drawn {
    /// Draws step `s` if it is not drawn yet.
    fn draw(&mut self, s: Step) {
        if self.keys[s.index()].is_none() {
            self.draws += 1;
            self.keys[s.index()] = Some(self.draws);
        }
    }
}

/// What is done ahead at idle time, one piece per idle moment: lay out a
/// step drawn ahead (its first showing then only paints it), or draw the
/// next step not drawn yet. `wanted`: the generation and the steps asked
/// for; `laid_out`: the key each step was last laid out with.
#[derive(Clone, Copy)]
pub struct Ahead {
    pub drawn: Memo<Drawn>,
    wanted: RwSignal<(u32, u8)>,
    laid_out: StoredValue<[Option<u32>; Step::ALL.len()]>,
    pending: StoredValue<bool>,
}

enum Work {
    LayOut(Step),
    Draw(Step),
}

impl Ahead {
    /// The steps drawn while `step` is shown, for the draft's shape `generation`.
    pub fn new(step: Memo<Step>, generation: RwSignal<u32>) -> Ahead {
        let wanted = RwSignal::new((0u32, 0u8));
        let drawn = Memo::new(move |before: Option<&Drawn>| {
            let s = step.get();
            let generation = generation.get();
            let mut now = before.copied().unwrap_or_default();
            if now.generation != generation {
                // Keys keep counting up, so that the current step gets a new one.
                now = Drawn { generation, draws: now.draws, ..Drawn::default() };
            }
            now.draw(s);
            now.shown = s.index();
            let (for_generation, steps) = wanted.get();
            for t in Step::ALL {
                if for_generation == generation && steps & (1 << t.index()) != 0 {
                    now.draw(t);
                }
            }
            now
        });
        Ahead { drawn, wanted, laid_out: StoredValue::new([None; Step::ALL.len()]), pending: StoredValue::new(false) }
    }

    fn next(self) -> Option<Work> {
        let x = self.drawn.try_get_untracked()?;
        let laid = self.laid_out.try_update_value(|l| {
            // The step shown is laid out by being shown.
            l[x.shown] = x.keys[x.shown];
            *l
        })?;
        let todo = |t: &Step| x.keys[t.index()].is_some() && laid[t.index()] != x.keys[t.index()];
        (Step::ALL.into_iter().find(todo).map(Work::LayOut))
            .or_else(|| Step::ALL.into_iter().find(|t| x.keys[t.index()].is_none()).map(Work::Draw))
    }

    /// Asks for an idle moment if there is work left.
    pub fn schedule(self) {
        if self.pending.try_get_value() != Some(false) || self.next().is_none() {
            return;
        }
        self.pending.set_value(true);
        request_idle_callback(move || {
            self.pending.try_set_value(false);
            match self.next() {
                Some(Work::LayOut(t)) => {
                    lay_out_hidden(t.index());
                    let key = self.drawn.with_untracked(|x| x.keys[t.index()]);
                    self.laid_out.update_value(|l| l[t.index()] = key);
                    self.schedule();
                }
                // Drawing changes `drawn`, whose effect asks for the next moment.
                Some(Work::Draw(t)) => {
                    let generation = self.drawn.with_untracked(|x| x.generation);
                    self.wanted.update(|(g, wanted)| {
                        if *g != generation {
                            *g = generation;
                            *wanted = 0;
                        }
                        *wanted |= 1 << t.index();
                    });
                }
                None => {}
            }
        });
    }
}

/// Lays out the hidden step at `index` once, taking no room (`.laying-out`,
/// style/main.css) and never painted (the class goes before the next frame):
/// `content-visibility: hidden` keeps that layout, so showing the step later
/// does not compute it.
fn lay_out_hidden(index: usize) {
    let Some(el) = document()
        .query_selector_all(".steps > .step-fields")
        .ok()
        .and_then(|l| l.item(index as u32))
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if el.hidden() {
        let classes = el.class_list();
        let _ = classes.add_1("laying-out");
        let _ = el.offset_height();
        let _ = classes.remove_1("laying-out");
    }
}
