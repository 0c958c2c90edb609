// The map for packs set anywhere in the world: the Pacific across the antimeridian,
// the southern Americas down to Antarctica, and Gettysburg (tests/packs/). What a
// reader sees is checked: Explainer.locate() for where things are drawn, and the
// screenshot's pixels for land, the distance arc and highlighted countries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, locateCentre, root } from './harness.mjs';
import { mapRects, mapFrame } from './map-view.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

// The light theme's map colours (src/ui/app.cpp).
const LAND = [0xEC, 0xE6, 0xD6], SEA = [0xCF, 0xE0, 0xEC], LAND_HIGHLIGHT = [0xDC, 0xC9, 0x8F];

const state = (page) => page.evaluate(() => Explainer.getState());
const centreOf = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const isColour = (rgb, want, tolerance = 6) => rgb.every((v, i) => Math.abs(v - want[i]) <= tolerance);
const hex = (rgb) => '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');

// The screenshot's pixel at CSS point `p` (`scale`: the device pixel ratio).
function pixel(image, p, scale = 1) {
  const i = (Math.round(p.y * scale) * image.width + Math.round(p.x * scale)) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
}

// Every rectangle the map reports (entities and controls) but its frame.
async function allMapRects(page) {
  const ids = await page.evaluate(() => Explainer.entities().map((e) => e.id));
  const rects = [];
  for (const id of [...ids, 'map:zoom-in', 'map:zoom-out', 'map:reset', 'map:scale', 'map:attribution'])
    rects.push(...(await mapRects(page, id)));
  return rects;
}
const near = (p, rects, margin) => rects.some((r) => p.x >= r.x - margin && p.x <= r.x + r.width + margin &&
  p.y >= r.y - margin && p.y <= r.y + r.height + margin);

// Settles, then waits for the detail tiles the view asked for, and settles again.
async function settleWithTiles(page) {
  await settle(page);
  await page.waitForLoadState('networkidle');
  await settle(page);
}

async function open(pack, hash = '') {
  const page = await openPage(browser, `${server.url}?pack=/test-packs/${pack}.json${hash}`);
  await settleWithTiles(page);
  return page;
}

// Land-coloured pixels in the ring of radius 9..24 px around `centre`, away from
// anything else drawn (CSS px; `scale`: the screenshot's device pixel ratio).
function landAround(image, centre, rects, frame, scale = 1) {
  let land = 0, sampled = 0;
  for (let r = 9; r <= 24; r += 3)
    for (let a = 0; a < 24; ++a) {
      const p = { x: centre.x + r * Math.cos(a * Math.PI / 12), y: centre.y + r * Math.sin(a * Math.PI / 12) };
      if (!frame.contains(p, 1) || near(p, rects, 2)) continue;
      ++sampled;
      if (isColour(pixel(image, p, scale), LAND)) ++land;
    }
  return { land, sampled };
}

// Every place of the pack is on the map in the first view, or once selected; land is
// drawn around each place that stands on land, seen close up (zoom 8, or [id, zoom]:
// closer for a small island, less close near the pole, where Mercator stretches the
// 1:50m coast's kilometre-scale error).
async function checkPlaces(pack, { onLand }) {
  const page = await open(pack);
  const frame = await mapFrame(page);
  const places = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'place' && e.lat !== undefined);
  assert.ok(places.length >= 2, `${pack} has places`);
  for (const place of places) {
    let rect = (await mapRects(page, place.id))[0];
    if (!rect || !frame.contains(centreOf(rect))) {
      await page.evaluate((id) => Explainer.select(id), place.id);
      await settleWithTiles(page);
      rect = (await mapRects(page, place.id))[0];
      const selected = await mapFrame(page);
      assert.ok(rect && selected.contains(centreOf(rect)), `${pack}: ${place.id} is on the map once selected`);
      await page.evaluate(() => Explainer.select(''));
      await settle(page);
    }
    assert.ok(rect, `${pack}: ${place.id} is drawn on the map`);
  }
  for (const entry of onLand) {
    const [id, zoom] = Array.isArray(entry) ? entry : [entry, 8];
    const place = places.find((p) => p.id === id);
    await page.evaluate(([lat, lon, zoom]) => Explainer.setState(`#v=1&map=${lat.toFixed(4)},${lon.toFixed(4)},${zoom.toFixed(2)}`),
      [place.lat, place.lon, zoom]);
    await settleWithTiles(page);
    const close = await mapFrame(page);
    const marker = (await mapRects(page, id))[0];
    assert.ok(marker, `${pack}: ${id} is drawn close up`);
    const at = centreOf(marker);
    const want = close.toScreen(place.lat, place.lon);
    assert.ok(Math.hypot(at.x - want.x, at.y - want.y) < 1.5, `${pack}: ${id} marker at ${JSON.stringify(at)}, Mercator says ${JSON.stringify(want)}`);
    const { png } = await screenshot(page, `world-${pack}-${id}`);
    const { land, sampled } = landAround(decodePng(page, png), at, await allMapRects(page), close);
    assert.ok(sampled > 40 && land >= sampled / 8, `${pack}: land is drawn around ${id} (${land} of ${sampled} samples)`);
  }
  assertNoProblems(assert, page);
  return page;
}

test('Pacific: every place on the map, each on land, in the first view across 180', async () => {
  const page = await checkPlaces('pacific-crossing', { onLand: ['suva', 'honolulu', 'apia', ['rarotonga', 10]] });
  await page.context().close();
});

test('southern Americas: every place on the map, McMurdo Station too, each on land', async () => {
  const page = await checkPlaces('southern-americas',
    { onLand: ['santiago', 'buenos-aires', 'lima', 'punta-arenas', ['mcmurdo-station', 6]] });
  await page.context().close();
});

// A pack's numbers are read exactly as JavaScript reads them, however they are written.
// The web build reads most of them in wasm (src/platform/main_web.cpp's strtod, which
// does not take musl's long double arithmetic) and hands the rest, such as those with
// more than 19 digits or a significand above 2^53, to the browser's Number(). Each
// place's coordinates are written here in another form; each must be JSON.parse's to the
// bit, and the place stays where it was.
test('coordinates written with exponents, long fractions or many digits are read to the bit as JavaScript reads them', async () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/pacific-crossing.json'), 'utf8'));
  const written = {
    suva: ['-1814161e-5', '178.441490000000000000000000000001'],                  // many digits: Number()
    honolulu: ['2.130694E+1', '-157858330000000000000e-18'],                         // 21 digits
    apia: ['-13.833330000000000000000000000000000000000000000', '-171766660000000000e-15'],  // > 2^53
    rarotonga: ['-0.0000000000000000000000000000212075e30', '-159.77545'],
  };
  const places = fixture.entities.filter((e) => written[e.id]);
  assert.equal(places.length, 4);
  for (const place of places) place.location = { lat: `@${place.id}-lat@`, lon: `@${place.id}-lon@` };
  let body = JSON.stringify(fixture);
  for (const [id, [lat, lon]] of Object.entries(written))
    body = body.replace(`"@${id}-lat@"`, lat).replace(`"@${id}-lon@"`, lon);
  const expected = Object.fromEntries(JSON.parse(body).entities.filter((e) => written[e.id]).map((e) => [e.id, e.location]));
  const page = await openPage(browser, `${server.url}?pack=/test-packs/numbers-written-otherwise.json`, {
    beforeGoto: (p) => p.route((url) => url.pathname === '/test-packs/numbers-written-otherwise.json',
      (route) => route.fulfill({ contentType: 'application/json', body })),
  });
  await settle(page);
  const read = await page.evaluate(() => Object.fromEntries(Explainer.entities().filter((e) => e.type === 'place').map((e) => [e.id, { lat: e.lat, lon: e.lon }])));
  for (const id of Object.keys(written)) {
    assert.ok(Object.is(read[id].lat, expected[id].lat) && Object.is(read[id].lon, expected[id].lon),
      `${id}: read ${JSON.stringify(read[id])}, JSON.parse gives ${JSON.stringify(expected[id])}`);
  }
  assert.deepEqual(expected.suva, { lat: -18.14161, lon: 178.44149 });
  assertNoProblems(assert, page);
  await page.context().close();
});

// Mercator draws both poles on the world's edges (85.05° N and S). The view may go 40 px
// beyond them, so that a place at a pole is drawn whole, with its label, inside the map
// (it was cut in half by the panel's edge, its label left out); below the South Pole,
// Antarctica's land goes on (lit when Antarctica is), above the North Pole the Arctic's
// sea. Desktop, then zoomed in on the South Pole alone, as a selection shows it.
test('both poles: each pole\'s marker and label are drawn whole inside the map, over land in the south and sea in the north', async () => {
  const page = await open('both-poles');
  const checkWhole = async (ids, label) => {
    const frame = await mapFrame(page);
    for (const id of ids) {
      const rects = await mapRects(page, id);
      assert.equal(rects.length, 2, `${label}: ${id} has a marker and a label (${JSON.stringify(rects)})`);
      for (const r of rects)
        assert.ok(frame.contains({ x: r.x, y: r.y }) && frame.contains({ x: r.x + r.width, y: r.y + r.height }),
          `${label}: ${id}'s ${JSON.stringify(r)} is inside the map ${JSON.stringify(frame)}`);
    }
    return frame;
  };
  const frame = await checkWhole(['north-pole', 'south-pole'], 'first view');
  const image = decodePng(page, (await screenshot(page, 'world-both-poles')).png);
  const south = centreOf((await mapRects(page, 'south-pole'))[0]), north = centreOf((await mapRects(page, 'north-pole'))[0]);
  const below = { x: south.x, y: (south.y + frame.y + frame.height) / 2 + 6 }, above = { x: north.x, y: (north.y + frame.y) / 2 - 6 };
  assert.ok(isColour(pixel(image, below), LAND), `below the South Pole: land, not sea (${hex(pixel(image, below))} at ${JSON.stringify(below)})`);
  assert.ok(isColour(pixel(image, above), SEA), `above the North Pole: sea (${hex(pixel(image, above))} at ${JSON.stringify(above)})`);
  // Pointing at "Antarctica" in the article lights the continent, and the land below the
  // world's edge with it.
  const mention = await locateCentre(page, 'antarctica', 'article');
  await page.mouse.move(mention.x, mention.y);
  await settle(page);
  const lit = decodePng(page, (await screenshot(page, 'world-both-poles-antarctica')).png);
  assert.ok(isColour(pixel(lit, below), LAND_HIGHLIGHT), `below the South Pole, Antarctica lit (${hex(pixel(lit, below))} at ${JSON.stringify(below)})`);
  await page.mouse.move(1, 1);
  await page.evaluate(() => Explainer.select('south-pole'));
  await settleWithTiles(page);
  assert.ok((await state(page)).map.zoom > frame.map.zoom + 1, 'the selection zooms in on the South Pole');
  await checkWhole(['south-pole'], 'South Pole selected');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('Gettysburg: the first view shows the pack\'s places on land, not an empty sea', async () => {
  const page = await checkPlaces('second-pack', { onLand: ['gettysburg', 'washington'] });
  await page.evaluate(() => Explainer.setState('#v=1'));
  await settleWithTiles(page);
  const frame = await mapFrame(page);
  for (const id of ['gettysburg', 'washington']) {
    const rect = (await mapRects(page, id))[0];
    assert.ok(rect && frame.contains(centreOf(rect)), `${id} is on the map in the first view`);
  }
  const { png } = await screenshot(page, 'world-second-pack');
  const image = decodePng(page, png);
  const rects = await allMapRects(page);
  const { land, sampled } = landAround(image, centreOf((await mapRects(page, 'gettysburg'))[0]), rects, frame);
  assert.ok(land > sampled / 2, `the first view has land around Gettysburg (${land} of ${sampled})`);
  await page.context().close();
});

// The tsunami of 2004, from Sumatra to Somalia: Somalia is a country the pack names
// without any town of it. The first view used to fit the towns alone (Chennai to
// Jakarta) and left Somalia, and the event there, off the map. It fits the country's
// core too, as it fits a town.
test('Indian Ocean: the first view shows every town and Somalia, a country no town of the pack is in', async () => {
  const page = await open('indian-ocean-tsunami');
  const frame = await mapFrame(page);
  const places = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'place' && e.lat !== undefined);
  assert.equal(places.length, 5);
  for (const place of places) {
    const marker = (await mapRects(page, place.id))[0];
    assert.ok(marker && frame.contains(centreOf(marker)), `${place.id} is in the first view`);
  }
  const [label] = await mapRects(page, 'somalia');
  assert.ok(label && frame.contains(centreOf(label)), `Somalia's name is in the first view (${JSON.stringify(label)})`);
  // Inland Somalia (Galkayo, Beledweyne, Garoowe): land, away from anything drawn over it.
  const rects = await allMapRects(page);
  const inland = [[6.77, 47.43], [4.74, 45.2], [8.4, 48.48]].map(([lat, lon]) => frame.toScreen(lat, lon))
    .find((p) => frame.contains(p, 4) && !near(p, rects, 3));
  assert.ok(inland, 'a point inland in Somalia is in the first view');
  const image = decodePng(page, (await screenshot(page, 'world-indian-ocean-tsunami')).png);
  assert.ok(isColour(pixel(image, inland), LAND), `Somalia is drawn as land (${hex(pixel(image, inland))} at ${JSON.stringify(inland)})`);
  assertNoProblems(assert, page);
  await page.context().close();
});

// A country's name stands at its label point, deep in India's north; in a view of the
// south, where the point is out of view, the name goes on the part of India that is in
// it, and stays put (moved with the map) while a pan keeps that spot in view.
test('a country whose label point is out of view is named on its part in view: India seen from Sri Lanka', async () => {
  const page = await open('indian-ocean-tsunami', '#v=1&map=9.0000,80.5000,6.00');
  const frame = await mapFrame(page);
  const [label] = await mapRects(page, 'india');
  assert.ok(label && frame.contains(centreOf(label)), `India is named in the view (${JSON.stringify(label)})`);
  assert.ok(label.width > 30, `the name, not a bare spot (${JSON.stringify(label)})`);
  const ground = frame.toGround(centreOf(label));
  // Southern India, north of the Palk Strait: not Sri Lanka, not the sea off either coast.
  assert.ok(ground.lat > 10 && ground.lat < 16 && ground.lon > 76.5 && ground.lon < 80,
    `the name stands on India (${JSON.stringify(ground)})`);
  const [sriLanka] = await mapRects(page, 'sri-lanka');
  assert.ok(sriLanka && frame.contains(centreOf(sriLanka)), 'Sri Lanka is named too');
  // A pan of 40 px east keeps the spot in view: the name moves with the land under it.
  const layouts = await page.evaluate(() => Explainer.stats().layouts);
  const from = { x: frame.cx, y: frame.cy + 60 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y, { steps: 2 });
  await page.mouse.move(from.x + 40, from.y, { steps: 2 });
  await page.mouse.up();
  await settle(page);
  const [moved] = await mapRects(page, 'india');
  assert.ok(moved && Math.abs(moved.x - label.x - 40) < 1 && Math.abs(moved.y - label.y) < 1,
    `the name moved with the pan (${JSON.stringify(label)} -> ${JSON.stringify(moved)})`);
  assert.equal(await page.evaluate(() => Explainer.stats().layouts), layouts, 'the pan laid nothing out again');
  assertNoProblems(assert, page);
  await page.context().close();
});

// A name that does not fit on its country's spot may be nudged beside it, but never so far
// that it stands over a neighbour: Armenia's and Georgia's names, crowded out of their
// spots by Tbilisi, Yerevan and each other, were drawn over Iran and Russia. Each is
// drawn with its middle over its own country (Natural Earth's bounds), or not at all.
test('a small country\'s name is not nudged over its neighbour: Armenia and Georgia', async () => {
  const page = await open('capitals-own-scripts');
  const frame = await mapFrame(page);
  const bounds = { armenia: [38.89, 43.43, 41.30, 46.49], georgia: [41.08, 39.98, 43.58, 46.66] };
  for (const [id, [south, west, north, east]] of Object.entries(bounds)) {
    const label = (await mapRects(page, id)).find((r) => r.width > 8);  // a name; a bare spot is 8 px
    if (!label) continue;
    const ground = frame.toGround(centreOf(label));
    assert.ok(ground.lat >= south && ground.lat <= north && ground.lon >= west && ground.lon <= east,
      `${id}'s name stands over ${id} (${JSON.stringify(ground)})`);
  }
  // The rule leaves names that fit alone: Ethiopia, a large country, keeps its own.
  const [ethiopia] = await mapRects(page, 'ethiopia');
  assert.ok(ethiopia && ethiopia.width > 30, 'Ethiopia is named');
  assertNoProblems(assert, page);
  await page.context().close();
});

// A phone's map panel is taller than wide: places half a world apart east-west (Athens
// to Kauai) must open in view there too, each marker inside the panel, not only on a
// desktop's wide panel. The phone's first frame (the article's tab) goes without the
// basemap, which its page fetches after that frame; the map draws the land once it is in
// (the mirror's map list then names the place's country), whether the tab was open then or not.
const PHONE_ON_LAND = { 'centuries-of-names': 'athens', 'southern-americas': 'santiago' };  // Pacific places are on islets
for (const pack of ['centuries-of-names', 'indian-ocean-tsunami', 'pacific-crossing', 'southern-americas']) {
  test(`phone: the Map tab's first view shows every place of ${pack}`, async () => {
    const page = await openPage(browser, `${server.url}?pack=/test-packs/${pack}.json`,
      { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
    const tab = await locateCentre(page, 'tab:map');
    await page.touchscreen.tap(tab.x, tab.y);
    await settle(page);
    const frame = await mapFrame(page);
    const places = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'place' && e.lat !== undefined);
    const outside = [];
    for (const place of places) {
      const marker = (await mapRects(page, place.id))[0];
      if (!marker || !frame.contains(centreOf(marker), 4)) outside.push(`${place.id} ${JSON.stringify(marker)}`);
    }
    assert.deepEqual(outside, [], `every place is in the phone's first map view ${JSON.stringify(frame.map)}`);
    assert.deepEqual(await placesUnderOverlays(page), [], `${pack}: no place opens under the map's buttons or its scale`);
    if (PHONE_ON_LAND[pack]) {
      await page.waitForFunction((id) => /^, ./.test(document.querySelector(`#mirror-map .detail[data-place="${id}"]`)?.textContent || ''),
        PHONE_ON_LAND[pack]);
      await settle(page);
      const { png } = await screenshot(page, `world-phone-${pack}`);
      const { land, sampled } = landAround(decodePng(page, png), centreOf((await mapRects(page, PHONE_ON_LAND[pack]))[0]),
        await allMapRects(page), frame, 3);
      assert.ok(sampled > 20 && land >= sampled / 8, `${pack}: land is drawn around ${PHONE_ON_LAND[pack]} (${land} of ${sampled} samples)`);
    }
    assertNoProblems(assert, page);
    await page.context().close();
  });
}

// The places whose marker the map's buttons or scale cover, as "id under map:scale".
async function placesUnderOverlays(page) {
  const overlays = [];
  for (const id of ['map:zoom-in', 'map:zoom-out', 'map:reset', 'map:scale']) overlays.push(...(await mapRects(page, id)).map((r) => ({ id, ...r })));
  const places = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'place' && e.lat !== undefined);
  const under = [];
  for (const place of places) {
    const marker = (await mapRects(page, place.id))[0];
    const overlay = marker && overlays.find((o) => marker.x < o.x + o.width && o.x < marker.x + marker.width &&
      marker.y < o.y + o.height && o.y < marker.y + marker.height);
    if (overlay) under.push(`${place.id} under ${overlay.id}`);
  }
  return under;
}

// The opening view keeps places clear of what the map draws over its corners: a town in
// the pack's south-west corner (Baku in a story of the Aral Sea, Lagos in one of the
// Benue) opened under the scale's box. Every test pack, at a desktop's size.
test("the first view opens no pack's place under the map's buttons or its scale", async () => {
  const packs = fs.readdirSync(path.join(root, 'tests/packs')).filter((f) => f.endsWith('.json'));
  const under = [];
  for (const file of packs) {
    const page = await openPage(browser, `${server.url}?pack=/test-packs/${file}`);
    await settle(page);
    under.push(...(await placesUnderOverlays(page)).map((u) => `${file}: ${u}`));
    await page.context().close();
  }
  assert.deepEqual(under, []);
});

test('Pacific: the first view takes the short way across 180, and the arc is continuous', async () => {
  const page = await open('pacific-crossing');
  const frame = await mapFrame(page);
  assert.ok(frame.map.zoom >= 2.5, `the places fit a Pacific view, not the world (zoom ${frame.map.zoom})`);
  assert.ok(Math.abs(frame.map.lon) > 150, `the view is centred in the Pacific (lon ${frame.map.lon})`);
  const { png } = await screenshot(page, 'world-pacific-first-view');
  const image = decodePng(page, png);
  const rects = await allMapRects(page);
  // Suva to Honolulu on the sphere (slerp), sampled along its length.
  const toVector = (lat, lon) => {
    const p = lat * Math.PI / 180, l = lon * Math.PI / 180;
    return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)];
  };
  const a = toVector(-18.1416, 178.4419), b = toVector(21.3069, -157.8583);
  const angle = Math.acos(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
  let onArc = 0, sampled = 0, crossed = false;
  let previous = null;
  for (let i = 1; i < 40; ++i) {
    const t = i / 40;
    const s0 = Math.sin((1 - t) * angle) / Math.sin(angle), s1 = Math.sin(t * angle) / Math.sin(angle);
    const v = a.map((x, k) => s0 * x + s1 * b[k]);
    const lat = Math.atan2(v[2], Math.hypot(v[0], v[1])) * 180 / Math.PI, lon = Math.atan2(v[1], v[0]) * 180 / Math.PI;
    const p = frame.toScreen(lat, lon);
    if (previous) {
      assert.ok(Math.hypot(p.x - previous.x, p.y - previous.y) < 40, `the arc's path is continuous on screen at lon ${lon.toFixed(1)}`);
      crossed ||= previous.lon > 0 && lon < 0;
    }
    previous = { ...p, lon };
    if (!frame.contains(p, 2) || near(p, rects, 3)) continue;
    ++sampled;
    // The arc's pixels within a pixel of where the sphere puts it (it is drawn as 64
    // chords, 1.5 px wide).
    let inked = false;
    for (let dy = -1; dy <= 1; ++dy)
      for (let dx = -1; dx <= 1; ++dx) {
        const rgb = pixel(image, { x: p.x + dx, y: p.y + dy });
        inked ||= !isColour(rgb, SEA, 10) && !isColour(rgb, LAND, 10);
      }
    if (inked) ++onArc;
  }
  assert.ok(crossed, 'the arc crosses 180');
  assert.ok(sampled >= 20 && onArc === sampled, `the arc is drawn all along, across 180 (${onArc} of ${sampled} samples)`);
  const label = (await mapRects(page, 'figure-suva-honolulu'))[0];
  assert.ok(label && frame.contains(centreOf(label)), 'the arc is labelled on the map');
  await page.context().close();
});

test('a view centred on 180 shows land on both sides (Fiji west, Samoa and Tonga east)', async () => {
  const page = await open('pacific-crossing', '#v=1&map=-16.0000,180.0000,5.00');
  const frame = await mapFrame(page);
  assert.ok(Math.abs(Math.abs(frame.map.lon) - 180) < 1e-6 && Math.abs(frame.map.zoom - 5) < 1e-6, `the view is the link's (${JSON.stringify(frame.map)})`);
  const { png } = await screenshot(page, 'world-antimeridian');
  const image = decodePng(page, png);
  const rects = await allMapRects(page);
  let west = 0, east = 0;
  for (let y = Math.ceil(frame.y) + 2; y < frame.y + frame.height - 2; y += 2)
    for (let x = Math.ceil(frame.x) + 2; x < frame.x + frame.width - 2; x += 2) {
      const p = { x, y };
      if (near(p, rects, 3) || !isColour(pixel(image, p), LAND)) continue;
      if (x < frame.cx - 4) ++west;
      else if (x > frame.cx + 4) ++east;
    }
  assert.ok(west > 50, `land west of 180 (Fiji): ${west} samples`);
  assert.ok(east > 5, `land east of 180 (Samoa, Tonga): ${east} samples`);
  // Fiji's main island, Viti Levu, is land where Mercator puts it.
  const vitiLevu = frame.toScreen(-17.8, 178.0);
  assert.ok(near(vitiLevu, rects, 0) || isColour(pixel(image, vitiLevu), LAND), `Viti Levu is land: ${hex(pixel(image, vitiLevu))}`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a region drawn as its countries: South America lights up its countries when selected', async () => {
  const page = await open('southern-americas');
  const probe = [['Brazil', -10.0, -52.0], ['Argentina', -38.0, -66.0], ['Peru', -10.0, -75.0]];
  const before = await mapFrame(page);
  const { png: plain } = await screenshot(page, 'world-region-plain');
  const plainImage = decodePng(page, plain);
  for (const [name, lat, lon] of probe) {
    const p = before.toScreen(lat, lon);
    if (before.contains(p, 4)) assert.ok(!isColour(pixel(plainImage, p), LAND_HIGHLIGHT), `${name} is not highlighted before`);
  }
  await page.evaluate(() => Explainer.select('south-america'));
  await settleWithTiles(page);
  const frame = await mapFrame(page);
  const { png } = await screenshot(page, 'world-region-selected');
  const image = decodePng(page, png);
  const rects = await allMapRects(page);
  for (const [name, lat, lon] of probe) {
    const p = frame.toScreen(lat, lon);
    assert.ok(frame.contains(p, 4), `${name} is in view once South America is selected`);
    if (near(p, rects, 1)) continue;
    assert.ok(isColour(pixel(image, p), LAND_HIGHLIGHT), `${name} lights up with South America: ${hex(pixel(image, p))}`);
  }
  // Not a point: no marker; its name is drawn over its countries.
  const label = (await mapRects(page, 'south-america'))[0];
  assert.ok(label && frame.contains(centreOf(label)), 'South America is named on the map');
  // Antarctica is not part of it.
  const antarctica = frame.toScreen(-80, -60);
  if (frame.contains(antarctica, 4) && !near(antarctica, rects, 1))
    assert.ok(!isColour(pixel(image, antarctica), LAND_HIGHLIGHT), 'Antarctica stays plain');
  assertNoProblems(assert, page);
  await page.context().close();
});

// A selected country fills the map with its core, its largest shape and the shapes near
// it: the seed's France without French Guiana and Reunion (the map showed half the world,
// France a speck under its name), Tonga with the Vava'u group (the world basemap drops its
// islands, and Neiafu was off the map, Tonga a speck at Tongatapu).
test('a selected country fills the map with its core: France without its overseas parts, Tonga with Vava\'u', async () => {
  const cases = [
    { page: await openPage(browser, server.url), country: 'france', inside: ['paris'], outside: ['raqqa'], minZoom: 4 },
    { page: await open('fiji-tonga-samoa'), country: 'tonga', inside: ['nukualofa', 'neiafu'], outside: ['suva', 'apia'], minZoom: 5 },
  ];
  for (const { page, country, inside, outside, minZoom } of cases) {
    await page.evaluate((id) => Explainer.select(id), country);
    await settleWithTiles(page);
    const frame = await mapFrame(page);
    const zoom = Number(new URLSearchParams((await page.evaluate(() => Explainer.getLink())).split('#')[1]).get('map').split(',')[2]);
    assert.ok(zoom >= minZoom, `${country} selected: zoom ${zoom}, at least ${minZoom}`);
    for (const id of inside) {
      const rect = (await mapRects(page, id))[0];
      assert.ok(rect && frame.contains(centreOf(rect)), `${country} selected: ${id} is on the map`);
    }
    for (const id of outside) {
      const rect = (await mapRects(page, id))[0];
      assert.ok(!rect || !frame.contains(centreOf(rect)), `${country} selected: ${id}, beyond it, is not`);
    }
    const label = (await mapRects(page, country))[0];
    assert.ok(label && frame.contains(centreOf(label)), `${country} is named on the map`);
    assertNoProblems(assert, page);
    await page.context().close();
  }
});

// Zoomed in, the map is drawn from detail tiles (45 degrees a side, cut by the bake at
// their sides): neighbours meet without a seam, and a country across two of them is
// outlined along its coasts and borders only, not where the tiles meet.
test('detail tiles meet without a seam, and an outlined country shows no line where they meet', async () => {
  // 0°E 45°N, inland France: the corner of four tiles, land all round.
  const page = await open('southern-americas', '#v=1&map=45.0000,0.0000,9.00');
  let frame = await mapFrame(page);
  let image = decodePng(page, (await screenshot(page, 'world-tile-corner')).png);
  let rects = await allMapRects(page);
  const corner = frame.toScreen(45, 0);
  assert.ok(frame.contains(corner, 100), 'the tiles\' corner is in view');
  const notLand = [];
  for (let d = -80; d <= 80; ++d)
    for (let across = -2; across <= 2; ++across)
      for (const p of [{ x: corner.x + across, y: corner.y + d }, { x: corner.x + d, y: corner.y + across }])
        if (!near(p, rects, 2) && !isColour(pixel(image, p), LAND)) notLand.push(`${Math.round(p.x)},${Math.round(p.y)} ${hex(pixel(image, p))}`);
  assert.deepEqual(notLand.slice(0, 5), [], `land on both sides of the tiles' sides (${notLand.length} other pixels)`);
  await page.context().close();

  // Brazil lies across 45°W, between two tiles; South America selected outlines it.
  const selected = await open('southern-americas', '#v=1&sel=south-america&map=-10.0000,-45.0000,5.00');
  frame = await mapFrame(selected);
  image = decodePng(selected, (await screenshot(selected, 'world-tile-outline')).png);
  rects = await allMapRects(selected);
  const lines = [];
  for (let lat = -5; lat >= -15; lat -= 0.25) {
    const p = frame.toScreen(lat, -45);
    assert.ok(frame.contains(p, 2), `45°W at ${lat}° is in view`);
    for (let across = -2; across <= 2; ++across) {
      const q = { x: p.x + across, y: p.y };
      if (!near(q, rects, 2) && !isColour(pixel(image, q), LAND_HIGHLIGHT)) lines.push(`${lat}° ${hex(pixel(image, q))}`);
    }
  }
  assert.deepEqual(lines.slice(0, 5), [], `Brazil is lit across 45°W, with no outline there (${lines.length} other pixels)`);
  assertNoProblems(assert, selected);
  await selected.context().close();
});
