// Frame CPU of two builds side by side (not a test: it reports), for before/after tables:
// each build's site is served on its own port, and in one headless Chromium run the two
// are opened in turn, rounds interleaved so the machine's load falls on both alike, with
// the same continuous article scroll, map pan and hover over mentions at 1920x1080 DPR 2
// (issue 10's frame setup, tests/browser/frame-cost.mjs). Reported per build and
// interaction: frames drawn, p50, p95 and mean CPU per frame (Explainer.stats()), and
// the new build's ratios to the old one's.
// Usage: node tools/bench-frames.mjs OLD_WEB_DIR NEW_WEB_DIR [pack]
//   e.g. cp -a build/web /tmp/web-before; (change, scripts/build web);
//        node tools/bench-frames.mjs /tmp/web-before build/web
// BENCH_ROUNDS (default 3) sets the rounds, BENCH_STEPS (default 48) the inputs each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage } from '../tests/browser/harness.mjs';
import { interact, mean, percentile, generatePacks, GENERATED_PREFIX, SEED } from '../tests/browser/frame-cost.mjs';
import { startServer } from './static-server.mjs';

const [oldDir, newDir, packArg] = process.argv.slice(2);
if (!oldDir || !newDir) {
  console.error('usage: node tools/bench-frames.mjs OLD_WEB_DIR NEW_WEB_DIR [pack.json]');
  process.exit(2);
}
const rounds = Number(process.env.BENCH_ROUNDS || 3);
const steps = Number(process.env.BENCH_STEPS || 48);
const FRAME_SETUP = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 };
const packs = generatePacks([{ name: 'pack', copies: 1 }], packArg ? path.resolve(packArg) : SEED);
const builds = { old: path.resolve(oldDir), new: path.resolve(newDir) };
const servers = {};
for (const [name, dir] of Object.entries(builds)) servers[name] = await startServer({ dir, mounts: { [GENERATED_PREFIX]: packs } });
const browser = await launch();

const samples = {};  // build -> scenario -> frame times
const inputs = {};   // build -> scenario -> inputs given (frames per input)
const loads = [];
for (let round = 0; round < rounds; ++round) {
  for (const name of round % 2 ? ['new', 'old'] : ['old', 'new']) {
    const page = await openPage(browser, `${servers[name].url}?pack=${GENERATED_PREFIX}/pack.json`, { ...FRAME_SETUP, mirror: false, fresh: true });
    const times = await interact(page, { steps });
    for (const [scenario, xs] of Object.entries(times)) {
      ((samples[name] ??= {})[scenario] ??= []).push(...xs);
      (inputs[name] ??= {})[scenario] = (inputs[name][scenario] || 0) + steps;
    }
    await page.context().close();
    loads.push(os.loadavg()[0]);
    console.error(`round ${round + 1}/${rounds} ${name}: ` +
      Object.entries(times).map(([s, xs]) => `${s} mean ${mean(xs).toFixed(2)} ms (${xs.length} frames)`).join(', '));
  }
}

console.log(`Frame CPU, old ${builds.old} vs new ${builds.new}, 1920x1080 DPR 2, ${rounds} rounds interleaved, ` +
  `${steps} inputs each (ms per frame, Explainer.stats().recentFrameMs; 1-min load average ${Math.min(...loads).toFixed(1)}-` +
  `${Math.max(...loads).toFixed(1)} on ${os.cpus().length} cores)`);
for (const scenario of Object.keys(samples.old)) {
  for (const name of ['old', 'new']) {
    const xs = samples[name][scenario];
    const ratio = (of) => (name === 'new' ? ` (${(of(xs) / of(samples.old[scenario])).toFixed(2)}x)` : '');
    const figure = (label, of) => `${label} ${of(xs).toFixed(2).padStart(6)}${ratio(of).padEnd(9)}`;
    console.log(`  ${scenario.padEnd(7)} ${name}  ${String(xs.length).padStart(4)} frames ` +
      `(${(xs.length / inputs[name][scenario]).toFixed(2)}/input)  ${figure('p50', (v) => percentile(v, 0.5))} ` +
      `${figure('p95', (v) => percentile(v, 0.95))} ${figure('mean', mean)}`);
  }
}
await browser.close();
for (const s of Object.values(servers)) s.server.close();
fs.rmSync(packs, { recursive: true, force: true });
