// The frame around the shared renderer for the in-page surfaces (the
// extension's <quote-lens-panel> and the embed's <quote-lens>): a header, a
// status line (data-testid="status"), a privacy note and the view from
// render.js. Everything lives in a shadow root and is styled with
// adoptedStyleSheets only (a <style> element is blocked by strict CSPs).
// The article is touched only through Ranges and CSS.highlights.

import { createView, PANEL_CSS } from "./render.js";
import { installStyles } from "./highlight.js";

/**
 * Styles of the frame. The frame resets everything it could inherit from the
 * host page (`all: initial`), so hostile host CSS (huge fonts, `* { all: unset }`)
 * cannot reach the panel; shadow-root rules never leak out.
 */
export const FRAME_CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.qlf { all: initial; display: flex; flex-direction: column; box-sizing: border-box; color-scheme: light dark;
  background: Canvas; color: CanvasText; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  border: 1px solid color-mix(in srgb, CanvasText 18%, Canvas); border-radius: 10px; overflow: hidden; text-align: start; }
.qlf[data-theme="light"] { color-scheme: light; }
.qlf[data-theme="dark"] { color-scheme: dark; }
.qlf *, .qlf *::before, .qlf *::after { box-sizing: border-box; }
.qlf-head { display: flex; align-items: center; gap: 0.5em; padding: 0.55em 0.75em; border-bottom: 1px solid color-mix(in srgb, CanvasText 18%, Canvas);
  background: color-mix(in srgb, #0072B2 10%, Canvas); }
.qlf-title { font-weight: 700; font-size: 1em; margin: 0; flex: 1; display: flex; align-items: center; gap: 0.45em; }
.qlf-logo { width: 1.25em; height: 1.25em; flex: none; border-radius: 50%; border: 3px solid #0072B2; position: relative; }
.qlf-logo::after { content: ""; position: absolute; width: 0.55em; height: 3px; background: #0072B2; right: -0.5em; bottom: -0.2em; transform: rotate(45deg); border-radius: 2px; }
.qlf-head button { font: inherit; font-size: 0.9em; color: inherit; background: Canvas; border: 1px solid color-mix(in srgb, CanvasText 25%, Canvas);
  border-radius: 6px; padding: 0.2em 0.55em; cursor: pointer; }
.qlf-head button:hover { border-color: #0072B2; }
.qlf-head button:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.qlf-status { margin: 0; padding: 0.45em 0.75em 0; color: color-mix(in srgb, CanvasText 75%, Canvas); }
.qlf-status[data-kind="error"] { color: #b3261e; font-weight: 600; }
.qlf[data-theme="dark"] .qlf-status[data-kind="error"] { color: #ff9b7f; }
.qlf-status[data-kind="done"] { color: CanvasText; }
.qlf-privacy { margin: 0; padding: 0.15em 0.9375em 0.5em; font-size: 0.8em; color: color-mix(in srgb, CanvasText 62%, Canvas); }
.qlf-body { padding: 0.5em 0.75em 0.9em; container-type: inline-size; }
.qlf[data-collapsed] .qlf-body, .qlf[data-collapsed] .qlf-privacy { display: none; }
.qlf-busy .qlf-status::after { content: ""; display: inline-block; width: 0.8em; height: 0.8em; margin-left: 0.4em; vertical-align: -0.1em;
  border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: qlf-spin 0.8s linear infinite; }
@keyframes qlf-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .qlf-busy .qlf-status::after { animation: none; } }
@media (forced-colors: active) { .qlf { border-color: CanvasText; } }
`;

function button(doc, text, label, onclick) {
  const b = doc.createElement("button");
  b.type = "button";
  b.textContent = text;
  if (label) b.setAttribute("aria-label", label);
  b.addEventListener("click", onclick);
  return b;
}

/**
 * Builds the frame in `shadowRoot` and returns its controls.
 * @param {ShadowRoot} shadowRoot
 * @param {object} opts
 * @param {string} [opts.heading]
 * @param {Array<{text: string, label?: string, onClick: Function, className?: string}>} [opts.actions] header buttons
 * @param {string} [opts.extraCss] more rules for this surface
 * @param {object} [opts.viewOptions] passed to createView (filename, highlightRegistry…)
 */
export function createPanel(shadowRoot, opts = {}) {
  const doc = shadowRoot.ownerDocument;
  installStyles(shadowRoot, FRAME_CSS + (opts.extraCss ?? ""));
  const frame = doc.createElement("div");
  frame.className = "qlf";
  frame.setAttribute("part", "frame");
  const head = doc.createElement("div");
  head.className = "qlf-head";
  const title = doc.createElement("p");
  title.className = "qlf-title";
  const logo = doc.createElement("span");
  logo.className = "qlf-logo";
  logo.setAttribute("aria-hidden", "true");
  title.append(logo, opts.heading ?? "QuoteLens");
  head.append(title);
  const buttons = {};
  for (const a of opts.actions ?? []) {
    const b = button(doc, a.text, a.label, a.onClick);
    if (a.className) b.className = a.className;
    buttons[a.name ?? a.text] = b;
    head.append(b);
  }
  const status = doc.createElement("p");
  status.className = "qlf-status";
  status.setAttribute("data-testid", "status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const privacy = doc.createElement("p");
  privacy.className = "qlf-privacy";
  privacy.textContent = "Runs on this device. Nothing is sent anywhere.";
  const body = doc.createElement("div");
  body.className = "qlf-body";
  frame.append(head, status, privacy, body);
  shadowRoot.append(frame);
  const view = createView(body, { articleDocument: doc, ...(opts.viewOptions ?? {}) });
  // `rem` follows the HOST page's root font size (62.5% or 64px on some sites):
  // re-declare the panel's rules in `em` of the frame's fixed 15px, after them.
  installStyles(shadowRoot, PANEL_CSS.replace(/(\d)rem\b/g, "$1em"));
  return {
    frame,
    body,
    view,
    buttons,
    /** Sets the status line; kind: "info" | "busy" | "done" | "error". */
    say(msg, kind = "info") {
      status.textContent = msg;
      status.dataset.kind = kind;
      frame.classList.toggle("qlf-busy", kind === "busy");
    },
    setTheme(theme) {
      if (theme === "light" || theme === "dark") frame.dataset.theme = theme;
      else delete frame.dataset.theme;
    },
    setCollapsed(on) {
      if (on) frame.dataset.collapsed = "";
      else delete frame.dataset.collapsed;
    },
    destroy() {
      view.destroy();
      frame.remove();
    },
  };
}

/** A one-line summary of a view model, for status lines and announcements. */
export function summarize(model, words) {
  const speakers = model.speakers.filter((s) => !s.unknown).length;
  const n = model.quotes.length;
  if (!n) return `No quotes found in ${words.toLocaleString("en")} words.`;
  const c = model.conflicts.length;
  return `${n} ${n === 1 ? "attribution" : "attributions"} from ${speakers} ${speakers === 1 ? "speaker" : "speakers"}, ${c} ${c === 1 ? "conflict" : "conflicts"} (${words.toLocaleString("en")} words).`;
}

/**
 * Shifts every span of an analysis by `delta` (for a piece of a longer text,
 * e.g. the reader's selection), returning a new object.
 */
export function shiftAnalysis(analysis, delta) {
  if (!delta) return analysis;
  const SPAN = new Set(["span", "inner", "cue", "source_span"]);
  const LIST = new Set(["content", "time", "quantities", "paragraphs", "sentences"]);
  const walk = (v, key) => {
    if (Array.isArray(v)) {
      if (SPAN.has(key)) return [v[0] + delta, v[1] + delta];
      if (LIST.has(key)) return v.map((s) => [s[0] + delta, s[1] + delta]);
      return v.map((x) => walk(x, null));
    }
    if (v && typeof v === "object") {
      const o = {};
      for (const [k, x] of Object.entries(v)) o[k] = x === null ? null : walk(x, k);
      return o;
    }
    return v;
  };
  return walk(analysis, null);
}
