// The panels' draw caches (issue 10: a frame writes again what the last one drew, moved by
// a pan or a scroll, instead of drawing it anew) must not change the picture: after every
// change a reader or a host can make (pan, zoom, selection, hover, scroll, resize, DPR,
// colour scheme, another pack), the frame drawn from the caches equals the frame drawn
// after app_drop_draw_caches, vertex for vertex. A cache that misses what its drawing
// depends on shows the old picture and fails here.
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "headless.h"

namespace explainer::ui::testing {
namespace {

const std::string kSeed = std::string(EXPLAINER_SOURCE_DIR) + "/content/isis-losing-ground.json";

// The next frame drawn with the caches and without them draws the same.
void expect_same_without_caches(Headless& h, const std::string& after) {
    h.settle();
    h.frame();
    const std::uint64_t cached = picture_hash();
    app_drop_draw_caches(h.app);
    h.frame();
    EXPECT_EQ(picture_hash(), cached) << "after " << after << ", the cached frame differs from one drawn anew";
}

ImVec2 map_point(const Headless& h, float fx, float fy) {
    const std::optional<LocatedRect> map = h.located("map:view", "map");
    EXPECT_TRUE(map);
    return map ? ImVec2(map->x + map->w * fx, map->y + map->h * fy) : ImVec2();
}

struct Step {
    const char* name;
    std::function<void(Headless&)> run;
};

const std::vector<Step>& reader_steps() {
    static const std::vector<Step> steps = {
        {"a map pan", [](Headless& h) { h.drag(map_point(h, 0.5f, 0.5f), map_point(h, 0.62f, 0.57f)); }},
        {"another pan", [](Headless& h) { h.drag(map_point(h, 0.5f, 0.5f), map_point(h, 0.3f, 0.4f), 3); }},
        {"a pan held still", [](Headless& h) {
             const ImVec2 from = map_point(h, 0.5f, 0.5f);
             h.move(from), h.press(from), h.move(ImVec2(from.x + 40, from.y + 25));
         }},
        {"the pan's release", [](Headless& h) { h.release(ImGui::GetIO().MousePos); }},
        {"a wheel zoom in", [](Headless& h) { h.wheel(map_point(h, 0.4f, 0.5f), 2); }},
        {"a wheel zoom out", [](Headless& h) { h.wheel(map_point(h, 0.4f, 0.5f), -3); }},
        {"selecting a place", [](Headless& h) { app_dispatch(h.app, SelectAction{"iraq"}, ChangeSource::Api, h.info.time); }},
        {"hovering a place", [](Headless& h) { app_dispatch(h.app, HoverAction{"syria"}, ChangeSource::Api, h.info.time); }},
        {"hovering none", [](Headless& h) { app_dispatch(h.app, HoverAction{""}, ChangeSource::Api, h.info.time); }},
        {"selecting a town (detail tiles)", [](Headless& h) { app_dispatch(h.app, SelectAction{"ramadi"}, ChangeSource::Api, h.info.time); }},
        {"a pan among the tiles", [](Headless& h) { h.drag(map_point(h, 0.5f, 0.5f), map_point(h, 0.8f, 0.7f), 4); }},
        {"clearing the selection", [](Headless& h) { app_dispatch(h.app, SelectAction{""}, ChangeSource::Api, h.info.time); }},
        {"the map's reset", [](Headless& h) {
             if (const auto reset = h.located("map:reset", "map")) h.click(Headless::centre(*reset));
         }},
        {"scrolling the article", [](Headless& h) { h.wheel(ImVec2(h.info.width * 0.2f, h.info.height * 0.5f), -4); }},
        {"scrolling back", [](Headless& h) { h.wheel(ImVec2(h.info.width * 0.2f, h.info.height * 0.5f), 2.5f); }},
        {"a resize", [](Headless& h) { h.resize(1500, 900, 2); }},
        {"a DPR change", [](Headless& h) { h.resize(1500, 900, 1); }},
        {"the dark scheme", [](Headless& h) { h.info.dark = true; }},
        {"the light scheme", [](Headless& h) { h.info.dark = false; }},
        {"another pack", [](Headless& h) { h.set_pack(std::string(EXPLAINER_SOURCE_DIR) + "/tests/packs/pacific-crossing.json"); }},
        {"a pan across the antimeridian", [](Headless& h) { h.drag(map_point(h, 0.5f, 0.5f), map_point(h, 0.95f, 0.5f), 4); }},
    };
    return steps;
}

TEST(DrawCaches, EveryChangeDrawsWhatAFrameWithoutCachesDraws) {
    Headless h(1920, 1080, 2);
    h.set_pack(kSeed);
    expect_same_without_caches(h, "the first frames");
    for (const Step& step : reader_steps()) {
        step.run(h);
        expect_same_without_caches(h, step.name);
        if (HasFailure()) return;
    }
}

} // namespace
} // namespace explainer::ui::testing
