// A cell secretary makes an invite for a member's new device from the Members screen, and the
// code binds another store to that member; an invite for the deputy secretary is the
// administrator's to make, and the refusal is explained in Vietnamese.

import { expect, test } from "@playwright/test";
import path from "node:path";
import { syncStates } from "../src/lib/i18n";
import { runSotay, shot, startSotay, tempDir, text, uiDist, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const serverData = path.join(dir, "server");
const admin = path.join(dir, "admin.db");
let server: Running;
let bridge: Running;
type MemberRow = { id: string; role: string; full_name: string };
let members: MemberRow[] = [];

test.beforeAll(async () => {
  runSotay(["--store", admin, "demo", "--size", "cell", "--years", "1", "--training"]);
  server = await startSotay(["serve", "--data", serverData, "--listen", "127.0.0.1:0"]);
  const code = runSotay(["invite", "--data", serverData, "--admin"]).trim();
  runSotay(["--store", admin, "connect", "--server", server.url, "--invite", code]);
  runSotay(["--store", admin, "sync"]);
  const units = JSON.parse(runSotay(["--store", admin, "units", "--json"])) as { id: string; level: string }[];
  const cell = units.find((u) => u.level === "cell");
  if (!cell) throw new Error("the training data has no cell");
  members = JSON.parse(runSotay(["--store", admin, "members", "--unit", cell.id, "--json"])) as MemberRow[];
  bridge = await startSotay(["--store", path.join(dir, "secretary.db"), "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
});

test.afterAll(async () => {
  await bridge?.stop();
  await server?.stop();
});

const t = (key: Parameters<typeof text>[1]) => text("vi", key);
const byRole = (role: string): MemberRow => {
  const m = members.find((x) => x.role === role);
  if (!m) throw new Error(`the training cell has no ${role}`);
  return m;
};

test("the secretary makes an invite for a member's new device, and it binds that device to them", async ({ page }) => {
  const secretary = byRole("secretary");
  const invite = runSotay(["invite", "--data", serverData, "--member", secretary.id]).trim();
  await page.goto(bridge.url);
  await page.getByLabel(t("first.connect.server")).fill(server.url);
  await page.getByLabel(t("first.connect.invite")).fill(invite);
  await page.getByRole("button", { name: t("first.connect.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào đồng chí", { timeout: 60_000 });

  await expect(page.getByTestId("sync-pill")).toHaveText(syncStates.vi.up_to_date, { timeout: 30_000 });
  await page.getByRole("link", { name: t("nav.members") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("members.title"));
  const ordinary = byRole("member");
  const row = page.getByTestId("members").getByRole("listitem").filter({ hasText: ordinary.full_name });
  await row.getByRole("button", { name: t("members.invite") }).click();
  const shown = page.getByTestId("invite");
  await expect(shown).toContainText(ordinary.full_name);
  const code = ((await shown.locator("output").textContent()) ?? "").trim();
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  await shot(page, "vi", "14-members-invite");

  // The code works once, on another store, which then belongs to that member.
  const phone = path.join(dir, "phone.db");
  runSotay(["--store", phone, "connect", "--server", server.url, "--invite", code]);
  runSotay(["--store", phone, "sync"]);
  const roster = JSON.parse(runSotay(["--store", phone, "members", "--json"])) as MemberRow[];
  expect(roster.map((m) => m.id)).toContain(ordinary.id);
  const again = path.join(dir, "again.db");
  expect(() => runSotay(["--store", again, "connect", "--server", server.url, "--invite", code])).toThrow();

  // The deputy secretary's devices are the administrator's to invite: not offered here (the
  // server refuses it all the same: crates/sotay-server/tests/engine/moves.rs).
  const deputy = byRole("deputy_secretary");
  const deputyRow = page.getByTestId("members").getByRole("listitem").filter({ hasText: deputy.full_name });
  await expect(deputyRow).toContainText(t("members.adminOnly"));
  await expect(deputyRow.getByRole("button")).toHaveCount(0);
});
