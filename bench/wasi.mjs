// Runs a wasm32-wasip1 program (e.g. examples/mem_stages built for that target) under Node's
// WASI with the current directory and /tmp visible: node --no-warnings bench/wasi.mjs PROG.wasm ARGS…
import fs from "node:fs";
import v8 from "node:v8";
// Node 20's V8 hit a fatal error ("unreachable code" in the mark-compact collector's ephemeron
// pass) when a large program's memory grew during incremental marking (examples/mem_stages on
// 10 MB, from the claims stage on, at this commit and at earlier ones alike); without incremental
// marking it runs through. Only this tool's GC changes: the measured program is the same.
v8.setFlagsFromString("--no-incremental-marking");
import { WASI } from "node:wasi";
const [prog, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: "preview1", args: [prog, ...args], env: {}, preopens: { ".": ".", "/tmp": "/tmp" } });
const { instance } = await WebAssembly.instantiate(fs.readFileSync(prog), wasi.getImportObject());
wasi.start(instance);
