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

/** Scrolls to and focuses the input for `field`; false when nothing matches. */
export function focusField(root: ParentNode, field: string): boolean {
  const el = findFieldElement(root, field);
  if (!el) return false;
  const target = el.matches(FOCUSABLE) ? el : (el.querySelector<HTMLElement>(FOCUSABLE) ?? el);
  if (!target.matches(FOCUSABLE) && !target.hasAttribute("tabindex")) {
    target.setAttribute("tabindex", "-1");
  }
  // jsdom has no scrollIntoView; real webviews do.
  if (typeof el.scrollIntoView === "function") el.scrollIntoView({ block: "center", behavior: "smooth" });
  target.focus({ preventScroll: true });
  el.classList.remove("field-flash");
  void el.offsetWidth;
  el.classList.add("field-flash");
  setTimeout(() => el.classList.remove("field-flash"), 1600);
  return true;
}
