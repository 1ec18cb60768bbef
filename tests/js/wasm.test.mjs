// The wasm API in Node, on the optimised artifact: UTF-16 offsets, error codes,
// options, and agreement with the native CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadWasm, cliAnalyze, utf8ToUtf16, convertAnalysis, SEED, ROOT, PKG } from "./helpers.mjs";

const ql = await loadWasm();

const quoteTexts = (text, a) => a.quotes.map((q) => text.slice(q.span[0], q.span[1]));

// Each case: text, and quotations that must come back exactly (marks included).
const CASES = [
  {
    name: "emoji (surrogate pairs) before and inside quotes",
    text: "😀😀 Fans cheered. “Ready for this 🎉 moment,” said Anna Smith. “Yes,” she added.",
    quotes: ["“Ready for this 🎉 moment,”", "“Yes,”"],
  },
  {
    name: "CJK text and CJK corner brackets",
    text: "北京消息。「我们已经准备好了」，李明说。 Then “we are ready too,” the coach said.",
    quotes: ["「我们已经准备好了」", "“we are ready too,”"],
  },
  {
    name: "combining marks",
    text: "Zoe\u0308 and Jose\u0301 met. “The cafe\u0301 was closed,” Zoe\u0308 said.",
    quotes: ["“The cafe\u0301 was closed,”"],
  },
  {
    name: "curly and straight quotes, apostrophes",
    text: "It's the '90s again. \"We don't know,\" he said. ‘Fine,’ she replied. «Oui», dit-il.",
    quotes: ['"We don\'t know,"', "‘Fine,’", "«Oui»"],
  },
  {
    name: "lone surrogates (become U+FFFD inside, offsets still line up)",
    text: "Broken \uD800 text. “A lone \uDC00 surrogate here,” he said. \uDBFF",
    quotes: ["“A lone \uDC00 surrogate here,”"],
  },
];

for (const c of CASES) {
  test(`utf16 offsets: ${c.name}`, () => {
    const a = ql.analyze(c.text, { detail: true });
    assert.equal(a.unit, "utf16");
    const got = quoteTexts(c.text, a);
    for (const q of c.quotes) assert.ok(got.includes(q), `missing quote ${JSON.stringify(q)} in ${JSON.stringify(got)}`);
    // every span is in bounds and the attributions' content is quoted text or lies within the text
    const spans = [
      ...a.paragraphs, ...a.sentences, ...a.quotes.flatMap((q) => [q.span, q.inner]), ...a.mentions.map((m) => m.span),
      ...a.attributions.flatMap((x) => [...x.content, ...(x.cue ? [x.cue] : [])]), ...a.claims.map((x) => x.span),
    ];
    for (const [s, e] of spans) assert.ok(0 <= s && s <= e && e <= c.text.length, `span [${s}, ${e}] out of bounds`);
    for (const q of a.quotes) {
      const inner = c.text.slice(q.inner[0], q.inner[1]);
      assert.ok(c.text.slice(q.span[0], q.span[1]).includes(inner), "inner lies inside span");
    }
  });
}

test("utf16 offsets agree with the CLI's utf8 offsets (non-ASCII text)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ql-"));
  for (const c of CASES.filter((x) => !/[\uD800-\uDFFF]/.test(x.text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "")))) {
    const file = path.join(dir, "t.txt");
    fs.writeFileSync(file, c.text);
    const cli = convertAnalysis(cliAnalyze(file), utf8ToUtf16(c.text));
    const js = ql.analyze(c.text, { detail: true });
    assert.deepEqual({ ...js, unit: "x" }, { ...cli, unit: "x" }, c.name);
  }
});

test("the seed article: same attributions as the CLI", () => {
  const text = fs.readFileSync(SEED, "utf8");
  const conv = utf8ToUtf16(text);
  const cli = convertAnalysis(cliAnalyze(SEED), conv);
  const js = ql.analyze(text);
  assert.ok(js.attributions.length > 0, "the seed has attributions");
  assert.deepEqual(js.attributions, cli.attributions);
  assert.deepEqual(js.entities, cli.entities);
  assert.deepEqual(js.claims, cli.claims);
  assert.deepEqual(js.conflicts, cli.conflicts);
  const sessions = js.entities.findIndex((e) => e.name === "Jeff Sessions");
  assert.ok(sessions >= 0, "Jeff Sessions is an entity");
  assert.ok(js.attributions.filter((a) => a.speaker === sessions).length >= 3, "several Sessions attributions");
});

test("without options.detail there are no paragraphs or sentences", () => {
  const a = ql.analyze("One. Two.\n\nThree.");
  assert.deepEqual(a.paragraphs, []);
  assert.deepEqual(a.sentences, []);
  const d = ql.analyze("One. Two.\n\nThree.", { detail: true });
  assert.ok(d.paragraphs.length >= 2 && d.sentences.length >= 3);
  assert.deepEqual(ql.analyze("", undefined).attributions, []);
  assert.deepEqual(ql.analyze("x", null).quotes, []);
});

test("errors carry stable codes", () => {
  const code = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof Error, "thrown value is an Error");
      return e.message.split(":")[0];
    }
    return "no error";
  };
  assert.equal(code(() => ql.analyze("x", 5)), "INVALID_OPTIONS");
  assert.equal(code(() => ql.analyze("x", [])), "INVALID_OPTIONS");
  assert.equal(code(() => ql.analyze("x", { detail: "yes" })), "INVALID_OPTIONS");
  assert.equal(code(() => ql.analyze("x", { maxBytes: 0 })), "INVALID_OPTIONS");
  assert.equal(code(() => ql.analyze("x", { maxBytes: 1.5 })), "INVALID_OPTIONS");
  assert.equal(code(() => ql.analyze("abcdef", { maxBytes: 3 })), "INPUT_TOO_LARGE");
  assert.equal(code(() => ql.analyze("é", { maxBytes: 1 })), "INPUT_TOO_LARGE", "the limit counts UTF-8 bytes");
  assert.equal(code(() => ql.analyze("a".repeat(16 * 1024 * 1024 + 1))), "INPUT_TOO_LARGE");
  // still usable after errors
  assert.equal(ql.analyze("“Fine,” he said.").quotes.length, 1);
});

test("version matches Cargo.toml", () => {
  const cargo = fs.readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(ql.version(), /^version = "([^"]+)"/m.exec(cargo)[1]);
});

test("the .d.ts declares the API with an optional options argument", () => {
  const dts = fs.readFileSync(path.join(ROOT, "target/wasm-pkg/quotelens.d.ts"), "utf8");
  assert.match(dts, /export function analyze\(text: string, options\?: AnalyzeOptions\): Analysis;/);
  assert.match(dts, /export function version\(\): string;/);
  assert.match(dts, /export interface Analysis/);
});

// Maps keyed by article text must hash with keys no input can predict; std's own keys are fixed
// on wasm32-unknown-unknown, so the module draws them from crypto.getRandomValues when it starts
// (src/wasm.rs `start`, src/text.rs `TextState`). A fresh instance of the glue (a new module URL)
// with a spy in place shows the call.
test("a fresh wasm instance draws its hash keys from crypto.getRandomValues", async () => {
  const calls = [];
  const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
  Object.defineProperty(globalThis.crypto, "getRandomValues", {
    configurable: true,
    writable: true,
    value: (a) => {
      calls.push(`${a.constructor.name}(${a.length})`);
      return real(a);
    },
  });
  try {
    const glue = await import(`${pathToFileURL(path.join(PKG, "quotelens.js")).href}?hash-keys`);
    glue.initSync({ module: fs.readFileSync(path.join(PKG, "quotelens_bg.wasm")) });
    assert.deepEqual(calls, ["Uint32Array(4)"]);
    assert.equal(glue.analyze("“We are ready,” the coach said.").attributions.length, 1);
  } finally {
    delete globalThis.crypto.getRandomValues;
  }
  assert.equal(typeof globalThis.crypto.getRandomValues, "function", "the spy is gone, the real method is back");
});
