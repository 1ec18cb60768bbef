// esbuild wrapper for the extension and embed bundles: resolves www/lib's
// "../pkg/quotelens.js" (the wasm-bindgen glue) to the built package and
// "../vendor/readability.js" to the npm @mozilla/readability.
import path from "node:path";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";

const require = createRequire(import.meta.url);

/** Bundles `entry` into `out` (format "esm" | "iife"). */
export async function bundle({ entry, out, format, pkgDir, minify = false }) {
  const aliases = {
    plugin: {
      name: "quotelens-paths",
      setup(build) {
        build.onResolve({ filter: /(^|\/)pkg\/quotelens\.js$/ }, () => ({ path: path.resolve(pkgDir, "quotelens.js") }));
        build.onResolve({ filter: /(^|\/)vendor\/readability\.js$/ }, () => ({ path: require.resolve("@mozilla/readability") }));
      },
    },
  };
  await esbuild.build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format,
    target: ["chrome120", "firefox128", "safari17"],
    minify,
    legalComments: "inline",
    logLevel: "warning",
    plugins: [aliases.plugin],
  });
}
