// quotelens — find quotes, speakers, claims and conflicts in a news article.
// Browser / bundler entry (exports["."].import and .default). DESIGN.md §3.4:
//
//   import init, { initSync, analyze, version } from "quotelens";
//   await init();                 // or initSync({ module: bytes })
//   const analysis = analyze(text, { detail: false });   // synchronous, UTF-16 offsets
//
// Errors are Error objects whose message starts with a stable code
// ("INPUT_TOO_LARGE: …", "INVALID_OPTIONS: …", "NOT_INITIALIZED: …").
import glueInit, { initSync as glueInitSync, analyze as glueAnalyze, version as glueVersion } from "./glue.js";

let ready = false;
let pending = null;

/**
 * Loads the engine once (later calls return the same promise).
 * `input`: a URL, Response, bytes or WebAssembly.Module; default: quotelens_bg.wasm next to this file.
 */
export default function init(input) {
  if (ready) return Promise.resolve();
  pending ??= glueInit(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      ready = true;
    },
    (e) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}

/** Synchronous init from wasm bytes or a compiled module: initSync({ module }) or initSync(bytes). */
export function initSync(arg) {
  if (ready) return;
  const module = arg && typeof arg === "object" && "module" in arg ? arg.module : arg;
  glueInitSync({ module });
  ready = true;
}

/** Analyses `text` (after init); every offset is in UTF-16 code units of `text`. */
export function analyze(text, options) {
  if (!ready) throw new Error("NOT_INITIALIZED: call init() or initSync() before analyze()");
  try {
    return glueAnalyze(text, options);
  } catch (e) {
    throw e instanceof Error ? e : new Error(String(e));
  }
}

/** The engine's version (null before init). */
export function version() {
  return ready ? glueVersion() : null;
}
