// Starting the real processes the browser tests talk to, on the tests' clock, and keeping their
// screenshots.

import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, type Browser, type Page } from "@playwright/test";
import type { Language } from "../src/lib/bindings";
import { ZONE } from "../src/lib/format";
import { translate, type Key } from "../src/lib/i18n";

export const root = path.resolve(import.meta.dirname, "../..");
export const sotay = process.env.SOTAY_BIN ?? path.join(root, "target/debug/sotay");
export const uiDist = path.join(root, "ui/dist");
const shots = path.join(root, "ui/test-artifacts/screenshots");

/** An RFC 3339 instant with its offset (seconds required, as `sotay --now` reads it), checked
 * field by field: `Date` would quietly read 30/02 as 2 March. */
function parseInstant(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(value);
  const at = new Date(value);
  if (m && !Number.isNaN(at.getTime())) {
    const offset = m[7] === "Z" ? 0 : (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
    const there = new Date(at.getTime() + offset * 60_000);
    const fields = [there.getUTCFullYear(), there.getUTCMonth() + 1, there.getUTCDate(), there.getUTCHours(), there.getUTCMinutes()];
    if (fields.every((n, i) => n === Number(m[i + 1]))) return at;
  }
  throw new Error(`${value} is not an RFC 3339 instant such as 2026-12-07T09:00:00+07:00`);
}

/** The instant the browser tests start at. The demo is made around "now", and what it holds —
 * the member's open tasks, the next meeting, this year's figures, last year's ratings — changes
 * with the day, so the suite says what day it is instead of taking the calendar's:
 * `SOTAY_E2E_NOW` (RFC 3339) picks another (scripts/e2e-dates.sh runs several). */
export const e2eStart = parseInstant(process.env.SOTAY_E2E_NOW ?? "2026-12-07T09:00:00+07:00");
const realStart = Date.now();

/** Now, by the tests' clock: it read `e2eStart` when this run began and runs on in real time, as
 * `sotay --now` does. Every process and page is started at its current reading, so all agree. */
export function e2eNow(): Date {
  return new Date(e2eStart.getTime() + (Date.now() - realStart));
}

/** The day `days` from today (by the tests' clock) in Vietnam, as a member types it: dd/mm/yyyy. */
export function vnDay(days: number): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, day: "2-digit", month: "2-digit", year: "numeric" })
    .format(new Date(e2eNow().getTime() + days * 86_400_000));
}

/** This year in Vietnam, by the tests' clock. */
export function vnYear(): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, year: "numeric" }).format(e2eNow()));
}

/** `sotay`'s environment: the tests' clock, read now (`SOTAY_NOW`), and `env`. */
function sotayEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, SOTAY_NOW: e2eNow().toISOString(), ...env };
}

/** Playwright's `test`, with every page's clock set to the tests' (the UI's own "today": the
 * calendar's month, a countdown, a rating's year). The clock is fixed at the test's start; the
 * page's timers still run. */
export const test = base.extend({
  context: async ({ context }, use) => {
    await context.clock.setFixedTime(e2eNow());
    await use(context);
  },
});

export { expect } from "@playwright/test";

/** A page of its own (another device's window), on the tests' clock like the `page` fixture. */
export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.clock.setFixedTime(e2eNow());
  return page;
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "sotay-e2e-"));
}

/** Runs `sotay` (on the tests' clock, with `env` added) to completion and returns what it printed. */
export function runSotay(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(sotay, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: sotayEnv(env) });
}

export interface Running {
  url: string;
  stop: () => Promise<void>;
}

/** Starts a long-running `sotay` command (on the tests' clock, with `env` added to this process's
 * environment) and waits for its `listening on http://…` line. */
export function startSotay(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(sotay, args, { stdio: ["ignore", "pipe", "pipe"], env: sotayEnv(env) });
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`sotay ${args.join(" ")} did not start:\n${log}`)), 60_000);
    child.once("exit", (code) => reject(new Error(`sotay ${args.join(" ")} exited with ${code}:\n${log}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({
        url: m[1],
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** The UI's own text, so the tests read the screens in either language. */
export function text(language: Language, key: Key, params: Record<string, string | number> = {}): string {
  return translate(language, key, params);
}

/** Keeps a screenshot as a test artifact: ui/test-artifacts/screenshots/<language>/<name>.png. */
export async function shot(page: Page, language: string, name: string): Promise<void> {
  const dir = path.join(shots, language);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** The page fits a 1024-pixel-wide window: nothing to scroll sideways. */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}
