// The contract the browser edge relies on to skip frames for idle pointer moves (issue
// 10): when the last frame's PointerZones call a move quiet, a frame drawn with the
// pointer there draws exactly what the last one drew, sets the same cursor and changes
// nothing. Checked by drawing that frame anyway, from several resting points, to a grid
// of points and to every target the frame located; a hit test a panel forgot to report
// draws something else there (a hover, a tint, a card) and fails here.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "headless.h"

namespace explainer::ui::testing {
namespace {

struct Rest {
    std::uint64_t picture;
    std::uint64_t view_revision;
    PointerZones zones;
};

// Rests the pointer at `at` until nothing moves; what the last frame drew there.
Rest rest_at(Headless& h, ImVec2 at) {
    h.move(at);
    h.settle();
    h.frame();
    return {picture_hash(), h.app.store.view_revision(), h.app.pointer_zones};
}

// From `rest`, every quiet move among `targets` draws the same picture (a quiet frame
// changes nothing, so each is compared with the resting one); returns how many were quiet.
int check_quiet_moves(Headless& h, ImVec2 rest, const std::vector<ImVec2>& targets) {
    const Rest before = rest_at(h, rest);
    int quiet = 0;
    for (const ImVec2 to : targets) {
        if (!before.zones.quiet_move(rest, to)) continue;
        ++quiet;
        ImGui::GetIO().MousePos = to;
        const FrameResult result = h.frame();
        EXPECT_FALSE(result.animating) << "a quiet move to " << to.x << "," << to.y << " from " << rest.x << "," << rest.y << " animates";
        EXPECT_EQ(picture_hash(), before.picture) << "a quiet move to " << to.x << "," << to.y << " from " << rest.x << "," << rest.y
                                                  << " draws something else";
        EXPECT_EQ(h.app.store.view_revision(), before.view_revision) << "a quiet move to " << to.x << "," << to.y << " changes the view";
        if (::testing::Test::HasFailure()) return quiet;
    }
    return quiet;
}

TEST(PointerZones, AQuietMoveDrawsWhatTheLastFrameDrew) {
    Headless h(1280, 800);
    h.set_pack(kSeed);
    h.settle();
    std::vector<ImVec2> targets;
    for (const LocatedRect& r : h.app.located) targets.push_back(Headless::centre(r));
    for (float y = 3; y < 800; y += 37)
        for (float x = 3; x < 1280; x += 37) targets.push_back(ImVec2(x, y));
    // Resting points over the whole window: plain text, empty map, empty lanes, headers.
    int quiet = 0;
    for (float y = 20; y < 800; y += 151)
        for (float x = 20; x < 1280; x += 151) {
            quiet += check_quiet_moves(h, ImVec2(x, y), targets);
            if (HasFailure()) return;
        }
    EXPECT_GT(quiet, 1000) << "most moves over empty space are quiet";
}

} // namespace
} // namespace explainer::ui::testing
