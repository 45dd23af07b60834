// Every screen a commune's committee uses, at 1,024, 1,366 and 1,920 pixels wide, in Vietnamese
// and English: nothing scrolls sideways, the dashboard puts the cells table first and shows all
// its columns from 1,366 pixels, the sidebar reaches the bottom of a long page. The screenshots
// (ui/test-artifacts/screenshots/<language>/w<width>-<screen>.png) are for a person to look at.
// The committee also says from which day the commune is in Sotay, and the months before it stop
// being flagged.

import type { Page } from "@playwright/test";
import path from "node:path";
import { expect, fitsWidth, runSotay, shot, startSotay, tempDir, test, text, uiDist, vnDay, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const store = path.join(dir, "commune.db");
let bridge: Running;
let secretary = "";
let firstCell = "";
let aMeeting = "";

test.beforeAll(async () => {
  runSotay(["--store", store, "demo", "--size", "commune", "--years", "1"]);
  const units = JSON.parse(runSotay(["--store", store, "units", "--json"])) as { id: string; level: string }[];
  const commune = units.find((u) => u.level === "grassroots");
  if (!commune) throw new Error("the demo commune has no commune unit");
  firstCell = units.find((u) => u.level === "cell")?.id ?? "";
  const members = JSON.parse(runSotay(["--store", store, "members", "--unit", commune.id, "--json"])) as { role: string; full_name: string }[];
  secretary = members.find((m) => m.role === "secretary")?.full_name ?? "";
  const meetings = JSON.parse(runSotay(["--store", store, "meetings", "--unit", firstCell, "--json"])) as { id: string }[];
  aMeeting = meetings[0]?.id ?? "";
  bridge = await startSotay(["--store", store, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
});

test.afterAll(async () => {
  await bridge?.stop();
});

/** Opens the app as the commune's secretary (chosen once: the store remembers). */
async function signIn(page: Page) {
  await page.goto(bridge.url);
  const search = page.getByRole("searchbox");
  await expect(page.getByRole("navigation").or(search)).toBeVisible();
  if (await search.isVisible()) {
    await search.fill(secretary);
    await page.getByRole("button", { name: secretary }).click();
  }
  await expect(page.getByRole("navigation")).toBeVisible();
}

const screens = (): [string, string][] => [
  ["home", "#/home"],
  ["calendar", "#/calendar"],
  ["dashboard", "#/dashboard"],
  ["dashboard-cell", `#/dashboard/${firstCell}`],
  ["meeting", `#/meeting/${aMeeting}`],
  ["members", "#/members"],
  ["documents", "#/documents"],
  ["resolutions", "#/resolutions"],
  ["tasks", "#/tasks"],
  ["activity", "#/activity"],
  ["sync", "#/sync"],
  ["settings", "#/settings"],
];

for (const language of ["vi", "en"] as const) {
  test(`${language}: every screen at 1,024, 1,366 and 1,920 pixels`, async ({ page }) => {
    const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text(language, key, params);
    await signIn(page);
    // The language is the store's setting: each run says which it wants.
    await page.goto(`${bridge.url}/#/settings`);
    await page.getByRole("radio", { name: language === "vi" ? "Tiếng Việt" : "English" }).check();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("settings.title"));
    for (const width of [1024, 1366, 1920]) {
      await page.setViewportSize({ width, height: 860 });
      for (const [name, hash] of screens()) {
        await page.goto(`${bridge.url}/${hash}`);
        await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(t("common.loading"));
        expect(await fitsWidth(page), `${name} at ${width}`).toBe(true);
        await shot(page, language, `w${width}-${name}`);
      }
      // The dashboard: the cells table before the charts, every column in view from 1,366.
      await page.goto(`${bridge.url}/#/dashboard`);
      const table = page.getByTestId("dashboard");
      await expect(table).toBeVisible();
      const tableTop = (await table.boundingBox())?.y ?? 0;
      const chartsTop = (await page.getByTestId("month-trend").boundingBox())?.y ?? 0;
      expect(tableTop).toBeLessThan(chartsTop);
      if (width >= 1366) {
        const scroll = await page.locator(".table-scroll").evaluate((e) => e.scrollWidth - e.clientWidth);
        expect(scroll, `the table's columns fit at ${width}`).toBeLessThanOrEqual(0);
      }
      // The sidebar reaches the bottom of the long page.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const nav = await page.getByRole("navigation").boundingBox();
      expect((nav?.y ?? 0) + (nav?.height ?? 0)).toBeGreaterThanOrEqual(859);
      await shot(page, language, `w${width}-dashboard-bottom`);
    }
  });
}

test("the commune says it started in Sotay this month: no month before it is flagged", async ({ page }) => {
  const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
  await signIn(page);
  await page.goto(`${bridge.url}/#/settings`);
  await page.getByRole("radio", { name: "Tiếng Việt" }).check();
  await page.setViewportSize({ width: 1366, height: 860 });
  await page.goto(`${bridge.url}/#/dashboard`);
  const since = page.getByTestId("since");
  await expect(since.getByTestId("since-state")).toContainText(t("since.none", { unit: "" }).split(":")[0] ?? "");
  const flagged = await page.locator("tr.flagged").count();
  // The first day of this month: every month before it was before the start.
  const first = `01/${vnDay(0).slice(3)}`;
  await since.getByLabel(t("since.date")).fill("31/02/2026");
  await since.getByRole("button", { name: t("since.save") }).click();
  await expect(since.getByRole("alert")).toBeVisible();
  await since.getByLabel(t("since.date")).fill(first);
  await since.getByRole("button", { name: t("since.save") }).click();
  await expect(since.getByTestId("since-state")).toContainText(first);
  await expect(page.locator("tr.flagged")).toHaveCount(0);
  await expect(page.locator(".month-strip span.before").first()).toBeVisible();
  await since.scrollIntoViewIfNeeded();
  await shot(page, "vi", "30c-dashboard-since");
  await since.getByRole("button", { name: t("since.clear") }).click();
  await expect(page.locator("tr.flagged")).toHaveCount(flagged);
});
