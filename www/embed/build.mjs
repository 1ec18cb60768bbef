// Builds the embed: node www/embed/build.mjs WASM_PKG OUT_DIR
//   OUT_DIR/quote-lens.js          the module (element + guarded define + engine glue), one file
//   OUT_DIR/quote-lens-worker.js   the same-origin module worker
//   OUT_DIR/quotelens_bg.wasm      the engine
// All three are found relative to import.meta.url: copy the folder anywhere.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "../build/bundle.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error("usage: node www/embed/build.mjs WASM_PKG OUT_DIR");
  process.exit(2);
}
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
await bundle({ entry: path.join(HERE, "quote-lens.js"), out: path.join(outDir, "quote-lens.js"), format: "esm", pkgDir, minify: true });
await bundle({ entry: path.join(HERE, "../lib/worker.js"), out: path.join(outDir, "quote-lens-worker.js"), format: "esm", pkgDir, minify: true });
fs.copyFileSync(path.join(pkgDir, "quotelens_bg.wasm"), path.join(outDir, "quotelens_bg.wasm"));
fs.writeFileSync(
  path.join(outDir, "README.md"),
  `# QuoteLens embed\n\nServe this folder as /quotelens/ and add to a page:\n\n` +
    "```html\n<script type=\"module\" src=\"/quotelens/quote-lens.js\"></script>\n<quote-lens for=\"#post-body\"></quote-lens>\n```\n\n" +
    "Your Content-Security-Policy needs `script-src 'self' 'wasm-unsafe-eval'` (and `worker-src 'self'` if you restrict workers).\n",
);
