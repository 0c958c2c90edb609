// Shared set-up for the browser tests: a local static server on a free port serving
// build/web/ (plus the test packs under /test-packs/), Debian's Chromium driven by
// playwright-core (headless, SwiftShader WebGL2), and pages that fail the test on any
// console error or uncaught exception, and on any Content-Security-Policy violation in
// any of their frames (every test, even one that expects other problems).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from '../../tools/static-server.mjs';

export const root = process.env.EXPLAINER_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const webDir = process.env.EXPLAINER_WEB_DIR || path.join(root, 'build/web');
export const artifacts = path.join(root, 'tests/browser/artifacts');

export async function serve(options = {}) {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error(`${webDir}/index.html is missing: build first (scripts/build)`);
  return startServer({ dir: webDir, mounts: { '/test-packs': path.join(root, 'tests/packs') }, ...options });
}

// Chromium features switched off in the browsers the tests and benchmarks launch, beside
// Playwright's own. The address bar's popups are web pages (chrome://omnibox-popup.top-chrome/,
// and its "AI mode" page), which Chromium 156 loads for every new window, that is for every
// browser context, in a renderer process of their own: 1.0-1.7 s of CPU each time
// (/proc's counts), taken from the page under test on a 2-core machine. No page sees them.
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

// Chromium reads only the last --disable-features of its command line, and Playwright
// passes its own list (features that make requests at start, PaintHolding, ...): the
// list it will pass, from the installed playwright-core, so that ours adds to it.
function playwrightDisabledFeatures() {
  const file = createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle');
  const list = fs.readFileSync(file, 'utf8').match(/\bdisabledFeatures = \[([^\]]*)\]/);
  const names = list ? [...list[1].matchAll(/^\s*"(\w+)",?$/gm)].map((m) => m[1]) : [];
  if (!names.length) {
    throw new Error(`tests/browser/harness.mjs: Playwright's list of disabled Chromium features was not found in ${file} ` +
      '(a newer playwright-core?): find where it builds --disable-features and read the list from there');
  }
  return names;
}

// Playwright gives every launch a fresh, empty profile of its own.
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-dev-shm-usage',
      `--disable-features=${[...playwrightDisabledFeatures(), ...DISABLED_FEATURES].join(',')}`, ...extraArgs],
  });
}

// A page that records console errors and uncaught exceptions; `problems` must stay empty.
// `mirror`: whether to wait for the reader's HTML mirror too (tools/bench-frames.mjs
// opens builds from before the mirror followed the first paint, which never mark it).
// The page is a new tab in a browser context of its own while the test holds it: one
// from the pool below unless `fresh` (or an `initScript`, which would stay with the
// context) asks for a new one. page.context().close() ends it either way.
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, hasTouch = false,
  isMobile = false, colorScheme = 'light', reducedMotion = 'no-preference', expectProblems = false,
  mirror = !new URL(url).pathname.endsWith('/edit.html'), initScript = null, beforeGoto = null, fresh = false } = {}) {
  const options = { viewport, deviceScaleFactor, hasTouch, isMobile, colorScheme, reducedMotion };
  let context, violations;
  if (fresh || initScript) {
    context = await browser.newContext(options);
    if (initScript) await context.addInitScript(initScript);  // runs in the page before its own scripts
    violations = [];
    await watchPolicyViolations(context, violations);
  } else {
    ({ context, violations } = await pooledContext(browser, options));
  }
  const page = await context.newPage();
  page.problems = [];
  page.cspViolations = violations;
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => page.problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  if (beforeGoto) await beforeGoto(page);  // routes, say
  await page.goto(url);
  if (!expectProblems) await whenStarted(page, { mirror });
  return page;
}

// [SECTION] Pooled browser contexts -----------------------------------------------------------
// A new context's first page costs Chromium a renderer process of its own: about 2 s of
// CPU each on a 2-core test machine, where the browser tests open some 300 pages, while
// a tab opened next to a live page of the same site (127.0.0.1, whatever the port) joins
// that page's process (and finds the engine compiled there). So openPage() takes its
// context from a pool, one per browser and set of options, each with a blank page of the
// site that keeps the process: the "keeper", served by a route, never by a server.
// A context is handed to one test at a time. Its close() (the test's
// page.context().close()) closes the test's pages, clears what they could have left
// (cookies, storage of every origin they asked, the HTTP cache, permissions), fails on any
// Content-Security-Policy violation as a fresh context's close() does, and gives the
// context back: the next test's page starts in a new tab with nothing of the last one's.
const pools = new WeakMap();  // browser -> Map(options as JSON -> [entry])
const KEEPER_URL = 'http://127.0.0.1/explainer-test-keeper';
const CLEARED_STORAGE = 'cookies,local_storage,indexeddb,cache_storage,service_workers,file_systems';

async function pooledContext(browser, options) {
  if (!pools.has(browser)) pools.set(browser, new Map());
  const byOptions = pools.get(browser), key = JSON.stringify(options);
  if (!byOptions.has(key)) byOptions.set(key, []);
  let entry = byOptions.get(key).find((e) => !e.inUse);
  if (!entry) {
    entry = await newPooledContext(browser, options);
    byOptions.get(key).push(entry);
  }
  entry.inUse = true;
  entry.violations = [];
  return entry;
}

async function newPooledContext(browser, options) {
  const context = await browser.newContext(options);
  const entry = { context, inUse: false, violations: [], origins: new Set(), keeper: null };
  await watchViolations(context, (text) => entry.violations.push(text));
  entry.keeper = await context.newPage();
  await entry.keeper.route('**/*', (route) => route.fulfill({ contentType: 'text/plain', body: '' }));
  await entry.keeper.goto(KEEPER_URL);
  context.on('request', (request) => {
    const origin = new URL(request.url()).origin;
    if (origin.startsWith('http')) entry.origins.add(origin);
  });
  const close = context.close.bind(context);
  context.close = async () => {
    if (!entry.inUse) return;
    const violations = entry.violations;
    try {
      for (const page of context.pages()) if (page !== entry.keeper) await page.close();
      await context.clearCookies();
      await context.clearPermissions();
      const session = await context.newCDPSession(entry.keeper);
      for (const origin of entry.origins) await session.send('Storage.clearDataForOrigin', { origin, storageTypes: CLEARED_STORAGE });
      await session.send('Network.clearBrowserCache');
      await session.detach();
      entry.origins.clear();
      entry.inUse = false;
    } catch (error) {
      // Not given out again: a context that could not be cleared ends here.
      await close().catch(() => {});
      throw error;
    }
    if (violations.length) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
  };
  return entry;
}

// Explainer.ready, then (on the reader's page) the HTML mirror, which the reader builds
// after the first paint. The editor builds its mirror only in the preview.
export async function whenStarted(page, { mirror = true } = {}) {
  await page.evaluate(() => window.Explainer.ready);
  if (mirror) await page.waitForFunction(() => document.body.classList.contains('mirrored'));
}

export function assertNoProblems(assert, page) {
  assert.deepEqual(page.problems, [], 'the page logged errors');
  assert.deepEqual(page.cspViolations, [], 'the page broke its Content-Security-Policy');
}

// Records every `securitypolicyviolation` in every frame of the context's pages into
// `violations`, and makes context.close() fail when there was one: so every test that
// opens a page through openPage() requires zero, whatever else it expects.
export async function watchPolicyViolations(context, violations) {
  await watchViolations(context, (text) => violations.push(text));
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    if (violations.length) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
  };
}

// Hands `record` every `securitypolicyviolation` in every frame of the context's pages.
async function watchViolations(context, record) {
  await context.exposeBinding('__explainerTestViolation', (source, text) => record(`${source.frame.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__explainerTestViolation(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} ` +
        `at ${event.sourceFile || '?'}:${event.lineNumber}`);
    });
  });
}

// Waits until the explainer is idle, as it says itself (Explainer.stats().idle: no frame
// asked for, so everything done so far is drawn and nothing moves) and stays so, without
// drawing, for `quietMs`: what a reader sees after an action. Bounded by frames rather
// than time, so a loaded machine that draws slowly is waited for while a real hang is
// still caught: an animation that never ends trips `maxFrames`, a page that stopped
// drawing with a frame asked for trips the generous `timeoutMs`.
export async function settle(page, { quietMs = 250, maxFrames = 900, timeoutMs = 180000 } = {}) {
  const start = Date.now();
  const sample = () => page.evaluate(() => { const s = Explainer.stats(); return { frames: s.frames, idle: s.idle }; });
  const first = (await sample()).frames;
  let last = first, quietSince = null;
  for (;;) {
    const { frames, idle } = await sample();
    if (frames !== last || !idle) { last = frames; quietSince = null; }
    else if (quietSince === null) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return frames;
    if (frames - first > maxFrames)
      throw new Error(`the explainer did not go idle: ${frames - first} frames drawn since the wait began (an animation that never ends?)`);
    if (Date.now() - start > timeoutMs)
      throw new Error(`the explainer did not go idle within ${timeoutMs} ms: ${frames - first} frames drawn, ${idle ? 'idle but still drawing' : 'a frame asked for and never drawn'}`);
    await page.waitForTimeout(40);
  }
}

// The page's resource timing entries, {path, start} (start: ms from navigation), read once the
// network has been idle and the entries have stopped changing. Chromium adds a request's
// entry a while after the request ends (the browser process reports it), so on a busy
// machine a request that has ended can still lack its entry, even one the page needed
// before Explainer.ready resolved.
export async function resourceEntries(page) {
  await page.waitForLoadState('networkidle');
  return page.evaluate(async () => {
    const names = () => performance.getEntriesByType('resource').map((e) => e.name).join('\n');
    for (let seen = names(), still = 0; still < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = names();
      still = now === seen ? still + 1 : 0;
      seen = now;
    }
    return performance.getEntriesByType('resource').map((e) =>
      ({ path: decodeURIComponent(new URL(e.name).pathname), start: e.startTime }));
  });
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

// Decodes a PNG screenshot (8-bit RGB or RGBA, not interlaced: what Chromium writes)
// into {width, height, data} with 4 bytes a pixel. Done in Node: no image library.
export function decodePng(_page, png) {
  const buffer = Buffer.from(png);
  let at = 8, width = 0, height = 0, colourType = 0;
  const idat = [];
  while (at < buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4); colourType = body[9];
      if (body[8] !== 8 || body[12] !== 0 || (colourType !== 2 && colourType !== 6))
        throw new Error(`decodePng: unsupported PNG (depth ${body[8]}, colour type ${colourType}, interlace ${body[12]})`);
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; ++x) {
      const left = x >= channels ? rows[y * stride + x - channels] : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? rows[(y - 1) * stride + x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += left;
      else if (filter === 2) value += up;
      else if (filter === 3) value += (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft, pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
        value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      rows[y * stride + x] = value & 0xFF;
    }
  }
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0, j = 0; i < width * height; ++i, j += channels) {
    data[i * 4] = rows[j]; data[i * 4 + 1] = rows[j + 1]; data[i * 4 + 2] = rows[j + 2];
    data[i * 4 + 3] = channels === 4 ? rows[j + 3] : 255;
  }
  return { width, height, data };
}

// The centre of the first rectangle Explainer.locate() reports for an entity in a panel.
export async function locateCentre(page, id, panel) {
  const rects = await page.evaluate(([id]) => Explainer.locate(id), [id]);
  const rect = rects.find((r) => !panel || r.panel === panel);
  if (!rect) throw new Error(`${id} is not drawn in ${panel || 'any panel'} (locate gave ${JSON.stringify(rects)})`);
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, rect };
}
