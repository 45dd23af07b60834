// Publishing downward, on two devices and a real server: the commune's secretary publishes a
// guidance with a file from the Documents screen; a member of a cell below syncs, finds it by
// typing without diacritics, opens it and sees the summary and the file — in Vietnamese and in
// English.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { syncStates } from "../src/lib/i18n";
import { expect, newPage, runSotay, shot, startSotay, tempDir, test, text, uiDist, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const exports = path.join(dir, "exports");
const serverData = path.join(dir, "server");
let server: Running;
let communeBridge: Running;
let memberBridge: Running;
type Unit = { id: string; level: string; parent_id: string | null };
type MemberRow = { id: string; role: string; full_name: string };

const title = "Hướng dẫn sinh hoạt chi bộ theo chuyên đề năm 2027";
const summary = "Mỗi chi bộ sinh hoạt chuyên đề ít nhất một lần trong năm.";

function device(name: string, member: string): string {
  const store = path.join(dir, `${name}.db`);
  const code = runSotay(["invite", "--data", serverData, "--member", member]).trim();
  runSotay(["--store", store, "connect", "--server", server.url, "--invite", code]);
  runSotay(["--store", store, "sync"]);
  return store;
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
  const members = (unit: string) => JSON.parse(runSotay(["--store", admin, "members", "--unit", unit, "--json"])) as MemberRow[];
  const head = members(commune.id).find((m) => m.role === "secretary");
  const member = members(cell.id).find((m) => m.role === "member");
  if (!head || !member) throw new Error("the demo commune has no secretary, or its cell no member");
  const [communeStore, memberStore] = [device("commune", head.id), device("member", member.id)];
  communeBridge = await startSotay(["--store", communeStore, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
  memberBridge = await startSotay(["--store", memberStore, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"], { SOTAY_EXPORTS: exports });
});

test.afterAll(async () => {
  await communeBridge?.stop();
  await memberBridge?.stop();
  await server?.stop();
});

test("the commune publishes a guidance that a member of a cell below finds without diacritics", async ({ browser }) => {
  const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
  const commune = await newPage(browser);
  await commune.goto(communeBridge.url);
  await commune.getByRole("link", { name: t("nav.documents"), exact: true }).click();
  await commune.getByText(t("publishDoc.title")).click();
  await commune.getByLabel(t("publishDoc.kind")).selectOption("guidance");
  await commune.getByLabel(t("publishDoc.number")).fill("12-HD/ĐU");
  await commune.getByLabel(t("publishDoc.docTitle")).fill(title);
  await commune.getByLabel(t("publishDoc.summary")).fill(summary);
  await commune.getByLabel(t("publishDoc.body")).fill("1. Chủ đề do cấp ủy chọn.\n2. Gửi tài liệu trước một ngày.");
  await shot(commune, "vi", "40-publish-document");
  await commune.getByRole("button", { name: t("publishDoc.submit") }).click();
  await expect(commune.getByRole("heading", { level: 1 })).toHaveText(title);
  await commune.locator('input[name="attach-file"]').setInputFiles({
    name: "Hướng dẫn 12.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 hướng dẫn"),
  });
  await expect(commune.getByTestId("file")).toContainText("Hướng dẫn 12.pdf");
  await expect(commune.getByTestId("document-actions")).toBeVisible();
  await commune.goto(`${communeBridge.url}/#/sync`);
  await commune.getByRole("button", { name: t("sync.now") }).click();
  await expect(commune.getByTestId("sync-pill")).toHaveText(syncStates.vi.up_to_date, { timeout: 30_000 });

  const member = await newPage(browser);
  await member.goto(`${memberBridge.url}/#/sync`);
  await expect(async () => {
    await member.getByRole("button", { name: t("sync.now") }).click();
    await member.goto(`${memberBridge.url}/#/documents`);
    await member.getByRole("searchbox").fill("huong dan sinh hoat chuyen de");
    await expect(member.getByRole("link", { name: title })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await shot(member, "vi", "41-document-found");
  await member.getByRole("link", { name: title }).click();
  await expect(member.getByTestId("document-summary")).toHaveText(summary);
  await expect(member.getByTestId("file")).toContainText("Hướng dẫn 12.pdf");
  // A member reads it; changing it is the commune's.
  await expect(member.getByTestId("document-actions")).toHaveCount(0);
  await shot(member, "vi", "42-document");

  // Back from far away: the member prints the digest since last month; the guidance is on it.
  await member.getByRole("link", { name: t("nav.activity"), exact: true }).click();
  await member.getByRole("button", { name: t("digest.print") }).click();
  await expect(member.getByTestId("exported")).toContainText(".pdf");
  const pdf = fs.readdirSync(exports).find((f) => f.startsWith("tom-tat-") && f.endsWith(".pdf"));
  if (!pdf) throw new Error("no digest written");
  const printed = execFileSync("pdftotext", [path.join(exports, pdf), "-"], { encoding: "utf8" }).split(/\s+/).join(" ");
  expect(printed).toContain("TÓM TẮT SINH HOẠT CHI BỘ");
  expect(printed).toContain(title);
  await shot(member, "vi", "43-digest");
});

test("the same document in English", async ({ page }) => {
  const t = (key: Parameters<typeof text>[1]) => text("en", key);
  await page.goto(`${memberBridge.url}/#/settings`);
  await page.getByRole("radio", { name: "English" }).check();
  await page.goto(`${memberBridge.url}/#/documents`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("documents.title"));
  await page.getByRole("searchbox").fill("huong dan sinh hoat");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("document-summary")).toHaveText(summary);
  await shot(page, "en", "42-document");
  await page.goto(`${communeBridge.url}/#/settings`);
  await page.getByRole("radio", { name: "English" }).check();
  await page.goto(`${communeBridge.url}/#/documents`);
  await page.getByText(t("publishDoc.title")).click();
  await shot(page, "en", "40-publish-document");
});
