// Dates as Vietnamese write them (dd/MM/yyyy), always in Vietnam's time zone whatever the
// computer's own zone is: a member abroad still meets at the cell's local time.

export const ZONE = "Asia/Ho_Chi_Minh";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  weekday: "short",
  hourCycle: "h23",
});

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** An instant's calendar fields in Vietnam. */
export function localParts(instant: Date): LocalParts {
  const get = (type: string) => parts.formatToParts(instant).find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    weekday: WEEKDAYS.indexOf(get("weekday")),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `yyyy-MM-dd` (ISO, as the commands take dates) → `dd/MM/yyyy`. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** An RFC 3339 instant → `dd/MM/yyyy` in Vietnam. */
export function formatInstantDate(instant: string): string {
  const p = localParts(new Date(instant));
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** An RFC 3339 instant → `HH:mm` in Vietnam. */
export function formatTime(instant: string): string {
  const p = localParts(new Date(instant));
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** An RFC 3339 instant → `HH:mm dd/MM/yyyy` in Vietnam. */
export function formatDateTime(instant: string): string {
  return `${formatTime(instant)} ${formatInstantDate(instant)}`;
}

/** The Vietnamese calendar date (`yyyy-MM-dd`) of an instant. */
export function localDateKey(instant: string | Date): string {
  const p = localParts(typeof instant === "string" ? new Date(instant) : instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `yyyy-MM-dd` of a calendar date given by its fields. */
export function dateKey(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday, for a calendar date. */
export function weekdayOf(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

/** A month's grid: weeks from Monday, `null` for days of the months around it. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = weekdayOf(year, month, 1);
  const days = daysInMonth(year, month);
  const cells: (string | null)[] = Array.from({ length: first }, () => null);
  for (let d = 1; d <= days; d++) cells.push(dateKey(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The month after (`+1`) or before (`-1`) a month. */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  /** The meeting has started (or is over). */
  started: boolean;
}

/** Time left until `instant`, from `now`. */
/** The words a countdown is said in: the days only when there is one at least ("còn 5 giờ 10
 * phút", not "còn 0 ngày 5 giờ"), the hours only when there is one. */
export function countdownWords(left: Countdown): {
  key: "countdown.in" | "countdown.hours" | "countdown.minutes" | "countdown.started";
  params: Record<string, number>;
} {
  if (left.started) return { key: "countdown.started", params: {} };
  if (left.days > 0) return { key: "countdown.in", params: { d: left.days, h: left.hours, m: left.minutes } };
  if (left.hours > 0) return { key: "countdown.hours", params: { h: left.hours, m: left.minutes } };
  return { key: "countdown.minutes", params: { m: left.minutes } };
}

export function countdown(instant: string, now: Date): Countdown {
  const ms = new Date(instant).getTime() - now.getTime();
  if (ms <= 0) return { days: 0, hours: 0, minutes: 0, started: true };
  const totalMinutes = Math.ceil(ms / 60000);
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    started: false,
  };
}
