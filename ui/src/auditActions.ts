import { t, type MessageKey } from "./i18n";

const KNOWN: Record<string, MessageKey> = {
  "pack.create": "audit.action.pack.create",
  "pack.save": "audit.action.pack.save",
  "pack.submit": "audit.action.pack.submit",
  "pack.return": "audit.action.pack.return",
  "pack.sign": "audit.action.pack.sign",
  "pack.deploy": "audit.action.pack.deploy",
  "pack.resolve_comment": "audit.action.pack.resolve_comment",
  "comment.resolve": "audit.action.pack.resolve_comment",
  "pack.review_disclosure": "audit.action.pack.review_disclosure",
  "pack.signature_void": "audit.action.pack.signature_void",
  "user.add": "audit.action.user.add",
  "user.credentials": "audit.action.user.credentials",
  "user.upsert": "audit.action.user.upsert",
  "unit.upsert": "audit.action.unit.upsert",
  "unit.settings": "audit.action.unit.settings",
  "calendar.import": "audit.action.calendar.import",
  "concern.add": "audit.action.concern.add",
  "concern.respond": "audit.action.concern.respond",
};

/** An audit action in words; actions this UI does not know yet, as recorded. */
export function actionLabel(action: string): string {
  const key = KNOWN[action];
  return key ? t(key) : action;
}
