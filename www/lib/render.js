// The shared renderer (page, extension panel, embed): legend, conflict cards,
// quote and claim lists, keyboard navigation, hover cards, export. It renders
// into a given root (an Element or a ShadowRoot) and touches the article only
// through Ranges and CSS.highlights. Article text is only ever set with
// textContent / text nodes.

import { buildModel } from "./model.js";
import { toJSON, toCSV, toMarkdown } from "./export.js";
import { anchorSpans, textOffsetAt } from "./anchor.js";
import { Highlighter, highlightCss, installStyles, highlightName, isSupported } from "./highlight.js";

/** Styles of the panel (installed with adoptedStyleSheets into the panel's root). */
export const PANEL_CSS = `
.ql-panel { --ql-fg: CanvasText; --ql-muted: color-mix(in srgb, CanvasText 68%, Canvas); --ql-line: color-mix(in srgb, CanvasText 18%, Canvas);
  --ql-card: color-mix(in srgb, CanvasText 4%, Canvas); --ql-accent: #0072B2;
  color: var(--ql-fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; display: flex; flex-direction: column; gap: 1rem; }
.ql-panel h2 { font-size: 0.95rem; margin: 0 0 0.4rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--ql-muted); }
.ql-panel section { margin: 0; }
.ql-toolbar { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.ql-panel button { font: inherit; color: inherit; background: var(--ql-card); border: 1px solid var(--ql-line); border-radius: 6px; padding: 0.3rem 0.6rem; cursor: pointer; }
.ql-panel button:hover { border-color: var(--ql-accent); }
.ql-panel button:focus-visible, .ql-panel summary:focus-visible { outline: 3px solid var(--ql-accent); outline-offset: 2px; }
.ql-summary { margin: 0; color: var(--ql-muted); }
.ql-speakers { position: sticky; top: 0; z-index: 1; background: var(--ql-bg, Canvas); padding: 0.25rem 0 0.4rem; border-bottom: 1px solid var(--ql-line); }
.ql-legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.35rem 0.9rem; }
.ql-legend li { display: flex; align-items: center; gap: 0.4rem; }
.ql-sw { display: inline-block; width: 1.4em; height: 0.9em; border-radius: 2px; flex: none; }
.ql-count { font-variant-numeric: tabular-nums; color: var(--ql-muted); }
.ql-count::before { content: "("; } .ql-count::after { content: ")"; }
.ql-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.35rem; }
.ql-list button { width: 100%; text-align: left; display: block; padding: 0.45rem 0.6rem; }
.ql-list button[aria-current="true"] { border-color: var(--ql-accent); box-shadow: inset 3px 0 0 var(--ql-accent); }
.ql-who { font-weight: 600; display: inline-flex; align-items: center; gap: 0.35rem; }
.ql-cue { color: var(--ql-muted); font-style: italic; }
.ql-meta { color: var(--ql-muted); font-size: 0.85em; }
.ql-quote { display: block; margin-top: 0.15rem; }
.ql-card { border: 1px solid var(--ql-line); border-left: 4px solid #D55E00; border-radius: 8px; padding: 0.6rem 0.75rem; background: var(--ql-card); display: flex; flex-direction: column; gap: 0.5rem; }
.ql-card header { display: flex; justify-content: space-between; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; }
.ql-kind { font-weight: 600; }
.ql-band { font-size: 0.8em; border: 1px solid var(--ql-line); border-radius: 999px; padding: 0 0.5rem; }
.ql-sides { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem; }
@container (max-width: 26rem) { .ql-sides { grid-template-columns: 1fr; } }
.ql-side button { width: 100%; height: 100%; text-align: left; display: flex; flex-direction: column; align-items: flex-start; justify-content: flex-start; gap: 0.15rem; }
.ql-card > .ql-dismiss { width: auto; align-self: flex-end; padding: 0.15rem 0.6rem; font-size: 0.85em; }
.ql-why { margin: 0; }
.ql-empty { margin: 0; color: var(--ql-muted); }
.ql-panel button.ql-more { margin-top: 0.4rem; width: 100%; }
.ql-long > * { content-visibility: auto; contain-intrinsic-size: auto 4em; overflow-clip-margin: 6px; }
.ql-quiet { color: var(--ql-muted); }
.ql-quiet .ql-card { border-left-color: var(--ql-line); }
.ql-quiet summary { cursor: pointer; }
.ql-help { border: 1px solid var(--ql-line); border-radius: 8px; padding: 0.5rem 0.75rem; background: var(--ql-card); }
.ql-help dl { display: grid; grid-template-columns: auto 1fr; gap: 0.2rem 0.8rem; margin: 0; }
.ql-help dt { font-family: ui-monospace, monospace; font-weight: 600; }
.ql-help dd { margin: 0; }
.ql-tip { position: fixed; z-index: 2147483000; max-width: 22rem; pointer-events: none; padding: 0.35rem 0.55rem; border-radius: 6px;
  background: CanvasText; color: Canvas; font: 13px/1.35 system-ui, sans-serif; box-shadow: 0 2px 8px rgba(0,0,0,0.25); }
.ql-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
[hidden] { display: none !important; }
`;

const KEYS = [
  ["j / n", "next quote"],
  ["k / p", "previous quote"],
  ["c", "next conflict"],
  ["h", "show / hide highlights"],
  ["Esc", "clear the focus mark"],
  ["?", "show / hide this list"],
];

/** el("button", { class: "x", dataset: {...}, ... }, ...children) — children are strings (text nodes) or nodes. */
function el(doc, tag, props = {}, ...children) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k === "testid") e.setAttribute("data-testid", v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) e.append(c);
  return e;
}

function download(doc, name, mime, content) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  (doc.body ?? doc.documentElement).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const clip = (s, n = 220) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
const KIND_WORD = { direct: "direct quote", mixed: "partial quote", indirect: "reported speech" };

/**
 * Creates a view.
 * @param {Element|ShadowRoot} root where the panel goes
 * @param {object} [opts]
 * @param {(msg: string) => void} [opts.announce] aria-live announcements (the view also has its own live region)
 * @param {string} [opts.filename] base name for exports
 * @param {Document} [opts.articleDocument] the document holding the article (for ::highlight rules)
 * @param {number} [opts.pageSize] list items (quotes, claims, cards) rendered at first and per "Show more" (default 1000)
 */
export function createView(root, opts = {}) {
  const hostDoc = root.ownerDocument ?? root;
  const styleRoot = root.getRootNode ? root.getRootNode() : hostDoc;
  installStyles(styleRoot, PANEL_CSS + "\n" + highlightCss());
  const articleDoc = opts.articleDocument ?? hostDoc;
  if (articleDoc !== styleRoot) installStyles(articleDoc, highlightCss());

  const doc = hostDoc;
  const highlighter = new Highlighter(opts.highlightRegistry); // undefined: CSS.highlights
  const panel = el(doc, "div", { class: "ql-panel" });
  const live = el(doc, "div", { class: "ql-sr", role: "status", "aria-live": "polite" });
  const tip = el(doc, "div", { class: "ql-tip", role: "tooltip", id: "ql-tip", hidden: true });
  root.append(panel, live, tip);

  let state = null; // { analysis, text, textMap, model, quoteRanges, claimRanges, title }
  let current = -1; // index of the focused quote
  let conflictAt = -1;
  let highlightsOn = true;
  let hoverTarget = null;
  let hoverFrame = 0;
  // Long lists are rendered a page at a time (a 10 MB text has ~40 K quotes and ~110 K claims:
  // building and laying out all of them blocked the page for seconds).
  const pageSize = Math.max(1, opts.pageSize ?? 1000);
  let lists = null; // { quotes, claims, conflicts, disagreements } of pagedList()

  /** A list container that renders `items` with `make(item, index)`, a page at a time, plus its "Show more" button. */
  function pagedList(container, items, make, noun) {
    const list = { container, items, make, noun, shown: 0, more: null };
    // long lists: items off screen skip layout and paint
    if (items.length > 100) container.classList.add("ql-long");
    list.more = el(doc, "button", {
      type: "button",
      class: "ql-more",
      testid: "show-more",
      onclick: () => {
        const from = list.shown;
        showMore(list, from + pageSize);
        const first = list.container.children[from];
        (first?.matches("[tabindex]") ? first : first?.querySelector("button"))?.focus();
        announce(`Showing ${list.shown} of ${list.items.length} ${noun}`);
      },
    });
    showMore(list, pageSize);
    return list;
  }

  /** Renders `list` up to item `upTo` (exclusive; rounded up to a whole page). */
  function showMore(list, upTo) {
    const end = Math.min(list.items.length, Math.ceil(upTo / pageSize) * pageSize);
    if (end > list.shown) {
      const frag = doc.createDocumentFragment();
      for (let i = list.shown; i < end; i++) frag.append(list.make(list.items[i], i));
      list.container.append(frag);
      list.shown = end;
    }
    const rest = list.items.length - list.shown;
    list.more.hidden = rest === 0;
    list.more.textContent =
      rest > pageSize
        ? `Show ${pageSize.toLocaleString("en")} more ${list.noun} (${rest.toLocaleString("en")} not shown)`
        : `Show the other ${rest.toLocaleString("en")} ${list.noun}`;
  }

  const announce = (msg) => {
    live.textContent = msg;
    opts.announce?.(msg);
  };

  const showTip = (lines, rect) => {
    tip.replaceChildren(...lines.flatMap((l, i) => (i ? [el(doc, "br"), l] : [l])));
    tip.hidden = false;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const vw = doc.documentElement.clientWidth;
    let x = Math.min(Math.max(4, rect.left), vw - w - 4);
    let y = rect.bottom + 6;
    if (y + h > doc.documentElement.clientHeight) y = Math.max(4, rect.top - h - 6);
    tip.style.left = `${x}px`;
    tip.style.top = `${y}px`;
  };
  const hideTip = () => {
    tip.hidden = true;
  };
  const quoteTip = (q) => [`${q.speaker}${q.source && q.source !== q.speaker ? ` (“${q.source}”)` : ""}`, `${q.cue ? q.cue + " · " : ""}${KIND_WORD[q.kind] ?? q.kind}`];

  function reveal(ranges) {
    highlighter.focus(ranges);
    const r = ranges?.[0];
    if (!r) return null;
    const target = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentElement;
    target?.scrollIntoView({ block: "center", inline: "nearest" });
    return r.getBoundingClientRect();
  }

  function selectQuote(i, { focus = true } = {}) {
    if (!state || !state.model.quotes.length) return;
    const n = state.model.quotes.length;
    current = ((i % n) + n) % n;
    const q = state.model.quotes[current];
    if (lists && current >= lists.quotes.shown) showMore(lists.quotes, current + 1);
    const buttons = panel.querySelectorAll('[data-testid="quote-item"]');
    buttons.forEach((b, k) => b.setAttribute("aria-current", k === current ? "true" : "false"));
    if (focus) buttons[current]?.focus({ preventScroll: true });
    const rect = reveal(state.quoteRanges[current]);
    if (rect) showTip(quoteTip(q), rect);
    announce(`Quote ${current + 1} of ${n}: ${q.speaker}${q.cue ? ", " + q.cue : ""}`);
  }

  function selectClaim(claim) {
    const ranges = state.claimRanges.get(claim.id) ?? [];
    const rect = reveal(ranges);
    if (rect) showTip([claim.speaker, claim.cue || claim.stance], rect);
    announce(`${claim.speaker}: ${clip(claim.text, 80)}`);
  }

  function nextConflict() {
    let cards = [...panel.querySelectorAll('[data-testid="conflict-card"]:not([hidden])')];
    const list = lists?.conflicts;
    if (list && conflictAt + 1 >= cards.length && list.shown < list.items.length) {
      showMore(list, list.shown + 1);
      cards = [...panel.querySelectorAll('[data-testid="conflict-card"]:not([hidden])')];
    }
    if (!cards.length) return announce("No conflicts in this article.");
    conflictAt = (conflictAt + 1) % cards.length;
    cards[conflictAt].focus();
    cards[conflictAt].scrollIntoView({ block: "nearest" });
    const c = state.model.conflicts[Number(cards[conflictAt].dataset.index)];
    if (c) reveal([...(state.claimRanges.get(c.a.id) ?? []), ...(state.claimRanges.get(c.b.id) ?? [])]);
    announce(`Conflict ${conflictAt + 1} of ${cards.length + (list ? list.items.length - list.shown : 0)}`);
  }

  function toggleHighlights(on = !highlightsOn) {
    highlightsOn = on;
    highlighter.setVisible(on);
    const b = panel.querySelector(".ql-toggle");
    b?.setAttribute("aria-pressed", String(on));
    announce(on ? "Highlights shown" : "Highlights hidden");
  }

  function toggleHelp(force) {
    const help = panel.querySelector(".ql-help");
    if (!help) return;
    help.hidden = force === undefined ? !help.hidden : !force;
    panel.querySelector(".ql-help-button")?.setAttribute("aria-expanded", String(!help.hidden));
  }

  function sideView(claim) {
    return el(
      doc,
      "div",
      { class: "ql-side" },
      el(
        doc,
        "button",
        { type: "button", onclick: () => selectClaim(claim) },
        el(
          doc,
          "span",
          {},
          el(doc, "span", { class: "ql-who" }, el(doc, "span", { class: `ql-sw ql-sw-${claim.slot}`, "aria-hidden": "true" }), claim.speaker),
          claim.cue ? el(doc, "span", { class: "ql-cue", text: ` ${claim.cue}` }) : null,
        ),
        el(doc, "span", { class: "ql-quote", text: clip(claim.text) }),
      ),
    );
  }

  function card(c, index, testid) {
    const node = el(
      doc,
      "article",
      { class: "ql-card", testid, tabindex: "-1", dataset: { index: String(index), kind: c.kind }, "aria-label": `${c.kindLabel}: ${c.a.speaker} and ${c.b.speaker}` },
      el(
        doc,
        "header",
        {},
        el(doc, "span", { class: "ql-kind", text: c.kindLabel }),
        el(doc, "span", { class: "ql-band", text: `${c.confidenceLabel} confidence` }),
      ),
      el(doc, "div", { class: "ql-sides" }, sideView(c.a), sideView(c.b)),
      el(doc, "p", { class: "ql-why" }, el(doc, "strong", { text: "Why: " }), c.explanation),
      el(doc, "p", { class: "ql-meta", text: `rule ${c.rule}` }),
    );
    node.append(
      el(doc, "button", {
        type: "button",
        class: "ql-dismiss",
        text: "Dismiss",
        onclick: () => {
          node.hidden = true;
          announce("Conflict dismissed");
        },
      }),
    );
    return node;
  }

  function render() {
    const { model } = state;
    const legend = el(
      doc,
      "ul",
      { class: "ql-legend", testid: "speaker-legend", "aria-label": "Speakers and number of quotes" },
      model.speakers.map((s) =>
        el(
          doc,
          "li",
          { testid: s.unknown ? "speaker-unknown" : "speaker", dataset: { slot: s.slot, index: String(s.index) } },
          el(doc, "span", { class: `ql-sw ql-sw-${s.slot}`, "aria-hidden": "true" }),
          el(doc, "span", { class: "ql-name", text: s.name }),
          el(doc, "span", { class: "ql-count", "aria-label": `${s.count} quotes`, text: String(s.count) }),
        ),
      ),
    );
    const conflictList = pagedList(el(doc, "div", { class: "ql-list" }), model.conflicts, (c, i) => card(c, i, "conflict-card"), "conflicts");
    if (!model.conflicts.length) conflictList.container.append(el(doc, "p", { class: "ql-empty", testid: "conflicts-empty", text: "No conflicting statements found in this article." }));
    const disagreementList = pagedList(el(doc, "div", { class: "ql-list" }), model.disagreements, (c, i) => card(c, i, "disagreement-card"), "disagreements");
    const disagreements = model.disagreements.length
      ? el(
          doc,
          "details",
          { class: "ql-quiet" },
          el(doc, "summary", { text: `Disagreements (${model.disagreements.length}) — positions that differ, not factual conflicts` }),
          disagreementList.container,
          disagreementList.more,
        )
      : null;
    const quoteList = pagedList(
      el(doc, "ol", { class: "ql-list", "aria-label": "Quotes in text order" }),
      model.quotes,
      (q, i) =>
        el(
          doc,
          "li",
          {},
          el(
            doc,
            "button",
            {
              type: "button",
              testid: "quote-item",
              dataset: { id: String(q.id), slot: q.slot, kind: q.kind },
              "aria-describedby": "ql-tip",
              onclick: () => selectQuote(i, { focus: false }),
              onfocus: () => {
                if (current !== i) selectQuote(i, { focus: false });
              },
              onblur: hideTip,
            },
            el(doc, "span", { class: "ql-who" }, el(doc, "span", { class: `ql-sw ql-sw-${q.slot}`, "aria-hidden": "true" }), q.speaker),
            q.source && q.source !== q.speaker ? el(doc, "span", { class: "ql-meta", text: ` (“${q.source}”)` }) : null,
            q.cue ? el(doc, "span", { class: "ql-cue", text: ` ${q.cue}` }) : null,
            el(doc, "span", { class: "ql-meta", text: ` · ${KIND_WORD[q.kind] ?? q.kind}` }),
            el(doc, "span", { class: "ql-quote", text: clip(q.text) }),
          ),
        ),
      "quotes",
    );
    const claimList = pagedList(
      el(doc, "ol", { class: "ql-list", "aria-label": "Claims in text order" }),
      model.claims,
      (c) =>
        el(
          doc,
          "li",
          {},
          el(
            doc,
            "button",
            { type: "button", testid: "claim-item", dataset: { id: String(c.id), stance: c.stance }, onclick: () => selectClaim(c) },
            el(doc, "span", { class: "ql-who" }, el(doc, "span", { class: `ql-sw ql-sw-${c.slot}`, "aria-hidden": "true" }), c.narrator ? "The article asserts" : `${c.speaker}`),
            el(doc, "span", { class: "ql-meta", text: ` · ${c.stance}${c.negated ? " · negated" : ""}${c.hedged ? " · hedged" : ""}` }),
            el(doc, "span", { class: "ql-quote", text: clip(c.text) }),
          ),
        ),
      "claims",
    );
    lists = { quotes: quoteList, claims: claimList, conflicts: conflictList, disagreements: disagreementList };
    const exportBar = el(
      doc,
      "div",
      { class: "ql-toolbar", role: "group", "aria-label": "Export" },
      el(doc, "button", { type: "button", testid: "export-json", onclick: () => exportAs("json") }, "Export JSON"),
      el(doc, "button", { type: "button", testid: "export-csv", onclick: () => exportAs("csv") }, "Export CSV"),
      el(doc, "button", { type: "button", testid: "export-markdown", onclick: () => exportAs("md") }, "Export Markdown"),
      el(doc, "button", { type: "button", testid: "copy-markdown", onclick: copyMarkdown }, "Copy summary"),
    );
    const toolbar = el(
      doc,
      "div",
      { class: "ql-toolbar" },
      el(doc, "button", { type: "button", class: "ql-toggle", "aria-pressed": String(highlightsOn), onclick: () => toggleHighlights() }, "Highlights"),
      el(doc, "button", { type: "button", class: "ql-help-button", "aria-expanded": "false", onclick: () => toggleHelp() }, "Keyboard shortcuts (?)"),
    );
    const help = el(
      doc,
      "section",
      { class: "ql-help", hidden: true, "aria-label": "Keyboard shortcuts" },
      el(doc, "dl", {}, KEYS.flatMap(([k, v]) => [el(doc, "dt", { text: k }), el(doc, "dd", { text: v })])),
    );
    const h = (t) => el(doc, "h2", { text: t });
    const summary = `${state.title ? state.title + " — " : ""}${model.words.toLocaleString("en")} words · ${model.quotes.length} attributions · ${model.speakers.filter((s) => !s.unknown).length} speakers · ${model.conflicts.length} conflicts`;
    panel.replaceChildren(
      el(doc, "p", { class: "ql-summary", testid: "summary", text: summary }),
      toolbar,
      help,
      el(doc, "section", { class: "ql-speakers", "aria-label": "Speakers" }, h("Speakers"), legend),
      el(doc, "section", { "aria-label": "Conflicts" }, h(`Conflicts (${model.conflicts.length})`), conflictList.container, conflictList.more, disagreements),
      el(doc, "section", { "aria-label": "Quotes" }, h(`Quotes (${model.quotes.length})`), model.quotes.length ? [quoteList.container, quoteList.more] : el(doc, "p", { class: "ql-empty", text: "No quotes found." })),
      el(doc, "section", { "aria-label": "Claims" }, h(`Claims (${model.claims.length})`), model.claims.length ? [claimList.container, claimList.more] : el(doc, "p", { class: "ql-empty", text: "No claims found." })),
      el(doc, "section", { "aria-label": "Export" }, h("Export"), exportBar),
    );
  }

  function exportAs(kind) {
    if (!state) return;
    const base = opts.filename ?? "quotelens";
    const meta = { title: state.title };
    if (kind === "json") download(doc, `${base}.json`, "application/json", toJSON(state.analysis, state.text, meta));
    else if (kind === "csv") download(doc, `${base}.csv`, "text/csv", toCSV(state.analysis, state.text));
    else download(doc, `${base}.md`, "text/markdown", toMarkdown(state.analysis, state.text, meta));
    announce(`Exported ${kind.toUpperCase()}`);
  }

  async function copyMarkdown() {
    if (!state) return;
    const md = toMarkdown(state.analysis, state.text, { title: state.title });
    try {
      await navigator.clipboard.writeText(md);
      announce("Summary copied to the clipboard");
    } catch {
      announce("Copying is not allowed here; use Export Markdown");
    }
  }

  function onHover(ev) {
    if (!state || hoverFrame) return;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      const d = articleDoc;
      let node = null;
      let off = 0;
      if (d.caretPositionFromPoint) {
        const p = d.caretPositionFromPoint(ev.clientX, ev.clientY);
        if (p) ({ offsetNode: node, offset: off } = p);
      } else if (d.caretRangeFromPoint) {
        const r = d.caretRangeFromPoint(ev.clientX, ev.clientY);
        if (r) ({ startContainer: node, startOffset: off } = r);
      }
      const at = node ? textOffsetAt(state.textMap, node, off) : -1;
      const q = at < 0 ? null : state.model.quotes.find((x) => x.fragments.some(([s, e]) => at >= s && at < e));
      if (!q) {
        if (hoverTarget) hideTip();
        hoverTarget = null;
        return;
      }
      hoverTarget = q;
      showTip(quoteTip(q), { left: ev.clientX + 12, right: ev.clientX + 12, top: ev.clientY, bottom: ev.clientY + 12 });
    });
  }

  return {
    /** The current view model (null before show). */
    get model() {
      return state?.model ?? null;
    },
    /**
     * Shows an analysis of `text`; `textMap` maps offsets of `text` to the article's text nodes.
     * @param {{analysis: object, text: string, textMap: {text: string, segments: Array}, title?: string, reextract?: Function}} s
     */
    show({ analysis, text, textMap, title, reextract }) {
      const model = buildModel(analysis, text);
      // one ascending pass for every span we may show
      const spans = [];
      const owners = [];
      model.quotes.forEach((q, i) => q.fragments.forEach((f) => (spans.push(f), owners.push(["q", i]))));
      model.claims.forEach((c) => (spans.push(c.span), owners.push(["c", c.id])));
      const anchored = anchorSpans(textMap, spans, { reextract });
      const quoteRanges = model.quotes.map(() => []);
      const claimRanges = new Map();
      anchored.forEach((ranges, k) => {
        const [kind, id] = owners[k];
        if (kind === "q") quoteRanges[id].push(...ranges);
        else claimRanges.set(id, ranges);
      });
      state = { analysis, text, textMap, model, quoteRanges, claimRanges, title };
      current = -1;
      conflictAt = -1;
      const groups = new Map();
      model.quotes.forEach((q, i) => {
        const name = highlightName(q.slot);
        if (!groups.has(name)) groups.set(name, []);
        groups.get(name).push(...quoteRanges[i]);
      });
      const conflictRanges = model.conflicts.flatMap((c) => [...(claimRanges.get(c.a.id) ?? []), ...(claimRanges.get(c.b.id) ?? [])]);
      if (conflictRanges.length) groups.set("ql-conflict", conflictRanges);
      highlighter.setAll(groups);
      highlighter.setVisible(highlightsOn);
      render();
      return model;
    },
    clear() {
      state = null;
      lists = null;
      highlighter.clear();
      panel.replaceChildren();
      hideTip();
    },
    next: () => selectQuote(current + 1),
    prev: () => selectQuote(current < 0 ? -1 : current - 1),
    nextConflict,
    toggleHighlights,
    toggleHelp,
    /** Handles a shortcut key; returns true when it did something. */
    handleKey(ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return false;
      const t = ev.composedPath?.()[0] ?? ev.target;
      if (t && (t.localName === "textarea" || t.localName === "input" || t.localName === "select" || t.isContentEditable)) return false;
      if (ev.key === "?") return toggleHelp(), true;
      if (!state) return false;
      switch (ev.key) {
        case "j":
        case "n":
          selectQuote(current + 1);
          return true;
        case "k":
        case "p":
          selectQuote(current < 0 ? -1 : current - 1);
          return true;
        case "c":
          nextConflict();
          return true;
        case "h":
          toggleHighlights();
          return true;
        case "Escape":
          highlighter.focus(null);
          hideTip();
          toggleHelp(false);
          return true;
      }
      return false;
    },
    /** Shows speaker + cue when the pointer is over a quote in `articleEl`. */
    attachHover(articleEl) {
      articleEl.addEventListener("mousemove", onHover);
      articleEl.addEventListener("mouseleave", () => {
        hoverTarget = null;
        hideTip();
      });
    },
    /** Whether highlights can be shown in this browser. */
    highlightsSupported: isSupported(),
    destroy() {
      this.clear();
      panel.remove();
      live.remove();
      tip.remove();
    },
  };
}
