// The map's country names, headless, over many views of the test packs: a name the layout
// nudged off its country's box must still read as that country's, so no part of it may
// lie over another country's land (checked against the full basemap's shapes, every few
// px over the name, not at the few points the panel tests).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/geo.h"
#include "headless.h"

namespace explainer::ui::testing {
namespace {

#ifdef EXPLAINER_BASEMAP_FILE

// The basemap countries a country-level place stands for.
std::vector<std::size_t> place_countries(const Basemap& map, const Entity& place) {
    std::vector<std::string> ids = place.countries;
    if (!place.country.empty()) ids.push_back(place.country);
    std::vector<std::size_t> out;
    for (const Country& c : map.countries)
        if (std::find(ids.begin(), ids.end(), c.id) != ids.end()) out.push_back(static_cast<std::size_t>(&c - map.countries.data()));
    return out;
}

// The first country not in `own` with land under the name, sampled every few px inside
// its padding.
template <typename Ground>
std::optional<std::size_t> neighbour_under(const Basemap& map, const std::vector<std::size_t>& own, const LocatedRect& name,
                                           const Ground& ground) {
    constexpr float kInset = 3, kStep = 4;
    for (float y = name.y + kInset; y <= name.y + name.h - kInset; y += kStep)
        for (float x = name.x + kInset; x <= name.x + name.w - kInset; x += kStep)
            if (const auto under = country_at(map, ground(x, y)); under && std::find(own.begin(), own.end(), *under) == own.end())
                return under;
    return std::nullopt;
}

// Every country name in the frame whose middle lies outside its countries' box, with the
// first point of it over another country's land, as "name: over Country".
std::vector<std::string> names_over_neighbours(const Headless& h) {
    std::vector<std::string> faults;
    const Basemap& map = *h.app.basemap;
    const auto frame = h.located("map:view", "map");
    if (!frame) return faults;
    const Viewport viewport{frame->w, frame->h};
    const MapView& view = h.view().map;
    const auto ground = [&](double x, double y) {  // in the world's copy about longitude 0
        const GeoPoint g = screen_to_geo(view, viewport, {x - frame->x, y - frame->y});
        return GeoPoint{g.lon - 360.0 * std::floor((g.lon + 180.0) / 360.0), g.lat};
    };
    for (const Entity& place : h.app.store.pack().entities) {
        if (place.location || (place.country.empty() && place.countries.empty())) continue;
        const auto name = h.located(place.id, "map");
        if (!name || name->w <= 8) continue;  // a bare spot, not a name
        const std::vector<std::size_t> own = place_countries(map, place);
        GeoBox box = kEmptyGeoBox;
        for (const std::size_t c : own) {
            const GeoBox& b = map.countries[c].bounds;
            box = {std::min(box.west, b.west), std::min(box.south, b.south), std::max(box.east, b.east), std::max(box.north, b.north)};
        }
        if (holds(box, ground(name->x + name->w / 2, name->y + name->h / 2))) continue;
        if (const auto under = neighbour_under(map, own, *name, ground))
            faults.push_back(place.id + " at zoom " + std::to_string(view.zoom) + " (" + std::to_string(view.lat) + ", " +
                             std::to_string(view.lon) + "): over " + map.countries[*under].name);
    }
    return faults;
}

TEST(CountryNames, ANameNudgedOffItsCountryLiesOverNoNeighbour) {
    std::vector<std::string> faults;
    for (const std::string pack : {"seed", "both-poles", "capitals-own-scripts", "crowded-night", "greek-cyrillic-nested",
                                   "indian-ocean-tsunami", "nested-mentions", "nunavut-cherokee-tamazight", "southern-americas",
                                   "fiji-tonga-samoa"}) {
        Headless h(1280, 800);
        h.set_pack(pack == "seed" ? std::string(EXPLAINER_SOURCE_DIR) + "/content/isis-losing-ground.json" : test_pack(pack));
        h.settle();
        const MapView opening = h.view().map;
        const auto frame = h.located("map:view", "map");
        ASSERT_TRUE(frame) << pack;
        const Viewport viewport{frame->w, frame->h};
        for (double zoom_step = -2.0; zoom_step <= 1.5; zoom_step += 0.5)
            for (double pan_x = -400.0; pan_x <= 400.0; pan_x += 200.0)
                for (double pan_y = -250.0; pan_y <= 250.0; pan_y += 125.0) {
                    MapView v = opening;
                    v.zoom = std::max(1.0, opening.zoom + zoom_step);
                    const Vec2d c = project({v.lon, v.lat});
                    v = view_at_world({c.x + pan_x / zoom_scale(v.zoom), c.y + pan_y / zoom_scale(v.zoom)}, v.zoom);
                    v = clamp_view(v, viewport, world_view_limits(viewport));  // as the panel draws it
                    h.app.store.dispatch(SetMapAction{v}, ChangeSource::Api, h.info.time);
                    h.settle();
                    for (std::string& f : names_over_neighbours(h)) faults.push_back(pack + ": " + f);
                }
    }
    EXPECT_TRUE(faults.empty()) << faults.size() << " names over a neighbour, the first: " << (faults.empty() ? "" : faults.front());
}

// An island state smaller on screen than its name, with the pack's town on its spot, is
// named beside them: Tonga, seen with Fiji and Samoa, had no name at all, its every place
// (on its spot, above, below, beside it) taken by Nuku'alofa's marker and name.
TEST(CountryNames, AnIslandStateIsNamedBesideTheTownOnItsSpot) {
    Headless h(1280, 800);
    h.set_pack(test_pack("fiji-tonga-samoa"));
    h.settle();
    const auto name = h.located("tonga", "map");
    ASSERT_TRUE(name);
    EXPECT_GT(name->w, 20) << "a name, not a bare spot";
    std::vector<LocatedRect> town;
    for (const LocatedRect& r : h.app.located)
        if (r.id == "nukualofa" && r.panel == "map") town.push_back(r);
    ASSERT_EQ(town.size(), 2u) << "Nuku'alofa's marker and name";
    const auto apart = [](const LocatedRect& a, const LocatedRect& b) { return a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y; };
    for (const LocatedRect& r : town) EXPECT_TRUE(apart(*name, r)) << "Tonga's name clear of Nuku'alofa's marker and name";
    const LocatedRect& marker = town[0];
    EXPECT_LT(std::hypot(name->x + name->w / 2 - (marker.x + marker.w / 2), name->y + name->h / 2 - (marker.y + marker.h / 2)), name->w)
        << "beside the island";
}

#endif

}  // namespace
}  // namespace explainer::ui::testing
