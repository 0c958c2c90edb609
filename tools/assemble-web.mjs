// Assembles build/web/: the page (shell.html filled in from the default pack), the
// engine (explainer.js + .wasm), the page's own scripts and styles (web/), the packs
// (content/) and the basemap; then prints the raw and gzip size of every file.
// Usage: node tools/assemble-web.mjs --build BUILD_DIR --out OUT_DIR --root REPO
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const root = path.resolve(args.root || '.');
const build = path.resolve(args.build || 'build/wasm');
const out = path.resolve(args.out || 'build/web');
const defaultPack = 'content/isis-losing-ground.json';

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function readPack(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    // The app reports pack errors itself (with line and column); the page template
    // just falls back to a generic title.
    return null;
  }
}

// [SECTION] Clean output -------------------------------------------------------------------
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

// [SECTION] Engine, page assets, packs, basemap -------------------------------------------
for (const file of ['explainer.js', 'explainer.wasm']) copy(path.join(build, file), path.join(out, file));
for (const file of fs.readdirSync(path.join(root, 'web'))) copy(path.join(root, 'web', file), path.join(out, file));
for (const file of fs.readdirSync(path.join(root, 'content')).filter((f) => f.endsWith('.json')))
  copy(path.join(root, 'content', file), path.join(out, 'content', file));
const basemap = path.join(build, 'basemap.bin');
if (fs.existsSync(basemap)) copy(basemap, path.join(out, 'data', 'basemap.bin'));

// [SECTION] index.html ----------------------------------------------------------------------
const pack = readPack(path.join(root, defaultPack));
const headline = pack?.article?.headline || 'Explainer';
const title = pack?.title || headline;
const description = pack?.article?.source ? `An annotated explainer of a ${pack.article.source} report.` : 'An annotated explainer.';
const scripts = ['explainer.js', 'page.js'].map((s) => `<script src="${s}"></script>`).join('\n');
const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '');
const shell = fs.readFileSync(path.join(root, 'shell.html'), 'utf8');
const page = fill(shell, {
  TITLE: escapeHtml(title),
  HEADLINE: escapeHtml(headline),
  DESCRIPTION: escapeHtml(description),
  OEMBED: 'oembed.json',
  SCRIPTS: scripts,
});
fs.writeFileSync(path.join(out, 'index.html'), page);

// [SECTION] Sizes ----------------------------------------------------------------------------
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}
let totalRaw = 0, totalGzip = 0;
const rows = walk(out).sort().map((file) => {
  const bytes = fs.readFileSync(file);
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  totalRaw += bytes.length;
  totalGzip += gzip;
  return [path.relative(out, file), bytes.length, gzip];
});
const width = Math.max(...rows.map((r) => r[0].length), 5);
console.log(`build/web/ (${path.relative(process.cwd(), out) || out})`);
console.log(`  ${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
for (const [name, raw, gzip] of rows) console.log(`  ${name.padEnd(width)}  ${String(raw).padStart(10)}  ${String(gzip).padStart(10)}`);
console.log(`  ${'total'.padEnd(width)}  ${String(totalRaw).padStart(10)}  ${String(totalGzip).padStart(10)}`);
