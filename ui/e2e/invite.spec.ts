// A cell secretary makes an invite for a member's new device from the Members screen, and the
// code binds another store to that member; an invite for the deputy secretary is the
// administrator's to make, and the refusal is explained in Vietnamese. The secretary admits a
// new member, rates members for the year on their record, and the member's own device reads it.

import path from "node:path";
import { errors, ratingLevels, syncStates } from "../src/lib/i18n";
import { ratingYear } from "../src/lib/report";
import { e2eNow, expect, runSotay, shot, startSotay, tempDir, test, text, uiDist, vnDay, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const serverData = path.join(dir, "server");
const admin = path.join(dir, "admin.db");
const phone = path.join(dir, "phone.db");
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

const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
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
  await page.getByRole("link", { name: t("nav.members"), exact: true }).click();
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

test("the secretary admits a member and rates members, and the member's own device reads it", async ({ page }) => {
  await page.goto(`${bridge.url}/#/members`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("members.title"));
  await page.getByText(t("admit.title")).click();
  const form = page.getByTestId("admit");
  await form.getByLabel(t("admit.name")).fill("Lò Thị Mai");
  // A ceremony not held yet is refused, in Vietnamese, and nothing is written.
  await form.getByLabel(t("admit.admittedOn")).fill(vnDay(2));
  await form.getByRole("button", { name: t("admit.save") }).click();
  await expect(form.getByRole("alert")).toHaveText(errors.vi.admitted_in_future ?? "");
  await form.getByLabel(t("admit.admittedOn")).fill(vnDay(-300));
  await form.getByRole("button", { name: t("admit.save") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lò Thị Mai");
  await expect(page.getByTestId("standing")).toContainText("Dự bị");
  await expect(page.getByTestId("probation")).toContainText(/Dự bị còn 6\d ngày/);
  await page.getByRole("link", { name: t("common.back") }).click();
  const row = page.getByTestId("members").getByRole("listitem").filter({ hasText: "Lò Thị Mai" });
  await expect(row.getByTestId("probation")).toBeVisible();

  // The ordinary member's record: rated for last year, the score's band a ceiling.
  const ordinary = byRole("member");
  await page.getByTestId("members").getByRole("link", { name: ordinary.full_name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ordinary.full_name);
  await page.getByText(t("rate.title")).click();
  const rate = page.getByTestId("rate");
  await rate.getByLabel(t("rate.score")).fill("85");
  await expect(rate.getByLabel(t("rate.level"))).toHaveValue("good");
  await rate.getByLabel(t("rate.level")).selectOption("excellent");
  await rate.getByRole("button", { name: t("rate.save") }).click();
  await expect(rate.getByRole("alert")).toHaveText(errors.vi.level_above_score ?? "");
  await rate.getByLabel(t("rate.level")).selectOption("good");
  await rate.getByLabel(t("rate.note")).fill("Cần phát biểu nhiều hơn trong sinh hoạt");
  await rate.getByRole("button", { name: t("rate.save") }).click();
  const ratings = page.getByTestId("ratings");
  await expect(ratings).toContainText(ratingLevels.vi.good);
  await expect(ratings).toContainText("85");
  await shot(page, "vi", "15-member-record");

  // The member's own device reads the rating after the secretary's device has sent it.
  await expect.poll(() => {
    runSotay(["--store", phone, "sync"]);
    const record = JSON.parse(runSotay(["--store", phone, "member", "show", ordinary.id, "--json"])) as {
      ratings: { level: string; score: number | null }[];
    };
    return record.ratings[0] ?? null;
  }, { timeout: 30_000 }).toEqual({
    level: "good",
    score: 85,
    note: "Cần phát biểu nhiều hơn trong sinh hoạt",
    unit_name: expect.any(String),
    // The form's own year, by the page's clock: the year just ended, or this one in December.
    year: ratingYear(e2eNow()),
  });
});
