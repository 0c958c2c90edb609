// Long packs (issue 9, "any length"): 40 copies of the seed, made at test time by
// tools/multiply-pack.mjs, read to the end like the seed, with the map, the timeline and
// the quotes as a reader can use them. Their frame cost is in length-timing.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, assertNoProblems, settle } from './harness.mjs';
import { longPacksFor, LONG_COPIES } from './frame-cost.mjs';

const long = longPacksFor({ before, after }, [{ name: 'seed', copies: 1 }, { name: 'long', copies: LONG_COPIES }]);
const packUrl = long.url;

test(`the last copy of a ${LONG_COPIES}-copy pack is read to its end, and its entities are drawn when selected`, async () => {
  const pack = JSON.parse(fs.readFileSync(path.join(long.dir, 'long.json'), 'utf8'));
  const paragraphs = pack.article.paragraphs;
  const last = paragraphs[paragraphs.length - 1].id;
  assert.ok(last.endsWith(`-copy${LONG_COPIES}`), `the generated pack ends with copy ${LONG_COPIES} (${last})`);
  const page = await openPage(long.browser, packUrl('long'));
  await settle(page);

  // The reader goes to the end of the article: a click into its margin, then End.
  await page.mouse.click(8, 790);
  await page.keyboard.press('End');
  await settle(page);
  const top = (await page.evaluate(() => Explainer.getState())).paragraph;
  const topIndex = paragraphs.findIndex((p) => p.id === top);
  assert.ok(topIndex >= paragraphs.length - 11, `the article shows the last copy (top paragraph ${top}, #${topIndex + 1} of ${paragraphs.length})`);

  // An entity the last paragraph mentions, in the last copy: selecting it draws it there.
  const entity = pack.entities.find((e) => e.id.endsWith(`-copy${LONG_COPIES}`) && e.mentions?.some((m) => m.paragraph === last));
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

// 40 copies put 40 places of one name on one spot: the map names the spot once (it
// used to name Turkey three times and Paris twice around their spots), and every one
// of them is still locatable there.
// The first frame lays out the paragraphs it shows (and a screen more), not the article:
// on a phone's article tab, as many for 40 copies of the seed as for the seed itself.
// A find lays out the rest, and its last match is shown where it is, in the last copy.
test(`a phone's first frame lays out as many paragraphs of ${LONG_COPIES} copies as of the seed; find lays out the rest`, async () => {
  const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  const laidOutAtReady = async (name) => {
    const page = await openPage(long.browser, packUrl(name), PHONE);
    const count = await page.evaluate(() => Explainer.stats().paragraphLayouts);
    return { page, count };
  };
  const seed = await laidOutAtReady('seed');
  const seedParagraphs = JSON.parse(fs.readFileSync(path.join(long.dir, 'seed.json'), 'utf8')).article.paragraphs.length;
  assertNoProblems(assert, seed.page);
  await seed.page.context().close();
  const { page, count } = await laidOutAtReady('long');
  const pack = JSON.parse(fs.readFileSync(path.join(long.dir, 'long.json'), 'utf8'));
  const paragraphs = pack.article.paragraphs;
  assert.ok(seed.count > 0 && seed.count < seedParagraphs, `the seed's first frame laid out ${seed.count} of its ${seedParagraphs} paragraphs`);
  assert.equal(count, seed.count, `the first frame of ${LONG_COPIES} copies laid out ${count} paragraphs, the seed's ${seed.count}`);

  const found = await page.evaluate(() => Explainer.find('Raqqa'));
  assert.ok(found.count >= LONG_COPIES, `Raqqa is found in every copy (${found.count})`);
  await page.evaluate(() => Explainer.findPrevious());  // from the top, backwards: the last match
  await settle(page);
  const stats = await page.evaluate(() => Explainer.stats());
  assert.ok(stats.paragraphLayouts >= paragraphs.length, `find laid out every paragraph (${stats.paragraphLayouts} of ${paragraphs.length})`);
  const top = (await page.evaluate(() => Explainer.getState())).paragraph;
  assert.ok(top.endsWith(`-copy${LONG_COPIES}`), `the last match is shown, in the last copy (top paragraph ${top})`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('places of one name on one spot are named once on the map, and each is locatable', async () => {
  const pack = JSON.parse(fs.readFileSync(path.join(long.dir, 'long.json'), 'utf8'));
  const page = await openPage(long.browser, packUrl('long'));
  await settle(page);
  const places = pack.entities.filter((e) => e.kind === 'place');
  const located = await page.evaluate((ids) => ids.map((id) => Explainer.locate(id).filter((r) => r.panel === 'map')), places.map((e) => e.id));
  const labels = new Map();  // name -> label rectangles (markers are at most 13 px wide)
  places.forEach((place, i) => {
    for (const r of located[i].filter((r) => r.width > 16)) (labels.get(place.name) ?? labels.set(place.name, []).get(place.name)).push(r);
  });
  assert.ok(labels.size >= 5, `several places are named on the map (${[...labels.keys()].join(', ')})`);
  for (const [name, rects] of labels) {
    const spots = new Set(rects.map((r) => `${Math.round(r.x)},${Math.round(r.y)}`));
    assert.equal(spots.size, 1, `${name} is named once, not at ${[...spots].join(' and ')}`);
  }
  // Each copy of a named place is located on the map, though one label names them all.
  for (const name of labels.keys()) {
    const copies = places.map((p, i) => [p, located[i]]).filter(([p]) => p.name === name);
    assert.equal(copies.length, LONG_COPIES, `${name} has ${LONG_COPIES} copies`);
    for (const [p, rects] of copies) assert.ok(rects.length > 0, `${p.id} is located on the map`);
  }
  assertNoProblems(assert, page);
  await page.context().close();
});

// The map lays its labels out when what they depend on changes (zoom, selection, what
// is in view), not on every frame of a pan: counted, so that no timing noise hides it.
test('a pan of the map moves its label layout instead of redoing it every frame', async () => {
  for (const name of ['seed', 'long']) {
    const page = await openPage(long.browser, packUrl(name));
    await settle(page);
    const stats = () => page.evaluate(() => Explainer.stats());
    const before = await stats();
    // A slow drag over the map (its frame: map:view), 30 moves of 2 px.
    const [view] = (await page.evaluate(() => Explainer.locate('map:view')));
    assert.ok(view, 'the map reports its frame');
    const from = { x: view.x + view.width / 2, y: view.y + view.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 30; ++i) {
      await page.mouse.move(from.x + 2 * i, from.y + i);
      await page.evaluate(() => new Promise(requestAnimationFrame));  // one frame a move
    }
    await page.mouse.up();
    await settle(page);
    const after = await stats();
    const frames = after.frames - before.frames, layouts = after.layouts - before.layouts;
    const moved = (await page.evaluate(() => Explainer.getState())).map;
    assert.ok(frames >= 20, `${name}: the drag drew frames (${frames})`);
    assert.ok(layouts * 4 <= frames, `${name}: ${layouts} label layouts in ${frames} frames of a pan`);
    // A zoom changes every label's place: that is a new layout.
    await page.mouse.move(from.x, from.y);
    await page.mouse.wheel(0, -100);
    await settle(page);
    const zoomed = await stats();
    assert.ok(zoomed.layouts > after.layouts, `${name}: a zoom lays the labels out again`);
    assert.ok((await page.evaluate(() => Explainer.getState())).map.zoom > moved.zoom, `${name}: the wheel zoomed in`);
    assertNoProblems(assert, page);
    await page.context().close();
  }
});

// Events of one name, kind and span share a mark and a label (as places of one name on
// one spot share a map label): 40 copies used to fill every lane with unlabelled copies
// of the same bars and push the labels out. The timeline of 40 copies is the seed's,
// pixel for pixel, and every copy is still located on its mark.
test(`events of one name and span share one mark and one label: ${LONG_COPIES} copies draw the seed’s timeline`, async () => {
  const pack = JSON.parse(fs.readFileSync(path.join(long.dir, 'long.json'), 'utf8'));
  const shots = {};
  for (const name of ['seed', 'long']) {
    const page = await openPage(long.browser, packUrl(name));
    await settle(page);
    const [axis] = await page.evaluate(() => Explainer.locate('timeline:axis'));
    assert.ok(axis, `${name}: the timeline draws its axis`);
    // The lanes, above the axis (the panel's header excluded).
    shots[name] = await page.screenshot({ clip: { x: axis.x, y: axis.y - 140, width: axis.width, height: 140 } });
    if (name === 'long') {
      const events = pack.entities.filter((e) => e.kind === 'event' && e.date);
      const located = await page.evaluate((ids) => ids.map((id) => Explainer.locate(id).filter((r) => r.panel === 'timeline')), events.map((e) => e.id));
      const base = (id) => id.replace(/-copy\d+$/, '');
      const spots = new Map();  // the seed's event -> where its copies are
      events.forEach((e, i) => {
        assert.equal(located[i].length, 1, `${e.id} is located on the timeline once`);
        (spots.get(base(e.id)) ?? spots.set(base(e.id), new Set()).get(base(e.id))).add(JSON.stringify(located[i][0]));
      });
      for (const [event, at] of spots) assert.equal(at.size, 1, `the ${LONG_COPIES} copies of ${event} share one mark (${[...at].join(' and ')})`);
    }
    assertNoProblems(assert, page);
    await page.context().close();
  }
  assert.ok(shots.seed.equals(shots.long), `the timeline of ${LONG_COPIES} copies looks exactly like the seed’s`);
});

// 40 copies quote 120 speakers: their filter chips take at most two rows, scroll within
// them, and leave the quotes panel's list its room (they used to cover it whole).
test(`speaker chips of ${LONG_COPIES} copies stay in two rows that scroll, above a visible list`, async () => {
  const pack = JSON.parse(fs.readFileSync(path.join(long.dir, 'long.json'), 'utf8'));
  const quoteIds = new Set(pack.entities.filter((e) => e.kind === 'quote').map((e) => e.id));
  const page = await openPage(long.browser, packUrl('long'));
  await settle(page);
  const speakers = [...new Set(pack.entities.filter((e) => e.kind === 'quote').map((e) => e.speaker))];
  assert.equal(speakers.length, 3 * LONG_COPIES, 'every copy quotes its own three speakers');
  const ids = [...quoteIds, 'quote-filter:all', ...speakers.map((id) => `quote-filter:${id}`)];
  const inQuotes = () => page.evaluate((ids) => ids.flatMap((id) => Explainer.locate(id).filter((r) => r.panel === 'quotes')
    .map((r) => ({ id, x: r.x, y: r.y, width: r.width, height: r.height }))), ids);
  const rects = await inQuotes();
  const chips = rects.filter((r) => r.id.startsWith('quote-filter:'));
  const cards = rects.filter((r) => quoteIds.has(r.id));
  const panel = chips.find((r) => r.id === 'quote-filter:all');
  assert.ok(chips.length >= 2 && chips.length < speakers.length, `some chips are drawn, not all ${speakers.length + 1} (${chips.length})`);
  const chipsBottom = Math.max(...chips.map((r) => r.y + r.height)), chipsTop = Math.min(...chips.map((r) => r.y));
  assert.ok(chipsBottom - chipsTop <= 2 * 44 + 6 + 1, `the chips take at most two rows (${chipsTop}..${chipsBottom})`);
  assert.ok(cards.length >= 1, 'quote cards are visible under the chips');
  for (const card of cards) assert.ok(card.y >= chipsBottom, `card ${card.id} (y ${card.y}) is below the chips (${chipsBottom})`);
  assert.ok(panel, 'the All chip is drawn');

  // The wheel over the chips scrolls them: other speakers come into view.
  const before = new Set(chips.map((r) => r.id));
  await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height / 2);
  await page.mouse.wheel(0, 200);
  await settle(page);
  const after = (await inQuotes()).filter((r) => r.id.startsWith('quote-filter:'));
  assert.ok(after.some((r) => !before.has(r.id)), 'scrolling the chips shows other speakers');
  assertNoProblems(assert, page);
  await page.context().close();
});
