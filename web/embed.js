// The script embed: turns every `<div data-explainer="https://…/index.html">` on a host
// page into the explainer in an iframe, sizes it, keeps the explainer's view in the host
// page's own URL, and gives host scripts a small API.
//
//   <div data-explainer="https://explainer.example/index.html" data-explainer-link="#v=1&sel=sinjar"></div>
//   <script async src="https://explainer.example/embed.js"></script>
//
// - Which elements: the `[data-explainer]` elements in the page when the script runs (at
//   DOMContentLoaded if it runs earlier), and any element a host script registers with
//   ExplainerEmbed.get(element). Markup added later (a reader's comment that kept its
//   data-* attributes) is never turned into an embed by itself.
// - Which URLs: only the origin this script was loaded from (its own <script src>),
//   plus origins the host page names on the script tag:
//   <script src="…/embed.js" data-explainer-allow-origin="https://other.example https://b.example">.
//   Any other URL, and anything not http(s), is refused with a console warning.
// - The iframe is sandboxed (scripts, its own origin, and popups for "Open full
//   explainer" that escape the sandbox; no forms, no top navigation, no downloads) and
//   sends no more than its origin as referrer to other sites.
// - The iframe replaces the element's content (a fallback link, say) and opens
//   `data-explainer` + `embed=1` + `origin=<this page's origin>` (so the explainer
//   accepts this page's messages) + the start link: the host URL's own key (below) if
//   it has one, else `data-explainer-link`. `data-explainer-title` names the iframe.
// - Height: 720 px, 760 px when the box is 700 px wide or less, until the explainer
//   reports the height it wants (`resize` messages), capped at MAX_HEIGHT.
// - Mirror: each `state` message is written into the host URL's fragment with
//   history.replaceState, as `explainer=<encodeURIComponent(link)>` for the first embed
//   in document order, `explainer-2=`, `explainer-3=`… for the next ones. Other parts of
//   the host's fragment are kept (parts are separated by `&`), and each key keeps its
//   place among them. Opening the host URL
//   reopens each embed in the view it had; changing the key later (a link on the host
//   page to `#explainer=…`) moves the embed to that view.
// - Messages are read only when they come from the embed's iframe window and from the
//   explainer's origin; messages go only to that origin.
// - Host scripts: ExplainerEmbed.get(element | index) -> { select(id), setState(link),
//   getState(), on(type, fn), off(type, fn), element, iframe }. select/setState/getState
//   return Promises of the explainer's `state` reply (rejected with the `error` reason);
//   on('ready' | 'state' | 'resize' | 'error' | 'failed', fn) calls fn(message); requests
//   made before `ready` wait for it, and are rejected with the reason of `failed` (the
//   explainer could not start). `index` counts the
//   embeds set up so far in document order from 0. A host script that runs before
//   this (async) script has loaded can wait for its `load` event.
//
// Index
// - [SECTION] Host URL
// - [SECTION] One embed
// - [SECTION] Messages
// - [SECTION] Discovery and API
(function () {
  'use strict';
  // CSS px: this wide or narrower, the app shows one panel at a time (src/ui/layout.h,
  // filled in by tools/assemble-web.mjs).
  const NARROW_WIDTH = __EXPLAINER_NARROW_WIDTH__;
  if (window.ExplainerEmbed) return;  // the script is on the page twice (two embed codes)

  const KEY = 'explainer';
  const MAX_LINK_CHARS = 8192;        // a link is at most 4096 bytes; longer text is not a link
  const MAX_MESSAGE_BYTES = 8192;     // the explainer's limit (kMaxHostMessageBytes), as JSON in UTF-8
  const REPLY_TIMEOUT_MS = 10000;
  // The explainer asks for 720-760 px; a dozen phone screens is more than any honest
  // layout needs. A frame asking for more (a bug, or a hostile page in the frame) would
  // push the host's own content out of reach.
  const MAX_HEIGHT = 10000;
  const SANDBOX = '__EXPLAINER_EMBED_SANDBOX__';  // tools/embed-policy.mjs, filled in when build/web/ is assembled

  // Origins the iframes may point at: this script's own, and what the host page allows.
  const allowedOrigins = (function () {
    const script = document.currentScript;
    const origins = [];
    try { if (script && script.src) origins.push(new URL(script.src).origin); } catch (e) { /* no origin */ }
    const extra = script ? (script.getAttribute('data-explainer-allow-origin') || '') : '';
    for (const origin of extra.split(/\s+/).filter(Boolean)) {
      let url = null;
      try { url = new URL(origin); } catch (e) { url = null; }
      if (url && /^https?:$/.test(url.protocol) && url.origin === origin) origins.push(origin);
      else console.warn('ExplainerEmbed: data-explainer-allow-origin needs origins like https://explainer.example, not', origin);
    }
    if (!origins.length) console.warn('ExplainerEmbed: cannot tell where embed.js was loaded from; no embed is allowed');
    return origins.filter((o) => o !== 'null');
  })();

  // [SECTION] Host URL -----------------------------------------------------------------------
  // The host's fragment as `&`-separated parts; ours are `explainer[-N]=<encoded link>`.

  function hostParts() {
    return location.hash.replace(/^#/, '').split('&').filter(Boolean);
  }

  // The link stored under `key` in the host URL, or null. The last copy wins.
  function readHostLink(key) {
    let found = null;
    for (const part of hostParts()) {
      if (!part.startsWith(key + '=')) continue;
      try { found = decodeURIComponent(part.slice(key.length + 1)); } catch (e) { found = null; }
    }
    if (found === null || found.length > MAX_LINK_CHARS) return null;
    return found.startsWith('#') ? found : '#' + found;
  }

  // In the place the key already has, so that the host URL's parts keep their order.
  function writeHostLink(key, link) {
    const ours = (part) => part === key || part.startsWith(key + '=');
    const at = hostParts().findIndex(ours);
    const parts = hostParts().filter((part) => !ours(part));
    parts.splice(at < 0 ? parts.length : at, 0, key + '=' + encodeURIComponent(link));
    const url = location.pathname + location.search + '#' + parts.join('&');
    try { history.replaceState(history.state, '', url); } catch (e) { /* sandboxed or opaque host: no mirror */ }
  }

  // [SECTION] One embed ------------------------------------------------------------------------

  const embeds = [];                  // in the order they were set up
  const byElement = new WeakMap();
  let nextRequest = 0;

  function defaultHeight(element) {
    const width = element.getBoundingClientRect().width;
    return width > 0 && width <= NARROW_WIDTH ? 760 : 720;
  }

  // The key of the element's place in document order, or the next one still free (an
  // embed inserted later, above others).
  function keyFor(element) {
    const index = Array.prototype.indexOf.call(document.querySelectorAll('[data-explainer]'), element);
    const taken = new Set(embeds.map((e) => e.key));
    for (let n = Math.max(index, 0) + 1; ; ++n) {
      const key = n === 1 ? KEY : KEY + '-' + n;
      if (!taken.has(key)) return key;
    }
  }

  function setUp(element) {
    if (byElement.has(element)) return byElement.get(element);
    let url;
    try { url = new URL(element.getAttribute('data-explainer'), document.baseURI); } catch (e) { url = null; }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !allowedOrigins.includes(url.origin)) {
      console.warn(`ExplainerEmbed: data-explainer must be an http(s) URL on ${allowedOrigins.join(' or ') || 'an allowed origin'} ` +
        '(the origin embed.js came from, or one named in data-explainer-allow-origin); refused:', element.getAttribute('data-explainer'));
      byElement.set(element, null);
      return null;
    }
    const key = keyFor(element);
    url.searchParams.set('embed', '1');
    // An opaque origin (file:, sandboxed host) cannot be allowed: the explainer still
    // shows, but neither the mirror nor the API can work.
    if (/^https?:$/.test(location.protocol) && location.origin !== 'null') url.searchParams.append('origin', location.origin);
    else console.warn('ExplainerEmbed: this page has no http(s) origin, so the explainer will not talk to it');
    const start = readHostLink(key) || element.getAttribute('data-explainer-link');
    if (start) url.hash = start.replace(/^#/, '');

    const iframe = document.createElement('iframe');
    iframe.src = url.href;
    iframe.title = element.getAttribute('data-explainer-title') || 'Interactive explainer';
    iframe.allow = 'clipboard-write';
    iframe.setAttribute('sandbox', SANDBOX);
    iframe.referrerPolicy = 'strict-origin-when-cross-origin';
    iframe.style.cssText = 'display:block;width:100%;border:0;';
    iframe.style.height = defaultHeight(element) + 'px';

    const embed = {
      element, iframe, key, origin: url.origin,
      ready: null,           // the `ready` message, once it came
      sized: false,          // the explainer has reported a height
      link: start || null,   // the last link we know the explainer shows
      queue: [],             // requests made before `ready`: {send, reject}
      pending: new Map(),    // requestId -> {resolve, reject, timer}
      listeners: new Map(),  // type -> Set of functions
    };
    embed.api = makeApi(embed);
    byElement.set(element, embed);
    embeds.push(embed);
    element.textContent = '';  // a fallback for readers without scripts, if the host gave one
    element.appendChild(iframe);
    if (window.ResizeObserver) {
      new ResizeObserver(() => { if (!embed.sized) iframe.style.height = defaultHeight(element) + 'px'; }).observe(element);
    }
    return embed;
  }

  function post(embed, message) {
    const target = embed.iframe.contentWindow;
    if (target) target.postMessage(message, embed.origin);
  }

  function request(embed, message) {
    return new Promise((resolve, reject) => {
      const requestId = 'explainer-embed-' + (++nextRequest);
      const send = () => {
        const full = Object.assign({}, message, { explainer: 1, requestId });
        // The explainer refuses a larger message unread, so its reply carries no requestId
        // and the request would wait out the timeout: it is refused here, with its reason.
        if (new TextEncoder().encode(JSON.stringify(full)).length > MAX_MESSAGE_BYTES) {
          reject(new Error(`message is larger than ${MAX_MESSAGE_BYTES} bytes`));
          return;
        }
        const timer = setTimeout(() => {
          embed.pending.delete(requestId);
          reject(new Error('the explainer did not answer within ' + REPLY_TIMEOUT_MS / 1000 + ' s'));
        }, REPLY_TIMEOUT_MS);
        embed.pending.set(requestId, { resolve, reject, timer });
        post(embed, full);
      };
      if (embed.failed) reject(new Error(String(embed.failed.reason)));
      else if (embed.ready) send();
      else embed.queue.push({ send, reject });
    });
  }

  // The messages a host may listen to (README, "Explainer → host").
  const EVENTS = ['ready', 'state', 'resize', 'error', 'failed'];
  function makeApi(embed) {
    return Object.freeze({
      element: embed.element,
      iframe: embed.iframe,
      select: (id) => request(embed, { type: 'select', id: id === null || id === undefined ? '' : id }),
      setState: (link) => request(embed, { type: 'setState', link }),
      getState: () => request(embed, { type: 'getState' }),
      on(type, fn) {
        // As Explainer.on: a misspelt event would otherwise never be heard, without a word.
        if (!EVENTS.includes(type)) throw new Error(`ExplainerEmbed on: unknown event "${type}" (${EVENTS.join(', ')})`);
        if (typeof fn !== 'function') throw new TypeError('ExplainerEmbed on(type, fn): fn must be a function');
        if (!embed.listeners.has(type)) embed.listeners.set(type, new Set());
        embed.listeners.get(type).add(fn);
        // `ready` and `failed` come once: a listener added after one still hears it.
        if (type === 'ready' && embed.ready) setTimeout(() => call(fn, embed.ready), 0);
        if (type === 'failed' && embed.failed) setTimeout(() => call(fn, embed.failed), 0);
      },
      off(type, fn) {
        if (embed.listeners.has(type)) embed.listeners.get(type).delete(fn);
      },
    });
  }

  function call(fn, message) {
    try { fn(message); } catch (e) { console.warn('ExplainerEmbed listener failed:', e); }
  }

  // [SECTION] Messages ----------------------------------------------------------------------------

  function mirror(embed, link) {
    if (typeof link !== 'string' || link.length > MAX_LINK_CHARS) return;
    // The view the explainer opened with needs no key; every later one does.
    const stored = readHostLink(embed.key);
    if ((link !== embed.link || stored !== null) && stored !== link) writeHostLink(embed.key, link);
    embed.link = link;
  }

  window.addEventListener('message', (event) => {
    const embed = embeds.find((e) => e.iframe.contentWindow === event.source && event.source);
    if (!embed || event.origin !== embed.origin) return;
    const message = event.data;
    if (!message || typeof message !== 'object' || message.explainer !== 1 || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'ready':
        embed.ready = message;
        embed.link = typeof message.link === 'string' ? message.link : embed.link;
        for (const waiting of embed.queue.splice(0)) waiting.send();
        break;
      case 'failed':
        // No `ready` will come: what waits for it is told why.
        embed.failed = message;
        for (const waiting of embed.queue.splice(0)) waiting.reject(new Error(String(message.reason)));
        break;
      case 'state':
        mirror(embed, message.link);
        break;
      case 'resize':
        if (typeof message.height === 'number' && isFinite(message.height)) {
          embed.sized = true;
          embed.iframe.style.height = Math.round(Math.min(Math.max(message.height, 0), MAX_HEIGHT)) + 'px';
        }
        break;
    }
    const pending = message.requestId !== undefined && embed.pending.get(message.requestId);
    if (pending) {
      embed.pending.delete(message.requestId);
      clearTimeout(pending.timer);
      if (message.type === 'error') pending.reject(new Error(String(message.reason)));
      else pending.resolve(message);
    }
    const listeners = embed.listeners.get(message.type);
    if (listeners) for (const fn of Array.from(listeners)) call(fn, message);
  });

  // The host URL's key changed without a reload (a link on the host page, Back/Forward
  // between host entries): show that view.
  function followHostUrl() {
    for (const embed of embeds) {
      const link = readHostLink(embed.key);
      if (link !== null && link !== embed.link && embed.ready) {
        embed.link = link;
        post(embed, { explainer: 1, type: 'setState', link });
      }
    }
  }
  window.addEventListener('hashchange', followHostUrl);
  window.addEventListener('popstate', followHostUrl);

  // [SECTION] Discovery and API ---------------------------------------------------------------------

  function scan(root) {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute('data-explainer')) setUp(root);
    for (const element of root.querySelectorAll('[data-explainer]')) setUp(element);
  }

  // Once: later markup is only set up when a host script registers it (get(element)).
  function start() {
    scan(document.documentElement);
  }

  window.ExplainerEmbed = Object.freeze({
    // The API of one embed: its `[data-explainer]` element (or an element inside it),
    // which sets it up if it is not yet (the way to add an embed after the page has
    // loaded), or its index among the embeds set up, in document order from 0. null when
    // there is no such embed (or its URL is refused).
    get(target) {
      let embed = null;
      if (typeof target === 'number') {
        const inOrder = embeds.slice().sort((a, b) =>
          a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
        embed = inOrder[target] || null;
      } else if (target && target.nodeType === 1) {
        const element = target.closest('[data-explainer]');
        embed = element ? setUp(element) : null;
      }
      return embed ? embed.api : null;
    },
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
