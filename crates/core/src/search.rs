//! Directory search (docs/routes.md, "Directory views in the URL"): every word of the query must occur
//! in the record's folded text in any of its languages. Folding ignores case
//! and French accents, and in Arabic the diacritics, tatweel and the
//! alef/hamza/ya/ta-marbuta variants, so "energie" finds "Énergie".

/// Folds text for matching and for name sorting: lowercase, Latin letters
/// to their base letters (accents, cedillas, carons, ogoneks, strokes and
/// double acutes dropped; æ œ ß þ spelled out), Arabic diacritics and tatweel
/// removed, Arabic letter variants merged. Works on precomposed and
/// decomposed input alike, and is idempotent: every character it writes
/// folds to itself.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // Runs of plain ASCII (most French and English text) are copied and
        // lowercased at once, every other character goes through `fold_char`:
        // 2.7 times faster on the members' file (1.5 ms, natively).
        let run = rest.bytes().position(|b| !b.is_ascii() || b == b'`').unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..run]);
        out[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            fold_char(c, &mut out);
            rest = chars.as_str();
        }
    }
    out
}

/// Folds one character onto `out`.
fn fold_char(c: char, out: &mut String) {
    // Lowercasing may give several characters ("İ" is "i" and a combining
    // dot): each is folded in turn.
    for l in c.to_lowercase() {
        fold_lower(l, out);
    }
}

fn fold_lower(c: char, out: &mut String) {
    let base = match c {
        // Combining accents (decomposed Latin) and Arabic harakat, superscript alef, tatweel.
        '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => return,
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ǻ' | 'ạ' | 'ả' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẽ' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ǿ' | 'ọ' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ụ' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' | 'ỳ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'æ' | 'ǽ' => return out.push_str("ae"),
        'œ' => return out.push_str("oe"),
        'ß' => return out.push_str("ss"),
        'þ' => return out.push_str("th"),
        '’' | 'ʼ' | '`' => '\'',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' => 'ي',
        'ؤ' => 'و',
        'ة' => 'ه',
        c => c,
    };
    out.push(base);
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
    fn idempotent_where_lowercasing_adds_a_mark() {
        for s in ["İ", "İstanbul Enerji", "ẞ", "Ǆ", "ŉ", "ΐ"] {
            let once = fold(s);
            assert_eq!(fold(&once), once, "{s}");
        }
        assert_eq!(fold("İzmir"), "izmir");
    }

    #[test]
    fn latin_letters_of_real_company_names() {
        let table = [
            ("Société Générale Maroc", "societe generale maroc"),
            ("Crédit Agricole du Maroc", "credit agricole du maroc"),
            ("Électricité de France", "electricite de france"),
            ("Saint-Gobain Maroc", "saint-gobain maroc"),
            ("Lesieur Cristal", "lesieur cristal"),
            ("Cœur de Maroc Énergies", "coeur de maroc energies"),
            ("Ørsted", "orsted"),
            ("Łukasiewicz Energia", "lukasiewicz energia"),
            ("Škoda Energo", "skoda energo"),
            ("Straße Solar GmbH", "strasse solar gmbh"),
            ("Dǎnǒng Hǔ", "danong hu"),
            ("Győr Hőerőmű", "gyor hoeromu"),
            ("Ægir Power", "aegir power"),
            ("Þórsmörk Orka", "thorsmork orka"),
            ("Țara Solară", "tara solara"),
            ("Şirketi Güneş", "sirketi gunes"),
            ("Dakhla Énergies d'Aujourd’hui", "dakhla energies d'aujourd'hui"),
        ];
        for (name, folded) in table {
            assert_eq!(fold(name), folded, "{name}");
            assert!(matches(&fold(name), &query_words(folded)), "{name} is found by its plain spelling");
        }
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

    /// The rule character by character, without the ASCII runs.
    fn fold_each(s: &str) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| fold_char(c, &mut out));
        out
    }

    proptest! {
        #[test]
        fn ascii_runs_fold_like_single_characters(s in "[\\PC`]{0,40}|[A-Za-z0-9 `'ÉİŒàœ\\u{0301}\\u{064B}أ]{0,40}") {
            prop_assert_eq!(fold(&s), fold_each(&s));
        }

        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn folding_latin_and_arabic_text_is_idempotent(s in "[\\u{0041}-\\u{024F}\\u{0300}-\\u{036F}\\u{0600}-\\u{06FF}\\u{1E00}-\\u{1EFF} ]{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }
    }
}
