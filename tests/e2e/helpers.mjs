// Browser test helpers: Chromium from /usr/bin via playwright-core, a static
// server on 127.0.0.1 with a request log, and small DOM queries.
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../../www/build/serve.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SITE = path.join(ROOT, "dist/site");
export const SINGLE = path.join(ROOT, "dist/quotelens.html");
export const SEED_TEXT = fs.readFileSync(path.join(ROOT, "www/site/sample/sessions.txt"), "utf8");
export const SHOTS = path.join(ROOT, "target/screenshots");

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

/** Serves dist/site; returns { url, requests, close }. */
export async function serveSite() {
  const requests = [];
  const server = await serve(SITE, { onRequest: (u) => requests.push(u) });
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((r) => server.close(r)) };
}

/** Collects every request the page makes and every console error / page error. */
export function watch(page) {
  const log = { requests: [], errors: [] };
  page.on("request", (r) => log.requests.push(r.url()));
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(m.text());
  });
  return log;
}

/** Waits until the status says the analysis is done (or failed). */
export async function waitForResult(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="status"]');
    return s && (s.dataset.kind === "done" || s.dataset.kind === "error");
  });
  const kind = await page.getAttribute('[data-testid="status"]', "data-kind");
  if (kind !== "done") throw new Error(`analysis failed: ${await page.textContent('[data-testid="status"]')}`);
}

/** Reads every ql-* highlight: { name: [rangeText, ...] } plus whether any range crosses a block. */
export function readHighlights(page) {
  return page.evaluate(() => {
    const out = {};
    const crossing = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("ql-")) continue;
      out[name] = [];
      for (const r of h) {
        out[name].push(r.toString());
        const block = (n) => (n.nodeType === 1 ? n : n.parentElement).closest("p,div,li,blockquote,h1,h2,h3,h4,h5,h6,article,section");
        if (block(r.startContainer) !== block(r.endContainer)) crossing.push(name);
      }
    }
    return { groups: out, crossing };
  });
}

/** The latest { analysis, text } the page rendered. */
export const lastResult = (page) => page.evaluate(() => globalThis.quotelens.last);

/**
 * The core assertions shared by the served page and the offline file:
 * legend, quote items, highlight ranges, conflicts (or the empty state).
 */
export async function assertCoreResults(t, assert, page) {
  const { analysis, text } = await lastResult(page);
  assert.equal(analysis.unit, "utf16");
  const sessions = analysis.entities.findIndex((e) => e.name === "Jeff Sessions");
  assert.ok(sessions >= 0, "Jeff Sessions is an entity");
  const count = analysis.attributions.filter((a) => a.speaker === sessions).length;

  // legend: one `speaker` per speaker; Jeff Sessions with his quote count
  const legend = await page.$$eval('[data-testid="speaker-legend"] [data-testid="speaker"]', (els) =>
    els.map((e) => ({ name: e.querySelector(".ql-name").textContent, count: Number(e.querySelector(".ql-count").textContent), slot: e.dataset.slot })),
  );
  const distinct = new Set(analysis.attributions.map((a) => a.speaker).filter((s) => s !== null));
  assert.equal(legend.length, distinct.size, "one legend entry per speaker");
  const row = legend.find((l) => l.name === "Jeff Sessions");
  assert.ok(row, `legend lists Jeff Sessions: ${JSON.stringify(legend)}`);
  assert.equal(row.count, count, "Sessions' quote count");

  // one quote-item per attribution, in text order
  const ids = await page.$$eval('[data-testid="quote-item"]', (els) => els.map((e) => Number(e.dataset.id)));
  assert.equal(ids.length, analysis.attributions.length);
  const startOf = (id) => {
    const a = analysis.attributions[id];
    return Math.min(...(a.content.length ? a.content : [a.cue]).map((s) => s[0]));
  };
  for (let i = 1; i < ids.length; i++) assert.ok(startOf(ids[i - 1]) <= startOf(ids[i]), "quote items in text order");
  assert.equal(await page.locator('[data-testid="claim-item"]').count(), analysis.claims.length);

  // every ql-speaker range is (a paragraph piece of) a content fragment; ql-conflict ranges are claim text
  const { groups, crossing } = await readHighlights(page);
  assert.deepEqual(crossing, [], "no range crosses a block element");
  const fragments = analysis.attributions.flatMap((a) => a.content.map(([s, e]) => text.slice(s, e)));
  const claimTexts = analysis.claims.map((c) => text.slice(c.span[0], c.span[1]));
  const speakerNames = Object.keys(groups).filter((n) => n.startsWith("ql-speaker-"));
  assert.ok(speakerNames.includes("ql-speaker-0"), "ql-speaker-0 is set");
  for (const name of speakerNames) {
    assert.match(name, /^ql-speaker-(\d+|other)$/);
    for (const r of groups[name]) {
      assert.ok(r.length > 0);
      assert.ok(fragments.some((f) => f === r || (f.includes(r) && f.includes("\n"))), `${name} range ${JSON.stringify(r)} is a quote of the analysis`);
    }
  }
  // Sessions' quotes are in slot 0 (he is first in the legend)
  assert.equal(legend[0].name, "Jeff Sessions");
  const sessionsFragments = analysis.attributions.filter((a) => a.speaker === sessions).flatMap((a) => a.content.map(([s, e]) => text.slice(s, e)));
  for (const r of groups["ql-speaker-0"]) assert.ok(sessionsFragments.some((f) => f.includes(r)));

  // conflicts: a card linking the sworn denial and the Post report, or the empty state
  const cards = page.locator('[data-testid="conflict-card"]');
  if (analysis.conflicts.length) {
    assert.equal(await cards.count(), analysis.conflicts.length);
    const texts = await cards.allTextContents();
    assert.ok(texts.some((c) => /Sessions/.test(c) && /Washington Post/.test(c)), `a conflict card mentions Sessions and the Washington Post: ${JSON.stringify(texts)}`);
    for (const r of groups["ql-conflict"] ?? []) assert.ok(claimTexts.some((c) => c.includes(r)), `ql-conflict range ${JSON.stringify(r)} is claim text`);
    t.diagnostic(`${analysis.conflicts.length} conflict(s) shown`);
  } else {
    assert.equal(await cards.count(), 0);
    assert.ok(await page.locator('[data-testid="conflicts-empty"]').isVisible(), "empty state shown");
    t.diagnostic("no conflicts yet: empty state asserted");
  }
  return { analysis, text };
}

/**
 * Polls until the extension's background can reach `tabId` (the activeTab grant from a toolbar click
 * lands a moment after the click). `sw` is the extension's service worker.
 */
export async function waitForActiveTab(sw, tabId) {
  for (let i = 0; i < 100; i++) {
    const ok = await sw.evaluate(async (id) => {
      try {
        await chrome.scripting.executeScript({ target: { tabId: id }, func: () => 1 });
        return true;
      } catch {
        return false;
      }
    }, tabId);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("activeTab was never granted");
}
