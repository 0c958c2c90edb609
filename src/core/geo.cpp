// Index:
// [SECTION] Projection
// [SECTION] View fitting, zooming, clamping
// [SECTION] Great circles
// [SECTION] Scale bar
// [SECTION] Fly-to
#include "geo.h"
#include "easing.h"
#include "index_sort.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <numbers>

namespace explainer {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDegToRad = kPi / 180.0;
constexpr double kRadToDeg = 180.0 / kPi;

// WGS84, for the scale bar's east-west ground distance.
constexpr double kWgs84SemiMajorM = 6378137.0;
constexpr double kWgs84EccentricitySq = 6.69437999014e-3;

// sin x for |x| <= pi/2, by its Taylor series to x^19 (the series' error there is below
// 3e-16; fewer terms than ten cost Mercator's y more than rounding does). A latitude needs
// no argument reduction, and project() runs for every basemap point a frame first draws,
// which in the web build would each be a call out of wasm: the build takes sin, tan and
// their kin from the browser's Math (src/platform/main_web.cpp) and leaves musl's out.
double sine_of_latitude(double x) {
    constexpr std::array<double, 10> kCoefficients{1.0, -1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880, -1.0 / 39916800,
                                                    1.0 / 6227020800, -1.0 / 1307674368000, 1.0 / 355687428096000,
                                                    -1.0 / 121645100408832000};
    const double x2 = x * x;
    double sum = 0;
    for (auto k = kCoefficients.rbegin(); k != kCoefficients.rend(); ++k) sum = sum * x2 + *k;
    return x * sum;
}

struct Vec3 {
    double x = 0.0, y = 0.0, z = 0.0;
};

double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double length(Vec3 v) { return std::sqrt(dot(v, v)); }
Vec3 scaled(Vec3 v, double s) { return {v.x * s, v.y * s, v.z * s}; }
Vec3 sum(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }

Vec3 unit_vector(GeoPoint p) {
    const double lat = p.lat * kDegToRad, lon = p.lon * kDegToRad;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

GeoPoint geo_from_unit(Vec3 v) {
    return {std::atan2(v.y, v.x) * kRadToDeg, std::atan2(v.z, std::hypot(v.x, v.y)) * kRadToDeg};
}

Vec2d world_centre(const MapView& view) { return project({view.lon, view.lat}); }

// A country's core box in tenths of a degree, rounded outwards (tools/bake-map.mjs writes
// the rows).
struct CountryBoxRow {
    std::uint16_t code;  // ISO 3166-1 numeric
    std::int16_t west, east, south, north;
};
// A list rather than an array: a build without the atlas has no rows.
constexpr std::initializer_list<CountryBoxRow> kCountryBoxes = {
#include "country_boxes.inc"
};

} // namespace

std::optional<GeoBox> country_core_box(std::string_view iso_numeric) {
    unsigned code = 0;
    const auto [end, error] = std::from_chars(iso_numeric.data(), iso_numeric.data() + iso_numeric.size(), code);
    if (error != std::errc() || end != iso_numeric.data() + iso_numeric.size()) return std::nullopt;
    for (const CountryBoxRow& row : kCountryBoxes)
        if (row.code == code)
            return GeoBox{.west = row.west / 10.0, .south = row.south / 10.0, .east = row.east / 10.0, .north = row.north / 10.0};
    return std::nullopt;
}

bool has_country_boxes() { return kCountryBoxes.size() != 0; }

bool holds(const GeoBox& box, GeoPoint point) {
    if (point.lat < box.south || point.lat > box.north) return false;
    for (const double turn : {0.0, -360.0, 360.0})
        if (point.lon + turn >= box.west && point.lon + turn <= box.east) return true;
    return false;
}

// [SECTION] Projection ---------------------------------------------------------------

GeoBox bounds_of(std::span<const GeoPoint> points, GeoBox box) {
    for (const GeoPoint& g : points)
        box = {std::min(box.west, g.lon), std::min(box.south, g.lat), std::max(box.east, g.lon), std::max(box.north, g.lat)};
    return box;
}

Vec2d project(GeoPoint geo) {
    const double lat = std::clamp(geo.lat, -kMercatorMaxLat, kMercatorMaxLat) * kDegToRad;
    const double x = (geo.lon + 180.0) / 360.0 * kWorldSizePx;
    // Mercator's ln(tan(pi/4 + lat/2)), written as atanh(sin lat): within 1.5e-12 world
    // units of it up to the world's edge at 85.05 degrees, a millionth of a pixel at zoom 20.
    const double s = sine_of_latitude(lat);
    const double y = (0.5 - 0.5 * std::log((1 + s) / (1 - s)) / (2.0 * kPi)) * kWorldSizePx;
    return {x, y};
}

GeoPoint unproject(Vec2d world) {
    const double lon = world.x / kWorldSizePx * 360.0 - 180.0;
    const double mercator_y = (0.5 - world.y / kWorldSizePx) * 2.0 * kPi;
    const double lat = (2.0 * std::atan(std::exp(mercator_y)) - kPi / 2.0) * kRadToDeg;
    return {lon, lat};
}

double zoom_scale(double zoom) { return std::exp2(zoom); }

double wrap_near(double x, double near_x) { return x + kWorldSizePx * std::round((near_x - x) / kWorldSizePx); }

Vec2d geo_to_screen(const MapView& view, Viewport viewport, GeoPoint geo) {
    const double scale = zoom_scale(view.zoom);
    const Vec2d p = project(geo), c = world_centre(view);
    return {(p.x - c.x) * scale + viewport.width / 2.0, (p.y - c.y) * scale + viewport.height / 2.0};
}

GeoPoint screen_to_geo(const MapView& view, Viewport viewport, Vec2d screen) {
    const double scale = zoom_scale(view.zoom);
    const Vec2d c = world_centre(view);
    return unproject({c.x + (screen.x - viewport.width / 2.0) / scale, c.y + (screen.y - viewport.height / 2.0) / scale});
}

MapView view_at_world(Vec2d world_centre, double zoom) {
    const GeoPoint g = unproject(world_centre);
    return {g.lat, g.lon, zoom};
}

// [SECTION] View fitting, zooming, clamping ------------------------------------------

ViewLimits world_view_limits(Viewport viewport) {
    ViewLimits limits;
    limits.region = GeoBox{-180, -kMercatorMaxLat, 180, kMercatorMaxLat};
    limits.wrap_longitude = true;
    limits.margin_px = kMapPlacePaddingPx;
    // The shorter side: on a tall phone panel the world's height alone would keep the
    // map zoomed in too far to fit places half a world apart across its width.
    // Less the margin above and below, so that zoomed out, places at both poles fit too.
    const double shorter_side = std::min(viewport.width, viewport.height);
    const double world_side = std::max(shorter_side / 2.0, shorter_side - 2.0 * limits.margin_px);
    limits.min_zoom = std::clamp(std::log2(world_side / kWorldSizePx), 0.0, kMaxMapZoom);
    limits.max_zoom = kMaxMapZoom;
    return limits;
}

MapView opening_map_view(std::span<const GeoPoint> places, Viewport viewport) {
    constexpr double kMaxZoom = 8;
    return clamp_view(fit_view(places, viewport, kOpeningViewInsets, kMaxZoom), viewport, world_view_limits(viewport));
}

MapView fit_view(std::span<const GeoPoint> points, Viewport viewport, double padding_px, double max_zoom) {
    return fit_view(points, viewport, EdgeInsets{padding_px, padding_px, padding_px, padding_px}, max_zoom);
}

MapView fit_view(std::span<const GeoPoint> points, Viewport viewport, EdgeInsets insets, double max_zoom) {
    if (points.empty()) return MapView{};
    Vec2d lo = project(points[0]), hi = lo;
    std::vector<double> xs;
    xs.reserve(points.size());
    for (const GeoPoint& g : points) {
        const Vec2d p = project(g);
        xs.push_back(p.x);
        lo.y = std::min(lo.y, p.y);
        hi.y = std::max(hi.y, p.y);
    }
    // East-west the box is the world less its widest empty gap between two points
    // (the gap across the antimeridian included): it starts just east of that gap.
    sort_items(xs);
    double widest_gap = xs.front() + kWorldSizePx - xs.back();
    lo.x = xs.front();
    hi.x = xs.back();
    for (std::size_t i = 1; i < xs.size(); ++i) {
        if (xs[i] - xs[i - 1] > widest_gap) {
            widest_gap = xs[i] - xs[i - 1];
            lo.x = xs[i];
            hi.x = xs[i - 1] + kWorldSizePx;
        }
    }
    // A viewport smaller than its insets still gets one pixel to fit into.
    const double free_x = viewport.width - insets.left - insets.right, free_y = viewport.height - insets.top - insets.bottom;
    const double room_x = std::max(1.0, free_x), room_y = std::max(1.0, free_y);
    double zoom = max_zoom;
    const double span_x = hi.x - lo.x, span_y = hi.y - lo.y;
    if (span_x > 0.0) zoom = std::min(zoom, std::log2(room_x / span_x));
    if (span_y > 0.0) zoom = std::min(zoom, std::log2(room_y / span_y));
    // The box's centre goes to the centre of the room, which is off the viewport's centre
    // by half the difference of opposite insets (none when they are equal or the room is
    // the one pixel of a viewport too small).
    const double scale = zoom_scale(zoom);
    const double off_x = free_x >= 1.0 ? (insets.left - insets.right) / 2.0 : 0.0;
    const double off_y = free_y >= 1.0 ? (insets.top - insets.bottom) / 2.0 : 0.0;
    const Vec2d centre = {(lo.x + hi.x) / 2.0 - off_x / scale, (lo.y + hi.y) / 2.0 - off_y / scale};
    return view_at_world({wrap_near(centre.x, kWorldSizePx / 2.0), centre.y}, zoom);
}

MapView zoom_about(const MapView& view, Viewport viewport, Vec2d screen_anchor, double new_zoom) {
    const Vec2d anchor_world = project(screen_to_geo(view, viewport, screen_anchor));
    const double scale = zoom_scale(new_zoom);
    // Solve geo_to_screen(result, anchor) == screen_anchor for the centre.
    const Vec2d centre = {anchor_world.x - (screen_anchor.x - viewport.width / 2.0) / scale,
                          anchor_world.y - (screen_anchor.y - viewport.height / 2.0) / scale};
    return view_at_world(centre, new_zoom);
}

MapView clamp_view(const MapView& view, Viewport viewport, const ViewLimits& limits) {
    assert(limits.min_zoom <= limits.max_zoom && "zoom limits out of order");
    const Vec2d region_lo = project({limits.region.west, limits.region.north});
    const Vec2d region_hi = project({limits.region.east, limits.region.south});
    // A view from an untrusted source (a link) may hold anything: fall back to the
    // region's centre rather than propagate NaN.
    double zoom = std::isfinite(view.zoom) ? view.zoom : limits.min_zoom;
    zoom = std::clamp(zoom, limits.min_zoom, limits.max_zoom);
    Vec2d centre = {(region_lo.x + region_hi.x) / 2.0, (region_lo.y + region_hi.y) / 2.0};
    if (std::isfinite(view.lon) && std::isfinite(view.lat)) centre = world_centre(view);

    const double scale = zoom_scale(zoom);
    // The margin is at most half the viewport, so that the centre itself stays in the
    // region (a view's centre beyond the Mercator world would not survive a link).
    auto clamp_axis = [&](double c, double lo, double hi, double extent_px) {
        const double margin = std::min(limits.margin_px, extent_px / 2.0) / scale, half_extent = extent_px / 2.0 / scale;
        lo -= margin, hi += margin;
        if (hi - lo <= 2.0 * half_extent) return (lo + hi) / 2.0;
        return std::clamp(c, lo + half_extent, hi - half_extent);
    };
    if (limits.wrap_longitude) centre.x = wrap_near(centre.x, kWorldSizePx / 2.0);
    else centre.x = clamp_axis(centre.x, region_lo.x, region_hi.x, viewport.width);
    centre.y = clamp_axis(centre.y, region_lo.y, region_hi.y, viewport.height);
    return view_at_world(centre, zoom);
}

// [SECTION] Great circles ------------------------------------------------------------

double distance_km(GeoPoint a, GeoPoint b) {
    const double lat1 = a.lat * kDegToRad, lat2 = b.lat * kDegToRad;
    const double sin_dlat = std::sin((lat2 - lat1) / 2.0);
    const double sin_dlon = std::sin((b.lon - a.lon) * kDegToRad / 2.0);
    const double h = sin_dlat * sin_dlat + std::cos(lat1) * std::cos(lat2) * sin_dlon * sin_dlon;
    return 2.0 * kEarthMeanRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double km_to_miles(double km) { return km / kKmPerStatuteMile; }

std::vector<GeoPoint> great_circle_points(GeoPoint a, GeoPoint b, int count) {
    assert(count >= 2 && "an arc needs both endpoints");
    count = std::max(count, 2);
    const Vec3 va = unit_vector(a), vb = unit_vector(b);
    const double angle = std::atan2(length(cross(va, vb)), dot(va, vb));
    // Orthonormal direction from a towards b in the arc's plane; a + this basis keeps
    // slerp stable for short and for near-antipodal arcs alike.
    Vec3 towards = sum(vb, scaled(va, -dot(va, vb)));
    if (length(towards) < 1e-12) {
        towards = sum(Vec3{0, 0, 1}, scaled(va, -va.z));                       // via the North Pole
        if (length(towards) < 1e-12) towards = sum(Vec3{1, 0, 0}, scaled(va, -va.x));  // a is a pole
    }
    towards = scaled(towards, 1.0 / length(towards));

    std::vector<GeoPoint> out;
    out.reserve(static_cast<size_t>(count));
    out.push_back(a);
    for (int i = 1; i + 1 < count; ++i) {
        const double t = angle * static_cast<double>(i) / static_cast<double>(count - 1);
        out.push_back(geo_from_unit(sum(scaled(va, std::cos(t)), scaled(towards, std::sin(t)))));
    }
    out.push_back(b);
    return out;
}

void unwrap_world_x(std::span<Vec2d> points) {
    for (std::size_t i = 1; i < points.size(); ++i) points[i].x = wrap_near(points[i].x, points[i - 1].x);
}

// [SECTION] Scale bar ----------------------------------------------------------------

double metres_per_pixel(double lat, double zoom) {
    const double phi = std::clamp(lat, -kMercatorMaxLat, kMercatorMaxLat) * kDegToRad;
    const double sin_phi = std::sin(phi);
    const double parallel_radius =
        kWgs84SemiMajorM * std::cos(phi) / std::sqrt(1.0 - kWgs84EccentricitySq * sin_phi * sin_phi);
    return 2.0 * kPi * parallel_radius / (kWorldSizePx * zoom_scale(zoom));
}

ScaleBar nice_scale_bar(double metres_per_px, double max_length_px, DistanceUnit unit) {
    ScaleBar bar;
    bar.unit = unit;
    if (!(metres_per_px > 0.0) || !(max_length_px > 0.0) || !std::isfinite(metres_per_px)) return bar;
    const double unit_metres = unit == DistanceUnit::Kilometres ? 1000.0 : 1000.0 * kKmPerStatuteMile;
    const double max_value = max_length_px * metres_per_px / unit_metres;
    // floor(log10) can land one decade off near exact powers of ten: settle it exactly.
    double decade = std::pow(10.0, std::floor(std::log10(max_value)));
    while (decade > max_value) decade /= 10.0;
    while (decade * 10.0 <= max_value) decade *= 10.0;
    for (double step : {5.0, 2.0, 1.0}) {
        if (step * decade <= max_value) {
            bar.value = step * decade;
            break;
        }
    }
    bar.length_px = bar.value * unit_metres / metres_per_px;
    return bar;
}

// [SECTION] Fly-to -------------------------------------------------------------------

FlyPath make_fly_path(const MapView& from, const MapView& to, Viewport viewport) {
    FlyPath path;
    path.from = from;
    path.to = to;
    path.viewport_width = std::max(1.0, viewport.width);
    path.from_world = world_centre(from);
    path.to_world = world_centre(to);
    path.to_world.x = wrap_near(path.to_world.x, path.from_world.x);
    path.from_width = path.viewport_width / zoom_scale(from.zoom);
    path.to_width = path.viewport_width / zoom_scale(to.zoom);

    const double w0 = path.from_width, w1 = path.to_width;
    const double u1 = std::hypot(path.to_world.x - path.from_world.x, path.to_world.y - path.from_world.y);
    const double rho2 = kFlyRho * kFlyRho;
    if (u1 <= 1e-9 * std::max(w0, w1)) {
        path.pure_zoom = true;
        path.length = std::fabs(std::log(w1 / w0)) / kFlyRho;
        return path;
    }
    // r(i) = ln(sqrt(b_i^2 + 1) - b_i), written as -asinh(b_i) to avoid cancellation.
    const double b0 = (w1 * w1 - w0 * w0 + rho2 * rho2 * u1 * u1) / (2.0 * w0 * rho2 * u1);
    const double b1 = (w1 * w1 - w0 * w0 - rho2 * rho2 * u1 * u1) / (2.0 * w1 * rho2 * u1);
    path.r0 = -std::asinh(b0);
    path.length = (-std::asinh(b1) - path.r0) / kFlyRho;
    return path;
}

double fly_path_seconds(const FlyPath& path) {
    if (path.length < 1e-9) return 0.0;  // already there
    return std::clamp(0.3 + 0.35 * path.length, 0.4, 2.0);
}

MapView fly_view(const FlyPath& path, double elapsed_seconds, double duration_seconds, bool reduced_motion) {
    if (reduced_motion || !(duration_seconds > 0.0) || elapsed_seconds >= duration_seconds) return path.to;
    if (!(elapsed_seconds > 0.0)) return path.from;
    const double s = ease_in_out_cubic(elapsed_seconds / duration_seconds) * path.length;
    const double w0 = path.from_width;
    double width = 0.0;
    double travelled = 0.0;  // fraction of the pan done
    if (path.pure_zoom) {
        const double direction = path.to_width > w0 ? 1.0 : -1.0;
        width = w0 * std::exp(direction * kFlyRho * s);
    } else {
        const double rho2 = kFlyRho * kFlyRho;
        const double u1 = std::hypot(path.to_world.x - path.from_world.x, path.to_world.y - path.from_world.y);
        const double u = w0 / rho2 * (std::cosh(path.r0) * std::tanh(kFlyRho * s + path.r0) - std::sinh(path.r0));
        width = w0 * std::cosh(path.r0) / std::cosh(kFlyRho * s + path.r0);
        travelled = u / u1;
    }
    const Vec2d centre = {path.from_world.x + (path.to_world.x - path.from_world.x) * travelled,
                          path.from_world.y + (path.to_world.y - path.from_world.y) * travelled};
    return view_at_world(centre, std::log2(path.viewport_width / width));
}

} // namespace explainer
