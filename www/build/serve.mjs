// A tiny static file server for dist/site (./build.sh serve) and the browser
// tests. Binds to 127.0.0.1 only; serves .wasm as application/wasm.
//   node www/build/serve.mjs DIR [PORT]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
};

/** Serves `dir`; resolves to the listening server. `onRequest(url)` sees every request. */
export function serve(dir, { port = 0, host = "127.0.0.1", onRequest } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    onRequest?.(req.url);
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) file = path.join(file, "index.html");
      fs.readFile(file, (err2, body) => {
        if (err2) {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        res.writeHead(200, {
          "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
          "cache-control": "no-cache",
          "x-content-type-options": "nosniff",
        });
        res.end(body);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "dist/site";
  const port = Number(process.argv[3] ?? 8080);
  const server = await serve(dir, { port });
  const { port: p } = server.address();
  console.log(`QuoteLens is being served from ${dir} on http://127.0.0.1:${p}/  (Ctrl-C to stop)`);
}
