import { defineConfig } from "@playwright/test";

// Browser tests of the UI served by `sotay ui-bridge`, which answers with the real Rust commands
// on a real store. Debian's Chromium, never a downloaded browser. The specs start the processes
// they need (bridge, sync server) on 127.0.0.1 themselves.
export default defineConfig({
  testDir: "e2e",
  // The flows build on each other (first run, then each screen) and share one store.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: "test-results",
  reporter: [["list"]],
  use: {
    viewport: { width: 1024, height: 768 },
    locale: "vi-VN",
    timezoneId: "Europe/Paris", // Dates must still show in Vietnam's time.
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
