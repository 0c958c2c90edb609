// Assembles build/web/: the page (shell.html filled in from the default pack, with the
// engine's glue and the page's own scripts and styles inline: explainer.js, web/mirror.js,
// web/page.js, web/explainer.css), the engine's wasm, the other pages' scripts and styles
// (web/: embed.js, embed-demo.html...), the packs (content/), the basemap and the
// font chunks packs may need (fonts/); the
// oEmbed description (oembed.json) and a single-file copy of the explainer
// (explainer-standalone.html); then prints the raw and gzip size of every file.
//
// Usage: node tools/assemble-web.mjs --build BUILD_DIR --out OUT_DIR --root REPO [--base-url URL] [--pack-origins LIST]
//        [--precompress off]
//   --base-url  The absolute http(s) URL build/web/ will be published at, ending in '/'
//               (one is added if missing). oembed.json needs it: oEmbed consumers fetch
//               the description from anywhere, so its iframe cannot use a relative URL.
//               Default: $EXPLAINER_BASE_URL if set, else http://127.0.0.1:8000/ (what
//               `node tools/static-server.mjs` serves). Nothing else depends on it: the
//               pages themselves only use relative URLs.
//   --pack-origins Origins besides the site's own that `?pack=` may load from (a newsroom's
//               CDN), separated by spaces or commas: `https://cdn.news.example`. Default:
//               $EXPLAINER_PACK_ORIGINS, else none. Baked into index.html (<html
//               data-pack-origins>, read by page.js) and into its Content-Security-Policy.
//   --precompress off  Writes no .gz and .br copies and prints only raw sizes: for a site
//               served once by a test (tests/browser/trust.test.mjs), where Brotli at its
//               strongest over every file took most of a minute. Default: on.
//   --part reader  Writes only what the reader (index.html) needs, without the editor
//               (edit.html, its engine, the gazetteer) and without the .gz and .br copies,
//               and leaves every other file in OUT_DIR as it is: scripts/serve's first step
//               (`scripts/build reader`), so that a fresh clone answers before the editor and
//               the compression are done. Default: the whole site.
//
// Incremental and safe to serve from while it runs: a file is rewritten only when its
// bytes change (temp file + rename, so a server never sends half of one), a .gz/.br copy
// only when its file changed (the sizes are remembered in BUILD_DIR/precompressed.json),
// and a minified script comes from BUILD_DIR/minified/ when its source was minified
// before. The whole site's run then deletes what it no longer writes.
//
// Every page gets a strict Content-Security-Policy in a <meta> (see contentSecurityPolicy
// below); tools/static-server.mjs repeats it as a header.
//
// explainer-standalone.html opens by double-click from file://: styles and scripts are
// inlined, and the wasm, the default pack, the base fonts and the basemap are embedded as base64 in
// <script type="application/octet-stream" id="inline-wasm|inline-pack|inline-fonts|inline-basemap">,
// which page.js reads instead of fetching (with Module.wasmBinary set, the Emscripten
// loader fetches nothing either).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { minify } from 'terser';
import { EMBED_SANDBOX, withEmbedSandbox } from './embed-policy.mjs';
import { FIRST_LOAD_FILES, engineName, engineIn } from './first-load.mjs';
import { isFreshCopy } from './static-server.mjs';

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

function parsePackOrigins(text) {
  return text.split(/[\s,]+/).filter(Boolean).map((origin) => {
    let url;
    try { url = new URL(origin); } catch (error) { url = null; }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      console.error(`assemble-web: pack origin '${origin}' must be an origin like https://cdn.news.example (scheme, host, optional port; no path)`);
      process.exit(2);
    }
    return origin;
  });
}
const precompress = (args.precompress ?? 'on') !== 'off';
const part = args.part ?? 'all';
if (part !== 'all' && part !== 'reader') {
  console.error(`assemble-web: --part must be reader or all, not '${part}'`);
  process.exit(2);
}
const wholeSite = part === 'all';
const packOrigins = parsePackOrigins(args['pack-origins'] ?? process.env.EXPLAINER_PACK_ORIGINS ?? '');

// [SECTION] Content-Security-Policy ----------------------------------------------------------
// Nothing runs but the site's own code: its files, and the reader's pages' own inline
// scripts and style, each named by its hash (no other inline script or style); no eval
// ('wasm-unsafe-eval' only compiles the engine's WebAssembly; the Emscripten glue is
// linked with -sDYNAMIC_EXECUTION=0), no plugins, no <base>, no form posts. img-src data:
// is the empty favicon.
// frame-ancestors cannot be set in a <meta>; the static server leaves it open (embedding
// anywhere is the point of the explainer).
function contentSecurityPolicy({ scripts = ["'self'"], styles = ["'self'"], connect = ["'self'"], frames = [], wasm = true }) {
  return [
    "default-src 'none'",
    `script-src ${[...scripts, ...(wasm ? ["'wasm-unsafe-eval'"] : [])].join(' ')}`,
    `style-src ${styles.join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self'",
    ...(frames.length ? [`frame-src ${frames.join(' ')}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// [SECTION] Writing: only what changed, atomically -------------------------------------------
// Every file this run writes, relative to `out` with '/' separators: what the whole site's
// run keeps when it deletes what an earlier build left.
const written = new Set();
const relativeName = (file) => path.relative(out, file).split(path.sep).join('/');
// Writes `data` to `file` unless it already holds exactly those bytes (its time then stays,
// and so do its .gz/.br copies); a new file appears whole, by rename, for a server reading
// build/web/ meanwhile (scripts/serve serves the reader while the editor is assembled).
function writeFileAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, data);
  fs.renameSync(temp, file);
}
function writeOut(file, data) {
  written.add(relativeName(file));
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  let old = null;
  try { old = fs.readFileSync(file); } catch { /* a new file */ }
  if (!old || !old.equals(bytes)) writeFileAtomic(file, bytes);
}
const copy = (from, to) => writeOut(to, fs.readFileSync(from));

function readPack(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    // The app reports pack errors itself (with line and column); the page template
    // just falls back to a generic title.
    return null;
  }
}

// [SECTION] Layout constants ----------------------------------------------------------------
// src/ui/layout.h is the one source of the layout numbers the app and the page share; the
// page's scripts and styles name them as __EXPLAINER_<NAME>__ placeholders, filled in here.
function layoutConstants() {
  const header = fs.readFileSync(path.join(root, 'src/ui/layout.h'), 'utf8');
  const constants = {};
  for (const [, name, value] of header.matchAll(/inline constexpr \w+ k(\w+) = ([\d.]+);/g))
    constants[`__EXPLAINER_${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}__`] = value;
  if (!constants.__EXPLAINER_NARROW_WIDTH__) throw new Error('assemble-web: src/ui/layout.h defines no kNarrowWidth');
  return constants;
}
const LAYOUT = layoutConstants();
// A page script's code with the layout constants filled in; a placeholder left over is an error.
function fillLayout(code, file) {
  return code.replace(/__EXPLAINER_[A-Z_]+__/g, (name) => {
    if (!(name in LAYOUT)) throw new Error(`assemble-web: ${file} uses ${name}, which src/ui/layout.h does not define`);
    return LAYOUT[name];
  });
}

fs.mkdirSync(out, { recursive: true });

// [SECTION] Minified scripts ----------------------------------------------------------------
// Every script the site serves is minified (npm terser, a devDependency): comments and
// whitespace go and local names shrink, which takes page.js, mirror.js and the
// Emscripten glue to about two thirds of their gzip size. Top-level names and every
// property name stay as written, so window.Explainer, createExplainerModule and the
// glue's Module['...'] fields are what README documents. EXPLAINER_MINIFY=0 skips it
// (readable scripts for debugging).
// terser takes seconds a script, so what it made is kept in BUILD_DIR/minified/, named by
// the hash of its input, its options and terser's version: a rebuild that changed one
// script minifies only that.
const minifyScripts = process.env.EXPLAINER_MINIFY !== '0';
const MINIFY_OPTIONS = { ecma: 2020, compress: true, mangle: true, format: { comments: false } };
const TERSER_VERSION = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/terser/package.json'), 'utf8')).version;
const minifiedDir = path.join(build, 'minified');
const minifiedUsed = new Set();
async function minified(code, name) {
  if (!minifyScripts) return code;
  const key = crypto.createHash('sha256').update(`${TERSER_VERSION}\0${JSON.stringify(MINIFY_OPTIONS)}\0`).update(code).digest('hex');
  const cached = path.join(minifiedDir, `${key}.js`);
  minifiedUsed.add(path.basename(cached));
  if (fs.existsSync(cached)) return fs.readFileSync(cached, 'utf8');
  let result;
  try {
    result = (await minify(code, MINIFY_OPTIONS)).code;
  } catch (error) {
    throw new Error(`assemble-web: cannot minify ${name}: ${error.message}`);
  }
  writeFileAtomic(cached, result);
  return result;
}

// [SECTION] Engine, page assets, packs, basemap -------------------------------------------
// The engines (the editor's: the reader's plus the drafter, the op engine and the
// gazetteer edge): their glue minified, the wasm as linked.
const engineScript = (file) => minified(fs.readFileSync(path.join(build, file), 'utf8'), file);
async function writeEngine(engine) {
  writeOut(path.join(out, `${engine}.js`), await engineScript(`${engine}.js`));
  copy(path.join(build, `${engine}.wasm`), path.join(out, `${engine}.wasm`));
}
// The reader's glue is inlined into its pages (below): only its wasm is a file, named by its
// content (tools/first-load.mjs, ENGINE_NAME). The engine the index.html being replaced
// names stays for one more build, for a page loaded from it meanwhile (a page with the last
// build's glue and the new engine failed to start: the EM_ASM addresses differ).
const engineBytes = fs.readFileSync(path.join(build, 'explainer.wasm'));
const engineFile = engineName(engineBytes);
let previousEngine = null;
try { previousEngine = engineIn(out); } catch { /* no index.html yet, or one from before engines were named */ }
writeOut(path.join(out, engineFile), engineBytes);
if (previousEngine && previousEngine !== engineFile && fs.existsSync(path.join(out, previousEngine))) written.add(previousEngine);
// The scripts that write an embed's iframe get its sandbox from tools/embed-policy.mjs
// first; then every page script gets the layout constants.
const sandboxed = new Set(['page.js', 'embed.js']);
// What more than one page needs (a script's helpers, the HTML mirror's markup, its
// styles, the theme's colours) is written once, in web/partials/, and put in place of a
// line that names it in the file's own comment syntax: `// @include NAME` (scripts),
// `/* @include NAME */` (styles), `<!-- @include NAME -->` (pages).
const withPartials = (source, file) => source.replace(
  /^[ \t]*(?:\/\/ @include ([\w.-]+)|\/\* @include ([\w.-]+) \*\/|<!-- @include ([\w.-]+) -->)\n/gm, (...match) => {
    const name = match[1] || match[2] || match[3];
    const partial = path.join(root, 'web', 'partials', name);
    if (!fs.existsSync(partial)) throw new Error(`assemble-web: ${file} includes ${name}, which web/partials/ does not have`);
    return fs.readFileSync(partial, 'utf8');
  });
// A page template or a stylesheet with its partials in place.
const readWithPartials = (file) => withPartials(fs.readFileSync(path.join(root, file), 'utf8'), file);
// Styles are served without their comments and indentation, as scripts are minified:
// explainer.css, inlined into every visit's HTML, is 0.8 KB smaller after gzip. Comments
// and whitespace inside quoted strings stay; a space between a selector's parts stays.
function compactStyle(css) {
  let out = '';
  for (let i = 0; i < css.length;) {
    const c = css[i];
    if (c === '"' || c === "'") {
      let end = i + 1;
      while (end < css.length && css[end] !== c) end += css[end] === '\\' ? 2 : 1;
      out += css.slice(i, end + 1);
      i = end + 1;
    } else if (css.startsWith('/*', i)) {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) throw new Error('assemble-web: a style has an unclosed comment');
      i = end + 2;
    } else {
      out += c;
      ++i;
    }
  }
  return out.replace(/[ \t]*\n\s*/g, '\n').replace(/\s*([{};])\s*/g, '$1').trim() + '\n';
}
const webStyle = (file) => compactStyle(fillLayout(readWithPartials(`web/${file}`), `web/${file}`));
const webScript = (file) => {
  const source = withPartials(fs.readFileSync(path.join(root, 'web', file), 'utf8'), `web/${file}`);
  return minified(fillLayout(sandboxed.has(file) ? withEmbedSandbox(source, `web/${file}`) : source, `web/${file}`), `web/${file}`);
};
// The pages (web/*.html) are templates, filled in below.
// The reader's own script and styles are inlined into its pages (below), not files.
const INLINED_ONLY = new Set(['page.js', 'downloads.js', 'explainer.css']);
for (const file of fs.readdirSync(path.join(root, 'web'))) {
  if (file === 'partials' || INLINED_ONLY.has(file)) continue;  // partials: written into the files that include them
  if (file.endsWith('.js')) writeOut(path.join(out, file), await webScript(file));
  else if (file.endsWith('.css')) writeOut(path.join(out, file), webStyle(file));
  else if (!file.endsWith('.html')) copy(path.join(root, 'web', file), path.join(out, file));
}
for (const file of fs.readdirSync(path.join(root, 'content')).filter((f) => f.endsWith('.json')))
  copy(path.join(root, 'content', file), path.join(out, 'content', file));
const basemap = path.join(build, 'basemap.bin');
if (fs.existsSync(basemap)) copy(basemap, path.join(out, 'data', 'basemap.bin'));
// Font files: the base (fonts/base.bin, fetched with the wasm) and the chunks
// (fonts/uXXXX.bin), glyphs beyond the base, fetched when a pack uses them.
const fontChunks = path.join(build, 'font-chunks', 'fonts');
if (fs.existsSync(fontChunks))
  for (const file of fs.readdirSync(fontChunks)) copy(path.join(fontChunks, file), path.join(out, 'fonts', file));
// The detail tiles the map fetches when zoomed in (tools/bake-map.mjs).
const basemapDetail = path.join(build, 'basemap-detail');
if (fs.existsSync(basemapDetail))
  for (const file of fs.readdirSync(basemapDetail)) copy(path.join(basemapDetail, file), path.join(out, 'data', 'basemap-detail', file));


// [SECTION] index.html ----------------------------------------------------------------------
const pack = readPack(path.join(root, defaultPack));
const headline = pack?.article?.headline || 'Explainer';
const title = pack?.title || headline;
const description = pack?.article?.source ? `An annotated explainer of a report from ${pack.article.source}.` : 'An annotated explainer.';
// The progress bar (web/downloads.js) needs the decoded sizes: a compressed response's
// Content-Length counts the compressed bytes.
const decodedSize = (file) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
const downloadsScriptAttributes = ` data-engine="${engineFile}" data-wasm-bytes="${engineBytes.length}" ` +
  `data-basemap-bytes="${decodedSize(path.join(out, 'data', 'basemap.bin'))}" ` +
  `data-fonts-bytes="${decodedSize(path.join(out, 'fonts', 'base.bin'))}"`;
// The reader's styles and scripts (the engine's glue, mirror.js, page.js), minified once
// (terser runs once a file), for both pages that inline them.
const readerStyle = `\n${webStyle('explainer.css')}`;
if (/<\/style/i.test(readerStyle)) throw new Error('assemble-web: explainer.css contains "</style"');
const readerScripts = [['explainer.js', await engineScript('explainer.js')], ['mirror.js', await webScript('mirror.js')],
  ['page.js', await webScript('page.js')]];

// [SECTION] Inline scripts and styles ---------------------------------------------------------
// Inline scripts must not contain "</script" (it would end the element early): inside JS
// strings and comments "<\/script" means the same. Each page's policy allows its own
// inline scripts and style by hash, one hash each, and nothing else.
function inliner() {
  const scripts = [];
  return {
    scripts,
    script(code, name, attributes = '') {
      if (/<!--/.test(code)) throw new Error(`assemble-web: ${name} contains "<!--", which cannot be inlined safely`);
      const body = code.replace(/<\/(script)/gi, '<\\/$1');
      scripts.push(sha256(body));
      return `<script${attributes}>${body}</script>`;
    },
  };
}
const readerScriptTags = (inline) => readerScripts.map(([name, code]) => inline.script(code, name)).join('\n');
// web/downloads.js comes in the head, after the preloads: index.html's starts the
// engine's download and compile there (data-engine), while the body is parsed; the
// single-file copy's, which holds its engine, only counts.
const downloadsScript = await webScript('downloads.js');
const downloadsScriptTag = (inline, attributes = '') => inline.script(downloadsScript, 'downloads.js', attributes);
const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '');
// A page template without its comments (notes for the project, not for readers).
const withoutComments = (html) => html.replace(/<!--[\s\S]*?-->\n?/g, '');
const shell = withoutComments(readWithPartials('shell.html'));

// [SECTION] index.html ----------------------------------------------------------------------
// Its styles and scripts are inline (issue 10): a first visit asks the server for nothing
// before they run, where the stylesheet and three scripts used to come back 40-60 ms after
// the HTML, on a phone under load, and the scripts waited for the last of them. They come
// again with every visit's HTML, about 20 KB of gzip, and the wasm, the fonts and the
// basemap are still files, cached apart.
// The first visit's files, asked for from the head, so they download while the page parses
// and its script makes the WebGL context (page.js's fetch() takes the preloaded responses:
// same URL, mode and credentials). The pack is left to page.js: ?pack= may name another.
// The basemap only where every panel shows side by side: a phone's first frame shows the
// article's tab, and its page fetches the basemap after that frame (page.js, start()).
// The single-file copy fetches nothing and gets none.
const preloadMedia = { 'data/basemap.bin': `not all and (max-width: ${LAYOUT.__EXPLAINER_NARROW_WIDTH__}px)` };
const preloadLinks = (files) => files.filter((file) => fs.existsSync(path.join(out, file)))
  .map((file) => `<link rel="preload" href="${file}" as="fetch" crossorigin${preloadMedia[file] ? ` media="${preloadMedia[file]}"` : ''}>`)
  .join('\n');
const preloads = preloadLinks([engineFile, 'fonts/base.bin', 'data/basemap.bin']);
const indexInline = inliner();
const indexScripts = readerScriptTags(indexInline);
const page = fill(shell, {
  TITLE: escapeHtml(title),
  HEADLINE: escapeHtml(headline),
  DESCRIPTION: escapeHtml(description),
  OEMBED: 'oembed.json',
  STYLE: `<style>${readerStyle}</style>`,
  SCRIPTS: indexScripts,
  PRELOADS: preloads,
  DOWNLOADS: downloadsScriptTag(indexInline, downloadsScriptAttributes),
  PACK_ORIGINS: escapeHtml(packOrigins.join(' ')),
  CSP: escapeHtml(contentSecurityPolicy({ scripts: indexInline.scripts, styles: [sha256(readerStyle)], connect: ["'self'", ...packOrigins] })),
});
writeOut(path.join(out, 'index.html'), page);

// The embed demo frames the explainer from this same folder.
writeOut(path.join(out, 'embed-demo.html'), fill(fs.readFileSync(path.join(root, 'web', 'embed-demo.html'), 'utf8'), {
  CSP: escapeHtml(contentSecurityPolicy({ connect: ["'none'"], frames: ["'self'"], wasm: false })),
}));

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
        'style="border:0;max-width:100%" loading="lazy" allow="clipboard-write" ' +
        `sandbox="${EMBED_SANDBOX}" referrerpolicy="strict-origin-when-cross-origin"></iframe>`,
  width: embedWidth,
  height: embedHeight,
};
// The newsroom's corrections travel with the embed (extra oEmbed fields, as the spec allows).
const corrections = Array.isArray(pack?.article?.corrections) ? pack.article.corrections : [];
if (corrections.length) oembed.corrections = corrections.map((c) => ({ date: String(c.date), text: String(c.text) }));
if (pack?.article?.updated) oembed.updated = String(pack.article.updated);
writeOut(path.join(out, 'oembed.json'), JSON.stringify(oembed, null, 2) + '\n');

// [SECTION] explainer-standalone.html ---------------------------------------------------------
// Everything in one file: index.html's inline styles and scripts, and the data as well.
const inlineData = (id, bytes) => `<script type="application/octet-stream" id="inline-${id}">${bytes.toString('base64')}</script>`;
{
  const data = [
    inlineData('wasm', fs.readFileSync(path.join(build, 'explainer.wasm'))),
    inlineData('pack', fs.readFileSync(path.join(root, defaultPack))),
    inlineData('fonts', fs.readFileSync(path.join(fontChunks, 'base.bin'))),
  ];
  if (fs.existsSync(basemap)) data.push(inlineData('basemap', fs.readFileSync(basemap)));
  else console.warn(`assemble-web: ${basemap} is missing; the standalone page will try to fetch data/basemap.bin`);
  const inline = inliner();
  const standalone = fill(shell, {
    TITLE: escapeHtml(title),
    HEADLINE: escapeHtml(headline),
    DESCRIPTION: escapeHtml(description),
    OEMBED: escapeHtml(baseUrl + 'oembed.json'),
    STYLE: `<style>${readerStyle}</style>`,
    SCRIPTS: [...data, readerScriptTags(inline)].join('\n'),
    DOWNLOADS: downloadsScriptTag(inline),
    PACK_ORIGINS: '',
    // It opens from file:// and fetches nothing: the pack inside it is the only pack.
    CSP: escapeHtml(contentSecurityPolicy({ scripts: inline.scripts, styles: [sha256(readerStyle)], connect: ["'self'"] })),
  });
  writeOut(path.join(out, 'explainer-standalone.html'), standalone);
}

// [SECTION] The editor ------------------------------------------------------------------------
// edit.html, its own engine (explainer-editor.js + .wasm) and the gazetteer it drafts and
// searches with: an index and shards it fetches on demand (tools/gazetteer_shards.cpp,
// src/platform/editor_gazetteer.cpp); the reader never fetches them. edit.html comes last,
// so that once it is there, everything it loads is too.
if (wholeSite) {
  await writeEngine('explainer-editor');
  const gazetteerWeb = path.join(build, 'gazetteer-web');
  if (fs.existsSync(gazetteerWeb))
    for (const file of fs.readdirSync(gazetteerWeb)) copy(path.join(gazetteerWeb, file), path.join(out, 'gazetteer', file));
  // Its engine's first files, asked for from the head as index.html's are (editor.js and
  // the engine's script come at the end of the body, after the editor's markup).
  writeOut(path.join(out, 'edit.html'), fill(readWithPartials('web/edit.html'), {
    PRELOADS: preloadLinks(['explainer-editor.wasm', 'fonts/base.bin', 'data/basemap.bin']),
    CSP: escapeHtml(contentSecurityPolicy({})),
  }));
} else {
  console.log(`assemble-web: the reader is in ${path.relative(process.cwd(), out) || out} (${written.size} files; not yet the editor nor the .gz/.br copies)`);
  process.exit(0);
}

// [SECTION] What an earlier build left ---------------------------------------------------------
// Everything this run did not write goes (a pack or a shard since removed, the copies of a
// file that is gone), as does what terser made for sources that are no longer there.
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}
const COPY_SUFFIX = /\.(gz|br)$/;
for (const file of walk(out)) {
  const name = relativeName(file);
  if (!written.has(name) && !(COPY_SUFFIX.test(name) && written.has(name.replace(COPY_SUFFIX, '')))) fs.rmSync(file);
}
(function removeEmptyFolders(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    removeEmptyFolders(full);
    if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
  }
})(out);
if (minifyScripts && fs.existsSync(minifiedDir))
  for (const file of fs.readdirSync(minifiedDir)) if (!minifiedUsed.has(file)) fs.rmSync(path.join(minifiedDir, file));

// [SECTION] Precompressed copies and sizes -------------------------------------------------
// Beside every text and wasm file go a gzip (.gz) and a Brotli (.br) copy, at the
// strongest settings, so a server sends the bytes without compressing on each request
// (tools/static-server.mjs does; README says how nginx, Apache and others do). A copy
// that would not be smaller is not written.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.bin', '.svg', '.txt', '.ttf']);
// Asynchronous: the copies are made in libuv's thread pool, every file at once, so the
// step that ends a clean build uses every core.
const compress = promisify(zlib.gzip), compressBrotli = promisify(zlib.brotliCompress);
// The files a first visit of index.html fetches before its first frame (tools/first-load.mjs)
// get their gzip copy from zopfli (Debian's zopfli, which scripts/setup installs), which
// writes gzip any browser reads, 3-6% smaller than zlib at level 9 (explainer.wasm: 17 KB
// less), at a few seconds of CPU for this handful of files: every other file keeps
// zlib's copy. Five iterations: 512 bytes of explainer.wasm less than one (278,833 ->
// 278,321 bytes, 1.0 s against 0.8 s for that file); the default 15 saved 30 more at
// twice that time.
const ZOPFLI_FILES = new Set([...FIRST_LOAD_FILES, engineFile]);
if (!ZOPFLI_FILES.has(defaultPack)) throw new Error(`assemble-web: tools/first-load.mjs does not list the site's pack ${defaultPack}`);
const zopfli = fs.existsSync('/usr/bin/zopfli') ? '/usr/bin/zopfli' : null;
if (precompress && !zopfli) console.warn('assemble-web: zopfli is not installed (scripts/setup installs it): every .gz copy comes from zlib');
const zopfliGzip = promisify(execFile);
async function gzip(bytes, file) {
  const zlibCopy = await compress(bytes, { level: 9 });
  if (!zopfli || !ZOPFLI_FILES.has(relativeName(file))) return zlibCopy;
  const { stdout } = await zopfliGzip(zopfli, ['--i5', '-c', file], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout.length > 0 && stdout.length < zlibCopy.length ? stdout : zlibCopy;
}
const brotli = (bytes, file) => compressBrotli(bytes, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  [zlib.constants.BROTLI_PARAM_MODE]: /\.(wasm|bin)$/.test(file) ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
} });
// A file's copies are made again only when the file changed since they were: the sizes
// come from BUILD_DIR/precompressed.json (by file, with the size and time they were made
// for), and the copies must be as the server finds them (isFreshCopy: not older than the
// file, which the server checks too, so it never sends a copy of an older file).
const COPIES = [['.gz', 'gzip'], ['.br', 'brotli']];
const sizesFile = path.join(build, 'precompressed.json');
let knownSizes = {};
try { knownSizes = JSON.parse(fs.readFileSync(sizesFile, 'utf8')); } catch { /* none yet: every copy is made */ }
const madeSizes = {};
async function withCopies(file) {
  const stat = fs.statSync(file);
  const wanted = (size) => COMPRESSIBLE.has(path.extname(file)) && size < stat.size;
  const known = knownSizes[file];
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs &&
      COPIES.every(([suffix, kind]) => wanted(known[kind]) === isFreshCopy(file, file + suffix)))
    return known;
  const bytes = fs.readFileSync(file);
  const made = { size: bytes.length, mtimeMs: stat.mtimeMs };
  const copies = await Promise.all([gzip(bytes, file), brotli(bytes, file)]);
  COPIES.forEach(([suffix, kind], i) => {
    made[kind] = copies[i].length;
    if (wanted(copies[i].length)) writeFileAtomic(file + suffix, copies[i]);
    else fs.rmSync(file + suffix, { force: true });
  });
  return made;
}
let totalRaw = 0, totalGzip = 0, totalBrotli = 0;
const rows = await Promise.all(walk(out).filter((file) => written.has(relativeName(file))).sort().map(async (file) => {
  if (!precompress) {
    for (const [suffix] of COPIES) fs.rmSync(file + suffix, { force: true });
    const size = fs.statSync(file).size;
    totalRaw += size;
    return [relativeName(file), size];
  }
  const sizes = madeSizes[file] = await withCopies(file);
  totalRaw += sizes.size;
  totalGzip += sizes.gzip;
  totalBrotli += sizes.brotli;
  return [relativeName(file), sizes.size, sizes.gzip, sizes.brotli];
}));
if (precompress) writeFileAtomic(sizesFile, JSON.stringify(madeSizes));
const width = Math.max(...rows.map((r) => r[0].length), 5);
const line = (cells) => `  ${cells[0].padEnd(width)}${cells.slice(1).map((c) => String(c).padStart(10)).join('  ')}`;
console.log(`build/web/ (${path.relative(process.cwd(), out) || out})`);
const sizeColumns = precompress ? [1, 2, 3] : [1];
console.log(line(['file', ...['raw', 'gzip', 'brotli'].slice(0, sizeColumns.length)]));
// The gazetteer's shards and the CJK font chunks and groups, hundreds and thousands of
// small files, a line each.
const groups = [
  { pattern: /^gazetteer[\\/]s-/, name: 'gazetteer/s-*.txt', unit: 'shards' },
  { pattern: /^fonts[\\/]u[0-9a-f]+-cjk\.bin$/, name: 'fonts/u*-cjk.bin', unit: 'chunks' },
  { pattern: /^fonts[\\/]g[0-9]+-cjk\.bin$/, name: 'fonts/g*-cjk.bin', unit: 'groups' },
];
for (const row of rows.filter((r) => !groups.some((g) => g.pattern.test(r[0])))) console.log(line(row));
for (const { pattern, name, unit } of groups) {
  const members = rows.filter((r) => pattern.test(r[0]));
  if (members.length === 0) continue;
  console.log(line([`${name} (${members.length} ${unit})`, ...sizeColumns.map((i) => members.reduce((sum, r) => sum + r[i], 0))]));
  const gzipSizes = members.map((r) => r[2]).sort((a, b) => a - b);
  if (precompress) console.log(`  ${unit}, gzip: median ${gzipSizes[gzipSizes.length >> 1]} bytes, largest ${gzipSizes[gzipSizes.length - 1]}`);
}
console.log(line(['total', ...[totalRaw, totalGzip, totalBrotli].slice(0, sizeColumns.length)]));
