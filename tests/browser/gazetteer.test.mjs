// The editor's gazetteer in the browser (src/platform/editor_gazetteer.cpp): the reader never
// fetches it; a search or a draft fetches the index and only the shards it needs; what a
// draft finds is what the full gazetteer finds; a shard or index that fails (404, network
// error, no answer) gives a clear error, never a hang, and search keeps what it has.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, root } from './harness.mjs';

const mounts = { '/test-packs': path.join(root, 'tests/packs'), '/hosts': path.join(root, 'tests/browser/hosts') };
let server, browser;

before(async () => {
  server = await serve({ mounts });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.server.close();
});

// The host page, recording the gazetteer files it fetches.
async function openHost(query = '') {
  const page = await openPage(browser, `${server.url}hosts/gazetteer.html${query}`, { expectProblems: true });
  page.gazetteerFiles = [];
  page.on('request', (request) => {
    const match = new URL(request.url()).pathname.match(/^\/gazetteer\/(.+)$/);
    if (match) page.gazetteerFiles.push(match[1]);
  });
  // Waits for the engine without returning it: Playwright would copy the whole module,
  // its wasm memory views included (megabytes as base64), which took minutes.
  await page.evaluate(async () => { await window.engine; });
  return page;
}

const seed = JSON.parse(fs.readFileSync(path.join(root, 'content/isis-losing-ground.json'), 'utf8'));
const seedInput = {
  headline: seed.article.headline, source: seed.article.source, published: seed.article.published.iso,
  paragraphs: seed.article.paragraphs.map((p) => p.text),
};

test('the reader never fetches the gazetteer', async () => {
  const page = await openPage(browser, server.url);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/gazetteer/')));
  assert.deepEqual(fetched, []);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a search fetches the index and one or two shards, and finds places by any spelling', async () => {
  const page = await openHost();
  assert.deepEqual(await page.evaluate(() => window.search('krakow')), [], 'nothing before the index');
  assert.equal(await page.evaluate(() => window.prepare('search', 'krakow')), '');
  assert.equal(page.gazetteerFiles[0], 'index.txt');
  assert.ok(page.gazetteerFiles.length <= 3, `fetched ${page.gazetteerFiles.join(', ')}`);
  const [krakow] = await page.evaluate(() => window.search('krakow'));
  assert.deepEqual({ ...krakow, lat: Math.round(krakow.lat * 100) / 100 },
    { name: 'Kraków', country: 'PL', lat: 50.06, lon: krakow.lon, population: krakow.population, kind: 'place',
      source: 'GeoNames', id: '3094802', url: 'https://www.geonames.org/3094802' });
  assert.equal(await page.evaluate(() => window.prepare('search', 'Santiago, Chile')), '');
  const santiago = await page.evaluate(() => window.search('Santiago, Chile'));
  assert.equal(santiago[0].id, '3871336');
  assert.ok(santiago.every((hit) => hit.country === 'CL'));
  const iraq = (await page.evaluate(() => window.search('Iraq')))[0];
  assert.deepEqual([iraq.kind, iraq.source, iraq.id], ['country', 'ISO 3166-1', '368']);
  const status = await page.evaluate(() => window.gazetteerStatus());
  assert.equal(status.loaded, true);
  assert.equal(status.error, '');
  assert.ok(status.shardsMerged >= 1 && status.shardsMerged < 10, JSON.stringify(status));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('drafting the seed fetches only the shards its names need and finds its places', async () => {
  const page = await openHost();
  assert.equal(await page.evaluate((input) => window.prepare('draft', JSON.stringify(input)), seedInput), '');
  const shards = page.gazetteerFiles.filter((f) => f.startsWith('s-'));
  const status = await page.evaluate(() => window.gazetteerStatus());
  assert.ok(shards.length > 5 && shards.length < status.shards / 10, `${shards.length} of ${status.shards} shards`);
  const pack = await page.evaluate((input) => window.draft(input), seedInput);
  assert.equal(pack.error, undefined);
  const sinjar = pack.entities.find((e) => e.kind === 'place' && e.name === 'Sinjar');
  assert.ok(sinjar, 'Sinjar is drafted');
  assert.equal(sinjar.citations[0].url, 'https://www.geonames.org/448149');
  assert.ok(pack.entities.find((e) => e.kind === 'place' && e.name === 'Raqqa'), 'Raqqa (Ar Raqqah, spelt another way) is drafted');
  // Drafting again needs nothing more.
  const before = page.gazetteerFiles.length;
  assert.equal(await page.evaluate((input) => window.prepare('draft', JSON.stringify(input)), seedInput), '');
  assert.equal(page.gazetteerFiles.length, before);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a shard that is missing gives an error naming it; search keeps the index, and a retry works', async () => {
  const page = await openHost();
  await page.route('**/gazetteer/s-*', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  const error = await page.evaluate(() => window.prepare('search', 'sao paulo'));
  assert.match(error, /^gazetteer\/s-[^:]+\.txt: HTTP 404/);
  assert.equal((await page.evaluate(() => window.gazetteerStatus())).error, error);
  assert.equal((await page.evaluate(() => window.search('sao paulo')))[0].name, 'São Paulo', 'the index still answers');
  await page.unroute('**/gazetteer/s-*');
  assert.equal(await page.evaluate(() => window.prepare('search', 'sao paulo')), '');
  assert.equal((await page.evaluate(() => window.gazetteerStatus())).error, '', 'the error clears once the file loads');
  await page.context().close();
});

test('an index that fails, a network error or no answer at all end with an error, not a hang', async () => {
  let page = await openHost();
  await page.route('**/gazetteer/index.txt', (route) => route.fulfill({ status: 404, body: '' }));
  assert.match(await page.evaluate(() => window.prepare('search', 'krakow')), /^gazetteer\/index\.txt: HTTP 404/);
  assert.equal((await page.evaluate(() => window.gazetteerStatus())).loaded, false);
  assert.deepEqual(await page.evaluate(() => window.search('krakow')), []);
  // A page that is not a gazetteer (a server's error page sent with 200).
  await page.unroute('**/gazetteer/index.txt');
  await page.route('**/gazetteer/index.txt', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>Oops</p>' }));
  assert.match(await page.evaluate(() => window.prepare('search', 'krakow')), /^gazetteer line 1: expected the header/);
  await page.context().close();

  page = await openHost();
  await page.route('**/gazetteer/s-*', (route) => route.abort('failed'));
  assert.match(await page.evaluate(() => window.prepare('search', 'krakow')), /^gazetteer\/s-[^:]+\.txt: .*fetch/i);
  await page.context().close();

  page = await openHost('?timeout=500');
  await page.route('**/gazetteer/s-*', () => {});  // never answered
  const started = Date.now();
  assert.match(await page.evaluate(() => window.prepare('search', 'krakow')), /^gazetteer\/s-[^:]+\.txt: no answer in 1 s/);
  assert.ok(Date.now() - started < 10000);
  await page.context().close();
});
