// The Chrome extension (dist/extension-chrome) in Chromium, headless, loaded
// with --load-extension. Access is granted the way a reader grants it — a
// toolbar click (CDP Extensions.triggerAction) — then globalThis.analyzeTab is
// called in the service worker. Fixture pages are served from 127.0.0.1.
// Also: web-ext lint of dist/extension-firefox, manifests, toggle, restricted
// pages, no-article pages, the size limit and "Analyse selection".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { ROOT, SEED_TEXT, SHOTS, CHROMIUM_ARGS, waitForActiveTab } from "./helpers.mjs";
import { loadWasm } from "../js/helpers.mjs";

const EXT = path.join(ROOT, "dist/extension-chrome");
const FIREFOX = path.join(ROOT, "dist/extension-firefox");

// ------------------------------------------------------------------ fixtures
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const paragraphs = (text) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const SEED_PARAS = paragraphs(SEED_TEXT);
// The seed's first line ("sessions") is a slug, the rest of its first paragraph a photo caption.
const CAPTION = SEED_PARAS[0].split("\n").slice(1).join(" ").trim();
const BODY = SEED_PARAS.slice(1);

const CHROME_TOP = `<header class="site-header"><a href="/">The Daily Fixture</a>
<nav aria-label="Sections"><ul><li><a href="/politics">Politics</a></li><li><a href="/world">World</a></li>
<li><a href="/opinion">“Opinion,” she said</a></li></ul></nav></header>`;
const SIDEBAR = `<aside class="sidebar"><h2>Most read</h2><ul>
<li><a href="/a">"We will win," the coach said after the match on Sunday evening.</a></li>
<li><a href="/b">"Prices are too high," shoppers told reporters in a crowded market.</a></li></ul></aside>`;
const FOOTER = `<footer class="site-footer"><p>"Best newspaper in town," said Jane Reader, a subscriber. © The Daily Fixture.</p>
<nav><a href="/about">About</a> · <a href="/privacy">Privacy</a></nav></footer>`;

function page(title, body, { csp } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ""}
<title>${esc(title)}</title><link rel="stylesheet" href="/site.css"></head><body>${CHROME_TOP}
<div class="layout"><main>${body}</main>${SIDEBAR}</div>${FOOTER}</body></html>`;
}

const SITE_CSS = `body { font: 18px/1.6 Georgia, serif; margin: 0; color: #222; background: #fff; }
.site-header { display: flex; gap: 2rem; padding: 1rem 2rem; border-bottom: 3px solid #222; font: 600 16px system-ui, sans-serif; }
.site-header ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
.layout { display: grid; grid-template-columns: minmax(0, 42rem) 16rem; gap: 2rem; padding: 1rem 2rem; }
.sidebar { font: 14px/1.4 system-ui, sans-serif; border-left: 1px solid #ccc; padding-left: 1rem; }
.site-footer { border-top: 1px solid #ccc; padding: 1rem 2rem; font: 13px system-ui, sans-serif; color: #555; }
figcaption { font: italic 14px system-ui, sans-serif; color: #555; }`;

function seedArticle(paras = BODY) {
  return `<article><h1>Sessions denies contacts with Russian officials</h1>
<p class="byline">By A. Reporter · March 2, 2017</p>
<figure><div class="photo" style="height:60px;background:#ddd"></div><figcaption>${esc(CAPTION)}</figcaption></figure>
${paras.map((p) => `<p>${esc(p)}</p>`).join("\n")}</article>`;
}

// (3) nested containers, links inside paragraphs, an ad box between paragraphs
function nestedArticle() {
  const linkify = (p) =>
    esc(p)
      .replace("Washington Post", '<a href="/wapo">Washington Post</a>')
      .replace("NBC News", '<a href="/nbc"><b>NBC</b> News</a>')
      .replace("Al Franken", '<a href="/franken">Al Franken</a>');
  const half = Math.ceil(BODY.length / 2);
  const part = (ps) => `<div class="story-section"><div class="story-inner">${ps.map((p) => `<p>${linkify(p)}</p>`).join("\n")}</div></div>`;
  return `<div class="story"><h1>Sessions denies contacts</h1><div class="story-body" itemprop="articleBody">
<div class="media"><figure><figcaption>${esc(CAPTION)}</figcaption></figure></div>
${part(BODY.slice(0, half))}
<div class="share-bar"><a href="/share">Share this story — "Read more," says the button</a></div>
<div class="wrapper"><div class="deep">${part(BODY.slice(half))}</div></div></div></div>`;
}

// (4) non-ASCII: curly quotes, accents, emoji
const UNICODE_EXTRA = [
  "“Nous ne fermerons pas le quartier 🎉 des cafés,” said José Álvarez-Müller, the mayor of Montréal, on Tuesday.",
  "“Nobody asked us — not once 😡,” Zoë Brontë, a shop owner, told reporters.",
];
const curly = (p) => p.replace(/"([^"]*)"/g, "“$1”").replace(/(\w)'(\w)/g, "$1’$2");
const UNICODE_BODY = [...BODY.map(curly), ...UNICODE_EXTRA];
// what the extension should read from each page: the caption, then the body paragraphs
const articleText = (paras) => [CAPTION, ...paras].join("\n\n");

const FIXTURES = {
  "/seed.html": { html: page("Sessions denies contacts — The Daily Fixture", seedArticle()), text: articleText(BODY) },
  "/strict.html": {
    html: page("Sessions (strict CSP) — The Daily Fixture", seedArticle(), { csp: "default-src 'self'; script-src 'self'" }),
    headers: { "content-security-policy": "default-src 'self'; script-src 'self'" },
    text: articleText(BODY),
  },
  "/nested.html": { html: page("Sessions (nested) — The Daily Fixture", nestedArticle()), text: articleText(BODY) },
  "/unicode.html": { html: page("Sessions — ünïcödé 🎉 — The Daily Fixture", seedArticle(UNICODE_BODY)), text: articleText(UNICODE_BODY) },
  "/empty.html": { html: page("Nothing here", `<p>Short.</p>`) },
  "/site.css": { body: SITE_CSS, type: "text/css" },
};

// ------------------------------------------------------------------ setup
let server;
let base;
let context;
let sw;
let extId;
let ql; // wasm in Node: the expected analysis of each fixture's text
const requests = [];

before(async () => {
  assert.ok(fs.existsSync(path.join(EXT, "manifest.json")), "dist/extension-chrome is built (./build.sh)");
  fs.mkdirSync(SHOTS, { recursive: true });
  server = http.createServer((req, res) => {
    const f = FIXTURES[new URL(req.url, "http://x").pathname];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": f.type ?? "text/html; charset=utf-8", ...(f.headers ?? {}) });
    res.end(f.html ?? f.body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "ql-ext-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [...CHROMIUM_ARGS, "--enable-unsafe-extension-debugging", `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  context.on("request", (r) => requests.push(r.url()));
  sw = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  extId = new URL(sw.url()).host;
  ql = await loadWasm();
});

after(async () => {
  await context?.close();
  await new Promise((r) => server?.close(r) ?? r());
});

async function tabPage() {
  return context.pages()[0] ?? (await context.newPage());
}

/** The toolbar click (grants activeTab; the extension's own handler toggles the panel). */
async function clickToolbar(page) {
  const cdp = await context.browser()?.newBrowserCDPSession();
  assert.ok(cdp, "a browser CDP session");
  const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{}] }); // tab targets are filtered out by default
  const target = targetInfos.find((t) => t.type === "tab" && t.url === page.url()) ?? targetInfos.find((t) => t.type === "page" && t.url === page.url());
  assert.ok(target, `a page target for ${page.url()}`);
  await cdp.send("Extensions.triggerAction", { id: extId, targetId: target.targetId });
  await cdp.detach();
}

const activeTabId = () => sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);

/** Opens a fixture, grants access by a toolbar click, returns { page, tabId, before }. */
async function openFixture(p) {
  const page = await tabPage();
  await page.goto(base + p);
  const before = await snapshot(page);
  await clickToolbar(page);
  const tabId = await activeTabId();
  await waitForActiveTab(sw, tabId);
  // the click opened the panel; wait for it to settle before calling analyzeTab ourselves
  await page.waitForFunction(() => document.querySelector("quote-lens-panel")?.shadowRoot?.querySelector('[data-testid="status"]')?.dataset.kind !== "busy");
  return { page, tabId, before };
}

const analyzeTab = (tabId, opts) => sw.evaluate(({ id, o }) => globalThis.analyzeTab(id, o), { id: tabId, o: opts });

/** The article as the page has it: body HTML and every text node under <body>. */
const snapshot = (page) =>
  page.evaluate(() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode()); ) texts.push(n.data);
    return { html: document.body.innerHTML, texts };
  });

/** Every ql-* highlight range, read in the page's main world. */
const readRanges = (page) =>
  page.evaluate(() => {
    const out = [];
    const blockOf = (n) => (n.nodeType === 1 ? n : n.parentElement).closest("p,div,li,blockquote,h1,h2,h3,h4,h5,h6,article,section,figcaption");
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("ql-")) continue;
      for (const r of h) {
        const el = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentElement;
        out.push({
          name,
          text: r.toString(),
          furniture: !!el.closest("nav, aside, footer, header.site-header, .share-bar"),
          crossing: blockOf(r.startContainer) !== blockOf(r.endContainer),
        });
      }
    }
    return out;
  });

const norm = (s) => s.replace(/\s+/g, " ").trim();
/** A fragment as the pieces a highlight can cover (one per paragraph). */
const pieces = (s) => s.split(/\n\s*\n/).map(norm).filter(Boolean);

async function assertAnalysed(t, p, { screenshot } = {}) {
  const { page, tabId, before } = await openFixture(p);
  const result = await analyzeTab(tabId);
  assert.equal(result.state, "ready", `analyzeTab: ${JSON.stringify(result?.message)}`);
  const { analysis, text } = result;
  if (process.env.QL_DEBUG) console.log(p, result.how, JSON.stringify(text.slice(0, 400)), "…", JSON.stringify(text.slice(-200)));
  assert.equal(analysis.unit, "utf16");

  // highlights: ql- names, each range's text is exactly an attributed fragment (or a paragraph piece of one)
  const ranges = await readRanges(page);
  const speakerRanges = ranges.filter((r) => r.name.startsWith("ql-speaker-"));
  assert.ok(speakerRanges.length > 0, "speaker highlights exist");
  for (const r of ranges) assert.match(r.name, /^ql-(speaker-(\d+|other)|conflict|focus)$/);
  const fragmentPieces = new Set(analysis.attributions.flatMap((a) => a.content.flatMap(([s, e]) => pieces(text.slice(s, e)))));
  for (const r of speakerRanges) assert.ok(fragmentPieces.has(norm(r.text)), `${r.name} range ${JSON.stringify(r.text)} is an attributed fragment`);
  assert.deepEqual(ranges.filter((r) => r.furniture).map((r) => r.text), [], "no highlight in nav, sidebar, footer or share bar");
  assert.deepEqual(ranges.filter((r) => r.crossing).map((r) => r.text), [], "no range crosses a block");

  // the expected quotes: Sessions' quotes found by the engine on the plain article text are all highlighted
  const expected = ql.analyze(FIXTURES[p].text);
  const sIdx = expected.entities.findIndex((e) => e.name === "Jeff Sessions");
  assert.ok(sIdx >= 0);
  const want = expected.attributions.filter((a) => a.speaker === sIdx && a.kind !== "indirect").flatMap((a) => a.content.flatMap(([s, e]) => pieces(FIXTURES[p].text.slice(s, e))));
  const got = new Set(speakerRanges.map((r) => norm(r.text)));
  assert.ok(want.length >= 4, "the seed has several direct Sessions quotes");
  for (const w of want) assert.ok(got.has(w), `Sessions' quote is highlighted: ${JSON.stringify(w)}`);
  t.diagnostic(`${speakerRanges.length} speaker ranges; ${want.length} Sessions pieces expected and found`);

  // the panel: open shadow root, legend with Jeff Sessions, conflict cards
  const host = page.locator("quote-lens-panel");
  assert.equal(await host.count(), 1);
  assert.equal(await page.evaluate(() => document.querySelector("quote-lens-panel").shadowRoot?.mode), "open");
  const speakers = await host.locator('[data-testid="speaker-legend"] [data-testid="speaker"]').allTextContents();
  assert.ok(speakers.some((s) => s.includes("Jeff Sessions")), `legend: ${JSON.stringify(speakers)}`);
  assert.equal(await host.locator('[data-testid="quote-item"]').count(), analysis.attributions.length);
  assert.equal(await host.locator('[data-testid="claim-item"]').count(), analysis.claims.length);
  if (analysis.conflicts.length) assert.ok((await host.locator('[data-testid="conflict-card"]').count()) >= 1, "a conflict card");
  for (const id of ["export-json", "export-csv", "status"]) assert.equal(await host.locator(`[data-testid="${id}"]`).count(), 1, id);

  // the article DOM is untouched
  const after = await snapshot(page);
  assert.equal(after.html, before.html, "body HTML unchanged");
  assert.deepEqual(after.texts, before.texts, "text nodes unchanged");
  if (screenshot) await page.screenshot({ path: path.join(SHOTS, screenshot) });
  return { page, tabId, result };
}

// ------------------------------------------------------------------ tests
test("manifests: permissions, CSP, background, gecko settings; web-ext lint passes", () => {
  const chrome = JSON.parse(fs.readFileSync(path.join(EXT, "manifest.json"), "utf8"));
  const firefox = JSON.parse(fs.readFileSync(path.join(FIREFOX, "manifest.json"), "utf8"));
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.ok(m.permissions.includes("activeTab") && m.permissions.includes("scripting"));
    for (const p of m.permissions) assert.ok(["activeTab", "scripting", "storage", "contextMenus"].includes(p), `permission ${p}`);
    assert.equal(m.host_permissions, undefined);
    assert.equal(m.optional_host_permissions, undefined);
    assert.equal(m.content_scripts, undefined, "nothing injected without a click");
    assert.ok(!JSON.stringify(m).includes("<all_urls>"));
    assert.ok(m.action);
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    for (const s of [16, 32, 48, 128]) {
      const png = fs.readFileSync(path.join(EXT, m.icons[s]));
      assert.equal(png.readUInt32BE(16), s, `icon ${s} is ${s}px`);
    }
  }
  assert.deepEqual(chrome.background, { service_worker: "background.js", type: "module" });
  assert.ok(Array.isArray(firefox.background.scripts) && !firefox.background.service_worker);
  const gecko = firefox.browser_specific_settings.gecko;
  assert.ok(gecko.id);
  assert.ok(Number.parseFloat(gecko.strict_min_version) >= 140);
  assert.deepEqual(gecko.data_collection_permissions, { required: ["none"] });
  for (const zip of ["extension-chrome.zip", "extension-firefox.zip"]) assert.ok(fs.statSync(path.join(ROOT, "dist", zip)).size > 100000, zip);
  // no remote code: nothing in the bundles points at a URL to load code from
  for (const f of ["background.js", "content.js"]) {
    const src = fs.readFileSync(path.join(EXT, f), "utf8");
    assert.doesNotMatch(src, /importScripts\(|\bimport\(\s*["'`]https?:/, f);
  }
  const out = execFileSync(path.join(ROOT, "node_modules/.bin/web-ext"), ["lint", "--source-dir", FIREFOX, "--no-input", "--output", "json"], { encoding: "utf8" });
  const lint = JSON.parse(out);
  assert.equal(lint.summary.errors, 0, JSON.stringify(lint.errors));
  // the only accepted warnings are Readability's innerHTML on its inert clone
  for (const w of lint.warnings) assert.equal(w.code, "UNSAFE_VAR_ASSIGNMENT", JSON.stringify(w));
});

test("(1) the seed article on a news page: highlights, legend, conflicts, untouched article; screenshot", async (t) => {
  const { page } = await assertAnalysed(t, "/seed.html", { screenshot: "extension-seed.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  const host = page.locator("quote-lens-panel");
  await host.locator('[data-testid="quote-item"]').nth(1).click();
  await page.screenshot({ path: path.join(SHOTS, "extension-seed-dark-focus.png") });
  await page.emulateMedia({ colorScheme: "light" });
});

test("(2) a page whose CSP forbids wasm and inline styles", async (t) => {
  const { page } = await assertAnalysed(t, "/strict.html", { screenshot: "extension-strict-csp.png" });
  const styled = await page.evaluate(() => getComputedStyle(document.querySelector("quote-lens-panel").shadowRoot.querySelector(".qlf")).backgroundColor);
  assert.notEqual(styled, "rgba(0, 0, 0, 0)", "the panel is styled under a strict CSP");
});

test("(3) an article split across nested containers with links inside paragraphs", async (t) => {
  await assertAnalysed(t, "/nested.html", { screenshot: "extension-nested.png" });
});

test("(4) non-ASCII text: emoji, curly quotes, accented names", async (t) => {
  const { page, result } = await assertAnalysed(t, "/unicode.html");
  const ranges = await readRanges(page);
  const texts = ranges.map((r) => r.text);
  assert.ok(texts.some((s) => s.includes("🎉")), `an emoji quote is highlighted exactly: ${JSON.stringify(texts)}`);
  const names = result.analysis.entities.map((e) => e.name);
  assert.ok(names.some((n) => /Álvarez/.test(n)), `accented name found: ${JSON.stringify(names)}`);
});

test("the toolbar button toggles the panel and highlights off and on; analyzeTab never toggles", async () => {
  const { page, tabId } = await openFixture("/seed.html");
  assert.equal(await page.locator("quote-lens-panel").count(), 1, "the click opened the panel");
  await analyzeTab(tabId);
  await analyzeTab(tabId);
  assert.equal(await page.locator("quote-lens-panel").count(), 1, "analyzeTab twice: still open");
  await clickToolbar(page);
  await page.waitForFunction(() => !document.querySelector("quote-lens-panel"));
  assert.equal((await readRanges(page)).length, 0, "highlights removed");
  await clickToolbar(page);
  await page.waitForFunction(() => document.querySelector("quote-lens-panel")?.shadowRoot?.querySelector('[data-testid="status"]')?.dataset.kind === "done");
  assert.ok((await readRanges(page)).length > 0, "highlights back");
});

test("clear messages: no article, over the size limit, restricted pages", async () => {
  {
    const { page, tabId } = await openFixture("/empty.html");
    const r = await analyzeTab(tabId);
    assert.equal(r.state, "no-article");
    assert.match(await page.locator('quote-lens-panel [data-testid="status"]').textContent(), /no article text/);
  }
  {
    const { page, tabId } = await openFixture("/seed.html");
    const r = await analyzeTab(tabId, { maxBytes: 1000 });
    assert.equal(r.state, "too-large");
    assert.match(await page.locator('quote-lens-panel [data-testid="status"]').textContent(), /too large/);
    assert.equal((await readRanges(page)).length, 0, "nothing partially applied");
  }
  {
    const page = await tabPage();
    await page.goto("chrome://version");
    const tabId = await activeTabId();
    const err = await sw.evaluate((id) => globalThis.analyzeTab(id).then(() => "resolved", (e) => e.message), tabId);
    assert.match(err, /^RESTRICTED_PAGE: /);
    const title = await sw.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
    assert.match(title, /cannot read this page/);
  }
});

test("Analyse selection: only the selected paragraph is analysed and highlighted", async () => {
  const { page, tabId } = await openFixture("/seed.html");
  const para = BODY.findIndex((p) => p.startsWith('"I never met'));
  await page.evaluate((i) => {
    const p = document.querySelectorAll("article > p:not(.byline)")[i];
    getSelection().selectAllChildren(p);
  }, para);
  const r = await analyzeTab(tabId, { mode: "selection" });
  assert.equal(r.state, "ready", r.message);
  const ranges = (await readRanges(page)).filter((x) => x.name.startsWith("ql-speaker-"));
  assert.ok(ranges.length >= 1);
  for (const x of ranges) assert.ok(BODY[para].includes(x.text), `range inside the selection: ${x.text}`);
  const items = await page.locator('quote-lens-panel [data-testid="quote-item"]').count();
  assert.equal(items, r.analysis.attributions.length);
});

test("nothing left 127.0.0.1 or the extension", () => {
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|chrome-extension:\/\/|chrome:\/\/|data:|blob:|about:)/.test(u));
  assert.deepEqual(outside, []);
  assert.ok(requests.some((u) => u.startsWith(base)));
});
