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

// Headers every response carries. The pages' Content-Security-Policy is the one in their
// own <meta> (tools/assemble-web.mjs writes it), repeated as a header, where a browser
// also applies it to what the <meta> cannot cover. frame-ancestors is left out on
// purpose: any page may embed the explainer (`frame-ancestors *` would still refuse
// hosts on non-network schemes such as file:).
const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff' };
const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i;
const unescapeHtml = (s) => s.replace(/&(quot|#39|lt|gt|amp);/g, (_, e) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' }[e]));

// The file a URL path names inside `base`, or null when it would leave it: `..` in any
// encoding, backslashes, NUL bytes, and links that point outside are all refused.
// `base` is a real path (no symbolic links) and the comparison includes the separator,
// so a sibling folder whose name starts the same (build/web-other) is outside too.
function fileInside(base, relative) {
  if (/[\\\0]/.test(relative)) return null;
  const file = path.resolve(base, '.' + path.sep + relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  let real;
  try { real = fs.realpathSync(file); } catch { return file; }  // missing: a 404 follows
  return real === base || real.startsWith(base + path.sep) ? real : null;
}

// `routes`: {'/path': (req, res) => …} answered by code instead of files (tests use it
// for responses no file gives, such as an endless stream).
export function startServer({ dir, port = 0, host = '127.0.0.1', mounts = {}, headers = {}, routes = {} }) {
  const real = (d) => fs.realpathSync(path.resolve(d));
  const roots = [['/', real(dir)], ...Object.entries(mounts).map(([p, d]) => [p.endsWith('/') ? p : p + '/', real(d)])]
    .sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((req, res) => {
    const refuse = (status, text) => res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(text);
    if (req.method !== 'GET' && req.method !== 'HEAD') { refuse(405, 'method not allowed'); return; }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      refuse(400, 'bad request');
      return;
    }
    if (Object.hasOwn(routes, pathname)) { routes[pathname](req, res); return; }
    const [prefix, base] = roots.find(([p]) => pathname.startsWith(p)) || roots[roots.length - 1];
    let file = fileInside(base, pathname.slice(prefix.length));
    if (!file) { refuse(403, 'forbidden'); return; }
    // A folder is its index.html, never a listing.
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const sent = precompressed(req, file);
    fs.readFile(sent.file, (error, data) => {
      if (error) { refuse(404, `not found: ${pathname}`); return; }
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      const html = type.startsWith('text/html') && (sent.file === file ? data : fs.readFileSync(file));
      const policy = html && META_CSP.exec(html.toString('utf8', 0, 4096));
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length, 'Cache-Control': 'no-cache',
        ...SECURITY_HEADERS, ...(policy ? { 'Content-Security-Policy': unescapeHtml(policy[1]) } : {}), ...sent.headers, ...headers });
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
