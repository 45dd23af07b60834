// Every string the UI shows, in Vietnamese (the default) and English: the tables are in
// strings.vi.ts and strings.en.ts (the English one typed against the Vietnamese one, so a missing
// translation fails the type check), the words for the Rust side's codes in labels.ts.

import type { Language } from "./bindings";
import { en } from "./strings.en";
import { vi, type Key } from "./strings.vi";

export type { Key };
export * from "./labels";

const tables: Record<Language, Record<Key, string>> = { vi, en };

/** The text for `key` in `language`, with `{name}` placeholders filled. */
export function translate(language: Language, key: Key, params: Record<string, string | number> = {}): string {
  return tables[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Error kinds the UI explains in the member's language; others show the English message. */
export const errors: Record<Language, Record<string, string>> = {
  vi: {
    not_set_up: "Sổ tay chưa được thiết lập.",
    no_member: "Hãy chọn tên mình trước (trong Cài đặt).",
    member_bound: "Thiết bị này thuộc về đảng viên mà lời mời được tạo cho.",
    invalid: "Thông tin chưa hợp lệ: hãy kiểm tra lại ô đã nhập.",
    not_found: "Không tìm thấy mục này (có thể đã bị xoá).",
    bad_server_url: "Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://.",
    bad_invite: "Hãy nhập mã mời.",
    invalid_invite: "Mã mời không đúng hoặc đã được dùng.",
    offline: "Không kết nối được máy chủ. Thay đổi của đồng chí vẫn được giữ và sẽ gửi sau.",
    already_set_up: "Thiết bị này đã có dữ liệu.",
    meeting_started: "Cuộc họp đã bắt đầu hoặc đã diễn ra; hãy báo trực tiếp cho đồng chí bí thư.",
    reason_required: "Hãy ghi lý do vắng mặt.",
    not_assigned: "Nhiệm vụ này không giao cho đồng chí.",
    task_closed: "Nhiệm vụ này đã xong hoặc đã huỷ.",
    not_connected: "Thiết bị chưa kết nối với máy chủ.",
    demo_store: "Dữ liệu mẫu không được gửi lên máy chủ.",
    busy: "Sổ tay đang bận, hãy thử lại.",
    cannot_restore: "Không thể khôi phục giá trị này.",
    already_resolved: "Xung đột này đã được giải quyết.",
    unreachable: "Không liên lạc được với ứng dụng.",
    bad_request: "Yêu cầu không hợp lệ.",
    forbidden: "Thiết bị này không được phép làm việc này (do vai trò của đồng chí).",
    unknown_member: "Máy chủ không có đảng viên này.",
    in_the_past: "Thời gian này đã qua: hãy chọn thời gian sắp tới.",
    meeting_cancelled: "Cuộc họp này đã bị huỷ.",
    negative_votes: "Số phiếu không được âm.",
    no_votes: "Chưa có phiếu nào: hãy ghi kết quả biểu quyết.",
    tally_exceeds_present: "Tổng số phiếu lớn hơn số đảng viên chính thức có mặt (đảng viên dự bị không biểu quyết): hãy kiểm tra điểm danh và kết quả.",
    not_carried: "Số tán thành chưa quá một nửa: nghị quyết chưa được thông qua.",
    not_a_member: "Người này không phải đảng viên của chi bộ.",
    no_assignee: "Hãy chọn ít nhất một đảng viên thực hiện.",
    due_before_meeting: "Hạn hoàn thành sớm hơn ngày họp.",
    resolution_closed: "Nghị quyết đã được thông qua hoặc rút lại: không sửa được nữa.",
    ideas_closed: "Đã hết thời gian góp ý: cuộc họp đã bắt đầu hoặc nghị quyết đã được thông qua.",
    missing: "Còn thiếu thông tin bắt buộc.",
    minutes_adopted: "Biên bản đã được thông qua: hồ sơ cuộc họp đã khoá.",
    no_minutes: "Hãy viết biên bản trước (có thể soạn từ nội dung đã ghi).",
    meeting_not_started: "Cuộc họp chưa bắt đầu: biên bản được thông qua khi kết thúc cuộc họp.",
    print_failed: "Không tạo được tệp PDF.",
    no_folder: "Hệ thống không có thư mục tài liệu để lưu tệp.",
    io: "Không ghi được tệp.",
    empty_file: "Tệp rỗng: hãy chọn tệp khác.",
    file_too_large: "Tệp lớn hơn 25 MB.",
    bad_file: "Không đọc được tệp: hãy chọn lại.",
    file_not_here: "Tệp chưa về máy này: sẽ có sau lần đồng bộ tới.",
    not_a_meeting_paper: "Tệp này không thuộc tài liệu của một cuộc họp.",
    bad_kind: "Tài liệu cuộc họp được đính kèm vào cuộc họp, không ban hành ở đây.",
  },
  en: {
    not_set_up: "The handbook is not set up yet.",
    no_member: "Choose your name first (in Settings).",
    member_bound: "This device belongs to the member its invite was made for.",
    invalid: "Something you typed is not valid: check the field.",
    not_found: "This item was not found (it may have been deleted).",
    bad_server_url: "The server address starts with http:// or https://.",
    bad_invite: "Type the invite code.",
    invalid_invite: "The invite code is wrong or already used.",
    offline: "The server cannot be reached. Your changes are kept and will be sent later.",
    already_set_up: "This device already holds data.",
    meeting_started: "The meeting has started or taken place; tell the secretary directly.",
    reason_required: "Write the reason for your absence.",
    not_assigned: "This task is not assigned to you.",
    task_closed: "This task is done or cancelled.",
    not_connected: "This device is not connected to a server.",
    demo_store: "Demo data is never sent to a server.",
    busy: "The handbook is busy; try again.",
    cannot_restore: "That value cannot be put back.",
    already_resolved: "This conflict is already resolved.",
    unreachable: "The app cannot be reached.",
    bad_request: "The request was not valid.",
    forbidden: "This device may not do that (your role does not allow it).",
    unknown_member: "The server does not have this member.",
    in_the_past: "That time has passed: choose a time still ahead.",
    meeting_cancelled: "This meeting was cancelled.",
    negative_votes: "A vote count cannot be negative.",
    no_votes: "No votes yet: record the show of hands.",
    tally_exceeds_present: "More votes than official members present (probationary members do not vote): check the roll call and the count.",
    not_carried: "Not more than half voted for: the resolution is not adopted.",
    not_a_member: "That person is not a member of this cell.",
    no_assignee: "Choose at least one member to carry out the task.",
    due_before_meeting: "The due date is before the meeting.",
    resolution_closed: "This resolution is adopted or withdrawn: it no longer changes.",
    ideas_closed: "Ideas are closed: the meeting has started or the resolution is adopted.",
    missing: "Something required is missing.",
    minutes_adopted: "The minutes are adopted: the meeting's record is locked.",
    no_minutes: "Write the minutes first (they can be drafted from what was recorded).",
    meeting_not_started: "The meeting has not started: its minutes are adopted at its end.",
    print_failed: "The PDF could not be made.",
    no_folder: "This system names no documents folder to save into.",
    io: "The file could not be written.",
    empty_file: "The file is empty: choose another.",
    file_too_large: "The file is larger than 25 MB.",
    bad_file: "The file could not be read: choose it again.",
    file_not_here: "The file has not reached this device yet: it comes with the next sync.",
    not_a_meeting_paper: "This file is not one of a meeting's papers.",
    bad_kind: "A meeting's papers are attached to the meeting, not published here.",
  },
};
