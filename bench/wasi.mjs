// Runs a wasm32-wasip1 program (e.g. examples/mem_stages built for that target) under Node's
// WASI with the current directory and /tmp visible: node --no-warnings bench/wasi.mjs PROG.wasm ARGS…
import fs from "node:fs";
import { WASI } from "node:wasi";
const [prog, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: "preview1", args: [prog, ...args], env: {}, preopens: { ".": ".", "/tmp": "/tmp" } });
const { instance } = await WebAssembly.instantiate(fs.readFileSync(prog), wasi.getImportObject());
wasi.start(instance);
