// <quote-lens for="#post-body" theme="auto|light|dark" loading="lazy|eager" collapsed>
//
// Analyses the element named by `for` (default: the nearest enclosing
// <article>, else the page's first <article>), highlights quotes in place with
// CSS.highlights (the article DOM is never modified) and renders the shared
// panel (legend, conflicts, quotes, claims, export) in its own OPEN shadow root.
//
//   state attribute: loading → ready | unavailable (the page's CSP blocks wasm) | error
//   events (bubbling, composed): quotelens:ready { detail: { analysis, text } },
//                                quotelens:error { detail: { code, message } }
//
// Styles go through adoptedStyleSheets only (the panel's into the shadow root;
// the ::highlight(ql-*) rules into document.adoptedStyleSheets). Every asset is
// resolved relative to import.meta.url; the wasm runs in a same-origin module
// worker, with an in-thread fallback. No globals.

import { createEngine } from "../lib/engine.js";
import { extractText } from "../lib/extract.js";
import { createPanel, summarize } from "../lib/panel.js";
import { countWords } from "../lib/model.js";
import { sharedRegistry } from "./registry.js";

const WASM_URL = new URL("./quotelens_bg.wasm", import.meta.url);
const WORKER_URL = new URL("./quote-lens-worker.js", import.meta.url);

let engine = null; // one engine per page, created on first use
const getEngine = () => (engine ??= createEngine({ wasmUrl: WASM_URL, workerUrl: WORKER_URL, workerThreshold: 0 }));

let warned = false;
let wasmVerdict = null;

/** True when this page may compile WebAssembly (its CSP may forbid it). */
function wasmAllowed() {
  if (wasmVerdict !== null) return wasmVerdict;
  try {
    // the smallest valid module: magic + version
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    wasmVerdict = true;
  } catch {
    wasmVerdict = false;
  }
  return wasmVerdict;
}

/** The script-src directive the site owner should use (from a <meta> CSP when there is one). */
function suggestedDirective(doc) {
  for (const meta of doc.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')) {
    const m = /(?:^|;)\s*script-src\s+([^;]*)/i.exec(meta.getAttribute("content") ?? "");
    if (m) return `script-src ${m[1].trim()} 'wasm-unsafe-eval'`;
  }
  return "script-src 'self' 'wasm-unsafe-eval'";
}

const EMBED_CSS = `
.qlf-body { max-height: var(--quotelens-max-height, 80vh); overflow: auto; padding-top: 0; }
.qlf-body > .ql-panel { padding-top: 0.5rem; }
`;

const MESSAGES = {
  INPUT_TOO_LARGE: "This article is too large to analyse here.",
  ENGINE_FAILED: "The analysis engine stopped unexpectedly. Reload the page to try again.",
  NO_ARTICLE: "QuoteLens found no article to analyse here.",
};

export class QuoteLensElement extends HTMLElement {
  static observedAttributes = ["for", "theme", "collapsed"];

  #panel = null;
  #observer = null;
  #started = false;
  #run = 0;

  connectedCallback() {
    if (!this.shadowRoot) this.attachShadow({ mode: "open" });
    if (!this.#panel) {
      this.#panel = createPanel(this.shadowRoot, {
        heading: "QuoteLens · who said what",
        extraCss: EMBED_CSS,
        viewOptions: { filename: "quotelens", highlightRegistry: sharedRegistry() ?? undefined },
        actions: [{ name: "collapse", text: "Hide", label: "Hide or show the QuoteLens panel", onClick: () => this.toggleAttribute("collapsed") }],
      });
      this.shadowRoot.addEventListener("keydown", (ev) => {
        if (this.#panel.view.handleKey(ev)) ev.preventDefault();
      });
      this.#applyTheme();
      this.#applyCollapsed();
    }
    if (!this.#started) {
      this.#setState("loading");
      this.#panel.say("QuoteLens will analyse this article when it comes into view.", "info");
      this.#schedule();
    }
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#run++;
    this.#panel?.view.clear(); // removes this element's highlights
    this.#started = false;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.#panel || oldValue === newValue) return;
    if (name === "theme") this.#applyTheme();
    else if (name === "collapsed") this.#applyCollapsed();
    else if (name === "for" && this.#started) this.refresh();
  }

  /** The element being analysed (or null). */
  get target() {
    const sel = this.getAttribute("for");
    if (sel) {
      try {
        return this.ownerDocument.querySelector(sel);
      } catch {
        return null;
      }
    }
    return this.closest("article") ?? this.ownerDocument.querySelector("article");
  }

  /** Analyses the target again (e.g. after the article changed). */
  refresh() {
    this.#started = true;
    return this.#analyse();
  }

  #applyTheme() {
    const t = this.getAttribute("theme");
    this.#panel.setTheme(t === "light" || t === "dark" ? t : "auto");
  }

  #applyCollapsed() {
    const on = this.hasAttribute("collapsed");
    this.#panel.setCollapsed(on);
    const b = this.#panel.buttons.collapse;
    b.textContent = on ? "Show" : "Hide";
    b.setAttribute("aria-expanded", String(!on));
  }

  #setState(state) {
    if (this.getAttribute("state") !== state) this.setAttribute("state", state);
  }

  #schedule() {
    const eager = this.getAttribute("loading") === "eager";
    const start = () => {
      if (this.#started || !this.isConnected) return;
      this.#observer?.disconnect();
      this.#observer = null;
      this.#started = true;
      this.#analyse();
    };
    if (eager || typeof IntersectionObserver === "undefined") return void queueMicrotask(start);
    // lazy: when the panel or its article scrolls into view
    this.#observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), { rootMargin: "200px" });
    this.#observer.observe(this);
    const t = this.target;
    if (t) this.#observer.observe(t);
  }

  #fail(state, code, message, kind = "error") {
    this.#panel.view.clear();
    this.#panel.say(message, kind);
    this.#setState(state);
    this.dispatchEvent(new CustomEvent("quotelens:error", { bubbles: true, composed: true, detail: { code, message } }));
  }

  async #analyse() {
    const my = ++this.#run;
    this.#setState("loading");
    const target = this.target;
    if (!target) return this.#fail("error", "NO_ARTICLE", MESSAGES.NO_ARTICLE);
    if (!wasmAllowed()) {
      const directive = suggestedDirective(this.ownerDocument);
      if (!warned) {
        warned = true;
        console.warn(`QuoteLens: this page's Content-Security-Policy blocks WebAssembly, so <quote-lens> cannot analyse the article. Add 'wasm-unsafe-eval' to script-src: ${directive}`);
      }
      return this.#fail("unavailable", "ENGINE_UNAVAILABLE", `This site blocks WebAssembly, so QuoteLens cannot run here. Site owner: add 'wasm-unsafe-eval' to script-src (${directive}).`, "info");
    }
    const skip = (el) => el === this || el.localName === "quote-lens";
    const textMap = extractText(target, { skip });
    const text = textMap.text;
    if (!text.trim()) return this.#fail("error", "NO_ARTICLE", MESSAGES.NO_ARTICLE);
    const words = countWords(text);
    this.#panel.say(`Finding quotes → attributing → comparing claims (${words.toLocaleString("en")} words)…`, "busy");
    let analysis;
    try {
      analysis = await getEngine().analyze(text, {
        onProgress: ({ stage }) => my === this.#run && stage === "loading" && this.#panel.say(`Loading the engine (${words.toLocaleString("en")} words)…`, "busy"),
      });
    } catch (e) {
      if (my !== this.#run) return;
      const code = e?.code ?? "INTERNAL";
      if (code === "ENGINE_UNAVAILABLE") return this.#fail("unavailable", code, `QuoteLens cannot run here: ${e.detail ?? e.message}`, "info");
      return this.#fail("error", code, MESSAGES[code] ?? `Something went wrong (${e?.message ?? e}).`);
    }
    if (my !== this.#run || !this.isConnected) return;
    const model = this.#panel.view.show({ analysis, text, textMap, title: "", reextract: () => extractText(target, { skip }) });
    this.#panel.say(model.quotes.length ? "Quotes are highlighted in the article; choose one below to jump to it." : summarize(model, words), "done");
    this.#setState("ready");
    this.dispatchEvent(new CustomEvent("quotelens:ready", { bubbles: true, composed: true, detail: { analysis, text } }));
  }
}
