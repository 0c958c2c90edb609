// The first visit's bytes (issue 10): the files a first visit of index.html fetches
// before its first frame (with the site's own pack, side by side: a phone's page asks for
// the basemap after its first frame), and the goals for their gzip size.
// tools/assemble-web.mjs gives these files its strongest gzip (zopfli);
// tests/browser/bytes.test.mjs checks that a first visit fetches exactly these and that
// their .gz copies meet the goals; tools/bench.mjs reports them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// index.html holds the reader's scripts and styles inline (tools/assemble-web.mjs); the
// engine, named by its content (ENGINE_NAME), is listed apart: firstLoadFiles(webDir).
export const FIRST_LOAD_FILES = ['index.html', 'fonts/base.bin', 'data/basemap.bin', 'content/isis-losing-ground.json'];
// The reader's engine is explainer.<first 12 hex digits of its SHA-256>.wasm: a page and the
// engine it was built with go together, whatever a cache or a half-copied deploy holds (a
// page with the last build's glue and the new engine failed to start).
export const ENGINE_NAME = /^explainer\.[0-9a-f]{12}\.wasm$/;
export const engineName = (bytes) => `explainer.${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.wasm`;
// The engine index.html in `webDir` names (its downloads script's data-engine).
export function engineIn(webDir) {
  const named = /data-engine="([^"]+)"/.exec(fs.readFileSync(path.join(webDir, 'index.html'), 'utf8'));
  if (!named || !ENGINE_NAME.test(named[1])) throw new Error(`${webDir}/index.html names no engine like explainer.0123456789ab.wasm`);
  return named[1];
}
// What a first visit fetches, the engine by its name in `webDir`.
export const firstLoadFiles = (webDir) => [...FIRST_LOAD_FILES, engineIn(webDir)];
// What counts as app code (html, js, wasm), as against data and styles.
export const isAppCode = (file) => /\.(html|js|wasm)$/.test(file);
// Goals, gzip bytes: the 400 KB and 300 KB, 1 KB = 1000 bytes (the stricter
// reading; tools/bench.mjs counted 1024 until the first load met this one).
export const FIRST_LOAD_GZIP_GOAL = 400 * 1000;
export const APP_CODE_GZIP_GOAL = 300 * 1000;
