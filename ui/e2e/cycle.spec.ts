// One meeting cycle on two devices and a real server: the secretary schedules a meeting, writes
// its draft and sends it to members (later than the lead time: the warning shows); a member, on
// their own device, sends an idea and an absence reason; the secretary — offline — opens the
// meeting, takes the roll call with the notice already in it, records two speakers, adopts the
// resolution (a tally larger than those present is refused, in Vietnamese), gives the member a
// task, writes the conclusion, drafts, adopts and exports the minutes; back online, the
// member's device shows the minutes, the tally and the task; the member's progress reaches the
// secretary, whose review list at the next meeting shows it.

import type { Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { expect, runSotay, shot, startSotay, tempDir, test, text, uiDist, vnDay, type Running } from "./support";
import { errors } from "../src/lib/i18n";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
const serverData = path.join(dir, "server");
const exports = path.join(dir, "exports");
let server: Running;
let secretaryApp: Running;
let memberApp: Running;
type MemberRow = { id: string; role: string; full_name: string };
let secretary: MemberRow;
let member: MemberRow;
let other: MemberRow;

const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);

test.beforeAll(async () => {
  const admin = path.join(dir, "admin.db");
  runSotay(["--store", admin, "demo", "--size", "cell", "--years", "1", "--training"]);
  server = await startSotay(["serve", "--data", serverData, "--listen", "127.0.0.1:0"]);
  runSotay(["--store", admin, "connect", "--server", server.url, "--invite", runSotay(["invite", "--data", serverData, "--admin"]).trim()]);
  runSotay(["--store", admin, "sync"]);
  const units = JSON.parse(runSotay(["--store", admin, "units", "--json"])) as { id: string; level: string }[];
  const cell = units.find((u) => u.level === "cell");
  if (!cell) throw new Error("the training data has no cell");
  const members = JSON.parse(runSotay(["--store", admin, "members", "--unit", cell.id, "--json"])) as MemberRow[];
  const find = (role: string) => {
    const m = members.find((x) => x.role === role);
    if (!m) throw new Error(`no ${role}`);
    return m;
  };
  secretary = find("secretary");
  member = find("member");
  const rest = members.find((m) => m.id !== secretary.id && m.id !== member.id);
  if (!rest) throw new Error("the training cell is too small");
  other = rest;
  const device = async (who: MemberRow, name: string) => {
    const store = path.join(dir, `${name}.db`);
    const invite = runSotay(["invite", "--data", serverData, "--member", who.id]).trim();
    runSotay(["--store", store, "connect", "--server", server.url, "--invite", invite]);
    runSotay(["--store", store, "sync"]);
    return startSotay(["--store", store, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"], {
      SOTAY_EXPORTS: path.join(exports, name),
    });
  };
  secretaryApp = await device(secretary, "secretary");
  memberApp = await device(member, "member");
});

test.afterAll(async () => {
  await secretaryApp?.stop();
  await memberApp?.stop();
  await server?.stop();
});

async function syncNow(page: Page, base: string) {
  await page.goto(`${base}/#/sync`);
  // The round is over when its command answers: "nothing pending" alone is true at once on a
  // device with nothing to send, before its pull has brought anything (a loaded CI machine once
  // read the meeting before the round had fetched it).
  const round = page.waitForResponse((r) => r.url().endsWith("/api/sync_now"), { timeout: 30_000 });
  await page.getByRole("button", { name: t("sync.now") }).click();
  await round;
  await expect(page.getByTestId("pending")).toHaveText("0", { timeout: 30_000 });
}

let meetingId = "";
// Bytes that are not text: a file comes back exactly as it went.
const report = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
const topic = `Sinh hoạt chuyên đề làm đường ${Date.now()}`;

test("the secretary schedules a meeting and writes its draft", async ({ page }) => {
  await page.goto(`${secretaryApp.url}/#/calendar`);
  const form = page.getByTestId("schedule");
  await form.locator("summary").click();
  await form.getByLabel(t("schedule.kind")).selectOption("thematic");
  await form.getByLabel(t("schedule.date")).fill("31/02/2027");
  await form.getByLabel(t("schedule.place")).fill("Nhà văn hóa thôn");
  await form.getByLabel(t("schedule.topic")).fill(topic);
  await form.getByRole("button", { name: t("schedule.submit") }).click();
  await expect(form.getByRole("alert")).toHaveText(errors.vi.invalid ?? "");
  await form.getByLabel(t("schedule.date")).fill(vnDay(1));
  await form.getByRole("button", { name: t("schedule.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(topic);
  meetingId = page.url().split("/").pop() ?? "";
  const prepare = page.getByTestId("prepare");
  const titles = prepare.getByTestId("agenda-title");
  await expect(titles.first()).toBeVisible();
  const count = await titles.count();
  // A new item goes before the closing steps, not after "Bế mạc".
  await prepare.getByLabel(t("prepare.itemTitle")).fill("Bàn việc làm đường liên thôn");
  await prepare.getByRole("button", { name: t("prepare.addItem") }).click();
  await expect(titles).toHaveCount(count + 1);
  const order = async () => await titles.allTextContents();
  let now = await order();
  const road = now.indexOf("Bàn việc làm đường liên thôn");
  expect(now.at(-1)).toBe("Bế mạc");
  expect(road).toBeLessThan(count - 2);
  // Up with its button, then up again from the keyboard (Alt+↑): two places earlier.
  await prepare.getByRole("button", { name: t("agenda.up", { title: "Bàn việc làm đường liên thôn" }) }).click();
  await expect(titles.nth(road - 1)).toHaveText("Bàn việc làm đường liên thôn");
  await prepare.getByRole("button", { name: t("agenda.up", { title: "Bàn việc làm đường liên thôn" }) }).press("Alt+ArrowUp");
  await expect(titles.nth(road - 2)).toHaveText("Bàn việc làm đường liên thôn");
  // Dragged before the third item.
  now = await order();
  const third = now[2] ?? "";
  await prepare.getByTestId("agenda-item").nth(road - 2).dragTo(prepare.getByTestId("agenda-item").nth(2));
  await expect(titles.nth(2)).toHaveText("Bàn việc làm đường liên thôn");
  await expect(titles.nth(3)).toHaveText(third);
  // Renamed and given a body, in place; the prescribed steps keep their mark.
  await prepare.getByRole("button", { name: t("agenda.edit", { title: "Bàn việc làm đường liên thôn" }) }).click();
  await prepare.getByLabel(t("agenda.itemTitle")).fill("Làm đường liên thôn");
  await prepare.getByLabel(t("agenda.itemBody")).fill("Mỗi hộ góp 2 ngày công.");
  await prepare.getByRole("button", { name: t("agenda.save") }).click();
  await expect(titles.nth(2)).toHaveText("Làm đường liên thôn");
  await expect(prepare.getByTestId("agenda-item").nth(2)).toContainText("Mỗi hộ góp 2 ngày công.");
  await expect(prepare.getByTestId("agenda-item").first()).toContainText(t("agenda.prescribed"));
  await expect(prepare.getByTestId("agenda-item").nth(2)).not.toContainText(t("agenda.prescribed"));
  await prepare.getByLabel(t("prepare.draftTitle")).fill("Nghị quyết về làm đường liên thôn");
  await prepare.getByLabel(t("prepare.draftText")).fill("1. Mỗi hộ góp 2 ngày công.\n2. Hoàn thành trước Tết.");
  await prepare.getByRole("button", { name: t("prepare.saveDraft") }).click();
  await expect(prepare.getByRole("heading", { level: 3 })).toHaveText("Nghị quyết về làm đường liên thôn");
  await shot(page, "vi", "15-hold-prepare");

  // The political report goes with the draft, as a file members will read offline.
  const papers = page.getByTestId("papers");
  await papers.getByLabel(t("papers.attach")).setInputFiles({ name: "Báo cáo chính trị.pdf", mimeType: "application/pdf", buffer: report });
  await expect(papers.getByTestId("file")).toContainText("Báo cáo chính trị.pdf");
  await papers.getByLabel(t("papers.attach")).setInputFiles({ name: "trống.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) });
  await expect(page.getByRole("alert").filter({ hasText: errors.vi.empty_file ?? "" })).toBeVisible();
  await expect(papers.getByTestId("file")).toHaveCount(1);
  await papers.scrollIntoViewIfNeeded();
  await shot(page, "vi", "15c-hold-papers");

  // This cell sends its documents three days ahead: tomorrow is late, and the screen says so.
  await page.goto(`${secretaryApp.url}/#/settings`);
  await page.getByLabel(t("settings.publishLead")).fill("72");
  await page.getByLabel(t("settings.publishLead")).blur();
  await expect(page.getByRole("status")).toHaveText(t("settings.saved"));
  await page.goto(`${secretaryApp.url}/#/hold/${meetingId}`);
  const publish = page.getByTestId("publish");
  await expect(publish.getByTestId("publish-late-warning")).toHaveText(t("publish.lateNow"));
  await shot(page, "vi", "15b-hold-publish-late");
  await publish.getByRole("button", { name: t("publish.button") }).click();
  await expect(publish.getByTestId("published-late")).toHaveText(t("publish.late"));
  await syncNow(page, secretaryApp.url);
});

test("the member sends an idea on the draft and an absence reason from their device", async ({ page }) => {
  await syncNow(page, memberApp.url);
  await page.goto(`${memberApp.url}/#/meeting/${meetingId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic);
  await expect(page.getByRole("link", { name: t("hold.open") })).toHaveCount(0);
  await expect(page.getByTestId("published")).toBeVisible();
  const file = page.getByTestId("file").filter({ hasText: "Báo cáo chính trị.pdf" });
  await file.getByRole("button", { name: t("files.save") }).click();
  await expect(file.getByTestId("exported")).toContainText("Báo cáo chính trị.pdf");
  expect(fs.readFileSync(path.join(exports, "member", "Báo cáo chính trị.pdf")).equals(report)).toBe(true);
  await file.scrollIntoViewIfNeeded();
  await shot(page, "vi", "16a-meeting-papers");
  const draft = page.getByTestId("resolution").first();
  await draft.locator("textarea[name=contribution]").fill("Đề nghị miễn ngày công cho hộ nghèo.");
  await draft.getByRole("button", { name: t("meeting.contributeSubmit") }).click();
  await expect(draft.getByText("Đề nghị miễn ngày công cho hộ nghèo.")).toBeVisible();
  const attendance = page.getByTestId("attendance");
  await attendance.getByLabel(t("meeting.absenceReason")).fill("Đi viện thăm mẹ");
  await attendance.getByRole("button", { name: t("meeting.absenceSubmit") }).click();
  await expect(attendance).toContainText(t("meeting.absenceSent", { reason: "Đi viện thăm mẹ" }));
  await syncNow(page, memberApp.url);
});

test("offline, the secretary holds the meeting: roll call, speakers, tally, task, conclusion", async ({ page }) => {
  await syncNow(page, secretaryApp.url);
  const port = new URL(server.url).port;
  await server.stop();
  await page.goto(`${secretaryApp.url}/#/hold/${meetingId}`);
  // The meeting is days ahead: opening it this early asks first, and says why.
  await page.getByRole("button", { name: t("hold.start") }).click();
  await expect(page.getByRole("alert")).toContainText(errors.vi.opens_early);
  await page.getByRole("button", { name: t("hold.opensEarly") }).click();
  await expect(page.getByText(t("hold.started"))).toBeVisible();

  // The agenda, walked step by step: by button and by keyboard.
  const walk = page.getByTestId("agenda-walk");
  const steps = await walk.locator("ol.agenda li").count();
  await expect(walk.getByTestId("agenda-step")).toContainText(t("walk.step", { n: 1, total: steps }));
  await walk.getByRole("button", { name: t("walk.next") }).click();
  await page.keyboard.press("Alt+ArrowRight");
  await expect(walk.getByTestId("agenda-step")).toContainText(t("walk.step", { n: 3, total: steps }));
  await expect(walk.locator("li.current")).toHaveCount(1);
  await shot(page, "vi", "16c-hold-agenda-walk");

  const roll = page.getByTestId("roll-call");
  const absent = roll.getByTestId("roll-line").filter({ hasText: member.full_name });
  await expect(absent.getByRole("combobox")).toHaveValue("absent_with_reason");
  await expect(absent.getByRole("textbox")).toHaveValue("Đi viện thăm mẹ");
  const lines = roll.getByTestId("roll-line");
  const count = await lines.count();
  for (let i = 0; i < count; i++) {
    const select = lines.nth(i).getByRole("combobox");
    if ((await select.inputValue()) === "") {
      await select.selectOption("present");
      await expect(select).toHaveValue("present");
    }
  }
  await expect(page.getByTestId("roll-counts")).toContainText("chưa điểm danh 0");

  const speakers = page.getByTestId("speakers");
  for (const [who, view] of [
    [secretary.full_name, "Đề nghị chi bộ giao mỗi tổ một đoạn đường."],
    [other.full_name, "Nhất trí, cần thêm thời hạn cụ thể."],
  ] as const) {
    await speakers.getByLabel(t("hold.speaker")).selectOption({ label: who });
    await speakers.getByLabel(t("hold.view")).fill(view);
    await speakers.getByRole("button", { name: t("hold.addSpeech") }).click();
    await expect(speakers.getByText(view)).toBeVisible();
  }

  const vote = page.getByTestId("vote").first();
  await vote.getByLabel(t("hold.for"), { exact: true }).fill("999");
  await vote.getByRole("button", { name: t("hold.adopt") }).click();
  await expect(page.getByRole("alert").first()).toHaveText(errors.vi.tally_exceeds_present ?? "");
  await vote.getByLabel(t("hold.for"), { exact: true }).fill("5");
  await vote.getByLabel(t("hold.against")).fill("1");
  await vote.getByRole("button", { name: t("hold.adopt") }).click();
  await expect(page.getByTestId("adopted")).toContainText(t("meeting.votes", { for: 5, against: 1, abstain: 0 }));

  const assign = page.getByTestId("assign");
  await assign.getByLabel(t("hold.taskTitle")).fill("Vận động các hộ góp ngày công");
  await assign.getByLabel(t("hold.taskDue")).fill(vnDay(39));
  await assign.getByLabel(member.full_name).check();
  await assign.getByRole("button", { name: t("hold.assign") }).click();
  await expect(assign.getByText("Vận động các hộ góp ngày công")).toBeVisible();

  const record = page.getByTestId("record");
  await record.getByLabel(t("meeting.conclusion")).fill("Chi bộ thống nhất làm đường liên thôn.");
  await record.getByLabel(t("hold.rating")).selectOption("good");
  await record.getByRole("button", { name: t("hold.saveRecord") }).click();
  await expect(page.getByRole("status")).toHaveText(t("hold.saved"));
  await shot(page, "vi", "16-hold-meeting");

  // The minutes, drafted from what was recorded, adopted (the record locks) and printed.
  const minutes = page.getByTestId("minutes");
  await minutes.getByRole("button", { name: t("minutes.draft") }).click();
  await expect(minutes.getByLabel(t("minutes.text"))).toHaveValue(/Đồng chí .*: Nhất trí, cần thêm thời hạn cụ thể\./);
  await minutes.getByRole("button", { name: t("minutes.save") }).click();
  await expect(page.getByRole("status").first()).toHaveText(t("hold.saved"));
  await minutes.getByRole("button", { name: t("minutes.adopt") }).click();
  await expect(page.getByTestId("locked")).toHaveText(t("hold.locked"));
  await expect(page.getByTestId("speakers")).toHaveCount(0);
  // Over, the meeting reads at a glance above its minutes: roll call, speakers, tally, tasks.
  const held = page.getByTestId("held-summary");
  await expect(held.getByTestId("held-roll")).toContainText(/Có mặt \d+\/\d+/);
  await expect(held.getByTestId("held-speakers")).not.toBeEmpty();
  await expect(held.getByTestId("held-tally")).toContainText(t("meeting.votes", { for: 5, against: 1, abstain: 0 }));
  await expect(held.getByTestId("held-task")).toContainText("Vận động các hộ góp ngày công");
  await expect(held).toContainText(t("hold.opened", { time: "" }).trim());
  await page.getByTestId("minutes").getByRole("button", { name: t("minutes.export") }).click();
  await expect(page.getByTestId("exported")).toContainText(path.join(exports, "secretary"));
  const pdf = fs.readdirSync(path.join(exports, "secretary")).find((f) => f.endsWith(".pdf"));
  expect(pdf).toMatch(/^bien-ban-\d{4}-\d{2}-\d{2}-.*\.pdf$/);
  expect(fs.readFileSync(path.join(exports, "secretary", pdf ?? "")).subarray(0, 5).toString()).toBe("%PDF-");
  await shot(page, "vi", "16b-hold-minutes-adopted");

  server = await startSotay(["serve", "--data", serverData, "--listen", `127.0.0.1:${port}`]);
  await syncNow(page, secretaryApp.url);
});

test("the member's device shows the tally and the task, and their progress reaches the secretary", async ({ page }) => {
  await syncNow(page, memberApp.url);
  await page.goto(`${memberApp.url}/#/meeting/${meetingId}`);
  await expect(page.getByTestId("tally")).toContainText(t("meeting.votes", { for: 5, against: 1, abstain: 0 }));
  await expect(page.getByTestId("meeting-tasks")).toContainText("Vận động các hộ góp ngày công");
  await expect(page.getByTestId("meeting-contributions").getByText("Đề nghị chi bộ giao mỗi tổ một đoạn đường.")).toBeVisible();
  await expect(page.getByText(t("meeting.ideasClosed")).first()).toBeVisible();
  await expect(page.getByTestId("minutes-state")).toContainText("Biên bản đã được thông qua");
  await shot(page, "vi", "17-member-after-meeting");
  await page.goto(`${memberApp.url}/#/tasks`);
  const task = page.locator("li", { hasText: "Vận động các hộ góp ngày công" }).first();
  await task.getByRole("spinbutton", { name: t("tasks.percent") }).fill("50");
  await task.getByLabel(t("tasks.note")).fill("Đã vận động 12 hộ.");
  await task.getByRole("button", { name: t("tasks.update") }).click();
  await expect(task).toContainText("Đã vận động 12 hộ.");
  await syncNow(page, memberApp.url);

  await syncNow(page, secretaryApp.url);
  await page.goto(`${secretaryApp.url}/#/meeting/${meetingId}`);
  await expect(page.getByTestId("meeting-tasks")).toContainText("50%");
});

test("at the next meeting the secretary walks through the review list: done, not done, why", async ({ page }) => {
  await page.goto(`${secretaryApp.url}/#/calendar`);
  const form = page.getByTestId("schedule");
  await form.locator("summary").click();
  await form.getByLabel(t("schedule.date")).fill(vnDay(30));
  await form.getByLabel(t("schedule.place")).fill("Nhà văn hóa thôn");
  await form.getByLabel(t("schedule.topic")).fill(`Sinh hoạt tháng sau ${Date.now()}`);
  await form.getByRole("button", { name: t("schedule.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sinh hoạt tháng sau");
  const next = page.url().split("/").pop() ?? "";
  await page.goto(`${secretaryApp.url}/#/hold/${next}`);
  const line = page.getByTestId("review").getByTestId("review-line").filter({ hasText: "Vận động các hộ góp ngày công" });
  await expect(line).toContainText("50%");
  await expect(line).toContainText("Đã vận động 12 hộ.");
  await line.getByLabel(t("review.why")).fill("Còn 5 hộ chưa góp, chờ sau thu hoạch.");
  await line.getByRole("button", { name: t("review.notDone") }).click();
  await expect(line).toContainText("Còn 5 hộ chưa góp, chờ sau thu hoạch.");
  await shot(page, "vi", "18-hold-review");
});

test("the monthly meeting as a series, changed from a meeting on, reaches the member's phone calendar", async ({ page }) => {
  await page.goto(`${secretaryApp.url}/#/calendar`);
  const form = page.getByTestId("schedule");
  await form.locator("summary").click();
  await form.getByLabel(t("schedule.date")).fill(vnDay(40));
  await form.getByLabel(t("schedule.place")).fill("Nhà văn hóa thôn");
  await form.getByLabel(t("schedule.topic")).fill("Sinh hoạt chi bộ thường kỳ");
  await form.getByLabel(t("schedule.monthly")).check();
  await form.getByRole("button", { name: t("schedule.submit") }).click();
  // The cell already meets monthly: a second series asks first, and is made when confirmed.
  await expect(form.getByRole("alert")).toHaveText(errors.vi.second_series);
  await form.getByTestId("series-also").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sinh hoạt chi bộ thường kỳ tháng");
  // Two series running are told on the calendar, for the committee to keep one.
  await page.goto(`${secretaryApp.url}/#/calendar`);
  await expect(page.getByTestId("two-series")).toBeVisible();
  await expect(page.getByTestId("two-series").getByRole("button")).toHaveCount(2);
  await shot(page, "vi", "15d-calendar-two-series");
  await page.goBack();
  const edit = page.getByTestId("edit-series");
  await edit.locator("summary").click();
  await edit.getByLabel(t("schedule.time")).fill("18:00");
  await edit.getByLabel(t("schedule.place")).fill("Hội trường xã");
  await edit.getByRole("button", { name: t("series.submit") }).click();
  await expect(page.getByText("Hội trường xã").first()).toBeVisible();
  await shot(page, "vi", "19-hold-series");
  await syncNow(page, secretaryApp.url);

  await syncNow(page, memberApp.url);
  await page.goto(`${memberApp.url}/#/calendar`);
  await page.getByRole("button", { name: t("calendar.export") }).click();
  await expect(page.getByTestId("exported")).toContainText(".ics");
  const folder = path.join(exports, "member");
  const file = fs.readdirSync(folder).find((f) => f.endsWith(".ics"));
  expect(file).toMatch(/^lich-hop-.*\.ics$/);
  const ics = fs.readFileSync(path.join(folder, file ?? "")).toString();
  expect(ics).toContain("BEGIN:VTIMEZONE");
  expect(ics).toMatch(/RRULE:FREQ=MONTHLY;BYMONTHDAY=/);
  expect(ics).toMatch(/DTSTART;TZID=Asia\/Ho_Chi_Minh:\d{8}T180000/);
  expect(ics).toContain("LOCATION:Hội trường xã");
  await shot(page, "vi", "20-member-calendar-export");

  // Or the phone follows the calendar: a private address served by `sotay serve`, revocable.
  await page.goto(`${memberApp.url}/#/settings`);
  const feed = page.getByTestId("calendar-feed");
  await feed.getByRole("button", { name: t("feed.make") }).click();
  const url = (await feed.getByTestId("feed-url").textContent()) ?? "";
  expect(url).toMatch(/\/v1\/calendar\/[A-Z0-9]+\.ics$/);
  const served = await page.request.get(url);
  expect(served.status()).toBe(200);
  expect(await served.text()).toContain("LOCATION:Hội trường xã");
  await shot(page, "vi", "21-member-calendar-feed");
  await feed.getByRole("button", { name: t("feed.revoke") }).click();
  await expect(feed.getByRole("button", { name: t("feed.make") })).toBeVisible();
  expect((await page.request.get(url)).status()).toBe(404);
});
