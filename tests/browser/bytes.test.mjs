// The first visit's bytes (issue 10): a first visit of index.html fetches, before its
// first frame, exactly the files tools/first-load.mjs lists, and their gzip copies (as
// the build wrote them, as the server sends them) meet the goals: 400 KB in total and
// 300 KB of app code (html, js, wasm), 1 KB = 1000 bytes. And no function of the engine
// is large enough to cost V8 long to compile again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, webDir, resourceEntries } from './harness.mjs';
import { firstLoadFiles, engineIn, isAppCode, FIRST_LOAD_GZIP_GOAL, APP_CODE_GZIP_GOAL } from '../../tools/first-load.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

test('a first visit fetches the listed files, and their gzip copies meet the goals', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  const ready = await page.evaluate(async () => {
    await window.Explainer.ready;
    return performance.getEntriesByName('explainer:first-frame')[0].startTime;
  });
  const fetched = (await resourceEntries(page)).filter((e) => e.start <= ready).map((e) => e.path);
  await context.close();
  const files = ['index.html', ...fetched.map((file) => file.replace(/^\//, ''))];
  const listed = firstLoadFiles(webDir);
  assert.deepEqual([...new Set(files)].sort(), [...listed].sort(), 'tools/first-load.mjs lists what a first visit fetches');

  let total = 0, code = 0;
  for (const file of listed) {
    const gz = path.join(webDir, file + '.gz');
    assert.ok(fs.existsSync(gz), `${file}.gz is written beside ${file}`);
    const size = fs.statSync(gz).size;
    total += size;
    if (isAppCode(file)) code += size;
  }
  assert.ok(total <= FIRST_LOAD_GZIP_GOAL, `first load ${total} bytes gzip, goal ${FIRST_LOAD_GZIP_GOAL}`);
  assert.ok(code <= APP_CODE_GZIP_GOAL, `app code ${code} bytes gzip, goal ${APP_CODE_GZIP_GOAL}`);
});

// The sizes of a wasm module's function bodies (its code section), largest first.
function functionSizes(file) {
  const bytes = fs.readFileSync(file);
  let at = 8;  // past the magic number and the version
  const leb = () => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return value;
  };
  const sizes = [];
  while (at < bytes.length) {
    const id = bytes[at++], length = leb(), end = at + length;
    if (id === 10) for (let count = leb(), i = 0; i < count; ++i) { const size = leb(); sizes.push(size); at += size; }
    at = end;
  }
  return sizes.sort((a, b) => b - a);
}

// V8 compiles a function that runs hot again with TurboFan, on a background thread, in time
// that grows faster than its size; wasm-opt, left to itself, inlines every function into its
// only caller and made the frame one 44 KB function (166 ms of TurboFan before the first
// frame). cmake/web.cmake's EXPLAINER_WEB_ONE_CALLER_INLINE keeps them apart.
test('no function of the engine is a giant for V8 to compile again', () => {
  for (const file of [engineIn(webDir), 'explainer-editor.wasm']) {
    const sizes = functionSizes(path.join(webDir, file));
    assert.ok(sizes.length > 1000, `${file} has its functions (${sizes.length})`);
    assert.ok(sizes[0] <= 16000, `${file}'s largest function is ${sizes[0]} bytes (at most 16,000)`);
  }
});
