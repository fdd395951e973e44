//! Words that count: the three languages' plural rules (CLDR cardinal rules,
//! for whole numbers) and the texts that hold one form per rule.
//!
//! A plural text lists its forms as `category: text`, separated by ` | `:
//! `"one: {{ n }} caractère restant | other: {{ n }} caractères restants"`.
//! A language writes the categories it has (French: one, many, other;
//! English: one, other; Arabic: zero, one, two, few, many, other); a missing
//! one falls back to `other`. A text without that shape is its own only form.
//! leptos_i18n's own plurals (ICU data in the wasm) cost about 10.7 KB of
//! brotli per entry; these rules cost a few hundred bytes.

use crate::lang::Lang;

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub const ALL: [Plural; 6] = [Plural::Zero, Plural::One, Plural::Two, Plural::Few, Plural::Many, Plural::Other];

    /// The category of the whole number `n` in `lang`.
    pub fn of(lang: Lang, n: u64) -> Plural {
        match lang {
            // "0 membre", "1 membre", "2 membres", "1 000 000 de membres".
            Lang::Fr => match n {
                0 | 1 => Plural::One,
                _ if n.is_multiple_of(1_000_000) => Plural::Many,
                _ => Plural::Other,
            },
            Lang::En => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Lang::Ar => match (n, n % 100) {
                (0, _) => Plural::Zero,
                (1, _) => Plural::One,
                (2, _) => Plural::Two,
                (_, 3..=10) => Plural::Few,
                (_, 11..=99) => Plural::Many,
                _ => Plural::Other,
            },
        }
    }

    /// The categories `lang` distinguishes.
    pub fn categories(lang: Lang) -> &'static [Plural] {
        match lang {
            Lang::Fr => &[Plural::One, Plural::Many, Plural::Other],
            Lang::En => &[Plural::One, Plural::Other],
            Lang::Ar => &Plural::ALL,
        }
    }

    /// The category's name in a plural text.
    pub fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// The forms of a plural text, or `None` for a plain text.
pub fn forms(text: &str) -> Option<Vec<(Plural, &str)>> {
    text.split(" | ")
        .map(|part| {
            let (name, form) = part.split_once(": ")?;
            Some((Plural::ALL.into_iter().find(|p| p.name() == name)?, form))
        })
        .collect()
}

/// The form of `text` for the number `n` in `lang` (the whole text when it
/// is not a plural text).
pub fn pick(text: &str, lang: Lang, n: u64) -> &str {
    let Some(forms) = forms(text) else { return text };
    let wanted = Plural::of(lang, n);
    let find = |p: Plural| forms.iter().find(|(q, _)| *q == p).map(|(_, f)| *f);
    find(wanted).or_else(|| find(Plural::Other)).or_else(|| forms.last().map(|(_, f)| *f)).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_languages_rules() {
        let fr: Vec<Plural> = [0, 1, 2, 116, 1_000_000, 2_000_001].iter().map(|&n| Plural::of(Lang::Fr, n)).collect();
        assert_eq!(fr, [Plural::One, Plural::One, Plural::Other, Plural::Other, Plural::Many, Plural::Other]);
        let en: Vec<Plural> = [0, 1, 2, 101].iter().map(|&n| Plural::of(Lang::En, n)).collect();
        assert_eq!(en, [Plural::Other, Plural::One, Plural::Other, Plural::Other]);
        let ar: Vec<Plural> =
            [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 212, 605, 600].iter().map(|&n| Plural::of(Lang::Ar, n)).collect();
        use Plural::*;
        assert_eq!(ar, [Zero, One, Two, Few, Few, Many, Many, Other, Other, Few, Many, Many, Few, Other]);
    }

    #[test]
    fn a_text_gives_the_form_of_its_number() {
        let fr = "one: 1 membre | many: 1 000 000 de membres | other: 116 membres";
        assert_eq!(pick(fr, Lang::Fr, 1), "1 membre");
        assert_eq!(pick(fr, Lang::Fr, 116), "116 membres");
        assert_eq!(pick(fr, Lang::Fr, 3_000_000), "1 000 000 de membres");
        // A category the text lacks falls back to `other`.
        assert_eq!(pick("one: a | other: b", Lang::Ar, 0), "b");
        // A plain text, even one holding a colon or a bar, is itself.
        assert_eq!(pick("Étape : 3 | 4", Lang::Fr, 2), "Étape : 3 | 4");
        assert_eq!(forms("plain"), None);
        assert_eq!(forms("one: a | other: b"), Some(vec![(Plural::One, "a"), (Plural::Other, "b")]));
    }
}
