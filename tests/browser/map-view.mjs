// Where the map puts things, worked out independently of the engine from the view in
// Explainer.getState().map and the map's frame (Explainer.locate('map:view')): shared
// by map.test.mjs and world.test.mjs.
import assert from 'node:assert/strict';

export const mapRects = async (page, id) => (await page.evaluate((id) => Explainer.locate(id), id)).filter((r) => r.panel === 'map');

// Web Mercator, zoom 0 = the world 256 px wide (src/core/geo.h).
export function world(lat, lon) {
  const phi = Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI / 180;
  return { x: (lon + 180) / 360 * 256, y: (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * 256 };
}

// The map's frame on screen and the view in it: toScreen(lat, lon) in viewport CSS px,
// in the copy of the world nearest the view's centre (where the map draws markers).
export async function mapFrame(page) {
  const [view] = await mapRects(page, 'map:view');
  assert.ok(view, 'the map reports its frame');
  const { map } = await page.evaluate(() => Explainer.getState());
  const scale = 2 ** map.zoom, centre = world(map.lat, map.lon);
  const cx = view.x + view.width / 2, cy = view.y + view.height / 2;
  return {
    ...view, cx, cy, map,
    contains: (p, margin = 0) => p.x >= view.x + margin && p.y >= view.y + margin &&
      p.x <= view.x + view.width - margin && p.y <= view.y + view.height - margin,
    toScreen: (lat, lon) => {
      const w = world(lat, lon);
      const x = w.x + 256 * Math.round((centre.x - w.x) / 256);
      return { x: cx + (x - centre.x) * scale, y: cy + (w.y - centre.y) * scale };
    },
    // The ground under a screen point: { lat, lon }, the longitude in [-180, 180).
    toGround: (p) => {
      const x = centre.x + (p.x - cx) / scale, y = centre.y + (p.y - cy) / scale;
      const lon = ((x / 256 * 360) % 360 + 360) % 360 - 180;
      return { lat: Math.atan(Math.sinh(Math.PI * (1 - 2 * y / 256))) * 180 / Math.PI, lon };
    },
  };
}
