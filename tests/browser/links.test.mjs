// Links to every view, embedding and the host-page API (README's sections): views
// survive real reloads, links round-trip, Back/Forward and hashchange work without a
// reload, bad links degrade with a notice, postMessage is accepted only from allowed
// origins and only ever posted to them, the script embed mirrors the view into the host
// page's URL, oembed.json describes the embed, and the single-file build opens from
// file:// without a single request.
//
// Three servers give three origins: A hosts the test pages (tests/browser/hosts/), B
// serves the explainer, C is a third site that is never allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, whenStarted, assertNoProblems, settle, locateCentre, root, webDir } from './harness.mjs';

const mounts = { '/test-packs': path.join(root, 'tests/packs'), '/hosts': path.join(root, 'tests/browser/hosts') };
const pack = JSON.parse(fs.readFileSync(path.join(root, 'content/isis-losing-ground.json'), 'utf8'));
let A, B, C, browser;
const originOf = (server) => server.url.replace(/\/$/, '');

before(async () => {
  [A, B, C] = await Promise.all([serve({ mounts }), serve({ mounts }), serve({ mounts })]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const server of [A, B, C]) server?.server.close();
});

// [SECTION] Helpers ---------------------------------------------------------------------------

// The view as a comparable value: everything but hover, the map to the link's precision.
function view(state) {
  return {
    selection: state.selection, panel: state.panel, paragraph: state.paragraph, quoteSpeaker: state.quoteSpeaker,
    timeCursor: state.timeCursor, timeline: state.timeline,
    map: { lat: state.map.lat, lon: state.map.lon, zoom: state.map.zoom },
  };
}

function assertSameView(actual, expected, what) {
  const a = view(actual), e = view(expected);
  assert.ok(Math.abs(a.map.lat - e.map.lat) <= 0.00006, `${what}: map latitude ${a.map.lat} vs ${e.map.lat}`);
  assert.ok(Math.abs(a.map.lon - e.map.lon) <= 0.00006, `${what}: map longitude ${a.map.lon} vs ${e.map.lon}`);
  assert.ok(Math.abs(a.map.zoom - e.map.zoom) <= 0.0051, `${what}: map zoom ${a.map.zoom} vs ${e.map.zoom}`);
  delete a.map; delete e.map;
  assert.deepEqual(a, e, what);
}

const snapshot = (target) => target.evaluate(() => ({ state: Explainer.getState(), link: Explainer.getLink(), hash: location.hash }));

// After a change: wait until the explainer is idle and the throttled history update
// (200 ms after the last change) has landed in the address bar.
async function quiet(target) {
  await settle(target);
  await target.waitForTimeout(250);
}

// The explainer inside the iframe that `selector` names on a host page, once it has
// drawn. Chromium draws no frames in a cross-origin iframe outside the viewport, so the
// iframe is scrolled into view first.
async function explainerIn(page, selector) {
  const element = await page.waitForSelector(selector);
  await element.scrollIntoViewIfNeeded();
  const frame = await element.contentFrame();
  await frame.waitForFunction(() => window.Explainer && document.body.classList.contains('ready'), null, { timeout: 20000 });
  return frame;
}

// [SECTION] Links survive reloads --------------------------------------------------------------

// `page` is idle (quiet()) when called.
async function reloadAndCompare(page, what) {
  const before = await snapshot(page);
  assert.equal(before.hash, before.link, `${what}: the address bar holds the view's link`);
  await page.evaluate(() => { window.marker = 'before reload'; });
  await page.reload();
  await page.evaluate(() => Explainer.ready);
  assert.equal(await page.evaluate(() => window.marker), undefined, `${what}: the page really reloaded`);
  await settle(page);
  const after = await snapshot(page);
  assertSameView(after.state, before.state, `${what}: the view after reload`);
  assert.equal(after.link, before.link, `${what}: the link after reload`);
  return before.link;
}

test('views built by clicks, the wheel and setState survive a real reload (wide)', async () => {
  const page = await openPage(browser, B.url);
  await quiet(page);
  const links = new Set();
  const click = async (id, panel) => { const { x, y } = await locateCentre(page, id, panel); await page.mouse.click(x, y); };
  const steps = [
    ['a place clicked in the article', async () => click('sinjar', 'article'), (s) => s.selection === 'sinjar'],
    ['a person selected through the API', async () => page.evaluate(() => Explainer.select('thamir-ismail')), (s) => s.selection === 'thamir-ismail'],
    ['an event with a map view', async () => page.evaluate(() => Explainer.setState('#v=1&sel=paris-attacks&map=48.8566,2.3522,6.00')),
      (s) => s.selection === 'paris-attacks'],
    ['a quote', async () => page.evaluate(() => Explainer.select('quote-ismail-paris')), (s) => s.selection === 'quote-ismail-paris'],
    ['a figure', async () => page.evaluate(() => Explainer.select('figure-distance')), (s) => s.selection === 'figure-distance'],
    ['a map view, then the zoom-in button', async () => {
      await page.evaluate(() => Explainer.setState('#v=1&map=33.5000,38.0000,6.00'));
      await quiet(page);
      await click('map:zoom-in', 'map');
    }, (s) => s.selection === null && s.map.zoom > 6.4],
    ['a time cursor', async () => page.evaluate(() => Explainer.setState('#v=1&t=2015-11-13')), (s) => s.timeCursor === '2015-11-13'],
    ['a timeline span with a cursor', async () => page.evaluate(() => Explainer.setState('#v=1&t=2015-11-01&tl=2015-10-01..2015-12-01')),
      (s) => s.timeline.start === '2015-10-01' && s.timeline.end === '2015-12-01'],
    ['the article scrolled with the wheel', async () => {
      await page.evaluate(() => Explainer.setState('#v=1'));
      await quiet(page);
      await page.mouse.move(250, 400);
      await page.mouse.wheel(0, 1400);
    }, (s) => s.paragraph !== null && s.paragraph !== 'p1'],
    ['a speaker chip clicked in the quotes panel', async () => click('quote-filter:thamir-ismail', 'quotes'),
      (s) => s.quoteSpeaker === 'thamir-ismail'],
    ['every key at once', async () => page.evaluate(() =>
      Explainer.setState('#v=1&sel=sinjar&map=36.3200,41.8700,5.25&t=2015-11-13&tl=2014-06-01..2015-12-31&p=p4&tab=map&who=thamir-ismail')),
    (s) => s.selection === 'sinjar' && s.paragraph === 'p4' && s.quoteSpeaker === 'thamir-ismail' && s.timeCursor === '2015-11-13'],
    ['an organisation, then a speaker chip', async () => {
      await page.evaluate(() => Explainer.setState('#v=1&sel=islamic-state'));
      await quiet(page);
      await click('quote-filter:jm-berger', 'quotes');
    }, (s) => s.selection === 'islamic-state' && s.quoteSpeaker === 'jm-berger'],
  ];
  for (const [what, act, check] of steps) {
    await act();
    await quiet(page);
    const state = await page.evaluate(() => Explainer.getState());
    assert.ok(check(state), `${what}: the view was built (${JSON.stringify(view(state))})`);
    links.add(await reloadAndCompare(page, what));
  }
  assert.equal(links.size, steps.length, `every step made a different view: ${[...links].join('  ')}`);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('views on a phone (390x844): the tab and the quote filter survive a real reload', async () => {
  const page = await openPage(browser, B.url, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await quiet(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).panel, 'article');
  let { x, y } = await locateCentre(page, 'tab:quotes', 'tabs');
  await page.mouse.click(x, y);
  await quiet(page);
  ({ x, y } = await locateCentre(page, 'quote-filter:jm-berger', 'quotes'));
  await page.mouse.click(x, y);
  await quiet(page);
  const state = await page.evaluate(() => Explainer.getState());
  assert.equal(state.panel, 'quotes');
  assert.equal(state.quoteSpeaker, 'jm-berger');
  const first = await reloadAndCompare(page, 'quotes tab with a speaker filter');
  await page.evaluate(() => Explainer.setState('#v=1&sel=sinjar&tab=map'));
  await quiet(page);
  const second = await reloadAndCompare(page, 'map tab with a selection');
  assert.equal((await page.evaluate(() => Explainer.getState())).panel, 'map');
  assert.notEqual(first, second);
  assertNoProblems(assert, page);
  await page.context().close();
});

// On a phone the map is a tab: a selection made from another tab moves the view the link
// carries to it at once, so the link opens the map on it. The link kept the map's view of
// the selection before (France's), and opened there: the map flew on only in the page the
// selection was made in.
test('on a phone, a link made after selecting from the article tab opens the map on that selection', async () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  const page = await openPage(browser, B.url, phone);
  await quiet(page);
  const tap = async (target, id, panel) => {
    const { x, y } = await locateCentre(target, id, panel);
    await target.mouse.click(x, y);
    await quiet(target);
  };
  await tap(page, 'tab:map', 'tabs');
  await page.evaluate(() => Explainer.select('france'));
  await quiet(page);
  await tap(page, 'tab:article', 'tabs');
  await page.evaluate(() => Explainer.select('ramadi'));
  await quiet(page);
  const { state, link } = await snapshot(page);
  assert.ok(Math.abs(state.map.lat - 33.42) < 0.5 && Math.abs(state.map.lon - 43.31) < 0.5, `the view is on Ramadi: ${link}`);
  const opened = await openPage(browser, B.url + link, phone);
  await quiet(opened);
  await tap(opened, 'tab:map', 'tabs');
  assertSameView(await opened.evaluate(() => Explainer.getState()), { ...state, panel: 'map' }, 'the link, with its map opened');
  const ramadi = await locateCentre(opened, 'ramadi', 'map');
  assert.ok(ramadi.x > 0 && ramadi.x < 390 && ramadi.y > 0 && ramadi.y < 844, `Ramadi is on the map: ${JSON.stringify(ramadi)}`);
  assertNoProblems(assert, page);
  assertNoProblems(assert, opened);
  await page.context().close();
  await opened.context().close();
});

// [SECTION] Round trip, history, hashchange ------------------------------------------------------

test('setState(canonical link) then getLink() gives the same link back', async () => {
  const page = await openPage(browser, B.url);
  const canonical = [
    '#v=1',
    '#v=1&sel=sinjar',
    '#v=1&sel=paris-attacks&tab=timeline',
    '#v=1&t=2015-11-13&tl=2015-10-01..2015-12-01',
    '#v=1&tab=quotes&who=thamir-ismail',
    '#v=1&map=33.5000,38.0000,6.00&p=p9',
    '#v=1&sel=sinjar&map=36.3200,41.8700,5.25&t=2015-11-13&tl=2014-06-01..2015-12-31&p=p4&tab=map&who=thamir-ismail',
    '#v=1&sel=quote-ismail-paris&map=-33.8688,151.2093,9.75&t=0001-01-01',
    '#v=1&t=9999-12-31&tl=2015-11-12..2015-11-15',
  ];
  // Written by hand, not by the explainer: the documented canonical form of each.
  const rewritten = [
    ['#map=36.32,41.87,5.25&sel=sinjar&v=1', '#v=1&sel=sinjar&map=36.3200,41.8700,5.25'],
    ['v=1&who=jm-berger&tab=quotes', '#v=1&tab=quotes&who=jm-berger'],
    ['#v=1&p=p1', '#v=1'],
    ['#v=1&sel=&who=', '#v=1'],
  ];
  // Beyond the map's closest view (zoom 10): clamped with a note, and the state says 10,
  // as the map shows it (a link at 20 drew 10 while getState() and Share said 20).
  const closer = await page.evaluate(() => ({ result: Explainer.setState('#v=1&map=43.7683,59.0214,20.00'), state: Explainer.getState() }));
  assert.deepEqual(closer.result.ignored, ["map zoom '20.00' is outside 0..10; clamped"]);
  assert.equal(closer.state.map.zoom, 10);
  assert.equal(closer.result.link, '#v=1&map=43.7683,59.0214,10.00');
  // So is a timeline span closer than the timeline zooms (3 days, in a pack without times):
  // one day drew three while the state said one (an outside host trial, of 1900..2100).
  const shorter = await page.evaluate(() => ({ result: Explainer.setState('#v=1&tl=2015-11-13..2015-11-14'), state: Explainer.getState() }));
  assert.deepEqual(shorter.state.timeline, { start: '2015-11-12', end: '2015-11-15' });
  assert.equal(shorter.result.link, '#v=1&tl=2015-11-12..2015-11-15');
  // setState and getLink in one turn, before a frame can move the map.
  const results = await page.evaluate((links) => links.map((link) => {
    const result = Explainer.setState(link);
    return { link, result, got: Explainer.getLink(), hash: location.hash };
  }), [...canonical, ...rewritten.map(([from]) => from)]);
  for (const [i, { link, result, got, hash }] of results.entries()) {
    const expected = i < canonical.length ? link : rewritten[i - canonical.length][1];
    assert.deepEqual(result.ignored, [], `${link}: nothing ignored`);
    assert.equal(result.link, expected, `${link}: setState() reports the canonical link`);
    assert.equal(got, expected, `${link}: getLink() returns it`);
    if (expected !== '#v=1') assert.equal(hash, expected, `${link}: the address bar shows it`);
  }
  assertNoProblems(assert, page);
  await page.context().close();
});

// A paragraph too near the end to reach the top: the article of a short pack fits the view,
// so every paragraph but its first is one. The link a host set stays the link once the
// page has settled, without a statechange of its own, and a reload reopens it.
test('a link to a paragraph that cannot reach the top stays the link, in a short pack and at the seed\'s end', async () => {
  for (const [query, link] of [['?pack=/test-packs/southern-americas.json', '#v=1&p=voice'],
    ['?pack=/test-packs/hebrew-arabic.json', '#v=1&p=arabic'], ['', '#v=1&p=p11']]) {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const what = `${query || 'the seed'} ${link} at ${viewport.width}`;
      const page = await openPage(browser, B.url + query, { viewport });
      await quiet(page);
      // The tab is the pack's, not the default pack's the page was built with.
      const opened = query ? JSON.parse(fs.readFileSync(path.join(root, 'tests/packs', query.split('/').pop()), 'utf8')) : pack;
      assert.equal(await page.title(), opened.title || opened.article.headline, `${what}: the page's title`);
      await page.evaluate(() => { window.changes = []; Explainer.on('statechange', (state) => window.changes.push(state.paragraph)); });
      const result = await page.evaluate((l) => Explainer.setState(l), link);
      assert.equal(result.link, link, `${what}: setState reports the link`);
      await quiet(page);
      assert.equal(await page.evaluate(() => Explainer.getLink()), link, `${what}: still the link once settled`);
      assert.equal(page.url().slice(page.url().indexOf('#')), link, `${what}: the address bar shows it`);
      assert.deepEqual(await page.evaluate(() => window.changes), [link.slice(link.indexOf('p=') + 2)],
        `${what}: one statechange, the host's own`);
      await page.reload();
      await whenStarted(page);
      await quiet(page);
      assert.equal(await page.evaluate(() => Explainer.getLink()), link, `${what}: a reload reopens it`);
      assertNoProblems(assert, page);
      await page.context().close();
    }
  }
});

test('Back and Forward step through selections, and hashchange applies links, without reloading', async () => {
  const page = await openPage(browser, B.url);
  await quiet(page);
  await page.evaluate(() => { window.marker = 'same document'; });
  const length0 = await page.evaluate(() => history.length);
  let { x, y } = await locateCentre(page, 'sinjar', 'article');
  await page.mouse.click(x, y);
  await quiet(page);
  const atA = await snapshot(page);
  ({ x, y } = await locateCentre(page, 'raqqa', 'map'));
  await page.mouse.click(x, y);
  await quiet(page);
  const atB = await snapshot(page);
  assert.equal(atA.state.selection, 'sinjar');
  assert.equal(atB.state.selection, 'raqqa');
  assert.equal(await page.evaluate(() => history.length), length0 + 2, 'each selection pushed one history entry');

  await page.goBack();
  await page.waitForFunction(() => Explainer.getState().selection === 'sinjar');
  await quiet(page);
  assert.equal(await page.evaluate(() => window.marker), 'same document', 'Back did not reload the page');
  assertSameView((await snapshot(page)).state, atA.state, 'Back restores the first view');
  await page.goForward();
  await page.waitForFunction(() => Explainer.getState().selection === 'raqqa');
  await quiet(page);
  assertSameView((await snapshot(page)).state, atB.state, 'Forward restores the second view');

  // A link typed into the address bar (same document) and one assigned by a script.
  await page.goto(B.url + '#v=1&sel=paris&tab=timeline');
  await page.waitForFunction(() => Explainer.getState().selection === 'paris');
  await page.evaluate(() => { location.hash = '#v=1&sel=ramadi&t=2015-11-13&tl=2015-10-01..2015-12-01'; });
  await page.waitForFunction(() => Explainer.getState().selection === 'ramadi');
  const state = await page.evaluate(() => Explainer.getState());
  assert.equal(state.timeCursor, '2015-11-13');
  assert.deepEqual(state.timeline, { start: '2015-10-01', end: '2015-12-01' });
  assert.equal(await page.evaluate(() => window.marker), 'same document', 'hash changes did not reload the page');
  await quiet(page);
  assertNoProblems(assert, page);
  await page.context().close();
});

// The map holds where it is going: while it flies to a selection, getState().map and
// the link are the flight's end (the flight itself is the map panel's own drawing), so a
// link copied mid-flight reopens where the flight ends, not at one of its frames.
test('a link copied while the map flies reopens where the flight ends', async () => {
  const page = await openPage(browser, B.url);
  await quiet(page);
  // Every frame of the flight, as drawn: where Ramadi's marker is, with the state and link then.
  const frames = await page.evaluate(async () => {
    // Right after select() (README's example): the state and link are where it leads.
    Explainer.select('ramadi');
    const out = [{ marker: null, state: Explainer.getState(), link: Explainer.getLink(), right: true }];
    const start = performance.now();
    while (performance.now() - start < 4000) {
      await new Promise(requestAnimationFrame);
      const marker = Explainer.locate('ramadi').find((r) => r.panel === 'map');
      out.push({ marker, state: Explainer.getState(), link: Explainer.getLink() });
    }
    return out;
  });
  await quiet(page);
  const settled = await snapshot(page);
  assertSameView(frames[0].state, settled.state, 'right after select(), the state is where the selection leads');
  assert.equal(frames[0].link, settled.link, 'right after select(), the link is the final one');
  const end = frames[frames.length - 1].marker;
  assert.ok(end, 'Ramadi is drawn on the map after the flight');
  const midFlight = frames.filter((f) => f.marker && Math.abs(f.marker.x - end.x) + Math.abs(f.marker.y - end.y) > 2 &&
    f.state.selection === 'ramadi' && f.state.map.zoom !== undefined && f.link !== '#v=1&sel=ramadi');
  assert.ok(midFlight.length > 0, `frames were drawn while the map flew (${frames.length} frames seen)`);
  for (const f of midFlight) {
    assertSameView(f.state, settled.state, 'mid-flight, the state is where the flight ends');
    assert.equal(f.link, settled.link, 'mid-flight, the link is the final one');
  }
  const during = midFlight[0];
  assert.match(during.link, /map=/, 'the flight moved the map away from its opening view');

  const reopened = await openPage(browser, B.url + during.link);
  await quiet(reopened);
  assertSameView((await snapshot(reopened)).state, settled.state, 'the link copied mid-flight reopens where the flight ended');
  assert.equal((await snapshot(reopened)).link, during.link, 'and gives the same link back');
  assertNoProblems(assert, page);
  assertNoProblems(assert, reopened);
  await page.context().close();
  await reopened.context().close();
});

test('a bad link opens the explainer with a notice, warnings instead of errors, and defaults', async () => {
  const clean = await openPage(browser, B.url);
  await quiet(clean);
  const defaults = await snapshot(clean);
  await clean.context().close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The notice hides itself after 8 s, which a loaded machine can spend before `quiet`
  // returns: every showing is recorded as it happens, with whether it could be seen then.
  // The whole document is watched from its start, so that no showing can come before the
  // watch does.
  await context.addInitScript(() => {
    window.noticesShown = [];
    let shown = '';
    new MutationObserver(() => {
      const notice = document.getElementById('notice');
      if (!notice || notice.hidden) { shown = ''; return; }
      if (notice.textContent === shown) return;
      shown = notice.textContent;
      window.noticesShown.push({ text: shown, visible: notice.checkVisibility() });
    }).observe(document, { attributes: true, attributeFilter: ['hidden'], childList: true, characterData: true, subtree: true });
  });
  const page = await context.newPage();
  const problems = [], warnings = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); if (m.type() === 'warning') warnings.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  // Two packs in the address: the first opens, and the notice says the second was left out.
  await page.goto(B.url + '?pack=content/isis-losing-ground.json&pack=test-packs/second-pack.json#v=1&sel=nowhere&map=abc&zzz=1');
  await page.evaluate(() => Explainer.ready);
  await quiet(page);
  const shown = await page.evaluate(() => window.noticesShown);
  assert.ok(shown.length > 0 && shown.every((s) => s.visible), `the notice is shown: ${JSON.stringify(shown)}`);
  const text = shown.at(-1).text;
  for (const part of ["'nowhere'", "'abc'", "'zzz'", 'pack=test-packs/second-pack.json: a page opens one pack, the first (pack=content/isis-losing-ground.json)'])
    assert.ok(text.includes(part), `the notice names ${part}: ${text}`);
  assert.ok(warnings.some((w) => w.includes("'nowhere'") && w.includes("'zzz'")), `a console warning lists them: ${warnings.join(' | ')}`);
  assert.deepEqual(problems, [], 'no console errors');
  const state = (await snapshot(page)).state;
  assertSameView(state, defaults.state, 'the ignored keys keep the opening view');

  // A fragment of megabytes (URLs may hold 2 MB): only its first 4096 bytes are read.
  await page.evaluate(() => { location.hash = '#v=1&sel=sinjar&pad=' + 'x'.repeat(1_500_000); });
  await page.waitForFunction(() => window.noticesShown.some((s) => s.visible && s.text.includes('longer than 4096 bytes')), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => Explainer.getState().selection), 'sinjar', 'the link\'s first keys were read');

  // A link of unknown keys alone says that it has no version too, as one with a known key does.
  await page.evaluate(() => { location.hash = '#foo=1'; });
  await page.waitForFunction(() => window.noticesShown.some((s) => s.visible && s.text.includes("'foo'")), null, { timeout: 30000 });
  assert.equal((await page.evaluate(() => window.noticesShown)).at(-1).text,
    "Parts of this link were ignored: unknown key 'foo' ignored; link has no version (v=1); read as version 1.");
  assert.deepEqual(problems, [], 'no errors');
  await context.close();
});

// [SECTION] postMessage across origins -------------------------------------------------------------

// Sends `messages` from the host page and returns everything that arrives until `ms`
// have passed without a new message (the explainer answers within a few ms).
async function exchange(page, messages, ms = 300) {
  return page.evaluate(async ([messages, ms]) => {
    const from = window.received.length;
    for (const message of messages) window.send(message);
    let seen = -1;
    while (seen !== window.received.length) {
      seen = window.received.length;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    return window.received.slice(from);
  }, [messages, ms]);
}

// The reply to a request: exactly one message carrying its requestId.
async function ask(page, message) {
  const arrived = await exchange(page, [message]);
  const replies = arrived.filter((m) => m.data && m.data.requestId === message.requestId);
  assert.equal(replies.length, 1, `one reply to ${JSON.stringify(message).slice(0, 120)}: got ${JSON.stringify(arrived).slice(0, 400)}`);
  return replies[0].data;
}

test('postMessage: an allowed host drives the explainer; wrong-shape messages change nothing', async () => {
  const explainerUrl = `${B.url}index.html?embed=1&origin=${encodeURIComponent(originOf(A))}#v=1&sel=sinjar`;
  const page = await openPage(browser, `${A.url}hosts/message-host.html?src=${encodeURIComponent(explainerUrl)}`, { expectProblems: true });
  const frame = await explainerIn(page, '#frame');
  await page.waitForFunction(() => window.received.some((m) => m.data && m.data.type === 'ready'));
  await quiet(frame);
  const selection = () => frame.evaluate(() => Explainer.getState().selection);

  const ready = (await page.evaluate(() => window.received)).filter((m) => m.data.type === 'ready');
  assert.equal(ready.length, 1, 'ready comes once');
  assert.equal(ready[0].origin, originOf(B));
  assert.equal(ready[0].data.pack, pack.id);
  assert.equal(ready[0].data.selection, 'sinjar');
  assert.ok(ready[0].data.link.startsWith('#v=1&sel=sinjar'), ready[0].data.link);

  let reply = await ask(page, { explainer: 1, type: 'getState', requestId: 1 });
  assert.equal(reply.type, 'state');
  assert.equal(reply.selection, 'sinjar');
  assert.equal(reply.link, await frame.evaluate(() => Explainer.getLink()));

  reply = await ask(page, { explainer: 1, type: 'select', id: 'paris', requestId: 'select-paris' });
  assert.deepEqual([reply.type, reply.selection, reply.selectionName, reply.selectionType], ['state', 'paris', 'Paris', 'place']);
  assert.equal(await selection(), 'paris');

  reply = await ask(page, { explainer: 1, type: 'setState', link: '#v=1&sel=iraq&zzz=1', requestId: 3 });
  assert.equal(reply.selection, 'iraq');
  assert.ok(reply.ignored.some((note) => note.includes("'zzz'")), `the reply lists what the link lost: ${reply.ignored}`);

  reply = await ask(page, { explainer: 1, type: 'setState', link: '#v=1&sel=raqqa&t=2015-11-13&tab=timeline', requestId: 4, hostTag: 'kept?' });
  assert.deepEqual([reply.selection, reply.timeCursor, reply.panel], ['raqqa', '2015-11-13', 'timeline']);
  assert.ok(reply.link.startsWith('#v=1&sel=raqqa'), reply.link);
  await quiet(frame);
  const settledLink = await frame.evaluate(() => Explainer.getLink());

  // Not for the explainer: dropped silently.
  const unaddressed = [
    { type: 'select', id: 'paris', requestId: 'no-version' },
    'select paris',
    JSON.stringify({ explainer: 1, type: 'select', id: 'paris' }),
    [{ explainer: 1, type: 'select', id: 'paris' }],
    42, null, true,
  ];
  assert.deepEqual(await exchange(page, unaddressed, 600), [], 'no reply to messages not addressed to the explainer');
  // For the explainer but unusable: one error each.
  const rejected = [
    [{ explainer: 1, type: 'select', id: 42, requestId: 'r1' }, '"id" must be a string'],
    [{ explainer: '1', type: 'select', id: 'paris', requestId: 'r2' }, 'protocol version number 1'],
    [{ explainer: 2, type: 'select', id: 'paris', requestId: 'r3' }, "protocol version '2' is not supported"],
    [{ explainer: 1, type: 'navigate', requestId: 'r4' }, "unknown message type 'navigate'"],
    [{ explainer: 1, type: 'select', id: 'nowhere', requestId: 'r5' }, "unknown id 'nowhere'"],
    [{ explainer: 1, type: 'setState', link: 5, requestId: 'r6' }, '"link" must be a string'],
    [{ explainer: 1, type: 'select', id: 'paris', requestId: 'r'.repeat(300) }, 'longer than 256 bytes'],
    [{ explainer: 1, type: 'select', id: 'paris', requestId: 'r8', padding: 'x'.repeat(20000) }, 'larger than 8192 bytes'],
    [{ explainer: 1, type: 'select', id: 'paris', requestId: { nested: true } }, '"requestId" must be a string or a finite number'],
  ];
  for (const [message, reason] of rejected) {
    const arrived = await exchange(page, [message]);
    assert.equal(arrived.length, 1, `one reply to ${JSON.stringify(message).slice(0, 100)}: ${JSON.stringify(arrived).slice(0, 300)}`);
    assert.equal(arrived[0].data.type, 'error');
    assert.ok(arrived[0].data.reason.includes(reason), `reason '${arrived[0].data.reason}' mentions ${reason}`);
    // A readable requestId comes back, with the protocol version's errors too; a message
    // too large to look into carries none.
    if (typeof message.requestId === 'string' && message.requestId.length <= 256 && !message.padding)
      assert.equal(arrived[0].data.requestId, message.requestId, `the error to ${message.requestId} carries its requestId back`);
    else assert.equal(arrived[0].data.requestId, undefined, 'an unreadable requestId does not come back');
  }
  // A message JSON cannot carry (a BigInt) is answered too, with its requestId.
  const unreadable = await page.evaluate(async () => {
    const from = window.received.length;
    window.send({ explainer: 1, type: 'getState', requestId: 'big', big: 10n });
    await new Promise((resolve) => setTimeout(resolve, 600));
    return window.received.slice(from).map((m) => m.data);
  });
  assert.deepEqual(unreadable, [{ explainer: 1, type: 'error', reason: 'message is not valid JSON', requestId: 'big' }]);
  // A frame of the host's own origin that is not the parent: ignored.
  await page.evaluate(() => new Promise((resolve) => {
    const sibling = document.createElement('iframe');
    sibling.srcdoc = `<script>parent.document.getElementById('frame').contentWindow.postMessage(
      {explainer: 1, type: 'select', id: 'paris'}, '*');<\/script>`;
    sibling.onload = () => setTimeout(resolve, 500);
    document.body.appendChild(sibling);
  }));
  assert.equal(await selection(), 'raqqa', 'nothing above changed the selection');
  assert.equal(await frame.evaluate(() => Explainer.getLink()), settledLink, 'nothing above changed the view');

  // Megabytes (larger than the wasm stack ccall copies strings to): at most one error,
  // nothing selected, the explainer still answers.
  const huge = await exchange(page, [{ explainer: 1, type: 'select', id: 'paris', padding: 'x'.repeat(2_000_000) }]);
  assert.ok(huge.length <= 1 && huge.every((m) => m.data.type === 'error'), JSON.stringify(huge).slice(0, 300));
  assert.equal(await selection(), 'raqqa', 'a huge message changed nothing');
  assert.equal((await ask(page, { explainer: 1, type: 'getState', requestId: 'after-huge' })).selection, 'raqqa');

  const all = await page.evaluate(() => window.received);
  assert.ok(all.every((m) => m.origin === originOf(B) && m.fromFrame), 'every message came from the explainer frame');
  assert.ok(all.every((m) => m.data && m.data.explainer === 1), 'every message is a protocol message');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('postMessage: a host on an origin that is not allowed gets nothing and changes nothing', async () => {
  // Site C embeds the explainer claiming to be A: the explainer only talks to A.
  const explainerUrl = `${B.url}index.html?embed=1&origin=${encodeURIComponent(originOf(A))}#v=1&sel=sinjar`;
  const page = await openPage(browser, `${C.url}hosts/message-host.html?src=${encodeURIComponent(explainerUrl)}`, { expectProblems: true });
  const frame = await explainerIn(page, '#frame');
  await quiet(frame);
  for (const message of [
    { explainer: 1, type: 'getState', requestId: 1 },
    { explainer: 1, type: 'select', id: 'paris', requestId: 2 },
    { explainer: 1, type: 'setState', link: '#v=1&sel=raqqa', requestId: 3 },
    { explainer: 1, type: 'select', id: 42, requestId: 4 },
  ]) await page.evaluate((m) => window.send(m), message);
  await page.waitForTimeout(700);
  assert.equal(await frame.evaluate(() => Explainer.getState().selection), 'sinjar', 'C could not select anything');
  // A reader's click changes the view; the state message is addressed to A only.
  const { x, y } = await locateCentre(frame, 'raqqa', 'map');
  await page.locator('#frame').click({ position: { x, y } });
  await quiet(frame);
  assert.equal(await frame.evaluate(() => Explainer.getState().selection), 'raqqa', 'the click inside the frame selected');
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.received), [], 'C received no message at all (not even ready)');
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] Script embed ---------------------------------------------------------------------------------

test('script embed: sizes the iframe, drives it, mirrors each view into the host URL and reopens from it', async () => {
  const hostUrl = `${A.url}hosts/script-host.html?explainer=${encodeURIComponent(B.url)}#intro`;
  const page = await openPage(browser, hostUrl, { expectProblems: true });
  const first = await explainerIn(page, '#first iframe');
  const second = await explainerIn(page, '#second iframe');
  await page.evaluate(() => Promise.all([0, 1].map((i) => new Promise((resolve) => ExplainerEmbed.get(i).on('ready', resolve)))));

  const frames = await page.evaluate(() => [...document.querySelectorAll('[data-explainer]')].map((element) => {
    const iframe = element.querySelector('iframe');
    return { src: iframe.src, height: iframe.getBoundingClientRect().height, width: iframe.getBoundingClientRect().width,
      boxWidth: element.getBoundingClientRect().width, children: element.children.length };
  }));
  for (const f of frames) {
    const url = new URL(f.src);
    assert.equal(url.origin, originOf(B));
    assert.equal(url.searchParams.get('embed'), '1');
    assert.deepEqual(url.searchParams.getAll('origin'), [originOf(A)], 'the iframe names the host origin');
    assert.equal(f.height, 720, 'the wide default height');
    assert.equal(f.width, f.boxWidth, 'full width');
    assert.equal(f.children, 1, 'the fallback link was replaced by the iframe');
  }
  assert.equal(new URL(frames[1].src).hash, '#v=1&sel=paris', 'data-explainer-link is the start view');
  assert.equal(await second.evaluate(() => Explainer.getState().selection), 'paris');

  // Through the API, and by a reader's click inside the second iframe.
  const reply = await page.evaluate(() => ExplainerEmbed.get(0).select('sinjar'));
  assert.equal(reply.selection, 'sinjar');
  assert.equal(await first.evaluate(() => Explainer.getState().selection), 'sinjar');
  // An event no message has throws, as Explainer.on does (it was never heard, without a word).
  assert.equal(await page.evaluate(() => { try { ExplainerEmbed.get(0).on('selected', () => {}); return 'accepted'; } catch (e) { return e.message; } }),
    'ExplainerEmbed on: unknown event "selected" (ready, state, resize, error, failed)');
  const rejection = await page.evaluate(() => ExplainerEmbed.get(document.querySelector('#first iframe')).select('nowhere')
    .then(() => 'resolved', (error) => error.message));
  assert.ok(rejection.includes("unknown id 'nowhere'"), rejection);
  // Larger than the explainer reads: refused at once with its reason (the explainer's reply to
  // such a message has no requestId, and the request waited out its 10 s).
  const oversized = await page.evaluate(() => {
    const asked = performance.now();
    return ExplainerEmbed.get(0).setState('#v=1&sel=' + 'a'.repeat(20000))
      .then(() => 'resolved', (error) => ({ message: error.message, ms: performance.now() - asked }));
  });
  assert.equal(oversized.message, 'message is larger than 8192 bytes');
  assert.ok(oversized.ms < 1000, `rejected after ${Math.round(oversized.ms)} ms`);
  const { x, y } = await locateCentre(second, 'raqqa', 'map');
  await page.locator('#second iframe').click({ position: { x, y } });
  await Promise.all([quiet(first), quiet(second)]);
  await page.waitForTimeout(400);  // the explainer's state messages are throttled
  // A later change of the first embed keeps the host URL's parts in their places (its key
  // moved to the end).
  await page.evaluate(() => ExplainerEmbed.get(0).select('raqqa'));
  await page.waitForFunction(() => location.hash.includes('explainer=' + encodeURIComponent('#v=1&sel=raqqa')));
  assert.deepEqual((await page.evaluate(() => location.hash)).slice(1).split('&').map((p) => p.split('=')[0]),
    ['intro', 'explainer', 'explainer-2'], 'the host URL keeps its parts in order');
  await page.evaluate(() => ExplainerEmbed.get(0).select('sinjar'));
  await quiet(first);
  await page.waitForTimeout(400);

  const links = [await first.evaluate(() => Explainer.getLink()), await second.evaluate(() => Explainer.getLink())];
  assert.ok(links[1].startsWith('#v=1&sel=raqqa'), links[1]);
  const hostHash = await page.evaluate(() => location.hash);
  const parts = hostHash.slice(1).split('&');
  assert.equal(parts[0], 'intro', `the host's own fragment is kept: ${hostHash}`);
  const mirrored = (key) => parts.filter((p) => p.startsWith(key + '=')).map((p) => decodeURIComponent(p.slice(key.length + 1)));
  assert.deepEqual(mirrored('explainer'), [links[0]], `explainer= mirrors the first embed: ${hostHash}`);
  assert.deepEqual(mirrored('explainer-2'), [links[1]], `explainer-2= mirrors the second embed: ${hostHash}`);
  const viaApi = await page.evaluate(() => Promise.all([0, 1].map((i) => ExplainerEmbed.get(i).getState())));
  assert.deepEqual(viaApi.map((s) => s.link), links, 'getState() resolves with the current views');
  const states = [await first.evaluate(() => Explainer.getState()), await second.evaluate(() => Explainer.getState())];

  // An embed added later: set up when the host script registers it, API calls queue until ready.
  const added = await page.evaluate((base) => {
    const element = document.createElement('div');
    element.setAttribute('data-explainer', base + 'index.html');
    element.setAttribute('data-explainer-link', '#v=1&sel=turkey');
    document.body.appendChild(element);
    ExplainerEmbed.get(element);
    return new Promise((resolve) => setTimeout(resolve, 0))
      .then(() => ExplainerEmbed.get(2).getState()).then((s) => s.selection);
  }, B.url);
  assert.equal(added, 'turkey');
  await explainerIn(page, 'body > div[data-explainer]:last-of-type iframe');
  await page.evaluate(() => ExplainerEmbed.get(2).select('iraq'));
  await page.waitForFunction(() => location.hash.includes('explainer-3=' + encodeURIComponent('#v=1&sel=iraq')));

  // The host on a phone: the explainer asks for its narrow height.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => document.querySelector('#first iframe').getBoundingClientRect().height === 760);
  assertNoProblems(assert, page);
  const reopenUrl = page.url();
  await page.context().close();

  // The host URL is a deep link: a new reader opens both embeds where they were.
  const again = await openPage(browser, reopenUrl, { expectProblems: true });
  const firstAgain = await explainerIn(again, '#first iframe');
  const secondAgain = await explainerIn(again, '#second iframe');
  await Promise.all([quiet(firstAgain), quiet(secondAgain)]);
  assertSameView(await firstAgain.evaluate(() => Explainer.getState()), states[0], 'first embed reopened from the host URL');
  assertSameView(await secondAgain.evaluate(() => Explainer.getState()), states[1], 'second embed reopened from the host URL');
  // Changing the key in the host URL moves the embed (no reload of the host).
  await again.evaluate(() => { window.marker = 'host'; location.hash = 'intro&explainer=' + encodeURIComponent('#v=1&sel=ramadi&t=2015-11-13'); });
  await firstAgain.waitForFunction(() => Explainer.getState().selection === 'ramadi');
  assert.equal(await firstAgain.evaluate(() => Explainer.getState().timeCursor), '2015-11-13');
  assert.equal(await again.evaluate(() => window.marker), 'host');
  assertNoProblems(assert, again);
  await again.context().close();
});

test('embed-demo.html drives its two embeds with real clicks on its buttons', async () => {
  const page = await openPage(browser, `${B.url}embed-demo.html`, { expectProblems: true });
  const plain = await explainerIn(page, '#frame');
  const scripted = await explainerIn(page, '#script-embed iframe');
  await page.waitForFunction(() => document.getElementById('frame-state').textContent && document.getElementById('script-state').textContent);
  await page.click('[data-for="frame"] [data-select="sinjar"]');
  await page.click('[data-for="script"] [data-select="paris"]');
  await plain.waitForFunction(() => Explainer.getState().selection === 'sinjar');
  await scripted.waitForFunction(() => Explainer.getState().selection === 'paris');
  await page.fill('[data-for="frame"] input', '#v=1&sel=raqqa&t=2015-11-13&tab=timeline');
  await page.click('[data-for="frame"] [data-set-state]');
  await plain.waitForFunction(() => Explainer.getState().selection === 'raqqa');
  await page.click('[data-for="script"] [data-get-state]');
  await page.waitForFunction(() => document.getElementById('script-state').textContent.includes('selection: paris'));
  await page.waitForFunction(() => document.getElementById('frame-state').textContent.includes('selection: raqqa'));
  const log = await page.locator('#log').textContent();
  for (const expected of ['iframe ← {"explainer":1,"type":"ready"', 'embed.js ← {"explainer":1,"type":"ready"', '"selection":"paris"', '"selection":"raqqa"'])
    assert.ok(log.includes(expected), `the log shows ${expected}`);
  await page.waitForFunction(() => location.hash.includes('explainer=' + encodeURIComponent('#v=1&sel=paris')));
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] oEmbed and the single file ---------------------------------------------------------------

test('oembed.json describes the embed, and index.html links it', async () => {
  const oembed = await (await fetch(new URL('oembed.json', B.url))).json();
  assert.equal(oembed.type, 'rich');
  assert.equal(oembed.version, '1.0');
  assert.equal(oembed.title, pack.title);
  assert.equal(oembed.provider_name, 'Explainer');
  assert.ok(Number.isInteger(oembed.width) && oembed.width > 0 && Number.isInteger(oembed.height) && oembed.height > 0);
  const src = /<iframe [^>]*src="([^"]+)"/.exec(oembed.html)?.[1];
  assert.ok(src, `the html is an iframe: ${oembed.html}`);
  const url = new URL(src.replace(/&amp;/g, '&'));
  assert.match(url.protocol, /^https?:$/, 'an absolute URL');
  assert.equal(url.searchParams.get('embed'), '1');
  assert.ok(url.pathname.endsWith('/index.html'));
  const index = await (await fetch(B.url)).text();
  assert.match(index, /<link rel="alternate" type="application\/json\+oembed" href="oembed.json"/);
});

test('explainer-standalone.html opens from file:// with no request at all', async () => {
  const file = path.join(webDir, 'explainer-standalone.html');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const requests = [], problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('file://' + file);
  await whenStarted(page);
  await settle(page);
  assert.deepEqual(requests, ['file://' + file], 'the only request is the file itself');
  assert.equal(await page.locator('#mirror-body p').count(), pack.article.paragraphs.length, 'the article is there');
  const { x, y } = await locateCentre(page, 'sinjar', 'article');
  await page.mouse.click(x, y);
  await settle(page);
  assert.equal(await page.evaluate(() => Explainer.getState().selection), 'sinjar', 'the article is drawn and clickable');
  assert.ok(await page.evaluate(() => Explainer.locate('sinjar').some((r) => r.panel === 'map')), 'the map draws the place');
  assert.deepEqual(requests, ['file://' + file], 'still no request');
  assert.deepEqual(problems, []);
  await context.close();
});
