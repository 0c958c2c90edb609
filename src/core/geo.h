// Geography for the map panel: spherical Web Mercator consistent with MapView
// (zoom = log2 of the world's width in units of 256 CSS px), view fitting, zooming and
// clamping, great-circle distance and arcs, scale-bar lengths and fly-to animation.
//
// Coordinate spaces used throughout:
// - geo: longitude/latitude in degrees (GeoPoint).
// - world: Mercator pixels at zoom 0, x east 0..256 from the antimeridian, y south
//   0..256 from latitude +85.0511 (Vec2d). Multiply by 2^zoom for CSS px at a zoom.
// - screen: CSS px in the map viewport, origin at its top-left corner (Vec2d).
#pragma once
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.h"
#include "geo_point.h"

namespace explainer {

struct Vec2d {
    double x = 0.0;
    double y = 0.0;
};

struct Viewport {
    double width = 0.0;   // CSS px
    double height = 0.0;  // CSS px
};

// South-west / north-east corners; no antimeridian crossing (a shape across it is kept
// as two boxes, or with east beyond 180).
struct GeoBox {
    double west = 0.0;
    double south = 0.0;
    double east = 0.0;
    double north = 0.0;
};

// A box that holds nothing (inverted): the start of bounds_of.
inline constexpr GeoBox kEmptyGeoBox{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};

// `box` grown to hold `points`, in degrees (no antimeridian handling): from the empty
// box, the points' own box.
GeoBox bounds_of(std::span<const GeoPoint> points, GeoBox box = kEmptyGeoBox);

// The box of a country's core: its largest shape in Natural Earth 1:50m and every shape
// of it within 300 km of those (France with Corsica, not French Guiana; Tonga from
// Tongatapu to Vava'u; Japan to Okinawa; the United States without Alaska or Hawaii), in
// tenths of a degree rounded outwards, east beyond 180 where the core crosses it (Fiji,
// Russia), by its ISO 3166-1 numeric code ("706"), from a table baked with the basemap
// (tools/bake-map.mjs, coreBox): what a pack's opening view and a country's selection fit,
// before the basemap arrives too. None for a code the atlas lacks.
std::optional<GeoBox> country_core_box(std::string_view iso_numeric);
// Whether the build holds that table: one without the atlas (cmake/map.cmake) has no row,
// and country_core_box then knows no country at all.
bool has_country_boxes();
// Whether the box holds the point, in any copy of the world: a box whose east passes 180
// (Fiji's) holds a point at -179.9.
bool holds(const GeoBox& box, GeoPoint point);

inline constexpr double kWorldSizePx = 256.0;                    // world width at zoom 0
inline constexpr double kMercatorMaxLat = 85.051128779806592;    // atan(sinh(pi)), square world
inline constexpr double kEarthMeanRadiusKm = 6371.0088;          // IUGG mean radius R1
inline constexpr double kKmPerStatuteMile = 1.609344;

// [SECTION] Projection
Vec2d project(GeoPoint geo);     // latitude clamped to +-kMercatorMaxLat
GeoPoint unproject(Vec2d world);
double zoom_scale(double zoom);  // 2^zoom: CSS px per world unit

// The world repeats every kWorldSizePx east and west: x moved by whole turns to lie
// within half a turn of near_x (the copy of the world nearest a view's centre).
double wrap_near(double x, double near_x);

Vec2d geo_to_screen(const MapView& view, Viewport viewport, GeoPoint geo);
GeoPoint screen_to_geo(const MapView& view, Viewport viewport, Vec2d screen);
// The view whose centre is the given world point (the inverse of centring).
MapView view_at_world(Vec2d world_centre, double zoom);

// [SECTION] View fitting, zooming, clamping
// Screen pixels kept free at each edge of a viewport.
struct EdgeInsets {
    double left = 0.0, top = 0.0, right = 0.0, bottom = 0.0;
};

// Largest zoom (capped at max_zoom) that shows every point inside the viewport less its
// insets, with their bounding box centred in what the insets leave. Longitudes wrap: the
// box takes the shorter way round (points on both sides of 180 fit a Pacific view), and
// the centre's longitude is in -180..180. No points: the world at zoom 0.
MapView fit_view(std::span<const GeoPoint> points, Viewport viewport, EdgeInsets insets, double max_zoom);
// The same with padding_px on every side.
MapView fit_view(std::span<const GeoPoint> points, Viewport viewport, double padding_px, double max_zoom);

// Zoom 10 shows ~40 m a pixel, far finer than the 1:50m coastlines: enough for places
// in a city. The least zoom shows the whole world across the viewport's shorter side.
inline constexpr double kMaxMapZoom = 10.0;

struct ViewLimits;
// Screen pixels kept between the map's edge and a place: the opening view fits every
// place this far inside the viewport, and the view may go this far beyond the world's
// north and south edges, so that a place there (a pole, drawn on the Mercator world's
// edge) is shown whole with its label rather than cut in half by the panel's edge.
inline constexpr double kMapPlacePaddingPx = 40;

// The map's limits in a viewport: the whole Mercator world, wrapping east-west, and
// kMapPlacePaddingPx beyond its north and south edges; zoomed out, it fills the
// viewport's shorter side less those margins (its height on a wide panel; its width on
// a tall one), with the Arctic's sea above it and Antarctica's land below.
ViewLimits world_view_limits(Viewport viewport);

// The margins of the map's opening view: kMapPlacePaddingPx on the left and top, and on
// the right and at the bottom enough to clear what the map panel draws over its corners
// (the zoom buttons at the top right, up to 54 px from the edge on a phone; the scale in
// the bottom left, 48 px high), so that no place opens under them.
inline constexpr EdgeInsets kOpeningViewInsets{kMapPlacePaddingPx, kMapPlacePaddingPx, 60, 60};

// The map's opening view, defined once: every place fitted into the viewport less
// kOpeningViewInsets, at most zoom 8, within world_view_limits. The store keeps
// it as the default that links leave out, fitted to the map panel's real size once the
// panel reports it (SetMapSizeAction); until then, to the nominal size.
inline constexpr Viewport kNominalMapViewport{640, 420};
MapView opening_map_view(std::span<const GeoPoint> places, Viewport viewport = kNominalMapViewport);

// Zooms to new_zoom keeping the geo point under screen_anchor where it is (wheel and
// pinch zoom). Exact while the new centre stays within the Mercator square (+-85.05);
// clamp_view the result anyway.
MapView zoom_about(const MapView& view, Viewport viewport, Vec2d screen_anchor, double new_zoom);

struct ViewLimits {
    double min_zoom = 0.0;
    double max_zoom = 0.0;
    GeoBox region;  // data region the viewport must not leave
    bool wrap_longitude = false;  // the world repeats east-west: only latitude is kept in the region
    double margin_px = 0;  // screen pixels the viewport may go beyond the region's edges
};
// Zoom into [min_zoom, max_zoom]; then the centre moves so that the viewport stays
// inside the region grown by margin_px; on an axis where the viewport is larger than
// that, it is centred instead. With wrap_longitude the centre's longitude is only
// brought into -180..180 (the same place on the wrapped map).
MapView clamp_view(const MapView& view, Viewport viewport, const ViewLimits& limits);

// [SECTION] Great circles
double distance_km(GeoPoint a, GeoPoint b);  // haversine on the mean-radius sphere
double km_to_miles(double km);
// `count` points (>= 2, endpoints included) evenly spaced along the shorter great-circle
// arc from a to b, by spherical linear interpolation. Antipodal endpoints have no
// unique arc: the one through the North Pole is chosen (through lon 0 if a is a pole).
// Longitudes are in -180..180; an arc crossing the antimeridian jumps there
// (unwrap_world_x makes its projection continuous).
std::vector<GeoPoint> great_circle_points(GeoPoint a, GeoPoint b, int count);

// Moves each point after the first by whole turns of the world to within half a turn of
// the one before: a line across the antimeridian becomes continuous in world units.
void unwrap_world_x(std::span<Vec2d> points);

// [SECTION] Scale bar
// Ground metres per CSS px, east-west at a latitude (WGS84 ellipsoid parallel radius,
// which is what Web Mercator's longitude axis measures).
double metres_per_pixel(double lat, double zoom);

enum class DistanceUnit { Kilometres, Miles };
struct ScaleBar {
    double value = 0.0;      // 1, 2, 5 x 10^k in `unit`
    double length_px = 0.0;  // on-screen length of `value`
    DistanceUnit unit = DistanceUnit::Kilometres;
};
// The longest 1/2/5 x 10^k length that fits in max_length_px.
ScaleBar nice_scale_bar(double metres_per_px, double max_length_px, DistanceUnit unit);

// [SECTION] Fly-to
// Van Wijk & Nuij, "Smooth and efficient zooming and panning" (2003): the optimal path
// zooms out, pans and zooms back in at constant perceived speed. Built once per flight
// by make_fly_path, then sampled every frame with fly_view.
struct FlyPath {
    MapView from;
    MapView to;
    Vec2d from_world;            // start centre, world units
    Vec2d to_world;              // end centre, world units
    double from_width = 0.0;     // visible world width at the start, world units
    double to_width = 0.0;
    double viewport_width = 0.0; // CSS px, turns widths back into zooms
    double r0 = 0.0;             // the paper's r(0)
    double length = 0.0;         // the paper's S: path length in its perceptual units
    bool pure_zoom = false;      // same centre: exponential zoom, no pan
};
inline constexpr double kFlyRho = 1.41421356237309505;  // zoom-out eagerness (the paper's sqrt 2)

// Pans the short way round the world (from lon 170 to -170 crosses 180).
FlyPath make_fly_path(const MapView& from, const MapView& to, Viewport viewport);
// Suggested duration in seconds: grows with the path length S, clamped to 0.4..2 s,
// a range that reads as motion without keeping the reader waiting; 0 for no motion.
double fly_path_seconds(const FlyPath& path);
// The view elapsed_seconds into a flight lasting duration_seconds, eased in and out.
// Reduced motion, a zero duration or elapsed >= duration give the destination.
MapView fly_view(const FlyPath& path, double elapsed_seconds, double duration_seconds, bool reduced_motion);

} // namespace explainer
