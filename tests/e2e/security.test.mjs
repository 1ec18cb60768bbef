// Security and reliability in the browser, on every surface:
//   - hostile article text (script tags, event handlers, javascript: links,
//     attribute breakouts, template syntax, HTML entities) inside attributed
//     quotes is shown literally and never runs: pasted and opened as an .html
//     file on the page (dist/site), analysed by the extension (analyzeTab) and
//     by the embed (<quote-lens>);
//   - no HTML-parsing sinks anywhere in www/;
//   - the JSON export round-trips the page's analysis; the CSV export escapes
//     formula-leading cells end to end (the Node test covers csvCell alone);
//   - a wasm trap (in the page's thread and in the worker) shows an error with
//     a retry control that starts a fresh engine, and analysis works again.
// One Chromium for the page and the embed, one persistent context for the extension.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { chromium } from "playwright-core";
import { launch, serveSite, watch, waitForResult, lastResult, ROOT, SHOTS, CHROMIUM_ARGS, waitForActiveTab } from "./helpers.mjs";
import { MIME } from "../../www/build/serve.mjs";

// ------------------------------------------------------------------ the hostile article
const PAYLOADS = [
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=1">`,
  `javascript:window.__pwned=1`,
  `"><svg onload="window.__pwned=1">`,
  `{{constructor.constructor('window.__pwned=1')()}}`,
  "${window.__pwned=1}",
  `&lt;b&gt;`,
];
const XSS_PARAS = [
  "Hackers tried to break into the city council's website on Monday, officials said.",
  ...PAYLOADS.map((p, i) => `“The attackers typed ${p} into the comment form number ${i + 1},” Maria Lopez, the council's security chief, said on Tuesday.`),
  "“We patched everything within the hour,” Lopez added.",
];
const XSS_TEXT = XSS_PARAS.join("\n\n");
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
// Raw (unescaped) hostile markup around the article: must never run or load either.
const RAW_HOSTILE = `<img src="/pwned-img" onerror="window.__pwned=2"><svg onload="window.__pwned=3"></svg><a href="javascript:window.__pwned=4">link</a>`;
const articleHtml = (title, extraHead = "", extraBody = "") => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>${esc(title)}</title>${extraHead}</head><body><header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header>
<main><article id="story"><h1>${esc(title)}</h1>${XSS_PARAS.map((p) => `<p>${esc(p)}</p>`).join("\n")}</article>${extraBody}</main>
<footer><p>© The Daily Fixture</p></footer></body></html>`;

/** Dialogs, page errors, console errors and the requests of a page. */
function guard(page) {
  const log = watch(page);
  log.dialogs = [];
  page.on("dialog", (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return log;
}

// Chromium reports a CSP violation for an on* attribute as soon as DOMParser parses
// one into an inert document — the handler never runs (the bypassCSP runs prove it).
const PARSE_TIME_CSP = /^Executing inline event handler violates the following Content Security Policy/;

/** Nothing ran: no dialog, no error, window.__pwned unset in the main world, no injected element. */
async function assertNothingRan(page, log, root = "document", { allowParseCsp = false } = {}) {
  assert.deepEqual(log.dialogs, [], "no dialog opened");
  const errors = log.errors.filter((e) => !(allowParseCsp && PARSE_TIME_CSP.test(e)));
  assert.deepEqual(errors, [], "no page or console error (a CSP violation would show here)");
  assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined", "window.__pwned is unset");
  const injected = await page.evaluate((r) => {
    const scope = r === "document" ? document : document.querySelector(r).shadowRoot;
    return [...scope.querySelectorAll("script, img, svg, iframe, object, embed, [onerror], [onload], a[href^='javascript:' i]")]
      .filter((e) => !e.closest("head"))
      .map((e) => e.outerHTML.slice(0, 80));
  }, root);
  assert.deepEqual(injected, [], "no element came out of the article text");
}

/** Every payload appears literally in some quote item (textContent), none of them as markup. */
function assertPayloadsLiteral(items) {
  for (const p of PAYLOADS) assert.ok(items.some((t) => t.includes(p)), `a quote item shows ${JSON.stringify(p)} literally: ${JSON.stringify(items)}`);
  assert.ok(!items.some((t) => t.includes("<b>")), "&lt;b&gt; is not decoded");
}

// ------------------------------------------------------------------ servers and browsers
const EMBED = path.join(ROOT, "dist/embed");
const EXT = path.join(ROOT, "dist/extension-chrome");
const FIXTURES = {
  "/xss-article.html": articleHtml("Hackers target the council website"),
  "/xss-embed.html": articleHtml("Hackers target the council website", `<script type="module" src="/quotelens/quote-lens.js"></script>`, `<quote-lens for="#story" loading="eager"></quote-lens>`),
};

let site; // dist/site
let fixtures; // extension + embed fixtures
let fixtureBase;
const fixtureRequests = [];
let browser;

before(async () => {
  for (const f of [path.join(ROOT, "dist/site/index.html"), path.join(EMBED, "quote-lens.js"), path.join(EXT, "manifest.json")]) assert.ok(fs.existsSync(f), `${f} is built (./build.sh)`);
  fs.mkdirSync(SHOTS, { recursive: true });
  site = await serveSite();
  fixtures = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://x");
    fixtureRequests.push(pathname);
    if (pathname.startsWith("/quotelens/")) {
      const file = path.join(EMBED, path.basename(pathname));
      if (!fs.existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": MIME[path.extname(file)] ?? "application/octet-stream" });
      return res.end(fs.readFileSync(file));
    }
    if (!FIXTURES[pathname]) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(FIXTURES[pathname]);
  });
  await new Promise((r) => fixtures.listen(0, "127.0.0.1", r));
  fixtureBase = `http://127.0.0.1:${fixtures.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await new Promise((r) => fixtures?.close(r) ?? r());
});

async function openSite({ route, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, bypassCSP });
  const page = await context.newPage();
  const log = guard(page);
  const workers = [];
  page.on("worker", (w) => workers.push(w.url()));
  if (route) await route(context);
  await page.goto(site.url);
  await page.waitForFunction(() => /Ready/.test(document.querySelector('[data-testid="status"]').textContent));
  return { context, page, log, workers };
}

const quoteItems = (page) => page.$$eval('[data-testid="quote-item"]', (els) => els.map((e) => e.textContent));

// ------------------------------------------------------------------ 1. XSS on the page
for (const bypassCSP of [false, true]) {
const csp = bypassCSP ? "without the page's CSP" : "under the page's CSP";
test(`page (${csp}): hostile text pasted in is analysed and shown literally, nothing runs`, async (t) => {
  const { context, page, log } = await openSite({ bypassCSP });
  await page.fill('[data-testid="article-input"]', XSS_TEXT);
  await page.click('[data-testid="analyze-button"]');
  await waitForResult(page);
  const { analysis, text } = await lastResult(page);
  assert.equal(text, XSS_TEXT, "the text analysed is the text pasted, unchanged");
  const items = await quoteItems(page);
  assert.equal(items.length, analysis.attributions.length);
  assertPayloadsLiteral(items);
  assert.ok(await page.locator('[data-testid="speaker"]', { hasText: "Maria Lopez" }).count(), "Maria Lopez is in the legend");
  // the article view holds the text as text nodes: its textContent is the text itself
  const articleText = await page.evaluate(() => document.getElementById("article").textContent);
  for (const p of PAYLOADS) assert.ok(articleText.includes(p), `article view shows ${JSON.stringify(p)}`);
  // hovering card and focus: still text
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < 3; i++) await page.keyboard.press("j");
  assert.ok((await page.textContent(".ql-tip")).length > 0);
  await assertNothingRan(page, log);
  assert.ok(!site.requests.some((u) => /pwned|\/x$/.test(u)), "nothing was fetched for the payloads");
  if (!bypassCSP) await page.screenshot({ path: path.join(SHOTS, "security-xss.png") });
  t.diagnostic(`${items.length} quote items, every payload literal`);
  await context.close();
});

test(`page (${csp}): a hostile .html file through the file input is read inertly and shown literally`, async () => {
  const { context, page, log } = await openSite({ bypassCSP });
  const html = articleHtml("Hackers target the council website", `<script>window.__pwned=5</script><meta http-equiv="refresh" content="0;url=javascript:window.__pwned=6">`, RAW_HOSTILE);
  await page.setInputFiles('[data-testid="file-input"]', { name: "hostile.html", mimeType: "text/html", buffer: Buffer.from(html) });
  await waitForResult(page);
  const value = await page.inputValue('[data-testid="article-input"]');
  for (const p of PAYLOADS) assert.ok(value.includes(p), `the extracted text keeps ${JSON.stringify(p)} as text`);
  assertPayloadsLiteral(await quoteItems(page));
  await page.waitForTimeout(200); // give a stray onerror/onload a chance to fire
  await assertNothingRan(page, log, "document", { allowParseCsp: !bypassCSP });
  assert.ok(!site.requests.some((u) => /pwned/.test(u)), "the file's <img> was never fetched");
  assert.equal(new URL(page.url()).pathname, "/", "no navigation");
  await context.close();
});
}

// ------------------------------------------------------------------ 3. exports
/** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
function parseCsv(s) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && s[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

test("page: the JSON export round-trips the analysis (ids, kinds, spans, texts); CSV cells starting with = + - @ are escaped", async () => {
  const FORMULAS = [
    `=HYPERLINK("http://evil.example","click") is the password, Maria Lopez said.`,
    "+1 555 0100 is the number to call, Maria Lopez said on Tuesday.",
    "-2 degrees is the forecast for Monday, Maria Lopez said on Tuesday.",
    "@admin was the account that was hacked, Maria Lopez said on Tuesday.",
  ];
  const { context, page, log } = await openSite();
  await page.fill('[data-testid="article-input"]', [XSS_TEXT, ...FORMULAS].join("\n\n"));
  await page.click('[data-testid="analyze-button"]');
  await waitForResult(page);
  const { analysis, text } = await lastResult(page);

  const [dj] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-json"]')]);
  const json = JSON.parse(fs.readFileSync(await dj.path(), "utf8"));
  assert.equal(json.unit, "utf16");
  assert.equal(json.attributions.length, analysis.attributions.length);
  assert.deepEqual(json.analysis, analysis, "the embedded analysis is the page's analysis");
  for (const a of analysis.attributions) {
    const e = json.attributions.find((x) => x.id === a.id);
    assert.ok(e, `attribution ${a.id} exported`);
    assert.equal(e.kind, a.kind);
    assert.deepEqual(e.cue_span, a.cue ?? null);
    assert.deepEqual(e.content.map((c) => c.span), a.content, `attribution ${a.id}: spans`);
    for (const c of e.content) assert.equal(c.text, text.slice(c.span[0], c.span[1]), "exported text is the text at the span");
  }
  const exportedText = json.attributions.flatMap((a) => a.content.map((c) => c.text)).join("\n");
  for (const p of PAYLOADS) assert.ok(exportedText.includes(p), `JSON keeps ${JSON.stringify(p)} verbatim`);

  const [dc] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-csv"]')]);
  const rows = parseCsv(fs.readFileSync(await dc.path(), "utf8"));
  const head = rows[0];
  assert.deepEqual(head, ["id", "kind", "speaker", "source", "cue", "text", "start", "end", "rule", "confidence"]);
  assert.equal(rows.length - 1, analysis.attributions.length, "one row per attribution");
  for (const row of rows) assert.equal(row.length, head.length, `every row has ${head.length} cells: ${JSON.stringify(row)}`);
  const TEXT = head.indexOf("text");
  const dangerous = rows.slice(1).flatMap((r) => r).filter((c) => /^[=+\-@\t\r]/.test(c));
  assert.deepEqual(dangerous, [], "no CSV cell starts with = + - @ TAB or CR");
  for (const f of FORMULAS) {
    const lead = f.slice(0, 6);
    const row = rows.find((r) => r[TEXT].startsWith("'" + lead));
    assert.ok(row, `the quote starting ${JSON.stringify(lead)} is exported with a leading apostrophe: ${JSON.stringify(rows.map((r) => r[TEXT]))}`);
  }
  const csvText = rows.map((r) => r[TEXT]).join("\n");
  for (const p of PAYLOADS) assert.ok(csvText.includes(p), `CSV keeps ${JSON.stringify(p)}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

// ------------------------------------------------------------------ 4. a wasm trap
const TRAP = "QL_SIMULATED_TRAP";
/**
 * Serves the wasm glue with analyze() throwing a WebAssembly.RuntimeError — what a
 * Rust panic (panic = "abort") looks like from JS — once the text contains TRAP;
 * like a real trap, that instance then stays broken (every later call throws).
 * A fresh module realm (a new worker) gets a fresh, working instance.
 */
async function routeTrappingGlue(context) {
  await context.route("**/pkg/quotelens.js", async (route) => {
    const res = await route.fetch();
    const body = await res.text();
    const sig = "export function analyze(text, options) {";
    assert.ok(body.includes(sig), "the glue exports analyze(text, options)");
    const patched = body.replace(
      sig,
      `let __qlTrapped = false;\n${sig}\n    if (__qlTrapped || String(text).includes(${JSON.stringify(TRAP)})) { __qlTrapped = true; throw new WebAssembly.RuntimeError("unreachable (simulated trap)"); }`,
    );
    await route.fulfill({ response: res, body: patched, headers: { ...res.headers(), "content-type": "text/javascript; charset=utf-8" } });
  });
}

async function expectEngineFailed(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.kind === "error");
  assert.match(await page.textContent('[data-testid="status"]'), /stopped unexpectedly/);
  const retry = page.locator('[data-testid="retry-button"]');
  assert.equal(await retry.count(), 1, "one retry control");
  assert.ok(await retry.isVisible(), "the retry control is visible");
  assert.ok(await page.isEnabled('[data-testid="analyze-button"]'), "the page is not stuck busy");
  return retry;
}

test("page: a wasm trap in the worker and in the page's thread shows an error with a retry control; retry restarts the engine and analysis works again", async (t) => {
  const { context, page, log, workers } = await openSite({ route: routeTrappingGlue });
  const long = (s) => Array(Math.ceil(25000 / s.length)).fill(s).join("\n\n"); // above the worker threshold
  const setText = (v) => page.evaluate((x) => (document.querySelector('[data-testid="article-input"]').value = x), v);

  // (a) the worker's instance traps on a long text
  await setText(long(`${XSS_TEXT}\n\n“${TRAP},” Lopez said.`));
  await page.click('[data-testid="analyze-button"]');
  let retry = await expectEngineFailed(page);
  assert.equal(workers.length, 1, "the long text went to a worker");
  await page.screenshot({ path: path.join(SHOTS, "security-engine-failed.png") });
  // retry with a long normal text: a fresh worker (fresh instance) analyses it
  await setText(long(XSS_TEXT));
  await retry.click();
  await waitForResult(page);
  assert.equal(workers.length, 2, "retry started a fresh worker");
  assert.equal(await page.locator('[data-testid="quote-item"]').count(), (await lastResult(page)).analysis.attributions.length);
  assert.equal(await page.locator('[data-testid="retry-button"]').count(), 0, "the retry control is gone once it worked");

  // (b) the page's own (in-thread) instance traps on a short text
  await setText(`“${TRAP},” Maria Lopez said.`);
  await page.click('[data-testid="analyze-button"]');
  retry = await expectEngineFailed(page);
  // retrying the same text traps again (deterministic input): still an error, still a retry control
  await retry.click();
  retry = await expectEngineFailed(page);
  // retry with a short normal text works (the trapped in-thread instance is not used again)
  await setText(XSS_TEXT);
  await retry.click();
  await waitForResult(page);
  assertPayloadsLiteral(await quoteItems(page));
  // and the ordinary buttons work afterwards too
  await page.click('[data-testid="sample-button"]');
  await page.locator('[data-testid="speaker"]', { hasText: "Jeff Sessions" }).first().waitFor();
  await waitForResult(page);
  assert.ok(workers.length >= 3, "short texts now run in a fresh worker, not in the trapped page instance");
  const unexpected = log.errors.filter((e) => !/simulated trap/.test(e));
  assert.deepEqual(unexpected, [], "no errors besides the simulated trap");
  t.diagnostic(`${workers.length} workers started`);
  await context.close();
});

// ------------------------------------------------------------------ 2. no HTML sinks in www/
test("www/ has no innerHTML / outerHTML / insertAdjacentHTML / document.write", () => {
  const SINK = /\b(innerHTML|outerHTML|insertAdjacentHTML)\b|\bdocument\s*\.\s*write(ln)?\b/;
  // Exact lines allowed (file: line text), each with the reason. None today.
  const ALLOW = new Map();
  const hits = [];
  let files = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === "node_modules" || e.name === "vendor") continue; // third-party code (vendored Readability)
        walk(p);
      } else if (/\.(m?js|html?)$/.test(e.name)) {
        files++;
        fs.readFileSync(p, "utf8")
          .split("\n")
          .forEach((line, i) => {
            const rel = path.relative(ROOT, p);
            if (SINK.test(line) && ALLOW.get(rel) !== line.trim()) hits.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  walk(path.join(ROOT, "www"));
  assert.ok(files > 15, `scanned www/ (${files} files)`);
  assert.deepEqual(hits, [], "HTML-parsing sinks in www/");
  // the scanner itself finds a sink
  assert.ok(SINK.test("el.innerHTML = x") && SINK.test("document.write(x)") && !SINK.test("el.textContent = x"));
});

// ------------------------------------------------------------------ 1c. the embed
test("embed: hostile text in the host article is shown literally in <quote-lens>, nothing runs", async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const log = guard(page);
  await page.goto(fixtureBase + "/xss-embed.html");
  await page.waitForFunction(() => ["ready", "unavailable", "error"].includes(document.querySelector("quote-lens")?.getAttribute("state")));
  assert.equal(await page.getAttribute("quote-lens", "state"), "ready");
  const items = await page.locator('quote-lens [data-testid="quote-item"]').allTextContents();
  assert.ok(items.length >= PAYLOADS.length);
  assertPayloadsLiteral(items);
  await assertNothingRan(page, log, "quote-lens");
  await assertNothingRan(page, log);
  await context.close();
});

// ------------------------------------------------------------------ 1d. the extension
test("extension: analyzeTab on a hostile article shows it literally in the panel, nothing runs", async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "ql-sec-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [...CHROMIUM_ARGS, "--enable-unsafe-extension-debugging", `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  try {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker"));
    const extId = new URL(sw.url()).host;
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const log = guard(page);
    await page.goto(fixtureBase + "/xss-article.html");
    // the toolbar click grants activeTab (as in extension.test.mjs)
    const cdp = await ctx.browser()?.newBrowserCDPSession();
    assert.ok(cdp, "a browser CDP session");
    const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{}] });
    const target = targetInfos.find((x) => x.type === "tab" && x.url === page.url()) ?? targetInfos.find((x) => x.type === "page" && x.url === page.url());
    await cdp.send("Extensions.triggerAction", { id: extId, targetId: target.targetId });
    await cdp.detach();
    const tabId = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    // the grant lands a moment after the click: poll until the background can
    // reach the tab (as extension.test.mjs does), then let any panel the click
    // opened settle before calling analyzeTab ourselves
    await waitForActiveTab(sw, tabId);
    await page.waitForFunction(() => document.querySelector("quote-lens-panel")?.shadowRoot?.querySelector('[data-testid="status"]')?.dataset.kind !== "busy");
    const result = await sw.evaluate((id) => globalThis.analyzeTab(id), tabId);
    assert.equal(result.state, "ready", JSON.stringify(result?.message));
    for (const p of PAYLOADS) assert.ok(result.text.includes(p), `the extension read ${JSON.stringify(p)} as text`);
    const items = await page.locator('quote-lens-panel [data-testid="quote-item"]').allTextContents();
    assert.equal(items.length, result.analysis.attributions.length);
    assertPayloadsLiteral(items);
    await assertNothingRan(page, log, "quote-lens-panel");
    await assertNothingRan(page, log);
    assert.ok(!fixtureRequests.some((u) => /pwned|^\/x$/.test(u)), "nothing fetched for the payloads");
  } finally {
    await ctx.close();
  }
});
