// The timeline and quotes panels, driven like a reader drives them: real mouse, wheel,
// keyboard and touch input; the Explainer API only reads the state and where things
// are drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, locateCentre } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

const DAY = 86400000;
const days = (iso) => Date.parse(iso + 'T00:00:00Z') / DAY;
const state = (page) => page.evaluate(() => Explainer.getState());
const locate = (page, id) => page.evaluate((id) => Explainer.locate(id), id);
const rectsIn = async (page, id, panel) => (await locate(page, id)).filter((r) => r.panel === panel);
const quoteIds = (page) => page.evaluate(() => Explainer.entities().filter((e) => e.type === 'quote').map((e) => e.id));

async function open(options = {}) {
  const page = await openPage(browser, server.url, options);
  await settle(page);
  return page;
}

// The quote ids drawn in the quotes panel now, top to bottom.
async function visibleQuotes(page) {
  const out = [];
  for (const id of await quoteIds(page)) {
    const rect = (await rectsIn(page, id, 'quotes'))[0];
    if (rect) out.push({ id, rect });
  }
  return out.sort((a, b) => a.rect.y - b.rect.y);
}

function inViewport(rect, viewport) {
  return rect.y >= 0 && rect.y + rect.height <= viewport.height && rect.x >= 0 && rect.x + rect.width <= viewport.width;
}

test('clicking a quote card selects the quote and scrolls the article to it', async () => {
  const page = await open();
  const viewport = page.viewportSize();
  const target = 'quote-ismail-europe';  // the article's last paragraph: off-screen at first
  assert.ok(!(await rectsIn(page, target, 'article')).some((r) => inViewport(r, viewport)), 'starts off-screen in the article');
  // Wheel the quote list down until the last card is drawn whole.
  const first = (await visibleQuotes(page))[0];
  await page.mouse.move(first.rect.x + first.rect.width / 2, first.rect.y + 20);
  for (let i = 0; i < 4 && !(await rectsIn(page, target, 'quotes')).some((r) => r.height > 60); ++i) {
    await page.mouse.wheel(0, 1500);
    await settle(page);
  }
  const { x, y } = await locateCentre(page, target, 'quotes');
  await page.mouse.click(x, y);
  await settle(page);
  assert.equal((await state(page)).selection, target);
  const article = await rectsIn(page, target, 'article');
  assert.ok(article.some((r) => inViewport(r, viewport)), `the article shows the quote: ${JSON.stringify(article)}`);
  // ...and a quote's card shows on the map where it was said. The article does not say
  // where Ismail spoke, so his quote has no place; the sympathizer spoke in Turkey, a
  // country the map fits whole.
  const entities = await page.evaluate(() => Explainer.entities());
  const byId = Object.fromEntries(entities.map((e) => [e.id, e]));
  const inTurkey = 'quote-sympathizer-lands';
  assert.equal(byId[inTurkey].place, 'turkey');
  assertNoProblems(assert, page);
  await page.context().close();

  // The card click is tested above; here the selection comes from the API.
  const fresh = await open();
  await fresh.evaluate((id) => Explainer.select(id), inTurkey);
  await settle(fresh);
  assert.equal((await state(fresh)).selection, inTurkey);
  const map = (await state(fresh)).map;
  assert.ok(map.lat > 35 && map.lat < 43 && map.lon > 25 && map.lon < 46, `the map is centred on Turkey: ${JSON.stringify(map)}`);
  assertNoProblems(assert, fresh);
  await fresh.context().close();
});

test('hovering a timeline event hovers it everywhere; clicking selects it', async () => {
  const page = await open();
  const event = 'paris-attacks';
  const mark = await locateCentre(page, event, 'timeline');
  await page.mouse.move(mark.x, mark.y);
  await settle(page);
  assert.equal((await state(page)).hover, event);
  // The article tints the event's mention with the hover colour (#DCE9FA).
  const { png } = await screenshot(page, 'panels-timeline-hover');
  const image = await decodePng(page, png);
  const mention = (await rectsIn(page, event, 'article'))[0];
  assert.ok(mention, 'the event is mentioned in the visible article');
  let tinted = 0;
  for (let yy = Math.ceil(mention.y); yy < mention.y + mention.height; ++yy)
    for (let xx = Math.ceil(mention.x); xx < mention.x + mention.width; ++xx) {
      const i = (yy * image.width + xx) * 4;
      if (Math.abs(image.data[i] - 0xDC) < 6 && Math.abs(image.data[i + 1] - 0xE9) < 6 && Math.abs(image.data[i + 2] - 0xFA) < 6) tinted++;
    }
  assert.ok(tinted > 20, `the article highlights the hovered event (${tinted} tinted pixels)`);
  await page.mouse.click(mark.x, mark.y);
  await settle(page);
  assert.equal((await state(page)).selection, event);
  // The map shows the event's place: Paris's marker is inside the map's frame.
  const frame = (await locate(page, 'map:view'))[0];
  const paris = (await locate(page, 'paris')).find((r) => r.panel === 'map');
  assert.ok(paris && paris.x >= frame.x && paris.x + paris.width <= frame.x + frame.width &&
    paris.y >= frame.y && paris.y + paris.height <= frame.y + frame.height, `Paris is shown on the map: ${JSON.stringify(paris)}`);
  // Moving off the events clears the hover this panel set.
  const axis = (await locate(page, 'timeline:axis'))[0];
  await page.mouse.move(axis.x + 5, axis.y - 4);
  await settle(page);
  assert.equal((await state(page)).hover, null);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the wheel zooms the timeline about the pointer, a drag pans it, a selection brings its events into view', async () => {
  const page = await open();
  const axis = (await locate(page, 'timeline:axis'))[0];
  const span = (s) => days(s.timeline.end) - days(s.timeline.start);
  const dayAt = (s, x) => days(s.timeline.start) + (x - axis.x) / axis.width * span(s);
  const x = axis.x + axis.width * 0.3, y = axis.y - 10;
  const before = await state(page);
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, -300);
  await settle(page);
  const zoomed = await state(page);
  assert.ok(span(zoomed) < span(before) * 0.8, `zoomed in: ${span(before)} -> ${span(zoomed)} days`);
  assert.ok(Math.abs(dayAt(zoomed, x) - dayAt(before, x)) < 3, 'the day under the pointer stays under it');
  // Drag right by 150 px: earlier days come into view.
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 5; ++i) await page.mouse.move(x + i * 30, y);
  await page.mouse.up();
  await settle(page);
  const panned = await state(page);
  assert.ok(days(panned.timeline.start) < days(zoomed.timeline.start) - 5, `panned: ${zoomed.timeline.start} -> ${panned.timeline.start}`);
  assert.ok(Math.abs(span(panned) - span(zoomed)) < 2, 'panning keeps the span');
  assert.equal(panned.selection, null, 'a drag is not a click');
  // Zoom far in on late 2015, then select the 2014 event elsewhere: the range follows.
  for (let i = 0; i < 6; ++i) await page.mouse.wheel(0, -300);
  await settle(page);
  await page.evaluate(() => Explainer.select('islamic-state-peak'));
  await settle(page);
  const shown = await state(page);
  assert.ok(days(shown.timeline.start) <= days('2014-01-01') && days(shown.timeline.end) >= days('2015-01-01'),
    `the selected event is in view: ${JSON.stringify(shown.timeline)}`);
  assert.ok((await rectsIn(page, 'islamic-state-peak', 'timeline')).length === 1);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('clicking the axis sets the time cursor; arrow keys move it; Delete clears it', async () => {
  const page = await open();
  const axis = (await locate(page, 'timeline:axis'))[0];
  const before = await state(page);
  assert.equal(before.timeCursor, null);
  const x = axis.x + axis.width * 0.6;
  await page.mouse.click(x, axis.y + axis.height / 2);
  await settle(page);
  const set = await state(page);
  const expected = days(before.timeline.start) + (x - axis.x) / axis.width * (days(before.timeline.end) - days(before.timeline.start));
  assert.ok(set.timeCursor, 'the cursor is set');
  assert.ok(Math.abs(days(set.timeCursor) - expected) < 3, `cursor ${set.timeCursor} at the clicked day (~${new Date(expected * DAY).toISOString().slice(0, 10)})`);
  assert.equal((await locate(page, 'timeline:cursor')).length, 1, 'the cursor is drawn with its date');
  await page.keyboard.press('ArrowRight');
  await settle(page);
  const right = await state(page);
  assert.ok(days(right.timeCursor) > days(set.timeCursor), `ArrowRight: ${set.timeCursor} -> ${right.timeCursor}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  const left = await state(page);
  assert.ok(days(left.timeCursor) < days(set.timeCursor), `ArrowLeft twice: ${right.timeCursor} -> ${left.timeCursor}`);
  await page.keyboard.press('Delete');
  await settle(page);
  assert.equal((await state(page)).timeCursor, null);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a speaker chip filters the quote cards', async () => {
  const page = await open({ viewport: { width: 1280, height: 1000 } });  // room for several cards
  const entities = await page.evaluate(() => Explainer.entities());
  const speakerOf = Object.fromEntries(entities.filter((e) => e.type === 'quote').map((e) => [e.id, e.speaker]));
  const all = await visibleQuotes(page);
  assert.ok(all.length >= 2 && all.some((q) => speakerOf[q.id] !== 'jm-berger'), 'several speakers are listed at first');
  const chip = await locateCentre(page, 'quote-filter:jm-berger', 'quotes');
  await page.mouse.click(chip.x, chip.y);
  await settle(page);
  assert.equal((await state(page)).quoteSpeaker, 'jm-berger');
  const filtered = await visibleQuotes(page);
  assert.ok(filtered.length > 0 && filtered.length < all.length, `${all.length} cards -> ${filtered.length}`);
  assert.deepEqual(filtered.filter((q) => speakerOf[q.id] !== 'jm-berger'), [], 'only his quotes remain');
  // The speaker's name line is located too (for the speaker entity).
  assert.ok((await rectsIn(page, 'jm-berger', 'quotes')).length >= 1);
  const allChip = await locateCentre(page, 'quote-filter:all', 'quotes');
  await page.mouse.click(allChip.x, allChip.y);
  await settle(page);
  assert.equal((await state(page)).quoteSpeaker, null);
  assert.deepEqual((await visibleQuotes(page)).map((q) => q.id), all.map((q) => q.id));
  assertNoProblems(assert, page);
  await page.context().close();
});

test('Tab walks the quote cards and Enter selects one, from the keyboard', async () => {
  const page = await open();
  // One click to give the quotes panel the keyboard (on "All", which changes nothing).
  const allChip = await locateCentre(page, 'quote-filter:all', 'quotes');
  await page.mouse.click(allChip.x, allChip.y);
  await page.mouse.move(allChip.x, allChip.rect.y - 25);  // the panel's title strip: hovers nothing
  await settle(page);
  const order = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'quote').map((e) => e.id);
  await page.keyboard.press('Tab');
  await settle(page);
  assert.equal((await state(page)).hover, order[0]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await settle(page);
  assert.equal((await state(page)).hover, order[2]);
  await page.keyboard.press('Shift+Tab');
  await settle(page);
  assert.equal((await state(page)).hover, order[1]);
  // The focused card is scrolled into view.
  assert.equal((await rectsIn(page, order[1], 'quotes')).length, 1);
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal((await state(page)).selection, order[1]);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('on a phone: the Quotes tab, a tap on a card selects it, a pinch zooms the timeline', async () => {
  const page = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const tab = await locateCentre(page, 'tab:quotes');
  await page.touchscreen.tap(tab.x, tab.y);
  await settle(page);
  assert.equal((await state(page)).panel, 'quotes');
  const cards = await visibleQuotes(page);
  assert.ok(cards.length >= 2, 'cards are listed');
  // A card the screen's bottom edge cuts is only partly scrolled into view; whole cards are the targets.
  for (const card of cards.filter((c) => c.rect.y + c.rect.height < 844 - 1))
    assert.ok(card.rect.height >= 44, 'cards are at least 44 px tall');
  const chip = (await rectsIn(page, 'quote-filter:all', 'quotes'))[0];
  assert.ok(chip.height >= 44, 'filter chips are touch targets');
  const card = cards[1];
  await page.touchscreen.tap(card.rect.x + card.rect.width / 2, card.rect.y + Math.min(card.rect.height / 2, 30));
  await settle(page);
  assert.equal((await state(page)).selection, card.id);
  await screenshot(page, 'panels-phone-quotes');
  // Two fingers spreading on the timeline zoom it about their centre, and are no tap.
  const timelineTab = await locateCentre(page, 'tab:timeline');
  await page.touchscreen.tap(timelineTab.x, timelineTab.y);
  await settle(page);
  assert.equal((await state(page)).panel, 'timeline');
  const before = await state(page);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const cx = 200, cy = 420;
  await touch('touchStart', [[cx - 20, cy]]);
  await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
  for (let i = 1; i <= 8; ++i) {
    await touch('touchMove', [[cx - 20 - i * 12, cy], [cx + 20 + i * 12, cy]]);
    await page.waitForTimeout(20);
  }
  await touch('touchEnd', []);
  await settle(page);
  const after = await state(page);
  const span = (s) => days(s.timeline.end) - days(s.timeline.start);
  assert.ok(span(after) < span(before) / 2.5, `pinched: ${span(before)} -> ${span(after)} days`);
  assert.equal(after.selection, card.id, 'the pinch selected nothing');
  assert.equal(after.timeCursor, null);
  assertNoProblems(assert, page);
  await page.context().close();
});

// On a phone each panel is a tab. An event tapped in the Timeline tab is brought into view
// in the Article tab when the reader opens it, as the Map tab opens on it; the article
// stayed at its top with the mention far below (an outside reader trial).
test('on a phone: an event tapped in the Timeline tab is in view when the Article tab opens', async () => {
  const page = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const inView = (rects) => rects.some((r) => r.y >= 0 && r.y + r.height <= 844);
  // Events none of whose mentions the Article tab shows as it opens.
  const events = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'event');
  const below = [];
  for (const e of events) if (!inView(await rectsIn(page, e.id, 'article'))) below.push(e.id);
  const timelineTab = await locateCentre(page, 'tab:timeline');
  await page.touchscreen.tap(timelineTab.x, timelineTab.y);
  await settle(page);
  let chosen = null;
  for (const id of below) {
    const mark = (await rectsIn(page, id, 'timeline'))[0];
    if (mark && inView([mark])) { chosen = { id, mark }; break; }
  }
  assert.ok(chosen, `an event out of the article's first view is on the phone's timeline (${below})`);
  await page.touchscreen.tap(chosen.mark.x + Math.min(chosen.mark.width / 2, 6), chosen.mark.y + chosen.mark.height / 2);
  await settle(page);
  assert.equal((await state(page)).selection, chosen.id);
  const articleTab = await locateCentre(page, 'tab:article');
  await page.touchscreen.tap(articleTab.x, articleTab.y);
  await settle(page);
  assert.ok(inView(await rectsIn(page, chosen.id, 'article')),
    `${chosen.id}'s mention is in view in the Article tab (${JSON.stringify(await state(page))})`);
  assertNoProblems(assert, page);
  await page.context().close();
});
