// Every reader: the HTML mirror carries all four panels and stays one view with the
// canvas; no control sits inside another, even where mentions nest three deep; axe-core
// finds nothing serious or critical in any state; and the page reflows at 320 CSS px and
// at 200% zoom without clipped text or horizontal scrolling (WCAG 1.4.4, 1.4.10).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, settle, locateCentre, root } from './harness.mjs';
import { audit, blocking, describe } from './axe.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

const selection = async (page) => (await page.evaluate(() => Explainer.getState())).selection;
const currentIds = (page) => page.evaluate(() => [...new Set([...document.querySelectorAll('#mirror [aria-current]')].map((b) => b.dataset.entity))]);
const liveText = (page) => page.locator('#mirror-live').textContent();
// As a keyboard or screen-reader user activates a control of the mirror.
async function activate(locator) {
  await locator.focus();
  await locator.press('Enter');
}

// The seed's map list fills in countries once the basemap is in (Ramadi, Iraq).
async function openSettled(url = server.url, options) {
  const page = await openPage(browser, url, options);
  await settle(page);
  if (!url.includes('?pack='))
    await page.waitForFunction(() => /, Iraq/.test(document.querySelector('#mirror-map .detail[data-place="ramadi"]')?.textContent || ''));
  return page;
}

// [SECTION] The four panels ----------------------------------------------------------------------

test('the mirror carries the timeline, quotes and map as lists, under headings, beside the article', async () => {
  const page = await openSettled();
  const entities = await page.evaluate(() => Explainer.entities());
  const headings = await page.locator('#mirror h2').allTextContents();
  for (const name of ['Map', 'Timeline', 'Quotes', 'Sources and notes']) assert.ok(headings.includes(name), `a "${name}" heading: ${headings}`);

  // Timeline: every event once, dated ones first and in time order, each with <time datetime>.
  const events = await page.evaluate(() => [...document.querySelectorAll('#mirror-timeline ol > li')].map((li) => ({
    id: li.querySelector('button.item').dataset.entity,
    datetime: li.querySelector('time')?.getAttribute('datetime') || null,
    when: li.querySelector('.when').textContent,
    places: [...li.querySelectorAll('.places button')].map((b) => b.textContent),
  })));
  assert.deepEqual(events.map((e) => e.id).sort(), entities.filter((e) => e.type === 'event').map((e) => e.id).sort());
  const dated = events.filter((e) => e.datetime);
  assert.ok(dated.length >= 8, `most events are dated: ${JSON.stringify(events)}`);
  assert.deepEqual(dated.map((e) => e.datetime), [...dated.map((e) => e.datetime)].sort(), 'dated events in time order');
  assert.ok(events.findIndex((e) => !e.datetime) > dated.length - 1, 'undated events come last');
  const sinjar = events.find((e) => e.id === 'sinjar-recapture');
  assert.deepEqual(sinjar, { id: 'sinjar-recapture', datetime: '2015-11-13', when: '13 November 2015', places: ['Sinjar'] });
  const fronts = events.find((e) => e.id === 'attacks-on-fronts');
  assert.equal(fronts.datetime, '2015-11-16');
  assert.deepEqual(fronts.places, ['Ramadi', 'Raqqa']);
  assert.match(fronts.when, /^about 16.19 November 2015$/);
  assert.equal(events.find((e) => e.id === 'more-attacks-in-europe').when, 'Expected, not dated');

  // Quotes: a block quote each, with speaker and role.
  const quotes = await page.evaluate(() => [...document.querySelectorAll('#mirror-quotes li')].map((li) => ({
    id: li.querySelector('button').dataset.entity,
    text: li.querySelector('blockquote').textContent,
    caption: li.querySelector('figcaption').textContent,
  })));
  assert.equal(quotes.length, entities.filter((e) => e.type === 'quote').length);
  const besieged = quotes.find((q) => q.id === 'quote-ismail-besieged');
  assert.equal(besieged.text, 'The city is besieged 360 degrees');
  assert.equal(besieged.caption, '— Maj. Gen. Thamir Ismail, Commander of SWAT forces in the province');

  // Map: each place with its country (from the basemap), then the distance the pack checks.
  const places = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#mirror-map li')].map((li) => [li.querySelector('button').textContent, li.textContent])));
  assert.equal(places.Ramadi, 'Ramadi, Iraq');
  assert.equal(places.Raqqa, 'Raqqa, Syria');
  assert.equal(places.Paris, 'Paris, France');
  assert.equal(places.France, 'France, country');
  assert.match(places.Europe, /^Europe, region of \d+ countries$/);
  assert.equal(places['Distance from Sinjar to Paris'],
    'Distance from Sinjar to Paris: 3,475 km (2,159 mi) from Sinjar to Paris by great circle; the article says some 2,500 miles, about 16% more.');
  assertNoProblems(assert, page);
  await page.context().close();
});

// Cities on the coast that the basemap's simplified coastline leaves in the sea (Galle,
// Phuket, Chennai) have their country in the list and in the announcement, as inland ones do.
test('a city on the coast is listed and announced with its country', async () => {
  const page = await openSettled(`${server.url}?pack=/test-packs/indian-ocean-tsunami.json`);
  // The list has countries once the basemap is in: Banda Aceh's, inside Indonesia's outline.
  await page.waitForFunction(() => /, Indonesia/.test(document.querySelector('#mirror-map .detail[data-place="banda-aceh"]')?.textContent || ''));
  const countries = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#mirror-map .detail[data-place]')]
    .map((d) => [d.dataset.place, d.textContent])));
  for (const [id, country] of [['galle', 'Sri Lanka'], ['phuket', 'Thailand'], ['chennai', 'India']])
    assert.match(countries[id] || '', new RegExp(`^, ${country}`), `${id}: ${JSON.stringify(countries)}`);
  await activate(page.locator('#mirror-map button[data-entity="galle"]'));
  await settle(page);
  assert.match(await liveText(page), /^Selected place: Galle, Sri Lanka\. /);
  assertNoProblems(assert, page);
  await page.context().close();
});

// The atlas abbreviates its short names ("Cook Is.", "Dem. Rep. Congo"); the list, which
// a screen reader reads out, has them written out.
test('a place is listed with its country written out, not abbreviated', async () => {
  const page = await openSettled(`${server.url}?pack=/test-packs/pacific-crossing.json`);
  await page.waitForFunction(() => /, Samoa/.test(document.querySelector('#mirror-map .detail[data-place="apia"]')?.textContent || ''));
  assert.equal(await page.textContent('#mirror-map .detail[data-place="rarotonga"]'), ', Cook Islands');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('selecting from the mirror selects in the canvas and is announced; the canvas moves aria-current', async () => {
  const page = await openSettled();
  // The keyboard, as a screen-reader user: Ramadi from the timeline list.
  const ramadi = page.locator('#mirror-timeline .places button[data-entity="ramadi"]').first();
  await ramadi.focus();
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await selection(page), 'ramadi');
  const announced = await liveText(page);
  assert.equal(announced, 'Selected place: Ramadi, Iraq. City in Iraq that Iraqi security forces have encircled, according to Iraqi commanders cited in the article.');
  assert.deepEqual(await currentIds(page), ['ramadi']);
  assert.equal(await ramadi.getAttribute('aria-current'), 'true');
  assert.equal(await page.locator('#mirror-map button[data-entity="ramadi"]').getAttribute('aria-current'), 'true');
  assert.ok((await page.evaluate(() => Explainer.locate('ramadi'))).some((r) => r.panel === 'map'), 'the canvas shows Ramadi on the map');
  console.log(`# a screen reader hears, on Enter: "${await ramadi.evaluate((b) => b.textContent)}, current" and then "${announced}"`);

  // A quote from the quotes list.
  await activate(page.locator('#mirror-quotes button[data-entity="quote-ismail-besieged"]'));
  await settle(page);
  assert.equal(await selection(page), 'quote-ismail-besieged');
  assert.match(await liveText(page), /^Selected quote: Ismail: Ramadi “besieged 360 degrees”, said by Maj\. Gen\. Thamir Ismail\./);

  // A click in the canvas (the article's "Paris") moves the mirror's current item.
  await page.locator('#canvas').focus();
  const paris = await locateCentre(page, 'paris', 'article');
  await page.mouse.click(paris.x, paris.y);
  await settle(page);
  assert.equal(await selection(page), 'paris');
  assert.deepEqual(await currentIds(page), ['paris']);
  assert.ok(await page.locator('#mirror-body button[data-entity="paris"][aria-current="true"]').count() > 0);
  // Escape in the canvas clears the selection: nothing is current.
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await selection(page), null);
  assert.deepEqual(await currentIds(page), []);
  assert.equal(await liveText(page), 'Selection cleared.');
  // A link that selects (Back/Forward, Explainer.setState) moves it too.
  await page.evaluate(() => Explainer.setState('#v=1&sel=sinjar-recapture'));
  assert.deepEqual(await currentIds(page), ['sinjar-recapture']);
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] Nesting, structure, empty panels -----------------------------------------------------

// Controls inside controls (ARIA's nested-interactive), anywhere in the mirror.
const nestedControls = (page) => page.evaluate(() => [...document.querySelectorAll('#mirror button, #mirror a, #mirror [tabindex]')]
  .filter((el) => el.parentElement.closest('#mirror button, #mirror a, #mirror [role="button"]')).map((el) => el.outerHTML));

test('mentions nested three deep: one control each, none inside another, the text reads as written', async () => {
  const page = await openSettled(server.url + '?pack=/test-packs/nested-mentions.json');
  assert.deepEqual(await nestedControls(page), []);
  const paragraph = page.locator('#mirror-midnight');
  const controls = await paragraph.evaluate((p) => [...p.querySelectorAll('button')].map((b) => ({
    id: b.dataset.entity, text: b.textContent, label: b.getAttribute('aria-label'), nested: b.classList.contains('mention-nested') })));
  assert.deepEqual(controls.map((c) => c.id), ['independence-ceremony', 'nairobi', 'kenya'], 'outermost first, then each mention inside it');
  assert.equal(controls[0].text, 'the ceremony in the Kenyan capital');
  assert.deepEqual(controls.slice(1).map((c) => [c.text, c.nested]), [['Nairobi', true], ['Kenya', true]]);
  assert.match(controls[1].label, /^the Kenyan capital: Nairobi, place\./);
  assert.match(controls[2].label, /^Kenyan: Kenya, place\./);
  // Without the small controls, the paragraph is the article's text.
  const text = await paragraph.evaluate((p) => { const c = p.cloneNode(true); c.querySelectorAll('.mention-group').forEach((g) => g.remove()); return c.textContent; });
  assert.equal(text, 'At midnight on 12 December 1963, the ceremony in the Kenyan capital marked independence from British rule: the Union Jack was lowered for the last time.');
  // Each of the three selects its own entity.
  for (const id of ['independence-ceremony', 'nairobi', 'kenya']) {
    await activate(paragraph.locator(`button[data-entity="${id}"]`).first());
    assert.equal(await selection(page), id);
  }
  // Its empty quotes panel says so; its distance is listed.
  assert.equal(await page.locator('#mirror-quotes .mirror-items').textContent(), 'The article quotes no one.');
  assert.match(await page.locator('#mirror-map').textContent(), /442 km \(274 mi\) from Nairobi to Mombasa by great circle; the article says about 440 kilometres\./);
  const violations = await audit(page);
  assert.deepEqual(describe(blocking(violations)), []);
  assertNoProblems(assert, page);
  await page.context().close();

  const seed = await openSettled();
  assert.deepEqual(await nestedControls(seed), [], 'the seed has nested mentions too ("the French capital")');
  await seed.context().close();
});

// The pack's words are read in the pack's language: the headline, the paragraphs and the
// buttons that name entities carry article.language, a quotation in another language its
// own; the explainer's words stay the page's English. The seed states no language: its
// words read as the page does. axe-core checks the tags (valid-lang) and the rest.
test('the mirror reads the pack\'s words in its language and each quotation in its own', async () => {
  // The fixture's English article, said here to be Canadian English ("en-CA"), so that
  // its words and the page's own ("en") can be told apart.
  const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/nunavut-cherokee-tamazight.json'), 'utf8'));
  assert.equal(fixture.article.language, 'en');
  fixture.article.language = 'en-CA';
  const page = await openSettled(server.url + '?pack=/test-packs/language-fixture.json', {
    beforeGoto: (p) => p.route((url) => url.pathname === '/test-packs/language-fixture.json',
      (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(fixture) })),
  });
  const lang = (selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.closest('[lang]')?.getAttribute('lang')), selector);
  assert.deepEqual(await lang('#mirror-headline'), ['en-CA']);
  assert.deepEqual([...new Set(await lang('#mirror-body p'))], ['en-CA']);
  assert.deepEqual([...new Set(await lang('#mirror-map button, #mirror-timeline button, #mirror-quotes button'))], ['en-CA']);
  assert.deepEqual(await lang('#mirror-quote-quote-osiyo blockquote p, #mirror-quote-quote-qujannamiik blockquote p, #mirror-quote-quote-azul blockquote p'),
    ['chr', 'iu-Cans', 'zgh']);
  assert.deepEqual(await lang('#mirror-map h2, #mirror-sources h2, #mirror-source'), ['en', 'en', 'en'], 'the explainer\'s own words are the page\'s English');
  // The source line: the source's name and the attribution are the pack's words, the
  // date between them the explainer's.
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#mirror-source > span')].map((s) => [s.lang, s.textContent.slice(0, 21)])),
    [['en-CA', 'Explainer test fixtur'], ['en-CA', 'Original text written']]);
  assert.match(await page.locator('#mirror-source').textContent(), /^Explainer test fixture · [^.]+\. Original text written/);
  assert.deepEqual(await page.evaluate(() => Explainer.entities().filter((e) => e.type === 'quote').map((e) => e.language)), ['chr', 'iu-Cans', 'zgh']);
  // In the article, a quotation's control reads its words in the quote's language and the
  // rest (name, kind, description) in the pack's: one aria-label read all in English.
  const osiyo = page.locator('#mirror-body button[data-entity="quote-osiyo"]');
  assert.deepEqual(await osiyo.evaluate((b) => [...b.children].map((c) => [c.closest('[lang]')?.lang, c.textContent])), [
    ['chr', '“ᎣᏏᏲ,”'], ['en-CA', ': “ᎣᏏᏲ”, quote. The invented guide’s greeting, in Cherokee.']]);
  assert.equal(await osiyo.getAttribute('aria-label'), null);
  // (Chromium puts a space after the words: the rest is positioned out of sight.)
  assert.equal(await page.getByRole('button', { name: /^“ᎣᏏᏲ,” ?: “ᎣᏏᏲ”, quote\. The invented guide’s greeting, in Cherokee\.$/ }).count(), 1,
    'its name is as every mention\'s: words: name, kind. description');
  const violations = await audit(page);
  assert.deepEqual(describe(blocking(violations)), []);
  assert.deepEqual(describe(violations.filter((v) => /lang/.test(v.id))), [], 'every lang attribute is a valid tag');
  await page.context().close();

  const seed = await openSettled();
  assert.equal(await seed.evaluate(() => document.querySelector('#mirror [lang]')), null, 'a pack without a language adds no lang attribute');
  await seed.context().close();
});

// Hangul and kana tell their language where the pack says none: a Korean or Japanese
// name, mention or paragraph in an English pack is read as Korean or Japanese; ideographs
// alone (Chinese's and Japanese's both) keep the pack's.
test('Korean and Japanese in an English pack are read in their own language', async () => {
  const page = await openSettled(`${server.url}?pack=/test-packs/tokyo-seoul-beijing.json`);
  // Each selector's first element's language, in the selectors' order.
  const lang = (...selectors) => page.evaluate((list) => list.map((s) => document.querySelector(s)?.closest('[lang]')?.getAttribute('lang')), selectors);
  assert.deepEqual(await lang('#mirror-korean', '#mirror-japanese', '#mirror-chinese', '#mirror-names'), ['ko', 'ja', 'en', 'en']);
  assert.deepEqual(await lang('#mirror-map button[data-entity="seoul"]', '#mirror-map button[data-entity="tokyo"]'), ['ko', 'en']);
  assert.deepEqual(await lang('#mirror-timeline button[data-entity="seoul-1988"]', '#mirror-timeline button[data-entity="tokyo-1964"]'), ['ko', 'ja']);
  // In the English paragraph, 서울's words are Korean and the rest of its name English.
  const seoul = page.locator('#mirror-names button[data-entity="seoul"]');
  assert.deepEqual(await seoul.evaluate((b) => [...b.children].map((c) => [c.closest('[lang]')?.lang, c.textContent.slice(0, 6)])),
    [['ko', '서울'], ['en', ': 서울, ']]);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a pack with no events, quotes or places: each section says so, with no empty list', async () => {
  const page = await openSettled(server.url + '?pack=/test-packs/text-only.json');
  const sections = await page.evaluate(() => ['mirror-map', 'mirror-timeline', 'mirror-quotes'].map((id) => {
    const section = document.getElementById(id);
    return { id, hidden: section.hidden, lists: section.querySelectorAll('ol, ul').length, text: section.querySelector('.mirror-items').textContent };
  }));
  assert.deepEqual(sections, [
    { id: 'mirror-map', hidden: false, lists: 0, text: 'The article names no places on the map.' },
    { id: 'mirror-timeline', hidden: false, lists: 0, text: 'The article dates no events.' },
    { id: 'mirror-quotes', hidden: false, lists: 0, text: 'The article quotes no one.' },
  ]);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a skip link leads the keyboard to the article text, which comes into view; Escape returns to the canvas', async () => {
  const page = await openSettled();
  await page.keyboard.press('Tab');
  const skip = page.locator('#skip-link');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link', 'the first Tab stop');
  const box = await skip.boundingBox();
  assert.ok(box && box.y >= 0 && box.x >= 0, `visible when focused: ${JSON.stringify(box)}`);
  assert.equal(await skip.textContent(), 'Skip to the article text');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mirror-article');
  const shown = await page.locator('#mirror').boundingBox();
  assert.ok(shown.width > 300 && shown.height > 300, `the text view is on screen while it holds the focus: ${JSON.stringify(shown)}`);
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement === document.querySelector('#mirror-body button')), 'the next Tab reaches the first mention');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  assert.ok((await page.locator('#mirror').boundingBox()).width <= 1, 'hidden again');
  // Landmarks: one main, the chrome's navigation, and a region per panel.
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await page.locator('nav[aria-label]').count(), 1);
  assert.equal(await page.locator('#mirror section[aria-labelledby]:not([hidden])').count(), 4);
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] axe-core ------------------------------------------------------------------------------

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const AUDITS = [
  ['nothing selected', {}, async () => {}],
  ['a selection', {}, async (page) => { await activate(page.locator('#mirror-timeline button[data-entity="ramadi"]').first()); }],
  ['the share dialog open', {}, async (page) => { await page.click('#share-button'); }],
  ['the narrow layout', PHONE, async () => {}],
  ['dark mode, with a selection', { colorScheme: 'dark' }, async (page) => { await page.evaluate(() => Explainer.select('paris')); }],
  ['the text view (focus in the mirror), dark', { colorScheme: 'dark' }, async (page) => { await page.locator('#mirror-quotes button').first().focus(); }],
  ['the text view, light, narrow', PHONE, async (page) => { await page.locator('#mirror-map button').first().focus(); }],
];

for (const [name, options, act] of AUDITS) {
  test(`axe-core: no serious or critical violation with ${name}`, async () => {
    const page = await openSettled(server.url, options);
    await act(page);
    await settle(page);
    const violations = await audit(page);
    console.log(`# axe, ${name}: ${violations.length} violation(s)${violations.length ? ':\n#   ' + describe(violations).join('\n#   ') : ''}`);
    assert.deepEqual(describe(blocking(violations)), []);
    assertNoProblems(assert, page);
    await page.context().close();
  });
}

test('axe-core: no violation of any impact on the error page of a broken pack', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/broken/malformed.json', { expectProblems: true });
  await page.waitForSelector('#error:not([hidden])');
  const violations = await audit(page);
  console.log(`# axe, error page: ${violations.length} violation(s)${violations.length ? ':\n#   ' + describe(violations).join('\n#   ') : ''}`);
  assert.deepEqual(describe(violations), []);
  assert.equal(await page.locator('main:not([hidden]), [role="main"]:not([hidden])').count(), 1, 'the error is the page\'s one main landmark');
  await page.context().close();
});

// [SECTION] Reflow and zoom ---------------------------------------------------------------------
// Browser zoom is emulated as it works: 200% zoom of a 1280×800 window is a 640×400 CSS px
// viewport at twice the device pixels. 320 CSS px is WCAG 1.4.10's width.

const REFLOW = [
  ['320 CSS px, 1x', { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 }],
  ['320 CSS px, 3x phone', { viewport: { width: 320, height: 568 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }],
  ['200% zoom of 1280×800', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
  ['200% zoom of 1920×1080', { viewport: { width: 960, height: 540 }, deviceScaleFactor: 2 }],
];

// Horizontal overflow of the page and of every element that scrolls or clips, in CSS px.
const overflow = (page) => page.evaluate(() => {
  const out = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > innerWidth) out.push(`page ${root.scrollWidth} > ${innerWidth}`);
  for (const el of document.querySelectorAll('#chrome, #chrome *, #share-dialog, #share-dialog *, #mirror, #mirror *, #skip-link, #error, #error *')) {
    const rect = el.getBoundingClientRect();
    if (!rect.width || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.visually-hidden') && !el.closest('.visually-hidden').matches(':focus-within')) continue;
    if (rect.right > innerWidth + 0.5 || rect.left < -0.5) out.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className}: ${rect.left.toFixed(0)}..${rect.right.toFixed(0)}`);
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible' && el.tagName !== 'TEXTAREA' && el.tagName !== 'INPUT')
      out.push(`${el.tagName.toLowerCase()}#${el.id} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return out;
});

for (const [name, options] of REFLOW) {
  test(`reflow at ${name}: nothing clipped, no horizontal scrolling`, async () => {
    const page = await openSettled(server.url, options);
    const width = options.viewport.width;
    assert.equal(await page.evaluate(() => devicePixelRatio), options.deviceScaleFactor);
    assert.deepEqual(await overflow(page), [], 'the explainer');
    // The canvas: each tab title inside its tab, and the article's mentions inside the width.
    const rects = await page.evaluate(() => ['article', 'map', 'timeline', 'quotes'].map((p) => [Explainer.locate('tab:' + p)[0], Explainer.locate('tab-label:' + p)[0]]));
    if (width <= 700) {
      for (const [tab, label] of rects) {
        assert.ok(tab && label, 'narrow layout: tabs are drawn');
        assert.ok(label.x >= tab.x && label.x + label.width <= tab.x + tab.width + 0.5, `tab title inside its tab: ${JSON.stringify({ tab, label })}`);
        assert.ok(label.height >= 10, `tab titles stay legible: ${label.height}`);
      }
    }
    const article = await page.evaluate(() => Explainer.entities().flatMap((e) => Explainer.locate(e.id)).filter((r) => r.panel === 'article'));
    assert.ok(article.length > 3, 'the article shows mentions');
    for (const r of article) assert.ok(r.x >= 0 && r.x + r.width <= width + 0.5, `an article mention runs past the edge: ${JSON.stringify(r)}`);
    // The share dialog, the text view and the skip link fit too.
    await page.click('#share-button');
    assert.deepEqual(await overflow(page), [], 'with the share dialog open');
    await page.click('#share-close');
    await page.locator('#mirror-map button').first().focus();
    assert.deepEqual(await overflow(page), [], 'with the text view shown');
    await page.locator('#skip-link').focus();
    assert.deepEqual(await overflow(page), [], 'with the skip link shown');
    assertNoProblems(assert, page);
    await page.context().close();
  });
}

test('reflow at 320 CSS px: the error page of a broken pack wraps its long lines', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/broken/malformed.json', { viewport: { width: 320, height: 640 }, expectProblems: true });
  await page.waitForSelector('#error:not([hidden])');
  assert.deepEqual(await overflow(page), []);
  await page.context().close();
});
