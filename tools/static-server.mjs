// A static file server for build/web/ (and, for tests, extra folders mounted under a
// URL prefix). Any static server works for build/web/; this one is dependency-free and
// binds to loopback only.
// Usage: node tools/static-server.mjs [--dir build/web] [--port 8000] [--mount /prefix=folder]...
// With --port 0 it picks a free port and prints "listening http://127.0.0.1:PORT/".
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};

// The precompressed copy of `file` (tools/assemble-web.mjs writes FILE.br and FILE.gz)
// that the request's Accept-Encoding takes, Brotli first: {file, headers} with
// Content-Encoding and Vary set; the plain file (still with Vary) when it takes neither.
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];
export function precompressed(req, file) {
  const variants = ENCODINGS.filter(([, suffix]) => fs.existsSync(file + suffix));
  if (!variants.length) return { file, headers: {} };
  const weights = new Map(String(req.headers['accept-encoding'] || '').split(',').map((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return [name.trim(), q ? Number(q.slice(2)) : 1];
  }));
  for (const [encoding, suffix] of variants) {
    if ((weights.get(encoding) ?? weights.get('*') ?? 0) > 0)
      return { file: file + suffix, headers: { 'Content-Encoding': encoding, 'Vary': 'Accept-Encoding' } };
  }
  return { file, headers: { 'Vary': 'Accept-Encoding' } };
}

export function startServer({ dir, port = 0, host = '127.0.0.1', mounts = {}, headers = {} }) {
  const roots = [['/', path.resolve(dir)], ...Object.entries(mounts).map(([p, d]) => [p.endsWith('/') ? p : p + '/', path.resolve(d)])]
    .sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const [prefix, base] = roots.find(([p]) => pathname.startsWith(p)) || roots[roots.length - 1];
    let file = path.join(base, pathname.slice(prefix.length));
    if (!file.startsWith(base)) { res.writeHead(403).end('forbidden'); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const sent = precompressed(req, file);
    fs.readFile(sent.file, (error, data) => {
      if (error) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${pathname}`); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': data.length, 'Cache-Control': 'no-cache', ...sent.headers, ...headers });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve({ server, url: `http://${host}:${server.address().port}/` })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const mounts = {};
  args.forEach((a, i) => { if (a === '--mount') { const [p, d] = args[i + 1].split('='); mounts[p] = d; } });
  const { url } = await startServer({ dir: option('--dir', 'build/web'), port: Number(option('--port', process.env.PORT || 8000)), mounts });
  console.log(`listening ${url}`);
}
