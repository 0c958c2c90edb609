// The first visit's bytes (issue 10): the files a first visit of index.html fetches
// before its first frame (with the site's own pack, side by side: a phone's page asks for
// the basemap after its first frame), and the goals for their gzip size.
// tools/assemble-web.mjs gives these files its strongest gzip (zopfli);
// tests/browser/bytes.test.mjs checks that a first visit fetches exactly these and that
// their .gz copies meet the goals; tools/bench.mjs reports them.
// index.html holds the reader's scripts and styles inline (tools/assemble-web.mjs).
export const FIRST_LOAD_FILES = ['index.html', 'explainer.wasm', 'fonts/base.bin', 'data/basemap.bin',
  'content/isis-losing-ground.json'];
// What counts as app code (html, js, wasm), as against data and styles.
export const isAppCode = (file) => /\.(html|js|wasm)$/.test(file);
// Goals, gzip bytes: the 400 KB and 300 KB, 1 KB = 1000 bytes (the stricter
// reading; tools/bench.mjs counted 1024 until the first load met this one).
export const FIRST_LOAD_GZIP_GOAL = 400 * 1000;
export const APP_CODE_GZIP_GOAL = 300 * 1000;
