// Module worker: runs the engine off the main thread. Messages are tagged by `kind`:
//   in:  { kind: "analyze", id, text, options, wasmUrl? }
//   out: { kind: "progress", id, stage } | { kind: "result", id, analysis } | { kind: "error", id, code, message }

import { init, analyze, toEngineError } from "./engine.js";

self.onmessage = async (ev) => {
  const m = ev.data ?? {};
  if (m.kind !== "analyze") return;
  try {
    await init(m.wasmUrl);
    self.postMessage({ kind: "progress", id: m.id, stage: "analysing" });
    const analysis = analyze(m.text, m.options);
    self.postMessage({ kind: "progress", id: m.id, stage: "transferring" });
    self.postMessage({ kind: "result", id: m.id, analysis });
  } catch (e) {
    const err = toEngineError(e);
    self.postMessage({ kind: "error", id: m.id, code: err.code, message: err.detail });
  }
};
