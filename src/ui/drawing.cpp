#include "drawing.h"

#include <utility>

namespace explainer::ui {

namespace {

constexpr float kDash = 3.5f, kDashPeriod = 6.0f;

// Dashes kDash px long, one every kDashPeriod px along [from, to) (the last one cut at `to`)
// as filled rectangles: four vertices each, no path to stroke, all reserved at once. A
// panel draws thousands of them a frame (every approximate date's outline).
template <class RectOf>
void dashes(ImDrawList* draw, float from, float to, ImU32 colour, RectOf&& rect_of) {
    if ((colour & IM_COL32_A_MASK) == 0 || !(to > from)) return;
    const int count = static_cast<int>(std::ceil((to - from) / kDashPeriod));
    draw->PrimReserve(6 * count, 4 * count);
    for (int i = 0; i < count; ++i) {
        const float at = from + static_cast<float>(i) * kDashPeriod;
        const auto [a, b] = rect_of(at, std::min(at + kDash, to));
        draw->PrimRect(a, b, colour);
    }
}

} // namespace

// Centred half a pixel in, where ImDrawList::AddLine puts a line through pixel centres.
void dashed_hline(ImDrawList* draw, float x0, float x1, float y, ImU32 colour, float thickness) {
    const float y0 = y + 0.5f - thickness * 0.5f;
    dashes(draw, x0, x1, colour, [&](float a, float b) { return std::pair{ImVec2(a, y0), ImVec2(b, y0 + thickness)}; });
}

void dashed_vline(ImDrawList* draw, float x, float y0, float y1, ImU32 colour, float thickness) {
    const float x0 = x + 0.5f - thickness * 0.5f;
    dashes(draw, y0, y1, colour, [&](float a, float b) { return std::pair{ImVec2(x0, a), ImVec2(x0 + thickness, b)}; });
}

void dashed_circle(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour, float thickness) {
    constexpr int kDashes = 8;
    constexpr float kPi = 3.14159265f;
    for (int i = 0; i < kDashes; ++i) {
        const float a0 = (i * 2.0f) * kPi / kDashes, a1 = a0 + kPi / kDashes * 1.1f;
        draw->PathArcTo(centre, radius, a0, a1, 4);
        draw->PathStroke(colour, ImDrawFlags_None, thickness);
    }
}

} // namespace explainer::ui
