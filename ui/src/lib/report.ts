// Small helpers over the report's figures, shared by the dashboard and a cell's year.

import type { Share } from "./bindings";
import { localParts } from "./format";

/** The months of `year` ended by `asOf` (yyyy-mm-dd): all twelve for a past year. */
export function monthsEnded(year: number, asOf: string): number {
  const [y, m] = asOf.split("-").map(Number);
  if (y === undefined || m === undefined) return 0;
  if (y > year) return 12;
  if (y < year) return 0;
  return m - 1;
}

/** The words for each verdict, in the strings table. */
export const verdictWords = {
  meets: "verdict.meets",
  at_risk: "verdict.at_risk",
  missed: "verdict.missed",
  no_data: "verdict.no_data",
} as const;

/** A share as a fraction, or -1 when there is nothing to count (it sorts last). */
export function rate(s: Share): number {
  return s.whole > 0 ? s.part / s.whole : -1;
}

/** A share as a percentage in the member's language, "—" when there is nothing to count. */
export function percent(s: Share, language: "vi" | "en"): string {
  if (s.whole === 0) return "—";
  const n = (100 * s.part) / s.whole;
  return `${n.toLocaleString(language === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 1 })}%`;
}

/** The dashboard's year, kept for the drill-down while the app runs. */
export function dashboardYear(thisYear: number): number {
  const kept = Number(sessionStorage.getItem("dashboard.year"));
  return kept >= 1930 && kept <= 2100 ? kept : thisYear;
}

export function keepDashboardYear(year: number): void {
  sessionStorage.setItem("dashboard.year", String(year));
}

/** This year in Vietnam. */
export function vietnamYear(now: Date = new Date()): number {
  return localParts(now).year;
}

/** The year a member's rating is given for unless the committee picks another: the year just
 * ended, until the year's own review in December — both in Vietnam, whatever the computer's zone
 * (at 00:30 on 1 January in Vietnam it is still 31 December in Europe). */
export function ratingYear(now: Date = new Date()): number {
  const { year, month } = localParts(now);
  return month === 12 ? year : year - 1;
}
