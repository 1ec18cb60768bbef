// The served page (dist/site) in Chromium: sample, legend, highlights,
// conflicts, keyboard, exports, file drop, worker + cancel, privacy, axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, serveSite, watch, waitForResult, readHighlights, assertCoreResults, lastResult, SEED_TEXT, SHOTS, ROOT } from "./helpers.mjs";

let srv;
let browser;
const allRequests = [];

before(async () => {
  srv = await serveSite();
  browser = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

async function open(opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...opts });
  const page = await context.newPage();
  const log = watch(page);
  page.on("request", (r) => allRequests.push(r.url()));
  await page.goto(srv.url);
  await page.waitForFunction(() => /Ready/.test(document.querySelector('[data-testid="status"]').textContent));
  return { context, page, log };
}

async function openWithSample(opts) {
  const o = await open(opts);
  await o.page.click('[data-testid="sample-button"]');
  await waitForResult(o.page);
  return o;
}

test("the sample: legend, quote items, highlights, conflicts; screenshots light and dark", async (t) => {
  const { context, page, log } = await openWithSample();
  assert.equal(await page.inputValue('[data-testid="article-input"]'), SEED_TEXT, "the sample is the seed article");
  await assertCoreResults(t, assert, page);
  // the CSP is in a meta tag, exactly
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.equal(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'");
  await page.screenshot({ path: path.join(SHOTS, "site-light.png") });
  await page.screenshot({ path: path.join(SHOTS, "site-light-full.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: path.join(SHOTS, "site-dark.png") });
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.screenshot({ path: path.join(SHOTS, "site-dark-focus.png") });
  // the manual toggle overrides the system setting
  await page.click("#theme-toggle"); // system → dark
  await page.click("#theme-toggle"); // dark → light
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(251, 250, 247)", "light theme forced while the system is dark");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("extract + anchor: block boundaries, collapsed whitespace, ranges split per block", async () => {
  const { context, page } = await open();
  const r = await page.evaluate(async () => {
    const { extractText } = await import("./lib/extract.js");
    const { anchorSpans, textOffsetAt } = await import("./lib/anchor.js");
    const root = document.createElement("div");
    // built with DOM calls: no HTML parsing of test text
    const p1 = document.createElement("p");
    const b = document.createElement("b");
    b.append("big");
    p1.append("Hello  ", b, "\n   world ");
    const ul = document.createElement("ul");
    const li = document.createElement("li");
    li.append("\u201cQuote one,\u201d he said.");
    const hidden = document.createElement("script");
    hidden.append("var x = 1;");
    ul.append(li);
    root.append(p1, hidden, ul);
    document.body.append(root);
    const map = extractText(root);
    const big = map.text.indexOf("big world");
    const [one, two] = anchorSpans(map, [[big, big + 9], [big + 4, map.text.indexOf(",")]]);
    const out = {
      text: map.text,
      one: one.map((x) => x.toString()),
      two: two.map((x) => x.toString()),
      back: textOffsetAt(map, p1.lastChild, 4),
    };
    // the DOM changes: anchoring falls back to searching for the text
    p1.prepend("New words. ");
    const moved = anchorSpans(map, [[big, big + 3]], { reextract: () => extractText(root) })[0].map((x) => x.toString());
    root.remove();
    return { ...out, moved };
  });
  assert.equal(r.text, "Hello big world\n\n\u201cQuote one,\u201d he said.");
  assert.deepEqual(r.one, ["big\n   world"], "one range, raw whitespace inside");
  assert.deepEqual(r.two, ["world", "\u201cQuote one"], "split at the block boundary");
  assert.equal(r.back, r.text.indexOf("world"));
  assert.deepEqual(r.moved, ["big"]);
  await context.close();
});

test("lib/render.js renders into a shadow root (for the extension and the embed)", async () => {
  const { context, page } = await open();
  const r = await page.evaluate(async () => {
    const { createEngine } = await import("./lib/engine.js");
    const { createView } = await import("./lib/render.js");
    const { renderPlainText } = await import("./lib/extract.js");
    const text = await (await fetch("./sample/sessions.txt")).text();
    const analysis = await createEngine({}).analyze(text);
    const article = document.createElement("div");
    document.body.append(article);
    const host = document.createElement("div");
    const shadow = host.attachShadow({ mode: "open" });
    document.body.append(host);
    for (const name of [...CSS.highlights.keys()]) CSS.highlights.delete(name);
    const view = createView(shadow, {});
    view.show({ analysis, text, textMap: renderPlainText(article, text) });
    return {
      legend: shadow.querySelectorAll('[data-testid="speaker-legend"] [data-testid="speaker"]').length,
      items: shadow.querySelectorAll('[data-testid="quote-item"]').length,
      inDocument: document.querySelectorAll(".ql-panel").length,
      shadowSheets: shadow.adoptedStyleSheets.length,
      docHasHighlightRules: document.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes("::highlight(ql-speaker-0)"))),
      highlight: CSS.highlights.has("ql-speaker-0"),
      attributions: analysis.attributions.length,
    };
  });
  assert.ok(r.legend > 0);
  assert.equal(r.items, r.attributions);
  assert.equal(r.inDocument, 1, "only the page's own panel is in the light DOM");
  assert.ok(r.shadowSheets > 0 && r.docHasHighlightRules && r.highlight);
  await context.close();
});

test("keyboard: j/k move focus through quotes, c to conflicts, h toggles highlights, ? help", async () => {
  const { context, page } = await openWithSample();
  await page.evaluate(() => document.activeElement?.blur());
  const focused = () => page.evaluate(() => ({ testid: document.activeElement?.dataset.testid ?? null, id: document.activeElement?.dataset.id ?? null }));
  const ids = await page.$$eval('[data-testid="quote-item"]', (els) => els.map((e) => e.dataset.id));
  await page.keyboard.press("j");
  assert.deepEqual(await focused(), { testid: "quote-item", id: ids[0] });
  assert.ok(await page.evaluate(() => CSS.highlights.has("ql-focus")), "focus highlight set");
  const focusText = await page.evaluate(() => [...CSS.highlights.get("ql-focus")].map((r) => r.toString()).join(""));
  assert.ok(focusText.length > 0);
  await page.keyboard.press("j");
  assert.deepEqual(await focused(), { testid: "quote-item", id: ids[1] });
  await page.keyboard.press("k");
  assert.deepEqual(await focused(), { testid: "quote-item", id: ids[0] });
  // hovering card: focusing a quote shows its speaker and cue
  assert.ok(await page.locator(".ql-tip").isVisible());
  assert.match(await page.textContent(".ql-tip"), /Jeff Sessions|\w/);
  const { analysis } = await lastResult(page);
  await page.keyboard.press("c");
  if (analysis.conflicts.length) assert.equal((await focused()).testid, "conflict-card");
  await page.keyboard.press("h");
  assert.equal(await page.evaluate(() => CSS.highlights.has("ql-speaker-0")), false, "highlights hidden");
  await page.keyboard.press("h");
  assert.equal(await page.evaluate(() => CSS.highlights.has("ql-speaker-0")), true, "highlights shown");
  await page.keyboard.press("?");
  assert.ok(await page.locator(".ql-help").isVisible(), "help shown");
  await page.keyboard.press("?");
  assert.ok(!(await page.locator(".ql-help").isVisible()), "help hidden");
  // activating a quote in the list scrolls to and marks its text
  await page.locator('[data-testid="quote-item"]').last().click();
  const marked = await page.evaluate(() => [...CSS.highlights.get("ql-focus")].map((r) => r.toString()));
  const last = analysis.attributions.find((a) => String(a.id) === ids.at(-1));
  const { text } = await lastResult(page);
  assert.ok(marked.every((m) => last.content.some(([s, e]) => text.slice(s, e).includes(m))));
  await context.close();
});

test("hovering a highlighted quote shows its speaker and cue", async () => {
  const { context, page } = await openWithSample();
  const { analysis, text } = await lastResult(page);
  const a = analysis.attributions.find((x) => x.kind === "direct" && x.cue);
  const box = await page.evaluate(([s]) => {
    const p = [...document.querySelectorAll("#article p")];
    // find the text node and offset for s
    let acc = 0;
    for (const el of p) {
      const node = el.firstChild;
      const data = node.data;
      const start = globalThis.quotelens.last.text.indexOf(data, acc);
      if (s >= start && s < start + data.length) {
        const r = document.createRange();
        r.setStart(node, s - start + 2);
        r.setEnd(node, s - start + 3);
        r.startContainer.parentElement.scrollIntoView({ block: "center" });
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
      acc = start + data.length;
    }
    return null;
  }, a.content[0]);
  assert.ok(box, "found the quote on screen");
  await page.mouse.move(box.x, box.y);
  await page.waitForSelector(".ql-tip:not([hidden])");
  const tip = await page.textContent(".ql-tip");
  const speaker = analysis.entities[a.speaker]?.name ?? "Unknown speaker";
  assert.ok(tip.includes(speaker), `tooltip ${JSON.stringify(tip)} names ${speaker}`);
  assert.ok(tip.includes(text.slice(a.cue[0], a.cue[1])), "tooltip names the cue");
  await context.close();
});

test("exports download valid JSON and CSV", async () => {
  const { context, page } = await openWithSample();
  const { analysis } = await lastResult(page);
  const [dj] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-json"]')]);
  const json = JSON.parse(fs.readFileSync(await dj.path(), "utf8"));
  assert.equal(dj.suggestedFilename(), "quotelens.json");
  assert.equal(json.attributions.length, analysis.attributions.length);
  assert.equal(json.unit, "utf16");
  const [dc] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-csv"]')]);
  const csv = fs.readFileSync(await dc.path(), "utf8");
  assert.equal(dc.suggestedFilename(), "quotelens.csv");
  assert.match(csv, /^id,kind,speaker,source,cue,text,start,end,rule,confidence\r\n/);
  assert.ok(csv.includes("Jeff Sessions"));
  await context.close();
});

test("dropping an .html file: Readability on an inert document, no script runs", async (t) => {
  const { context, page, log } = await open();
  const paras = SEED_TEXT.split(/\n\s*\n/).slice(1);
  const html = `<!doctype html><html><head><title>Sessions and the ambassador</title><script>window.__pwned = 1</script></head>
<body><nav><a href="/">Home</a> <a href="/x">Politics</a></nav><img src="http://example.invalid/tracker.png" onerror="window.__pwned = 2">
<article><h1>Sessions and the ambassador</h1>${paras.map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`).join("\n")}</article>
<footer>© Somebody</footer></body></html>`;
  await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], "article.html", { type: "text/html" }));
    const zone = document.getElementById("dropzone");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, html);
  await waitForResult(page);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no script or handler from the file ran");
  const value = await page.inputValue('[data-testid="article-input"]');
  assert.ok(value.includes("Sessions spoke with Kislyak"), "article text extracted");
  assert.ok(!value.includes("Politics"), "navigation left out");
  assert.ok(/\n\n/.test(value), "paragraphs separated by blank lines");
  assert.ok(await page.locator('[data-testid="speaker"]', { hasText: "Jeff Sessions" }).count());
  assert.match(await page.textContent('[data-testid="summary"]'), /Sessions and the ambassador/);
  assert.ok(!log.requests.some((u) => u.includes("example.invalid")), "nothing from the file was fetched");
  // a .txt through the file picker
  await page.setInputFiles('[data-testid="file-input"]', { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("“We are ready,” the coach said.\n\n“So are we,” Maria Lopez said.") });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="quote-item"]').length === 2);
  t.diagnostic("html drop and txt pick both analysed");
  await context.close();
});

test("long texts run in the worker with progress, and can be cancelled", async () => {
  const { context, page, log } = await open();
  const fill = (n) => page.evaluate(([t, k]) => {
      document.querySelector('[data-testid="article-input"]').value = Array(k).fill(t).join("\n\n");
    }, [SEED_TEXT, n]);
  await fill(40);
  await page.click('[data-testid="analyze-button"]');
  await waitForResult(page);
  assert.ok(log.requests.some((u) => u.endsWith("/lib/worker.js")), "the worker was used");
  assert.equal(await page.locator('[data-testid="quote-item"]').count(), (await lastResult(page)).analysis.attributions.length);
  // cancel a very long one
  await fill(2500);
  await page.click('[data-testid="analyze-button"]');
  await page.locator("#cancel-button").click({ timeout: 5000 });
  await page.waitForFunction(() => /Cancelled/.test(document.querySelector('[data-testid="status"]').textContent));
  assert.ok(await page.isEnabled('[data-testid="analyze-button"]'));
  // and it works again afterwards
  await page.click('[data-testid="sample-button"]');
  await waitForResult(page);
  await context.close();
});

test("axe-core: no serious or critical violations on the analysed page", async () => {
  // bypassCSP only so that the test can inject axe; the page itself is unchanged
  const { context, page } = await openWithSample({ bypassCSP: true });
  await page.addScriptTag({ content: fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8") });
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const res = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
    const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(
      bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`),
      [],
      `${scheme}: serious/critical axe violations`,
    );
  }
  await context.close();
});

test("the page only ever requested its own files", () => {
  const origin = new URL(srv.url).origin;
  assert.ok(allRequests.length > 0);
  const foreign = allRequests.filter((u) => !(u.startsWith(origin + "/") || u.startsWith(`blob:${origin}/`)));
  assert.deepEqual(foreign, [], "only same-origin requests");
  const served = srv.requests.map((u) => u.split("?")[0]);
  assert.ok(served.includes("/pkg/quotelens_bg.wasm"));
});

test("long lists render a page at a time; 'Show more' and j/k reach the rest", async () => {
  const { context, page, log } = await open();
  const r = await page.evaluate(async () => {
    const { createEngine } = await import("./lib/engine.js");
    const { createView } = await import("./lib/render.js");
    const { renderPlainText } = await import("./lib/extract.js");
    const seed = await (await fetch("./sample/sessions.txt")).text();
    const text = Array(6).fill(seed).join("\n\n");
    const analysis = await createEngine({}).analyze(text);
    const article = document.createElement("div");
    document.body.append(article);
    const host = document.createElement("div");
    document.body.append(host);
    const view = createView(host, { pageSize: 25 });
    view.show({ analysis, text, textMap: renderPlainText(article, text) });
    const count = (id) => host.querySelectorAll(`[data-testid="${id}"]`).length;
    const more = () => [...host.querySelectorAll('[data-testid="show-more"]')].filter((b) => !b.hidden);
    const out = { quotes: analysis.attributions.length, claims: analysis.claims.length, first: { q: count("quote-item"), c: count("claim-item") }, buttons: more().map((b) => b.textContent) };
    // the claims' button: one page per click, focus on the first new item
    const claimMore = more().find((b) => / claims /.test(b.textContent));
    claimMore.click();
    out.afterClick = count("claim-item");
    out.focused = document.activeElement?.dataset.testid ?? null;
    while (!claimMore.hidden) claimMore.click();
    out.allClaims = count("claim-item");
    out.claimIds = [...host.querySelectorAll('[data-testid="claim-item"]')].map((b) => Number(b.dataset.id));
    // k from the start goes to the last quote: the list renders up to it
    view.prev();
    const items = host.querySelectorAll('[data-testid="quote-item"]');
    out.afterPrev = items.length;
    out.current = [...items].findIndex((b) => b.getAttribute("aria-current") === "true");
    return out;
  });
  assert.ok(r.quotes > 25 && r.claims > 50, `enough items for several pages: ${r.quotes} quotes, ${r.claims} claims`);
  assert.deepEqual(r.first, { q: 25, c: 25 }, "one page of each list at first");
  assert.ok(r.buttons.some((t) => /Show (25 more|the other \d+) quotes/.test(t)) && r.buttons.some((t) => /claims/.test(t)), JSON.stringify(r.buttons));
  assert.equal(r.afterClick, 50);
  assert.equal(r.focused, "claim-item", "focus moves to the first new item");
  assert.equal(r.allClaims, r.claims, "every claim is reachable");
  assert.equal(new Set(r.claimIds).size, r.claims);
  assert.equal(r.afterPrev, r.quotes, "k from the start renders up to the last quote");
  assert.equal(r.current, r.quotes - 1);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a large worker result arrives in parts and equals the in-thread analysis", async () => {
  const { context, page, log } = await open();
  const r = await page.evaluate(async () => {
    const engineLib = await import("./lib/engine.js");
    const seed = await (await fetch("./sample/sessions.txt")).text();
    const text = Array(150).fill(seed).join("\n\n");
    const engine = engineLib.createEngine({ workerUrl: new URL("./lib/worker.js", location.href), wasmUrl: new URL("./pkg/quotelens_bg.wasm", location.href), workerThreshold: 0 });
    await engine.ready();
    const stages = [];
    const viaWorker = await engine.analyze(text, { onProgress: ({ stage }) => stages.push(stage) });
    const inThread = engineLib.analyze(text);
    engine.dispose();
    return { stages, same: JSON.stringify(viaWorker) === JSON.stringify(inThread), mentions: inThread.mentions.length, module: engineLib.compiledModule() instanceof WebAssembly.Module };
  });
  assert.ok(r.mentions > 5000, `the text is long enough to be sent in parts (${r.mentions} mentions)`);
  assert.ok(r.same, "the reassembled result equals the in-thread result");
  assert.ok(r.stages.includes("transferring"), JSON.stringify(r.stages));
  assert.ok(r.module, "the page compiled the module (handed to the worker)");
  const wasm = log.requests.filter((u) => u.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `the wasm is fetched once (the worker gets the compiled module): ${wasm}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});
