// Entry of the offline single file (dist/quotelens.html): the build bundles
// this file with everything it imports into one classic script and defines
// QL_WASM_BASE64 and QL_SAMPLE. No worker (file:// cannot start one under the
// file's CSP): the engine runs in this thread.
/* global QL_WASM_BASE64, QL_SAMPLE */
import { createEngine } from "./lib/engine.js";
import { startApp } from "./app.js";

function decodeBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const engine = createEngine({ wasmBytes: decodeBase64(QL_WASM_BASE64) });
globalThis.quotelens = startApp({ engine, loadSample: () => QL_SAMPLE, mode: "offline file" });
