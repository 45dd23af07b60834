// Notices, on two devices and a real server: the commune's secretary posts an urgent notice from
// the Notices screen; a member of a cell below syncs, finds it on Home, unread, and opens it;
// after both sync, the commune sees that cell's read count go up — in Vietnamese and in English.

import path from "node:path";
import { syncStates } from "../src/lib/i18n";
import type { Page } from "@playwright/test";
import { expect, newPage, runSotay, shot, startSotay, tempDir, test, text, uiDist, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const serverData = path.join(dir, "server");
let server: Running;
let communeBridge: Running;
let memberBridge: Running;
let cellName = "";
type Unit = { id: string; level: string; parent_id: string | null; name: string };
type MemberRow = { id: string; role: string; full_name: string };

const title = "Họp chi bộ chuyển sang hội trường UBND xã";
const body = "Nhà văn hóa đang sửa mái. Các đồng chí mang theo thẻ đảng viên.";

function device(name: string, member: string): string {
  const store = path.join(dir, `${name}.db`);
  const code = runSotay(["invite", "--data", serverData, "--member", member]).trim();
  runSotay(["--store", store, "connect", "--server", server.url, "--invite", code]);
  runSotay(["--store", store, "sync"]);
  return store;
}

async function syncNow(page: Page, url: string, language: "vi" | "en") {
  await page.goto(`${url}/#/sync`);
  await page.getByRole("button", { name: text(language, "sync.now") }).click();
  await expect(page.getByTestId("sync-pill")).toHaveText(syncStates[language].up_to_date, { timeout: 30_000 });
}

test.beforeAll(async () => {
  const admin = path.join(dir, "admin.db");
  runSotay(["--store", admin, "demo", "--size", "commune", "--years", "1", "--training"]);
  server = await startSotay(["serve", "--data", serverData, "--listen", "127.0.0.1:0"]);
  const code = runSotay(["invite", "--data", serverData, "--admin"]).trim();
  runSotay(["--store", admin, "connect", "--server", server.url, "--invite", code]);
  runSotay(["--store", admin, "sync"]);
  const units = JSON.parse(runSotay(["--store", admin, "units", "--json"])) as Unit[];
  const commune = units.find((u) => u.level === "grassroots");
  const cell = units.find((u) => u.level === "cell" && u.parent_id === commune?.id);
  if (!commune || !cell) throw new Error("the demo commune has no commune with a cell");
  cellName = cell.name;
  const members = (unit: string) => JSON.parse(runSotay(["--store", admin, "members", "--unit", unit, "--json"])) as MemberRow[];
  const head = members(commune.id).find((m) => m.role === "secretary");
  const member = members(cell.id).find((m) => m.role === "member");
  if (!head || !member) throw new Error("the demo commune has no secretary, or its cell no member");
  const [communeStore, memberStore] = [device("commune", head.id), device("member", member.id)];
  communeBridge = await startSotay(["--store", communeStore, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
  memberBridge = await startSotay(["--store", memberStore, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
});

test.afterAll(async () => {
  await communeBridge?.stop();
  await memberBridge?.stop();
  await server?.stop();
});

test("the commune posts an urgent notice, a member of a cell reads it, the commune sees who has", async ({ browser }) => {
  const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
  const commune = await newPage(browser);
  await commune.goto(communeBridge.url);
  await commune.getByRole("link", { name: t("nav.notices"), exact: true }).click();
  await commune.getByText(t("notices.post")).click();
  await commune.getByLabel(t("notices.field.title")).fill(title);
  await commune.getByLabel(t("notices.field.body")).fill(body);
  await commune.getByLabel(t("notices.field.urgent")).check();
  await commune.getByLabel(t("notices.field.replyBy")).fill("31/12/2026");
  await shot(commune, "vi", "60-post-notice");
  await commune.getByRole("button", { name: t("notices.submit") }).click();
  await expect(commune.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(commune.getByTestId("notice-actions")).toBeVisible();
  const cellReads = commune.getByTestId("unit-reads").filter({ hasText: cellName });
  await expect(cellReads).toContainText(t("notices.reads", { read: 0, members: "" }));
  await syncNow(commune, communeBridge.url, "vi");

  const member = await newPage(browser);
  await expect(async () => {
    await syncNow(member, memberBridge.url, "vi");
    await member.goto(`${memberBridge.url}/#/home`);
    await expect(member.getByTestId("home-notices").getByRole("link", { name: title })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(member.getByTestId("home-notices")).toContainText(t("notices.urgent"));
  await shot(member, "vi", "61-home-notice");
  await member.getByTestId("home-notices").getByRole("link", { name: title }).click();
  await expect(member.getByTestId("notice-body")).toHaveText(body);
  await expect(member.getByText(t("notices.replyBy", { date: "31/12/2026" }))).toBeVisible();
  // Reading is the member's; changing it and who has read it are the commune's.
  await expect(member.getByTestId("notice-actions")).toHaveCount(0);
  await expect(member.getByTestId("notice-reads")).toHaveCount(0);
  await shot(member, "vi", "62-notice");
  await member.goto(`${memberBridge.url}/#/home`);
  // Read, it leaves Home's unread notices (the demo commune's own notices stay there).
  await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(member.getByTestId("home-notices").getByRole("link", { name: title })).toHaveCount(0);
  await syncNow(member, memberBridge.url, "vi");

  await expect(async () => {
    await syncNow(commune, communeBridge.url, "vi");
    await commune.goto(`${communeBridge.url}/#/notices`);
    await commune.getByRole("link", { name: title }).click();
    await expect(commune.getByTestId("unit-reads").filter({ hasText: cellName })).toContainText(
      t("notices.reads", { read: 1, members: "" }),
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 60_000 });
  await commune.getByTestId("unit-reads").filter({ hasText: cellName }).locator("summary").click();
  await shot(commune, "vi", "63-notice-reads");
});

test("the same notice in English", async ({ page }) => {
  const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("en", key, params);
  await page.goto(`${memberBridge.url}/#/settings`);
  await page.getByRole("radio", { name: "English" }).check();
  await page.goto(`${memberBridge.url}/#/notices`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("notices.title"));
  await expect(page.getByTestId("notices")).toContainText(t("notices.urgent"));
  await shot(page, "en", "60-notices");
  await page.goto(`${communeBridge.url}/#/settings`);
  await page.getByRole("radio", { name: "English" }).check();
  await page.goto(`${communeBridge.url}/#/notices`);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("unit-reads").filter({ hasText: cellName })).toContainText(
    t("notices.reads", { read: 1, members: "" }),
  );
  await page.getByTestId("unit-reads").filter({ hasText: cellName }).locator("summary").click();
  await shot(page, "en", "63-notice-reads");
  await page.goto(`${communeBridge.url}/#/notices`);
  await page.getByText(t("notices.post")).click();
  await shot(page, "en", "61-post-notice");
});
