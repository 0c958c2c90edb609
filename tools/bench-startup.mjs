// Startup of two builds side by side (not a test: it reports): a baseline build/web copy
// against the current one, and both against the TimelineJS peer (tools/bench.mjs serves
// and describes the peer), in one headless Chromium run, visits alternating
// (baseline, current, peer; the order rotates each round), each a first visit in a
// fresh context. Reports, per setup (1280x800 DPR 1 and 390x844 DPR 3): navigation to
// ready (medians, and the ratios current/baseline and each/peer), and from the start's
// performance marks navigation -> instantiated, instantiated -> first-frame, main, pack load and pack -> first frame;
// and the load average before and after. Then, in more visits traced by Chromium, the
// same phases in CPU time of the page's main thread (the trace's thread time): on these
// 2-core machines a page shares the cores with the browser's other processes and the
// server, so wall times grow with the load while thread time mostly does not.
// Usage: node tools/bench-startup.mjs BASELINE_WEB_DIR [runs, default 5]
// (BENCH_CPU_RUNS sets the traced visits of each build, default the runs.
// BENCH_THROTTLE=KBITS,MS throttles every visit's network to KBITS kbit/s down, half that
// up, and MS ms of latency (Chromium's network emulation), as on a phone's mobile network:
// 1600,150 is close to DevTools' "Fast 3G". The bytes a build asks for before its first
// frame then count, as they do not from this machine's own server.)
// (e.g. cp -a build/web /tmp/web-before before a change, rebuild, then run this).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, root, webDir } from '../tests/browser/harness.mjs';
import { startServer } from './static-server.mjs';

const baselineDir = process.argv[2];
const runs = Math.max(1, Number(process.argv[3] || 5));
const cpuRuns = Math.max(1, Number(process.env.BENCH_CPU_RUNS || runs));
if (!baselineDir || !fs.existsSync(path.join(baselineDir, 'index.html'))) {
  console.error('usage: node tools/bench-startup.mjs BASELINE_WEB_DIR [runs]  (a copy of an earlier build/web)');
  process.exit(2);
}
const timelineDist = path.join(root, 'node_modules/@knight-lab/timelinejs/dist');
const peerData = fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-bench-startup-'));
const peerMounts = { '/peer': path.join(root, 'tools/peer'), '/peer/timelinejs': timelineDist, '/peer-data': peerData };
const current = await startServer({ dir: webDir, mounts: peerMounts });
const baseline = await startServer({ dir: baselineDir });
const browser = await launch();

const SETUPS = [
  { name: '1280x800 DPR 1', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '390x844 DPR 3', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
];
const throttle = process.env.BENCH_THROTTLE ? process.env.BENCH_THROTTLE.split(',').map(Number) : null;
if (throttle && !(throttle.length === 2 && throttle.every((x) => x >= 0))) {
  console.error('BENCH_THROTTLE=KBITS,MS: kbit/s down and latency in ms, such as 1600,150');
  process.exit(2);
}
// A fresh page in its own context, its network throttled when asked.
async function newPage(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions',
      { offline: false, latency: throttle[1], downloadThroughput: throttle[0] * 125, uploadThroughput: throttle[0] * 62.5 });
  }
  return { context, page };
}
const median = (xs) => { const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');

const explainerReady = async () => {
  while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
  await window.Explainer.ready;
  const mark = (name) => performance.getEntriesByName(`explainer:${name}`)[0]?.startTime ?? NaN;
  return { instantiated: mark('instantiated'), started: mark('engine-started'), packLoaded: mark('pack-loaded'),
    ready: mark('first-frame'), firstFrameCpu: window.Explainer.stats().recentFrameMs[0] };
};
const peerReady = async () => {
  while (!window.peerReady) await new Promise((resolve) => setTimeout(resolve, 5));
  await window.peerReady;
  return { ready: performance.getEntriesByName('peer:first-render')[0].startTime };
};

// Main-thread CPU (thread time) of one traced visit, from navigation and between the
// start's marks: the top-level events of the thread that took the marks, each counted
// for its part inside a phase at its own ratio of thread time to wall time.
async function tracedVisit(url, setup, peer = false) {
  const { name, ...options } = setup;
  const { context, page } = await newPage(options);
  const file = path.join(peerData, 'trace.json');
  try {
    await browser.startTracing(page, { path: file, categories: ['toplevel', 'blink.user_timing'] });
    await page.goto(url, { timeout: 120000 });
    await page.evaluate(peer ? peerReady : explainerReady);
    await browser.stopTracing();
  } finally {
    await context.close();
  }
  const { traceEvents } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const marks = traceEvents.filter((e) => e.cat === 'blink.user_timing');
  const at = (mark) => marks.filter((e) => e.name === mark).pop()?.ts ?? NaN;  // the page's own navigation, not about:blank's
  const readyMark = peer ? 'peer:first-render' : 'explainer:first-frame';
  const { pid, tid } = marks.find((e) => e.name === readyMark);
  const top = [];
  let end = -Infinity;
  for (const e of traceEvents.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    if (e.ts >= end) top.push(e), end = e.ts + e.dur;
  }
  const cpu = (from, to) => top.reduce((sum, e) => {
    const inside = Math.min(e.ts + e.dur, to) - Math.max(e.ts, from);
    return inside > 0 ? sum + inside * ((e.tdur ?? e.dur) / Math.max(e.dur, 1)) : sum;
  }, 0) / 1000;
  const [navigation, instantiated, started, packLoaded, ready] = ['navigationStart', 'explainer:instantiated',
    'explainer:engine-started', 'explainer:pack-loaded', readyMark].map(at);
  return { navigation: cpu(navigation, ready), instantiated: cpu(instantiated, ready), main: cpu(instantiated, started),
    pack: cpu(started, packLoaded), packToFrame: cpu(packLoaded, ready) };
}

async function visit(url, setup, script) {
  const { name, ...options } = setup;
  const { context, page } = await newPage(options);
  try {
    await page.goto(url, { timeout: 120000 });
    return await page.evaluate(script);
  } finally {
    await context.close();
  }
}

// The peer's events: the explainer's own (as tools/bench.mjs writes them).
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(current.url);
  await page.evaluate(explainerReady);
  const { entities, headline } = await page.evaluate(() => ({ entities: Explainer.entities(),
    headline: document.getElementById('mirror-headline').textContent }));
  await context.close();
  const day = (iso) => { const [year, month, date] = iso.split('-').map(Number); return { year, month, day: date }; };
  const events = entities.filter((e) => e.type === 'event' && e.start).map((e) => ({
    start_date: day(e.start), end_date: e.end && e.end !== e.start ? day(e.end) : undefined,
    text: { headline: e.name, text: e.description }, unique_id: e.id }));
  fs.writeFileSync(path.join(peerData, 'events.json'), JSON.stringify({ title: { text: { headline } }, events }));
}

console.log(`Startup, baseline (${baselineDir}) against current (${webDir}) and TimelineJS 3.9.11; ${runs} rounds, ` +
  `visits alternating${throttle ? `; network throttled to ${throttle[0]} kbit/s and ${throttle[1]} ms` : ''}; load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (${os.cpus().length} cores)`);
for (const setup of SETUPS) {
  const results = { baseline: [], current: [], peer: [] };
  const order = ['baseline', 'current', 'peer'];
  for (let i = 0; i < runs; ++i) {
    for (let k = 0; k < order.length; ++k) {
      const which = order[(i + k) % order.length];
      const url = which === 'peer' ? current.url + 'peer/timelinejs.html' : which === 'baseline' ? baseline.url : current.url;
      results[which].push(await visit(url, setup, which === 'peer' ? peerReady : explainerReady));
    }
  }
  const ready = (which) => median(results[which].map((r) => r.ready));
  console.log(`  ${setup.name}: navigation -> ready, medians: baseline ${f0(ready('baseline'))} ms, current ${f0(ready('current'))} ms, ` +
    `TimelineJS ${f0(ready('peer'))} ms; current/baseline ${(ready('current') / ready('baseline')).toFixed(2)}x, ` +
    `baseline/peer ${(ready('baseline') / ready('peer')).toFixed(2)}x, current/peer ${(ready('current') / ready('peer')).toFixed(2)}x`);
  for (const which of ['baseline', 'current']) {
    const rs = results[which];
    const m = (fn) => f0(median(rs.map(fn)));
    console.log(`    ${which.padEnd(8)} ready [${rs.map((r) => f0(r.ready)).join(', ')}]; navigation -> instantiated ${m((r) => r.instantiated)} ms; ` +
      `instantiated -> first frame ${m((r) => r.ready - r.instantiated)} ms ` +
      `(main ${m((r) => r.started - r.instantiated)}, pack load ${m((r) => r.packLoaded - r.started)}, ` +
      `pack -> first frame ${m((r) => r.ready - r.packLoaded)}, first frame CPU ${m((r) => r.firstFrameCpu)})`);
  }
  console.log(`    peer     ready [${results.peer.map((r) => f0(r.ready)).join(', ')}]`);
  const traced = { baseline: [], current: [], peer: [] };
  for (let i = 0; i < cpuRuns; ++i) {
    for (let k = 0; k < order.length; ++k) {
      const which = order[(i + k) % order.length];
      const url = which === 'peer' ? current.url + 'peer/timelinejs.html' : which === 'baseline' ? baseline.url : current.url;
      traced[which].push(await tracedVisit(url, setup, which === 'peer'));
    }
  }
  const cpuOf = (which, key) => median(traced[which].map((r) => r[key]));
  console.log(`    main-thread CPU, ${cpuRuns} traced visits each, medians (current/baseline):`);
  for (const [key, label] of [['navigation', 'navigation -> first frame'], ['instantiated', 'instantiated -> first frame'],
    ['main', 'main'], ['pack', 'pack load'], ['packToFrame', 'pack -> first frame']]) {
    console.log(`      ${label.padEnd(27)} baseline ${f0(cpuOf('baseline', key)).padStart(4)} ms, current ${f0(cpuOf('current', key)).padStart(4)} ms ` +
      `(${(cpuOf('current', key) / cpuOf('baseline', key)).toFixed(2)}x)`);
  }
  console.log(`      TimelineJS, navigation -> first render ${f0(cpuOf('peer', 'navigation'))} ms; ` +
    `current/peer ${(cpuOf('current', 'navigation') / cpuOf('peer', 'navigation')).toFixed(2)}x`);
}
console.log(`Load average at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
await browser.close();
current.server.close();
baseline.server.close();
fs.rmSync(peerData, { recursive: true, force: true });
