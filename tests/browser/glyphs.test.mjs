// Every character of a pack is drawn with a real glyph, and names are drawn as the pack
// writes them. The pack tests/packs/centuries-of-names.json has names in Greek (also
// polytonic), Cyrillic, Vietnamese and Hawaiian (the ʻokina), events across five
// centuries and a quote by an anonymous speaker ("A fisherman in Waimea").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, root, resourceEntries } from './harness.mjs';

let server, browser, fixtures;
before(async () => {
  // The seed with a headline in Turkish and Polish letters (Latin Extended-A outside the
  // base font), written for this test only.
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-glyphs-'));
  const seed = JSON.parse(fs.readFileSync(path.join(root, 'content/isis-losing-ground.json'), 'utf8'));
  seed.article.headline = 'Test fixture: İstanbul, Gdańsk, Erdoğan';
  fs.writeFileSync(path.join(fixtures, 'extended-a.json'), JSON.stringify(seed));
  server = await serve({ mounts: { '/test-packs': path.join(root, 'tests/packs'), '/glyph-fixtures': fixtures } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.server.close();
  if (fixtures) fs.rmSync(fixtures, { recursive: true, force: true });
});

const PACK = 'centuries-of-names.json';
const pack = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs', PACK), 'utf8'));

async function open(url) {
  const page = await openPage(browser, url);
  await settle(page);
  return page;
}

// The font chunks (fonts/uXXXX.bin, fonts/uXXXX-georgian.bin) the page has fetched.
// The font files a page fetched, in the order it asked: the chunks (u0280.bin,
// u4e00-cjk.bin), the CJK groups (g012-cjk.bin) and their index (index-cjk.bin).
const fetchedChunks = async (page) => (await resourceEntries(page)).map((e) => e.path)
  .filter((file) => /^\/fonts\/(u[0-9a-f]{4}(-[a-z]+)?|g[0-9]{3}-cjk|index-cjk)\.bin$/.test(file))
  .map((file) => file.replace(/^\/fonts\//, ''));

// The CJK chunks holding a pack's characters (all of them: its JSON's text).
const cjkChunksOf = (pack) => {
  const chunks = new Set();
  for (const ch of JSON.stringify(pack)) {
    const cp = ch.codePointAt(0);
    if ((cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xFF00 && cp <= 0xFFEF))
      chunks.add(`u${(cp - cp % 16).toString(16).padStart(4, '0')}-cjk.bin`);
  }
  return chunks;
};

// What a CJK pack's page fetched: the groups' index first, each file once, and no chunk
// that holds none of the pack's characters. The CJK files, without the index.
const assertCjkFiles = (fetched, pack) => {
  assert.equal(new Set(fetched).size, fetched.length, `each file fetched once: ${fetched.join(' ')}`);
  const cjk = fetched.filter((file) => file.endsWith('-cjk.bin'));
  assert.equal(cjk[0], 'index-cjk.bin', 'the groups\' index comes first');
  const chunks = cjkChunksOf(pack);
  for (const file of cjk.filter((f) => f.startsWith('u'))) assert.ok(chunks.has(file), `${file} holds a character of the pack`);
  assert.ok(cjk.some((file) => file.startsWith('g')), 'groups of the commonest characters were fetched');
  return cjk.slice(1);
};

test('the seed pack needs no font file beyond the embedded ones', async () => {
  const page = await open(server.url);
  const stats = await page.evaluate(() => Explainer.stats());
  assert.deepEqual(stats.missingGlyphs, [], 'every character of the seed has a glyph');
  assert.deepEqual(await fetchedChunks(page), []);
  assert.ok(stats.atlas.glyphs > 0 && stats.atlas.width > 0 && stats.atlas.height > 0, JSON.stringify(stats.atlas));
  assertNoProblems(assert, page);
  await page.context().close();
});

test('Greek, Cyrillic, Vietnamese and Hawaiian names are drawn with real glyphs', async () => {
  const page = await open(server.url + '?pack=/test-packs/' + PACK);
  const stats = await page.evaluate(() => Explainer.stats());
  // The atlas lacks none of the pack's characters: nothing is drawn as "?".
  assert.deepEqual(stats.missingGlyphs, [], 'characters without a glyph in the atlas');
  // The glyphs came from the chunks the pack needs, among them the ʻokina's.
  const fetched = await fetchedChunks(page);
  for (const chunk of ['u0280.bin', 'u0380.bin', 'u0400.bin', 'u1e80.bin', 'u1f80.bin'])
    assert.ok(fetched.includes(chunk), `${chunk} was fetched (got ${fetched.join(', ')})`);
  assert.ok(stats.atlas.width <= 2048 && stats.atlas.height <= 2048, `atlas ${stats.atlas.width}×${stats.atlas.height}`);
  await screenshot(page, 'glyphs-centuries-of-names');
  assertNoProblems(assert, page);
  await page.context().close();
});

// Turkish and Polish letters (Latin Extended-A but its vowels with a macron) are not in
// the base font: the seed's first load is 13 KB smaller without them (issue 10). A pack
// that has them fetches their chunk, before its first frame, and draws real glyphs.
test('Turkish and Polish letters come in their chunk and are drawn with real glyphs', async () => {
  const page = await open(server.url + '?pack=/glyph-fixtures/extended-a.json');
  const stats = await page.evaluate(() => Explainer.stats());
  assert.deepEqual(stats.missingGlyphs, [], 'characters without a glyph in the atlas');
  assert.deepEqual(await fetchedChunks(page), ['u0100.bin']);
  assertNoProblems(assert, page);
  await page.context().close();
});

// The share of a rectangle's pixels (CSS px of a DPR-1 screenshot) dark enough to be ink.
function inkIn(image, rect) {
  let dark = 0, all = 0;
  for (let y = Math.ceil(rect.y); y < Math.floor(rect.y + rect.height); ++y)
    for (let x = Math.ceil(rect.x); x < Math.floor(rect.x + rect.width); ++x, ++all) {
      const i = (y * image.width + x) * 4;
      if (image.data[i] + image.data[i + 1] + image.data[i + 2] < 3 * 110) ++dark;
    }
  return all ? dark / all : 0;
}

// Armenian, Georgian and Ethiopic need no shaping: their letters come from Noto's fonts
// for each script, in chunks of their own, fetched only by a pack that uses them. The
// pack tests/packs/capitals-own-scripts.json names three capitals in their own scripts,
// with a quote in Georgian (the quotes' italic face takes the upright letters).
test('Armenian, Georgian and Ethiopic come in chunks of their own and are drawn with real glyphs', async () => {
  const page = await open(server.url + '?pack=/test-packs/capitals-own-scripts.json');
  const stats = await page.evaluate(() => Explainer.stats());
  assert.deepEqual(stats.missingGlyphs, [], 'characters without a glyph in the atlas');
  assert.deepEqual((await fetchedChunks(page)).sort(), ['u0500-armenian.bin', 'u0580-armenian.bin', 'u1080-georgian.bin',
    'u1200-ethiopic.bin', 'u1280-ethiopic.bin', 'u1300-ethiopic.bin']);
  // Each capital's mention is drawn in the article, with ink: its letters, not blanks.
  const image = decodePng(page, (await screenshot(page, 'glyphs-capitals-own-scripts')).png);
  for (const id of ['tbilisi', 'yerevan', 'addis-ababa', 'quote-guide']) {
    const rect = (await page.evaluate((entity) => Explainer.locate(entity), id)).find((r) => r.panel === 'article');
    assert.ok(rect && rect.width > 40, `${id} is drawn in the article: ${JSON.stringify(rect)}`);
    assert.ok(inkIn(image, rect) > 0.04, `${id}'s mention has ink (${inkIn(image, rect).toFixed(3)} of its pixels)`);
  }
  // Find folds Armenian case as it folds Latin's: capitals find the word as written.
  await page.mouse.click(300, 760);
  await page.keyboard.press('Control+f');
  await page.keyboard.type('\u0540\u0531\u0545\u0531\u054D\u054F\u0531\u0546');  // ՀԱՅԱՍՏԱՆ
  await settle(page);
  assert.equal(await page.locator('#find-count').textContent(), '1 of 1');
  assertNoProblems(assert, page);
  await page.context().close();
});

// Cherokee, Canadian syllabics and Tifinagh need no shaping either. Noto draws them only
// without serifs (and Tifinagh only in regular): the serif and bold faces take those
// letters. The pack tests/packs/nunavut-cherokee-tamazight.json names Iqaluit and
// Tahlequah in their own scripts, with events from 1828 to 2011 and a greeting in each.
test('Cherokee, Canadian syllabics and Tifinagh come in chunks of their own and are drawn with real glyphs', async () => {
  const file = 'nunavut-cherokee-tamazight.json';
  const ownScripts = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs', file), 'utf8'));
  const page = await open(server.url + '?pack=/test-packs/' + file);
  const stats = await page.evaluate(() => Explainer.stats());
  assert.deepEqual(stats.missingGlyphs, [], 'characters without a glyph in the atlas');
  assert.deepEqual((await fetchedChunks(page)).sort(), ['u1380-cherokee.bin', 'u1400-canadianaboriginal.bin',
    'u1480-canadianaboriginal.bin', 'u1500-canadianaboriginal.bin', 'u1580-canadianaboriginal.bin', 'u2d00-tifinagh.bin']);
  // Each name and greeting is drawn in the article, with ink: its letters, not blanks. The
  // top three quarters of each mention's box, above its underline (a place's is dark
  // enough to count as ink).
  const image = decodePng(page, (await screenshot(page, 'glyphs-nunavut-cherokee-tamazight')).png);
  for (const id of ['iqaluit', 'tahlequah', 'quote-osiyo', 'quote-qujannamiik', 'quote-azul']) {
    const rect = (await page.evaluate((entity) => Explainer.locate(entity), id)).find((r) => r.panel === 'article');
    assert.ok(rect && rect.width > 30, `${id} is drawn in the article: ${JSON.stringify(rect)}`);
    const letters = { ...rect, height: rect.height * 0.75 };
    assert.ok(inkIn(image, letters) > 0.04, `${id}'s mention has ink (${inkIn(image, letters).toFixed(3)} of its pixels)`);
  }
  // Every event on the timeline, every place on the map, in the first view.
  const missing = [];
  for (const entity of ownScripts.entities) {
    const panel = entity.kind === 'event' ? 'timeline' : entity.kind === 'place' && entity.location ? 'map' : null;
    if (!panel) continue;
    if (!(await page.evaluate((id) => Explainer.locate(id), entity.id)).some((r) => r.panel === panel)) missing.push(`${entity.id} (${panel})`);
  }
  assert.deepEqual(missing, [], 'entities not drawn in their panel in the default view');
  // Find folds Cherokee case: small letters find the capitals the article writes.
  await page.mouse.click(300, 760);
  await page.keyboard.press('Control+f');
  await page.keyboard.type('\uABA3\uAB85\uAB96');  // ꮣꮅꮖ, ᏓᎵᏆ in small letters
  await settle(page);
  assert.equal(await page.locator('#find-count').textContent(), '1 of 1');
  assertNoProblems(assert, page);
  await page.context().close();
});

// Hebrew and Arabic read right to left (src/core/bidi.h): a paragraph whose first letter is
// Hebrew or Arabic starts at the column's right edge, a name in either script inside an
// English sentence stays where the sentence puts it, and Arabic's letters are drawn joined,
// in their contextual forms (Unicode's presentation forms, in the Arabic font's chunks). The
// pack tests/packs/hebrew-arabic.json has English, Hebrew and Arabic paragraphs, names in
// each, a date inside Hebrew and a quotation in Arabic.
test('Hebrew and Arabic read right to left, Arabic letters joined in their contextual forms', async () => {
  const page = await open(server.url + '?pack=/test-packs/hebrew-arabic.json');
  const stats = await page.evaluate(() => Explainer.stats());
  assert.deepEqual(stats.missingGlyphs, [], 'characters without a glyph in the atlas (the letters and their forms)');
  const fetched = await fetchedChunks(page);
  for (const chunk of ['u0580-hebrew.bin', 'u0600-arabic.bin', 'ufe80-arabic.bin'])
    assert.ok(fetched.includes(chunk), `${chunk} was fetched (got ${fetched.join(', ')})`);
  assert.deepEqual(fetched.filter((chunk) => !/-(hebrew|arabic)\.bin$/.test(chunk)), [], 'no other script\'s chunk');
  const image = decodePng(page, (await screenshot(page, 'glyphs-hebrew-arabic')).png);
  const inArticle = async (id) => (await page.evaluate((entity) => Explainer.locate(entity), id))
    .filter((r) => r.panel === 'article').sort((a, b) => a.y - b.y);
  const [column] = await page.evaluate(() => Explainer.locate('article:headline'));
  const right = column.x + column.width;
  // "قالت ليلى، ...": the paragraph starts at the right edge, so its second word, ليلى, is
  // on its first line just left of "قالت".
  const [layla] = await inArticle('layla');
  assert.ok(layla && right - (layla.x + layla.width) > 10 && right - (layla.x + layla.width) < 70,
    `ليلى ends just left of the column's right edge (${right}): ${JSON.stringify(layla)}`);
  assert.ok(layla.x > column.x + column.width / 2, `ليلى is in the column's right half: ${JSON.stringify(layla)}`);
  // Its four letters join (initial, medial, medial, final): along its middle, above its
  // underline, no column is without ink, anti-aliased ink included. Drawn as separate
  // letters, the gaps between them are.
  const gaps = [];
  for (let x = Math.ceil(layla.x + layla.width * 0.2); x < Math.floor(layla.x + layla.width * 0.8); ++x) {
    let inked = false;
    for (let y = Math.ceil(layla.y); y < Math.floor(layla.y + layla.height * 0.75); ++y) {
      const i = (y * image.width + x) * 4;
      if (image.data[i] + image.data[i + 1] + image.data[i + 2] < 3 * 200) inked = true;
    }
    if (!inked) gaps.push(x);
  }
  assert.deepEqual(gaps, [], `columns without ink inside ليلى (${JSON.stringify(layla)})`);
  // In an English sentence, القاهرة comes after "In Arabic, Cairo is ", where the sentence
  // puts it; every name, date and quotation is drawn with ink.
  const [cairo] = await inArticle('cairo');
  assert.ok(cairo.x > column.x + 100 && cairo.x + cairo.width < right, `القاهرة follows "Cairo is": ${JSON.stringify(cairo)}`);
  for (const id of ['cairo', 'haifa', 'alexandria', 'founding', 'written', 'layla-quote']) {
    const rects = await inArticle(id);
    assert.ok(rects.length > 0, `${id} is drawn in the article`);
    for (const r of rects) {
      const ink = inkIn(image, { ...r, height: r.height * 0.75 });
      assert.ok(ink > 0.02, `${id}'s mention has ink (${ink.toFixed(3)} of its pixels, ${JSON.stringify(r)})`);
    }
  }
  // A click on an Arabic name in a right-to-left paragraph selects it; the map shows it.
  const [alexandria] = await inArticle('alexandria');
  await page.mouse.click(alexandria.x + alexandria.width / 2, alexandria.y + alexandria.height / 2);
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'alexandria');
  assert.ok((await page.evaluate(() => Explainer.locate('alexandria'))).some((r) => r.panel === 'map'), 'Alexandria is on the map');
  assertNoProblems(assert, page);
  await page.context().close();
});

// Chinese, Japanese and Korean come from Noto Sans CJK, in chunks of 16 code points
// (fonts/u4e00-cjk.bin) and, the commonest ideographs and Hangul syllables, in groups of
// 32 (fonts/g000-cjk.bin): a pack with enough of them fetches the groups' index, then
// the files of its characters, fewer than their chunks. The pack
// tests/packs/tokyo-seoul-beijing.json has a paragraph in each language, names in Han and
// Hangul, events named in them, and a Japanese quotation.
test('Chinese, Japanese and Korean are drawn from the CJK files the pack needs, and only those', async () => {
  const cjkPack = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/tokyo-seoul-beijing.json'), 'utf8'));
  const page = await open(server.url + '?pack=/test-packs/tokyo-seoul-beijing.json');
  const stats = await page.evaluate(() => Explainer.stats());
  assert.deepEqual(stats.missingGlyphs, [], 'characters without a glyph in the atlas');
  const files = assertCjkFiles(await fetchedChunks(page), cjkPack);
  assert.ok(files.length < cjkChunksOf(cjkPack).size, `${files.length} CJK files, fewer than the ${cjkChunksOf(cjkPack).size} chunks`);
  // Every name in the article, on the timeline and in the quotes is drawn with ink.
  const image = decodePng(page, (await screenshot(page, 'glyphs-cjk')).png);
  const drawn = async (id, panel) => (await page.evaluate((entity) => Explainer.locate(entity), id)).filter((r) => r.panel === panel);
  for (const [id, panel] of [['tokyo', 'article'], ['seoul', 'article'], ['beijing', 'article'], ['taipei', 'article'],
    ['tokyo-1964', 'article'], ['seoul-1988', 'article'], ['beijing-2008', 'article'], ['yuki-quote', 'article']]) {
    const rects = await drawn(id, panel);
    assert.ok(rects.length > 0, `${id} is drawn in the ${panel} panel`);
    for (const r of rects) {
      const ink = inkIn(image, { ...r, height: r.height * 0.75 });
      assert.ok(ink > 0.02, `${id} in the ${panel} panel has ink (${ink.toFixed(3)} of its pixels, ${JSON.stringify(r)})`);
    }
  }
  // The columns of a rectangle with any ink, grey text's included.
  const inkedColumns = (rect) => {
    let count = 0;
    for (let x = Math.ceil(rect.x); x < rect.x + rect.width; ++x) {
      let inked = false;
      for (let y = Math.ceil(rect.y); y < rect.y + rect.height; ++y) {
        const i = (y * image.width + x) * 4;
        if (image.data[i] + image.data[i + 1] + image.data[i + 2] < 3 * 200) inked = true;
      }
      count += inked;
    }
    return count;
  };
  // An event's name on the timeline, beside its mark (on the side where it fits): 5 to 8
  // characters, 50 px and more, of which Hangul's open syllables ink about 40 columns.
  for (const id of ['tokyo-1964', 'seoul-1988', 'beijing-2008']) {
    const [mark] = await drawn(id, 'timeline');
    assert.ok(mark, `${id} has a mark on the timeline`);
    const beside = Math.max(inkedColumns({ x: mark.x + mark.width + 2, y: mark.y, width: 90, height: mark.height }),
      inkedColumns({ x: mark.x - 92, y: mark.y, width: 90, height: mark.height }));
    assert.ok(beside > 30, `${id}'s name beside its mark has ink across ${beside} columns (${JSON.stringify(mark)})`);
  }
  // The quote card's first line, “東京は眠らない街です。”: 13 characters, about 150 px of
  // ink across (a line of "?" or of nothing has none of it).
  const [card] = await drawn('yuki-quote', 'quotes');
  const words = inkedColumns({ x: card.x + 12, y: card.y + 12, width: card.width - 12, height: 20 });
  assert.ok(words > 110 && words < 200, `the quote's words have ink across ${words} columns`);
  assertNoProblems(assert, page);
  await page.context().close();
});

// A pack written in Chinese (tests/packs/beijing-shanghai-zh.json, 206 different
// ideographs) takes them from the groups of the commonest: fewer than half the files
// their chunks would be, every character drawn.
test('a pack written in Chinese fetches the groups of the commonest ideographs, not a chunk for each', async () => {
  const zhPack = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/beijing-shanghai-zh.json'), 'utf8'));
  const page = await open(server.url + '?pack=/test-packs/beijing-shanghai-zh.json');
  const stats = await page.evaluate(() => Explainer.stats());
  assert.deepEqual(stats.missingGlyphs, [], 'characters without a glyph in the atlas');
  const files = assertCjkFiles(await fetchedChunks(page), zhPack);
  const chunks = cjkChunksOf(zhPack).size;
  assert.ok(2 * files.length < chunks, `${files.length} CJK files, fewer than half the ${chunks} chunks`);
  const image = decodePng(page, (await screenshot(page, 'glyphs-zh')).png);
  for (const id of ['beijing', 'shanghai', 'wang-quote']) {
    const rects = (await page.evaluate((entity) => Explainer.locate(entity), id)).filter((r) => r.panel === 'article');
    assert.ok(rects.length > 0, `${id} is drawn in the article`);
    // Over all its pieces: a quotation's opening 「 alone, beside a nested name, has little ink.
    const area = rects.reduce((sum, r) => sum + r.width * r.height * 0.75, 0);
    const ink = rects.reduce((sum, r) => sum + inkIn(image, { ...r, height: r.height * 0.75 }) * r.width * r.height * 0.75, 0) / area;
    assert.ok(ink > 0.02, `${id} in the article has ink (${ink.toFixed(3)} of its pixels)`);
  }
  assertNoProblems(assert, page);
  await page.context().close();
});

// A long article written in Chinese: tests/packs/beijing-shanghai-zh.json and 30
// paragraphs more, each of 20 rare ideographs (every 34th from U+4E00, each in a chunk of
// its own) three times, as tests/ui/font_chunks_test.cpp makes it. The chunks of the last
// 10 paragraphs' ideographs are held back by the test.
const GENERATED_PARAGRAPHS = 30, HELD_FROM = 20;
const generatedIdeograph = (paragraph, k) => 0x4E00 + 34 * (20 * paragraph + k);
function writeLongChinesePack() {
  const zh = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/beijing-shanghai-zh.json'), 'utf8'));
  for (let i = 0; i < GENERATED_PARAGRAPHS; ++i) {
    const twenty = Array.from({ length: 20 }, (_, k) => String.fromCodePoint(generatedIdeograph(i, k))).join('');
    zh.article.paragraphs.push({ id: `generated-${i}`, text: twenty.repeat(3) + '。' });
  }
  fs.writeFileSync(path.join(fixtures, 'zh-long.json'), JSON.stringify(zh));
}
// The chunks that hold characters of those paragraphs only (not of the fixture's own text).
const heldChunks = () => {
  const chunkOf = (cp) => `/fonts/u${(cp - cp % 16).toString(16)}-cjk.bin`;
  const chunks = new Set();
  for (let i = HELD_FROM; i < GENERATED_PARAGRAPHS; ++i)
    for (let k = 0; k < 20; ++k) chunks.add(chunkOf(generatedIdeograph(i, k)));
  for (const ch of fs.readFileSync(path.join(root, 'tests/packs/beijing-shanghai-zh.json'), 'utf8')) chunks.delete(chunkOf(ch.codePointAt(0)));
  return chunks;
};
// Opens zh-long.json (after `link`) with the held chunks' responses kept until release().
async function openHoldingTheEnd(link = '') {
  writeLongChinesePack();
  const held = heldChunks(), waiting = [], asked = [];
  let released = false;
  // expectProblems: openPage does not wait for ready (the second test's is held back)
  const page = await openPage(browser, `${server.url}?pack=/glyph-fixtures/zh-long.json${link}`, { expectProblems: true, beforeGoto: (p) =>
    p.route((url) => held.has(url.pathname), (route) => {
      asked.push(new URL(route.request().url()).pathname);
      return released ? route.continue() : waiting.push(route);
    }) });
  const ready = page.evaluate(async () => {
    while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
    await Explainer.ready;
    return true;
  });
  const release = async () => {
    released = true;
    await Promise.all(waiting.splice(0).map((route) => route.continue()));
  };
  return { page, ready, release, held, asked };
}
// The largest difference of a colour channel between two images inside `rect`.
function largestDifference(a, b, rect) {
  let largest = 0;
  for (let y = rect.y; y < rect.y + rect.height; ++y)
    for (let x = rect.x; x < rect.x + rect.width; ++x)
      for (let c = 0, i = (y * a.width + x) * 4; c < 3; ++c) largest = Math.max(largest, Math.abs(a.data[i + c] - b.data[i + c]));
  return largest;
}
const within = (promise, ms) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

// Its first frame comes once the font files of what that frame shows have come: the chunks
// of its end, held back, are not waited for. Their characters are drawn blank meanwhile
// (the first screen has none of them: its picture is the picture drawn once they have
// come), and drawn once they come.
test('a long article written in Chinese is drawn before the font files of its end have come', async () => {
  const { page, ready, release, held, asked } = await openHoldingTheEnd();
  assert.equal(await within(ready, 60000), true, 'ready resolved while the end\'s font files were held back');
  const atReady = await page.evaluate(() => Explainer.stats());
  assert.ok(atReady.atlas.awaited >= 200, `${atReady.atlas.awaited} characters drawn blank while their files come`);
  assert.deepEqual(atReady.missingGlyphs, []);
  await settle(page);
  const first = decodePng(page, (await screenshot(page, 'glyphs-zh-long-first')).png);
  await release();
  await page.waitForFunction(() => Explainer.stats().atlas.awaited === 0, null, { timeout: 60000 });
  await settle(page);
  // (Some of the generated ideographs are common ones: they came in their groups instead.)
  assert.ok(asked.length > held.size / 2, `${asked.length} of the ${held.size} held chunks were asked for`);
  assert.equal(new Set(asked).size, asked.length, 'each chunk was fetched once');
  // The article's column (the map gains its detail tiles meanwhile). The atlas was built
  // again, so the same glyphs are sampled at other places of it: a level or two apart.
  const all = decodePng(page, (await screenshot(page, 'glyphs-zh-long-all')).png);
  const column = { x: 0, y: 0, width: Math.floor(0.45 * all.width), height: all.height };
  const difference = largestDifference(first, all, column);
  assert.ok(difference <= 8, `the first frame showed the article as it is once every file has come (pixels ${difference} levels apart)`);
  await page.evaluate(() => Explainer.setState('#v=1&p=generated-29'));
  await settle(page);
  const image = decodePng(page, (await screenshot(page, 'glyphs-zh-long-end')).png);
  const { x, y } = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
  const ink = inkIn(image, { x: x + 80, y: y + 40, width: 420, height: 300 });
  assert.ok(ink > 0.02, `the article's end is drawn with ink (${ink.toFixed(3)} of its pixels)`);
  assert.deepEqual((await page.evaluate(() => Explainer.stats())).missingGlyphs, []);
  assertNoProblems(assert, page);
  await page.context().close();
});

// A link that opens at the article's end: the first frame shows characters of the held
// chunks, so ready waits for them, and then shows them.
test('a first frame that would show characters still coming waits for them', async () => {
  const { page, ready, release } = await openHoldingTheEnd('#v=1&p=generated-25');
  assert.equal(await within(ready, 3000), 'still waiting', 'ready waited for the files of what the first frame shows');
  await release();
  assert.equal(await within(ready, 60000), true);
  const stats = await page.evaluate(() => Explainer.stats());
  assert.equal(stats.atlas.awaited, 0);
  assert.deepEqual(stats.missingGlyphs, []);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('an anonymous speaker is labelled with exactly the pack\'s name', async () => {
  const page = await open(server.url + '?pack=/test-packs/' + PACK);
  const speaker = pack.entities.find((e) => e.id === 'fisherman-in-waimea');
  assert.equal(speaker.anonymous, true);
  const label = (await page.evaluate(() => Explainer.locate('fisherman-in-waimea'))).find((r) => r.panel === 'quotes');
  assert.ok(label, 'the quote card names its speaker');
  // The label is as wide as the name set in the same face and size (Noto Sans Bold at
  // ImGui's 14.5 px, no kerning): a prefix such as "Unnamed " would add ~45 px. Dear
  // ImGui sizes a font by its ascent + descent, CSS by its em: the canvas converts.
  const expected = await page.evaluate((name) => {
    const context = document.createElement('canvas').getContext('2d');
    context.font = 'bold 100px "Noto Sans"';
    context.fontKerning = 'none';
    const m = context.measureText(name);
    return m.width * 14.5 / (m.fontBoundingBoxAscent + m.fontBoundingBoxDescent);
  }, speaker.name);
  assert.ok(Math.abs(label.width - expected) <= 3, `speaker label ${label.width.toFixed(1)} px wide; "${speaker.name}" is ${expected.toFixed(1)} px`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('every event is on the timeline and every place on the map', async () => {
  const page = await open(server.url + '?pack=/test-packs/' + PACK);
  const missing = [];
  for (const entity of pack.entities) {
    const panel = entity.kind === 'event' ? 'timeline' : entity.kind === 'place' ? 'map' : null;
    if (!panel) continue;
    const rects = await page.evaluate((id) => Explainer.locate(id), entity.id);
    if (!rects.some((r) => r.panel === panel)) missing.push(`${entity.id} (${panel})`);
  }
  assert.deepEqual(missing, [], 'entities not drawn in their panel in the default view');
  await page.context().close();
});

test('a pack in a script the explainer cannot draw shows the validator\'s error', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/broken/script-syriac.json', { expectProblems: true });
  await page.waitForSelector('#error:not([hidden])');
  const text = await page.locator('#error').innerText();
  assert.match(text, /script-syriac\.json:46:9: error: at \/entities\/0\/aliases\/0: uses the Syriac script \(U\+0713\), which the explainer cannot draw yet/);
  assert.equal(await page.locator('#canvas').isVisible(), false);
  await page.context().close();
});

// The atlas rasterises a glyph when a frame first draws it, and the rest once the page
// is idle (issue 10: the first frame rasterised all six faces' glyphs). Here the page's
// idle callbacks are held: the first frame has drawn its own glyphs only, and the
// picture it shows is the picture drawn again once every glyph is in (a glyph the first
// frame missed would be blank in the first and drawn in the second).
test('the first frame rasterises the glyphs it draws, the rest come when the page is idle', async () => {
  const holdIdleCallbacks = () => {
    const held = [];
    window.requestIdleCallback = (callback) => held.push(callback);
    window.__runIdleCallbacks = () => held.splice(0).map((callback) => callback({ didTimeout: false, timeRemaining: () => 50 })).length;
  };
  const page = await openPage(browser, server.url + '?pack=/test-packs/' + PACK, { deviceScaleFactor: 2, initScript: holdIdleCallbacks });
  await page.mouse.move(1270, 790);
  await settle(page);
  const first = await page.evaluate(() => Explainer.stats());
  assert.ok(first.atlas.pending > 0 && first.atlas.pending < first.atlas.glyphs,
    `some of the atlas's glyphs wait for the idle page: ${first.atlas.pending} of ${first.atlas.glyphs}`);
  const before = (await screenshot(page, 'glyphs-first-frame')).png;

  assert.ok(await page.evaluate(() => window.__runIdleCallbacks()) > 0, 'the page asked for an idle callback');
  const after = await page.evaluate(() => Explainer.stats());
  assert.equal(after.atlas.pending, 0, 'every glyph is rasterised once the page is idle');
  assert.equal(after.frames, first.frames, 'rasterising them drew no frame');
  await page.mouse.move(1272, 792);  // a frame that changes nothing but the atlas it samples
  await settle(page);
  assert.ok((await page.evaluate(() => Explainer.stats())).frames > after.frames, 'the move drew a frame');
  const again = (await screenshot(page, 'glyphs-all-rasterised')).png;
  assert.ok(before.equals(again), 'the frame drawn with every glyph in shows what the first frame showed');
  assertNoProblems(assert, page);
  await page.context().close();
});
