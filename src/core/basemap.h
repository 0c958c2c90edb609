// The explainer's own basemap: Natural Earth 1:50m countries (public domain, npm
// world-atlas 2.0.2) baked by tools/bake-map.mjs at two levels of detail: the whole
// world simplified (basemap.bin, loaded first) and the full data in detail tiles
// (basemap-detail/C-R.bin, loaded when the map zooms in). Parsed here from their
// compact binary form, then triangulated for drawing and queried for hit testing.
//
// File format "EXMB" version 4 (all multi-byte fixed fields little-endian):
//   header (88 bytes)
//     char[4] magic "EXMB"; u16 version = 3; u16 flags = 0
//     f64 west, south, east, north        clip region, degrees
//     f64 origin_lon, origin_lat          grid origin, degrees
//     f64 step_lon, step_lat              grid step, degrees (> 0)
//     u32 country_count, coastline_count, border_count
//     u32 body_size                       bytes after the header: truncation shows at once
//   body: varints (LEB128, <= 5 bytes, u32) and points on the uint16 grid,
//     lon = origin_lon + qx * step_lon, lat = origin_lat + qy * step_lat
//     country heads, one a country: what an atlas needs is read without the rest
//     coastlines, then borders: each a polyline
//     levels: one u8 per point of those lines, in order (<= kMaxDetailLevel): its level
//             of detail (DetailLevels)
//     country shapes, one a country, in the heads' order
//   head     : varint id_len, id bytes; varint name_len, name bytes (UTF-8);
//              varint label_qx, label_qy (absolute grid position)
//   polyline : varint count (>= 2), then count x (zigzag dx, zigzag dy): each point
//              relative to the previous point of the body (the first to (0, 0))
//   shape    : varint polygon_count; per polygon: varint ring_count, rings
//   ring     : varint count (>= 3; implicitly closed; ring 0 outer, then holes), then
//              runs until count points came. Every edge of a country lies on a line,
//              so most of a ring is copied from them:
//              copy: varint (length << 2 | reverse << 1 | 1), varint line (coastlines
//                    first, then borders), varint first: the line's points first,
//                    first + 1, ... (reverse: first - 1, ...), with their levels; the
//                    last point copied is the "previous point" of what follows
//              new:  varint (length << 1), then length x (zigzag dx, zigzag dy, u8 level)
#pragma once
#include <cstddef>
#include <cstdint>
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "geo.h"

namespace explainer {

using GeoLine = std::vector<GeoPoint>;

// Each point's level of detail, parallel to a line's points: the least whole zoom at
// which the map draws it. tools/bake-map.mjs simplifies the coastlines and borders
// (Douglas–Peucker) to half a CSS px at each zoom; a point shared by several lines or
// rings has one level, so neighbours never crack apart; a ring point on no line (where
// the bake clipped a shape) has level 0.
using DetailLevels = std::vector<uint8_t>;
inline constexpr uint8_t kMaxDetailLevel = 24;

struct CountryPolygon {
    std::vector<GeoLine> rings;  // ring 0 is the outer boundary, the rest are holes
    std::vector<DetailLevels> levels;  // parallel to rings
};

struct Country {
    std::string id;    // ISO 3166-1 numeric as world-atlas spells it ("368"); empty for
                       // the few it leaves without one (Kosovo, N. Cyprus)
    std::string name;  // Natural Earth short name ("Iraq")
    GeoPoint label;    // well inside the largest polygon, for the country's name
    std::vector<CountryPolygon> polygons;
    GeoBox bounds;     // of all polygons
};

// Antarctica's code: its land goes on beyond the Mercator world's south edge (the map
// panel draws it there, lit with the country when the pack lights it).
inline constexpr std::string_view kAntarcticaId = "010";

struct Basemap {
    GeoBox region;  // what was clipped to; nothing lies outside
    GeoPoint grid_step;  // of the bake's grid, degrees: where it cut a shape at the region's
                         // edge, the cut lies within one step of it (clip points are rounded)
    std::vector<Country> countries;
    std::vector<GeoLine> coastlines;  // country edges no other country shares
    std::vector<GeoLine> borders;     // land borders between two countries
    std::vector<DetailLevels> coastline_levels, border_levels;  // parallel to the lines
    // Each id's first country (parse_basemap fills it): find_country looks a place's
    // countries up here, not by a walk of every country (a long pack names hundreds).
    std::unordered_map<std::string, std::size_t> country_by_id;
};

// Total and bounded: any byte string gives a Basemap or nullopt with a reason in
// *error (when error is not null).
std::optional<Basemap> parse_basemap(const uint8_t* data, size_t size, std::string* error = nullptr);

// The country names of a basemap file, read from its header and the heads that begin its
// body, without its lines and shapes (a font atlas needs the names' characters before a
// frame that draws no map needs the rest). Refuses what parse_basemap refuses in the
// header and the heads; a fault further on shows only when the file is parsed.
std::optional<std::vector<std::string>> basemap_country_names(const uint8_t* data, size_t size,
                                                              std::string* error = nullptr);

const Country* find_country(const Basemap& map, std::string_view id);

// [SECTION] Detail tiles: the full data cut into a grid of kDetailColumns x kDetailRows
// boxes (45 degrees east-west from lon -180; rows split at the equator and +-45), each
// its own basemap file, fetched for the part of the world in view when zoomed in.
inline constexpr int kDetailColumns = 8;
inline constexpr int kDetailRows = 4;
inline constexpr int kDetailTileCount = kDetailColumns * kDetailRows;
inline constexpr double kDetailTileDegrees = 360.0 / kDetailColumns;
inline constexpr std::array<double, kDetailRows + 1> kDetailRowEdges = {-kMercatorMaxLat, -45.0, 0.0, 45.0,
                                                                         kMercatorMaxLat};
// Below this zoom the simplified world (0.15 degrees) is within 2 px of the full data.
inline constexpr double kDetailMinZoom = 4.0;

GeoBox detail_tile_box(int tile);        // tile = column * kDetailRows + row
std::string detail_tile_name(int tile);  // "C-R", the file's name without ".bin"
// The tiles whose boxes meet `box` (west may be < -180 and east > 180: the world
// wraps), each once, in ascending order.
std::vector<int> detail_tiles_in(const GeoBox& box);

// The detail tiles the app holds, and which the map asked for. The map panel appends
// to `wanted`; the platform passes those to the page, which loads each into `tiles`.
struct DetailTiles {
    std::array<std::optional<Basemap>, kDetailTileCount> tiles;
    // Counts each tile's loads (0: never loaded): what caches made from a tile key on.
    std::array<std::uint64_t, kDetailTileCount> revisions{};
    std::array<bool, kDetailTileCount> requested{};
    std::vector<int> wanted;
};

// Index into map.countries of the country containing the point, if any.
std::optional<size_t> country_at(const Basemap& map, GeoPoint point);

// How far off a country's outline, in degrees, a point may be and still be taken for that
// country's: the world layer's coastlines are simplified by up to 0.15 degrees
// (WORLD_TOLERANCE_DEG in tools/bake-map.mjs) and rounded to its grid (under 0.06), so a
// city on the coast (Busan, Montevideo) can fall in the sea.
inline constexpr double kCoastReachDegrees = 0.2;

// The country containing the point; else, for a point in the sea, the one country whose
// outline passes within `reach` degrees of it (distances on the ground, a degree of
// latitude as the unit). None where two countries are that near: a strait's island may
// belong to either, and no country is better than the wrong one.
std::optional<size_t> country_at_or_off_coast(const Basemap& map, GeoPoint point, double reach = kCoastReachDegrees);

// [SECTION] Meshes in zoom-0 world units (see geo.h): screen = world * 2^zoom + offset.

struct Vec2f {
    float x = 0.0f;
    float y = 0.0f;
};

struct Mesh {
    std::vector<Vec2f> vertices;
    std::vector<uint32_t> indices;  // three per triangle
};

// One polygon's rings projected to world units, back to back, for triangulate_polygon.
void project_polygon(const CountryPolygon& polygon, std::vector<Vec2d>& points, std::vector<uint32_t>& ring_ends);

// All polygons of a country in one mesh.
Mesh triangulate_country(const Country& country);

struct BasemapMeshes {
    std::vector<Mesh> countries;  // parallel to Basemap::countries
    std::vector<std::vector<Vec2f>> coastlines;
    std::vector<std::vector<Vec2f>> borders;
};
BasemapMeshes build_basemap_meshes(const Basemap& map);

} // namespace explainer
