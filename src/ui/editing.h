// The editor's hooks in the panels (edit.html only): dragging a place's marker or clicking
// the map to put a place there, and dragging an event's ends on the timeline. Each gesture
// becomes one pack edit, made after the frame through the editor's session, so it is one
// undo step however many frames it lasted. And what the timeline and the quotes panel say
// while the pack does not validate.
//
// The reader never sets PanelContext::editing: its panels never call these, and its wasm
// does not carry them. The panels call the interface; the editor's implementation
// (editor_gestures.h: map_editing.cpp, timeline_editing.cpp and quotes_editing.cpp) is
// linked into explainer-editor only (cmake/web.cmake).
#pragma once
#include <cstddef>
#include <functional>
#include <string_view>

#include "imgui.h"

#include "core/geo_point.h"
#include "core/time_scale.h"

namespace explainer::ui {

struct PanelContext;

// [SECTION] The map -----------------------------------------------------------------------

// The map's projection this frame, both ways (canvas CSS px), and the frame it is drawn in.
struct MapProjection {
    std::function<ImVec2(GeoPoint)> to_screen;   // in the copy of the world nearest the view's centre
    std::function<GeoPoint(ImVec2)> to_ground;
    ImVec2 frame_min, frame_max;                 // the map's visible frame (locate('map:view'))
    bool in_frame(ImVec2 at) const { return at.x >= frame_min.x && at.x <= frame_max.x && at.y >= frame_min.y && at.y <= frame_max.y; }
};

// The map's pointer this frame, for the editor.
struct MapPointer {
    std::string_view press_target;  // what the press began on ("" for the bare map)
    bool dragging = false;          // the press moved beyond a click
    bool released = false;          // the press ended this frame
    bool click = false;             // ... without moving: a click or a tap
};

// [SECTION] The timeline -------------------------------------------------------------------

// The timeline's geometry this frame.
struct TimelineProjection {
    float origin_x = 0, width = 0;
    TimeRange range;
    TickUnit unit = TickUnit::Day;   // what the major ticks show
    const TimeWarp* warp = nullptr;  // the axis's breaks (range is in its axis days); never null
    double day_at(float x) const { return warp->to_day(x_to_day(range, width, x - origin_x)); }
    float x_of(double day) const { return origin_x + static_cast<float>(day_to_x(range, width, warp->to_axis(day))); }
};

// [SECTION] The hooks ----------------------------------------------------------------------

class PanelEditing {
public:
    virtual ~PanelEditing() = default;

    // True when a press that began on `press_target` moves that place (a place drawn as
    // a marker): the map does not pan under it.
    virtual bool map_press_moves_marker(const PanelContext& ctx, std::string_view press_target) const = 0;
    // Draws a dragged marker where the pointer takes it and, on release, asks for the
    // place's new location (a drag; or a click while a place waits to be put on the
    // map). A drop outside the map's frame moves nothing and is refused with a reason.
    // True when the editor took the press: the map neither selects nor pans.
    virtual bool map_frame(PanelContext& ctx, const MapPointer& pointer, const MapProjection& projection) = 0;

    // A press on the mark of entity `entity` (its bar from x0 to x1, or a point) at `x`:
    // the editor takes it (and the timeline does not pan) when the entity's date is whole
    // days. Near a bar's start or end the press drags that end; elsewhere it moves the
    // whole span.
    virtual bool timeline_press(PanelContext& ctx, std::size_t entity, float x0, float x1, bool point, float x, float lane_top,
                                float lane_height, const TimelineProjection& projection) = 0;
    // While an event is dragged: its new span drawn with the date it will get; on release
    // (after a move) the edit. True while the editor holds the press.
    virtual bool timeline_frame(PanelContext& ctx, float pointer_x, bool moved, bool released, const TimelineProjection& projection) = 0;
    // A timeline with no date at all, not even the publication's (the panels show a pack
    // that does not validate by its article's text alone): what it says in place of an axis,
    // in the panel's area from `origin`.
    virtual void timeline_without_dates(PanelContext& ctx, const ImVec2& origin) = 0;
    // The quotes panel, in its area from `origin`: true when the panels show a pack that
    // does not validate (by its article's text alone) and the editor said there that its
    // quotes show once it does, where the panel would say "The article has no direct
    // quotations."; the panel draws nothing else then. False: the panel shows the pack.
    virtual bool quotes_withheld(PanelContext& ctx, const ImVec2& origin) = 0;
};

} // namespace explainer::ui
