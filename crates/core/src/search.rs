//! Directory search (DESIGN.md, "Search"): every word of the query must occur
//! in the record's folded text in any of its languages. Folding ignores case
//! and French accents, and in Arabic the diacritics, tatweel and the
//! alef/hamza/ya/ta-marbuta variants, so "energie" finds "Énergie".

/// Folds text for matching and for name sorting: lowercase, Latin accents
/// dropped, Arabic diacritics and tatweel removed, Arabic letter variants
/// merged. Works on precomposed and decomposed input alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            // Combining accents (decomposed Latin) and Arabic harakat, superscript alef, tatweel.
            '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => {}
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => out.push('a'),
            'ç' | 'Ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => out.push('o'),
            'û' | 'ü' | 'ú' | 'ù' | 'Û' | 'Ü' | 'Ú' | 'Ù' => out.push('u'),
            'ÿ' | 'ý' | 'Ÿ' | 'Ý' => out.push('y'),
            'ñ' | 'Ñ' => out.push('n'),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            '’' | 'ʼ' | '`' => out.push('\''),
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ئ' => out.push('ي'),
            'ؤ' => out.push('و'),
            'ة' => out.push('ه'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The folded words of a query (empty words dropped).
pub fn query_words(q: &str) -> Vec<String> {
    fold(q).split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rule itself: every word occurs in the folded text.
    fn matches(haystack: &str, words: &[String]) -> bool {
        words.iter().all(|w| haystack.contains(w.as_str()))
    }

    #[test]
    fn french_accents_and_case() {
        assert_eq!(fold("Énergie Électrique"), "energie electrique");
        assert_eq!(fold("Ingénierie & Œuvre"), "ingenierie & oeuvre");
        assert_eq!(fold("E\u{0301}nergie"), "energie");
        assert!(matches(&fold("Solutions d'Énergie Solaire"), &query_words("energie  SOLAIRE")));
        assert!(!matches(&fold("Solutions solaires"), &query_words("solaire eolien")));
    }

    #[test]
    fn arabic_variants_diacritics_and_tatweel() {
        assert_eq!(fold("الطَّاقَة"), fold("الطاقه"));
        assert_eq!(fold("إِنتاج"), fold("انتاج"));
        assert_eq!(fold("مستشفى"), fold("مستشفي"));
        assert_eq!(fold("الطـــاقة"), fold("الطاقة"));
        assert_eq!(fold("مسؤول"), fold("مسوول"));
        assert!(matches(&fold("الطاقات المتجددة في المغرب"), &query_words("الطَاقَات المُتَجَدِّدَة")));
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn a_record_always_matches_its_own_words(s in "[a-zA-Zéèàçô ]{0,40}") {
            let words = query_words(&s);
            prop_assert!(matches(&fold(&s), &words));
        }
    }
}
