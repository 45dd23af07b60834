// The words for the administrator's console's codes (unit levels, a roster row's state, what is
// wrong with it), in Vietnamese and English.

import type { Language, ProblemKind, RowStatus, UnitLevel } from "./bindings";

export const unitLevels: Record<Language, Record<UnitLevel, string>> = {
  vi: { province: "Tỉnh uỷ, thành uỷ", district: "Huyện uỷ, quận uỷ", grassroots: "Đảng uỷ cơ sở (xã, phường)", cell: "Chi bộ" },
  en: { province: "Province", district: "District", grassroots: "Grassroots (commune, ward)", cell: "Cell" },
};

export const rowStatuses: Record<Language, Record<RowStatus, string>> = {
  vi: { new: "Thêm mới", unchanged: "Đã có, giữ nguyên", problem: "Có lỗi", skipped: "Bỏ qua" },
  en: { new: "New", unchanged: "Already there", problem: "Problem", skipped: "Skipped" },
};

export const problemKinds: Record<Language, Record<ProblemKind, string>> = {
  vi: {
    unreadable: "Không đọc được tệp (cần CSV UTF-8 hoặc XLSX, có cột Họ và tên)",
    missing_name: "Thiếu họ và tên",
    bad_date: "Ngày không hợp lệ (dd/mm/yyyy)",
    bad_value: "Giá trị không hợp lệ",
    no_unit: "Thiếu chi bộ",
    unknown_unit: "Không có chi bộ này",
    ambiguous_unit: "Có hai chi bộ cùng tên: chọn đơn vị để nhập",
    closed_unit: "Chi bộ đã giải thể",
    inconsistent: "Ngày tháng mâu thuẫn (dự bị mà có ngày chính thức…)",
    duplicate_in_file: "Trùng với một dòng ở trên",
    on_roster_elsewhere: "Đã có trong danh sách của đơn vị khác",
    office_taken: "Chi bộ đã có bí thư",
  },
  en: {
    unreadable: "The file cannot be read (UTF-8 CSV or XLSX, with a name column)",
    missing_name: "No name",
    bad_date: "Not a date (dd/mm/yyyy)",
    bad_value: "A value the column cannot hold",
    no_unit: "No cell",
    unknown_unit: "No such cell",
    ambiguous_unit: "Two cells of that name: choose the unit to import under",
    closed_unit: "The cell is closed",
    inconsistent: "Dates that contradict each other",
    duplicate_in_file: "The same person as a row above",
    on_roster_elsewhere: "Already on another unit's roster",
    office_taken: "The cell already has a secretary",
  },
};
