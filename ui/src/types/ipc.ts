// Types crossing the Tauri IPC boundary. The declarations are generated from the Rust types
// (src-tauri/src/ipc_types.rs, ts-rs) into ./generated; a Rust test fails when they are stale.
// Only UI-side constants live here.

import type { PackState } from "./generated";

export type * from "./generated";

/** Every pack state, in workflow order. */
export const PACK_STATES: readonly PackState[] = [
  "drafting",
  "submitted",
  "returned",
  "signed",
  "deployed",
];
