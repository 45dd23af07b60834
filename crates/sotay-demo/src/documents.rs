//! Superior documents: the Centre's guidance every cell studies, and the district's and
//! commune's own resolutions and plans year by year; the commune's notices of the last days.

use crate::Options;
use crate::corpus::CENTRAL_DOCUMENTS;
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use sotay_core::id::new_id;
use sotay_core::model::{Document, DocumentKind, Notice, OrgUnit};
use sotay_store::{Result, Writer};

fn body(title: &str, issuer: &str, rng: &mut fastrand::Rng) -> String {
    let paragraphs = [
        format!(
            "{issuer} ban hành văn bản này nhằm {}, góp phần nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng.",
            title.to_lowercase()
        ),
        "Các cấp ủy, tổ chức đảng quán triệt, triển khai thực hiện nghiêm túc; chi bộ đưa nội dung vào sinh hoạt thường kỳ, ra nghị quyết sát với tình hình thực tế của địa phương, đơn vị.".to_owned(),
        "Nội dung sinh hoạt chi bộ phải thiết thực, tránh hình thức; phát huy dân chủ, khuyến khích đảng viên tham gia ý kiến; tăng cường tự phê bình và phê bình.".to_owned(),
        "Định kỳ sơ kết, đánh giá kết quả thực hiện, biểu dương các chi bộ làm tốt; kịp thời chấn chỉnh những nơi thực hiện chưa nghiêm, còn hình thức.".to_owned(),
    ];
    let n = rng.usize(2..=paragraphs.len());
    paragraphs[..n].join("\n\n")
}

fn published(date: NaiveDate) -> Option<chrono::DateTime<Utc>> {
    Utc.from_local_datetime(&date.and_hms_opt(2, 0, 0)?)
        .single()
}

pub(crate) fn first_year(options: &Options) -> i32 {
    options.now.year() - i32::try_from(options.years).unwrap_or(10) + 1
}

/// The Centre's documents and the district committee's own, filed under the district.
pub fn district(
    w: &mut Writer<'_>,
    unit: &OrgUnit,
    district_name: &str,
    rng: &mut fastrand::Rng,
) -> Result<usize> {
    let mut n = 0;
    for (number, kind, issuer, date, title) in CENTRAL_DOCUMENTS {
        let issued_on = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap_or_default();
        let kind = kind.parse::<DocumentKind>()?;
        w.insert(&Document {
            id: new_id(),
            unit_id: unit.id,
            meeting_id: None,
            kind,
            number: Some((*number).to_owned()),
            issuer: (*issuer).to_owned(),
            issued_on,
            title: (*title).to_owned(),
            summary: None,
            body: body(title, issuer, rng),
            published_at: published(issued_on + Duration::days(3)),
        })?;
        n += 1;
    }
    let issuer = format!("Huyện ủy {district_name}");
    let title = "Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ giai đoạn 2021 - 2025";
    let issued_on = NaiveDate::from_ymd_opt(2021, 3, 12).unwrap_or_default();
    w.insert(&Document {
        id: new_id(),
        unit_id: unit.id,
        meeting_id: None,
        kind: DocumentKind::Resolution,
        number: Some("14-NQ/HU".into()),
        summary: None,
        body: body(title, &issuer, rng),
        issuer,
        issued_on,
        title: title.into(),
        published_at: published(issued_on + Duration::days(2)),
    })?;
    Ok(n + 1)
}

/// The commune committee's yearly resolution and thematic-meeting plan.
pub fn commune(
    w: &mut Writer<'_>,
    unit: &OrgUnit,
    options: &Options,
    rng: &mut fastrand::Rng,
) -> Result<usize> {
    let issuer = format!("Đảng ủy {}", unit.name.trim_start_matches("Đảng bộ "));
    let mut n = 0;
    for (seq, year) in (first_year(options)..=options.now.year()).enumerate() {
        let seq = u32::try_from(seq).unwrap_or(0);
        let docs = [
            (
                DocumentKind::Resolution,
                format!("{:02}-NQ/ĐU", 1 + seq * 3),
                format!("Nghị quyết về lãnh đạo thực hiện nhiệm vụ chính trị năm {year}"),
                NaiveDate::from_ymd_opt(year, 1, 8),
            ),
            (
                DocumentKind::Plan,
                format!("{:02}-KH/ĐU", 2 + seq * 3),
                format!("Kế hoạch sinh hoạt chuyên đề của các chi bộ năm {year}"),
                NaiveDate::from_ymd_opt(year, 2, 15),
            ),
        ];
        for (kind, number, title, issued_on) in docs {
            let issued_on = issued_on.unwrap_or_default();
            if published(issued_on).is_some_and(|p| p > options.now) {
                continue;
            }
            w.insert(&Document {
                id: new_id(),
                unit_id: unit.id,
                meeting_id: None,
                kind,
                number: Some(number),
                summary: None,
                body: body(&title, &issuer, rng),
                issuer: issuer.clone(),
                issued_on,
                title,
                published_at: published(issued_on + Duration::days(1)),
            })?;
            n += 1;
        }
    }
    Ok(n)
}

/// The commune committee's notices of the last days, one urgent: what its cells find under
/// Notices. Written without the generator, so the cells are the same with or without them.
pub fn notices(w: &mut Writer<'_>, unit: &OrgUnit, options: &Options) -> Result<()> {
    let reply_by = sotay_core::time::local_date(options.now) + Duration::days(7);
    let notices = [
        (
            "Các chi bộ báo cáo số đảng viên được miễn công tác, sinh hoạt".to_owned(),
            format!(
                "Đề nghị các chi bộ rà soát và gửi danh sách đảng viên được miễn công tác, sinh \
                 hoạt chi bộ về Văn phòng Đảng ủy trước ngày {}.",
                sotay_core::time::format_date(reply_by)
            ),
            false,
            Some(reply_by),
            Duration::days(3),
        ),
        (
            "Hội trường UBND xã tạm dừng sử dụng để sửa chữa".to_owned(),
            "Từ tuần này hội trường UBND xã sửa mái. Các chi bộ sinh hoạt tại nhà văn hóa thôn \
             hoặc phòng họp trường học; báo lại địa điểm cho Văn phòng Đảng ủy."
                .to_owned(),
            true,
            None,
            Duration::days(1),
        ),
    ];
    for (title, body, urgent, reply_by, ago) in notices {
        w.insert(&Notice {
            id: new_id(),
            unit_id: unit.id,
            meeting_id: None,
            title,
            body,
            urgent,
            reply_by,
            posted_at: options.now - ago,
            author_id: None,
        })?;
    }
    Ok(())
}
