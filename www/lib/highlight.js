// Highlights through the CSS Custom Highlight API (CSS.highlights +
// ::highlight(ql-*)). Never touches the article DOM: Ranges only.
//
// Names (DESIGN.md §3.6): ql-speaker-<n> (n = legend position from 0),
// ql-speaker-other (folded minor speakers and unknown speakers), ql-conflict,
// ql-focus.

/** Okabe–Ito, colour-blind safe (UX.md). */
export const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];
/** One underline style per slot, so colour is never the only cue. */
export const UNDERLINES = ["solid", "dashed", "dotted", "double", "wavy", "solid", "dashed"];
export const OTHER_COLOR = "#8a8a8a";
export const SLOTS = [...PALETTE.keys()].map(String).concat("other");

export const highlightName = (slot) => `ql-speaker-${slot}`;

/** rgba() from "#RRGGBB" and an alpha. */
export function tint(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Underline thickness per slot (slots 5 and 6 reuse a style with a thicker line). */
const thickness = (i) => (i >= 5 ? "3px" : "2px");

/** The ::highlight() rules plus swatch classes (.ql-sw-<slot>) for legends. */
export function highlightCss() {
  const rules = [];
  PALETTE.forEach((c, i) => {
    const deco = `underline ${UNDERLINES[i]} ${c} ${thickness(i)}`;
    rules.push(`::highlight(ql-speaker-${i}) { background-color: ${tint(c, 0.22)}; text-decoration: ${deco}; }`);
    rules.push(`.ql-sw-${i} { background-color: ${tint(c, 0.35)}; border-bottom: ${thickness(i)} ${UNDERLINES[i] === "wavy" ? "dotted" : UNDERLINES[i]} ${c}; }`);
  });
  rules.push(`::highlight(ql-speaker-other) { background-color: ${tint(OTHER_COLOR, 0.2)}; text-decoration: underline dotted ${OTHER_COLOR} 1px; }`);
  rules.push(`.ql-sw-other { background-color: ${tint(OTHER_COLOR, 0.3)}; border-bottom: 1px dotted ${OTHER_COLOR}; }`);
  rules.push(`::highlight(ql-conflict) { text-decoration: overline solid #D55E00 3px; }`);
  rules.push(`::highlight(ql-focus) { background-color: rgba(0, 114, 178, 0.45); color: inherit; }`);
  // Forced colours: no tints; the underline styles (solid, dashed, dotted, double, wavy) carry the speaker.
  const speakers = SLOTS.map((s) => `::highlight(ql-speaker-${s})`).join(", ");
  rules.push(`@media (forced-colors: active) { ${speakers} { background-color: transparent; text-decoration-color: CanvasText; } ::highlight(ql-focus) { background-color: Highlight; color: HighlightText; } }`);
  return rules.join("\n");
}

/** True when this browser has the Highlight API. */
export function isSupported() {
  return typeof CSS !== "undefined" && !!CSS.highlights && typeof Highlight === "function";
}

const installed = new WeakMap();

/**
 * Adds `cssText` to `root` (a Document or ShadowRoot) once, as a constructed
 * stylesheet (adoptedStyleSheets: allowed by strict CSPs, unlike <style>).
 */
export function installStyles(root, cssText) {
  let sheets = installed.get(root);
  if (!sheets) installed.set(root, (sheets = new Map()));
  if (sheets.has(cssText)) return sheets.get(cssText);
  const win = (root.defaultView ?? root.ownerDocument?.defaultView) || globalThis;
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(cssText);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  sheets.set(cssText, sheet);
  return sheet;
}

/** Owns the ql-* entries of a highlight registry. */
export class Highlighter {
  constructor(registry = isSupported() ? CSS.highlights : null) {
    this.registry = registry;
    this.groups = new Map(); // name → Highlight
    this.visible = true;
  }

  /** Replaces all speaker/conflict highlights. groups: Map(name → Range[]). */
  setAll(groups) {
    this.clear();
    for (const [name, ranges] of groups) {
      if (!ranges.length || !this.registry) continue;
      // add() one by one: spreading ~10⁵ ranges into the constructor overflows the call stack
      const h = new Highlight();
      for (const r of ranges) h.add(r);
      h.priority = name === "ql-conflict" ? 1 : 0;
      this.groups.set(name, h);
      if (this.visible) this.registry.set(name, h);
    }
  }

  /** Marks the focused item (always visible). */
  focus(ranges) {
    if (!this.registry) return;
    if (!ranges?.length) return this.registry.delete("ql-focus");
    const h = new Highlight();
    for (const r of ranges) h.add(r);
    h.priority = 2;
    this.registry.set("ql-focus", h);
  }

  /** Shows or hides speaker and conflict highlights. */
  setVisible(on) {
    this.visible = on;
    if (!this.registry) return;
    for (const [name, h] of this.groups) {
      if (on) this.registry.set(name, h);
      else this.registry.delete(name);
    }
  }

  /** Removes every ql-* highlight this object set. */
  clear() {
    if (this.registry) {
      for (const name of this.groups.keys()) this.registry.delete(name);
      this.registry.delete("ql-focus");
    }
    this.groups.clear();
  }
}
