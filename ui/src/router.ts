// Hash routing: `#/packs`, `#/pack/ID/editor`, `#/people`, `#/import`, `#/concerns`, `#/report`,
// `#/settings`. Hash routes need no
// server support, work from `tauri://` and let a plain browser open any screen directly.

import { inject, onScopeDispose, ref, type InjectionKey, type Ref } from "vue";

export const WORKSPACE_TABS = ["editor", "review", "deploy", "export", "audit"] as const;
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number];

export type Route =
  | { name: "packs" }
  | { name: "pack"; id: string; tab: WorkspaceTab }
  | { name: "people" }
  | { name: "import" }
  | { name: "concerns" }
  | { name: "report" }
  | { name: "settings" };

function isTab(value: string | undefined): value is WorkspaceTab {
  return (WORKSPACE_TABS as readonly (string | undefined)[]).includes(value);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Reads a location hash; anything unknown is the pack list. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, "").split("?")[0] ?? "";
  const parts = path.split("/").filter((p) => p !== "");
  switch (parts[0]) {
    case "pack": {
      const id = parts[1];
      if (!id) return { name: "packs" };
      const tab = parts[2];
      return { name: "pack", id: decode(id), tab: isTab(tab) ? tab : "editor" };
    }
    case "people":
      return { name: "people" };
    case "import":
      return { name: "import" };
    case "concerns":
      return { name: "concerns" };
    case "report":
      return { name: "report" };
    case "settings":
      return { name: "settings" };
    default:
      return { name: "packs" };
  }
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.name) {
    case "pack":
      return `#/pack/${encodeURIComponent(route.id)}/${route.tab}`;
    default:
      return `#/${route.name}`;
  }
}

export interface Router {
  route: Readonly<Ref<Route>>;
  navigate(route: Route): void;
}

export const routerKey: InjectionKey<Router> = Symbol("router");

/** The app's router, following `location.hash`; call inside a component's setup. */
export function createRouter(): Router {
  const route = ref<Route>(parseHash(window.location.hash));
  const onHashChange = () => {
    route.value = parseHash(window.location.hash);
  };
  window.addEventListener("hashchange", onHashChange);
  onScopeDispose(() => window.removeEventListener("hashchange", onHashChange));
  return {
    route,
    navigate(next) {
      route.value = next;
      const hash = routeHash(next);
      if (window.location.hash !== hash) window.location.hash = hash;
    },
  };
}

export function useRouter(): Router {
  const router = inject(routerKey);
  if (!router) throw new Error("no router provided");
  return router;
}
