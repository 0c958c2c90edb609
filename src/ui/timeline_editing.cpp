// The editor's gestures on the timeline (editor_gestures.h): an event's start or end, or
// the whole event, dragged in the units the ticks show. One pack edit when the press ends
// (one undo step, however many frames the drag took). And what a timeline without a date
// says while the pack does not validate (draw_until_valid_note: the quotes panel's too).
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "editor_gestures.h"
#include "interaction.h"
#include "panel.h"

namespace explainer::ui {

namespace {

constexpr float kEndGrabPx = 6.0f;       // how near a bar's end a press takes that end
constexpr float kEndGrabPxTouch = 14.0f;
constexpr float kNotePadding = 12.0f;    // from the panel's corner, as the quotes panel's "no quotations" note

} // namespace

bool EditorGestures::timeline_press(PanelContext& ctx, std::size_t entity, float x0, float x1, bool point, float x,
                                    float lane_top, float lane_height, const TimelineProjection& projection) {
    event_.reset();
    if (entity >= ctx.pack.entities.size()) return false;
    const Entity& e = ctx.pack.entities[entity];
    // The timeline writes whole days, months or years: a time of day is edited in the inspector.
    if (!e.date || e.date->times) return false;
    // A short bar keeps its middle third for moving the whole span.
    const float grab = std::min(ctx.touch ? kEndGrabPxTouch : kEndGrabPx, (x1 - x0) / 3);
    DragPart part = DragPart::Whole;
    if (!point && std::fabs(x - x0) <= grab) part = DragPart::Start;
    else if (!point && std::fabs(x - x1) <= grab) part = DragPart::End;
    event_ = EventDrag{e.id, e.date->start_day, e.date->end_day, part, projection.day_at(x), lane_top, lane_height};
    return true;
}

bool EditorGestures::timeline_frame(PanelContext& ctx, float pointer_x, bool moved, bool released,
                                    const TimelineProjection& projection) {
    if (!event_) return false;
    const DraggedDate to = dragged_date(event_->start_day, event_->end_day, event_->part, event_->from_day,
                                        projection.day_at(pointer_x), date_unit_for(projection.unit));
    if (moved) {
        // The span it will have, over the lane, with the date it will be written as.
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const Theme& theme = ctx.theme;
        const float x0 = projection.x_of(to.start_day), x1 = std::max(projection.x_of(to.end_day + 1.0), x0 + 3.0f);
        const float top = event_->lane_top + 2, bottom = event_->lane_top + event_->lane_height - 2;
        draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), with_alpha(theme.kind[static_cast<int>(EntityKind::Event)], 0.35f), 3);
        draw->AddRect(ImVec2(x0, top), ImVec2(x1, bottom), theme.text, 3, 0, 2);
        const float small = font_size(ctx.fonts.sans_small);
        const ImVec2 size = text_size(ctx.fonts.sans_small, to.iso);
        const ImVec2 at(x0, top - small - 4);
        draw->AddRectFilled(ImVec2(at.x - 3, at.y - 1), ImVec2(at.x + size.x + 3, at.y + size.y + 1), with_alpha(theme.panel, 0.9f), 3);
        draw->AddText(ctx.fonts.sans_small, small, at, theme.text, to.iso.c_str());
        ctx.located->push_back({"timeline:dragged-event", "timeline", x0, top, x1 - x0, bottom - top});
        ImGui::SetMouseCursor(event_->part == DragPart::Whole ? ImGuiMouseCursor_ResizeAll : ImGuiMouseCursor_ResizeEW);
    }
    if (!released) return true;
    const std::string id = event_->id;
    const bool changed = to.start_day != event_->start_day || to.end_day != event_->end_day;
    event_.reset();
    const Entity* e = ctx.pack.find(id);
    // A press that did not move was a click (it selects); one that moved back writes nothing.
    if (moved && changed && e && e->date && date_to) date_to(id, to.iso);
    return false;
}

void draw_until_valid_note(PanelContext& ctx, const ImVec2& origin, std::string_view note, const char* id, const char* panel) {
    bool stepped = false;
    tab_focus(ctx, -1, 0, &stepped);  // no stop here: a Tab that arrives or is pressed goes on to the next panel
    const float size = font_size(ctx.fonts.sans);
    const ImVec2 at(origin.x + kNotePadding, origin.y + kNotePadding);
    add_text(ImGui::GetWindowDrawList(), ctx.fonts.sans, size, at, ctx.theme.text_muted, note);
    ctx.located->push_back({id, panel, at.x, at.y, text_width(ctx.fonts.sans, note), size});
}

// The panels show a pack that does not validate by its article's text alone (the column
// lists its errors); its dates come back with the first edit that makes it valid.
void EditorGestures::timeline_without_dates(PanelContext& ctx, const ImVec2& origin) {
    draw_until_valid_note(ctx, origin, "Dates show once the pack validates.", "timeline:no-dates", "timeline");
}

} // namespace explainer::ui
