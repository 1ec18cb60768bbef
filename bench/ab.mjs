// Compares the steady-state speed of two or more builds of the wasm package in one Node process,
// alternating them call by call so that the machine's drift hits all alike (full bench runs move
// by ±5 % with the machine; an engine change of 1–2 % shows only this way or in instruction counts):
//
//   node bench/ab.mjs [--rounds N] FILE PKG_DIR PKG_DIR [PKG_DIR…]
//
// A PKG_DIR is what `wasm-bindgen --target web` wrote (quotelens.js + quotelens_bg.wasm), e.g. a
// copy of target/wasm-pkg made before a change. Prints, per build, the minimum, first quartile and
// median of N timed analyses of FILE (after 3 untimed ones each), and whether all builds returned
// the same result (JSON-equal).
import fs from "node:fs";
import path from "node:path";

const argv = process.argv.slice(2);
let rounds = 30;
if (argv[0] === "--rounds") {
  rounds = Number(argv[1]);
  argv.splice(0, 2);
}
const [file, ...dirs] = argv;
if (!file || dirs.length < 2 || !(rounds >= 3)) {
  console.error("usage: node bench/ab.mjs [--rounds N] FILE PKG_DIR PKG_DIR [PKG_DIR…]");
  process.exit(2);
}
const text = fs.readFileSync(file, "utf8");
const builds = [];
for (const dir of dirs) {
  const glue = await import(path.resolve(dir, "quotelens.js"));
  glue.initSync({ module: fs.readFileSync(path.resolve(dir, "quotelens_bg.wasm")) });
  builds.push({ dir, glue, ms: [] });
}
const results = builds.map((b) => JSON.stringify(b.glue.analyze(text)));
for (let i = 0; i < 2; i++) for (const b of builds) b.glue.analyze(text);
for (let r = 0; r < rounds; r++) {
  // alternate the order too: the first of a round sometimes pays for the last one's garbage
  const order = r % 2 ? [...builds].reverse() : builds;
  for (const b of order) {
    const t0 = performance.now();
    b.glue.analyze(text);
    b.ms.push(performance.now() - t0);
  }
}
const q = (xs, f) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
for (const b of builds) {
  console.log(`${b.dir}: min ${q(b.ms, 0).toFixed(2)} ms, p25 ${q(b.ms, 0.25).toFixed(2)} ms, median ${q(b.ms, 0.5).toFixed(2)} ms (${rounds} runs)`);
}
console.log(results.every((x) => x === results[0]) ? "same results" : "DIFFERENT results");
