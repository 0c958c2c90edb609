// Where the start goes (not a test, and not part of scripts/bench): opens the explainer
// once per setup with Chromium's sampling profiler on (CDP Profiler), and prints the
// start's performance marks and the functions with the most time on the main thread
// between navigation and Explainer.ready, inclusive (time with the function anywhere on
// the stack) and self. Function names need a profiling build (README, "Measuring speed").
// Usage: node tools/profile-startup.mjs [phone|desktop] [top N]
// PROFILE_PACK=FILE opens that pack (?pack=) instead of the site's own, a long one for example
// (tools/multiply-pack.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { launch, webDir } from '../tests/browser/harness.mjs';
import { startServer } from './static-server.mjs';

const SETUPS = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};
const which = process.argv[2] || 'desktop';
const top = Number(process.argv[3] || 25);
const pack = process.env.PROFILE_PACK && path.resolve(process.env.PROFILE_PACK);
const server = await startServer({ dir: webDir, mounts: pack ? { '/profile-pack': path.dirname(pack) } : {} });
const url = server.url + (pack ? `?pack=/profile-pack/${encodeURIComponent(path.basename(pack))}` : '');
const browser = await launch(process.env.PROFILE_JS_FLAGS ? [`--js-flags=${process.env.PROFILE_JS_FLAGS}`] : []);
const runs = Number(process.env.PROFILE_RUNS || 1);
const profiles = [];
let marks;
for (let run = 0; run < runs; ++run) {
const context = await browser.newContext(SETUPS[which]);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(url);
marks = await page.evaluate(async () => {
  while (!window.Explainer) await new Promise((resolve) => setTimeout(resolve, 5));
  await window.Explainer.ready;
  const get = (name) => performance.getEntriesByName(name)[0]?.startTime;
  return { instantiated: get('explainer:instantiated'), started: get('explainer:engine-started'),
    packLoaded: get('explainer:pack-loaded'), firstFrame: get('explainer:first-frame'),
    frames: Explainer.stats().frames, firstFrameMs: Explainer.stats().recentFrameMs?.[0],
    heapBytes: Explainer.stats().heapBytes, atlasMs: Explainer.stats().atlas?.ms };
});
const { profile: one } = await cdp.send('Profiler.stop');
profiles.push(one);
await context.close();
const f = (x) => (x === undefined ? 'n/a' : x.toFixed(0));
console.log(`${which}: instantiated ${f(marks.instantiated)}, engine-started ${f(marks.started)}, pack-loaded ${f(marks.packLoaded)}, ` +
  `first-frame ${f(marks.firstFrame)} ms; instantiated->first-frame ${f(marks.firstFrame - marks.instantiated)} ms; ` +
  `frames at ready ${marks.frames}; first frame CPU ${f(marks.firstFrameMs)} ms (atlas ${f(marks.atlasMs)} ms); ` +
  `wasm memory ${(marks.heapBytes / 1048576).toFixed(1)} MiB`);
}
// The runs' samples as one profile (node ids offset per run).
const profile = { nodes: [], samples: [], timeDeltas: [] };
profiles.forEach((one, run) => {
  const offset = run * 1e7;
  for (const n of one.nodes) profile.nodes.push({ ...n, id: n.id + offset, children: (n.children || []).map((c) => c + offset) });
  one.samples.forEach((id, i) => { profile.samples.push(id + offset); profile.timeDeltas.push(one.timeDeltas[i + 1] ?? 0); });
});
profile.timeDeltas.unshift(0);
if (process.env.PROFILE_OUT) fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profiles));
await browser.close();
server.server.close();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const label = (n) => n.callFrame.functionName || `(anonymous ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
const inclusive = new Map(), self = new Map();
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const name = label(byId.get(id));
  self.set(name, (self.get(name) || 0) + dt);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) seen.add(label(byId.get(at)));
  for (const s of seen) inclusive.set(s, (inclusive.get(s) || 0) + dt);
});
const print = (title, map) => {
  console.log(title);
  for (const [name, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${t.toFixed(1).padStart(8)} ms  ${name}`);
};
print('inclusive:', inclusive);
print('self:', self);

// PROFILE_TREE=regex: the call tree under the functions whose names match, merged by
// name, to PROFILE_DEPTH levels (default 4), entries of 2 ms or more.
if (process.env.PROFILE_TREE) {
  const focus = new RegExp(process.env.PROFILE_TREE);
  const depth = Number(process.env.PROFILE_DEPTH || 4);
  const tree = { t: 0, kids: new Map() };
  const short = (name) => name.replace(/explainer::|\(anonymous namespace\)::|std::__2::|nlohmann::json_abi_v3_11_2::/g, '').replace(/\(.*$/, '');
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(label(byId.get(at)));
    stack.reverse();
    const start = stack.findIndex((name) => focus.test(name));
    if (start < 0) return;
    let node = tree;
    node.t += dt;
    for (const name of stack.slice(start, start + depth).map(short)) {
      if (!node.kids.has(name)) node.kids.set(name, { t: 0, kids: new Map() });
      node = node.kids.get(name);
      node.t += dt;
    }
  });
  const show = (node, indent) => {
    for (const [name, kid] of [...node.kids].sort((a, b) => b[1].t - a[1].t)) {
      if (kid.t < 2) continue;
      console.log(`${' '.repeat(indent)}${kid.t.toFixed(1).padStart(7)} ms  ${name.slice(0, 110)}`);
      show(kid, indent + 2);
    }
  };
  console.log(`tree under /${process.env.PROFILE_TREE}/:`);
  show(tree, 2);
}
