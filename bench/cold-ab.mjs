// Compares the Chromium cold start (navigation start → first result, the bench's page and 5 KB
// article) of two or more builds of the wasm package, alternating them context by context. The
// median of one build's 9 cold starts moves by ±10 ms from run to run on an unchanged build, so a
// change is judged here, on many alternating samples, or not at all (BENCHMARKS.md, "Cold start"):
//
//   node bench/cold-ab.mjs [--samples N] [--article FILE] PKG_DIR PKG_DIR [PKG_DIR…]
//
// Each build gets its own local server (the layout bench/run.mjs serves: /bench/, /pkg/, /data/)
// and every sample a fresh browser context (no HTTP or code cache). The article defaults to the
// one the last `./build.sh bench` wrote (target/bench/tmp/article.txt). Prints, per build, the
// median cold start and its phases.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const take = (flag, d) => {
  const i = argv.indexOf(flag);
  if (i < 0) return d;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const samples = Number(take("--samples", "25"));
const article = path.resolve(take("--article", path.join(ROOT, "target/bench/tmp/article.txt")));
const dirs = argv.map((d) => path.resolve(d));
if (dirs.length < 2 || !(samples >= 1) || !fs.existsSync(article)) {
  console.error("usage: node bench/cold-ab.mjs [--samples N] [--article FILE] PKG_DIR PKG_DIR [PKG_DIR…]");
  console.error("(the article defaults to target/bench/tmp/article.txt, written by ./build.sh bench)");
  process.exit(2);
}

const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8" };
const serve = (pkg) => {
  const roots = { "/bench/": path.join(ROOT, "bench"), "/lib/": path.join(ROOT, "www", "lib"), "/pkg/": pkg };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let file = null;
    if (url.pathname === "/data/article.txt") file = article;
    else {
      const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
      const f = prefix && path.join(roots[prefix], path.normalize(url.pathname.slice(prefix.length)));
      if (f && f.startsWith(roots[prefix])) file = f;
    }
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
};

const { chromium } = await import("playwright-core");
const builds = [];
for (const dir of dirs) builds.push({ dir, server: await serve(dir), colds: [] });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (let i = 0; i < samples; i++) {
    for (const b of i % 2 ? [...builds].reverse() : builds) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`http://127.0.0.1:${b.server.address().port}/bench/page.html`);
      b.colds.push(await page.evaluate(() => window.coldStart));
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  for (const b of builds) b.server.close();
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
for (const b of builds) {
  const phase = (k) => median(b.colds.map((c) => c.breakdown[k])).toFixed(1);
  console.log(
    `${b.dir}: cold start ${median(b.colds.map((c) => c.firstResultMs)).toFixed(1)} ms (median of ${samples}); ` +
      `page module running at ${phase("moduleStart")} ms, instantiated (and the engine's warm-up call made) ${phase("compileAfterResponseMs")} ms after the wasm's response, first analysis ${phase("firstAnalyzeMs")} ms`,
  );
}
