//! CSV export (RFC 4180) that spreadsheet programs open safely: UTF-8 with a
//! byte-order mark so Excel reads the accents and Arabic, CRLF line ends,
//! quoting where needed, and cells starting with `= + - @` (or a tab or
//! carriage return) neutralised so they are never run as formulas.

/// One cell, quoted and neutralised as needed.
pub fn cell(value: &str) -> String {
    let neutral = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    };
    if neutral.contains([',', '"', '\n', '\r']) { format!("\"{}\"", neutral.replace('"', "\"\"")) } else { neutral }
}

/// A whole file: BOM, the header row, then the rows.
pub fn document<I, R>(header: &[String], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut out = String::from("\u{FEFF}");
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = String>| {
        let mut first = true;
        for c in cells {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&cell(&c));
        }
        out.push_str("\r\n");
    };
    line(&mut out, &mut header.iter().cloned());
    for row in rows {
        line(&mut out, &mut row.into_iter());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formulas() {
        assert_eq!(cell("Atlas Solaire"), "Atlas Solaire");
        assert_eq!(cell("Rabat, Salé"), "\"Rabat, Salé\"");
        assert_eq!(cell("dit \"Noor\""), "\"dit \"\"Noor\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+212 5 00 00 00 01"), "'+212 5 00 00 00 01");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
    }

    #[test]
    fn document_has_bom_header_and_crlf() {
        let doc = document(&["nom".into(), "ville".into()], vec![vec!["أطلس".to_string(), "Fès".to_string()]]);
        assert_eq!(doc, "\u{FEFF}nom,ville\r\nأطلس,Fès\r\n");
    }
}
