// Where the start's main thread goes, by phase (not a test, and not part of scripts/bench):
// opens the explainer with a Chromium trace on (CDP Tracing) and prints, for each phase
// between the start's performance marks (navigation, explainer:instantiated,
// explainer:engine-started, explainer:pack-loaded, explainer:first-frame), its wall time,
// the main thread's CPU time in it, and how much of that CPU went to compiling wasm
// functions on their first call (V8's lazy compilation, `wasm.CompileLazy`), with their
// count. Wall time against CPU time tells a busy machine from a busy page; the compiles are
// work a profile (tools/profile-startup.mjs) folds into the functions they precede.
// Usage: node tools/trace-startup.mjs [phone|desktop] [visits]   (default: phone, 3)
// TRACE_JS_FLAGS=FLAGS starts Chromium with --js-flags=FLAGS (say --no-wasm-lazy-compilation).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, webDir } from '../tests/browser/harness.mjs';
import { startServer } from './static-server.mjs';

const SETUPS = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};
const PHASES = [
  ['navigation -> instantiated', 'explainer:instantiated'],
  ['instantiated -> engine started (main)', 'explainer:engine-started'],
  ['engine started -> pack loaded', 'explainer:pack-loaded'],
  ['pack loaded -> first frame (ready)', 'explainer:first-frame'],
];
const which = process.argv[2] || 'phone';
if (!SETUPS[which]) {
  console.error(`trace-startup: the setup is phone or desktop, not '${which}'`);
  process.exit(2);
}
const visits = Math.max(1, Number(process.argv[3] || 3));

const whenReady = async () => {
  while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
  await window.Explainer.ready;
};

// The trace's events of the page's main thread that are not nested in another (its tasks),
// and its lazy compiles.
function mainThread(traceEvents) {
  const marks = new Map(traceEvents.filter((e) => e.cat.includes('blink.user_timing')).map((e) => [e.name, e]));
  const ready = marks.get('explainer:first-frame');
  if (!ready) throw new Error('the trace has no explainer:first-frame mark');
  const own = traceEvents.filter((e) => e.pid === ready.pid && e.tid === ready.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = [];
  let end = -Infinity;
  for (const e of own) {
    if (e.ts < end) continue;
    tasks.push(e);
    end = e.ts + e.dur;
  }
  // The navigation's own start: the last navigationStart before the engine's marks.
  const navigation = traceEvents.filter((e) => e.name === 'navigationStart' && e.ts <= ready.ts).reduce((a, b) => (b.ts > a.ts ? b : a));
  return { marks, navigation, tasks, compiles: own.filter((e) => e.name === 'wasm.CompileLazy') };
}

// Sums of `events` within [from, to): wall time, and CPU time prorated where an event
// straddles a bound.
function within(events, from, to) {
  let wall = 0, cpu = 0, count = 0;
  for (const e of events) {
    const lo = Math.max(from, e.ts), hi = Math.min(to, e.ts + e.dur);
    if (hi <= lo) continue;
    wall += hi - lo;
    cpu += (e.tdur ?? 0) * (hi - lo) / Math.max(1, e.dur);
    if (e.ts >= from) ++count;
  }
  return { wall: wall / 1000, cpu: cpu / 1000, count };
}

const server = await startServer({ dir: webDir });
const browser = await launch(process.env.TRACE_JS_FLAGS ? [`--js-flags=${process.env.TRACE_JS_FLAGS}`] : []);
const traceFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-trace-')), 'trace.json');
const sums = PHASES.map(() => ({ wall: 0, busy: 0, cpu: 0, compile: 0, compiles: 0 }));
try {
  // One visit first, untraced, so that the runs compare alike (Chromium's own first-use work).
  const warm = await browser.newContext(SETUPS[which]);
  const warmPage = await warm.newPage();
  await warmPage.goto(server.url);
  await warmPage.evaluate(whenReady);
  await warm.close();
  for (let visit = 0; visit < visits; ++visit) {
    const context = await browser.newContext(SETUPS[which]);
    const page = await context.newPage();
    await browser.startTracing(page, { path: traceFile, categories: ['toplevel', 'blink.user_timing', 'v8.wasm'] });
    await page.goto(server.url);
    await page.evaluate(whenReady);
    await browser.stopTracing();
    await context.close();
    const { marks, navigation, tasks, compiles } = mainThread(JSON.parse(fs.readFileSync(traceFile, 'utf8')).traceEvents);
    let from = navigation.ts;
    PHASES.forEach(([, mark], i) => {
      const to = marks.get(mark)?.ts;
      if (to === undefined) throw new Error(`the trace has no ${mark} mark`);
      const busy = within(tasks, from, to), compiled = within(compiles, from, to);
      Object.assign(sums[i], { wall: sums[i].wall + (to - from) / 1000, busy: sums[i].busy + busy.wall, cpu: sums[i].cpu + busy.cpu,
        compile: sums[i].compile + compiled.cpu, compiles: sums[i].compiles + compiled.count });
      from = to;
    });
  }
} finally {
  await browser.close();
  server.server.close();
  fs.rmSync(path.dirname(traceFile), { recursive: true, force: true });
}

const ms = (x) => (x / visits).toFixed(1).padStart(8);
console.log(`${which}: means of ${visits} traced first visits (tracing slows the page; compare runs of this tool, not its times with the bench's)`);
console.log(`${'phase'.padEnd(40)}    wall   in tasks  main CPU  lazy compile CPU (functions)`);
PHASES.forEach(([name], i) => {
  const s = sums[i];
  console.log(`${name.padEnd(40)}${ms(s.wall)}${ms(s.busy)}  ${ms(s.cpu)}  ${ms(s.compile)} (${Math.round(s.compiles / visits)})`);
});
