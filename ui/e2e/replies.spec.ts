// Replies to a meeting's invitation and the forecast: on a demo cell, every member but the
// secretary answers the next meeting "I cannot come" with a reason (through the commands the
// Meeting screen calls, one member after another taking the device, as in a village hall);
// the secretary's Meeting screen then shows the forecast under the quorum — more than half of
// the official members — in Vietnamese and in English. A member's own screen asks whether they
// will come and takes "I will come".

import path from "node:path";
import { expect, runSotay, shot, startSotay, tempDir, test, text, uiDist, type Running } from "./support";

test.describe.configure({ mode: "serial" });

const dir = tempDir();
let bridge: Running;
let meetingId = "";

type Member = { id: string; role: string; full_name: string };

test.beforeAll(async () => {
  const store = path.join(dir, "cell.db");
  runSotay(["--store", store, "demo", "--size", "cell", "--years", "1"]);
  bridge = await startSotay(["--store", store, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
});

test.afterAll(async () => {
  await bridge?.stop();
});

async function call<T>(page: import("@playwright/test").Page, command: string, args: unknown): Promise<T> {
  return page.evaluate(
    async ([command, args]) => {
      const answer = await fetch(`/api/${command}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(args),
      });
      if (!answer.ok) throw new Error(`${command}: ${answer.status} ${await answer.text()}`);
      return answer.json();
    },
    [command, args] as const,
  ) as Promise<T>;
}

test("a member is asked and answers; the secretary sees the forecast fall under the quorum", async ({ page }) => {
  const t = (key: Parameters<typeof text>[1], params: Record<string, string | number> = {}) => text("vi", key, params);
  await page.goto(bridge.url);
  // The command line's demo chooses nobody: a plain member takes the device first.
  const members = await call<Member[]>(page, "members", {});
  const plain = members.find((m) => m.role === "member");
  if (!plain) throw new Error("the demo cell has no plain member");
  await call(page, "choose_member", { member_id: plain.id });
  const home = await call<{ next_meeting: { meeting: { id: string } } | null }>(page, "home", {});
  if (!home.next_meeting) throw new Error("the demo cell has no meeting ahead");
  meetingId = home.next_meeting.meeting.id;

  // A member's own screen asks, and takes "I will come".
  await page.goto(`${bridge.url}/#/meeting/${meetingId}`);
  await page.reload();
  const attendance = page.getByTestId("attendance");
  await expect(attendance).toContainText(t("reply.ask"));
  await shot(page, "vi", "64-reply-asked");
  await attendance.getByRole("button", { name: t("meeting.willAttend") }).click();
  await expect(attendance).toContainText(t("meeting.attending"));
  await expect(attendance.getByRole("button", { name: t("meeting.willAttend") })).toHaveCount(0);

  // Every other member but the secretary cannot come.
  const secretary = members.find((m) => m.role === "secretary");
  if (!secretary) throw new Error("the demo cell has no secretary");
  for (const m of members.filter((m) => m.role !== "secretary")) {
    await call(page, "choose_member", { member_id: m.id });
    await call(page, "send_absence", { meeting_id: meetingId, reason: "Đi làm ăn xa" });
  }
  await call(page, "choose_member", { member_id: secretary.id });

  await page.goto(`${bridge.url}/#/meeting/${meetingId}`);
  await page.reload();
  const forecast = page.getByTestId("forecast");
  await expect(forecast).toContainText(t("forecast.title"));
  await expect(forecast.getByTestId("under-quorum")).toBeVisible();
  // Nobody said they will come; only the secretary has not answered.
  await expect(forecast).toContainText(t("forecast.replies", { coming: 0, notComing: "", noAnswer: "", summoned: "" }).split(",")[0] ?? "");
  await forecast.scrollIntoViewIfNeeded();
  await shot(page, "vi", "65-forecast-under-quorum");

  // A member without a phone gives the secretary an idea on the draft: it shows as theirs,
  // recorded by the secretary.
  const ideaFor = page.getByTestId("idea-for").first();
  await ideaFor.locator("summary").click();
  await ideaFor.locator("select[name=\"idea-member\"]").selectOption({ label: plain.full_name });
  await ideaFor.getByLabel(t("ideaFor.body")).fill("Đề nghị chi bộ thăm hỏi đảng viên cao tuổi dịp Tết");
  await ideaFor.getByRole("button", { name: t("ideaFor.submit") }).click();
  const recorded = page.getByTestId("contributions").first().locator("li", { hasText: "thăm hỏi đảng viên cao tuổi" });
  await expect(recorded).toContainText(plain.full_name);
  await expect(recorded).toContainText(t("forecast.recordedBy", { name: secretary.full_name }));
  await recorded.scrollIntoViewIfNeeded();
  await shot(page, "vi", "66-idea-recorded-for");
});

test("the forecast in English", async ({ page }) => {
  await page.goto(`${bridge.url}/#/settings`);
  await page.getByRole("radio", { name: "English" }).check();
  await page.goto(`${bridge.url}/#/meeting/${meetingId}`);
  const forecast = page.getByTestId("forecast");
  await expect(forecast).toContainText(text("en", "forecast.title"));
  await expect(forecast.getByTestId("under-quorum")).toBeVisible();
  await forecast.scrollIntoViewIfNeeded();
  await shot(page, "en", "65-forecast-under-quorum");
});
