import { describe, expect, it } from "vitest";
import {
  addMonths,
  countdown,
  countdownWords,
  daysInMonth,
  formatDate,
  formatDateTime,
  formatInstantDate,
  localDateKey,
  monthGrid,
  weekdayOf,
} from "./format";

describe("dates in Vietnam", () => {
  it("formats ISO dates as dd/MM/yyyy", () => {
    expect(formatDate("2026-02-03")).toBe("03/02/2026");
  });

  it("shows instants in Asia/Ho_Chi_Minh whatever the machine's zone", () => {
    // 17:30 UTC is 00:30 the next day in Vietnam (UTC+7).
    expect(formatDateTime("2026-11-21T17:30:00Z")).toBe("00:30 22/11/2026");
    expect(formatInstantDate("2026-11-21T17:30:00Z")).toBe("22/11/2026");
    expect(localDateKey("2026-11-21T16:59:00Z")).toBe("2026-11-21");
    expect(localDateKey("2026-11-21T17:00:00Z")).toBe("2026-11-22");
  });
});

describe("the month grid", () => {
  it("starts weeks on Monday and pads with blanks", () => {
    // 1 November 2026 is a Sunday.
    expect(weekdayOf(2026, 11, 1)).toBe(6);
    const grid = monthGrid(2026, 11);
    expect(grid[0]).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(grid.flat().filter(Boolean)).toHaveLength(30);
    expect(grid.every((week) => week.length === 7)).toBe(true);
  });

  it("knows leap Februaries", () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
  });

  it("moves across years", () => {
    expect(addMonths(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths(2026, 5, -17)).toEqual({ year: 2024, month: 12 });
  });
});

describe("the countdown's words", () => {
  it("names the days only when there is one, the hours only when there is one", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(countdownWords(countdown("2026-11-22T15:10:00Z", now))).toEqual({ key: "countdown.hours", params: { h: 5, m: 10 } });
    expect(countdownWords(countdown("2026-11-22T10:45:00Z", now))).toEqual({ key: "countdown.minutes", params: { m: 45 } });
    expect(countdownWords(countdown("2026-11-24T11:00:00Z", now)).key).toBe("countdown.in");
    expect(countdownWords(countdown("2026-11-22T09:00:00Z", now)).key).toBe("countdown.started");
  });
});

describe("the countdown", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  it("counts days, hours and minutes, rounding minutes up", () => {
    expect(countdown("2026-11-22T15:30:30Z", now)).toEqual({ days: 2, hours: 3, minutes: 31, started: false });
  });
  it("says when the meeting has started", () => {
    expect(countdown("2026-11-20T11:59:00Z", now).started).toBe(true);
  });
});
