//! Numbers, amounts and dates as each language writes them (docs/routes.md,
//! "Language"): French "400 000 DH", "14 MDH"; Arabic with Western digits.

use crate::lang::Lang;

/// An integer with the language's digit grouping: a narrow no-break space in
/// French ("400 000"), a comma in English and Arabic ("400,000").
pub fn int(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Fr => '\u{202F}',
        Lang::Ar | Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A published count, with "+" when the source gives a lower bound ("210+").
pub fn count(n: u64, lower_bound: bool, lang: Lang) -> String {
    let mut s = int(n, lang);
    if lower_bound {
        s.push('+');
    }
    s
}

/// A whole percentage: "33 %" in French (narrow no-break space),
/// "33%" in English and Arabic.
pub fn percent(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{}\u{202F}%", int(n, lang)),
        Lang::Ar | Lang::En => format!("{}%", int(n, lang)),
    }
}

/// An amount of dirhams in millions: "14 MDH", "14 مليون درهم", "MAD 14 million".
/// Keeps one decimal when the amount is not a whole number of millions.
pub fn mad_millions(amount: u64, lang: Lang) -> String {
    let tenths = (amount + 50_000) / 100_000;
    let number = if tenths.is_multiple_of(10) {
        int(tenths / 10, lang)
    } else {
        let dec = if lang == Lang::Fr { ',' } else { '.' };
        format!("{}{dec}{}", int(tenths / 10, lang), tenths % 10)
    };
    match lang {
        Lang::Fr => format!("{number}\u{a0}MDH"),
        Lang::Ar => format!("{number} مليون درهم"),
        Lang::En => format!("MAD {number} million"),
    }
}

/// A score out of 5 with two decimals, the decimal mark of the language:
/// "3,71" in French, "3.71" in English and Arabic (a score that is not a
/// finite number reads as "–").
pub fn score(x: f64, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let text = format!("{:.2}", x);
    if lang == Lang::Fr { text.replace('.', ",") } else { text }
}

/// Items joined as a list: "Casablanca, Casablanca-Settat"; in Arabic with
/// the Arabic comma "الدار البيضاء، الدار البيضاء سطات".
pub fn join<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    let sep = if lang == Lang::Ar { "، " } else { ", " };
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(sep)
}

/// Wraps text in Unicode first-strong isolates (FSI … PDI), the plain-text
/// form of `<bdi>`: a Latin URL, path or name inside an Arabic sentence keeps
/// its own direction and does not drag the punctuation around it.
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

const MONTHS: [[&str; 12]; 3] = [
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"],
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
];

/// An ISO date (`YYYY-MM-DD`) written out: "23 février 2024", "23 فبراير 2024",
/// "23 February 2024". Anything else is returned as it is.
pub fn date(iso: &str, lang: Lang) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let parsed = match parts.as_slice() {
        [y, m, d] => y.parse::<u16>().ok().zip(m.parse::<usize>().ok()).zip(d.parse::<u8>().ok()),
        _ => None,
    };
    match parsed {
        Some(((y, m), d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            let day = if lang == Lang::Fr && d == 1 { "1er".to_owned() } else { d.to_string() };
            format!("{day} {} {y}", month_name(m, lang))
        }
        _ => iso.to_owned(),
    }
}

/// The name of month `m` (1–12) in `lang`.
fn month_name(m: usize, lang: Lang) -> &'static str {
    let table = match lang {
        Lang::Fr => 0,
        Lang::Ar => 1,
        Lang::En => 2,
    };
    MONTHS[table][m - 1]
}

/// A month (`YYYY-MM`) written out: "mars 2027", "مارس 2027", "March 2027".
/// Anything else is returned as it is.
pub fn month(ym: &str, lang: Lang) -> String {
    match ym.split_once('-').and_then(|(y, m)| y.parse::<u16>().ok().zip(m.parse::<usize>().ok())) {
        Some((y, m)) if (1..=12).contains(&m) && ym.len() == 7 => format!("{} {y}", month_name(m, lang)),
        _ => ym.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ints() {
        assert_eq!(int(400_000, Lang::Fr), "400\u{202F}000");
        assert_eq!(int(1_234_567, Lang::En), "1,234,567");
        assert_eq!(int(999, Lang::Ar), "999");
        assert_eq!(int(0, Lang::Fr), "0");
    }

    #[test]
    fn counts_and_amounts() {
        assert_eq!(count(210, true, Lang::Fr), "210+");
        assert_eq!(count(80, false, Lang::En), "80");
        assert_eq!(percent(33, Lang::Fr), "33\u{202F}%");
        assert_eq!(percent(33, Lang::Ar), "33%");
        assert_eq!(percent(100, Lang::En), "100%");
        assert_eq!(mad_millions(14_000_000, Lang::Fr), "14\u{a0}MDH");
        assert_eq!(mad_millions(14_000_000, Lang::Ar), "14 مليون درهم");
        assert_eq!(mad_millions(14_000_000, Lang::En), "MAD 14 million");
        assert_eq!(mad_millions(2_450_000, Lang::Fr), "2,5\u{a0}MDH");
        assert_eq!(mad_millions(2_450_000, Lang::En), "MAD 2.5 million");
    }

    #[test]
    fn lists() {
        assert_eq!(join(&["Agadir", "Souss-Massa"], Lang::Fr), "Agadir, Souss-Massa");
        assert_eq!(join(&["أكادير", "سوس ماسة"], Lang::Ar), "أكادير، سوس ماسة");
    }

    #[test]
    fn isolates() {
        assert_eq!(isolate("http://x"), "\u{2068}http://x\u{2069}");
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-02-23", Lang::Fr), "23 février 2024");
        assert_eq!(date("2024-02-23", Lang::Ar), "23 فبراير 2024");
        assert_eq!(date("2024-02-23", Lang::En), "23 February 2024");
        assert_eq!(date("2024-03-01", Lang::Fr), "1er mars 2024");
        assert_eq!(date("garbage", Lang::Fr), "garbage");
        assert_eq!(date("2024-13-01", Lang::Fr), "2024-13-01");
        // Months alone (when the next call is expected).
        assert_eq!(month("2027-03", Lang::Fr), "mars 2027");
        assert_eq!(month("2027-03", Lang::En), "March 2027");
        assert_eq!(month("2027-13", Lang::En), "2027-13");
        assert_eq!(month("soon", Lang::Fr), "soon");
    }

    proptest! {
        #[test]
        fn int_keeps_digits(n in any::<u64>()) {
            for l in Lang::ALL {
                let digits: String = int(n, l).chars().filter(char::is_ascii_digit).collect();
                prop_assert_eq!(digits, n.to_string());
            }
        }

        #[test]
        fn date_never_panics(s in "\\PC{0,20}") {
            let _ = date(&s, Lang::Fr);
        }
    }

    #[test]
    fn a_score_has_two_decimals_and_the_languages_mark() {
        assert_eq!(score(31.0 / 7.0, Lang::Fr), "4,43");
        assert_eq!(score(4.714, Lang::En), "4.71");
        assert_eq!(score(5.0, Lang::Ar), "5.00");
        assert_eq!(score(f64::NAN, Lang::Fr), "–");
    }
}
