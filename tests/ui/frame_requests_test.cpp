// The contract behind the browser edge's frame requests (issue 10): a move, the wheel, a
// resize or an API change asks for one frame, a button or a key for two, and more only
// while a frame says it animates
// (FrameResult::animating: a flight, a smooth scroll, the actions it dispatched). So the
// first frame that does not animate must be the last that differs: one more frame with
// nothing new draws the same picture, sets the same cursor and changes no state. Checked
// after every step of a reader's hands (moves onto every target, presses, releases,
// wheels, drags, keys) and of API changes; a panel or ImGui window that shows its new
// state a frame late (a card that sizes itself a frame after it appears) fails here.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "headless.h"

namespace explainer::ui::testing {
namespace {

// Frames as the platform draws them after an input's frame: while the last one animates.
// What the last frame drew under the pointer, for failure messages.
std::string under_pointer(const Headless& h) {
    const ImVec2 at = ImGui::GetIO().MousePos;
    std::string out;
    for (const LocatedRect& r : h.app.located)
        if (at.x >= r.x && at.x < r.x + r.w && at.y >= r.y && at.y < r.y + r.h)
            out += " " + std::string(r.panel) + "/" + std::string(r.id.text);
    return out;
}

// `owed`: the frames the platform asks for the input (request_frames in main_web.cpp:
// one for a move or the wheel, two for a button or a key).
// As continue_or_idle: after each frame, one fewer is owed; the next is drawn while any
// is owed or the frame animates.
void finish_like_the_platform(Headless& h, FrameResult result, int owed) {
    for (int i = 0;; ++i) {
        owed = std::max(0, owed - 1);
        if (owed == 0 && !result.animating) return;
        ASSERT_LT(i, 600) << "still animating after 600 frames (changing fields " << result.change.fields << ", hover '"
                          << h.view().hover << "', selection '" << h.view().selection << "', under the pointer:" << under_pointer(h) << ")";
        result = h.frame();
    }
}

// After `what`'s frame and those the platform draws after it, one more frame changes nothing.
void expect_settled(Headless& h, const std::string& what, FrameResult result, int owed = 1) {
    finish_like_the_platform(h, result, owed);
    const std::uint64_t picture = picture_hash();
    const std::uint64_t view = h.app.store.view_revision();
    const FrameResult again = h.frame();
    EXPECT_EQ(picture_hash(), picture) << what << ": the frame after the last animating one draws something else";
    EXPECT_FALSE(again.animating) << what << ": animates again";
    EXPECT_EQ(h.app.store.view_revision(), view) << what << ": the frame after the last animating one changes the view";
}

FrameResult move(Headless& h, ImVec2 to) {
    ImGui::GetIO().MousePos = to;
    return h.frame();
}

FrameResult button(Headless& h, ImVec2 at, bool down, int clicks = 1) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    io.MouseDown[0] = down;
    h.info.click_count = down ? clicks : 0;
    return h.frame();
}

std::string where(const char* step, ImVec2 at) {
    return std::string(step) + " at " + std::to_string(static_cast<int>(at.x)) + "," + std::to_string(static_cast<int>(at.y));
}

// Every target the frame located (markers, mentions, cards, buttons, tabs): moved onto,
// pressed, released; then a drag and the wheel over each panel.
void read_with_the_pointer(Headless& h) {
    // The map's too: a resting pointer on a label whose hover moved it made the hover flip
    // every frame until the map held a hover over the area where it began (HoverHold).
    std::vector<ImVec2> targets;
    for (const LocatedRect& r : h.app.located)
        if (r.w > 0 && r.h > 0) targets.push_back(Headless::centre(r));
    ASSERT_GT(targets.size(), 20u);
    for (const ImVec2 at : targets) {
        expect_settled(h, where("a move", at), move(h, at));
        if (::testing::Test::HasFailure()) return;
    }
    for (std::size_t i = 0; i < targets.size(); i += 5) {
        const ImVec2 at = targets[i];
        expect_settled(h, where("a move before a press", at), move(h, at));
        expect_settled(h, where("a press", at), button(h, at, true), 2);
        expect_settled(h, where("a release", at), button(h, at, false), 2);
        if (::testing::Test::HasFailure()) return;
    }
    const float w = h.info.width, ht = h.info.height;
    for (const ImVec2 at : {ImVec2(w * 0.2f, ht * 0.5f), ImVec2(w * 0.75f, ht * 0.25f), ImVec2(w * 0.75f, ht * 0.6f),
                            ImVec2(w * 0.75f, ht * 0.9f)}) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        io.MouseWheel = -2;
        expect_settled(h, where("the wheel", at), h.frame());
        // While the button is held, a drag may animate on purpose (selecting text scrolls the
        // article by time near its edges): the drop must settle.
        button(h, at, true);
        for (int step = 1; step <= 4; ++step) move(h, ImVec2(at.x - 15.0f * step, at.y + 10.0f * step));
        expect_settled(h, where("a drop", at), button(h, ImVec2(at.x - 60, at.y + 40), false), 2);
        if (::testing::Test::HasFailure()) return;
    }
    expect_settled(h, "the pointer leaving", move(h, ImVec2(-FLT_MAX, -FLT_MAX)));
}

TEST(FrameRequests, TheFirstFrameThatDoesNotAnimateIsTheLastThatDiffers) {
    Headless h(1920, 1080, 2);
    h.set_pack(kSeed);
    h.settle();
    read_with_the_pointer(h);
}

// Explainer.ready resolves at the first frame: it must be the picture the reader keeps
// until something new arrives (the map's detail tiles, fetched once the page is idle),
// with no second frame to draw the same again (on a phone's canvas a frame is a whole
// canvas of the GPU's fill). The map's report of its size is not a change to show.
TEST(FrameRequests, TheFirstFrameIsTheOneThatStays) {
    for (const auto& [width, height, dpr] : {std::tuple{1280.0f, 800.0f, 1.0f}, std::tuple{390.0f, 844.0f, 3.0f},
                                             std::tuple{1920.0f, 1080.0f, 2.0f}}) {
        Headless h(width, height, dpr);
        h.tiles_arrive = false;
        h.set_pack(kSeed);
        const FrameResult first = h.frame();
        const std::string what = "the first frame at " + std::to_string(width) + "x" + std::to_string(height);
        EXPECT_FALSE(first.animating) << what << " asks for another";
        expect_settled(h, what, first);
    }
}

TEST(FrameRequests, KeysAndApiChangesSettleInTheFramesTheyAskFor) {
    Headless h(1280, 800);
    h.set_pack(kSeed);
    h.settle();
    ImGuiIO& io = ImGui::GetIO();
    move(h, ImVec2(300, 300));
    expect_settled(h, "a click into the article", (button(h, ImVec2(300, 300), true), button(h, ImVec2(300, 300), false)), 2);
    for (const ImGuiKey key : {ImGuiKey_Tab, ImGuiKey_Tab, ImGuiKey_DownArrow, ImGuiKey_Enter, ImGuiKey_PageDown, ImGuiKey_Escape}) {
        const int index = io.KeyMap[key];
        io.KeysDown[index] = true;
        expect_settled(h, "a key press " + std::to_string(key), h.frame(), 2);
        io.KeysDown[index] = false;
        expect_settled(h, "a key release " + std::to_string(key), h.frame(), 2);
    }
    for (const std::string& id : {std::string("ramadi"), std::string("iraq"), std::string()}) {
        app_dispatch(h.app, SelectAction{id}, ChangeSource::Api, h.info.time);
        expect_settled(h, "select '" + id + "' by the API", h.frame());
        app_dispatch(h.app, HoverAction{id}, ChangeSource::Api, h.info.time);
        expect_settled(h, "hover '" + id + "' by the API", h.frame());
    }
    h.resize(1024, 700, 2);
    expect_settled(h, "a resize", h.frame());
    h.info.dark = true;
    expect_settled(h, "a dark scheme", h.frame());
}

} // namespace
} // namespace explainer::ui::testing
