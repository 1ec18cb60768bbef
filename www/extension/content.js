// QuoteLens content script (injected on demand through activeTab + scripting;
// bundled into one classic script). Picks the article root, extracts its text
// from the LIVE DOM with a map back to the text nodes, asks the background to
// analyse it, then highlights quotes with CSS.highlights and shows the shared
// panel in <quote-lens-panel> (open shadow root) docked at the side. The article
// DOM is never modified: the panel host hangs off <html>, outside <body>.

import { extractText } from "../lib/extract.js";
import { createPanel, summarize, shiftAnalysis } from "../lib/panel.js";
import { countWords } from "../lib/model.js";
import { findArticleRoot } from "./article.js";

const api = globalThis.browser ?? globalThis.chrome;
const MAX_BYTES = 16 * 1024 * 1024; // the core's default input limit
const TAG = "quote-lens-panel";

const DOCK_CSS = `
.qlf { height: 100%; border-radius: 0; border-width: 0 0 0 1px; box-shadow: -6px 0 24px rgba(0, 0, 0, 0.18); }
.qlf-body { flex: 1; overflow: auto; overscroll-behavior: contain; padding-top: 0; }
.qlf-body > .ql-panel { padding-top: 0.5rem; }
`;

const MESSAGES = {
  INPUT_TOO_LARGE: "This page is too large to analyse (the limit is 16 MB of text).",
  ENGINE_UNAVAILABLE: "The analysis engine could not start in this browser.",
  ENGINE_FAILED: "The analysis engine stopped unexpectedly. Reload the extension to continue.",
};

function utf8Length(text) {
  if (text.length * 3 <= MAX_BYTES) return text.length; // cannot be over the limit
  return new TextEncoder().encode(text).length;
}

function createContent() {
  let host = null;
  let panel = null;
  let lastSelection = null; // the reader's latest selection outside the panel (a Range)
  let run = 0;

  const onSelectionChange = () => {
    const sel = document.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    const r = sel.getRangeAt(0);
    if (host && host.contains(r.commonAncestorContainer)) return;
    lastSelection = r.cloneRange();
  };
  document.addEventListener("selectionchange", onSelectionChange);
  onSelectionChange();

  function ensurePanel() {
    if (host?.isConnected) return panel;
    host = document.createElement(TAG);
    // Inline !important styles on the host beat the page's own rules for our tag.
    const s = host.style;
    for (const [k, v] of Object.entries({
      all: "initial", position: "fixed", top: "0", right: "0", bottom: "0", width: "min(26rem, 92vw)", height: "100vh",
      "z-index": "2147483646", display: "block",
    })) s.setProperty(k, v, "important");
    const shadow = host.attachShadow({ mode: "open" });
    panel = createPanel(shadow, {
      heading: "QuoteLens",
      extraCss: DOCK_CSS,
      viewOptions: { filename: "quotelens" },
      actions: [
        { name: "selection", text: "Analyse selection", label: "Analyse the text selected on the page", onClick: () => open({ mode: "selection" }) },
        { name: "close", text: "×", label: "Close QuoteLens and remove the highlights", onClick: () => close() },
      ],
    });
    shadow.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape" && !panel.view.model) return close();
      if (panel.view.handleKey(ev)) ev.preventDefault();
    });
    document.documentElement.append(host);
    return panel;
  }

  function close() {
    run++;
    panel?.destroy();
    host?.remove();
    host = null;
    panel = null;
  }

  function isOurs(el) {
    return el.localName === TAG;
  }

  /** The article (or selection) as { text, textMap, title, offset, length } or { error }. */
  function collect(mode) {
    if (mode === "selection") {
      const range = lastSelection;
      if (!range || range.collapsed || !range.toString().trim()) return { error: "Select some text on the page first, then choose “Analyse selection”." };
      let root = range.commonAncestorContainer;
      if (root.nodeType !== 1) root = root.parentElement;
      const textMap = extractText(root, { skip: isOurs });
      const inRange = textMap.segments.filter((seg) => range.intersectsNode(seg.node));
      if (!inRange.length) return { error: "The selection holds no text to analyse." };
      const first = inRange[0];
      const last = inRange[inRange.length - 1];
      const offsetIn = (seg, container, offset, fallback) => {
        if (seg.node !== container) return fallback;
        const i = seg.map ? seg.map.findIndex((raw) => raw >= offset) : offset;
        return seg.start + (i < 0 ? seg.end - seg.start : Math.min(i, seg.end - seg.start));
      };
      const s = offsetIn(first, range.startContainer, range.startOffset, first.start);
      const e = offsetIn(last, range.endContainer, range.endOffset, last.end);
      return { textMap, text: textMap.text, offset: s, length: Math.max(0, e - s), title: "Selection", how: "selection", reextract: () => extractText(root, { skip: isOurs }) };
    }
    const found = findArticleRoot(document);
    if (!found) return { error: "This page has no article text that QuoteLens can find. Select the text you want and choose “Analyse selection”." };
    const textMap = extractText(found.root, { skip: (el) => isOurs(el) || found.skip(el) });
    if (!textMap.text.trim()) return { error: "This page has no article text that QuoteLens can find." };
    const skip = (el) => isOurs(el) || found.skip(el);
    return { textMap, text: textMap.text, offset: 0, length: textMap.text.length, title: found.title, how: found.how, reextract: () => extractText(found.root, { skip }) };
  }

  /** Opens (or refreshes) the panel; never toggles. Resolves once the panel is shown. */
  async function open({ mode = "article", maxBytes } = {}) {
    const my = ++run;
    const p = ensurePanel();
    p.say(mode === "selection" ? "Reading the selection…" : "Finding the article…", "busy");
    await new Promise((r) => setTimeout(r, 0)); // let the status paint
    const got = collect(mode);
    if (got.error) {
      p.view.clear();
      p.say(got.error, "error");
      return { state: "no-article", message: got.error };
    }
    const piece = got.text.slice(got.offset, got.offset + got.length);
    const limit = maxBytes ?? MAX_BYTES;
    if (utf8Length(piece) > limit) {
      p.view.clear();
      p.say(MESSAGES.INPUT_TOO_LARGE, "error");
      return { state: "too-large", message: MESSAGES.INPUT_TOO_LARGE };
    }
    const words = countWords(piece);
    p.say(`Finding quotes → attributing → comparing claims (${words.toLocaleString("en")} words)…`, "busy");
    let reply;
    try {
      reply = await api.runtime.sendMessage({ kind: "analyze", text: piece, options: maxBytes ? { maxBytes } : undefined });
    } catch (e) {
      // e.g. "Extension context invalidated": the extension was updated under this page
      reply = { ok: false, code: "DISCONNECTED", message: `${e?.message ?? e}. Reload the page and try again.` };
    }
    if (my !== run) return { state: "cancelled", message: "superseded" };
    if (!reply?.ok) {
      const message = MESSAGES[reply?.code] ?? `Something went wrong: ${reply?.message ?? "no answer from the extension"}`;
      p.view.clear();
      p.say(message, "error");
      return { state: reply?.code === "INPUT_TOO_LARGE" ? "too-large" : "error", message };
    }
    const analysis = shiftAnalysis(reply.analysis, got.offset);
    const model = p.view.show({
      analysis,
      text: got.text,
      textMap: got.textMap,
      title: got.title,
      reextract: got.reextract,
    });
    const message = summarize(model, words);
    const hint = mode === "selection" ? "Analysed your selection." : "Wrong text? Select the part you want and choose “Analyse selection”.";
    p.say(p.view.highlightsSupported ? hint : `${hint} This browser cannot show highlights; use the lists.`, "done");
    return { state: "ready", message, title: got.title, how: got.how, text: got.text, analysis };
  }

  return { open, close, isOpen: () => !!host?.isConnected };
}

globalThis.quoteLensContent ??= createContent();
