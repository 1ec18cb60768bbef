// The embed (dist/embed: <quote-lens>) on fixture pages served from 127.0.0.1:
// a blog page, a strict CSP that allows wasm, a CSP without wasm, hostile host
// CSS, two elements with the script included twice, and no globals.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import { launch, ROOT, SEED_TEXT, SHOTS } from "./helpers.mjs";
import { MIME } from "../../www/build/serve.mjs";
import { loadWasm } from "../js/helpers.mjs";

const EMBED = path.join(ROOT, "dist/embed");
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const SEED_PARAS = SEED_TEXT.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const CAPTION = SEED_PARAS[0].split("\n").slice(1).join(" ").trim();
const PARAS = [CAPTION, ...SEED_PARAS.slice(1)];
const ARTICLE_TEXT = PARAS.join("\n\n");
const SCRIPT = `<script type="module" src="/quotelens/quote-lens.js"></script>`;
const WASM_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'";
const NO_WASM_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
const NO_WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'none'";

const post = (id = "post-body", paras = PARAS) => `<div id="${id}" class="entry-content">${paras.map((p) => `<p>${esc(p)}</p>`).join("\n")}</div>`;

function blog({ csp, head = "", body }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ""}
<title>A blog</title><link rel="stylesheet" href="/blog.css">${head}</head><body>
<header class="masthead"><a href="/">My Politics Blog</a> <nav><a href="/archive">Archive</a></nav></header>
<main>${body}</main><footer><p>"Great blog," said nobody in particular. © 2017</p></footer></body></html>`;
}

const FIXTURES = {
  "/blog.html": blog({
    body: `<article><h1>Sessions and the Russian ambassador</h1>${post()}<quote-lens for="#post-body"></quote-lens></article>
<div class="qlf ql-panel" id="leak">Host element with the panel's class names</div>`,
    head: SCRIPT,
  }),
  "/strict.html": { csp: WASM_CSP, page: blog({ csp: WASM_CSP, head: SCRIPT, body: `<article>${post()}</article><quote-lens for="#post-body" loading="eager"></quote-lens>` }) },
  "/nowasm.html": { csp: NO_WASM_CSP, page: blog({ csp: NO_WASM_CSP, head: SCRIPT, body: `<article>${post()}</article><quote-lens for="#post-body" loading="eager"></quote-lens>` }) },
  "/noworker.html": { csp: NO_WORKER_CSP, page: blog({ csp: NO_WORKER_CSP, head: SCRIPT, body: `<article>${post()}</article><quote-lens for="#post-body" loading="eager"></quote-lens>` }) },
  "/hostile.html": blog({
    head: `<link rel="stylesheet" href="/hostile.css">${SCRIPT}`,
    body: `<article>${post()}<quote-lens theme="dark"></quote-lens></article>`,
  }),
  "/two.html": blog({
    head: `<script src="/keys.js"></script>${SCRIPT}<script type="module" src="/quotelens/quote-lens.js?again=1"></script>`,
    body: `<article id="a1">${post("body-1", PARAS.slice(0, 7))}<quote-lens id="ql1" for="#body-1" loading="eager"></quote-lens></article>
<article id="a2">${post("body-2", PARAS.slice(7))}<quote-lens id="ql2" for="#body-2" loading="eager" collapsed></quote-lens></article>`,
  }),
  "/blog.css": "body { font: 17px/1.6 Georgia, serif; max-width: 46rem; margin: 0 auto; padding: 1rem; } quote-lens { margin: 1.5rem 0; }",
  "/hostile.css": "* { all: unset; } html { font-size: 64px; } body { font-size: 48px; line-height: 4; color: #c00; } quote-lens { font-size: 80px; color: lime; } div, p, button { font-size: 50px !important; }",
  // Object.keys(window) before the embed loads, kept in the DOM (not in a global)
  "/keys.js": "document.documentElement.dataset.keysBefore = JSON.stringify(Object.keys(window));",
};

let server;
let base;
let browser;
let ql;
const requests = [];

before(async () => {
  assert.ok(fs.existsSync(path.join(EMBED, "quote-lens.js")), "dist/embed is built (./build.sh)");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    if (pathname.startsWith("/quotelens/")) {
      const file = path.join(EMBED, path.basename(pathname));
      if (!fs.existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
      return res.end(fs.readFileSync(file));
    }
    const f = FIXTURES[pathname];
    if (f === undefined) return res.writeHead(404).end();
    const type = pathname.endsWith(".css") ? "text/css" : pathname.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8";
    res.writeHead(200, { "content-type": type, ...(f.csp ? { "content-security-policy": f.csp } : {}) });
    res.end(typeof f === "string" ? f : f.page);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
  ql = await loadWasm();
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r) ?? r());
});

async function open(p, { colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme });
  const page = await context.newPage();
  const log = { errors: [], warnings: [], console: [] };
  page.on("request", (r) => requests.push(r.url()));
  page.on("worker", (w) => requests.push(`worker:${w.url()}`));
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("console", (m) => {
    log.console.push(`${m.type()}: ${m.text()}`);
    if (m.type() === "warning" && /QuoteLens/.test(m.text())) log.warnings.push(m.text());
  });
  await page.goto(base + p);
  return { context, page, log };
}

const waitForState = (page, sel = "quote-lens") =>
  page.waitForFunction((s) => [...document.querySelectorAll(s)].every((e) => ["ready", "unavailable", "error"].includes(e.getAttribute("state"))), sel);

const articleSnapshot = (page) =>
  page.evaluate(() => {
    const texts = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = w.nextNode()); ) texts.push(n.data);
    return { html: [...document.querySelectorAll("article")].map((a) => a.innerHTML.replace(/<quote-lens[^>]*>/g, "<quote-lens>")).join("\n"), texts };
  });

const readRanges = (page) =>
  page.evaluate(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("ql-")) continue;
      for (const r of h) {
        const el = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentElement;
        out.push({ name, text: r.toString(), article: el.closest("article")?.id ?? "", body: el.closest("[id^=body-], #post-body")?.id ?? "" });
      }
    }
    return out;
  });

const norm = (s) => s.replace(/\s+/g, " ").trim();
const pieces = (s) => s.split(/\n\s*\n/).map(norm).filter(Boolean);

/** Ready: highlights are the expected quotes, the legend lists Jeff Sessions, conflicts shown. */
async function assertReady(t, page, sel = "quote-lens", text = ARTICLE_TEXT) {
  assert.equal(await page.getAttribute(sel, "state"), "ready");
  assert.equal(await page.evaluate((s) => document.querySelector(s).shadowRoot?.mode, sel), "open");
  const expected = ql.analyze(text);
  const ranges = (await readRanges(page)).filter((r) => r.name.startsWith("ql-speaker-"));
  const fragments = new Set(expected.attributions.flatMap((a) => a.content.flatMap(([s, e]) => pieces(text.slice(s, e)))));
  const got = new Set(ranges.map((r) => norm(r.text)));
  for (const f of fragments) assert.ok(got.has(f), `highlighted: ${JSON.stringify(f)}`);
  const host = page.locator(sel);
  const legend = await host.locator('[data-testid="speaker-legend"] [data-testid="speaker"]').allTextContents();
  assert.ok(legend.some((s) => s.includes("Jeff Sessions")), JSON.stringify(legend));
  assert.equal(await host.locator('[data-testid="quote-item"]').count(), expected.attributions.length);
  assert.equal(await host.locator('[data-testid="claim-item"]').count(), expected.claims.length);
  assert.equal(await host.locator('[data-testid="conflict-card"]').count(), expected.conflicts.length);
  for (const id of ["export-json", "export-csv", "status"]) assert.equal(await host.locator(`[data-testid="${id}"]`).count(), 1, id);
  t.diagnostic(`${ranges.length} speaker ranges, ${expected.conflicts.length} conflicts`);
  return ranges;
}

test("(1) a blog page: highlights in the article, the panel lists Jeff Sessions; styles don't leak; screenshot", async (t) => {
  const { context, page, log } = await open("/blog.html");
  // listen before scrolling: the scroll starts the analysis, and a fast one can finish before a later round trip
  const listening = page.evaluate(() => {
    globalThis.__qlReady = new Promise((r) => document.addEventListener("quotelens:ready", (e) => r({ attributions: e.detail.analysis.attributions.length, text: e.detail.text.length }), { once: true }));
  });
  await listening;
  const detail = page.evaluate(() => globalThis.__qlReady);
  await page.evaluate(() => document.querySelector("quote-lens").scrollIntoView()); // loading="lazy" (the default)
  const before = await articleSnapshot(page);
  await waitForState(page);
  const ranges = await assertReady(t, page);
  assert.ok(ranges.every((r) => r.body === "post-body"), "highlights only inside #post-body");
  assert.deepEqual(await detail.catch(() => null).then((d) => d && d.text), ARTICLE_TEXT.length, "quotelens:ready carries the analysis and text");
  // styles: the highlight rules are adopted by the document, no <style> anywhere; the panel's rules don't leak
  const styles = await page.evaluate(() => ({
    adopted: document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.selectorText ?? r.cssText)),
    styleElements: document.querySelectorAll("style").length + document.querySelector("quote-lens").shadowRoot.querySelectorAll("style").length,
    leak: getComputedStyle(document.getElementById("leak")).display,
  }));
  assert.equal(styles.styleElements, 0);
  assert.ok(styles.adopted.some((s) => s.startsWith("::highlight(ql-speaker-0)")));
  for (const s of styles.adopted) assert.match(s, /ql-/, `document rule scoped to ql- names: ${s}`);
  assert.equal(styles.leak, "block", "a host element with the panel's class names is not styled by it");
  const after = await articleSnapshot(page);
  assert.deepEqual(after, before, "article untouched");
  assert.deepEqual(log.errors, []);
  await page.locator("quote-lens").screenshot({ path: path.join(SHOTS, "embed-blog-panel.png") });
  // accessibility of the panel (axe-core pierces the open shadow root)
  await page.addScriptTag({ content: fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8") });
  const violations = await page.evaluate(async () => {
    const res = await globalThis.axe.run({ include: [["quote-lens"]] }, { resultTypes: ["violations"] });
    return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" > ")).join(", ")}`);
  });
  assert.deepEqual(violations, [], "no serious/critical axe violations in the panel");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, "embed-blog.png") });
  await context.close();
});

test("(2) a strict CSP that allows 'wasm-unsafe-eval': works, panel styled, worker used", async (t) => {
  const { context, page, log } = await open("/strict.html");
  await waitForState(page);
  await assertReady(t, page);
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector("quote-lens").shadowRoot.querySelector(".qlf")).backgroundColor);
  assert.equal(bg, "rgb(255, 255, 255)", "the panel is styled (light Canvas)");
  const font = await page.evaluate(() => getComputedStyle(document.querySelector("quote-lens").shadowRoot.querySelector(".ql-panel")).fontSize);
  assert.equal(font, "15px");
  assert.ok(requests.some((u) => u.startsWith("worker:") && u.includes("/quotelens/quote-lens-worker.js")), "the analysis ran in the worker");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("(3) a CSP without wasm: state=unavailable, one console warning with the directive, article untouched", async () => {
  const { context, page, log } = await open("/nowasm.html");
  const before = await articleSnapshot(page);
  await waitForState(page);
  assert.equal(await page.getAttribute("quote-lens", "state"), "unavailable");
  assert.equal(log.warnings.length, 1, JSON.stringify(log.console));
  assert.ok(log.warnings[0].includes("script-src 'self' 'wasm-unsafe-eval'"), log.warnings[0]);
  assert.deepEqual(log.errors, [], "no uncaught errors");
  assert.equal((await readRanges(page)).length, 0);
  assert.deepEqual(await articleSnapshot(page), before);
  assert.match(await page.locator('quote-lens [data-testid="status"]').textContent(), /wasm-unsafe-eval/);
  await context.close();
});

test("workers forbidden by the CSP: the engine falls back to the page's thread", async (t) => {
  const { context, page, log } = await open("/noworker.html");
  const workers = [];
  page.on("worker", (w) => workers.push(w.url()));
  await waitForState(page);
  await assertReady(t, page);
  assert.deepEqual(workers, [], "no worker ran");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("(4) hostile host CSS (* { all: unset }, huge fonts): the panel still renders; screenshot", async (t) => {
  const { context, page, log } = await open("/hostile.html");
  await page.evaluate(() => document.querySelector("quote-lens").scrollIntoView());
  await waitForState(page);
  await assertReady(t, page);
  const look = await page.evaluate(() => {
    const root = document.querySelector("quote-lens").shadowRoot;
    const panel = root.querySelector(".ql-panel");
    const btn = root.querySelector('[data-testid="quote-item"]');
    return { font: getComputedStyle(panel).fontSize, display: getComputedStyle(panel).display, btnFont: getComputedStyle(btn).fontSize, bg: getComputedStyle(root.querySelector(".qlf")).backgroundColor };
  });
  assert.equal(look.font, "15px");
  assert.equal(look.display, "flex");
  assert.equal(look.btnFont, "15px");
  assert.equal(look.bg, "rgb(18, 18, 18)", "theme=dark");
  assert.deepEqual(log.errors, []);
  await page.locator("quote-lens").screenshot({ path: path.join(SHOTS, "embed-hostile.png") });
  await context.close();
});

test("(5) two elements, the script included twice, no globals", async (t) => {
  const { context, page, log } = await open("/two.html");
  await waitForState(page);
  assert.equal(await page.getAttribute("#ql1", "state"), "ready");
  assert.equal(await page.getAttribute("#ql2", "state"), "ready");
  const ranges = await readRanges(page);
  assert.ok(ranges.some((r) => r.article === "a1") && ranges.some((r) => r.article === "a2"), "highlights in both articles");
  const p1 = PARAS.slice(0, 7).join("\n\n");
  const p2 = PARAS.slice(7).join("\n\n");
  for (const [id, text] of [["#ql1", p1], ["#ql2", p2]]) {
    const expected = ql.analyze(text);
    assert.equal(await page.locator(`${id} [data-testid="quote-item"]`).count(), expected.attributions.length, id);
  }
  // collapsed hides the panel body, and the button shows it again
  assert.equal(await page.locator('#ql2 [data-testid="quote-item"]').first().isVisible(), false);
  await page.locator("#ql2 .qlf-head button").click();
  assert.equal(await page.locator('#ql2 [data-testid="quote-item"]').first().isVisible(), true);
  // no globals: Object.keys(window) is the same as before the embed loaded
  const diff = await page.evaluate(() => {
    const before = new Set(JSON.parse(document.documentElement.dataset.keysBefore));
    return Object.keys(window).filter((k) => !before.has(k));
  });
  assert.deepEqual(diff, []);
  assert.equal(await page.evaluate(() => customElements.get("quote-lens") !== undefined), true);
  assert.deepEqual(log.errors, []);
  t.diagnostic(`${ranges.length} ranges over two articles`);
  await page.screenshot({ path: path.join(SHOTS, "embed-two.png"), fullPage: false });
  await context.close();
});

test("nothing left 127.0.0.1", () => {
  const outside = requests.filter((u) => !/^(worker:)?(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:|about:)/.test(u));
  assert.deepEqual(outside, []);
});
