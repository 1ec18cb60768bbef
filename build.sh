#!/usr/bin/env bash
# QuoteLens build script — see README.md and DESIGN.md §3.2.
#   ./build.sh          build everything into dist/
#   ./build.sh serve    build, then serve dist/site/ on http://127.0.0.1:8080
#   ./build.sh test     set up and run every test (Rust, wasm in Node, browser end-to-end)
#   ./build.sh eval     score on ../shared/polnear/dev.jsonl and ../shared/conflicts/
#   ./build.sh bench    the performance comparison
# Idempotent and non-interactive: it installs what it needs.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
SHARED=${QUOTELENS_SHARED:-$ROOT/../shared}
WB_VERSION=0.2.130

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# ---------------------------------------------------------------- setup
setup_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 2; }
}

setup_wasm() {
  setup_rust
  rustup target list --installed | grep -qx wasm32-unknown-unknown || { log "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
    log "installing wasm-bindgen-cli $WB_VERSION (about 2 minutes)"
    cargo install wasm-bindgen-cli --version "$WB_VERSION"
  fi
}

setup_node() {
  command -v npm >/dev/null || { log "installing nodejs + npm"; apt_install nodejs npm; }
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund
  fi
}

apt_install() {
  local need=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  if ((${#need[@]})); then
    log "apt-get install ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
}

setup_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium chromium-driver
}

# ---------------------------------------------------------------- builds
build_native() {
  setup_rust
  log "cargo build --release"
  cargo build --release --quiet
}

# ---------------------------------------------------------------- web: wasm, site, single file
WASM_BUDGET_BROTLI=$((200 * 1024))   # wasm + glue, brotli (EVALUATION.md §3); the stretch goal is 150 KB
WASM_PKG=target/wasm-pkg             # optimised wasm + glue + .d.ts (what Node tests and dist/ use)

build_wasm() {
  setup_wasm
  setup_node
  log "cargo build --lib --profile wasm --target wasm32-unknown-unknown"
  cargo build --lib --profile wasm --target wasm32-unknown-unknown --quiet
  log "wasm-bindgen + wasm-opt -O3 (npm binaryen)"
  rm -rf "$WASM_PKG"
  wasm-bindgen --target web --out-dir "$WASM_PKG" target/wasm32-unknown-unknown/wasm/quotelens.wasm
  node www/build/inline-snippets.mjs "$WASM_PKG"   # src/tape.js into the glue: two files, as before
  # --one-caller-inline-max-function-size: by default wasm-opt inlines every function that has
  # one caller, whatever its size, which folded the whole pipeline into one 160 KB `analyze`.
  # V8 compiles a wasm function as a whole on its first call (Liftoff, on the main thread) and
  # optimises hot ones as a whole (TurboFan, superlinear in size): that one function cost ~12 ms
  # of the first analysis and ~350 ms of background CPU. Capped, the largest function is ~27 KB,
  # the first call compiles less and steady state is faster too (BENCHMARKS.md, "Cold start").
  node_modules/.bin/wasm-opt -O3 --one-caller-inline-max-function-size=200 --strip-debug --strip-producers \
    "$WASM_PKG/quotelens_bg.wasm" -o "$WASM_PKG/quotelens_bg.wasm"
  node www/build/sizes.mjs "$WASM_BUDGET_BROTLI" "$WASM_PKG/quotelens_bg.wasm" "$WASM_PKG/quotelens.js"
}

build_site() {
  log "dist/site"
  local out=dist/site
  rm -rf "$out"
  mkdir -p "$out/pkg" "$out/vendor" "$out/lib"
  cp www/site/index.html www/site/style.css www/site/main.js www/site/app.js www/site/favicon.svg "$out/"
  cp -r www/site/sample "$out/sample"
  cp www/lib/*.js "$out/lib/"
  cp "$WASM_PKG/quotelens.js" "$WASM_PKG/quotelens_bg.wasm" "$WASM_PKG/quotelens.d.ts" "$out/pkg/"
  # Readability is a CommonJS-or-global script: expose it as an ES module.
  { cat node_modules/@mozilla/readability/Readability.js; printf '\nexport { Readability };\n'; } > "$out/vendor/readability.js"
  cp node_modules/@mozilla/readability/LICENSE.md "$out/vendor/readability.LICENSE.md"
}

build_single_file() {
  log "dist/quotelens.html (offline single file)"
  node www/build/single-file.mjs dist/site www/site/offline.js dist/quotelens.html
}

# ---------------------------------------------------------------- extension, embed, npm package
crate_version() { sed -n 's/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1; }

build_extension() {
  log "dist/extension-chrome + dist/extension-firefox (+ .zip)"
  command -v zip >/dev/null || apt_install zip
  node www/extension/build.mjs "$WASM_PKG" dist "$(crate_version)"
}

build_embed() {
  log "dist/embed"
  node www/embed/build.mjs "$WASM_PKG" dist/embed
}

build_npm() {
  log "dist/npm"
  node www/npm/build.mjs "$WASM_PKG" dist/npm "$(crate_version)"
}

build_web() {
  build_wasm
  build_site
  build_single_file
  build_extension
  build_embed
  build_npm
}

serve_site() {
  build_native
  build_web
  log "serving dist/site"
  exec node www/build/serve.mjs dist/site "${PORT:-8080}"
}

test_web() {
  setup_chromium
  build_native   # the Node tests compare the wasm with the CLI
  log "node tests (wasm in Node)"
  node --test --test-reporter=spec tests/js/
  log "browser tests (Playwright + /usr/bin/chromium)"
  node --test --test-reporter=spec --test-concurrency=1 tests/e2e/
}

# ---------------------------------------------------------------- eval
run_eval() {
  build_native
  local bin=target/release/quotelens out=target/eval
  mkdir -p "$out"
  if [ ! -f "$SHARED/polnear/dev.jsonl" ]; then
    echo "eval: $SHARED/polnear/dev.jsonl not found — PolNeAR is needed for the scorer (it lives in ../shared)" >&2
    exit 2
  fi
  log "attributions on PolNeAR dev"
  "$bin" batch --format attributions "$SHARED/polnear/dev.jsonl" > "$out/attr.raw.jsonl" || true
  grep -v '^{"line"' "$out/attr.raw.jsonl" > "$out/attr.jsonl" || true
  python3 "$SHARED/eval/score_attributions.py" "$SHARED/polnear/dev.jsonl" "$out/attr.jsonl" | tee "$out/attr.txt"
  log "conflicts on the dev conflict set"
  { cat "$SHARED/polnear/dev.jsonl"; grep '"seed-sessions"' "$SHARED/conflicts/dev_conflicts.jsonl"; } \
    | "$bin" batch --format conflicts - > "$out/conf.raw.jsonl" || true
  grep -v '^{"line"' "$out/conf.raw.jsonl" > "$out/conf.jsonl" || true
  python3 "$SHARED/eval/score_conflicts.py" --gold "$SHARED/conflicts/dev_conflicts.jsonl" \
    --texts "$SHARED/polnear/dev.jsonl" --pred "$out/conf.jsonl" | tee "$out/conf.txt"
}

# ---------------------------------------------------------------- bench
# The performance comparison (EVALUATION.md §3): QuoteLens wasm in Node and headless Chromium and
# the native CLI against wink-nlp and compromise, same text, same run; table + target/bench/latest.json.
# Takes a few minutes; not part of `test`. Extra arguments go to bench/run.mjs (--quick, --no-browser).
run_bench() {
  setup_chromium
  build_native
  build_wasm
  log "bench/run.mjs (a few minutes)"
  node bench/run.mjs "$@"
}

# ---------------------------------------------------------------- tests
run_tests() {
  setup_rust
  log "cargo test"
  cargo test --release
  build_web
  test_web
}

cmd=${1:-build}
case "$cmd" in
  build) build_native; build_web ;;
  test) run_tests ;;
  eval) run_eval ;;
  serve) serve_site ;;
  bench) shift; run_bench "$@" ;;
  *) echo "usage: ./build.sh [build|serve|test|eval|bench]" >&2; exit 2 ;;
esac
