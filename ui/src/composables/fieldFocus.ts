// Jumping from a checklist finding to the editor input it names. Inputs carry `data-field` with
// the path syntax of the Rust rules (`policy.doc_number`, `materials.charts[0].source`); when a
// path has no input of its own, the nearest parent that has one is used.

/** The parent of a field path: `a.b[2].c` → `a.b[2]` → `a.b` → `a` → null. */
export function parentField(field: string): string | null {
  const index = field.match(/^(.*)\[\d+\]$/);
  if (index) return index[1] || null;
  const dot = field.lastIndexOf(".");
  return dot > 0 ? field.slice(0, dot) : null;
}

/** The element for `field` or its nearest parent path inside `root`. */
export function findFieldElement(root: ParentNode, field: string): HTMLElement | null {
  const byField = new Map<string, HTMLElement>();
  for (const el of Array.from(root.querySelectorAll<HTMLElement>("[data-field]"))) {
    const name = el.dataset.field;
    if (name !== undefined && !byField.has(name)) byField.set(name, el);
  }
  for (let path: string | null = field.trim(); path; path = parentField(path)) {
    const el = byField.get(path);
    if (el) return el;
  }
  return null;
}

const FOCUSABLE = "input:not([type=hidden]), select, textarea, button";

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === "auto" || overflow === "scroll") return p;
  }
  return null;
}

/**
 * Scrolls only the nearest scrollable ancestor so that `el` is in view (`center` or `start`).
 * Element.scrollIntoView would also scroll the app's fixed, overflow-hidden frame.
 */
export function revealInScrollParent(el: HTMLElement, align: "center" | "start" = "center"): void {
  const parent = scrollParent(el);
  if (!parent) return;
  const box = el.getBoundingClientRect();
  const frame = parent.getBoundingClientRect();
  const offset = box.top - frame.top;
  const slack = align === "center" ? Math.max(0, (parent.clientHeight - box.height) / 2) : 12;
  const top = Math.max(0, parent.scrollTop + offset - slack);
  if (typeof parent.scrollTo === "function") parent.scrollTo({ top, behavior: "smooth" });
  else parent.scrollTop = top;
}

/** Scrolls to and focuses the input for `field`; false when nothing matches. */
export function focusField(root: ParentNode, field: string): boolean {
  const el = findFieldElement(root, field);
  if (!el) return false;
  // A field inside a folded group (版头标记, 公开目录) is unfolded first.
  for (let d = el.closest("details"); d; d = d.parentElement?.closest("details") ?? null) d.open = true;
  const target = el.matches(FOCUSABLE) ? el : (el.querySelector<HTMLElement>(FOCUSABLE) ?? el);
  if (!target.matches(FOCUSABLE) && !target.hasAttribute("tabindex")) {
    target.setAttribute("tabindex", "-1");
  }
  revealInScrollParent(el);
  target.focus({ preventScroll: true });
  el.classList.remove("field-flash");
  void el.offsetWidth;
  el.classList.add("field-flash");
  setTimeout(() => el.classList.remove("field-flash"), 1600);
  return true;
}
