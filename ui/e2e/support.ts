// Starting the real processes the browser tests talk to, and keeping their screenshots.

import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { Language } from "../src/lib/bindings";
import { translate, type Key } from "../src/lib/i18n";

export const root = path.resolve(import.meta.dirname, "../..");
export const sotay = process.env.SOTAY_BIN ?? path.join(root, "target/debug/sotay");
export const uiDist = path.join(root, "ui/dist");
const shots = path.join(root, "ui/test-artifacts/screenshots");

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "sotay-e2e-"));
}

/** Runs `sotay` to completion and returns what it printed. */
export function runSotay(args: string[]): string {
  return execFileSync(sotay, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export interface Running {
  url: string;
  stop: () => Promise<void>;
}

/** Starts a long-running `sotay` command (with `env` added to this process's environment) and
 * waits for its `listening on http://…` line. */
export function startSotay(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(sotay, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
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
