// Inlines wasm-bindgen's JS snippets (src/tape.js, imported by the Rust `analyze` through
// `#[wasm_bindgen(module = ...)]`) into the glue, so the package stays two files —
// quotelens.js + quotelens_bg.wasm — for the site, the single-file page, the extension, the
// embed and the npm package alike.   node www/build/inline-snippets.mjs WASM_PKG
import fs from "node:fs";
import path from "node:path";

const pkg = process.argv[2];
if (!pkg) {
  console.error("usage: node www/build/inline-snippets.mjs WASM_PKG");
  process.exit(2);
}
const gluePath = path.join(pkg, "quotelens.js");
let glue = fs.readFileSync(gluePath, "utf8");
const importRe = /^import \{ ([\w, ]+) \} from '\.\/(snippets\/[^']+\.js)';\n/gm;
let inlined = 0;
glue = glue.replace(importRe, (_, names, rel) => {
  const src = fs.readFileSync(path.join(pkg, rel), "utf8");
  if (/^\s*import\s/m.test(src)) throw new Error(`${rel}: a snippet with imports of its own cannot be inlined`);
  for (const name of names.split(",").map((n) => n.trim())) {
    if (!new RegExp(`^export function ${name}\\(`, "m").test(src)) throw new Error(`${rel}: no 'export function ${name}(' to inline`);
  }
  inlined++;
  return `// ---- inlined from ${rel.replace(/^snippets\/[^/]+\//, "")} (www/build/inline-snippets.mjs)\n${src.replace(/^export function /gm, "function ")}// ----\n`;
});
if (/from '\.\/snippets\//.test(glue)) throw new Error("quotelens.js: a snippet import was left (unexpected form)");
fs.writeFileSync(gluePath, glue);
fs.rmSync(path.join(pkg, "snippets"), { recursive: true, force: true });
console.log(`inline-snippets: ${inlined} snippet(s) inlined into ${gluePath}`);
