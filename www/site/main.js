// Entry of the served page: the engine runs long texts in a same-origin module
// worker (in-thread for short ones); the sample is fetched from this origin.
// wasmUrl: the engine compiles the wasm itself and hands the compiled module to the worker
// (one compile, no second fetch).
import { createEngine } from "./lib/engine.js";
import { startApp } from "./app.js";
const engine = createEngine({
  workerUrl: new URL("./lib/worker.js", import.meta.url),
  wasmUrl: new URL("./pkg/quotelens_bg.wasm", import.meta.url),
});
const loadSample = async () => {
  const res = await fetch(new URL("./sample/sessions.txt", import.meta.url));
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
};
globalThis.quotelens = startApp({ engine, loadSample });
