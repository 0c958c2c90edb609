// The benchmark behind scripts/bench (not a test: it asserts nothing, it reports).
//
// One headless Chromium run measures the explainer (build/web/) side by side with a
// peer: the same pack's events in TimelineJS 3.9.11 (tools/peer/timelinejs.html, npm
// @knight-lab/timelinejs, served from node_modules by this script only). Absolute times
// on a shared machine are noise, so timings are reported as ratios, explainer/peer,
// from runs that alternate between the two (medians of BENCH_RUNS, default 5); every
// navigation gets a fresh browser context, so each one is a first visit.
//
// Reports:
// - Load: navigation to Explainer.ready (the first complete frame) against
//   navigation to TimelineJS's first render, at 1280x800 DPR 1 and 390x844 DPR 3, with a
//   bootstrap interval of the ratio (how much the runs' noise leaves it uncertain).
// - Startup CPU, from the app's performance marks: explainer:instantiated,
//   explainer:engine-started (main has run), explainer:pack-loaded,
//   explainer:first-frame; and the first frame's own CPU time.
// - Frame CPU (Explainer.stats().recentFrameMs, timed in C++ around each frame) at
//   1920x1080 DPR 2: continuous map pan, article scroll, hover over mentions, and a
//   pointer move that changes nothing on screen; p50 and p95.
// - Bytes: gzip and Brotli of every file the first visit requests before its first
//   frame (by resource timing's start times), of the app code (html, js, wasm), and of
//   what it requests after the first frame (the map's detail tiles, fetched when idle);
//   and the same first load on the phone setup, whose page asks for the basemap after
//   its first frame.
//
// Environment: BENCH_RUNS (default 5), CHROMIUM (default /usr/bin/chromium),
// EXPLAINER_WEB_DIR (default build/web).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, root, webDir } from '../tests/browser/harness.mjs';
import { startServer } from './static-server.mjs';
import { isAppCode, FIRST_LOAD_GZIP_GOAL, APP_CODE_GZIP_GOAL } from './first-load.mjs';

const runs = Math.max(1, Number(process.env.BENCH_RUNS || 5));
const NAVIGATION_TIMEOUT_MS = 120000;
const ATTEMPTS = 3;  // a navigation that times out on this busy machine is retried

// [SECTION] Statistics and printing ------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => { const s = sorted(xs); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN; };
const median = (xs) => quantile(xs, 0.5);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 0)} ms` : 'n/a');
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;  // 1 KB = 1000 bytes, as the goals (tools/first-load.mjs)
const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');

// How far median(a)/median(b) could move with other visits of the same kinds: the 5th and
// 95th percentiles of the ratio over 2,000 resamplings of both, with replacement (a
// bootstrap). Seeded, so the same times always give the same interval.
function ratioInterval(a, b, rounds = 2000) {
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const resample = (xs) => xs.map(() => xs[Math.floor(random() * xs.length)]);
  const ratios = [];
  for (let i = 0; i < rounds; ++i) ratios.push(median(resample(a)) / median(resample(b)));
  return [quantile(ratios, 0.05), quantile(ratios, 0.95)];
}

// [SECTION] Server: build/web/ plus the peer ----------------------------------------------

const timelineDist = path.join(root, 'node_modules/@knight-lab/timelinejs/dist');
if (!fs.existsSync(path.join(timelineDist, 'js/timeline.js'))) {
  console.error(`bench: ${timelineDist} is missing: run scripts/setup (npm ci installs the devDependency)`);
  process.exit(1);
}
if (!fs.existsSync(path.join(webDir, 'index.html'))) {
  console.error(`bench: ${webDir}/index.html is missing: run scripts/build web`);
  process.exit(1);
}
const peerData = fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-bench-'));
const server = await startServer({ dir: webDir, mounts: {
  '/peer': path.join(root, 'tools/peer'), '/peer/timelinejs': timelineDist, '/peer-data': peerData } });
const browser = await launch();

// [SECTION] Navigations -----------------------------------------------------------------

const LOAD_SETUPS = [
  { name: '1280x800 DPR 1', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '390x844 DPR 3', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
];

// Opens `url` in a fresh context, waits for `readyScript` in the page, returns
// {page, context, result}. Retries when this busy machine times out.
async function visit(url, setup, readyScript) {
  for (let attempt = 1; ; ++attempt) {
    const { name, ...options } = setup;
    const context = await browser.newContext(options);
    const page = await context.newPage();
    try {
      await page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS });
      const result = await page.evaluate(readyScript);
      return { page, context, result };
    } catch (error) {
      await context.close();
      if (attempt >= ATTEMPTS) throw error;
      console.warn(`bench: ${url} (${name}) failed (${error.message.split('\n')[0]}); retrying`);
    }
  }
}

const explainerReady = async () => {
  while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
  await window.Explainer.ready;
  const resolvedAt = performance.now();  // for builds from before the marks
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  const stats = window.Explainer.stats();
  return {
    instantiated: mark('explainer:instantiated'), started: mark('explainer:engine-started'),
    packLoaded: mark('explainer:pack-loaded'), ready: mark('explainer:first-frame') || resolvedAt,
    firstFrameCpu: stats.recentFrameMs ? stats.recentFrameMs[0] : NaN, frames: stats.frames,
  };
};
const peerReady = async () => {
  while (!window.peerReady) await new Promise((resolve) => setTimeout(resolve, 5));
  await window.peerReady;
  return { ready: performance.getEntriesByName('peer:first-render')[0].startTime };
};

// The peer shows the explainer's own events, with relative dates resolved as the
// explainer resolves them (Explainer.entities() carries start and end days).
// What a first visit fetched, split at the first frame by when each request started
// (resource timing, read once the page has been idle a while so that requests in flight
// at ready have finished).
async function fetchedAroundReady(page) {
  await page.waitForTimeout(3000);
  return page.evaluate(() => {
    const ready = performance.getEntriesByName('explainer:first-frame')[0]?.startTime ?? Infinity;
    const entries = performance.getEntriesByType('resource');
    return { beforeReady: [location.href, ...entries.filter((e) => e.startTime <= ready).map((e) => e.name)],
             afterReady: entries.filter((e) => e.startTime > ready).map((e) => e.name) };
  });
}

async function writePeerData() {
  const { page, context } = await visit(server.url, LOAD_SETUPS[0], explainerReady);
  const fetched = await fetchedAroundReady(page);
  const entities = await page.evaluate(() => Explainer.entities());
  const article = await page.evaluate(() => ({ headline: document.getElementById('mirror-headline').textContent }));
  await context.close();
  const day = (iso) => { const [year, month, date] = iso.split('-').map(Number); return { year, month, day: date }; };
  const events = entities.filter((e) => e.type === 'event' && e.start).map((e) => ({
    start_date: day(e.start), end_date: e.end && e.end !== e.start ? day(e.end) : undefined,
    text: { headline: e.name, text: e.description }, unique_id: e.id,
  }));
  fs.writeFileSync(path.join(peerData, 'events.json'), JSON.stringify({ title: { text: { headline: article.headline } }, events }));
  return { events: events.length, fetched };
}

// [SECTION] Load: explainer against peer ----------------------------------------------------

const warmUp = await writePeerData();
console.log(`Explainer against TimelineJS 3.9.11 (${warmUp.events} events), ${runs} runs each, alternating; ` +
  'each navigation a first visit (fresh context). Times from navigation start.');
const startup = { instantiatedToReady: [], main: [], packLoad: [], packToReady: [], firstFrameCpu: [] };
for (const setup of LOAD_SETUPS) {
  const explainer = [], peer = [];
  await (await visit(server.url + 'peer/timelinejs.html', setup, peerReady)).context.close();  // warm-up
  for (let i = 0; i < runs; ++i) {
    const order = i % 2 ? ['peer', 'explainer'] : ['explainer', 'peer'];
    for (const which of order) {
      if (which === 'peer') {
        const v = await visit(server.url + 'peer/timelinejs.html', setup, peerReady);
        peer.push(v.result.ready);
        await v.context.close();
      } else {
        const v = await visit(server.url, setup, explainerReady);
        const r = v.result;
        explainer.push(r.ready);
        startup.instantiatedToReady.push(r.ready - r.instantiated);
        startup.main.push(r.started - r.instantiated);
        startup.packLoad.push(r.packLoaded - r.started);
        startup.packToReady.push(r.ready - r.packLoaded);
        startup.firstFrameCpu.push(r.firstFrameCpu);
        await v.context.close();
      }
    }
  }
  const ratio = median(explainer) / median(peer);
  const [low, high] = ratioInterval(explainer, peer);
  console.log(`  Load ${setup.name}: explainer/peer ${ratio.toFixed(2)}x, 90% interval ${low.toFixed(2)}-${high.toFixed(2)}x  (explainer median ${ms(median(explainer))} [${list(explainer)}], ` +
    `TimelineJS median ${ms(median(peer))} [${list(peer)}])`);
}

console.log('Startup (medians over both setups, from the marks):');
console.log(`  instantiated -> first complete frame (ready): ${ms(median(startup.instantiatedToReady))}  [${list(startup.instantiatedToReady)}]`);
console.log(`    main (fonts, GL, ImGui):                    ${ms(median(startup.main))}`);
console.log(`    explainer_load_pack + page glue:            ${ms(median(startup.packLoad))}`);
console.log(`    pack loaded -> first frame drawn:           ${ms(median(startup.packToReady))}  (first frame's own CPU ${ms(median(startup.firstFrameCpu))})`);

// [SECTION] Bytes ------------------------------------------------------------------------------

function fileFor(url) {
  const u = new URL(url);
  if (u.origin + '/' !== server.url || u.pathname.startsWith('/peer')) return null;
  const rel = decodeURIComponent(u.pathname).replace(/^\//, '') || 'index.html';
  const file = path.join(webDir, rel.endsWith('/') ? rel + 'index.html' : rel);
  return fs.existsSync(file) ? file : null;
}
function compressedSizes(file) {
  const bytes = fs.readFileSync(file);
  const stored = (suffix, make) => (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : make(bytes).length);
  return { raw: bytes.length, gzip: stored('.gz', (b) => zlib.gzipSync(b, { level: 9 })), brotli: stored('.br', (b) => zlib.brotliCompressSync(b)) };
}
const firstLoad = [...new Set(warmUp.fetched.beforeReady.map(fileFor).filter(Boolean))].sort();
const afterReady = [...new Set(warmUp.fetched.afterReady.map(fileFor).filter(Boolean))].sort();
const totals = { all: { raw: 0, gzip: 0, brotli: 0 }, code: { raw: 0, gzip: 0, brotli: 0 } };
console.log('Bytes of the first visit (every file requested before the first frame; .gz/.br as the build wrote them):');
console.log(`  ${'file'.padEnd(36)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
for (const file of firstLoad) {
  const size = compressedSizes(file);
  const isCode = isAppCode(file);
  for (const key of ['raw', 'gzip', 'brotli']) {
    totals.all[key] += size[key];
    if (isCode) totals.code[key] += size[key];
  }
  console.log(`  ${path.relative(webDir, file).padEnd(36)} ${kb(size.raw).padStart(10)} ${kb(size.gzip).padStart(10)} ${kb(size.brotli).padStart(10)}`);
}
console.log(`  ${'first load, total'.padEnd(36)} ${kb(totals.all.raw).padStart(10)} ${kb(totals.all.gzip).padStart(10)} ${kb(totals.all.brotli).padStart(10)}`);
console.log(`  ${'app code (html, js, wasm)'.padEnd(36)} ${kb(totals.code.raw).padStart(10)} ${kb(totals.code.gzip).padStart(10)} ${kb(totals.code.brotli).padStart(10)}`);
const against = (name, bytes, goal) => `${name} ${bytes.toLocaleString('en')} bytes gzip, goal <= ${goal.toLocaleString('en')}: ${bytes <= goal ? 'met' : 'NOT MET'}`;
console.log(`  Goals: ${against('first load', totals.all.gzip, FIRST_LOAD_GZIP_GOAL)}; ${against('app code', totals.code.gzip, APP_CODE_GZIP_GOAL)}`);
const sizesOf = (files) => {
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) for (const [key, value] of Object.entries(compressedSizes(file))) sum[key] += value;
  return sum;
};
{
  const later = sizesOf(afterReady);
  console.log(`  ${`requested after the first frame (${afterReady.length} files)`.padEnd(36)} ${kb(later.raw).padStart(10)} ` +
    `${kb(later.gzip).padStart(10)} ${kb(later.brotli).padStart(10)}  ${afterReady.map((f) => path.relative(webDir, f)).join(' ')}`);
}
{
  // A phone's first frame shows one panel, and its page leaves what that panel does not
  // draw (the basemap) for after it.
  const phone = await visit(server.url, LOAD_SETUPS[1], explainerReady);
  const fetched = await fetchedAroundReady(phone.page);
  await phone.context.close();
  const before = [...new Set(fetched.beforeReady.map(fileFor).filter(Boolean))].sort();
  const left = firstLoad.filter((file) => !before.includes(file)).map((file) => path.relative(webDir, file));
  const size = sizesOf(before);
  console.log(`  ${`first load, ${LOAD_SETUPS[1].name}`.padEnd(36)} ${kb(size.raw).padStart(10)} ${kb(size.gzip).padStart(10)} ` +
    `${kb(size.brotli).padStart(10)}  (${before.length} files; after its first frame: ${left.join(' ') || 'none'})`);
}

// [SECTION] Frame CPU under continuous input ---------------------------------------------------

const FRAME_SETUP = { name: '1920x1080 DPR 2', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 };

// Waits until no frame has been drawn for `quietMs`.
async function settle(page, quietMs = 300) {
  let last = -1, since = Date.now();
  for (const started = Date.now(); Date.now() - started < 20000;) {
    const frames = await page.evaluate(() => Explainer.stats().frames);
    if (frames !== last) { last = frames; since = Date.now(); } else if (Date.now() - since >= quietMs) return frames;
    await page.waitForTimeout(50);
  }
  return last;
}

// Runs `step(i)` for i < steps and collects the CPU time of every frame drawn meanwhile
// (read in batches: stats() keeps the last 64).
async function frameCosts(page, steps, step) {
  const costs = [];
  let seen = await settle(page);
  const collect = async () => {
    const stats = await page.evaluate(() => Explainer.stats());
    if (!stats.recentFrameMs) return;  // a build from before stats() had it
    const fresh = Math.min(stats.frames - seen, stats.recentFrameMs.length);
    costs.push(...stats.recentFrameMs.slice(stats.recentFrameMs.length - fresh));
    seen = stats.frames;
  };
  for (let i = 0; i < steps; ++i) {
    await step(i);
    if (i % 20 === 19) await collect();
  }
  await settle(page);
  await collect();
  return costs;
}

function report(name, costs, moves) {
  const perMove = moves ? `; ${(costs.length / moves).toFixed(2)} frames and ${ms(costs.reduce((a, b) => a + b, 0) / moves)} CPU per move` : '';
  console.log(`  ${name.padEnd(30)} ${String(costs.length).padStart(4)} frames: p50 ${ms(median(costs))}, p95 ${ms(quantile(costs, 0.95))}, mean ${ms(mean(costs))}${perMove}`);
}

{
  const { page, context } = await visit(server.url, FRAME_SETUP, explainerReady);
  const centreOf = async (panel, kind) => page.evaluate(([panel, kind]) => {
    for (const entity of Explainer.entities().filter((e) => !kind || e.type === kind)) {
      const rect = Explainer.locate(entity.id).find((r) => r.panel === panel);
      if (rect) return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    return null;
  }, [panel, kind]);
  const mentions = await page.evaluate(() => Explainer.entities().map((e) => Explainer.locate(e.id).find((r) => r.panel === 'article'))
    .filter(Boolean).slice(0, 12).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })));
  const place = await centreOf('map', 'place');
  console.log(`Frame CPU at ${FRAME_SETUP.name} (Explainer.stats().recentFrameMs):`);

  // Map pan: drag on the map near a place (markers and labels move with it).
  const panFrom = { x: place.x + 40, y: place.y + 40 };
  await page.mouse.move(panFrom.x, panFrom.y);
  await page.mouse.down();
  report('map pan', await frameCosts(page, 120, (i) => {
    const t = (i % 40) / 40, back = Math.floor(i / 40) % 2 ? 1 - t : t;
    return page.mouse.move(panFrom.x + 160 * back, panFrom.y + 60 * back);
  }));
  await page.mouse.up();

  // Article scroll: wheel over the article, down then up.
  const article = mentions[0];
  await page.mouse.move(article.x, article.y);
  report('article scroll', await frameCosts(page, 80, (i) => page.mouse.wheel(0, i % 40 < 20 ? 90 : -90)));

  // Hover: from mention to mention (each highlights its entity in every panel).
  report('hover over mentions', await frameCosts(page, 96, (i) => {
    const a = mentions[Math.floor(i / 4) % mentions.length];
    return page.mouse.move(a.x + (i % 4) - 2, a.y);
  }));

  // A pointer move that changes nothing: one pixel back and forth over empty sea,
  // away from every marker, label and control.
  const still = { x: place.x + 40, y: place.y + 40 };
  await page.mouse.move(still.x, still.y);
  const idleMoves = 60;
  report('pointer move, nothing changes', await frameCosts(page, idleMoves, async (i) => {
    await page.mouse.move(still.x + (i % 2), still.y);
    await page.waitForTimeout(30);
  }), idleMoves);

  const before = await settle(page);
  await page.waitForTimeout(2000);
  const idle = (await page.evaluate(() => Explainer.stats().frames)) - before;
  console.log(`  frames drawn in 2 s of idleness: ${idle}`);
  await context.close();
}

await browser.close();
server.server.close();
fs.rmSync(peerData, { recursive: true, force: true });
