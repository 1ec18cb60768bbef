// The npm package (dist/npm): packed with `npm pack`, installed offline into a
// temporary project, and used from Node as DESIGN.md §3.4 says:
//   import init, { initSync, analyze, version } from "quotelens"
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { ROOT, SEED } from "./helpers.mjs";

const PKG = path.join(ROOT, "dist/npm");
let tmp;
let project;

before(() => {
  assert.ok(fs.existsSync(path.join(PKG, "package.json")), "dist/npm is built (./build.sh)");
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ql-npm-"));
  const tgz = execFileSync("npm", ["pack", PKG, "--pack-destination", tmp, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
  project = path.join(tmp, "app");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", path.join(tmp, tgz)], { cwd: project, stdio: "pipe" });
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs an ES module in the temporary project; returns its JSON output. */
function run(code) {
  const file = path.join(project, `t-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(file, code);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: "utf8" }));
}

test("package.json: ESM, exports with types/node/import/default, wasm subpath, files, sideEffects", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8"));
  assert.equal(pkg.name, "quotelens");
  assert.equal(pkg.type, "module");
  const dot = pkg.exports["."];
  assert.equal(Object.keys(dot)[0], "types", "types first");
  for (const c of ["types", "node", "import", "default"]) assert.ok(dot[c], `exports["."].${c}`);
  assert.equal(pkg.exports["./quotelens_bg.wasm"], "./quotelens_bg.wasm");
  assert.ok(Array.isArray(pkg.sideEffects) && pkg.sideEffects.includes("./glue.js"), "sideEffects lists the glue (not a blanket false)");
  for (const f of pkg.files) assert.ok(fs.existsSync(path.join(PKG, f)), `files: ${f}`);
  const dts = fs.readFileSync(path.join(PKG, "quotelens.d.ts"), "utf8");
  for (const name of ["export default function init", "export function initSync", "export function analyze", "export function version", "Analysis"]) assert.ok(dts.includes(name), name);
});

test("installed from the tarball: init() in Node, then a synchronous analyze() of the seed", () => {
  const seed = fs.readFileSync(SEED, "utf8");
  const out = run(`
    import init, { analyze, version } from "quotelens";
    import fs from "node:fs";
    const text = fs.readFileSync(${JSON.stringify(SEED)}, "utf8");
    let before = null;
    try { analyze(text); } catch (e) { before = e.message; }
    await init();
    await init(); // idempotent
    const a = analyze(text);
    const sessions = a.entities.findIndex((e) => e.name === "Jeff Sessions");
    let tooLarge = null;
    try { analyze(text, { maxBytes: 100 }); } catch (e) { tooLarge = { isError: e instanceof Error, message: e.message }; }
    console.log(JSON.stringify({
      before, version: version(), unit: a.unit,
      quotes: a.attributions.filter((x) => x.speaker === sessions).map((x) => x.content.map(([s, e]) => text.slice(s, e))),
      conflicts: a.conflicts.length, tooLarge, resolved: import.meta.resolve("quotelens"),
    }));
  `);
  assert.match(out.before, /^NOT_INITIALIZED: /);
  assert.match(out.version, /^\d+\.\d+\.\d+/);
  assert.equal(out.unit, "utf16");
  assert.ok(out.quotes.length >= 4, "Sessions' quotes");
  assert.ok(out.quotes.flat().some((q) => q.includes("I did not have communications with the Russians") || q.includes("I never met with any Russian officials")));
  for (const q of out.quotes.flat()) assert.ok(seed.includes(q));
  assert.ok(out.conflicts >= 1, "the sworn denial vs. the Post report");
  assert.deepEqual(out.tooLarge.isError, true);
  assert.match(out.tooLarge.message, /^INPUT_TOO_LARGE: /);
  assert.match(out.resolved, /node_modules\/quotelens\/node\.js$/, "Node resolves the node condition");
});

test("initSync with the wasm subpath export; the browser entry under the import condition", () => {
  const out = run(`
    import { createRequire } from "node:module";
    import fs from "node:fs";
    import { initSync, analyze } from "quotelens";
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("quotelens/quotelens_bg.wasm");
    initSync({ module: fs.readFileSync(wasmPath) });
    const a = analyze("“We are ready,” said Anna Smith. 😀 “Yes,” she added.");
    // the browser entry (import/default) takes bytes too
    const browser = await import(new URL("./node_modules/quotelens/quotelens.js", import.meta.url));
    await browser.default(fs.readFileSync(wasmPath));
    console.log(JSON.stringify({ n: a.attributions.length, speaker: a.entities[a.attributions[0].speaker]?.name, b: browser.analyze("“Hi,” he said.").attributions.length }));
  `);
  assert.equal(out.n, 1, "one attribution with two fragments");
  assert.equal(out.speaker, "Anna Smith");
  assert.equal(out.b, 1);
});
