//! Snippets: the passage around the first match, in the original text, with matches marked.
//!
//! Works because [`sotay_core::text::fold`] maps each character to exactly one character: a match
//! at characters `i..j` of the folded text is at `i..j` of the original.

/// A passage and where the query's words are in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// `[start, end)` character offsets into `text` (every Vietnamese letter is one UTF-16 unit,
    /// so these index a JavaScript string directly).
    pub highlights: Vec<(usize, usize)>,
}

/// Where each term starts a word in `folded` (prefix matches count), sorted.
fn matches(folded: &[char], terms: &[String]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for term in terms {
        let t: Vec<char> = term.chars().collect();
        if t.is_empty() || t.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - t.len() {
            let at_word_start = start == 0 || !folded[start - 1].is_alphanumeric();
            if at_word_start && folded[start..start + t.len()] == t[..] {
                found.push((start, start + t.len()));
            }
        }
    }
    found.sort_unstable();
    found
}

/// The passage of about `width` characters around the first match.
pub fn snippet(original: &str, folded: &str, terms: &[String], width: usize) -> Snippet {
    let orig: Vec<char> = original.chars().collect();
    let fold: Vec<char> = folded.chars().collect();
    if orig.len() != fold.len() {
        // Not folded from this text (cannot happen for indexed records): show its start.
        return Snippet {
            text: orig.iter().take(width).collect(),
            highlights: Vec::new(),
        };
    }
    let all = matches(&fold, terms);
    let first = all.first().map_or(0, |m| m.0);
    let mut start = first.saturating_sub(width / 3);
    if start > 0 {
        // Start at a word boundary.
        while start < first && !orig[start - 1].is_whitespace() {
            start += 1;
        }
    }
    let mut end = (start + width).min(orig.len());
    if end < orig.len() {
        let mut e = end;
        while e > first && !orig[e].is_whitespace() {
            e -= 1;
        }
        if e > first {
            end = e;
        }
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < orig.len() { "…" } else { "" };
    let shift = prefix.chars().count();
    let body: String = orig[start..end]
        .iter()
        .map(|c| if *c == '\n' { ' ' } else { *c })
        .collect();
    Snippet {
        text: format!("{prefix}{body}{suffix}"),
        highlights: all
            .into_iter()
            .filter(|(s, e)| *s >= start && *e <= end)
            .map(|(s, e)| (s - start + shift, e - start + shift))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sotay_core::text::fold;

    fn marked(original: &str, terms: &[&str], width: usize) -> String {
        let terms: Vec<String> = terms.iter().map(|t| (*t).to_owned()).collect();
        let s = snippet(original, &fold(original), &terms, width);
        let chars: Vec<char> = s.text.chars().collect();
        let mut out = String::new();
        for (i, c) in chars.iter().enumerate() {
            if s.highlights.iter().any(|h| h.0 == i) {
                out.push('[');
            }
            out.push(*c);
            if s.highlights.iter().any(|h| h.1 == i + 1) {
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn marks_matches_in_the_original_text() {
        assert_eq!(
            marked("Chi bộ học tập Nghị quyết Đại hội", &["nghi", "quyet"], 100),
            "Chi bộ học tập [Nghị] [quyết] Đại hội"
        );
    }

    #[test]
    fn only_word_starts_match() {
        assert_eq!(
            marked("Đảng viên và đảng bộ", &["dang"], 100),
            "[Đảng] viên và [đảng] bộ"
        );
        assert_eq!(marked("khang định", &["ang"], 100), "khang định");
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match_at_word_boundaries() {
        let text = "Một hai ba bốn năm sáu bảy tám chín mười. Chi bộ thôn Đông triển khai nghị quyết về giải phóng mặt bằng và xây dựng nông thôn mới trong năm.";
        let got = marked(text, &["nghi"], 40);
        assert!(got.starts_with('…'), "{got}");
        assert!(got.contains("[nghị]"), "{got}");
        assert!(got.ends_with('…'), "{got}");
    }
}
