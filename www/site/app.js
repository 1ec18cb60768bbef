// The static page: input (paste, drop, file, sample) → engine → article view + panel.
// Shared by the served page (main.js: worker + fetch) and the offline single
// file (offline.js: inline wasm, in-thread). Article text only ever goes into
// the DOM as text nodes.

import { renderPlainText, htmlToText } from "./lib/extract.js";
import { createView } from "./lib/render.js";
import { countWords } from "./lib/model.js";

const STAGES = {
  loading: "Loading the engine…",
  analysing: "Finding quotes → attributing → comparing claims…",
  transferring: "Collecting results…",
  rendering: "Highlighting…",
};

const MESSAGES = {
  INPUT_TOO_LARGE: "This text is too large to analyse here.",
  INVALID_OPTIONS: "The analysis options were not accepted.",
  ENGINE_UNAVAILABLE: "The analysis engine could not start: this browser or site blocks WebAssembly (add 'wasm-unsafe-eval' to script-src).",
  ENGINE_FAILED: "The analysis engine stopped unexpectedly.",
  INTERNAL: "Something went wrong inside the analysis engine.",
};

const isHtml = (name, type, text) => /\.x?html?$/i.test(name) || /html/.test(type) || /^\s*<(!doctype|html|head|body|article|p|div)\b/i.test(text);

/**
 * @param {{ engine: ReturnType<import("./lib/engine.js").createEngine>, loadSample: () => Promise<string>|string, mode?: string }} cfg
 */
export function startApp(cfg) {
  const $ = (id) => document.getElementById(id);
  const input = $("article-input");
  const status = $("status");
  const progress = $("progress");
  const cancel = $("cancel-button");
  const results = $("results");
  const article = $("article");
  const analyzeButton = $("analyze-button");
  const view = createView($("panel"), { filename: "quotelens" });
  view.attachHover(article);
  let running = null; // AbortController of the analysis in flight
  let title = "";
  let last = null; // { analysis, text } of the latest result (for tests and tools)

  setupTheme($("theme-toggle"));

  const say = (msg, kind = "info") => {
    status.textContent = msg;
    status.dataset.kind = kind;
  };

  async function run(text, newTitle = "") {
    if (!text.trim()) return say("Paste or drop an article first.", "error");
    running?.abort();
    const ctrl = new AbortController();
    running = ctrl;
    title = newTitle;
    const t0 = performance.now();
    const words = countWords(text);
    analyzeButton.disabled = true;
    progress.hidden = false;
    const showCancel = setTimeout(() => (cancel.hidden = false), 150);
    say(`${STAGES.loading} (${words.toLocaleString("en")} words)`);
    try {
      const analysis = await cfg.engine.analyze(text, {
        signal: ctrl.signal,
        onProgress: ({ stage }) => ctrl === running && say(`${STAGES[stage] ?? stage} (${words.toLocaleString("en")} words)`),
      });
      if (ctrl !== running) return;
      say(STAGES.rendering);
      const textMap = renderPlainText(article, text);
      results.hidden = false;
      document.body.classList.add("analysed");
      const model = view.show({ analysis, text, textMap, title });
      last = { analysis, text };
      const ms = Math.round(performance.now() - t0);
      const speakers = model.speakers.filter((s) => !s.unknown).length;
      say(
        model.quotes.length
          ? `Found ${model.quotes.length} attributions from ${speakers} speakers and ${model.conflicts.length} conflicts in ${words.toLocaleString("en")} words (${ms} ms).`
          : `No quotes found in ${words.toLocaleString("en")} words.`,
        "done",
      );
      if (!view.highlightsSupported) say(status.textContent + " This browser cannot show highlights; use the lists.", "done");
    } catch (e) {
      if (ctrl !== running) return;
      if (e.code === "CANCELLED") say("Cancelled.");
      else say(`${MESSAGES[e.code] ?? MESSAGES.INTERNAL} (${e.message})`, "error");
      if (e.code === "ENGINE_FAILED") offerRetry();
    } finally {
      clearTimeout(showCancel);
      if (ctrl === running) {
        running = null;
        analyzeButton.disabled = false;
        cancel.hidden = true;
        progress.hidden = true;
      }
    }
  }

  // Retry starts a fresh engine instance and runs the text again; when no fresh
  // instance can be had here (no worker, e.g. the offline file) it reloads the page.
  function offerRetry() {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = "Retry";
    b.dataset.testid = "retry-button";
    b.addEventListener("click", () => {
      if (cfg.engine.recover?.()) run(input.value, title);
      else location.reload();
    });
    status.append(" ", b);
  }

  async function openFile(file) {
    if (!file) return;
    if (file.size > 16 * 1024 * 1024) return say(MESSAGES.INPUT_TOO_LARGE, "error");
    prewarm(file.size);
    say(`Reading ${file.name}…`);
    const raw = await file.text();
    let text = raw;
    let name = file.name;
    if (isHtml(file.name, file.type, raw)) {
      const got = htmlToText(raw);
      if (!got.text.trim()) return say(`${file.name}: this page has no article text.`, "error");
      text = got.text;
      name = got.title || file.name;
    }
    input.value = text;
    return run(text, name);
  }

  // A long text pasted or dropped into the box will go to the worker: start it and let it warm up
  // while the reader reaches for the button (its first large analysis then runs optimised code).
  const prewarm = (length) => {
    if (length >= (cfg.engine.workerThreshold ?? Infinity)) cfg.engine.prewarm?.();
  };
  input.addEventListener("input", (ev) => {
    if (/^insertFrom/.test(ev.inputType ?? "")) prewarm(input.value.length);
  });

  analyzeButton.addEventListener("click", () => run(input.value, ""));
  $("sample-button").addEventListener("click", async () => {
    try {
      const text = await cfg.loadSample();
      input.value = text;
      await run(text, "Sample: Jeff Sessions and the Russian ambassador");
    } catch (e) {
      say(`Could not load the sample (${e.message}).`, "error");
    }
  });
  cancel.addEventListener("click", () => running?.abort());
  $("file-input").addEventListener("change", (ev) => openFile(ev.target.files?.[0]).finally(() => (ev.target.value = "")));

  const zone = $("dropzone");
  for (const target of [document]) {
    target.addEventListener("dragover", (ev) => {
      if (![...(ev.dataTransfer?.types ?? [])].includes("Files")) return;
      ev.preventDefault();
      zone.classList.add("over");
    });
    target.addEventListener("dragleave", (ev) => {
      if (ev.target === document.documentElement || ev.target === zone) zone.classList.remove("over");
    });
    target.addEventListener("drop", (ev) => {
      const file = ev.dataTransfer?.files?.[0];
      if (!file) return;
      ev.preventDefault();
      zone.classList.remove("over");
      openFile(file);
    });
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey) && ev.target === input) {
      ev.preventDefault();
      return run(input.value, "");
    }
    if (view.handleKey(ev)) ev.preventDefault();
  });

  cfg.engine.ready().then(
    () => {
      $("version").textContent = `v${cfg.engine.version() ?? "?"}${cfg.mode ? ` · ${cfg.mode}` : ""}`;
      if (status.textContent === "Ready.") say("Ready. Paste an article, drop a file or try the sample.");
    },
    (e) => say(`${MESSAGES[e.code] ?? MESSAGES.INTERNAL} (${e.message})`, "error"),
  );

  return {
    run,
    view,
    openFile,
    get last() {
      return last;
    },
  };
}

function setupTheme(button) {
  const order = ["system", "dark", "light"];
  let theme = "system";
  try {
    theme = localStorage.getItem("quotelens-theme") ?? "system";
  } catch {
    /* storage may be unavailable (file://, privacy settings) */
  }
  const apply = () => {
    if (theme === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    button.textContent = `Theme: ${theme}`;
  };
  button.addEventListener("click", () => {
    theme = order[(order.indexOf(theme) + 1) % order.length];
    try {
      localStorage.setItem("quotelens-theme", theme);
    } catch {
      /* ignore */
    }
    apply();
  });
  apply();
}
