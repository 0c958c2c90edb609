// The page around the wasm app: loads the pack and the engine with a progress bar,
// shows readable errors instead of a blank canvas, fills the HTML mirror (web/mirror.js),
// reports the canvas size / DPR / colour scheme, and exposes window.Explainer.
//
// Index
// - [SECTION] Query and errors
// - [SECTION] Where packs may come from
// - [SECTION] Loading
// - [SECTION] Mirror
// - [SECTION] Surface
// - [SECTION] Context loss
// - [SECTION] Links and history
// - [SECTION] Host page (postMessage)
// - [SECTION] Share and embed
// - [SECTION] Copy and find
// - [SECTION] Public API
// - [SECTION] Changes
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
  // The page is built with its default pack's headline and title: another pack's loading
  // screen, its tab and the text a screen reader reads name no story until the pack is
  // read (start sets its title then, and the mirror its headline).
  if (query.get('pack')) {
    $('loading-headline').textContent = '';
    $('mirror-headline').textContent = 'Loading…';
    document.title = 'Loading… · Explainer';
  }

  let failed = false;
  // `withArticle`: the mirror below holds the article (built by the engine from a pack
  // that passed validation, or from the site's own pack when the engine cannot run).
  // Otherwise the mirror is hidden: a refused or invalid pack's text is never shown.
  function showError(title, summary, details, withArticle = false) {
    failed = true;
    document.body.classList.add('failed');
    $('error').hidden = false;
    // The page keeps one main landmark: the article's text (the mirror) when it is shown,
    // else the error itself.
    $('error').setAttribute('role', withArticle ? 'region' : 'main');
    $('error-hint').hidden = !withArticle;
    $('mirror').hidden = !withArticle;
    $('error-title').textContent = title;
    $('error-summary').textContent = summary;
    // The tab and the history name the error, not the site's own story (index.html's
    // title), unless that story's text is what the page shows.
    if (!withArticle) document.title = `${title} · Explainer`;
    const list = $('error-list');
    list.textContent = '';
    for (const line of details || []) {
      const item = document.createElement('li');
      item.textContent = line;
      list.appendChild(item);
    }
    console.error(`Explainer: ${title}: ${summary}`);
    postToHost({ explainer: 1, type: 'failed', reason: `${title}: ${summary}` }, null, failureOrigins());
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

  // The downloads' counting and the engine's download, started from the head (web/downloads.js).
  const downloads = window.ExplainerDownloads;
  const { progress, decodedSize, fetchCounted } = downloads;
  function setProgress(text) {
    const fraction = progress.total > 0 ? Math.min(1, progress.loaded / progress.total) : 0;
    $('progress-bar').style.width = (fraction * 100).toFixed(1) + '%';
    if (text) $('loading-text').textContent = text;
  }
  progress.changed = setProgress;

  // The loader's own limit (kMaxInputBytes in src/core/pack.cpp), checked here first so
  // that a larger file is never read whole, let alone copied into the wasm heap.
  const MAX_PACK_BYTES = 4 * 1024 * 1024;

  // The glyphs of what the UI writes and of most names (base_font_file() in the engine).
  const BASE_FONT_FILE = 'fonts/base.bin';

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
    // A redirect could lead to an origin the check above never saw. The browser tells a
    // refused redirect from a server that did not answer by neither (a TypeError, "Failed
    // to fetch"): the error names both, the rule and the URL.
    return fetchWithProgress(packUrl, 60000, 'a pack', MAX_PACK_BYTES, { redirect: 'error' }).catch((error) => {
      if (!(error instanceof TypeError)) throw error;
      throw new Error(`${packUrl} could not be fetched (${error.message}): the server did not answer, or answered with a redirect, ` +
        'which the explainer does not follow for a pack; give the pack\'s own URL');
    });
  }

  // Glyphs beyond the embedded base (Latin extensions, Greek, Cyrillic...) come in font
  // files the wasm names after reading the pack. Those a first frame may show come before
  // it (firstScreen); the others after it, all together, so the atlas is built once more
  // (a pack written in Chinese: the article's text beyond the first screen). Until they
  // have come, their characters are drawn blank, and a frame that shows one is not the
  // first complete frame: ready waits. A file that fails leaves its characters as "?" (and
  // listed in Explainer.stats().missingGlyphs), never the explainer. The engine may name
  // more once these came (the CJK groups' index, then the groups), so it is asked again
  // until it names none it was not given; each file is fetched once.
  const fontFilesAsked = new Set();
  async function loadFontChunks(firstScreen) {
    let files;
    while ((files = JSON.parse(call('explainer_font_files_needed', firstScreen ? 1 : 0)).filter((file) => !fontFilesAsked.has(file))).length) {
      if (firstScreen) setProgress('Loading fonts…');
      files.forEach((file) => fontFilesAsked.add(file));
      const chunks = await Promise.all(files.map((file) => load('font', file, 40000, 'fonts').catch((error) => {
        console.warn('Explainer: a font file could not be loaded:', error.message || error);
        return null;
      })));
      chunks.forEach((bytes, i) => {
        if (!bytes) return;
        const error = addFontFile(files[i], bytes);
        if (error) console.warn(`Explainer: the font file ${files[i]}: ${error}`);
      });
    }
  }

  // Hands a font file to the engine: "" or why it was refused.
  function addFontFile(file, bytes) {
    const pointer = module._malloc(bytes.length);
    if (!pointer) return `out of memory for its ${bytes.length} bytes`;
    module.HEAPU8.set(bytes, pointer);
    const error = module.ccall('explainer_add_font_chunk', 'string', ['string', 'number', 'number'], [file, pointer, bytes.length]);
    module._free(pointer);
    return error;
  }

  // [SECTION] Mirror ------------------------------------------------------------------------
  // The HTML mirror of all four panels is web/mirror.js (window.ExplainerMirror).

  const mirror = window.ExplainerMirror;

  // Built after the first paint. With the basemap in (`basemapIn`: a desktop's, or a link
  // to a phone's map tab) places name their country; a phone's comes later
  // (setPlaceCountries), and a link's place is announced then.
  function buildMirror(basemapIn) {
    mirror.build(JSON.parse(call('explainer_article')), Explainer.entities(), (id) => Explainer.select(id),
      basemapIn ? JSON.parse(call('explainer_place_countries')) : null);
  }

  // Without the engine, the mirror is plain paragraphs from the pack's JSON.
  // Returns whether there was an article to show.
  const buildPlainMirror = (packText) => mirror.buildPlain(packText);

  // [SECTION] Surface --------------------------------------------------------------------------

  const media = {
    dark: matchMedia('(prefers-color-scheme: dark)'),
    reducedMotion: matchMedia('(prefers-reduced-motion: reduce)'),
  };
  let module = null;
  const canvas = $('canvas');
  // The engine's WebGL2 context is made here, not by its main(): it is also the check
  // that the browser can run the explainer, so the page makes one context, not two. A
  // canvas keeps its first context, so the engine's own request (main_web.cpp, main():
  // the same attributes) gets this one.
  const GL_ATTRIBUTES = { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true };

  // The canvas's drawing buffer at the size the engine will give it (CSS size times the
  // pixel ratio, in the engine's float arithmetic: resize_surface in main_web.cpp), set
  // before the WebGL context exists. Each resize of a context's canvas reallocates its
  // buffer, and waits for the GPU process: done here, while the engine downloads, rather
  // than in the first frame (10-20 ms of a phone's). The canvas is hidden until then
  // (explainer.css), so the frames painted meanwhile do not composite it at this size.
  function sizeCanvas() {
    const rect = canvas.getBoundingClientRect();
    const ratio = Math.fround(Math.min(4, Math.max(0.5, window.devicePixelRatio || 1)));
    canvas.width = Math.max(1, Math.round(Math.fround(Math.fround(rect.width) * ratio)));
    canvas.height = Math.max(1, Math.round(Math.fround(Math.fround(rect.height) * ratio)));
  }

  function reportSurface() {
    if (!module) return;
    const rect = canvas.getBoundingClientRect();
    const narrow = rect.width <= NARROW_WIDTH;
    document.body.classList.toggle('narrow', narrow);
    if (embedded) $('open-full').textContent = narrow ? 'Open ↗' : 'Open full explainer ↗';
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
    // The chrome too: the app leaves its width free at the top right (a phone's tabs
    // share the rest), so a change of its width is a change of the surface.
    const resized = new ResizeObserver(reportSurface);
    resized.observe(canvas);
    resized.observe($('chrome'));
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
  // The fragment carries the whole view. The engine's store says how each change reaches
  // history (onChange below): selections push an entry (Back and Forward step through
  // them); panning, zooming and scrolling replace the current one, at most a few times a
  // second; links and history entries, already in the address bar, write nothing.

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

  // Opens the view a link describes, as a change from `source` ('link' at load, 'history'
  // for Back, Forward and typed fragments, 'api' for setState); returns {ignored, link}.
  function applyLink(fragment, source) {
    const result = JSON.parse(call('explainer_set_link', fragment.replace(/^#/, ''), source));
    if (result.ignored.length) console.warn('Explainer: parts of the link were ignored:', result.ignored.join('; '));
    showNotice(result.ignored);
    return { ignored: result.ignored, link: '#' + result.link };
  }

  function writeHistory(record) {
    if (record.history === 'none') return;
    if (record.link === location.hash || (record.link === '#v=1' && !location.hash)) return;
    clearTimeout(replaceTimer);
    // Inside an iframe, pushState would add entries to the host tab's history: there,
    // every change replaces the current entry.
    if (record.history === 'push' && !inFrame) history.pushState(null, '', location.pathname + location.search + record.link);
    else replaceTimer = setTimeout(() => history.replaceState(null, '', location.pathname + location.search + linkOf()), 200);
  }

  // Back, Forward, a typed fragment or a script's location.hash (both hashchange and
  // popstate fire for some: the second finds the view already there).
  function onLocationChange() {
    if (!module || linkOf() === (location.hash || '#v=1')) return;
    applyLink(location.hash || '#', 'history');
  }

  // [SECTION] Host page (postMessage) ---------------------------------------------------------
  // Only when embedded; only messages from window.parent whose origin is allowed (the
  // origin= parameters or the pack's allowedOrigins); replies go to the asking origin,
  // everything else to each allowed origin by name, never to "*".

  const MAX_MESSAGE_BYTES = 8192;  // kMaxHostMessageBytes
  const MAX_REQUEST_ID_BYTES = 256;  // kMaxRequestIdBytes
  let allowedOrigins = [];

  function postToHost(message, origin, origins = allowedOrigins) {
    if (!inFrame) return;
    for (const target of origin ? [origin] : origins) {
      try { window.parent.postMessage(message, target); } catch (e) { /* a target that is not a valid origin */ }
    }
  }

  // Where a failure is told: the allowed origins once the engine has read them, else those
  // of origin= that are origins as a URL parser writes them (the engine's rule, README's
  // "Allowed origins"; the engine may be what failed, and a pack that failed names none).
  // The browser delivers each only to a host of that origin, as it does `ready`.
  function failureOrigins() {
    if (allowedOrigins.length) return allowedOrigins;
    return query.getAll('origin').flatMap((text) => {
      try {
        const url = new URL(text);
        return /^https?:$/.test(url.protocol) && url.href === url.origin + '/' ? [url.origin] : [];
      } catch (e) {
        return [];
      }
    });
  }

  // A message for the explainer that JSON cannot carry (a BigInt, a cycle) is answered, with
  // its requestId when that is one the protocol reads.
  function refuseUnreadable(event) {
    const data = event.data;
    if (!data || typeof data !== 'object' || !('explainer' in data)) return;  // not for the explainer
    const reply = { explainer: 1, type: 'error', reason: 'message is not valid JSON' };
    const id = data.requestId;
    if ((typeof id === 'string' && new TextEncoder().encode(id).length <= MAX_REQUEST_ID_BYTES) || Number.isFinite(id)) reply.requestId = id;
    postToHost(reply, event.origin);
  }

  function startHostMessages() {
    const notes = JSON.parse(call('explainer_set_origins', JSON.stringify(query.getAll('origin'))));
    allowedOrigins = notes.allowed;
    for (const note of notes.notes) console.warn('Explainer: origin ignored:', note);
    if (!inFrame) return;
    window.addEventListener('message', (event) => {
      if (event.source !== window.parent || !allowedOrigins.includes(event.origin)) return;
      let text;
      try {
        text = JSON.stringify(event.data);
      } catch (e) {
        refuseUnreadable(event);
        return;
      }
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
      if (!result.reply) return;
      // The reply tells the host the view: a `state` message with the same link would tell it twice.
      if (result.reply.link) lastPostedLink = result.reply.link;
      postToHost(result.reply, event.origin);
    });
    const readyMessage = JSON.parse(call('explainer_ready_message'));
    lastPostedLink = readyMessage.link;
    postToHost(readyMessage);
  }

  // The `state` message for changes the host did not ask for (a reader's click, Back...),
  // coalesced like `statechange`; never twice for the same view.
  let lastPostedLink = null;
  const hostState = coalesced(() => {
    if (!inFrame) return;  // no host to tell: spares the engine's call, as in the first frame's idle report
    const message = JSON.parse(call('explainer_state_message'));
    if (message.link === lastPostedLink) return;
    lastPostedLink = message.link;
    postToHost(message);
  });

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

  // What the explainer needs in a host's iframe (as embed.js sets it), defined once in
  // tools/embed-policy.mjs and filled in when build/web/ is assembled.
  const EMBED_SANDBOX = '__EXPLAINER_EMBED_SANDBOX__';

  function embedCodes() {
    const base = baseUrl();
    const pack = sharedPack() ? '&pack=' + encodeURIComponent(sharedPack()) : '';
    const title = document.title.replace(/"/g, '&quot;');
    const link = linkOf();
    return {
      iframe: `<iframe src="${base}index.html?embed=1${pack}${link}" title="${title}" width="100%" height="720" style="border:0;max-width:100%" loading="lazy" allow="clipboard-write" sandbox="${EMBED_SANDBOX}" referrerpolicy="strict-origin-when-cross-origin"></iframe>`,
      // Named as the iframe is: two embeds on one page must not sound the same to a screen reader.
      script: `<div data-explainer="${base}index.html${pack ? '?' + pack.slice(1) : ''}" data-explainer-link="${link}" data-explainer-title="${title}"></div>\n<script async src="${base}embed.js"></script>`,
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

  // [SECTION] Copy and find ---------------------------------------------------------------------
  // Over the explainer (its canvas has focus), Ctrl+C / Cmd+C copies what the reader
  // selected there: the article's text, or a quote card with its speaker. The canvas's
  // Copy button sends 'explainer:copy'. A copy the browser refuses selects the same words
  // in the HTML mirror instead and says so. Find is the editor's too: web/partials/find.js.

  // @include find.js

  function tellReader(text) {
    const status = $('reader-status');
    status.textContent = text;
    status.hidden = false;
    clearTimeout(tellReader.timer);
    tellReader.timer = setTimeout(() => { status.hidden = true; }, 6000);
  }

  // Selects the copied words in the mirror: a whole element (a quote's figure), or from
  // byte offsets into its paragraphs' (or headline's) text.
  function selectInMirror(mirror) {
    if (!mirror) return false;
    if (mirror.element) {
      const element = $(mirror.element);
      if (!element) return false;
      const range = document.createRange();
      range.selectNodeContents(element);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      return true;
    }
    const position = ({ paragraph, offset }) => {
      const p = $('mirror-' + paragraph);
      if (!p) return null;
      // The paragraph's own words: the small controls the mirror adds after a mention for
      // the mentions nested in it (web/mirror.js) name entities and are not in the text.
      const ownWords = { acceptNode: (node) => (node.parentElement.closest('.mention-group')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) };
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, ownWords);
      const nodes = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
      const bytes = new TextEncoder().encode(nodes.map((node) => node.data).join(''));
      let left = new TextDecoder().decode(bytes.subarray(0, offset)).length;
      for (const node of nodes) {
        if (left <= node.length) return [node, left];
        left -= node.length;
      }
      return [p, p.childNodes.length];
    };
    const start = position(mirror.start), end = position(mirror.end);
    if (!start || !end) return false;
    const range = document.createRange();
    range.setStart(...start);
    range.setEnd(...end);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }

  const NOTHING_TO_COPY = 'Nothing is selected to copy: drag over the article’s text, or choose a quote card.';
  const copiedNote = (copy) => (copy.from === 'quote' ? 'Copied the quote with its speaker.' : 'Copied.');

  async function writeClipboard(copy) {
    if (!copy.text) { tellReader(NOTHING_TO_COPY); return; }
    try {
      await navigator.clipboard.writeText(copy.text);
      tellReader(copiedNote(copy));
    } catch (error) {
      const selected = selectInMirror(copy.mirror);
      tellReader(selected
        ? `The browser did not allow copying. ${copy.from === 'quote' ? 'The quote is' : 'The words are'} now selected in the text version of the article: press Ctrl+C (⌘C on a Mac) to copy them.`
        : 'The browser did not allow copying.');
    }
  }

  // Ctrl+C with the canvas focused: Chromium runs its copy command only when something is
  // selected in the page or a beforecopy handler asks for it.
  let copyHandled = false;
  function startCopy() {
    const ours = () => canvasHasFocus() && window.getSelection().isCollapsed;
    document.addEventListener('beforecopy', (event) => { if (ours()) event.preventDefault(); });
    document.addEventListener('copy', (event) => {
      if (!ours()) return;
      copyHandled = true;
      const copy = JSON.parse(call('explainer_selected_text'));
      if (!copy.text) { tellReader(NOTHING_TO_COPY); return; }
      event.clipboardData.setData('text/plain', copy.text);
      event.preventDefault();
      tellReader(copiedNote(copy));
    });
    // Browsers that run no copy command for a canvas: the clipboard API, from the key press.
    window.addEventListener('keydown', (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'c' || !ours()) return;
      copyHandled = false;
      setTimeout(() => { if (!copyHandled) writeClipboard(JSON.parse(call('explainer_selected_text'))); }, 0);
    });
    window.addEventListener('explainer:copy', (event) => writeClipboard(event.detail));
  }

  // [SECTION] Public API ------------------------------------------------------------------------

  const listeners = { statechange: new Set(), select: new Set() };
  const NUMBER_RESULTS = new Set(['explainer_select', 'explainer_undo']);
  // @include engine-call.js
  function call(name, ...args) {
    if (!module) throw new Error('Explainer is not ready yet: await Explainer.ready');
    return callEngine(module, NUMBER_RESULTS, name, args);
  }
  function emit(event, detail) {
    for (const fn of listeners[event]) {
      try { fn(detail); } catch (e) { console.warn('Explainer listener failed:', e); }
    }
  }

  // [SECTION] Changes --------------------------------------------------------------------------
  // Every change of the view, whatever its source (reader, link, history, host, api), comes
  // here once, as the engine store's record: {fields, source, history, viewRevision,
  // packRevision, selection, selectionChanged, link}. This one function writes history,
  // updates the mirror, fires `select` and schedules `statechange` and the host's `state`.

  // A change and what follows from it (the map flying to a selection, the article
  // scrolling) is one event: it goes out when the engine has drawn it and gone idle, or
  // after STATE_EVENT_MS, and a longer animation sends at most one every STATE_EVENT_MS,
  // the last one with the final state.
  const STATE_EVENT_MS = 250;
  function coalesced(send) {
    let timer = 0, lastSent = -Infinity;
    const run = () => { clearTimeout(timer); timer = 0; lastSent = performance.now(); send(); };
    return {
      schedule() { if (!timer) timer = setTimeout(run, STATE_EVENT_MS); },
      settled() { if (timer && performance.now() - lastSent >= STATE_EVENT_MS) run(); },
    };
  }
  // The state is read only for a listener (the first frame's idle report has none yet, and
  // runs before the browser can paint that frame), and goes out only when the view differs
  // from the last one sent (hover aside, which fires nothing): a selection's flight ends
  // after the first event, which already carries where it ends.
  let lastViewSent = null;
  const stateChange = coalesced(() => {
    if (!listeners.statechange.size) { lastViewSent = null; return; }
    const state = Explainer.getState();
    const { hover, ...view } = state;
    const text = JSON.stringify(view);
    if (text === lastViewSent) return;
    lastViewSent = text;
    emit('statechange', state);
  });

  function onChange(record) {
    writeHistory(record);
    if (record.selectionChanged) {
      mirror.setCurrent(record.selection);
      mirror.announce(record.selection);
      emit('select', { id: record.selection });
    }
    stateChange.schedule();
    // A host's own request is answered with the state (the reply), not told twice.
    if (record.source === 'host') lastPostedLink = record.link;
    else hostState.schedule();
  }

  function onIdle() {
    stateChange.settled();
    hostState.settled();
  }

  let entitiesCache = null;
  // The listeners of `event`, for Explainer.on/off (`name`), which throw on a misspelt event
  // or a listener that is not a function.
  function listenersFor(name, event, fn) {
    if (!listeners[event]) throw new Error(`Explainer.${name}: unknown event "${event}" (statechange, select)`);
    if (typeof fn !== 'function') throw new TypeError(`Explainer.${name}("${event}", fn): fn must be a function`);
    return listeners[event];
  }

  const Explainer = {
    version: 1,
    ready,
    // frames: drawn since load; frameMs: mean CPU time of the last 60 frames;
    // recentFrameMs: the CPU time of each of the last 64 frames at most, oldest first.
    // heapBytes: the size of the wasm memory (it only grows).
    // atlas: the font atlas ({width, height, glyphs, pending, awaited, ms}); missingGlyphs:
    // the pack's characters the atlas has no glyph for ("U+02BB"), drawn as "?". idle: no frame is
    // asked for (everything the reader did is drawn, nothing moves). layouts: full
    // relayouts of the map's labels since load (a pan that changes nothing in view only
    // moves the last one). paragraphLayouts: the article's paragraphs laid out since load
    // (a frame lays out those it shows; find, a text selection or Shift with the keyboard,
    // all of them).
    stats: () => {
      if (!module) return { frames: 0, frameMs: 0, recentFrameMs: [], heapBytes: 0, atlas: null, missingGlyphs: [], idle: false, layouts: 0, paragraphLayouts: 0 };
      const frames = module._explainer_frames();
      const recentFrameMs = [];
      for (let age = Math.min(frames, 64) - 1; age >= 0; --age) recentFrameMs.push(module._explainer_recent_frame_ms(age));
      const { missing, ...atlas } = JSON.parse(call('explainer_font_stats'));
      return { frames, frameMs: module._explainer_frame_ms(60), recentFrameMs,
        heapBytes: module.HEAPU8.length, atlas, missingGlyphs: missing, idle: !module._explainer_frame_pending(),
        layouts: module._explainer_layouts(), paragraphLayouts: module._explainer_paragraph_layouts() };
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
      return applyLink(link, 'api');
    },
    // Walk back and forth through the reader's view changes (selections, the map, the
    // timeline...); true when there was something to undo or redo.
    undo: () => call('explainer_undo', 0) === 1,
    redo: () => call('explainer_undo', 1) === 1,
    on: (event, fn) => { listenersFor('on', event, fn).add(fn); },
    // As `on` checks: a misspelt off() would leave the listener on without a word.
    off: (event, fn) => { listenersFor('off', event, fn).delete(fn); },
    ...findApi,
    // What Ctrl+C / Cmd+C would copy now ("" when nothing is selected).
    selectedText: () => JSON.parse(call('explainer_selected_text')).text,
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
    // The pack first: the one file the head cannot ask for (?pack= may name another), on
    // its way while the context is made.
    const packLoad = loadPack();
    packLoad.catch(() => {});  // reported below, with the other downloads
    sizeCanvas();
    if (!canvas.getContext('webgl2', GL_ATTRIBUTES)) {
      // Without the engine the pack cannot be validated; it came from where the site
      // allows, so its paragraphs are shown as plain text.
      const text = await packLoad.then((b) => new TextDecoder().decode(b)).catch(() => '');
      const shown = buildPlainMirror(text);
      showError('This browser cannot show the interactive explainer',
        'WebGL2 is not available (it may be switched off or unsupported by this device).',
        ['Needed: WebGL2.'], shown);
      return;
    }
    setProgress('Loading…');
    // Only the map draws the basemap. A phone's first frame shows the article's tab, so
    // its basemap comes after that frame (below), unless a link opens the map's tab.
    let basemap = canvas.getBoundingClientRect().width > NARROW_WIDTH ? loadBasemap() : null;
    // The engine compiles while it downloads (since the head: web/downloads.js); the pack
    // and the base fonts (a file of their own, cached apart from the code) arrive
    // meanwhile. index.html asks for the engine, the fonts and (wider than a phone) the
    // basemap from its head (tools/assemble-web.mjs, preloads): these fetches take those
    // responses, so keep their URLs and plain fetch() options.
    const baseFonts = load('fonts', BASE_FONT_FILE, decodedSize('fonts', 150000), 'the fonts');
    const engine = engineSource();
    const started = startEngine(engine.module);
    started.catch(() => {});  // reported below, once the downloads are known to be fine
    let packBytes, baseFontBytes;
    try {
      [packBytes, , baseFontBytes] = await Promise.all([packLoad, engine.response, baseFonts]);
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
    const fontError = addFontFile(BASE_FONT_FILE, baseFontBytes);
    if (fontError) {
      showError('The explainer could not start', `${BASE_FONT_FILE}: ${fontError}`, [], buildPlainMirror(packText));
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
    // The page was built with the default pack's title; another pack (?pack=) names its tab.
    document.title = result.title;
    // The link before the fonts: the first frame shows the paragraph it opens at.
    const linkNotes = location.hash && location.hash !== '#' ? applyLink(location.hash, 'link').ignored : [];
    module._explainer_await_font_files(1);
    await loadFontChunks(true);
    // A page opens one pack: another `pack=` in its address is said to be left out (the
    // first was opened without a word).
    const otherPacks = query.getAll('pack').slice(1);
    if (otherPacks.length) {
      const note = `pack=${otherPacks.join(', pack=')}: a page opens one pack, the first (pack=${query.get('pack')})`;
      console.warn('Explainer: ' + note);
      showNotice([...linkNotes, note]);
    }
    window.addEventListener('hashchange', onLocationChange);
    window.addEventListener('popstate', onLocationChange);
    startChrome();
    startCopy();
    startFind();
    startHostMessages();
    startContextWatch();
    // The first frame is a complete one: when it draws the map, it waits for the basemap
    // (fetched since the start, so usually here already) rather than drawing the map twice.
    if (!basemap && module._explainer_draws_map(canvas.getBoundingClientRect().width)) basemap = loadBasemap();
    if (basemap) giveBasemap(await basemap);
    startSurface();  // draws the first frame: ready resolves, unless it shows a character still to come
    loadFontChunks(false).then(() => module._explainer_await_font_files(0));
    // The mirror (for screen readers and the keyboard) comes right after the first
    // paint: building it and laying its text out took as long as the first frame itself.
    await afterNextPaint();
    buildMirror(Boolean(basemap));
    document.body.classList.add('mirrored');
    if (!basemap) {
      // A phone's, once the page is idle; its map lists places with their countries then,
      // and a link's place is announced with its own.
      await whenIdleAfterReady();
      giveBasemap(await loadBasemap());
      mirror.setPlaceCountries(JSON.parse(call('explainer_place_countries')));
    }
  }

  // The map can do without its basemap (markers on a plain sea): a failure here is a
  // warning, not an error. Resolves to the bytes, or null.
  function loadBasemap() {
    return load('basemap', 'data/basemap.bin', decodedSize('basemap', 300000), 'the map').catch((error) => {
      console.warn('Explainer: the basemap could not be loaded:', error.message || error);
      return null;
    });
  }

  // Hands the basemap's bytes (or null: none) to the engine.
  function giveBasemap(bytes) {
    if (!bytes) return;
    const pointer = module._malloc(bytes.length);
    if (!pointer) {
      console.warn(`Explainer: out of memory for the ${bytes.length}-byte basemap; the map shows no countries`);
      return;
    }
    module.HEAPU8.set(bytes, pointer);
    const error = module.UTF8ToString(module._explainer_load_basemap(pointer, bytes.length));
    module._free(pointer);
    if (error) console.warn('Explainer: the basemap is damaged:', error);
  }

  // Resolves in the task after the next paint (a task queued from an animation frame
  // runs once that frame is painted).
  const afterNextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

  // The engine: the single-file copy's own, compiled from its bytes, else the download
  // and compile the head started (web/downloads.js). {response, module}: promises of the
  // download (its headers, or the bytes) and of the compiled module.
  function engineSource() {
    const bytes = inlined('wasm');
    if (!bytes) return downloads.engine;
    const compiled = WebAssembly.compile(bytes);
    compiled.catch(() => {});  // reported by startEngine
    return { response: Promise.resolve(bytes), module: compiled };
  }

  // Instantiates the engine from `compiled` (a promise of its module) and runs its main.
  function startEngine(compiled) {
    return new Promise((resolve, reject) => {
      createExplainerModule({
        canvas,
        instantiateWasm(imports, receive) {
          compiled.then((wasmModule) => WebAssembly.instantiate(wasmModule, imports).then((instance) => {
            performance.mark('explainer:instantiated');
            receive(instance, wasmModule);
          })).catch(reject);
          return {};  // the exports arrive through receive()
        },
        explainerHost: {
          firstFrame: () => {
            performance.mark('explainer:first-frame');
            document.body.classList.add('ready');
            readyResolve(Explainer);
          },
          changed: onChange,
          idle: onIdle,
          fetchBasemapTile: loadBasemapTile,
          fatal: (message) => showError('This browser cannot show the interactive explainer', message, []),
        },
        print: (text) => console.log(text),
        printErr: (text) => console.warn(text),
        onAbort: (what) => showError('The explainer stopped', String(what), []),
      }).then(resolve, reject);
    });
  }

  // Detail tiles wait until the first frame is drawn and the browser is idle: the first
  // view is drawn from the simplified world (which the map shows anyway until a tile
  // arrives), so the tiles cost neither the first frame nor the first load's bandwidth.
  let idleAfterReady;
  function whenIdleAfterReady() {
    if (!idleAfterReady) {
      idleAfterReady = ready.then(() => new Promise((resolve) => {
        if (window.requestIdleCallback) requestIdleCallback(resolve, { timeout: 1000 });
        else setTimeout(resolve, 50);
      }));
    }
    return idleAfterReady;
  }

  // A detail tile of the basemap, which the map asks for when it zooms in. Without it
  // the map keeps its simplified world: a failure is only a warning.
  async function loadBasemapTile(tile, name) {
    // The single-file copy holds the world layer only and makes no request at all: it
    // keeps drawing the simplified world when zoomed in.
    if (document.getElementById('inline-basemap')) return;
    try {
      await whenIdleAfterReady();
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
