// www/lib without a DOM: the view model, exports, and engine.js error codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT, SEED, loadWasm } from "./helpers.mjs";
import { buildModel, MAX_SPEAKER_SLOTS } from "../../www/lib/model.js";
import { csvCell, toCSV, toJSON, toMarkdown, EXPORT_SCHEMA } from "../../www/lib/export.js";

const ql = await loadWasm();
const seed = fs.readFileSync(SEED, "utf8");
const analysis = ql.analyze(seed);

test("model: legend ordered by quote count, Jeff Sessions first; quotes in text order", () => {
  const m = buildModel(analysis, seed);
  assert.equal(m.speakers[0].name, "Jeff Sessions");
  assert.equal(m.speakers[0].slot, "0");
  const sessions = analysis.entities.findIndex((e) => e.name === "Jeff Sessions");
  assert.equal(m.speakers[0].count, analysis.attributions.filter((a) => a.speaker === sessions).length);
  assert.equal(m.quotes.length, analysis.attributions.length, "one quote item per attribution");
  for (let i = 1; i < m.quotes.length; i++) assert.ok(m.quotes[i - 1].start <= m.quotes[i].start, "text order");
  assert.ok(m.speakers.every((s, i) => s.slot === (i < MAX_SPEAKER_SLOTS && !s.unknown ? String(i) : "other")));
});

test("model: more than seven speakers fold into 'other'; unknown speakers come last", () => {
  const entities = Array.from({ length: 9 }, (_, i) => ({ id: i, name: `P${i}`, kind: "person", attributes: [] }));
  const attributions = [...entities.map((e, i) => ({ id: i, speaker: i, content: [[i * 10, i * 10 + 5]], cue: null, kind: "direct" })),
    { id: 9, speaker: null, content: [[95, 99]], cue: null, kind: "indirect" }];
  const m = buildModel({ entities, attributions, mentions: [], claims: [], conflicts: [], disagreements: [] }, "x".repeat(100));
  assert.deepEqual(m.speakers.map((s) => s.slot), ["0", "1", "2", "3", "4", "5", "6", "other", "other", "other"]);
  assert.equal(m.speakers.at(-1).name, "Unknown speaker");
});

test("CSV: one row per attribution, formula cells escaped", () => {
  for (const [v, want] of [["=SUM(A1)", `"'=SUM(A1)"`], ["+1", `"'+1"`], ["-2", `"'-2"`], ["@x", `"'@x"`], ["\tx", `"'\tx"`], ["\rx", `"'\rx"`], ['say "hi"', '"say ""hi"""'], ["plain", "plain"], [3, "3"]]) {
    assert.equal(csvCell(v), want, JSON.stringify(v));
  }
  const csv = toCSV(analysis, seed);
  const lines = csv.trimEnd().split("\r\n");
  assert.equal(lines[0], "id,kind,speaker,source,cue,text,start,end,rule,confidence");
  // quoted cells may contain newlines; count records by parsing
  assert.equal(parseCsv(csv).length, analysis.attributions.length + 1);
});

test("JSON and Markdown exports", () => {
  const j = JSON.parse(toJSON(analysis, seed, { title: "t" }));
  assert.equal(j.schema, EXPORT_SCHEMA);
  assert.equal(j.unit, "utf16");
  assert.equal(j.attributions.length, analysis.attributions.length);
  for (const a of j.attributions) for (const c of a.content) assert.equal(seed.slice(c.span[0], c.span[1]), c.text);
  const md = toMarkdown(analysis, seed);
  assert.match(md, /## Speakers/);
  assert.match(md, /Jeff Sessions/);
});

test("engine.js: idempotent init, analyze, error codes", async () => {
  const engine = await import(path.join(ROOT, "dist/site/lib/engine.js"));
  const bytes = fs.readFileSync(path.join(ROOT, "dist/site/pkg/quotelens_bg.wasm"));
  assert.throws(() => engine.analyze("x"), (e) => e.code === "ENGINE_UNAVAILABLE");
  engine.initSync(bytes);
  engine.initSync(bytes);
  assert.ok(engine.isReady());
  assert.equal(engine.analyze(seed).attributions.length, analysis.attributions.length);
  assert.throws(() => engine.analyze("x", { detail: 1 }), (e) => e instanceof engine.EngineError && e.code === "INVALID_OPTIONS" && /^INVALID_OPTIONS: /.test(e.message));
  assert.throws(() => engine.analyze("abcd", { maxBytes: 2 }), (e) => e.code === "INPUT_TOO_LARGE");
  const eng = engine.createEngine({ wasmBytes: bytes });
  const a = await eng.analyze(seed);
  assert.equal(a.attributions.length, analysis.attributions.length);
  const ctrl = new AbortController();
  ctrl.abort();
  await assert.rejects(eng.analyze(seed, { signal: ctrl.signal }), (e) => e.code === "CANCELLED");
  assert.deepEqual(engine.ERROR_CODES.slice(0, 2), ["INPUT_TOO_LARGE", "INVALID_OPTIONS"]);
  // the engine's first call (right after init) reaches most of the pipeline, so that V8 compiles
  // it before the reader's text arrives (BENCHMARKS.md, "Eighth round")
  const first = engine.analyze(engine.FIRST_CALL_TEXT);
  assert.ok(first.quotes.length >= 2, "both quote styles");
  assert.ok(first.attributions.length >= 4, "said that, a quotation before its cue");
  assert.ok(new Set(first.attributions.map((x) => x.rule)).size >= 2);
  assert.ok(first.claims.some((c) => c.negated) && first.claims.some((c) => c.quantities.length > 0));
});

function parseCsv(s) {
  const rows = [];
  let row = [];
  let cell = "";
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && s[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}
