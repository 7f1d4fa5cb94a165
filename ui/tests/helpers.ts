import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { afterEach, vi } from "vitest";
import App from "../src/App.vue";
import type { Backend } from "../src/backend";
import { backendKey } from "../src/backend/inject";
import { createMockBackend, type MockBackend, type MockBackendOptions } from "../src/backend/mock";
import { setLocale } from "../src/i18n";

let mounted: VueWrapper | null = null;
afterEach(() => {
  vi.useRealTimers();
  mounted?.unmount();
  mounted = null;
  window.location.hash = "";
  setLocale("zh-CN");
});

/** Several rounds of promise flushing: backend answers, then the renders they cause. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await flushPromises();
}

/** Mounts the whole app at `hash` against the given backend and waits for pending answers. */
export async function mountApp(backend: Backend, hash = "#/packs") {
  window.location.hash = hash;
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { provide: { [backendKey as symbol]: backend } },
  });
  mounted = wrapper;
  await settle();
  return wrapper;
}

/** The demo mock backend, signed in as `userId` (or signed out with null). */
export function demoBackend(userId: string | null, options: MockBackendOptions = {}): MockBackend {
  return createMockBackend({ signedInAs: userId, ...options });
}

/**
 * The demo day (mock-data's DEMO_TODAY, 1 December 2026) at 11:00 UTC: still 1 December in
 * local time from UTC-11 to UTC+12.
 */
export const DEMO_NOW = new Date("2026-12-01T11:00:00Z");

/**
 * Runs the test on the demo day: Date starts at DEMO_NOW and stands still unless `timers` are
 * faked too and advanced. Needed where a deadline is shown relative to today (the demo packs'
 * dates are counted from DEMO_TODAY), and where the mock writes the time into content (the
 * openness review's `reviewed_at`): the mock answers about a content only with what jiedu-core
 * decided for exactly that content, so it must come out the same on every run.
 */
export function onDemoDay(timers: ("setTimeout" | "clearTimeout")[] = []): void {
  vi.useFakeTimers({ toFake: ["Date", ...timers], now: DEMO_NOW });
}

/** A promise with its resolve/reject handles, to control when a backend answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Elements by data-testid. */
export const byTestId = (id: string) => `[data-testid="${id}"]`;
