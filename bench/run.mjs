// The performance comparison (EVALUATION.md §3): `./build.sh bench` runs this after building the
// optimised wasm (target/wasm-pkg) and the native CLI (target/release/quotelens).
//
//   node bench/run.mjs [--quick] [--no-browser] [--out FILE]
//
// One run, one machine, the same text for every system; medians after a warm-up. Prints a table and
// writes JSON (default target/bench/latest.json). Timing goals are reported here, never asserted in tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import zlib from "node:zlib";
import { spawnSync, execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = process.env.QUOTELENS_SHARED ?? path.join(ROOT, "..", "shared");
const PKG = path.join(ROOT, "target/wasm-pkg");
const CLI = path.join(ROOT, "target/release/quotelens");
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);

// ------------------------------------------------------------------ memory child (one analysis, then exit)
if (flag("--mem-child")) {
  const file = opt("--mem-child");
  const glue = await import(path.join(PKG, "quotelens.js"));
  const exports = glue.initSync({ module: fs.readFileSync(path.join(PKG, "quotelens_bg.wasm")) });
  glue.analyze("“Ready,” she said.");
  const text = fs.readFileSync(file, "utf8");
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  const mem0 = exports.memory.buffer.byteLength;
  const r = glue.analyze(text);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  // what the result's JS objects themselves take (garbage collected first)
  globalThis.gc?.();
  const resultHeap = process.memoryUsage().heapUsed - heap0;
  const wasmAfter = exports.memory.buffer.byteLength;
  // a second analysis in the same instance: the linear memory must not keep growing (allocation
  // layout left by the first one)
  glue.analyze(text);
  process.stdout.write(
    JSON.stringify({ rssBefore: rss0, maxRss, wasmBefore: mem0, wasmAfter, wasmAfterSecond: exports.memory.buffer.byteLength, resultHeap, claims: r.claims.length }),
  );
  process.exit(0);
}

// ------------------------------------------------------------------ first-call child (a fresh instance)
// What a reader's first analysis costs: V8 compiles each wasm function on its first call (Liftoff,
// on the main thread) and optimises hot ones in the background (TurboFan), whose code only later
// calls use. One analysis of FILE on a fresh instance, then a second one; printed as JSON.
if (flag("--first-child")) {
  const file = opt("--first-child");
  const glue = await import(path.join(PKG, "quotelens.js"));
  glue.initSync({ module: fs.readFileSync(path.join(PKG, "quotelens_bg.wasm")) });
  const text = fs.readFileSync(file, "utf8");
  const t0 = performance.now();
  glue.analyze(text);
  const t1 = performance.now();
  glue.analyze(text);
  process.stdout.write(JSON.stringify({ firstMs: t1 - t0, secondMs: performance.now() - t1 }));
  process.exit(0);
}

const QUICK = flag("--quick");
const RUNS = QUICK ? 3 : 7; // ≥ 5 after a warm-up
const OUT = opt("--out", path.join(ROOT, "target/bench/latest.json"));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// Warm-up: at least three calls and at least one second. V8 optimises a hot wasm or JS
// function in the background and uses the optimised code only from a later call on: with one
// warm-up call the first timed runs of a large input were 1.5-2x slower than the rest, and
// with three calls of the 411 K corpus (≈ 35 ms each) on a fresh page the timed runs still
// got faster one after the other (47, 43, 41 ms in Chromium; samples in
// target/bench/latest.json).
const WARM = 3;
const WARM_MS = 1000;

/** Warm-up, then `runs` timed calls; returns the median in ms (and all samples). */
function time(fn, runs = RUNS, warm = WARM) {
  const t0 = performance.now();
  for (let i = 0; i < warm || performance.now() - t0 < WARM_MS; i++) fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), samples: ms.map((x) => +x.toFixed(3)) };
}
const log = (...a) => console.error("bench:", ...a);

// ------------------------------------------------------------------ corpus
function loadCorpus() {
  const dev = path.join(SHARED, "polnear/dev.jsonl");
  if (fs.existsSync(dev)) {
    const docs = fs
      .readFileSync(dev, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
    const text = docs.map((d) => d.text).join("\n\n");
    // the ~5 KB article: the dev text closest to 5,000 chars
    const art = [...docs].sort((a, b) => Math.abs(a.text.length - 5000) - Math.abs(b.text.length - 5000))[0];
    return { name: `polnear dev.jsonl (${docs.length} texts)`, text, article: art.text, articleName: art.id };
  }
  const seedFile = [path.join(ROOT, "www/site/sample/sessions.txt"), path.join(ROOT, "tests/golden/attribution/sessions.txt")].find(
    fs.existsSync,
  );
  const seed = fs.readFileSync(seedFile, "utf8").trim();
  let text = "";
  while (text.length < 400_000) text += seed + "\n\n";
  let article = "";
  while (article.length < 5000) article += seed + "\n\n";
  return { name: `seed article repeated (${path.relative(ROOT, seedFile)})`, text, article, articleName: "seed ×2" };
}

/** `n` chars of `base` repeated, cut at a paragraph break where possible. */
function scaled(base, n) {
  let s = "";
  while (s.length < n) s += base + "\n\n";
  s = s.slice(0, n);
  const cut = s.lastIndexOf("\n\n");
  return cut > n * 0.9 ? s.slice(0, cut) : s;
}

const corpus = loadCorpus();
const SIZES = [
  ["100 KB", 100_000],
  ["1 MB", 1_000_000],
  ["10 MB", 10_000_000],
];
const inputs = Object.fromEntries(SIZES.map(([k, n]) => [k, scaled(corpus.text, n)]));
const TMP = path.join(ROOT, "target/bench/tmp");
fs.mkdirSync(TMP, { recursive: true });
const files = { corpus: path.join(TMP, "corpus.txt"), article: path.join(TMP, "article.txt") };
fs.writeFileSync(files.corpus, corpus.text);
fs.writeFileSync(files.article, corpus.article);
for (const [k, t] of Object.entries(inputs)) fs.writeFileSync((files[k] = path.join(TMP, `scale-${k.replace(" ", "")}.txt`)), t);
log(`corpus: ${corpus.name}: ${corpus.text.length} chars; article ${corpus.articleName}: ${corpus.article.length} chars`);

const result = {
  date: new Date().toISOString(),
  machine: machine(),
  command: "./build.sh bench" + (argv.length ? " " + argv.join(" ") : ""),
  commit: commit(),
  corpus: { name: corpus.name, chars: corpus.text.length, bytes: Buffer.byteLength(corpus.text), article: corpus.articleName, articleChars: corpus.article.length },
  runs: RUNS,
  quotelens: {},
  peers: {},
  sizes: {},
};

function commit() {
  if (process.env.QUOTELENS_COMMIT) return process.env.QUOTELENS_COMMIT;
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return head + (dirty ? " (working tree has uncommitted changes)" : "");
  } catch {
    return null;
  }
}

function machine() {
  const cpu = fs.existsSync("/proc/cpuinfo") ? (/model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "?") : os.cpus()[0]?.model;
  let chromium = null;
  try {
    chromium = execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {}
  return { nproc: os.cpus().length, cpu, loadavg: os.loadavg().map((x) => +x.toFixed(2)), node: process.version, chromium, os: `${os.type()} ${os.release()}` };
}

const perMb = (ms, chars) => ms / (chars / 1e6);
const cps = (ms, chars) => chars / (ms / 1000);

// ------------------------------------------------------------------ QuoteLens wasm in Node
async function benchNodeWasm() {
  log("QuoteLens wasm in Node");
  const glue = await import(path.join(PKG, "quotelens.js"));
  const t0 = performance.now();
  const exports = glue.initSync({ module: fs.readFileSync(path.join(PKG, "quotelens_bg.wasm")) });
  glue.analyze(corpus.article); // first call: pattern compilation
  const coldMs = performance.now() - t0;
  const full = time(() => glue.analyze(corpus.text));
  const art = time(() => glue.analyze(corpus.article), QUICK ? 21 : 101, 20);
  // hand-over alone: the same analysis with detail (more output) vs default, for reference
  const out = {
    corpus: { ms: full.ms, charsPerSec: cps(full.ms, corpus.text.length), samples: full.samples },
    article: { ms: art.ms },
    initPlusFirstMs: coldMs,
    scaling: {},
  };
  for (const [k] of SIZES) {
    const t = time(() => glue.analyze(inputs[k]), k === "10 MB" && QUICK ? 1 : k === "10 MB" ? 5 : RUNS);
    out.scaling[k] = { chars: inputs[k].length, ms: t.ms, msPerMB: perMb(t.ms, inputs[k].length), samples: t.samples };
    log(`  node wasm ${k}: ${t.ms.toFixed(1)} ms`);
  }
  out.wasmMemoryBytes = exports.memory.buffer.byteLength;
  // peak memory of one 10 MB analysis, in a fresh process
  const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--mem-child", files["10 MB"]], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status === 0) {
    const m = JSON.parse(child.stdout);
    const input = Buffer.byteLength(inputs["10 MB"]);
    out.peakMemory10MB = {
      inputBytes: input,
      wasmLinearBytes: m.wasmAfter,
      wasmLinearAfterSecondBytes: m.wasmAfterSecond,
      rssGrowthBytes: m.maxRss - m.rssBefore,
      resultHeapBytes: m.resultHeap,
      wasmRatio: m.wasmAfter / input,
      rssRatio: (m.maxRss - m.rssBefore) / input,
    };
  } else log("memory child failed:", child.stderr.slice(0, 500));
  // the first analysis on a fresh instance, by default and with V8's optimising tier off (the
  // difference is the background TurboFan compilation competing for the cores): medians of 3
  // fresh processes each, the 5 KB article and the 1 MB input
  const first = (file, flags) => {
    const xs = [];
    for (let i = 0; i < 3; i++) {
      const c = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), "--first-child", file], { encoding: "utf8" });
      if (c.status !== 0) return null;
      xs.push(JSON.parse(c.stdout));
    }
    return { firstMs: median(xs.map((x) => x.firstMs)), secondMs: median(xs.map((x) => x.secondMs)), samples: xs.map((x) => +x.firstMs.toFixed(1)) };
  };
  out.firstCall = {};
  for (const [k, file] of [["5 KB", files.article], ["1 MB", files["1 MB"]]]) {
    out.firstCall[k] = { default: first(file, []), liftoffOnly: first(file, ["--liftoff-only"]) };
    const f = out.firstCall[k];
    if (f.default && f.liftoffOnly) {
      log(`  node wasm first call, ${k} (fresh instance): ${f.default.firstMs.toFixed(1)} ms (then ${f.default.secondMs.toFixed(1)} ms); with TurboFan off ${f.liftoffOnly.firstMs.toFixed(1)} ms`);
    }
  }
  return out;
}

// ------------------------------------------------------------------ native CLI
function benchNative() {
  if (!fs.existsSync(CLI)) return null;
  log("QuoteLens native CLI");
  const devnull = fs.openSync("/dev/null", "w");
  const run = (file) => {
    const r = spawnSync(CLI, ["analyze", file], { stdio: ["ignore", devnull, "pipe"] });
    if (r.status !== 0) throw new Error(`quotelens analyze ${file}: ${r.stderr}`);
  };
  const full = time(() => run(files.corpus));
  const out = { corpus: { ms: full.ms, charsPerSec: cps(full.ms, corpus.text.length), samples: full.samples }, scaling: {} };
  // steady latency of one article: a batch of N copies, divided by N
  const N = 200;
  const jsonl = path.join(TMP, "article-batch.jsonl");
  fs.writeFileSync(jsonl, Array.from({ length: N }, (_, i) => JSON.stringify({ id: String(i), text: corpus.article })).join("\n") + "\n");
  const b = time(() => {
    const r = spawnSync(CLI, ["batch", "--format", "analysis", jsonl], { stdio: ["ignore", devnull, "pipe"] });
    if (r.status !== 0) throw new Error("batch failed");
  }, QUICK ? 3 : 5);
  out.article = { ms: b.ms / N, note: `batch of ${N} copies / ${N} (includes JSON output)` };
  for (const [k] of SIZES) {
    const t = time(() => run(files[k]), k === "10 MB" ? (QUICK ? 1 : 5) : RUNS);
    out.scaling[k] = { chars: inputs[k].length, ms: t.ms, msPerMB: perMb(t.ms, inputs[k].length), samples: t.samples };
  }
  // peak RSS of the 10 MB run (GNU time)
  if (fs.existsSync("/usr/bin/time")) {
    const r = spawnSync("/usr/bin/time", ["-f", "%M", CLI, "analyze", files["10 MB"]], { stdio: ["ignore", devnull, "pipe"], encoding: "utf8" });
    const kb = Number(r.stderr.trim().split("\n").pop());
    if (kb) out.peakMemory10MB = { inputBytes: Buffer.byteLength(inputs["10 MB"]), maxRssBytes: kb * 1024, ratio: (kb * 1024) / Buffer.byteLength(inputs["10 MB"]) };
  }
  fs.closeSync(devnull);
  return out;
}

// ------------------------------------------------------------------ peers in Node
function benchPeers() {
  const peers = {};
  log("wink-nlp + wink-eng-lite-web-model");
  const winkNLP = require("wink-nlp");
  const model = require("wink-eng-lite-web-model");
  const nlp = winkNLP(model);
  const its = nlp.its;
  const wink = (text) => {
    const doc = nlp.readDoc(text);
    return [doc.tokens().out(its.value).length, doc.sentences().out().length, doc.entities().out(its.detail).length];
  };
  const w = time(() => wink(corpus.text));
  const wa = time(() => wink(corpus.article), QUICK ? 11 : 31, 5);
  peers.wink = { what: "tokens, sentences, entities", corpus: { ms: w.ms, charsPerSec: cps(w.ms, corpus.text.length), samples: w.samples }, article: { ms: wa.ms }, counts: wink(corpus.text) };

  log("compromise .quotations()");
  const nlpC = require("compromise");
  const comp = (text) => nlpC(text).quotations().json().length;
  const c = time(() => comp(corpus.text), QUICK ? 3 : 5);
  const ca = time(() => comp(corpus.article), QUICK ? 5 : 21, 3);
  peers.compromise = { what: ".quotations().json()", corpus: { ms: c.ms, charsPerSec: cps(c.ms, corpus.text.length), samples: c.samples }, article: { ms: ca.ms }, quotations: comp(corpus.text) };
  return peers;
}

// ------------------------------------------------------------------ sizes
function sizeOf(bufs) {
  const buf = Buffer.concat(bufs.map((b) => (typeof b === "string" ? fs.readFileSync(b) : b)));
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
function bundle(entrySrc, name) {
  const esbuild = path.join(ROOT, "node_modules/.bin/esbuild");
  if (!fs.existsSync(esbuild)) return null;
  const entry = path.join(TMP, `${name}-entry.mjs`);
  const outFile = path.join(TMP, `${name}.bundle.js`);
  fs.writeFileSync(entry, entrySrc);
  const r = spawnSync(esbuild, [entry, "--bundle", "--minify", "--format=esm", "--platform=browser", `--outfile=${outFile}`, "--log-level=error"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    log(`esbuild ${name}: ${r.stderr.slice(0, 300)}`);
    return null;
  }
  return outFile;
}
function benchSizes() {
  const s = {};
  s.quotelens = { files: ["quotelens_bg.wasm", "quotelens.js"], ...sizeOf([path.join(PKG, "quotelens_bg.wasm"), path.join(PKG, "quotelens.js")]) };
  s.quotelens.wasm = sizeOf([path.join(PKG, "quotelens_bg.wasm")]);
  const comp = bundle(`import nlp from "compromise";\nglobalThis.nlp = nlp;\n`, "compromise");
  if (comp) s.compromise = { files: ["esbuild --bundle --minify of compromise"], ...sizeOf([comp]) };
  const wink = bundle(`import winkNLP from "wink-nlp";\nimport model from "wink-eng-lite-web-model";\nglobalThis.nlp = winkNLP(model);\n`, "wink");
  if (wink) s.wink = { files: ["esbuild --bundle --minify of wink-nlp + wink-eng-lite-web-model"], ...sizeOf([wink]) };
  return s;
}

// ------------------------------------------------------------------ Chromium (Playwright)
function serve() {
  const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8" };
  const allowed = { "/bench/": path.join(ROOT, "bench"), "/lib/": path.join(ROOT, "www", "lib"), "/pkg/": PKG, "/data/": TMP };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const prefix = Object.keys(allowed).find((p) => url.pathname.startsWith(p));
    const file = prefix && path.join(allowed[prefix], path.normalize(url.pathname.slice(prefix.length)));
    if (!file || !file.startsWith(allowed[prefix]) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function benchChromium() {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    log("playwright-core missing: skipping Chromium");
    return null;
  }
  if (!fs.existsSync("/usr/bin/chromium")) {
    log("/usr/bin/chromium missing: skipping Chromium");
    return null;
  }
  log("QuoteLens wasm in headless Chromium");
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const out = { scaling: {} };
  try {
    // cold start: a fresh context each time (no HTTP or code cache), navigation start → first
    // result; 9 samples (it varies most between runs: 97-115 ms in one run of 5)
    const colds = [];
    for (let i = 0; i < (QUICK ? 3 : 9); i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${base}/bench/page.html`);
      const c = await page.evaluate(() => window.coldStart);
      colds.push(c);
      await ctx.close();
    }
    out.coldStart = { ms: median(colds.map((c) => c.firstResultMs)), samples: colds.map((c) => +c.firstResultMs.toFixed(1)), initMs: median(colds.map((c) => c.initMs)), breakdown: colds.map((c) => c.breakdown) };
    // medians of the phases (ms): where the cold start goes
    const phase = (k) => median(colds.map((c) => c.breakdown[k] ?? NaN));
    out.coldStart.phases = { moduleStart: phase("moduleStart"), wasmRequestStart: phase("wasmRequestStart"), wasmResponseEnd: phase("wasmResponseEnd"), compileAfterResponseMs: phase("compileAfterResponseMs"), firstAnalyzeMs: phase("firstAnalyzeMs") };
    log(
      `  chromium cold start ${out.coldStart.ms.toFixed(1)} ms: page module running at ${phase("moduleStart")} ms, wasm requested at ${phase("wasmRequestStart")} ms, ` +
        `received at ${phase("wasmResponseEnd")} ms, compiled + instantiated + the engine's warm-up call ${phase("compileAfterResponseMs")} ms later, first analysis ${phase("firstAnalyzeMs")} ms (medians)`,
    );
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    page.on("console", (m) => m.type() === "error" && log("page:", m.text()));
    await page.goto(`${base}/bench/page.html`);
    await page.evaluate(() => window.coldStart);
    // batch: calls per sample — the page's performance.now() is coarsened to 0.1 ms, too coarse
    // for one 5 KB analysis, so small inputs are timed 20 at a time
    const run = (file, runs, warm = WARM, batch = 1) =>
      page.evaluate(({ file, runs, warm, batch, warmMs }) => window.bench(file, runs, warm, batch, warmMs), {
        file,
        runs,
        warm,
        batch,
        warmMs: WARM_MS,
      });
    const full = await run("corpus.txt", RUNS);
    out.corpus = { ms: full.ms, charsPerSec: cps(full.ms, corpus.text.length), samples: full.samples };
    const art = await run("article.txt", QUICK ? 21 : 51, 20, 20);
    out.article = { ms: art.ms };
    for (const [k] of SIZES) {
      const t = await run(path.basename(files[k]), k === "10 MB" ? (QUICK ? 1 : 5) : RUNS);
      out.scaling[k] = { chars: inputs[k].length, ms: t.ms, msPerMB: perMb(t.ms, inputs[k].length), samples: t.samples };
      log(`  chromium ${k}: ${t.ms.toFixed(1)} ms`);
      out.wasmMemoryBytes = t.wasmMemoryBytes;
    }
    await ctx.close();
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

// ------------------------------------------------------------------ run
result.quotelens.nodeWasm = await benchNodeWasm();
result.quotelens.native = benchNative();
result.peers = benchPeers();
result.quotelens.chromium = flag("--no-browser") ? null : await benchChromium();
result.sizes = benchSizes();
result.machine.loadavgAfter = os.loadavg().map((x) => +x.toFixed(2));
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(result, null, 2) + "\n");
console.log(table(result));
log(`wrote ${path.relative(ROOT, OUT)}`);

// ------------------------------------------------------------------ table
function table(r) {
  const q = r.quotelens;
  const wink = r.peers.wink.corpus.charsPerSec;
  const comp = r.peers.compromise.corpus.charsPerSec;
  const M = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(0)} K`);
  const ms = (x) => (x == null ? "—" : x < 1 ? `${x.toFixed(3)} ms` : x < 100 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const mb = (n) => `${(n / 1048576).toFixed(0)} MB`;
  const ok = (b) => (b ? "yes" : "**no**");
  const rows = [];
  const line = (...c) => rows.push(`| ${c.join(" | ")} |`);
  rows.push(`Machine: ${r.machine.nproc} × ${r.machine.cpu}; load average ${r.machine.loadavg.join(", ")} (before) / ${r.machine.loadavgAfter.join(", ")} (after); ${r.machine.node}; ${r.machine.chromium ?? "no chromium"}`);
  rows.push(`Commit: ${r.commit ?? "?"}; command: \`${r.command}\`; ${r.date}`);
  rows.push(`Corpus: ${r.corpus.name}, ${r.corpus.chars.toLocaleString("en")} chars; article ${r.corpus.article} (${r.corpus.articleChars} chars); medians of ${r.runs} runs after a warm-up of ≥ ${WARM} runs and ≥ ${WARM_MS / 1000} s per input (the article in Chromium: samples of 20 calls each).`);
  rows.push("");
  line("system (same text)", "chars/s", "× wink-nlp", "× compromise", "5 KB article", "ms / MB @100 KB", "@1 MB", "@10 MB", "10 MB ÷ 100 KB");
  line(...Array(9).fill("---"));
  const sys = (name, s) => {
    if (!s) return;
    const sc = s.scaling ?? {};
    const lin = sc["10 MB"] && sc["100 KB"] ? (sc["10 MB"].msPerMB / sc["100 KB"].msPerMB).toFixed(2) + "×" : "—";
    line(name, M(s.corpus.charsPerSec), `${(s.corpus.charsPerSec / wink).toFixed(2)}×`, `${(s.corpus.charsPerSec / comp).toFixed(1)}×`, ms(s.article?.ms), ms(sc["100 KB"]?.msPerMB), ms(sc["1 MB"]?.msPerMB), ms(sc["10 MB"]?.msPerMB), lin);
  };
  sys("QuoteLens wasm, Chromium (full analysis → JS objects)", q.chromium);
  sys("QuoteLens wasm, Node (full analysis → JS objects)", q.nodeWasm);
  sys("QuoteLens native CLI (process, JSON to /dev/null)", q.native);
  line("wink-nlp + lite web model, Node (tokens, sentences, entities)", M(wink), "1.00×", `${(wink / comp).toFixed(1)}×`, ms(r.peers.wink.article.ms), "", "", "", "");
  line("compromise `.quotations()`, Node", M(comp), `${(comp / wink).toFixed(3)}×`, "1.0×", ms(r.peers.compromise.article.ms), "", "", "", "");
  rows.push("");
  line("size (what ships)", "raw", "gzip", "brotli");
  line("---", "---", "---", "---");
  const sz = (name, s) => s && line(name, kb(s.raw), kb(s.gzip), kb(s.brotli));
  sz("QuoteLens `.wasm` + JS glue", r.sizes.quotelens);
  sz("compromise (bundled, minified)", r.sizes.compromise);
  sz("wink-nlp + wink-eng-lite-web-model (bundled, minified)", r.sizes.wink);
  rows.push("");
  const best = q.chromium ?? q.nodeWasm;
  const sc = best.scaling;
  const lin = sc["10 MB"].msPerMB / sc["100 KB"].msPerMB;
  const pm = q.nodeWasm.peakMemory10MB;
  line("goal", "measured", "met");
  line("---", "---", "---");
  line("wasm ≥ 20 M chars/s (Chromium / Node)", `${M(q.chromium?.corpus.charsPerSec ?? NaN)} / ${M(q.nodeWasm.corpus.charsPerSec)}`, ok(best.corpus.charsPerSec >= 20e6));
  line("≥ 10× wink-nlp, ≥ 100× compromise", `${(best.corpus.charsPerSec / wink).toFixed(2)}×, ${(best.corpus.charsPerSec / comp).toFixed(1)}×`, ok(best.corpus.charsPerSec >= 10 * wink && best.corpus.charsPerSec >= 100 * comp));
  line("5 KB article < 0.5 ms (steady)", ms(best.article.ms), ok(best.article.ms < 0.5));
  if (q.chromium) line("cold start < 100 ms (navigation → first result, Chromium)", ms(q.chromium.coldStart.ms), ok(q.chromium.coldStart.ms < 100));
  line("wasm + glue ≤ 200 KB brotli", kb(r.sizes.quotelens.brotli), ok(r.sizes.quotelens.brotli <= 200 * 1024));
  line("linear: ms/MB at 10 MB ≤ 1.5× at 100 KB", `${lin.toFixed(2)}×`, ok(lin <= 1.5));
  line("10 MB in < 1 s", ms(sc["10 MB"].ms), ok(sc["10 MB"].ms < 1000));
  if (pm) {
    line(
      "peak memory ≤ 10× input: the engine (wasm linear memory, 10 MB, fresh Node process)",
      `${mb(pm.wasmLinearBytes)} (${pm.wasmRatio.toFixed(1)}×; after a second analysis ${mb(pm.wasmLinearAfterSecondBytes ?? 0)})`,
      ok(pm.wasmRatio <= 10),
    );
    line(
      "peak memory ≤ 10× input: the whole Node process (peak RSS growth, the JS result included)",
      `${mb(pm.rssGrowthBytes)} (${pm.rssRatio.toFixed(1)}×; the result's JS objects alone ${mb(pm.resultHeapBytes ?? 0)})`,
      ok(pm.rssRatio <= 10),
    );
  }
  if (q.native?.peakMemory10MB) line("native CLI peak RSS, 10 MB", `${mb(q.native.peakMemory10MB.maxRssBytes)} (${q.native.peakMemory10MB.ratio.toFixed(1)}×)`, ok(q.native.peakMemory10MB.ratio <= 10));
  // no goal: what a first analysis costs before V8 has optimised the code (fresh Node process)
  const fc = q.nodeWasm.firstCall ?? {};
  const firsts = Object.entries(fc).filter(([, f]) => f.default && f.liftoffOnly);
  if (firsts.length) {
    rows.push("");
    rows.push(
      "First call on a fresh instance (Node, median of 3 processes; no goal): " +
        firsts.map(([k, f]) => `${k} ${ms(f.default.firstMs)}, then ${ms(f.default.secondMs)} (with V8's optimising tier off: ${ms(f.liftoffOnly.firstMs)})`).join("; ") +
        ".",
    );
  }
  return rows.join("\n");
}
