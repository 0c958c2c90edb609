// The app shell (issue 2): loads, draws the article, fills the window at every size and
// device-pixel ratio without scrollbars, and draws nothing while idle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

test('loads, resolves Explainer.ready and draws the article on the canvas', async () => {
  const page = await openPage(browser, server.url);
  const state = await page.evaluate(() => Explainer.getState());
  assert.equal(typeof state, 'object');
  assert.ok('selection' in state && 'map' in state, 'getState() returns the app state');
  assert.ok((await page.evaluate(() => Explainer.stats().frames)) >= 1);
  // The loading screen is gone and the canvas covers the window.
  assert.equal(await page.locator('#loading').isVisible(), false);
  await settle(page);
  const { png } = await screenshot(page, 'shell-1280x800');
  const image = decodePng(page, png);
  // Article text is dark ink on the light paper: count ink pixels in the article column.
  let ink = 0, distinct = new Set();
  for (let y = 0; y < image.height; y += 2)
    for (let x = 0; x < image.width * 0.45; x += 2) {
      const i = (y * image.width + x) * 4;
      const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]];
      distinct.add((r >> 4) << 8 | (g >> 4) << 4 | (b >> 4));
      if (r + g + b < 384) ink++;  // darker than mid-grey: glyphs (antialiased)
    }
  assert.ok(distinct.size > 20, `the canvas is not blank (${distinct.size} distinct colours)`);
  assert.ok(ink > 2000, `the article column holds text (${ink} ink samples)`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the headline and every paragraph are in the HTML mirror', async () => {
  const page = await openPage(browser, server.url);
  const pack = await (await fetch(new URL('content/isis-losing-ground.json', server.url))).json();
  assert.equal((await page.locator('#mirror-headline').textContent()).trim(), pack.article.headline);
  // The text as written: without the small controls that follow nested mentions.
  const paragraphs = await page.locator('#mirror-body p').evaluateAll((ps) => ps.map((p) => {
    const copy = p.cloneNode(true);
    copy.querySelectorAll('.mention-group').forEach((group) => group.remove());
    return copy.textContent;
  }));
  assert.equal(paragraphs.length, pack.article.paragraphs.length);
  pack.article.paragraphs.forEach((p, i) => assert.ok(paragraphs[i].startsWith(p.text), `paragraph ${i}`));
  assertNoProblems(assert, page);
  await page.context().close();
});

for (const dpr of [1, 1.5, 2, 3]) {
  test(`fills the window exactly at devicePixelRatio ${dpr}, follows resizes, no scrollbars`, async () => {
    const page = await openPage(browser, server.url, { viewport: { width: 1000, height: 700 }, deviceScaleFactor: dpr });
    for (const size of [{ width: 1000, height: 700 }, { width: 1400, height: 900 }, { width: 640, height: 900 }, { width: 820, height: 500 }]) {
      await page.setViewportSize(size);
      await settle(page);
      const m = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        return { cssW: r.width, cssH: r.height, w: c.width, h: c.height, dpr: devicePixelRatio,
          scrollW: document.documentElement.scrollWidth, scrollH: document.documentElement.scrollHeight,
          innerW: innerWidth, innerH: innerHeight };
      });
      assert.equal(m.cssW, size.width);
      assert.equal(m.cssH, size.height);
      assert.equal(m.w, Math.round(size.width * dpr), 'backing store is device pixels wide');
      assert.equal(m.h, Math.round(size.height * dpr));
      assert.ok(m.scrollW <= m.innerW && m.scrollH <= m.innerH, `no scrollbars: ${JSON.stringify(m)}`);
    }
    assertNoProblems(assert, page);
    await page.context().close();
  });
}

test('draws no frames while idle (render on demand)', async () => {
  const page = await openPage(browser, server.url);
  await settle(page);
  const before = await page.evaluate(() => Explainer.stats().frames);
  await page.waitForTimeout(2000);
  const after = await page.evaluate(() => Explainer.stats().frames);
  assert.equal(after, before, `frames grew from ${before} to ${after} while idle`);
  // ...and input brings frames back.
  await page.mouse.move(300, 300);
  await page.mouse.move(320, 330);
  await page.waitForTimeout(300);
  assert.ok((await page.evaluate(() => Explainer.stats().frames)) > after, 'input draws frames');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a pack that fails to load shows a readable error, not a blank canvas', async () => {
  const page = await openPage(browser, server.url + '?pack=content/does-not-exist.json', { expectProblems: true });
  await page.waitForSelector('#error:not([hidden])');
  const text = await page.locator('#error').innerText();
  assert.match(text, /could not load/i);
  assert.match(text, /does-not-exist\.json/);
  assert.match(text, /404/);
  await page.context().close();
});

test('the base fonts are a file of their own, and without it the page says which file failed', async () => {
  // The engine is code only: the fonts come beside it, fetched while it compiles.
  const requests = [];
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const failing = await context.newPage();
  failing.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await failing.route('**/fonts/base.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await failing.goto(server.url);
  await failing.waitForSelector('#error:not([hidden])');
  const text = await failing.locator('#error').innerText();
  assert.match(text, /could not load/i);
  assert.match(text, /fonts\/base\.bin/);
  assert.match(text, /404/);
  assert.ok(requests.includes('/fonts/base.bin'), `the page asked for the base fonts: ${requests.join(' ')}`);
  await context.close();
});

test('while the engine loads, the page shows the headline and progress in HTML', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  // Every width the progress bar takes, in order.
  await context.addInitScript(() => {
    window.barWidths = [];
    new MutationObserver(() => {
      const bar = document.getElementById('progress-bar');
      if (bar && bar.style.width && bar.style.width !== window.barWidths.at(-1)) window.barWidths.push(bar.style.width);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
  });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  // Hold the engine's download so the loading screen can be read.
  await page.route('**/explainer.*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(server.url);
  const loading = page.locator('#loading');
  await loading.waitFor({ state: 'visible' });
  const pack = await (await fetch(new URL('content/isis-losing-ground.json', server.url))).json();
  assert.equal((await page.locator('#loading-headline').textContent()).trim(), pack.article.headline);
  assert.match(await page.locator('#loading-text').textContent(), /Loading/);
  assert.equal(await page.locator('#progress-bar').count(), 1);
  // The bar counts bytes: the pack's and the fonts' so far, not yet the engine's.
  await page.waitForFunction(() => window.barWidths.length > 0);
  const whileHeld = await page.evaluate(() => window.barWidths.map(parseFloat));
  assert.ok(whileHeld.at(-1) > 0 && whileHeld.at(-1) < 50, `while the engine is held, the bar is short of half: ${whileHeld}`);
  release();
  await page.evaluate(() => Explainer.ready);
  // Then the engine's bytes move it near to the end, and it never went back.
  const widths = await page.evaluate(() => window.barWidths.map(parseFloat));
  assert.ok(widths.every((width, i) => i === 0 || width >= widths[i - 1]), `the bar only grows: ${widths}`);
  assert.ok(widths.at(-1) >= 90, `the engine's bytes took the bar near full: ${widths}`);
  assert.equal(await loading.isVisible(), false, 'the loading screen goes away once ready');
  await context.close();
});

// Another pack's page is the default pack's index.html: until that pack is read, neither
// its loading screen, nor its tab, nor what a screen reader reads may name the default's
// story (a slow pack, one of many font files, kept the seed's headline there for seconds).
test('while another pack loads, no part of the page names the default pack\'s story', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/explainer.*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(server.url + '?pack=content/isis-losing-ground.json');
  await page.locator('#loading').waitFor({ state: 'visible' });
  const seed = await (await fetch(new URL('content/isis-losing-ground.json', server.url))).json();
  assert.equal((await page.locator('#loading-headline').textContent()).trim(), '');
  assert.equal(await page.title(), 'Loading… · Explainer');
  assert.equal(await page.locator('#mirror-headline').textContent(), 'Loading…');
  assert.ok(!(await page.locator('#mirror').textContent()).includes(seed.article.headline), 'the mirror names no story yet');
  release();
  await page.evaluate(() => Explainer.ready);
  // Once read, the pack names itself (here it is the same story, asked for by name).
  await page.waitForFunction((headline) => document.getElementById('mirror-headline').textContent === headline, seed.article.headline);
  assert.equal(await page.title(), seed.title);
  await context.close();
});

// A host that serves .wasm as another type: the engine compiles from the whole download.
test('an engine served without the application/wasm type still starts', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.route('**/explainer.*.wasm', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto(server.url);
  await page.evaluate(async () => {
    while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
    await window.Explainer.ready;
  });
  assert.ok((await page.evaluate(() => Explainer.entities())).length > 10, 'the pack is loaded');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without WebGL2 the page explains why and shows the article as HTML', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : original.call(this, type, ...rest);
    };
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.locator('#error').innerText(), /WebGL2 is not available/);
  assert.equal(await page.locator('#canvas').isVisible(), false);
  // The readable fallback: the mirror is visible and holds the paragraphs.
  const mirror = page.locator('#mirror');
  assert.ok((await mirror.boundingBox()).height > 300, 'the article text is shown');
  assert.ok((await page.locator('#mirror-body p').count()) >= 10);
  assert.equal(await page.locator('#mirror-body').getAttribute('lang'), null, 'the seed states no language');
  // A pack that states its language is read in it here too.
  await page.goto(server.url + '?pack=/test-packs/nunavut-cherokee-tamazight.json');
  await page.waitForSelector('#error:not([hidden])');
  assert.ok((await page.locator('#mirror-body p').count()) >= 4);
  assert.equal(await page.locator('#mirror-body').getAttribute('lang'), 'en');
  await context.close();
});

test('the Share button shows the link to this view and ready-to-paste embed code', async () => {
  const page = await openPage(browser, server.url);
  await page.evaluate(() => Explainer.select('ramadi'));
  await settle(page);
  const link = await page.evaluate(() => Explainer.getLink());
  await page.locator('#share-button').click();
  const dialog = page.locator('#share-dialog');
  await dialog.waitFor({ state: 'visible' });
  const shared = await page.locator('#share-link').inputValue();
  assert.ok(shared.endsWith(link) && link.includes('sel=ramadi'), `the link reopens this view: ${shared}`);
  assert.match(await page.locator('#embed-iframe').inputValue(), /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/index\.html\?embed=1#v=1&sel=ramadi/);
  // The script embed's iframe is named as the iframe code's is (its title).
  const iframeTitle = (await page.locator('#embed-iframe').inputValue()).match(/ title="([^"]+)"/)[1];
  assert.match(await page.locator('#embed-script').inputValue(), /data-explainer-link="#v=1&sel=ramadi[^"]*" data-explainer-title="([^"]+)"><\/div>\n<script async src="[^"]+embed\.js"><\/script>/);
  assert.equal((await page.locator('#embed-script').inputValue()).match(/data-explainer-title="([^"]+)"/)[1], iframeTitle);
  // Copy: the Clipboard API where allowed, otherwise the text is selected for Ctrl+C.
  await page.locator('[data-copy="share-link"]').click();
  await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  assert.match(await page.locator('#copy-status').textContent(), /Copied|Ctrl\+C/);
  await page.locator('#share-close').click();
  await dialog.waitFor({ state: 'hidden' });
  assertNoProblems(assert, page);
  await page.context().close();
});

// An embed's "Open full explainer" link sits in its bar at every width. On a phone (or a
// column of 700 px or less) it was an empty box 58 px high, hanging below the 44 px bar
// with a lone "↗" in its corner: a link's box grew by its padding, a button's did not.
test("an embed's link to the full explainer reads in its bar, wide and narrow", async () => {
  for (const [viewport, text] of [[{ width: 1280, height: 800 }, 'Open full explainer ↗'], [{ width: 390, height: 844 }, 'Open ↗']]) {
    const page = await openPage(browser, server.url + '?embed=1', { viewport });
    await settle(page);
    const link = page.locator('#open-full');
    assert.equal(await link.textContent(), text);
    const [box, bar, share] = await Promise.all([link.boundingBox(), page.locator('#chrome').boundingBox(), page.locator('#share-button').boundingBox()]);
    assert.ok(box.y >= bar.y - 0.5 && box.y + box.height <= bar.y + bar.height + 0.5,
      `${viewport.width} px: the link ${JSON.stringify(box)} lies in the bar ${JSON.stringify(bar)}`);
    assert.ok(Math.abs(box.height - share.height) < 0.5, `${viewport.width} px: as tall as the Share button (${box.height} and ${share.height})`);
    assertNoProblems(assert, page);
    await page.context().close();
  }
  // Outside an embed there is none (a display given to the link outdid its hidden attribute).
  const page = await openPage(browser, server.url);
  assert.equal(await page.locator('#open-full').isVisible(), false);
  await page.context().close();
});
