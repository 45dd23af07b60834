//! A roster file as a grid of cells: XLSX (its first sheet, read by calamine) or CSV (UTF-8 with
//! or without a byte-order mark, comma- or semicolon-separated, read by the csv crate), each row
//! with the number the spreadsheet shows for it.

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    /// A number cell (a card number, a phone, or a date without a date format).
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, as a person reads it: a whole number without `.0`.
    pub(super) fn text(&self) -> Option<String> {
        let s = match self {
            Cell::Empty => return None,
            Cell::Text(s) => s.trim().to_owned(),
            #[allow(clippy::cast_possible_truncation)] // checked whole and in range just before
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        };
        (!s.is_empty()).then_some(s)
    }
}

/// The rows of a file, each with its spreadsheet row number.
pub(super) struct Sheet {
    pub rows: Vec<(u32, Vec<Cell>)>,
}

/// Why a file is not a grid of cells.
#[derive(Debug)]
pub(super) struct Unreadable(pub String);

impl Sheet {
    pub(super) fn read(bytes: &[u8]) -> Result<Sheet, Unreadable> {
        // An XLSX file is a zip archive.
        if bytes.starts_with(b"PK\x03\x04") {
            xlsx(bytes)
        } else {
            csv(bytes)
        }
    }
}

fn xlsx(bytes: &[u8]) -> Result<Sheet, Unreadable> {
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| Unreadable(format!("the workbook cannot be read: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| Unreadable("the workbook has no sheet".into()))?
        .map_err(|e| Unreadable(format!("the first sheet cannot be read: {e}")))?;
    let first = range.start().map_or(0, |(row, _)| row);
    let rows = range
        .rows()
        .zip(first..)
        .map(|(cells, at)| (at + 1, cells.iter().map(cell).collect()))
        .collect();
    Ok(Sheet { rows })
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        #[allow(clippy::cast_precision_loss)] // card and phone numbers fit an f64's 53 bits
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) => d.as_date().map_or(Cell::Empty, Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

fn csv(bytes: &[u8]) -> Result<Sheet, Unreadable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Unreadable(
            "the file is neither XLSX nor UTF-8 text: save it as \"CSV UTF-8\" or as an Excel workbook"
                .into(),
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The line a record starts on, counted from its byte offset: the reader's own line count
    // drifts over blank lines and CRLF endings, and the row number is what the person looks for.
    let (mut counted_to, mut line) = (0, 1u32);
    for record in reader.records() {
        let record = record.map_err(|e| Unreadable(format!("the file is not valid CSV: {e}")))?;
        let mut start = record.position().map_or(counted_to, |p| {
            usize::try_from(p.byte()).unwrap_or(counted_to)
        });
        // The reader's position is where it began to look, before the blank lines it passed.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let skipped = text.as_bytes()[counted_to..start.max(counted_to)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        line = line.saturating_add(u32::try_from(skipped).unwrap_or(u32::MAX));
        counted_to = start.max(counted_to);
        let cells = record
            .iter()
            .map(|s| match s.trim() {
                "" => Cell::Empty,
                s => Cell::Text(s.to_owned()),
            })
            .collect();
        rows.push((line, cells));
    }
    Ok(Sheet { rows })
}

/// `;` when the first lines hold more semicolons than commas (a spreadsheet saved where the
/// comma is the decimal mark, as in Vietnam), else `,`.
fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(5).collect();
    let count = |c: char| head.chars().filter(|&x| x == c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_a_byte_order_mark_and_semicolons_is_read_with_its_row_numbers() {
        let file = "\u{feff}Họ và tên;Ngày sinh\n\"Lê, Thị Hoa\";02/03/1978\n\nTrần An;\n";
        let sheet = Sheet::read(file.as_bytes()).unwrap();
        let rows: Vec<(u32, Vec<Option<String>>)> = sheet
            .rows
            .iter()
            .map(|(n, cells)| (*n, cells.iter().map(Cell::text).collect()))
            .collect();
        assert_eq!(
            rows[0],
            (1, vec![Some("Họ và tên".into()), Some("Ngày sinh".into())])
        );
        assert_eq!(
            rows[1],
            (
                2,
                vec![Some("Lê, Thị Hoa".into()), Some("02/03/1978".into())]
            )
        );
        assert_eq!(rows[2], (4, vec![Some("Trần An".into()), None]));
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_what_to_do() {
        let latin1 = b"H\xe7 v\xe0 t\xean\n";
        let Err(Unreadable(why)) = Sheet::read(latin1) else {
            panic!("read")
        };
        assert!(why.contains("CSV UTF-8"), "{why}");
    }

    #[test]
    fn whole_numbers_read_as_people_write_them() {
        assert_eq!(
            Cell::Number(36_001_234.0).text().as_deref(),
            Some("36001234")
        );
        assert_eq!(Cell::Number(2.5).text().as_deref(), Some("2.5"));
    }
}
