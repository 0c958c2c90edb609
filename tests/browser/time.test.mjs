// Time from minutes to centuries, as a reader sees it: whatever a pack's span (one
// evening told by the minute, a story from 1863 told in 2024, five centuries), the
// timeline opens with every event on it and with ticks in the unit that span needs; a
// link with a time of day survives a reload; cards and the JS API carry the times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, assertNoProblems, settle, screenshot, decodePng, root } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); });

const locate = (page, id) => page.evaluate((id) => Explainer.locate(id), id);

// Every event of the pack has a mark inside the timeline panel (between its left and
// right edges, above the axis), with no reader action.
async function assertEveryEventOnTimeline(page, what) {
  const axis = (await locate(page, 'timeline:axis'))[0];
  assert.ok(axis, `${what}: the timeline is drawn`);
  const events = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'event');
  assert.ok(events.length > 0, `${what}: the pack has events`);
  for (const event of events) {
    const mark = (await locate(page, event.id)).find((r) => r.panel === 'timeline');
    assert.ok(mark, `${what}: ${event.id} (${event.start}) is on the timeline's default view`);
    assert.ok(mark.x >= axis.x - 0.5 && mark.x + mark.width <= axis.x + axis.width + 0.5,
      `${what}: ${event.id} lies inside the panel (${mark.x}..${mark.x + mark.width} in ${axis.x}..${axis.x + axis.width})`);
    assert.ok(mark.y + mark.height <= axis.y + 0.5, `${what}: ${event.id} lies above the axis`);
  }
}

const hasLocated = async (page, id) => (await locate(page, id)).length > 0;

test('one evening by the minute: every event in view, ticks in hours and minutes, times in cards and the API', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/evening-by-minute.json');
  await settle(page);
  await assertEveryEventOnTimeline(page, 'evening');
  assert.ok(await hasLocated(page, 'timeline:unit:minute') || await hasLocated(page, 'timeline:unit:hour'),
    'the axis counts minutes or hours');
  assert.ok(await hasLocated(page, 'timeline:tick:21:00'), 'a tick says 21:00 (the story\'s local time, UTC+1)');
  const entities = await page.evaluate(() => Explainer.entities());
  const conference = entities.find((e) => e.id === 'press-conference');
  assert.equal(conference.start, '1989-11-09T18:00+01:00', 'events keep their time and offset as written');
  assert.equal(conference.end, '1989-11-09T19:01+01:00');
  const state = await page.evaluate(() => Explainer.getState());
  assert.match(state.timeline.start, /^1989-11-09T\d\d:\d\dZ$/, 'a view of hours is given to the minute');
  await screenshot(page, 'time-evening');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a story from 1863 told in 2024 opens on 1863, not on the years between', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/second-pack.json');
  await settle(page);
  await assertEveryEventOnTimeline(page, 'second pack');
  const state = await page.evaluate(() => Explainer.getState());
  assert.match(state.timeline.start, /^1863-/, `the view starts in 1863 (${state.timeline.start})`);
  assert.match(state.timeline.end, /^1863-/, `the view ends in 1863 (${state.timeline.end})`);
  await screenshot(page, 'time-second-pack');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('five centuries: every event in view, ticks in centuries or decades', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/bridge-five-centuries.json');
  await settle(page);
  await assertEveryEventOnTimeline(page, 'five centuries');
  assert.ok(await hasLocated(page, 'timeline:unit:century') || await hasLocated(page, 'timeline:unit:decade'),
    'the axis counts centuries or decades');
  assert.ok(await hasLocated(page, 'timeline:tick:1500'), 'a tick says 1500');
  await screenshot(page, 'time-centuries');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a link with a time of day round-trips through a reload', async () => {
  const link = '#v=1&t=1989-11-09T22:15Z&tl=1989-11-09T17:30Z..1989-11-09T23:45Z';
  const page = await openPage(browser, server.url + '?pack=/test-packs/evening-by-minute.json' + link);
  await settle(page);
  const before = await page.evaluate(() => ({ state: Explainer.getState(), link: Explainer.getLink() }));
  assert.equal(before.state.timeCursor, '1989-11-09T22:15Z');
  assert.deepEqual(before.state.timeline, { start: '1989-11-09T17:30Z', end: '1989-11-09T23:45Z' });
  assert.equal(before.link.replace(/^#/, ''), link.slice(1), 'the link is canonical already');
  // The cursor is drawn with its local time.
  assert.ok(await hasLocated(page, 'timeline:cursor'), 'the cursor is drawn');
  // An offset in a hand-written link is read and written back in UTC.
  await page.evaluate(() => Explainer.setState('#v=1&t=1989-11-09T23:15%2B01:00'));
  await settle(page);
  assert.equal((await page.evaluate(() => Explainer.getState())).timeCursor, '1989-11-09T22:15Z');
  await page.evaluate((l) => Explainer.setState(l), link);
  await settle(page);
  await page.waitForTimeout(300);
  await page.reload();
  await page.evaluate(() => window.Explainer.ready);
  await settle(page);
  const after = await page.evaluate(() => ({ state: Explainer.getState(), link: Explainer.getLink() }));
  assert.equal(after.state.timeCursor, before.state.timeCursor);
  assert.deepEqual(after.state.timeline, before.state.timeline);
  assert.equal(after.link, before.link);
  assertNoProblems(assert, page);
  await page.context().close();
});

// Dates before AD 1 (astronomical years: -0043 is 44 BC), as a reader meets them.
test('47 BC to AD 1748: every event in view, ticks and dates say BC and AD, a link to 44 BC reopens it', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/rome-bc-ad.json');
  await settle(page);
  await assertEveryEventOnTimeline(page, 'Rome');
  const ticks = async (labels) => (await Promise.all(labels.map((l) => hasLocated(page, `timeline:tick:${l}`)))).some(Boolean);
  // The 1668 years between Vesuvius and the excavation are a break in the axis: the century
  // from 47 BC to AD 79 takes most of the width, in half-centuries.
  assert.ok(await hasLocated(page, 'timeline:break:1668 years'), 'the axis skips the 1668 years from AD 80 to 1748, and says so');
  assert.ok(await hasLocated(page, 'timeline:unit:decade'), 'the axis counts decades (by fifty years)');
  assert.ok(await hasLocated(page, 'timeline:tick:AD 1'), 'the era has its tick, AD 1, in place of a year zero');
  assert.ok(await ticks(['AD 50', 'AD 100']), 'later ticks say "AD …" in a view that begins BC');
  assert.ok(await hasLocated(page, 'timeline:tick:AD 1750'), 'after the break too');
  assert.ok(!(await ticks(['0', '1 BC', '-50', '-49', '50', '1750'])), 'no tick counts a year zero, a negative year or a bare year');

  // The API keeps the pack's ISO dates; readers (the mirror) read historians' dates.
  const entities = await page.evaluate(() => Explainer.entities());
  const killed = entities.find((e) => e.id === 'caesar-killed');
  assert.equal(killed.start, '-0043-03-15');
  const mirror = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#mirror-timeline ol > li')].map((li) => [
    li.querySelector('button').dataset.entity,
    { when: li.querySelector('.when').textContent, datetime: li.querySelector('time')?.getAttribute('datetime') ?? null }])));
  assert.deepEqual(mirror['caesar-killed'], { when: '15 March 44 BC', datetime: null }, 'HTML has no <time datetime> before AD 1');
  assert.deepEqual(mirror['battle-of-zela'], { when: '47 BC', datetime: null });
  assert.deepEqual(mirror['reign-of-augustus'], { when: '16 January 27 BC–19 August AD 14', datetime: null });
  assert.deepEqual(mirror['eruption'], { when: 'AD 79', datetime: '0079' });
  assert.deepEqual(Object.keys(mirror), ['battle-of-zela', 'caesar-killed', 'named-augustus', 'reign-of-augustus', 'eruption', 'excavations'],
    'events in time order across the era');

  // A link to the months around the Ides of March 44 BC.
  await page.evaluate(() => Explainer.setState('#v=1&sel=caesar-killed&t=-0043-03-15&tl=-0044-11-01..-0043-06-30'));
  await settle(page);
  const state = await page.evaluate(() => Explainer.getState());
  assert.deepEqual(state.timeline, { start: '-0044-11-01', end: '-0043-06-30' });
  assert.equal(state.timeCursor, '-0043-03-15');
  assert.ok(await hasLocated(page, 'timeline:tick:44 BC'), 'January 44 BC is labelled with its year');
  const mark = (await locate(page, 'caesar-killed')).find((r) => r.panel === 'timeline');
  assert.ok(mark, 'the Ides of March are on the timeline');
  const link = await page.evaluate(() => Explainer.getLink());
  assert.match(link, /tl=-0044-11-01\.\.-0043-06-30/);
  await page.reload();
  await page.evaluate(() => window.Explainer.ready);
  await settle(page);
  assert.deepEqual((await page.evaluate(() => Explainer.getState())).timeline, state.timeline, 'the link reopens the same months');
  await screenshot(page, 'time-rome-bc-ad');
  assertNoProblems(assert, page);
  await page.context().close();
});

// The seed with one event of 1916 added (context from beyond the article, cited): a linear
// axis gave the century the width and drew the story's events of 2014-2015 in one column at
// the right edge. The 98 years are a break now, labelled, and the two years keep the width.
test('a far lone date is a break in the axis: the story keeps the width, and the link keeps the view', async () => {
  const seed = JSON.parse(fs.readFileSync(path.join(root, 'content/isis-losing-ground.json'), 'utf8'));
  seed.entities.push({
    id: 'sykes-picot', kind: 'event', name: 'Sykes–Picot Agreement', date: { iso: '1916-05-16' },
    description: 'Britain and France agree on their spheres of influence in the Middle East.',
    citations: [{ title: 'Sykes-Picot Agreement', publication: 'Encyclopaedia Britannica', url: 'https://www.britannica.com/event/Sykes-Picot-Agreement' }],
  });
  const body = JSON.stringify(seed);
  const route = (p) => p.route((url) => url.pathname === '/test-packs/seed-and-1916.json', (r) => r.fulfill({ contentType: 'application/json', body }));
  const page = await openPage(browser, server.url + '?pack=/test-packs/seed-and-1916.json', { beforeGoto: route });
  await settle(page);
  const axis = (await locate(page, 'timeline:axis'))[0];
  for (const event of (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'event' && e.start)) {
    const mark = (await locate(page, event.id)).find((r) => r.panel === 'timeline');
    assert.ok(mark && mark.x >= axis.x && mark.x + mark.width <= axis.x + axis.width, `${event.id} (${event.start}) is in the opening view`);
  }
  assert.ok(await hasLocated(page, 'timeline:break:98 years'), 'the axis says what it skips');
  assert.ok(await hasLocated(page, 'timeline:context:1916'), 'the months of 1916 shown are named');
  const baiji = (await locate(page, 'baiji-battles')).find((r) => r.panel === 'timeline');
  assert.ok(baiji.width > 0.4 * axis.width, `June 2014 to October 2015 takes ${Math.round(baiji.width)} of ${Math.round(axis.width)} px (a linear century: about 10)`);
  const [gap] = await locate(page, 'timeline:break:98 years');
  const sykes = (await locate(page, 'sykes-picot')).find((r) => r.panel === 'timeline');
  assert.ok(sykes.x + sykes.width <= gap.x + gap.width / 2 && baiji.x >= gap.x + gap.width / 2, '1916 before the break, 2014 after it');

  // A link keeps the days (not the axis's) and reopens the same drawing.
  await page.evaluate(() => Explainer.select('sykes-picot'));
  await settle(page);
  const state = await page.evaluate(() => Explainer.getState());
  const link = await page.evaluate(() => Explainer.getLink());
  const again = await openPage(browser, server.url + '?pack=/test-packs/seed-and-1916.json' + link.slice(link.indexOf('#')), { beforeGoto: route });
  await settle(again);
  assert.deepEqual((await again.evaluate(() => Explainer.getState())).timeline, state.timeline);
  const moved = (await locate(again, 'sykes-picot')).find((r) => r.panel === 'timeline');
  const before = (await locate(page, 'sykes-picot')).find((r) => r.panel === 'timeline');
  assert.ok(Math.abs(moved.x - before.x) < 1.5, `the mark at ${before.x} reopens at ${moved.x}`);
  await screenshot(page, 'time-break-1916');
  assertNoProblems(assert, page);
  assertNoProblems(assert, again);
  await again.context().close();
  await page.context().close();
});

// Pixels as dark as text (the label's ink) in a CSS rect of a screenshot at DPR 1.
function inkIn(image, r) {
  let ink = 0;
  for (let y = Math.ceil(r.y); y < r.y + r.height; ++y)
    for (let x = Math.ceil(r.x); x < r.x + r.width; ++x) {
      const i = (y * image.width + x) * 4;
      if (0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2] < 110) ++ink;
    }
  return ink;
}

// June 2006 at a scale of years is a bar narrower than its event's name. The label used
// to start inside the bar and, near the panel's right edge, slide back across it: the
// name's letters were drawn over the bar. It stands beside the bar now, before it here.
// (Without the waves' event the earthquake's day is one date alone: the 17 months from it
// to June 2006 are no break in the axis, which would give June 2006 most of the width.)
test('a bar shorter than its label is labelled beside it, not across it', async () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/indian-ocean-tsunami.json'), 'utf8'));
  fixture.entities = fixture.entities.filter((e) => e.id !== 'waves-somalia');
  const body = JSON.stringify(fixture);
  const page = await openPage(browser, server.url + '?pack=/test-packs/indian-ocean-tsunami.json', {
    beforeGoto: (p) => p.route((url) => url.pathname === '/test-packs/indian-ocean-tsunami.json',
      (route) => route.fulfill({ contentType: 'application/json', body })),
  });
  await settle(page);
  await assertEveryEventOnTimeline(page, 'tsunami');
  const bar = (await locate(page, 'warning-system')).find((r) => r.panel === 'timeline');
  assert.ok(bar && bar.width > 12, `June 2006 is a bar (${JSON.stringify(bar)})`);
  const image = decodePng(page, (await screenshot(page, 'time-bar-label-beside')).png);
  const inside = { x: bar.x + 3, y: bar.y + 3, width: bar.width - 6, height: bar.height - 6 };
  assert.equal(inkIn(image, inside), 0, `no letter is drawn inside the bar ${JSON.stringify(inside)}`);
  const before = { x: bar.x - 300, y: bar.y, width: 296, height: bar.height };
  assert.ok(inkIn(image, before) > 100, 'the label is drawn just before the bar');
  assertNoProblems(assert, page);
  await page.context().close();
});

// Twelve events in one night and four others a century and more apart: at the opening
// scale (1871 to 2025) the night is one spot. Its events used to need twelve lanes of
// 12 px, too low for any label, so the whole timeline showed dots and not one name. Now
// the lanes keep their labels, the night's events beyond what they hold are stacked under
// one of them, which reads "+N", and a click on it zooms in on them.
test('a crowded spot is stacked under a "+N" that zooms in; the rest of the view keeps its labels', async () => {
  const page = await openPage(browser, server.url + '?pack=/test-packs/crowded-night.json');
  await settle(page);
  const events = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'event');
  const night = events.filter((e) => e.id.startsWith('night-'));
  const stacks = [];
  for (const e of night) stacks.push(...(await locate(page, 'timeline:stack:' + e.id)));
  assert.equal(stacks.length, 1, `one stack for the night (${JSON.stringify(stacks)})`);
  const shown = [];
  for (const e of night) if ((await locate(page, e.id)).some((r) => r.panel === 'timeline')) shown.push(e.id);
  assert.ok(shown.length >= 2 && shown.length < night.length, `some of the night's marks are drawn, the rest stacked (${shown.length} of ${night.length})`);

  const image = decodePng(page, (await screenshot(page, 'time-crowded-night')).png);
  for (const id of ['then-1', 'then-2', 'then-3']) {
    const mark = (await locate(page, id)).find((r) => r.panel === 'timeline');
    assert.ok(mark, `${id} is on the timeline`);
    const after = { x: mark.x + mark.width + 4, y: mark.y, width: 100, height: mark.height };
    assert.ok(inkIn(image, after) > 60, `${id} is labelled (ink after its mark ${JSON.stringify(after)})`);
  }

  const badge = stacks[0];
  await page.mouse.click(badge.x + badge.width / 2, badge.y + badge.height / 2);
  await settle(page);
  const state = await page.evaluate(() => Explainer.getState());
  assert.equal(state.selection, null, 'the click zooms; it selects nothing');
  const days = (t) => Date.parse(t.length > 10 ? t.replace(/Z$/, ':00Z') : t + 'T00:00:00Z') / 86400000;
  assert.ok(days(state.timeline.end) - days(state.timeline.start) < 3,
    `the timeline shows the night (${state.timeline.start} .. ${state.timeline.end})`);
  for (const e of night)
    assert.ok((await locate(page, e.id)).some((r) => r.panel === 'timeline'), `${e.id} has a mark of its own after the zoom`);
  assertNoProblems(assert, page);
  await page.context().close();
});

// Twelve events whose names are long sentences, seven of them in one year, 1754 to 2024.
// On a desktop, lanes as tall as they can be held every mark but left four of that year's
// marks as dots with no name and no "+N": now lower lanes that still carry labels are taken
// where they name more, and a mark left bare on a named mark's spot is stacked under it.
// On a phone, a name that fits on neither side of its mark ran out of the panel at the left
// ("…ovince's first school"); it is cut to the side with more room now, "…" at its end.
test('long event names: each mark on the timeline is named or stacked under a "+N", and no name runs out of the panel', async () => {
  const url = server.url + '?pack=/test-packs/long-event-names.json';
  const page = await openPage(browser, url);
  await settle(page);
  const events = (await page.evaluate(() => Explainer.entities())).filter((e) => e.type === 'event');
  assert.equal(events.length, 12);
  const image = decodePng(page, (await screenshot(page, 'time-long-event-names')).png);
  let stacked = 0, badges = 0;
  for (const e of events) {
    badges += (await locate(page, 'timeline:stack:' + e.id)).length;
    const mark = (await locate(page, e.id)).find((r) => r.panel === 'timeline');
    if (!mark) {
      ++stacked;
      continue;
    }
    // Small text at DPR 1: a name's letters over 100 px are a few dozen dark pixels; a lane
    // beside a bare mark has none.
    const after = { x: mark.x + mark.width + 4, y: mark.y, width: 100, height: mark.height };
    const before = { x: mark.x - 104, y: mark.y, width: 100, height: mark.height };
    const ink = inkIn(image, after) + inkIn(image, before);
    assert.ok(ink > 20, `${e.id} (${e.name}) is named beside its mark ${JSON.stringify(mark)}: ${ink} dark px`);
  }
  assert.ok(stacked === 0 || badges > 0, `the ${stacked} events without a mark are under a "+N" (${badges})`);
  assertNoProblems(assert, page);
  await page.context().close();

  const phone = await openPage(browser, url + '#v=1&tab=timeline', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  await settle(phone);
  const shot = decodePng(phone, (await screenshot(phone, 'time-long-event-names-phone')).png);
  const marks = [];
  for (const e of events) marks.push(...(await locate(phone, e.id)).filter((r) => r.panel === 'timeline'));
  assert.ok(marks.length >= 10, `the phone's timeline shows the events (${marks.length})`);
  const top = Math.min(...marks.map((r) => r.y)), bottom = Math.max(...marks.map((r) => r.y + r.height));
  // Text at the panel's left edge is a name cut by it: labels keep 4 px from the edge.
  const edge = { x: 0, y: top, width: 3, height: bottom - top };
  assert.equal(inkIn(shot, { x: edge.x * 3, y: edge.y * 3, width: edge.width * 3, height: edge.height * 3 }), 0,
    `no name runs out of the panel's left edge (${JSON.stringify(edge)})`);
  assertNoProblems(assert, phone);
  await phone.context().close();
});

