// QuoteLens extension background (module service worker on Chrome, event page
// on Firefox). The wasm engine runs here — a content script cannot compile
// wasm on pages whose CSP forbids it; extension pages are governed by the
// manifest's CSP ('wasm-unsafe-eval'). Listeners are registered synchronously
// at the top level; the engine loads lazily, once.
//
// Messages (kind-tagged):
//   content → background  { kind: "analyze", text, options } → { ok: true, analysis } | { ok: false, code, message }
// Test hook (DESIGN.md §3.6): globalThis.analyzeTab(tabId, opts?) injects, analyses, renders
// and resolves once the panel is shown; it never toggles.

import { init, analyze, toEngineError } from "../lib/engine.js";
import { highlightCss } from "../lib/highlight.js";

const api = globalThis.browser ?? globalThis.chrome;
const MENU_ID = "quotelens-analyse-selection";
const HIGHLIGHT_CSS = highlightCss();

let ready;
/** Loads the wasm once (no top-level await in service workers). */
function engineReady() {
  ready ??= init(api.runtime.getURL("quotelens_bg.wasm")).catch((e) => {
    ready = undefined;
    throw e;
  });
  return ready;
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.kind !== "analyze" || !sender.tab) return false;
  engineReady()
    .then(() => sendResponse({ ok: true, analysis: analyze(msg.text, msg.options ?? undefined) }))
    .catch((e) => {
      const err = toEngineError(e);
      sendResponse({ ok: false, code: err.code, message: err.detail });
    });
  return true; // async response
});

/** Error for pages the browser keeps extensions out of. */
class RestrictedPage extends Error {
  constructor(detail) {
    super(`RESTRICTED_PAGE: QuoteLens cannot read this page — browser pages, extension stores and some other pages are closed to extensions (${detail})`);
    this.code = "RESTRICTED_PAGE";
  }
}

async function run(tabId, func, args = []) {
  const [res] = await api.scripting.executeScript({ target: { tabId }, func, args });
  return res?.result;
}

/** { loaded, open } of the content script in the tab; throws RestrictedPage when we may not script it. */
async function probe(tabId) {
  try {
    return (await run(tabId, () => ({ loaded: !!globalThis.quoteLensContent, open: !!globalThis.quoteLensContent?.isOpen() }))) ?? { loaded: false, open: false };
  } catch (e) {
    throw new RestrictedPage(String(e?.message ?? e));
  }
}

async function inject(tabId) {
  const state = await probe(tabId);
  if (!state.loaded) {
    await api.scripting.insertCSS({ target: { tabId }, css: HIGHLIGHT_CSS });
    await api.scripting.executeScript({ target: { tabId }, files: ["content.js"] });
  }
  return state;
}

async function setBadge(tabId, text, title) {
  try {
    await api.action.setBadgeText({ tabId, text });
    if (text) await api.action.setBadgeBackgroundColor({ tabId, color: "#D55E00" });
    await api.action.setTitle({ tabId, title });
  } catch {
    /* the tab may be gone */
  }
}

/**
 * Analyses the article (or the selection) on `tabId` and shows the panel.
 * @param {number} tabId
 * @param {{ mode?: "article" | "selection", maxBytes?: number }} [opts]
 * @returns {Promise<{state: string, message: string, title?: string, text?: string, analysis?: object}>}
 */
async function analyzeTab(tabId, opts = {}) {
  try {
    await inject(tabId);
  } catch (e) {
    const msg = e.code === "RESTRICTED_PAGE" ? "QuoteLens cannot read this page (browser and store pages are closed to extensions)." : `QuoteLens could not open on this page: ${e.message}`;
    await setBadge(tabId, "!", msg);
    throw e;
  }
  engineReady().catch(() => {}); // load in parallel with the extraction
  const result = await run(tabId, (o) => globalThis.quoteLensContent.open(o), [{ mode: opts.mode ?? "article", maxBytes: opts.maxBytes }]);
  await setBadge(tabId, "", result?.state === "ready" ? "QuoteLens: hide the panel" : `QuoteLens: ${result?.message ?? ""}`);
  return result;
}
globalThis.analyzeTab = analyzeTab;

/** Closes the panel and removes the highlights (no-op when closed). */
async function closeTab(tabId) {
  await run(tabId, () => globalThis.quoteLensContent?.close());
  await setBadge(tabId, "", "QuoteLens: show who said what on this page");
}

// The toolbar button toggles.
api.action.onClicked.addListener(async (tab) => {
  if (tab?.id == null) return;
  try {
    const state = await probe(tab.id);
    if (state.open) await closeTab(tab.id);
    else await analyzeTab(tab.id);
  } catch (e) {
    if (e.code === "RESTRICTED_PAGE") await setBadge(tab.id, "!", "QuoteLens cannot read this page (browser and store pages are closed to extensions).");
    else console.warn("QuoteLens:", e);
  }
});

api.runtime.onInstalled.addListener(() => {
  api.contextMenus?.create({ id: MENU_ID, title: "Analyse selection with QuoteLens", contexts: ["selection"] }, () => void api.runtime.lastError);
});

api.contextMenus?.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || tab?.id == null) return;
  analyzeTab(tab.id, { mode: "selection" }).catch((e) => console.warn("QuoteLens:", e));
});
