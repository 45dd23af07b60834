import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The desktop shell loads dist/ from disk and the development bridge serves it: no CDN, no
// inline scripts (the CSP allows neither), one origin.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // `npm run dev` with `sotay ui-bridge` running: commands go to the bridge.
    proxy: { "/api": "http://127.0.0.1:1421" },
  },
  build: {
    target: "es2022",
    // The webview's CSP forbids inline styles, so every stylesheet is a file.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
  // Unit tests of runes (.svelte.ts) need Svelte's browser build, where effects run; such a test
  // file also asks for a DOM environment (`@vitest-environment happy-dom`) so it is compiled for
  // the client.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
});
