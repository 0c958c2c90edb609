// axe-core (npm, MPL-2.0, Deque Systems) run inside a page under test. Its source is
// evaluated through the DevTools protocol, which the page's Content-Security-Policy does
// not govern: the page itself is not changed to let it in.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The violations on the page as it is now: [{id, impact, help, nodes: [target...]}].
// The canvas is left out: it draws its own pixels, which axe cannot read (the theme's
// contrast is measured natively, tests/unit/theme_colors_test.cpp).
export async function audit(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run({ exclude: [['#canvas']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

// The violations a reader cannot get past: impact serious or critical.
export const blocking = (violations) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

// "id (impact): help [n nodes]" lines, for reports and assertion messages.
export const describe = (violations) => violations.map((v) => `${v.id} (${v.impact}): ${v.help} [${v.nodes.length}: ${v.nodes.slice(0, 4).join(', ')}]`);
