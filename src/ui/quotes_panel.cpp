// Interim: the quotes panel's region, until its real implementation lands.
#include "panel.h"

namespace explainer::ui {

void draw_quotes_panel(PanelContext& ctx, ImVec2 origin, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddText(ctx.fonts.sans, font_size(ctx.fonts.sans), ImVec2(origin.x + 14, origin.y + 12), ctx.theme.text_muted,
                  "Quotes");
    (void)size;
}

} // namespace explainer::ui
