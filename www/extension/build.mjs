// Builds the browser extensions: node www/extension/build.mjs WASM_PKG OUT_DIR VERSION
//   OUT_DIR/extension-chrome/  (+ .zip)  module service worker
//   OUT_DIR/extension-firefox/ (+ .zip)  event page (background.scripts), gecko settings
// The background and content scripts are bundled with esbuild from www/lib and
// www/extension (no remote code; the wasm is a packaged file).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { bundle } from "../build/bundle.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [pkgDir, outDir, version] = process.argv.slice(2);
if (!pkgDir || !outDir || !version) {
  console.error("usage: node www/extension/build.mjs WASM_PKG OUT_DIR VERSION");
  process.exit(2);
}

const base = JSON.parse(fs.readFileSync(path.join(HERE, "manifest.json"), "utf8"));
base.version = version;

const firefox = structuredClone(base);
delete firefox.minimum_chrome_version;
firefox.background = { scripts: ["background.js"], type: "module" };
firefox.browser_specific_settings = {
  gecko: {
    id: "quotelens@quotelens.invalid",
    strict_min_version: "140.0",
    data_collection_permissions: { required: ["none"] },
  },
  gecko_android: { strict_min_version: "142.0" },
};

async function build(name, manifest) {
  const dir = path.join(outDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "icons"), { recursive: true });
  await bundle({ entry: path.join(HERE, "background.js"), out: path.join(dir, "background.js"), format: "esm", pkgDir });
  await bundle({ entry: path.join(HERE, "content.js"), out: path.join(dir, "content.js"), format: "iife", pkgDir });
  fs.copyFileSync(path.join(pkgDir, "quotelens_bg.wasm"), path.join(dir, "quotelens_bg.wasm"));
  for (const f of fs.readdirSync(path.join(HERE, "icons"))) {
    if (f.endsWith(".png")) fs.copyFileSync(path.join(HERE, "icons", f), path.join(dir, "icons", f));
  }
  for (const f of ["PRIVACY.md"]) fs.copyFileSync(path.join(HERE, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  const zip = path.resolve(outDir, `${name}.zip`);
  fs.rmSync(zip, { force: true });
  // -X: no extra attributes; fixed order (sorted) for reproducible archives
  const files = listFiles(dir).sort();
  execFileSync("zip", ["-q", "-X", zip, ...files], { cwd: dir });
}

function listFiles(dir, prefix = "") {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)],
  );
}

await build("extension-chrome", base);
await build("extension-firefox", firefox);
