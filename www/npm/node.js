// quotelens for Node (exports["."].node): init() without arguments reads the
// packaged .wasm from disk (fetch cannot load file: URLs in Node).
import { readFile } from "node:fs/promises";
import baseInit from "./quotelens.js";

export { initSync, analyze, version } from "./quotelens.js";

/** Loads the engine once. `input` as in the browser entry; a file: URL or no argument reads the file. */
export default async function init(input) {
  const isFileUrl = (u) => (u instanceof URL && u.protocol === "file:") || (typeof u === "string" && u.startsWith("file:"));
  if (input === undefined || isFileUrl(input)) input = await readFile(input === undefined ? new URL("./quotelens_bg.wasm", import.meta.url) : new URL(input));
  return baseInit(input);
}
