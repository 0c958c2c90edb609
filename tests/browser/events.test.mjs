// Events as a host page expects them (README "Events"): whatever changed the view, a
// reader's click, Explainer.select/setState/undo/redo, a typed fragment, Back and
// Forward, or a host page's message, `select` fires once when the selection changed and
// `statechange` once for a settled change; while the map flies, `statechange` (and the
// host's `state` message) come at most once every 250 ms, the last with the final view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, settle, locateCentre, root } from './harness.mjs';

const mounts = { '/test-packs': path.join(root, 'tests/packs'), '/hosts': path.join(root, 'tests/browser/hosts') };
const WINDOW_MS = 250;
let A, B, browser;
const originOf = (server) => server.url.replace(/\/$/, '');

before(async () => {
  [A, B] = await Promise.all([serve({ mounts }), serve({ mounts })]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const server of [A, B]) server?.server.close();
});

// [SECTION] Helpers ---------------------------------------------------------------------------

// Records every `select` and `statechange` of the explainer in `target` (a page or frame).
async function listen(target) {
  await target.evaluate(() => {
    window.heard = [];
    Explainer.on('select', ({ id }) => window.heard.push({ type: 'select', id, at: performance.now() }));
    Explainer.on('statechange', (state) => window.heard.push({ type: 'statechange', state, link: Explainer.getLink(), at: performance.now() }));
  });
}

// Runs `act`, waits until the explainer is idle and every coalesced event is out, and
// returns what was heard meanwhile: {selects: [ids], changes: [{state, link, at}]}.
async function during(target, act) {
  await target.evaluate(() => { window.heard = []; });
  await act();
  await settle(target);
  await target.waitForTimeout(WINDOW_MS + 250);
  const heard = await target.evaluate(() => window.heard);
  return { selects: heard.filter((e) => e.type === 'select').map((e) => e.id), changes: heard.filter((e) => e.type === 'statechange') };
}

// A settled change: one select when it moved the selection, exactly one statechange
// carrying the final view.
async function assertOnce(target, heard, what, selected) {
  assert.deepEqual(heard.selects, selected === undefined ? [] : [selected], `${what}: select events`);
  assert.equal(heard.changes.length, 1, `${what}: one statechange (got ${heard.changes.map((c) => c.link).join(' | ')})`);
  assert.equal(heard.changes[0].link, await target.evaluate(() => Explainer.getLink()), `${what}: the statechange carries the final view`);
}

// An animated change: statechange at most once per window, the last with the final view.
async function assertCoalesced(target, heard, what) {
  assert.ok(heard.changes.length >= 1, `${what}: at least one statechange`);
  for (let i = 1; i < heard.changes.length; ++i) {
    const gap = heard.changes[i].at - heard.changes[i - 1].at;
    assert.ok(gap >= WINDOW_MS - 5, `${what}: statechange ${i} came ${gap.toFixed(0)} ms after the one before`);
  }
  // Never the same view twice in a row (hover aside): a flight's events all carried where it
  // ends, and each after the first repeated it.
  const viewOf = ({ hover, ...view }) => view;
  for (let i = 1; i < heard.changes.length; ++i)
    assert.notDeepEqual(viewOf(heard.changes[i].state), viewOf(heard.changes[i - 1].state), `${what}: statechange ${i} repeats the view before it`);
  const final = await target.evaluate(() => ({ state: Explainer.getState(), link: Explainer.getLink() }));
  const last = heard.changes[heard.changes.length - 1];
  assert.equal(last.link, final.link, `${what}: the last statechange carries the final view`);
  assert.deepEqual(last.state.map, final.state.map, `${what}: ... map included`);
}

// [SECTION] The page's own sources -------------------------------------------------------------

test('every source fires select once and statechange once; Back and Forward notify too', async () => {
  const page = await openPage(browser, B.url);
  await settle(page);
  await listen(page);

  let heard = await during(page, () => page.evaluate(() => Explainer.setState('#v=1&sel=sinjar&t=2015-11-13')));
  await assertOnce(page, heard, 'setState', 'sinjar');
  assert.equal(await page.evaluate(() => location.hash), '#v=1&sel=sinjar&t=2015-11-13', 'setState pushed its link');
  const afterSetState = await page.evaluate(() => history.length);

  heard = await during(page, () => page.evaluate(() => Explainer.setState('#v=1&sel=sinjar&t=2015-11-13')));
  assert.deepEqual(heard, { selects: [], changes: [] }, 'the view on screen again is no change: no event');

  heard = await during(page, () => page.evaluate(() => { location.hash = '#v=1&sel=raqqa&tab=quotes'; }));
  await assertOnce(page, heard, 'a fragment set by a script', 'raqqa');
  assert.equal(await page.evaluate(() => history.length), afterSetState + 1, 'the browser made the entry; the explainer added none');

  heard = await during(page, () => page.goBack());
  await assertOnce(page, heard, 'Back', 'sinjar');
  assert.equal((await page.evaluate(() => Explainer.getState())).timeCursor, '2015-11-13', 'Back restored the whole view');
  heard = await during(page, () => page.goForward());
  await assertOnce(page, heard, 'Forward', 'raqqa');

  // A reader's click that selects nothing: the speaker chip of the quotes panel.
  heard = await during(page, async () => {
    const { x, y } = await locateCentre(page, 'quote-filter:jm-berger', 'quotes');
    await page.mouse.click(x, y);
  });
  await assertOnce(page, heard, 'a click on a speaker chip');
  assert.equal((await page.evaluate(() => Explainer.getState())).quoteSpeaker, 'jm-berger');

  // Undo and redo: the chip, then the fragment's change.
  heard = await during(page, () => page.evaluate(() => Explainer.undo()));
  await assertOnce(page, heard, 'undo');
  assert.equal((await page.evaluate(() => Explainer.getState())).quoteSpeaker, null, 'undo took the filter back');
  heard = await during(page, () => page.evaluate(() => Explainer.redo()));
  await assertOnce(page, heard, 'redo');
  assert.equal((await page.evaluate(() => Explainer.getState())).quoteSpeaker, 'jm-berger', 'redo put it back');

  // A burst: ten views set in one turn are ten selections but one settled change.
  const burst = ['paris', 'raqqa', 'sinjar', 'ramadi', 'iraq', 'turkey', 'paris-attacks', 'islamic-state', 'thamir-ismail', 'jm-berger'];
  heard = await during(page, () => page.evaluate((ids) => { for (const id of ids) Explainer.setState(`#v=1&sel=${id}&tab=map`); }, burst));
  assert.deepEqual(heard.selects, burst, 'a burst: one select per selection, in order');
  assert.equal(heard.changes.length, 1, `a burst: one statechange (got ${heard.changes.length})`);
  assert.equal(heard.changes[0].state.selection, 'jm-berger', 'a burst: the statechange carries the final view');

  // Selections that fly the map: one select, statechange coalesced.
  heard = await during(page, async () => {
    const { x, y } = await locateCentre(page, 'sinjar', 'article');
    await page.mouse.click(x, y);
  });
  assert.deepEqual(heard.selects, ['sinjar'], 'a click in the article: one select');
  await assertCoalesced(page, heard, 'a click in the article');

  heard = await during(page, () => page.evaluate(() => Explainer.select('ramadi')));
  assert.deepEqual(heard.selects, ['ramadi'], 'select(): one select');
  await assertCoalesced(page, heard, 'select() while the map flies');
  assert.ok(heard.changes.length <= 6, `select(): ${heard.changes.length} statechange events for one selection`);
  // The map holds the flight's end, not its frames: every statechange reports it.
  const flownTo = (await page.evaluate(() => Explainer.getState())).map;
  for (const change of heard.changes)
    assert.deepEqual(change.state.map, flownTo, 'select(): statechange reports where the map flies to, never a frame of the flight');
  heard = await during(page, () => page.evaluate(() => Explainer.undo()));
  assert.deepEqual(heard.selects, ['sinjar'], 'undo a selection: one select, back to the one before');
  await assertCoalesced(page, heard, 'undo');

  // The timeline too: an event out of view slides in, and every statechange reports the
  // range it slides to, never a frame of the slide.
  await page.evaluate(() => Explainer.setState('#v=1&tl=2014-01-01..2014-03-01'));
  await settle(page);
  heard = await during(page, () => page.evaluate(() => Explainer.select('paris-attacks')));
  const slidTo = (await page.evaluate(() => Explainer.getState())).timeline;
  assert.notDeepEqual(slidTo, { start: '2014-01-01', end: '2014-03-01' }, 'the timeline brought the event into view');
  assert.ok(heard.changes.length > 0, 'select() of an event: a statechange');
  for (const change of heard.changes)
    assert.deepEqual(change.state.timeline, slidTo, 'select(): statechange reports the range the timeline slides to, never a frame of the slide');

  heard = await during(page, () => page.evaluate(() => Explainer.select('nowhere')));
  assert.deepEqual(heard, { selects: [], changes: [] }, 'an unknown id changes nothing and says nothing');
  // A host page's mistakes are told at once, not at the next selection.
  // off() checks as on() does (README): it returned quietly, leaving a listener on.
  const mistakes = await page.evaluate(() => [() => Explainer.on('select', 'not a function'), () => Explainer.find(null),
    () => Explainer.off('selected', () => {}), () => Explainer.off('select', 5), () => Explainer.off('select', () => {})]
    .map((call) => { try { call(); return 'accepted'; } catch (e) { return e.name; } }));
  assert.deepEqual(mistakes, ['TypeError', 'TypeError', 'Error', 'TypeError', 'accepted']);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('undo and redo walk back through selections and report whether they could', async () => {
  const page = await openPage(browser, B.url, { reducedMotion: 'reduce' });
  await settle(page);
  const steps = await page.evaluate(() => {
    const out = [Explainer.undo()];  // nothing yet
    Explainer.setState('#v=1&sel=paris&t=2015-11-13');
    Explainer.setState('#v=1&sel=raqqa&tab=timeline');
    out.push(Explainer.undo(), Explainer.getLink(), Explainer.undo(), Explainer.getLink(), Explainer.undo());
    out.push(Explainer.redo(), Explainer.getLink(), Explainer.redo(), Explainer.getLink(), Explainer.redo());
    return out;
  });
  assert.deepEqual(steps, [false, true, '#v=1&sel=paris&t=2015-11-13', true, '#v=1', false,
    true, '#v=1&sel=paris&t=2015-11-13', true, '#v=1&sel=raqqa&tab=timeline', false]);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('another story (the Pacific crossing test pack): clicks push, Back and Forward notify with its ids', async () => {
  const page = await openPage(browser, `${B.url}?pack=test-packs/pacific-crossing.json`, { reducedMotion: 'reduce' });
  await settle(page);
  await listen(page);
  let heard = await during(page, async () => {
    const { x, y } = await locateCentre(page, 'suva', 'article');
    await page.mouse.click(x, y);
  });
  assert.deepEqual(heard.selects, ['suva'], 'a click on Suva in the article');
  heard = await during(page, () => page.evaluate(() => Explainer.setState('#v=1&sel=honolulu&tab=timeline')));
  await assertOnce(page, heard, 'setState', 'honolulu');
  heard = await during(page, () => page.goBack());
  assert.deepEqual(heard.selects, ['suva'], 'Back: one select, the place before');
  assert.ok(heard.changes.length >= 1, 'Back: a statechange');
  assert.equal(heard.changes[heard.changes.length - 1].link, await page.evaluate(() => location.hash), 'Back: the view of the entry');
  heard = await during(page, () => page.goForward());
  await assertOnce(page, heard, 'Forward', 'honolulu');
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] A host page ---------------------------------------------------------------------------

test('a host page: its requests notify the page once; other changes reach it as one coalesced state message', async () => {
  const explainerUrl = `${B.url}index.html?embed=1&origin=${encodeURIComponent(originOf(A))}#v=1&sel=sinjar`;
  const page = await openPage(browser, `${A.url}hosts/message-host.html?src=${encodeURIComponent(explainerUrl)}`, { expectProblems: true });
  const element = await page.waitForSelector('#frame');
  await element.scrollIntoViewIfNeeded();
  const frame = await element.contentFrame();
  await frame.waitForFunction(() => window.Explainer && document.body.classList.contains('ready'), null, { timeout: 20000 });
  await page.waitForFunction(() => window.received.some((m) => m.data && m.data.type === 'ready'));
  await settle(frame);
  await frame.waitForTimeout(WINDOW_MS + 250);
  await listen(frame);
  const messagesDuring = async (act) => {
    const from = await page.evaluate(() => window.received.length);
    const heard = await during(frame, act);
    return { heard, messages: (await page.evaluate(() => window.received)).slice(from).map((m) => m.data) };
  };

  // setState from the host: no animation. One reply, no second copy of it.
  let { heard, messages } = await messagesDuring(() => page.evaluate(() => window.send(
    { explainer: 1, type: 'setState', link: '#v=1&sel=raqqa&t=2015-11-13', requestId: 'r1' })));
  await assertOnce(frame, heard, 'a host setState', 'raqqa');
  assert.deepEqual(messages.map((m) => [m.type, m.requestId]), [['state', 'r1']], 'exactly the reply');

  // select from the host: the map flies; the reply, then state messages at most once a
  // window, the last one with the final view.
  ({ heard, messages } = await messagesDuring(() => page.evaluate(() => window.send(
    { explainer: 1, type: 'select', id: 'paris', requestId: 'r2' }))));
  assert.deepEqual(heard.selects, ['paris'], 'a host select: one select event');
  await assertCoalesced(frame, heard, 'a host select');
  assert.equal(messages[0].requestId, 'r2', 'the reply comes first');
  assert.ok(messages.slice(1).every((m) => m.type === 'state' && m.requestId === undefined), JSON.stringify(messages));
  const finalLink = await frame.evaluate(() => Explainer.getLink());
  assert.equal(messages[messages.length - 1].link, finalLink, 'the host ends with the final view');
  assert.equal(new Set(messages.map((m) => m.link)).size, messages.length, 'never the same view twice');
  // The reply has where the map flies and the article scrolls (it had the view before them,
  // and a state message followed): it is the only message.
  assert.equal(messages[0].link, finalLink, 'the reply has the view the selection leads to');
  assert.equal(messages.length, 1, JSON.stringify(messages));
  // The same select again changes nothing: its reply, and no state message after it.
  ({ messages } = await messagesDuring(() => page.evaluate(() => window.send({ explainer: 1, type: 'select', id: 'paris', requestId: 'r2b' }))));
  assert.deepEqual(messages.map((m) => [m.type, m.requestId, m.link]), [['state', 'r2b', finalLink]]);

  // A reader's click inside the frame: one state message, one statechange.
  ({ heard, messages } = await messagesDuring(async () => {
    const { x, y } = await locateCentre(frame, 'quote-filter:jm-berger', 'quotes');
    await page.locator('#frame').click({ position: { x, y } });
  }));
  await assertOnce(frame, heard, 'a click in the frame');
  assert.equal(messages.length, 1, `one state message for one click: ${JSON.stringify(messages)}`);
  assert.equal(messages[0].quoteSpeaker, 'jm-berger');
  assert.equal(messages[0].link, await frame.evaluate(() => Explainer.getLink()));

  // A burst of changes inside the frame: one state message, with the final view.
  ({ heard, messages } = await messagesDuring(() => frame.evaluate(() => {
    for (const id of ['iraq', 'turkey', 'raqqa', 'ramadi']) Explainer.setState(`#v=1&sel=${id}&t=2015-11-13`);
  })));
  assert.equal(heard.changes.length, 1, 'a burst in the frame: one statechange');
  assert.deepEqual(messages.map((m) => m.selection), ['ramadi'], 'a burst in the frame: one state message, the final view');

  // Back inside the frame is not possible (embeds replace their entry), but the host can
  // move the embed by a fragment: one select, one statechange, one state message.
  ({ heard, messages } = await messagesDuring(() => frame.evaluate(() => { location.hash = '#v=1&sel=sinjar'; })));
  await assertOnce(frame, heard, 'a fragment in the frame', 'sinjar');
  assert.deepEqual(messages.map((m) => m.link), ['#v=1&sel=sinjar']);
  assertNoProblems(assert, page);
  await page.context().close();
});
