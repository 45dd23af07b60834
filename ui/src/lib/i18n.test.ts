import { describe, expect, it } from "vitest";
import { ERROR_KINDS } from "./bindings";
import { errors, fieldNames, meetingKinds, translate, type Key } from "./i18n";

describe("translations", () => {
  it("fill placeholders and leave unknown ones visible", () => {
    expect(translate("vi", "home.greeting", { name: "Tạ Minh Trang" })).toBe("Xin chào đồng chí Tạ Minh Trang");
    expect(translate("en", "countdown.in", { d: 1, h: 2 })).toBe("In 1 days 2 hours {m} minutes");
  });

  it("are written with composed Vietnamese diacritics", () => {
    const key: Key = "first.title";
    const text = translate("vi", key);
    expect(text).toBe(text.normalize("NFC"));
    expect(text).toContain("Chào mừng");
  });

  it("explain the same error kinds in both languages", () => {
    expect(Object.keys(errors.en).sort()).toEqual(Object.keys(errors.vi).sort());
  });

  it("explain exactly the error kinds the Rust side has, in both languages", () => {
    const kinds = [...ERROR_KINDS].sort();
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const table of [errors.vi, errors.en]) {
      expect(Object.keys(table).sort()).toEqual(kinds);
      for (const text of Object.values(table)) expect(text.trim()).not.toBe("");
    }
    for (const text of Object.values(errors.vi)) expect(text).toBe(text.normalize("NFC"));
    expect(errors.vi.unreachable).not.toBe(errors.en.unreachable);
  });

  it("explain a device the server bound to its member, in both languages", () => {
    expect(errors.vi.member_bound).toBe("Thiết bị này thuộc về đảng viên mà lời mời được tạo cho.");
    expect(errors.en.member_bound).toBe("This device belongs to the member its invite was made for.");
    for (const key of ["waiting.title", "waiting.lead", "settings.bound", "who.training"] as const) {
      expect(translate("vi", key)).not.toBe(translate("en", key));
      expect(translate("vi", key)).toBe(translate("vi", key).normalize("NFC"));
    }
  });

  it("name the same conflict fields in both languages", () => {
    expect(Object.keys(fieldNames.en).sort()).toEqual(Object.keys(fieldNames.vi).sort());
  });

  it("name every meeting kind", () => {
    expect(meetingKinds.vi.thematic).toBe("Sinh hoạt chuyên đề");
    expect(Object.keys(meetingKinds.en)).toEqual(Object.keys(meetingKinds.vi));
  });
});
