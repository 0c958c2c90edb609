// The editor (edit.html, issue 13) with real input: a pack opened by URL saves back
// byte for byte; a mouse selection in the article becomes an entity; Ctrl+Z, Ctrl+Shift+Z
// and Ctrl+Y walk the one history; a reload restores the work and says so; the export
// passes the native validator; the first frame comes within 2x the reader's; and bad
// input (no paragraphs, an unsupported script, a pack with errors, storage denied, no
// gazetteer) gets a clear message, never a crash. The preview carries the reader's HTML
// mirror of the pack being edited, kept in step with edits, undo and the selection. On a
// phone the canvas sits above the column; a pack that does not validate is nowhere said to
// have no quotes, places or dates, and its state has no timeline range from 1970.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { root, serve, launch, openPage, assertNoProblems, settle, locateCentre, resourceEntries } from './harness.mjs';
import { audit, describe } from './axe.mjs';

const SLOW = { timeoutMs: 30000 };
const SEED = 'content/isis-losing-ground.json';
const seedText = fs.readFileSync(path.join(root, SEED), 'utf8');
const validator = path.join(root, 'build/native/explainer-validate');

let server, browser;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'explainer-editor-'));  // files for the CLI tools, removed after
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.server.close(); fs.rmSync(temp, { recursive: true, force: true }); });

// Our own article (Asia, the 19th century), in our words, after Discover Magazine's
// account (https://discovermagazine.com/planet-earth/krakatoa-is-still-active-and-we-are-not-ready-for-the-tsunamis-another).
const KRAKATOA = {
  headline: 'The island that vanished: Krakatoa, 1883',
  source: 'Explainer test article',
  published: '2026-11-30',
  paragraphs: [
    'The August 1883 eruption of Krakatoa was one of the deadliest volcanic explosions in modern history.',
    'The volcano stood on a small island in the Sunda Strait, between Java and Sumatra, and the island disappeared almost overnight.',
    'The eruption could be heard in Reunion, some 3,000 miles away. A tsunami 37 metres high destroyed 300 towns and villages along the strait and killed more than 36,000 people.',
  ],
};

const editorUrl = (query = '') => `${server.url}edit.html${query}`;
async function openEditor(query, options = {}) {
  const page = await openPage(browser, editorUrl(query), options);
  return page;
}
const exportText = (page) => page.evaluate(() => Explainer.editor.exportText());
const validateWithCli = (text) => {
  const file = path.join(temp, 'exported.json');
  fs.writeFileSync(file, text);
  return execFileSync(validator, [file], { encoding: 'utf8' });
};
async function waitForSide(page) {
  await page.waitForSelector('#side:not([hidden])', { timeout: 30000 });
  await settle(page, SLOW);
}

test('a pack opened by ?pack= saves back byte for byte, and the export passes the validator', async () => {
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  assert.equal(await exportText(page), seedText, 'open then save with no edits gives the same bytes');
  assert.deepEqual((await page.evaluate(() => Explainer.editor.validate())).errors, []);
  validateWithCli(await exportText(page));
  // Save with the browser's file dialog: the status says so while it is open, and that
  // nothing was saved when it is closed (it kept the last words, an author trial).
  await page.evaluate(() => {
    window.closeDialog = null;
    window.showSaveFilePicker = () => new Promise((resolve, reject) => { window.closeDialog = () => reject(new DOMException('closed', 'AbortError')); });
  });
  await page.click('#save');
  assert.equal(await page.textContent('#status'), 'Saving: choose where in the browser\'s dialog…');
  await page.evaluate(() => window.closeDialog());
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Not saved'));
  assert.equal(await page.textContent('#status'), 'Not saved: the dialog was closed');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a mouse selection in the article becomes a new entity; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y undo and redo it; a reload restores it', async () => {
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  // The word after a known mention: "Sinjar" in p1 is preceded by "the northern Iraqi town of".
  await page.evaluate(() => Explainer.select('sinjar'));
  await settle(page, SLOW);
  await page.evaluate(() => Explainer.select(null));
  await settle(page, SLOW);
  const { rect } = await locateCentre(page, 'sinjar', 'article');
  // Drag across the mention's last word and the words after it would cross mentions, so
  // double-click the word just after the mention instead.
  const x = rect.x + rect.width + 14, y = rect.y + rect.height / 2;
  await page.mouse.dblclick(x, y);
  await settle(page, SLOW);
  const selected = await page.evaluate(() => Explainer.editor.selection());
  assert.ok(selected.selector, `a word is selected (${JSON.stringify(selected)})`);
  const word = selected.selector.exact;
  assert.match(await page.textContent('#selection-text'), new RegExp(word), 'the column shows the selected words');
  await page.click('#new-kinds button[data-kind="organisation"]');
  await settle(page, SLOW);
  const added = (await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.mentions?.[0]?.exact === word && e.kind === 'organisation');
  assert.ok(added, `an organisation named by the selection "${word}" was added`);
  assert.equal(added.mentions[0].paragraph, selected.selector.paragraph);
  assert.equal((await page.evaluate(() => Explainer.editor.validate())).ok, true, 'the pack still validates');
  assert.equal(await page.inputValue('#field-name'), word, 'the inspector shows the new entity');
  const has = async () => (await page.evaluate(() => Explainer.editor.exportPack())).entities.some((e) => e.id === added.id);
  // Keys go to the page outside text fields: focus the canvas as a reader would.
  await page.mouse.click(x, y);
  await page.keyboard.press('Escape');
  await settle(page, SLOW);
  for (let i = 0; i < 5 && await has(); ++i) await page.keyboard.press('Control+z');  // view steps (the clicks' selections) come back first
  assert.equal(await has(), false, 'Ctrl+Z removed the entity');
  await page.keyboard.press('Control+Shift+z');
  await settle(page, SLOW);
  for (let i = 0; i < 5 && !await has(); ++i) await page.keyboard.press('Control+Shift+z');
  assert.equal(await has(), true, 'Ctrl+Shift+Z brought it back');
  await page.keyboard.press('Control+z');
  for (let i = 0; i < 5 && await has(); ++i) await page.keyboard.press('Control+z');
  assert.equal(await has(), false);
  for (let i = 0; i < 6 && !await has(); ++i) await page.keyboard.press('Control+y');
  assert.equal(await has(), true, 'Ctrl+Y redoes too');
  // Reload: the work comes back, and the editor says so.
  await page.reload();
  await page.evaluate(() => Explainer.ready);
  await waitForSide(page);
  assert.equal(await has(), true, 'the reload restored the new entity');
  assert.match(await page.textContent('#storage-note'), /Restored your unsaved work/);
  validateWithCli(await exportText(page));
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the "Add as a mention of" drop-down stays inside the column and the window, however long a name and narrow the window', async () => {
  for (const viewport of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
    const page = await openEditor(`?pack=${SEED}`, { viewport });
    await waitForSide(page);
    // A select is as wide as its longest option: give an event a name as long as a sentence.
    const renamed = await page.evaluate(() => Explainer.editor.apply({ op: 'updateEntity', id: 'attacks-on-fronts',
      fields: { name: 'Attacks on the Islamic State on multiple fronts, from the air and on the ground, in Iraq and in Syria' } }));
    assert.equal(renamed.ok, true, JSON.stringify(renamed));
    await page.selectOption('#mention-target', 'attacks-on-fronts');
    await page.focus('#mention-target');
    const boxes = await page.evaluate(() => {
      const box = (id) => document.getElementById(id).getBoundingClientRect().toJSON();
      return { select: box('mention-target'), side: box('side'), width: innerWidth };
    });
    const { select, side, width } = boxes;
    assert.ok(select.left >= Math.max(0, side.left) && select.right <= Math.min(width, side.right),
      `at ${viewport.width}x${viewport.height} the drop-down lies within the column and the window: ${JSON.stringify(boxes)}`);
    assertNoProblems(assert, page);
    await page.context().close();
  }
});

test('at phone width (390x844, touch) the canvas shows the pack above the column; an entity is tapped there and the column scrolls to its inspector, under a toolbar that stays in sight', async () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
  const page = await openEditor(`?pack=${SEED}`, phone);
  await waitForSide(page);
  const layout = () => page.evaluate(() => {
    const box = (id) => document.getElementById(id).getBoundingClientRect().toJSON();
    return { canvas: box('canvas'), side: box('side'), width: innerWidth, height: innerHeight };
  });
  const { canvas, side, width, height } = await layout();
  const boxes = JSON.stringify({ canvas, side });
  assert.ok(canvas.left === 0 && canvas.top === 0 && canvas.width === width && canvas.height >= height / 3,
    `the canvas spans the window's width and a good part of its height: ${boxes}`);
  assert.ok(side.top >= canvas.bottom - 1 && side.bottom <= height + 1 && side.height >= height / 3, `the column lies below the canvas: ${boxes}`);
  // The panels are drawn where they can be seen and touched: an entity's mention lies inside
  // the window, and the canvas is what the finger meets there.
  const rects = await page.evaluate(() => Explainer.locate('sinjar'));
  assert.ok(rects.length > 0, 'Sinjar is drawn');
  for (const r of rects) {
    assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= width && r.y + r.height <= canvas.bottom && r.width > 4 && r.height > 4,
      `inside the window and the canvas: ${JSON.stringify(r)}`);
    assert.equal(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.id, [r.x + r.width / 2, r.y + r.height / 2]), 'canvas');
  }
  const sinjar = await locateCentre(page, 'sinjar', 'article');
  await page.touchscreen.tap(sinjar.x, sinjar.y);
  await page.waitForFunction(() => Explainer.getState().selection === 'sinjar', null, { timeout: 10000 });
  // The inspector, at the column's end, is scrolled to within the column and is on top there.
  await page.waitForSelector('#inspector-form:not([hidden])');
  const field = page.locator('#inspector-form input, #inspector-form textarea').first();
  await field.scrollIntoViewIfNeeded();
  const reached = await field.evaluate((element) => {
    const r = element.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, onTop: document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === element };
  });
  assert.ok(reached.onTop && reached.top >= side.top && reached.bottom <= height, `the inspector's first field is reached: ${JSON.stringify(reached)}`);
  await field.tap();
  assert.equal(await field.evaluate((element) => element === document.activeElement), true, 'and takes the focus');
  // The toolbar stays at the column's top however far the column is scrolled: Undo, Save and
  // Preview are in sight there and take a tap (at their place: no scrolling to them first).
  assert.ok(await page.evaluate(() => document.getElementById('side').scrollTop) > 0, 'the column was scrolled to the inspector');
  const tools = await page.evaluate(() => ['undo', 'save', 'preview'].map((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    const column = document.getElementById('side').getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    return { id, x, y, inColumn: r.top >= column.top - 1 && r.bottom <= column.bottom + 1, onTop: document.elementFromPoint(x, y)?.id === id };
  }));
  for (const t of tools) assert.ok(t.inColumn && t.onTop, `the ${t.id} button is in sight while the column is scrolled: ${JSON.stringify(t)}`);
  // The preview gives the canvas the whole window; back to editing brings the column back.
  const previewButton = tools.find((t) => t.id === 'preview');
  await page.touchscreen.tap(previewButton.x, previewButton.y);
  await settle(page, SLOW);
  const preview = await layout();
  assert.ok(preview.canvas.width === width && preview.canvas.height === height, `the preview is the whole window: ${JSON.stringify(preview.canvas)}`);
  await page.tap('#end-preview');
  await settle(page, SLOW);
  assert.deepEqual((await layout()).canvas, canvas, 'back to editing, the canvas is where it was');
  assertNoProblems(assert, page);
  await page.context().close();
});

// "Delete entity" removes a place that entities which stay name (an event's places, a
// quote's place) in one step, as "Reject" does: it was refused, naming every referring
// field, and left the author to mend each first. A speaker whose quotes stay is refused in
// the author's words.
test('"Delete entity" removes a place the entities that stay name, in one undo step; a speaker is refused in words', async () => {
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  const before = await page.evaluate(() => Explainer.editor.exportPack());
  const naming = before.entities.filter((e) => e.place === 'turkey' || (e.places || []).includes('turkey')).map((e) => e.id);
  assert.ok(naming.length >= 2, `entities name Turkey: ${naming}`);
  const deleteSelected = async (id) => {
    await page.evaluate((entity) => Explainer.select(entity), id);
    await settle(page, SLOW);
    await page.click('#inspector-form button:has-text("Delete entity")');
    await settle(page, SLOW);
    return page.textContent('#status');
  };
  assert.equal(await deleteSelected('turkey'), 'Deleted Turkey (Undo brings it back)');
  const after = await page.evaluate(() => Explainer.editor.exportPack());
  assert.equal(after.entities.some((e) => e.id === 'turkey'), false);
  for (const id of naming) {
    const e = after.entities.find((x) => x.id === id);
    assert.ok(e && e.place !== 'turkey' && !(e.places || []).includes('turkey'), `${id} stays, without Turkey`);
  }
  assert.equal(await page.evaluate(() => Explainer.editor.undo()), true);
  assert.deepEqual(await page.evaluate(() => Explainer.editor.exportPack()), before, 'one undo brings all of it back');

  assert.match(await deleteSelected('thamir-ismail'),
    /^Refused: "Maj\. Gen\. Thamir Ismail" cannot be deleted while the quote .* names it as its speaker: delete that quote too, or change its speaker first/);
  assert.deepEqual(await page.evaluate(() => Explainer.editor.exportPack()), before, 'nothing deleted');
  assertNoProblems(assert, page);
  await page.context().close();
});

// A drafted place that an event names is rejected, and the event stays without it (this was
// refused in terms of "ops" and "batch"); a speaker whose quote stays cannot be rejected, and
// the status line says which quote holds it; the quote given another speaker is renamed.
test('rejecting a drafted place keeps the events that named it; rejecting a speaker alone is refused in words; a new speaker, picked by name, renames the quote', async () => {
  const page = await openEditor('');
  await page.fill('#draft-headline', 'Storm floods Manila');
  await page.fill('#draft-source', 'Explainer test article');
  await page.fill('#draft-published', '2024-05-02');
  await page.fill('#draft-paragraphs', ['MANILA — The storm flooded Manila on Tuesday, officials said.',
    '“We closed the port at noon,” said Captain Ana Rojas, the harbour master.',
    '“The boats are safe,” said Mayor Luis Cruz.'].join('\n\n'));
  await page.click('#draft-button');
  await waitForSide(page);
  const drafted = await page.evaluate(() => Explainer.editor.exportPack());
  const event = drafted.entities.find((e) => e.kind === 'event' && (e.places || []).length);
  assert.ok(event, `the draft has an event in a place (${drafted.entities.map((e) => e.id).join(', ')})`);
  const place = event.places[0];
  await page.click(`#suggestions li[data-id="${place}"] button:has-text("Reject")`);
  await settle(page, SLOW);
  let pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.equal(pack.entities.some((e) => e.id === place), false, 'the place is rejected');
  const kept = pack.entities.find((e) => e.id === event.id);
  assert.ok(kept, 'the event stays');
  assert.ok(!(kept.places || []).includes(place), `the event no longer names the place (${JSON.stringify(kept.places)})`);

  const quote = pack.entities.find((e) => e.kind === 'quote');
  assert.ok(quote, 'the draft has a quote');
  await page.click(`#suggestions li[data-id="${quote.speaker}"] button:has-text("Reject")`);
  await settle(page, SLOW);
  const status = await page.textContent('#status');
  assert.match(status, /cannot be rejected while the quote .* names it as its speaker: reject that quote too, or change its speaker first/, status);
  assert.doesNotMatch(status, /ops|batch/, status);
  pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.ok(pack.entities.some((e) => e.id === quote.speaker), 'the speaker stays');

  // The quote, drafted as "Captain Ana Rojas: “…”", given another speaker in the inspector,
  // is renamed after the new one in the same step.
  const speaker = pack.entities.find((e) => e.id === quote.speaker);
  const mayor = pack.entities.find((e) => e.kind === 'person' && /Cruz/.test(e.name));
  assert.ok(mayor && quote.name.startsWith(`${speaker.name}: `), `a second speaker, and a quote named after its own (${quote.name})`);
  await page.evaluate((id) => Explainer.select(id), quote.id);
  await settle(page, SLOW);
  // The speaker is picked by name from the pack's people, not typed as an id.
  const people = await page.$$eval('#field-speaker option', (os) => os.map((o) => o.textContent));
  assert.deepEqual(people, pack.entities.filter((e) => e.kind === 'person').map((e) => `${e.name} (${e.id})`));
  await page.selectOption('#field-speaker', { label: `${mayor.name} (${mayor.id})` });
  await settle(page, SLOW);
  const renamed = (await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.id === quote.id);
  assert.equal(renamed.speaker, mayor.id);
  assert.equal(renamed.name, `${mayor.name}${quote.name.slice(speaker.name.length)}`);
  assert.equal(await page.evaluate(() => Explainer.editor.undo()), true);
  const undone = (await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.id === quote.id);
  assert.deepEqual([undone.speaker, undone.name], [quote.speaker, quote.name], 'one step: one undo takes back both');

  // The speaker renamed (a title taken out of the name): the quote named after them follows,
  // in the same step; emptied, the role field goes, and the status line says so.
  await page.evaluate((id) => Explainer.select(id), speaker.id);
  await settle(page, SLOW);
  await page.fill('#field-name', 'Ana Rojas');
  await page.press('#field-name', 'Tab');
  await settle(page, SLOW);
  pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.equal(pack.entities.find((e) => e.id === speaker.id).name, 'Ana Rojas');
  assert.equal(pack.entities.find((e) => e.id === quote.id).name, `Ana Rojas${quote.name.slice(speaker.name.length)}`);
  assert.equal(await page.evaluate(() => Explainer.editor.undo()), true);
  pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.deepEqual([pack.entities.find((e) => e.id === speaker.id).name, pack.entities.find((e) => e.id === quote.id).name],
    [speaker.name, quote.name], 'one undo takes back the person\'s and the quote\'s names');
  await settle(page, SLOW);
  await page.fill('#field-role', '');
  await page.press('#field-role', 'Tab');
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.id === speaker.id).role, undefined);
  assert.match(await page.textContent('#status'), /Removed role \(Undo brings it back\)/);
  assertNoProblems(assert, page);
  await page.context().close();
});

test('drafting our own article: suggestions accepted and rejected, places searched, the API and the validator agree', async () => {
  const page = await openEditor('');
  await page.fill('#draft-headline', KRAKATOA.headline);
  await page.fill('#draft-source', KRAKATOA.source);
  await page.fill('#draft-published', KRAKATOA.published);
  await page.fill('#draft-language', 'en');
  await page.fill('#draft-paragraphs', KRAKATOA.paragraphs.join('\n\n'));
  await page.click('#draft-button');
  await waitForSide(page);
  const drafted = await page.evaluate(() => Explainer.editor.exportPack());
  assert.deepEqual(drafted.article.paragraphs.map((p) => p.text), KRAKATOA.paragraphs);
  assert.equal(drafted.article.language, 'en', 'the form\'s language is the article\'s');
  // The gazetteer holds populated places, countries and regions (not islands): Réunion.
  const names = drafted.entities.filter((e) => e.kind === 'place').map((e) => e.name);
  assert.ok(names.some((n) => /R[ée]union/.test(n)), `the draft suggests Réunion (${names.join(', ')})`);
  assert.ok(drafted.entities.some((e) => e.kind === 'figure' && /36,000/.test(e.name + e.value)), 'the death toll is a figure');
  // The API's draft is the form's, and explainer-draft's on the same text.
  const viaApi = await page.evaluate((input) => Explainer.editor.draft(input), { ...KRAKATOA, language: 'en' });
  assert.deepEqual(viaApi, drafted);
  const article = path.join(temp, 'krakatoa.txt');
  fs.writeFileSync(article, `${KRAKATOA.headline}\nSource: ${KRAKATOA.source}\nPublished: ${KRAKATOA.published}\nLanguage: en\n\n${KRAKATOA.paragraphs.join('\n\n')}\n`);
  const cli = JSON.parse(execFileSync(path.join(root, 'build/native/explainer-draft'), [article], { encoding: 'utf8' }));
  assert.deepEqual(viaApi, cli, 'Explainer.editor.draft gives what explainer-draft gives');
  const suggestions = await page.$$eval('#suggestions li', (items) => items.map((li) => li.dataset.id));
  assert.equal(suggestions.length, drafted.entities.filter((e) => e.suggestion).length, 'every suggestion is listed');
  // Accept one by its button, reject one, then accept the rest in bulk.
  await page.click(`#suggestions li[data-id="${suggestions[0]}"] button:has-text("Accept")`);
  await settle(page, SLOW);
  let pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.equal(pack.entities.find((e) => e.id === suggestions[0]).suggestion, undefined, 'accepting removes the suggestion');
  const rejected = suggestions[suggestions.length - 1];
  await page.click(`#suggestions li[data-id="${rejected}"] button:has-text("Reject")`);
  await settle(page, SLOW);
  pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.equal(pack.entities.some((e) => e.id === rejected), false, 'rejecting removes the entity');
  await page.click('#check-all');
  await page.click('#accept-selected');
  await settle(page, SLOW);
  pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.equal(pack.entities.filter((e) => e.suggestion).length, 0, 'bulk accept took the rest');
  assert.equal(await page.$$eval('#suggestions li', (items) => items.length), 0);
  // Place search, best first.
  const hits = await page.evaluate(() => Explainer.editor.searchPlaces('Jakarta'));
  assert.equal(hits[0].country, 'ID');
  assert.equal(hits[0].source, 'GeoNames');
  assert.ok(hits[0].population > 1e6);
  // A name in another script is not a name the gazetteer holds: the author is told so.
  for (const query of ['東京', 'Москва'])
    await assert.rejects(page.evaluate((q) => Explainer.editor.searchPlaces(q), query), /names places in Latin letters/, query);
  // An op through the API: refused with a path, then accepted; undo walks it back.
  const bad = await page.evaluate(() => Explainer.editor.apply({ op: 'updateEntity', id: 'nobody', fields: { name: 'x' } }));
  assert.equal(bad.ok, false);
  assert.ok(bad.errors[0].message.length > 0);
  const edited = pack.entities[0];
  const moved = await page.evaluate((id) => Explainer.editor.apply({ op: 'updateEntity', id, fields: { description: 'Edited through the API.' } }), edited.id);
  assert.equal(moved.ok, true, JSON.stringify(moved));
  assert.equal(await page.evaluate(() => Explainer.editor.undo()), true);
  pack = await page.evaluate(() => Explainer.editor.exportPack());
  assert.notEqual(pack.entities.find((e) => e.id === edited.id).description, 'Edited through the API.');
  validateWithCli(await exportText(page));
  assertNoProblems(assert, page);
  await page.context().close();
});

test('the inspector shows the validator at the field and a relative date resolved; a paragraph corrected reports its lost mention', async () => {
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  await page.evaluate(() => Explainer.select('ramadi-encirclement'));
  await settle(page, SLOW);
  assert.match(await page.textContent('#inspector-form'), /Resolves to \d{4}-\d{2}/, 'the relative date shows what it resolves to');
  await page.fill('#field-description', '');
  await page.press('#field-description', 'Tab');
  await settle(page, SLOW);
  assert.match(await page.textContent('#status'), /Refused/);
  assert.ok((await page.$$('#inspector-form .field-message')).length > 0, 'the refusal stands at its field');
  // Correcting a paragraph: the mention whose words went is reported, Undo brings it back.
  // Sinjar's first mention, in p1: a selection brings its first mention into view unless
  // one is in view already (from p9, its mention in p10 is), so Ali Ahmed (p1 alone) first.
  await page.evaluate(() => Explainer.select('ali-ahmed'));
  await settle(page, SLOW);
  await page.evaluate(() => Explainer.select('sinjar'));
  await settle(page, SLOW);
  const { x, y } = await locateCentre(page, 'sinjar', 'article');
  await page.mouse.dblclick(x, y);
  await settle(page, SLOW);
  await page.click('#load-paragraph');
  const before = await page.inputValue('#paragraph-text');
  const { paragraph } = (await page.evaluate(() => Explainer.editor.selection())).selector;
  const mention = JSON.parse(seedText).entities.find((e) => e.id === 'sinjar').mentions.find((m) => m.paragraph === paragraph);
  assert.ok(before.includes(mention.exact), 'the selection\'s paragraph is loaded');
  await page.fill('#paragraph-text', before.replace(mention.exact, 'the town'));
  await page.click('#save-paragraph');
  await settle(page, SLOW);
  assert.match(await page.textContent('#status'), /Mentions whose text is gone: sinjar/);
  assert.equal(await page.evaluate(() => Explainer.editor.undo()), true);
  assert.equal(await exportText(page), seedText, 'undo restores the paragraph and the mention');
  // "Add field" with the names its placeholder gives: an empty editor, and the pack changes
  // when the author gives it a value ("role" and "date" were refused as they were added).
  const entityOf = (id) => page.evaluate((i) => Explainer.editor.exportPack().entities.find((e) => e.id === i), id);
  const addField = async (key) => {
    await page.fill('#inspector-form input[aria-label="Name of a field to add"]', key);
    await page.click('#inspector-form button:text-is("Add field")');
    assert.doesNotMatch(await page.textContent('#status'), /Refused/, `adding ${key}`);
  };
  for (const [id, key, control, typed, stored] of [
    ['thamir-ismail', 'role', '#field-role', 'a test role', 'a test role'],
    ['ramadi-encirclement', 'date', '#field-date-iso', '2015-11', { iso: '2015-11' }],
    ['sinjar', 'aliases', '#field-aliases', '["Shingal"]', ['Shingal']]]) {
    await page.evaluate(([i, k]) => Explainer.editor.apply({ op: 'updateEntity', id: i, fields: { [k]: null } }), [id, key]);
    await page.evaluate((i) => Explainer.select(i), id);
    await settle(page, SLOW);
    assert.equal((await entityOf(id))[key], undefined, `${id} has no ${key} to begin with`);
    await addField(key);
    assert.equal((await entityOf(id))[key], undefined, `adding ${key} changed nothing yet`);
    await page.fill(control, typed);
    await page.press(control, 'Tab');
    await settle(page, SLOW);
    assert.deepEqual((await entityOf(id))[key], stored, `${key} typed into its new editor`);
  }
  // A field the pack refuses keeps what was typed, with the validator's message under it, as
  // the others do: an added "rol" went, with its text (an outside author trial).
  await page.evaluate(() => Explainer.select('thamir-ismail'));
  await settle(page, SLOW);
  await addField('rol');
  await page.fill('#field-rol', 'minister of finance');
  await page.press('#field-rol', 'Tab');
  await settle(page, SLOW);
  assert.match(await page.textContent('#status'), /Refused/);
  assert.equal(await page.inputValue('#field-rol'), 'minister of finance', 'the refused field keeps what was typed');
  assert.match(await page.evaluate(() => document.querySelector('#field-rol').closest('div').textContent), /did you mean "role"/);
  assert.equal((await entityOf('thamir-ismail')).rol, undefined);
  assertNoProblems(assert, page);
  await page.context().close();
});

// Opening another pack replaced the work and its autosave (the browser keeps one) without
// a word, and the column kept the last pack's paragraph in its "Correct a paragraph" box,
// which then wrote it into the new pack's paragraph of the same id (an outside author
// trial). Changes not saved to a file are asked about first; "Back to editing" returns.
test('opening another pack asks first when the work is not saved to a file, and the column starts afresh', async () => {
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  const other = path.join(temp, 'tordesillas.json');
  fs.copyFileSync(path.join(root, 'tests/packs/treaty-of-tordesillas.json'), other);
  const headline = () => page.evaluate(() => Explainer.editor.exportPack().article.headline);
  const seedHeadline = await headline();
  const asked = [];
  let answer = false;
  page.on('dialog', (dialog) => { asked.push(dialog.message()); answer ? dialog.accept() : dialog.dismiss(); });

  await page.evaluate(() => Explainer.editor.apply({ op: 'updateEntity', id: 'sinjar', fields: { description: 'Edited, not saved.' } }));
  await page.evaluate(() => Explainer.select('ali-ahmed'));
  await settle(page, SLOW);
  const { x, y } = await locateCentre(page, 'ali-ahmed', 'article');
  await page.mouse.dblclick(x, y);
  await settle(page, SLOW);
  await page.click('#load-paragraph');
  assert.notEqual(await page.inputValue('#paragraph-text'), '', 'a paragraph is being corrected');

  await page.click('#close');
  assert.equal(await page.isVisible('#back-to-document'), true, 'the start offers the way back');
  await page.setInputFiles('#open-file', other);
  await settle(page, SLOW);
  assert.equal(asked.length, 1, 'the author is asked before the work is replaced');
  assert.match(asked[0], /not saved to a file/);
  assert.equal(await headline(), seedHeadline, 'declined: the work stays');
  await page.click('#back-to-document');
  await waitForSide(page);
  assert.equal((await page.evaluate(() => Explainer.editor.exportPack().entities.find((e) => e.id === 'sinjar'))).description, 'Edited, not saved.');

  answer = true;
  await page.click('#close');
  await page.setInputFiles('#open-file', []);
  await page.setInputFiles('#open-file', other);
  await waitForSide(page);
  assert.equal(asked.length, 2);
  assert.match(await headline(), /Tordesillas/, 'accepted: the other pack is open');
  assert.equal(await page.isVisible('#paragraph-text'), false, "the last pack's paragraph is not kept for this one");
  assert.equal(await page.inputValue('#paragraph-text'), '');

  // Unchanged since it was opened: another pack opens without a question.
  await page.click('#close');
  await page.setInputFiles('#open-file', []);
  await page.setInputFiles('#open-file', path.join(root, SEED));
  await waitForSide(page);
  assert.equal(asked.length, 2, 'nothing to lose, nothing asked');
  assert.equal(await headline(), seedHeadline);
  assertNoProblems(assert, page);
  await page.context().close();
});

// A link to another pack (edit.html?pack=…) replaced changes not saved to a file, and their
// autosave, without a word: the work was lost (an outside author trial). It asks as "Open…"
// does, and Cancel reopens the changes; a pack unchanged since it was opened gives way.
test('a link to another pack asks before it replaces changes not saved to a file, and Cancel keeps them', async () => {
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  const asked = [];
  let answer = false;
  page.on('dialog', (dialog) => { asked.push(dialog.message()); answer ? dialog.accept() : dialog.dismiss(); });
  const headline = () => page.evaluate(() => Explainer.editor.exportPack().article.headline);
  const seedHeadline = await headline();
  const other = editorUrl('?pack=/test-packs/treaty-of-tordesillas.json');
  await page.evaluate(() => Explainer.editor.apply({ op: 'updateEntity', id: 'sinjar', fields: { description: 'Edited, not saved.' } }));
  await settle(page, SLOW);

  await page.goto(other);
  await waitForSide(page);
  assert.equal(asked.length, 1, 'the author is asked before the work is replaced');
  assert.match(asked[0], /not saved to a file/);
  assert.equal(await headline(), seedHeadline, 'declined: the changes are open again');
  assert.equal((await page.evaluate(() => Explainer.editor.exportPack().entities.find((e) => e.id === 'sinjar'))).description, 'Edited, not saved.');

  answer = true;
  await page.goto(other);
  await waitForSide(page);
  assert.equal(asked.length, 2);
  assert.match(await headline(), /Tordesillas/, 'accepted: the other pack is open');

  await page.goto(editorUrl(`?pack=${SEED}`));
  await waitForSide(page);
  assert.equal(asked.length, 2, 'unchanged since it was opened: nothing to lose, nothing asked');
  assert.equal(await headline(), seedHeadline);
  assertNoProblems(assert, page);
  await page.context().close();
});

// A place's coordinates typed in the inspector are cited as placed by hand: the place
// search's GeoNames citation stayed on coordinates it never gave, and Sources and notes
// said GeoNames supported a place the author had put elsewhere (an author trial).
test("coordinates typed in the inspector replace the gazetteer's citation with the hand-placed one", async () => {
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  const sinjar = () => page.evaluate(() => Explainer.editor.exportPack().entities.find((e) => e.id === 'sinjar'));
  const before = await sinjar();
  assert.ok(before.citations.some((c) => c.publication === 'GeoNames'), 'Sinjar is cited to GeoNames to begin with');
  await page.evaluate(() => Explainer.select('sinjar'));
  await settle(page, SLOW);
  await page.fill('#field-location', JSON.stringify({ lat: 36.5, lon: 41.5 }));
  await page.press('#field-location', 'Tab');
  await settle(page, SLOW);
  const after = await sinjar();
  assert.deepEqual(after.location, { lat: 36.5, lon: 41.5 });
  assert.ok(!after.citations.some((c) => c.publication === 'GeoNames'), JSON.stringify(after.citations));
  assert.ok(after.citations.some((c) => /Placed by hand/.test(c.title)), JSON.stringify(after.citations));
  assert.equal(await page.evaluate(() => Explainer.editor.undo()), true);
  assert.deepEqual(await sinjar(), before, 'one undo takes back both');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a pack whose characters need font chunks is laid out with the glyphs it is drawn with', async () => {
  // Greek and Cyrillic come in font chunks that arrive after the editor has laid the
  // article out once; the layout must follow the new atlas, or words overlap.
  const page = await openEditor('?pack=/test-packs/greek-cyrillic-nested.json');
  await waitForSide(page);
  const spans = () => page.evaluate(() => Explainer.locate('saint-petersburg').filter((r) => r.panel === 'article').map((r) => Math.round(r.width)));
  const before = await spans();
  assert.ok(before.length >= 2, `Санкт-Петербург is drawn in the article (${before})`);
  // A fresh layout (another width, then the same again) with the glyphs now in the atlas.
  const { width, height } = page.viewportSize();
  await page.setViewportSize({ width: width - 40, height });
  await settle(page, SLOW);
  await page.setViewportSize({ width, height });
  await settle(page, SLOW);
  assert.deepEqual(await spans(), before, 'the first layout already measured the Cyrillic glyphs');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a name typed with a letter outside the base font fetches its chunk and is drawn with its glyph', async () => {
  // Turkish and Polish letters come in the Latin Extended-A chunk (fonts/u0100.bin), which
  // the seed does not need: the editor fetches it when an edit brings such a letter.
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  await page.evaluate(() => Explainer.select('sinjar'));
  await settle(page, SLOW);
  await page.fill('#field-name', 'Sinjar (test: Erdoğan, Gdańsk)');
  await page.press('#field-name', 'Tab');
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.editor.exportPack())).entities.find((e) => e.id === 'sinjar').name,
    'Sinjar (test: Erdoğan, Gdańsk)', 'the edit reached the pack');
  const chunks = (await resourceEntries(page)).map((e) => e.path)
    .filter((file) => /^\/fonts\/u[0-9a-f]{4}\.bin$/.test(file)).map((file) => file.replace(/^\/fonts\//, ''));
  assert.deepEqual(chunks, ['u0100.bin'], 'the chunk of ğ and ń was fetched, once');
  assert.deepEqual((await page.evaluate(() => Explainer.stats())).missingGlyphs, [], 'no character is drawn as "?"');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('every panel measures its text again when a font chunk arrives after the pack is drawn', async () => {
  // The Greek and Cyrillic font chunks are held back until the pack has been drawn with
  // its fallback glyphs. Then every panel's cached text (timeline labels, map labels, the
  // article) must follow the new atlas: what they draw must equal a fresh layout of the
  // same pack with every glyph there from the start.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let heldChunks = 0;
  await page.route('**/fonts/u*.bin', async (route) => {
    heldChunks += 1;
    await held;
    await route.continue();
  });
  try {
    await page.goto(editorUrl('?pack=/test-packs/greek-cyrillic-nested.json'));
    const text = fs.readFileSync(path.join(root, 'tests/packs/greek-cyrillic-nested.json'), 'utf8');
    const ids = ['greece', 'athens', 'saint-petersburg', 'games-1896', 'founding-of-saint-petersburg'];
    const drawn = () => page.evaluate((list) => list.flatMap((id) => Explainer.locate(id)
      .filter((r) => r.panel === 'map' || r.panel === 'timeline' || r.panel === 'article')
      .map((r) => `${id} ${r.panel} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`)), ids);
    // Drawn with the fallback glyphs while the chunks are held (the engine is not idle:
    // it waits for them, so no settle() here). locate() throws until the engine has
    // started, which the page's load event does not wait for: the wait goes on through that.
    await page.waitForFunction(() => {
      try { return Explainer.locate('games-1896').some((r) => r.panel === 'timeline'); } catch { return false; }
    }, null, { timeout: 60000 });
    assert.ok(heldChunks > 0, 'the pack asked for font chunks');
    const fallback = await drawn();
    release();
    await page.waitForTimeout(500);
    await settle(page, SLOW);
    const followed = await drawn();
    assert.notDeepEqual(followed, fallback, 'the chunks changed what is drawn');
    // The same pack again: laid out afresh, with every glyph in the atlas.
    assert.equal((await page.evaluate((t) => Explainer.editor.open(t, 'greek-cyrillic-nested.json'), text)).ok, true);
    await settle(page, SLOW);
    const fresh = await drawn();
    assert.ok(fresh.some((r) => r.includes(' timeline ')) && fresh.some((r) => r.includes(' map ')), `drawn in the timeline and on the map: ${fresh}`);
    assert.deepEqual(followed, fresh, 'after the chunks arrived, each panel drew what a fresh layout draws');
  } finally {
    release();  // a held route would keep the context from closing
    await context.close();
  }
});

test('an edit that adds a source shows in the article\'s Sources and notes at once', async () => {
  // The section's lines are kept per pack revision: an edit changes the pack in place
  // (same object), and must still be listed.
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  const sourcesHeight = async () => {
    const { x, y } = await locateCentre(page, 'sinjar', 'article').catch(() => ({ x: 300, y: 400 }));
    await page.mouse.move(x, y);
    for (let i = 0; i < 30; ++i) await page.mouse.wheel(0, 400);
    await settle(page, SLOW);
    const section = (await page.evaluate(() => Explainer.locate('sources')))[0];
    assert.ok(section, 'the Sources and notes section is drawn after the last paragraph');
    return section.height;
  };
  const before = await sourcesHeight();
  const sinjar = JSON.parse(seedText).entities.find((e) => e.id === 'sinjar');
  const citations = [...sinjar.citations, { publication: 'Editor Test Gazette', title: 'A source only this test cites', url: 'https://example.org/editor-test-gazette' }];
  const applied = await page.evaluate((c) => Explainer.editor.apply({ op: 'updateEntity', id: 'sinjar', fields: { citations: c } }), citations);
  assert.equal(applied.ok, true, JSON.stringify(applied));
  const after = await sourcesHeight();
  assert.ok(after > before + 20, `the new source is listed (${before} -> ${after} px)`);
  assertNoProblems(assert, page);
  await page.context().close();
});

// [SECTION] The preview's HTML mirror ------------------------------------------------------------
// Our own pack of five centuries and four scripts (Greek, Cyrillic, Vietnamese, Hawaiian).
const CENTURIES = '/test-packs/centuries-of-names.json';
// The mirror as markup, with the ids it numbers for aria-describedby made comparable.
const mirrorMarkup = (page) => page.$eval('#mirror', (m) => m.innerHTML.replace(/mirror-d\d+/g, 'mirror-d#'));
const mirrorTree = (page) => page.locator('#mirror').ariaSnapshot();
const mirrorCurrent = (page) => page.$$eval('#mirror [aria-current]', (list) => [...new Set(list.map((b) => b.dataset.entity))]);

test("the preview carries the reader's HTML mirror of the pack being edited; edits, undo, redo and the selection reach it", async () => {
  // What the reader's page (index.html) gives a screen reader for this pack.
  const reader = await openPage(browser, `${server.url}index.html?pack=${CENTURIES}`);
  await settle(reader, SLOW);
  await reader.waitForFunction(() => /Greece/.test(document.querySelector('#mirror-map .detail[data-place="athens"]')?.textContent || ''));
  const readerMarkup = await mirrorMarkup(reader);
  const readerTree = await mirrorTree(reader);
  assertNoProblems(assert, reader);
  await reader.context().close();

  const page = await openEditor(`?pack=${CENTURIES}`);
  await waitForSide(page);
  // Editing: the column is the page's text view; the mirror is out of the accessibility tree.
  const outOfTree = async () => {
    assert.equal(await page.getByRole('main').count(), 0, 'no main landmark while the column is shown');
    assert.equal(await page.getByRole('heading', { name: 'Test fixture: Five centuries of names as they are written' }).count(), 0);
    assert.equal(await page.$eval('#mirror', (m) => getComputedStyle(m).display), 'none');
  };
  await outOfTree();

  await page.click('#preview');
  await settle(page, SLOW);
  // The reader's mirror, landmark for landmark and control for control.
  assert.equal(await mirrorMarkup(page), readerMarkup, "the preview's mirror is the reader's, markup and all");
  assert.equal(await mirrorTree(page), readerTree, 'and so is what a screen reader reads');
  assert.equal(await page.getByRole('main').count(), 1);
  assert.equal(await page.getByRole('navigation', { name: 'Preview' }).count(), 1);
  assert.deepEqual(describe(await audit(page)), [], 'axe-core finds nothing in the preview');
  assert.deepEqual(await page.$$eval('#mirror section[aria-labelledby]:not([hidden]) h2', (h) => h.map((x) => x.textContent)),
    ['Sources and notes', 'Map', 'Timeline', 'Quotes'], "the article's sources close the article, then the three panels");
  // Its paragraphs, places, events and quote, as the reader's mirror lists them.
  const pack = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs/centuries-of-names.json'), 'utf8'));
  const paragraphs = await page.$$eval('#mirror-body p', (ps) => ps.map((p) => {
    const c = p.cloneNode(true); c.querySelectorAll('.mention-group').forEach((g) => g.remove()); return [p.id, c.textContent];
  }));
  assert.deepEqual(paragraphs, pack.article.paragraphs.map((p) => ['mirror-' + p.id, p.text]));
  const places = await page.$$eval('#mirror-map li', (items) => items.map((li) => li.textContent));
  assert.ok(places.includes('Αθήνα (Athens), Greece'), `Athens with its country: ${places}`);
  assert.ok(places.includes('Санкт-Петербург (Saint Petersburg), Russia'), `${places}`);
  const events = await page.$$eval('#mirror-timeline ol > li time', (times) => times.map((t) => t.getAttribute('datetime')));
  assert.deepEqual(events, ['1571-10-07', '1703-05-27', '1778-01', '1802', '1896-04-06', '2004-08-13']);
  assert.equal(await page.textContent('#mirror-quotes blockquote'), 'We still write Kauaʻi with the ʻokina, the way our grandparents said it,');
  assert.equal(await page.textContent('#mirror-quotes figcaption'), '— A fisherman in Waimea, Fisherman, in Waimea, Kauaʻi');

  // A rename and a new mention (nested in an event's) through the API: in the mirror at once.
  const athensItem = page.locator('#mirror-map button[data-entity="athens"]');
  let result = await page.evaluate(() => Explainer.editor.apply({ op: 'updateEntity', id: 'athens', fields: { name: 'Athína (Athens)' } }));
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(await athensItem.textContent(), 'Athína (Athens)');
  assert.match(await page.getAttribute('#mirror-athens button[data-entity="athens"]', 'aria-label'), /^Athens: Athína \(Athens\), place\./);
  result = await page.evaluate(() => Explainer.editor.apply({ op: 'addMention', id: 'athens', paragraph: 'athens', exact: 'the city' }));
  assert.equal(result.ok, true, JSON.stringify(result));
  const cityControls = () => page.$$eval('#mirror-athens .mention-group button', (bs) => bs.map((b) => [b.dataset.entity, b.getAttribute('aria-label')]));
  assert.deepEqual(await cityControls(), [['athens', 'the city: Athína (Athens), place. Capital of Greece.']],
    'the new mention is a control of its own after the event that holds it');
  // Ctrl+Z, with the focus on a control of the mirror as a screen-reader user has it: the
  // mention goes, and the focus stays on the same place's control.
  await athensItem.focus();
  await page.keyboard.press('Control+z');
  await settle(page, SLOW);
  assert.deepEqual(await cityControls(), [], 'undo took the mention out of the mirror');
  const previewStatus = page.getByRole('navigation', { name: 'Preview' }).getByRole('status');
  assert.equal(await previewStatus.textContent(), 'Undone', 'the preview bar says so (the column is hidden)');
  assert.ok(await previewStatus.isVisible());
  assert.equal(await athensItem.textContent(), 'Athína (Athens)', 'one step: the rename stays');
  assert.deepEqual(await page.evaluate(() => [document.activeElement.closest('section')?.id, document.activeElement.dataset.entity]),
    ['mirror-map', 'athens'], 'the focus stays on Athens in the map list');
  await page.keyboard.press('Control+z');
  await settle(page, SLOW);
  assert.equal(await athensItem.textContent(), 'Αθήνα (Athens)', 'undo took the rename back');
  assert.equal(await mirrorMarkup(page), readerMarkup, 'the mirror is the reader\'s again');
  await page.keyboard.press('Control+Shift+z');
  await settle(page, SLOW);
  assert.equal(await athensItem.textContent(), 'Athína (Athens)', 'redo renames again');
  assert.equal(await previewStatus.textContent(), 'Redone');

  // A click in the canvas selects: the mirror marks it and says so; a control of the
  // mirror selects in the canvas. Escape leaves the mirror (shown over the article while
  // it holds the focus) for the canvas, as on the reader's page.
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  const kauai = await locateCentre(page, 'kauai', 'article');
  await page.mouse.click(kauai.x, kauai.y);
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'kauai');
  assert.deepEqual(await mirrorCurrent(page), ['kauai']);
  assert.match(await page.textContent('#mirror-live'), /^Selected place: Kauaʻi\b.*The northernmost of the main Hawaiian islands\.$/);
  const lepanto = page.locator('#mirror-timeline button[data-entity="battle-of-lepanto"]');
  await lepanto.focus();
  await page.keyboard.press('Enter');
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'battle-of-lepanto');
  assert.deepEqual(await mirrorCurrent(page), ['battle-of-lepanto']);
  assert.equal(await page.textContent('#mirror-live'), 'Selected event: Battle of Lepanto, 7 October 1571. Naval battle between the Holy League and the Ottoman Empire.');
  assert.ok((await page.evaluate(() => Explainer.locate('battle-of-lepanto'))).some((r) => r.panel === 'timeline'), 'the canvas shows it');

  // axe-core again, with a selection and the mirror holding the focus (shown over the canvas).
  assert.ok((await page.locator('#mirror').boundingBox()).width > 300, 'the mirror is on screen while it holds the focus');
  assert.deepEqual(describe(await audit(page)), []);

  // Back to editing: the selection carries over to the inspector; the mirror leaves the tree.
  await page.click('#end-preview');
  await outOfTree();
  assert.equal(await page.inputValue('#field-name'), 'Battle of Lepanto');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('bad input: no paragraphs, an unsupported script, a pack with errors, storage denied, no gazetteer', async () => {
  // Storage denied and no gazetteer: the editor warns and keeps working in memory.
  const page = await openEditor('', { expectProblems: true });
  await page.route('**/gazetteer/index.txt', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.evaluate(() => Explainer.ready);
  await page.fill('#draft-headline', 'Nothing');
  await page.fill('#draft-source', 'Nobody');
  await page.fill('#draft-published', '2026-11-30');
  await page.fill('#draft-paragraphs', '   \n\n  ');
  await page.$eval('#draft-form', (form) => form.requestSubmit());
  assert.match(await page.textContent('#start-error'), /no paragraphs/);
  await page.fill('#draft-paragraphs', 'प्रवक्ता ने कहा कि शहर चारों ओर से घिरा हुआ है।');
  await page.click('#draft-button');
  await page.waitForFunction(() => !document.getElementById('start-error').textContent.includes('no paragraphs'));
  assert.match(await page.textContent('#start-error'), /script|Devanagari/i, 'an unsupported script is named');
  // A language that is not a BCP 47 tag is refused with the loader's message.
  await page.fill('#draft-paragraphs', 'Some text.');
  await page.fill('#draft-language', 'English');
  await page.click('#draft-button');
  await page.waitForFunction(() => /language/.test(document.getElementById('start-error').textContent));
  assert.match(await page.textContent('#start-error'), /language: expected a BCP 47 language tag such as "en".*found "English"/);
  await page.fill('#draft-language', '');
  // A pack with errors opens with its errors listed at their paths.
  const broken = JSON.parse(seedText);
  broken.entities[0].location.lat = 123;
  await page.evaluate((text) => Explainer.editor.open(text, 'broken.json'), JSON.stringify(broken));
  await waitForSide(page);
  assert.match(await page.textContent('#error-list'), /\/entities\/0\/location\/lat/);
  // The error leads with the id of the entity it is in (the diagnostics' `entity`).
  const [latError] = (await page.evaluate(() => Explainer.editor.validate())).errors;
  assert.equal(latError.entity, broken.entities[0].id, JSON.stringify(latError));
  assert.match(await page.textContent('#error-list li'), new RegExp(`^${broken.entities[0].id} at /entities/0/location/lat: `));
  // From the keyboard: Enter on the focused error opens its entity in the inspector.
  await page.evaluate(() => Explainer.select(''));
  await page.focus('#error-list li');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('#inspector-form:not([hidden]) p')?.textContent.includes(`(${id})`),
    broken.entities[0].id);
  // The panels show the article's text alone: the timeline has no date to show, so it
  // draws no axis (a scale made of no dates would start on 1 January 1970) and says why.
  await settle(page, SLOW);
  assert.deepEqual(await page.evaluate(() => Explainer.locate('timeline:axis')), [], 'no axis without a date');
  const [note] = await page.evaluate(() => Explainer.locate('timeline:no-dates'));
  assert.ok(note?.width > 0, 'the timeline says why it shows no date');
  // Fixing it through the inspector's field clears the error, and the dates come back.
  const fixed = await page.evaluate((id) => Explainer.editor.apply({ op: 'updateEntity', id, fields: { location: { lat: 36.3209, lon: 41.87656 } } }), broken.entities[0].id);
  assert.equal(fixed.ok, true, JSON.stringify(fixed));
  assert.equal((await page.evaluate(() => Explainer.editor.validate())).ok, true);
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.locate('timeline:axis'))).length, 1, 'the valid pack has its axis back');
  // The gazetteer failed: search says so.
  await page.fill('#place-query', 'Paris');
  await page.waitForFunction(() => /could not be loaded/.test(document.getElementById('place-status').textContent));
  await page.context().close();

  const denied = await browser.newContext();
  await denied.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('denied', 'QuotaExceededError'); };
  });
  const page2 = await denied.newPage();
  await page2.goto(editorUrl(`?pack=${SEED}`));
  await page2.evaluate(() => Explainer.ready);
  await page2.waitForSelector('#side:not([hidden])');
  assert.match(await page2.textContent('#storage-note'), /Autosave is off .*QuotaExceededError/);
  const result = await page2.evaluate(() => Explainer.editor.apply({ op: 'updateEntity', id: 'sinjar', fields: { description: 'Still editing in memory.' } }));
  assert.equal(result.ok, true);
  await denied.close();
});

// The seed with one error: its place's latitude out of range. It has quotes and dated events.
const brokenSeed = () => {
  const broken = JSON.parse(seedText);
  broken.entities[0].location.lat = 123;
  return { broken, fix: { op: 'updateEntity', id: broken.entities[0].id, fields: { location: { lat: 36.3209, lon: 41.87656 } } } };
};

test('a pack that does not validate: its quotes panel and its preview\'s mirror say its quotes show once it validates, never that it has none', async () => {
  const { broken, fix } = brokenSeed();
  const quote = broken.entities.find((e) => e.kind === 'quote').id;
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  await page.evaluate((text) => Explainer.editor.open(text, 'broken.json'), JSON.stringify(broken));
  await waitForSide(page);
  await settle(page, SLOW);
  const [note, ...more] = await page.evaluate(() => Explainer.locate('quotes:no-quotes'));
  assert.ok(note?.panel === 'quotes' && note.width > 0 && more.length === 0, 'the quotes panel says why it shows no quote');
  // The preview's mirror: no section says the article has none of what it has.
  await page.click('#preview');
  await settle(page, SLOW);
  const empty = await page.$$eval('#mirror .mirror-empty', (notes) => notes.map((n) => [n.closest('section').id, n.textContent]));
  assert.deepEqual(empty, [['mirror-map', 'Places show once the pack validates.'], ['mirror-timeline', 'Dates show once the pack validates.'],
    ['mirror-quotes', 'Quotes show once the pack validates.']]);
  await page.click('#end-preview');
  // Fixed, the quotes are back and the note is gone.
  assert.equal((await page.evaluate((op) => Explainer.editor.apply(op), fix)).ok, true);
  await settle(page, SLOW);
  assert.deepEqual(await page.evaluate(() => Explainer.locate('quotes:no-quotes')), []);
  assert.ok((await page.evaluate((id) => Explainer.locate(id), quote)).some((r) => r.panel === 'quotes'), 'the quote has its card again');
  await page.click('#preview');
  await settle(page, SLOW);
  assert.deepEqual(await page.$$eval('#mirror .mirror-empty', (notes) => notes.length), 0, 'and the mirror lists every panel\'s items');
  assertNoProblems(assert, page);
  await page.context().close();
});

test('a pack that does not validate has no timeline range in its state and links (not one from 1 January 1970); fixed, it has its own, and its map moves from the world to its places', async () => {
  const { broken, fix } = brokenSeed();
  const page = await openEditor(`?pack=${SEED}`);
  await waitForSide(page);
  const valid = await page.evaluate(() => ({ state: Explainer.getState() }));
  await page.evaluate((text) => Explainer.editor.open(text, 'broken.json'), JSON.stringify(broken));
  await waitForSide(page);
  await settle(page, SLOW);
  const state = await page.evaluate(() => Explainer.getState());
  assert.equal(state.timeline, null, `no range while there is no date: ${JSON.stringify(state.timeline)}`);
  assert.doesNotMatch(await page.evaluate(() => Explainer.getLink()), /tl=/);
  // The first edit that makes it validate gives it the range it opens on, as a valid pack.
  assert.equal((await page.evaluate((op) => Explainer.editor.apply(op), fix)).ok, true);
  await settle(page, SLOW);
  const fixed = await page.evaluate(() => ({ state: Explainer.getState(), link: Explainer.getLink() }));
  assert.deepEqual(fixed.state.timeline, valid.state.timeline, 'the fixed pack opens its timeline where the valid pack does');
  assert.doesNotMatch(fixed.link, /tl=/, 'and a link leaves it out, as the opening range');
  assert.notDeepEqual(state.map, valid.state.map, 'the broken pack has no place: its map shows the world');
  assert.deepEqual(fixed.state.map, valid.state.map, 'the fixed pack\'s map moves to where the valid pack opens');
  assert.doesNotMatch(fixed.link, /map=/, 'and a link leaves it out, as the opening view');
  // A link made while it does not validate (the fix undone) has no range either.
  await page.evaluate(() => Explainer.editor.undo());
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.getState())).timeline, null, 'undoing the fix takes the range away again');
  assert.doesNotMatch(await page.evaluate(() => Explainer.getLink()), /tl=/);
  assertNoProblems(assert, page);
  await page.context().close();
});

test("the editor's first frame comes within 2x the reader's (same pack, same run)", async () => {
  const firstFrame = async (url) => {
    // A context of its own (fresh), as a visitor's: no process of the pool with either app compiled.
    const page = await openPage(browser, url, { expectProblems: true, fresh: true });
    await page.waitForFunction(() => performance.getEntriesByName('explainer:first-frame').length > 0, null, { timeout: 60000 });
    const ms = await page.evaluate(() => performance.getEntriesByName('explainer:first-frame')[0].startTime);
    await page.context().close();
    return ms;
  };
  // Alternate to share the machine's noise, and compare the medians (as tools/bench.mjs
  // does): three rounds, and up to four more while the editor is over the limit. The best
  // of each was compared before, and one lucky visit of the reader failed a clean clone's
  // run beside another test file (reader 585 ms, its other visits 671-1129; editor
  // 1188-1606; medians 777 and 1299).
  const reader = [], editor = [];
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  for (let round = 0; round < 7; ++round) {
    reader.push(await firstFrame(`${server.url}index.html?pack=${SEED}`));
    editor.push(await firstFrame(editorUrl(`?pack=${SEED}`)));
    if (round >= 2 && median(editor) <= 2 * median(reader)) break;
  }
  console.log(`first frame: reader ${reader.map(Math.round)} ms, editor ${editor.map(Math.round)} ms`);
  assert.ok(median(editor) <= 2 * median(reader), `editor ${median(editor)} ms vs reader ${median(reader)} ms (medians)`);
});

// [SECTION] Find, and deleting a paragraph ---------------------------------------------------

// Find in the editor, as on the reader's page (an outside trial: an author with a long
// article could not find a word): Ctrl+F over the canvas, accents folded ("αθηνα" finds
// "Αθήνα" and "Ἀθῆναι"), "1 of N", the jump scrolling the article, Enter and Shift+Enter,
// an edit and its undo changing the count while the bar is open, the list selecting, Escape
// closing, and the same bar in the preview.
test('the find bar finds in the pack being edited: accents folded, the jump scrolls, an edit changes the count, in the preview too', async () => {
  const page = await openEditor(`?pack=${CENTURIES}`);
  await waitForSide(page);
  // The author's own long opening paragraph: the Greek words are far below it.
  const lepanto = JSON.parse(fs.readFileSync(path.join(root, 'tests/packs', path.basename(CENTURIES)), 'utf8')).article.paragraphs[0].text;
  const longer = `${'The galleys met in the gulf at dawn, and the battle lasted until the evening. '.repeat(40)}${lepanto}`;
  assert.equal((await page.evaluate((text) => Explainer.editor.apply({ op: 'editParagraph', paragraph: 'lepanto', text }), longer)).ok, true);
  await settle(page, SLOW);
  const drawnInArticle = async (id) => (await page.evaluate((i) => Explainer.locate(i), id)).filter((r) => r.panel === 'article');
  assert.deepEqual(await drawnInArticle('athens'), [], 'the Greek words are out of view, below the long paragraph');
  const headline = await locateCentre(page, 'article:headline', 'article');
  await page.mouse.click(headline.x, headline.y);
  await page.keyboard.press('Control+f');
  assert.equal(await page.locator('#find-bar').isVisible(), true, 'Ctrl+F over the canvas opens the find bar');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'find-input');
  await page.keyboard.type('αθηνα');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), '1 of 2', '"Αθήνα" and "Ἀθῆναι"');
  const canvas = await page.locator('#canvas').boundingBox();
  const inView = async () => {
    const [current] = (await page.evaluate(() => Explainer.locate('find:current'))).filter((r) => r.panel === 'article');
    return current && current.y >= canvas.y && current.y + current.height <= canvas.y + canvas.height ? current : null;
  };
  const first = await inView();
  assert.ok(first, 'the article scrolled down to the first match');
  await page.locator('#find-input').press('Enter');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), '2 of 2');
  const second = await inView();
  assert.ok(second && (second.x !== first.x || second.y !== first.y), 'Enter moved to the other match');
  // An edit while the bar is open: one more "Αθήνα" is counted and drawn; undo takes it back.
  const athens = (await page.evaluate(() => Explainer.editor.exportPack())).article.paragraphs.find((p) => p.id === 'athens').text;
  await page.evaluate((text) => Explainer.editor.apply({ op: 'editParagraph', paragraph: 'athens', text }), `${athens} Αθήνα welcomed them.`);
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), '2 of 3', 'the edited text is counted, the match kept by its number');
  assert.ok(await inView(), 'and drawn where it was');
  await page.evaluate(() => Explainer.editor.undo());
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), '2 of 2', 'undo is counted too');
  await page.locator('#find-input').press('Shift+Enter');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), '1 of 2');
  // The names that match are listed; choosing one selects it, and the inspector shows it.
  const item = page.locator('#find-entities button[data-entity="athens"]');
  assert.equal(await item.count(), 1);
  await item.click();
  await settle(page, SLOW);
  assert.equal((await page.evaluate(() => Explainer.getState())).selection, 'athens');
  assert.match(await page.textContent('#inspector-form'), /Athens/);
  await page.locator('#find-input').focus();
  await page.keyboard.press('Escape');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-bar').isVisible(), false, 'Escape closes the bar');
  assert.equal((await page.evaluate(() => Explainer.locate('find:current'))).length, 0, 'and clears the highlights');
  // The preview has the same bar, opened from its own Find button, beside the window's edge.
  await page.click('#preview');
  await settle(page, SLOW);
  await page.locator('#preview-bar #find-button').click();
  assert.equal(await page.locator('#find-bar').isVisible(), true);
  await page.locator('#find-input').fill('zqxjv');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), 'No match');
  await page.locator('#find-input').fill('Пётр');
  await settle(page, SLOW);
  assert.equal(await page.locator('#find-count').textContent(), '1 of 1');
  const bar = await page.locator('#find-bar').boundingBox();
  assert.ok(bar.x + bar.width <= page.viewportSize().width - 8 + 0.5 && bar.x >= 0, 'the bar is inside the window');
  assertNoProblems(assert, page);
  await page.context().close();
});

// "Delete paragraph", beside "Correct paragraph", removes the loaded paragraph with the
// mentions in it, says what went and that Undo brings it back; a paragraph something stands
// on is refused in words that name it (greek-cyrillic-nested: Peter the Great, uncited, is
// mentioned only in "neva").
test('"Delete paragraph" removes the selection\'s paragraph, lists its mentions, and Undo brings it back; one that holds an uncited person is refused', async () => {
  const page = await openEditor('?pack=/test-packs/greek-cyrillic-nested.json');
  await waitForSide(page);
  const text = await exportText(page);
  const loadParagraphOf = async (id, pick) => {
    const rects = (await page.evaluate((i) => Explainer.locate(i), id)).filter((r) => r.panel === 'article');
    const rect = pick(rects);
    await page.mouse.dblclick(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await settle(page, SLOW);
    await page.click('#load-paragraph');
    return (await page.evaluate(() => Explainer.editor.selection())).selector.paragraph;
  };
  // "Athens" in the last paragraph, "english" (its other mention is in "olympia", above).
  assert.equal(await loadParagraphOf('athens', (rects) => rects.reduce((a, b) => (b.y > a.y ? b : a))), 'english');
  assert.equal(await page.isVisible('#remove-paragraph'), true, 'beside "Correct paragraph"');
  const athensDrawn = async () => (await page.evaluate(() => Explainer.locate('athens'))).filter((r) => r.panel === 'article').length;
  const drawnBefore = await athensDrawn();
  await page.click('#remove-paragraph');
  await settle(page, SLOW);
  assert.equal(await page.textContent('#status'),
    'Deleted paragraph english. Mentions whose text is gone: athens (“Athens”), saint-petersburg (“Saint Petersburg”) (Undo brings them back)');
  const after = await page.evaluate(() => Explainer.editor.exportPack());
  assert.deepEqual(after.article.paragraphs.map((p) => p.id), ['olympia', 'neva']);
  assert.equal(after.entities.flatMap((e) => e.mentions || []).filter((m) => m.paragraph === 'english').length, 0);
  assert.equal(await page.isVisible('#paragraph-text'), false, 'the deleted paragraph is no longer offered for correcting');
  assert.equal(await athensDrawn(), drawnBefore - 1, 'the canvas draws the article without its "Athens"');
  await page.click('#undo');
  await settle(page, SLOW);
  assert.equal(await exportText(page), text, 'Undo brings the paragraph back with its mentions, byte for byte');
  // "Пётр I" in "neva": Peter the Great is mentioned nowhere else and cites nothing.
  assert.equal(await loadParagraphOf('peter-the-great', (rects) => rects[0]), 'neva');
  await page.click('#remove-paragraph');
  await settle(page, SLOW);
  assert.match(await page.textContent('#status'), /^Refused: \/paragraph: paragraph "neva" holds every mention of "peter-the-great" \(\/entities\/\d+\), which has no citations/);
  assert.equal(await exportText(page), text, 'the refused deletion changed nothing');
  assert.equal(await page.isVisible('#paragraph-text'), true, 'the paragraph stays loaded');
  assertNoProblems(assert, page);
  await page.context().close();
});
