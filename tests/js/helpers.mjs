// Shared helpers for the Node tests: load the OPTIMISED wasm artifact
// (target/wasm-pkg, made by ./build.sh) and the native CLI.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PKG = path.join(ROOT, "target/wasm-pkg");
export const CLI = path.join(ROOT, "target/release/quotelens");
export const SEED = path.join(ROOT, "www/site/sample/sessions.txt");

/** The wasm glue module, initialised synchronously from the optimised .wasm. */
export async function loadWasm() {
  const glue = await import(path.join(PKG, "quotelens.js"));
  glue.initSync({ module: fs.readFileSync(path.join(PKG, "quotelens_bg.wasm")) });
  return glue;
}

/** `quotelens analyze FILE` (utf8 offsets). */
export function cliAnalyze(file) {
  return JSON.parse(execFileSync(CLI, ["analyze", file], { encoding: "utf8", maxBuffer: 1 << 28 }));
}

/** A function mapping UTF-8 byte offsets of `text` to UTF-16 code units. */
export function utf8ToUtf16(text) {
  const table = new Map();
  let b = 0;
  let u = 0;
  table.set(0, 0);
  for (const ch of text) {
    b += Buffer.byteLength(ch, "utf8");
    u += ch.length;
    table.set(b, u);
  }
  return (off) => {
    const v = table.get(off);
    if (v === undefined) throw new Error(`byte offset ${off} is not on a char boundary`);
    return v;
  };
}

const SPAN_KEYS = new Set(["span", "inner", "cue", "source_span"]);
const SPAN_LIST_KEYS = new Set(["content", "time", "quantities", "paragraphs", "sentences"]);

/** Converts every span of a CLI analysis (utf8) to UTF-16 with `conv`. */
export function convertAnalysis(value, conv, key = null) {
  if (Array.isArray(value)) {
    if (SPAN_KEYS.has(key)) return value.map(conv);
    if (SPAN_LIST_KEYS.has(key)) return value.map((s) => s.map(conv));
    return value.map((v) => convertAnalysis(v, conv));
  }
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = v === null ? null : convertAnalysis(v, conv, k);
    return out;
  }
  return value;
}
