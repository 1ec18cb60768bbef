// Builds the npm package: node www/npm/build.mjs WASM_PKG OUT_DIR VERSION
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [pkgDir, outDir, version] = process.argv.slice(2);
if (!pkgDir || !outDir || !version) {
  console.error("usage: node www/npm/build.mjs WASM_PKG OUT_DIR VERSION");
  process.exit(2);
}
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const copy = (from, to = path.basename(from)) => fs.copyFileSync(from, path.join(outDir, to));
copy(path.join(pkgDir, "quotelens.js"), "glue.js");
copy(path.join(pkgDir, "quotelens.d.ts"), "glue.d.ts");
copy(path.join(pkgDir, "quotelens_bg.wasm"));
for (const f of ["quotelens.js", "node.js", "quotelens.d.ts", "README.md"]) copy(path.join(HERE, f));
for (const f of ["LICENSE", "LICENSE-MIT", "LICENSE-APACHE"]) {
  const p = path.join(HERE, "../..", f);
  if (fs.existsSync(p)) copy(p);
}

const pkg = {
  name: "quotelens",
  version,
  description: "Find quotes, speakers, claims and conflicts in a news article — a Rust engine compiled to WebAssembly; runs locally.",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./node.js",
  module: "./quotelens.js",
  types: "./quotelens.d.ts",
  exports: {
    ".": {
      types: "./quotelens.d.ts",
      node: "./node.js",
      import: "./quotelens.js",
      default: "./quotelens.js",
    },
    "./quotelens_bg.wasm": "./quotelens_bg.wasm",
    "./package.json": "./package.json",
  },
  files: ["quotelens.js", "node.js", "glue.js", "glue.d.ts", "quotelens.d.ts", "quotelens_bg.wasm", "README.md"],
  // the wasm-bindgen glue keeps module state and runs code at load: never drop it
  sideEffects: ["./glue.js"],
  keywords: ["quotes", "attribution", "news", "nlp", "wasm", "fact-checking"],
  engines: { node: ">=18" },
};
fs.writeFileSync(path.join(outDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
