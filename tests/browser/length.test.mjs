// Long packs (issue 9, "any length"): 40 copies of the seed, made at test time by
// tools/multiply-pack.mjs, read to the end like the seed, and cost about as much CPU a
// frame as the seed under the same scrolling, panning and hovering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, settle } from './harness.mjs';
import { generatePacks, interact, mean, percentile, GENERATED_PREFIX } from './frame-cost.mjs';

const COPIES = 40;
let server, browser, dir;
before(async () => {
  dir = generatePacks([{ name: 'seed', copies: 1 }, { name: 'long', copies: COPIES }]);
  server = await serve({ mounts: { [GENERATED_PREFIX]: dir } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.server.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const packUrl = (name) => `${server.url}?pack=${GENERATED_PREFIX}/${name}.json`;

test('the last copy of a 40-copy pack is read to its end, and its entities are drawn when selected', async () => {
  const pack = JSON.parse(fs.readFileSync(path.join(dir, 'long.json'), 'utf8'));
  const paragraphs = pack.article.paragraphs;
  const last = paragraphs[paragraphs.length - 1].id;
  assert.ok(last.endsWith(`-copy${COPIES}`), `the generated pack ends with copy ${COPIES} (${last})`);
  const page = await openPage(browser, packUrl('long'));
  await settle(page);

  // The reader goes to the end of the article: a click into its margin, then End.
  await page.mouse.click(8, 790);
  await page.keyboard.press('End');
  await settle(page);
  const top = (await page.evaluate(() => Explainer.getState())).paragraph;
  const topIndex = paragraphs.findIndex((p) => p.id === top);
  assert.ok(topIndex >= paragraphs.length - 11, `the article shows the last copy (top paragraph ${top}, #${topIndex + 1} of ${paragraphs.length})`);

  // An entity the last paragraph mentions, in the last copy: selecting it draws it there.
  const entity = pack.entities.find((e) => e.id.endsWith(`-copy${COPIES}`) && e.mentions?.some((m) => m.paragraph === last));
  assert.ok(entity, 'the last paragraph mentions an entity');
  assert.equal(await page.evaluate((id) => Explainer.select(id), entity.id), true);
  await page.mouse.move(1270, 790);
  await settle(page);
  const rects = (await page.evaluate((id) => Explainer.locate(id), entity.id)).filter((r) => r.panel === 'article');
  assert.ok(rects.length > 0, `${entity.id} is drawn in the article`);
  for (const r of rects) assert.ok(r.y >= 0 && r.y + r.height <= 800, `its mention is inside the view (y ${r.y})`);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, entity.id);
  assertNoProblems(assert, page);
  await page.context().close();
});

// Marked todo until the map panel's per-frame work is cached (issue 9 item 5, the map
// helper's branch): with the article, quotes and linked selection cached, 40 copies
// still cost several times the seed in the four-panel layout (the map alone, measured
// on its own tab, 2.3x). Remove `todo` once it passes; it fails on the old code (8.7x).
test('frame CPU during scroll, pan and hover on 40 copies stays within 2x the seed', {
  todo: 'the map panel alone costs 2.3x the seed on its own tab; fails until its per-frame work is cached',
}, async (t) => {
  // Seed, long pack, seed again: the machine's load changes while the test runs, so
  // the seed's cost is taken on both sides of the long pack's. Compared are medians:
  // on a shared machine a frame is now and then descheduled, which a mean takes in.
  const cost = {};
  for (const name of ['seed', 'long', 'seed']) {
    const page = await openPage(browser, packUrl(name));
    const times = await interact(page, { steps: 16 });
    for (const [scenario, xs] of Object.entries(times)) ((cost[name] ??= {})[scenario] ??= []).push(...xs);
    assertNoProblems(assert, page);
    await page.context().close();
  }
  const all = (name) => Object.values(cost[name]).flat();
  const median = (xs) => percentile(xs, 0.5);
  const report = Object.keys(cost.seed).map((s) => `${s}: median ${median(cost.long[s]).toFixed(2)} ms vs seed ` +
    `${median(cost.seed[s]).toFixed(2)} ms, mean ${mean(cost.long[s]).toFixed(2)} vs ${mean(cost.seed[s]).toFixed(2)} ms`).join('; ');
  assert.ok(all('long').length >= 30 && all('seed').length >= 30, `enough frames were timed (${report})`);
  const ratio = median(all('long')) / median(all('seed'));
  t.diagnostic(`40 copies: ${ratio.toFixed(2)}x the seed's median frame CPU (${report})`);
  assert.ok(ratio <= 2, `40 copies cost ${ratio.toFixed(2)}x the seed's frame CPU (${report})`);
});
