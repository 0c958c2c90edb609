// Assembles build/web/: the page (shell.html filled in from the default pack), the
// engine (explainer.js + .wasm), the page's own scripts and styles (web/: page.js,
// embed.js, embed-demo.html, explainer.css), the packs (content/) and the basemap; the
// oEmbed description (oembed.json) and a single-file copy of the explainer
// (explainer-standalone.html); then prints the raw and gzip size of every file.
//
// Usage: node tools/assemble-web.mjs --build BUILD_DIR --out OUT_DIR --root REPO [--base-url URL]
//   --base-url  The absolute http(s) URL build/web/ will be published at, ending in '/'
//               (one is added if missing). oembed.json needs it: oEmbed consumers fetch
//               the description from anywhere, so its iframe cannot use a relative URL.
//               Default: $EXPLAINER_BASE_URL if set, else http://127.0.0.1:8000/ (what
//               `node tools/static-server.mjs` serves). Nothing else depends on it: the
//               pages themselves only use relative URLs.
//
// explainer-standalone.html opens by double-click from file://: styles and scripts are
// inlined, and the wasm, the default pack and the basemap are embedded as base64 in
// <script type="application/octet-stream" id="inline-wasm|inline-pack|inline-basemap">,
// which page.js reads instead of fetching (with Module.wasmBinary set, the Emscripten
// loader fetches nothing either).
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

function parseBaseUrl(text) {
  let url;
  try { url = new URL(text); } catch (error) { url = null; }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    console.error(`assemble-web: --base-url must be an absolute http(s) URL without query or fragment, not '${text}'`);
    process.exit(2);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
const baseUrl = parseBaseUrl(args['base-url'] || process.env.EXPLAINER_BASE_URL || 'http://127.0.0.1:8000/');

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
// The detail tiles the map fetches when zoomed in (tools/bake-map.mjs).
const basemapDetail = path.join(build, 'basemap-detail');
if (fs.existsSync(basemapDetail))
  for (const file of fs.readdirSync(basemapDetail)) copy(path.join(basemapDetail, file), path.join(out, 'data', 'basemap-detail', file));

// [SECTION] index.html ----------------------------------------------------------------------
const pack = readPack(path.join(root, defaultPack));
const headline = pack?.article?.headline || 'Explainer';
const title = pack?.title || headline;
const description = pack?.article?.source ? `An annotated explainer of a report from ${pack.article.source}.` : 'An annotated explainer.';
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

// [SECTION] oembed.json --------------------------------------------------------------------
// A "rich" oEmbed resource: the same iframe the share dialog offers for the opening view.
const embedWidth = 960, embedHeight = 720;
const oembed = {
  type: 'rich',
  version: '1.0',
  title,
  provider_name: 'Explainer',
  provider_url: baseUrl,
  html: `<iframe src="${escapeHtml(baseUrl + 'index.html?embed=1')}" title="${escapeHtml(title)}" width="100%" height="${embedHeight}" ` +
        'style="border:0;max-width:100%" loading="lazy" allow="clipboard-write"></iframe>',
  width: embedWidth,
  height: embedHeight,
};
fs.writeFileSync(path.join(out, 'oembed.json'), JSON.stringify(oembed, null, 2) + '\n');

// [SECTION] explainer-standalone.html ---------------------------------------------------------
// Everything in one file. Inline scripts must not contain "</script" (it would end the
// element early): inside JS strings and comments "<\/script" means the same.
function inlineScript(code, name) {
  if (/<!--/.test(code)) throw new Error(`assemble-web: ${name} contains "<!--", which cannot be inlined safely`);
  return `<script>${code.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
}
const inlineData = (id, bytes) => `<script type="application/octet-stream" id="inline-${id}">${bytes.toString('base64')}</script>`;
{
  const css = fs.readFileSync(path.join(root, 'web', 'explainer.css'), 'utf8');
  if (/<\/style/i.test(css)) throw new Error('assemble-web: explainer.css contains "</style"');
  const data = [
    inlineData('wasm', fs.readFileSync(path.join(build, 'explainer.wasm'))),
    inlineData('pack', fs.readFileSync(path.join(root, defaultPack))),
  ];
  if (fs.existsSync(basemap)) data.push(inlineData('basemap', fs.readFileSync(basemap)));
  else console.warn(`assemble-web: ${basemap} is missing; the standalone page will try to fetch data/basemap.bin`);
  const standalone = fill(shell, {
    TITLE: escapeHtml(title),
    HEADLINE: escapeHtml(headline),
    DESCRIPTION: escapeHtml(description),
    OEMBED: escapeHtml(baseUrl + 'oembed.json'),
    SCRIPTS: [...data,
      inlineScript(fs.readFileSync(path.join(build, 'explainer.js'), 'utf8'), 'explainer.js'),
      inlineScript(fs.readFileSync(path.join(root, 'web', 'page.js'), 'utf8'), 'page.js')].join('\n'),
  });
  const stylesheet = '<link rel="stylesheet" href="explainer.css">';
  if (!standalone.includes(stylesheet)) throw new Error(`assemble-web: shell.html no longer links explainer.css as ${stylesheet}`);
  fs.writeFileSync(path.join(out, 'explainer-standalone.html'), standalone.replace(stylesheet, () => `<style>\n${css}</style>`));
}

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
