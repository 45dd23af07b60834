//! Words the demo data is made of: Vietnamese names, places, topics and phrases, as a cell's
//! records really read.

pub const FAMILY: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
    "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương",
    "Mai", "Tạ", "Kiều", "Đào",
];
pub const MIDDLE_MALE: &[&str] = &[
    "Văn", "Văn", "Văn", "Hữu", "Đức", "Công", "Quang", "Minh", "Xuân", "Đình", "Ngọc", "Thanh",
    "Mạnh", "Tiến",
];
pub const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Minh", "Phương", "Diệu",
];
pub const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Hiếu", "Khánh", "Long", "Mạnh", "Nam", "Phong",
    "Quân", "Sơn", "Tâm", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Đạt", "Định", "Hưng",
    "Lâm", "Nghĩa", "Phúc", "Tài", "Thành", "Huy", "Kiên", "Lộc",
];
pub const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Liên", "Linh",
    "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thu", "Thủy",
    "Trang", "Tuyết", "Vân", "Yến", "Huệ",
];

pub const DISTRICTS: &[&str] = &["Tam Dương", "Kỳ Anh", "Tràng Định", "Khánh Dương"];

pub const COMMUNES: &[&str] = &[
    "Tân Thành",
    "Duy Phiên",
    "Hoàng Hoa",
    "Hợp Thịnh",
    "Kim Long",
    "Đạo Tú",
    "An Hòa",
    "Hướng Đạo",
    "Đồng Tĩnh",
    "Hoàng Đan",
    "Thanh Vân",
    "Vân Hội",
    "Quốc Việt",
    "Hưng Trí",
    "Kỳ Trinh",
    "Kỳ Hoa",
];

pub const VILLAGES: &[&str] = &[
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Trung",
    "Đồng Bông",
    "Phú Lộc",
    "Gia Viễn",
    "An Lạc",
    "Tân Phú",
    "Tân Hòa",
    "Hưng Nhân",
    "Phú Thọ",
    "Vĩnh Thịnh",
    "Đồng Tâm",
    "Lạc Long",
    "Hòa Bình",
    "Quyết Tiến",
    "Minh Khai",
    "Cầu Gạo",
    "Bến Đò",
    "Đồi Chè",
];

/// Cells of agencies and schools, after the village cells.
pub const AGENCY_CELLS: &[&str] = &[
    "Chi bộ Trường Tiểu học",
    "Chi bộ Trường Trung học cơ sở",
    "Chi bộ Trường Mầm non",
    "Chi bộ Trạm Y tế",
    "Chi bộ Công an xã",
    "Chi bộ Quân sự xã",
    "Chi bộ Cơ quan Ủy ban nhân dân xã",
];

pub const THEMATIC_TOPICS: &[&str] = &[
    "Công tác giải phóng mặt bằng dự án mở rộng đường liên thôn",
    "Xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về nêu gương",
    "Chuyển đổi số trong sinh hoạt chi bộ và trong nhân dân",
    "Phát triển kinh tế hộ gia đình, giảm nghèo bền vững",
    "Bảo vệ môi trường, phân loại rác thải tại nguồn",
    "Phòng, chống ma túy và tệ nạn xã hội trên địa bàn",
    "Vận động nhân dân hiến đất làm đường giao thông",
    "Xây dựng chi bộ trong sạch, vững mạnh",
    "Công tác phát triển đảng viên trong thanh niên",
    "Phòng, chống thiên tai, tìm kiếm cứu nạn",
    "Đảm bảo an ninh trật tự, xây dựng khu dân cư an toàn",
];

pub const CONCERNS: &[&str] = &[
    "vệ sinh môi trường",
    "an ninh trật tự",
    "thu nộp đảng phí",
    "chuyển đổi cơ cấu cây trồng",
    "tiêm chủng cho trẻ em",
    "đường giao thông nội đồng",
    "hộ nghèo, hộ cận nghèo",
    "bảo hiểm y tế toàn dân",
    "phòng chống cháy nổ",
    "khuyến học, khuyến tài",
    "chăm sóc người cao tuổi",
    "nước sạch nông thôn",
    "thu hoạch vụ mùa",
    "phòng chống dịch bệnh gia súc",
];

pub const SPEECH_OPENERS: &[&str] = &[
    "Nhất trí với dự thảo nghị quyết; đề nghị bổ sung chỉ tiêu về",
    "Đề nghị chi bộ quan tâm hơn nữa đến công tác",
    "Báo cáo kết quả vận động các hộ gia đình tham gia",
    "Phản ánh ý kiến của nhân dân về",
    "Đề xuất giải pháp cụ thể cho",
    "Đề nghị phân công đảng viên phụ trách",
    "Tự phê bình việc thực hiện chưa tốt nhiệm vụ về",
];

pub const ABSENCE_REASONS: &[&str] = &[
    "Đi công tác",
    "Ốm, đang điều trị",
    "Việc gia đình",
    "Đi làm ăn xa",
    "Trực cơ quan",
];

pub const TASKS: &[&str] = &[
    "Vận động các hộ gia đình dọc tuyến đường hiến đất, tài sản",
    "Đôn đốc thu nộp đảng phí đầy đủ, đúng hạn",
    "Tuyên truyền phòng, chống ma túy tới từng hộ",
    "Kiểm tra vệ sinh môi trường khu dân cư",
    "Hoàn thành báo cáo kết quả thực hiện nghị quyết",
    "Thăm hỏi, tặng quà gia đình chính sách",
    "Vận động nhân dân tham gia bảo hiểm y tế",
    "Rà soát hộ nghèo, hộ cận nghèo",
    "Hướng dẫn đảng viên cài đặt và sử dụng Sổ tay đảng viên điện tử",
    "Theo dõi, giúp đỡ quần chúng ưu tú phấn đấu vào Đảng",
    "Tổ chức ra quân làm đường giao thông nông thôn",
    "Nắm tình hình tư tưởng của đảng viên và nhân dân",
];

/// Documents of the Centre that every cell studies: number, kind, issuer, date, title.
pub const CENTRAL_DOCUMENTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "12-HD/BTCTW",
        "guidance",
        "Ban Tổ chức Trung ương",
        "2018-05-04",
        "Hướng dẫn một số vấn đề về nâng cao chất lượng sinh hoạt chi bộ",
    ),
    (
        "05-CT/TW",
        "directive",
        "Bộ Chính trị",
        "2016-05-15",
        "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "01-KL/TW",
        "conclusion",
        "Bộ Chính trị",
        "2021-05-18",
        "Kết luận về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
    ),
    (
        "21-KL/TW",
        "conclusion",
        "Ban Chấp hành Trung ương",
        "2021-10-25",
        "Kết luận về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    ),
    (
        "10-HD/BTCTW",
        "guidance",
        "Ban Tổ chức Trung ương",
        "2017-05-12",
        "Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng",
    ),
];
