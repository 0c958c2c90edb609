// The first visit's bytes (issue 10): a first visit of index.html fetches, before its
// first frame, exactly the files tools/first-load.mjs lists, and their gzip copies (as
// the build wrote them, as the server sends them) meet the goals: 400 KB in total and
// 300 KB of app code (html, js, wasm), 1 KB = 1000 bytes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, webDir } from './harness.mjs';
import { FIRST_LOAD_FILES, isAppCode, FIRST_LOAD_GZIP_GOAL, APP_CODE_GZIP_GOAL } from '../../tools/first-load.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

test('a first visit fetches the listed files, and their gzip copies meet the goals', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  const fetched = await page.evaluate(async () => {
    await window.Explainer.ready;
    const ready = performance.getEntriesByName('explainer:first-frame')[0].startTime;
    return performance.getEntriesByType('resource').filter((e) => e.startTime <= ready).map((e) => e.name);
  });
  await context.close();
  const files = ['index.html', ...fetched.map((url) => decodeURIComponent(new URL(url).pathname).replace(/^\//, ''))];
  assert.deepEqual([...new Set(files)].sort(), [...FIRST_LOAD_FILES].sort(), 'tools/first-load.mjs lists what a first visit fetches');

  let total = 0, code = 0;
  for (const file of FIRST_LOAD_FILES) {
    const gz = path.join(webDir, file + '.gz');
    assert.ok(fs.existsSync(gz), `${file}.gz is written beside ${file}`);
    const size = fs.statSync(gz).size;
    total += size;
    if (isAppCode(file)) code += size;
  }
  assert.ok(total <= FIRST_LOAD_GZIP_GOAL, `first load ${total} bytes gzip, goal ${FIRST_LOAD_GZIP_GOAL}`);
  assert.ok(code <= APP_CODE_GZIP_GOAL, `app code ${code} bytes gzip, goal ${APP_CODE_GZIP_GOAL}`);
});
