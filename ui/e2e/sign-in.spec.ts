// Password accounts in the desktop app: a commune is set up from nothing with the administrator's
// console (`sotay admin …`), the secretary's device joins with its invite and sets her password in
// Settings; a second device signs in on its first-run screen with her party card number and that
// password — a wrong one first, refused in Vietnamese — and opens on her cell. Then the laptop is
// lost with a meeting it had not sent: she signs it out from her phone's Settings, and at its
// next contact it erases what it held and lists the meeting. The phone, out of touch for a
// month, locks, and opens again when she signs in.

import path from "node:path";
import { errors, syncStates } from "../src/lib/i18n";
import { e2eNow, expect, runSotay, shot, startSotay, tempDir, test, text, uiDist, vnDay, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const serverData = path.join(dir, "server");
let server: Running;
let phone: Running;
let laptop: Running;
let secretary = "";
const phoneDb = path.join(dir, "phone.db");
const laptopDb = path.join(dir, "laptop.db");
const bridge = (store: string, env: Record<string, string> = {}) =>
  startSotay(["--store", store, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"], env);

const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
const admin = (args: string[]) => JSON.parse(runSotay(["admin", ...args, "--data", serverData, "--json"])) as { id: string };

test.beforeAll(async () => {
  const commune = admin(["unit", "add", "--name", "Đảng bộ xã Tân Thành", "--level", "grassroots"]);
  const cell = admin(["unit", "add", "--name", "Chi bộ thôn Đông", "--level", "cell", "--parent", commune.id]);
  secretary = admin([
    "member", "add", "--unit", cell.id, "--name", "Lê Thị Hoa", "--card", "36.001234", "--office", "secretary",
  ]).id;
  admin(["member", "add", "--unit", cell.id, "--name", "Trần Văn An"]);
  server = await startSotay(["serve", "--data", serverData, "--listen", "127.0.0.1:0"]);
  phone = await bridge(phoneDb);
  laptop = await bridge(laptopDb);
});

test.afterAll(async () => {
  await laptop?.stop();
  await phone?.stop();
  await server?.stop();
});

test("the secretary's device joins with an invite and she sets her password", async ({ page }) => {
  const invite = runSotay(["admin", "invite", "--data", serverData, "--member", secretary]).trim();
  await page.goto(phone.url);
  await page.getByLabel(t("first.connect.server")).fill(server.url);
  await page.getByLabel(t("first.connect.invite")).fill(invite);
  await page.getByRole("button", { name: t("first.connect.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào đồng chí", { timeout: 60_000 });

  await page.goto(`${phone.url}/#/settings`);
  const form = page.getByTestId("password");
  await form.getByLabel(t("password.new")).fill("mật khẩu chi bộ");
  await form.getByLabel(t("password.again")).fill("mật khẩu khác");
  await form.getByRole("button", { name: t("password.save") }).click();
  await expect(form.getByRole("alert")).toHaveText(t("password.mismatch"));
  await form.getByLabel(t("password.again")).fill("mật khẩu chi bộ");
  await form.getByRole("button", { name: t("password.save") }).click();
  await expect(form.getByRole("status")).toHaveText(t("password.done"));
  await expect(page.getByTestId("sync-pill")).toHaveText(syncStates.vi.up_to_date, { timeout: 30_000 });
  await shot(page, "vi", "30-settings-password");
});

test("a second device signs in with her card number and password and opens on her cell", async ({ page }) => {
  await page.goto(laptop.url);
  const form = page.getByTestId("sign-in");
  await page.getByLabel(t("first.connect.server")).fill(server.url);
  await form.getByLabel(t("first.signIn.login")).fill("36.001234");
  await form.getByLabel(t("first.signIn.password")).fill("mật khẩu sai");
  await form.getByRole("button", { name: t("first.signIn.submit") }).click();
  await expect(page.getByRole("alert")).toHaveText(errors.vi.bad_credentials ?? "");
  await shot(page, "vi", "31-first-run-sign-in-refused");

  await form.getByLabel(t("first.signIn.password")).fill("mật khẩu chi bộ");
  await form.getByRole("button", { name: t("first.signIn.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Xin chào đồng chí", { timeout: 60_000 });
  await expect(page.getByText("Lê Thị Hoa").first()).toBeVisible();
  await expect(page.getByTestId("sync-pill")).toHaveText(syncStates.vi.up_to_date, { timeout: 30_000 });
  await shot(page, "vi", "32-signed-in-home");

  // The security log on the server has both tries.
  const log = JSON.parse(runSotay(["admin", "audit", "--security", "--data", serverData, "--json"])) as { kind: string }[];
  expect(log.map((e) => e.kind)).toEqual(["office_changed", "joined", "password_set", "sign_in_failed", "signed_in"]);
});

test("the first-run screen in English offers joining with an invite and signing in", async ({ page }) => {
  const fresh = await startSotay(["--store", path.join(dir, "fresh.db"), "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
  try {
    await page.goto(fresh.url);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByTestId("sign-in")).toContainText(text("en", "first.signIn.title"));
    await expect(page.getByRole("heading", { name: text("en", "first.invite.title") })).toBeVisible();
    await page.getByTestId("sign-in").scrollIntoViewIfNeeded();
    await shot(page, "en", "30-first-run-sign-in");
  } finally {
    await fresh.stop();
  }
});

test("she signs her lost laptop out from her phone, and the laptop erases what it held", async ({ page }) => {
  await page.goto(`${phone.url}/#/settings`);
  const devices = page.getByTestId("devices");
  await expect(devices.getByRole("row")).toHaveCount(3);
  await expect(devices).toContainText(t("devices.thisOne"));
  await devices.scrollIntoViewIfNeeded();
  await shot(page, "vi", "33-settings-devices");

  // The laptop is lost (closed) with a meeting written on it and not sent yet.
  await laptop.stop();
  runSotay([
    "--store", laptopDb, "meeting", "new", "--at", `${vnDay(7)} 19:30`, "--place", "Nhà văn hóa thôn Đông",
    "--topic", "Họp bàn đường liên thôn",
  ]);
  page.once("dialog", (dialog) => void dialog.accept());
  const other = devices.getByRole("row").filter({ hasNotText: t("devices.thisOne") }).filter({ hasText: t("devices.active") });
  await other.getByRole("button", { name: t("devices.signOut") }).click();
  await expect(devices).toContainText(t("devices.by.member"));

  // Its next contact: refused, the unsent meeting listed, everything else erased.
  laptop = await bridge(laptopDb);
  await page.goto(laptop.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("erased.title"), { timeout: 60_000 });
  await expect(page.getByTestId("erased")).toContainText("Họp bàn đường liên thôn");
  await expect(page.getByTestId("sign-in")).toBeVisible();
  await shot(page, "vi", "34-signed-out-erased");
  const log = JSON.parse(runSotay(["admin", "audit", "--security", "--data", serverData, "--json"])) as { kind: string }[];
  expect(log.map((e) => e.kind).slice(-2)).toEqual(["device_revoked", "revoked_device_erased"]);
});

test("her phone, out of touch for a month, locks and opens again when she signs in", async ({ page }) => {
  await phone.stop();
  const monthLater = new Date(e2eNow().getTime() + 31 * 86_400_000).toISOString();
  phone = await bridge(phoneDb, { SOTAY_NOW: monthLater });
  await page.goto(phone.url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("locked.title"));
  await expect(page.getByText(t("locked.offline"))).toBeVisible();
  await shot(page, "vi", "35-locked");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "locked.title"));
  await shot(page, "en", "35-locked");

  const form = page.getByTestId("unlock");
  await form.getByLabel(text("en", "first.signIn.login")).fill("36.001234");
  await form.getByLabel(text("en", "first.signIn.password")).fill("mật khẩu chi bộ");
  await form.getByRole("button", { name: text("en", "first.signIn.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(text("en", "locked.title"), { timeout: 60_000 });
  await expect(page.getByText("Lê Thị Hoa").first()).toBeVisible();
  await expect(page.getByTestId("sync-pill")).toHaveText(syncStates.en.up_to_date, { timeout: 30_000 });

  await page.goto(`${phone.url}/#/settings`);
  const devices = page.getByTestId("devices");
  await expect(devices).toContainText(text("en", "devices.by.member"));
  await devices.scrollIntoViewIfNeeded();
  await shot(page, "en", "33-settings-devices");
});
