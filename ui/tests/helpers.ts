import { flushPromises, mount } from "@vue/test-utils";
import App from "../src/App.vue";
import type { Backend } from "../src/backend";
import { backendKey } from "../src/backend/inject";

/** Mounts the whole app against the given backend and waits for pending answers. */
export async function mountApp(backend: Backend) {
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { provide: { [backendKey as symbol]: backend } },
  });
  await flushPromises();
  return wrapper;
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
