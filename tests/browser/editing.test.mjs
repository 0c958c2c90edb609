// The editor's gestures on the canvas (issue 13), with real mouse input: a place's marker
// dragged on the map, a click placing a place, an event's end and a whole event dragged on
// the timeline. Each is one edit of the pack (one undo step), lands where the map's
// projection or the timeline's scale puts the pointer, keeps the citation honest, and the
// reader's page (index.html) moves nothing but its view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, serve, launch, openPage, assertNoProblems, settle, locateCentre } from './harness.mjs';
import { audit, blocking, describe } from './axe.mjs';
import { mapFrame, mapRects } from './map-view.mjs';

const SLOW = { timeoutMs: 30000 };
const SEED = 'content/isis-losing-ground.json';
const seedText = fs.readFileSync(path.join(root, SEED), 'utf8');
// Our own pack from another continent and century: three independence days, 1816-1821.
const AMERICAS = '/test-packs/southern-americas.json';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

async function openEditor(pack) {
  const page = await openPage(browser, `${server.url}edit.html?pack=${pack}`);
  await page.waitForSelector('#side:not([hidden])', { timeout: 30000 });
  await settle(page, SLOW);
  return page;
}
const entity = async (page, id) => (await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.id === id);
const exportText = (page) => page.evaluate(() => Explainer.editor.exportText());

// A press, a drag in small steps (the engine sees every one), a release.
async function drag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await settle(page, SLOW);
  for (let i = 1; i <= steps; ++i) await page.mouse.move(from.x + (to.x - from.x) * i / steps, from.y + (to.y - from.y) * i / steps);
  await page.mouse.up();
  await settle(page, SLOW);
}

const markerOf = async (page, id) => {
  const [marker] = await mapRects(page, id);  // the marker first: its centre is the place
  assert.ok(marker, `${id} has a marker on the map`);
  return { x: marker.x + marker.width / 2, y: marker.y + marker.height / 2 };
};

test('a marker dragged on the map moves its place by what the projection says, cited as placed by hand; one undo puts it back', async () => {
  const page = await openEditor(SEED);
  const before = await entity(page, 'sinjar');
  const viewBefore = (await page.evaluate(() => Explainer.getState())).map;
  const start = await markerOf(page, 'sinjar');
  // North-west: the editor's map is narrower than the reader's (the side column), and the
  // drop must land inside it for the moved marker to be drawn there.
  const by = { x: -70, y: -45 };
  const [mapView] = await page.evaluate(() => Explainer.locate('map:view'));
  const drop = { x: start.x + by.x, y: start.y + by.y };
  assert.ok(drop.x > mapView.x && drop.x < mapView.x + mapView.width && drop.y > mapView.y && drop.y < mapView.y + mapView.height,
    `the drop ${JSON.stringify(drop)} lies inside the map ${JSON.stringify(mapView)}`);
  await drag(page, start, drop);

  const after = await entity(page, 'sinjar');
  const frame = await mapFrame(page);
  assert.deepEqual([frame.map.lat, frame.map.lon, frame.map.zoom], [viewBefore.lat, viewBefore.lon, viewBefore.zoom],
    'the map did not pan under the marker, nor refit to the moved place');
  const landed = frame.toScreen(after.location.lat, after.location.lon);
  assert.ok(Math.abs(landed.x - (start.x + by.x)) < 1 && Math.abs(landed.y - (start.y + by.y)) < 1,
    `the new coordinates (${after.location.lat}, ${after.location.lon}) are under the pointer: ${JSON.stringify(landed)} vs ${JSON.stringify({ x: start.x + by.x, y: start.y + by.y })}`);
  assert.ok(after.location.lat > before.location.lat && after.location.lon < before.location.lon, 'dragged north-west, it moved north-west');
  const drawn = (await mapRects(page, 'sinjar')).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 }));
  assert.ok(drawn.some((c) => Math.abs(c.x - landed.x) < 1.5 && Math.abs(c.y - landed.y) < 1.5),
    `the marker is drawn where it was dropped (${JSON.stringify(drawn)})`);
  assert.deepEqual(after.citations.map((c) => c.publication), ['Natural Earth'], 'the GeoNames citation no longer vouches for hand-placed coordinates');
  assert.match(after.citations[0].title, /Placed by hand/);
  assert.deepEqual((await page.evaluate(() => Explainer.editor.validate())).errors, [], 'the moved place still validates');
  assert.equal((await page.evaluate(() => Explainer.getState())).selection ?? null, null, 'a drag selects nothing');

  // One drag, one undo step: the pack comes back byte for byte; redo moves it again.
  await page.mouse.click(5, 5);  // focus away from the inspector: Ctrl+Z is the editor's
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  await settle(page, SLOW);
  assert.equal(await exportText(page), seedText, 'one undo restores the coordinates and the GeoNames citation');
  await page.keyboard.press('Control+Shift+z');
  await settle(page, SLOW);
  assert.deepEqual((await entity(page, 'sinjar')).location, after.location);
  // The inspector shows the new coordinates (a selection is a view step of its own, so it
  // comes after the undo that the drag's one step is checked by).
  await page.evaluate(() => Explainer.select('sinjar'));
  await settle(page, SLOW);
  assert.match(await page.inputValue('#field-location'), new RegExp(String(after.location.lat).replace('.', '\\.')));
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a marker dropped outside the map moves nothing, and the column says why', async () => {
  const page = await openEditor(SEED);
  const viewBefore = (await page.evaluate(() => Explainer.getState())).map;
  const start = await markerOf(page, 'sinjar');
  const [mapView] = await page.evaluate(() => Explainer.locate('map:view'));
  // Past the map's right edge, over the editor's column: the place there is out of view.
  const drop = { x: mapView.x + mapView.width + 40, y: start.y };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await settle(page, SLOW);
  for (let i = 1; i <= 12; ++i) await page.mouse.move(start.x + (drop.x - start.x) * i / 12, start.y);
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.locate('map:dragged-marker-outside'))).length, 1,
    'while the pointer is outside the map the dragged marker says a release leaves the place');
  await page.mouse.up();
  await settle(page, SLOW);
  assert.equal(await exportText(page), seedText, 'the drop outside the map changed nothing');
  await page.waitForFunction(() => /outside the map/.test(document.getElementById('status').textContent), null, { timeout: 5000 });
  assert.match(await page.textContent('#status'), /^Refused: Sinjar was dropped outside the map and stays where it was/);
  assert.equal(await page.getAttribute('#status', 'class'), 'error');
  const frame = await mapFrame(page);
  assert.deepEqual([frame.map.lat, frame.map.lon, frame.map.zoom], [viewBefore.lat, viewBefore.lon, viewBefore.zoom], 'the map did not pan');
  const still = await markerOf(page, 'sinjar');
  assert.ok(Math.abs(still.x - start.x) < 1 && Math.abs(still.y - start.y) < 1, 'Sinjar is drawn where it was');
  // Nothing was added to the history: an undo has nothing of the drag's to take back.
  assert.equal(await page.evaluate(() => Explainer.editor.undo()), false, 'no undo step for the refused drop');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('"Place on map" then a click puts the place under the pointer; Esc disarms it', async () => {
  const page = await openEditor(SEED);
  await page.evaluate(() => Explainer.select('ramadi'));
  await settle(page, SLOW);
  await page.click('#place-on-map');
  const frame = await mapFrame(page);
  const spot = { x: frame.cx + 37, y: frame.cy + 21 };
  await page.mouse.click(spot.x, spot.y);
  await settle(page, SLOW);
  const ramadi = await entity(page, 'ramadi');
  const landed = (await mapFrame(page)).toScreen(ramadi.location.lat, ramadi.location.lon);
  assert.ok(Math.abs(landed.x - spot.x) < 1 && Math.abs(landed.y - spot.y) < 1, `placed under the click: ${JSON.stringify(landed)} vs ${JSON.stringify(spot)}`);
  assert.deepEqual(ramadi.citations.map((c) => c.publication), ['Natural Earth']);
  assert.equal(await page.textContent('#status'), 'Placed Ramadi on the map by hand (Undo takes it back)', 'the column no longer asks for the click');
  // Disarmed after one click: the next click selects (or clears), it moves nothing.
  const text = await exportText(page);
  await page.mouse.click(frame.cx - 50, frame.cy - 30);
  await settle(page, SLOW);
  assert.equal(await exportText(page), text, 'a second click moves nothing');
  // Armed, then Esc: a click moves nothing.
  await page.evaluate(() => Explainer.select('ramadi'));
  await settle(page, SLOW);
  await page.click('#place-on-map');
  await page.keyboard.press('Escape');
  await page.mouse.click(frame.cx + 60, frame.cy + 40);
  await settle(page, SLOW);
  assert.equal(await exportText(page), text, 'Esc disarmed the placing');
  assertNoProblems(assert, page);
  await page.context().close();
});

// "New place" takes the first hit of the place search unless another is picked: "Lake
// Baikal", searched as "Baykal", became the town of Baykal'sk with a status that said only
// "New place" (an outside author trial). The status names the hit and how to undo it.
test('"New place" from a search hit says which place it took, and how to undo it', async () => {
  const page = await openEditor(SEED);
  const { rect } = await locateCentre(page, 'sinjar', 'article');
  await page.mouse.dblclick(rect.x + rect.width + 14, rect.y + rect.height / 2);
  await settle(page, SLOW);
  await page.fill('#place-query', 'Mosul');
  await page.waitForSelector('#place-results li', { timeout: 30000 });
  const first = await page.textContent('#place-results li');
  await page.click('#new-kinds button[data-kind="place"]');
  await settle(page, SLOW);
  const said = await page.textContent('#status');
  assert.match(said, /^New place at Mosul, IQ \(GeoNames \d+\): not that place\? Undo, then pick another hit or Place on map$/, said);
  assert.ok(first.includes(said.match(/GeoNames \d+/)[0]), `the first hit (${first}) is the one named`);
  assertNoProblems(assert, page);
  await page.context().close();
});

// A place the gazetteer does not know (a battlefield, a kingdom of the past): "New place"
// was refused until a search hit was chosen, so such a place could not be made at all (an
// outside author trial). Now the next click on the map makes it there, cited as placed by
// hand, and the inspector shows it.
test('"New place" with no gazetteer hit makes the selected words a place where the map is clicked next', async () => {
  const page = await openEditor(SEED);
  const { rect } = await locateCentre(page, 'sinjar', 'article');
  await page.mouse.dblclick(rect.x + rect.width + 14, rect.y + rect.height / 2);  // the word after "Sinjar"
  await settle(page, SLOW);
  const word = (await page.evaluate(() => Explainer.editor.selection())).selector?.exact;
  assert.ok(word, 'a word is selected');
  // The place search follows the selected words (it kept the first selection's), until typed in.
  assert.equal(await page.inputValue('#place-query'), word);
  const other = await locateCentre(page, 'ramadi', 'article');
  await page.mouse.dblclick(other.rect.x + other.rect.width / 2, other.rect.y + other.rect.height / 2);
  await settle(page, SLOW);
  const otherWord = (await page.evaluate(() => Explainer.editor.selection())).selector?.exact;
  assert.ok(otherWord && otherWord !== word, `another word is selected: ${otherWord}`);
  assert.equal(await page.inputValue('#place-query'), otherWord, 'the search follows the selection');
  await page.mouse.dblclick(rect.x + rect.width + 14, rect.y + rect.height / 2);
  await settle(page, SLOW);
  await page.fill('#place-query', 'Qqzzxq');
  await page.click('#new-kinds button[data-kind="place"]');
  await page.waitForFunction(() => /Click on the map/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  assert.equal(await page.textContent('#status'), `No place named “Qqzzxq” in the gazetteer. Click on the map where ${word} is (Esc cancels).`);
  const before = await exportText(page);
  const frame = await mapFrame(page);
  const spot = { x: frame.cx - 41, y: frame.cy + 17 };
  await page.mouse.click(spot.x, spot.y);
  await settle(page, SLOW);
  const made = (await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.kind === 'place' && e.name === word);
  assert.ok(made, `a place named "${word}" was made`);
  // Where the click was, in the view it was made in (the map then flies to the new place).
  const landed = frame.toScreen(made.location.lat, made.location.lon);
  assert.ok(Math.abs(landed.x - spot.x) < 1 && Math.abs(landed.y - spot.y) < 1, `made under the click: ${JSON.stringify(landed)} vs ${JSON.stringify(spot)}`);
  assert.deepEqual(made.citations.map((c) => c.publication), ['Natural Earth']);
  assert.equal(await page.textContent('#status'), `New place ${word}, placed on the map by hand`);
  assert.equal(await page.inputValue('#field-name'), word, 'the inspector shows the new place');
  // Its fields as an author reads them: name and description first, mentions and sources last.
  assert.deepEqual(await page.$$eval('#inspector-form > div > label', (ls) => ls.map((l) => l.textContent)),
    ['name', 'description', 'location', 'mentions', 'citations']);
  assert.equal((await page.evaluate(() => Explainer.editor.validate())).ok, true, 'the pack validates');
  // Undo takes it back (after the selection of it, a view step of the one history).
  for (let i = 0; i < 3 && await exportText(page) !== before; ++i) await page.evaluate(() => Explainer.editor.undo());
  assert.equal(await exportText(page), before, 'undo takes it back');
  assertNoProblems(assert, page);
  await page.context().close();
});

test("the reader's page does not move markers: the same drag pans the map", async () => {
  const page = await openPage(browser, server.url);
  await settle(page, SLOW);
  assert.equal(await page.evaluate(() => typeof Explainer.editor), 'undefined');
  const original = JSON.parse(seedText).entities.find((e) => e.id === 'sinjar').location;
  const start = await markerOf(page, 'sinjar');
  await drag(page, start, { x: start.x + 70, y: start.y - 45 });
  const frame = await mapFrame(page);
  const marker = await markerOf(page, 'sinjar');
  const expected = frame.toScreen(original.lat, original.lon);
  assert.ok(Math.abs(marker.x - expected.x) < 1 && Math.abs(marker.y - expected.y) < 1, 'Sinjar is drawn at its own coordinates');
  assert.ok(Math.abs(marker.x - (start.x + 70)) < 2 && Math.abs(marker.y - (start.y - 45)) < 2, 'the map panned with the pointer, Sinjar with it');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('after an edit the hover follows the pointer: a place moved from under it is no longer hovered', async () => {
  // Gettysburg and Washington, and no country of the pack's: the ground around the
  // markers hovers nothing.
  const page = await openEditor('/test-packs/second-pack.json');
  const hover = async () => (await page.evaluate(() => Explainer.getState())).hover ?? '';
  const cards = async () => (await page.evaluate(() => Explainer.locate('card:gettysburg'))).length;
  const at = await markerOf(page, 'gettysburg');
  await page.mouse.move(at.x, at.y);
  await settle(page, SLOW);
  assert.equal(await hover(), 'gettysburg');
  assert.equal(await cards(), 1, 'its card is shown');
  // The pointer rests; an edit moves the place from under it (the map redraws the pack).
  const { location } = await entity(page, 'gettysburg');
  const moved = await page.evaluate((loc) => Explainer.editor.apply({ op: 'updateEntity', id: 'gettysburg', fields: { location: loc } }),
    { lat: location.lat + 0.2, lon: location.lon - 0.2 });
  assert.equal(moved.ok, true, JSON.stringify(moved.errors));
  await settle(page, SLOW);
  assert.equal((await markerOf(page, 'gettysburg')).y < at.y - 10, true, 'the marker moved away from the pointer');
  assert.equal(await hover(), '', 'nothing is hovered where the pointer rests');
  assert.equal(await cards(), 0, 'the card is gone');
  // Undone, the place is back under the resting pointer, and hovered again.
  await page.evaluate(() => Explainer.editor.undo());
  await settle(page, SLOW);
  assert.equal(await hover(), 'gettysburg');
  assertNoProblems(assert, page);
  await page.context().close();
});

// The timeline's scale, from the view in getState() and the axis it draws.
async function timelineScale(page) {
  const { timeline } = await page.evaluate(() => Explainer.getState());
  const [axis] = await page.evaluate(() => Explainer.locate('timeline:axis'));
  const day = (iso) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86400000;
  const start = day(timeline.start), end = day(timeline.end);
  let unit = null;
  for (const name of ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century'])
    if ((await page.evaluate((id) => Explainer.locate(id), `timeline:unit:${name}`)).length) unit = name;
  return {
    unit,
    x: (iso) => axis.x + (day(iso) - start) / (end - start) * axis.width,
    isoAt: (x) => new Date((start + (x - axis.x) / axis.width * (end - start)) * 86400000).toISOString().slice(0, 10),
  };
}
// What the editor writes at the ticks' unit: days, months or years (README, "The editor").
const precision = (unit) => (['minute', 'hour', 'day', 'week'].includes(unit) ? 10 : ['month', 'quarter'].includes(unit) ? 7 : 4);

test("an event's end dragged on the timeline snaps to the ticks' unit; one undo puts it back", async () => {
  const page = await openEditor(SEED);
  const scale = await timelineScale(page);
  assert.ok(scale.unit, 'the axis says its unit');
  const [mark] = (await page.evaluate(() => Explainer.locate('baiji-battles'))).filter((r) => r.panel === 'timeline');
  assert.ok(mark, 'the battles for Baiji (2014-06/2015-10) are drawn as a bar');
  const end = { x: scale.x('2015-11-01') - 2, y: mark.y + mark.height / 2 };
  const to = { x: scale.x('2014-09-15'), y: end.y };
  await drag(page, end, to);
  const date = (await entity(page, 'baiji-battles')).date;
  const digits = precision(scale.unit);
  const [first, last] = ['2014-06-01'.slice(0, digits), scale.isoAt(to.x).slice(0, digits)];
  assert.equal(date.iso, first === last ? first : `${first}/${last}`, `dragged at ${scale.unit} ticks`);
  assert.equal(date.approximate, true, "the date's other keys stay");
  const [moved] = (await page.evaluate(() => Explainer.locate('baiji-battles'))).filter((r) => r.panel === 'timeline');
  assert.ok(moved.x + moved.width < mark.x + mark.width - 20, 'the bar is shorter');
  await page.evaluate(() => Explainer.editor.undo());
  await settle(page, SLOW);
  assert.equal(await exportText(page), seedText, 'one undo step for the whole drag');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a whole event dragged a year later on another continent and century, and a drag the article refuses', async () => {
  const page = await openEditor(AMERICAS);
  const text = await exportText(page);
  const scale = await timelineScale(page);
  const [mark] = (await page.evaluate(() => Explainer.locate('chile-independence'))).filter((r) => r.panel === 'timeline');
  const from = { x: mark.x + mark.width / 2, y: mark.y + mark.height / 2 };
  const to = { x: from.x + scale.x('1820-01-01') - scale.x('1819-01-01'), y: from.y };
  await drag(page, from, to);
  const digits = precision(scale.unit);
  const expected = scale.isoAt(to.x).slice(0, digits);
  assert.equal((await entity(page, 'chile-independence')).date.iso, expected, `moved a year at ${scale.unit} ticks`);
  assert.ok(expected.startsWith('1819'), 'a year later');
  await page.evaluate(() => Explainer.editor.undo());
  await settle(page, SLOW);
  assert.equal(await exportText(page), text);
  assertNoProblems(assert, page);
  await page.context().close();

  // Gettysburg is "in July 1863" in its article: an end dragged into August is refused,
  // the pack stays, and the column says why.
  const second = await openEditor('/test-packs/second-pack.json');
  const before = await exportText(second);
  const timeline = await timelineScale(second);
  const [battle] = (await second.evaluate(() => Explainer.locate('battle-of-gettysburg'))).filter((r) => r.panel === 'timeline');
  const at = { x: battle.x + battle.width / 2, y: battle.y + battle.height / 2 };
  await drag(second, at, { x: at.x + timeline.x('1863-10-01') - timeline.x('1863-07-01'), y: at.y });
  assert.equal(await exportText(second), before, 'the refused drag changed nothing');
  assert.match(await second.textContent('#status'), /Refused: .*July 1863/);
  assertNoProblems(assert, second);
  await second.context().close();
});

// The editor on a touch screen, the seed's "the northern Iraqi town of Sinjar" in view
// and nothing selected; `mention` is its rectangles in the article (a line each), `touch`
// sends one finger's events.
async function openTouchEditor() {
  const page = await openPage(browser, `${server.url}edit.html?pack=${SEED}`, { hasTouch: true });
  await page.waitForSelector('#side:not([hidden])', { timeout: 30000 });
  await settle(page, SLOW);
  await page.evaluate(() => Explainer.select('sinjar'));
  await settle(page, SLOW);
  await page.evaluate(() => Explainer.select(null));
  await settle(page, SLOW);
  const mention = (await page.evaluate(() => Explainer.locate('sinjar'))).filter((r) => r.panel === 'article');
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  return { page, mention, touch };
}

test('a touch long press selects a word in the article; a tap on "New organisation" makes the entity', async () => {
  const { page, mention: [sinjar], touch } = await openTouchEditor();
  // Just past the end of the mention's first line: the word that ends it.
  const at = { x: sinjar.x + sinjar.width + 14, y: sinjar.y + sinjar.height / 2 };
  await touch('touchStart', at.x, at.y);
  await page.waitForTimeout(900);
  await touch('touchEnd');
  await settle(page, SLOW);
  const word = (await page.evaluate(() => Explainer.editor.selection())).selector?.exact;
  assert.ok(word && !/\s/.test(word), `the long press selected one word (${word})`);
  const handles = (await page.evaluate(() => Explainer.locate('text-selection:handle'))).filter((r) => r.panel === 'article');
  assert.equal(handles.length, 2, 'two handles show the selection was made by touch');
  const selected = await page.evaluate(() => Explainer.editor.selection());
  await page.waitForFunction((exact) => document.getElementById('selection-text').textContent.includes(exact), selected.selector.exact);
  await page.tap('#new-kinds button[data-kind="organisation"]');
  await settle(page, SLOW);
  const added = (await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.kind === 'organisation' && e.mentions?.[0]?.exact === selected.selector.exact);
  assert.ok(added, 'the tapped kind made an entity of the touched words');
  assert.equal((await page.evaluate(() => Explainer.editor.validate())).ok, true);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a touch drag after the long press, and a handle dragged, extend the selection a whole word at a time', async () => {
  // "the northern Iraqi town of Sinjar", over two lines in the editor's article column:
  // "the" ends the first line, "northern Iraqi town of Sinjar" begins the second.
  const { page, mention: rects, touch } = await openTouchEditor();
  const [first] = rects;
  // The second line may come in several runs (a nested mention is drawn on its own): their union.
  const runs = rects.filter((r) => Math.abs(r.y - (rects[1]?.y ?? NaN)) < 1);
  assert.ok(runs.length && runs[0].y > first.y + 5, `the mention runs over two lines (${JSON.stringify(rects)})`);
  const left = Math.min(...runs.map((r) => r.x)), right = Math.max(...runs.map((r) => r.x + r.width));
  const second = { x: left, y: runs[0].y, width: right - left, height: runs[0].height };
  const secondText = 'northern Iraqi town of Sinjar';
  // A point in the second line at character `index`, in proportion to the line's width.
  const inSecond = (index) => ({ x: second.x + second.width * index / secondText.length, y: second.y + second.height / 2 });
  const selected = async () => (await page.evaluate(() => Explainer.editor.selection())).selector?.exact;

  // Long press "the", then, without lifting, drag into the middle of "Iraqi".
  const at = { x: first.x + first.width / 2, y: first.y + first.height / 2 };
  await touch('touchStart', at.x, at.y);
  await page.waitForTimeout(900);
  await settle(page, SLOW);
  assert.equal(await selected(), 'the', 'the long press selected the word under the finger');
  const iraqi = inSecond(secondText.indexOf('Iraqi') + 2);
  for (let i = 1; i <= 6; ++i) await touch('touchMove', at.x + (iraqi.x - at.x) * i / 6, at.y + (iraqi.y - at.y) * i / 6);
  await touch('touchEnd');
  await settle(page, SLOW);
  assert.equal(await selected(), 'the northern Iraqi', 'the drag took whole words up to the one under the finger');

  // The end handle (under the end of "Iraqi"), dragged along the line into the middle of "town".
  const handles = (await page.evaluate(() => Explainer.locate('text-selection:handle'))).filter((r) => r.panel === 'article');
  assert.equal(handles.length, 2, 'two handles');
  const end = handles.reduce((a, b) => (b.y > a.y || (b.y === a.y && b.x > a.x) ? b : a));
  const from = { x: end.x + end.width / 2, y: end.y + end.height / 2 };
  const town = inSecond(secondText.indexOf('town') + 2);
  await touch('touchStart', from.x, from.y);
  for (let i = 1; i <= 6; ++i) await touch('touchMove', from.x + (town.x - from.x) * i / 6, from.y);
  await touch('touchEnd');
  await settle(page, SLOW);
  assert.equal(await selected(), 'the northern Iraqi town', 'the handle took "town" whole, not the letters up to the finger');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the inspector checks a field while it is typed, at the field, without changing the pack', async () => {
  const page = await openEditor(SEED);
  await page.evaluate(() => Explainer.select('sinjar'));
  await settle(page, SLOW);
  const field = page.locator('#field-location');
  await field.click();
  await field.press('Control+a');
  await page.keyboard.type('{"lat": 95, "lon": 41.9}', { delay: 10 });
  // On a busy machine a pause between two keys can outlast the check's delay: the field
  // then says "not JSON" for the half-typed text first. The whole value's message follows.
  await page.waitForFunction(() => /90/.test(document.getElementById('field-location-live').textContent), null, { timeout: 5000 })
    .catch(() => {});
  assert.match(await page.textContent('#field-location-live'), /90/, 'the latitude out of range is named at the field, before any commit');
  assert.equal(await page.getAttribute('#field-location', 'aria-invalid'), 'true');
  assert.equal(await exportText(page), seedText, 'typing changed nothing');
  // Broken JSON is said at the field too; a good value clears the message.
  await field.press('Control+a');
  await page.keyboard.type('{"lat": 36.3', { delay: 10 });
  await page.waitForFunction(() => /not JSON/.test(document.getElementById('field-location-live').textContent), null, { timeout: 5000 });
  await field.press('Control+a');
  await page.keyboard.type('{"lat": 36.4, "lon": 41.9}', { delay: 10 });
  await page.waitForFunction(() => document.getElementById('field-location-live').hidden, null, { timeout: 5000 });
  assert.equal(await page.getAttribute('#field-location', 'aria-invalid'), null);
  assert.equal(await exportText(page), seedText, 'still nothing changed until the field is committed');
  assertNoProblems(assert, page);
  await page.context().close();
});

// The article's own fields, in the column's "The article": a headline corrected is one
// updateArticle op, drawn in the reader's view (the preview's mirror) and undone by one
// undo; a language that is not a BCP 47 tag is said at its field while typed and refused
// when committed; a good one reaches the reader's mirror as the article's lang.
test("the article's headline and language are edited in the column; a bad tag is refused at its field; undo puts the headline back", async () => {
  const page = await openEditor(AMERICAS);
  await settle(page, SLOW);
  const pack = () => page.evaluate(() => Explainer.editor.exportPack());
  const original = (await pack()).article.headline;
  assert.equal(await page.inputValue('#article-headline'), original);
  assert.equal(await page.isVisible('#end-preview'), false, 'the preview\'s bar is hidden while editing');
  await page.fill('#article-headline', 'Test fixture: the southern Americas, corrected');
  await page.press('#article-headline', 'Tab');
  await settle(page, SLOW);
  assert.equal((await pack()).article.headline, 'Test fixture: the southern Americas, corrected');
  // The column with its new section: no serious or critical violation (the editing view has
  // no main landmark by design: the preview's mirror is the page's main text).
  assert.deepEqual(describe(blocking(await audit(page))), []);

  const language = page.locator('#article-language');
  await language.click();
  await page.keyboard.type('English', { delay: 10 });
  await page.waitForFunction(() => /BCP 47/.test(document.getElementById('article-language-live').textContent), null, { timeout: 5000 });
  assert.equal(await page.getAttribute('#article-language', 'aria-invalid'), 'true');
  await language.press('Tab');
  await page.waitForFunction(() => /Refused/.test(document.getElementById('status').textContent));
  assert.match(await page.textContent('#status'), /\/article\/language: expected a BCP 47 language tag/);
  assert.equal((await pack()).article.language, undefined, 'the refused tag changed nothing');
  // The field keeps what was typed, and the refusal's own message stands under it (not only
  // the live check's), as in the inspector.
  assert.equal(await page.inputValue('#article-language'), 'English', 'what was typed is not lost');
  const refusedAt = page.locator('#article-language').locator('xpath=ancestor::div[1]').locator('.field-message:not(.live)');
  assert.match(await refusedAt.first().textContent(), /BCP 47/);
  assert.equal(await page.getAttribute('#article-language', 'aria-invalid'), 'true');
  await page.fill('#article-language', 'es-419');
  await page.press('#article-language', 'Tab');
  await settle(page, SLOW);
  assert.equal((await pack()).article.language, 'es-419');

  await page.click('#preview');
  await settle(page, SLOW);
  assert.equal(await page.textContent('#mirror-headline'), 'Test fixture: the southern Americas, corrected');
  assert.equal(await page.getAttribute('#mirror-headline', 'lang'), 'es-419');
  await page.click('#end-preview');
  await settle(page, SLOW);
  assert.equal(await page.isVisible('#end-preview'), false);
  // Undo: the language first, then the headline, each one step.
  await page.click('#undo');
  await settle(page, SLOW);
  assert.equal((await pack()).article.language, undefined);
  await page.click('#undo');
  await settle(page, SLOW);
  assert.equal((await pack()).article.headline, original);
  assert.equal(await page.inputValue('#article-headline'), original, 'the field follows the undo');
  assertNoProblems(assert, page);
  await page.context().close();
});

// A yes-or-no field is a checkbox, not JSON to type: the narrator of our pack of the
// southern Americas is anonymous; a click, then the keyboard, each one edit and one undo.
test('a yes-or-no field is a checkbox: clicked or toggled with Space, each one undo step', async () => {
  const page = await openEditor(AMERICAS);
  await page.evaluate(() => Explainer.select('narrator'));
  await settle(page, SLOW);
  const box = page.locator('#field-anonymous');
  assert.equal(await box.getAttribute('type'), 'checkbox');
  assert.equal(await box.isChecked(), true);
  await box.click();
  await settle(page, SLOW);
  assert.equal((await entity(page, 'narrator')).anonymous, false);
  assert.equal(await page.locator('#field-anonymous').isChecked(), false, 'the inspector shows the pack as it is');
  await page.locator('#field-anonymous').focus();
  await page.keyboard.press('Space');
  await settle(page, SLOW);
  assert.equal((await entity(page, 'narrator')).anonymous, true);
  await page.click('#undo');
  await settle(page, SLOW);
  assert.equal((await entity(page, 'narrator')).anonymous, false, 'one undo takes back the Space');
  assert.equal(await page.locator('#field-anonymous').isChecked(), false);
  assert.deepEqual(describe(blocking(await audit(page))), []);
  assertNoProblems(assert, page);
  await page.context().close();
});

// Dates are edited part by part, not as JSON: a reporter types an ISO date, the article's
// own words and whether it is approximate. On our pack of Rome before and after AD 1: the
// publication date has no place for words (it is what they are resolved against); an
// event's date takes them, and a date BC typed with its sign is kept as typed. A month
// that does not exist is said at the field while typed, and refused when committed; so
// are words the loader cannot resolve.
test("dates are edited part by part: an event's date BC, its words and approximate; the publication date", async () => {
  const page = await openEditor('/test-packs/rome-bc-ad.json');
  const pack = () => page.evaluate(() => Explainer.editor.exportPack());
  assert.equal(await page.inputValue('#article-published-iso'), '2024-01-15');
  assert.equal(await page.locator('#article-published-relative').count(), 0, 'the publication date takes no words');
  await page.selectOption('#article-published-approximate', 'true');
  await settle(page, SLOW);
  assert.deepEqual((await pack()).article.published, { iso: '2024-01-15', approximate: true });

  await page.evaluate(() => Explainer.select('battle-of-zela'));
  await settle(page, SLOW);
  assert.equal(await page.inputValue('#field-date-iso'), '-0046');
  assert.equal(await page.inputValue('#field-date-relative'), '');
  assert.equal(await page.inputValue('#field-date-approximate'), '');
  const iso = page.locator('#field-date-iso');
  await iso.click();
  await iso.press('Control+a');
  await page.keyboard.type('-0046-13', { delay: 10 });
  await page.waitForFunction(() => /month|13/.test(document.getElementById('field-date-live').textContent), null, { timeout: 5000 });
  assert.equal(await page.getAttribute('#field-date-iso', 'aria-invalid'), 'true');
  await iso.press('Tab');
  await page.waitForFunction(() => /Refused/.test(document.getElementById('status').textContent));
  assert.deepEqual((await entity(page, 'battle-of-zela')).date, { iso: '-0046' }, 'the refused month changed nothing');
  await page.fill('#field-date-iso', '-0046-08-02');
  await page.press('#field-date-iso', 'Tab');
  await settle(page, SLOW);
  assert.deepEqual((await entity(page, 'battle-of-zela')).date, { iso: '-0046-08-02' });
  // Words the loader cannot resolve are refused with the forms it knows; the field keeps
  // them, to be mended, and says why.
  await page.fill('#field-date-relative', 'that August');
  await page.press('#field-date-relative', 'Tab');
  await page.waitForFunction(() => /unknown relative date/.test(document.getElementById('status').textContent));
  assert.deepEqual((await entity(page, 'battle-of-zela')).date, { iso: '-0046-08-02' });
  assert.equal(await page.inputValue('#field-date-relative'), 'that August', 'what was typed is not lost');
  assert.match(await page.locator('#field-date-relative').locator('xpath=ancestor::div[1]').textContent(), /unknown relative date/);
  await page.fill('#field-date-relative', '');
  await page.selectOption('#field-date-approximate', 'false');
  await settle(page, SLOW);
  assert.deepEqual((await entity(page, 'battle-of-zela')).date, { iso: '-0046-08-02', approximate: false });
  assert.equal(await page.inputValue('#field-date-approximate'), 'false', 'the inspector shows the date as the pack has it');
  // The column with dates in it: no serious or critical violation.
  assert.deepEqual(describe(blocking(await audit(page))), []);
  // One undo puts back one part.
  await page.click('#undo');
  await settle(page, SLOW);
  assert.deepEqual((await entity(page, 'battle-of-zela')).date, { iso: '-0046-08-02' });
  // An event dated in the article's words keeps them: on our pack of Gettysburg, 1863.
  const gettysburg = await openEditor('/test-packs/second-pack.json');
  await gettysburg.evaluate(() => Explainer.select('battle-of-gettysburg'));
  await settle(gettysburg, SLOW);
  assert.equal(await gettysburg.inputValue('#field-date-relative'), 'in July 1863');
  assert.equal(await gettysburg.inputValue('#field-date-iso'), '1863-07-01/1863-07-03');
  await gettysburg.fill('#field-date-iso', '1863-07-02');
  await gettysburg.press('#field-date-iso', 'Tab');
  await settle(gettysburg, SLOW);
  assert.deepEqual((await entity(gettysburg, 'battle-of-gettysburg')).date, { relative: 'in July 1863', iso: '1863-07-02' });
  assertNoProblems(assert, gettysburg);
  await gettysburg.context().close();
  assertNoProblems(assert, page);
  await page.context().close();
});
