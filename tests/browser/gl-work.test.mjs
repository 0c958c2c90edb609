// The GL work of a frame (issue 10), counted call by call in the page's WebGL2 context,
// not timed, so a loaded machine cannot make it pass or fail: a frame sets none of the
// fixed state again (the renderer keeps what it set), and a hover that lights a country
// on the map uploads what it lights, not the basemap (the renderer keeps each layer's land
// and lines in buffers of their own).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, assertNoProblems, settle } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

// Wraps every WebGL2 call to count it (window.glWork.calls) and the bytes each frame
// uploads (window.glWork.frames: one entry per clear, which starts a frame).
function countGlWork() {
  const work = { calls: {}, frames: [] };
  window.glWork = work;
  const bytes = (data, offset = 0, length = 0) => {
    if (typeof data === 'number') return data;
    if (ArrayBuffer.isView(data)) return (length || data.length - offset) * (data.BYTES_PER_ELEMENT || 1);
    return data ? data.byteLength : 0;
  };
  const proto = WebGL2RenderingContext.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original = Object.getOwnPropertyDescriptor(proto, name).value;
    if (typeof original !== 'function') continue;
    proto[name] = function (...args) {
      work.calls[name] = (work.calls[name] || 0) + 1;
      if (name === 'clear') work.frames.push(0);
      const last = work.frames.length - 1;
      if (last >= 0 && name === 'bufferData') work.frames[last] += bytes(args[1], args[3], args[4]);
      if (last >= 0 && name === 'bufferSubData') work.frames[last] += bytes(args[2], args[3], args[4]);
      return original.apply(this, args);
    };
  }
}

const resetWork = (page) => page.evaluate(() => { window.glWork.calls = {}; window.glWork.frames = []; });
const work = (page) => page.evaluate(() => window.glWork);

// Centres of the article's mentions on screen of places drawn as countries, and of the
// other mentions there.
async function mentionsOnScreen(page) {
  return page.evaluate(() => {
    const out = { countries: [], others: [] };
    for (const e of Explainer.entities())
      for (const r of Explainer.locate(e.id))
        if (r.panel === 'article' && r.y > 60 && r.y + r.height < innerHeight && r.width > 4)
          (e.type === 'place' && e.country ? out.countries : out.others).push({ id: e.id, x: r.x + r.width / 2, y: r.y + r.height / 2 });
    return out;
  });
}

test('frames after the first set none of the fixed GL state again', async () => {
  const page = await openPage(browser, server.url, { viewport: { width: 1280, height: 800 }, initScript: countGlWork });
  await settle(page);
  await resetWork(page);
  const { countries, others } = await mentionsOnScreen(page);
  for (const m of [...countries, ...others].slice(0, 8)) await page.mouse.move(m.x, m.y);
  await page.mouse.move(300, 400);
  for (let i = 0; i < 6; ++i) await page.mouse.wheel(0, 120);
  await page.mouse.move(900, 250);
  await page.mouse.down();
  await page.mouse.move(960, 290, { steps: 6 });
  await page.mouse.up();
  await settle(page);
  const { calls, frames } = await work(page);
  assert.ok(frames.length >= 10, `hovers, a scroll and a pan drew frames (${frames.length})`);
  for (const name of ['enable', 'disable', 'blendEquation', 'blendFuncSeparate', 'useProgram', 'activeTexture', 'viewport', 'clearColor'])
    assert.equal(calls[name] || 0, 0, `${frames.length} frames called ${name} ${calls[name]} times (it was set before them)`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a hover that lights a country uploads what it lights, not the basemap', async () => {
  const page = await openPage(browser, server.url, { viewport: { width: 1280, height: 800 }, initScript: countGlWork });
  await settle(page);
  const first = (await work(page)).frames[0];
  const { countries, others } = await mentionsOnScreen(page);
  assert.ok(countries.length >= 2 && others.length >= 2, `the article shows mentions of countries (${countries.length}) and others (${others.length})`);
  await page.mouse.move(others[0].x, others[0].y);
  await settle(page);
  await resetWork(page);
  const lit = new Set();
  for (let i = 0; i < 8; ++i) {
    const country = countries[i % countries.length], other = others[i % others.length];
    await page.mouse.move(country.x, country.y);
    await settle(page);
    lit.add((await page.evaluate(() => Explainer.getState().hover)));
    await page.mouse.move(other.x, other.y);
    await settle(page);
  }
  const { frames } = await work(page);
  const most = Math.max(...frames);
  assert.ok(lit.size >= 2, `the hovers lit countries (${[...lit].join(', ')})`);
  assert.ok(frames.length >= 16, `each hover drew (${frames.length} frames)`);
  // The first frame uploads every panel, the basemap's land and lines the most of it (about
  // 1.1 MB). A frame that lights a country uploads that country and the panels whose emphasis
  // changed: up to 143 KB, a seventh of the first, since the seed's timeline names all eight of
  // its events (it named six, and the bound was an eighth); one that uploaded the basemap again
  // would be most of the first.
  assert.ok(most < first / 6, `a hover's frame uploaded up to ${most} bytes; the first frame, with the basemap, ${first}`);
  assertNoProblems(assert, page);
  await page.context().close();
});

// Records every set of a canvas's width or height (window.canvasSizes), and whether the
// canvas had a WebGL context then; and, at each animation frame before ready, whether the
// canvas was shown (window.framesBeforeReady).
function recordCanvasSizes() {
  const sizes = [];
  window.canvasSizes = sizes;
  const frames = { all: 0, canvasShown: 0 };
  window.framesBeforeReady = frames;
  const watch = () => {
    if (document.body?.classList.contains('ready')) return;
    const canvas = document.getElementById('canvas');
    frames.all++;
    if (canvas && getComputedStyle(canvas).visibility !== 'hidden') frames.canvasShown++;
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  const proto = HTMLCanvasElement.prototype;
  const getContext = proto.getContext;
  proto.getContext = function (...args) {
    const context = getContext.apply(this, args);
    if (context) this.hadContext = true;
    return context;
  };
  for (const name of ['width', 'height']) {
    const { get, set } = Object.getOwnPropertyDescriptor(proto, name);
    Object.defineProperty(proto, name, {
      get, configurable: true,
      set(value) {
        sizes.push({ name, value, withContext: !!this.hadContext, ready: document.body.classList.contains('ready') });
        set.call(this, value);
      },
    });
  }
}

for (const setup of [{ viewport: { width: 1280, height: 800 } },
  { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }]) {
  const name = `${setup.viewport.width}x${setup.viewport.height}`;
  test(`${name}: the canvas is sized before its context exists, so the first frame does not reallocate its buffer, and hidden until then`, async () => {
    // The engine's download is held until the loading screen has painted a few frames: with
    // the page's scripts inline, a quick start can be ready before its first paint, and
    // then no frame would show whether the canvas is hidden while the page loads.
    const holdEngine = (page) => page.route('**/explainer.*.wasm', async (route) => {
      while (await page.evaluate(() => (window.framesBeforeReady?.all ?? 0) < 3)) await new Promise((resolve) => setTimeout(resolve, 20));
      await route.continue();
    });
    const page = await openPage(browser, server.url, { ...setup, initScript: recordCanvasSizes, beforeGoto: holdEngine });
    const scale = setup.deviceScaleFactor || 1;
    const size = () => page.evaluate(() => ({ width: canvas.width, height: canvas.height, css: canvas.getBoundingClientRect() }));
    const started = await size();
    assert.equal(started.width, Math.round(started.css.width * scale), 'the drawing buffer is as wide as the canvas in device pixels');
    assert.equal(started.height, Math.round(started.css.height * scale), 'and as tall');
    const sizes = await page.evaluate(() => window.canvasSizes);
    assert.deepEqual(sizes.filter((s) => s.withContext), [], 'no size was set once the context existed');
    assert.deepEqual(sizes.map((s) => s.value), [started.width, started.height], 'the page set the size once, before the context');
    // A canvas that is shown, even under the loading screen, is composited (and read back,
    // in headless Chromium) in each frame painted before ready: at its full size, that
    // made a phone's start slower.
    const frames = await page.evaluate(() => window.framesBeforeReady);
    assert.ok(frames.all >= 3, `the page painted while it loaded (${frames.all} frames)`);
    assert.equal(frames.canvasShown, 0, `the canvas was hidden in every frame before ready (${frames.all} frames)`);
    assert.equal(await page.evaluate(() => getComputedStyle(canvas).visibility), 'visible', 'and is shown once ready');
    // A window of another size resizes the buffer (width and height once each) and draws.
    const drawn = await page.evaluate(() => Explainer.stats().frames);
    await page.setViewportSize({ width: setup.viewport.width - 40, height: setup.viewport.height - 60 });
    await page.waitForFunction((before) => Explainer.stats().frames > before, drawn);
    await settle(page);
    const resized = await size();
    assert.equal(resized.width, Math.round(resized.css.width * scale), 'after a resize, the buffer follows the canvas');
    assert.equal(resized.height, Math.round(resized.css.height * scale));
    assert.notEqual(resized.width, started.width);
    const after = (await page.evaluate(() => window.canvasSizes)).filter((s) => s.withContext);
    assert.deepEqual(after.map((s) => s.value), [resized.width, resized.height], 'the resize set each side once');
    assertNoProblems(assert, page);
    await page.context().close();
  });
}
