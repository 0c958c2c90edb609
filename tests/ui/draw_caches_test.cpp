// The panels' draw caches (issue 10: a frame writes again what the last one drew, moved by
// a pan or a scroll, instead of drawing it anew) must not change the picture: after every
// change a reader or a host can make (pan, zoom, selection, hover, scroll, resize, DPR,
// colour scheme, another pack), the frame drawn from the caches equals the frame drawn
// after app_drop_draw_caches, vertex for vertex. A cache that misses what its drawing
// depends on shows the old picture and fails here.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "headless.h"
#include "imgui_internal.h"

namespace explainer::ui::testing {
namespace {

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

// The map draws each place and distance of a long pack's copies under the first (issue 9)
// and locates the hidden ones from its layout; a pan moves them as one instead of one by
// one (issue 10). Each copy's marker (a distance's middle) is still located where a fresh
// layout of the panned view puts it.
using PlaceMarkers = std::vector<std::tuple<std::string, float, float>>;
PlaceMarkers place_markers(const Headless& h) {
    PlaceMarkers out;
    for (const LocatedRect& r : h.app.located) {
        const Entity* place = h.app.store.pack().find(r.id.text);
        if (r.panel == "map" && r.w <= 16 && place && (place->kind == EntityKind::Place || place->kind == EntityKind::Figure) &&
            r.id.text.find("-copy") != std::string_view::npos)
            out.emplace_back(std::string(r.id.text), r.x, r.y);
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(DrawCaches, APanLocatesThePlacesHiddenUnderOthersWhereAFreshLayoutDoes) {
    PlaceMarkers panned;
    AppState view;
    {
        Headless h(1280, 800, 1);
        h.set_pack(EXPLAINER_LONG_PACK);
        h.settle();
        const ImVec2 from = map_point(h, 0.15f, 0.85f);
        h.move(from);
        ASSERT_EQ(h.view().hover, "") << "the drag starts over nothing (a hover would give a copy its own label)";
        h.press(from);
        h.move(ImVec2(from.x - 2, from.y - 1));  // the drag begins (the hover ends: a new layout)
        const PlaceMarkers before = place_markers(h);
        const std::uint64_t layouts = h.app.layouts;
        // Two small moves left and down: a third crosses a label point over the view's edge, a new layout.
        for (int step = 1; step <= 2; ++step) h.move(ImVec2(from.x - 2 - 2.5f * step, from.y - 1 + 1.5f * step));
        ASSERT_EQ(h.app.layouts, layouts) << "the pan kept the layout, moved";
        panned = place_markers(h);
        view = h.view();
        ASSERT_EQ(panned.size(), before.size());
        ASSERT_GT(panned.size(), 20u) << "the copies' places are located";
        EXPECT_NE(panned, before) << "the pan moved them";
        h.release(ImGui::GetIO().MousePos);
    }
    Headless fresh(1280, 800, 1);
    fresh.set_pack(EXPLAINER_LONG_PACK);
    fresh.settle();
    app_dispatch(fresh.app, SetViewAction{view}, ChangeSource::Link, 0);
    fresh.settle();
    const PlaceMarkers laid_out = place_markers(fresh);
    ASSERT_EQ(laid_out.size(), panned.size());
    for (std::size_t i = 0; i < panned.size(); ++i) {
        EXPECT_EQ(std::get<0>(panned[i]), std::get<0>(laid_out[i]));
        EXPECT_NEAR(std::get<1>(panned[i]), std::get<1>(laid_out[i]), 0.01f) << std::get<0>(panned[i]) << " after the pan";
        EXPECT_NEAR(std::get<2>(panned[i]), std::get<2>(laid_out[i]), 0.01f) << std::get<0>(panned[i]) << " after the pan";
    }
}

// What the article panel drew moved by the renderer (between its move_following
// callbacks): the vertices its commands draw, in order (those of the drawings the renderer
// keeps too), the move, and the revisions of the kept drawings (the band's text).
struct MovedDrawing {
    std::vector<ImDrawVert> vertices;
    ImVec2 move;
    int moves = 0;  // move_following callbacks with a move
    std::vector<std::uint64_t> retained;
};

const ImDrawList* article_draw_list() {
    const ImDrawList* list = nullptr;
    for (const ImGuiWindow* window : GImGui->Windows)
        if (std::string_view(window->Name).find("/Article_") != std::string_view::npos) list = window->DrawList;
    EXPECT_TRUE(list) << "the article panel has a window of its own";
    return list;
}

MovedDrawing article_moved_drawing() {
    MovedDrawing out;
    const ImDrawList* list = article_draw_list();
    if (!list) return out;
    bool moving = false;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
        if (cmd.UserCallback == move_following_callback) {
            moving = cmd.UserCallbackData != nullptr;
            if (moving) out.move = *static_cast<const ImVec2*>(cmd.UserCallbackData), ++out.moves;
            continue;
        }
        if (!moving) continue;
        if (cmd.UserCallback == draw_retained_callback) {
            const RetainedRun& run = *static_cast<const RetainedRun*>(cmd.UserCallbackData);
            out.retained.push_back(run.drawing->revision);
            for (std::size_t i = run.first; i < run.first + run.count; ++i)
                out.vertices.push_back(run.drawing->kept.vertices[run.drawing->kept.indices[i]]);
            continue;
        }
        for (unsigned i = 0; i < cmd.ElemCount; ++i)
            out.vertices.push_back(list->VtxBuffer[static_cast<int>(cmd.VtxOffset + list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)])]);
    }
    return out;
}

bool same_vertices(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(ImDrawVert)) == 0);
}

// A mention of an entity the article shows in the middle of its panel.
std::optional<LocatedRect> mention_in_view(const Headless& h) {
    for (const LocatedRect& r : h.app.located)
        if (r.panel == "article" && r.y > h.info.height * 0.3f && r.y < h.info.height * 0.6f && h.app.store.pack().find(std::string(r.id.text)))
            return r;
    return std::nullopt;
}

// Issue 10: the article is drawn about the top of a band (the view grown to a grid of
// cells) and moved by its scroll in the renderer, so a scroll within a cell writes the
// same vertices, none to upload again, and only the move changes; what hit-tests the
// pointer and what Explainer.locate reports follow the scroll.
TEST(DrawCaches, AScrollWithinACellMovesTheArticleAndKeepsItsVertices) {
    Headless h(1920, 1080, 2);
    h.set_pack(EXPLAINER_LONG_PACK);
    h.settle();
    const std::optional<LocatedRect> headline = h.located("article:headline", "article");
    const std::optional<LocatedRect> mention = mention_in_view(h);
    ASSERT_TRUE(headline && mention);
    const MovedDrawing still = article_moved_drawing();
    ASSERT_EQ(still.moves, 1);
    EXPECT_EQ(still.move.y, 0) << "unscrolled, nothing is moved";
    ASSERT_EQ(still.retained.size(), 1u) << "the band's text is a drawing the renderer keeps";
    EXPECT_GT(still.vertices.size(), 10000u) << "the band's text is in it";
    // One notch of the wheel over the margin (no text there to hover), less than a cell.
    h.wheel(ImVec2(headline->x - 8, h.info.height * 0.5f), -1);
    for (int frame = 0; frame < 600 && !HasFailure(); ++frame) {
        const MovedDrawing moved = article_moved_drawing();
        EXPECT_TRUE(same_vertices(moved.vertices, still.vertices)) << "frame " << frame << " of the scroll wrote other vertices";
        EXPECT_EQ(moved.retained, still.retained) << "frame " << frame << " of the scroll made the band's drawing again";
        if (!h.frame().animating) break;
    }
    const MovedDrawing scrolled = article_moved_drawing();
    EXPECT_LT(scrolled.move.y, -kWheelScrollPx * 0.9f) << "the renderer moves the article by the scroll";
    EXPECT_EQ(scrolled.move.y * h.info.dpr, std::round(scrolled.move.y * h.info.dpr)) << "by whole device pixels";
    std::optional<LocatedRect> after;  // the same mention (an entity has several) as located now
    for (const LocatedRect& r : h.app.located)
        if (r.id == mention->id.text && r.x == mention->x && std::fabs(r.y - (mention->y + scrolled.move.y)) < 0.01f) after = r;
    ASSERT_TRUE(after) << "Explainer.locate reports the mention where it is on screen";
    h.move(Headless::centre(*after));
    EXPECT_EQ(h.view().hover, std::string(mention->id.text)) << "the pointer hovers the mention where it is on screen";
    h.click(Headless::centre(*after));
    EXPECT_EQ(h.view().selection, std::string(mention->id.text)) << "and a click selects it";
}

// A band of text too big for one kept drawing (more than 65,536 vertices: a screen tall
// enough for a whole long article) is written into the panel's list instead, whole, and
// still the same as a frame without caches draws.
TEST(DrawCaches, ABandTooBigToKeepIsDrawnInThePanelsList) {
    Headless h(1400, 9000, 1);
    ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the web renderer does
    h.set_pack(EXPLAINER_LONG_PACK);
    h.settle();
    const MovedDrawing band = article_moved_drawing();
    EXPECT_TRUE(band.retained.empty()) << "the band is not kept";
    EXPECT_GT(band.vertices.size(), 65536u) << "its text is in the panel's list";
    expect_same_without_caches(h, "drawing a band too big to keep");
    const std::optional<LocatedRect> mention = mention_in_view(h);
    ASSERT_TRUE(mention);
    h.move(Headless::centre(*mention));
    EXPECT_EQ(h.view().hover, std::string(mention->id.text)) << "its mentions are hovered where they are";
    expect_same_without_caches(h, "hovering in a band too big to keep");
}

// Past the last vertex of `list`'s buffer that its moved commands (the article) draw.
std::size_t moved_vertex_end(const ImDrawList* list) {
    std::size_t end = 0;
    bool moving = false;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
        if (cmd.UserCallback) moving = cmd.UserCallbackData != nullptr;
        else if (moving)
            for (unsigned i = 0; i < cmd.ElemCount; ++i)
                end = std::max<std::size_t>(end, cmd.VtxOffset + list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)] + 1);
    }
    return end;
}

// Issue 10: the article's text is a drawing the renderer keeps, and a hover's fills and
// wider underlines are written after it (and drawn under it), so a hover makes none of
// the text again, leaves every vertex before them where it was, and the renderer uploads
// only what follows.
TEST(DrawCaches, AHoverKeepsTheArticleTextsVertices) {
    Headless h(1920, 1080, 2);
    h.set_pack(kSeed);
    h.settle();
    const std::optional<LocatedRect> mention = mention_in_view(h);
    ASSERT_TRUE(mention);
    h.leave();
    const ImDrawList* list = article_draw_list();
    ASSERT_TRUE(list);
    ASSERT_EQ(h.view().hover, "");
    const std::vector<ImDrawVert> before(list->VtxBuffer.begin(), list->VtxBuffer.end());
    const std::size_t text_end = moved_vertex_end(list);  // nothing is emphasised: all of it is the text
    const MovedDrawing unhovered = article_moved_drawing();
    ASSERT_EQ(unhovered.retained.size(), 1u) << "the band's text is a drawing the renderer keeps";
    h.move(Headless::centre(*mention));
    ASSERT_EQ(h.view().hover, std::string(mention->id.text));
    h.frame();  // the frame that draws the hover the last one asked for
    EXPECT_EQ(article_moved_drawing().retained, unhovered.retained) << "the hover made the band's text again";
    EXPECT_GT(moved_vertex_end(list), text_end) << "the hover adds its fill after the text";
    std::size_t first_changed = 0;
    while (first_changed < text_end &&
           std::memcmp(&before[first_changed], &list->VtxBuffer[static_cast<int>(first_changed)], sizeof(ImDrawVert)) == 0)
        ++first_changed;
    EXPECT_EQ(first_changed, text_end) << "the hover changed vertex " << first_changed << " of the text's " << text_end;
}

} // namespace
} // namespace explainer::ui::testing
