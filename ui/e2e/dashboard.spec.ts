// A commune committee member follows the cells below it: the dashboard shows every cell's year
// against the targets with the same figures as `sotay report`, flags the cells that missed a
// month, filters and sorts them, and exports the report as a workbook and as CSV — in Vietnamese
// and in English.

import fs from "node:fs";
import path from "node:path";
import { expect, runSotay, shot, startSotay, tempDir, test, text, uiDist, vnYear, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const store = path.join(dir, "commune.db");
const exports = path.join(dir, "exports");
let bridge: Running;
let commune = "";
let secretary = "";
let communeName = "";
type CellRow = { name: string; figures: { months_missed: number[]; regular_held: number } };
let cells: CellRow[] = [];
let admitted = 0;

test.beforeAll(async () => {
  runSotay(["--store", store, "demo", "--size", "commune", "--years", "2"]);
  const units = JSON.parse(runSotay(["--store", store, "units", "--json"])) as { id: string; level: string; name: string }[];
  const unit = units.find((u) => u.level === "grassroots");
  if (!unit) throw new Error("the demo commune has no commune unit");
  commune = unit.id;
  communeName = unit.name;
  const members = JSON.parse(runSotay(["--store", store, "members", "--unit", commune, "--json"])) as { role: string; full_name: string }[];
  const head = members.find((m) => m.role === "secretary");
  if (!head) throw new Error("the demo commune has no secretary");
  secretary = head.full_name;
  const report = JSON.parse(runSotay(["--store", store, "report", "--unit", commune, "--json"])) as {
    cells: CellRow[];
    admissions: { admitted: number }[];
  };
  cells = report.cells;
  admitted = report.admissions[0]?.admitted ?? 0;
  bridge = await startSotay(["--store", store, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"], { SOTAY_EXPORTS: exports });
});

test.afterAll(async () => {
  await bridge?.stop();
});

test("the commune's secretary sees every cell, the ones that missed a month flagged, and exports the report", async ({ page }) => {
  const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
  await page.goto(bridge.url);
  await page.getByRole("searchbox").fill(secretary);
  await page.getByRole("button", { name: secretary }).click();
  await page.getByRole("link", { name: t("nav.dashboard"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));

  const rows = page.getByTestId("dashboard-cell");
  await expect(rows).toHaveCount(cells.length);
  const missed = cells.filter((c) => c.figures.months_missed.length > 0);
  await expect(page.locator("tr.flagged")).toHaveCount(missed.length);
  for (const c of missed) {
    await expect(rows.filter({ hasText: c.name }).getByTestId("months-missed"))
      .toHaveText(t("dashboard.missed", { months: c.figures.months_missed.join(", ") }));
  }
  await expect(page.getByTestId("dashboard-summary"))
    .toHaveText(t("dashboard.summary", { meets: cells.length - missed.length, total: cells.length, missed: missed.length }));
  // The rule checks list the same months, without anyone asking.
  const year = vnYear();
  for (const c of missed) {
    const month = c.figures.months_missed.at(-1);
    if (month === undefined) continue;
    await expect(page.getByTestId("finding").filter({ hasText: c.name }).filter({ hasText: t("checks.missedMonth", { month, year }) }))
      .toHaveCount(1);
  }
  await expect(page.getByTestId("month-trend")).toBeVisible();
  await expect(page.getByTestId("distribution")).toHaveCount(2);
  await shot(page, "vi", "30-dashboard");
  await page.getByTestId("month-trend").scrollIntoViewIfNeeded();
  await shot(page, "vi", "30-dashboard-charts");

  // Drill down: from the cell that missed a month to its year, meeting by meeting, to a meeting.
  const flagged = missed[0] ?? cells[0];
  if (flagged) {
    await rows.filter({ hasText: flagged.name }).getByRole("link", { name: flagged.name }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(flagged.name);
    await expect(page.getByTestId("cell-figures")).toContainText(String(flagged.figures.regular_held));
    if (flagged.figures.months_missed.length > 0) {
      await expect(page.getByTestId("cell-figures"))
        .toContainText(t("dashboard.missed", { months: flagged.figures.months_missed.join(", ") }));
    }
    const held = page.getByTestId("cell-meeting").filter({ hasText: t("dashboard.onTime") }).or(
      page.getByTestId("cell-meeting").filter({ hasText: t("dashboard.late") }));
    expect(await held.count()).toBeGreaterThanOrEqual(flagged.figures.regular_held);
    await shot(page, "vi", "31-dashboard-cell");
    // In the first days of January the cell has not met yet this year: no meeting to open.
    if (flagged.figures.regular_held > 0) {
      const meeting = held.first().getByRole("link");
      const topic = (await meeting.textContent()) ?? "";
      await meeting.click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(topic.trim());
      await page.goBack();
    }
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));
  }

  // Sorted by regular meetings, fewest first: a cell that missed the most months leads.
  const worst = [...cells].sort((a, b) => b.figures.months_missed.length - a.figures.months_missed.length)[0];
  if (worst && worst.figures.months_missed.length > 0) {
    await expect(rows.first().getByTestId("months-missed"))
      .toHaveText(t("dashboard.missed", { months: worst.figures.months_missed.join(", ") }));
  }
  await page.getByRole("button", { name: t("dashboard.attendance") }).click();
  await expect(page.locator("th[aria-sort=ascending]")).toHaveText(t("dashboard.attendance"));

  await page.getByRole("checkbox", { name: t("dashboard.onlyProblems") }).check();
  expect(await rows.count()).toBeLessThanOrEqual(cells.length);
  expect(await rows.count()).toBeGreaterThanOrEqual(missed.length);

  await page.getByRole("button", { name: t("dashboard.exportXlsx") }).click();
  await expect(page.getByTestId("exported").first()).toContainText(".xlsx");
  const workbook = fs.readdirSync(exports).find((f) => f.endsWith(".xlsx"));
  if (!workbook) throw new Error("no workbook written");
  // An XLSX file is a ZIP archive.
  expect(fs.readFileSync(path.join(exports, workbook)).subarray(0, 2).toString("latin1")).toBe("PK");
  await page.getByRole("button", { name: t("dashboard.export"), exact: true }).click();
  await expect(page.getByTestId("exported").last()).toContainText(".csv");
  const written = fs.readdirSync(exports).find((f) => f.endsWith(".csv"));
  if (!written) throw new Error("no CSV written");
  const csv = fs.readFileSync(path.join(exports, written));
  expect(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  expect(csv.toString("utf8")).toContain("Tỷ lệ dự họp (%)");
  for (const c of cells) expect(csv.toString("utf8")).toContain(c.name);
  await page.getByRole("button", { name: t("dashboard.exportPdf") }).click();
  await expect(page.getByTestId("exported").last()).toContainText(".pdf");
  const printed = fs.readdirSync(exports).find((f) => f.endsWith(".pdf"));
  if (!printed) throw new Error("no PDF written");
  expect(fs.readFileSync(path.join(exports, printed)).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // The commune sets a stricter attendance target: the cells are measured against it at once,
  // and clearing it goes back to the guidance's.
  await page.getByText(t("targets.title", { unit: communeName })).click();
  const form = page.getByTestId("targets");
  await form.getByLabel(t("targets.attendance")).fill("95");
  await form.getByRole("button", { name: t("targets.save") }).click();
  await expect(page.getByText(/dự họp ≥ 95%/)).toBeVisible();
  const strict = await page.locator("td.verdict-missed, td.verdict-at_risk").count();
  await shot(page, "vi", "32-dashboard-targets");
  await form.getByRole("button", { name: t("targets.clear") }).click();
  await expect(page.getByText(/dự họp ≥ 85%/)).toBeVisible();
  expect(await page.locator("td.verdict-missed, td.verdict-at_risk").count()).toBeLessThanOrEqual(strict);

  // The members admitted this year against the commune's plan; the committee sets its own.
  const panel = page.getByTestId("admissions");
  await expect(panel.getByTestId("admissions-line").first()).toContainText(communeName);
  await panel.getByLabel(t("admissions.plan", { unit: communeName, year })).fill("20");
  await panel.getByRole("button", { name: t("admissions.save") }).click();
  await expect(panel.getByTestId("admissions-line").first()).toContainText(t("admissions.ofPlan", { n: admitted, plan: 20 }));
  await panel.scrollIntoViewIfNeeded();
  await shot(page, "vi", "33-dashboard-admissions");
});

test("the same dashboard in English", async ({ page }) => {
  const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("en", key, params);
  await page.goto(`${bridge.url}/#/settings`);
  await page.getByRole("radio", { name: "English" }).check();
  await page.goto(`${bridge.url}/#/dashboard`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("dashboard.title"));
  await expect(page.getByTestId("dashboard-cell")).toHaveCount(cells.length);
  await expect(page.getByRole("button", { name: t("dashboard.regular") })).toBeVisible();
  // Last year's ratings: good or better, of those rated, for every cell.
  const lastYear = String(vnYear() - 1);
  await page.locator('select[name="year"]').selectOption(lastYear);
  await page.getByRole("button", { name: t("dashboard.ratings") }).click();
  await expect(page.getByTestId("dashboard-cell").first()).toContainText(/\d+\/\d+/);
  await shot(page, "en", "30-dashboard");
  await page.getByTestId("dashboard-cell").first().getByRole("link").click();
  await expect(page.getByTestId("month-trend")).toBeVisible();
  await shot(page, "en", "31-dashboard-cell");
});
