// Selecting, copying and finding the article's text (issue 14, items 4 and 5), with real
// input: a mouse drag, double and triple clicks, Shift+arrows, a touch long press and its
// handles, Ctrl+C and the Copy button, Ctrl+F and the find bar. Asserts what the reader
// gets: the clipboard's contents, the fills drawn on the canvas, the find bar's count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, locateCentre } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

const seed = JSON.parse(fs.readFileSync(path.join(root, 'content/isis-losing-ground.json'), 'utf8'));
const centuries = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/centuries-of-names.json'), 'utf8'));

const greek = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/greek-cyrillic-nested.json'), 'utf8'));

// An independent oracle for find: Unicode decomposition without marks, lower case, over
// the article's words as a reader sees them (the headline, then each paragraph and its link).
const fold = (text) => text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
const paragraphWords = (p) => p.text + (p.link ? ' ' + p.link.text : '');
const articleWords = (pack) => [pack.article.headline, ...pack.article.paragraphs.map(paragraphWords)];
const occurrences = (pack, query) => articleWords(pack).reduce((n, words) => n + fold(words).split(fold(query)).length - 1, 0);

async function open(url, options = {}) {
  const page = await openPage(browser, url, options);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await settle(page);
  return page;
}
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());
const setClipboard = (page, text) => page.evaluate((t) => navigator.clipboard.writeText(t), text);
const state = (page) => page.evaluate(() => Explainer.getState());
const located = (page, id) => page.evaluate((i) => Explainer.locate(i), id);

// Brings an entity's first article mention into view and gives the article the keyboard,
// then clears the selection; returns the mention's rectangles in the article.
// (A touch test leaves the mouse alone: a finger landing far from the mouse's last place
// would count as a drag.)
async function showMention(page, id, { mouse = true } = {}) {
  await page.evaluate((i) => Explainer.select(i), id);
  await settle(page);
  await page.evaluate(() => Explainer.select(null));
  if (mouse) await page.mouse.move(5, 795);
  await settle(page);
  return (await located(page, id)).filter((r) => r.panel === 'article');
}

// Share of pixels in a rectangle of the screenshot close to a colour.
function shareOf(image, rect, [r, g, b]) {
  let hits = 0, total = 0;
  for (let y = Math.ceil(rect.y + 2); y < rect.y + rect.height - 2; ++y)
    for (let x = Math.ceil(rect.x + 1); x < rect.x + rect.width - 1; ++x) {
      const i = (y * image.width + x) * 4;
      ++total;
      if (Math.abs(image.data[i] - r) < 12 && Math.abs(image.data[i + 1] - g) < 12 && Math.abs(image.data[i + 2] - b) < 12) ++hits;
    }
  return total ? hits / total : 0;
}
const SELECTION_FILL = [0xB4, 0xD5, 0xFE];
const CURRENT_MATCH_FILL = [0xF0, 0x8A, 0x24];

test('a mouse drag selects text, draws it selected, and Ctrl+C copies exactly it with its curly quotes', async () => {
  const page = await open(server.url);
  const quote = seed.entities.find((e) => e.id === 'quote-berger-strategy');
  const rects = await showMention(page, quote.id);
  assert.ok(rects.length >= 2, `the quotation spans lines (${rects.length} rectangles)`);
  const first = rects[0], last = rects[rects.length - 1];
  await page.mouse.move(first.x + 1, first.y + first.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; ++i)
    await page.mouse.move(first.x + 1 + (last.x + last.width - 1 - first.x - 1) * i / 8, first.y + first.height / 2 + (last.y - first.y) * i / 8);
  await page.mouse.up();
  await settle(page);
  assert.equal((await state(page)).selection, null, 'a drag that ends on a mention does not also select its entity');
  await setClipboard(page, 'before');
  await page.keyboard.press('Control+c');
  await settle(page);
  assert.equal(await clipboard(page), quote.mentions[0].exact, 'the clipboard holds exactly the dragged words');
  assert.match(await page.locator('#reader-status').textContent(), /^Copied\./);
  // Drawn selected: the selection fill behind the words.
  await page.mouse.move(5, 795);
  await settle(page);
  const image = decodePng(page, (await screenshot(page, 'reading-drag-selection')).png);
  const middle = rects[Math.floor(rects.length / 2)];
  assert.ok(shareOf(image, middle, SELECTION_FILL) > 0.4, `the selected line is filled (${shareOf(image, middle, SELECTION_FILL).toFixed(2)})`);
  // A click without a drag clears it, and still selects the entity under it.
  const sinjar = await locateCentre(page, 'sinjar', 'article').catch(() => null);
  const target = sinjar || { x: first.x + 4, y: first.y + first.height / 2 };
  await page.mouse.click(target.x, target.y);
  await settle(page);
  assert.notEqual((await state(page)).selection, null, 'a plain click still selects the entity under it');
  await page.mouse.move(5, 795);
  await settle(page);
  const after = decodePng(page, (await screenshot(page, 'reading-drag-cleared')).png);
  assert.ok(shareOf(after, middle, SELECTION_FILL) < 0.05, 'the click cleared the text selection');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('double click selects a word, triple click a paragraph, Shift+arrows extend, the Copy button copies', async () => {
  const page = await open(server.url);
  // Raqqa: an entity whose one mention is one word.
  const [raqqa] = await showMention(page, 'raqqa');
  const at = { x: raqqa.x + raqqa.width / 2, y: raqqa.y + raqqa.height / 2 };
  await page.mouse.dblclick(at.x, at.y);
  await settle(page);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), 'Raqqa', 'a double click selects the word');
  // Shift+Right three times, then Ctrl+Shift+Right a word further.
  const paragraph = seed.article.paragraphs.find((p) => p.id === seed.entities.find((e) => e.id === 'raqqa').mentions[0].paragraph);
  const after = paragraph.text.slice(paragraph.text.indexOf('Raqqa') + 'Raqqa'.length);
  for (let i = 0; i < 3; ++i) await page.keyboard.press('Shift+ArrowRight');
  await settle(page);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), 'Raqqa' + [...after].slice(0, 3).join(''), 'Shift+Right extends by characters');
  await page.keyboard.press('Shift+ArrowLeft');
  await settle(page);  // the key is applied in the next frame, as for Shift+Right
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), 'Raqqa' + [...after].slice(0, 2).join(''), 'Shift+Left takes one back');

  await page.mouse.click(at.x, at.y, { clickCount: 3 });
  await settle(page);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), paragraphWords(paragraph), 'a triple click selects the paragraph (without computed badges)');

  // The Copy button floats over the selection; pressing it copies and selects no entity.
  await page.mouse.move(5, 795);
  await settle(page);
  const before = (await state(page)).selection;
  await setClipboard(page, 'before');
  const copy = await locateCentre(page, 'text-selection:copy', 'article');
  await page.mouse.click(copy.x, copy.y);
  await settle(page);
  assert.equal(await clipboard(page), paragraphWords(paragraph), 'the Copy button copies the selection');
  assert.equal((await state(page)).selection, before, 'the Copy button selects no entity');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a tap whose lift arrives while the page is busy is a tap, not a long press', async () => {
  // A busy page hands a lift over late: the finger left 0.1 s after the press, but frames
  // went on with the finger down as far as the engine knew, and one came after 0.5 s and
  // took a long press. The lift's own time then says it was a tap. Here the lift is sent
  // late with the time it happened (CDP's timestamp becomes the event's timeStamp), so
  // the long press is certainly taken first: a page kept busy instead left it to
  // Chromium's scheduling whether a frame came before the lift, and on a loaded machine
  // it sometimes did not.
  const page = await open(server.url, { hasTouch: true });
  const [raqqa] = await showMention(page, 'raqqa', { mouse: false });
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, seconds, x, y) => cdp.send('Input.dispatchTouchEvent',
    { type, timestamp: seconds, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const pressed = await page.evaluate(() => (performance.timeOrigin + performance.now()) / 1000);
  await touch('touchStart', pressed, raqqa.x + raqqa.width / 2, raqqa.y + raqqa.height / 2);
  // While the finger is down, past 0.5 s, the long press is taken: the word is selected.
  await page.waitForFunction(() => Explainer.selectedText() === 'Raqqa', null, { timeout: 10000 });
  await touch('touchEnd', pressed + 0.1);
  await settle(page);
  assert.equal((await state(page)).selection, 'raqqa', 'the tap selected the entity');
  assert.equal(await page.evaluate(() => Explainer.selectedText()), '', 'the tap selected no word');
  assert.equal((await located(page, 'text-selection:handle')).length, 0, 'no handles');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a touch long press selects a word with two handles; dragging a handle extends it; Copy copies', async () => {
  const page = await open(server.url, { hasTouch: true });
  const [raqqa] = await showMention(page, 'raqqa', { mouse: false });
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const at = { x: raqqa.x + raqqa.width / 2, y: raqqa.y + raqqa.height / 2 };
  await touch('touchStart', at.x, at.y);
  await page.waitForTimeout(900);
  await touch('touchEnd');
  await settle(page);
  const handles = await located(page, 'text-selection:handle');
  assert.equal(handles.length, 2, 'two handles show the ends of the selection');
  assert.equal(await page.evaluate(() => Explainer.selectedText()), 'Raqqa', 'the long press selected the word under the finger');
  assert.equal((await state(page)).selection, null, 'a long press does not select the entity');
  // Drag the end handle along the line, about ten characters on.
  const end = handles.reduce((a, b) => (b.x > a.x ? b : a));
  const from = { x: end.x + end.width / 2, y: end.y + end.height / 2 };
  await touch('touchStart', from.x, from.y);
  for (let i = 1; i <= 6; ++i) await touch('touchMove', from.x + i * 15, from.y);
  await touch('touchEnd');
  await settle(page);
  const extended = await page.evaluate(() => Explainer.selectedText());
  assert.ok(extended.startsWith('Raqqa') && extended.length > 'Raqqa'.length + 5, `the handle extended the selection ("${extended}")`);
  await setClipboard(page, 'before');
  const copy = await locateCentre(page, 'text-selection:copy', 'article');
  await touch('touchStart', copy.x, copy.y);
  await touch('touchEnd');
  await settle(page);
  assert.equal(await clipboard(page), extended, 'tapping Copy copies the selection');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('copying a quote card copies the quotation with its speaker', async () => {
  const page = await open(server.url);
  const quote = seed.entities.find((e) => e.id === 'quote-berger-strategy');
  const speaker = seed.entities.find((e) => e.id === quote.speaker);
  await page.evaluate((id) => Explainer.select(id), quote.id);
  await settle(page);
  const card = await locateCentre(page, quote.id, 'quotes');
  await page.mouse.click(card.x, card.y);  // the quotes panel gets the keyboard
  await settle(page);
  assert.equal((await state(page)).selection, quote.id);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), `“${quote.text}” — ${speaker.name}, ${speaker.role}`);
  assert.match(await page.locator('#reader-status').textContent(), /quote with its speaker/);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('nothing selected, or a copy the browser refuses, tells the reader what happened', async () => {
  const page = await open(server.url);
  await page.mouse.click(300, 760);
  await settle(page);
  await setClipboard(page, 'untouched');
  await page.keyboard.press('Control+c');
  await settle(page);
  assert.equal(await clipboard(page), 'untouched', 'an empty selection copies nothing');
  assert.match(await page.locator('#reader-status').textContent(), /Nothing is selected to copy/);

  // The browser refuses the clipboard: the words are selected in the text version.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  const [raqqa] = await showMention(page, 'raqqa');
  await page.mouse.dblclick(raqqa.x + raqqa.width / 2, raqqa.y + raqqa.height / 2);
  await page.mouse.move(5, 795);
  await settle(page);
  const copy = await locateCentre(page, 'text-selection:copy', 'article');
  await page.mouse.click(copy.x, copy.y);
  await settle(page);
  assert.match(await page.locator('#reader-status').textContent(), /did not allow copying.*selected in the text version/);
  const selected = await page.evaluate(() => ({ text: window.getSelection().toString(), inMirror: !!window.getSelection().anchorNode?.parentElement?.closest('#mirror') }));
  assert.deepEqual(selected, { text: 'Raqqa', inMirror: true });
  assertNoProblems(assert, page);
  await page.context().close();
});

test('Ctrl+F opens the find bar: every match highlighted, "1 of N", Enter and Shift+Enter jump, entities listed, Escape closes', async () => {
  const page = await open(server.url);
  const query = 'islamic state';
  const expected = occurrences(seed, query);
  assert.ok(expected >= 3, `the seed says it ${expected} times`);
  await page.mouse.click(300, 760);
  await page.keyboard.press('Control+f');
  assert.equal(await page.locator('#find-bar').isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'find-input');
  await page.keyboard.type(query);
  await settle(page);
  assert.equal(await page.locator('#find-count').textContent(), `1 of ${expected}`);
  const current = (await located(page, 'find:current'))[0];
  assert.ok(current, 'the current match is drawn');
  await page.mouse.move(5, 795);
  await settle(page);
  const image = decodePng(page, (await screenshot(page, 'reading-find-current')).png);
  assert.ok(shareOf(image, current, CURRENT_MATCH_FILL) > 0.4, 'the current match is filled orange');
  await page.locator('#find-input').press('Enter');
  await settle(page);
  assert.equal(await page.locator('#find-count').textContent(), `2 of ${expected}`);
  const second = (await located(page, 'find:current'))[0];
  assert.ok(second.y !== current.y || second.x !== current.x, 'Enter moved to another match');
  await page.locator('#find-input').press('Shift+Enter');
  await page.locator('#find-input').press('Shift+Enter');
  await settle(page);
  assert.equal(await page.locator('#find-count').textContent(), `${expected} of ${expected}`, 'Shift+Enter wraps to the last match');
  const last = (await located(page, 'find:current'))[0];
  assert.ok(last && last.y >= 0 && last.y + last.height <= 800, 'the article scrolled the last match into view');
  // Entity names are listed; choosing one selects it.
  const item = page.locator('#find-entities button[data-entity="islamic-state"]');
  assert.equal(await item.count(), 1);
  await item.click();
  await settle(page);
  assert.equal((await state(page)).selection, 'islamic-state');
  await page.locator('#find-input').focus();
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await page.locator('#find-bar').isVisible(), false, 'Escape closes the bar');
  assert.equal((await located(page, 'find:current')).length, 0, 'and clears the highlights');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas', 'the keyboard goes back to the explainer');
  // No match says so.
  await page.locator('#find-button').click();
  await page.locator('#find-input').fill('zqxjv');
  await settle(page);
  assert.equal(await page.locator('#find-count').textContent(), 'No match');
  assert.equal(await page.locator('#find-input').getAttribute('aria-invalid'), 'true');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('Ctrl+F is the browser\'s own when the explainer does not have focus', async () => {
  const page = await open(server.url);
  await page.evaluate(() => {
    window.addEventListener('keydown', (e) => { if (e.key === 'f') window.__findPrevented = e.defaultPrevented; });
  });
  await page.locator('#share-button').focus();
  await page.keyboard.press('Control+f');
  assert.equal(await page.evaluate(() => window.__findPrevented), false, 'the key was left to the browser');
  assert.equal(await page.locator('#find-bar').isVisible(), false);
  await page.mouse.click(300, 760);  // the explainer has focus now
  await page.keyboard.press('Control+f');
  assert.equal(await page.evaluate(() => window.__findPrevented), true);
  assert.equal(await page.locator('#find-bar').isVisible(), true);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('find ignores case and accents in Greek, Cyrillic and Vietnamese (centuries-of-names)', async () => {
  const page = await open(server.url + '?pack=/test-packs/centuries-of-names.json');
  await page.locator('#find-button').click();
  for (const [query, entity] of [['αθηνα', 'athens'], ['ПЕТР', 'peter-the-great'], ['nguyen', 'nguyen-anh'], ['hue', 'hue']]) {
    await page.locator('#find-input').fill(query);
    await settle(page);
    const expected = occurrences(centuries, query);
    assert.ok(expected >= 1, `${query} is in the article`);
    assert.equal(await page.locator('#find-count').textContent(), `1 of ${expected}`, query);
    assert.equal(await page.locator(`#find-entities button[data-entity="${entity}"]`).count(), 1, `${entity} is listed for ${query}`);
    assert.equal((await located(page, 'find:current')).length >= 1, true, `a match of ${query} is drawn`);
  }
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] A phone, the headline, Shift+click, quote cards' Copy, Greek and Cyrillic ------------

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
// A screenshot in CSS pixels (a phone's is 3x otherwise), decoded.
const cssImage = async (page) => decodePng(page, await page.screenshot({ scale: 'css' }));
const quoteForClipboard = (pack, quote) => {
  const speaker = pack.entities.find((e) => e.id === quote.speaker);
  return `“${quote.text}” — ${speaker.name}, ${speaker.role}`;
};

test('find on a phone with the Map tab open: counted at once, Enter opens the Article tab at the match', async () => {
  const page = await open(server.url, PHONE);
  const mapTab = await locateCentre(page, 'tab:map');
  await page.touchscreen.tap(mapTab.x, mapTab.y);
  await settle(page);
  assert.equal((await state(page)).panel, 'map');
  assert.equal((await located(page, 'article:headline')).length, 0, 'the article is not drawn');
  const query = 'islamic state';
  const expected = occurrences(seed, query);
  await page.locator('#find-button').tap();
  await page.locator('#find-input').fill(query);
  assert.equal(await page.locator('#find-count').textContent(), `1 of ${expected}`, 'counted before the article was ever drawn');
  await page.locator('#find-input').press('Enter');
  await settle(page);
  assert.equal(await page.locator('#find-count').textContent(), `2 of ${expected}`);
  assert.equal((await state(page)).panel, 'article', 'the jump opened the Article tab');
  const [current] = await located(page, 'find:current');
  assert.ok(current, 'the current match is drawn');
  const bar = await page.locator('#find-bar').boundingBox();
  assert.ok(current.y >= 48 && current.y + current.height <= 844, `the match is in view (${JSON.stringify(current)})`);
  assert.ok(current.y >= bar.y + bar.height || current.y + current.height <= bar.y, 'and not under the find bar');
  const image = await cssImage(page);
  assert.ok(shareOf(image, current, CURRENT_MATCH_FILL) > 0.3, `the current match is filled orange (${shareOf(image, current, CURRENT_MATCH_FILL).toFixed(2)})`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the headline is selected, copied and found like the text; Greek and Cyrillic find and copy exactly', async () => {
  const page = await open(server.url + '?pack=/test-packs/greek-cyrillic-nested.json');
  const [headline] = await located(page, 'article:headline');
  assert.ok(headline, 'the headline is drawn');
  await page.mouse.click(headline.x + 20, headline.y + 12, { clickCount: 3 });
  await settle(page);
  await setClipboard(page, 'before');
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), greek.article.headline, 'a triple click on the headline copies it');
  await page.mouse.move(5, 795);
  await settle(page);
  const image = await cssImage(page);
  const firstLine = { x: headline.x, y: headline.y, width: Math.min(headline.width, 200), height: 30 };
  assert.ok(shareOf(image, firstLine, SELECTION_FILL) > 0.2, 'the headline is drawn selected');

  // The Russian paragraph, copied whole and exactly (ё and all).
  const neva = greek.article.paragraphs.find((p) => p.id === 'neva');
  const peter = await locateCentre(page, 'peter-the-great', 'article');
  await page.mouse.click(peter.x, peter.y, { clickCount: 3 });
  await settle(page);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), neva.text);

  // The Greek paragraph, whose mentions nest three deep (event > Athens > Greece), copied exactly.
  const olympia = greek.article.paragraphs.find((p) => p.id === 'olympia');
  const greece = await locateCentre(page, 'greece', 'article');
  await page.mouse.click(greece.x, greece.y, { clickCount: 3 });
  await settle(page);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), olympia.text);

  // Find ignores case and accents in Greek, counts the headline, and lists entities.
  await page.locator('#find-button').click();
  for (const [query, entity] of [['ολυμπιακοι αγωνες', 'games-1896'], ['ΑΘΗΝΑ', 'athens'], ['ΕΛΛΗΝΙΚΗ πρωτευουσα', null], ['санкт-петербург', 'saint-petersburg'], ['петр', 'peter-the-great']]) {
    await page.locator('#find-input').fill(query);
    await settle(page);
    const expected = occurrences(greek, query);
    assert.ok(expected >= 1, `${query} is in the article`);
    assert.equal(await page.locator('#find-count').textContent(), `1 of ${expected}`, query);
    if (entity) assert.equal(await page.locator(`#find-entities button[data-entity="${entity}"]`).count(), 1, `${entity} is listed for ${query}`);
  }
  await page.locator('#find-input').fill('ολυμπιακοι αγωνες');
  await settle(page);
  const [inHeadline] = await located(page, 'find:current');
  assert.ok(inHeadline && inHeadline.y >= headline.y - 2 && inHeadline.y + inHeadline.height <= headline.y + headline.height + 2,
    `the first match is the headline's (${JSON.stringify(inHeadline)} in ${JSON.stringify(headline)})`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('Shift+click extends the selection from its far end, and selects no entity', async () => {
  const page = await open(server.url);
  const [raqqa] = await showMention(page, 'raqqa');
  const words = articleWords(seed).join('\n\n');  // as a copy joins paragraphs
  const fromRaqqa = words.slice(words.indexOf('Raqqa'));
  await page.mouse.dblclick(raqqa.x + raqqa.width / 2, raqqa.y + raqqa.height / 2);
  await settle(page);
  const before = (await state(page)).selection;
  const shiftClick = async (x, y) => {
    await page.keyboard.down('Shift');
    await page.mouse.click(x, y);
    await page.keyboard.up('Shift');
    await settle(page);
  };
  // A line further down: the selection grows forward from the word's start.
  await shiftClick(raqqa.x + 2, raqqa.y + raqqa.height * 1.5);
  const forward = await page.evaluate(() => Explainer.selectedText());
  assert.ok(forward.length > 'Raqqa'.length + 10 && fromRaqqa.startsWith(forward), `forward from Raqqa ("${forward}")`);
  // Back above the word (clear of the Copy button floating over it): the far end (where
  // the last click ended) stays, the start moves back.
  await shiftClick(raqqa.x + raqqa.width + 100, raqqa.y - raqqa.height * 0.5);
  const backward = await page.evaluate(() => Explainer.selectedText());
  assert.ok(backward.length > forward.length && backward.endsWith(forward), `back before Raqqa ("${backward}")`);
  assert.equal((await state(page)).selection, before, 'a Shift+click selects no entity');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a quote card\'s Copy button copies the quotation with its speaker: mouse, keyboard, a refused copy', async () => {
  const page = await open(server.url);
  const first = seed.entities.find((e) => e.kind === 'quote');
  await page.mouse.move(5, 795);
  await settle(page);
  assert.equal((await located(page, `quote-copy:${first.id}`)).length, 0, 'a card neither selected nor under the mouse shows no Copy button');
  // The mouse over a card shows its button; pressing it copies the quote and selects nothing.
  const card = await locateCentre(page, first.id, 'quotes');
  await page.mouse.move(card.rect.x + 30, card.rect.y + 10);
  await settle(page);
  const copy = await locateCentre(page, `quote-copy:${first.id}`, 'quotes');
  assert.ok(copy.rect.y + copy.rect.height <= card.rect.y + card.rect.height, 'the button is on the card');
  await setClipboard(page, 'before');
  await page.mouse.click(copy.x, copy.y);
  await settle(page);
  assert.equal(await clipboard(page), quoteForClipboard(seed, first));
  assert.match(await page.locator('#reader-status').textContent(), /quote with its speaker/);
  assert.equal((await state(page)).selection, null, 'the Copy button selects nothing');

  // The keyboard: Tab reaches the selected card, then its Copy button; Enter copies.
  await page.mouse.click(card.rect.x + 30, card.rect.y + 10);
  await page.mouse.move(5, 795);
  await settle(page);
  assert.equal((await state(page)).selection, first.id);
  assert.equal((await located(page, `quote-copy:${first.id}`)).length, 1, 'the selected card shows its Copy button');
  await setClipboard(page, 'before');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await clipboard(page), quoteForClipboard(seed, first), 'Tab, Tab, Enter copies the selected card');
  assert.equal((await state(page)).selection, first.id);

  // A refused copy selects the quote in the text version and says so.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  const button = await locateCentre(page, `quote-copy:${first.id}`, 'quotes');
  await page.mouse.click(button.x, button.y);
  await settle(page);
  assert.match(await page.locator('#reader-status').textContent(), /did not allow copying.*quote is now selected in the text version/);
  const selected = await page.evaluate((id) => {
    const range = window.getSelection().getRangeAt(0);
    const container = range.commonAncestorContainer;
    const element = container.nodeType === Node.ELEMENT_NODE ? container : container.parentElement;
    return { text: window.getSelection().toString(), inFigure: !!element.closest('#mirror-quote-' + id) };
  }, first.id);
  assert.ok(selected.inFigure && selected.text.includes(first.text), `the quote is selected in the mirror (${JSON.stringify(selected)})`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('on a phone a selected quote card\'s Copy button is a 44 px target and a tap copies it', async () => {
  const page = await open(server.url, PHONE);
  const quote = seed.entities.find((e) => e.kind === 'quote');
  const tab = await locateCentre(page, 'tab:quotes');
  await page.touchscreen.tap(tab.x, tab.y);
  await settle(page);
  const card = await locateCentre(page, quote.id, 'quotes');
  await page.touchscreen.tap(card.rect.x + 30, card.rect.y + 20);
  await settle(page);
  assert.equal((await state(page)).selection, quote.id);
  const copy = await locateCentre(page, `quote-copy:${quote.id}`, 'quotes');
  assert.ok(copy.rect.height >= 44 && copy.rect.width >= 44, `a 44 px target (${copy.rect.width}×${copy.rect.height})`);
  await setClipboard(page, 'before');
  await page.touchscreen.tap(copy.x, copy.y);
  await settle(page);
  assert.equal(await clipboard(page), quoteForClipboard(seed, quote));
  assert.equal((await state(page)).selection, quote.id);
  assertNoProblems(assert, page);
  await page.context().close();
});
