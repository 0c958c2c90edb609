// Shared set-up for the browser tests: a local static server on a free port serving
// build/web/ (plus the test packs under /test-packs/), Debian's Chromium driven by
// playwright-core (headless, SwiftShader WebGL2), and pages that fail the test on any
// console error or uncaught exception.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../tools/static-server.mjs';

export const root = process.env.EXPLAINER_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const webDir = process.env.EXPLAINER_WEB_DIR || path.join(root, 'build/web');
export const artifacts = path.join(root, 'tests/browser/artifacts');

export async function serve(options = {}) {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error(`${webDir}/index.html is missing: build first (scripts/build)`);
  return startServer({ dir: webDir, mounts: { '/test-packs': path.join(root, 'tests/packs') }, ...options });
}

// Playwright gives every launch a fresh, empty profile of its own.
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-dev-shm-usage'],
  });
}

// A page that records console errors and uncaught exceptions; `problems` must stay empty.
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, hasTouch = false,
  isMobile = false, colorScheme = 'light', reducedMotion = 'no-preference', expectProblems = false } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch, isMobile, colorScheme, reducedMotion });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => page.problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(url);
  if (!expectProblems) await page.evaluate(() => window.Explainer.ready);
  return page;
}

export function assertNoProblems(assert, page) {
  assert.deepEqual(page.problems, [], 'the page logged errors');
}

// Waits until the explainer has drawn at least one frame more than `since`, then
// until it goes idle (no frame for `quietMs`): what a reader sees after an action.
export async function settle(page, { quietMs = 250, timeoutMs = 10000 } = {}) {
  const start = Date.now();
  let last = await page.evaluate(() => Explainer.stats().frames);
  let lastChange = Date.now();
  while (Date.now() - start < timeoutMs) {
    await page.waitForTimeout(50);
    const now = await page.evaluate(() => Explainer.stats().frames);
    if (now !== last) { last = now; lastChange = Date.now(); }
    else if (Date.now() - lastChange >= quietMs) return last;
  }
  throw new Error(`the explainer did not go idle within ${timeoutMs} ms (frames still being drawn)`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

// Decodes a PNG screenshot into RGBA pixels, through the page's own canvas (no image
// library needed): returns {width, height, data} where data is a plain array.
export async function decodePng(page, png) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + base64;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height);
    return { width: image.width, height: image.height, data: Array.from(pixels.data) };
  }, png.toString('base64'));
}

// The centre of the first rectangle Explainer.locate() reports for an entity in a panel.
export async function locateCentre(page, id, panel) {
  const rects = await page.evaluate(([id]) => Explainer.locate(id), [id]);
  const rect = rects.find((r) => !panel || r.panel === panel);
  if (!rect) throw new Error(`${id} is not drawn in ${panel || 'any panel'} (locate gave ${JSON.stringify(rects)})`);
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2, rect };
}
