// The map panel: the pack's places on the explainer's own Natural Earth basemap, linked
// to every other panel through the selection and the hover, with the distance the
// article quotes drawn as a great-circle arc.
//
// The map is a view of the store. AppState::map is where the map is to be (a link
// carries it): the view the reader dragged, pinched or wheeled to, or the end of a
// flight (to a selection, a zoom step, the opening view). The panel changes it only with
// SetMapAction, one per frame at most, and never writes its animation back: a flight is
// the panel's own, sampled each frame from where the map was towards the store's target,
// and it is dropped the moment the target is not its end any more (a link, Back, undo
// moved the map: that view shows at once). The panel reports its size (SetMapSizeAction)
// and the store fits the opening view to it. The caches below are the panel's own.
//
// The world wraps east-west: the basemap is drawn in every copy of the world the view
// shows, and each marker, label and arc in the copy nearest the view's centre. Below
// kDetailMinZoom the simplified world layer is drawn; from there on, the detail tile
// of each 45-degree box in view, clipped to its box (the world layer stands in until
// the tile arrives).
//
// Drawing cost: a layer's land and lines are drawings the renderer keeps (RetainedDrawing,
// with 16-bit indices, so at most 65,536 vertices each), made again only when what is in
// view changes. So the panel draws one level of detail a zoom: the lines simplified to
// half a pixel there (levels baked into the basemap, shared by both sides of a border),
// the countries re-triangulated from the same points, built lazily for the countries in
// view and cached per layer; a budget check keeps any panel size under the limit. Labels,
// markers and country highlights are laid out once per change of view, pack, selection,
// hover or time (the Scene cache), not every frame.
//
// Index
// - [SECTION] Constants and helpers
// - [SECTION] Basemap levels of detail
// - [SECTION] Pack cache: places, arcs, time
// - [SECTION] Panel state and flights
// - [SECTION] View targets
// - [SECTION] Drawing the basemap
// - [SECTION] Overlay: buttons, scale bar, attribution
// - [SECTION] View changes
// - [SECTION] Labels and markers
// - [SECTION] Panel
#include <algorithm>
#include <array>
#include <deque>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_set>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/easing.h"
#include "core/geo.h"
#include "core/index_sort.h"
#include "core/number_text.h"
#include "core/label_placement.h"
#include "core/triangulate.h"
#include "editing.h"
#include "interaction.h"
#include "panel.h"

namespace explainer::ui {

namespace {

// [SECTION] Constants and helpers ----------------------------------------------------------

constexpr double kSelectionPadding = 60.0;
constexpr double kSelectionMaxZoom = 7.0;
constexpr double kPlaceMinZoom = 5.5;      // a selected town, seen with its region
constexpr double kPlaceMaxZoom = 8.0;
constexpr double kWheelZoomPerNotch = 0.5;
constexpr double kStepZoomSeconds = 0.5;   // buttons, keys, double-click: one zoom level
constexpr double kFlyMinSeconds = 0.6;
constexpr double kFlyMaxSeconds = 1.2;
constexpr float kKeyPanPx = 96.0f;

constexpr int kLodCount = 10;              // one level a zoom, 0..9; 9 is finer than the data
// One layer's land, lines and lit countries together: what a pan that crosses a cell
// draws and uploads again stays bounded, and each retained drawing under 65,536 vertices.
constexpr int kBasemapVertexBudget = 52000;

constexpr float kMarkerRadius = 4.5f;
constexpr float kLabelPadX = 4.0f, kLabelPadY = 1.0f;
constexpr double kLabelSpacing = 2.0;  // px kept between labels, and from markers

bool inside(ImVec2 p, ImVec2 origin, ImVec2 size) {
    return p.x >= origin.x && p.y >= origin.y && p.x <= origin.x + size.x && p.y <= origin.y + size.y;
}

bool inside(ImVec2 p, const Rect& r) { return p.x >= r.x0 && p.x < r.x1 && p.y >= r.y0 && p.y < r.y1; }

ImVec2 top_left(const Rect& r) { return ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0)); }
ImVec2 bottom_right(const Rect& r) { return ImVec2(static_cast<float>(r.x1), static_cast<float>(r.y1)); }

struct WorldBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool intersects(const WorldBox& o) const { return x0 <= o.x1 && o.x0 <= x1 && y0 <= o.y1 && o.y0 <= y1; }
    bool operator==(const WorldBox&) const = default;
};

WorldBox world_box(const GeoBox& geo) {
    const Vec2d nw = project({.lon = geo.west, .lat = geo.north});
    const Vec2d se = project({.lon = geo.east, .lat = geo.south});
    return {nw.x, nw.y, se.x, se.y};
}

// World units to canvas CSS px for one view: screen = world * scale + offset.
struct Projector {
    double scale = 1;
    Vec2d offset;   // includes the panel's origin: results are canvas CSS px
    Vec2d centre;   // the view's centre, world units
    Projector(const MapView& view, Viewport viewport, ImVec2 origin) {
        scale = zoom_scale(view.zoom);
        centre = project({.lon = view.lon, .lat = view.lat});
        offset = {origin.x + viewport.width / 2.0 - centre.x * scale, origin.y + viewport.height / 2.0 - centre.y * scale};
    }
    // The same view drawing the copy of the world `copy` turns east of the first.
    Projector copy_of_world(int copy) const {
        Projector p = *this;
        p.offset.x += copy * kWorldSizePx * scale;
        return p;
    }
    // A point in the copy of the world nearest the view's centre.
    ImVec2 nearest(Vec2d world) const { return (*this)({wrap_near(world.x, centre.x), world.y}); }
    ImVec2 operator()(Vec2d world) const {
        return ImVec2(static_cast<float>(world.x * scale + offset.x), static_cast<float>(world.y * scale + offset.y));
    }
    // The ground under a screen point, its longitude in [-180, 180).
    GeoPoint ground(ImVec2 screen) const {
        const double x = (screen.x - offset.x) / scale;
        return unproject({x - kWorldSizePx * std::floor(x / kWorldSizePx), (screen.y - offset.y) / scale});
    }
    WorldBox visible(ImVec2 origin, ImVec2 size, double margin_px) const {
        return {(origin.x - margin_px - offset.x) / scale, (origin.y - margin_px - offset.y) / scale,
                (origin.x + size.x + margin_px - offset.x) / scale, (origin.y + size.y + margin_px - offset.y) / scale};
    }
};

// [SECTION] Basemap levels of detail ---------------------------------------------------------
// Every basemap point carries its level of detail (DetailLevels in core/basemap.h: baked
// by tools/bake-map.mjs, the least zoom at which the lines simplified to half a CSS px
// keep it, one level for every use of a point). A level of detail keeps the points whose
// level is at most its own, in the lines and in the country rings alike, so the two
// countries either side of a border keep the same points and no crack opens between them.

struct LodCountry {
    bool built = false;
    std::vector<Vec2f> vertices;                // world units
    std::vector<uint32_t> indices;
    std::vector<std::vector<Vec2f>> outlines;   // of a highlighted country: its rings but the cuts (add_outlines)
};

// A line at one level of detail, made when a frame first draws it.
struct LodLine {
    bool built = false;
    std::vector<Vec2f> points;                  // world units; fewer than 2: nothing at this level
};

struct Lod {
    std::vector<LodLine> coastlines, borders;   // parallel to Basemap::coastlines and ::borders, once one is drawn
    std::vector<LodCountry> countries;          // parallel to Basemap::countries
};

struct ProjectedPolygon {
    std::vector<Vec2d> points;                  // rings back to back, world units
    std::vector<uint32_t> ring_ends;
    DetailLevels levels;                        // parallel to points
};

// A basemap line projected point by point as levels of detail first need it (NaN until
// then): the opening view's level keeps a fraction of the points, and the first frame
// projects only those.
struct ProjectedLine {
    const GeoLine* geo = nullptr;
    const DetailLevels* levels = nullptr;       // parallel to *geo
    std::vector<Vec2d> points;                  // parallel to *geo
    WorldBox box;                               // of all its points (so of every level's)
};

// The edges of the region a basemap was clipped to, in world units, each with how far the
// bake's cuts may lie from it (a grid step: clip points are rounded to the grid).
struct RegionEdges {
    float west = 0, east = 0, north = 0, south = 0;
    float near_x = 0, near_north = 0, near_south = 0;

    RegionEdges() = default;
    explicit RegionEdges(const Basemap& map) {
        const GeoBox& r = map.region;
        const GeoPoint step = map.grid_step;
        west = static_cast<float>(project({r.west, 0}).x);
        east = static_cast<float>(project({r.east, 0}).x);
        north = static_cast<float>(project({0, r.north}).y);
        south = static_cast<float>(project({0, r.south}).y);
        // Floats of world units near 256 differ by about 1.5e-5: the margin takes that too.
        constexpr float kFloatMargin = 1e-4f;
        near_x = static_cast<float>(step.lon * kWorldSizePx / 360.0) + kFloatMargin;
        near_north = static_cast<float>(project({0, r.north - step.lat}).y) - north + kFloatMargin;
        near_south = south - static_cast<float>(project({0, r.south + step.lat}).y) + kFloatMargin;
    }
    // Whether the edge a-b runs along one of them: a cut the bake made where the region
    // ends (a tile's side, the antimeridian), which is neither a coast nor a border.
    bool cut(Vec2f a, Vec2f b) const {
        const auto along = [](float p, float q, float edge, float near) {
            return std::fabs(p - edge) <= near && std::fabs(q - edge) <= near;
        };
        return along(a.x, b.x, west, near_x) || along(a.x, b.x, east, near_x) || along(a.y, b.y, north, near_north) ||
               along(a.y, b.y, south, near_south);
    }
};

// Projections are made when a frame first needs them, not when a basemap arrives: the
// first frame draws the countries in view and one level of detail of the lines, so it
// projects those points and no others.
struct BasemapCache {
    const Basemap* map = nullptr;
    RegionEdges edges;                          // of map->region
    std::uint64_t revision = 0;                 // of the basemap it was made from (App::basemap_revision, DetailTiles::revisions)
    std::vector<std::vector<ProjectedPolygon>> polygons;  // per country, once projected_polygons asked
    std::vector<char> polygons_projected;       // per country
    std::vector<WorldBox> boxes;                // per country
    std::vector<Vec2d> label_points;            // per country
    std::vector<ProjectedLine> coastlines, borders;
    std::array<Lod, kLodCount> lods;
    std::vector<ImVec2> name_sizes;             // per country: its name, in the country names' font
    std::uint64_t name_sizes_fonts = 0;         // the fonts revision name_sizes were measured with
};

void reset_basemap_cache(BasemapCache& cache, const Basemap* map, std::uint64_t revision) {
    cache = BasemapCache{};
    cache.map = map;
    cache.revision = revision;
    if (!map) return;
    cache.edges = RegionEdges(*map);

    // A line's box comes from its degrees, which cost no projection: the first frame
    // projects only the lines in view.
    auto refer_lines = [](const std::vector<GeoLine>& lines, const std::vector<DetailLevels>& levels,
                          std::vector<ProjectedLine>& out) {
        out.resize(lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) out[i] = {&lines[i], &levels[i], {}, world_box(bounds_of(lines[i]))};
    };
    refer_lines(map->coastlines, map->coastline_levels, cache.coastlines);
    refer_lines(map->borders, map->border_levels, cache.borders);

    const std::size_t n = map->countries.size();
    cache.polygons.resize(n);
    cache.polygons_projected.assign(n, 0);
    cache.boxes.resize(n);
    cache.label_points.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Country& country = map->countries[i];
        cache.boxes[i] = world_box(country.bounds);
        cache.label_points[i] = project(country.label);
    }
    for (Lod& lod : cache.lods) lod.countries.resize(n);
}

const std::vector<ProjectedPolygon>& projected_polygons(BasemapCache& cache, std::size_t index) {
    std::vector<ProjectedPolygon>& out = cache.polygons[index];
    if (cache.polygons_projected[index]) return out;
    cache.polygons_projected[index] = 1;
    for (const CountryPolygon& polygon : cache.map->countries[index].polygons) {
        ProjectedPolygon& projected = out.emplace_back();
        project_polygon(polygon, projected.points, projected.ring_ends);
        projected.levels.reserve(projected.points.size());
        for (const DetailLevels& ring : polygon.levels) projected.levels.insert(projected.levels.end(), ring.begin(), ring.end());
    }
    return out;
}

int lod_for_zoom(double zoom) { return std::clamp(static_cast<int>(std::floor(zoom + 1e-9)), 0, kLodCount - 1); }

// A ring's outline, as polylines: the whole ring closed, or, where the bake cut the shape
// at the region's edge (a country across two tiles, or across the antimeridian), the
// runs of edges between the cuts, so that an outlined country shows no line there.
void add_outlines(const std::vector<Vec2f>& ring, const RegionEdges& edges, std::vector<std::vector<Vec2f>>& out) {
    const std::size_t n = ring.size();
    const auto cut_after = [&](std::size_t i) { return edges.cut(ring[i], ring[(i + 1) % n]); };
    std::size_t first_cut = 0;
    while (first_cut < n && !cut_after(first_cut)) ++first_cut;
    if (first_cut == n) {
        std::vector<Vec2f>& closed = out.emplace_back(ring);
        closed.push_back(ring.front());
        return;
    }
    bool drawing = false;  // out.back() is the run being drawn
    for (std::size_t k = 1; k <= n; ++k) {  // the edges after the first cut, round to it
        const std::size_t i = (first_cut + k) % n;
        if (cut_after(i)) {
            drawing = false;
            continue;
        }
        if (!drawing) out.emplace_back().push_back(ring[i]);
        drawing = true;
        out.back().push_back(ring[(i + 1) % n]);
    }
}

const LodCountry& lod_country(BasemapCache& cache, int lod, std::size_t index) {
    LodCountry& out = cache.lods[lod].countries[index];
    if (out.built) return out;
    out.built = true;
    std::vector<Vec2d> points;
    std::vector<uint32_t> ring_ends;
    for (const ProjectedPolygon& polygon : projected_polygons(cache, index)) {
        points.clear();
        ring_ends.clear();
        uint32_t begin = 0;
        for (std::size_t r = 0; r < polygon.ring_ends.size(); ++r) {
            const uint32_t end = std::min<uint32_t>(polygon.ring_ends[r], static_cast<uint32_t>(polygon.points.size()));
            const std::size_t ring_begin = points.size();
            for (uint32_t k = begin; k < end; ++k)
                if (polygon.levels[k] <= lod) points.push_back(polygon.points[k]);
            begin = end;
            if (points.size() - ring_begin < 3) {
                points.resize(ring_begin);
                if (r == 0) break;  // the outer ring is below a pixel at this zoom: so are its holes
                continue;
            }
            ring_ends.push_back(static_cast<uint32_t>(points.size()));
            std::vector<Vec2f> ring;
            for (std::size_t k = ring_begin; k < points.size(); ++k)
                ring.push_back({static_cast<float>(points[k].x), static_cast<float>(points[k].y)});
            add_outlines(ring, cache.edges, out.outlines);
        }
        if (ring_ends.empty()) continue;
        const uint32_t base = static_cast<uint32_t>(out.vertices.size());
        for (const uint32_t i : triangulate_polygon(points, ring_ends)) out.indices.push_back(base + i);
        for (const Vec2d& p : points) out.vertices.push_back({static_cast<float>(p.x), static_cast<float>(p.y)});
    }
    return out;
}

// Line `index` of `lines` at level of detail `lod` (`simplified`: that level's lines of
// the same set), projecting each point once whatever the levels that keep it.
const LodLine& lod_line(std::vector<ProjectedLine>& lines, std::vector<LodLine>& simplified, int lod, std::size_t index) {
    if (simplified.empty()) simplified.resize(lines.size());  // the level's first line of the set
    LodLine& out = simplified[index];
    if (out.built) return out;
    out.built = true;
    ProjectedLine& line = lines[index];
    const GeoLine& geo = *line.geo;
    const DetailLevels& levels = *line.levels;
    if (line.points.empty()) line.points.assign(geo.size(), Vec2d{std::nan(""), std::nan("")});
    for (std::size_t k = 0; k < geo.size(); ++k) {
        if (levels[k] > lod) continue;
        if (std::isnan(line.points[k].x)) line.points[k] = project(geo[k]);
        out.points.push_back({static_cast<float>(line.points[k].x), static_cast<float>(line.points[k].y)});
    }
    if (out.points.size() < 2) out.points.clear();
    return out;
}

// [SECTION] Pack cache: places, arcs, time ----------------------------------------------------

struct PlaceItem {
    std::size_t entity = 0;
    Vec2d world;
    // A country (`country`) or a region (`countries`): drawn as its countries' shapes,
    // named at its location, no dot.
    bool country_level = false;
    bool has_point = false;                // a `location`; else named at its shapes' label point
    std::vector<std::string> country_ids;  // ISO 3166-1 numeric codes
    std::vector<int> countries;            // indices into Basemap::countries, those found
    // Places of one name, at one point and of one level share a look (a long pack
    // naming a city in many entities): drawn as one, so that a layout's cost follows
    // what can be seen. Set with the point, by resolve_countries.
    std::uint32_t look = 0;
};

// A figure the pack can recompute: the great-circle distance between two places.
struct ArcItem {
    std::size_t figure = 0;
    std::vector<Vec2d> world;      // the arc, world units
    std::string line1, line2;      // "3,473 km / 2,158 mi by great circle", "article: some 2,500 miles"
    std::string one_line;          // both, joined by a middle dot
};

struct PackCache {
    std::optional<std::uint64_t> pack_revision;
    std::vector<PlaceItem> places;
    std::vector<GeoPoint> all_points;     // opening_view_points(): what the opening view fits
    std::vector<ArcItem> arcs;
    std::vector<std::optional<double>> first_event_day;
    std::optional<std::uint64_t> countries_for;  // revision of the basemap the country indices refer to
    std::uint32_t looks = 0;                     // how many PlaceItem::look values there are
    std::vector<bool> on_map;                    // by entity index: a place or an arc's figure
};

void rebuild_pack_cache(PackCache& cache, const Pack& pack, std::uint64_t revision) {
    cache = PackCache{};
    cache.pack_revision = revision;
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const Entity& e = pack.entities[i];
        // A country or region without a point of its own is named at its shapes' label
        // point once the basemap is known (resolve_countries).
        const bool has_shape = !e.country.empty() || !e.countries.empty();
        if (e.kind != EntityKind::Place || (!e.location && !has_shape)) continue;
        PlaceItem& place = cache.places.emplace_back();
        place.entity = i;
        place.has_point = e.location.has_value();
        if (e.location) place.world = project(*e.location);
        place.country_ids = e.countries;
        if (!e.country.empty()) place.country_ids.push_back(e.country);
        place.country_level = has_shape;
    }
    cache.on_map.assign(pack.entities.size(), false);
    for (const PlaceItem& place : cache.places) cache.on_map[place.entity] = true;
    cache.all_points = opening_view_points(pack);
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const Entity& e = pack.entities[i];
        const std::optional<CheckedDistance> distance = checked_distance(pack, e);
        if (!distance) continue;
        ArcItem arc;
        arc.figure = i;
        for (const GeoPoint& g : great_circle_points(*distance->from->location, *distance->to->location, 65))
            arc.world.push_back(project(g));
        unwrap_world_x(arc.world);  // continuous across the antimeridian
        const double km = distance->km;
        arc.line1 = thousands(km) + " km / " + thousands(km_to_miles(km)) + " mi by great circle";
        if (!e.value.empty()) arc.line2 = "article: " + e.value;
        arc.one_line = arc.line2.empty() ? arc.line1 : arc.line1 + " \xC2\xB7 " + arc.line2;
        cache.on_map[i] = true;
        cache.arcs.push_back(std::move(arc));
    }
    cache.first_event_day = first_event_day_by_entity(pack);
}

// Sets PlaceItem::look, once the places' points are known.
void share_looks(PackCache& cache, const Pack& pack) {
    using Look = std::tuple<std::string_view, double, double, bool>;
    std::map<Look, std::uint32_t> looks;
    for (PlaceItem& place : cache.places) {
        const Look look{pack.entities[place.entity].name, place.world.x, place.world.y, place.country_level};
        place.look = looks.try_emplace(look, static_cast<std::uint32_t>(looks.size())).first->second;
    }
    cache.looks = static_cast<std::uint32_t>(looks.size());
}

void resolve_countries(PackCache& cache, const Pack& pack, const Basemap* map, std::uint64_t revision) {
    if (cache.countries_for == revision) return;
    cache.countries_for = revision;
    for (PlaceItem& place : cache.places) {
        place.countries.clear();
        if (!map) continue;
        Vec2d label_sum{};
        for (const std::string& id : place.country_ids)
            if (const Country* c = find_country(*map, id)) {
                place.countries.push_back(static_cast<int>(c - map->countries.data()));
                const Vec2d label = project(c->label);
                label_sum.x += label.x, label_sum.y += label.y;
            }
        // The mean of its countries' label points: a country's own, a region's middle.
        if (!place.has_point && !place.countries.empty()) {
            const double n = static_cast<double>(place.countries.size());
            place.world = {label_sum.x / n, label_sum.y / n};
        }
    }
    share_looks(cache, pack);
}

// [SECTION] Panel state and flights -------------------------------------------------------------

// An animated view change. Step zooms keep one screen point fixed all the way (what
// the reader pointed at stays under the pointer); flights between places follow van
// Wijk & Nuij's zoom-out-pan-zoom-in path.
struct Flight {
    bool active = false;
    bool step = false;           // zoom about `anchor` from `from.zoom` to `to_zoom`
    MapView from;
    Vec2d anchor;                // panel px
    double to_zoom = 0;
    FlyPath path;                // when !step
    MapView to;                  // where it ends: the store's target while it flies
    double start = 0, duration = 0;
};

// The opening view at the panel's size, fitted again only when the size changes (a fit
// is O(places)): what the map shows while the store's target is the opening view, in
// the frames before the store has the panel's size.
struct OpeningViewCache {
    bool valid = false;
    Viewport viewport;
    MapView view;
};

// What one layer drawn in one copy of the world depends on, besides the projection's
// offset: while it holds, the vertices it wrote last time are written again, moved by the
// pan (issue 10: triangles and stroked lines were rebuilt every frame, the largest part
// of a frame's CPU in a scroll, a pan or a hover alike). The things in view are part of
// it, so a pan that brings a country or a line into view draws anew.
struct LayerDrawKey {
    const BasemapCache* layer = nullptr;
    std::uint64_t revision = 0;
    int lod = 0;
    float scale = 0;
    std::uint64_t fonts_revision = 0;              // the white pixel's and the lines' UVs in the atlas
    ImDrawListFlags flags = 0;                     // anti-aliasing, as strokes are made
    std::array<ImU32, 5> colours{};                // land, highlighted land, border, coast, outline
    std::vector<std::uint32_t> countries;          // in view: indices into the basemap's countries
    std::vector<std::uint32_t> borders, coastlines;  // in view: indices into the basemap's lines
    bool operator==(const LayerDrawKey&) const = default;
};

// What a layer drew, with the projection's offset taken out: its land and its lines, one
// drawing kept by the renderer while `key` holds, and the countries lit between them.
struct LayerDraw {
    LayerDrawKey key;
    WorldBox box;                     // what the key's lists of what is in view were made for
    RetainedDrawing layer;            // land, then lines
    RetainedRun land, lines, whole;   // its runs: one draw call for a layer with nothing lit
    std::size_t layer_vertices = 0;   // what land and lines took of the vertex budget
    std::vector<std::uint32_t> lit;   // lit_countries, as last drawn
    KeptDrawing fills, outlines;      // theirs, each written again while `lit` holds
    bool lit_kept = false;            // whether `fills` and `outlines` hold `lit` (under `key`)
    ImVec2 offset;      // the projection's offset, by which the renderer moves it all (move_following)
};

// The scale, "500 km" over "500 mi", in the bottom-left corner.
struct ScaleLegend {
    ScaleBar km, mi;
    char km_text[32] = {}, mi_text[32] = {};
    Rect box;
};

struct MapPanel {
    PackCache pack;
    BasemapCache basemap;                                  // the world layer
    std::array<BasemapCache, kDetailTileCount> tiles;      // the detail tiles, as they arrive
    OpeningViewCache opening;
    Viewport reported_size;      // the size last sent to the store (SetMapSizeAction)
    // The store's target when the map was last drawn: on a phone, a selection made while
    // the map's tab was hidden is shown when it opens, unless the map was moved meanwhile.
    std::optional<MapView> target_last_drawn;

    Flight flight;
    bool dragging = false;
    bool pressed = false;        // the left button went down on the map
    HoverClaim hover;            // the hover this panel asked for
    // Where the hovered entity was under the pointer when its hover began, and the view
    // then. Hovering lays its label out again, emphasised: it can move off a resting
    // pointer, which then drops the hover, the label moves back, and so on every frame.
    // While the view stays, the hover holds over the area where it began.
    struct HoverHold {
        Rect area;
        ImVec2 card_anchor;
        MapView view;
    };
    std::optional<HoverHold> hover_hold;
    std::string press_target;    // what the current press started on
    std::string selected_here;   // a selection this panel made (no flight needed to show it)
    std::string seen_selection;
    int last_frame = -1;

    ScaleLegend scale;           // the last frame's

    std::vector<ImVec2> scratch;
    std::unique_ptr<ImDrawList> layer_list;  // where retain_layer draws, outside any window
    // What each draw_layer call of the last frame wrote, in order; a deque, so that the
    // offsets the frame's draw commands point at stay put as it grows.
    std::deque<LayerDraw> layer_draws;
};

MapView sample_flight(const Flight& f, Viewport viewport, double now) {
    const double elapsed = now - f.start;
    if (f.step) {
        const double t = f.duration > 0 ? std::clamp(elapsed / f.duration, 0.0, 1.0) : 1.0;
        return zoom_about(f.from, viewport, f.anchor, f.from.zoom + (f.to_zoom - f.from.zoom) * ease_in_out_cubic(t));
    }
    return fly_view(f.path, elapsed, f.duration, false);
}

// A zoom step about `anchor`, ending at `to` (clamped: the store's target).
void start_step(MapPanel& m, const MapView& from, Vec2d anchor, double to_zoom, const MapView& to, double now) {
    m.flight = Flight{};
    m.flight.active = true;
    m.flight.step = true;
    m.flight.from = from;
    m.flight.anchor = anchor;
    m.flight.to_zoom = to_zoom;
    m.flight.to = to;
    m.flight.start = now;
    m.flight.duration = kStepZoomSeconds;
}

void start_fly(MapPanel& m, const MapView& from, const MapView& to, Viewport viewport, double now) {
    m.flight = Flight{};
    m.flight.path = make_fly_path(from, to, viewport);
    m.flight.to = to;
    const double seconds = fly_path_seconds(m.flight.path);
    if (seconds <= 0) return;
    m.flight.active = true;
    m.flight.start = now;
    m.flight.duration = std::clamp(seconds, kFlyMinSeconds, kFlyMaxSeconds);
}

bool flight_done(const Flight& f, double now) { return now - f.start >= f.duration; }

// [SECTION] View targets ------------------------------------------------------------------------

MapView opening_view_at(const PackCache& cache, OpeningViewCache& memo, Viewport viewport) {
    if (!memo.valid || memo.viewport.width != viewport.width || memo.viewport.height != viewport.height)
        memo = {true, viewport, opening_map_view(cache.all_points, viewport)};
    return memo.view;
}

// The view that shows a selection: one town centred with its region around it, a
// country's core whole (country_core_box: France without French Guiana, Tonga with
// Vava'u), several places fitted together. The boxes are the engine's own, so a country
// is fitted before the basemap arrives.
std::optional<MapView> selection_view(const PanelContext& ctx, std::span<const std::string> ids, Viewport viewport,
                                      const MapView& current) {
    std::vector<GeoPoint> points;
    bool whole_country = false;
    for (const std::string& id : ids) {
        const Entity* e = ctx.pack.find(id);
        if (!e || e->kind != EntityKind::Place) continue;
        if (const std::vector<GeoBox> cores = country_core_boxes(*e); !cores.empty()) {
            add_corners(cores, points);
            whole_country = true;
        } else if (e->location) {
            points.push_back(*e->location);
        }
    }
    if (points.empty()) return std::nullopt;
    if (points.size() == 1 && !whole_country)
        return MapView{points[0].lat, points[0].lon, std::clamp(current.zoom, kPlaceMinZoom, kPlaceMaxZoom)};
    return fit_view(points, viewport, kSelectionPadding, kSelectionMaxZoom);
}

bool all_visible(const PanelContext& ctx, std::span<const std::string> ids, const MapView& view, Viewport viewport) {
    for (const std::string& id : ids) {
        const Entity* e = ctx.pack.find(id);
        if (!e || !e->location) continue;
        const Vec2d p = geo_to_screen(view, viewport, *e->location);
        if (p.x < 24 || p.y < 24 || p.x > viewport.width - 24 || p.y > viewport.height - 24) return false;
    }
    return true;
}

// [SECTION] Drawing the basemap -------------------------------------------------------------------

// ImGui joins polyline segments with miters limited only to ten times the line's
// width, so at a sharp corner the join shoots out as a spike. Simplified coastlines
// turn sharply all the time: draw them in runs that break at every corner sharper
// than 60 degrees (a break in a 1-2 px line does not show).
void stroke(ImDrawList* draw, const ImVec2* points, int count, ImU32 colour, float thickness) {
    int start = 0;
    for (int i = 1; i + 1 < count; ++i) {
        const ImVec2 a(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
        const ImVec2 b(points[i + 1].x - points[i].x, points[i + 1].y - points[i].y);
        const float dot = a.x * b.x + a.y * b.y;
        if (dot < 0 && dot * dot > 0.25f * (a.x * a.x + a.y * a.y) * (b.x * b.x + b.y * b.y)) {
            draw->AddPolyline(points + start, i - start + 1, colour, ImDrawFlags_None, thickness);
            start = i;
        }
    }
    if (count - start >= 2) draw->AddPolyline(points + start, count - start, colour, ImDrawFlags_None, thickness);
}

// How strongly the pack lights up a country: 0, 1 related, 2 hovered or selected.
// `levels` is sorted by ISO code (Scene::highlight).
int highlight_of(std::span<const std::pair<std::string, int>> levels, std::string_view id) {
    if (id.empty()) return 0;
    const auto at = std::lower_bound(levels.begin(), levels.end(), id,
                                     [](const std::pair<std::string, int>& l, std::string_view key) { return l.first < key; });
    return at != levels.end() && at->first == id ? at->second : 0;
}

// The key of `cache` drawn for `visible`; what is in view is taken from the last frame's
// when that was for the same box of the same layer (a pan within a cell, a hover: every
// frame would test every country and line again).
LayerDrawKey layer_draw_key(const PanelContext& ctx, const BasemapCache& cache, const WorldBox& visible, int lod, float scale,
                            const LayerDraw& last_frame) {
    const Theme& theme = ctx.theme;
    LayerDrawKey key{&cache, cache.revision, lod, scale, ctx.fonts_revision, ImGui::GetWindowDrawList()->Flags,
                     {theme.land, theme.land_highlight, theme.border, theme.coast, theme.kind[static_cast<int>(EntityKind::Place)]},
                     {}, {}, {}};
    if (const LayerDrawKey& last = last_frame.key; last.layer == key.layer && last.revision == key.revision && last_frame.box == visible) {
        key.countries = last.countries, key.borders = last.borders, key.coastlines = last.coastlines;
        return key;
    }
    for (std::size_t i = 0; i < cache.boxes.size(); ++i)
        if (cache.boxes[i].intersects(visible)) key.countries.push_back(static_cast<std::uint32_t>(i));
    auto in_view = [&](const std::vector<ProjectedLine>& set, std::vector<std::uint32_t>& out) {
        for (std::size_t i = 0; i < set.size(); ++i)
            if (set[i].box.intersects(visible)) out.push_back(static_cast<std::uint32_t>(i));
    };
    in_view(cache.borders, key.borders);
    in_view(cache.coastlines, key.coastlines);
    return key;
}

// The countries of `key` the pack lights up: index * 4 + highlight level.
std::vector<std::uint32_t> lit_countries(const BasemapCache& cache, const LayerDrawKey& key,
                                         std::span<const std::pair<std::string, int>> highlight) {
    std::vector<std::uint32_t> lit;
    for (const std::uint32_t i : key.countries)
        if (const int level = highlight_of(highlight, cache.map->countries[i].id); level > 0) lit.push_back(i * 4 + level);
    return lit;
}

// The vertices a layer writes, counted against kBasemapVertexBudget: land, lines, then the
// lit countries' fills and outlines, each part left out once the budget would be passed.
// Lines and outlines count an upper bound of what a stroke writes.
struct VertexBudget {
    std::size_t used = 0;
    bool take(std::size_t vertices) {
        if (used + vertices > static_cast<std::size_t>(kBasemapVertexBudget)) return false;
        used += vertices;
        return true;
    }
};
std::size_t stroke_bound(std::size_t points) { return 3 * points; }  // texture-based anti-aliased lines: two a point, two more a break
std::size_t outline_bound(const std::vector<Vec2f>& line) { return 4 * line.size(); }

// Countries' triangles, written straight into `draw` about the projection's origin
// (screen = world * scale): the world layer's land, or the lit countries again over it.
void fill_countries(BasemapCache& cache, const LayerDrawKey& key, std::span<const std::uint32_t> countries, int per_index,
                    ImU32 colour, ImDrawList* draw, VertexBudget& budget) {
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    for (const std::uint32_t entry : countries) {
        const LodCountry& mesh = lod_country(cache, key.lod, entry / per_index);
        if (mesh.indices.empty() || !budget.take(mesh.vertices.size())) continue;
        draw->PrimReserve(static_cast<int>(mesh.indices.size()), static_cast<int>(mesh.vertices.size()));
        const unsigned base = draw->_VtxCurrentIdx;
        for (const Vec2f& v : mesh.vertices) draw->PrimWriteVtx(ImVec2(v.x * key.scale, v.y * key.scale), uv, colour);
        for (const uint32_t index : mesh.indices) draw->PrimWriteIdx(static_cast<ImDrawIdx>(base + index));
    }
}

// Borders under coastlines (where both meet, the coast reads as the edge of land), about
// the origin.
void stroke_lines(MapPanel& m, BasemapCache& cache, const LayerDrawKey& key, ImDrawList* draw, VertexBudget& budget) {
    Lod& level = cache.lods[key.lod];
    auto stroke_all = [&](std::vector<ProjectedLine>& set, std::vector<LodLine>& simplified, const std::vector<std::uint32_t>& shown,
                          ImU32 colour) {
        for (const std::uint32_t i : shown) {
            const LodLine& line = lod_line(set, simplified, key.lod, i);
            if (line.points.empty() || !budget.take(stroke_bound(line.points.size()))) continue;
            m.scratch.clear();
            for (const Vec2f& p : line.points) m.scratch.push_back(ImVec2(p.x * key.scale, p.y * key.scale));
            stroke(draw, m.scratch.data(), static_cast<int>(m.scratch.size()), colour, 1.0f);
        }
    };
    const auto [land, land_highlight, border, coast, outline] = key.colours;
    stroke_all(cache.borders, level.borders, key.borders, border);
    stroke_all(cache.coastlines, level.coastlines, key.coastlines, coast);
}

// Outlines of the countries the reader points at or selected (level 2), about the origin.
void outline_countries(MapPanel& m, BasemapCache& cache, const LayerDrawKey& key, std::span<const std::uint32_t> lit,
                       ImDrawList* draw, VertexBudget& budget) {
    for (const std::uint32_t entry : lit) {
        if (entry % 4 < 2) continue;
        for (const std::vector<Vec2f>& line : lod_country(cache, key.lod, entry / 4).outlines) {
            if (!budget.take(outline_bound(line))) break;
            m.scratch.clear();
            for (const Vec2f& p : line) m.scratch.push_back(ImVec2(p.x * key.scale, p.y * key.scale));
            stroke(draw, m.scratch.data(), static_cast<int>(m.scratch.size()), std::get<4>(key.colours), 2.0f);
        }
    }
}

// Whether everything `key` and `lit` name fits the vertex budget, by the drawing's own
// counts, so that none of it is left out.
bool fits_budget(BasemapCache& cache, const LayerDrawKey& key, std::span<const std::uint32_t> lit) {
    std::size_t total = 0;
    for (const std::uint32_t i : key.countries) total += lod_country(cache, key.lod, i).vertices.size();
    for (const std::uint32_t entry : lit) {
        const LodCountry& mesh = lod_country(cache, key.lod, entry / 4);
        total += mesh.vertices.size();
        if (entry % 4 >= 2)
            for (const std::vector<Vec2f>& line : mesh.outlines) total += outline_bound(line);
    }
    Lod& level = cache.lods[key.lod];
    for (const std::uint32_t i : key.borders) total += stroke_bound(lod_line(cache.borders, level.borders, key.lod, i).points.size());
    for (const std::uint32_t i : key.coastlines)
        total += stroke_bound(lod_line(cache.coastlines, level.coastlines, key.lod, i).points.size());
    return total <= static_cast<std::size_t>(kBasemapVertexBudget);
}

// The land and lines of what `key` says is in view, drawn about the origin into the
// panel's own list and retained by the renderer as one drawing, in two runs (the lit
// countries are drawn between them).
void retain_layer(MapPanel& m, BasemapCache& cache, const LayerDrawKey& key, LayerDraw& slot) {
    ImDrawList& list = own_draw_list(m.layer_list, key.flags);
    // Room for a whole budget from the start (a stroke or a fill writes at most three
    // indices a vertex): grown by halves from empty, the first layer's buffers were copied
    // about twenty times, 2-4 ms of a desktop's first frame (profiled).
    list.VtxBuffer.reserve(kBasemapVertexBudget);
    list.IdxBuffer.reserve(3 * kBasemapVertexBudget);
    list.PushClipRectFullScreen();
    VertexBudget budget;
    const DrawMark mark = draw_mark(&list);
    fill_countries(cache, key, key.countries, 1, std::get<0>(key.colours), &list, budget);
    const std::size_t land = static_cast<std::size_t>(list.IdxBuffer.Size);
    stroke_lines(m, cache, key, &list, budget);
    retain_drawing(&list, mark, slot.layer);
    const std::size_t all = slot.layer.kept.indices.size();
    slot.land = {&slot.layer, 0, land};
    slot.lines = {&slot.layer, land, all - land};
    slot.whole = {&slot.layer, 0, all};
    slot.layer_vertices = budget.used;
}

// One layer (the world or a detail tile) in one copy of the world, made about the origin
// and moved by the renderer by the projection's offset: its land and lines are remade
// when what is in view changes, and kept by the renderer (a pan or a hover uploads none of
// them); the lit countries' fills and outlines when the highlight changes, kept here and
// written again otherwise. What it draws is what lies in `grown` (the view grown to a
// grid, so that a pan keeps the same countries and lines until the view crosses a cell's
// edge), unless that would not all fit the vertex budget: then what lies in `visible`.
void draw_layer(const PanelContext& ctx, MapPanel& m, BasemapCache& cache, const Projector& proj, const WorldBox& visible,
                const WorldBox& grown, int lod, std::span<const std::pair<std::string, int>> highlight, LayerDraw& slot) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float scale = static_cast<float>(proj.scale);
    const WorldBox* box = &grown;
    LayerDrawKey key = layer_draw_key(ctx, cache, *box, lod, scale, slot);
    std::vector<std::uint32_t> lit = lit_countries(cache, key, highlight);
    if (!(slot.key == key) && !fits_budget(cache, key, lit)) {
        box = &visible;
        key = layer_draw_key(ctx, cache, *box, lod, scale, slot);
        lit = lit_countries(cache, key, highlight);
    }
    if (!(slot.key == key)) {
        retain_layer(m, cache, key, slot);
        slot.key = std::move(key);
        slot.lit_kept = false;
    }
    slot.box = *box;
    const bool lit_again = slot.lit_kept && slot.lit == lit;
    VertexBudget budget{slot.layer_vertices};
    slot.offset = ImVec2(static_cast<float>(proj.offset.x), static_cast<float>(proj.offset.y));
    move_following(draw, &slot.offset);
    if (lit.empty()) {
        draw_retained(draw, &slot.whole);
        move_following(draw, nullptr);
        slot.lit.clear();
        slot.lit_kept = false;
        return;
    }
    draw_retained(draw, &slot.land);
    DrawMark mark = draw_mark(draw);
    if (lit_again) replay_drawing(draw, slot.fills, ImVec2(0, 0));
    else fill_countries(cache, slot.key, lit, 4, std::get<1>(slot.key.colours), draw, budget);
    bool kept = lit_again || keep_drawing(draw, mark, slot.fills, ImVec2(0, 0));
    draw_retained(draw, &slot.lines);
    mark = draw_mark(draw);
    if (lit_again) replay_drawing(draw, slot.outlines, ImVec2(0, 0));
    else outline_countries(m, cache, slot.key, lit, draw, budget);
    kept = lit_again || (keep_drawing(draw, mark, slot.outlines, ImVec2(0, 0)) && kept);
    move_following(draw, nullptr);
    slot.lit = std::move(lit);
    slot.lit_kept = kept;
}

// `visible` grown outward to a grid of cells a quarter of its size or less (powers of two
// of world units, so that the grid follows the zoom and the panel's size, not the pan).
WorldBox grown_to_grid(const WorldBox& visible) {
    const auto cell = [](double extent) { return std::exp2(std::floor(std::log2(extent / 4))); };
    const double cx = cell(visible.x1 - visible.x0), cy = cell(visible.y1 - visible.y0);
    return {std::floor(visible.x0 / cx) * cx, std::floor(visible.y0 / cy) * cy, std::ceil(visible.x1 / cx) * cx,
            std::ceil(visible.y1 / cy) * cy};
}

// The cache of detail tile `tile`, when it has arrived; otherwise asks for it once.
BasemapCache* detail_layer(const PanelContext& ctx, MapPanel& m, int tile) {
    DetailTiles& detail = *ctx.basemap_detail;
    const std::size_t t = static_cast<std::size_t>(tile);
    if (!detail.tiles[t]) {
        if (!detail.requested[t]) {
            detail.requested[t] = true;
            detail.wanted.push_back(tile);
        }
        return nullptr;
    }
    BasemapCache& cache = m.tiles[t];
    if (cache.revision != detail.revisions[t]) reset_basemap_cache(cache, &*detail.tiles[t], detail.revisions[t]);
    return &cache;
}

// The view may go kMapPlacePaddingPx beyond the Mercator world's edges (world_view_limits),
// to show a place there whole. Beyond its north edge (85.05° N) lies the Arctic's sea, the
// panel's own colour; beyond its south edge, Antarctica, which the basemap draws as land
// up to that edge at every longitude: the same land continues, so no false coast of sea
// appears under a place at the South Pole, and it is lit when Antarctica is.
void draw_beyond_south_edge(ImDrawList* draw, const Theme& theme, const Projector& proj, ImVec2 origin, ImVec2 size,
                            std::span<const std::pair<std::string, int>> highlight) {
    const float south_edge = proj({0.0, kWorldSizePx}).y;
    const float bottom = origin.y + size.y;
    const ImU32 colour = highlight_of(highlight, kAntarcticaId) > 0 ? theme.land_highlight : theme.land;
    if (south_edge < bottom) draw->AddRectFilled(ImVec2(origin.x, std::max(origin.y, south_edge)), ImVec2(origin.x + size.x, bottom), colour);
}

// Every copy of the world the view shows; zoomed in, tile by tile.
void draw_basemap(const PanelContext& ctx, MapPanel& m, const Projector& proj, const WorldBox& visible, double zoom,
                  std::span<const std::pair<std::string, int>> highlight) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const int lod = lod_for_zoom(zoom);
    const bool detail = zoom >= kDetailMinZoom && ctx.basemap_detail;
    const int first = static_cast<int>(std::floor(visible.x0 / kWorldSizePx));
    const int last = static_cast<int>(std::floor(visible.x1 / kWorldSizePx));
    std::size_t layers = 0;
    auto next_slot = [&]() -> LayerDraw& {
        if (m.layer_draws.size() <= layers) m.layer_draws.resize(layers + 1);
        return m.layer_draws[layers++];
    };
    const WorldBox grown = grown_to_grid(visible);
    const auto within = [](const WorldBox& a, const WorldBox& b) {
        return WorldBox{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
    };
    for (int copy = first; copy <= last; ++copy) {
        const Projector p = proj.copy_of_world(copy);
        const double dx = copy * kWorldSizePx;
        const WorldBox copy_box{0, -INFINITY, kWorldSizePx, INFINITY};
        const WorldBox v = within({visible.x0 - dx, visible.y0, visible.x1 - dx, visible.y1}, copy_box);
        const WorldBox g = within({grown.x0 - dx, grown.y0, grown.x1 - dx, grown.y1}, copy_box);
        if (!detail) {
            draw_layer(ctx, m, m.basemap, p, v, g, lod, highlight, next_slot());
            continue;
        }
        const GeoPoint north_west = unproject({v.x0, v.y0}), south_east = unproject({v.x1, v.y1});
        struct TileInView {
            int tile;
            WorldBox box;    // the tile's part of the view
            WorldBox grown;  // and of the grown view
        };
        std::vector<TileInView> tiles;
        for (const int tile : detail_tiles_in({north_west.lon, south_east.lat, south_east.lon, north_west.lat})) {
            const WorldBox t = world_box(detail_tile_box(tile));
            const WorldBox in_view = within(t, v);
            if (in_view.x0 < in_view.x1 && in_view.y0 < in_view.y1) tiles.push_back({tile, in_view, within(t, g)});
        }
        // Until a tile in view arrives (asked for here), the world layer stands in for all
        // of them at once, rather than drawing the same countries again for each tile.
        int arrived = 0;
        for (const TileInView& t : tiles) arrived += detail_layer(ctx, m, t.tile) != nullptr;
        if (arrived == 0) {
            draw_layer(ctx, m, m.basemap, p, v, g, lod, highlight, next_slot());
            continue;
        }
        for (const TileInView& t : tiles) {
            BasemapCache* layer = detail_layer(ctx, m, t.tile);
            if (layer) {
                // A tile's land ends where the bake cut it, at the grid line nearest its
                // box's side, which is where its neighbour's begins: clipped to the box
                // itself, the two left a seam of sea between them (a pixel at zoom 6).
                draw_layer(ctx, m, *layer, p, t.box, t.grown, lod, highlight, next_slot());
            } else if (m.basemap.map) {
                // The world layer, standing in for a tile on its way, draws within the
                // tile's box only, not over the neighbours.
                draw->PushClipRect(p({t.box.x0, t.box.y0}), p({t.box.x1, t.box.y1}), true);
                draw_layer(ctx, m, m.basemap, p, t.box, t.grown, lod, highlight, next_slot());
                draw->PopClipRect();
            }
        }
    }
}

// [SECTION] Overlay: buttons, scale bar, attribution ---------------------------------------------

struct Controls {
    ImVec2 zoom_in, zoom_out, reset;  // top-left corners
    float size = 32;
};

Controls layout_controls(ImVec2 origin, ImVec2 size, bool narrow) {
    Controls c;
    c.size = narrow ? 44.0f : 32.0f;
    const float x = origin.x + size.x - 10 - c.size;
    c.zoom_in = ImVec2(x, origin.y + 10);
    c.zoom_out = ImVec2(x, c.zoom_in.y + c.size);
    c.reset = ImVec2(x, c.zoom_out.y + c.size + 8);
    return c;
}

enum class Icon { Plus, Minus, Fit };

// One map control: an ImGui button for hover and clicks, drawn later over the map.
struct ControlButton {
    ImVec2 at;
    float size = 0;
    bool hovered = false, held = false, clicked = false;
};

ControlButton control_button(const char* id, ImVec2 at, float size) {
    ControlButton b{at, size};
    ImGui::SetCursorScreenPos(at);
    b.clicked = ImGui::InvisibleButton(id, ImVec2(size, size));
    b.hovered = ImGui::IsItemHovered();
    b.held = ImGui::IsItemActive();
    return b;
}

void draw_control(ImDrawList* draw, const Theme& theme, const ControlButton& b, Icon icon, bool enabled,
                  ImDrawFlags corners) {
    const ImVec2 a = b.at, z(b.at.x + b.size, b.at.y + b.size);
    const ImU32 fill = b.held ? theme.selection_fill : b.hovered ? theme.hover_fill : theme.panel;
    draw->AddRectFilled(a, z, fill, 6, corners);
    draw->AddRect(a, z, theme.rule, 6, corners, 1.0f);
    const ImU32 ink = enabled ? theme.text : with_alpha(theme.text_muted, 0.6f);
    const ImVec2 c(std::round(a.x + b.size / 2), std::round(a.y + b.size / 2));
    const float r = std::round(b.size * 0.22f);
    switch (icon) {
    case Icon::Plus:
        draw->AddLine(ImVec2(c.x - r, c.y), ImVec2(c.x + r, c.y), ink, 2.0f);
        draw->AddLine(ImVec2(c.x, c.y - r), ImVec2(c.x, c.y + r), ink, 2.0f);
        break;
    case Icon::Minus: draw->AddLine(ImVec2(c.x - r, c.y), ImVec2(c.x + r, c.y), ink, 2.0f); break;
    case Icon::Fit: {
        // Four corner brackets: "show everything".
        const float k = r * 0.55f;
        for (int sx = -1; sx <= 1; sx += 2)
            for (int sy = -1; sy <= 1; sy += 2) {
                const ImVec2 corner(c.x + sx * r, c.y + sy * r);
                const ImVec2 points[3] = {ImVec2(corner.x, corner.y - sy * k), corner, ImVec2(corner.x - sx * k, corner.y)};
                draw->AddPolyline(points, 3, ink, ImDrawFlags_None, 1.6f);
            }
        break;
    }
    }
}

// Writes "500 km" for `value` into `text`, unless the legend of the last frame had that
// value: printf's %g took 0.08 ms of every frame in the web build (4% of a hover's).
void scale_text(char (&text)[32], const char (&last_text)[32], double value, double last_value, const char* unit) {
    if (value == last_value && last_text[0]) std::memcpy(text, last_text, sizeof text);
    else std::snprintf(text, sizeof text, "%g %s", value, unit);
}

ScaleLegend layout_scale(const PanelContext& ctx, const ScaleLegend& last, const MapView& view, ImVec2 origin, ImVec2 size) {
    ScaleLegend s;
    ImFont* font = ctx.fonts.sans_small;
    const float px = font_size(font);
    const double metres_per_px = metres_per_pixel(view.lat, view.zoom);
    const double max_px = std::clamp(size.x * 0.22, 60.0, 120.0);
    s.km = nice_scale_bar(metres_per_px, max_px, DistanceUnit::Kilometres);
    s.mi = nice_scale_bar(metres_per_px, max_px, DistanceUnit::Miles);
    scale_text(s.km_text, last.km_text, s.km.value, last.km.value, "km");
    scale_text(s.mi_text, last.mi_text, s.mi.value, last.mi.value, "mi");
    const double bar = std::max(s.km.length_px, s.mi.length_px);
    const double width = std::max({bar, double(text_size(font, s.km_text).x), double(text_size(font, s.mi_text).x)}) + 12;
    const double height = 2 * px + 14;
    s.box = {origin.x + 8.0, origin.y + size.y - 8.0 - height, origin.x + 8.0 + width, origin.y + size.y - 8.0};
    return s;
}

void draw_scale(const PanelContext& ctx, const ScaleLegend& s) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = ctx.theme.text;
    ImFont* font = ctx.fonts.sans_small;
    const float px = font_size(font);
    const ImVec2 a = top_left(s.box);
    draw->AddRectFilled(a, bottom_right(s.box), with_alpha(ctx.theme.panel, 0.8f), 4);
    const float x0 = a.x + 6, y = a.y + px + 7;
    draw->AddText(font, px, ImVec2(x0, a.y + 2), ink, s.km_text);
    draw->AddText(font, px, ImVec2(x0, y + 4), ink, s.mi_text);
    // One rule: kilometre ticks above it, mile ticks below.
    const float km_x = x0 + static_cast<float>(s.km.length_px), mi_x = x0 + static_cast<float>(s.mi.length_px);
    draw->AddLine(ImVec2(x0, y), ImVec2(std::max(km_x, mi_x), y), ink, 1.5f);
    draw->AddLine(ImVec2(x0, y - 5), ImVec2(x0, y + 5), ink, 1.5f);
    draw->AddLine(ImVec2(km_x, y - 5), ImVec2(km_x, y), ink, 1.5f);
    draw->AddLine(ImVec2(mi_x, y), ImVec2(mi_x, y + 5), ink, 1.5f);
}

constexpr const char* kAttribution = "Natural Earth";

// The basemap's source, in the bottom-right corner.
Rect attribution_box(const PanelContext& ctx, ImVec2 origin, ImVec2 size) {
    const ImVec2 t = text_size(ctx.fonts.sans_small, kAttribution);
    const double x1 = origin.x + size.x - 8.0, y1 = origin.y + size.y - 5.0;
    return {x1 - t.x - 8.0, y1 - t.y - 2.0, x1, y1};
}

void draw_attribution(const PanelContext& ctx, const Rect& box) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(top_left(box), bottom_right(box), with_alpha(ctx.theme.panel, 0.8f), 3);
    draw->AddText(ctx.fonts.sans_small, font_size(ctx.fonts.sans_small), ImVec2(top_left(box).x + 4, top_left(box).y + 1),
                  ctx.theme.text_muted, kAttribution);
}

// [SECTION] View changes ----------------------------------------------------------------------------

// What the reader did to the map this frame, in panel px.
struct PointerInput {
    bool hovered = false;        // the pointer is over the map (not over a control)
    bool active = false;         // the left button went down on the map and is held
    Vec2d mouse;
    bool gesture = false;        // a pinch is under way over the map
    bool moves_marker = false;   // the press drags a place's marker (the editor's): no pan
    bool zoom_in = false, zoom_out = false, reset = false;  // control clicks
};

// The view as it changes through one frame: the store's target (or the flight towards
// it), the reader's input, then a selection to bring into view. `target` is what the
// store is to hold after the frame, when this frame chose a new one.
struct ViewUpdate {
    MapPanel& m;
    const PanelContext& ctx;
    Viewport viewport;
    ViewLimits limits;
    MapView view;                  // what this frame draws
    std::optional<MapView> target;
    bool moved = false;            // the reader moved the view itself: it is the target

    Vec2d centre() const { return {viewport.width / 2, viewport.height / 2}; }

    void moved_by_reader() {
        m.flight.active = false;
        moved = true;
    }
    void pan_by(double dx, double dy) {  // screen px the view's centre moves
        const Vec2d world = project({.lon = view.lon, .lat = view.lat});
        const double scale = zoom_scale(view.zoom);
        view = view_at_world({world.x + dx / scale, world.y + dy / scale}, view.zoom);
    }
    void step_zoom(Vec2d anchor, double by) {
        // Presses during a step add up instead of restarting from where the step is.
        const double from_zoom = m.flight.active && m.flight.step ? m.flight.to_zoom : view.zoom;
        const double to_zoom = std::clamp(from_zoom + by, limits.min_zoom, limits.max_zoom);
        const MapView to = clamp_view(zoom_about(view, viewport, anchor, to_zoom), viewport, limits);
        moved = false;
        target = to;
        if (ctx.reduced_motion) {
            m.flight.active = false;
            view = to;
        } else {
            start_step(m, view, anchor, to_zoom, to, ctx.time);
        }
    }
    void fly_to(const MapView& destination) {
        const MapView to = clamp_view(destination, viewport, limits);
        moved = false;
        target = to;
        if (!ctx.reduced_motion) start_fly(m, view, to, viewport, ctx.time);
        if (ctx.reduced_motion || !m.flight.active) {
            m.flight.active = false;
            view = to;
        }
    }
    // Back to the opening view, which follows the panel's size again from there.
    void reset() { fly_to(opening_view_at(m.pack, m.opening, viewport)); }
    // What the frame asks of the store: the view the reader moved to, or a flight's end.
    std::optional<MapView> new_target() const {
        if (moved) return clamp_view(view, viewport, limits);
        return target;
    }
};

// Where the map is this frame: the store's target, or a step of the flight towards it.
// A flight whose end is not the target any more (a link, Back, undo or the host moved
// the map) is dropped: the new view shows at once. While the target is the opening view
// the map shows it fitted to this panel's size (the store's default, once it has the size).
void begin_view(ViewUpdate& u) {
    MapPanel& m = u.m;
    const MapView& target = u.ctx.state.map;
    const bool opening = same_map_view(target, u.ctx.defaults.map);
    u.view = opening ? opening_view_at(m.pack, m.opening, u.viewport) : target;
    if (m.flight.active && !same_map_view(m.flight.to, opening ? u.view : target)) m.flight.active = false;
    if (m.flight.active) {
        const bool done = flight_done(m.flight, u.ctx.time);
        if (!done) u.view = sample_flight(m.flight, u.viewport, u.ctx.time);
        m.flight.active = !done;
    }
    u.view = clamp_view(u.view, u.viewport, u.limits);
}

void apply_input(ViewUpdate& u, const PointerInput& in, ImVec2 origin) {
    ImGuiIO& io = ImGui::GetIO();
    MapPanel& m = u.m;
    if (in.hovered && io.MouseWheel != 0 && !in.gesture) {
        u.moved_by_reader();
        const double zoom = std::clamp(u.view.zoom + io.MouseWheel * kWheelZoomPerNotch, u.limits.min_zoom, u.limits.max_zoom);
        u.view = zoom_about(u.view, u.viewport, in.mouse, zoom);
    }
    if (in.gesture) {
        // The ground under the fingers' centre stays under it while they spread and move.
        const Gesture& g = *u.ctx.gesture;
        const Vec2d before{g.center.x - g.pan.x - origin.x, g.center.y - g.pan.y - origin.y};
        u.moved_by_reader();
        const double zoom = std::clamp(u.view.zoom + std::log2(g.scale), u.limits.min_zoom, u.limits.max_zoom);
        u.view = zoom_about(u.view, u.viewport, before, zoom);
        u.pan_by(-g.pan.x, -g.pan.y);
    }
    if (in.active && ImGui::IsMouseDragging(0, kClickSlop) && !in.gesture) {
        // The first dragging frame catches up with the movement under the threshold too.
        const ImVec2 delta = m.dragging ? io.MouseDelta : ImGui::GetMouseDragDelta(0, kClickSlop);
        m.dragging = true;
        if (!in.moves_marker) {
            u.moved_by_reader();
            u.pan_by(-delta.x, -delta.y);
        }
    }
    if (!in.active) m.dragging = false;
    // The browser's count of clicks (from the events' own times), not ImGui's: ImGui counts
    // in frame times, and on a slow machine the frames between two clicks outlast its limit.
    if (in.hovered && ImGui::IsMouseClicked(0) && u.ctx.click_count == 2) u.step_zoom(in.mouse, io.KeyShift ? -1.0 : 1.0);
    if (in.zoom_in) u.step_zoom(u.centre(), 1.0);
    if (in.zoom_out) u.step_zoom(u.centre(), -1.0);
    if (in.reset) u.reset();
    if (u.ctx.keyboard_focus && !io.KeyCtrl && !io.KeyAlt) {
        if (ImGui::IsKeyPressed(kKeyPlus)) u.step_zoom(u.centre(), 1.0);
        if (ImGui::IsKeyPressed(kKeyMinus)) u.step_zoom(u.centre(), -1.0);
        if (ImGui::IsKeyPressed(kKeyZero, false)) u.reset();
        const struct {
            ImGuiKey key;
            float dx, dy;
        } pans[] = {{ImGuiKey_LeftArrow, -kKeyPanPx, 0},
                    {ImGuiKey_RightArrow, kKeyPanPx, 0},
                    {ImGuiKey_UpArrow, 0, -kKeyPanPx},
                    {ImGuiKey_DownArrow, 0, kKeyPanPx}};
        for (const auto& pan : pans)
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(pan.key))) {
                u.moved_by_reader();
                u.pan_by(pan.dx, pan.dy);
            }
    }
}

// A new selection by the reader brings its places into view. On a phone the map is a
// tab of its own: when it appears, it opens on a selection made while it was hidden,
// unless someone (a link) moved the map meanwhile.
void follow_selection(ViewUpdate& u, bool appearing) {
    MapPanel& m = u.m;
    const PanelContext& ctx = u.ctx;
    const bool view_untouched = m.target_last_drawn ? same_map_view(ctx.state.map, *m.target_last_drawn)
                                                    : same_map_view(ctx.state.map, ctx.defaults.map);
    const bool missed = appearing && ctx.state.selection != m.seen_selection && view_untouched;
    if ((ctx.selection_changed_by_user || missed) && !ctx.state.selection.empty()) {
        const std::vector<std::string> ids = places_of(ctx.pack, ctx.state.selection);
        // A place the reader just clicked on the map is in view already: stay.
        const bool shown_here = m.selected_here == ctx.state.selection && all_visible(ctx, ids, u.view, u.viewport);
        if (!shown_here)
            if (const std::optional<MapView> target = selection_view(ctx, ids, u.viewport, u.view)) {
                u.fly_to(*target);
                if (appearing) {  // the map was not on screen: it opens there
                    m.flight.active = false;
                    u.view = *u.target;
                }
            }
    }
    m.seen_selection = ctx.state.selection;
    m.selected_here.clear();
}

// [SECTION] Labels and markers ---------------------------------------------------------------------
// Places, the distance arc and the basemap's country names are placed together, in
// that order of priority, so that no label overlaps another or a marker.

enum class LabelKind { Place, CountryName, Arc };

struct LabelOwner {
    LabelKind kind = LabelKind::Place;
    std::size_t index = 0;         // into places, basemap countries or arcs
    ImFont* font = nullptr;
    float font_px = 0;
    bool two_lines = false;        // arc label only
};

struct DrawnPlace {
    ImVec2 at;                     // canvas px
    float radius = 0;              // 0 for a country-level place (no dot)
    Emphasis emphasis = Emphasis::None;
    bool future = false;           // every event there lies after the time cursor
    bool visible = false;
    // A later marker draws exactly the same dot on the same spot (places sharing a
    // location): this one is hidden under it and not drawn, so a frame's cost follows
    // what can be seen, not how many places share a spot. It stays locatable.
    bool covered = false;
    // A country or region named where it is seen (land_in_view), its label point being
    // out of view: the layout holds while that spot stays in view (current_scene).
    bool named_where_seen = false;
    int label = -1;                // index into the label candidates
};

struct DrawnArc {
    Emphasis emphasis = Emphasis::None;
    int label = -1;
    double shift = 0;              // world units east: the copy of the arc nearest the view
    bool covered = false;          // a later arc draws the same line, and this one has no label
};

struct Scene {
    std::vector<DrawnPlace> places;   // parallel to PackCache::places
    std::vector<DrawnArc> arcs;       // parallel to PackCache::arcs
    std::vector<std::size_t> shown;   // the places in view, into places
    // Of those, the ones that draw a marker or a label; the others (hidden under a place
    // that looks the same), and the arcs another draws over, are only located, from
    // `quiet`, shared with each frame's LocatedList and moved by `quiet_moved` (the pan
    // since the layout): a frame's cost, a pan's included, follows what is drawn, not how
    // many places or distances share a spot.
    std::vector<std::size_t> drawn;
    SharedRects quiet;
    ImVec2 quiet_moved{0, 0};
    // Countries the pack lights up, by ISO code (sorted): 1 related, 2 hovered or selected.
    std::vector<std::pair<std::string, int>> highlight;
    std::vector<LabelCandidate> candidates;
    std::vector<LabelOwner> owners;   // parallel to candidates
    std::vector<LabelPlacement> placed;
};

// Where the pointer hit something the reader can hover and select.
struct Hit {
    std::string_view id;
    ImVec2 card_anchor;
    Rect area;            // what the pointer is over: the label, or the marker's hit square
};

// What a label (and a place's marker) looks like on screen: places or arcs that look the
// same (a long pack naming one city in many entities) get one label and one obstacle
// between them, so that the map does not name a spot twice, and a layout's cost follows
// what can be seen rather than how many entities share a spot.
struct LabelLook {
    std::string_view name;
    long long x = 0, y = 0;        // quarter px
    Emphasis emphasis = Emphasis::None;
    bool future = false, country_level = false;
    bool operator==(const LabelLook&) const = default;
};

struct LabelLookHash {
    std::size_t operator()(const LabelLook& k) const {
        std::size_t h = std::hash<std::string_view>{}(k.name);
        h = h * 31 + std::hash<long long>{}(k.x * 1000003 + k.y);
        return h * 31 + static_cast<std::size_t>(static_cast<int>(k.emphasis) * 4 + k.future * 2 + k.country_level);
    }
};

// The box of countries on screen, in the copy of the world nearest `near`.
Rect screen_box(const BasemapCache& cache, std::span<const int> countries, const Projector& proj, ImVec2 near) {
    const double near_x = (near.x - proj.offset.x) / proj.scale;
    Rect box{INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (const int country : countries) {
        const WorldBox& b = cache.boxes[static_cast<std::size_t>(country)];
        const double shift = wrap_near((b.x0 + b.x1) / 2, near_x) - (b.x0 + b.x1) / 2;
        const ImVec2 a = proj({b.x0 + shift, b.y0}), z = proj({b.x1 + shift, b.y1});
        box = {std::min<double>(box.x0, a.x), std::min<double>(box.y0, a.y), std::max<double>(box.x1, z.x), std::max<double>(box.y1, z.y)};
    }
    return box;
}

bool in_triangle(Vec2d p, Vec2f a, Vec2f b, Vec2f c) {
    const auto side = [&](Vec2f u, Vec2f v) { return (v.x - u.x) * (p.y - u.y) - (v.y - u.y) * (p.x - u.x); };
    const double d0 = side(a, b), d1 = side(b, c), d2 = side(c, a);
    return !((d0 < 0 || d1 < 0 || d2 < 0) && (d0 > 0 || d1 > 0 || d2 > 0));
}

// A name needs a country's shape to a few px, not its coast: the levels of detail up to this.
constexpr int kNameShapeMaxLod = 5;

// Whether a name nudged into `box` is still read as the country's (`own`: the countries' box
// on screen): its middle over that box, or the name beside it (within kNameBesideCountry
// px) with no part over another country's land. Its parts are points along its top,
// middle and bottom lines, at most kNameSampleStep px apart, so that a narrow neighbour
// under a wide name cannot fall between them. Only the triangles whose boxes meet the
// name's are tested.
bool reads_as_own(BasemapCache& cache, std::span<const int> countries, const Projector& proj, const Rect& own, const Rect& box) {
    constexpr double kNameBesideCountry = 10, kNameSampleStep = 8;
    const double mid_x = (box.x0 + box.x1) / 2, mid_y = (box.y0 + box.y1) / 2;
    if (mid_x >= own.x0 && mid_x <= own.x1 && mid_y >= own.y0 && mid_y <= own.y1) return true;
    if (box.x0 > own.x1 + kNameBesideCountry || box.x1 < own.x0 - kNameBesideCountry || box.y0 > own.y1 + kNameBesideCountry ||
        box.y1 < own.y0 - kNameBesideCountry)
        return false;
    const auto world = [&](double x, double y) { return Vec2d{(x - proj.offset.x) / proj.scale, (y - proj.offset.y) / proj.scale}; };
    const Vec2d w0 = world(box.x0, box.y0), w1 = world(box.x1, box.y1);
    const int steps = std::max(2, static_cast<int>(std::ceil((box.x1 - box.x0) / kNameSampleStep)));
    const int lod = std::min(lod_for_zoom(std::log2(proj.scale)), kNameShapeMaxLod);
    for (std::size_t i = 0; i < cache.boxes.size(); ++i) {
        const WorldBox& b = cache.boxes[i];
        const double shift = wrap_near((w0.x + w1.x) / 2, (b.x0 + b.x1) / 2) - (w0.x + w1.x) / 2;  // the name in the country's copy
        if (w0.x + shift > b.x1 || w1.x + shift < b.x0 || w0.y > b.y1 || w1.y < b.y0 ||
            std::find(countries.begin(), countries.end(), static_cast<int>(i)) != countries.end())
            continue;
        const LodCountry& shape = lod_country(cache, lod, i);
        for (std::size_t t = 0; t + 2 < shape.indices.size(); t += 3) {
            const Vec2f v0 = shape.vertices[shape.indices[t]], v1 = shape.vertices[shape.indices[t + 1]], v2 = shape.vertices[shape.indices[t + 2]];
            if (std::max({v0.x, v1.x, v2.x}) < w0.x + shift || std::min({v0.x, v1.x, v2.x}) > w1.x + shift ||
                std::max({v0.y, v1.y, v2.y}) < w0.y || std::min({v0.y, v1.y, v2.y}) > w1.y)
                continue;
            for (int k = 0; k <= steps; ++k)
                for (const double y : {w0.y, (w0.y + w1.y) / 2, w1.y})
                    if (in_triangle({w0.x + (w1.x - w0.x) * k / steps + shift, y}, v0, v1, v2)) return false;
        }
    }
    return true;
}

// Where a country or region whose label point lies out of view is seen, if anywhere:
// name_spot over the view, inset by about half a name so that one fits there, its samples
// tested against the countries' triangles (the base basemap's).
std::optional<ImVec2> land_in_view(BasemapCache& cache, std::span<const int> countries, const Projector& proj,
                                   ImVec2 origin, ImVec2 size, ImVec2 home) {
    constexpr int kColumns = 12, kRows = 8;
    const Rect area{origin.x + 40.0, origin.y + 12.0, origin.x + size.x - 40.0, origin.y + size.y - 12.0};
    if (area.x1 <= area.x0 || area.y1 <= area.y0) return std::nullopt;
    const double cell_w = (area.x1 - area.x0) / kColumns, cell_h = (area.y1 - area.y0) / kRows;
    const auto first = [](double lo, double area_lo, double cell) { return std::max(0, static_cast<int>(std::ceil((lo - area_lo) / cell - 0.5))); };
    const auto last = [](double hi, double area_lo, double cell, int n) { return std::min(n - 1, static_cast<int>(std::floor((hi - area_lo) / cell - 0.5))); };
    std::array<char, kColumns * kRows> inside_land{};
    const int lod = std::min(lod_for_zoom(std::log2(proj.scale)), kNameShapeMaxLod);
    for (const int country : countries) {
        const LodCountry& shape = lod_country(cache, lod, static_cast<std::size_t>(country));
        for (std::size_t t = 0; t + 2 < shape.indices.size(); t += 3) {
            // The triangle in the copy of the world nearest the view's centre (the bake
            // cuts shapes at the antimeridian, so no triangle crosses it).
            const Vec2f& w0 = shape.vertices[shape.indices[t]];
            const double shift = wrap_near(w0.x, proj.centre.x) - w0.x;
            std::array<Vec2f, 3> v;
            for (int k = 0; k < 3; ++k) {
                const Vec2f& w = shape.vertices[shape.indices[t + static_cast<std::size_t>(k)]];
                const ImVec2 at = proj({w.x + shift, w.y});
                v[static_cast<std::size_t>(k)] = {at.x, at.y};
            }
            const int c0 = first(std::min({v[0].x, v[1].x, v[2].x}), area.x0, cell_w);
            const int c1 = last(std::max({v[0].x, v[1].x, v[2].x}), area.x0, cell_w, kColumns);
            const int r0 = first(std::min({v[0].y, v[1].y, v[2].y}), area.y0, cell_h);
            const int r1 = last(std::max({v[0].y, v[1].y, v[2].y}), area.y0, cell_h, kRows);
            for (int r = r0; r <= r1; ++r)
                for (int c = c0; c <= c1; ++c) {
                    if (in_triangle(grid_sample(area, kColumns, kRows, c, r), v[0], v[1], v[2])) inside_land[static_cast<std::size_t>(r * kColumns + c)] = 1;
                }
        }
    }
    const std::optional<Vec2d> spot = name_spot(area, kColumns, kRows, inside_land, {home.x, home.y});
    if (!spot) return std::nullopt;
    return ImVec2(static_cast<float>(spot->x), static_cast<float>(spot->y));
}

void add_place_labels(const PanelContext& ctx, MapPanel& m, const Projector& proj, ImVec2 origin, ImVec2 size,
                      Scene& scene, std::vector<Rect>& obstacles) {
    ImFont* regular = ctx.fonts.sans_small;
    ImFont* bold = ctx.fonts.sans_bold;
    const auto quarter = [](float v) { return static_cast<long long>(std::lround(v * 4)); };
    std::unordered_set<LabelLook, LabelLookHash> looks;
    // Per PlaceItem::look, emphasis and future: whether a place drew that look already.
    std::vector<char> drawn_look(std::size_t{m.pack.looks} * kEmphasisCount * 2, 0);
    for (std::size_t i = 0; i < m.pack.places.size(); ++i) {
        const PlaceItem& p = m.pack.places[i];
        DrawnPlace& d = scene.places[i];
        d.at = proj.nearest(p.world);
        d.visible = inside(d.at, origin, size) && (p.has_point || !p.countries.empty());
        if (!d.visible && !p.has_point && !p.countries.empty())
            if (const std::optional<ImVec2> seen = land_in_view(m.basemap, p.countries, proj, origin, size, d.at)) {
                d.at = *seen;
                d.visible = d.named_where_seen = true;
            }
        if (!d.visible) continue;
        const Entity& e = ctx.pack.entities[p.entity];
        scene.shown.push_back(i);
        d.emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, e.id, p.entity);
        const std::optional<double>& first = m.pack.first_event_day[p.entity];
        d.future = ctx.state.time_cursor && first && starts_after_cursor(*first, *ctx.state.time_cursor);
        d.radius = p.country_level ? 0.0f
                   : d.emphasis >= Emphasis::Hovered ? kMarkerRadius + 2.0f
                   : d.emphasis == Emphasis::Related ? kMarkerRadius + 1.0f
                                                      : kMarkerRadius;
        // Another place drew this label and marker already: this one is located at its
        // marker (or its spot), hidden under it, and needs no label of its own.
        char& drawn = drawn_look[(std::size_t{p.look} * kEmphasisCount + static_cast<std::size_t>(d.emphasis)) * 2 + d.future];
        if (drawn) {
            d.covered = true;
            continue;
        }
        drawn = 1;
        if (!looks.insert({e.name, quarter(d.at.x), quarter(d.at.y), d.emphasis, d.future, p.country_level}).second) continue;
        const bool strong = d.emphasis >= Emphasis::Related || p.country_level;
        const LabelOwner owner{LabelKind::Place, i, strong ? bold : regular, font_size(strong ? bold : regular)};
        const ImVec2 t = text_size(owner.font, e.name);
        LabelCandidate c;
        c.anchor = {d.at.x, d.at.y};
        c.size = {t.x + 2 * kLabelPadX, t.y + 2 * kLabelPadY};
        c.priority = d.emphasis == Emphasis::Selected ? 1000
                     : d.emphasis == Emphasis::Hovered ? 900
                     : d.emphasis == Emphasis::Related ? 600
                                                       : 200 + static_cast<double>(e.mentions.size());
        if (d.future) c.priority -= 150;
        if (p.country_level) {
            // On its spot if it can, else nudged: the name stands for the whole shape.
            const double w = c.size.x, h = c.size.y;
            c.offsets = {{{-w / 2, -h / 2}, {-w / 2, -h - 6}, {-w / 2, 6}, {8, -h / 2}, {-w - 8, -h / 2},
                          {-w / 2, -2 * h - 8}, {-w / 2, h + 8}}};
            c.offset_count = 7;
            if (!p.countries.empty()) {
                const Rect own = screen_box(m.basemap, p.countries, proj, d.at);
                // A country smaller on screen than its name (an island state) is named beside
                // it, clear of a marker on its spot as a town's name is (Nuku'alofa's, on
                // Tongatapu, left Tonga's name no place: it went unnamed), never further off.
                // (A selected marker's radius, kMarkerRadius + 2, and its obstacle's 1.5 more.)
                if (own.x1 - own.x0 < w && own.y1 - own.y0 < h) set_offsets_around(c, kMarkerRadius + 3.5 + kLabelSpacing + 1.0);
                keep_offsets_if(c, [&](const Rect& box) { return reads_as_own(m.basemap, p.countries, proj, own, box); });
            }
        } else {
            const float r = d.radius + 1.5f;
            obstacles.push_back({d.at.x - r, d.at.y - r, d.at.x + r, d.at.y + r});
            c.own_obstacle = static_cast<int>(obstacles.size()) - 1;
            // Clear of a marker drawn on the same spot (Baiji and its refinery) even
            // with the placement's spacing added.
            set_offsets_around(c, r + kLabelSpacing + 1.0);
        }
        d.label = static_cast<int>(scene.candidates.size());
        scene.candidates.push_back(c);
        scene.owners.push_back(owner);
    }
}

void add_arc_labels(const PanelContext& ctx, const MapPanel& m, const Projector& proj, ImVec2 origin, ImVec2 size,
                    Scene& scene) {
    ImFont* font = ctx.fonts.sans_small;
    const float px = font_size(font);
    const auto quarter = [](float v) { return static_cast<long long>(std::lround(v * 4)); };
    std::unordered_set<LabelLook, LabelLookHash> looks;  // arcs that look the same get one label
    for (std::size_t a = 0; a < m.pack.arcs.size(); ++a) {
        const ArcItem& arc = m.pack.arcs[a];
        DrawnArc& d = scene.arcs[a];
        d.emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, ctx.pack.entities[arc.figure].id, arc.figure);
        const Vec2d& middle = arc.world[arc.world.size() / 2];
        d.shift = wrap_near(middle.x, proj.centre.x) - middle.x;
        const ImVec2 mid = proj({middle.x + d.shift, middle.y});
        if (!inside(mid, origin, size)) continue;
        if (!looks.insert({arc.one_line, quarter(mid.x), quarter(mid.y), d.emphasis, false, false}).second) continue;
        LabelOwner owner{LabelKind::Arc, a, font, px};
        ImVec2 t = text_size(font, arc.one_line);
        if (t.x > size.x * 0.55f && !arc.line2.empty()) {
            owner.two_lines = true;
            const ImVec2 t1 = text_size(font, arc.line1), t2 = text_size(font, arc.line2);
            t = ImVec2(std::max(t1.x, t2.x), px * 1.25f + t2.y);
        }
        LabelCandidate c;
        c.anchor = {mid.x, mid.y};
        c.size = {t.x + 12.0, t.y + 6.0};
        c.priority = d.emphasis >= Emphasis::Related ? 950 : 150;
        const double w = c.size.x, h = c.size.y;
        c.offsets = {{{-w / 2, -h - 6}, {-w / 2, 6}, {-w / 2, -h / 2}, {-w - 8, -h / 2}, {8, -h / 2}}};
        c.offset_count = 5;
        d.label = static_cast<int>(scene.candidates.size());
        scene.candidates.push_back(c);
        scene.owners.push_back(owner);
    }
}

// The basemap's country names, measured once per font atlas (the scene and its pan
// range ask about every country at each layout).
void measure_country_names(const PanelContext& ctx, BasemapCache& cache) {
    if (!cache.map || (cache.name_sizes.size() == cache.map->countries.size() && cache.name_sizes_fonts == ctx.fonts_revision)) return;
    cache.name_sizes.clear();
    for (const Country& country : cache.map->countries) cache.name_sizes.push_back(text_size(ctx.fonts.sans_small, country.name));
    cache.name_sizes_fonts = ctx.fonts_revision;
}

// Whether the basemap names country `i` at this zoom: it has a name, and is large
// enough on screen to carry it.
bool carries_name(const BasemapCache& cache, std::size_t i, double scale) {
    const WorldBox& box = cache.boxes[i];
    const ImVec2 t = cache.name_sizes[i];
    const double w = (box.x1 - box.x0) * scale, h = (box.y1 - box.y0) * scale;
    return !cache.map->countries[i].name.empty() && w >= t.x * 1.2 && h >= t.y * 1.5;
}

void add_country_names(const PanelContext& ctx, const MapPanel& m, const Projector& proj, ImVec2 origin, ImVec2 size,
                       const std::vector<char>& named_by_pack, Scene& scene) {
    if (!ctx.basemap) return;
    ImFont* font = ctx.fonts.sans_small;
    const float px = font_size(font);
    for (std::size_t i = 0; i < ctx.basemap->countries.size(); ++i) {
        if (named_by_pack[i] || !carries_name(m.basemap, i, proj.scale)) continue;
        const ImVec2 at = proj.nearest(m.basemap.label_points[i]);
        if (!inside(at, origin, size)) continue;
        const ImVec2 t = m.basemap.name_sizes[i];
        const WorldBox& box = m.basemap.boxes[i];
        const double w = (box.x1 - box.x0) * proj.scale, h = (box.y1 - box.y0) * proj.scale;
        LabelCandidate c;
        c.anchor = {at.x, at.y};
        c.size = {t.x, t.y};
        c.priority = 10 + std::log2(1 + w * h);
        c.offsets[0] = {-t.x / 2.0, -t.y / 2.0};
        c.offset_count = 1;
        scene.candidates.push_back(c);
        scene.owners.push_back({LabelKind::CountryName, i, font, px});
    }
}

// Sets DrawnPlace::covered and DrawnArc::covered: what a later one draws over exactly.
void mark_covered(const MapPanel& m, Scene& scene) {
    const auto quarter = [](double v) { return static_cast<long long>(std::llround(v * 4)); };
    std::set<std::tuple<long long, long long, float, int, bool>> dots;
    for (std::size_t k = scene.shown.size(); k-- > 0;) {
        DrawnPlace& d = scene.places[scene.shown[k]];
        if (d.radius <= 0 || d.covered) continue;  // no dot, or a place of the same look drew it
        d.covered = !dots.emplace(quarter(d.at.x), quarter(d.at.y), d.radius, static_cast<int>(d.emphasis), d.future).second;
    }
    std::set<std::tuple<long long, long long, long long, long long, int>> lines;
    for (std::size_t a = scene.arcs.size(); a-- > 0;) {
        DrawnArc& d = scene.arcs[a];
        const std::vector<Vec2d>& w = m.pack.arcs[a].world;
        const bool labelled = d.label >= 0 && scene.placed[static_cast<std::size_t>(d.label)].shown;
        const bool repeat = !lines.emplace(quarter((w.front().x + d.shift) * 1e6), quarter(w.front().y * 1e6),
                                           quarter((w.back().x + d.shift) * 1e6), quarter(w.back().y * 1e6),
                                           static_cast<int>(d.emphasis)).second;
        d.covered = repeat && !labelled;
    }
}

// The marker's rectangle Explainer.locate gives for a place: its dot, or (a country or
// region, no dot) a small square on its spot.
LocatedRect marker_rect(std::string_view id, const DrawnPlace& d) {
    const float r = d.radius > 0 ? std::max(d.radius, 5.0f) : 4.0f;
    return {LocatedId(id), "map", d.at.x - r, d.at.y - r, 2 * r, 2 * r};
}

bool has_label(const Scene& scene, const DrawnPlace& d) {
    return d.label >= 0 && scene.placed[static_cast<std::size_t>(d.label)].shown;
}

// Sets Scene::drawn and Scene::quiet from the places in view, and puts in Scene::quiet the
// arcs in view another draws over exactly, at their middle.
void sort_out_quiet(const PanelContext& ctx, const MapPanel& m, const Projector& proj, ImVec2 origin, ImVec2 size, Scene& scene) {
    auto quiet = std::make_shared<std::vector<LocatedRect>>();
    for (const std::size_t i : scene.shown) {
        const DrawnPlace& d = scene.places[i];
        if ((d.radius == 0 || d.covered) && !has_label(scene, d))
            quiet->push_back(marker_rect(ctx.pack.entities[m.pack.places[i].entity].id, d));
        else
            scene.drawn.push_back(i);
    }
    for (std::size_t a = 0; a < scene.arcs.size(); ++a) {
        if (!scene.arcs[a].covered) continue;
        const ArcItem& arc = m.pack.arcs[a];
        const Vec2d& middle = arc.world[arc.world.size() / 2];
        const ImVec2 mid = proj({middle.x + scene.arcs[a].shift, middle.y});
        if (inside(mid, origin, size)) quiet->push_back({ctx.pack.entities[arc.figure].id, "map", mid.x - 4, mid.y - 4, 8, 8});
    }
    scene.quiet = std::move(quiet);
}

Scene layout_scene(const PanelContext& ctx, MapPanel& m, const Projector& proj, ImVec2 origin, ImVec2 size,
                   std::span<const Rect> overlay) {
    Scene scene;
    scene.places.resize(m.pack.places.size());
    scene.arcs.resize(m.pack.arcs.size());
    // Country and region places light up their countries, and name them instead of the
    // basemap.
    std::vector<char> named_by_pack(m.basemap.boxes.size(), 0);
    for (const PlaceItem& p : m.pack.places) {
        if (!p.country_level) continue;
        for (const int c : p.countries) named_by_pack[static_cast<std::size_t>(c)] = 1;
        const Emphasis e = emphasis_of(ctx.state, ctx.selected, ctx.hovered, ctx.pack.entities[p.entity].id, p.entity);
        const int level = e >= Emphasis::Hovered ? 2 : e == Emphasis::Related ? 1 : 0;
        if (level == 0) continue;
        for (const std::string& id : p.country_ids) scene.highlight.emplace_back(id, level);
    }
    // Sorted by code, one entry a code at its highest level.
    sort_items(scene.highlight,
               [](const auto& a, const auto& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
    scene.highlight.erase(std::unique(scene.highlight.begin(), scene.highlight.end(),
                                      [](const auto& a, const auto& b) { return a.first == b.first; }),
                          scene.highlight.end());
    std::vector<Rect> obstacles;
    add_place_labels(ctx, m, proj, origin, size, scene, obstacles);
    add_arc_labels(ctx, m, proj, origin, size, scene);
    add_country_names(ctx, m, proj, origin, size, named_by_pack, scene);
    // The controls, the scale and the attribution keep their corners free.
    obstacles.insert(obstacles.end(), overlay.begin(), overlay.end());
    const Rect frame{origin.x + 2.0, origin.y + 2.0, origin.x + size.x - 2.0, origin.y + size.y - 2.0};
    scene.placed = place_labels(scene.candidates, obstacles, frame, kLabelSpacing);
    mark_covered(m, scene);
    sort_out_quiet(ctx, m, proj, origin, size, scene);
    return scene;
}

void draw_country_names(const PanelContext& ctx, const Scene& scene) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (std::size_t k = 0; k < scene.candidates.size(); ++k) {
        const LabelOwner& o = scene.owners[k];
        if (o.kind != LabelKind::CountryName || !scene.placed[k].shown) continue;
        draw->AddText(o.font, o.font_px, top_left(scene.placed[k].rect), ctx.theme.map_label,
                      ctx.basemap->countries[o.index].name.c_str());
    }
}

// The distances the article quotes, recomputed on the sphere and drawn as arcs.
void draw_arcs(const PanelContext& ctx, MapPanel& m, const Scene& scene, const Projector& proj, ImVec2 origin,
               ImVec2 size, bool can_hover, std::optional<Hit>& hit) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const ImU32 colour = theme.kind[static_cast<int>(EntityKind::Figure)];
    for (std::size_t a = 0; a < m.pack.arcs.size(); ++a) {
        const ArcItem& arc = m.pack.arcs[a];
        const std::string& id = ctx.pack.entities[arc.figure].id;
        const Emphasis e = scene.arcs[a].emphasis;
        if (scene.arcs[a].covered) continue;  // located from the scene's quiet rects
        m.scratch.clear();
        const double shift = scene.arcs[a].shift;
        for (const Vec2d& w : arc.world) m.scratch.push_back(proj({w.x + shift, w.y}));
        draw->AddPolyline(m.scratch.data(), static_cast<int>(m.scratch.size()),
                          e >= Emphasis::Related ? colour : with_alpha(colour, 0.8f), ImDrawFlags_None,
                          e >= Emphasis::Hovered ? 3.0f : e == Emphasis::Related ? 2.5f : 1.5f);
        const int k = scene.arcs[a].label;
        if (k < 0 || !scene.placed[static_cast<std::size_t>(k)].shown) {
            // No room for the label: the arc's middle is where it is.
            const Vec2d& middle = arc.world[arc.world.size() / 2];
            const ImVec2 mid = proj({middle.x + shift, middle.y});
            if (inside(mid, origin, size)) ctx.located->push_back({id, "map", mid.x - 4, mid.y - 4, 8, 8});
            continue;
        }
        const Rect& r = scene.placed[static_cast<std::size_t>(k)].rect;
        const ImVec2 a0 = top_left(r), a1 = bottom_right(r);
        const ImU32 fill = e == Emphasis::Selected ? theme.selection_fill : e == Emphasis::Hovered ? theme.hover_fill : theme.panel;
        draw->AddRectFilled(a0, a1, with_alpha(fill, 0.92f), 4);
        draw->AddRect(a0, a1, with_alpha(colour, e >= Emphasis::Related ? 1.0f : 0.6f), 4, 0, e >= Emphasis::Related ? 1.5f : 1.0f);
        const LabelOwner& o = scene.owners[static_cast<std::size_t>(k)];
        const ImVec2 text(a0.x + 6, a0.y + 3);
        if (o.two_lines) {
            add_text(draw, o.font, o.font_px, text, theme.text, arc.line1);
            add_text(draw, o.font, o.font_px, ImVec2(text.x, text.y + o.font_px * 1.25f), theme.text_muted, arc.line2);
        } else {
            add_text(draw, o.font, o.font_px, text, theme.text, arc.one_line);
        }
        ctx.located->push_back({id, "map", a0.x, a0.y, a1.x - a0.x, a1.y - a0.y});
        ctx.pointer->area(a0.x, a0.y, a1.x, a1.y);
        if (can_hover && inside(mouse, r)) hit = Hit{id, ImVec2(a0.x, a1.y), r};
    }
}

// Dots and their labels; the nearest dot under the pointer wins over any label.
void draw_places(const PanelContext& ctx, const MapPanel& m, const Scene& scene, bool can_hover, std::optional<Hit>& hit) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float hit_radius = ctx.touch ? 22.0f : 11.0f;
    float nearest = hit_radius * hit_radius;
    bool on_marker = false;
    const ImU32 place_colour = theme.kind[static_cast<int>(EntityKind::Place)];
    ctx.located->append(scene.quiet, scene.quiet_moved);
    for (const std::size_t i : scene.drawn) {
        const DrawnPlace& d = scene.places[i];
        const PlaceItem& p = m.pack.places[i];
        const std::string& id = ctx.pack.entities[p.entity].id;
        const float alpha = d.future ? 0.35f : 1.0f;
        if (d.radius > 0 && d.covered) {
            ctx.located->push_back(marker_rect(id, d));
        } else if (d.radius > 0) {
            if (d.emphasis == Emphasis::Selected) draw->AddCircle(d.at, d.radius + 3.5f, with_alpha(theme.text, alpha), 20, 2.0f);
            draw->AddCircleFilled(d.at, d.radius + 1.5f, with_alpha(theme.panel, alpha), 20);
            draw->AddCircleFilled(d.at, d.radius, with_alpha(place_colour, alpha), 20);
            // The marker first: its centre is where the place is.
            ctx.located->push_back(marker_rect(id, d));
            ctx.pointer->area(d.at.x - hit_radius, d.at.y - hit_radius, d.at.x + hit_radius + 1, d.at.y + hit_radius + 1);
            const float dx = mouse.x - d.at.x, dy = mouse.y - d.at.y;
            if (can_hover && dx * dx + dy * dy <= nearest) {
                nearest = dx * dx + dy * dy;
                on_marker = true;
                hit = Hit{id, ImVec2(d.at.x + 8, d.at.y + 10),
                          Rect{d.at.x - hit_radius, d.at.y - hit_radius, d.at.x + hit_radius + 1, d.at.y + hit_radius + 1}};
            }
        }
        if (!has_label(scene, d)) continue;
        const LabelPlacement& label = scene.placed[static_cast<std::size_t>(d.label)];
        const LabelOwner& o = scene.owners[static_cast<std::size_t>(d.label)];
        const ImVec2 a0 = top_left(label.rect), a1 = bottom_right(label.rect);
        const ImU32 fill = d.emphasis == Emphasis::Selected ? theme.selection_fill
                           : d.emphasis == Emphasis::Hovered ? theme.hover_fill
                                                              : with_alpha(theme.panel, 0.78f);
        draw->AddRectFilled(a0, a1, with_alpha(fill, alpha), 3);
        const std::string& name = ctx.pack.entities[p.entity].name;
        add_text(draw, o.font, o.font_px, ImVec2(a0.x + kLabelPadX, a0.y + kLabelPadY),
                 with_alpha(p.country_level ? place_colour : theme.text, alpha), name);
        ctx.located->push_back({id, "map", a0.x, a0.y, a1.x - a0.x, a1.y - a0.y});
        ctx.pointer->area(a0.x, a0.y, a1.x, a1.y);
        if (can_hover && !on_marker && inside(mouse, label.rect)) hit = Hit{id, ImVec2(a0.x, a1.y), label.rect};
    }
}

// [SECTION] Panel ------------------------------------------------------------------------------------------

// What the scene's layout depends on: while it holds, the last layout is drawn again,
// moved by a pan. Not the view's centre: a pan that brings nothing into view or takes
// nothing out of it, and draws each in the same copy of the world (PanRange), leaves
// the layout as it was, only moved (issue 9: panning cost a layout a frame).
struct SceneKey {
    std::uint64_t pack_revision = 0;
    std::uint64_t basemap_revision = 0;   // country labels and shapes
    std::uint64_t fonts_revision = 0;     // text sizes: a new atlas (font chunk, DPR) measures anew
    float font_px = 0;
    double scale = 0;                     // the zoom, as CSS px per world unit
    float width = 0, height = 0;
    bool narrow = false;
    std::string selection, hover;         // the hover as the map sees it (hover_on_map)
    std::optional<TimeCursor> time_cursor;
    float origin_x = 0, origin_y = 0;
    bool operator==(const SceneKey&) const = default;
};

// How far a laid-out scene may be moved by a pan (px, from where it was laid out) before
// a place, an arc or a country name would enter or leave the view, or be drawn in
// another copy of the world: computed with the layout, so that a frame of a pan checks
// two intervals instead of every place of the pack (issue 9).
struct PanRange {
    double x0 = -INFINITY, x1 = INFINITY, y0 = -INFINITY, y1 = INFINITY;
    bool holds(double dx, double dy) const { return dx >= x0 && dx <= x1 && dy >= y0 && dy <= y1; }
};

struct SceneCache {
    bool valid = false;
    SceneKey key;
    Vec2d offset;                         // the projection's offset it was laid out for
    PanRange pan;
    Scene scene;
};

// Narrows `range` to the pans that keep the point `world` (drawn in the copy of the world
// nearest the view's centre) in view, or out of it, and in the same copy.
void keep_as_it_is(PanRange& range, const Projector& proj, Vec2d world, ImVec2 origin, ImVec2 size) {
    constexpr double kStrict = 1e-6;  // "stays outside" is a strict inequality
    const double near_x = wrap_near(world.x, proj.centre.x);
    // A pan by dx moves the view's centre by -dx / scale; the copy holds while the point
    // stays within half a world of it.
    const double from_centre = near_x - proj.centre.x;
    range.x0 = std::max(range.x0, (-kWorldSizePx / 2 - from_centre) * proj.scale + kStrict);
    range.x1 = std::min(range.x1, (kWorldSizePx / 2 - from_centre) * proj.scale - kStrict);
    const ImVec2 at = proj({near_x, world.y});
    const double left = origin.x - at.x, right = origin.x + size.x - at.x;   // pans that bring x to the edges
    const double top = origin.y - at.y, bottom = origin.y + size.y - at.y;
    if (inside(at, origin, size)) {
        range.x0 = std::max(range.x0, left);
        range.x1 = std::min(range.x1, right);
        range.y0 = std::max(range.y0, top);
        range.y1 = std::min(range.y1, bottom);
        return;
    }
    // Outside: kept outside along the axis where it is furthest out.
    const double out_x = left > 0 ? left : right < 0 ? -right : 0;
    const double out_y = top > 0 ? top : bottom < 0 ? -bottom : 0;
    if (out_x >= out_y) {
        if (left > 0) range.x1 = std::min(range.x1, left - kStrict);
        else range.x0 = std::max(range.x0, right + kStrict);
    } else {
        if (top > 0) range.y1 = std::min(range.y1, top - kStrict);
        else range.y0 = std::max(range.y0, bottom + kStrict);
    }
}

// The pans a layout stays valid for: every place, arc and basemap country name a layout
// considers keeps its side of the view's edges and its copy of the world.
PanRange pan_range_of(const PanelContext& ctx, const MapPanel& m, const Projector& proj, ImVec2 origin, ImVec2 size) {
    PanRange range;
    std::vector<char> seen(m.pack.looks, 0);  // places of one look are at one point
    for (const PlaceItem& p : m.pack.places)
        if ((p.has_point || !p.countries.empty()) && !std::exchange(seen[p.look], 1)) keep_as_it_is(range, proj, p.world, origin, size);
    for (const ArcItem& arc : m.pack.arcs) keep_as_it_is(range, proj, arc.world[arc.world.size() / 2], origin, size);
    if (ctx.basemap)
        for (std::size_t i = 0; i < m.basemap.label_points.size(); ++i)  // a name the basemap leaves out changes nothing
            if (carries_name(m.basemap, i, proj.scale)) keep_as_it_is(range, proj, m.basemap.label_points[i], origin, size);
    return range;
}

// A pan: everything the layout placed moves with the map. Only the places drawn are
// read after the layout; the quiet ones move as one.
void move_scene(Scene& scene, double dx, double dy) {
    const float fx = static_cast<float>(dx), fy = static_cast<float>(dy);
    for (const std::size_t i : scene.drawn) scene.places[i].at = ImVec2(scene.places[i].at.x + fx, scene.places[i].at.y + fy);
    for (LabelPlacement& placed : scene.placed) placed.rect = {placed.rect.x0 + dx, placed.rect.y0 + dy, placed.rect.x1 + dx, placed.rect.y1 + dy};
    for (LabelCandidate& c : scene.candidates) c.anchor = {c.anchor.x + dx, c.anchor.y + dy};
    scene.quiet_moved = ImVec2(scene.quiet_moved.x + fx, scene.quiet_moved.y + fy);
}

// The hover as the scene sees it: the hovered entity when it or an entity linked to it
// is drawn on the map (the scene's emphasis is about nothing else), else none, so that
// a pointer crossing mentions of what the map does not show lays nothing out again.
std::string_view hover_on_map(const PanelContext& ctx, const PackCache& cache) {
    for (const std::string& id : ctx.hovered.entities)
        if (const std::optional<std::size_t> i = ctx.pack.index_of(id); i && *i < cache.on_map.size() && cache.on_map[*i])
            return ctx.state.hover;
    return {};
}

// The scene for this frame: the last one if nothing it depends on changed, moved by a
// pan unless a label would then lie under the controls, the scale or the attribution;
// else a new layout (counted in *ctx.layouts).
const Scene& current_scene(const PanelContext& ctx, MapPanel& m, SceneCache& cache, const Projector& proj, ImVec2 origin,
                           ImVec2 size, std::span<const Rect> overlay) {
    SceneKey key{ctx.pack_revision, ctx.basemap_revision, ctx.fonts_revision, font_size(ctx.fonts.sans_small), proj.scale,
                 size.x, size.y, ctx.narrow, ctx.state.selection, std::string(hover_on_map(ctx, m.pack)), ctx.state.time_cursor,
                 origin.x, origin.y};
    const double dx = proj.offset.x - cache.offset.x, dy = proj.offset.y - cache.offset.y;
    if (cache.valid && cache.key == key && cache.pan.holds(dx, dy)) {
        if (dx == 0 && dy == 0) return cache.scene;
        // Moved by the pan since the last frame; the range stays the one from the layout.
        move_scene(cache.scene, dx, dy);
        cache.pan = {cache.pan.x0 - dx, cache.pan.x1 - dx, cache.pan.y0 - dy, cache.pan.y1 - dy};
        cache.offset = proj.offset;
        bool clear = true;
        for (const LabelPlacement& placed : cache.scene.placed)
            for (const Rect& r : overlay) clear = clear && !(placed.shown && overlaps(placed.rect, r));
        if (clear) return cache.scene;
    }
    cache = {true, std::move(key), proj.offset, pan_range_of(ctx, m, proj, origin, size),
             layout_scene(ctx, m, proj, origin, size, overlay)};
    for (const std::size_t i : cache.scene.shown)
        if (const DrawnPlace& d = cache.scene.places[i]; d.named_where_seen)
            keep_as_it_is(cache.pan, proj, {(d.at.x - proj.offset.x) / proj.scale, (d.at.y - proj.offset.y) / proj.scale}, origin, size);
    if (ctx.layouts) ++*ctx.layouts;
    return cache.scene;
}

// The panel's state: the view's own (per pack) and the scene last laid out.
struct MapPanelState : PanelState {
    MapPanel map;
    SceneCache scene;
    void drop_draw_caches() override { map.layer_draws.clear(); }
};

// A hover that began over an area keeps it while the pointer stays there and the view
// does not change (see MapPanel::HoverHold); a new hover starts a new hold.
void hold_hover(const PanelContext& ctx, MapPanel& m, const MapView& view, bool can_hover, std::optional<Hit>& hit) {
    const bool ours = !m.hover.id.empty() && ctx.state.hover == m.hover.id;
    if (hit && !(ours && hit->id == m.hover.id && m.hover_hold)) {
        m.hover_hold = MapPanel::HoverHold{hit->area, hit->card_anchor, view};
        return;
    }
    if (!m.hover_hold) return;
    if (!ours || !can_hover || !same_map_view(m.hover_hold->view, view)) {
        if (!hit) m.hover_hold.reset();
        return;
    }
    const Rect& a = m.hover_hold->area;
    ctx.pointer->area(static_cast<float>(a.x0), static_cast<float>(a.y0), static_cast<float>(a.x1), static_cast<float>(a.y1));
    if (!hit && inside(ImGui::GetIO().MousePos, a)) hit = Hit{m.hover.id, m.hover_hold->card_anchor, a};
    else if (!hit) m.hover_hold.reset();
}

// Hover links the entity everywhere and shows its card; a click (a press and release
// that did not drag) selects what was under the press.
void handle_pointer(PanelContext& ctx, MapPanel& m, const PointerInput& in, bool pressed_now,
                    const std::optional<Hit>& hit) {
    if (m.dragging || in.gesture) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    else if (hit) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGuiIO& io = ImGui::GetIO();
    if (hit) {
        m.hover.claim(ctx, std::string(hit->id));
        if (const Entity* e = ctx.pack.find(hit->id)) draw_entity_card(ctx, *e, hit->card_anchor, hit->card_anchor.y - static_cast<float>(hit->area.y0));
    } else if (!ctx.state.hover.empty()) {
        // Nothing under the pointer on the map. This panel's own hover goes unless a drag
        // over the map holds it: over the ground, over another panel (a pointer that jumps
        // from a marker straight into the article crosses no ground) and off the page.
        // Another panel's hover (the article's keyboard focus) stays until the pointer
        // moves over the map.
        const bool ours = ctx.state.hover == m.hover.id;
        const bool moved = io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
        if (ours ? !(in.hovered && m.dragging) : (in.hovered && !m.dragging && moved)) {
            ctx.actions.push(HoverAction{""});
            m.hover.id.clear();
        }
    }
    // A finger's release comes with no pointer position: remember the press's target.
    if (pressed_now) m.press_target = hit ? std::string(hit->id) : std::string();
    if (m.pressed && ImGui::IsMouseReleased(0)) {
        m.pressed = false;
        if (io.MouseDragMaxDistanceSqr[0] <= kClickSlop * kClickSlop && !m.press_target.empty()) {
            ctx.actions.push(SelectAction{m.press_target});
            m.selected_here = m.press_target;
        }
        m.press_target.clear();
    }
}

// The editor's gestures (edit.html: ctx.editing): a marker dragged, a click putting a
// place; a press the editor takes neither pans nor selects.
void edit_on_map(PanelContext& ctx, MapPanel& m, const Projector& proj, ImVec2 origin, ImVec2 size) {
    const bool released = m.pressed && ImGui::IsMouseReleased(0);
    const MapPointer pointer{m.press_target, m.dragging, released,
                             ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= kClickSlop * kClickSlop};
    const MapProjection projection{[&](GeoPoint at) { return proj.nearest(project(at)); },
                                   [&](ImVec2 at) { return proj.ground(at); }, origin,
                                   ImVec2(origin.x + size.x, origin.y + size.y)};
    if (ctx.editing->map_frame(ctx, pointer, projection) && released) m.press_target.clear();
}

} // namespace

std::unique_ptr<PanelState> make_map_panel() { return std::make_unique<MapPanelState>(); }

// A phone's map, while another tab is open, follows a new selection all the same: the view
// it would fly to is the store's at once, so that getState() and a link made then say where
// the map opens, as the map shows it. They went on naming the view the map had before: a
// link shared after selecting Chile from the article opened the map on Argentina, selected
// before it. The map, when it appears, shows the store's view (begin_view).
void follow_selection_unseen(PanelContext& ctx, PanelState& state, ImVec2 size) {
    MapPanel& m = static_cast<MapPanelState&>(state).map;
    if (!ctx.selection_changed_by_user || ctx.state.selection.empty() || size.x < 16 || size.y < 16) return;
    m.seen_selection = ctx.state.selection;
    const Viewport viewport{size.x, size.y};
    const std::optional<MapView> target = selection_view(ctx, places_of(ctx.pack, ctx.state.selection), viewport, ctx.state.map);
    if (!target) return;
    const MapView view = clamp_view(*target, viewport, world_view_limits(viewport));
    if (!same_map_view(view, ctx.state.map)) ctx.actions.push(SetMapAction{view});
}

void draw_map_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size) {
    if (size.x < 16 || size.y < 16) return;
    MapPanelState& panel = static_cast<MapPanelState&>(state);
    MapPanel& m = panel.map;
    const Pack& pack = ctx.pack;
    ImDrawList* draw = ImGui::GetWindowDrawList();

    if (m.pack.pack_revision != ctx.pack_revision) {
        // A new pack starts from its own first view; the basemap cache stays. So does the
        // hover this panel asked for: after an edit the store still holds it, and only its
        // owner lets it go when the pointer leaves (else it stays on the old entity).
        BasemapCache basemap = std::move(m.basemap);
        std::array<BasemapCache, kDetailTileCount> tiles = std::move(m.tiles);
        HoverClaim hover = std::move(m.hover);
        // An edit in the editor keeps the opening view (as the store's defaults do): a
        // moved place does not refit the map under the author's hand. Another pack has
        // other defaults, and fits its own.
        const bool edited = ctx.editing && m.opening.valid && same_map_view(m.opening.view, ctx.defaults.map);
        const OpeningViewCache opening = edited ? m.opening : OpeningViewCache{};
        m = MapPanel{};
        m.basemap = std::move(basemap);
        m.tiles = std::move(tiles);
        m.hover = std::move(hover);
        m.opening = opening;
        rebuild_pack_cache(m.pack, pack, ctx.pack_revision);
    }
    if (m.basemap.revision != ctx.basemap_revision) reset_basemap_cache(m.basemap, ctx.basemap, ctx.basemap_revision);
    resolve_countries(m.pack, pack, ctx.basemap, ctx.basemap_revision);
    const int frame = ImGui::GetFrameCount();
    // On a phone the map is drawn only while its tab is open.
    const bool appearing = ctx.narrow && (m.last_frame < 0 || frame > m.last_frame + 1);
    m.last_frame = frame;

    // [Input] The controls first: ImGui gives the pointer to the first item submitted
    // under it, so the buttons win over the map beneath them.
    const Controls controls = layout_controls(origin, size, ctx.narrow);
    const ControlButton zoom_in = control_button("##map-zoom-in", controls.zoom_in, controls.size);
    const ControlButton zoom_out = control_button("##map-zoom-out", controls.zoom_out, controls.size);
    const ControlButton reset = control_button("##map-reset", controls.reset, controls.size);
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##map", size);
    for (const ControlButton* b : {&zoom_in, &zoom_out, &reset}) ctx.pointer->area(b->at, ImVec2(b->size, b->size));
    ctx.pointer->region(origin, size);
    PointerInput in;
    in.hovered = ImGui::IsItemHovered();
    in.active = ImGui::IsItemActive();
    const bool pressed_now = ImGui::IsItemActivated();
    if (pressed_now) m.pressed = true;
    in.moves_marker = ctx.editing && ctx.editing->map_press_moves_marker(ctx, m.press_target);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    in.mouse = {mouse.x - origin.x, mouse.y - origin.y};
    if (ctx.gesture && ctx.gesture->active && ctx.gesture->scale > 0) {
        const ImVec2 before(ctx.gesture->center.x - ctx.gesture->pan.x, ctx.gesture->center.y - ctx.gesture->pan.y);
        in.gesture = inside(before, origin, size);
    }
    in.zoom_in = zoom_in.clicked;
    in.zoom_out = zoom_out.clicked;
    in.reset = reset.clicked;

    // [View] The store's target or the flight towards it, input, selection; a new
    // target (never the animation) goes to the store.
    const Viewport viewport{size.x, size.y};
    if (viewport.width != m.reported_size.width || viewport.height != m.reported_size.height) {
        ctx.actions.push(SetMapSizeAction{viewport.width, viewport.height});
        m.reported_size = viewport;
    }
    ViewUpdate u{m, ctx, viewport, world_view_limits(viewport), {}, {}, false};
    begin_view(u);
    apply_input(u, in, origin);
    follow_selection(u, appearing);
    const MapView view = clamp_view(u.view, u.viewport, u.limits);
    const std::optional<MapView> target = u.new_target();
    if (target && !same_map_view(*target, ctx.state.map)) ctx.actions.push(SetMapAction{*target});
    m.target_last_drawn = target ? *target : ctx.state.map;
    if (m.flight.active) *ctx.animating = true;

    // [Draw] Sea, land and lines; country names; arcs; places; the overlay on top.
    const Projector proj(view, u.viewport, origin);
    const WorldBox visible = proj.visible(origin, size, 2.0);
    const ScaleLegend& scale = m.scale = layout_scale(ctx, m.scale, view, origin, size);
    const Rect attribution = attribution_box(ctx, origin, size);
    const Rect overlay[] = {{controls.zoom_in.x - 4.0, controls.zoom_in.y - 4.0, controls.reset.x + controls.size + 4.0,
                             controls.reset.y + controls.size + 4.0},
                            scale.box, attribution};
    measure_country_names(ctx, m.basemap);
    const Scene& scene = current_scene(ctx, m, panel.scene, proj, origin, size, overlay);
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), ctx.theme.sea);
    if (ctx.basemap) {
        draw_beyond_south_edge(draw, ctx.theme, proj, origin, size, scene.highlight);
        draw_basemap(ctx, m, proj, visible, view.zoom, scene.highlight);
        draw_country_names(ctx, scene);
    }
    std::optional<Hit> hit;
    const bool can_hover = in.hovered && !m.dragging && !in.gesture;
    draw_arcs(ctx, m, scene, proj, origin, size, can_hover, hit);
    draw_places(ctx, m, scene, can_hover, hit);
    draw_scale(ctx, scale);
    draw_attribution(ctx, attribution);
    const Theme& theme = ctx.theme;
    draw_control(draw, theme, zoom_in, Icon::Plus, view.zoom < u.limits.max_zoom - 1e-6, ImDrawFlags_RoundCornersTop);
    draw_control(draw, theme, zoom_out, Icon::Minus, view.zoom > u.limits.min_zoom + 1e-6, ImDrawFlags_RoundCornersBottom);
    draw_control(draw, theme, reset, Icon::Fit, true, ImDrawFlags_RoundCornersAll);
    draw->PopClipRect();
    if (zoom_in.hovered || zoom_out.hovered || reset.hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

    // The map's own frame, so that a host (or a test) can turn the view into positions.
    ctx.located->push_back({"map:view", "map", origin.x, origin.y, size.x, size.y});
    ctx.located->push_back({"map:zoom-in", "map", zoom_in.at.x, zoom_in.at.y, zoom_in.size, zoom_in.size});
    ctx.located->push_back({"map:zoom-out", "map", zoom_out.at.x, zoom_out.at.y, zoom_out.size, zoom_out.size});
    ctx.located->push_back({"map:reset", "map", reset.at.x, reset.at.y, reset.size, reset.size});
    for (const auto& [id, r] : {std::pair{"map:scale", scale.box}, std::pair{"map:attribution", attribution}})
        ctx.located->push_back({id, "map", static_cast<float>(r.x0), static_cast<float>(r.y0), static_cast<float>(r.x1 - r.x0),
                                static_cast<float>(r.y1 - r.y0)});

    if (ctx.editing) edit_on_map(ctx, m, proj, origin, size);
    hold_hover(ctx, m, view, can_hover, hit);
    handle_pointer(ctx, m, in, pressed_now, hit);
}

} // namespace explainer::ui
