// The benchmark behind scripts/bench (not a test: it asserts nothing, it reports).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, openPage, settle, webDir } from '../tests/browser/harness.mjs';

const runs = Number(process.env.BENCH_RUNS || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// [SECTION] Sizes
const files = ['index.html', 'page.js', 'explainer.css', 'explainer.js', 'explainer.wasm', 'data/basemap.bin',
  'content/isis-losing-ground.json', 'explainer-standalone.html'].filter((f) => fs.existsSync(path.join(webDir, f)));
console.log('Sizes (bytes)            raw      gzip -9');
let first = 0;
for (const file of files) {
  const bytes = fs.readFileSync(path.join(webDir, file));
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  if (file !== 'explainer-standalone.html') first += gzip;
  console.log(`  ${file.padEnd(34)} ${String(bytes.length).padStart(9)} ${String(gzip).padStart(9)}`);
}
console.log(`  ${'first load (all but standalone)'.padEnd(34)} ${''.padStart(9)} ${String(first).padStart(9)}`);

// [SECTION] Time to ready, idle frames
const server = await serve();
const browser = await launch();
const readyTimes = [], idleFrames = [];
for (let i = 0; i < runs; ++i) {
  const page = await openPage(browser, server.url);
  readyTimes.push(await page.evaluate(() => performance.now()));  // ready has resolved: time since navigation start
  await settle(page);
  const before = await page.evaluate(() => Explainer.stats().frames);
  await page.waitForTimeout(2000);
  idleFrames.push((await page.evaluate(() => Explainer.stats().frames)) - before);
  await page.context().close();
}
console.log(`Time from navigation to Explainer.ready: median ${median(readyTimes).toFixed(0)} ms over ${runs} runs (${readyTimes.map((t) => t.toFixed(0)).join(', ')})`);
console.log(`Frames drawn in 2 s of idleness: ${idleFrames.join(', ')}`);

// [SECTION] Frame CPU time under continuous interaction (SwiftShader, 1280x800, DPR 1)
async function drag(page, name, from, to, steps = 120) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const start = await page.evaluate(() => Explainer.stats().frames);
  const t0 = Date.now();
  for (let i = 1; i <= steps; ++i) {
    await page.mouse.move(from.x + (to.x - from.x) * (i % 40) / 40, from.y + (to.y - from.y) * (i % 40) / 40);
  }
  await page.mouse.up();
  const stats = await page.evaluate(() => Explainer.stats());
  console.log(`  ${name.padEnd(24)} ${(stats.frames - start)} frames in ${Date.now() - t0} ms; mean CPU per frame (last 60): ${stats.frameMs.toFixed(2)} ms`);
}
const page = await openPage(browser, server.url);
await settle(page);
console.log('Frame CPU time during continuous input (Explainer.stats().frameMs, timed in C++ around each frame):');
await drag(page, 'map pan', { x: 900, y: 200 }, { x: 1100, y: 300 });
await settle(page);
await page.mouse.move(300, 400);
const start = await page.evaluate(() => Explainer.stats().frames);
for (let i = 0; i < 60; ++i) await page.mouse.wheel(0, i % 20 < 10 ? 120 : -120);
await settle(page);
const scroll = await page.evaluate(() => Explainer.stats());
console.log(`  ${'article wheel scroll'.padEnd(24)} ${scroll.frames - start} frames; mean CPU per frame (last 60): ${scroll.frameMs.toFixed(2)} ms`);
await drag(page, 'timeline pan', { x: 800, y: 500 }, { x: 1100, y: 500 });
await page.context().close();
await browser.close();
server.server.close();
