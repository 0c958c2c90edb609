// The reader's downloads, counted for the loading screen's progress bar, and the engine's
// download and compile, started from the page's head (issue 10). Started there, the engine
// compiles while the browser parses the body and page.js makes the WebGL context; started
// from page.js, at the end of the body, its compile waited for both. page.js takes the
// engine from here, and fetches its other files through fetchCounted.
// window.ExplainerDownloads: { progress, decodedSize, fetchCounted, engine }.
window.ExplainerDownloads = (function () {
  'use strict';
  const script = document.currentScript;

  // The decoded sizes of the big downloads, written by the build on this script's tag: a
  // compressed response's Content-Length counts compressed bytes, not the decoded bytes
  // the progress bar counts.
  const decodedSize = (name, fallback) => Number(script && script.dataset[name + 'Bytes']) || fallback;

  // Bytes read so far and expected in all. `changed(text)` is called after each count;
  // page.js draws the bar from it once the bar is in the document.
  const progress = { loaded: 0, total: 0, changed: () => {} };

  // Fetches `url` and returns a Response whose body moves the progress bar as it is
  // read. The expected size counts from the call, so that the bar does not run ahead
  // while other files' headers are on their way; an uncompressed response's own size
  // replaces it when its headers arrive. `limit`:
  // refuse more bytes than this, from Content-Length or while streaming, so a larger
  // body is never read whole.
  async function fetchCounted(url, expected, kind, limit = Infinity, init = {}) {
    progress.total += expected;
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
    const tooLarge = (size) => `${url} is ${size} bytes; ${kind} may be at most ${limit} bytes`;
    const declared = Number(response.headers.get('Content-Length'));
    if (declared > limit) {  // compressed or not: the decoded body is larger still
      if (response.body) response.body.cancel().catch(() => {});
      throw new Error(tooLarge(declared));
    }
    const encoded = response.headers.get('Content-Encoding');
    if (!encoded && declared) progress.total += declared - expected;  // the size itself
    const responseInit = { headers: { 'Content-Type': response.headers.get('Content-Type') || '' } };
    if (!response.body || typeof TransformStream === 'undefined') {
      const buffer = await response.arrayBuffer();
      if (buffer.byteLength > limit) throw new Error(tooLarge(buffer.byteLength));
      progress.loaded += buffer.byteLength;
      progress.changed(`Loading ${kind}…`);
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
        progress.changed(`Loading ${kind}…`);
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), responseInit);
  }

  // The engine's compiled module, from `response`: compiled while it streams when the
  // server sends application/wasm, from the whole body otherwise.
  function compileEngine(response) {
    const streams = WebAssembly.compileStreaming && (response.headers.get('Content-Type') || '').startsWith('application/wasm');
    return streams ? WebAssembly.compileStreaming(response) : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  }

  // The engine named by this tag's data-engine (index.html's; the single-file copy holds
  // its engine instead): `response` resolves with the headers or fails as the download
  // does, `module` once compiled. page.js reports their failures.
  function startEngine(url) {
    const response = fetchCounted(url, decodedSize('wasm', 600000), 'the engine');
    const module = response.then(compileEngine);
    response.catch(() => {});
    module.catch(() => {});
    return { response, module };
  }

  return { progress, decodedSize, fetchCounted, engine: script && script.dataset.engine ? startEngine(script.dataset.engine) : null };
})();
