// A static file server for build/web/ (and, for tests, extra folders mounted under a
// URL prefix). Any static server works for build/web/; this one is dependency-free and
// binds to loopback only.
// Usage: node tools/static-server.mjs [--dir build/web] [--port 8000] [--mount /prefix=folder]...
//        [--pending PAGE --pending-status FILE]
// With --port 0 it picks a free port and prints "listening http://127.0.0.1:PORT/".
// --pending (repeatable) names a page still being built: see "Pages still being built".
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};

// Whether `copy` (FILE.gz or FILE.br) is a copy of `file` as it is now: there, and not
// older than the file. tools/assemble-web.mjs writes a file first and its copies after,
// and rewrites a file only when it changes, so a copy older than its file is a copy of
// what the file was before (scripts/serve serves the new file while the copies are made).
export function isFreshCopy(file, copy) {
  try {
    return fs.statSync(copy).mtimeMs >= fs.statSync(file).mtimeMs;
  } catch {
    return false;
  }
}

// The precompressed copy of `file` (tools/assemble-web.mjs writes FILE.br and FILE.gz)
// that the request's Accept-Encoding takes, Brotli first: {file, headers} with
// Content-Encoding and Vary set; the plain file (still with Vary) when it takes neither.
// A copy older than the file is never sent.
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];
export function precompressed(req, file) {
  const variants = ENCODINGS.filter(([, suffix]) => isFreshCopy(file, file + suffix));
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

// [SECTION] Pages still being built ----------------------------------------------------------
// scripts/serve answers with the reader while the editor is still being built: until
// edit.html is in the folder, asking for it gives this page (503, never a 404 nor half a
// file), which reloads itself every two seconds, so it becomes the editor once it is
// there. The build's state is one word in a file scripts/serve writes: `building`, or
// `failed` (the page then says so and stops reloading); no file, no such page.
const PENDING_RELOAD_SECONDS = 2;
function pendingPage(status, page) {
  const failed = status === 'failed';
  const message = failed
    ? `Building ${page} failed. The terminal running scripts/serve shows why; the reader (index.html) still works.`
    : `${page} is still being built (the reader, index.html, is ready). This page reloads itself until it is there.`;
  return {
    headers: {
      'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'",
      ...(failed ? {} : { 'Retry-After': String(PENDING_RELOAD_SECONDS) }),
    },
    body: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
      (failed ? '' : `<meta http-equiv="refresh" content="${PENDING_RELOAD_SECONDS}">`) +
      `<title>${failed ? 'Build failed' : 'Still building'}: ${page}</title></head>\n` +
      `<body><h1>${failed ? 'Build failed' : 'Still building'}</h1><p>${message}</p></body></html>\n`,
  };
}
// The state `statusFile` gives (`building` or `failed`), or null when there is none.
function buildStatus(statusFile) {
  if (!statusFile) return null;
  try {
    const word = fs.readFileSync(statusFile, 'utf8').trim();
    return word === 'building' || word === 'failed' ? word : null;
  } catch {
    return null;
  }
}

// `routes`: {'/path': (req, res) => …} answered by code instead of files (tests use it
// for responses no file gives, such as an endless stream).
// `pending`: {pages: ['edit.html', …], statusFile}: those pages, while missing, answer
// with the page above as long as statusFile names a build (scripts/serve).
export function startServer({ dir, port = 0, host = '127.0.0.1', mounts = {}, headers = {}, routes = {}, pending = null }) {
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
      const page = pathname.replace(/^\//, '');
      const status = error && pending?.pages.includes(page) ? buildStatus(pending.statusFile) : null;
      if (status) {
        const { headers: pendingHeaders, body } = pendingPage(status, page);
        res.writeHead(503, { ...pendingHeaders, ...SECURITY_HEADERS }).end(req.method === 'HEAD' ? undefined : body);
        return;
      }
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
  const pendingPages = [];
  args.forEach((a, i) => {
    if (a === '--mount') { const [p, d] = args[i + 1].split('='); mounts[p] = d; }
    if (a === '--pending') pendingPages.push(args[i + 1]);
  });
  const pending = pendingPages.length ? { pages: pendingPages, statusFile: option('--pending-status', null) } : null;
  const { url } = await startServer({ dir: option('--dir', 'build/web'), port: Number(option('--port', process.env.PORT || 8000)), mounts, pending });
  console.log(`listening ${url}`);
}
