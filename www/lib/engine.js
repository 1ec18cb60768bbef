// The analysis engine: the ONLY importer of the wasm glue (../pkg/quotelens.js).
//
//   init(source?)        idempotent async init (source: URL, Response, bytes or Module)
//   compiledModule()     the WebAssembly.Module init compiled from a URL (or was given), else null:
//                        createEngine hands it to its worker (one compile, no second fetch)
//   initSync(bytes)      idempotent sync init (the offline single file: inline base64 wasm)
//   analyze(text, opts)  synchronous, in this thread; throws EngineError
//   createEngine(cfg)    async wrapper: short texts in-thread, long ones in a Web Worker
//                        with progress and cancel; falls back to in-thread when no worker;
//                        prewarm() readies the worker ahead of a long text
//   warmUpLong()         several analyses of a built-in article (warmup.js): tiers up the
//                        code a large analysis runs (the worker does it on prewarm)
//
// Errors carry a stable `code`: INPUT_TOO_LARGE, INVALID_OPTIONS (from the core),
// ENGINE_UNAVAILABLE (wasm blocked or missing), ENGINE_FAILED (the wasm trapped:
// that instance is unusable; createEngine's recover() moves on to a fresh worker,
// else reload), CANCELLED, INTERNAL.

import initWasm, { initSync as initWasmSync, analyze as wasmAnalyze, version as wasmVersion } from "../pkg/quotelens.js";
import { WARMUP_TEXT } from "./warmup.js";

export const ERROR_CODES = ["INPUT_TOO_LARGE", "INVALID_OPTIONS", "ENGINE_UNAVAILABLE", "ENGINE_FAILED", "CANCELLED", "INTERNAL"];

/** An engine error; `message` is "CODE: detail". */
export class EngineError extends Error {
  constructor(code, detail) {
    super(`${code}: ${detail}`);
    this.name = "EngineError";
    this.code = code;
    this.detail = detail;
  }
}

/** Any thrown value → EngineError (keeps the core's "CODE: …" prefix). */
export function toEngineError(e, fallback = "INTERNAL") {
  if (e instanceof EngineError) return e;
  const msg = String(e?.message ?? e);
  const m = /^([A-Z][A-Z_]+): ([\s\S]*)$/.exec(msg);
  if (m) return new EngineError(m[1], m[2]);
  if (typeof WebAssembly !== "undefined" && e instanceof WebAssembly.RuntimeError) {
    return new EngineError("ENGINE_FAILED", `the analysis engine stopped (${msg})`);
  }
  return new EngineError(fallback, msg);
}

let loading = null; // Promise while async init runs
let loaded = false;
let failed = null; // EngineError once the wasm has trapped
let compiled = null; // the WebAssembly.Module, when this file compiled it (or was given one)

function unavailable(e) {
  const msg = String(e?.message ?? e);
  const csp = /Content Security Policy|unsafe-eval|CompileError|not allowed/i.test(msg);
  return new EngineError(
    "ENGINE_UNAVAILABLE",
    csp ? `WebAssembly is blocked here (add 'wasm-unsafe-eval' to script-src): ${msg}` : `could not load the analysis engine: ${msg}`,
  );
}

/**
 * The engine's first call, right after it is instantiated: V8 compiles a wasm function on its first
 * call, so a made-up text that reaches most of the pipeline (both quote styles, "said that" and a
 * quotation before its cue, a pronoun, a denial, a refutation, figures) moves that work ahead of
 * the reader's text. Its
 * cost is that of a one-line text, and the first real analysis then takes ≈ 5–8 ms instead of
 * ≈ 17–18 (Chromium, 5 KB article, cold: BENCHMARKS.md, "Eighth round").
 */
export const FIRST_CALL_TEXT =
  "Senator Jane Roe said on Monday that the plan “will not work,” according to a statement. Her office later denied it. 'It is false,' an aide said. The committee said 40 percent of members backed the plan; Roe said 70 percent did.";

function warmUp() {
  try {
    wasmAnalyze(FIRST_CALL_TEXT, undefined);
  } catch {
    /* a warm-up failure shows up again on the real call */
  }
}

/**
 * A URL → a compiled module (streaming when the server sends application/wasm); keeps the module
 * so that a worker can instantiate it without fetching and compiling again.
 */
async function compileUrl(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`failed to fetch ${url}: HTTP ${res.status}`);
  if (typeof WebAssembly.compileStreaming === "function" && /^application\/wasm\b/.test(res.headers.get("content-type") ?? "")) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

async function load(source) {
  if (typeof source === "string" || source instanceof URL) source = await compileUrl(source);
  if (source instanceof WebAssembly.Module) compiled = source;
  return initWasm(source === undefined ? undefined : { module_or_path: source });
}

/** Loads the wasm once; later calls return the same promise. */
export function init(source) {
  if (loaded) return Promise.resolve();
  loading ??= load(source).then(
    () => {
      loaded = true;
      warmUp();
    },
    (e) => {
      loading = null;
      throw unavailable(e);
    },
  );
  return loading;
}

/** Synchronous init from wasm bytes or a compiled module (idempotent). */
export function initSync(bytesOrModule) {
  if (loaded) return;
  try {
    initWasmSync({ module: bytesOrModule });
  } catch (e) {
    throw unavailable(e);
  }
  loaded = true;
  warmUp();
}

/** The compiled module (see init), or null. */
export function compiledModule() {
  return compiled;
}

/**
 * Analyses a built-in ~2.3 KB news article `times` times (a few ms each once warm). V8 runs wasm
 * first in its baseline tier and compiles hot functions with its optimising tier in the background,
 * for *later* calls only: a large analysis that starts cold runs much of its time in baseline code
 * (measured in a worker in Chromium, 1 MB: 650–890 ms cold, ~316 ms when 10 warm-up runs came
 * ≥ 300 ms earlier, ~270 ms steady). Warming up right before the large call does not pay (the
 * optimising compiles are not done yet), so the page does it ahead of time (createEngine().prewarm()).
 */
export function warmUpLong(times = 10) {
  if (!loaded || failed) return;
  try {
    for (let i = 0; i < times; i++) wasmAnalyze(WARMUP_TEXT, undefined);
  } catch {
    /* a warm-up failure shows up again on the real call */
  }
}

/** True once init has completed. */
export function isReady() {
  return loaded;
}

/** The core's version. */
export function version() {
  return loaded ? wasmVersion() : null;
}

/** Analyses `text` in this thread (init first). Offsets are UTF-16 code units. */
export function analyze(text, options) {
  if (failed) throw failed;
  if (!loaded) throw new EngineError("ENGINE_UNAVAILABLE", "the engine is not initialised (call init first)");
  if (typeof text !== "string") throw new EngineError("INVALID_OPTIONS", "text must be a string");
  try {
    return wasmAnalyze(text, options);
  } catch (e) {
    const err = toEngineError(e);
    if (err.code === "ENGINE_FAILED") failed = err; // a trap leaves the instance unusable
    throw err;
  }
}

/**
 * An async engine for a UI.
 * @param {object} cfg
 * @param {URL|string} [cfg.wasmUrl]   where the .wasm lives (default: next to the glue)
 * @param {URL|string} [cfg.workerUrl] a same-origin module worker running ./worker.js; none = in-thread only
 * @param {Uint8Array} [cfg.wasmBytes] inline wasm (sync init, in-thread only)
 * @param {number} [cfg.workerThreshold] texts at least this long (UTF-16 units) go to the worker
 */
export function createEngine(cfg = {}) {
  const threshold = cfg.workerThreshold ?? 20000;
  let worker = null;
  let workerBroken = !cfg.workerUrl || typeof Worker === "undefined";
  let seq = 0;
  let warmed = null; // the worker that was asked to warm up
  const pending = new Map();

  const ensureInThread = async () => {
    if (cfg.wasmBytes) initSync(cfg.wasmBytes);
    else await init(cfg.wasmUrl);
  };

  const failAll = (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const startWorker = () => {
    if (worker || workerBroken) return worker;
    try {
      worker = new Worker(cfg.workerUrl, { type: "module", name: "quotelens-engine" });
    } catch {
      workerBroken = true;
      return null;
    }
    worker.onmessage = (ev) => {
      const m = ev.data ?? {};
      const p = pending.get(m.id);
      if (!p) return;
      if (m.kind === "progress") p.onProgress?.({ stage: m.stage });
      else if (m.kind === "part") ((p.parts ??= new Map()).get(m.key) ?? p.parts.set(m.key, []).get(m.key)).push(m.items);
      else if (m.kind === "result") {
        pending.delete(m.id);
        for (const [key, pieces] of p.parts ?? []) m.analysis[key] = [].concat(...pieces);
        p.resolve(m.analysis);
      } else if (m.kind === "error") {
        pending.delete(m.id);
        p.reject(new EngineError(m.code, m.message));
        if (m.code === "ENGINE_FAILED") {
          // The worker's wasm trapped and stays unusable: drop it; the next long text starts a fresh one.
          worker?.terminate();
          worker = null;
          failAll(new EngineError("ENGINE_FAILED", m.message));
        }
      }
    };
    worker.onerror = (ev) => {
      // A worker that cannot start (CSP, file://): use the main thread from now on.
      ev.preventDefault?.();
      worker?.terminate();
      worker = null;
      workerBroken = true;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.retryInThread();
      }
    };
    return worker;
  };

  // Every message carries what the worker needs to start: the compiled module when this thread
  // has one (shared compiled code, no second fetch), else the wasm URL.
  const post = (msg) => {
    const wasmUrl = cfg.wasmUrl ? String(cfg.wasmUrl) : undefined;
    const module = compiledModule();
    try {
      worker.postMessage({ ...msg, wasmUrl, module: module ?? undefined });
    } catch {
      worker.postMessage({ ...msg, wasmUrl }); // a module that cannot be cloned to this worker
    }
  };

  const runInThread = async (text, options, onProgress) => {
    onProgress?.({ stage: "loading" });
    await ensureInThread();
    onProgress?.({ stage: "analysing" });
    // Let the status paint before the (synchronous) call.
    await new Promise((r) => setTimeout(r, 0));
    return analyze(text, options);
  };

  return {
    /** Loads the in-thread engine now (e.g. on page load). */
    ready: () => ensureInThread(),
    /**
     * A long text is on its way (pasted, typed, dropped): start the worker and let it warm up
     * now, so that the analysis runs optimised code. Idempotent per worker; no-op without one.
     */
    prewarm() {
      if (warmed === worker && worker) return;
      if (!startWorker()) return;
      warmed = worker;
      post({ kind: "warm" });
    },
    version,
    /** Texts at least this long (UTF-16 units) go to the worker. */
    workerThreshold: threshold,
    /** True when long texts will run off the main thread. */
    get usesWorker() {
      return !workerBroken;
    },
    /**
     * After ENGINE_FAILED: drops the worker (the next one gets a fresh wasm instance).
     * True when analyses can run again without a reload: a worker can start, or the
     * in-thread instance has not trapped.
     */
    recover() {
      worker?.terminate();
      worker = null;
      failAll(new EngineError("CANCELLED", "engine restarted"));
      return !workerBroken || !failed;
    },
    /**
     * Analyses `text`. opts: { options, signal (AbortSignal), onProgress({stage}) }.
     * Rejects with EngineError (CANCELLED when aborted).
     */
    analyze(text, { options, signal, onProgress } = {}) {
      if (signal?.aborted) return Promise.reject(new EngineError("CANCELLED", "cancelled"));
      // Once the in-thread instance has trapped, short texts go to a worker too (a fresh instance).
      if ((text.length < threshold && !failed) || !startWorker()) return runInThread(text, options, onProgress);
      return new Promise((resolve, reject) => {
        const id = ++seq;
        const entry = {
          resolve,
          reject,
          onProgress,
          retryInThread: () => runInThread(text, options, onProgress).then(resolve, reject),
        };
        pending.set(id, entry);
        signal?.addEventListener(
          "abort",
          () => {
            if (!pending.has(id)) return;
            // Terminating is the only way to stop a running wasm call.
            worker?.terminate();
            worker = null;
            failAll(new EngineError("CANCELLED", "cancelled"));
          },
          { once: true },
        );
        onProgress?.({ stage: "loading" });
        post({ kind: "analyze", id, text, options });
      });
    },
    /** Stops the worker (if any). */
    dispose() {
      worker?.terminate();
      worker = null;
      failAll(new EngineError("CANCELLED", "engine disposed"));
    },
  };
}
