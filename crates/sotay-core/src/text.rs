//! Text normalisation and the folding that makes search ignore case and Vietnamese diacritics.
//!
//! Vietnamese arrives both precomposed (NFC, what most keyboards send) and decomposed (NFD, what
//! some old Telex/VNI setups and copy-paste from PDFs produce). Every text is stored as NFC, so the
//! same word is the same bytes. Search then folds each character to its base letter, lower case:
//! `Nghị quyết` → `nghi quyet`, and `đ`/`Đ` (a letter of its own, not a `d` with a mark, so Unicode
//! decomposition leaves it alone) → `d`.
//!
//! Folding maps one character to exactly one character. That is deliberate: a match found in the
//! folded text sits at the same character offsets in the original, so snippets show the original
//! words with their diacritics.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

/// The canonical stored form of a text: NFC, without surrounding white space.
pub fn normalize(s: &str) -> String {
    s.trim().nfc().collect()
}

/// What a person typed in an optional box, in the stored form; `None` when it is blank.
pub fn entered(input: Option<&str>) -> Option<String> {
    input.map(normalize).filter(|s| !s.is_empty())
}

/// Whether `s` is already in the stored form (cheap check before allocating).
pub fn is_normalized(s: &str) -> bool {
    s.trim().len() == s.len() && unicode_normalization::is_nfc(s)
}

/// Folds one character to its lower-case base letter.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == 'đ' || c == 'Đ' {
        return 'd';
    }
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base.to_lowercase().next().unwrap_or(base)
}

/// Folds a text for search; the result has exactly as many characters as `s`.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_to_ascii_base_letters() {
        assert_eq!(fold("Nghị quyết"), "nghi quyet");
        assert_eq!(fold("Đảng viên"), "dang vien");
        assert_eq!(fold("ĐOÀN KẾT, THỐNG NHẤT"), "doan ket, thong nhat");
        assert_eq!(fold("Hướng dẫn 12-HD/BTCTW"), "huong dan 12-hd/btctw");
    }

    #[test]
    fn folding_keeps_character_offsets() {
        let s = "Chi bộ thôn Đông — sinh hoạt chuyên đề";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }

    #[test]
    fn decomposed_input_is_stored_precomposed() {
        let decomposed = "Nghi\u{323} quye\u{302}\u{301}t";
        assert_eq!(normalize(decomposed), "Nghị quyết");
        assert!(!is_normalized(decomposed));
        assert!(is_normalized("Nghị quyết"));
    }
}
