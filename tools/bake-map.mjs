#!/usr/bin/env node
// Bakes the explainer's basemap from Natural Earth 1:50m countries (npm world-atlas 2.0.2,
// public domain) into the compact binary the engine parses with parse_basemap()
// (src/core/basemap.h, which documents the format), at two levels of detail:
// - basemap.bin: the whole world, every country, its shared arcs simplified
//   (Douglas–Peucker, so neighbours keep one border) to what a world or continent view
//   shows. The page fetches it on first load.
// - basemap-detail/C-R.bin: the full 1:50m data cut into 45-degree tiles (column C from
//   lon -180, row R from the south), fetched when the reader zooms in.
// - generated/country_boxes.inc: each country's core box (its largest shape and the
//   shapes near it: coreBox), a table the engine's core compiles in, so that a pack's
//   opening view and a country's selection can fit it before the basemap arrives
//   (country_core_box in src/core/geo.h).
// Every point of both carries its level of detail: the least whole zoom at which the
// lines simplified (Douglas–Peucker) to half a CSS px keep it, so the map draws each
// zoom without simplifying anything when a file arrives.
//
// Usage: node tools/bake-map.mjs OUT_DIR [countries-50m.json]
// Output is deterministic: same input, same bytes.
//
// Index of this file:
// [SECTION] Format constants (keep in step with src/core/basemap.h)
// [SECTION] TopoJSON decoding
// [SECTION] Simplification
// [SECTION] Clipping to the region
// [SECTION] Quantization and clean-up
// [SECTION] Label anchors (pole of inaccessibility)
// [SECTION] Coastlines and borders
// [SECTION] Levels of detail
// [SECTION] Rings as copies of the lines
// [SECTION] Binary writer
// [SECTION] Country names
// [SECTION] Main

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// [SECTION] Format constants (keep in step with src/core/basemap.h) ------------------

const MAGIC = 'EXMB';
const VERSION = 4;
// Shorter runs of a ring are written as new points (basemap.h, `ring`).
const MIN_COPY = 2;
const MAX_GRID = 65535; // quantized coordinates are uint16
const MERCATOR_MAX_LAT = 85.051128779806592; // the square Web Mercator world
const WORLD = { west: -180, south: -MERCATOR_MAX_LAT, east: 180, north: MERCATOR_MAX_LAT };
// The world layer: arcs simplified to this many degrees (under 2 px below zoom 4,
// where the detail tiles take over), on a grid this many source steps wide: 16 steps are
// 0.058 x 0.028 degrees, so rounding moves a point by at most 0.33 px below zoom 4, and
// the small deltas it leaves keep basemap.bin small (measured with format 2: 65 KB gzip
// against 75 KB at 8 steps, 58 KB at 32 steps but 0.66 px; format 3, whose rings copy
// the lines, is 44 KB at 16 steps).
const WORLD_TOLERANCE_DEG = 0.15;
const WORLD_GRID_COARSENING = 16;
// Detail tiles (kDetailTileDegrees and kDetailRowEdges in basemap.h).
const TILE_DEGREES = 45;
const TILE_ROW_EDGES = [-MERCATOR_MAX_LAT, -45, 0, 45, MERCATOR_MAX_LAT];
// Levels of detail: a point is drawn from the least whole zoom at which the map's lines
// simplified to SIMPLIFY_PX CSS px still keep it (the world is WORLD_SIZE_PX wide at zoom
// 0: kWorldSizePx in geo.h). Levels are capped at MAX_LEVEL (kMaxDetailLevel in
// basemap.h), far beyond the map's deepest zoom.
const SIMPLIFY_PX = 0.5;
const WORLD_SIZE_PX = 256;
const MAX_LEVEL = 24;

// [SECTION] TopoJSON decoding --------------------------------------------------------

// Arcs are delta-encoded integer positions; positions are kept in the source's own
// integer grid so that the quantization below is lossless for unclipped vertices.
function decodeArcs(topology) {
    return topology.arcs.map((arc) => {
        let x = 0;
        let y = 0;
        return arc.map(([dx, dy]) => {
            x += dx;
            y += dy;
            return [x, y];
        });
    });
}

// Ring from arc indices: negative index ~i means arc i reversed; consecutive arcs share
// their junction point, so each arc after the first drops its first point.
function ringFromArcs(arcIndices, arcs) {
    const ring = [];
    for (const index of arcIndices) {
        const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
        for (let i = ring.length === 0 ? 0 : 1; i < arc.length; i++) ring.push(arc[i]);
    }
    return ring;
}

function polygonsOf(geometry) {
    if (geometry.type === 'Polygon') return [geometry.arcs];
    if (geometry.type === 'MultiPolygon') return geometry.arcs;
    return [];
}

// [SECTION] Simplification -----------------------------------------------------------

// Douglas–Peucker on one arc, in source grid units; the ends are always kept. Arcs are
// shared between neighbours, so simplifying them (not the rings) keeps borders whole.
function simplifyArc(arc, tolerance) {
    if (tolerance <= 0 || arc.length <= 2) return arc;
    const keep = new Uint8Array(arc.length);
    keep[0] = keep[arc.length - 1] = 1;
    const stack = [[0, arc.length - 1]];
    while (stack.length > 0) {
        const [a, b] = stack.pop();
        let farthest = -1;
        let at = -1;
        for (let i = a + 1; i < b; i++) {
            const d = segmentDistanceSq(arc[i][0], arc[i][1], arc[a], arc[b]);
            if (d > farthest) {
                farthest = d;
                at = i;
            }
        }
        if (at < 0 || farthest <= tolerance * tolerance) continue;
        keep[at] = 1;
        stack.push([a, at], [at, b]);
    }
    return arc.filter((_, i) => keep[i]);
}

// [SECTION] Clipping to the region ---------------------------------------------------

// Natural Earth cuts shapes at the antimeridian, but a few rings (Russia's mainland,
// Fiji) still jump from lon +180 to -180 and back: on the sphere a zero-length step, in
// the plane an edge across the whole world that clipping would drag through the
// region. Make such points continuous (lon beyond +-180); the caller clips the result
// in each copy of the world. A ring around a pole (Antarctica) ends a whole turn from
// where it started: on the sphere it encloses the pole, so in the plane it is closed
// along the map's edge at that pole (`poleY`, in grid units).
function unwrapAntimeridian(points, turn, closed, poleY) {
    let offset = 0;
    let jumped = false;
    const out = points.map((p, i) => {
        if (i > 0) {
            const dx = p[0] - points[i - 1][0];
            if (dx > turn / 2) offset -= turn;
            if (dx < -turn / 2) offset += turn;
            jumped ||= Math.abs(dx) > turn / 2;
        }
        return [p[0] + offset, p[1]];
    });
    if (!jumped) return points;
    if (closed && offset !== 0) {
        const meanY = out.reduce((sum, p) => sum + p[1], 0) / out.length;
        const y = meanY < poleY.equator ? poleY.south : poleY.north;
        out.push([out[out.length - 1][0], y], [out[0][0], y]);
    }
    return out;
}

// The world's copies a shape may reach into after unwrapping, in source grid units.
const worldShifts = (turn) => [0, -turn, turn];
const shifted = (points, dx) => (dx === 0 ? points : points.map(([x, y]) => [x + dx, y]));

// Sutherland–Hodgman against the four sides of an axis-aligned box. Points are [x, y]
// in any unit; the ring is implicitly closed. A concave ring that leaves and re-enters
// the box comes out as one ring with zero-width runs along the box edge; the
// triangulator is built to accept those.
function clipRingToBox(ring, box) {
    const sides = [
        { inside: (p) => p[0] >= box.west, cut: (a, b) => cutX(a, b, box.west) },
        { inside: (p) => p[0] <= box.east, cut: (a, b) => cutX(a, b, box.east) },
        { inside: (p) => p[1] >= box.south, cut: (a, b) => cutY(a, b, box.south) },
        { inside: (p) => p[1] <= box.north, cut: (a, b) => cutY(a, b, box.north) },
    ];
    let output = ring;
    for (const side of sides) {
        if (output.length === 0) break;
        const input = output;
        output = [];
        let previous = input[input.length - 1];
        let previousInside = side.inside(previous);
        for (const current of input) {
            const currentInside = side.inside(current);
            if (currentInside !== previousInside) output.push(side.cut(previous, current));
            if (currentInside) output.push(current);
            previous = current;
            previousInside = currentInside;
        }
    }
    return output;
}

function cutX(a, b, x) {
    const t = (x - a[0]) / (b[0] - a[0]);
    return [x, a[1] + t * (b[1] - a[1])];
}

function cutY(a, b, y) {
    const t = (y - a[1]) / (b[1] - a[1]);
    return [a[0] + t * (b[0] - a[0]), y];
}

// Liang–Barsky per segment; a polyline leaving and re-entering the box becomes pieces.
function clipLineToBox(line, box) {
    const pieces = [];
    let piece = null;
    for (let i = 0; i + 1 < line.length; i++) {
        const a = line[i];
        const b = line[i + 1];
        const clipped = clipSegment(a, b, box);
        if (!clipped) {
            piece = null;
            continue;
        }
        const [t0, t1] = clipped;
        const start = t0 === 0 ? a : lerp(a, b, t0);
        const end = t1 === 1 ? b : lerp(a, b, t1);
        if (!piece || t0 > 0) {
            piece = [start];
            pieces.push(piece);
        }
        piece.push(end);
        if (t1 < 1) piece = null;
    }
    return pieces;
}

function clipSegment(a, b, box) {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    let t0 = 0;
    let t1 = 1;
    const limits = [
        [-dx, a[0] - box.west],
        [dx, box.east - a[0]],
        [-dy, a[1] - box.south],
        [dy, box.north - a[1]],
    ];
    for (const [p, q] of limits) {
        if (p === 0) {
            if (q < 0) return null;
            continue;
        }
        const t = q / p;
        if (p < 0) {
            if (t > t1) return null;
            if (t > t0) t0 = t;
        } else {
            if (t < t0) return null;
            if (t < t1) t1 = t;
        }
    }
    return [t0, t1];
}

function lerp(a, b, t) {
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

// [SECTION] Quantization and clean-up ------------------------------------------------

// The output grid is the source's own grid (or every `coarsening`-th line of it),
// re-based at the region's south-west corner: source vertices land exactly on it when
// it is not coarsened; clip points are rounded.
function makeGrid(transform, region, coarsening) {
    const [sourceStepLon, sourceStepLat] = transform.scale;
    const [translateLon, translateLat] = transform.translate;
    const firstCol = Math.floor((region.west - translateLon) / sourceStepLon);
    const firstRow = Math.floor((region.south - translateLat) / sourceStepLat);
    const grid = {
        stepLon: sourceStepLon * coarsening,
        stepLat: sourceStepLat * coarsening,
        originLon: translateLon + firstCol * sourceStepLon,
        originLat: translateLat + firstRow * sourceStepLat,
        firstCol,
        firstRow,
        coarsening,
        turn: Math.round(360 / sourceStepLon), // 360 degrees of longitude in source grid units
    };
    // The poles and the equator in source grid units.
    grid.poles = {
        south: (-90 - translateLat) / sourceStepLat,
        equator: -translateLat / sourceStepLat,
        north: (90 - translateLat) / sourceStepLat,
    };
    // The clip box in source grid units, so clipping happens before any rounding.
    grid.box = {
        west: (region.west - translateLon) / sourceStepLon,
        east: (region.east - translateLon) / sourceStepLon,
        south: (region.south - translateLat) / sourceStepLat,
        north: (region.north - translateLat) / sourceStepLat,
    };
    const maxCol = (Math.ceil(grid.box.east) - firstCol) / coarsening;
    const maxRow = (Math.ceil(grid.box.north) - firstRow) / coarsening;
    if (maxCol > MAX_GRID || maxRow > MAX_GRID) throw new Error('region too large for a uint16 grid');
    return grid;
}

function quantize(points, grid) {
    const c = grid.coarsening;
    return points.map(([x, y]) => [Math.round((x - grid.firstCol) / c), Math.round((y - grid.firstRow) / c)]);
}

function samePoint(a, b) {
    return a[0] === b[0] && a[1] === b[1];
}

// Drops consecutive duplicates (rounding makes some) and, for rings, the closing point.
function dedupe(points, closed) {
    const out = [];
    for (const p of points) if (out.length === 0 || !samePoint(out[out.length - 1], p)) out.push(p);
    while (closed && out.length > 1 && samePoint(out[0], out[out.length - 1])) out.pop();
    return out;
}

// Shoelace area in grid units (only its magnitude and sign are used).
function ringArea(ring) {
    let twice = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    }
    return twice / 2;
}

// [SECTION] Label anchors (pole of inaccessibility) ----------------------------------

// Labels are drawn on a Mercator map, so the search runs in Mercator space: x = lon,
// y = Mercator northing in degree-equivalents.
function mercatorY(lat) {
    return (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

function inverseMercatorY(y) {
    return (360 / Math.PI) * Math.atan(Math.exp((y * Math.PI) / 180)) - 90;
}

// Signed distance from a point to the polygon's boundary: positive inside (even-odd
// over all rings, so holes count as outside).
function signedDistance(x, y, rings) {
    let inside = false;
    let minSq = Infinity;
    for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const a = ring[i];
            const b = ring[j];
            if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
            minSq = Math.min(minSq, segmentDistanceSq(x, y, a, b));
        }
    }
    return (inside ? 1 : -1) * Math.sqrt(minSq);
}

function segmentDistanceSq(px, py, a, b) {
    let x = a[0];
    let y = a[1];
    const dx = b[0] - x;
    const dy = b[1] - y;
    if (dx !== 0 || dy !== 0) {
        const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
        if (t > 1) {
            x = b[0];
            y = b[1];
        } else if (t > 0) {
            x += dx * t;
            y += dy * t;
        }
    }
    return (px - x) ** 2 + (py - y) ** 2;
}

// Best-first quadtree search for the interior point farthest from the boundary (the
// approach of Mapbox's "polylabel" write-up): a cell can only beat the best point so
// far if its centre distance plus its half-diagonal does.
function poleOfInaccessibility(rings, precision) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const [x, y] of rings[0]) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
    }
    const cellSize = Math.min(maxX - minX, maxY - minY);
    if (cellSize === 0) return [minX, minY];

    const makeCell = (x, y, half) => {
        const d = signedDistance(x, y, rings);
        return { x, y, half, d, potential: d + half * Math.SQRT2 };
    };
    const queue = new MaxHeap((a, b) => a.potential - b.potential);
    for (let x = minX; x < maxX; x += cellSize) {
        for (let y = minY; y < maxY; y += cellSize) queue.push(makeCell(x + cellSize / 2, y + cellSize / 2, cellSize / 2));
    }
    let best = makeCell((minX + maxX) / 2, (minY + maxY) / 2, 0);
    while (queue.size() > 0) {
        const cell = queue.pop();
        if (cell.d > best.d) best = cell;
        if (cell.potential - best.d <= precision) continue;
        const h = cell.half / 2;
        queue.push(makeCell(cell.x - h, cell.y - h, h));
        queue.push(makeCell(cell.x + h, cell.y - h, h));
        queue.push(makeCell(cell.x - h, cell.y + h, h));
        queue.push(makeCell(cell.x + h, cell.y + h, h));
    }
    return [best.x, best.y];
}

class MaxHeap {
    constructor(compare) {
        this.items = [];
        this.compare = compare;
    }
    size() {
        return this.items.length;
    }
    push(item) {
        const items = this.items;
        items.push(item);
        let i = items.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (this.compare(items[i], items[parent]) <= 0) break;
            [items[i], items[parent]] = [items[parent], items[i]];
            i = parent;
        }
    }
    pop() {
        const items = this.items;
        const top = items[0];
        const last = items.pop();
        if (items.length > 0) {
            items[0] = last;
            let i = 0;
            for (;;) {
                const left = 2 * i + 1;
                const right = left + 1;
                let largest = i;
                if (left < items.length && this.compare(items[left], items[largest]) > 0) largest = left;
                if (right < items.length && this.compare(items[right], items[largest]) > 0) largest = right;
                if (largest === i) break;
                [items[i], items[largest]] = [items[largest], items[i]];
                i = largest;
            }
        }
        return top;
    }
}

// The largest (by Mercator area) clipped polygon, its rings in Mercator units (x in
// degrees of longitude): a country's mainland.
function largestPolygon(polygons, grid) {
    const toMercator = ([qx, qy]) => [grid.originLon + qx * grid.stepLon, mercatorY(grid.originLat + qy * grid.stepLat)];
    let largest = null;
    let largestArea = -1;
    for (const polygon of polygons) {
        const rings = polygon.map((ring) => ring.map(toMercator));
        const area = Math.abs(ringArea(rings[0]));
        if (area > largestArea) {
            largestArea = area;
            largest = rings;
        }
    }
    return largest;
}

// Anchor inside the mainland, in grid units.
function labelAnchor(polygons, grid) {
    const [lon, y] = poleOfInaccessibility(largestPolygon(polygons, grid), 0.01);
    const lat = inverseMercatorY(y);
    return [Math.round((lon - grid.originLon) / grid.stepLon), Math.round((lat - grid.originLat) / grid.stepLat)];
}

// How far a country's core reaches from its largest shape: every shape within this many km
// of the core so far joins it. Tonga's Vava'u group is 263 km from Tongatapu, Norway's
// Bjørnøya 355 km from the mainland, Alaska 580 km from the other states and French Guiana
// an ocean from France: the core is what a reader means by the country's name.
const CORE_REACH_KM = 300;
const KM_PER_DEGREE = 111.2;

// The gap between two boxes ({west, east, south, north}, degrees) in km, east-west at the
// latitude of the box nearer the equator, and the whole turns (in degrees, 0 or +-360) that
// bring `b` nearest `a`: a shape across 180 (Fiji, Russia) joins its other side.
function boxGap(a, b) {
    const latGap = Math.max(0, b.south - a.north, a.south - b.north) * KM_PER_DEGREE;
    const nearLat = Math.min(Math.abs((a.south + a.north) / 2), Math.abs((b.south + b.north) / 2));
    let best = { km: Infinity, shift: 0 };
    for (const shift of [0, -360, 360]) {
        const lonGap = Math.max(0, b.west + shift - a.east, a.west - (b.east + shift));
        const km = Math.hypot(latGap, lonGap * KM_PER_DEGREE * Math.cos((nearLat * Math.PI) / 180));
        if (km < best.km) best = { km, shift };
    }
    return best;
}

// A country's core box: its largest shape (by Mercator area), grown by each of its shapes
// within CORE_REACH_KM of the box so far, until none is; [west, east, south, north] in
// tenths of a degree, rounded outwards, east beyond 180 where the core crosses it.
// `polygons` are the unsimplified ones (bake's rawPolygons): the world layer's simplification
// drops islands as small as Vava'u.
function coreBox(polygons, grid) {
    const shapes = polygons.map((polygon) => {
        const outer = polygon[0];
        const lons = outer.map(([qx]) => grid.originLon + qx * grid.stepLon);
        const lats = outer.map(([, qy]) => grid.originLat + qy * grid.stepLat);
        const mercator = outer.map(([qx, qy]) => [qx, mercatorY(grid.originLat + qy * grid.stepLat)]);
        return {
            box: { west: Math.min(...lons), east: Math.max(...lons), south: Math.min(...lats), north: Math.max(...lats) },
            area: Math.abs(ringArea(mercator)),
        };
    });
    shapes.sort((a, b) => b.area - a.area);
    const core = { ...shapes[0].box };
    const left = new Set(shapes.slice(1));
    for (let grown = true; grown; ) {
        grown = false;
        for (const shape of left) {
            const { km, shift } = boxGap(core, shape.box);
            if (km > CORE_REACH_KM) continue;
            core.west = Math.min(core.west, shape.box.west + shift);
            core.east = Math.max(core.east, shape.box.east + shift);
            core.south = Math.min(core.south, shape.box.south);
            core.north = Math.max(core.north, shape.box.north);
            left.delete(shape);
            grown = true;
        }
    }
    const tenths = (value, round) => round(Math.round(value * 1e6) / 1e5);  // 1e-6 degree of float noise is not a tenth
    return [tenths(core.west, Math.floor), tenths(core.east, Math.ceil), tenths(core.south, Math.floor), tenths(core.north, Math.ceil)];
}

// [SECTION] Coastlines and borders ---------------------------------------------------

// An arc used by one country is coast; by two different countries, a land border.
// (An arc a country uses twice, between two of its own pieces, is neither.)
function classifyArcs(geometries, arcCount) {
    const users = Array.from({ length: arcCount }, () => new Set());
    geometries.forEach((geometry, g) => {
        for (const polygon of polygonsOf(geometry)) {
            for (const ring of polygon) for (const index of ring) users[index >= 0 ? index : ~index].add(g);
        }
    });
    const coast = [];
    const border = [];
    users.forEach((set, arc) => {
        if (set.size === 1) coast.push(arc);
        else if (set.size === 2) border.push(arc);
    });
    return { coast, border };
}

// Joins polylines that meet end to end, so a coast is one stroke with proper joins
// instead of one stroke per arc. Greedy in input order, hence deterministic.
function mergeLines(lines) {
    const key = (p) => `${p[0]},${p[1]}`;
    const byEnd = new Map();
    const remember = (p, index) => {
        const k = key(p);
        if (!byEnd.has(k)) byEnd.set(k, []);
        byEnd.get(k).push(index);
    };
    lines.forEach((line, i) => {
        remember(line[0], i);
        remember(line[line.length - 1], i);
    });
    const used = new Array(lines.length).fill(false);
    const takeAt = (point) => {
        for (const i of byEnd.get(key(point)) ?? []) {
            if (used[i]) continue;
            used[i] = true;
            const line = lines[i];
            return samePoint(line[0], point) ? line : line.slice().reverse();
        }
        return null;
    };
    const merged = [];
    lines.forEach((line, i) => {
        if (used[i]) return;
        used[i] = true;
        let chain = line.slice();
        for (let next; (next = takeAt(chain[chain.length - 1])); ) chain = chain.concat(next.slice(1));
        for (let previous; (previous = takeAt(chain[0])); ) chain = previous.slice().reverse().slice(0, -1).concat(chain);
        merged.push(chain);
    });
    return merged;
}

// [SECTION] Levels of detail ---------------------------------------------------------

// Web Mercator world units at zoom 0, as project() in src/core/geo.cpp computes them.
function projectToWorld(lon, lat) {
    const phi = (Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat)) * Math.PI) / 180;
    return [((lon + 180) / 360) * WORLD_SIZE_PX, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * WORLD_SIZE_PX];
}

// Each point's Douglas–Peucker importance in world units: the largest tolerance at which
// the simplification still keeps it, capped by the importance of the point that split
// its span, so that "keep importance >= t" is exactly the simplification at t. The ends
// are always kept; a closed line (an island) starts and ends on one point, so its
// farthest point comes next.
function importanceOf(points) {
    const importance = new Float64Array(points.length);
    if (points.length === 0) return importance;
    importance[0] = importance[points.length - 1] = Infinity;
    const stack = [[0, points.length - 1, Infinity]];
    while (stack.length > 0) {
        const [a, b, cap] = stack.pop();
        if (b <= a + 1) continue;
        let farthest = -1;
        let at = a + 1;
        for (let i = a + 1; i < b; i++) {
            const d = segmentDistanceSq(points[i][0], points[i][1], points[a], points[b]);
            if (d > farthest) {
                farthest = d;
                at = i;
            }
        }
        const value = Math.min(Math.sqrt(farthest), cap);
        importance[at] = value;
        stack.push([a, at, value], [at, b, value]);
    }
    return importance;
}

function levelOf(importance) {
    let level = 0;
    while (level < MAX_LEVEL && importance < SIMPLIFY_PX / 2 ** level) level++;
    return level;
}

// One level per grid point, from the coastlines and borders: a point on several lines (a
// junction) takes its most important use, so every ring and line through it keeps it at
// the same zooms and no crack opens between neighbours; a ring point on no line (where
// clipping cut a shape) is always drawn. Returns the level of a grid point.
function pointLevels(lines, grid) {
    const best = new Map();
    for (const line of lines) {
        const importance = importanceOf(line.map(([qx, qy]) => projectToWorld(grid.originLon + qx * grid.stepLon, grid.originLat + qy * grid.stepLat)));
        line.forEach((p, i) => best.set(pointKey(p), Math.max(best.get(pointKey(p)) ?? 0, importance[i])));
    }
    return (p) => (best.has(pointKey(p)) ? levelOf(best.get(pointKey(p))) : 0);
}

const pointKey = ([qx, qy]) => qx * 65536 + qy;

// [SECTION] Rings as copies of the lines ---------------------------------------------

// Every edge of a country is on a coastline or a border, so a ring is mostly runs of
// points the lines already hold, forwards or backwards: written as copies of them, the
// rings cost a few bytes a run instead of every point twice.
class LineCopies {
    constructor(lines) {
        this.lines = lines;
        this.at = new Map(); // point key -> [line, index] of every use
        lines.forEach((line, l) => line.forEach((p, i) => {
            const k = pointKey(p);
            if (!this.at.has(k)) this.at.set(k, []);
            this.at.get(k).push([l, i]);
        }));
    }
    // The longest run of ring[from...] found in a line: {line, first, length, reverse}.
    longest(ring, from) {
        let best = { length: 0 };
        for (const [l, i] of this.at.get(pointKey(ring[from])) ?? []) {
            const line = this.lines[l];
            for (const reverse of [false, true]) {
                const step = reverse ? -1 : 1;
                let length = 1;
                while (from + length < ring.length && i + step * length >= 0 && i + step * length < line.length &&
                       samePoint(ring[from + length], line[i + step * length])) length++;
                if (length > best.length) best = { line: l, first: i, length, reverse };
            }
        }
        return best;
    }
}

// [SECTION] Binary writer ------------------------------------------------------------

class Writer {
    constructor() {
        this.bytes = [];
        this.cursor = [0, 0];
    }
    u8(v) {
        this.bytes.push(v & 0xff);
    }
    u16(v) {
        this.u8(v);
        this.u8(v >>> 8);
    }
    u32(v) {
        this.u16(v & 0xffff);
        this.u16(v >>> 16);
    }
    f64(v) {
        const view = new DataView(new ArrayBuffer(8));
        view.setFloat64(0, v, true);
        for (let i = 0; i < 8; i++) this.u8(view.getUint8(i));
    }
    varint(v) {
        if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`varint out of range: ${v}`);
        while (v >= 0x80) {
            this.u8((v & 0x7f) | 0x80);
            v = Math.floor(v / 128);
        }
        this.u8(v);
    }
    zigzag(v) {
        this.varint(v >= 0 ? 2 * v : -2 * v - 1);
    }
    string(s) {
        const utf8 = Buffer.from(s, 'utf8');
        this.varint(utf8.length);
        for (const b of utf8) this.u8(b);
    }
    // A ring: its point count, then runs until that many points came. A run of copies
    // is varint (length << 2 | reverse << 1 | 1), varint line, varint first index; a run
    // of new points is varint (length << 1), then per point zigzag dx, zigzag dy (from
    // the previous point of the body, as in points()) and its level.
    ring(ring, copies, levelAt) {
        this.varint(ring.length);
        let fresh = [];
        const flush = () => {
            if (fresh.length === 0) return;
            this.varint(fresh.length << 1);
            for (const p of fresh) {
                this.delta(p);
                this.u8(levelAt(p));
            }
            fresh = [];
        };
        for (let i = 0; i < ring.length; ) {
            const run = copies.longest(ring, i);
            if (run.length < MIN_COPY) {
                fresh.push(ring[i++]);
                continue;
            }
            flush();
            this.varint((run.length << 2) | (run.reverse ? 2 : 0) | 1);
            this.varint(run.line);
            this.varint(run.first);
            i += run.length;
            this.cursor = ring[i - 1];
        }
        flush();
    }
    delta([x, y]) {
        this.zigzag(x - this.cursor[0]);
        this.zigzag(y - this.cursor[1]);
        this.cursor = [x, y];
    }
    // Points are deltas from the previous point written anywhere in the body.
    points(points) {
        this.varint(points.length);
        for (const p of points) this.delta(p);
    }
}

// [SECTION] Country names ------------------------------------------------------------

// The atlas's short names abbreviate ("Dem. Rep. Congo", "Solomon Is."), as a map's small
// labels must; the explainer also reads its names out (the mirror, "Kinshasa, …"), so
// it bakes them written out. "St." and "U.S." stay, as newsrooms write them.
const WRITTEN_OUT = new Map([
    ['Antigua and Barb.', 'Antigua and Barbuda'],
    ['Ashmore and Cartier Is.', 'Ashmore and Cartier Islands'],
    ['Bosnia and Herz.', 'Bosnia and Herzegovina'],
    ['Br. Indian Ocean Ter.', 'British Indian Ocean Territory'],
    ['British Virgin Is.', 'British Virgin Islands'],
    ['Cayman Is.', 'Cayman Islands'],
    ['Central African Rep.', 'Central African Republic'],
    ['Cook Is.', 'Cook Islands'],
    ['Dem. Rep. Congo', 'Democratic Republic of the Congo'],
    ['Dominican Rep.', 'Dominican Republic'],
    ['Eq. Guinea', 'Equatorial Guinea'],
    ['Faeroe Is.', 'Faeroe Islands'],
    ['Falkland Is.', 'Falkland Islands'],
    ['Fr. Polynesia', 'French Polynesia'],
    ['Fr. S. Antarctic Lands', 'French Southern and Antarctic Lands'],
    ['Heard I. and McDonald Is.', 'Heard Island and McDonald Islands'],
    ['Indian Ocean Ter.', 'Indian Ocean Territories'],
    ['Marshall Is.', 'Marshall Islands'],
    ['N. Cyprus', 'Northern Cyprus'],
    ['N. Mariana Is.', 'Northern Mariana Islands'],
    ['Pitcairn Is.', 'Pitcairn Islands'],
    ['S. Geo. and the Is.', 'South Georgia and the South Sandwich Islands'],
    ['S. Sudan', 'South Sudan'],
    ['Solomon Is.', 'Solomon Islands'],
    ['St. Vin. and Gren.', 'St. Vincent and the Grenadines'],
    ['Turks and Caicos Is.', 'Turks and Caicos Islands'],
    ['U.S. Virgin Is.', 'U.S. Virgin Islands'],
    ['W. Sahara', 'Western Sahara'],
    ['Wallis and Futuna Is.', 'Wallis and Futuna Islands'],
]);

// A country's name as the explainer shows and reads it. A short name this table does not
// know (another version of the atlas) stops the bake rather than reach readers.
function writtenOutName(name) {
    const written = WRITTEN_OUT.get(name) ?? name;
    const abbreviation = written.replace(/\b(St|U\.S)\./g, '').match(/\b[A-Z][a-z]*\./);
    if (abbreviation) throw new Error(`bake-map: the atlas's name "${name}" abbreviates "${abbreviation[0]}": add it to WRITTEN_OUT`);
    return written;
}

// [SECTION] Main ---------------------------------------------------------------------

// One basemap file: every country's polygons within `region` (in each copy of the
// world they reach), with arcs simplified to `toleranceDeg` on a grid coarsened by
// `coarsening`; with `coreBoxes`, each country's core box too (coreBox, for
// countryBoxTable).
function bake(topology, region, { toleranceDeg = 0, coarsening = 1, coreBoxes = false } = {}) {
    const grid = makeGrid(topology.transform, region, coarsening);
    const rawArcs = decodeArcs(topology);
    const tolerance = toleranceDeg / topology.transform.scale[0];
    const simplifiedArcs = rawArcs.map((arc) => simplifyArc(arc, tolerance));
    const geometries = topology.objects.countries.geometries;

    const polygonsFrom = (geometry, arcs) => {
        const polygons = [];
        for (let polygon of polygonsOf(geometry)) {
            // Antarctica's mainland comes as a ring along the pole with the coast as its
            // hole: on the sphere the land between them, in the plane the coast closed
            // along the map's edge (see unwrapAntimeridian).
            const atPole = (arcIndices) => ringFromArcs(arcIndices, arcs).every(([, y]) => Math.abs(y - grid.poles.south) < 1 || Math.abs(y - grid.poles.north) < 1);
            if (polygon.length > 1 && atPole(polygon[0])) polygon = polygon.slice(1);
            const unwrapped = polygon.map((arcIndices) => unwrapAntimeridian(ringFromArcs(arcIndices, arcs), grid.turn, true, grid.poles));
            for (const shift of worldShifts(grid.turn)) {
                const rings = [];
                for (const [r, ring360] of unwrapped.entries()) {
                    const ring = dedupe(quantize(clipRingToBox(shifted(ring360, shift), grid.box), grid), true);
                    if (ring.length < 3 || ringArea(ring) === 0) {
                        if (r === 0) break; // no outer ring left: the holes go with it
                        continue;
                    }
                    rings.push(ring);
                }
                if (rings.length > 0) polygons.push(rings);
            }
        }
        return polygons;
    };

    const countries = [];
    for (const geometry of geometries) {
        const rawPolygons = tolerance > 0 ? polygonsFrom(geometry, rawArcs) : null;
        let polygons = rawPolygons ? polygonsFrom(geometry, simplifiedArcs) : polygonsFrom(geometry, rawArcs);
        // A country smaller than the tolerance (Monaco, Nauru) keeps its full shape, so
        // that every country of the source is there to name and highlight.
        if (polygons.length === 0 && rawPolygons) polygons = rawPolygons;
        if (polygons.length === 0) continue;
        countries.push({
            id: geometry.id ?? '',
            name: writtenOutName(geometry.properties?.name ?? ''),
            label: labelAnchor(polygons, grid),
            polygons,
            core: coreBoxes ? coreBox(rawPolygons ?? polygons, grid) : null,
        });
    }

    const { coast, border } = classifyArcs(geometries, rawArcs.length);
    const clipLines = (arcIndices) =>
        mergeLines(
            arcIndices
                .flatMap((arc) => {
                    const line = unwrapAntimeridian(simplifiedArcs[arc], grid.turn, false);
                    return worldShifts(grid.turn).flatMap((shift) => clipLineToBox(shifted(line, shift), grid.box));
                })
                .map((piece) => dedupe(quantize(piece, grid), false))
                .filter((piece) => piece.length >= 2),
        );
    const coastlines = clipLines(coast);
    const borders = clipLines(border);

    const w = new Writer();
    for (const c of MAGIC) w.u8(c.charCodeAt(0));
    w.u16(VERSION);
    w.u16(0); // flags, none defined
    w.f64(region.west);
    w.f64(region.south);
    w.f64(region.east);
    w.f64(region.north);
    w.f64(grid.originLon);
    w.f64(grid.originLat);
    w.f64(grid.stepLon);
    w.f64(grid.stepLat);
    w.u32(countries.length);
    w.u32(coastlines.length);
    w.u32(borders.length);
    const bodySizeAt = w.bytes.length;
    w.u32(0); // body size, patched below
    // The countries' heads first: a reader takes the names without the rest.
    for (const country of countries) {
        w.string(country.id);
        w.string(country.name);
        w.varint(country.label[0]);
        w.varint(country.label[1]);
    }
    const lines = [...coastlines, ...borders];
    for (const line of lines) w.points(line);
    const levelAt = pointLevels(lines, grid);
    for (const line of lines) for (const p of line) w.u8(levelAt(p));
    const copies = new LineCopies(lines);
    for (const country of countries) {
        w.varint(country.polygons.length);
        for (const polygon of country.polygons) {
            w.varint(polygon.length);
            for (const ring of polygon) w.ring(ring, copies, levelAt);
        }
    }
    const bodySize = w.bytes.length - bodySizeAt - 4;
    for (let i = 0; i < 4; i++) w.bytes[bodySizeAt + i] = (bodySize >>> (8 * i)) & 0xff;
    return { bytes: Uint8Array.from(w.bytes), grid, countries, coastlines, borders };
}

// Rows of {ISO 3166-1 numeric, west, east, south, north}, each country's core box in tenths
// of a degree (coreBox), by code, for the countries the atlas gives a numeric code.
function countryBoxTable({ countries }) {
    const rows = countries
        .filter((country) => /^[0-9]{3}$/.test(country.id))
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((country) => `{${Number(country.id)}, ${country.core.join(', ')}},  // ${country.name}\n`);
    return '// Generated by tools/bake-map.mjs from Natural Earth 1:50m (world-atlas): do not edit.\n' + rows.join('');
}

function main() {
    const [outDir, inputArg] = process.argv.slice(2);
    if (!outDir) {
        console.error('usage: node tools/bake-map.mjs OUT_DIR [countries-50m.json]');
        process.exit(2);
    }
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const inputPath = inputArg ?? resolve(root, 'node_modules/world-atlas/countries-50m.json');
    const topology = JSON.parse(readFileSync(inputPath, 'utf8'));

    const world = bake(topology, WORLD, { toleranceDeg: WORLD_TOLERANCE_DEG, coarsening: WORLD_GRID_COARSENING, coreBoxes: true });
    writeFileSync(resolve(outDir, 'basemap.bin'), world.bytes);
    // The names, one a line, for tools/ui-characters.py: the font atlas holds their
    // characters from the first frame on, so a basemap that comes later rebuilds nothing.
    writeFileSync(resolve(outDir, 'basemap-names.txt'), world.countries.map((c) => c.name + '\n').join(''));
    // Each country's core box, for the engine's opening view and a country's selection
    // (country_core_box in src/core/geo.h), which need it before the basemap arrives.
    mkdirSync(resolve(outDir, 'generated'), { recursive: true });
    writeFileSync(resolve(outDir, 'generated/country_boxes.inc'), countryBoxTable(world));
    console.log(
        `basemap: world ${world.bytes.length} bytes raw, ${world.countries.length} countries, ` +
            `${world.coastlines.length} coastlines, ${world.borders.length} borders`,
    );
    const tileDir = resolve(outDir, 'basemap-detail');
    mkdirSync(tileDir, { recursive: true });
    let tileBytes = 0;
    for (let col = 0; col * TILE_DEGREES < 360; col++) {
        for (let row = 0; row + 1 < TILE_ROW_EDGES.length; row++) {
            const region = {
                west: -180 + col * TILE_DEGREES,
                east: -180 + (col + 1) * TILE_DEGREES,
                south: TILE_ROW_EDGES[row],
                north: TILE_ROW_EDGES[row + 1],
            };
            const tile = bake(topology, region);
            writeFileSync(resolve(tileDir, `${col}-${row}.bin`), tile.bytes);
            tileBytes += tile.bytes.length;
        }
    }
    console.log(`basemap: detail tiles ${tileBytes} bytes raw -> ${tileDir}`);
}

main();
