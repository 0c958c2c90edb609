// What a visit costs the browser's GPU process, against a baseline build (not a test, and
// not part of scripts/bench). Headless Chromium here draws WebGL with SwiftShader, on the
// CPU, in the GPU process's own threads, which share the machine's two cores with the
// page: a frame is a whole canvas of fill (1170x2532 pixels on the phone setup), done
// after the page has issued it. The tool alternates first visits of the two builds and
// reads the CPU time of every thread of the GPU and renderer processes from /proc
// (/proc/PID/task/TID/stat), from navigation to Explainer.ready and in the 1.5 s after
// it, and prints the means by thread name (SwiftShader's workers are "Thread<NN>").
// Usage: node tools/bench-gpu.mjs BASELINE_WEB_DIR [phone|desktop] [visits]
// (copy build/web aside before a change: cp -a build/web /tmp/web-before). Linux only.
import fs from 'node:fs';
import path from 'node:path';
import { launch, webDir } from '../tests/browser/harness.mjs';
import { startServer } from './static-server.mjs';

const SETUPS = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};
const [baselineArg, which = 'phone', visitsArg = '8'] = process.argv.slice(2);
if (!baselineArg || !SETUPS[which] || !fs.existsSync(path.join(baselineArg, 'index.html'))) {
  console.error('usage: node tools/bench-gpu.mjs BASELINE_WEB_DIR [phone|desktop] [visits] (the baseline holds a built index.html)');
  process.exit(2);
}
const visits = Math.max(1, Number(visitsArg));
const AFTER_READY_MS = 1500;
const CLOCK_TICKS_MS = 10;  // /proc's times are in USER_HZ, 100 a second on Linux

// Every thread of Chromium's GPU and renderer processes: "kind name" -> CPU ticks. The
// processes are told apart by their command lines (Chromium rewrites them into one string).
function threadTicks() {
  const ticks = new Map();
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let kind;
    try {
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      kind = /--gpu-preferences/.test(command) ? 'gpu' : /--renderer-client-id/.test(command) ? 'renderer' : null;
      if (!kind) continue;
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(`${pid}:${tid}`, { name: `${kind} ${name}`, ticks: Number(fields[11]) + Number(fields[12]) });
      }
    } catch { /* the process or thread ended while read */ }
  }
  return ticks;
}

// Adds the CPU each thread used between two readings to `sums`, by thread name.
function addDifference(before, after, sums) {
  for (const [id, { name, ticks }] of after) {
    const used = (ticks - (before.get(id)?.ticks ?? 0)) * CLOCK_TICKS_MS;
    if (used > 0) sums.set(name, (sums.get(name) || 0) + used);
  }
}

const whenReady = async () => {
  while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
  await window.Explainer.ready;
};

const builds = { baseline: path.resolve(baselineArg), current: webDir };
const servers = {};
for (const [name, dir] of Object.entries(builds)) servers[name] = await startServer({ dir });
const sums = Object.fromEntries(Object.keys(builds).map((name) => [name, { toReady: new Map(), afterReady: new Map() }]));
const browser = await launch();
try {
  for (let visit = 0; visit < visits; ++visit) {
    for (const name of visit % 2 ? ['baseline', 'current'] : ['current', 'baseline']) {
      const context = await browser.newContext(SETUPS[which]);
      const page = await context.newPage();
      await page.waitForTimeout(AFTER_READY_MS);  // the visit before has finished its work
      const start = threadTicks();
      await page.goto(servers[name].url, { waitUntil: 'commit' });
      await page.evaluate(whenReady);
      const ready = threadTicks();
      await page.waitForTimeout(AFTER_READY_MS);
      addDifference(start, ready, sums[name].toReady);
      addDifference(ready, threadTicks(), sums[name].afterReady);
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const server of Object.values(servers)) server.server.close();
}

console.log(`${which}: CPU time by thread, means of ${visits} alternating first visits of each build (ms)`);
for (const [label, key] of [['navigation -> ready', 'toReady'], [`${AFTER_READY_MS} ms after ready`, 'afterReady']]) {
  console.log(label);
  const names = [...new Set(Object.values(sums).flatMap((s) => [...s[key].keys()]))];
  const mean = (name, thread) => (sums[name][key].get(thread) || 0) / visits;
  names.sort((a, b) => mean('baseline', b) + mean('current', b) - mean('baseline', a) - mean('current', a));
  console.log(`  ${'thread'.padEnd(28)}${'baseline'.padStart(10)}${'current'.padStart(10)}`);
  for (const thread of names.slice(0, 10))
    console.log(`  ${thread.padEnd(28)}${mean('baseline', thread).toFixed(0).padStart(10)}${mean('current', thread).toFixed(0).padStart(10)}`);
  const gpu = (name) => names.filter((t) => t.startsWith('gpu ')).reduce((sum, t) => sum + mean(name, t), 0);
  console.log(`  ${'GPU process, all threads'.padEnd(28)}${gpu('baseline').toFixed(0).padStart(10)}${gpu('current').toFixed(0).padStart(10)}`);
}
