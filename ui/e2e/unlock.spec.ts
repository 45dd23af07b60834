// An encrypted store on a computer without a keyring: the window asks for its passphrase before
// anything else, in either language; a wrong one is refused in the member's words and changes
// nothing; the right one opens the handbook on its Home screen.

import { readFileSync } from "node:fs";
import path from "node:path";
import { errors } from "../src/lib/i18n";
import { expect, runSotay, shot, startSotay, tempDir, test, text, uiDist } from "./support";

const passphrase = "Chi bộ thôn Đông 2026";

test("the encrypted handbook asks for its passphrase and opens with the right one", async ({ page }) => {
  const store = path.join(tempDir(), "sotay.db");
  runSotay(["--store", store, "demo"], { SOTAY_PASSPHRASE: passphrase });
  expect(readFileSync(store).subarray(0, 15).toString("latin1")).not.toBe("SQLite format 3");
  // Started without the passphrase, as the desktop window starts where no keyring keeps the key.
  const bridge = await startSotay(["--store", store, "ui-bridge", "--ui", uiDist, "--listen", "127.0.0.1:0"]);
  try {
    await page.goto(bridge.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("vi", "unlock.title"));
    await expect(page.getByText(text("vi", "unlock.explain"))).toBeVisible();
    await shot(page, "vi", "40-unlock");

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "unlock.title"));
    const form = page.getByTestId("unlock-store");
    await form.getByLabel(text("en", "unlock.passphrase")).fill("not the passphrase");
    await form.getByRole("button", { name: text("en", "unlock.open") }).click();
    await expect(form.getByRole("alert")).toHaveText(errors.en.wrong_key ?? "");
    await shot(page, "en", "40-unlock-wrong");

    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await form.getByLabel(text("vi", "unlock.passphrase")).fill(passphrase);
    await form.getByRole("button", { name: text("vi", "unlock.open") }).click();
    // The handbook itself: the demo cell's members to choose from (the command line's demo names
    // no one as this device's member).
    await expect(form).toBeHidden({ timeout: 60_000 });
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(text("vi", "unlock.title"));
    await expect(page.getByText("Chi bộ").first()).toBeVisible();
    await shot(page, "vi", "41-unlocked");
  } finally {
    await bridge.stop();
  }
});
