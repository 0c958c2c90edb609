// The editor's gestures on the map (editor_gestures.h): a place's marker dragged to a new
// spot, or a click that puts a place armed from the column there. Either is one pack edit,
// asked for when the press ends (one undo step, however many frames the drag took).
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "editor_gestures.h"
#include "interaction.h"
#include "panel.h"

namespace explainer::ui {

namespace {

constexpr float kMarkerRadius = 6.5f;  // the dragged marker: a selected marker's size
constexpr const char* kOutsideLabel = "Outside the map: release to leave it where it was";

// "36.32° N, 41.88° E": where the marker will land, beside it while it moves.
std::string coordinates_text(GeoPoint at) {
    char text[64];
    std::snprintf(text, sizeof text, "%.4f° %c, %.4f° %c", std::fabs(at.lat), at.lat >= 0 ? 'N' : 'S', std::fabs(at.lon),
                  at.lon >= 0 ? 'E' : 'W');
    return text;
}

// The marker under the pointer, a line back to where it was, and what a release does: the
// coordinates it lands on, or (outside the map) that it stays.
void draw_dragged_marker(PanelContext& ctx, ImVec2 grabbed, ImVec2 at, const std::string& label, bool lands) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    draw->AddLine(grabbed, at, theme.text_muted, 1.5f);
    draw->AddCircle(at, kMarkerRadius + 3.5f, lands ? theme.text : theme.text_muted, 20, 2.0f);
    draw->AddCircleFilled(at, kMarkerRadius + 1.5f, theme.panel, 20);
    draw->AddCircleFilled(at, kMarkerRadius, lands ? theme.kind[static_cast<int>(EntityKind::Place)] : theme.text_muted, 20);
    const ImVec2 size = text_size(ctx.fonts.sans_small, label);
    const ImVec2 text_at(at.x + 12, at.y - size.y - 6);
    draw->AddRectFilled(ImVec2(text_at.x - 4, text_at.y - 1), ImVec2(text_at.x + size.x + 4, text_at.y + size.y + 1),
                        with_alpha(theme.panel, 0.9f), 3);
    add_text(draw, ctx.fonts.sans_small, font_size(ctx.fonts.sans_small), text_at, theme.text, label);
    ctx.located->push_back({lands ? "map:dragged-marker" : "map:dragged-marker-outside", "map", at.x - kMarkerRadius,
                            at.y - kMarkerRadius, 2 * kMarkerRadius, 2 * kMarkerRadius});
}

} // namespace

bool EditorGestures::map_press_moves_marker(const PanelContext& ctx, std::string_view press_target) const {
    if (press_target.empty()) return false;
    const Entity* entity = ctx.pack.find(press_target);
    // A country or region is drawn as its shape: it has no marker to move.
    return entity && entity->kind == EntityKind::Place && entity->location && entity->country.empty() && entity->countries.empty();
}

bool EditorGestures::map_frame(PanelContext& ctx, const MapPointer& pointer, const MapProjection& projection) {
    if (!place_on_click.empty() && place_on_click != kNewPlaceOnClick && !ctx.pack.find(place_on_click))
        place_on_click.clear();  // undone or removed meanwhile
    if (pointer.dragging && !marker_ && map_press_moves_marker(ctx, pointer.press_target)) {
        const Entity* entity = ctx.pack.find(pointer.press_target);
        marker_ = MarkerDrag{entity->id, projection.to_screen(*entity->location)};
    }
    if (marker_) {
        const ImVec2 delta = ImGui::GetMouseDragDelta(0, 0.0f);
        const ImVec2 at(marker_->grabbed.x + delta.x, marker_->grabbed.y + delta.y);
        // Dropped outside the map's frame, a place would move to a point the author cannot
        // see (and the map does not follow it there): that drop cancels the drag.
        const bool inside_map = projection.in_frame(at);
        const GeoPoint ground = projection.to_ground(at);
        draw_dragged_marker(ctx, marker_->grabbed, at, inside_map ? coordinates_text(ground) : kOutsideLabel, inside_map);
        ImGui::SetMouseCursor(inside_map ? ImGuiMouseCursor_ResizeAll : ImGuiMouseCursor_NotAllowed);
        if (!pointer.released) return true;
        const std::string id = marker_->id;
        marker_.reset();
        if (inside_map) {
            if (place_at) place_at(id, ground);
        } else if (refused) {
            const Entity* entity = ctx.pack.find(id);
            refused((entity && !entity->name.empty() ? entity->name : id) +
                    " was dropped outside the map and stays where it was. To move it farther, zoom out or pan the map "
                    "first, or search for the place or type its coordinates in the inspector.");
        }
        return true;
    }
    if (place_on_click.empty()) return false;
    if (pointer.released && pointer.click) {
        // A tap's release comes without a position: the press's is the click's.
        const GeoPoint ground = projection.to_ground(ImGui::GetIO().MouseClickedPos[0]);
        const std::string id = std::exchange(place_on_click, std::string());
        if (place_at) place_at(id, ground);
        return true;
    }
    return false;
}

} // namespace explainer::ui
