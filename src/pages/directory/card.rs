//! One result of a directory: the card's model, built from a record, and
//! its view.

use cluster_core::format;
use cluster_core::lang::Lang;
use cluster_core::model::{Dataset, Member, Startup};
use cluster_core::text::Text;
use leptos::prelude::*;

/// One result, ready to show.
#[derive(Clone, PartialEq)]
pub struct Card {
    pub href: String,
    pub name: String,
    /// The name's own language when it falls back to French.
    pub name_lang: Option<&'static str>,
    /// Its facts on one line, each isolated (its own direction, like a
    /// `dir="auto"` element) and separated by middle dots.
    pub meta: String,
    pub badges: Vec<String>,
}

fn place(d: &Dataset, region: &str, city: &str, lang: Lang) -> String {
    let r = d.region(region);
    let c = r.and_then(|r| r.cities.iter().find(|c| c.id == city));
    format::join(&[c.map_or(city, |c| c.name.in_lang(lang)), r.map_or(region, |r| r.name.in_lang(lang))], lang)
}

impl Card {
    /// A card named `name` in `lang` (marked with the name's own language
    /// when it falls back to French).
    fn new(href: String, name: &Text, lang: Lang, meta: Vec<String>, badges: Vec<String>) -> Card {
        let (text, used) = name.get(lang);
        let meta = meta.iter().map(|m| format::isolate(m)).collect::<Vec<_>>().join(" · ");
        Card { href, name: text.to_owned(), name_lang: (used != lang).then_some(used.code()), meta, badges }
    }

    /// A member's card.
    pub fn member(d: &Dataset, m: &Member, lang: Lang) -> Card {
        let meta = vec![d.name_in("sector", &m.sector, lang), d.name_in("type", &m.member_type, lang), place(d, &m.region, &m.city, lang)];
        Card::new(format!("/members/{}", m.id), &m.name, lang, meta, m.labels.iter().map(|l| d.name_in("label", l, lang)).collect())
    }

    /// A start-up's card.
    pub fn startup(d: &Dataset, s: &Startup, lang: Lang) -> Card {
        let meta = vec![d.name_in("sector", &s.sector, lang), place(d, &s.region, &s.city, lang), s.cohort.to_string()];
        Card::new(format!("/startups/{}", s.id), &s.name, lang, meta, Vec::new())
    }
}

/// One result: its name (a link to the profile), facts and labels, in as
/// few elements as their styles allow (a page of results changes at each
/// key press).
#[component]
pub fn ResultCard(card: Card) -> impl IntoView {
    let Card { href, name, name_lang, meta, badges } = card;
    view! {
        <li class="result" data-testid="dir-result">
            // A plain link: the router handles its clicks, and it costs less than <A> in a list that changes per keystroke.
            <h2><a href=href lang=name_lang dir="auto">{name}</a></h2>
            <p class="meta">{meta}</p>
            {(!badges.is_empty())
                .then(|| view! { <p class="badges">{badges.into_iter().map(|b| view! { <span class="badge">{b}</span> }).collect::<Vec<_>>()}</p> })}
        </li>
    }
}
