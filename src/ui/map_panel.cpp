// The map panel: the pack's places on the explainer's own Natural Earth basemap, linked
// to every other panel through the selection and the hover, with the distance the
// article quotes drawn as a great-circle arc.
//
// The view lives in AppState::map (a link carries it); this panel only ever changes it
// with SetMapAction, one per frame at most and only when it moved. Flights, drags and
// the caches below are the panel's own.
//
// Drawing cost: ImGui 1.86's WebGL backend cannot use ImDrawCmd::VtxOffset, so one
// window's draw list holds at most 65,536 vertices (16-bit indices). The 1:50m basemap
// alone has ~32k polygon and ~22k line vertices, so the panel draws a level of detail
// per integer zoom: every vertex snapped to a grid of half a CSS pixel at that zoom,
// then re-triangulated, built lazily per country and cached. A frame then writes only
// what the snapped geometry of the visible countries needs, a few thousand vertices.
//
// Index
// - [SECTION] Constants and helpers
// - [SECTION] Basemap levels of detail
// - [SECTION] Pack cache: places, arcs, time
// - [SECTION] Panel state and flights
// - [SECTION] View targets
// - [SECTION] Drawing the basemap
// - [SECTION] Labels and markers
// - [SECTION] Overlay: buttons, scale bar, attribution
// - [SECTION] Panel
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/label_placement.h"
#include "core/triangulate.h"
#include "panel.h"

namespace explainer::ui {

namespace {

// [SECTION] Constants and helpers ----------------------------------------------------------

constexpr double kMinZoom = 2.0;
constexpr double kMaxZoom = 10.0;
// The first view: app_set_pack fits every place into this nominal viewport; the panel
// refits the same places to its real size until the reader moves the map.
constexpr Viewport kNominalViewport{640, 420};
constexpr double kFitPadding = 40.0;
constexpr double kFitMaxZoom = 8.0;
constexpr double kSelectionPadding = 60.0;
constexpr double kSelectionMaxZoom = 7.0;
constexpr double kPlaceMinZoom = 5.5;      // a selected town, seen with its region
constexpr double kPlaceMaxZoom = 8.0;
constexpr double kWheelZoomPerNotch = 0.5;
constexpr double kStepZoomSeconds = 0.5;   // buttons, keys, double-click: one zoom level
constexpr double kFlyMinSeconds = 0.6;
constexpr double kFlyMaxSeconds = 1.2;
constexpr float kClickSlop = 5.0f;         // px a press may move and still be a click
constexpr float kDragThreshold = 3.0f;
constexpr float kKeyPanPx = 96.0f;

constexpr int kLodCount = 10;              // integer zooms 0..9; 9 is finer than the data
constexpr double kSnapPx = 0.5;            // snap grid, CSS px at the level's zoom
// Leaves room under 65,536 for markers, labels, text and the controls.
constexpr int kBasemapVertexBudget = 52000;

constexpr float kMarkerRadius = 4.5f;
constexpr float kLabelPadX = 4.0f, kLabelPadY = 1.0f;
constexpr double kLabelSpacing = 2.0;  // px kept between labels, and from markers

bool same_view(const MapView& a, const MapView& b) {
    // The tolerances apply_action uses to decide whether a view changed.
    return std::fabs(a.lat - b.lat) <= 1e-7 && std::fabs(a.lon - b.lon) <= 1e-7 && std::fabs(a.zoom - b.zoom) <= 1e-6;
}

ImU32 with_alpha(ImU32 colour, float alpha) {
    const ImU32 a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * ((colour >> IM_COL32_A_SHIFT) & 0xFF) + 0.5f);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

// 3472.6 -> "3,473".
std::string thousands(double value) {
    const long long n = std::llround(value);
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

struct WorldBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool intersects(const WorldBox& o) const { return x0 <= o.x1 && o.x0 <= x1 && y0 <= o.y1 && o.y0 <= y1; }
};

WorldBox world_box(const GeoBox& geo) {
    const Vec2d nw = project({.lon = geo.west, .lat = geo.north});
    const Vec2d se = project({.lon = geo.east, .lat = geo.south});
    return {nw.x, nw.y, se.x, se.y};
}

// World units <-> panel pixels for one view: screen = world * scale + offset.
struct Projector {
    double scale = 1;
    Vec2d offset;   // includes the panel's origin: results are canvas CSS px
    Projector(const MapView& view, Viewport viewport, ImVec2 origin) {
        scale = zoom_scale(view.zoom);
        const Vec2d centre = project({.lon = view.lon, .lat = view.lat});
        offset = {origin.x + viewport.width / 2.0 - centre.x * scale, origin.y + viewport.height / 2.0 - centre.y * scale};
    }
    ImVec2 operator()(Vec2d world) const {
        return ImVec2(static_cast<float>(world.x * scale + offset.x), static_cast<float>(world.y * scale + offset.y));
    }
    WorldBox visible(ImVec2 origin, ImVec2 size, double margin_px) const {
        return {(origin.x - margin_px - offset.x) / scale, (origin.y - margin_px - offset.y) / scale,
                (origin.x + size.x + margin_px - offset.x) / scale, (origin.y + size.y + margin_px - offset.y) / scale};
    }
};

// [SECTION] Basemap levels of detail ---------------------------------------------------------

struct LodCountry {
    bool built = false;
    std::vector<Vec2f> vertices;                // world units
    std::vector<uint32_t> indices;
    std::vector<std::vector<Vec2f>> rings;      // for the outline of a highlighted country
};

struct LodLine {
    std::vector<Vec2f> points;
    WorldBox box;
};

struct Lod {
    bool lines_built = false;
    std::vector<LodLine> coastlines, borders;
    std::vector<LodCountry> countries;          // parallel to Basemap::countries
};

struct ProjectedPolygon {
    std::vector<Vec2d> points;                  // rings back to back, world units
    std::vector<uint32_t> ring_ends;
};

struct BasemapCache {
    const Basemap* map = nullptr;
    const Country* countries_data = nullptr;    // tells a reloaded basemap from the old one
    std::vector<std::vector<ProjectedPolygon>> polygons;  // per country
    std::vector<WorldBox> boxes;                // per country
    std::vector<Vec2d> label_points;            // per country
    std::vector<std::vector<Vec2d>> coastlines, borders;  // full detail, world units
    std::array<Lod, kLodCount> lods;
    std::vector<Vec2d> snapped;                 // scratch
};

void reset_basemap_cache(BasemapCache& cache, const Basemap* map) {
    cache = BasemapCache{};
    cache.map = map;
    if (!map) return;
    cache.countries_data = map->countries.data();
    const std::size_t n = map->countries.size();
    cache.polygons.resize(n);
    cache.boxes.resize(n);
    cache.label_points.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Country& country = map->countries[i];
        for (const CountryPolygon& polygon : country.polygons) {
            ProjectedPolygon& out = cache.polygons[i].emplace_back();
            project_polygon(polygon, out.points, out.ring_ends);
        }
        cache.boxes[i] = world_box(country.bounds);
        cache.label_points[i] = project(country.label);
    }
    auto project_lines = [](const std::vector<GeoLine>& lines, std::vector<std::vector<Vec2d>>& out) {
        for (const GeoLine& line : lines) {
            std::vector<Vec2d>& projected = out.emplace_back();
            projected.reserve(line.size());
            for (const GeoPoint& g : line) projected.push_back(project(g));
        }
    };
    project_lines(map->coastlines, cache.coastlines);
    project_lines(map->borders, cache.borders);
    for (Lod& lod : cache.lods) lod.countries.resize(n);
}

double lod_cell(int lod) { return kSnapPx / zoom_scale(lod); }

int lod_for_zoom(double zoom) { return std::clamp(static_cast<int>(std::floor(zoom + 1e-9)), 0, kLodCount - 1); }

bool same_point(Vec2d a, Vec2d b) { return a.x == b.x && a.y == b.y; }

Vec2d snap(Vec2d p, double cell) { return {std::round(p.x / cell) * cell, std::round(p.y / cell) * cell}; }

// Snaps a closed ring to the grid and removes what snapping made degenerate: repeated
// points and there-and-back spikes (also across the closing edge). Neighbouring
// countries snap their shared border to the same points, so no cracks open between
// them. Leaves `out` empty when fewer than three points remain.
void snap_ring(std::span<const Vec2d> ring, double cell, std::vector<Vec2d>& out) {
    out.clear();
    for (const Vec2d& p : ring) {
        const Vec2d q = snap(p, cell);
        if (!out.empty() && same_point(out.back(), q)) continue;
        out.push_back(q);
        while (out.size() >= 3 && same_point(out[out.size() - 3], out.back())) {
            out.pop_back();
            out.pop_back();
        }
    }
    for (bool changed = true; changed && out.size() >= 3;) {
        changed = true;
        if (same_point(out.front(), out.back())) out.pop_back();
        else if (same_point(out[out.size() - 2], out.front())) out.pop_back();
        else if (same_point(out[1], out.back())) out.erase(out.begin());
        else changed = false;
    }
    if (out.size() < 3) out.clear();
}

void snap_line(std::span<const Vec2d> line, double cell, LodLine& out) {
    out.points.clear();
    Vec2d last{-1, -1};
    for (const Vec2d& p : line) {
        const Vec2d q = snap(p, cell);
        if (!out.points.empty() && same_point(last, q)) continue;
        last = q;
        out.points.push_back({static_cast<float>(q.x), static_cast<float>(q.y)});
    }
    if (out.points.size() < 2) {
        out.points.clear();
        return;
    }
    out.box = {out.points[0].x, out.points[0].y, out.points[0].x, out.points[0].y};
    for (const Vec2f& p : out.points) {
        out.box.x0 = std::min<double>(out.box.x0, p.x), out.box.x1 = std::max<double>(out.box.x1, p.x);
        out.box.y0 = std::min<double>(out.box.y0, p.y), out.box.y1 = std::max<double>(out.box.y1, p.y);
    }
}

const LodCountry& lod_country(BasemapCache& cache, int lod, std::size_t index) {
    LodCountry& out = cache.lods[lod].countries[index];
    if (out.built) return out;
    out.built = true;
    const double cell = lod_cell(lod);
    std::vector<Vec2d> points;
    std::vector<uint32_t> ring_ends;
    for (const ProjectedPolygon& polygon : cache.polygons[index]) {
        points.clear();
        ring_ends.clear();
        uint32_t begin = 0;
        for (std::size_t r = 0; r < polygon.ring_ends.size(); ++r) {
            const uint32_t end = polygon.ring_ends[r];
            snap_ring(std::span(polygon.points).subspan(begin, end - begin), cell, cache.snapped);
            begin = end;
            if (cache.snapped.empty()) {
                if (r == 0) break;  // the outer ring vanished at this scale: so did its holes
                continue;
            }
            points.insert(points.end(), cache.snapped.begin(), cache.snapped.end());
            ring_ends.push_back(static_cast<uint32_t>(points.size()));
            std::vector<Vec2f>& ring = out.rings.emplace_back();
            for (const Vec2d& p : cache.snapped) ring.push_back({static_cast<float>(p.x), static_cast<float>(p.y)});
        }
        if (ring_ends.empty()) continue;
        const uint32_t base = static_cast<uint32_t>(out.vertices.size());
        for (const uint32_t i : triangulate_polygon(points, ring_ends)) out.indices.push_back(base + i);
        for (const Vec2d& p : points) out.vertices.push_back({static_cast<float>(p.x), static_cast<float>(p.y)});
    }
    return out;
}

const Lod& lod_lines(BasemapCache& cache, int lod) {
    Lod& out = cache.lods[lod];
    if (out.lines_built) return out;
    out.lines_built = true;
    const double cell = lod_cell(lod);
    auto build = [cell](const std::vector<std::vector<Vec2d>>& lines, std::vector<LodLine>& snapped) {
        for (const std::vector<Vec2d>& line : lines) {
            LodLine l;
            snap_line(line, cell, l);
            if (!l.points.empty()) snapped.push_back(std::move(l));
        }
    };
    build(cache.coastlines, out.coastlines);
    build(cache.borders, out.borders);
    return out;
}

// [SECTION] Pack cache: places, arcs, time ----------------------------------------------------

struct PlaceItem {
    std::size_t entity = 0;
    Vec2d world;
    bool country_level = false;  // drawn as its country's shape and name, not a dot
    int country = -1;            // index into Basemap::countries, when found
};

// A figure the pack can recompute: the great-circle distance between two places.
struct ArcItem {
    std::size_t figure = 0;
    std::size_t from = 0, to = 0;  // place entities
    std::vector<Vec2d> world;      // the arc, world units
    std::string line1, line2;      // "3,473 km / 2,158 mi by great circle", "article: some 2,500 miles"
    std::string one_line;          // both, joined by a middle dot
};

struct PackCache {
    const Pack* pack = nullptr;
    const Entity* entities_data = nullptr;
    std::size_t entity_count = 0;
    std::vector<PlaceItem> places;
    std::vector<GeoPoint> all_points;     // every located place, in app_set_pack's order
    std::vector<ArcItem> arcs;
    std::vector<std::optional<int>> first_event_day;
    const Country* countries_for = nullptr;  // basemap the country indices refer to
};

void rebuild_pack_cache(PackCache& cache, const Pack& pack) {
    cache = PackCache{};
    cache.pack = &pack;
    cache.entities_data = pack.entities.data();
    cache.entity_count = pack.entities.size();
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const Entity& e = pack.entities[i];
        if (e.kind != EntityKind::Place || !e.location) continue;
        cache.places.push_back({i, project(*e.location), !e.country.empty(), -1});
        cache.all_points.push_back(*e.location);
    }
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const Entity& e = pack.entities[i];
        if (e.kind != EntityKind::Figure || !e.check || e.check->kind != "distance") continue;
        const std::optional<std::size_t> from = pack.index_of(e.check->from), to = pack.index_of(e.check->to);
        if (!from || !to) continue;
        const Entity& a = pack.entities[*from];
        const Entity& b = pack.entities[*to];
        if (!a.location || !b.location) continue;
        ArcItem arc;
        arc.figure = i;
        arc.from = *from;
        arc.to = *to;
        for (const GeoPoint& g : great_circle_points(*a.location, *b.location, 65)) arc.world.push_back(project(g));
        const double km = distance_km(*a.location, *b.location);
        arc.line1 = thousands(km) + " km / " + thousands(km_to_miles(km)) + " mi by great circle";
        if (!e.value.empty()) arc.line2 = "article: " + e.value;
        arc.one_line = arc.line2.empty() ? arc.line1 : arc.line1 + " \xC2\xB7 " + arc.line2;
        cache.arcs.push_back(std::move(arc));
    }
    cache.first_event_day = first_event_day_by_entity(pack);
}

void resolve_countries(PackCache& cache, const Pack& pack, const Basemap* map) {
    const Country* key = map ? map->countries.data() : nullptr;
    if (cache.countries_for == key) return;
    cache.countries_for = key;
    for (PlaceItem& place : cache.places) {
        place.country = -1;
        if (!map || !place.country_level) continue;
        if (const Country* c = find_country(*map, pack.entities[place.entity].country))
            place.country = static_cast<int>(c - map->countries.data());
    }
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
    double start = 0, duration = 0;
};

struct MapPanel {
    PackCache pack;
    BasemapCache basemap;

    bool known = false;
    MapView expected;            // what state.map holds unless someone else changed it
    bool reader_moved = false;   // the reader panned or zoomed since the first view
    bool auto_fitted = false;
    MapView auto_view;           // the last first-view fit this panel made
    Flight flight;
    bool dragging = false;
    bool pressed = false;        // the left button went down on the map
    std::string hover_set;       // the hover this panel asked for
    std::string selected_here;   // a selection this panel made (no flight needed to show it)
    std::string seen_selection;
    int last_frame = -1;

    std::vector<ImVec2> scratch;
};

MapPanel g_map;

double ease_in_out(double t) { return t < 0.5 ? 4.0 * t * t * t : 1.0 - std::pow(-2.0 * t + 2.0, 3.0) / 2.0; }

MapView sample_flight(const Flight& f, Viewport viewport, double now) {
    const double elapsed = now - f.start;
    if (f.step) {
        const double t = f.duration > 0 ? std::clamp(elapsed / f.duration, 0.0, 1.0) : 1.0;
        return zoom_about(f.from, viewport, f.anchor, f.from.zoom + (f.to_zoom - f.from.zoom) * ease_in_out(t));
    }
    return fly_view(f.path, elapsed, f.duration, false);
}

void start_step(MapPanel& m, const MapView& from, Vec2d anchor, double to_zoom, double now) {
    m.flight = Flight{};
    m.flight.active = true;
    m.flight.step = true;
    m.flight.from = from;
    m.flight.anchor = anchor;
    m.flight.to_zoom = to_zoom;
    m.flight.start = now;
    m.flight.duration = kStepZoomSeconds;
}

void start_fly(MapPanel& m, const MapView& from, const MapView& to, Viewport viewport, double now) {
    m.flight = Flight{};
    m.flight.path = make_fly_path(from, to, viewport);
    const double seconds = fly_path_seconds(m.flight.path);
    if (seconds <= 0) return;
    m.flight.active = true;
    m.flight.start = now;
    m.flight.duration = std::clamp(seconds, kFlyMinSeconds, kFlyMaxSeconds);
}

bool flight_done(const Flight& f, double now) { return now - f.start >= f.duration; }

MapView flight_target(const Flight& f, Viewport viewport) {
    return f.step ? zoom_about(f.from, viewport, f.anchor, f.to_zoom) : f.path.to;
}

// [SECTION] View targets ------------------------------------------------------------------------

ViewLimits view_limits(const Basemap* map, Viewport viewport) {
    ViewLimits limits;
    // Beyond the baked region there is no land data: the view stays inside it, so the
    // least zoom is the one at which the region just covers the panel.
    limits.region = map ? map->region : GeoBox{-180, -kMercatorMaxLat, 180, kMercatorMaxLat};
    const WorldBox box = world_box(limits.region);
    double cover = kMinZoom;
    if (box.x1 > box.x0 && box.y1 > box.y0)
        cover = std::max(std::log2(viewport.width / (box.x1 - box.x0)), std::log2(viewport.height / (box.y1 - box.y0)));
    limits.min_zoom = std::clamp(cover, kMinZoom, kMaxZoom);
    limits.max_zoom = kMaxZoom;
    return limits;
}

MapView first_view(const PackCache& cache, Viewport viewport, const ViewLimits& limits) {
    return clamp_view(fit_view(cache.all_points, viewport, kFitPadding, kFitMaxZoom), viewport, limits);
}

// The view that shows a selection: one town centred with its region around it, a
// country whole, several places fitted together.
std::optional<MapView> selection_view(const PanelContext& ctx, const PackCache& cache, std::span<const std::string> ids,
                                      Viewport viewport, const MapView& current) {
    std::vector<GeoPoint> points;
    bool whole_country = false;
    for (const std::string& id : ids) {
        const std::optional<std::size_t> index = ctx.pack.index_of(id);
        if (!index) continue;
        const Entity& e = ctx.pack.entities[*index];
        if (!e.location) continue;
        const auto place = std::find_if(cache.places.begin(), cache.places.end(),
                                        [&](const PlaceItem& p) { return p.entity == *index; });
        if (ctx.basemap && place != cache.places.end() && place->country >= 0) {
            const GeoBox& b = ctx.basemap->countries[static_cast<std::size_t>(place->country)].bounds;
            points.push_back({.lon = b.west, .lat = b.south});
            points.push_back({.lon = b.east, .lat = b.north});
            whole_country = true;
        } else {
            points.push_back(*e.location);
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

void draw_basemap(const PanelContext& ctx, MapPanel& m, const Projector& proj, const WorldBox& visible, int lod,
                  std::span<const int> highlight) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    BasemapCache& cache = m.basemap;
    const std::size_t n = cache.boxes.size();
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    const float scale = static_cast<float>(proj.scale);
    const float ox = static_cast<float>(proj.offset.x), oy = static_cast<float>(proj.offset.y);

    // Land: each country's triangles, written straight into the draw list.
    for (std::size_t i = 0; i < n; ++i) {
        if (!cache.boxes[i].intersects(visible)) continue;
        const LodCountry& mesh = lod_country(cache, lod, i);
        if (mesh.indices.empty()) continue;
        if (draw->VtxBuffer.Size + static_cast<int>(mesh.vertices.size()) > kBasemapVertexBudget) continue;
        const ImU32 colour = highlight[i] > 0 ? theme.land_highlight : theme.land;
        draw->PrimReserve(static_cast<int>(mesh.indices.size()), static_cast<int>(mesh.vertices.size()));
        const unsigned base = draw->_VtxCurrentIdx;
        for (const Vec2f& v : mesh.vertices) draw->PrimWriteVtx(ImVec2(v.x * scale + ox, v.y * scale + oy), uv, colour);
        for (const uint32_t index : mesh.indices) draw->PrimWriteIdx(static_cast<ImDrawIdx>(base + index));
    }

    // Borders under coastlines: where both meet, the coast reads as the edge of land.
    const Lod& lines = lod_lines(cache, lod);
    auto stroke = [&](const std::vector<LodLine>& set, ImU32 colour) {
        for (const LodLine& line : set) {
            if (!line.box.intersects(visible)) continue;
            // Texture-based anti-aliased lines: two vertices a point.
            if (draw->VtxBuffer.Size + 2 * static_cast<int>(line.points.size()) > kBasemapVertexBudget) continue;
            m.scratch.clear();
            for (const Vec2f& p : line.points) m.scratch.push_back(ImVec2(p.x * scale + ox, p.y * scale + oy));
            draw->AddPolyline(m.scratch.data(), static_cast<int>(m.scratch.size()), colour, ImDrawFlags_None, 1.0f);
        }
    };
    stroke(lines.borders, theme.border);
    stroke(lines.coastlines, theme.coast);

    // Outlines of the countries the reader points at or selected.
    const ImU32 outline = theme.kind[static_cast<int>(EntityKind::Place)];
    for (std::size_t i = 0; i < n; ++i) {
        if (highlight[i] < 2 || !cache.boxes[i].intersects(visible)) continue;
        for (const std::vector<Vec2f>& ring : lod_country(cache, lod, i).rings) {
            if (draw->VtxBuffer.Size + 4 * static_cast<int>(ring.size()) > kBasemapVertexBudget) break;
            m.scratch.clear();
            for (const Vec2f& p : ring) m.scratch.push_back(ImVec2(p.x * scale + ox, p.y * scale + oy));
            draw->AddPolyline(m.scratch.data(), static_cast<int>(m.scratch.size()), outline, ImDrawFlags_Closed, 2.0f);
        }
    }
}

// [SECTION] Labels and markers ---------------------------------------------------------------------

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
    bool future = false;
    bool visible = false;
    int label = -1;                // index into the label candidates
};

std::string_view place_label(const Pack& pack, const PlaceItem& p) { return pack.entities[p.entity].name; }

ImVec2 text_size(ImFont* font, float px, std::string_view text) {
    return font->CalcTextSizeA(px, FLT_MAX, 0, text.data(), text.data() + text.size());
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

// "500 km" over "200 mi", bottom left; returns the box it used.
Rect draw_scale_bar(const PanelContext& ctx, const MapView& view, ImVec2 origin, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    ImFont* font = ctx.fonts.sans_small;
    const float px = font_size(font);
    const double mpp = metres_per_pixel(view.lat, view.zoom);
    const double max_px = std::clamp(size.x * 0.22, 60.0, 120.0);
    const ScaleBar km = nice_scale_bar(mpp, max_px, DistanceUnit::Kilometres);
    const ScaleBar mi = nice_scale_bar(mpp, max_px, DistanceUnit::Miles);
    char km_text[32], mi_text[32];
    std::snprintf(km_text, sizeof km_text, "%g km", km.value);
    std::snprintf(mi_text, sizeof mi_text, "%g mi", mi.value);
    const float bar = static_cast<float>(std::max(km.length_px, mi.length_px));
    const float width = std::max({bar, text_size(font, px, km_text).x, text_size(font, px, mi_text).x}) + 12;
    const float height = 2 * px + 14;
    const ImVec2 a(origin.x + 8, origin.y + size.y - 8 - height);
    draw->AddRectFilled(a, ImVec2(a.x + width, a.y + height), with_alpha(theme.panel, 0.8f), 4);
    const float x0 = a.x + 6, y_mid = a.y + px + 7;
    draw->AddText(font, px, ImVec2(x0, a.y + 2), theme.text, km_text);
    draw->AddText(font, px, ImVec2(x0, y_mid + 4), theme.text, mi_text);
    const float km_x1 = x0 + static_cast<float>(km.length_px), mi_x1 = x0 + static_cast<float>(mi.length_px);
    draw->AddLine(ImVec2(x0, y_mid), ImVec2(std::max(km_x1, mi_x1), y_mid), theme.text, 1.5f);
    draw->AddLine(ImVec2(x0, y_mid - 5), ImVec2(x0, y_mid + 5), theme.text, 1.5f);
    draw->AddLine(ImVec2(km_x1, y_mid - 5), ImVec2(km_x1, y_mid), theme.text, 1.5f);
    draw->AddLine(ImVec2(mi_x1, y_mid), ImVec2(mi_x1, y_mid + 5), theme.text, 1.5f);
    return {a.x, a.y, a.x + width, a.y + height};
}

Rect draw_attribution(const PanelContext& ctx, ImVec2 origin, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = ctx.fonts.sans_small;
    const float px = font_size(font);
    const char* text = "Natural Earth";
    const ImVec2 t = text_size(font, px, text);
    const ImVec2 a(origin.x + size.x - t.x - 12, origin.y + size.y - t.y - 6);
    draw->AddRectFilled(ImVec2(a.x - 4, a.y - 1), ImVec2(a.x + t.x + 4, a.y + t.y + 1), with_alpha(ctx.theme.panel, 0.8f), 3);
    draw->AddText(font, px, a, ctx.theme.text_muted, text);
    return {a.x - 4, a.y - 1, a.x + t.x + 4, a.y + t.y + 1};
}

} // namespace

// [SECTION] Panel ------------------------------------------------------------------------------------------

void draw_map_panel(PanelContext& ctx, ImVec2 origin, ImVec2 size) {
    if (size.x < 16 || size.y < 16) return;
    MapPanel& m = g_map;
    const Pack& pack = ctx.pack;
    const Theme& theme = ctx.theme;
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    if (m.pack.pack != &pack || m.pack.entities_data != pack.entities.data() || m.pack.entity_count != pack.entities.size()) {
        // A new pack starts from its own first view; the basemap cache stays.
        BasemapCache basemap = std::move(m.basemap);
        m = MapPanel{};
        m.basemap = std::move(basemap);
        rebuild_pack_cache(m.pack, pack);
    }
    if (m.basemap.map != ctx.basemap || (ctx.basemap && m.basemap.countries_data != ctx.basemap->countries.data()))
        reset_basemap_cache(m.basemap, ctx.basemap);
    resolve_countries(m.pack, pack, ctx.basemap);

    const Viewport viewport{size.x, size.y};
    const ViewLimits limits = view_limits(ctx.basemap, viewport);
    const int frame = ImGui::GetFrameCount();
    const bool was_hidden = m.last_frame >= 0 && frame > m.last_frame + 1;
    m.last_frame = frame;

    // Controls first: ImGui gives the pointer to the first item submitted under it, so
    // the buttons win over the map beneath them.
    const Controls controls = layout_controls(origin, size, ctx.narrow);
    const ControlButton zoom_in = control_button("##map-zoom-in", controls.zoom_in, controls.size);
    const ControlButton zoom_out = control_button("##map-zoom-out", controls.zoom_out, controls.size);
    const ControlButton reset = control_button("##map-reset", controls.reset, controls.size);
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##map", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemActivated()) m.pressed = true;
    const Vec2d mouse{io.MousePos.x - origin.x, io.MousePos.y - origin.y};
    const Vec2d centre{viewport.width / 2, viewport.height / 2};

    // [View] Where the map is this frame: the state, unless a flight is under way.
    MapView view = ctx.state.map;
    if (m.known && !same_view(view, m.expected)) {
        // A link, the history or the host page moved the map: theirs wins.
        m.flight.active = false;
        m.dragging = false;
    }
    if (m.flight.active) {
        view = sample_flight(m.flight, viewport, ctx.time);
        if (flight_done(m.flight, ctx.time)) {
            view = flight_target(m.flight, viewport);
            m.flight.active = false;
        }
    }
    // The first view, refitted to the panel's real size while the reader has not moved
    // the map and no link chose another view.
    const MapView nominal = fit_view(m.pack.all_points, kNominalViewport, kFitPadding, kFitMaxZoom);
    const bool state_is_nominal =
        ctx.state.map.lat == nominal.lat && ctx.state.map.lon == nominal.lon && ctx.state.map.zoom == nominal.zoom;
    if (!m.reader_moved && !m.flight.active &&
        (state_is_nominal || (m.auto_fitted && same_view(ctx.state.map, m.auto_view)))) {
        view = first_view(m.pack, viewport, limits);
        m.auto_fitted = true;
        m.auto_view = view;
    }
    view = clamp_view(view, viewport, limits);

    // [Input] Each change starts from the view as the reader sees it now.
    const auto moved_by_reader = [&] {
        m.reader_moved = true;
        m.flight.active = false;
    };
    const auto step_zoom = [&](Vec2d anchor, double by) {
        // Repeated presses during a step add up instead of restarting from where it is.
        const double from_zoom = m.flight.active && m.flight.step ? m.flight.to_zoom : view.zoom;
        const double to_zoom = std::clamp(from_zoom + by, limits.min_zoom, limits.max_zoom);
        m.reader_moved = true;
        if (ctx.reduced_motion) {
            m.flight.active = false;
            view = zoom_about(view, viewport, anchor, to_zoom);
        } else {
            start_step(m, view, anchor, to_zoom, ctx.time);
        }
    };
    const auto fly_to = [&](const MapView& target) {
        const MapView to = clamp_view(target, viewport, limits);
        if (ctx.reduced_motion) {
            m.flight.active = false;
            view = to;
        } else {
            start_fly(m, view, to, viewport, ctx.time);
            if (!m.flight.active) view = to;
        }
    };

    const bool gesture = ctx.gesture && ctx.gesture->active;
    if (hovered && io.MouseWheel != 0 && !gesture) {
        moved_by_reader();
        const double zoom = std::clamp(view.zoom + io.MouseWheel * kWheelZoomPerNotch, limits.min_zoom, limits.max_zoom);
        view = zoom_about(view, viewport, mouse, zoom);
    }
    if (gesture) {
        const ImVec2 c = ctx.gesture->center;
        const Vec2d now{c.x - origin.x, c.y - origin.y};
        const Vec2d before{now.x - ctx.gesture->pan.x, now.y - ctx.gesture->pan.y};
        if (before.x >= 0 && before.y >= 0 && before.x < size.x && before.y < size.y && ctx.gesture->scale > 0) {
            moved_by_reader();
            // The point under the fingers' centre stays under it while they spread and move.
            const double zoom = std::clamp(view.zoom + std::log2(ctx.gesture->scale), limits.min_zoom, limits.max_zoom);
            view = zoom_about(view, viewport, before, zoom);
            const Vec2d world = project({.lon = view.lon, .lat = view.lat});
            const double scale = zoom_scale(view.zoom);
            view = view_at_world({world.x - ctx.gesture->pan.x / scale, world.y - ctx.gesture->pan.y / scale}, view.zoom);
        }
    }
    if (active && ImGui::IsMouseDragging(0, kDragThreshold) && !gesture) {
        // The first dragging frame also catches up with the movement under the threshold.
        const ImVec2 delta = m.dragging ? io.MouseDelta : ImGui::GetMouseDragDelta(0, kDragThreshold);
        m.dragging = true;
        moved_by_reader();
        const Vec2d world = project({.lon = view.lon, .lat = view.lat});
        const double scale = zoom_scale(view.zoom);
        view = view_at_world({world.x - delta.x / scale, world.y - delta.y / scale}, view.zoom);
    }
    if (!active) m.dragging = false;
    if (hovered && ImGui::IsMouseDoubleClicked(0)) step_zoom(mouse, io.KeyShift ? -1.0 : 1.0);
    if (zoom_in.clicked) step_zoom(centre, 1.0);
    if (zoom_out.clicked) step_zoom(centre, -1.0);
    const auto reset_view = [&] {
        const MapView target = first_view(m.pack, viewport, limits);
        fly_to(target);
        // Back to the first view: it follows the panel's size again from there.
        m.reader_moved = false;
        m.auto_fitted = true;
        m.auto_view = target;
    };
    if (reset.clicked) reset_view();
    if (ctx.keyboard_focus && !io.KeyCtrl && !io.KeyAlt) {
        if (ImGui::IsKeyPressed(kKeyPlus)) step_zoom(centre, 1.0);
        if (ImGui::IsKeyPressed(kKeyMinus)) step_zoom(centre, -1.0);
        if (ImGui::IsKeyPressed(kKeyZero, false)) reset_view();
        const struct { ImGuiKey key; float dx, dy; } pans[] = {{ImGuiKey_LeftArrow, -kKeyPanPx, 0},
                                                              {ImGuiKey_RightArrow, kKeyPanPx, 0},
                                                              {ImGuiKey_UpArrow, 0, -kKeyPanPx},
                                                              {ImGuiKey_DownArrow, 0, kKeyPanPx}};
        for (const auto& pan : pans)
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(pan.key))) {
                moved_by_reader();
                const Vec2d world = project({.lon = view.lon, .lat = view.lat});
                const double scale = zoom_scale(view.zoom);
                view = view_at_world({world.x + pan.dx / scale, world.y + pan.dy / scale}, view.zoom);
            }
    }

    // [Selection] A new selection by the reader brings its places into view; so does
    // coming back to a hidden map (phone tabs) after the selection changed.
    const bool new_selection = ctx.selection_changed_by_user ||
                               (was_hidden && ctx.state.selection != m.seen_selection && same_view(ctx.state.map, m.expected));
    if (new_selection && !ctx.state.selection.empty()) {
        const std::vector<std::string> ids = places_of(pack, ctx.state.selection);
        const bool shown_here = m.selected_here == ctx.state.selection && all_visible(ctx, ids, view, viewport);
        if (!shown_here)
            if (const std::optional<MapView> target = selection_view(ctx, m.pack, ids, viewport, view)) {
                fly_to(*target);
                if (was_hidden) {  // the map was not on screen: appear there at once
                    m.flight.active = false;
                    view = clamp_view(*target, viewport, limits);
                }
            }
    }
    m.seen_selection = ctx.state.selection;
    m.selected_here.clear();

    view = clamp_view(view, viewport, limits);
    if (!same_view(view, ctx.state.map)) ctx.actions.push(SetMapAction{view});
    m.expected = view;
    m.known = true;
    if (m.flight.active) *ctx.animating = true;

    // [Draw] Sea, land, lines.
    const Projector proj(view, viewport, origin);
    const WorldBox visible = proj.visible(origin, size, 2.0);
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), theme.sea);

    // Country-level places light up their country: 1 related, 2 pointed at or selected.
    std::vector<int> highlight(m.basemap.boxes.size(), 0);
    std::vector<char> named_by_pack(m.basemap.boxes.size(), 0);
    for (const PlaceItem& p : m.pack.places) {
        if (p.country < 0) continue;
        named_by_pack[static_cast<std::size_t>(p.country)] = 1;
        const Emphasis e = emphasis_of(ctx.state, ctx.selected, ctx.hovered, pack.entities[p.entity].id);
        int& h = highlight[static_cast<std::size_t>(p.country)];
        h = std::max(h, e >= Emphasis::Hovered ? 2 : e == Emphasis::Related ? 1 : 0);
    }
    const int lod = lod_for_zoom(view.zoom);
    if (ctx.basemap) draw_basemap(ctx, m, proj, visible, lod, highlight);

    // [Labels] Places first, then the distance arc, then the basemap's country names,
    // all placed together so that none overlaps another or a marker.
    std::vector<LabelCandidate> candidates;
    std::vector<LabelOwner> owners;
    std::vector<Rect> obstacles;
    std::vector<DrawnPlace> drawn(m.pack.places.size());
    const ImVec2 panel_max(origin.x + size.x, origin.y + size.y);
    auto inside = [&](ImVec2 p, float margin) {
        return p.x >= origin.x - margin && p.y >= origin.y - margin && p.x <= panel_max.x + margin && p.y <= panel_max.y + margin;
    };
    ImFont* regular = ctx.fonts.sans_small;
    ImFont* bold = ctx.fonts.sans_bold;
    for (std::size_t i = 0; i < m.pack.places.size(); ++i) {
        const PlaceItem& p = m.pack.places[i];
        const Entity& e = pack.entities[p.entity];
        DrawnPlace& d = drawn[i];
        d.at = proj(p.world);
        d.visible = inside(d.at, 0);
        if (!d.visible) continue;
        d.emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, e.id);
        const std::optional<int>& first = m.pack.first_event_day[p.entity];
        d.future = ctx.state.time_cursor && first && *first > *ctx.state.time_cursor;
        d.radius = p.country_level ? 0.0f
                   : d.emphasis >= Emphasis::Hovered ? kMarkerRadius + 2.0f
                   : d.emphasis == Emphasis::Related ? kMarkerRadius + 1.0f
                                                      : kMarkerRadius;
        const bool strong = d.emphasis >= Emphasis::Related || p.country_level;
        LabelOwner owner{LabelKind::Place, i, strong ? bold : regular, font_size(strong ? bold : regular)};
        const ImVec2 t = text_size(owner.font, owner.font_px, place_label(pack, p));
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
        } else {
            const float r = d.radius + 1.5f;
            obstacles.push_back({d.at.x - r, d.at.y - r, d.at.x + r, d.at.y + r});
            c.own_obstacle = static_cast<int>(obstacles.size()) - 1;
            // Clear of a marker drawn on the same spot (Baiji and its refinery) even
            // with the placement's spacing added.
            set_offsets_around(c, r + kLabelSpacing + 1.0);
        }
        d.label = static_cast<int>(candidates.size());
        candidates.push_back(c);
        owners.push_back(owner);
    }
    std::vector<int> arc_label(m.pack.arcs.size(), -1);
    std::vector<Emphasis> arc_emphasis(m.pack.arcs.size(), Emphasis::None);
    for (std::size_t a = 0; a < m.pack.arcs.size(); ++a) {
        const ArcItem& arc = m.pack.arcs[a];
        arc_emphasis[a] = emphasis_of(ctx.state, ctx.selected, ctx.hovered, pack.entities[arc.figure].id);
        const ImVec2 mid = proj(arc.world[arc.world.size() / 2]);
        if (!inside(mid, 0)) continue;
        LabelOwner owner{LabelKind::Arc, a, regular, font_size(regular)};
        ImVec2 t = text_size(regular, owner.font_px, arc.one_line);
        if (t.x > size.x * 0.55f && !arc.line2.empty()) {
            owner.two_lines = true;
            const ImVec2 t1 = text_size(regular, owner.font_px, arc.line1), t2 = text_size(regular, owner.font_px, arc.line2);
            t = ImVec2(std::max(t1.x, t2.x), t1.y + t2.y);
        }
        LabelCandidate c;
        c.anchor = {mid.x, mid.y};
        c.size = {t.x + 2 * 6.0, t.y + 2 * 3.0};
        c.priority = arc_emphasis[a] >= Emphasis::Related ? 950 : 150;
        const double w = c.size.x, h = c.size.y;
        c.offsets[0] = {-w / 2, -h - 6};
        c.offsets[1] = {-w / 2, 6};
        c.offsets[2] = {-w / 2, -h / 2};
        c.offsets[3] = {-w - 8, -h / 2};
        c.offsets[4] = {8, -h / 2};
        c.offset_count = 5;
        arc_label[a] = static_cast<int>(candidates.size());
        candidates.push_back(c);
        owners.push_back(owner);
    }
    if (ctx.basemap && view.zoom >= 3.0) {
        for (std::size_t i = 0; i < ctx.basemap->countries.size(); ++i) {
            const Country& country = ctx.basemap->countries[i];
            // The pack's own country-level places label their country themselves.
            if (named_by_pack[i]) continue;
            const WorldBox& box = m.basemap.boxes[i];
            if (!box.intersects(visible) || country.name.empty()) continue;
            const ImVec2 at = proj(m.basemap.label_points[i]);
            if (!inside(at, 0)) continue;
            const float px = font_size(regular);
            const ImVec2 t = text_size(regular, px, country.name);
            // Named only where the country is wide enough on screen to carry its name.
            if ((box.x1 - box.x0) * proj.scale < t.x * 1.2 || (box.y1 - box.y0) * proj.scale < t.y * 1.5) continue;
            LabelCandidate c;
            c.anchor = {at.x, at.y};
            c.size = {t.x, t.y};
            c.priority = 10 + std::log2(1 + (box.x1 - box.x0) * (box.y1 - box.y0) * proj.scale * proj.scale);
            c.offsets[0] = {-t.x / 2.0, -t.y / 2.0};
            c.offset_count = 1;
            candidates.push_back(c);
            owners.push_back({LabelKind::CountryName, i, regular, px});
        }
    }
    // The controls, scale bar and attribution keep their corners free of labels.
    const Rect controls_box{controls.zoom_in.x - 4, controls.zoom_in.y - 4, controls.reset.x + controls.size + 4,
                            controls.reset.y + controls.size + 4};
    obstacles.push_back(controls_box);
    const float small_px = font_size(regular);
    obstacles.push_back({origin.x, panel_max.y - 2 * small_px - 24, origin.x + 140, panel_max.y});
    obstacles.push_back({panel_max.x - 110, panel_max.y - small_px - 10, panel_max.x, panel_max.y});
    const Rect frame_rect{origin.x + 2, origin.y + 2, panel_max.x - 2, panel_max.y - 2};
    const std::vector<LabelPlacement> placed = place_labels(candidates, obstacles, frame_rect, kLabelSpacing);

    // Country names under everything else the reader can point at.
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (owners[k].kind != LabelKind::CountryName || !placed[k].shown) continue;
        const Rect& r = placed[k].rect;
        draw->AddText(owners[k].font, owners[k].font_px, ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0)),
                      with_alpha(theme.text_muted, 0.85f), ctx.basemap->countries[owners[k].index].name.c_str());
    }

    // [Arcs] The distance the article quotes, recomputed on the sphere.
    struct Hit {
        std::string_view id;
        ImVec2 card_anchor;
    };
    std::optional<Hit> hit;
    const bool can_hover = hovered && !m.dragging && !gesture;
    for (std::size_t a = 0; a < m.pack.arcs.size(); ++a) {
        const ArcItem& arc = m.pack.arcs[a];
        const Entity& figure = pack.entities[arc.figure];
        const Emphasis e = arc_emphasis[a];
        const ImU32 colour = theme.kind[static_cast<int>(EntityKind::Figure)];
        m.scratch.clear();
        for (const Vec2d& w : arc.world) m.scratch.push_back(proj(w));
        draw->AddPolyline(m.scratch.data(), static_cast<int>(m.scratch.size()),
                          e >= Emphasis::Related ? colour : with_alpha(colour, 0.8f), ImDrawFlags_None,
                          e >= Emphasis::Hovered ? 3.0f : e == Emphasis::Related ? 2.5f : 1.5f);
        const int k = arc_label[a];
        if (k < 0 || !placed[static_cast<std::size_t>(k)].shown) {
            const ImVec2 mid = proj(arc.world[arc.world.size() / 2]);
            if (inside(mid, 0)) ctx.located->push_back({figure.id, "map", mid.x - 4, mid.y - 4, 8, 8});
            continue;
        }
        const Rect& r = placed[static_cast<std::size_t>(k)].rect;
        const ImVec2 a0(static_cast<float>(r.x0), static_cast<float>(r.y0)), a1(static_cast<float>(r.x1), static_cast<float>(r.y1));
        const ImU32 fill = e == Emphasis::Selected ? theme.selection_fill : e == Emphasis::Hovered ? theme.hover_fill : theme.panel;
        draw->AddRectFilled(a0, a1, with_alpha(fill, 0.92f), 4);
        draw->AddRect(a0, a1, with_alpha(colour, e >= Emphasis::Related ? 1.0f : 0.6f), 4, 0, e >= Emphasis::Related ? 1.5f : 1.0f);
        const LabelOwner& o = owners[static_cast<std::size_t>(k)];
        if (o.two_lines) {
            draw->AddText(o.font, o.font_px, ImVec2(a0.x + 6, a0.y + 3), theme.text, arc.line1.c_str());
            draw->AddText(o.font, o.font_px, ImVec2(a0.x + 6, a0.y + 3 + o.font_px * 1.25f), theme.text_muted, arc.line2.c_str());
        } else {
            draw->AddText(o.font, o.font_px, ImVec2(a0.x + 6, a0.y + 3), theme.text, arc.one_line.c_str());
        }
        ctx.located->push_back({figure.id, "map", a0.x, a0.y, a1.x - a0.x, a1.y - a0.y});
        if (can_hover && io.MousePos.x >= a0.x && io.MousePos.x < a1.x && io.MousePos.y >= a0.y && io.MousePos.y < a1.y)
            hit = Hit{figure.id, ImVec2(a0.x, a1.y)};
    }

    // [Markers] Dots and their labels; the nearest dot under the pointer wins.
    const float hit_radius = ctx.touch ? 22.0f : 11.0f;
    float best = hit_radius * hit_radius;
    const ImU32 place_colour = theme.kind[static_cast<int>(EntityKind::Place)];
    for (std::size_t i = 0; i < m.pack.places.size(); ++i) {
        const DrawnPlace& d = drawn[i];
        if (!d.visible) continue;
        const PlaceItem& p = m.pack.places[i];
        const Entity& e = pack.entities[p.entity];
        const float alpha = d.future ? 0.35f : 1.0f;
        if (d.radius > 0) {
            if (d.emphasis == Emphasis::Selected) draw->AddCircle(d.at, d.radius + 3.5f, with_alpha(theme.text, alpha), 20, 2.0f);
            draw->AddCircleFilled(d.at, d.radius + 1.5f, with_alpha(theme.panel, alpha), 20);
            draw->AddCircleFilled(d.at, d.radius, with_alpha(place_colour, alpha), 20);
            const float r = std::max(d.radius, 5.0f);
            ctx.located->push_back({e.id, "map", d.at.x - r, d.at.y - r, 2 * r, 2 * r});
            if (can_hover) {
                const float dx = io.MousePos.x - d.at.x, dy = io.MousePos.y - d.at.y;
                if (dx * dx + dy * dy <= best) {
                    best = dx * dx + dy * dy;
                    hit = Hit{e.id, ImVec2(d.at.x + 8, d.at.y + 10)};
                }
            }
        }
        const LabelPlacement& label = placed[static_cast<std::size_t>(d.label)];
        if (!label.shown) {
            // A country-level place whose name found no room still marks its spot.
            if (d.radius == 0) ctx.located->push_back({e.id, "map", d.at.x - 4, d.at.y - 4, 8, 8});
            continue;
        }
        const LabelOwner& o = owners[static_cast<std::size_t>(d.label)];
        const ImVec2 a0(static_cast<float>(label.rect.x0), static_cast<float>(label.rect.y0));
        const ImVec2 a1(static_cast<float>(label.rect.x1), static_cast<float>(label.rect.y1));
        const ImU32 fill = d.emphasis == Emphasis::Selected ? theme.selection_fill
                           : d.emphasis == Emphasis::Hovered ? theme.hover_fill
                                                              : with_alpha(theme.panel, 0.78f);
        draw->AddRectFilled(a0, a1, with_alpha(fill, alpha), 3);
        const ImU32 ink = p.country_level ? place_colour : theme.text;
        const std::string_view name = place_label(pack, p);
        draw->AddText(o.font, o.font_px, ImVec2(a0.x + kLabelPadX, a0.y + kLabelPadY), with_alpha(ink, alpha), name.data(),
                      name.data() + name.size());
        ctx.located->push_back({e.id, "map", a0.x, a0.y, a1.x - a0.x, a1.y - a0.y});
        if (can_hover && !hit && io.MousePos.x >= a0.x && io.MousePos.x < a1.x && io.MousePos.y >= a0.y && io.MousePos.y < a1.y)
            hit = Hit{e.id, ImVec2(a0.x, a1.y)};
    }

    // [Overlay] Scale, attribution and the controls, over the map.
    draw_scale_bar(ctx, view, origin, size);
    draw_attribution(ctx, origin, size);
    draw_control(draw, theme, zoom_in, Icon::Plus, view.zoom < limits.max_zoom - 1e-6, ImDrawFlags_RoundCornersTop);
    draw_control(draw, theme, zoom_out, Icon::Minus, view.zoom > limits.min_zoom + 1e-6, ImDrawFlags_RoundCornersBottom);
    draw_control(draw, theme, reset, Icon::Fit, true, ImDrawFlags_RoundCornersAll);
    // The map's own frame, so a host (or a test) can turn the view into screen positions.
    ctx.located->push_back({"map:view", "map", origin.x, origin.y, size.x, size.y});
    ctx.located->push_back({"map:zoom-in", "map", zoom_in.at.x, zoom_in.at.y, zoom_in.size, zoom_in.size});
    ctx.located->push_back({"map:zoom-out", "map", zoom_out.at.x, zoom_out.at.y, zoom_out.size, zoom_out.size});
    ctx.located->push_back({"map:reset", "map", reset.at.x, reset.at.y, reset.size, reset.size});
    draw->PopClipRect();

    // [Pointer] Hover links the entity everywhere; a click (not a drag) selects it.
    if (m.dragging || gesture) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
    else if (zoom_in.hovered || zoom_out.hovered || reset.hovered || hit) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (hit) {
        if (ctx.state.hover != hit->id) ctx.actions.push(HoverAction{std::string(hit->id)});
        m.hover_set = hit->id;
        if (const Entity* e = pack.find(hit->id)) draw_entity_card(ctx, *e, hit->card_anchor);
    } else if (const bool ours = ctx.state.hover == m.hover_set;
               !ctx.state.hover.empty() &&
               (ours ? (hovered && !m.dragging) || !ImGui::IsMousePosValid()
                     : hovered && !m.dragging && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0))) {
        // Nothing under the pointer on the map; or the pointer left the page after
        // hovering here. Another panel's hover (a keyboard focus in the article) goes
        // only once the pointer moves over the map.
        ctx.actions.push(HoverAction{""});
        m.hover_set.clear();
    }
    if (m.pressed && ImGui::IsMouseReleased(0)) {
        m.pressed = false;
        if (io.MouseDragMaxDistanceSqr[0] <= kClickSlop * kClickSlop) {
            // Where the press was: a finger's release comes with no pointer position.
            const ImVec2 at = io.MouseClickedPos[0];
            std::string_view clicked;
            float nearest = hit_radius * hit_radius;
            for (std::size_t i = 0; i < m.pack.places.size(); ++i) {
                const DrawnPlace& d = drawn[i];
                if (!d.visible) continue;
                const std::string& id = pack.entities[m.pack.places[i].entity].id;
                const float dx = at.x - d.at.x, dy = at.y - d.at.y;
                if (d.radius > 0 && dx * dx + dy * dy <= nearest) {
                    nearest = dx * dx + dy * dy;
                    clicked = id;
                }
            }
            if (clicked.empty())
                for (const LocatedRect& r : *ctx.located)
                    if (r.panel == "map" && r.id.rfind("map:", 0) != 0 && at.x >= r.x && at.x < r.x + r.w && at.y >= r.y &&
                        at.y < r.y + r.h)
                        clicked = r.id;
            if (!clicked.empty()) {
                ctx.actions.push(SelectAction{std::string(clicked)});
                m.selected_here = clicked;
            }
        }
    }
}

} // namespace explainer::ui
