import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

// Tauri serves ui/dist (tauri.conf.json: frontendDist "ui/dist"); in development it loads the
// dev server at http://localhost:1420 (devUrl).
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // The development-only mock backend reads the demo packs from resources/demo and the bundled
    // working-day calendar from resources/calendar.
    fs: { allow: [".", "../resources/demo", "../resources/calendar"] },
  },
  // `npm run preview` serves dist/ under the strict policy the app is written for (the same one
  // tauri.conf.json sets: chart previews and PDF pages are data: images; the mock serves media
  // files as blob: URLs where the shell has its jiedu-media: protocol), so a violation shows
  // up in the browser console.
  preview: {
    port: 4173,
    strictPort: true,
    headers: {
      "Content-Security-Policy":
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebView2 (Windows), WKWebView (macOS) and WebKitGTK (Linux).
    target: ["es2021", "chrome105", "safari15"],
    // No inline <script> and no inlined assets, so a strict CSP needs no script exceptions.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.spec.ts"],
    restoreMocks: true,
  },
});
