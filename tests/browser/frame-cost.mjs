// Frame CPU under continuous input, for the long-pack benchmark (tools/bench-length.mjs)
// and the long-pack browser tests (length.test.mjs, length-timing.test.mjs): packs made by
// tools/multiply-pack.mjs, served from a temporary folder, and the same interactions
// (article scroll, map pan, hover over mentions) timed by the app itself
// (Explainer.stats().recentFrameMs: CPU time of each frame, measured in C++).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { multiplyPack } from '../../tools/multiply-pack.mjs';
import { root, serve, launch, settle } from './harness.mjs';

export const SEED = path.join(root, 'content/isis-losing-ground.json');
export const GENERATED_PREFIX = '/generated-packs';
// The long pack of the long-pack tests: this many copies of the seed (issue 9's "ten times
// longer", four times over).
export const LONG_COPIES = 40;

// Writes `<name>.json` for every {name, copies, padParagraphs} into a fresh temporary
// folder; serve it with serve({mounts: {[GENERATED_PREFIX]: folder, ...}}).
export function generatePacks(specs, source = SEED) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-packs-'));
  const pack = JSON.parse(fs.readFileSync(source, 'utf8'));
  for (const { name, copies, padParagraphs = 0 } of specs)
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(multiplyPack(pack, copies, { padParagraphs })));
  return dir;
}

// For a test file: before() generates the packs of `specs` (as generatePacks), serves them
// with build/web/ and launches a browser; after() undoes it all. `long.url(name)` is the
// reader's address for the pack `name`, `long.dir` the packs' folder, `long.browser` the
// browser.
export function longPacksFor({ before, after }, specs) {
  const long = { dir: null, server: null, browser: null };
  long.url = (name) => `${long.server.url}?pack=${GENERATED_PREFIX}/${name}.json`;
  before(async () => {
    long.dir = generatePacks(specs);
    long.server = await serve({ mounts: { [GENERATED_PREFIX]: long.dir } });
    long.browser = await launch();
  });
  after(async () => {
    await long.browser?.close();
    long.server?.server.close();
    if (long.dir) fs.rmSync(long.dir, { recursive: true, force: true });
  });
  return long;
}

// The CPU times of the frames drawn since `since` (at most the last 64 of them).
async function framesSince(page, since) {
  const { frames, recentFrameMs } = await page.evaluate(() => Explainer.stats());
  return { frames, times: recentFrameMs.slice(Math.max(0, recentFrameMs.length - (frames - since))) };
}

// Runs `step(i)` `count` times, collecting the CPU time of every frame it causes (read
// back every few steps, before the app's ring of 64 frame times wraps).
async function timeSteps(page, count, step) {
  const times = [];
  let { frames } = await framesSince(page, 0);
  for (let i = 0; i < count; ++i) {
    await step(i);
    if (i % 8 === 7 || i === count - 1) {
      const read = await framesSince(page, frames);
      times.push(...read.times);
      frames = read.frames;
    }
  }
  return times;
}

// Mentions drawn in the article panel now, as rectangle centres (a pointer path).
async function visibleMentions(page) {
  return page.evaluate(() => {
    const out = [];
    for (const e of Explainer.entities())
      for (const r of Explainer.locate(e.id))
        if (r.panel === 'article' && r.width > 4) out.push({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
    return out;
  });
}

// The interactions the issue names: the article scrolled by the wheel, the map dragged,
// the pointer moved from mention to mention. Positions are a 1280x800 page's, scaled to
// the page's viewport (the panels' shares of it are the same at any wide size). Returns
// the CPU time of every frame each caused, by scenario.
export async function interact(page, { steps = 48 } = {}) {
  const out = {};
  const { width, height } = page.viewportSize();
  const at = (x, y) => ({ x: x * width / 1280, y: y * height / 800 });
  await settle(page);
  const over = at(300, 400);
  await page.mouse.move(over.x, over.y);
  out.scroll = await timeSteps(page, steps, (i) => page.mouse.wheel(0, i % 16 < 8 ? 100 : -100));
  await settle(page);

  const from = at(900, 200), to = at(1100, 300);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  out.pan = await timeSteps(page, steps, (i) => {
    const f = (i % 24) / 24;
    return page.mouse.move(from.x + (to.x - from.x) * f, from.y + (to.y - from.y) * f);
  });
  await page.mouse.up();
  await settle(page);

  const targets = (await visibleMentions(page)).filter((p) => p.x < at(580, 0).x && p.y > 0 && p.y < height);
  if (targets.length < 2) throw new Error(`too few mentions in view to hover (${targets.length})`);
  out.hover = await timeSteps(page, steps, (i) => page.mouse.move(targets[i % targets.length].x, targets[i % targets.length].y));
  await page.mouse.move(5, height - 5);
  await settle(page);
  return out;
}

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;
}

// The mean of the fastest `keep` share of `xs`: the frames a shared machine descheduled
// are left out, as a median leaves them out, but the app's timer, which Chromium coarsens
// to 0.1 ms with jitter, averages out, where a median of 1 ms frames moves in steps of 10%.
export function trimmedMean(xs, keep = 0.8) {
  const sorted = [...xs].sort((a, b) => a - b);
  return mean(sorted.slice(0, Math.max(1, Math.floor(sorted.length * keep))));
}
