// The editor's implementation of the panels' editing hooks (editing.h): what a gesture on
// the map or the timeline keeps between its frames, and the edits it asks for when it
// ends. Only explainer-editor links it (map_editing.cpp, timeline_editing.cpp,
// quotes_editing.cpp).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/editor_session.h"
#include "editing.h"

namespace explainer::ui {

class EditorGestures final : public PanelEditing {
public:
    // Called after the frame that ended the gesture (the panels are drawing the pack during
    // it): a place put at `at` by hand; an entity's date dragged to `iso`.
    std::function<void(const std::string& id, GeoPoint at)> place_at;
    std::function<void(const std::string& id, const std::string& iso)> date_to;
    // A gesture that ended without an edit the author may have expected: why (the column
    // says it, as it says an op's refusal).
    std::function<void(const std::string& reason)> refused;
    // Whether the document validates (the panels show the pack) or not (they show its
    // article's text alone, and say so where a panel would otherwise say it has nothing).
    std::function<bool()> pack_validates;
    // Armed from the editor's column ("Place on map"): the next click on the map puts this
    // place there, or makes the column's new place there (kNewPlaceOnClick: a place the
    // gazetteer does not know). Empty: clicks select, as in the reader.
    std::string place_on_click;
    static constexpr std::string_view kNewPlaceOnClick = "\n";  // no entity's id (ids are slugs)

    bool map_press_moves_marker(const PanelContext& ctx, std::string_view press_target) const override;
    bool map_frame(PanelContext& ctx, const MapPointer& pointer, const MapProjection& projection) override;
    bool timeline_press(PanelContext& ctx, std::size_t entity, float x0, float x1, bool point, float x, float lane_top,
                        float lane_height, const TimelineProjection& projection) override;
    bool timeline_frame(PanelContext& ctx, float pointer_x, bool moved, bool released, const TimelineProjection& projection) override;
    void timeline_without_dates(PanelContext& ctx, const ImVec2& origin) override;
    bool quotes_withheld(PanelContext& ctx, const ImVec2& origin) override;

private:
    struct MarkerDrag {
        std::string id;
        ImVec2 grabbed;          // the marker's centre when the drag began (canvas px)
    };
    struct EventDrag {
        std::string id;
        int start_day = 0, end_day = 0;  // the span as it was (end inclusive)
        DragPart part = DragPart::Whole;
        double from_day = 0;     // the day under the pointer when the press began
        float lane_top = 0, lane_height = 0;
    };
    std::optional<MarkerDrag> marker_;
    std::optional<EventDrag> event_;
};

// What a panel says in place of what it cannot show of a pack that does not validate
// (`note`: what shows once it does), from the corner of its area at `origin`, located as
// `id` (Explainer.locate) in `panel`. The panel has no Tab stop then: Tab passes the
// keyboard on. Defined in timeline_editing.cpp.
void draw_until_valid_note(PanelContext& ctx, const ImVec2& origin, std::string_view note, const char* id, const char* panel);

} // namespace explainer::ui
