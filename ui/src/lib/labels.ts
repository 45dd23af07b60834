// The words for the codes the Rust side sends (meeting kinds, statuses, roles, record kinds…), in
// Vietnamese and English.

import type {
  AttendanceStatus,
  ConflictKind,
  ContributionKind,
  DocumentKind,
  Language,
  MeetingKind,
  MeetingRating,
  MeetingStatus,
  ResolutionStatus,
  Role,
  RatingLevel,
  Standing,
  SyncState,
  TaskStatus,
} from "./bindings";

export const meetingKinds: Record<Language, Record<MeetingKind, string>> = {
  vi: {
    regular: "Sinh hoạt thường kỳ",
    thematic: "Sinh hoạt chuyên đề",
    pilot: "Sinh hoạt thí điểm",
    experience_sharing: "Sinh hoạt rút kinh nghiệm",
  },
  en: {
    regular: "Regular meeting",
    thematic: "Thematic meeting",
    pilot: "Pilot meeting",
    experience_sharing: "Experience-sharing meeting",
  },
};

/** Meeting kinds in a word, for calendar cells. */
export const shortKinds: Record<Language, Record<MeetingKind, string>> = {
  vi: { regular: "Thường kỳ", thematic: "Chuyên đề", pilot: "Thí điểm", experience_sharing: "Rút kinh nghiệm" },
  en: { regular: "Regular", thematic: "Thematic", pilot: "Pilot", experience_sharing: "Experience" },
};

export const meetingStatuses: Record<Language, Record<MeetingStatus, string>> = {
  vi: { planned: "Sắp diễn ra", held: "Đã họp", cancelled: "Đã huỷ" },
  en: { planned: "Planned", held: "Held", cancelled: "Cancelled" },
};

export const attendanceStatuses: Record<Language, Record<AttendanceStatus, string>> = {
  vi: {
    present: "Có mặt",
    absent_with_reason: "Vắng có lý do",
    absent_without_reason: "Vắng không lý do",
    excused: "Miễn sinh hoạt",
    expected: "Sẽ dự (chưa điểm danh)",
  },
  en: {
    present: "Present",
    absent_with_reason: "Absent with reason",
    absent_without_reason: "Absent without reason",
    excused: "Excused",
    expected: "Expected (not yet called)",
  },
};

export const meetingRatings: Record<Language, Record<MeetingRating, string>> = {
  vi: { good: "Tốt", fair: "Khá", average: "Trung bình", poor: "Kém" },
  en: { good: "Good", fair: "Fair", average: "Average", poor: "Poor" },
};

export const contributionKinds: Record<Language, Record<ContributionKind, string>> = {
  vi: { draft_comment: "Góp ý dự thảo", speech: "Phát biểu" },
  en: { draft_comment: "Comment on the draft", speech: "Speech" },
};

export const resolutionStatuses: Record<Language, Record<ResolutionStatus, string>> = {
  vi: { draft: "Dự thảo", adopted: "Đã thông qua", withdrawn: "Đã rút" },
  en: { draft: "Draft", adopted: "Adopted", withdrawn: "Withdrawn" },
};

export const taskStatuses: Record<Language, Record<TaskStatus, string>> = {
  vi: { open: "Chưa làm", in_progress: "Đang làm", done: "Hoàn thành", cancelled: "Đã huỷ" },
  en: { open: "Not started", in_progress: "In progress", done: "Done", cancelled: "Cancelled" },
};

export const documentKinds: Record<Language, Record<DocumentKind, string>> = {
  vi: {
    resolution: "Nghị quyết",
    directive: "Chỉ thị",
    guidance: "Hướng dẫn",
    conclusion: "Kết luận",
    plan: "Kế hoạch",
    meeting_paper: "Tài liệu cuộc họp",
  },
  en: {
    resolution: "Resolution",
    directive: "Directive",
    guidance: "Guidance",
    conclusion: "Conclusion",
    plan: "Plan",
    meeting_paper: "Meeting paper",
  },
};

export const roles: Record<Language, Record<Role, string>> = {
  vi: {
    secretary: "Bí thư",
    deputy_secretary: "Phó bí thư",
    committee_member: "Cấp uỷ viên",
    member: "Đảng viên",
  },
  en: {
    secretary: "Secretary",
    deputy_secretary: "Deputy secretary",
    committee_member: "Committee member",
    member: "Member",
  },
};

export const standings: Record<Language, Record<Standing, string>> = {
  vi: { official: "Chính thức", probationary: "Dự bị" },
  en: { official: "Official", probationary: "Probationary" },
};

/** The four levels of the yearly rating, in full (the minutes and decisions spell them out). */
export const ratingLevels: Record<Language, Record<RatingLevel, string>> = {
  vi: {
    excellent: "Hoàn thành xuất sắc nhiệm vụ",
    good: "Hoàn thành tốt nhiệm vụ",
    completed: "Hoàn thành nhiệm vụ",
    not_completed: "Không hoàn thành nhiệm vụ",
  },
  en: {
    excellent: "Excellent",
    good: "Good",
    completed: "Completed",
    not_completed: "Not completed",
  },
};

/** The level a score on the 100-point scale allows at most (the 2025 rules). */
export function levelOfScore(score: number): RatingLevel {
  if (score >= 90) return "excellent";
  if (score >= 70) return "good";
  if (score >= 50) return "completed";
  return "not_completed";
}

export const syncStates: Record<Language, Record<SyncState, string>> = {
  vi: {
    demo: "Dữ liệu mẫu",
    not_connected: "Chưa kết nối",
    starting: "Đang khởi động",
    syncing: "Đang đồng bộ",
    up_to_date: "Trực tuyến, đã cập nhật",
    offline: "Ngoại tuyến",
    stopped: "Đã dừng",
  },
  en: {
    demo: "Demo data",
    not_connected: "Not connected",
    starting: "Starting",
    syncing: "Syncing",
    up_to_date: "Online, up to date",
    offline: "Offline",
    stopped: "Stopped",
  },
};

export const conflictKinds: Record<Language, Record<ConflictKind, string>> = {
  vi: {
    overwritten: "Bị ghi đè bởi thay đổi mới hơn",
    superseded: "Thay đổi đến muộn",
    overlap: "Hai người sửa cùng một chỗ",
    refused: "Máy chủ từ chối",
  },
  en: {
    overwritten: "Overwritten by a later change",
    superseded: "Arrived after a later change",
    overlap: "Two people edited the same words",
    refused: "Refused by the server",
  },
};

/** Why the server refused a change (the sync protocol's reason codes). */
export const rejectReasons: Record<Language, Record<string, string>> = {
  vi: {
    forbidden: "bạn không có quyền thay đổi mục này",
    unknown: "máy chủ không có mục này",
    deleted: "mục này đã bị xóa",
    invalid: "có giá trị không hợp lệ",
    bad_value: "có giá trị sai định dạng",
    unknown_field: "máy chủ không biết trường dữ liệu này (hãy cập nhật Sotay)",
    unknown_entity: "máy chủ không biết loại dữ liệu này (hãy cập nhật Sotay)",
  },
  en: {
    forbidden: "you may not change this",
    unknown: "the server does not have this record",
    deleted: "it had been deleted",
    invalid: "a value is not valid",
    bad_value: "a value has the wrong form",
    unknown_field: "the server does not know this field (update Sotay)",
    unknown_entity: "the server does not know this kind of record (update Sotay)",
  },
};

/** Activity and conflict record kinds. */
export const entityKinds: Record<Language, Record<string, string>> = {
  vi: {
    meeting: "Cuộc họp",
    document: "Tài liệu",
    notice: "Thông báo",
    resolution: "Nghị quyết",
    contribution: "Góp ý",
    task: "Nhiệm vụ",
    task_progress: "Tiến độ",
    agenda_item: "Chương trình",
    attendance: "Điểm danh",
    meeting_series: "Lịch sinh hoạt",
  },
  en: {
    meeting: "Meeting",
    document: "Document",
    notice: "Notice",
    resolution: "Resolution",
    contribution: "Contribution",
    task: "Task",
    task_progress: "Progress",
    agenda_item: "Agenda item",
    attendance: "Attendance",
    meeting_series: "Monthly meetings",
  },
};

/** Field names in conflict descriptions; others show as stored. */
export const fieldNames: Record<Language, Record<string, string>> = {
  vi: {
    reason: "lý do",
    status: "trạng thái",
    draft: "dự thảo",
    body: "nội dung",
    title: "tiêu đề",
    topic: "chủ đề",
    place: "địa điểm",
    starts_at: "thời gian",
    minutes: "biên bản",
    conclusion: "kết luận",
    notes: "ghi chú",
    note: "ghi chú",
    percent: "tiến độ",
    due_on: "hạn",
  },
  en: {
    reason: "reason",
    status: "status",
    draft: "draft",
    body: "text",
    title: "title",
    topic: "topic",
    place: "place",
    starts_at: "time",
    minutes: "minutes",
    conclusion: "conclusion",
    notes: "notes",
    note: "note",
    percent: "progress",
    due_on: "due date",
  },
};

export const actions: Record<Language, Record<string, string>> = {
  vi: { created: "mới", updated: "đã sửa", deleted: "đã xoá", adopted: "đã thông qua", cancelled: "đã huỷ" },
  en: { created: "new", updated: "updated", deleted: "deleted", adopted: "adopted", cancelled: "cancelled" },
};
