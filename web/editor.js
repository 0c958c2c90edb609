// edit.html: the editor around the engine (explainer-editor.wasm). The canvas shows the
// pack being edited with the reader's four panels; this script runs the start screen
// (open a pack, or draft one from an article's text), the editor's column (suggestions,
// inspector, annotating the article's selection, place search), autosave, Save, the
// reader's find bar and the Explainer.editor API. Every change of the pack is an op
// applied by the engine (src/platform/editor_api.cpp) through its one store, so the
// column, the API and the keyboard share one undo history.
//
// Index
// - [SECTION] Engine
// - [SECTION] Opening and drafting
// - [SECTION] Autosave
// - [SECTION] The column
// - [SECTION] Inspector
// - [SECTION] Save, preview, keys
// - [SECTION] The preview's mirror
// - [SECTION] Find
// - [SECTION] API
// - [SECTION] Start
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');
  const query = new URLSearchParams(location.search);
  const AUTOSAVE_KEY = 'explainer-editor:autosave';
  const MAX_PACK_BYTES = 4 * 1024 * 1024;  // the loader's own limit (kMaxInputBytes, src/core/pack.cpp)
  let module = null;
  let readyResolve, readyReject;
  const ready = new Promise((resolve, reject) => { readyResolve = resolve; readyReject = reject; });
  ready.catch(() => {});

  // [SECTION] Engine -----------------------------------------------------------------------

  const LIVE_CHECK_MS = 300;  // typing pauses this long before the validator looks
  const NUMBER_RESULTS = new Set(['explainer_editor_undo', 'explainer_select', 'explainer_editor_revision', 'explainer_editor_place_on_click', 'explainer_editor_search_complete']);
  // @include engine-call.js
  function call(name, ...args) {
    if (!module) throw new Error('Explainer editor is not ready yet: await Explainer.ready');
    return callEngine(module, NUMBER_RESULTS, name, args);
  }
  const callJson = (name, ...args) => JSON.parse(call(name, ...args));

  function passBytes(bytes, fn) {
    const pointer = module._malloc(bytes.length);
    if (!pointer) return `out of memory for its ${bytes.length} bytes`;
    module.HEAPU8.set(bytes, pointer);
    try { return fn(pointer); } finally { module._free(pointer); }
  }

  async function fetchBytes(url, limit = Infinity) {
    const response = await fetch(url, { redirect: 'error' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
    if (Number(response.headers.get('Content-Length')) > limit) throw new Error(`${url} is larger than ${limit} bytes`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > limit) throw new Error(`${url} is ${bytes.length} bytes; a pack may be at most ${limit} bytes`);
    return bytes;
  }

  function addFontFile(file, bytes) {
    return passBytes(bytes, (pointer) => module.ccall('explainer_add_font_chunk', 'string', ['string', 'number', 'number'], [file, pointer, bytes.length]));
  }

  // The font chunks the pack needs, each fetched once: on opening, and after an edit that
  // brought a letter outside the base font (refresh()); then those the engine names once
  // these came (the CJK groups' index names the groups: page.js's loadFontChunks).
  const fontFilesAsked = new Set();
  async function loadFontChunks(files) {
    const toFetch = (files || []).filter((file) => !fontFilesAsked.has(file));
    if (!toFetch.length) return;
    await Promise.all(toFetch.map(async (file) => {
      fontFilesAsked.add(file);
      try {
        const error = addFontFile(file, await fetchBytes(file));
        if (error) console.warn(`Explainer editor: ${file}: ${error}`);
      } catch (error) {
        console.warn(`Explainer editor: the font file ${file} could not be loaded:`, error.message || error);
      }
    }));
    await loadFontChunks(callJson('explainer_editor_font_files'));
  }

  async function loadBasemapTile(tile, name) {
    try {
      const bytes = await fetchBytes(`data/basemap-detail/${name}.bin`);
      const error = passBytes(bytes, (pointer) => module.UTF8ToString(module._explainer_load_basemap_tile(tile, pointer, bytes.length)));
      if (error) console.warn(`Explainer editor: basemap tile ${name}:`, error);
    } catch (error) {
      console.warn(`Explainer editor: basemap tile ${name} could not be loaded:`, error.message || error);
    }
  }

  const dark = matchMedia('(prefers-color-scheme: dark)');
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  function reportSurface() {
    if (!module) return;
    const rect = canvas.getBoundingClientRect();
    module._explainer_set_surface(rect.width, rect.height, window.devicePixelRatio || 1, dark.matches ? 1 : 0,
      reducedMotion.matches ? 1 : 0, 0, 0);
  }

  async function startEngine() {
    const baseFonts = fetchBytes('fonts/base.bin');
    const basemap = fetchBytes('data/basemap.bin').catch((error) => {
      console.warn('Explainer editor: the basemap could not be loaded:', error.message || error);
      return null;
    });
    module = await createExplainerModule({
      canvas,
      gazetteerRequests: new Map(),  // prepareGazetteer's promises, resolved by the engine
      explainerHost: {
        firstFrame: () => {
          performance.mark('explainer:first-frame');
          document.body.classList.add('ready');
        },
        changed: onChange,
        // A marker or an event dragged to where the validator refuses it (the pack stays).
        refused: (result) => report(result, ''),
        // The column names the article's selected words once the frames that made the
        // selection are drawn (a double click is four of them; a drag may end off the canvas).
        idle: () => showSelection(),
        fetchBasemapTile: loadBasemapTile,
        fatal: (message) => startError(`This browser cannot run the editor: ${message}`),
      },
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      onAbort: (what) => startError(`The editor stopped: ${what}`),
    });
    const fontError = addFontFile('fonts/base.bin', await baseFonts);
    if (fontError) throw new Error(`fonts/base.bin: ${fontError}`);
    const basemapBytes = await basemap;
    if (basemapBytes) {
      const error = passBytes(basemapBytes, (pointer) => module.UTF8ToString(module._explainer_load_basemap(pointer, basemapBytes.length)));
      if (error) console.warn('Explainer editor: the basemap is damaged:', error);
    }
    new ResizeObserver(reportSurface).observe(canvas);
    dark.addEventListener('change', reportSurface);
    reportSurface();
  }

  // The gazetteer (src/platform/editor_gazetteer.h): its index and the shards a search or
  // a draft needs are fetched on demand from gazetteer/. A failure is said where places
  // are searched, and coordinates can still be typed.
  let nextGazetteerRequest = 1;
  async function prepareGazetteer(kind, argument) {
    const id = nextGazetteerRequest++;
    const done = new Promise((resolve) => module.gazetteerRequests.set(id, resolve));
    call(`explainer_gazetteer_prepare_${kind}`, argument, id);
    const error = await done;
    $('place-status').textContent = error
      ? `The place list could not be loaded: ${error}. Coordinates can still be typed in the inspector.` : '';
    return error;
  }

  // [SECTION] Opening and drafting ---------------------------------------------------------

  let openedFrom = '';  // the pack's URL or file name, for autosave
  function startError(message) {
    $('start-error').textContent = message;
    $('start-error').hidden = false;
    console.warn('Explainer editor:', message);
  }

  // Opens a pack's text. A pack with errors opens with its errors listed; text that is
  // not JSON at all is refused with the place it breaks.
  async function openText(text, name, from = name) {
    const result = callJson('explainer_editor_open', text, name);
    if (!result.ok) {
      showStart();
      startError(`${name} could not be opened: ${result.error}`);
      return result;
    }
    openedFrom = from;
    fileRevision = call('explainer_editor_revision');
    forgetTheLastDocument();
    await loadFontChunks(result.fontFiles);
    showDocument();
    autosave(true);  // the open's own change was autosaved before the document had its address and file revision
    return result;
  }

  // What the column kept of the document before: the paragraph being corrected, the place
  // search, the status. Another pack's paragraph of the same id must not be overwritten.
  function forgetTheLastDocument() {
    forgetParagraph();
    addedFields.clear();
    $('place-query').value = '';
    placeQueryFollows = true;
    status('');
  }

  function showDocument() {
    $('start').hidden = true;
    $('side').hidden = false;
    document.body.classList.remove('starting');
    reportSurface();
    refresh();
  }

  // "Open…" shows the start again; with a document open, "Back to editing" returns to it.
  function showStart() {
    $('start').hidden = false;
    $('side').hidden = true;
    $('back-to-document').hidden = fileRevision === null;
    document.body.classList.add('starting');
  }

  // Opening or drafting another pack replaces the document and its autosave (the browser
  // keeps one): changes not saved to a file since it was opened are asked about first.
  let fileRevision = null;  // the document's revision when opened or last saved; null: none open
  function mayReplaceDocument() {
    if (fileRevision === null || call('explainer_editor_revision') === fileRevision) return true;
    const headline = documentCache && documentCache.article && documentCache.article.headline;
    return window.confirm(`Your changes to “${headline || openedFrom}” are not saved to a file. ` +
      'Opening another pack replaces them, and their autosave too.\n\nOpen it anyway? (Cancel, then “Back to editing” and Save, keeps them.)');
  }

  // Whether the author keeps autosaved changes to one pack rather than open `wanted`.
  function keepAutosavedWork(saved, wanted) {
    let headline = '';
    try { headline = JSON.parse(saved.text).article.headline; } catch (error) { /* the pack's address names it */ }
    const when = new Date(saved.savedAt).toLocaleString();
    return !window.confirm(`Your changes to “${headline || saved.from || 'a pack'}” (autosaved ${when}) are not saved to a file. ` +
      `Opening ${wanted} replaces them, and their autosave too.\n\nOpen it anyway? (Cancel reopens your changes, to Save them.)`);
  }

  // ?pack=URL -> {text, name, href} or {error}. start() calls it before the engine starts,
  // so the pack arrives while the wasm compiles, as on the reader's page.
  const packUrl = (text) => { try { return new URL(text, location.href); } catch (e) { return null; } };
  async function fetchPack(text) {
    const url = packUrl(text);
    if (!url || url.origin !== location.origin) {
      return { error: `${JSON.stringify(text)}: the editor opens packs only from this site (${location.origin}); use the file picker for others` };
    }
    try {
      const bytes = await fetchBytes(url.href, MAX_PACK_BYTES);
      return { text: new TextDecoder().decode(bytes), name: url.pathname.split('/').pop() || 'pack.json', href: url.href };
    } catch (error) {
      return { error: `${text} could not be loaded: ${error.message || error}` };
    }
  }

  async function openFetched(fetched) {
    if (fetched.error) startError(fetched.error);
    else await openText(fetched.text, fetched.name, fetched.href);
  }

  async function openFile(file) {
    if (!file || !mayReplaceDocument()) return;
    if (file.size > MAX_PACK_BYTES) {
      startError(`${file.name} is ${file.size} bytes; a pack may be at most ${MAX_PACK_BYTES} bytes`);
      return;
    }
    await openText(await file.text(), file.name);
  }

  // {headline, source, published, url?, language?, paragraphs} -> the draft pack's text, or throws
  // with the drafter's message.
  async function draftText(input) {
    await prepareGazetteer('draft', JSON.stringify(input));
    const result = callJson('explainer_editor_draft', JSON.stringify(input));
    if (result.error) throw new Error(result.error);
    return result.pack;
  }

  // Paragraphs are separated by blank lines, or one a line when there is no blank line
  // (the same rule as explainer-draft's text format).
  function splitParagraphs(text) {
    const blocks = text.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
    if (blocks.length > 1) return blocks;
    return text.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  }

  async function draftFromForm(event) {
    event.preventDefault();
    const input = {
      headline: $('draft-headline').value.trim(),
      source: $('draft-source').value.trim(),
      published: $('draft-published').value.trim(),
      paragraphs: splitParagraphs($('draft-paragraphs').value),
    };
    if ($('draft-url').value.trim()) input.url = $('draft-url').value.trim();
    if ($('draft-language').value.trim()) input.language = $('draft-language').value.trim();
    $('start-error').hidden = true;
    if (!input.paragraphs.length) {
      startError('The article has no paragraphs: paste its text, paragraphs separated by a blank line.');
      return;
    }
    if (!mayReplaceDocument()) return;
    $('draft-status').textContent = 'Drafting…';
    try {
      const text = await draftText(input);
      $('draft-status').textContent = '';
      await openText(text, 'draft.json');
    } catch (error) {
      $('draft-status').textContent = '';
      startError(`The draft could not be made: ${error.message || error}`);
    }
  }

  // [SECTION] Autosave ---------------------------------------------------------------------
  // After every change the document goes to localStorage. Storage that is full or denied
  // leaves the work in memory, and the column says so (Save still works).

  let savedRevision = -1;
  function warnStorage(error) {
    $('storage-note').hidden = false;
    $('storage-note').textContent = `Autosave is off (${error && error.name ? error.name : 'storage unavailable'}): ` +
      'your work is kept in this tab only. Save it to a file before closing the tab.';
  }
  // `unsaved`: changes not in a file since the pack was opened or saved, which opening
  // another pack by its link asks about before it replaces them (start()).
  function autosave(again = false) {
    const revision = call('explainer_editor_revision');
    if (revision === savedRevision && !again) return;
    savedRevision = revision;
    try {
      localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ text: call('explainer_editor_export'), from: openedFrom, savedAt: new Date().toISOString(),
        unsaved: revision !== fileRevision }));
      $('storage-note').hidden = true;
    } catch (error) {
      warnStorage(error);
    }
  }
  function readAutosave() {
    try {
      const saved = JSON.parse(localStorage.getItem(AUTOSAVE_KEY) || 'null');
      return saved && typeof saved.text === 'string' ? saved : null;
    } catch (error) {
      warnStorage(error);
      return null;
    }
  }

  // [SECTION] The column -------------------------------------------------------------------

  let documentCache = null;
  let selection = null;       // the selected entity's id
  function entities() { return (documentCache && Array.isArray(documentCache.entities)) ? documentCache.entities : []; }
  function entityById(id) { return entities().find((e) => e && e.id === id); }
  // The column's status line, and the preview bar's while the column is hidden (an undo
  // from the keys in the preview must be heard and seen there too).
  function status(text, bad = false) {
    for (const line of [$('status'), $('preview-status')]) {
      line.textContent = text;
      line.className = bad ? 'error' : '';
    }
  }
  function describeErrors(result) {
    return result.errors.map((e) => (e.packPath || e.path ? `${e.packPath || e.path}: ` : '') + e.message).join('; ');
  }
  // The last refused op's errors: the article's form shows them at their fields (the
  // inspector's come from the session, explainer_editor_messages) until the next op.
  let refusal = [];
  // What a removal's status ends with; with mentions lost too, one promise covers them all.
  const UNDO_BRINGS_IT_BACK = ' (Undo brings it back)';
  function report(result, done) {
    refusal = result.ok ? [] : result.errors;
    if (result.ok && result.unchanged) {
      status(done ? 'Nothing changed' : '');
    } else if (result.ok) {
      const lost = (result.lost || []).map((m) => `${m.id} (“${m.mention.exact}”)`);
      status(lost.length ? `${done.replace(UNDO_BRINGS_IT_BACK, '')}. Mentions whose text is gone: ${lost.join(', ')} (Undo brings them back)` : done);
    } else {
      status(`Refused: ${describeErrors(result)}`, true);
      // The refusal's messages stand at their fields, which keep what was typed, to be mended.
      const forms = [$('inspector-form'), $('article-form')];
      const typed = forms.map((form) => [...form.elements].filter((control) => control.name).map((control) => [control.name, typedValue(control)]));
      renderArticle();
      renderInspector();
      forms.forEach((form, i) => {
        for (const [name, value] of typed[i]) {
          const control = form.elements[name];
          if (control && typedValue(control) !== value) setTypedValue(control, value);
        }
      });
    }
    return result;
  }
  const typedValue = (control) => (control.type === 'checkbox' ? control.checked : control.value);
  const setTypedValue = (control, value) => { if (control.type === 'checkbox') control.checked = value; else control.value = value; };
  const applyOp = (op, done = 'Done', source = 'editor') => report(callJson('explainer_editor_apply', JSON.stringify(op), source), done);

  function onChange(record) {
    if (record.selectionChanged || record.selection !== selection) selection = record.selection;
    // A click that placed the place ends the placing, and the status says so (it went on
    // asking for the click: an author trial).
    const placed = placing && record.fields.includes('pack') ? { id: placing, was: JSON.stringify(entityById(placing)?.location) } : null;
    const made = placingNew && record.fields.includes('pack') ? placingNew : null;
    if (placed || made) placeOnMap(null);
    autosave();
    refresh();
    const moved = placed && entityById(placed.id);
    if (moved && JSON.stringify(moved.location) !== placed.was) status(`Placed ${moved.name} on the map by hand (Undo takes it back)`);
    const added = made && entities().find((e) => e && e.kind === 'place' && !made.ids.has(e.id));
    if (added) {
      selectEntity(added.id);
      status(`New place ${added.name}, placed on the map by hand`);
    }
    followInMirror(record);
    if (record.fields.includes('pack') && !findBar.hidden) showFindResult(callJson('explainer_editor_find_again'));
  }

  let lastDiagnostics = { errors: [], warnings: [] };  // the validator's, as of the last refresh
  function refresh() {
    if (!module || $('side').hidden) return;
    documentCache = JSON.parse(call('explainer_editor_document'));
    const diagnostics = lastDiagnostics = callJson('explainer_editor_validate');
    $('errors').hidden = diagnostics.errors.length === 0;
    $('errors-title').textContent = `Errors (${diagnostics.errors.length})`;
    const list = $('error-list');
    list.textContent = '';
    for (const e of diagnostics.errors) {
      const item = document.createElement('li');
      // An error about an entity leads with its id, which the author knows it by (the path
      // alone sends them counting entities), and a click on it selects the entity.
      const where = e.path || (e.line ? `line ${e.line}, column ${e.column}` : '');
      item.textContent = `${e.entity ? `${e.entity} at ${where}` : where}: ${e.message}`;
      if (e.entity) {
        item.tabIndex = 0;
        item.addEventListener('click', () => selectEntity(e.entity));
        // Focusable, so the keyboard opens it too, as a button's Enter and Space do.
        item.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          selectEntity(e.entity);
        });
      }
      list.appendChild(item);
    }
    renderSuggestions();
    renderTargets();
    renderArticle();
    renderInspector();
    loadFontChunks(callJson('explainer_editor_font_files'));
  }

  function selectEntity(id) {
    selection = id;
    if (call('explainer_select', id || '') !== 1) renderInspector();  // an entity the placeholder pack lacks
  }

  function renderSuggestions() {
    const list = $('suggestions');
    const checked = new Set([...list.querySelectorAll('input:checked')].map((box) => box.value));
    list.textContent = '';
    const suggested = entities().filter((e) => e && e.suggestion);
    $('suggestion-count').textContent = `(${suggested.length})`;
    for (const e of suggested) {
      const item = document.createElement('li');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: e.id, checked: checked.has(e.id) });
      box.setAttribute('aria-label', `Check ${e.name}`);
      const name = Object.assign(document.createElement('span'), { className: 'name', textContent: e.name, title: e.suggestion.rule });
      const kind = Object.assign(document.createElement('span'), { className: 'kind', textContent: e.kind });
      const button = (label, fn) => {
        const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
        b.setAttribute('aria-label', `${label} ${e.name}`);
        b.addEventListener('click', fn);
        return b;
      };
      item.append(box, name, kind,
        button('Accept', () => review([e.id], true)),
        button('Edit', () => selectEntity(e.id)),
        button('Reject', () => review([e.id], false)));
      item.dataset.id = e.id;
      list.appendChild(item);
    }
  }

  function review(ids, accept) {
    if (!ids.length) { status('Check suggestions first'); return; }
    const result = callJson('explainer_editor_review', JSON.stringify(ids), accept ? 1 : 0);
    report(result, `${accept ? 'Accepted' : 'Rejected'} ${ids.length} suggestion${ids.length === 1 ? '' : 's'}`);
  }
  const checkedIds = () => [...$('suggestions').querySelectorAll('input:checked')].map((box) => box.value);

  function renderTargets() {
    const fill = (select, filter) => {
      const value = select.value;
      select.textContent = '';
      for (const e of entities().filter(filter))
        select.appendChild(Object.assign(document.createElement('option'), { value: e.id, textContent: `${e.name} (${e.kind})` }));
      if ([...select.options].some((o) => o.value === value)) select.value = value;
    };
    fill($('mention-target'), (e) => e && e.id);
    fill($('quote-speaker'), (e) => e && e.kind === 'person');
  }

  function renderKinds() {
    const row = $('new-kinds');
    for (const kind of ['place', 'person', 'organisation', 'event', 'quote', 'figure', 'work']) {
      const b = Object.assign(document.createElement('button'), { type: 'button', textContent: `New ${kind}` });
      b.dataset.kind = kind;
      b.addEventListener('click', () => newEntity(kind));
      row.appendChild(b);
    }
  }

  function showSelection() {
    if (!module || $('side').hidden) return;
    const result = callJson('explainer_editor_selection');
    $('selection-text').textContent = result.selector ? `Selected: “${result.selector.exact}” (${result.selector.paragraph})` : 'Select words in the article.';
    // The place search follows the selected words until the author types in it (it kept
    // the first selection's words: an author trial).
    const box = $('place-query');
    if (result.selector && (placeQueryFollows || !box.value) && box.value !== result.selector.exact) {
      box.value = result.selector.exact;
      placeQueryFollows = true;
      $('place-results').textContent = '';
      $('place-status').textContent = '';
      chosenPlace = -1;
    }
  }
  let placeQueryFollows = true;  // the place search holds the selected words, not the author's

  let placeResults = [];
  let chosenPlace = -1;
  async function newEntity(kind) {
    const request = { kind };
    if (kind === 'place') {
      if (chosenPlace < 0) await searchPlacesFromBox();
      if (chosenPlace < 0) { newPlaceOnMap(); return; }
      request.placeIndex = chosenPlace;
    }
    if (kind === 'quote') request.speaker = $('quote-speaker').value;
    // A new place takes the hit chosen in the list, the first unless another was picked: the
    // status names it, with how to undo it (a lake made at a town of a like name said only
    // "New place": an author trial).
    const hit = kind === 'place' ? placeResults[chosenPlace] : null;
    const done = hit ? `New place at ${hit.name}${hit.country ? `, ${hit.country}` : ''} (${hit.source} ${hit.id}): not that place? Undo, then pick another hit or Place on map`
      : `New ${kind}`;
    const result = report(callJson('explainer_editor_new_entity', JSON.stringify(request)), done);
    if (result.ok) selectEntity(result.id);
  }

  function addMention() {
    const selected = callJson('explainer_editor_selection');
    if (!selected.selector) { status(selected.error, true); return; }
    const id = $('mention-target').value;
    applyOp({ op: 'addMention', id, ...selected.selector }, `Added a mention of ${id}`);
  }

  async function searchPlacesFromBox() {
    const text = $('place-query').value.trim();
    const list = $('place-results');
    list.textContent = '';
    chosenPlace = -1;
    if (!text) return;
    const error = await prepareGazetteer('search', text);
    const result = callJson('explainer_editor_search_places', text, 8);
    if (!Array.isArray(result)) { if (!error) $('place-status').textContent = result.error; return; }
    placeResults = result;
    const complete = call('explainer_editor_search_complete', text) === 1;
    if (!error) $('place-status').textContent = !result.length ? `No place named “${text}” in the gazetteer`
      : complete ? '' : `Places named “${text}” and the largest starting with it: type more letters for every place starting with it`;
    result.forEach((hit, i) => {
      const item = document.createElement('li');
      const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'place-hit', checked: i === 0 });
      radio.addEventListener('change', () => { chosenPlace = i; });
      const label = document.createElement('label');
      const where = hit.lat === null ? '' : ` (${hit.lat.toFixed(3)}, ${hit.lon.toFixed(3)})`;
      const population = hit.population ? `pop. ${hit.population.toLocaleString('en')}; ` : '';
      label.append(radio, ` ${hit.name}${hit.country ? `, ${hit.country}` : ''}${where}; ${population}${hit.source} ${hit.id}`);
      const set = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Set as location' });
      set.addEventListener('click', () => {
        const target = entityById(selection);
        if (!target || target.kind !== 'place') { status('Select a place entity to set its location', true); return; }
        report(callJson('explainer_editor_set_location', selection, i, 0, 0), `Moved ${target.name} to ${hit.name}`);
      });
      item.append(label, ' ', set);
      list.appendChild(item);
    });
    if (result.length) chosenPlace = 0;
  }

  // A paragraph's text is corrected with editParagraph: its mentions re-anchor, and
  // those whose words are gone are listed (report()). Deleted with removeParagraph, its
  // mentions are listed the same way; the op refuses a paragraph something stands on.
  let paragraphId = null;
  function showParagraph(paragraph) {
    paragraphId = paragraph ? paragraph.id : null;
    $('paragraph-text').value = paragraph ? paragraph.text : '';
    for (const id of ['paragraph-text', 'save-paragraph', 'remove-paragraph']) $(id).hidden = !paragraph;
    if (paragraph) $('paragraph-text').setAttribute('aria-label', `Text of paragraph ${paragraph.id}`);
  }
  const forgetParagraph = () => showParagraph(null);
  function loadParagraph() {
    const selected = callJson('explainer_editor_selection');
    if (!selected.selector) { status(selected.error, true); return; }
    const paragraph = (documentCache.article.paragraphs || []).find((p) => p.id === selected.selector.paragraph);
    if (paragraph) showParagraph(paragraph);
  }
  function saveParagraph() {
    if (paragraphId) applyOp({ op: 'editParagraph', paragraph: paragraphId, text: $('paragraph-text').value }, `Corrected ${paragraphId}`);
  }
  function removeParagraph() {
    if (!paragraphId) return;
    if (applyOp({ op: 'removeParagraph', paragraph: paragraphId }, `Deleted paragraph ${paragraphId}${UNDO_BRINGS_IT_BACK}`).ok) forgetParagraph();
  }

  // [SECTION] Inspector --------------------------------------------------------------------
  // Every field of the selected entity: text fields as text, everything else as JSON.
  // A change is one updateEntity op; the validator's messages stand under their field.
  // The article's fields are edited the same way (renderArticle).

  const LONG_FIELDS = new Set(['description', 'note', 'text', 'role']);
  // The fields that name one entity, by the kind of entity they are in, and the kind they
  // name (content/pack.schema.json): a quote's speaker and place, a person's place.
  const REFERENCE_FIELDS = { quote: { speaker: 'person', place: 'place' }, person: { place: 'place' } };
  // What a field added by name starts as: a list for those that are lists (edited as JSON),
  // no date yet, text for the rest (content/pack.schema.json).
  const EMPTY_FIELDS = { aliases: [], citations: [], countries: [], affiliations: [], places: [], participants: [], date: '' };
  // The fields as an author reads an entity: its name and description first, its mentions and
  // sources last, the rest as the pack has them (drafts have every key in alphabetical order,
  // which put the name after the description and the mentions).
  const FIRST_FIELDS = ['name', 'description'], LAST_FIELDS = ['mentions', 'citations', 'suggestion'];
  function inspectorOrder(entity) {
    const rank = (key) => (FIRST_FIELDS.includes(key) ? FIRST_FIELDS.indexOf(key) - FIRST_FIELDS.length
      : LAST_FIELDS.includes(key) ? 1 + LAST_FIELDS.indexOf(key) : 0);
    return Object.entries(entity).sort(([a], [b]) => rank(a) - rank(b));  // stable: the pack's order within a rank
  }
  // Fields added by name that the pack does not have yet (no value given, or refused), by
  // entity id: the inspector, drawn again after a refusal, keeps them and what was typed
  // ("rol" went, with its text, when the pack refused it: an author trial).
  const addedFields = new Map();
  function addedFieldEditor(entity, key, messages) {
    return fieldEditor(key, key in EMPTY_FIELDS ? EMPTY_FIELDS[key] : '', messages, {
      opFor: (fields) => ({ op: 'updateEntity', id: entity.id, fields }),
      date: key === 'date' ? { relative: entity.kind === 'event' } : null, reference: REFERENCE_FIELDS[entity.kind]?.[key] });
  }
  function renderInspector() {
    const form = $('inspector-form');
    const entity = entityById(selection);
    $('inspector-empty').hidden = !!entity;
    form.hidden = !entity;
    if (!entity) return;
    const focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.name : null;
    form.textContent = '';
    const messages = callJson('explainer_editor_messages', entity.id);
    const heading = document.createElement('p');
    heading.textContent = `${entity.kind} “${entity.name}” (${entity.id})`;
    form.appendChild(heading);
    for (const [key, value] of inspectorOrder(entity)) {
      if (key === 'id' || key === 'kind') continue;
      form.appendChild(fieldEditor(key, value, messages[key] || [], { opFor: (fields) => placedByHand(entity, fields) || withQuotesRenamed(entity, withSpeakersName(entity, fields)),
        date: key === 'date' && entity.kind === 'event' ? { relative: true } : null,
        reference: REFERENCE_FIELDS[entity.kind]?.[key] }));
      if (key === 'date' && messages['@resolvedDate'])
        form.appendChild(Object.assign(document.createElement('p'), { className: 'resolved', textContent: `Resolves to ${messages['@resolvedDate']}` }));
    }
    const added = addedFields.get(entity.id) || new Set();
    for (const key of added) {
      if (key in entity) added.delete(key);
      else form.appendChild(addedFieldEditor(entity, key, [...(messages[key] || []),
        ...refusal.filter((e) => (e.packPath || e.path) === `/entities/${entities().indexOf(entity)}/${key}`).map((e) => e.message)]));
    }
    for (const m of messages['@entity'] || []) form.insertBefore(Object.assign(document.createElement('p'), { className: 'field-message', textContent: m }), heading.nextSibling);
    for (const [key, list] of Object.entries(messages))
      if (!(key in entity) && !key.startsWith('@') && !added.has(key))
        for (const m of list) form.appendChild(Object.assign(document.createElement('p'), { className: 'field-message', textContent: `${key}: ${m}` }));
    const add = document.createElement('div');
    add.className = 'row';
    const keyInput = Object.assign(document.createElement('input'), { placeholder: 'new field (e.g. role, date, citations)' });
    keyInput.setAttribute('aria-label', 'Name of a field to add');
    const addButton = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Add field' });
    // The new field's editor, empty: the pack changes when the author gives it a value (an
    // empty one is no value: "role" and "date" were refused as they were added).
    addButton.addEventListener('click', () => {
      const key = keyInput.value.trim();
      if (!key) return;
      if (key in entity || added.has(key)) { form.elements[key]?.focus(); return; }
      addedFields.set(entity.id, added.add(key));
      const editor = addedFieldEditor(entity, key, []);
      form.insertBefore(editor, add);
      editor.querySelector('input, textarea, select')?.focus();
      status(`Give ${key} a value to add it`);
    });
    if (entity.kind === 'place' && !entity.country && !entity.countries) {
      const place = Object.assign(document.createElement('button'), { type: 'button', id: 'place-on-map',
        textContent: placing === entity.id ? 'Cancel placing' : 'Place on map' });
      place.setAttribute('aria-pressed', String(placing === entity.id));
      place.addEventListener('click', () => placeOnMap(placing === entity.id ? null : entity.id));
      add.append(place);
    }
    const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Delete entity' });
    // As "Reject" does: the entities that stay lose it from their lists in the same step.
    remove.addEventListener('click', () => report(callJson('explainer_editor_delete', entity.id), `Deleted ${entity.name || entity.id}${UNDO_BRINGS_IT_BACK}`));
    add.append(keyInput, addButton, remove);
    form.appendChild(add);
    if (focused && form.elements[focused]) form.elements[focused].focus();
  }

  // A quote named after its speaker, as the drafter names them ("Ana Rojas: “We closed the
  // port”"), is renamed with a new speaker in the same step: the lists and the preview's
  // mirror went on naming the old one.
  function withSpeakersName(entity, fields) {
    if (entity.kind !== 'quote' || typeof fields.speaker !== 'string' || 'name' in fields) return fields;
    const before = entityById(entity.speaker)?.name, after = entityById(fields.speaker)?.name;
    if (!before || !after || !entity.name.startsWith(`${before}: `)) return fields;
    return { ...fields, name: after + entity.name.slice(before.length) };
  }

  // A place's location typed in the inspector is cited as placed by hand, in the same step:
  // the place search's GeoNames citation stayed, vouching for coordinates it never gave (an
  // author trial). The op, or null for any other change.
  function placedByHand(entity, fields) {
    const at = fields.location;
    if (entity.kind !== 'place' || Object.keys(fields).length !== 1 || !at || typeof at !== 'object' ||
        !Number.isFinite(at.lat) || !Number.isFinite(at.lon) || Object.keys(at).length !== 2) return null;
    if (entity.location && entity.location.lat === at.lat && entity.location.lon === at.lon) return null;
    return callJson('explainer_editor_hand_placed_op', entity.id, at.lat, at.lon);
  }

  // The op that sets `fields` of `entity`. A person renamed renames in the same step the
  // quotes named after them, as drafts name them ("Governor Samuel Akaayar: “…”"), whose
  // old name the lists and the preview's mirror went on showing.
  function withQuotesRenamed(entity, fields) {
    const op = { op: 'updateEntity', id: entity.id, fields };
    if (entity.kind !== 'person' || typeof fields.name !== 'string' || fields.name === entity.name) return op;
    const prefix = `${entity.name}: `;
    const renamed = entities().filter((q) => q && q.kind === 'quote' && q.speaker === entity.id && typeof q.name === 'string' && q.name.startsWith(prefix))
      .map((q) => ({ op: 'updateEntity', id: q.id, fields: { name: fields.name + q.name.slice(entity.name.length) } }));
    return renamed.length ? { op: 'batch', ops: [op, ...renamed] } : op;
  }

  // "Place on map": the next click on the map puts the place there (or drag its marker).
  // Coordinates placed by hand are cited as such, not to the gazetteer (README, "The editor").
  let placing = null;
  // A place the gazetteer does not know (a battlefield, a kingdom of the past): the next
  // click on the map makes the selected words a place there, cited as placed by hand.
  let placingNew = null;  // {name, ids}: its name, and the entities' ids before it
  function newPlaceOnMap() {
    const result = callJson('explainer_editor_new_place_on_click');
    if (!result.ok) { report(result); return; }
    placing = null;
    placingNew = { name: result.name, ids: new Set(entities().map((e) => e && e.id)) };
    const query = $('place-query').value.trim();
    status(`${query ? `No place named “${query}” in the gazetteer. ` : ''}Click on the map where ${result.name} is (Esc cancels).`);
  }
  let liveTimer = 0;  // the inspector's live check, after typing pauses
  function placeOnMap(id) {
    placing = id && call('explainer_editor_place_on_click', id) === 1 ? id : null;
    placingNew = null;
    if (!id) call('explainer_editor_place_on_click', '');
    if (placing) status(`Click on the map where ${entityById(id)?.name ?? id} is (Esc cancels). Or drag its marker.`);
    renderInspector();
  }

  // One field's editor: `opFor(fields)` is the op that sets it (updateEntity, updateArticle).
  // A date (`date`: { relative }, whether the article's own words may date it) is edited
  // part by part (dateControls) while it has no other parts; a yes-or-no field (`expected`,
  // `anonymous`) with a checkbox; anything else that is not text, as JSON.
  function fieldEditor(key, value, messages, { opFor, idPrefix = 'field', date = null, reference = null }) {
    const wrap = document.createElement('div');
    const id = `${idPrefix}-${key}`;
    const parts = date && isPlainDate(value) ? dateControls(id, key, value, date)
      : reference && typeof value === 'string' ? referenceControl(id, key, value, reference)
      : typeof value === 'boolean' ? checkboxControl(id, key, value) : textControl(id, key, value);
    wrap.append(...parts.nodes);
    // The op the field's controls stand for, or why they stand for none.
    const opOf = () => {
      const { value: parsed, error } = parts.value();
      return error ? { error } : { op: opFor({ [key]: parsed }) };
    };
    // While typing: what the validator would say, at the field, without changing the pack.
    const live = Object.assign(document.createElement('p'), { className: 'field-message live', id: `${id}-live` });
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.hidden = true;
    const markInvalid = (invalid) => {
      for (const control of parts.controls) {
        if (invalid) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
      }
    };
    for (const control of parts.controls) {
      control.setAttribute('aria-describedby', live.id);
      control.addEventListener('change', () => {
        clearTimeout(liveTimer);
        const { op, error } = opOf();
        if (error) { status(`${key}: ${error}`, true); return; }
        // A field left empty goes (a date with no part left is no date): say so, and how to undo it.
        applyOp(op, parts.value().value === null ? `Removed ${key}${UNDO_BRINGS_IT_BACK}` : `Changed ${key}`);
      });
      control.addEventListener('input', () => {
        clearTimeout(liveTimer);
        liveTimer = setTimeout(() => {
          const { op, error } = opOf();
          const found = error ? [error] : callJson('explainer_editor_check', JSON.stringify(op)).errors.map((e) => e.message);
          live.textContent = found.join(' ');
          live.hidden = found.length === 0;
          markInvalid(found.length > 0);
        }, LIVE_CHECK_MS);
      });
    }
    wrap.append(live);
    for (const m of messages) wrap.appendChild(Object.assign(document.createElement('p'), { className: 'field-message', textContent: m }));
    markInvalid(messages.length > 0);
    return wrap;
  }

  // A field as one control: text as text, anything else as JSON.
  function textControl(id, key, value) {
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: key });
    const text = typeof value === 'string';
    const control = document.createElement(text && !LONG_FIELDS.has(key) ? 'input' : 'textarea');
    control.id = id;
    control.name = key;
    control.value = text ? value : JSON.stringify(value, null, 1);
    if (control.tagName === 'TEXTAREA') control.rows = text ? 2 : Math.min(8, control.value.split('\n').length);
    const read = () => {
      if (text) return { value: control.value === '' ? null : control.value };
      try {
        const parsed = JSON.parse(control.value);
        return { value: parsed === '' ? null : parsed };
      } catch (error) {
        return { error: `not JSON: ${error.message}` };
      }
    };
    return { nodes: [label, control], controls: [control], value: read };
  }

  // A field that names one entity of a kind (a quote's speaker, a person; its place): a
  // list of them by name, so that an author picks "Ana Rojas", not types "ana-rojas". An id
  // the pack does not hold stays chosen, as it is, until the author picks another.
  function referenceControl(id, key, value, kind) {
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: key });
    const control = Object.assign(document.createElement('select'), { id, name: key });
    const choices = entities().filter((e) => e && e.kind === kind && typeof e.id === 'string');
    if (!choices.some((e) => e.id === value))
      control.appendChild(Object.assign(document.createElement('option'), { value, textContent: value ? `${value} (no such ${kind})` : `(no ${kind})` }));
    for (const e of choices)
      control.appendChild(Object.assign(document.createElement('option'), { value: e.id, textContent: `${e.name} (${e.id})` }));
    control.value = value;
    return { nodes: [label, control], controls: [control], value: () => ({ value: control.value === '' ? null : control.value }) };
  }

  // A yes-or-no field: a checkbox, its label the field's name.
  function checkboxControl(id, key, value) {
    const control = Object.assign(document.createElement('input'), { type: 'checkbox', id, name: key, checked: value });
    const label = Object.assign(document.createElement('label'), { htmlFor: id, className: 'checkbox-field' });
    label.append(control, ` ${key}`);
    return { nodes: [label], controls: [control], value: () => ({ value: control.checked }) };
  }

  // A date ({iso, relative, approximate}; content/README.md, "Dates"), or none yet.
  const DATE_PARTS = ['iso', 'relative', 'approximate'];
  function isPlainDate(value) {
    if (value === '') return true;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    return Object.keys(value).every((part) => DATE_PARTS.includes(part)) &&
      ['iso', 'relative'].every((part) => value[part] === undefined || typeof value[part] === 'string') &&
      (value.approximate === undefined || typeof value.approximate === 'boolean');
  }

  // A date's parts, each a control of its own under one legend: the ISO date, the article's
  // words (where a date may be relative, or when it has them all the same, so that they can
  // be taken out) and whether it is approximate. All empty: no date.
  function dateControls(id, key, date, { relative }) {
    const value = date === '' ? {} : date;
    const group = document.createElement('fieldset');
    group.className = 'date-field';
    group.append(Object.assign(document.createElement('legend'), { textContent: key }));
    const labelled = (part, text, control) => {
      control.id = `${id}-${part}`;
      control.name = `${key}.${part}`;
      group.append(Object.assign(document.createElement('label'), { htmlFor: control.id, textContent: text }), control);
      return control;
    };
    const iso = labelled('iso', 'ISO 8601 date: 2015-11-13, 2015-11, 2015, -0043-03-15 (44 BC), a range with "/"',
      Object.assign(document.createElement('input'), { value: value.iso ?? '' }));
    const words = relative || value.relative !== undefined
      ? labelled('relative', 'In the article’s words: “last week”, “on Friday”, “Nov. 13”',
        Object.assign(document.createElement('input'), { value: value.relative ?? '' }))
      : null;
    const approximate = labelled('approximate', 'Approximate', document.createElement('select'));
    for (const [option, text] of [['', 'as the date says'], ['true', 'approximate'], ['false', 'exact']])
      approximate.append(Object.assign(document.createElement('option'), { value: option, textContent: text }));
    approximate.value = value.approximate === undefined ? '' : String(value.approximate);
    const read = () => {
      const parts = {};
      if (iso.value.trim() !== '') parts.iso = iso.value.trim();
      if (words && words.value.trim() !== '') parts.relative = words.value.trim();
      if (approximate.value !== '') parts.approximate = approximate.value === 'true';
      return { value: Object.keys(parts).length ? parts : null };
    };
    return { nodes: [group], controls: [iso, words, approximate].filter(Boolean), value: read };
  }

  // The article's own fields (its headline, source, attribution, URL, language, publication
  // date, and any others it has but its paragraphs), edited as the inspector edits an
  // entity's: a change is one updateArticle op; the validator's messages stand under their field.
  const ARTICLE_FIELDS = ['headline', 'source', 'attribution', 'url', 'language', 'published'];
  function renderArticle() {
    const form = $('article-form');
    const article = documentCache && documentCache.article;
    form.hidden = !article || typeof article !== 'object';
    if (form.hidden) return;
    const focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.name : null;
    form.textContent = '';
    const keys = [...ARTICLE_FIELDS, ...Object.keys(article).filter((k) => !ARTICLE_FIELDS.includes(k) && k !== 'paragraphs')];
    for (const key of keys) {
      const at = `/article/${key}`;
      const about = (path) => path === at || (path || '').startsWith(at + '/');
      const messages = [...lastDiagnostics.errors.filter((e) => about(e.path)),
        ...refusal.filter((e) => about(e.packPath) || e.path === `/fields/${key}` || (e.path || '').startsWith(`/fields/${key}/`))].map((e) => e.message);
      form.appendChild(fieldEditor(key, key in article ? article[key] : '', messages,
        { idPrefix: 'article', opFor: (fields) => ({ op: 'updateArticle', fields }),
          date: key === 'published' ? { relative: false } : null }));
    }
    if (focused && form.elements[focused]) form.elements[focused].focus();
  }

  // [SECTION] Save, preview, keys ------------------------------------------------------------

  async function save() {
    const text = call('explainer_editor_export');
    const name = (documentCache && documentCache.id ? documentCache.id : 'pack') + '.json';
    if (window.showSaveFilePicker) {
      // Said while the browser's dialog is open, and after it: an author who closes it
      // learns that nothing was saved (the status kept the last edit's words).
      status('Saving: choose where in the browser\'s dialog…');
      try {
        const handle = await window.showSaveFilePicker({ suggestedName: name, types: [{ description: 'Explainer pack', accept: { 'application/json': ['.json'] } }] });
        const writable = await handle.createWritable();
        await writable.write(text);
        await writable.close();
        fileRevision = call('explainer_editor_revision');
        autosave(true);
        status(`Saved ${handle.name}`);
        return;
      } catch (error) {
        if (error.name === 'AbortError') { status('Not saved: the dialog was closed'); return; }
        console.warn('Explainer editor: the file picker failed, downloading instead:', error);
      }
    }
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([text], { type: 'application/json' })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    fileRevision = call('explainer_editor_revision');
    autosave(true);
    const diagnostics = callJson('explainer_editor_validate');
    status(diagnostics.ok ? `Saved ${name}` : `Saved ${name}, with ${diagnostics.errors.length} errors the validator will refuse`);
  }

  function setPreview(on) {
    document.body.classList.toggle('preview', on);
    $('side').hidden = on;
    $('preview-bar').hidden = !on;
    $('preview-status').textContent = '';
    $('preview').setAttribute('aria-pressed', String(on));
    // One Find button, the find bar's: in the column's toolbar, and in the preview's bar
    // while the column is hidden.
    (on ? $('share-button') : $('preview')).before($('find-button'));
    reportSurface();
    if (on) buildMirror();
    else refresh();
  }

  // [SECTION] The preview's mirror -----------------------------------------------------------
  // The preview carries the reader's HTML mirror (web/mirror.js) of the pack as the canvas
  // draws it, landmarks and all: built when the preview opens and again after every change
  // of the pack (an edit, undo, redo, from the keys, the canvas or the API), its current
  // item following the selection, each selection announced. While the column is shown the
  // mirror is out of the accessibility tree (editor.css) and not kept up: the column is
  // the editor's text view then, and a second, reader's one would offer another set of
  // controls and announcements for the same selection.

  const mirror = window.ExplainerMirror;
  const previewing = () => document.body.classList.contains('preview');

  // A pack that does not validate is shown by its article's text alone (the canvas's
  // timeline and quotes panel say so): its mirror does not say it has no places, dates or
  // quotes either.
  const untilValid = { 'mirror-map': 'Places', 'mirror-timeline': 'Dates', 'mirror-quotes': 'Quotes' };

  function buildMirror() {
    mirror.build(callJson('explainer_article'), callJson('explainer_entities'), selectEntity,
      callJson('explainer_place_countries'));
    mirror.setCurrent(selection);
    if (callJson('explainer_editor_validate').ok) return;
    for (const [section, what] of Object.entries(untilValid)) {
      const empty = document.querySelector(`#${section} .mirror-empty`);
      if (empty) empty.textContent = `${what} show once the pack validates.`;
    }
  }

  function followInMirror(record) {
    if (!previewing()) return;
    if (record.fields.includes('pack')) buildMirror();
    if (record.selectionChanged) mirror.announce(record.selection);
  }

  function undo(redo) {
    const changed = call('explainer_editor_undo', redo ? 1 : 0, 'editor') === 1;
    status(changed ? (redo ? 'Redone' : 'Undone') : `Nothing to ${redo ? 'redo' : 'undo'}`);
    return changed;
  }

  function onKey(event) {
    if (event.key === 'Escape' && (placing || placingNew)) {
      placeOnMap(null);
      status('Placing cancelled');
      return;
    }
    const target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;  // their own undo
    if (!(event.ctrlKey || event.metaKey) || !module || $('start').hidden === false) return;
    const key = event.key.toLowerCase();
    if (key === 'z') undo(event.shiftKey);
    else if (key === 'y') undo(true);
    else if (key === 's') save();
    else return;
    event.preventDefault();
  }

  // [SECTION] Find -------------------------------------------------------------------------
  // The reader's find bar (web/partials/find.js) on the pack being edited, in the canvas's
  // article; onChange finds again after every change of the pack (an edit, undo, redo), so
  // the count and highlights are the text's as it is now.

  // @include find.js

  // [SECTION] API --------------------------------------------------------------------------

  const editor = {
    // The draft pack (an object) for {headline, source, published, url?, language?, paragraphs: [strings]}:
    // the same drafting as `explainer-draft`. Resolves once the gazetteer is loaded.
    draft: async (input) => JSON.parse(await draftText(input)),
    // Opens a pack (its text or an object) in the editor: {ok, error?, diagnostics}.
    open: (pack, name = 'pack.json') => openText(typeof pack === 'string' ? pack : JSON.stringify(pack), name),
    apply: (op) => callJson('explainer_editor_apply', JSON.stringify(op), 'api'),
    undo: () => call('explainer_editor_undo', 0, 'api') === 1,
    redo: () => call('explainer_editor_undo', 1, 'api') === 1,
    exportPack: () => JSON.parse(call('explainer_editor_export')),
    // The canonical text Save writes.
    exportText: () => call('explainer_editor_export'),
    validate: () => callJson('explainer_editor_validate'),
    // [{name, country, lat, lon, population, source, id}], best first; rejects when the
    // gazetteer could not be loaded, or the query has fewer than 2 letters.
    searchPlaces: async (text) => {
      const error = await prepareGazetteer('search', String(text));
      const result = callJson('explainer_editor_search_places', String(text), 10);
      if (error && !Array.isArray(result)) throw new Error(error);
      if (!Array.isArray(result)) throw new Error(result.error);
      return result;
    },
    // The article's selected words as a selector that matches once, or {error}.
    selection: () => callJson('explainer_editor_selection'),
  };
  window.Explainer = {
    version: 1,
    ready,
    editor,
    select: (id) => call('explainer_select', id || '') === 1,
    getState: () => callJson('explainer_get_state'),
    locate: (id) => {
      const rect = canvas.getBoundingClientRect();
      return callJson('explainer_locate', String(id)).map((r) => ({ panel: r.panel, x: r.x + rect.left, y: r.y + rect.top, width: r.width, height: r.height }));
    },
    getLink: () => '#' + call('explainer_get_link'),
    // frames drawn since load; idle: no frame asked for (what tests wait on, as the reader's);
    // missingGlyphs: the pack's characters drawn as "?" (the reader's, "U+011F").
    stats: () => ({ frames: module ? module._explainer_frames() : 0, idle: module ? !module._explainer_frame_pending() : false,
      missingGlyphs: module ? callJson('explainer_font_stats').missing : [] }),
    ...findApi,
  };

  // [SECTION] Start --------------------------------------------------------------------------

  function wire() {
    renderKinds();
    $('open-file').addEventListener('change', (event) => openFile(event.target.files[0]));
    $('draft-form').addEventListener('submit', draftFromForm);
    $('article-form').addEventListener('submit', (event) => event.preventDefault());  // each field applies on its own change
    document.addEventListener('dragover', (event) => { event.preventDefault(); document.body.classList.add('dragging'); });
    document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
    document.addEventListener('drop', (event) => {
      event.preventDefault();
      document.body.classList.remove('dragging');
      if (event.dataTransfer.files.length) openFile(event.dataTransfer.files[0]);
    });
    $('undo').addEventListener('click', () => undo(false));
    $('redo').addEventListener('click', () => undo(true));
    $('save').addEventListener('click', save);
    $('preview').addEventListener('click', () => setPreview(true));
    $('end-preview').addEventListener('click', () => setPreview(false));
    $('close').addEventListener('click', showStart);
    $('back-to-document').addEventListener('click', showDocument);
    $('accept-selected').addEventListener('click', () => review(checkedIds(), true));
    $('reject-selected').addEventListener('click', () => review(checkedIds(), false));
    $('check-all').addEventListener('click', () => $('suggestions').querySelectorAll('input').forEach((box) => { box.checked = true; }));
    $('add-mention').addEventListener('click', addMention);
    $('load-paragraph').addEventListener('click', loadParagraph);
    $('save-paragraph').addEventListener('click', saveParagraph);
    $('remove-paragraph').addEventListener('click', removeParagraph);
    let searchTimer = 0;
    $('place-query').addEventListener('input', () => {
      placeQueryFollows = false;
      clearTimeout(searchTimer);
      searchTimer = setTimeout(searchPlacesFromBox, 250);
    });
    $('share-button').addEventListener('click', () => { $('share-link').value = window.Explainer.getLink(); $('share-dialog').showModal(); });
    $('share-close').addEventListener('click', () => $('share-dialog').close());
    window.addEventListener('keydown', onKey);
    startFind();
  }

  async function start() {
    document.body.classList.add('starting');
    wire();
    // Autosaved work for this pack (or for none asked) wins over fetching the pack again.
    // Another pack's link replaced changes not saved to a file without a word (an author
    // trial): it asks first, as "Open…" does, and Cancel reopens them.
    const saved = readAutosave();
    const wanted = query.get('pack');
    const restore = saved && (!wanted || packUrl(wanted)?.href === saved.from || (saved.unsaved !== false && keepAutosavedWork(saved, wanted)));
    const fetched = wanted && !restore ? fetchPack(wanted) : null;
    try {
      await startEngine();
    } catch (error) {
      startError(`The editor could not start: ${error.message || error}`);
      readyReject(error);
      return;
    }
    readyResolve(window.Explainer);
    if (restore) {
      const opened = await openText(saved.text, 'autosave.json', saved.from);
      if (opened.ok) {
        fileRevision = -1;  // restored work is saved in no file
        autosave(true);
        $('storage-note').hidden = false;
        $('storage-note').textContent = `Restored your unsaved work from ${new Date(saved.savedAt).toLocaleString()} (autosaved in this browser).`;
        return;
      }
    }
    if (wanted) await openFetched(await (fetched || fetchPack(wanted)));
  }
  start();
})();
