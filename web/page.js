// The page around the wasm app: loads the pack and the engine with a progress bar,
// shows readable errors instead of a blank canvas, keeps the HTML mirror of the
// article, reports the canvas size / DPR / colour scheme, and exposes window.Explainer.
//
// Index
// - [SECTION] Query and errors
// - [SECTION] Where packs may come from
// - [SECTION] Loading
// - [SECTION] Mirror
// - [SECTION] Surface
// - [SECTION] Context loss
// - [SECTION] Public API
// - [SECTION] Start
(function () {
  'use strict';
  // CSS px: this wide or narrower, the app shows one panel at a time (src/ui/layout.h,
  // filled in by tools/assemble-web.mjs).
  const NARROW_WIDTH = __EXPLAINER_NARROW_WIDTH__;

  // [SECTION] Query and errors -------------------------------------------------------------

  const query = new URLSearchParams(location.search);
  const packUrl = query.get('pack') || document.documentElement.dataset.pack || 'content/isis-losing-ground.json';
  const embedded = query.get('embed') === '1';
  const inFrame = window.parent !== window;
  if (embedded) document.documentElement.classList.add('embed');
  const $ = (id) => document.getElementById(id);

  let failed = false;
  // `withArticle`: the mirror below holds the article (built by the engine from a pack
  // that passed validation, or from the site's own pack when the engine cannot run).
  // Otherwise the mirror is hidden: a refused or invalid pack's text is never shown.
  function showError(title, summary, details, withArticle = false) {
    failed = true;
    document.body.classList.add('failed');
    $('error').hidden = false;
    $('error-hint').hidden = !withArticle;
    $('mirror').hidden = !withArticle;
    $('error-title').textContent = title;
    $('error-summary').textContent = summary;
    const list = $('error-list');
    list.textContent = '';
    for (const line of details || []) {
      const item = document.createElement('li');
      item.textContent = line;
      list.appendChild(item);
    }
    console.error(`Explainer: ${title}: ${summary}`);
    readyReject(new Error(title + ': ' + summary));
  }

  let readyResolve, readyReject;
  const ready = new Promise((resolve, reject) => { readyResolve = resolve; readyReject = reject; });
  ready.catch(() => {});  // failures are shown on the page; callers may still await it

  // [SECTION] Where packs may come from --------------------------------------------------------
  // A pack is shown under the site's name, so `?pack=` may only name an http(s) URL on
  // this page's own origin or on an origin the site allowed at build time
  // (EXPLAINER_PACK_ORIGINS, baked into <html data-pack-origins>). data:, blob:,
  // javascript:, file: and every other origin are refused before anything is fetched.

  const packOrigins = (document.documentElement.dataset.packOrigins || '').split(/\s+/).filter(Boolean);

  // {url} for a pack the site accepts, or {refusal: the rule it broke}.
  function checkPackUrl(text) {
    const site = location.origin === 'null' ? 'this site' : `this site (${location.origin})`;
    const rule = `packs load only over http(s) from ${site}${packOrigins.length ? ' or ' + packOrigins.join(', ') : ''}`;
    const shown = JSON.stringify(text.length > 80 ? text.slice(0, 80) + '…' : text);
    let url;
    try { url = new URL(text, location.href); } catch (e) { return { refusal: `${shown} is not a URL; ${rule}` }; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { refusal: `${shown} is a ${url.protocol} URL; ${rule}` };
    if (/^\s*[\\/][\\/]/.test(text) && url.origin !== location.origin)
      return { refusal: `${shown} is a protocol-relative URL to ${url.origin}; ${rule}` };
    if (url.origin !== location.origin && !packOrigins.includes(url.origin))
      return { refusal: `${shown} is on ${url.origin}; ${rule}` };
    if (url.username || url.password) return { refusal: `${shown} carries a user name or password; ${rule}` };
    return { url: url.href };
  }

  // [SECTION] Loading ------------------------------------------------------------------------

  const progress = { loaded: 0, total: 0 };
  function setProgress(text) {
    const fraction = progress.total > 0 ? Math.min(1, progress.loaded / progress.total) : 0;
    $('progress-bar').style.width = (fraction * 100).toFixed(1) + '%';
    if (text) $('loading-text').textContent = text;
  }

  // The loader's own limit (kMaxInputBytes in src/core/pack.cpp), checked here first so
  // that a larger file is never read whole, let alone copied into the wasm heap.
  const MAX_PACK_BYTES = 4 * 1024 * 1024;

  // The decoded sizes of the big downloads, written by the build on page.js's own tag:
  // a compressed response's Content-Length counts compressed bytes, not the decoded
  // bytes the progress bar counts.
  const script = document.currentScript;
  const decodedSize = (name, fallback) => Number(script && script.dataset[name + 'Bytes']) || fallback;

  // Fetches `url` and returns a Response whose body moves the progress bar as it is
  // read (the expected size makes the bar move before the headers arrive). `limit`:
  // refuse more bytes than this, from Content-Length or while streaming, so a larger
  // body is never read whole.
  async function fetchCounted(url, expected, kind, limit = Infinity, init = {}) {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
    const tooLarge = (size) => `${url} is ${size} bytes; ${kind} may be at most ${limit} bytes`;
    const declared = Number(response.headers.get('Content-Length'));
    if (declared > limit) {  // compressed or not: the decoded body is larger still
      if (response.body) response.body.cancel().catch(() => {});
      throw new Error(tooLarge(declared));
    }
    const encoded = response.headers.get('Content-Encoding');
    progress.total += (!encoded && declared) || expected;
    const responseInit = { headers: { 'Content-Type': response.headers.get('Content-Type') || '' } };
    if (!response.body || typeof TransformStream === 'undefined') {
      const buffer = await response.arrayBuffer();
      if (buffer.byteLength > limit) throw new Error(tooLarge(buffer.byteLength));
      progress.loaded += buffer.byteLength;
      setProgress(`Loading ${kind}…`);
      return new Response(buffer, responseInit);
    }
    let size = 0;
    const counter = new TransformStream({
      transform(chunk, controller) {
        size += chunk.length;
        if (size > limit) {
          controller.error(new Error(`${url} is larger than ${limit} bytes (stopped reading there); ${kind} may be at most ${limit} bytes`));
          return;
        }
        progress.loaded += chunk.length;
        setProgress(`Loading ${kind}…`);
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), responseInit);
  }

  // The whole body as bytes. Read through a reader, not arrayBuffer(), which would turn
  // the counter's own error (the size limit) into a bare "Failed to fetch".
  async function fetchWithProgress(url, expected, kind, limit = Infinity, init = {}) {
    const reader = (await fetchCounted(url, expected, kind, limit, init)).body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
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

  function load(name, url, expected, kind, limit) {
    const bytes = inlined(name);
    if (bytes) return Promise.resolve(bytes);
    return fetchWithProgress(url, expected, kind, limit);
  }

  // The pack: the single-file build's own copy, else `?pack=` if the site accepts it.
  function loadPack() {
    const bytes = inlined('pack');
    if (bytes) return Promise.resolve(bytes);
    // A redirect could lead to an origin the check above never saw.
    return fetchWithProgress(packUrl, 60000, 'a pack', MAX_PACK_BYTES, { redirect: 'error' });
  }

  // Glyphs beyond the embedded base (Latin extensions, Greek, Cyrillic...) come in font
  // files the wasm names after reading the pack; they arrive before the first frame, so
  // the atlas is built once. A file that fails leaves its characters as "?" (and listed
  // in Explainer.stats().missingGlyphs), never the explainer.
  async function loadFontChunks(files) {
    if (!files.length) return;
    setProgress('Loading fonts…');
    const chunks = await Promise.all(files.map((file) => load('font', file, 40000, 'fonts').catch((error) => {
      console.warn('Explainer: a font file could not be loaded:', error.message || error);
      return null;
    })));
    chunks.forEach((bytes, i) => {
      if (!bytes) return;
      const pointer = module._malloc(bytes.length);
      if (!pointer) { console.warn(`Explainer: out of memory for the ${bytes.length}-byte font file ${files[i]}`); return; }
      module.HEAPU8.set(bytes, pointer);
      const error = module.ccall('explainer_add_font_chunk', 'string', ['string', 'number', 'number'], [files[i], pointer, bytes.length]);
      module._free(pointer);
      if (error) console.warn('Explainer: a font file is damaged:', error);
    });
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
    buildMirrorNotes(article);
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

  // Only http(s) links reach the page: a pack is untrusted input.
  function httpUrl(url) {
    try {
      const parsed = new URL(String(url));
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) { return null; }
  }

  // Corrections under the source line, and "Sources and notes" after the text: every
  // source once, linked, with what it supports. Built with textContent/setAttribute only.
  function buildMirrorNotes(article) {
    const body = $('mirror-body');
    const container = body.parentNode;
    for (const id of ['mirror-corrections', 'mirror-sources']) { const old = $(id); if (old) old.remove(); }
    const corrections = Array.isArray(article.corrections) ? article.corrections : [];
    if (corrections.length) {
      const list = document.createElement('ul');
      list.id = 'mirror-corrections';
      for (const correction of corrections) {
        const item = document.createElement('li');
        item.textContent = String(correction.line);
        list.appendChild(item);
      }
      container.insertBefore(list, body);
    }
    const sources = Array.isArray(article.sources) ? article.sources : [];
    if (!sources.length) return;
    const section = document.createElement('section');
    section.id = 'mirror-sources';
    const heading = document.createElement('h2');
    heading.textContent = 'Sources and notes';
    section.appendChild(heading);
    const list = document.createElement('ol');
    for (const source of sources) {
      const item = document.createElement('li');
      const url = httpUrl(source.url);
      const cite = document.createElement(url ? 'a' : 'span');
      cite.textContent = String(source.line);
      if (url) {
        cite.setAttribute('href', url);
        cite.setAttribute('rel', 'noopener noreferrer');
      }
      item.appendChild(cite);
      const supports = document.createElement('span');
      supports.className = 'supports';
      supports.textContent = '. Supports: ' + source.supports.map((s) => String(s.name)).join(', ') + '.';
      item.appendChild(supports);
      list.appendChild(item);
    }
    section.appendChild(list);
    container.appendChild(section);
  }

  // Without the engine, the mirror is plain paragraphs from the pack's JSON.
  // Returns whether there was an article to show.
  function buildPlainMirror(packText) {
    let pack;
    try { pack = JSON.parse(packText); } catch (e) { return false; }
    if (!pack || !pack.article || !Array.isArray(pack.article.paragraphs)) return false;
    buildMirror({
      headline: String(pack.article.headline || ''),
      source: String(pack.article.source || ''),
      attribution: String(pack.article.attribution || ''),
      published: '',
      paragraphs: pack.article.paragraphs.map((p) => ({ id: String(p.id || ''), text: String(p.text || ''), link: null, spans: [] })),
    });
    return true;
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
    const narrow = rect.width <= NARROW_WIDTH;
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

  // [SECTION] Context loss ----------------------------------------------------------------------
  // A phone that backgrounds the tab, a GPU reset or too many WebGL contexts on a news
  // page take the canvas's context away. The engine stops drawing and drops its GL
  // objects; preventDefault() tells the browser we want the context back. When it comes
  // back the engine recreates every GL object and draws the same view (the app state
  // never left the heap). If it does not come back within RESTORE_WAIT_MS, or the
  // engine cannot rebuild, the reader gets the HTML article with a short note; a later
  // restore still brings the canvas back.

  const RESTORE_WAIT_MS = 3000;
  let restoreTimer = 0;

  function showArticleInstead(note) {
    document.body.classList.add('lost');
    $('lost-note').textContent = note;
    $('lost-note').hidden = false;
    console.warn('Explainer: ' + note);
  }

  function startContextWatch() {
    canvas.addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      module._explainer_context_lost();
      clearTimeout(restoreTimer);
      restoreTimer = setTimeout(() => showArticleInstead(
        'The interactive view lost its graphics and did not get them back, so the article is shown as text.'), RESTORE_WAIT_MS);
    });
    canvas.addEventListener('webglcontextrestored', () => {
      clearTimeout(restoreTimer);
      if (!module._explainer_context_restored()) {
        showArticleInstead('The interactive view could not rebuild its graphics, so the article is shown as text.');
        return;
      }
      document.body.classList.remove('lost');
      $('lost-note').hidden = true;
    });
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

  const MAX_MESSAGE_BYTES = 8192;
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
      // The protocol's size limit (kMaxHostMessageBytes), checked before any copy into
      // the heap. UTF-8 is never shorter than the UTF-16 length, so a longer string is
      // over the limit; the reply is the one the engine gives (no requestId: a message
      // that large is not looked into).
      if (text.length > MAX_MESSAGE_BYTES) {
        console.warn(`Explainer: a ${text.length}-character message from ${event.origin} was refused unread`);
        postToHost({ explainer: 1, type: 'error', reason: `message is larger than ${MAX_MESSAGE_BYTES} bytes` }, event.origin);
        return;
      }
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
    const height = window.innerWidth <= NARROW_WIDTH ? 760 : 720;
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

  // `?pack=` for links and embed codes: only a pack the site accepts ever travels on.
  function sharedPack() {
    const pack = query.get('pack');
    return pack && !checkPackUrl(pack).refusal ? pack : null;
  }

  function fullLink() {
    const url = new URL(location.href);
    url.searchParams.delete('embed');
    url.searchParams.delete('origin');
    if (!sharedPack()) url.searchParams.delete('pack');
    url.hash = linkOf();
    return url.href;
  }

  // What the explainer needs in a host's iframe (as embed.js sets it): its scripts, its
  // own origin, and popups for links that open outside the sandbox.
  const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';

  function embedCodes() {
    const base = baseUrl();
    const pack = sharedPack() ? '&pack=' + encodeURIComponent(sharedPack()) : '';
    const title = document.title.replace(/"/g, '&quot;');
    const link = linkOf();
    return {
      iframe: `<iframe src="${base}index.html?embed=1${pack}${link}" title="${title}" width="100%" height="720" style="border:0;max-width:100%" loading="lazy" allow="clipboard-write" sandbox="${EMBED_SANDBOX}" referrerpolicy="strict-origin-when-cross-origin"></iframe>`,
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
    // A button, not <form method="dialog">: a sandboxed embed (no allow-forms) cannot submit forms.
    $('share-close').addEventListener('click', () => dialog.close());
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
    // frames: drawn since load; frameMs: mean CPU time of the last 60 frames;
    // recentFrameMs: the CPU time of each of the last 64 frames at most, oldest first.
    // heapBytes: the size of the wasm memory (it only grows).
    // atlas: the font atlas ({width, height, glyphs, ms}); missingGlyphs: the pack's
    // characters the atlas has no glyph for ("U+02BB"), drawn as "?".
    stats: () => {
      if (!module) return { frames: 0, frameMs: 0, recentFrameMs: [], heapBytes: 0, atlas: null, missingGlyphs: [] };
      const frames = module._explainer_frames();
      const recentFrameMs = [];
      for (let age = Math.min(frames, 64) - 1; age >= 0; --age) recentFrameMs.push(module._explainer_recent_frame_ms(age));
      const { missing, ...atlas } = JSON.parse(call('explainer_font_stats'));
      return { frames, frameMs: module._explainer_frame_ms(60), recentFrameMs,
        heapBytes: module.HEAPU8.length, atlas, missingGlyphs: missing };
    },
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
    const packCheck = inlined('pack') ? { url: packUrl } : checkPackUrl(packUrl);
    if (packCheck.refusal) {
      showError('This pack is not allowed here', packCheck.refusal,
        ['The explainer shows only packs this site publishes, so that nobody can put words under its name.']);
      return;
    }
    if (!document.createElement('canvas').getContext('webgl2')) {
      // Without the engine the pack cannot be validated; it came from where the site
      // allows, so its paragraphs are shown as plain text.
      const text = await loadPack().then((b) => new TextDecoder().decode(b)).catch(() => '');
      const shown = buildPlainMirror(text);
      showError('This browser cannot show the interactive explainer',
        'WebGL2 is not available (it may be switched off or unsupported by this device).',
        ['Needed: WebGL2.'], shown);
      return;
    }
    setProgress('Loading…');
    // The map can do without its basemap (markers on a plain sea): a failure here is a
    // warning, not an error.
    const basemap = load('basemap', 'data/basemap.bin', decodedSize('basemap', 300000), 'the map').catch((error) => {
      console.warn('Explainer: the basemap could not be loaded:', error.message || error);
      return null;
    });
    const packLoad = loadPack();
    // The engine compiles while it downloads; the pack arrives meanwhile.
    const engine = inlined('wasm') || fetchCounted('explainer.wasm', decodedSize('wasm', 600000), 'the engine');
    const started = startEngine(engine);
    started.catch(() => {});  // reported below, once the downloads are known to be fine
    let packBytes;
    try {
      [packBytes] = await Promise.all([packLoad, engine]);
    } catch (error) {
      showError('The explainer could not load', String(error.message || error), []);
      return;
    }
    const packText = new TextDecoder().decode(packBytes);
    setProgress('Starting…');
    try {
      module = await started;
      performance.mark('explainer:engine-started');
    } catch (error) {
      showError('The explainer could not start', String(error.message || error), [], buildPlainMirror(packText));
      return;
    }
    if (failed) {
      // The engine gave up while starting (no WebGL2 context): the pack as plain text.
      $('mirror').hidden = $('error-hint').hidden = !buildPlainMirror(packText);
      return;
    }
    const name = packUrl.split('/').pop().split('?')[0] || 'pack.json';
    const result = JSON.parse(call('explainer_load_pack', packText, name));
    performance.mark('explainer:pack-loaded');
    if (!result.ok) {
      // The errors, never the text: a pack that fails validation is not an article.
      const count = result.errors.length;
      showError('The content pack has errors',
        `${name}: ${count} error${count === 1 ? '' : 's'} found while loading ${packUrl}.`,
        result.errors.map((e) => e.text));
      return;
    }
    for (const warning of result.warnings) console.warn(warning.text);
    await loadFontChunks(result.fontFiles);
    buildMirror(JSON.parse(call('explainer_article')));
    if (location.hash && location.hash !== '#') applyLink(location.hash);
    lastSelection = Explainer.getState().selection;
    window.addEventListener('hashchange', onLocationChange);
    window.addEventListener('popstate', onLocationChange);
    startChrome();
    startHostMessages();
    // The first frame is a complete one: it waits for the basemap (fetched since the
    // start, so usually here already) rather than drawing the map twice.
    startContextWatch();
    const basemapBytes = await basemap;
    if (basemapBytes) {
      const pointer = module._malloc(basemapBytes.length);
      if (!pointer) {
        console.warn(`Explainer: out of memory for the ${basemapBytes.length}-byte basemap; the map shows no countries`);
        return;
      }
      module.HEAPU8.set(basemapBytes, pointer);
      const error = module.UTF8ToString(module._explainer_load_basemap(pointer, basemapBytes.length));
      module._free(pointer);
      if (error) console.warn('Explainer: the basemap is damaged:', error);
    }
    startSurface();
  }

  // Creates the engine from `engine` (the wasm's Response, or its bytes in the
  // single-file copy): compiled while it streams when the server sends
  // application/wasm, from the whole buffer otherwise.
  async function instantiateEngine(engine, imports) {
    const source = await engine;
    if (source instanceof Uint8Array) return WebAssembly.instantiate(source, imports);
    const streams = WebAssembly.instantiateStreaming && (source.headers.get('Content-Type') || '').startsWith('application/wasm');
    if (streams) return WebAssembly.instantiateStreaming(source, imports);
    return WebAssembly.instantiate(await source.arrayBuffer(), imports);
  }

  function startEngine(engine) {
    return new Promise((resolve, reject) => {
      createExplainerModule({
        canvas,
        instantiateWasm(imports, receive) {
          instantiateEngine(engine, imports).then((result) => {
            performance.mark('explainer:instantiated');
            receive(result.instance, result.module);
          }).catch(reject);
          return {};  // the exports arrive through receive()
        },
        explainerHost: {
          firstFrame: () => {
            performance.mark('explainer:first-frame');
            document.body.classList.add('ready');
            readyResolve(Explainer);
          },
          stateChanged: onStateChanged,
          fetchBasemapTile: loadBasemapTile,
          fatal: (message) => showError('This browser cannot show the interactive explainer', message, []),
        },
        print: (text) => console.log(text),
        printErr: (text) => console.warn(text),
        onAbort: (what) => showError('The explainer stopped', String(what), []),
      }).then(resolve, reject);
    });
  }

  // A detail tile of the basemap, which the map asks for when it zooms in. Without it
  // the map keeps its simplified world: a failure is only a warning.
  async function loadBasemapTile(tile, name) {
    // The single-file copy holds the world layer only and makes no request at all: it
    // keeps drawing the simplified world when zoomed in.
    if (document.getElementById('inline-basemap')) return;
    try {
      const response = await fetch(`data/basemap-detail/${name}.bin`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const pointer = module._malloc(bytes.length);
      if (!pointer) throw new Error(`out of memory for its ${bytes.length} bytes`);
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
