// How every panel reads the pointer and the keyboard, defined once: what counts as a
// click and what as a drag, how lists scroll (smoothly, by wheel, keys and finger), and
// who owns the hover. Panels keep one of each in their view state.
#pragma once
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"

#include "core/text_layout.h"

#include "panel.h"

namespace explainer::ui {

// CSS px a press may move and still be a click (a tap, a select); beyond it, it drags
// (pans the map and the timeline, scrolls a list on a touch screen).
inline constexpr float kClickSlop = 5.0f;
// CSS px a finger may move and still be pressing (a long press selects a word in the
// article); beyond it, the finger scrolls. Wider than the mouse's: a resting finger wobbles.
inline constexpr float kTouchSlop = 10.0f;
// A press within this many CSS px (each way) and seconds of the last one continues a
// double or triple click, as browsers count them (the platform counts; panels read
// PanelContext::click_count).
inline constexpr float kMultiClickSlop = 6.0f;
inline constexpr double kMultiClickSeconds = 0.5;
// How far one wheel notch scrolls a list, and one arrow key press.
inline constexpr float kWheelScrollPx = 72.0f;
inline constexpr float kArrowScrollPx = 48.0f;
// Time constant of smooth scrolling: the gap to the target shrinks by this much a second.
inline constexpr float kScrollEaseRate = 14.0f;

// One press of the primary button on a panel's item, from its start to its release.
// Our own tracking rather than ImGui's "clicked": a touch release arrives together with
// the pointer leaving the canvas, so the release position is the last one seen.
struct Press {
    bool pressing = false;
    bool moved = false;          // went beyond kClickSlop: a drag, not a click
    ImVec2 start, last;

    void begin(ImVec2 at) { pressing = true, moved = false, start = last = at; }
    void track(ImVec2 at) {
        last = at;
        if (std::fabs(at.x - start.x) > kClickSlop || std::fabs(at.y - start.y) > kClickSlop) moved = true;
    }
    // The press ends; true when it was a click (it did not move and no pinch took over).
    bool release(const PanelContext& ctx) {
        const bool was_pressing = pressing;
        pressing = false;
        return was_pressing && !moved && !(ctx.gesture && ctx.gesture->active);
    }
};

// A scroll position that eases towards its target (wheel, keys and bringing things into
// view move the target; a finger or the scrollbar move both).
struct SmoothScroll {
    float scroll = 0, target = 0;

    void jump(float to) { scroll = target = to; }
    // Clamps to 0..max and takes one step towards the target; asks for another frame
    // while it moves.
    void step(PanelContext& ctx, float max) {
        target = std::clamp(target, 0.0f, max);
        if (ctx.reduced_motion || std::fabs(target - scroll) < 0.5f) {
            scroll = target;
        } else {
            scroll += (target - scroll) * std::min(1.0f, ImGui::GetIO().DeltaTime * kScrollEaseRate);
            *ctx.animating = true;
        }
        scroll = std::clamp(scroll, 0.0f, max);
    }
};

// The reading keys of a scrolling panel with the keyboard: arrows, pages, Home, End,
// and (where `space_pages`) Space / Shift+Space. Moves `scroll.target`.
void scroll_by_keys(const PanelContext& ctx, SmoothScroll& scroll, float page, float max, bool space_pages);

// The hover a panel set, so that it clears only its own: another panel's pointer or
// keyboard focus owns theirs.
struct HoverClaim {
    std::string id;              // what this panel asked to hover, "" = nothing

    void claim(PanelContext& ctx, const std::string& entity) {
        if (ctx.state.hover != entity) ctx.actions.push(HoverAction{entity});
        id = entity;
    }
    void release(PanelContext& ctx) {
        if (!id.empty() && ctx.state.hover == id) ctx.actions.push(HoverAction{""});
        id.clear();
    }
};

// `p` is over `r` (its right and bottom edges excluded): a hit test for buttons laid out
// as LayoutRects (the Copy buttons).
inline bool inside(const LayoutRect& r, ImVec2 p) { return p.x >= r.x && p.x < r.x + r.w && p.y >= r.y && p.y < r.y + r.h; }

// Where the last frame's picture depends on the pointer, so that the platform can skip
// the frame for a pointer move that cannot change it (issue 10: an idle move over empty
// map or plain text cost three full frames). Every hit test a panel makes against the
// pointer reports its shape here: a region whose edge matters (a panel's own item: its
// hover) or an area where any position matters (a mention, a marker, a button, a card).
// A move is quiet when it crosses no region's edge and stays out of every area, from
// where the last frame saw the pointer to where it is now.
class PointerZones {
public:
    struct Box {
        float x0, y0, x1, y1;
        bool contains(ImVec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
    };
    void start() { regions_.clear(), areas_.clear(), anywhere_ = false; }
    void region(ImVec2 origin, ImVec2 size) { regions_.push_back({origin.x, origin.y, origin.x + size.x, origin.y + size.y}); }
    void area(float x0, float y0, float x1, float y1) { areas_.push_back({x0, y0, x1, y1}); }
    void area(ImVec2 origin, ImVec2 size) { area(origin.x, origin.y, origin.x + size.x, origin.y + size.y); }
    // The frame depends on the pointer wherever it is (the editor's gestures).
    void anywhere() { anywhere_ = true; }
    bool quiet_move(ImVec2 from, ImVec2 to) const {
        if (anywhere_) return false;
        for (const Box& r : regions_)
            if (r.contains(from) != r.contains(to)) return false;
        for (const Box& r : areas_)
            if (r.contains(from) || r.contains(to)) return false;
        return true;
    }

private:
    std::vector<Box> regions_, areas_;
    bool anywhere_ = false;
};

// A key press for the focused panel (ImGui 1.86 indexes keys through the key map).
inline bool key_pressed(ImGuiKey key, bool repeat = true) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); }

// This frame's Tab step for a panel with `count` items: -1/+1 entering from a
// neighbour or by Tab/Shift+Tab here, 0 for none. Returns the new focus, or `focus`.
int tab_focus(PanelContext& ctx, int focus, int count, bool* stepped);

} // namespace explainer::ui
