// How long making the seed's pack from its plain text takes with the editor (issue 13's
// note): not a test, it asserts nothing, it reports.
//
// In one headless Chromium on build/web/edit.html:
// - drafting: Explainer.editor.draft() on the seed's plain text, cold (the gazetteer's
//   index and shards fetched) and warm (the same call again), medians of EDITOR_RUNS;
// - a scripted review through the API, as an author would go through the suggestions one
//   by one: a suggestion that matches an entity of the hand-made pack (same kind, same or
//   contained name, or for a quote the same opening words) is accepted (updateEntity
//   suggestion: null), any other is rejected (removeEntity, quotes before their speakers);
//   the time of every op, and whether the result validates.
// The draft's quality against the hand-made pack is explainer-draft-bench's (ctest
// draft.bench.*), run here on the same text when build/native has it.
//
// Usage: node tools/editor-timing.mjs [ARTICLE.txt] [HAND-MADE.json]
// (default: ../shared/seed/000_2cee8ff8bae27df3.txt and content/isis-losing-ground.json).
// Environment: EDITOR_RUNS (default 5), CHROMIUM, EXPLAINER_WEB_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, root, webDir } from '../tests/browser/harness.mjs';
import { startServer } from './static-server.mjs';

// The seed's text sits in ../shared beside the main checkout (../../shared from a worktree).
const seedText = ['../shared', '../../shared'].map((dir) => path.join(root, dir, 'seed/000_2cee8ff8bae27df3.txt')).find((file) => fs.existsSync(file));
const articlePath = process.argv[2] || seedText;
const handPath = process.argv[3] || path.join(root, 'content/isis-losing-ground.json');
const runs = Number(process.env.EDITOR_RUNS || 5);
const hand = JSON.parse(fs.readFileSync(handPath, 'utf8'));

// The plain-text format explainer-draft reads: the headline, then paragraphs separated by
// blank lines; the source and date come from the hand-made pack.
const [headline, ...rest] = fs.readFileSync(articlePath, 'utf8').split('\n');
const paragraphs = rest.join('\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const input = { headline: headline.trim(), source: hand.article.source, published: hand.article.published.iso ?? hand.article.published, paragraphs };

const fold = (text) => String(text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
function matches(suggested) {
  return hand.entities.some((e) => {
    if (e.kind !== suggested.kind) return false;
    if (e.kind === 'quote') return fold(e.text).slice(0, 40) === fold(suggested.text).slice(0, 40);
    const a = fold(e.name), b = fold(suggested.name);
    return a === b || (b.length > 3 && (a.includes(b) || b.includes(a)));
  });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await startServer({ dir: webDir });
const browser = await launch();
try {
  const cold = [], warm = [];
  let draft = null;
  for (let run = 0; run < runs; ++run) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}edit.html`);
    await page.evaluate(() => Explainer.ready);
    const times = await page.evaluate(async (input) => {
      const t0 = performance.now();
      const first = await Explainer.editor.draft(input);
      const t1 = performance.now();
      await Explainer.editor.draft(input);
      return { cold: t1 - t0, warm: performance.now() - t1, draft: first };
    }, input);
    cold.push(times.cold);
    warm.push(times.warm);
    draft = times.draft;
    await context.close();
  }

  // The review, on a fresh page: open the draft, then one op per suggestion.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}edit.html`);
  await page.evaluate(() => Explainer.ready);
  const suggestions = draft.entities.filter((e) => e.suggestion);
  const accept = suggestions.filter(matches).map((e) => e.id);
  const reject = suggestions.filter((e) => !matches(e)).sort((a, b) => (b.kind === 'quote') - (a.kind === 'quote')).map((e) => e.id);
  const review = await page.evaluate(async ({ draft, accept, reject }) => {
    const t0 = performance.now();
    const opened = await Explainer.editor.open(draft, 'draft.json');
    const openMs = performance.now() - t0;
    const ops = [];
    const refused = [];
    const timed = (op) => {
      const start = performance.now();
      const result = Explainer.editor.apply(op);
      ops.push(performance.now() - start);
      if (!result.ok) refused.push(`${op.op} ${op.id}: ${result.errors.map((e) => e.message).join('; ')}`);
    };
    for (const id of accept) timed({ op: 'updateEntity', id, fields: { suggestion: null } });
    for (const id of reject) timed({ op: 'removeEntity', id });
    const total = performance.now() - t0;
    return { openOk: opened.ok, openMs, ops, refused, total, validate: Explainer.editor.validate(), left: Explainer.editor.exportPack().entities.length };
  }, { draft, accept, reject });
  await context.close();

  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(`Article: ${path.relative(root, articlePath)} (${paragraphs.length} paragraphs); hand-made pack: ${path.relative(root, handPath)} (${hand.entities.length} entities)`);
  console.log(`Drafting in the browser (median of ${runs}): cold ${ms(median(cold))} (runs: ${cold.map(ms).join(', ')}), warm ${ms(median(warm))}`);
  console.log(`Draft: ${draft.entities.length} entities, ${suggestions.length} suggestions (${Object.entries(suggestions.reduce((n, e) => ({ ...n, [e.kind]: (n[e.kind] || 0) + 1 }), {})).map(([k, v]) => `${v} ${k}`).join(', ')})`);
  console.log(`Scripted review: opened in ${ms(review.openMs)}; ${accept.length} accepted, ${reject.length} rejected, ${review.ops.length} ops in ${ms(review.total)} ` +
    `(per op median ${ms(median(review.ops))}, max ${ms(Math.max(...review.ops))}); refused: ${review.refused.length ? review.refused.join(' | ') : 'none'}`);
  console.log(`After review: ${review.left} entities; validator: ${review.validate.ok ? 'no errors' : review.validate.errors.map((e) => e.text).join('; ')}, ${review.validate.warnings.length} warnings`);
  const bench = path.join(root, 'build/native/explainer-draft-bench');
  if (fs.existsSync(bench)) {
    console.log('\nDraft quality (explainer-draft-bench, the same text):');
    console.log(execFileSync(bench, [`${handPath}=${articlePath}`], { encoding: 'utf8' }).trim());
  }
} finally {
  await browser.close();
  server.server.close();
}
