// The start (issue 10): Explainer.ready resolves at the first frame, and that frame is
// complete: what it drew is what the reader keeps seeing (no second frame moves the map
// or a panel into place). The start's performance marks are in order. The browser the tests
// and benches launch loads no page of its own beside the page under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchPolicyViolations, settle, resourceEntries, webDir } from './harness.mjs';
import { engineIn } from '../../tools/first-load.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

// Runs in the page before its own scripts: when page.js defines window.Explainer, waits
// on its ready and records, in the reaction to ready itself (before any later frame can
// run), the frames drawn and where every entity is drawn.
function recordAtReady() {
  // The entities, and the phone's tabs and the headline, which leave room for the page's
  // own buttons.
  const ids = () => [...window.Explainer.entities().map((e) => e.id), 'article:headline',
    ...['article', 'map', 'timeline', 'quotes'].map((panel) => `tab:${panel}`)];
  const locateAll = () => Object.fromEntries(ids().map((id) => [id, window.Explainer.locate(id)]));
  window.__locateAll = locateAll;
  let explainer;
  Object.defineProperty(window, 'Explainer', {
    configurable: true,
    get: () => explainer,
    set: (value) => {
      explainer = value;
      window.__atReady = value.ready.then(() => ({ frames: value.stats().frames, located: locateAll(), state: value.getState(),
        missingGlyphs: value.stats().missingGlyphs, mirrored: document.body.classList.contains('mirrored'),
        mirrorParagraphs: document.querySelectorAll('#mirror-body p').length }));
    },
  });
}

const SETUPS = [
  { name: '1280x800', map: true, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  // The phone opens on the article tab: the map is not drawn.
  { name: 'phone 390x844 DPR 3', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  { name: 'link to a selection, 1024x700', map: true, viewport: { width: 1024, height: 700 }, deviceScaleFactor: 2, urlTail: '#v=1&sel=raqqa' },
  // Another continent; and a pack whose Greek and Cyrillic glyphs come in font chunks
  // fetched after the pack is read (the first frame's atlas already holds them).
  { name: 'South America pack', map: true, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1,
    urlTail: '?pack=/test-packs/southern-americas.json' },
  { name: 'Greek and Cyrillic pack, phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true,
    urlTail: '?pack=/test-packs/greek-cyrillic-nested.json' },
];

for (const { name, urlTail = '', map = false, ...options } of SETUPS) {
  test(`ready resolves after exactly one frame, and that frame is the settled view (${name})`, async () => {
    const context = await browser.newContext(options);
    const violations = [];
    await watchPolicyViolations(context, violations);
    await context.addInitScript(recordAtReady);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(server.url + urlTail);
    const atReady = await page.evaluate(() => window.__atReady);
    assert.equal(atReady.frames, 1, 'Explainer.ready resolves at the first frame drawn');
    // The HTML mirror follows the first paint (it cost as much as the first frame).
    assert.equal(atReady.mirrored, false, 'the mirror is not built before the first frame');
    assert.equal(atReady.mirrorParagraphs, 0);
    await page.waitForFunction(() => document.body.classList.contains('mirrored'));
    assert.ok(await page.locator('#mirror-body p').count() > 0, 'the mirror holds the article once built');
    await settle(page);
    const settled = await page.evaluate(() => ({ located: window.__locateAll(), state: Explainer.getState(),
      missingGlyphs: Explainer.stats().missingGlyphs }));
    assert.deepEqual(atReady.missingGlyphs, [], 'the first frame has every glyph the pack needs');
    assert.deepEqual(settled.missingGlyphs, []);
    assert.deepEqual(atReady.state, settled.state, 'the state at ready is the settled state');
    const panels = new Set(Object.values(atReady.located).flat().map((r) => r.panel));
    assert.equal(panels.has('tabs'), Boolean(options.isMobile), `tabs drawn at ready on a phone only: ${[...panels]}`);
    assert.ok(panels.has('article') && panels.has('map') === map, `drawn at ready: ${[...panels]}`);
    assert.deepEqual(atReady.located, settled.located, 'every entity, tab and the headline are where the first frame drew them');
    // Nothing after ready draws the same picture again (a frame is a whole canvas of the
    // GPU's fill): not the page's first surface report, nor the map's report of its size,
    // nor, on the article's tab, the basemap. Only the map's detail tiles draw, as they arrive.
    const fetched = await resourceEntries(page);
    const frames = await settle(page);
    const tiles = fetched.filter((entry) => entry.path.includes('/basemap-detail/')).length;
    if (map) assert.ok(frames <= 1 + tiles, `${frames} frames drawn for ${tiles} detail tiles`);
    else assert.equal(frames, 1, 'the first frame is the only one');
    const marks = await page.evaluate(() => ['instantiated', 'engine-started', 'pack-loaded', 'first-frame']
      .map((mark) => performance.getEntriesByName(`explainer:${mark}`)[0]?.startTime ?? null));
    assert.ok(marks.every((t) => t !== null), `every start mark is left (${marks})`);
    assert.deepEqual([...marks].sort((a, b) => a - b), marks, 'the marks are in the order of the start');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The first visit's page holds its scripts and styles (tools/assemble-web.mjs), and asks for
// the engine, the base fonts and the basemap from its head (preloads), not only once page.js
// runs: so before page.js's own first request, the pack's. page.js's fetches take the
// preloaded responses rather than downloading again.
// The measure itself: a new context (a new window of the launched browser) must not load
// the address bar's popups, pages of the browser's own that took 1.0-1.7 s of CPU a visit
// on the cores the page under measure runs on (launch(), harness.mjs). A browser target is
// listed once it exists; the popups were there at the page's load event, each time.
test('a fresh context runs the page under test and no page of the browser\'s own', async () => {
  const cdp = await browser.newBrowserCDPSession();
  try {
    for (let visit = 0; visit < 2; ++visit) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url + 'oembed.json');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { targetInfos } = await cdp.send('Target.getTargets');
      const others = targetInfos.filter((t) => t.type !== 'page' && t.type !== 'browser').map((t) => `${t.type} ${t.url}`);
      await context.close();
      assert.deepEqual(others, [], 'targets other than the page');
    }
  } finally {
    await cdp.detach();
  }
});

test('a first visit asks for its files from the head, each once, and for no script or style', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(server.url);
  await page.evaluate(async () => {
    while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
    await window.Explainer.ready;
  });
  const timing = Object.fromEntries((await resourceEntries(page)).map((e) => [e.path, e]));
  assert.deepEqual(requested.filter((p) => /\.(js|css)$/.test(p)), [], 'no script or style is fetched');
  const pack = '/content/isis-losing-ground.json';
  const engine = `/${engineIn(webDir)}`;
  for (const file of [engine, '/fonts/base.bin', '/data/basemap.bin', pack]) {
    assert.equal(requested.filter((p) => p === file).length, 1, `${file} is requested once (${requested})`);
    assert.ok(timing[file], `${file} was fetched`);
  }
  for (const file of [engine, '/fonts/base.bin', '/data/basemap.bin'])
    assert.ok(timing[file].start < timing[pack].start, `${file} asked for at ${timing[file].start.toFixed(0)} ms, the pack at ${timing[pack].start.toFixed(0)} ms`);
  await context.close();
});

// A phone's first frame shows the article's tab, so its page asks for the basemap after
// that frame, not from the head, and the mirror's map list names the places' countries
// then. A link that opens the map's tab has the basemap in the first frame instead.
test("a phone asks for the basemap after its first frame, unless a link opens the map's tab", async () => {
  for (const [hash, inFirstFrame] of [['', false], ['#v=1&sel=ramadi&tab=map', true]]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const problems = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    await page.goto(server.url + hash);
    const atReady = await page.evaluate(async () => {
      while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
      await window.Explainer.ready;
      const panel = Explainer.getState().panel;
      while (!document.body.classList.contains('mirrored')) await new Promise((resolve) => setTimeout(resolve, 5));
      return { panel, mirrored: document.querySelector('#mirror-map .detail[data-place="ramadi"]').textContent };
    });
    assert.equal(atReady.panel, inFirstFrame ? 'map' : 'article');
    if (inFirstFrame) assert.equal(atReady.mirrored, ', Iraq', 'the mirror, built after the first paint, names the country at once');
    await page.waitForFunction(() => /, Iraq/.test(document.querySelector('#mirror-map .detail[data-place="ramadi"]')?.textContent || ''));
    assert.equal(requested.filter((p) => p === '/data/basemap.bin').length, 1, `${hash || 'no link'}: the basemap is asked for once`);
    // When the page asked for it, against the first frame's mark, both on the page's clock:
    // the requests this test sees arrive later than the page makes them, and the page asks
    // for a phone's basemap as soon as it is idle after the first frame.
    const order = await page.evaluate(() => ({
      basemap: performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/data/basemap.bin')?.startTime,
      firstFrame: performance.getEntriesByName('explainer:first-frame')[0]?.startTime,
    }));
    assert.ok(order.basemap !== undefined && order.firstFrame !== undefined, JSON.stringify(order));
    assert.equal(order.basemap < order.firstFrame, inFirstFrame,
      `${hash || 'no link'}: the basemap asked for at ${order.basemap.toFixed(1)} ms, the first frame at ${order.firstFrame.toFixed(1)} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

// A link's selection is made before the mirror exists (the mirror follows the first
// paint): it is announced once the mirror is built, as it was when the mirror came first,
// and once only, with its country. A phone's basemap comes after the mirror: a link's place
// is announced when it is in (it was announced at once, "Selected place: Ramadi.").
// The engine's WebGL2 context is the one the page made, with the attributes main() asks
// for (src/platform/main_web.cpp): no alpha, depth, stencil or multisampling.
test("a link's selection is announced once, with its country, on a desktop and on a phone; the canvas's context is the page's", async () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  for (const [hash, options, place, country] of [['#v=1&sel=raqqa', { viewport: { width: 1280, height: 800 } }, 'Raqqa', 'Syria'],
    ['#v=1&sel=ramadi', phone, 'Ramadi', 'Iraq']]) {
    const context = await browser.newContext(options);
    // Every text the live region says, from the document's start.
    await context.addInitScript(() => {
      window.announced = [];
      new MutationObserver(() => {
        const text = document.getElementById('mirror-live')?.textContent;
        if (text && text !== window.announced.at(-1)) window.announced.push(text);
      }).observe(document, { childList: true, characterData: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(server.url + hash);
    await page.waitForFunction(() => document.body.classList.contains('mirrored'));
    const id = place.toLowerCase();
    await page.waitForFunction((id) => document.querySelector(`#mirror-map .detail[data-place="${id}"]`)?.textContent, id);
    await page.waitForFunction(() => window.announced.length > 0);
    const announced = await page.evaluate(() => window.announced);
    assert.equal(announced.length, 1, `${hash}: said once: ${JSON.stringify(announced)}`);
    assert.ok(announced[0].startsWith(`Selected place: ${place}, ${country}. `), `${hash}: ${announced[0]}`);
    assert.equal(await page.locator('#mirror button[aria-current]').first().getAttribute('data-entity'), id);
    const attributes = await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getContextAttributes());
    assert.deepEqual({ alpha: attributes.alpha, depth: attributes.depth, stencil: attributes.stencil, antialias: attributes.antialias,
      premultipliedAlpha: attributes.premultipliedAlpha }, { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true });
    await context.close();
  }
});
