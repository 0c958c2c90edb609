// How every panel reads the pointer and the keyboard, defined once: what counts as a
// click and what as a drag, how lists scroll (smoothly, by wheel, keys and finger), and
// who owns the hover. Panels keep one of each in their view state.
#pragma once
#include <algorithm>
#include <cmath>
#include <string>

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

// A key press for the focused panel (ImGui 1.86 indexes keys through the key map).
inline bool key_pressed(ImGuiKey key, bool repeat = true) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); }

// This frame's Tab step for a panel with `count` items: -1/+1 entering from a
// neighbour or by Tab/Shift+Tab here, 0 for none. Returns the new focus, or `focus`.
int tab_focus(PanelContext& ctx, int focus, int count, bool* stepped);

} // namespace explainer::ui
