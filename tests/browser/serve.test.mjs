// scripts/serve answers with the reader first and completes build/web/ behind it (issue 10,
// "the main job first"): the static server never sends a .gz/.br copy of what a file was
// before, answers a page still being built with a page that reloads itself (never a 404),
// and tools/assemble-web.mjs writes the reader alone, then the whole site, rewriting only
// what changed and deleting what an earlier build left. No browser: plain HTTP.
//
// Index
// - [SECTION] Set-up
// - [SECTION] Compressed copies
// - [SECTION] Pages still being built
// - [SECTION] The reader first, then the whole site
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './harness.mjs';
import { engineIn, engineName } from '../../tools/first-load.mjs';
import { startServer } from '../../tools/static-server.mjs';

// [SECTION] Set-up ----------------------------------------------------------------------------------

// GET `target` with `headers`: {status, headers, body (Buffer, as sent)}.
function get(url, target, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(new URL(target, url), { headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const decoded = ({ headers, body }) => (headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(body)
  : headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8');
const anHourAgo = () => new Date(Date.now() - 3600 * 1000);
const inTemp = (name) => fs.mkdtempSync(path.join(os.tmpdir(), `explainer-${name}-`));

// [SECTION] Compressed copies -------------------------------------------------------------------------

test('the static server never sends a .gz or .br copy older than its file', async () => {
  const dir = inTemp('copies');
  const file = path.join(dir, 'app.js');
  const writeCopies = (text) => {
    fs.writeFileSync(file + '.gz', zlib.gzipSync(text));
    fs.writeFileSync(file + '.br', zlib.brotliCompressSync(text));
  };
  // The copies of the old file, then the new file (as assemble-web leaves them between its
  // writing a file and compressing it again).
  writeCopies('old();'.repeat(100));
  for (const suffix of ['.gz', '.br']) fs.utimesSync(file + suffix, anHourAgo(), anHourAgo());
  fs.writeFileSync(file, 'fresh();'.repeat(100));
  const { server, url } = await startServer({ dir });
  try {
    for (const encoding of ['gzip, deflate, br', 'gzip', 'br']) {
      const response = await get(url, '/app.js', { 'Accept-Encoding': encoding });
      assert.equal(response.headers['content-encoding'], undefined, `${encoding}: a copy older than its file is not sent`);
      assert.equal(decoded(response), 'fresh();'.repeat(100));
    }
    // Copies made after the file are sent, Brotli first.
    writeCopies('fresh();'.repeat(100));
    const both = await get(url, '/app.js', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(both.headers['content-encoding'], 'br');
    assert.equal(decoded(both), 'fresh();'.repeat(100));
    const gzip = await get(url, '/app.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(decoded(gzip), 'fresh();'.repeat(100));
    assert.equal(gzip.headers.vary, 'Accept-Encoding');
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// [SECTION] Pages still being built -----------------------------------------------------------------

test('a page still being built answers with a page that reloads itself, then with itself', async () => {
  const dir = inTemp('pending');
  const statusFile = path.join(dir, 'status');
  const web = path.join(dir, 'web');
  fs.mkdirSync(web);
  fs.writeFileSync(path.join(web, 'index.html'), '<p>reader</p>');
  const { server, url } = await startServer({ dir: web, pending: { pages: ['edit.html'], statusFile } });
  try {
    fs.writeFileSync(statusFile, 'building\n');
    const building = await get(url, '/edit.html?pack=content/x.json');
    assert.equal(building.status, 503, 'not a 404 while it is being built');
    assert.equal(building.headers['retry-after'], '2');
    assert.equal(building.headers['cache-control'], 'no-store', 'no cache keeps the waiting page');
    assert.match(building.body.toString(), /<meta http-equiv="refresh" content="2">/);
    assert.match(building.body.toString(), /edit\.html is still being built/);
    assert.equal((await get(url, '/')).body.toString(), '<p>reader</p>', 'the reader answers meanwhile');
    assert.equal((await get(url, '/other.html')).status, 404, 'only the pages named wait');

    fs.writeFileSync(statusFile, 'failed\n');
    const failed = await get(url, '/edit.html');
    assert.equal(failed.status, 503);
    assert.match(failed.body.toString(), /Building edit\.html failed/);
    assert.doesNotMatch(failed.body.toString(), /refresh/, 'a failed build does not reload forever');

    fs.writeFileSync(statusFile, 'building\n');
    fs.writeFileSync(path.join(web, 'edit.html'), '<p>editor</p>');
    const ready = await get(url, '/edit.html');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.toString(), '<p>editor</p>', 'once there, the page itself');

    fs.rmSync(path.join(web, 'edit.html'));
    fs.rmSync(statusFile);
    assert.equal((await get(url, '/edit.html')).status, 404, 'no build going on: a missing page is missing');
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// [SECTION] The reader first, then the whole site ------------------------------------------------------

test('assemble-web writes the reader alone, then the whole site, rewriting only what changed', () => {
  const out = inTemp('assemble');
  const assemble = (...extra) => execFileSync('node', [path.join(root, 'tools/assemble-web.mjs'), '--build', path.join(root, 'build/wasm'),
    '--out', out, '--root', root, '--precompress', 'off', ...extra], { stdio: 'pipe' });
  const files = () => fs.readdirSync(out, { recursive: true }).filter((f) => fs.statSync(path.join(out, f)).isFile()).sort();
  try {
    assemble('--part', 'reader');
    const reader = files();
    for (const file of ['index.html', engineIn(out), 'mirror.js', 'fonts/base.bin',
      'data/basemap.bin', 'content/isis-losing-ground.json', 'explainer-standalone.html', 'embed.js'])
      assert.ok(reader.includes(file), `the reader's part writes ${file}`);
    for (const file of reader)
      assert.doesNotMatch(file, /^(edit\.html|explainer-editor\.|gazetteer\/)|\.(gz|br)$|\.tmp$/, `the reader's part does not write ${file}`);

    // What an earlier build left: a file no longer made, and a copy of a file as it was.
    fs.writeFileSync(path.join(out, 'removed-pack.json'), '{}');
    fs.writeFileSync(path.join(out, 'index.html.gz'), zlib.gzipSync('old'));
    const indexTime = fs.statSync(path.join(out, 'index.html')).mtimeMs;
    assemble();
    const whole = files();
    for (const file of ['edit.html', 'explainer-editor.js', 'explainer-editor.wasm', 'gazetteer/index.txt'])
      assert.ok(whole.includes(file), `the whole site has ${file}`);
    assert.deepEqual(whole.filter((f) => !reader.includes(f) && !/^(edit\.html|explainer-editor\.|gazetteer\/)/.test(f)), [],
      'the whole site adds only the editor to the reader');
    assert.ok(!whole.includes('removed-pack.json') && !whole.includes('index.html.gz'), 'what no build makes any more is gone');
    assert.equal(fs.statSync(path.join(out, 'index.html')).mtimeMs, indexTime, 'an unchanged file is not rewritten');

    const times = Object.fromEntries(whole.map((f) => [f, fs.statSync(path.join(out, f)).mtimeMs]));
    assemble();
    assert.deepEqual(Object.fromEntries(files().map((f) => [f, fs.statSync(path.join(out, f)).mtimeMs])), times,
      'a second run with nothing changed rewrites nothing');

    // The engine is named by its content, and the one the replaced index.html named stays one
    // build more, for a page loaded from that index.html meanwhile: a page with the last
    // build's glue and the new engine failed to start (an outside host trial, during a build).
    const engine = engineIn(out);
    assert.match(engine, /^explainer\.[0-9a-f]{12}\.wasm$/);
    assert.equal(engine, engineName(fs.readFileSync(path.join(root, 'build/wasm/explainer.wasm'))));
    const last = 'explainer.0123456789ab.wasm';
    fs.writeFileSync(path.join(out, last), 'the last build\'s engine');
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    fs.writeFileSync(path.join(out, 'index.html'), index.split(engine).join(last));
    assemble();
    assert.equal(engineIn(out), engine, 'the new index.html names the new engine');
    assert.ok(files().includes(last) && files().includes(engine), 'the last engine stays one build more');
    assemble();
    assert.ok(!files().includes(last), 'and goes at the next');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
