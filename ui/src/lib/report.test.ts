import { describe, expect, it } from "vitest";
import { ratingYear, vietnamYear } from "./report";

describe("years in Vietnam", () => {
  it("turns at midnight in Vietnam, not in the computer's zone", () => {
    // 17:30 UTC on 31 December is 00:30 on 1 January in Vietnam.
    expect(vietnamYear(new Date("2026-12-31T16:59:00Z"))).toBe(2026);
    expect(vietnamYear(new Date("2026-12-31T17:30:00Z"))).toBe(2027);
  });

  it("rates the year just ended, and this year from its review in December", () => {
    expect(ratingYear(new Date("2027-06-15T03:00:00Z"))).toBe(2026);
    expect(ratingYear(new Date("2026-12-07T02:00:00Z"))).toBe(2026);
    // The first minutes of 1 December in Vietnam (still 30 November in UTC and in Europe): the
    // review has begun.
    expect(ratingYear(new Date("2026-11-30T17:30:00Z"))).toBe(2026);
    // The first minutes of the new year in Vietnam: the year just ended, not the one begun.
    expect(ratingYear(new Date("2026-12-31T17:30:00Z"))).toBe(2026);
    expect(ratingYear(new Date("2027-01-31T16:59:00Z"))).toBe(2026);
  });
});
