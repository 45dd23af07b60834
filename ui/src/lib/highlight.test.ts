import { describe, expect, it } from "vitest";
import { segments } from "./highlight";
import { fold } from "./fold";
import { href, parseRoute } from "./routes";

describe("search snippets", () => {
  it("mark the highlighted ranges, in order, without overlaps", () => {
    expect(segments("Nghị quyết Đại hội", [[11, 13], [0, 4]])).toEqual([
      { text: "Nghị", marked: true },
      { text: " quyết ", marked: false },
      { text: "Đạ", marked: true },
      { text: "i hội", marked: false },
    ]);
  });

  it("ignore ranges outside the text", () => {
    expect(segments("abc", [[2, 99], [5, 6]])).toEqual([
      { text: "ab", marked: false },
      { text: "c", marked: true },
    ]);
  });
});

describe("folding names", () => {
  it("ignores diacritics and reads đ as d", () => {
    expect(fold("Đặng Thị Huệ")).toBe("dang thi hue");
    expect(fold("Nguyễn").includes(fold("nguyen"))).toBe(true);
  });
});

describe("routes", () => {
  it("round-trip through the hash", () => {
    const id = "0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
    for (const route of [
      { screen: "home" },
      { screen: "meeting", id },
      { screen: "document", id },
      { screen: "dashboard" },
      { screen: "dashboard-cell", id },
      { screen: "member", id },
      { screen: "members" },
      { screen: "sync" },
    ] as const) {
      expect(parseRoute(href(route))).toEqual(route);
    }
  });

  it("send unknown addresses home", () => {
    expect(parseRoute("#/nowhere")).toEqual({ screen: "home" });
    expect(parseRoute("#/meeting")).toEqual({ screen: "calendar" });
  });
});
