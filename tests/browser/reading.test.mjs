// Selecting, copying and finding the article's text (issue 14, items 4 and 5), with real
// input: a mouse drag, double and triple clicks, Shift+arrows, a touch long press and its
// handles, Ctrl+C and the Copy button, Ctrl+F and the find bar. Asserts what the reader
// gets: the clipboard's contents, the fills drawn on the canvas, the find bar's count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, locateCentre } from './harness.mjs';

// The machine these run on may be busy: frames take longer to stop than the default.
const SLOW = { timeoutMs: 30000 };

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

const seed = JSON.parse(fs.readFileSync(path.join(root, 'content/isis-losing-ground.json'), 'utf8'));
const centuries = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/centuries-of-names.json'), 'utf8'));

// An independent oracle for find: Unicode decomposition without marks, lower case.
const fold = (text) => text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
const occurrences = (pack, query) => pack.article.paragraphs.reduce((n, p) => n + fold(p.text).split(fold(query)).length - 1, 0);
const paragraphWords = (p) => p.text + (p.link ? ' ' + p.link.text : '');

async function open(url, options = {}) {
  const page = await openPage(browser, url, options);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await settle(page, SLOW);
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
  await settle(page, SLOW);
  await page.evaluate(() => Explainer.select(null));
  if (mouse) await page.mouse.move(5, 795);
  await settle(page, SLOW);
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
  await settle(page, SLOW);
  assert.equal((await state(page)).selection, null, 'a drag that ends on a mention does not also select its entity');
  await setClipboard(page, 'before');
  await page.keyboard.press('Control+c');
  await settle(page, SLOW);
  assert.equal(await clipboard(page), quote.mentions[0].exact, 'the clipboard holds exactly the dragged words');
  assert.match(await page.locator('#reader-status').textContent(), /^Copied\./);
  // Drawn selected: the selection fill behind the words.
  await page.mouse.move(5, 795);
  await settle(page, SLOW);
  const image = decodePng(page, (await screenshot(page, 'reading-drag-selection')).png);
  const middle = rects[Math.floor(rects.length / 2)];
  assert.ok(shareOf(image, middle, SELECTION_FILL) > 0.4, `the selected line is filled (${shareOf(image, middle, SELECTION_FILL).toFixed(2)})`);
  // A click without a drag clears it, and still selects the entity under it.
  const sinjar = await locateCentre(page, 'sinjar', 'article').catch(() => null);
  const target = sinjar || { x: first.x + 4, y: first.y + first.height / 2 };
  await page.mouse.click(target.x, target.y);
  await settle(page, SLOW);
  assert.notEqual((await state(page)).selection, null, 'a plain click still selects the entity under it');
  await page.mouse.move(5, 795);
  await settle(page, SLOW);
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
  await settle(page, SLOW);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), 'Raqqa', 'a double click selects the word');
  // Shift+Right three times, then Ctrl+Shift+Right a word further.
  const paragraph = seed.article.paragraphs.find((p) => p.id === seed.entities.find((e) => e.id === 'raqqa').mentions[0].paragraph);
  const after = paragraph.text.slice(paragraph.text.indexOf('Raqqa') + 'Raqqa'.length);
  for (let i = 0; i < 3; ++i) await page.keyboard.press('Shift+ArrowRight');
  await settle(page, SLOW);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), 'Raqqa' + [...after].slice(0, 3).join(''), 'Shift+Right extends by characters');
  await page.keyboard.press('Shift+ArrowLeft');
  await settle(page, SLOW);  // the key is applied in the next frame, as for Shift+Right
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), 'Raqqa' + [...after].slice(0, 2).join(''), 'Shift+Left takes one back');

  await page.mouse.click(at.x, at.y, { clickCount: 3 });
  await settle(page, SLOW);
  await page.keyboard.press('Control+c');
  assert.equal(await clipboard(page), paragraphWords(paragraph), 'a triple click selects the paragraph (without computed badges)');

  // The Copy button floats over the selection; pressing it copies and selects no entity.
  await page.mouse.move(5, 795);
  await settle(page, SLOW);
  const before = (await state(page)).selection;
  await setClipboard(page, 'before');
  const copy = await locateCentre(page, 'text-selection:copy', 'article');
  await page.mouse.click(copy.x, copy.y);
  await settle(page, SLOW);
  assert.equal(await clipboard(page), paragraphWords(paragraph), 'the Copy button copies the selection');
  assert.equal((await state(page)).selection, before, 'the Copy button selects no entity');
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
  await settle(page, SLOW);
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
  await settle(page, SLOW);
  const extended = await page.evaluate(() => Explainer.selectedText());
  assert.ok(extended.startsWith('Raqqa') && extended.length > 'Raqqa'.length + 5, `the handle extended the selection ("${extended}")`);
  await setClipboard(page, 'before');
  const copy = await locateCentre(page, 'text-selection:copy', 'article');
  await touch('touchStart', copy.x, copy.y);
  await touch('touchEnd');
  await settle(page, SLOW);
  assert.equal(await clipboard(page), extended, 'tapping Copy copies the selection');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('copying a quote card copies the quotation with its speaker', async () => {
  const page = await open(server.url);
  const quote = seed.entities.find((e) => e.id === 'quote-berger-strategy');
  const speaker = seed.entities.find((e) => e.id === quote.speaker);
  await page.evaluate((id) => Explainer.select(id), quote.id);
  await settle(page, SLOW);
  const card = await locateCentre(page, quote.id, 'quotes');
  await page.mouse.click(card.x, card.y);  // the quotes panel gets the keyboard
  await settle(page, SLOW);
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
  await settle(page, SLOW);
  await setClipboard(page, 'untouched');
  await page.keyboard.press('Control+c');
  await settle(page, SLOW);
  assert.equal(await clipboard(page), 'untouched', 'an empty selection copies nothing');
  assert.match(await page.locator('#reader-status').textContent(), /Nothing is selected to copy/);

  // The browser refuses the clipboard: the words are selected in the text version.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  const [raqqa] = await showMention(page, 'raqqa');
  await page.mouse.dblclick(raqqa.x + raqqa.width / 2, raqqa.y + raqqa.height / 2);
  await page.mouse.move(5, 795);
  await settle(page, SLOW);
  const copy = await locateCentre(page, 'text-selection:copy', 'article');
  await page.mouse.click(copy.x, copy.y);
  await settle(page, SLOW);
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
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), `1 of ${expected}`);
  const current = (await located(page, 'find:current'))[0];
  assert.ok(current, 'the current match is drawn');
  await page.mouse.move(5, 795);
  await settle(page, SLOW);
  const image = decodePng(page, (await screenshot(page, 'reading-find-current')).png);
  assert.ok(shareOf(image, current, CURRENT_MATCH_FILL) > 0.4, 'the current match is filled orange');
  await page.locator('#find-input').press('Enter');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), `2 of ${expected}`);
  const second = (await located(page, 'find:current'))[0];
  assert.ok(second.y !== current.y || second.x !== current.x, 'Enter moved to another match');
  await page.locator('#find-input').press('Shift+Enter');
  await page.locator('#find-input').press('Shift+Enter');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), `${expected} of ${expected}`, 'Shift+Enter wraps to the last match');
  const last = (await located(page, 'find:current'))[0];
  assert.ok(last && last.y >= 0 && last.y + last.height <= 800, 'the article scrolled the last match into view');
  // Entity names are listed; choosing one selects it.
  const item = page.locator('#find-entities button[data-entity="islamic-state"]');
  assert.equal(await item.count(), 1);
  await item.click();
  await settle(page, SLOW);
  assert.equal((await state(page)).selection, 'islamic-state');
  await page.locator('#find-input').focus();
  await page.keyboard.press('Escape');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-bar').isVisible(), false, 'Escape closes the bar');
  assert.equal((await located(page, 'find:current')).length, 0, 'and clears the highlights');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas', 'the keyboard goes back to the explainer');
  // No match says so.
  await page.locator('#find-button').click();
  await page.locator('#find-input').fill('zqxjv');
  await settle(page, SLOW);
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
    await settle(page, SLOW);
    const expected = occurrences(centuries, query);
    assert.ok(expected >= 1, `${query} is in the article`);
    assert.equal(await page.locator('#find-count').textContent(), `1 of ${expected}`, query);
    assert.equal(await page.locator(`#find-entities button[data-entity="${entity}"]`).count(), 1, `${entity} is listed for ${query}`);
    assert.equal((await located(page, 'find:current')).length >= 1, true, `a match of ${query} is drawn`);
  }
  assertNoProblems(assert, page);
  await page.context().close();
});
