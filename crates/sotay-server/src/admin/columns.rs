//! The columns a roster file may have, found by their Vietnamese headers with or without
//! diacritics (`Họ và tên`, `HO VA TEN`, `Ho ten`), and each cell read as its column's type:
//! dates as dd/mm/yyyy, offices and genders as people write them.

use super::sheet::Cell;
use chrono::NaiveDate;
use sotay_core::model::{Gender, Role, Standing};
use sotay_core::text::fold;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    FullName,
    BornOn,
    Gender,
    Unit,
    AdmittedOn,
    OfficialOn,
    Standing,
    Office,
    CardNumber,
    CitizenId,
    Phone,
}

/// The headers each column is known by, folded (lower case, no diacritics, single spaces).
const HEADERS: &[(Column, &[&str])] = &[
    (Column::FullName, &["ho va ten", "ho ten", "ten dang vien"]),
    (Column::BornOn, &["ngay sinh", "ngay thang nam sinh"]),
    (Column::Gender, &["gioi tinh"]),
    (Column::Unit, &["chi bo", "ten chi bo", "don vi"]),
    (Column::AdmittedOn, &["ngay vao dang", "ngay ket nap"]),
    (
        Column::OfficialOn,
        &["ngay chinh thuc", "ngay cong nhan chinh thuc"],
    ),
    (
        Column::Standing,
        &["loai dang vien", "tinh trang dang vien", "chinh thuc du bi"],
    ),
    (Column::Office, &["chuc vu", "chuc vu dang"]),
    (
        Column::CardNumber,
        &["so the dang vien", "so the", "so the dv"],
    ),
    (
        Column::CitizenId,
        &[
            "so cccd",
            "cccd",
            "so can cuoc",
            "so can cuoc cong dan",
            "so dinh danh",
        ],
    ),
    (Column::Phone, &["dien thoai", "so dien thoai", "sdt"]),
];

/// A header as compared: folded, punctuation dropped, single spaces.
fn key(header: &str) -> String {
    fold(header)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column a header names, if it is one of the roster's.
pub(super) fn column_of(header: &str) -> Option<Column> {
    let k = key(header);
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&k.as_str()))
        .map(|(c, _)| *c)
}

/// A date cell: a spreadsheet date, or text as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy,
/// dd.mm.yyyy and yyyy-mm-dd), or a date's serial number in a cell without a date format.
pub(super) fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) if (1.0..=80_000.0).contains(n) => {
            // Excel's day 1 is 1900-01-01, counted as if 1900 were a leap year.
            #[allow(clippy::cast_possible_truncation)] // in range just above
            let days = n.trunc() as i64;
            Ok(NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|base| base.checked_add_signed(chrono::Duration::days(days))))
        }
        other => {
            let text = other.text().unwrap_or_default();
            let unified = text.replace(['-', '.'], "/");
            ["%d/%m/%Y", "%Y/%m/%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(&unified, f).ok())
                .map(Some)
                .ok_or_else(|| format!("{text:?} is not a date: write it as dd/mm/yyyy"))
        }
    }
}

/// `Nam`/`Nữ` (or male/female).
pub(super) fn gender(text: &str) -> Result<Gender, String> {
    match key(text).as_str() {
        "nam" | "male" | "m" => Ok(Gender::Male),
        "nu" | "female" | "f" => Ok(Gender::Female),
        _ => Err(format!("{text:?} is not a gender: write Nam or Nữ")),
    }
}

/// An office as written: `Bí thư`, `Phó Bí thư`, `Chi ủy viên`, `Đảng viên` (or blank).
pub(super) fn office(text: &str) -> Result<Role, String> {
    match key(text).as_str() {
        "bi thu" | "bi thu chi bo" | "secretary" => Ok(Role::Secretary),
        "pho bi thu" | "pho bi thu chi bo" | "deputy secretary" => Ok(Role::DeputySecretary),
        "chi uy vien" | "uy vien" | "committee member" => Ok(Role::CommitteeMember),
        "dang vien" | "member" | "" => Ok(Role::Member),
        _ => Err(format!(
            "{text:?} is not an office: write Bí thư, Phó Bí thư, Chi ủy viên or Đảng viên"
        )),
    }
}

/// `Chính thức` or `Dự bị`.
pub(super) fn standing(text: &str) -> Result<Standing, String> {
    match key(text).as_str() {
        "chinh thuc" | "official" => Ok(Standing::Official),
        "du bi" | "probationary" => Ok(Standing::Probationary),
        _ => Err(format!(
            "{text:?} is not a standing: write Chính thức or Dự bị"
        )),
    }
}

/// A number a spreadsheet may have stored as a number: a citizen number loses its leading zeros
/// there (`036178000123` becomes 36178000123), and gets them back here.
pub(super) fn citizen_id(cell: &Cell) -> Option<String> {
    let text = cell.text()?.replace([' ', '.'], "");
    match cell {
        Cell::Number(_) if text.len() < 12 && text.chars().all(|c| c.is_ascii_digit()) => {
            Some(format!("{text:0>12}"))
        }
        _ => Some(text),
    }
}

/// A phone a spreadsheet stored as a number (`912345678`) gets its leading zero back.
pub(super) fn phone(cell: &Cell) -> Option<String> {
    let text = cell.text()?;
    match cell {
        Cell::Number(_) if text.len() == 9 => Some(format!("0{text}")),
        _ => Some(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_known_with_or_without_diacritics() {
        assert_eq!(column_of("Họ và tên"), Some(Column::FullName));
        assert_eq!(column_of(" HO VA TEN "), Some(Column::FullName));
        assert_eq!(column_of("Số thẻ đảng viên"), Some(Column::CardNumber));
        assert_eq!(column_of("Số CCCD"), Some(Column::CitizenId));
        assert_eq!(column_of("Ngày vào Đảng"), Some(Column::AdmittedOn));
        assert_eq!(column_of("Điện thoại"), Some(Column::Phone));
        assert_eq!(column_of("STT"), None);
    }

    #[test]
    fn dates_read_as_dd_mm_yyyy_in_any_cell() {
        let d = |y, m, day| Some(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(date(&Cell::Text("02/03/1978".into())), Ok(d(1978, 3, 2)));
        assert_eq!(date(&Cell::Text("2-3-1978".into())), Ok(d(1978, 3, 2)));
        assert_eq!(date(&Cell::Text("1978-03-02".into())), Ok(d(1978, 3, 2)));
        assert_eq!(date(&Cell::Number(28_551.0)), Ok(d(1978, 3, 2)));
        assert!(date(&Cell::Text("31/02/1990".into())).is_err());
        assert_eq!(date(&Cell::Empty), Ok(None));
    }

    #[test]
    fn numbers_stored_as_numbers_get_their_zeros_back() {
        assert_eq!(
            citizen_id(&Cell::Number(36_178_000_123.0)).as_deref(),
            Some("036178000123")
        );
        assert_eq!(
            phone(&Cell::Number(912_345_678.0)).as_deref(),
            Some("0912345678")
        );
        assert_eq!(office("Phó Bí thư"), Ok(Role::DeputySecretary));
        assert_eq!(gender("Nữ"), Ok(Gender::Female));
    }
}
