// Module worker: runs the engine off the main thread. Messages are tagged by `kind`:
//   in:  { kind: "analyze", id, text, options, wasmUrl?, module? }
//        | { kind: "warm", wasmUrl?, module? }   (load and warm up ahead of a long text; no reply)
//          module: a compiled WebAssembly.Module from the page (no second fetch and compile)
//   out: { kind: "progress", id, stage } | { kind: "part", id, key, items } | { kind: "result", id, analysis }
//        | { kind: "error", id, code, message }
// A large result is sent in pieces: every long array of the analysis goes ahead in "part" messages
// of PART_ITEMS items (appended in order to analysis[key], which is empty in "result"), so that the
// page decodes it in many short tasks instead of one long one.

import { init, analyze, toEngineError, warmUpLong } from "./engine.js";

const PART_ITEMS = 5000;

self.onmessage = async (ev) => {
  const m = ev.data ?? {};
  if (m.kind === "warm") {
    // errors surface on the next "analyze"
    await init(m.module ?? m.wasmUrl).then(() => warmUpLong(), () => {});
    return;
  }
  if (m.kind !== "analyze") return;
  try {
    await init(m.module ?? m.wasmUrl);
    self.postMessage({ kind: "progress", id: m.id, stage: "analysing" });
    const analysis = analyze(m.text, m.options);
    self.postMessage({ kind: "progress", id: m.id, stage: "transferring" });
    for (const [key, value] of Object.entries(analysis)) {
      if (!Array.isArray(value) || value.length <= PART_ITEMS) continue;
      for (let i = 0; i < value.length; i += PART_ITEMS) self.postMessage({ kind: "part", id: m.id, key, items: value.slice(i, i + PART_ITEMS) });
      analysis[key] = [];
    }
    self.postMessage({ kind: "result", id: m.id, analysis });
  } catch (e) {
    const err = toEngineError(e);
    self.postMessage({ kind: "error", id: m.id, code: err.code, message: err.detail });
  }
};
