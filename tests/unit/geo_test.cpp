// Web Mercator, view maths, great circles, scale bar and fly-to.
#include "core/geo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace explainer {
namespace {

constexpr GeoPoint kParis = {2.3522, 48.8566};
constexpr GeoPoint kSinjar = {41.87, 36.32};
constexpr GeoPoint kRaqqa = {39.01, 35.95};
constexpr GeoPoint kRamadi = {43.30, 33.42};
constexpr GeoPoint kBaiji = {43.49, 34.93};
constexpr GeoPoint kBrussels = {4.3517, 50.8503};
constexpr Viewport kViewport = {800.0, 600.0};

// [SECTION] Projection

TEST(Geo, KnownPoints) {
    const Vec2d origin = project({0.0, 0.0});
    EXPECT_NEAR(origin.x, 128.0, 1e-12);
    EXPECT_NEAR(origin.y, 128.0, 1e-12);
    EXPECT_NEAR(project({-180.0, 0.0}).x, 0.0, 1e-12);
    EXPECT_NEAR(project({180.0, 0.0}).x, 256.0, 1e-12);
    // +-85.0511 is where the Mercator world becomes square.
    EXPECT_NEAR(project({0.0, 85.0511}).y, 0.0, 1e-3);
    EXPECT_NEAR(project({0.0, -85.0511}).y, 256.0, 1e-3);
    EXPECT_NEAR(project({0.0, kMercatorMaxLat}).y, 0.0, 1e-9);
    EXPECT_NEAR(project({0.0, 90.0}).y, 0.0, 1e-9) << "poles clamp to the square's edge";
    // Mercator stretches latitude: 60N sits at ln(tan(75 deg)) / (2 pi) of the width above the equator.
    const double expected_60 = 128.0 - 256.0 * std::log(std::tan(75.0 * std::numbers::pi / 180.0)) / (2.0 * std::numbers::pi);
    EXPECT_NEAR(project({0.0, 60.0}).y, expected_60, 1e-9);
}

// project() computes Mercator's y without tan (sin by its series, then atanh): it must be
// the textbook formula's to far below a pixel at any zoom, over every latitude it draws.
TEST(Geo, MercatorYIsTheTextbookFormulasAtEveryLatitude) {
    constexpr double kPi = std::numbers::pi;
    double worst = 0;
    for (int centidegrees = -8505; centidegrees <= 8504; ++centidegrees) {
        const double lat = centidegrees / 100.0 + 0.003;
        const double textbook = 128.0 - 256.0 * std::log(std::tan(kPi / 4 + lat * kPi / 360.0)) / (2.0 * kPi);
        worst = std::max(worst, std::fabs(project({0.0, lat}).y - textbook));
    }
    EXPECT_LT(worst, 1e-11) << "world units; a pixel at zoom 20 is 1e-6";
}

TEST(Geo, ForwardInverseRoundTrip) {
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> lon(-180.0, 180.0), lat(-85.0, 85.0);
    for (int i = 0; i < 10000; ++i) {
        const GeoPoint g = {lon(rng), lat(rng)};
        const GeoPoint back = unproject(project(g));
        ASSERT_NEAR(back.lon, g.lon, 1e-9);
        ASSERT_NEAR(back.lat, g.lat, 1e-9);
    }
}

TEST(Geo, ScreenRoundTripAndZoomConvention) {
    const MapView view = {35.0, 20.0, 4.5};
    const Vec2d centre = geo_to_screen(view, kViewport, {view.lon, view.lat});
    EXPECT_NEAR(centre.x, 400.0, 1e-9);
    EXPECT_NEAR(centre.y, 300.0, 1e-9);
    // Zoom z shows the world 256 * 2^z CSS px wide.
    const double world_px = geo_to_screen(view, kViewport, {180.0, 0.0}).x - geo_to_screen(view, kViewport, {-180.0, 0.0}).x;
    EXPECT_NEAR(world_px, 256.0 * std::pow(2.0, 4.5), 1e-6);
    for (const GeoPoint g : {kParis, kSinjar, kRaqqa, GeoPoint{-20.0, 5.0}}) {
        const GeoPoint back = screen_to_geo(view, kViewport, geo_to_screen(view, kViewport, g));
        EXPECT_NEAR(back.lon, g.lon, 1e-9);
        EXPECT_NEAR(back.lat, g.lat, 1e-9);
    }
    // North is up, east is right.
    EXPECT_LT(geo_to_screen(view, kViewport, kParis).y, geo_to_screen(view, kViewport, kRamadi).y);
    EXPECT_LT(geo_to_screen(view, kViewport, kParis).x, geo_to_screen(view, kViewport, kRamadi).x);
}

// [SECTION] View fitting, zooming, clamping

TEST(Geo, FitViewContainsAllPlacesTightly) {
    const std::vector<GeoPoint> places = {kParis, kBrussels, kRaqqa, kSinjar, kRamadi, kBaiji};
    const double padding = 40.0;
    const MapView view = fit_view(places, kViewport, padding, 12.0);
    double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
    for (const GeoPoint& g : places) {
        const Vec2d s = geo_to_screen(view, kViewport, g);
        EXPECT_GE(s.x, padding - 1e-6);
        EXPECT_LE(s.x, kViewport.width - padding + 1e-6);
        EXPECT_GE(s.y, padding - 1e-6);
        EXPECT_LE(s.y, kViewport.height - padding + 1e-6);
        min_x = std::min(min_x, s.x), max_x = std::max(max_x, s.x);
        min_y = std::min(min_y, s.y), max_y = std::max(max_y, s.y);
    }
    // Tight: one axis uses all the room (a bigger zoom would not fit).
    const bool x_full = std::fabs((max_x - min_x) - (kViewport.width - 2 * padding)) < 1e-6;
    const bool y_full = std::fabs((max_y - min_y) - (kViewport.height - 2 * padding)) < 1e-6;
    EXPECT_TRUE(x_full || y_full);
    EXPECT_GT(view.zoom, 2.0);  // Paris..Iraq is ~40 degrees wide: zoom ~3.3 in 720 px
    EXPECT_LT(view.zoom, 5.0);
}

TEST(Geo, FitViewDegenerateInputs) {
    const std::vector<GeoPoint> one = {kSinjar};
    const MapView single = fit_view(one, kViewport, 20.0, 9.0);
    EXPECT_DOUBLE_EQ(single.zoom, 9.0);
    EXPECT_NEAR(single.lon, kSinjar.lon, 1e-9);
    EXPECT_NEAR(single.lat, kSinjar.lat, 1e-9);
    const MapView none = fit_view({}, kViewport, 20.0, 9.0);
    EXPECT_EQ(none.zoom, 0.0);
    const std::vector<GeoPoint> close = {{43.0, 33.0}, {43.0001, 33.0001}};
    EXPECT_DOUBLE_EQ(fit_view(close, kViewport, 20.0, 10.0).zoom, 10.0) << "max_zoom caps close points";
    const MapView tiny = fit_view(std::vector<GeoPoint>{kParis, kSinjar}, {10.0, 10.0}, 40.0, 10.0);
    EXPECT_TRUE(std::isfinite(tiny.zoom)) << "padding larger than the viewport";
}

TEST(Geo, ZoomAboutKeepsThePointUnderTheCursor) {
    const MapView view = {36.0, 30.0, 4.0};
    for (const Vec2d cursor : {Vec2d{400, 300}, Vec2d{10, 20}, Vec2d{790, 590}, Vec2d{123.4, 456.7}}) {
        const GeoPoint before = screen_to_geo(view, kViewport, cursor);
        for (const double zoom : {3.0, 4.5, 7.25, 11.0}) {
            const MapView zoomed = zoom_about(view, kViewport, cursor, zoom);
            EXPECT_DOUBLE_EQ(zoomed.zoom, zoom);
            const Vec2d after = geo_to_screen(zoomed, kViewport, before);
            EXPECT_NEAR(after.x, cursor.x, 1e-6);
            EXPECT_NEAR(after.y, cursor.y, 1e-6);
        }
    }
}

TEST(Geo, ClampViewKeepsTheViewportInTheRegion) {
    const ViewLimits limits = {3.0, 10.0, {-30.0, 0.0, 75.0, 72.0}};
    auto inside = [&](const MapView& v) {
        const GeoPoint nw = screen_to_geo(v, kViewport, {0, 0});
        const GeoPoint se = screen_to_geo(v, kViewport, {kViewport.width, kViewport.height});
        return nw.lon >= limits.region.west - 1e-9 && se.lon <= limits.region.east + 1e-9 &&
               nw.lat <= limits.region.north + 1e-9 && se.lat >= limits.region.south - 1e-9;
    };
    const MapView far_west = clamp_view({40.0, -120.0, 5.0}, kViewport, limits);
    EXPECT_TRUE(inside(far_west));
    EXPECT_DOUBLE_EQ(far_west.zoom, 5.0);
    EXPECT_NEAR(screen_to_geo(far_west, kViewport, {0, 0}).lon, -30.0, 1e-9) << "stops at the west edge";

    const MapView too_close = clamp_view({33.0, 43.0, 20.0}, kViewport, limits);
    EXPECT_DOUBLE_EQ(too_close.zoom, 10.0);
    EXPECT_NEAR(too_close.lon, 43.0, 1e-9) << "a view already inside is not moved";
    EXPECT_NEAR(too_close.lat, 33.0, 1e-9);

    // At the minimum zoom the region is narrower than the 800 px viewport: centred.
    const MapView wide = clamp_view({10.0, 10.0, 0.0}, kViewport, limits);
    EXPECT_DOUBLE_EQ(wide.zoom, 3.0);
    EXPECT_NEAR(wide.lon, (-30.0 + 75.0) / 2.0, 1e-9);

    const MapView garbage = clamp_view({NAN, INFINITY, NAN}, kViewport, limits);
    EXPECT_TRUE(std::isfinite(garbage.lat) && std::isfinite(garbage.lon) && std::isfinite(garbage.zoom));
    EXPECT_DOUBLE_EQ(garbage.zoom, 3.0);
}

// The world wraps: places on both sides of 180 fit the short way round, into a Pacific
// view, not a world view.
TEST(Geo, FitViewTakesTheShorterWayAcrossTheAntimeridian) {
    const GeoPoint pacific[] = {{.lon = 178.4419, .lat = -18.1416},    // Suva
                                {.lon = -157.8583, .lat = 21.3069},    // Honolulu
                                {.lon = -171.7667, .lat = -13.8333}};  // Apia
    const MapView v = fit_view(pacific, kViewport, 40.0, 8.0);
    EXPECT_GT(std::fabs(v.lon), 160.0) << "centred in the Pacific, not on Greenwich: " << v.lon;
    EXPECT_LE(std::fabs(v.lon), 180.0);
    EXPECT_GT(v.zoom, 2.0) << "a 36-degree span, not the whole world";
    for (const GeoPoint& g : pacific) {
        Vec2d p = geo_to_screen(v, kViewport, g);
        // The copy of the place nearest the view is the one drawn.
        const double world_px = kWorldSizePx * zoom_scale(v.zoom);
        p.x += world_px * std::round((kViewport.width / 2 - p.x) / world_px);
        EXPECT_GE(p.x, 40.0 - 1e-6);
        EXPECT_LE(p.x, kViewport.width - 40.0 + 1e-6);
    }
    // The same three places without the wrap would span 336 degrees.
    const GeoPoint europe[] = {{.lon = 2.35, .lat = 48.86}, {.lon = 41.87, .lat = 36.32}};
    EXPECT_NEAR(fit_view(europe, kViewport, 40.0, 8.0).lon, (2.35 + 41.87) / 2, 1e-9) << "no wrap when there is no need";
}

// A phone's map panel is taller than wide. Places half a world apart east-west (Athens
// to Kauai, the centuries-of-names pack) must still open in view: the least zoom lets
// the world shrink to the panel's width, not only to its height.
TEST(Geo, OpeningViewOnATallPanelFitsPlacesHalfAWorldApart) {
    const Viewport phone{390, 790};
    const GeoPoint places[] = {{.lon = 21.8283, .lat = 38.3917},     // Nafpaktos
                               {.lon = 23.7275, .lat = 37.9838},     // Athens
                               {.lon = 30.3141, .lat = 59.9386},     // Saint Petersburg
                               {.lon = 107.5909, .lat = 16.4637},    // Hue
                               {.lon = -159.5261, .lat = 22.0964}};  // Kauai
    const MapView v = opening_map_view(places, phone);
    const double world_px = kWorldSizePx * zoom_scale(v.zoom);
    for (const GeoPoint& g : places) {
        Vec2d p = geo_to_screen(v, phone, g);
        p.x += world_px * std::round((phone.width / 2 - p.x) / world_px);
        EXPECT_GE(p.x, 40.0 - 1e-6) << g.lon << " has the opening view's 40 px to spare";
        EXPECT_LE(p.x, phone.width - 40.0 + 1e-6) << g.lon;
        EXPECT_GE(p.y, 0.0) << g.lat;
        EXPECT_LE(p.y, phone.height) << g.lat;
    }
    // Zoomed out, the whole world spans the shorter side less a margin above and below
    // (a place at either pole is shown whole): the width here, the height on a wide panel.
    EXPECT_NEAR(kWorldSizePx * zoom_scale(world_view_limits(phone).min_zoom), phone.width - 2 * kMapPlacePaddingPx, 1e-6);
    EXPECT_NEAR(kWorldSizePx * zoom_scale(world_view_limits(kViewport).min_zoom), kViewport.height - 2 * kMapPlacePaddingPx, 1e-6);
}

TEST(Geo, WrapNearAndUnwrap) {
    EXPECT_DOUBLE_EQ(wrap_near(10.0, 250.0), 266.0);
    EXPECT_DOUBLE_EQ(wrap_near(250.0, 10.0), -6.0);
    EXPECT_DOUBLE_EQ(wrap_near(100.0, 120.0), 100.0);
    // Suva to Honolulu: the arc's projected points jump at 180 until unwrapped.
    std::vector<Vec2d> arc;
    for (const GeoPoint& g : great_circle_points({.lon = 178.4419, .lat = -18.1416}, {.lon = -157.8583, .lat = 21.3069}, 65))
        arc.push_back(project(g));
    unwrap_world_x(arc);
    for (size_t i = 1; i < arc.size(); ++i) EXPECT_LT(std::fabs(arc[i].x - arc[i - 1].x), 1.0) << "continuous at point " << i;
    EXPECT_GT(arc.back().x, kWorldSizePx) << "Honolulu's copy east of 180";
}

TEST(Geo, ClampViewWrapsLongitudeAndKeepsLatitude) {
    ViewLimits limits = {0.0, 10.0, {-180.0, -kMercatorMaxLat, 180.0, kMercatorMaxLat}};
    limits.wrap_longitude = true;
    const MapView east = clamp_view({-18.0, 190.0, 4.0}, kViewport, limits);
    EXPECT_NEAR(east.lon, -170.0, 1e-9) << "190 E is 170 W";
    EXPECT_NEAR(east.lat, -18.0, 1e-9);
    EXPECT_NEAR(std::fabs(clamp_view({-18.0, 180.0, 4.0}, kViewport, limits).lon), 180.0, 1e-9) << "centred on the antimeridian";
    const MapView pole = clamp_view({-84.0, 166.67, 3.0}, kViewport, limits);
    EXPECT_NEAR(pole.lon, 166.67, 1e-9);
    EXPECT_LE(screen_to_geo(pole, kViewport, {0, kViewport.height}).lat, -kMercatorMaxLat + 1e-6 + 1e-3);
    EXPECT_GE(screen_to_geo(pole, kViewport, {0, kViewport.height}).lat, -kMercatorMaxLat - 1e-6) << "stops at the map's edge";
}

// A place at a pole is drawn on the Mercator world's edge: the world's limits let the view
// go kMapPlacePaddingPx beyond it, so the opening view shows the pole that far inside the
// panel, as every other place, rather than on its edge.
TEST(Geo, APoleIsShownAsFarInsideThePanelAsAnyPlace) {
    const GeoPoint south_pole{0.0, -90.0}, mcmurdo{166.6682, -77.8463}, north_pole{0.0, 90.0};
    for (const Viewport viewport : {kViewport, Viewport{390.0, 300.0}}) {
        const GeoPoint pair[] = {south_pole, mcmurdo};
        const MapView antarctic = opening_map_view(pair, viewport);
        EXPECT_NEAR(geo_to_screen(antarctic, viewport, south_pole).y, viewport.height - kMapPlacePaddingPx, 1.0);
        // A drag south stops that far beyond the edge, and no farther.
        const MapView dragged = clamp_view({-89.0, 0.0, antarctic.zoom}, viewport, world_view_limits(viewport));
        EXPECT_NEAR(geo_to_screen(dragged, viewport, south_pole).y, viewport.height - kMapPlacePaddingPx, 1e-6);
    }
    // Both poles at once, zoomed out: the world less the margins fits the panel's height
    // (a panel under 256 px plus the margins shows the world at zoom 0, the least there is).
    const GeoPoint poles[] = {south_pole, north_pole};
    const MapView both = opening_map_view(poles, kViewport);
    EXPECT_NEAR(geo_to_screen(both, kViewport, north_pole).y, kMapPlacePaddingPx, 1e-6);
    EXPECT_NEAR(geo_to_screen(both, kViewport, south_pole).y, kViewport.height - kMapPlacePaddingPx, 1e-6);
    // A panel lower than twice the margin keeps the view's centre in the world.
    const Viewport low{800.0, 60.0};
    const MapView centre = clamp_view({-89.0, 0.0, 6.0}, low, world_view_limits(low));
    EXPECT_NEAR(centre.lat, -kMercatorMaxLat, 1e-9);
    EXPECT_NEAR(geo_to_screen(centre, low, south_pole).y, low.height / 2.0, 1e-6);
}

TEST(Geo, FlyPathPansTheShortWayRound) {
    const FlyPath path = make_fly_path({-18.0, 170.0, 5.0}, {-18.0, -170.0, 5.0}, kViewport);
    const MapView mid = fly_view(path, 0.5, 1.0, false);
    EXPECT_GT(std::fabs(mid.lon), 170.0) << "passes over 180, not over Greenwich: " << mid.lon;
}

// [SECTION] Great circles

TEST(Geo, ParisToSinjarDistance) {
    // By hand, haversine with R = 6371.0088 km:
    //   phi1 = 48.8566 deg, phi2 = 36.32 deg, dphi/2 = -0.1094025 rad, dlambda/2 = 0.3448579 rad
    //   a = sin^2(dphi/2) + cos(phi1) cos(phi2) sin^2(dlambda/2)
    //     = 0.0119212 + 0.5301212 * 0.1142865 = 0.0725069
    //   c = 2 asin(sqrt(a)) = 0.5452722 rad;  d = R c = 3473.93 km = 2158.60 mi
    EXPECT_NEAR(distance_km(kParis, kSinjar), 3473.93, 0.01);
    EXPECT_NEAR(km_to_miles(distance_km(kParis, kSinjar)), 2158.60, 0.01);

    // Independently, by the spherical law of cosines (fine at this distance).
    const double d = std::numbers::pi / 180.0;
    const double central = std::acos(std::sin(kParis.lat * d) * std::sin(kSinjar.lat * d) +
                                     std::cos(kParis.lat * d) * std::cos(kSinjar.lat * d) *
                                         std::cos((kSinjar.lon - kParis.lon) * d));
    EXPECT_NEAR(distance_km(kParis, kSinjar), 6371.0088 * central, 1e-6);
}

TEST(Geo, DistanceProperties) {
    EXPECT_EQ(distance_km(kRaqqa, kRaqqa), 0.0);
    EXPECT_DOUBLE_EQ(distance_km(kRaqqa, kBaiji), distance_km(kBaiji, kRaqqa));
    EXPECT_NEAR(distance_km({0, 0}, {0, 90}), kEarthMeanRadiusKm * std::numbers::pi / 2.0, 1e-9);
    EXPECT_NEAR(distance_km({10, 0}, {-170, 0}), kEarthMeanRadiusKm * std::numbers::pi, 1e-6) << "antipodes";
    EXPECT_NEAR(km_to_miles(1.609344), 1.0, 1e-15);
}

TEST(Geo, GreatCirclePointsAreEvenlySpacedOnTheArc) {
    const int count = 33;
    const std::vector<GeoPoint> arc = great_circle_points(kParis, kSinjar, count);
    ASSERT_EQ(arc.size(), static_cast<size_t>(count));
    EXPECT_EQ(arc.front().lon, kParis.lon);
    EXPECT_EQ(arc.back().lat, kSinjar.lat);
    const double total = distance_km(kParis, kSinjar);
    for (int i = 0; i < count; ++i) {
        const double from_start = distance_km(kParis, arc[static_cast<size_t>(i)]);
        const double to_end = distance_km(arc[static_cast<size_t>(i)], kSinjar);
        EXPECT_NEAR(from_start, total * i / (count - 1), 1e-6);
        EXPECT_NEAR(from_start + to_end, total, 1e-6) << "on the great circle";
    }
    // A great circle between two points at one latitude bulges poleward.
    const std::vector<GeoPoint> along_parallel = great_circle_points({-20.0, 40.0}, {60.0, 40.0}, 3);
    EXPECT_GT(along_parallel[1].lat, 40.0);
    EXPECT_NEAR(along_parallel[1].lon, 20.0, 1e-9);
}

TEST(Geo, GreatCircleDegenerateEnds) {
    const std::vector<GeoPoint> same = great_circle_points(kRamadi, kRamadi, 5);
    for (const GeoPoint& g : same) {
        EXPECT_NEAR(g.lon, kRamadi.lon, 1e-9);
        EXPECT_NEAR(g.lat, kRamadi.lat, 1e-9);
    }
    const std::vector<GeoPoint> antipodal = great_circle_points({0.0, 0.0}, {180.0, 0.0}, 3);
    EXPECT_NEAR(antipodal[1].lat, 90.0, 1e-9) << "via the North Pole";
    const std::vector<GeoPoint> pole_to_pole = great_circle_points({0.0, 90.0}, {0.0, -90.0}, 3);
    EXPECT_NEAR(pole_to_pole[1].lat, 0.0, 1e-9);
    EXPECT_TRUE(std::isfinite(pole_to_pole[1].lon));
}

// [SECTION] Scale bar

TEST(Geo, MetresPerPixel) {
    // The well-known slippy-map figure: 156543.03 m per pixel at the equator, zoom 0.
    EXPECT_NEAR(metres_per_pixel(0.0, 0.0), 156543.03, 0.01);
    EXPECT_NEAR(metres_per_pixel(0.0, 3.0), 156543.03 / 8.0, 0.01);
    // At 60N a parallel is a little more than half the equator on the ellipsoid.
    const double ratio = metres_per_pixel(60.0, 5.0) / metres_per_pixel(0.0, 5.0);
    EXPECT_GT(ratio, 0.5);
    EXPECT_LT(ratio, 0.502);
}

TEST(Geo, NiceScaleBar) {
    auto is_nice = [](double v) {
        const double mantissa = v / std::pow(10.0, std::floor(std::log10(v) + 1e-12));
        return std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 || std::fabs(mantissa - 5) < 1e-9;
    };
    for (double mpp = 0.37; mpp < 2e5; mpp *= 1.37) {
        for (const DistanceUnit unit : {DistanceUnit::Kilometres, DistanceUnit::Miles}) {
            const ScaleBar bar = nice_scale_bar(mpp, 120.0, unit);
            EXPECT_EQ(bar.unit, unit);
            EXPECT_TRUE(is_nice(bar.value)) << bar.value;
            EXPECT_LE(bar.length_px, 120.0 + 1e-9);
            EXPECT_GT(bar.length_px, 120.0 / 2.5 - 1e-9) << "the next nice value is at most 2.5x";
            const double unit_m = unit == DistanceUnit::Kilometres ? 1000.0 : 1609.344;
            EXPECT_NEAR(bar.length_px * mpp, bar.value * unit_m, 1e-6 * bar.value * unit_m);
        }
    }
    const ScaleBar exact = nice_scale_bar(1000.0, 100.0, DistanceUnit::Kilometres);  // 100 km fit exactly
    EXPECT_DOUBLE_EQ(exact.value, 100.0);
    EXPECT_DOUBLE_EQ(exact.length_px, 100.0);
    EXPECT_EQ(nice_scale_bar(0.0, 100.0, DistanceUnit::Miles).value, 0.0);
    EXPECT_EQ(nice_scale_bar(NAN, 100.0, DistanceUnit::Miles).value, 0.0);
}

// [SECTION] Fly-to

TEST(Geo, FlyToEndpointsAndReducedMotion) {
    const MapView from = {48.8566, 2.3522, 6.0}, to = {36.32, 41.87, 7.0};
    const FlyPath path = make_fly_path(from, to, kViewport);
    const double seconds = fly_path_seconds(path);
    EXPECT_GE(seconds, 0.4);
    EXPECT_LE(seconds, 2.0);
    const MapView start = fly_view(path, 0.0, seconds, false);
    EXPECT_NEAR(start.lon, from.lon, 1e-9);
    EXPECT_NEAR(start.zoom, from.zoom, 1e-9);
    const MapView almost = fly_view(path, seconds * 0.999999, seconds, false);
    EXPECT_NEAR(almost.lon, to.lon, 1e-3);
    EXPECT_NEAR(almost.lat, to.lat, 1e-3);
    EXPECT_NEAR(almost.zoom, to.zoom, 1e-3);
    const MapView done = fly_view(path, seconds, seconds, false);
    EXPECT_EQ(done.lon, to.lon);
    EXPECT_EQ(done.zoom, to.zoom);
    const MapView reduced = fly_view(path, 0.01, seconds, true);
    EXPECT_EQ(reduced.lat, to.lat) << "reduced motion jumps";
    EXPECT_EQ(fly_view(path, 0.5, 0.0, false).zoom, to.zoom) << "zero duration jumps";
    EXPECT_EQ(fly_path_seconds(make_fly_path(to, to, kViewport)), 0.0) << "nowhere to go";
}

TEST(Geo, FlyToZoomsOutToTravelAndMovesSmoothly) {
    const MapView from = {48.8566, 2.3522, 7.0}, to = {36.32, 41.87, 7.0};
    const FlyPath path = make_fly_path(from, to, kViewport);
    const MapView middle = fly_view(path, 0.5, 1.0, false);
    EXPECT_LT(middle.zoom, 6.0) << "a long pan zooms out on the way";
    MapView previous = from;
    double previous_progress = 0.0;
    const Vec2d a = project({from.lon, from.lat}), b = project({to.lon, to.lat});
    for (int i = 1; i <= 200; ++i) {
        const MapView v = fly_view(path, i / 200.0, 1.0, false);
        EXPECT_LT(std::fabs(v.zoom - previous.zoom), 0.1);
        const Vec2d c = project({v.lon, v.lat});
        const double progress = ((c.x - a.x) * (b.x - a.x) + (c.y - a.y) * (b.y - a.y)) /
                                ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
        EXPECT_GE(progress, previous_progress - 1e-12) << "never backtracks";
        previous = v;
        previous_progress = progress;
    }
}

TEST(Geo, FlyToPureZoom) {
    const MapView from = {33.42, 43.30, 5.0}, to = {33.42, 43.30, 9.0};
    const FlyPath path = make_fly_path(from, to, kViewport);
    EXPECT_TRUE(path.pure_zoom);
    double previous_zoom = from.zoom;
    for (int i = 1; i < 10; ++i) {
        const MapView v = fly_view(path, i / 10.0, 1.0, false);
        EXPECT_NEAR(v.lon, from.lon, 1e-9);
        EXPECT_NEAR(v.lat, from.lat, 1e-9);
        EXPECT_GT(v.zoom, previous_zoom);
        EXPECT_LT(v.zoom, to.zoom);
        previous_zoom = v.zoom;
    }
}

} // namespace
} // namespace explainer
