// The real desktop window, driven through tauri-driver and WebKitWebDriver (run under Xvfb by
// scripts/desktop-e2e.sh): open the calendar, open a meeting, add a contribution, see it listed.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Builder, By, until } from "selenium-webdriver";

const root = path.resolve(import.meta.dirname, "../..");
const application = process.env.SOTAY_DESKTOP ?? path.join(root, "target/debug/sotay-desktop");
const shots = path.join(root, "ui/test-artifacts/screenshots/desktop");
const store = path.join(mkdtempSync(path.join(tmpdir(), "sotay-desktop-")), "sotay.db");

let driverProcess;
let driver;

async function waitForDriver(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("tauri-driver did not start");
}

async function save(name) {
  mkdirSync(shots, { recursive: true });
  writeFileSync(path.join(shots, `${name}.png`), await driver.takeScreenshot(), "base64");
}

before(async () => {
  // The app reads its store from SOTAY_STORE, and its passphrase (no keyring here) from
  // SOTAY_PASSPHRASE: the window runs on an encrypted store. tauri-driver passes its environment on.
  driverProcess = spawn(process.env.TAURI_DRIVER ?? "tauri-driver", ["--port", "4444"], {
    env: { ...process.env, SOTAY_STORE: store, SOTAY_PASSPHRASE: "Chi bộ thôn Đông 2026" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForDriver("http://127.0.0.1:4444");
  driver = await new Builder()
    .usingServer("http://127.0.0.1:4444/")
    .withCapabilities({ browserName: "wry", "tauri:options": { application, args: ["--demo"] } })
    .build();
});

after(async () => {
  await driver?.quit();
  driverProcess?.kill();
  // A window that outlived its session once kept a CI run waiting until its time limit: whatever
  // of the app is left is stopped here, so the run ends with the tests.
  spawnSync("pkill", ["-f", application]);
});

test("calendar → meeting → add a contribution → it is listed", async () => {
  const heading = await driver.wait(until.elementLocated(By.css("main h1")), 60_000);
  await driver.wait(until.elementTextContains(heading, "Xin chào đồng chí"), 60_000);
  await save("01-home");

  await driver.findElement(By.linkText("Lịch sinh hoạt")).click();
  await driver.wait(until.elementLocated(By.css('[data-testid="calendar"][aria-busy="false"]')), 15_000);
  let chips = await driver.findElements(By.css("a.chip.status-planned"));
  if (chips.length === 0) {
    await driver.findElement(By.css('button[aria-label="Tháng sau"]')).click();
    await driver.wait(until.elementLocated(By.css("a.chip.status-planned")), 15_000);
    chips = await driver.findElements(By.css("a.chip.status-planned"));
  }
  await save("02-calendar");
  await chips[0].click();

  const textarea = await driver.wait(until.elementLocated(By.css('textarea[name="contribution"]')), 15_000);
  const idea = `Ý kiến từ cửa sổ ứng dụng ${Date.now()}`;
  await textarea.sendKeys(idea);
  const form = await textarea.findElement(By.xpath("./ancestor::form"));
  await form.findElement(By.css('button[type="submit"]')).click();

  const listed = await driver.wait(
    until.elementLocated(By.xpath(`//ul[@data-testid="contributions"]/li[contains(@class, "mine")][contains(., "${idea}")]`)),
    15_000,
  );
  assert.ok(await listed.isDisplayed());
  await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", listed);
  await save("03-contribution-listed");
});

/** A day `days` from today in Vietnam, dd/mm/yyyy. */
function inDays(days) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" })
    .format(new Date(Date.now() + days * 24 * 3600 * 1000));
}

/** Clicks what `locator` finds once it is enabled, finding it again if the page re-rendered it
 * in between (Svelte replaces elements as data arrives). */
async function click(locator) {
  for (let attempt = 0; ; attempt++) {
    try {
      const element = await driver.wait(until.elementLocated(locator), 15_000);
      await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
      await driver.wait(until.elementIsEnabled(element), 15_000);
      await element.click();
      return;
    } catch (e) {
      if (e.name !== "StaleElementReferenceError" || attempt === 5) throw e;
    }
  }
}

/** Types into what `locator` finds, finding it again if the page re-rendered it. */
async function type(locator, text) {
  for (let attempt = 0; ; attempt++) {
    try {
      await (await driver.wait(until.elementLocated(locator), 15_000)).sendKeys(text);
      return;
    } catch (e) {
      if (e.name !== "StaleElementReferenceError" || attempt === 5) throw e;
    }
  }
}

/** Waits until what `locator` finds satisfies `test`, finding it afresh at every look. */
async function waitFor(locator, test) {
  await driver.wait(async () => {
    try {
      return await test(await driver.findElement(locator));
    } catch (e) {
      if (e.name === "StaleElementReferenceError" || e.name === "NoSuchElementError") return false;
      throw e;
    }
  }, 15_000);
}

test("the secretary schedules a meeting, takes the roll call, drafts and adopts the minutes", async () => {
  // The demo lets a trainee look through anyone's eyes: the secretary's.
  await click(By.linkText("Cài đặt"));
  await click(By.xpath('//button[contains(., "Đổi người dùng")]'));
  await click(By.xpath('//ul[@class="pick"]//button[contains(., "Bí thư · Chi bộ")]'));

  await click(By.linkText("Lịch sinh hoạt"));
  await click(By.xpath('//details[@data-testid="schedule"]/summary'));
  const topic = `Sinh hoạt chuyên đề trong cửa sổ ${Date.now()}`;
  await type(By.css('input[name="schedule-date"]'), inDays(3));
  await type(By.css('input[name="schedule-place"]'), "Nhà văn hóa thôn");
  await type(By.css('input[name="schedule-topic"]'), topic);
  await click(By.xpath('//details[@data-testid="schedule"]//button[@type="submit"]'));
  await waitFor(By.css("main h1"), async (h) => (await h.getText()).includes(topic));
  await save("04-schedule-held-screen");

  // Three days early: opening it asks first.
  await click(By.xpath('//button[contains(., "Bắt đầu cuộc họp")]'));
  await click(By.css('button[data-testid="open-early"]'));
  await waitFor(By.xpath('//p[contains(., "Cuộc họp đang diễn ra")]'), async (p) => p.isDisplayed());
  await click(By.xpath('(//tr[@data-testid="roll-line"])[1]//select/option[@value="present"]'));
  await waitFor(By.css('[data-testid="roll-counts"]'), async (p) => (await p.getText()).includes("Có mặt 1/"));
  await save("05-roll-call");

  await click(By.xpath('//button[contains(., "Soạn biên bản từ nội dung đã ghi")]'));
  const minutes = By.css('textarea[name="minutes"]');
  await waitFor(minutes, async (t) => (await t.getAttribute("value")).includes("BIÊN BẢN"));
  await waitFor(minutes, async (t) => (await t.getAttribute("value")).includes("Có mặt: 1/"));
  await click(By.xpath('//button[contains(., "Lưu biên bản")]'));
  await click(By.xpath('//button[contains(., "Thông qua biên bản")]'));
  await waitFor(By.css('[data-testid="locked"]'), async (p) => /đã khoá/.test(await p.getText()));
  await driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
  await save("06-minutes-adopted");
});

test("the window's store is encrypted: no plain SQLite header, no cell's name in it or its WAL", () => {
  const file = readFileSync(store);
  assert.notEqual(file.subarray(0, 15).toString("latin1"), "SQLite format 3");
  for (const part of [store, `${store}-wal`].filter((p) => existsSync(p))) {
    assert.equal(readFileSync(part).includes(Buffer.from("Chi bộ", "utf8")), false, part);
  }
});
