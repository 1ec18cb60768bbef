// Cold start (navigation start → first result on the ~5 KB article) and steady timings with
// performance.now() in the page. `performance.now()` counts from the navigation start.
// The engine is the pages' own (www/lib/engine.js, as www/site/main.js loads it): it compiles the
// wasm from its URL and, once instantiated, makes a first call on a short made-up text (V8
// compiles wasm functions on their first call; see BENCHMARKS.md, "Eighth round") — what a
// reader's first result waits for on the real page.
import { init, analyze } from "/lib/engine.js";
import initGlue from "/pkg/quotelens.js";

const moduleStart = performance.now();
let exports = null;
window.coldStart = (async () => {
  const [, article] = await Promise.all([init(new URL("/pkg/quotelens_bg.wasm", location.href)), fetch("/data/article.txt").then((r) => r.text())]);
  // (the glue's init returns the instance the engine made: its memory for the figures below)
  exports = await initGlue();
  const initMs = performance.now();
  const r = analyze(article);
  const firstResultMs = performance.now();
  document.getElementById("status").textContent = `${r.attributions.length} attributions in ${firstResultMs.toFixed(1)} ms`;
  // where the time went (ms from navigation start)
  const nav = performance.getEntriesByType("navigation")[0];
  const entry = (name) => performance.getEntriesByType("resource").find((e) => e.name.endsWith(name));
  const res = Object.fromEntries(performance.getEntriesByType("resource").map((e) => [e.name.replace(location.origin, ""), +e.responseEnd.toFixed(1)]));
  const wasmEntry = entry("/pkg/quotelens_bg.wasm");
  const r1 = (x) => +x.toFixed(1);
  const breakdown = {
    htmlResponseEnd: r1(nav.responseEnd),
    domContentLoaded: r1(nav.domContentLoadedEventEnd),
    moduleStart: r1(moduleStart),
    resourcesDone: res,
    // phases: page + glue loaded → wasm requested … received → compiled, instantiated and the
    // engine's first call made → first analysis
    wasmRequestStart: wasmEntry ? r1(wasmEntry.startTime) : null,
    wasmResponseEnd: wasmEntry ? r1(wasmEntry.responseEnd) : null,
    compileAfterResponseMs: wasmEntry ? r1(initMs - wasmEntry.responseEnd) : null,
    firstAnalyzeMs: r1(firstResultMs - initMs),
  };
  return { initMs, firstResultMs, breakdown };
})();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Fetches /data/<file>, warms up (≥ `warm` calls and ≥ `warmMs`), times `runs` full analyses
 * (result objects included). With `batch` > 1 each sample is the mean of that many back-to-back
 * calls: performance.now() is coarsened to 0.1 ms here, too coarse for one short analysis.
 */
window.bench = async (file, runs, warm = 3, batch = 1, warmMs = 1000) => {
  const text = await fetch(`/data/${file}`).then((r) => r.text());
  // at least `warm` calls and at least `warmMs` (V8 finishes optimising in the background)
  const t0 = performance.now();
  for (let i = 0; i < warm || performance.now() - t0 < warmMs; i++) analyze(text);
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    let r = null;
    for (let b = 0; b < batch; b++) r = analyze(text);
    ms.push((performance.now() - t) / batch);
    if (!r?.claims) throw new Error("no result");
  }
  return { ms: median(ms), samples: ms.map((x) => +x.toFixed(3)), wasmMemoryBytes: exports.memory.buffer.byteLength };
};
