// Trust and resilience (issue 11): packs only from where the site says, a strict
// Content-Security-Policy, embeds that frame only what they should, WebGL context loss,
// size limits before any copy into wasm, and a static server that stays in its folder.
// Three servers give three origins: A is the site, B another site that serves packs to
// anyone (Access-Control-Allow-Origin: *), C hosts host pages.
//
// Index
// - [SECTION] Set-up
// - [SECTION] Packs only from where the site says
// - [SECTION] Content-Security-Policy
// - [SECTION] Embeds
// - [SECTION] Context loss
// - [SECTION] Limits before copies
// - [SECTION] Static server
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, root, webDir } from './harness.mjs';
import { engineIn } from '../../tools/first-load.mjs';
import { startServer } from '../../tools/static-server.mjs';
import { EMBED_SANDBOX, EMBED_SANDBOX_PLACEHOLDER } from '../../tools/embed-policy.mjs';

// [SECTION] Set-up ----------------------------------------------------------------------------------

const HUGE_BYTES = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);
const mounts = { '/test-packs': path.join(root, 'tests/packs'), '/hosts': path.join(root, 'tests/browser/hosts') };
let A, B, C, browser;
const streamed = { chunksSent: 0, closed: false };
const originOf = (server) => server.url.replace(/\/$/, '');
const secondPack = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/second-pack.json'), 'utf8'));

// A 100 MB pack, announced by Content-Length, and one streamed without a length (it
// would go on to 100 MB, but the page should hang up after 4 MiB).
const routes = {
  // A pack that moved: packs are not followed through redirects (README).
  '/moved/pack.json': (req, res) => {
    res.writeHead(302, { Location: '/test-packs/second-pack.json' });
    res.end();
  },
  '/huge/declared.json': (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': HUGE_BYTES });
    let sent = 0;
    const pump = () => {
      while (sent < HUGE_BYTES) {
        sent += CHUNK.length;
        if (!res.write(CHUNK)) { res.once('drain', pump); return; }
      }
      res.end();
    };
    res.on('close', () => { sent = HUGE_BYTES; });
    pump();
  },
  '/huge/streamed.json': (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });  // chunked: no length
    streamed.chunksSent = 0;
    streamed.closed = false;
    let closed = false;
    res.on('close', () => { closed = true; streamed.closed = true; });
    const pump = () => {
      while (!closed && streamed.chunksSent * CHUNK.length < HUGE_BYTES) {
        ++streamed.chunksSent;
        if (!res.write(CHUNK)) { res.once('drain', pump); return; }
      }
      if (!closed) res.end();
    };
    pump();
  },
};

before(async () => {
  [A, B, C] = await Promise.all([
    serve({ mounts, routes }),
    serve({ mounts, headers: { 'Access-Control-Allow-Origin': '*' } }),
    serve({ mounts }),
  ]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const server of [A, B, C]) server?.server.close();
});

// The page's visible text, minus the error's own quoting of the refused URL.
const visibleText = (page) => page.evaluate(() => document.body.innerText);

// [SECTION] Packs only from where the site says ----------------------------------------------------

test('?pack= refuses data:, blob:, javascript:, protocol-relative and other origins, and shows none of the pack', async () => {
  const fake = { article: { headline: 'FAKE HEADLINE under your name', source: 'Reuters',
    paragraphs: [{ id: 'p1', text: 'FAKE PARAGRAPH the newsroom never wrote.' }] } };
  const bHost = new URL(B.url).host;
  const cases = [
    ['data:application/json,' + encodeURIComponent(JSON.stringify(fake)), /is a data: URL; packs load only over http\(s\) from this site/],
    ['blob:' + originOf(A) + '/3f1c3b2e-0000-4000-8000-000000000000', /is a blob: URL; packs load only/],
    ['javascript:alert(1)', /is a javascript: URL; packs load only/],
    [`//${bHost}/test-packs/second-pack.json`, new RegExp(`is a protocol-relative URL to ${originOf(B).replace(/\./g, '\\.')}; packs load only`)],
    [`${B.url}test-packs/second-pack.json`, new RegExp(`is on ${originOf(B).replace(/\./g, '\\.')}; packs load only`)],
  ];
  let requestsToB = 0;
  B.server.on('request', () => ++requestsToB);
  for (const [pack, rule] of cases) {
    const page = await openPage(browser, `${A.url}?pack=${encodeURIComponent(pack)}`, { expectProblems: true });
    await page.waitForSelector('#error:not([hidden])');
    const error = await page.locator('#error').innerText();
    assert.match(error, /This pack is not allowed here/, pack);
    assert.match(error, rule, `${pack}: the error names the rule:\n${error}`);
    assert.ok(error.includes(originOf(A)), 'the rule names the site\'s own origin');
    const text = await visibleText(page);
    for (const words of ['FAKE PARAGRAPH', 'Reuters', secondPack.article.headline, secondPack.article.paragraphs[0].text.slice(0, 40)])
      assert.ok(!text.includes(words), `${pack}: "${words}" is not shown:\n${text}`);
    assert.equal(await page.locator('#mirror').isVisible(), false, 'no article mirror');
    assert.equal(await page.locator('#canvas').isVisible(), false, 'no canvas');
    assert.equal(await page.locator('#share-button').isVisible(), false, 'nothing to share');
    assert.equal(await page.evaluate(() => Explainer.ready.then(() => 'resolved', (e) => e.message)).then((m) => /not allowed/.test(m)), true);
    assert.equal(requestsToB, 0, 'nothing was fetched from the other site');
    assert.ok(page.problems.some((p) => /This pack is not allowed here/.test(p)), 'the console says so too');
    await page.context().close();
  }
});

// A pack's URL that answers with a redirect is refused, and the error says so and names
// the URL; it said only "Failed to fetch" (an outside reader trial).
test('a pack behind a redirect is refused with an error that names the rule and the URL, and none of the pack', async () => {
  const page = await openPage(browser, `${A.url}?pack=${encodeURIComponent('/moved/pack.json')}`, { expectProblems: true });
  await page.waitForSelector('#error:not([hidden])');
  const error = await page.locator('#error').innerText();
  assert.match(error, /The explainer could not load/);
  assert.match(error, /\/moved\/pack\.json could not be fetched \(.+\): the server did not answer, or answered with a redirect, which the explainer does not follow for a pack/);
  assert.ok(!(await visibleText(page)).includes(secondPack.article.headline), 'the pack it leads to is not shown');
  await page.context().close();
});

test('a pack that fails validation shows its errors, never its text as an article', async () => {
  const broken = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/broken/selector-twice.json'), 'utf8'));
  const page = await openPage(browser, `${A.url}?pack=/test-packs/broken/selector-twice.json`, { expectProblems: true });
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.locator('#error').innerText(), /selector-twice\.json:39:9: error: at \/entities/);
  const text = await visibleText(page);
  const paragraph = broken.article.paragraphs[0].text.slice(0, 40);
  assert.ok(!text.includes(paragraph), `the invalid pack's paragraph is not shown: ${paragraph}`);
  assert.equal(await page.locator('#mirror').isVisible(), false);
  assert.equal(await page.locator('#error-hint').isVisible(), false, 'no promise of an article below');
  await page.context().close();
});

// The site as `EXPLAINER_PACK_ORIGINS=<origin> scripts/build` assembles it, served from
// a folder of its own; without the .gz and .br copies (the server then sends the files
// themselves), which took most of this test's time to make.
async function siteAllowing(origin) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-site-'));
  execFileSync('node', [path.join(root, 'tools/assemble-web.mjs'), '--build', path.join(root, 'build/wasm'), '--out', out,
    '--root', root, '--precompress', 'off'], { env: { ...process.env, EXPLAINER_PACK_ORIGINS: origin }, stdio: 'ignore' });
  const copies = fs.readdirSync(out, { recursive: true }).filter((f) => /\.(br|gz)$/.test(f));
  assert.deepEqual(copies, [], '--precompress off writes no compressed copies');
  const site = await startServer({ dir: out });
  return { ...site, close: () => { site.server.close(); fs.rmSync(out, { recursive: true, force: true }); } };
}

test('an origin in the build-time allow-list may serve packs; share links and embed codes carry only accepted packs', async () => {
  const site = await siteAllowing(originOf(B));
  const policy = (await fetch(site.url)).headers.get('content-security-policy');
  assert.ok(policy.includes(`connect-src 'self' ${originOf(B)}`), `the build put the origin into the policy: ${policy}`);
  const packUrl = `${B.url}test-packs/second-pack.json`;
  const page = await openPage(browser, `${site.url}?pack=${encodeURIComponent(packUrl)}`);
  assert.equal(await page.locator('#mirror-headline').textContent(), secondPack.article.headline);
  await page.locator('#share-button').click();
  const codes = [await page.locator('#share-link').inputValue(), await page.locator('#embed-iframe').inputValue(),
    await page.locator('#embed-script').inputValue()];
  for (const code of codes) assert.ok(code.includes(encodeURIComponent(packUrl)), `the accepted pack travels on: ${code}`);
  assert.ok(codes[1].includes(`sandbox="${EMBED_SANDBOX}"`), codes[1]);
  assertNoProblems(assert, page);
  await page.context().close();
  site.close();

  // The same page, no allow-list: the pack is refused, so there is nothing to share.
  const plain = await openPage(browser, `${A.url}?pack=${encodeURIComponent(packUrl)}`, { expectProblems: true });
  await plain.waitForSelector('#error:not([hidden])');
  assert.match(await plain.locator('#error').innerText(), /packs load only over http\(s\) from this site \(http:\/\/127\.0\.0\.1:\d+\)$/m);
  await plain.context().close();
});

// [SECTION] Content-Security-Policy ------------------------------------------------------------------

function metaPolicy(html) {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(match, 'the page has a Content-Security-Policy <meta>');
  return match[1].replace(/&#39;/g, "'");
}

test('index.html, the embed demo and the single file ship a strict policy; the server repeats it with nosniff', async () => {
  for (const file of ['index.html', 'embed-demo.html', 'explainer-standalone.html']) {
    const policy = metaPolicy(fs.readFileSync(path.join(webDir, file), 'utf8'));
    for (const directive of ["default-src 'none'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"])
      assert.ok(policy.includes(directive), `${file}: ${directive} in ${policy}`);
    assert.ok(!/unsafe-inline|unsafe-eval'|\*/.test(policy.replace("'wasm-unsafe-eval'", '')), `${file}: nothing unsafe: ${policy}`);
    if (file !== 'embed-demo.html') assert.match(policy, /script-src [^;]*'wasm-unsafe-eval'/, file);
  }
  const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const index = metaPolicy(indexHtml);
  assert.match(index, /connect-src 'self'(;|$)/);
  // index.html and the single file allow their own inline scripts (downloads.js, the
  // engine's glue, mirror.js, page.js) and style by hash, one hash for each, and nothing else (no 'self':
  // they load no script or style file); the single file's data blocks are not scripts.
  for (const html of [indexHtml, fs.readFileSync(path.join(webDir, 'explainer-standalone.html'), 'utf8')]) {
    const policy = metaPolicy(html);
    assert.match(policy, /script-src ('sha256-[^']+' )+'wasm-unsafe-eval'; style-src 'sha256-[^']+';/);
    const inlineScripts = (html.match(/<script(?![^>]*\b(?:type|src)=)[^>]*>/g) || []).length;
    const scriptHashes = (policy.match(/script-src [^;]*/)[0].match(/'sha256-/g) || []).length;
    assert.equal(inlineScripts, 4, 'downloads.js, the glue, mirror.js and page.js are inline');
    assert.equal(scriptHashes, inlineScripts, 'one hash for each inline script');
    assert.equal((html.match(/<style>/g) || []).length, 1, 'one inline style');
    assert.doesNotMatch(html, /^<script[^>]*\bsrc=|<link rel="stylesheet"/m, 'no script or style file');
    // Emscripten's glue needs no eval: nothing inline calls eval or new Function.
    assert.ok(!/\beval\(|new Function\(/.test(html), 'no eval in the inline scripts');
  }

  const response = await fetch(A.url);
  assert.equal(response.headers.get('content-security-policy'), index, 'the header is the page\'s own policy');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await fetch(A.url + engineIn(webDir))).headers.get('x-content-type-options'), 'nosniff');
});

test('the policy is enforced: an injected inline script is refused and reported, and the harness sees it', async () => {
  const page = await openPage(browser, A.url);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedScriptRan = true;';
    document.head.appendChild(script);
  });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.injectedScriptRan), undefined, 'the inline script did not run');
  // One report per policy that refused it: the <meta> and the server's header.
  assert.ok(page.cspViolations.length >= 1, 'the violation was recorded');
  for (const violation of page.cspViolations) assert.match(violation, /script-src/);
  page.problems = page.problems.filter((p) => !/Content Security Policy/.test(p));  // Chromium's own report of it
  page.cspViolations.length = 0;  // expected here; every other test requires zero
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the single file opens from file:// with its hashed inline script and style, without a violation', async () => {
  const page = await openPage(browser, 'file://' + path.join(webDir, 'explainer-standalone.html'));
  await settle(page);
  assert.ok((await page.evaluate(() => Explainer.entities())).length > 10);
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('canvas')).position), 'fixed', 'the inline style applies');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the embed demo runs both embeds under its policy', async () => {
  const page = await openPage(browser, `${A.url}embed-demo.html`, { expectProblems: true });
  await page.waitForFunction(() => document.getElementById('frame-state').textContent.includes('#v=1')
    && document.getElementById('script-state').textContent.includes('#v=1'), null, { timeout: 30000 });
  await page.locator('[data-for="script"] [data-select="paris"]').click();
  await page.waitForFunction(() => document.getElementById('script-state').textContent.includes('sel=paris'));
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] Embeds ---------------------------------------------------------------------------------------

// A host page on C with `html` as its markup, then embed.js from A.
async function hostWithEmbedJs(html, allow = '') {
  const page = await openPage(browser, `${C.url}hosts/blank.html`, { expectProblems: true });
  await page.evaluate(([html, scriptSrc, allow]) => {
    document.body.innerHTML = html;
    const script = document.createElement('script');
    script.src = scriptSrc;
    if (allow) script.setAttribute('data-explainer-allow-origin', allow);
    document.body.appendChild(script);
    return new Promise((resolve) => { script.onload = resolve; });
  }, [html, `${A.url}embed.js`, allow]);
  return page;
}

test('embed.js frames only its own origin (or what the host allows), sandboxed, and not markup added later', async () => {
  const markup = `<div id="own" data-explainer="${A.url}index.html"></div>` +
    `<div id="other" data-explainer="${B.url}index.html"></div><div id="js" data-explainer="javascript:alert(1)"></div>`;
  const page = await hostWithEmbedJs(markup);
  const iframe = page.locator('#own iframe');
  await iframe.waitFor();
  assert.equal(await iframe.getAttribute('sandbox'), EMBED_SANDBOX);
  assert.equal(await iframe.getAttribute('referrerpolicy'), 'strict-origin-when-cross-origin');
  assert.equal(await page.locator('#other iframe').count(), 0, 'another origin is not framed');
  assert.equal(await page.locator('#js iframe').count(), 0, 'javascript: is not framed');
  assert.ok(page.problems.length === 0, 'refusals are warnings');

  // A reader's comment arrives later with data-* attributes kept: nothing happens.
  await page.evaluate((url) => {
    const comment = document.createElement('section');
    comment.innerHTML = `<p>Nice article! <div id="comment" data-explainer="${url}index.html?pack=data:,x"></div></p>`;
    document.body.appendChild(comment);
  }, A.url);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#comment iframe').count(), 0, 'markup added later is not turned into an embed');
  assert.equal(await page.evaluate(() => ExplainerEmbed.get(1)), null, 'and is not counted as one');

  // The explainer works inside the sandbox: it loads, selects, and its Share dialog copies and closes.
  const frame = await (await page.waitForSelector('#own iframe')).contentFrame();
  await frame.waitForFunction(() => window.Explainer && document.body.classList.contains('ready'), null, { timeout: 20000 });
  assert.equal((await page.evaluate(() => ExplainerEmbed.get(0).select('sinjar'))).selection, 'sinjar');
  await frame.locator('#share-button').click();
  await frame.locator('[data-copy="share-link"]').click();
  await frame.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  assert.match(await frame.locator('#copy-status').textContent(), /Copied|Ctrl\+C/);
  await frame.locator('#share-close').click();
  await frame.locator('#share-dialog').waitFor({ state: 'hidden' });
  assert.deepEqual(page.cspViolations, []);
  await page.context().close();

  // The host names another origin on the script tag: now it may be framed.
  const allowing = await hostWithEmbedJs(`<div id="other" data-explainer="${B.url}index.html"></div>`, originOf(B));
  await allowing.locator('#other iframe').waitFor();
  await allowing.context().close();
});

test('the embed sandbox has one definition: the Share dialog, embed.js and oembed.json agree', async () => {
  // The sources carry only the placeholder; the value lives in tools/embed-policy.mjs.
  for (const file of ['web/page.js', 'web/embed.js', 'tools/assemble-web.mjs']) {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    assert.ok(!source.includes('allow-same-origin'), `${file} holds no copy of the sandbox value`);
  }
  for (const file of ['web/page.js', 'web/embed.js'])
    assert.ok(fs.readFileSync(path.join(root, file), 'utf8').includes(EMBED_SANDBOX_PLACEHOLDER), `${file} takes the value at build time`);
  // What the assembled site gives hosts: three writers of the iframe, one value.
  const oembed = await (await fetch(new URL('oembed.json', A.url))).json();
  const fromOembed = /sandbox="([^"]*)"/.exec(oembed.html)?.[1];
  const page = await openPage(browser, A.url);
  await page.locator('#share-button').click();
  const fromShare = /sandbox="([^"]*)"/.exec(await page.locator('#embed-iframe').inputValue())?.[1];
  await page.context().close();
  const host = await hostWithEmbedJs(`<div id="own" data-explainer="${A.url}index.html"></div>`);
  const fromEmbedJs = await host.locator('#own iframe').getAttribute('sandbox');
  await host.context().close();
  assert.deepEqual([fromOembed, fromShare, fromEmbedJs], [EMBED_SANDBOX, EMBED_SANDBOX, EMBED_SANDBOX]);
});

test('embed.js caps resize heights and hears only its own iframe', async () => {
  const page = await hostWithEmbedJs(`<div id="fake" data-explainer="${A.url}hosts/oversize-resize.html"></div>`);
  await page.waitForFunction(() => document.querySelector('#fake iframe')?.style.height === '10000px');
  // A message from this window itself (not the iframe) is ignored.
  await page.evaluate(() => window.postMessage({ explainer: 1, type: 'resize', height: 50 }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.querySelector('#fake iframe').style.height), '10000px');
  await page.context().close();
});

// [SECTION] Context loss -----------------------------------------------------------------------------------

// Pixels of the canvas as the reader sees them.
async function pixels(page, name) {
  const { png } = await screenshot(page, name);
  return decodePng(page, png);
}

function differingFraction(a, b) {
  let differ = 0;
  for (let i = 0; i < a.data.length; i += 4)
    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 24) ++differ;
  return differ / (a.data.length / 4);
}

test('50 context losses and restores: the same view every time, the selection kept, the heap flat', async () => {
  const page = await openPage(browser, `${A.url}#v=1&sel=sinjar`);
  await settle(page);
  const before = await pixels(page, 'context-before');
  const heapBefore = (await page.evaluate(() => Explainer.stats())).heapBytes;
  assert.ok(heapBefore > 0);
  // The view shows article, map and timeline: each draws where locate() says.
  const rects = await page.evaluate(() => Explainer.locate('sinjar'));
  assert.ok(['article', 'map'].every((panel) => rects.some((r) => r.panel === panel)), JSON.stringify(rects));
  // The extension object from before the first loss (a lost context hands out none).
  await page.evaluate(() => { window.loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context'); });
  const heaps = [];
  for (let cycle = 1; cycle <= 50; ++cycle) {
    const lost = await page.evaluate(() => new Promise((resolve) => {
      const canvas = document.getElementById('canvas');
      canvas.addEventListener('webglcontextlost', (event) => setTimeout(() => resolve(event.defaultPrevented), 0), { once: true });
      window.loseContext.loseContext();
    }));
    assert.equal(lost, true, `cycle ${cycle}: the page called preventDefault()`);
    const framesAtLoss = await page.evaluate(() => Explainer.stats().frames);
    await page.evaluate(() => Explainer.select('sinjar'));  // the API keeps working while lost
    await page.waitForTimeout(50);
    assert.equal(await page.evaluate(() => Explainer.stats().frames), framesAtLoss, 'no frame is drawn without a context');
    await page.evaluate(() => new Promise((resolve) => {
      const canvas = document.getElementById('canvas');
      canvas.addEventListener('webglcontextrestored', () => setTimeout(resolve, 0), { once: true });
      window.loseContext.restoreContext();
    }));
    await settle(page);
    assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'sinjar', `cycle ${cycle}: selection kept`);
    heaps.push((await page.evaluate(() => Explainer.stats())).heapBytes);
    if (cycle % 10 === 0 || cycle === 1) {
      const after = await pixels(page, `context-cycle-${cycle}`);
      const fraction = differingFraction(before, after);
      assert.ok(fraction < 0.005, `cycle ${cycle}: the canvas shows the same view again (${(fraction * 100).toFixed(2)}% of pixels differ)`);
    }
  }
  assert.equal(await page.locator('#mirror').evaluate((m) => m.classList.contains('visually-hidden') && !document.body.classList.contains('lost')), true);
  assert.ok(heaps.every((h) => h === heapBefore), `the wasm heap does not grow: ${heapBefore} -> ${[...new Set(heaps)].join(', ')}`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('no restore within 3 s: the article as HTML with a note, and the canvas comes back if the context does', async () => {
  const page = await openPage(browser, `${A.url}#v=1&sel=ramadi`);
  await settle(page);
  await page.evaluate(() => { window.loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context'); window.loseContext.loseContext(); });
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('#lost-note').isVisible(), false, 'not before 3 s');
  await page.waitForSelector('#lost-note:not([hidden])', { timeout: 5000 });
  assert.match(await page.locator('#lost-note').innerText(), /article is shown as text/);
  assert.ok((await page.locator('#mirror').boundingBox()).height > 300, 'the article is readable');
  assert.equal(await page.locator('#canvas').isVisible(), false);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'ramadi', 'the selection is kept');
  // A late restore brings the explainer back.
  await page.evaluate(() => window.loseContext.restoreContext());
  await page.waitForSelector('#lost-note', { state: 'hidden' });
  await settle(page);
  assert.equal(await page.locator('#canvas').isVisible(), true);
  assert.ok(page.problems.length === 0, page.problems.join('\n'));
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] Limits before copies ----------------------------------------------------------------------------

test('a 100 MB pack is refused from Content-Length, or after 4 MiB of a stream, before the engine sees a byte', async () => {
  for (const [route, expected] of [['/huge/declared.json', /is 104857600 bytes; a pack may be at most 4194304 bytes/],
    ['/huge/streamed.json', /is larger than 4194304 bytes \(stopped reading there\)/]]) {
    const page = await openPage(browser, `${A.url}?pack=${route}`, { expectProblems: true });
    await page.waitForSelector('#error:not([hidden])', { timeout: 30000 });
    assert.match(await page.locator('#error').innerText(), expected);
    assert.equal((await page.evaluate(() => Explainer.stats())).heapBytes, 0, 'the pack never reached the wasm heap');
    if (route.includes('streamed')) {
      // The browser's network layer reads ahead of the page, and a loaded machine takes a
      // while to close the connection after the page stops reading (29 MiB had gone once,
      // 300 ms after the error): what matters is that it is closed long before the end.
      for (let waited = 0; !streamed.closed && waited < 10000; waited += 100) await page.waitForTimeout(100);
      assert.ok(streamed.closed && streamed.chunksSent * CHUNK.length < HUGE_BYTES / 2,
        `the page hung up early (${streamed.chunksSent} chunks of ${HUGE_BYTES / CHUNK.length} sent, closed: ${streamed.closed})`);
    }
    await page.context().close();
  }
});

test('a host message over 8 KiB is refused in JavaScript, before a copy into the heap', async () => {
  const src = `${A.url}index.html?embed=1&origin=${encodeURIComponent(originOf(C))}`;
  const page = await openPage(browser, `${C.url}hosts/message-host.html?src=${encodeURIComponent(src)}`, { expectProblems: true });
  const frame = await (await page.waitForSelector('#frame')).contentFrame();
  await frame.waitForFunction(() => window.Explainer && document.body.classList.contains('ready'), null, { timeout: 20000 });
  const heapBefore = await frame.evaluate(() => Explainer.stats().heapBytes);
  await page.evaluate(() => window.send({ explainer: 1, type: 'select', id: 'sinjar', requestId: 7, padding: 'x'.repeat(24 * 1024 * 1024) }));
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'error'), null, { timeout: 20000 });
  const error = await page.evaluate(() => window.received.find((m) => m.data.type === 'error').data);
  assert.deepEqual(error, { explainer: 1, type: 'error', reason: 'message is larger than 8192 bytes' });
  assert.equal(await frame.evaluate(() => Explainer.stats().heapBytes), heapBefore, 'the heap did not grow');
  assert.equal(await frame.evaluate(() => Explainer.getState().selection), null, 'nothing was selected');
  assertNoProblems(assert, page);
  await page.context().close();
});

// A host waited for a `ready` that never came when the pack had errors or was not there
// (an outside reader trial): it hears `failed`, with the page's reason, once.
test('a host is told when the explainer cannot start, instead of waiting for a ready that never comes', async () => {
  for (const [pack, reason] of [
    ['/test-packs/broken/lat-out-of-range.json', /^The content pack has errors: lat-out-of-range\.json: 1 error found/],
    ['/test-packs/nowhere.json', /^The explainer could not load: /]]) {
    const src = `${A.url}index.html?embed=1&origin=${encodeURIComponent(originOf(C))}&pack=${encodeURIComponent(pack)}`;
    const page = await openPage(browser, `${C.url}hosts/message-host.html?src=${encodeURIComponent(src)}`, { expectProblems: true });
    await page.waitForFunction(() => window.received.some((m) => m.data.type === 'failed'), null, { timeout: 20000 });
    await page.waitForTimeout(300);
    const received = await page.evaluate(() => window.received);
    const failed = received.filter((m) => m.data.type === 'failed');
    assert.equal(failed.length, 1, `${pack}: told once`);
    assert.equal(failed[0].origin, originOf(A));
    assert.equal(failed[0].data.explainer, 1);
    assert.match(failed[0].data.reason, reason);
    assert.ok(!received.some((m) => m.data.type === 'ready'), `${pack}: no ready`);
    await page.context().close();
  }
  // The script embed: a request is rejected with the reason (it waited for a reply until a
  // 10 s timeout), and a `failed` listener hears it, even one added after it came.
  const page = await openPage(browser, `${C.url}hosts/script-host.html?explainer=${encodeURIComponent(A.url)}&pack=${encodeURIComponent('/test-packs/broken/lat-out-of-range.json')}`,
    { expectProblems: true });
  await page.waitForFunction(() => window.ExplainerEmbed);
  const outcome = await page.evaluate(() => new Promise((resolve) => {
    const embed = ExplainerEmbed.get(0);
    const heard = [];
    embed.on('failed', (message) => heard.push(message.reason));
    const started = performance.now();
    const settled = (result) => setTimeout(() => resolve({ ...result, heard, ms: performance.now() - started }), 50);
    embed.getState().then(() => settled({ resolved: true }), (error) => settled({ error: error.message }));
  }));
  assert.match(outcome.error || '', /^The content pack has errors: lat-out-of-range\.json/, JSON.stringify(outcome));
  assert.deepEqual(outcome.heard, [outcome.error]);
  assert.ok(outcome.ms < 9000, `rejected when the explainer failed, not at the timeout (${outcome.ms} ms)`);
  await page.context().close();
});

// [SECTION] Static server ----------------------------------------------------------------------------------

test('the static server serves only files inside its folder and never lists one', async () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-server-'));
  fs.mkdirSync(path.join(temp, 'web', 'sub'), { recursive: true });
  fs.mkdirSync(path.join(temp, 'web-other'));
  fs.writeFileSync(path.join(temp, 'web', 'index.html'), 'inside');
  fs.writeFileSync(path.join(temp, 'web', 'sub', 'note.txt'), 'sub');
  fs.writeFileSync(path.join(temp, 'web-other', 'secret.txt'), 'SECRET');
  fs.writeFileSync(path.join(temp, 'secret.txt'), 'SECRET');
  fs.symlinkSync(path.join(temp, 'secret.txt'), path.join(temp, 'web', 'link.txt'));
  const { server, url } = await startServer({ dir: path.join(temp, 'web') });
  // Raw paths, exactly as written (fetch would normalise the dots away).
  const get = (target) => new Promise((resolve, reject) => {
    http.get(url + target.replace(/^\//, ''), { path: target }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
  try {
    assert.equal((await get('/')).body, 'inside');
    assert.equal((await get('/sub/note.txt')).body, 'sub');
    for (const target of ['/..%2fweb-other/secret.txt', '/%2e%2e/web-other/secret.txt', '/%2e%2e%2fsecret.txt',
      '/../secret.txt', '/..%5csecret.txt', '/sub\\..\\..\\secret.txt', '/%5c..%5cweb-other%5csecret.txt', '/link.txt',
      '/sub/%2e%2e/%2e%2e/web-other/secret.txt', '/%00secret.txt']) {
      const { status, body } = await get(target);
      assert.ok(status === 403 || status === 404 || status === 400, `${target}: ${status}`);
      assert.ok(!body.includes('SECRET'), `${target} leaked a file outside the folder`);
    }
    const folder = await get('/sub/');
    assert.equal(folder.status, 404, 'a folder without index.html is not listed');
    assert.ok(!folder.body.includes('note.txt'));
  } finally {
    server.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
});
