//! A meeting's minutes as pages of the minutes book: the party's heading, the text as adopted (or
//! marked as a draft), and the signatures of the minute-taker and the chair.

use crate::PrintError;
use serde::Serialize;

/// What one page set of minutes shows. Every field is display text, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinutesPage {
    /// The committee above the cell, upper case: "ĐẢNG BỘ XÃ AN BÌNH".
    pub superior: String,
    /// The cell, upper case: "CHI BỘ THÔN ĐÔNG".
    pub unit: String,
    /// "Nhà văn hóa thôn Đông, ngày 20 tháng 11 năm 2026".
    pub place_date: String,
    /// The line under the title "BIÊN BẢN", from the meeting's record (its kind, and for the
    /// monthly meeting its month): "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026". The page
    /// carries both whatever the text says.
    pub title_line: String,
    /// The minutes' text: a first line "BIÊN BẢN" is the page's own title again (not repeated),
    /// the lines up to the first blank one its subtitle, "I. …" lines section headings, "- …"
    /// lines items.
    pub text: String,
    pub chair: Option<String>,
    pub minute_taker: Option<String>,
    /// Adopted by the meeting; otherwise every page says it is a draft.
    pub adopted: bool,
    /// The server's seal of the adopted record, short form ("1a2b-3c4d-…"), once this device has
    /// it: printed in every page's footer, to check the book against the server.
    pub seal: Option<String>,
}

/// One block of the text, as the template lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "k", content = "t", rename_all = "snake_case")]
pub enum Block {
    Title(String),
    Subtitle(String),
    Heading(String),
    Item(String),
    Para(String),
}

/// Splits the minutes' text into blocks. Any text gives blocks: a secretary's edits can only
/// change how a line is set, never make the document fail.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = text.lines().map(str::trim).peekable();
    while lines.peek().is_some_and(|l| l.is_empty()) {
        lines.next();
    }
    if lines
        .peek()
        .is_some_and(|l| l.eq_ignore_ascii_case("BIÊN BẢN"))
    {
        out.push(Block::Title(lines.next().unwrap_or_default().to_owned()));
        while let Some(line) = lines.next_if(|l| !l.is_empty()) {
            out.push(Block::Subtitle(line.to_owned()));
        }
    }
    for line in lines.filter(|l| !l.is_empty()) {
        out.push(if is_heading(line) {
            Block::Heading(line.to_owned())
        } else if line.starts_with("- ") || line.starts_with("+ ") {
            Block::Item(line.to_owned())
        } else {
            Block::Para(line.to_owned())
        });
    }
    out
}

/// "IV. KẾT LUẬN…": a roman numeral, a full stop, a space.
fn is_heading(line: &str) -> bool {
    line.split_once(". ").is_some_and(|(n, rest)| {
        !n.is_empty() && !rest.is_empty() && n.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
    })
}

#[derive(Serialize)]
struct Data<'a> {
    #[serde(flatten)]
    page: &'a MinutesPage,
    blocks: Vec<Block>,
}

/// The minutes as a PDF for the minutes book.
pub fn minutes_pdf(page: &MinutesPage) -> Result<Vec<u8>, PrintError> {
    crate::world::render(
        include_str!("../templates/minutes.typ"),
        &Data {
            page,
            blocks: blocks(&page.text),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_headings_and_items_are_found_in_any_text() {
        let b = blocks(
            "\nBIÊN BẢN\nSinh hoạt thường kỳ\n\nI. THỜI GIAN\n- Địa điểm: nhà văn hóa.\nVIỆT NAM. Không phải tiêu đề\nIV. KẾT LUẬN\nThống nhất.",
        );
        assert_eq!(
            b,
            vec![
                Block::Title("BIÊN BẢN".into()),
                Block::Subtitle("Sinh hoạt thường kỳ".into()),
                Block::Heading("I. THỜI GIAN".into()),
                Block::Item("- Địa điểm: nhà văn hóa.".into()),
                Block::Para("VIỆT NAM. Không phải tiêu đề".into()),
                Block::Heading("IV. KẾT LUẬN".into()),
                Block::Para("Thống nhất.".into()),
            ]
        );
        assert!(blocks("").is_empty());
    }

    #[test]
    fn minutes_with_markup_characters_make_a_pdf() {
        let pdf = minutes_pdf(&MinutesPage {
            superior: "ĐẢNG BỘ XÃ AN BÌNH".into(),
            unit: "CHI BỘ THÔN ĐÔNG".into(),
            place_date: "Thôn Đông, ngày 20 tháng 11 năm 2026".into(),
            title_line: "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026".into(),
            text: "BIÊN BẢN\nSinh hoạt #strong[x] $1 * _a_ `b` <c> @d \\ ]\n\nI. NỘI DUNG\n- Ý kiến: #let x = 1"
                .into(),
            chair: Some("Nguyễn Văn An".into()),
            minute_taker: None,
            adopted: false,
            seal: Some("1a2b-3c4d-5e6f-7a8b".into()),
        })
        .expect("a pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
