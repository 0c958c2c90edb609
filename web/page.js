// The page around the wasm app: loads the pack and the engine with a progress bar,
// shows readable errors instead of a blank canvas, keeps the HTML mirror of the
// article, reports the canvas size / DPR / colour scheme, and exposes window.Explainer.
//
// Index
// - [SECTION] Query and errors
// - [SECTION] Loading
// - [SECTION] Mirror
// - [SECTION] Surface
// - [SECTION] Public API
// - [SECTION] Start
(function () {
  'use strict';

  // [SECTION] Query and errors -------------------------------------------------------------

  const query = new URLSearchParams(location.search);
  const packUrl = query.get('pack') || document.documentElement.dataset.pack || 'content/isis-losing-ground.json';
  const embedded = query.get('embed') === '1';
  const inFrame = window.parent !== window;
  if (embedded) document.documentElement.classList.add('embed');
  const $ = (id) => document.getElementById(id);

  let failed = false;
  function showError(title, summary, details) {
    failed = true;
    document.body.classList.add('failed');
    $('error').hidden = false;
    $('error-title').textContent = title;
    $('error-summary').textContent = summary;
    const list = $('error-list');
    list.textContent = '';
    for (const line of details || []) {
      const item = document.createElement('li');
      item.textContent = line;
      list.appendChild(item);
    }
    readyReject(new Error(title + ': ' + summary));
  }

  let readyResolve, readyReject;
  const ready = new Promise((resolve, reject) => { readyResolve = resolve; readyReject = reject; });
  ready.catch(() => {});  // failures are shown on the page; callers may still await it

  // [SECTION] Loading ------------------------------------------------------------------------

  const progress = { loaded: 0, total: 0 };
  function setProgress(text) {
    const fraction = progress.total > 0 ? Math.min(1, progress.loaded / progress.total) : 0;
    $('progress-bar').style.width = (fraction * 100).toFixed(1) + '%';
    if (text) $('loading-text').textContent = text;
  }

  // Fetches with byte progress; the expected size makes the bar move before headers.
  async function fetchWithProgress(url, expected, kind) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
    const length = Number(response.headers.get('Content-Length')) || expected;
    progress.total += length;
    if (!response.body || !response.body.getReader) {
      const buffer = await response.arrayBuffer();
      progress.loaded += buffer.byteLength;
      setProgress();
      return new Uint8Array(buffer);
    }
    const reader = response.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      progress.loaded += value.length;
      setProgress(`Loading ${kind}…`);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
    return bytes;
  }

  // Embedded copies (the single-file build) take the place of fetches.
  function inlined(name) {
    const node = document.getElementById('inline-' + name);
    if (!node) return null;
    const binary = atob(node.textContent.trim());
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function load(name, url, expected, kind) {
    const bytes = inlined(name);
    if (bytes) return Promise.resolve(bytes);
    return fetchWithProgress(url, expected, kind);
  }

  // [SECTION] Mirror ------------------------------------------------------------------------

  // The article as HTML: every annotation a focusable button with an accessible name.
  // Text is set with textContent only.
  function buildMirror(article) {
    $('mirror-headline').textContent = article.headline;
    const source = [article.source, article.published].filter(Boolean).join(' · ');
    $('mirror-source').textContent = article.attribution ? `${source}. ${article.attribution}` : source;
    const body = $('mirror-body');
    body.textContent = '';
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    for (const paragraph of article.paragraphs) {
      const p = document.createElement('p');
      p.id = 'mirror-' + paragraph.id;
      const bytes = encoder.encode(paragraph.text);
      const text = (from, to) => decoder.decode(bytes.subarray(from, to));
      // Nested spans (a name inside a quote) become nested elements.
      const appendRange = (parent, from, to, spans) => {
        let at = from;
        while (spans.length && spans[0].begin < to) {
          const span = spans.shift();
          if (span.begin < at) continue;  // overlapping but not nested: keep the first
          if (span.begin > at) parent.appendChild(document.createTextNode(text(at, span.begin)));
          const inner = [];
          while (spans.length && spans[0].end <= span.end) inner.push(spans.shift());
          const element = document.createElement(span.type === 'quote' ? 'q' : 'button');
          if (element.tagName === 'BUTTON') element.type = 'button';
          element.className = 'mention mention-' + span.type;
          element.dataset.entity = span.id;
          element.tabIndex = 0;
          element.setAttribute('aria-label', `${text(span.begin, span.end)}: ${span.name}, ${span.type}. ${span.description}`);
          appendRange(element, span.begin, span.end, inner);
          parent.appendChild(element);
          at = span.end;
        }
        if (at < to) parent.appendChild(document.createTextNode(text(at, to)));
      };
      appendRange(p, 0, bytes.length, paragraph.spans.slice());
      if (paragraph.link) {
        p.appendChild(document.createTextNode(' '));
        const a = document.createElement('a');
        a.href = paragraph.link.url;
        a.rel = 'noopener';
        a.textContent = paragraph.link.text;
        p.appendChild(a);
      }
      body.appendChild(p);
    }
    body.addEventListener('click', (event) => {
      const mention = event.target.closest('.mention');
      if (mention) Explainer.select(mention.dataset.entity);
    });
    body.addEventListener('keydown', (event) => {
      const mention = event.target.closest('.mention');
      if (mention && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        Explainer.select(mention.dataset.entity);
      }
    });
  }

  // Without the engine, the mirror is plain paragraphs from the pack's JSON.
  function buildPlainMirror(packText) {
    let pack;
    try { pack = JSON.parse(packText); } catch (e) { return; }
    if (!pack || !pack.article || !Array.isArray(pack.article.paragraphs)) return;
    buildMirror({
      headline: String(pack.article.headline || ''),
      source: String(pack.article.source || ''),
      attribution: String(pack.article.attribution || ''),
      published: '',
      paragraphs: pack.article.paragraphs.map((p) => ({ id: String(p.id || ''), text: String(p.text || ''), link: null, spans: [] })),
    });
  }

  // [SECTION] Surface --------------------------------------------------------------------------

  const media = {
    dark: matchMedia('(prefers-color-scheme: dark)'),
    reducedMotion: matchMedia('(prefers-reduced-motion: reduce)'),
  };
  let module = null;
  const canvas = $('canvas');

  function reportSurface() {
    if (!module) return;
    const rect = canvas.getBoundingClientRect();
    const narrow = rect.width <= 700;
    document.body.classList.toggle('narrow', narrow);
    if (embedded) $('open-full').textContent = narrow ? '↗' : 'Open full explainer ↗';
    const chrome = $('chrome').getBoundingClientRect().width;
    module._explainer_set_surface(rect.width, rect.height, window.devicePixelRatio || 1,
      media.dark.matches ? 1 : 0, media.reducedMotion.matches ? 1 : 0, embedded ? 1 : 0, chrome);
    postResize();
  }

  // devicePixelRatio changes (zoom, moving to another screen) fire no resize on their
  // own: watch a media query for the current ratio, re-armed after each change.
  function watchPixelRatio() {
    const query = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    query.addEventListener('change', () => { reportSurface(); watchPixelRatio(); }, { once: true });
  }

  function startSurface() {
    new ResizeObserver(reportSurface).observe(canvas);
    window.addEventListener('resize', reportSurface);
    media.dark.addEventListener('change', reportSurface);
    media.reducedMotion.addEventListener('change', reportSurface);
    watchPixelRatio();
    reportSurface();
  }

  // [SECTION] Links and history -------------------------------------------------------------
  // The fragment carries the whole view. Selections push a history entry (Back and
  // Forward step through them); panning, zooming and scrolling replace the current one,
  // at most a few times a second.

  const linkOf = () => '#' + call('explainer_get_link');
  let replaceTimer = 0;

  function showNotice(lines) {
    const notice = $('notice');
    if (!lines.length) { notice.hidden = true; return; }
    notice.textContent = 'Parts of this link were ignored: ' + lines.join('; ') + '.';
    notice.hidden = false;
    clearTimeout(showNotice.timer);
    showNotice.timer = setTimeout(() => { notice.hidden = true; }, 8000);
  }

  // Opens the view a link describes; returns the decoder's notes.
  function applyLink(fragment) {
    const result = JSON.parse(call('explainer_set_link', fragment.replace(/^#/, '')));
    if (result.ignored.length) console.warn('Explainer: parts of the link were ignored:', result.ignored.join('; '));
    showNotice(result.ignored);
    return result;
  }

  function recordHistory(kind) {
    const link = linkOf();
    if (link === location.hash || (link === '#v=1' && !location.hash)) return;
    const url = location.pathname + location.search + link;
    clearTimeout(replaceTimer);
    // Inside an iframe, pushState would add entries to the host tab's history: there,
    // every change replaces the current entry.
    if (kind === 2 && !inFrame) history.pushState(null, '', url);
    else replaceTimer = setTimeout(() => history.replaceState(null, '', location.pathname + location.search + linkOf()), 200);
  }

  function onLocationChange() {
    if (!module || linkOf() === (location.hash || '#v=1')) return;
    applyLink(location.hash || '#');
  }

  // [SECTION] Host page (postMessage) ---------------------------------------------------------
  // Only when embedded; only messages from window.parent whose origin is allowed (the
  // origin= parameters or the pack's allowedOrigins); replies go to the asking origin,
  // everything else to each allowed origin by name, never to "*".

  let allowedOrigins = [];
  let stateTimer = 0;

  function postToHost(message, origin) {
    if (!inFrame) return;
    for (const target of origin ? [origin] : allowedOrigins) {
      try { window.parent.postMessage(message, target); } catch (e) { /* a target that is not a valid origin */ }
    }
  }

  function startHostMessages() {
    const notes = JSON.parse(call('explainer_set_origins', JSON.stringify(query.getAll('origin'))));
    allowedOrigins = notes.allowed;
    for (const note of notes.notes) console.warn('Explainer: origin ignored:', note);
    if (!inFrame) return;
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || !allowedOrigins.includes(event.origin)) return;
      let text;
      try { text = JSON.stringify(event.data); } catch (e) { return; }
      if (typeof text !== 'string') return;
      const result = JSON.parse(call('explainer_host_message', text, event.origin));
      if (result.history === 'push') recordHistory(2);
      if (result.reply) postToHost(result.reply, event.origin);
    });
    postToHost(JSON.parse(call('explainer_ready_message')));
  }

  function postState() {
    clearTimeout(stateTimer);
    stateTimer = setTimeout(() => postToHost(JSON.parse(call('explainer_state_message'))), 150);
  }

  // The height the explainer would like in a host page that sizes it to its content:
  // the whole article on phones, a comfortable four-panel height otherwise.
  let lastHeight = 0;
  function postResize() {
    if (!inFrame || !module || !allowedOrigins.length) return;
    const height = window.innerWidth <= 700 ? 760 : 720;
    if (height === lastHeight) return;
    lastHeight = height;
    postToHost(JSON.parse(call('explainer_resize_message', height)));
  }

  // [SECTION] Share and embed --------------------------------------------------------------------

  function baseUrl() {
    const url = new URL(location.href);
    url.hash = '';
    url.search = '';
    url.pathname = url.pathname.replace(/[^/]*$/, '');
    return url.href;
  }

  function fullLink() {
    const url = new URL(location.href);
    url.searchParams.delete('embed');
    url.searchParams.delete('origin');
    url.hash = linkOf();
    return url.href;
  }

  function embedCodes() {
    const base = baseUrl();
    const pack = query.get('pack') ? '&pack=' + encodeURIComponent(query.get('pack')) : '';
    const title = document.title.replace(/"/g, '&quot;');
    const link = linkOf();
    return {
      iframe: `<iframe src="${base}index.html?embed=1${pack}${link}" title="${title}" width="100%" height="720" style="border:0;max-width:100%" loading="lazy" allow="clipboard-write"></iframe>`,
      script: `<div data-explainer="${base}index.html${pack ? '?' + pack.slice(1) : ''}" data-explainer-link="${link}"></div>\n<script async src="${base}embed.js"></script>`,
    };
  }

  async function copyField(id) {
    const field = $(id);
    const status = $('copy-status');
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = 'Copied.';
    } catch (e) {
      // No Clipboard API (insecure origin, old browser, denied): select the text so
      // that Ctrl+C / long-press copies it, and try the legacy command.
      field.focus();
      field.select();
      const copied = document.execCommand && document.execCommand('copy');
      status.textContent = copied ? 'Copied.' : 'Selected: press Ctrl+C (or ⌘C) to copy.';
    }
  }

  function startChrome() {
    const dialog = $('share-dialog');
    $('share-button').addEventListener('click', () => {
      $('share-link').value = fullLink();
      const codes = embedCodes();
      $('embed-iframe').value = codes.iframe;
      $('embed-script').value = codes.script;
      $('copy-status').textContent = '';
      dialog.showModal();
    });
    dialog.addEventListener('click', (event) => {
      const button = event.target.closest('[data-copy]');
      if (button) copyField(button.dataset.copy);
    });
    if (embedded) {
      const open = $('open-full');
      open.hidden = false;
      const refresh = () => { open.href = fullLink(); };
      refresh();
      Explainer.on('statechange', refresh);
    }
  }

  // [SECTION] Public API ------------------------------------------------------------------------

  const listeners = { statechange: new Set(), select: new Set() };
  // Calls an exported function. Strings go through the heap, not ccall's stack copy: a
  // pack, a link or a message can be larger than the whole wasm stack.
  function call(name, ...args) {
    if (!module) throw new Error('Explainer is not ready yet: await Explainer.ready');
    const encoder = new TextEncoder();
    const pointers = [];
    try {
      const values = args.map((a) => {
        if (typeof a === 'number') return a;
        const bytes = encoder.encode(String(a));
        const pointer = module._malloc(bytes.length + 1);
        if (!pointer) throw new Error(`Explainer: out of memory for a ${bytes.length}-byte argument`);
        pointers.push(pointer);
        module.HEAPU8.set(bytes, pointer);
        module.HEAPU8[pointer + bytes.length] = 0;
        return pointer;
      });
      return module.ccall(name, name === 'explainer_select' ? 'number' : 'string', values.map(() => 'number'), values);
    } finally {
      for (const pointer of pointers) module._free(pointer);
    }
  }
  function emit(event, detail) {
    for (const fn of listeners[event]) {
      try { fn(detail); } catch (e) { console.warn('Explainer listener failed:', e); }
    }
  }

  let lastSelection = null;
  function onStateChanged(kind, selectionChanged) {
    recordHistory(kind);
    postState();
    const state = Explainer.getState();
    if (selectionChanged && state.selection !== lastSelection) {
      lastSelection = state.selection;
      announce(state.selection);
      emit('select', { id: state.selection });
    }
    emit('statechange', state);
  }

  function announce(id) {
    const live = $('mirror-live');
    if (!id) { live.textContent = 'Selection cleared.'; return; }
    const entity = Explainer.entities().find((e) => e.id === id);
    live.textContent = entity ? `Selected ${entity.type}: ${entity.name}. ${entity.description}` : '';
  }

  let entitiesCache = null;
  const Explainer = {
    version: 1,
    ready,
    // frames: drawn since load; frameMs: mean CPU time of the last 60 frames.
    stats: () => ({ frames: module ? module._explainer_frames() : 0, frameMs: module ? module._explainer_frame_ms(60) : 0 }),
    getState: () => JSON.parse(call('explainer_get_state')),
    entities: () => {
      if (!entitiesCache) entitiesCache = JSON.parse(call('explainer_entities'));
      return JSON.parse(JSON.stringify(entitiesCache));
    },
    select: (id) => {
      if (id !== null && typeof id !== 'string') throw new TypeError('Explainer.select(id): id must be a string or null');
      return call('explainer_select', id || '') === 1;
    },
    // Rectangles where the entity is drawn now, in CSS pixels of the viewport.
    locate: (id) => {
      const rect = canvas.getBoundingClientRect();
      return JSON.parse(call('explainer_locate', String(id))).map((r) => ({
        panel: r.panel, x: r.x + rect.left, y: r.y + rect.top, width: r.width, height: r.height,
      }));
    },
    // The view's link ("#v=1&..."), and the view a link describes: {ignored: [notes]}.
    getLink: () => linkOf(),
    setState: (link) => {
      if (typeof link !== 'string') throw new TypeError('Explainer.setState(link): link must be a string such as "#v=1&sel=paris"');
      const before = linkOf();
      const result = applyLink(link);
      if (linkOf() !== before) { recordHistory(2); onStateChanged(0, true); }
      return { ignored: result.ignored, link: linkOf() };
    },
    on: (event, fn) => {
      if (!listeners[event]) throw new Error(`Explainer.on: unknown event "${event}" (statechange, select)`);
      listeners[event].add(fn);
    },
    off: (event, fn) => { if (listeners[event]) listeners[event].delete(fn); },
  };
  window.Explainer = Explainer;

  // [SECTION] Start -----------------------------------------------------------------------------

  async function start() {
    if (!document.createElement('canvas').getContext('webgl2')) {
      const text = await load('pack', packUrl, 60000, 'the article').then((b) => new TextDecoder().decode(b)).catch(() => '');
      buildPlainMirror(text);
      showError('This browser cannot show the interactive explainer',
        'WebGL2 is not available (it may be switched off or unsupported by this device).',
        ['Needed: WebGL2. The article text is below.']);
      return;
    }
    setProgress('Loading…');
    let wasm, packBytes;
    // The map can do without its basemap (markers on a plain sea): a failure here is a
    // warning, not an error.
    const basemap = load('basemap', 'data/basemap.bin', 300000, 'the map').catch((error) => {
      console.warn('Explainer: the basemap could not be loaded:', error.message || error);
      return null;
    });
    try {
      [wasm, packBytes] = await Promise.all([
        load('wasm', 'explainer.wasm', 600000, 'the engine'),
        load('pack', packUrl, 60000, 'the article'),
      ]);
    } catch (error) {
      showError('The explainer could not load', String(error.message || error), []);
      return;
    }
    const packText = new TextDecoder().decode(packBytes);
    setProgress('Starting…');
    try {
      module = await createExplainerModule({
        canvas,
        wasmBinary: wasm,
        explainerHost: {
          firstFrame: () => { document.body.classList.add('ready'); readyResolve(Explainer); },
          stateChanged: onStateChanged,
          fatal: (message) => showError('This browser cannot show the interactive explainer', message, []),
          fetchBasemapTile: loadBasemapTile,
        },
        print: (text) => console.log(text),
        printErr: (text) => console.warn(text),
        onAbort: (what) => showError('The explainer stopped', String(what), []),
      });
    } catch (error) {
      buildPlainMirror(packText);
      showError('The explainer could not start', String(error.message || error), []);
      return;
    }
    if (failed) { buildPlainMirror(packText); return; }
    const name = packUrl.split('/').pop().split('?')[0] || 'pack.json';
    const result = JSON.parse(call('explainer_load_pack', packText, name));
    if (!result.ok) {
      buildPlainMirror(packText);
      const count = result.errors.length;
      showError('The content pack has errors',
        `${name}: ${count} error${count === 1 ? '' : 's'} found while loading ${packUrl}.`,
        result.errors.map((e) => e.text));
      return;
    }
    for (const warning of result.warnings) console.warn(warning.text);
    buildMirror(JSON.parse(call('explainer_article')));
    if (location.hash && location.hash !== '#') applyLink(location.hash);
    lastSelection = Explainer.getState().selection;
    window.addEventListener('hashchange', onLocationChange);
    window.addEventListener('popstate', onLocationChange);
    startChrome();
    startHostMessages();
    startSurface();
    const basemapBytes = await basemap;
    if (basemapBytes) {
      const pointer = module._malloc(basemapBytes.length);
      module.HEAPU8.set(basemapBytes, pointer);
      const error = module.UTF8ToString(module._explainer_load_basemap(pointer, basemapBytes.length));
      module._free(pointer);
      if (error) console.warn('Explainer: the basemap is damaged:', error);
    }
  }

  // A detail tile of the basemap, which the map asks for when it zooms in. Without it
  // the map keeps its simplified world: a failure is only a warning.
  async function loadBasemapTile(tile, name) {
    try {
      const response = await fetch(`data/basemap-detail/${name}.bin`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const pointer = module._malloc(bytes.length);
      module.HEAPU8.set(bytes, pointer);
      const error = module.UTF8ToString(module._explainer_load_basemap_tile(tile, pointer, bytes.length));
      module._free(pointer);
      if (error) console.warn(`Explainer: basemap tile ${name} is damaged:`, error);
    } catch (error) {
      console.warn(`Explainer: basemap tile ${name} could not be loaded:`, error.message || error);
    }
  }

  window.addEventListener('error', (event) => {
    if (!document.body.classList.contains('ready') && !failed)
      showError('The explainer could not start', String(event.message), []);
  });
  start();
})();
