//! Digits as people type them: an Arabic keyboard gives Arabic-Indic digits
//! (U+0660–U+0669) or Eastern Arabic-Indic ones (U+06F0–U+06F9, Persian
//! layouts). Every number the form reads (phone, ICE, RC number, amounts)
//! goes through [`ascii_digits`] first, so the form and the server accept
//! the same input and the server stores ASCII.

use std::borrow::Cow;

/// `s` with Arabic-Indic and Eastern Arabic-Indic digits written as ASCII
/// digits; anything else unchanged (borrowed when there was nothing to map).
pub fn ascii_digits(s: &str) -> Cow<'_, str> {
    let ascii = |c: char| match c {
        '\u{660}'..='\u{669}' => Some(char::from(b'0' + (c as u32 - 0x660) as u8)),
        '\u{6f0}'..='\u{6f9}' => Some(char::from(b'0' + (c as u32 - 0x6f0) as u8)),
        _ => None,
    };
    if s.chars().any(|c| ascii(c).is_some()) { Cow::Owned(s.chars().map(|c| ascii(c).unwrap_or(c)).collect()) } else { Cow::Borrowed(s) }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_arabic_digit_sets() {
        assert_eq!(ascii_digits("٠٦١٢٣٤٥٦٧٨"), "0612345678");
        assert_eq!(ascii_digits("۰۶ ۱۲-۳۴"), "06 12-34");
        assert_eq!(ascii_digits("+٢١٢ 6"), "+212 6");
        assert!(matches!(ascii_digits("06 12"), Cow::Borrowed("06 12")));
    }

    /// Writes each ASCII digit of `s` in the digit set `set` (0: ASCII,
    /// 1: Arabic-Indic, 2: Eastern Arabic-Indic).
    pub(crate) fn in_digit_set(s: &str, set: u8) -> String {
        let base = match set {
            1 => 0x660,
            2 => 0x6f0,
            _ => return s.to_owned(),
        };
        s.chars().map(|c| if c.is_ascii_digit() { char::from_u32(base + (c as u32 - '0' as u32)).unwrap_or(c) } else { c }).collect()
    }

    proptest! {
        #[test]
        fn maps_back_to_its_ascii_twin(s in "[0-9 +.a-z-]{0,30}", set in 0u8..3) {
            let written = in_digit_set(&s, set);
            prop_assert_eq!(ascii_digits(&written), s);
        }
    }
}
