// Frame CPU against pack length (run by scripts/bench; not a test: it reports). In one
// browser run: the seed, 10 and 40 copies of it (tools/multiply-pack.mjs), and the
// largest pack the loader takes (40 copies, under the loader's 2,000 entities, paragraphs padded to just under 4 MiB).
// Each pack is opened in turn, several rounds interleaved so the machine's load falls
// on all of them alike, and gets the same continuous article scroll, map pan and hover
// over mentions, at 1920x1080 DPR 2 (issue 10's frame setup); reported per pack and
// interaction are p50, p95 and mean CPU per frame, and each one's ratio to the seed's.
// BENCH_ROUNDS (default 3) sets the rounds; BENCH_PACKS (for example "seed,x10,x40") picks
// packs by name (the seed is always measured: every ratio is to it).
import fs from 'node:fs';
import os from 'node:os';
import { serve, launch, openPage } from '../tests/browser/harness.mjs';
import { generatePacks, interact, mean, percentile, GENERATED_PREFIX } from '../tests/browser/frame-cost.mjs';

const rounds = Number(process.env.BENCH_ROUNDS || 3);
const FRAME_SETUP = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 };
const picked = process.env.BENCH_PACKS?.split(',');
const specs = [
  { name: 'seed', copies: 1 },
  { name: 'x10', copies: 10 },
  { name: 'x40', copies: 40 },
  { name: 'max', copies: 40, padParagraphs: 6700 },
].filter(({ name }) => !picked || name === 'seed' || picked.includes(name));
const dir = generatePacks(specs);
const server = await serve({ mounts: { [GENERATED_PREFIX]: dir } });
const browser = await launch();

const samples = {};   // pack -> scenario -> frame times
const loads = {};     // pack -> ms from navigation to Explainer.ready
for (let round = 0; round < rounds; ++round) {
  for (const { name } of specs) {
    const page = await openPage(browser, `${server.url}?pack=${GENERATED_PREFIX}/${name}.json`, { ...FRAME_SETUP, fresh: true });
    (loads[name] ??= []).push(await page.evaluate(() => performance.now()));
    const times = await interact(page);
    for (const [scenario, xs] of Object.entries(times)) ((samples[name] ??= {})[scenario] ??= []).push(...xs);
    await page.context().close();
    // Progress, on stderr: at 1920x1080 DPR 2 a headless software-GL input costs about a
    // second (the canvas is read back every frame), so a run takes many minutes.
    console.error(`round ${round + 1}/${rounds} ${name}: ready at ${loads[name].at(-1).toFixed(0)} ms; ` +
      Object.entries(times).map(([scenario, xs]) => `${scenario} p50 ${percentile(xs, 0.5).toFixed(1)} ms`).join(', '));
  }
}

const load = os.loadavg().map((x) => x.toFixed(1)).join(', ');
console.log(`Frame CPU against pack length at 1920x1080 DPR 2 (${rounds} rounds, packs interleaved; ms per frame, ` +
  `from Explainer.stats().recentFrameMs; load average ${load} on ${os.cpus().length} cores)`);
for (const { name, copies, padParagraphs } of specs) {
  const bytes = fs.statSync(`${dir}/${name}.json`).size;
  const loadMs = [...loads[name]].sort((a, b) => a - b)[Math.floor(loads[name].length / 2)];
  console.log(`  ${name}: ${copies} cop${copies === 1 ? 'y' : 'ies'}${padParagraphs ? `, paragraphs padded to ${padParagraphs} B` : ''}, ` +
    `${(bytes / 1024).toFixed(0)} KiB; navigation to ready: median ${loadMs.toFixed(0)} ms`);
  for (const [scenario, xs] of Object.entries(samples[name])) {
    const seed = samples.seed[scenario];
    const figure = (label, of) => `${label} ${of(xs).toFixed(2).padStart(6)} ms (${(of(xs) / of(seed)).toFixed(2)}x seed)`;
    console.log(`    ${scenario.padEnd(7)} ${String(xs.length).padStart(4)} frames  ${figure('p50', (v) => percentile(v, 0.5))}  ` +
      `${figure('p95', (v) => percentile(v, 0.95))}  ${figure('mean', mean)}`);
  }
}
await browser.close();
server.server.close();
fs.rmSync(dir, { recursive: true, force: true });
