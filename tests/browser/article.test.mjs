// The article panel and the pack in the browser (issue 3): hover cards, selection by a
// real mouse click and through the API, every mention highlighted, scrolling, the HTML
// mirror, a second pack, and a broken pack's error view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, locateCentre } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

const pixel = (image, x, y) => {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
};

test('hovering a located span shows its card; a real click selects it', async () => {
  const page = await openPage(browser, server.url);
  await settle(page);
  const { x, y } = await locateCentre(page, 'sinjar', 'article');
  await page.mouse.move(x, y);
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).hover, 'sinjar');
  const card = (await page.evaluate(() => Explainer.locate('card:sinjar')))[0];
  assert.ok(card, 'the card of the hovered entity is drawn');
  assert.ok(card.y >= y && card.y - y < 60, `the card opens right under the span (span y ${y}, card y ${card.y})`);
  assert.ok(card.height > 40 && card.width > 200);

  await page.mouse.down();
  await page.mouse.up();
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'sinjar');

  // Moving off the text clears the hover and its card.
  await page.mouse.move(20, 780);
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).hover, null);
  assert.equal((await page.evaluate(() => Explainer.locate('card:sinjar'))).length, 0);
  assertNoProblems(assert, page);
  await page.context().close();
});

// A mention on the window's last lines: its card opens over it, whole (it opened under it,
// past the window's edge, and showed only its first line).
test('the card of a mention near the window\'s bottom opens over it, inside the window', async () => {
  const page = await openPage(browser, server.url);
  await settle(page);
  const height = page.viewportSize().height;
  const low = await page.evaluate((bottom) => {
    for (const e of Explainer.entities()) {
      const r = Explainer.locate(e.id).find((rect) => rect.panel === 'article' && rect.y + rect.height < bottom - 4 && rect.y > bottom - 120);
      if (r) return { id: e.id, ...r };
    }
    return null;
  }, height);
  assert.ok(low, 'a mention is on the article\'s last lines at 1280x800');
  await page.mouse.move(low.x + Math.min(low.width, 20) / 2, low.y + low.height / 2);
  await settle(page);
  const card = (await page.evaluate((id) => Explainer.locate(`card:${id}`), low.id))[0];
  assert.ok(card, `the card of ${low.id} is drawn`);
  assert.ok(card.y >= 0 && card.y + card.height <= height, `the card is inside the window (${JSON.stringify(card)}, ${height} high)`);
  assert.ok(card.y + card.height <= low.y, `the card is over the mention (${JSON.stringify(card)}, mention y ${low.y})`);
  // As drawn, not only as located: the card's left edge runs down the whole of its located
  // box (a card moved after ImGui drew its background left the box where it was, empty).
  const image = decodePng(page, (await screenshot(page, 'card-near-bottom')).png);
  const differs = (a, b) => a.some((v, i) => Math.abs(v - b[i]) > 8);
  let edge = 0, rows = 0;
  for (let y = Math.ceil(card.y + 8); y < card.y + card.height - 8; ++y, ++rows) {
    const outside = pixel(image, card.x - 4, y);
    if ([0, 1].some((dx) => differs(pixel(image, card.x + dx, y), outside))) ++edge;
  }
  assert.ok(edge >= rows * 0.9, `the card is drawn where it is located: its edge on ${edge} of ${rows} rows`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('selecting an entity highlights every one of its mentions', async () => {
  const page = await openPage(browser, server.url, { viewport: { width: 1280, height: 1400 } });
  assert.equal(await page.evaluate(() => Explainer.select('islamic-state')), true);
  await page.mouse.move(5, 5);
  await settle(page);
  const rects = (await page.evaluate(() => Explainer.locate('islamic-state'))).filter((r) => r.panel === 'article');
  assert.ok(rects.length >= 4, `several mentions are drawn (${rects.length})`);
  const { png } = await screenshot(page, 'article-selected-islamic-state');
  const image = decodePng(page, png);
  // Selection fill (light theme #FFE49A) just inside the left edge of every mention.
  for (const r of rects) {
    if (r.y + r.height > 1400) continue;
    const [red, green, blue] = pixel(image, r.x + 1, r.y + 4);
    assert.ok(red > 235 && green > 200 && blue < 190, `mention at ${Math.round(r.x)},${Math.round(r.y)} is highlighted (rgb ${red},${green},${blue})`);
  }
  // An entity that is not selected has no fill.
  const other = (await page.evaluate(() => Explainer.locate('paris'))).find((r) => r.panel === 'article');
  const [r2, g2, b2] = pixel(image, other.x + 1, other.y + 4);
  assert.ok(!(r2 > 235 && g2 > 200 && b2 < 190), 'an unselected mention is not highlighted');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('Explainer.entities() and select() follow the documented shapes', async () => {
  const page = await openPage(browser, server.url);
  const entities = await page.evaluate(() => Explainer.entities());
  const byId = Object.fromEntries(entities.map((e) => [e.id, e]));
  for (const e of entities) assert.ok(e.id && e.type && e.name, JSON.stringify(e));
  assert.equal(byId.sinjar.type, 'place');
  assert.ok(Math.abs(byId.sinjar.lat - 36.3) < 0.2 && Math.abs(byId.sinjar.lon - 41.9) < 0.2);
  // Events the article dates carry ISO days; an expected event, or one the article
  // gives no date for, carries none.
  for (const e of entities.filter((e) => e.type === 'event')) {
    if (e.expected || e.start === undefined) assert.equal(e.start, undefined, e.id);
    else assert.match(e.start, /^\d{4}-\d\d-\d\d$/, e.id);
  }
  assert.ok(byId['more-attacks-in-europe'].expected, 'the expected attacks are marked as expected');
  for (const e of entities.filter((e) => e.type === 'quote')) {
    assert.ok(e.text.length > 10, e.id);
    assert.equal(byId[e.speaker]?.type, 'person', `${e.id} has a person as speaker`);
  }
  assert.equal(await page.evaluate(() => Explainer.select('no-such-entity')), false);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, null);
  assert.equal(await page.evaluate(() => Explainer.select('paris')), true);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'paris');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the article scrolls by wheel and keys, and reports its top paragraph', async () => {
  const page = await openPage(browser, server.url, { viewport: { width: 1100, height: 600 } });
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).paragraph, 'p1');
  await page.mouse.move(250, 300);
  await page.mouse.wheel(0, 900);
  await settle(page);
  const afterWheel = (await page.evaluate(() => Explainer.getState())).paragraph;
  assert.notEqual(afterWheel, 'p1', 'the wheel scrolled the article');
  await page.mouse.click(250, 300);  // focus the article (the click lands on plain text or a span)
  await page.keyboard.press('Home');
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).paragraph, 'p1', 'Home goes back to the top');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await settle(page);
  assert.notEqual((await page.evaluate(() => Explainer.getState())).paragraph, 'p1', 'Page Down scrolls');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the HTML mirror holds the article with focusable, named annotations', async () => {
  const page = await openPage(browser, server.url);
  const mentions = page.locator('#mirror-body .mention');
  assert.ok((await mentions.count()) > 40, 'every annotation is an element');
  const sinjar = page.locator('#mirror-body button[data-entity="sinjar"]').first();
  assert.match(await sinjar.getAttribute('aria-label'), /Sinjar, place/);
  await sinjar.focus();
  await page.keyboard.press('Enter');
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'sinjar');
  assert.match(await page.locator('#mirror-live').textContent(), /Selected place: Sinjar/);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a second pack renders: nothing is wired to the seed', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/second-pack.json');
  const pack = await (await fetch(new URL('/test-packs/second-pack.json', server.url))).json();
  assert.equal(await page.locator('#mirror-headline').textContent(), pack.article.headline);
  const ids = (await page.evaluate(() => Explainer.entities())).map((e) => e.id).sort();
  assert.deepEqual(ids, pack.entities.map((e) => e.id).sort());
  const place = pack.entities.find((e) => e.kind === 'place').id;
  await settle(page);
  const { x, y } = await locateCentre(page, place, 'article');
  await page.mouse.click(x, y);
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, place);
  await screenshot(page, 'second-pack');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a broken pack shows the validator\'s error with line and column', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/broken/malformed.json', { expectProblems: true });
  await page.waitForSelector('#error:not([hidden])');
  const text = await page.locator('#error').innerText();
  assert.match(text, /content pack has errors/i);
  assert.match(text, /malformed\.json:5:3: error: expected ',' or '}' after object member/);
  // The tab names the error, not the site's own story.
  assert.equal(await page.title(), 'The content pack has errors · Explainer');
  // The readable fallback: the canvas is hidden, the error is visible.
  assert.equal(await page.locator('#canvas').isVisible(), false);
  await page.context().close();

  const semantic = await openPage(browser, server.url + '?pack=/test-packs/broken/selector-twice.json', { expectProblems: true });
  await semantic.waitForSelector('#error:not([hidden])');
  assert.match(await semantic.locator('#error').innerText(), /selector-twice\.json:39:9: error: at \/entities\/0\/mentions\/0: /);
  await semantic.context().close();

  // A number in a message is written as the author wrote it ("%.10g", which the web build's
  // vsnprintf hands to the browser's toExponential and toFixed: src/platform/main_web.cpp).
  const number = await openPage(browser, server.url + '?pack=/test-packs/broken/lat-out-of-range.json', { expectProblems: true });
  await number.waitForSelector('#error:not([hidden])');
  assert.match(await number.locator('#error').innerText(), /latitude 139\.8296 is outside \[-90, 90\]/);
  await number.context().close();
});

test('Tab walks the mentions in reading order and hands the keyboard to the next panel', async () => {
  const page = await openPage(browser, server.url);
  await settle(page);
  await page.mouse.click(300, 760);  // give the article the keyboard (a click on plain text or margin)
  await page.mouse.move(5, 795);
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  await settle(page);
  const entities = await page.evaluate(() => Explainer.entities());
  const first = (await page.evaluate(() => Explainer.getState())).hover;
  assert.ok(first, 'Tab focuses the first mention (and hovers its entity)');
  await page.keyboard.press('Tab');
  await settle(page);
  const second = (await page.evaluate(() => Explainer.getState())).hover;
  assert.ok(second && second !== first, `the second Tab moves on (${first} -> ${second})`);
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, second, 'Enter selects the focused mention');
  // Shift+Tab twice: back to the first mention, then off the front of the article into
  // the panel before it in the Tab order (the quotes panel), at its last card.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await settle(page);
  const quotes = entities.filter((e) => e.type === 'quote').map((e) => e.id);
  const landed = (await page.evaluate(() => Explainer.getState())).hover;
  assert.ok(quotes.includes(landed), `Shift+Tab before the first mention focuses a quote card (hover ${landed})`);
  assertNoProblems(assert, page);
  await page.context().close();
});
