// Password accounts in the desktop app: a commune is set up from nothing with the administrator's
// console (`sotay admin …`), the secretary's device joins with its invite and sets her password in
// Settings; a second device signs in on its first-run screen with her party card number and that
// password — a wrong one first, refused in Vietnamese — and opens on her cell.

import path from "node:path";
import { errors, syncStates } from "../src/lib/i18n";
import { expect, runSotay, shot, startSotay, tempDir, test, text, uiDist, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const serverData = path.join(dir, "server");
let server: Running;
let phone: Running;
let laptop: Running;
let secretary = "";

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
  phone = await startSotay(["--store", path.join(dir, "phone.db"), "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
  laptop = await startSotay(["--store", path.join(dir, "laptop.db"), "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
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
  expect(log.map((e) => e.kind)).toEqual(["password_set", "sign_in_failed", "signed_in"]);
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
