#include "interaction.h"

namespace explainer::ui {

void scroll_by_keys(const PanelContext& ctx, SmoothScroll& scroll, float page, float max, bool space_pages) {
    if (!ctx.keyboard_focus) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl || io.KeyAlt) return;
    const bool space = space_pages && key_pressed(ImGuiKey_Space);
    // Shift+arrows extend a text selection (article_selection.cpp), never scroll.
    if (key_pressed(ImGuiKey_DownArrow) && !io.KeyShift) scroll.target += kArrowScrollPx;
    if (key_pressed(ImGuiKey_UpArrow) && !io.KeyShift) scroll.target -= kArrowScrollPx;
    if (key_pressed(ImGuiKey_PageDown) || (space && !io.KeyShift)) scroll.target += page;
    if (key_pressed(ImGuiKey_PageUp) || (space && io.KeyShift)) scroll.target -= page;
    if (key_pressed(ImGuiKey_Home)) scroll.target = 0;
    if (key_pressed(ImGuiKey_End)) scroll.target = max;
}

int tab_focus(PanelContext& ctx, int focus, int count, bool* stepped) {
    *stepped = false;
    if (!ctx.keyboard_focus) return focus;
    const bool tab = key_pressed(ImGuiKey_Tab) || ctx.focus_entry != 0;
    if (!tab) return focus;
    *stepped = true;
    const bool backward = ctx.focus_entry != 0 ? ctx.focus_entry < 0 : ImGui::GetIO().KeyShift;
    return step_focus(ctx, ctx.focus_entry != 0 ? -1 : focus, count, backward);
}

} // namespace explainer::ui
