// English. Must define exactly the keys of zh-CN.ts.

import type { Messages } from "./zh-CN";

export const en: Messages = {
  "app.title": "Jiedu 解读 — Policy interpretation packs",
  "app.documentTitle": "Jiedu 解读",

  "locale.switchLabel": "Interface language",
  "locale.zh-CN": "中文",
  "locale.en": "English",

  "packs.heading": "Interpretation packs",
  "packs.count": "{count} in total",
  "packs.loading": "Loading packs…",
  "packs.empty": "No interpretation packs yet.",
  "packs.col.title": "Policy",
  "packs.col.state": "State",
  "packs.col.unit": "Drafting unit",
  "packs.col.revision": "Revision",
  "packs.col.hash": "Content hash",
  "packs.col.blocking": "Blocking",
  "packs.blockingTitle": "{count} blocking problem(s)",
  "packs.hashTitle": "Full content hash: {hash}",

  "state.drafting": "Drafting",
  "state.submitted": "Submitted",
  "state.returned": "Returned",
  "state.signed": "Signed",
  "state.deployed": "Deployed",

  "checklist.heading": "Checklist",
  "checklist.placeholder": "Select a pack on the left to see its checklist.",
  "checklist.loading": "Checking…",
  "checklist.summary": "Pass {pass} · Fail {fail} · N/A {na}",
  "checklist.meta": "Revision {revision} · updated {updated}",
  "checklist.rule": "Rule {no}",
  "checklist.formCheck": "Form check",
  "checklist.field": "Field: {field}",
  "checklist.status.pass": "Pass",
  "checklist.status.fail": "Fail",
  "checklist.status.not_applicable": "Not applicable",
  "checklist.severity.info": "Info",
  "checklist.severity.warning": "Warning",
  "checklist.severity.blocking": "Blocking",

  "error.heading.backend_unavailable": "Cannot reach the application backend",
  "error.heading.pack_not_found": "Pack not found",
  "error.heading.internal": "Internal error",
  "error.heading.generic": "Something went wrong",
  "error.code": "Error code: {code}",
  "error.field": "Field: {field}",
  "error.retry": "Retry",
};
