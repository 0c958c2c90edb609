#include "drawing.h"

namespace explainer::ui {

namespace {

constexpr float kDash = 3.5f, kDashPeriod = 6.0f;

// An axis-aligned dash as a filled rectangle: four vertices, no path to stroke. A
// panel draws hundreds of them a frame (every approximate date's outline).
void dash_rect(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour) {
    if ((colour & IM_COL32_A_MASK) == 0) return;
    draw->PrimReserve(6, 4);
    draw->PrimRect(a, b, colour);
}

} // namespace

// Centred half a pixel in, where ImDrawList::AddLine puts a line through pixel centres.
void dashed_hline(ImDrawList* draw, float x0, float x1, float y, ImU32 colour, float thickness) {
    const float y0 = y + 0.5f - thickness * 0.5f;
    for (float x = x0; x < x1; x += kDashPeriod)
        dash_rect(draw, ImVec2(x, y0), ImVec2(std::min(x + kDash, x1), y0 + thickness), colour);
}

void dashed_vline(ImDrawList* draw, float x, float y0, float y1, ImU32 colour, float thickness) {
    const float x0 = x + 0.5f - thickness * 0.5f;
    for (float y = y0; y < y1; y += kDashPeriod)
        dash_rect(draw, ImVec2(x0, y), ImVec2(x0 + thickness, std::min(y + kDash, y1)), colour);
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
