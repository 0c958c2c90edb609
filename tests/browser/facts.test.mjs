// Facts of record (issue 15): a card lists its sources, the article ends with "Sources
// and notes" (in the canvas and, linked, in the HTML mirror), corrections show under
// the headline, and a link made before a correction opens the same view after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, locateCentre } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

// The machine may be busy: allow slow frames before the explainer goes idle.
const patient = { timeoutMs: 40000 };

// Rows of a located rectangle (clipped to the screenshot) that hold ink (pixels far from the background): text drawn there.
function inkRows(image, rect) {
  const background = (x, y) => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [image.data[i], image.data[i + 1], image.data[i + 2]];
  };
  const top = Math.max(0, Math.ceil(rect.y)), bottom = Math.min(image.height, rect.y + rect.height);
  const [br, bg, bb] = background(rect.x + rect.width - 2, top + 1);
  let rows = 0;
  for (let y = top; y < bottom; ++y) {
    for (let x = Math.ceil(rect.x); x < Math.min(image.width, rect.x + rect.width); ++x) {
      const [r, g, b] = background(x, y);
      if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 90) { ++rows; break; }
    }
  }
  return rows;
}

// Lines of text in a card: runs of rows with ink, the card's own colour read inside its
// padding. Rows counted against the colour at its very corner measured the map under a
// rounded corner instead: sea made every row ink, land only the text's.
function cardLines(image, card) {
  const at = (x, y) => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [image.data[i], image.data[i + 1], image.data[i + 2]];
  };
  const [br, bg, bb] = at(card.x + card.width - 6, card.y + 6);
  let lines = 0, inLine = false;
  for (let y = Math.ceil(card.y + 4); y < Math.min(image.height, card.y + card.height - 4); ++y) {
    let ink = false;
    for (let x = Math.ceil(card.x + 4); x < Math.min(image.width, card.x + card.width - 4) && !ink; ++x) {
      const [r, g, b] = at(x, y);
      ink = Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 90;
    }
    if (ink && !inLine) ++lines;
    inLine = ink;
  }
  return lines;
}

test('a context card lists every source it cites', async () => {
  const page = await openPage(browser, server.url);
  await settle(page, patient);
  const paris = (await page.evaluate(() => Explainer.entities())).find((e) => e.id === 'paris-attacks');
  assert.deepEqual(paris.citations.map((c) => c.publication), ['DW', 'France 24']);
  assert.equal(paris.citations[0].line, 'DW, 20 November 2015: “France PM Valls announces latest Paris attacks casualty”');

  const { x, y } = await locateCentre(page, 'paris-attacks', 'article');
  await page.mouse.move(x, y);
  await settle(page, patient);
  const card = (await page.evaluate(() => Explainer.locate('card:paris-attacks')))[0];
  assert.ok(card, 'the card is drawn');
  // Name, kind, description (several lines), date, and a heading plus one line per source.
  const { png } = await screenshot(page, 'facts-card-paris-attacks');
  const lines = cardLines(decodePng(page, png), card);
  const lineHeight = 14;
  assert.ok(lines >= 12, `the card holds its sources (${lines} lines of text, ${card.height} px tall)`);

  // A card without sources is shorter by at least the sources' lines.
  await page.mouse.move(20, 780);
  await settle(page, patient);
  const bare = await locateCentre(page, 'some-analysts', 'article');
  await page.mouse.move(bare.x, bare.y);
  await settle(page, patient);
  const bareCard = (await page.evaluate(() => Explainer.locate('card:some-analysts')))[0];
  assert.ok(bareCard && bareCard.height + 3 * lineHeight < card.height,
    `a card with sources is taller (${card.height}) than one without (${bareCard?.height})`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the article ends with Sources and notes: in the canvas, and linked in the mirror', async () => {
  const page = await openPage(browser, server.url);
  // Scroll the article to its end with the wheel, as a reader would.
  const { x, y } = await locateCentre(page, 'sinjar', 'article');
  await page.mouse.move(x, y + 200);
  for (let i = 0; i < 30; ++i) await page.mouse.wheel(0, 400);
  await settle(page, patient);
  const sources = (await page.evaluate(() => Explainer.locate('sources')))[0];
  assert.ok(sources, 'the Sources and notes section is drawn after the last paragraph');
  assert.ok(sources.height > 300, `it lists the sources (${sources.height} px)`);
  const { png } = await screenshot(page, 'facts-sources-section');
  assert.ok(inkRows(decodePng(page, png), sources) > 40, 'the section has text');

  const mirror = await page.evaluate(() => [...document.querySelectorAll('#mirror-sources li')].map((li) => {
    const a = li.querySelector('a');
    return { text: li.textContent, href: a?.getAttribute('href'), rel: a?.getAttribute('rel') };
  }));
  const urls = mirror.map((m) => m.href);
  assert.equal(new Set(urls).size, urls.length, 'each source once');
  const dw = mirror.find((m) => m.href === 'https://www.dw.com/en/france-pm-valls-announces-latest-paris-attacks-casualty/a-18865195');
  assert.ok(dw, 'the DW report is linked');
  assert.equal(dw.rel, 'noopener noreferrer');
  assert.match(dw.text, /Supports: Paris attacks, Deaths in the Paris attacks\./);
  assert.ok(mirror.every((m) => /^https?:\/\//.test(m.href)), 'only http(s) links');
  assert.ok(!mirror.some((m) => /wikipedia|piglix|famagusta|catchnews/.test(m.href)), 'no low-grade sources');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('corrections show under the headline and in the mirror; links made before them still work', async () => {
  // A link made on the pack before its correction...
  const before = await openPage(browser, server.url + '?pack=/test-packs/second-pack.json');
  await before.evaluate(() => Explainer.select('gettysburg'));
  await settle(before, patient);
  const link = await before.evaluate(() => Explainer.getLink());
  const stateBefore = await before.evaluate(() => Explainer.getState());
  assert.equal((await before.evaluate(() => Explainer.locate('corrections'))).length, 0, 'no corrections yet');
  await before.context().close();

  // ...opens the same view on the corrected pack.
  const hash = new URL(link, server.url).hash;
  const page = await openPage(browser, server.url + '?pack=/test-packs/corrected-pack.json' + hash);
  await settle(page, patient);
  const state = await page.evaluate(() => Explainer.getState());
  assert.equal(state.selection, stateBefore.selection);
  assert.equal(state.paragraph, stateBefore.paragraph);
  // The link carries the map to 4 decimals: the same view, to within its precision.
  assert.equal(await page.evaluate(() => Explainer.getLink()), link);
  for (const key of ['lat', 'lon', 'zoom']) assert.ok(Math.abs(state.map[key] - stateBefore.map[key]) < 1e-3, key);

  const corrections = (await page.evaluate(() => Explainer.locate('corrections')))[0];
  assert.ok(corrections, 'the correction is drawn');
  const headline = await page.evaluate(() => document.getElementById('mirror-headline').textContent);
  assert.ok(headline.length > 0);
  const { png } = await screenshot(page, 'facts-corrected');
  assert.ok(inkRows(decodePng(page, png), corrections) >= 10, 'the correction has text');
  const mirror = await page.evaluate(() => [...document.querySelectorAll('#mirror-corrections li')].map((li) => li.textContent));
  assert.equal(mirror.length, 1);
  assert.match(mirror[0], /^Corrected 16 January 2024: Test fixture: this copy/);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a work (a treaty) is annotated: its own underline colour, a card, the mirror names it, no map or timeline mark', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/treaty-of-tordesillas.json');
  await settle(page, patient);
  const treaty = (await page.evaluate(() => Explainer.entities())).find((e) => e.id === 'treaty-of-tordesillas');
  assert.equal(treaty.type, 'work');
  assert.deepEqual(treaty.creators, ['crown-of-castile', 'kingdom-of-portugal']);

  // The HTML mirror names both mentions as a work.
  const mirror = await page.evaluate(() => [...document.querySelectorAll('#mirror .mention-work')]
    .map((b) => ({ text: b.textContent, label: b.getAttribute('aria-label') })));
  assert.deepEqual(mirror.map((m) => m.text), ['the Treaty of Tordesillas', 'The treaty']);
  assert.match(mirror[0].label, /^the Treaty of Tordesillas: Treaty of Tordesillas, work\. The treaty that divided/);

  // In the canvas it is drawn in the article only (a work has no place or date of its own),
  // underlined in the work colour (indigo #5B4FB8 in the light theme).
  const rects = await page.evaluate(() => Explainer.locate('treaty-of-tordesillas'));
  assert.ok(rects.length >= 2 && rects.every((r) => r.panel === 'article'), JSON.stringify(rects));
  const { png } = await screenshot(page, 'facts-work-underline');
  const image = decodePng(page, png);
  const near = (x, y, [r, g, b]) => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return Math.abs(image.data[i] - r) + Math.abs(image.data[i + 1] - g) + Math.abs(image.data[i + 2] - b) < 60;
  };
  const inkOf = (rect, colour) => {
    let n = 0;
    for (let y = Math.floor(rect.y + rect.height * 0.6); y < Math.min(image.height, rect.y + rect.height + 3); ++y)
      for (let x = Math.ceil(rect.x); x < Math.min(image.width, rect.x + rect.width); ++x) n += near(x, y, colour) ? 1 : 0;
    return n;
  };
  const title = rects[0];
  assert.ok(inkOf(title, [0x5b, 0x4f, 0xb8]) > title.width * 0.5, `the underline is drawn in the work colour (${inkOf(title, [0x5b, 0x4f, 0xb8])} px)`);
  const castile = (await page.evaluate(() => Explainer.locate('crown-of-castile'))).find((r) => r.panel === 'article');
  assert.equal(inkOf(castile, [0x5b, 0x4f, 0xb8]), 0, 'an organisation is not drawn in the work colour');

  // Hovering it shows its card.
  await page.mouse.move(title.x + title.width / 2, title.y + title.height / 2);
  await settle(page, patient);
  const card = (await page.evaluate(() => Explainer.locate('card:treaty-of-tordesillas')))[0];
  assert.ok(card && card.height > 40, `the card is drawn (${JSON.stringify(card)})`);
  assertNoProblems(assert, page);
  await page.context().close();
});
