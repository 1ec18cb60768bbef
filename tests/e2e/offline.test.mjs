// The offline single file (dist/quotelens.html) opened from file://: paste the
// seed, same core assertions; no requests beyond the file; CSP by hashes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, watch, waitForResult, assertCoreResults, SINGLE, SEED_TEXT, SHOTS } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(() => browser?.close());

test("dist/quotelens.html from file://: paste the seed, analyse, same results", async (t) => {
  const html = fs.readFileSync(SINGLE, "utf8");
  assert.equal((html.match(/<script\b/g) ?? []).length, 1, "one classic script");
  assert.ok(!/type="module"/.test(html), "no ES modules");
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)[1];
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
  assert.ok(!/unsafe-inline/.test(csp), "no 'unsafe-inline'");

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const log = watch(page);
  const url = pathToFileURL(SINGLE).href;
  await page.goto(url);
  await page.waitForFunction(() => /Ready/.test(document.querySelector('[data-testid="status"]').textContent));
  await page.fill('[data-testid="article-input"]', SEED_TEXT);
  await page.click('[data-testid="analyze-button"]');
  await waitForResult(page);
  await assertCoreResults(t, assert, page);
  await page.screenshot({ path: path.join(SHOTS, "offline-light.png") });

  // the built-in sample works offline too; exports download
  await page.click('[data-testid="sample-button"]');
  await waitForResult(page);
  assert.equal(await page.inputValue('[data-testid="article-input"]'), SEED_TEXT);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-json"]')]);
  assert.ok(JSON.parse(fs.readFileSync(await dl.path(), "utf8")).attributions.length > 0);
  await page.keyboard.press("j");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "quote-item");

  assert.deepEqual(log.errors, [], "no errors (no CSP violations)");
  const foreign = log.requests.filter((u) => u !== url && !u.startsWith("blob:"));
  assert.deepEqual(foreign, [], "no requests beyond the file itself");
  await context.close();
});
