// Prints raw / gzip / brotli sizes of the wasm + glue; exits 1 over budget.
//   node www/build/sizes.mjs BUDGET_BROTLI_BYTES FILE...
import fs from "node:fs";
import zlib from "node:zlib";

const [budgetArg, ...files] = process.argv.slice(2);
const budget = Number(budgetArg);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = { raw: 0, gz: 0, br: 0 };
for (const f of files) {
  const buf = fs.readFileSync(f);
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  const br = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total = { raw: total.raw + buf.length, gz: total.gz + gz, br: total.br + br };
  console.log(`size: ${f}: raw ${kb(buf.length)} / gzip ${kb(gz)} / brotli ${kb(br)}`);
}
console.log(`size: total: raw ${kb(total.raw)} / gzip ${kb(total.gz)} / brotli ${kb(total.br)} (budget ${kb(budget)} brotli; goal 150 KB)`);
if (total.br > budget) {
  console.error(`size: over budget by ${kb(total.br - budget)}`);
  process.exit(1);
}
