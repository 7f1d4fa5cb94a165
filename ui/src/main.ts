import { createApp } from "vue";
import { isTauri } from "@tauri-apps/api/core";
import App from "./App.vue";
import { createTauriBackend, type Backend } from "./backend";
import { backendKey } from "./backend/inject";
import { locale, setLocale } from "./i18n";
import "./styles/base.css";
import "./styles/documents.css";

async function chooseBackend(): Promise<Backend> {
  // In a plain browser during `npm run dev` there is no Tauri: use the demo data. The branch is
  // dropped from production builds, so the mock never ships.
  if (import.meta.env.DEV && !isTauri()) {
    const { createMockBackend, mockOptionsFromQuery } = await import("./backend/mock");
    return createMockBackend({ delayMs: 300, ...mockOptionsFromQuery(window.location.search) });
  }
  return createTauriBackend();
}

setLocale(locale.value);
void chooseBackend().then((backend) => {
  createApp(App).provide(backendKey, backend).mount("#app");
});
