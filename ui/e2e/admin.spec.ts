// The administrator's console in the desktop app, from a fresh server: the administrator's device
// joins with `sotay invite --admin` and opens on its Administration screen; the tree is built
// there (a commune, two cells); a roster file is checked — the preview shows a bad date and an
// unknown cell by row and column, and nothing is written — then imported with those rows left
// out; a secretary is named and a second one refused; an invite is made; every device is listed.
// Checked again in English, the same file changes nothing.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { errors } from "../src/lib/i18n";
import { problemKinds, rowStatuses } from "../src/lib/console-labels";
import { expect, runSotay, shot, startSotay, tempDir, test, text, uiDist, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const serverData = path.join(dir, "server");
const roster = path.join(dir, "danh-sach.csv");
let server: Running;
let admin: Running;

const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
const members = () => JSON.parse(runSotay(["admin", "member", "list", "--data", serverData, "--json"])) as unknown[];

test.beforeAll(async () => {
  // A district's export as a commune office keeps it: semicolons, a byte-order mark, Vietnamese
  // headers; one impossible date and one cell that does not exist.
  writeFileSync(
    roster,
    "\ufeffHọ và tên;Ngày sinh;Giới tính;Chi bộ;Ngày vào Đảng;Ngày chính thức;Số thẻ đảng viên;Điện thoại\n" +
      "Lê Thị Hoa;12/03/1975;Nữ;Chi bộ thôn Đông;03/02/2000;03/02/2001;36.001234;0912345678\n" +
      "Trần Văn An;01/01/1980;Nam;Chi bộ thôn Đông;10/10/2005;10/10/2006;36.001235;\n" +
      "Phạm Văn Tư;31/02/1982;Nam;Chi bộ thôn Đông;05/05/2010;05/05/2011;36.001236;\n" +
      "Nguyễn Thị Mai;05/05/1990;Nữ;Chi bộ thôn Bắc;01/06/2015;01/06/2016;36.001237;\n" +
      "Đỗ Văn Bình;07/07/1970;Nam;Chi bộ thôn Tây;02/09/1995;02/09/1996;36.001238;\n",
  );
  server = await startSotay(["serve", "--data", serverData, "--listen", "127.0.0.1:0"]);
  admin = await startSotay(["--store", path.join(dir, "admin.db"), "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
});

test.afterAll(async () => {
  await admin?.stop();
  await server?.stop();
});

test("the administrator builds the tree, previews and imports a roster, and names a secretary", async ({ page }) => {
  const invite = runSotay(["invite", "--admin", "--data", serverData]).trim();
  await page.goto(admin.url);
  await page.getByLabel(t("first.connect.server")).fill(server.url);
  await page.getByLabel(t("first.connect.invite")).fill(invite);
  await page.getByRole("button", { name: t("first.connect.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("admin.title"), { timeout: 60_000 });

  const tree = page.getByTestId("tree");
  await expect(tree).toContainText(t("tree.empty"));
  const addUnit = async (name: string, level: string, parent: string | null) => {
    await tree.getByLabel(t("tree.name"), { exact: true }).fill(name);
    await tree.getByLabel(t("tree.level"), { exact: true }).selectOption(level);
    if (parent) await tree.getByLabel(t("tree.parent"), { exact: true }).selectOption({ label: parent });
    await tree.getByRole("button", { name: t("tree.add") }).click();
    await expect(tree.getByRole("listitem").getByText(name, { exact: true })).toBeVisible();
  };
  await addUnit("Đảng bộ xã Tân Thành", "grassroots", null);
  await addUnit("Chi bộ thôn Đông", "cell", "Đảng bộ xã Tân Thành");
  await addUnit("Chi bộ thôn Tây", "cell", "Đảng bộ xã Tân Thành");
  // A commune under the commune is refused by the server (levels step down), in Vietnamese.
  await tree.getByLabel(t("tree.name"), { exact: true }).fill("Đảng bộ xã Tân Lập");
  await tree.getByLabel(t("tree.level"), { exact: true }).selectOption("grassroots");
  await tree.getByLabel(t("tree.parent"), { exact: true }).selectOption({ label: "Đảng bộ xã Tân Thành" });
  await tree.getByRole("button", { name: t("tree.add") }).click();
  await expect(tree.getByRole("alert")).toHaveText(errors.vi.bad_tree ?? "");

  const importer = page.getByTestId("roster-import");
  await importer.getByLabel(t("import.file")).setInputFiles(roster);
  await importer.getByRole("button", { name: t("import.check") }).click();
  const preview = importer.getByTestId("roster-preview");
  await expect(preview.getByRole("row")).toHaveCount(6);
  await expect(preview.getByRole("row").filter({ hasText: "Phạm Văn Tư" })).toContainText(problemKinds.vi.bad_date);
  await expect(preview.getByRole("row").filter({ hasText: "Nguyễn Thị Mai" })).toContainText(problemKinds.vi.unknown_unit);
  await expect(preview.getByRole("row").filter({ hasText: "Lê Thị Hoa" })).toContainText(rowStatuses.vi.new);
  expect(members()).toHaveLength(0);
  await importer.scrollIntoViewIfNeeded();
  await shot(page, "vi", "40-admin-import-preview");

  await importer.getByRole("button", { name: t("import.writeSkipping", { n: 3, skipped: 2 }) }).click();
  await expect(importer.getByRole("status")).toHaveText(t("import.done", { n: 3 }));
  expect(members()).toHaveLength(3);

  const offices = page.getByTestId("offices");
  await offices.getByLabel(t("offices.unit")).selectOption({ label: "Chi bộ thôn Đông" });
  const row = (name: string) => offices.getByRole("row").filter({ hasText: name });
  await row("Lê Thị Hoa").getByRole("combobox").selectOption("secretary");
  await expect(offices.getByRole("status")).toHaveText(t("offices.saved", { name: "Lê Thị Hoa" }));
  await row("Trần Văn An").getByRole("combobox").selectOption("secretary");
  await expect(offices.getByRole("alert")).toHaveText(errors.vi.office_taken ?? "");
  await expect(row("Trần Văn An").getByRole("combobox")).toHaveValue("member");
  // The invite needs her record on this device: it comes with the sync the import set off.
  const code = new RegExp(`^${t("offices.code", { name: "Lê Thị Hoa", code: "[A-Z0-9]{12}" }).replace(/[()]/g, "\\$&")}$`);
  await expect(async () => {
    await row("Lê Thị Hoa").getByRole("button", { name: t("offices.invite") }).click();
    await expect(offices.getByRole("status")).toHaveText(code, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await offices.scrollIntoViewIfNeeded();
  await shot(page, "vi", "41-admin-offices");

  await expect(page.getByTestId("devices")).toContainText(t("devices.thisOne"));
  const log = JSON.parse(runSotay(["admin", "audit", "--security", "--data", serverData, "--json"])) as { kind: string; detail: string }[];
  expect(log.filter((e) => e.kind === "office_changed").map((e) => e.detail)).toEqual(["secretary"]);
});

test("in English, the same file checked again changes nothing", async ({ page }) => {
  await page.goto(`${admin.url}/#/settings`);
  await page.getByRole("radio", { name: "English" }).check();
  await page.goto(`${admin.url}/#/admin`);
  const importer = page.getByTestId("roster-import");
  await importer.getByLabel(text("en", "import.file")).setInputFiles(roster);
  await importer.getByRole("button", { name: text("en", "import.check") }).click();
  const preview = importer.getByTestId("roster-preview");
  await expect(preview.getByRole("row").filter({ hasText: "Lê Thị Hoa" })).toContainText(rowStatuses.en.unchanged);
  await expect(importer.getByRole("button", { name: /Import/ })).toHaveCount(0);
  await importer.scrollIntoViewIfNeeded();
  await shot(page, "en", "40-admin-import-preview");
  await page.getByTestId("tree").scrollIntoViewIfNeeded();
  await shot(page, "en", "41-admin-tree");
  expect(members()).toHaveLength(3);
});
