// The timeline panel: the pack's dated entities on a calendar axis the reader pans,
// zooms and scrubs. Exact dates are solid marks, approximate ones fuzzy (faded fill,
// dashed outline); the article's publication date is a labelled band; the time cursor
// the reader sets here is what the map uses to dim places whose events lie ahead.
//
// Reacts to the linked selection: the selected event is filled, events linked to the
// selection or the hover get a stronger outline, the rest fade while something is
// selected, and a new selection made by the reader slides/zooms the range (animated)
// so the selected event and its linked events are in view.
//
// Index
// - [SECTION] Geometry and drawing helpers
// - [SECTION] Events and lanes
// - [SECTION] Calendar steps
// - [SECTION] View state and bringing into view
// - [SECTION] Panel
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/date_text.h"
#include "core/dates.h"
#include "core/time_scale.h"
#include "panel.h"

namespace explainer::ui {

namespace {

// [SECTION] Geometry and drawing helpers ----------------------------------------------------

constexpr float kFlagsRow = 18;          // top row: the "Published" label
constexpr float kAxisHeight = 30;        // bottom strip: ticks, labels, cursor handle
constexpr float kAxisHeightTouch = 44;   // a finger can hit it on a phone
constexpr float kLaneHeight = 24;
constexpr float kLaneHeightTouch = 44;
constexpr float kMinLaneHeight = 12;     // lanes shrink to this before marks overlap
constexpr float kLabelLaneHeight = 15;   // lanes lower than this draw marks without labels
constexpr float kPointRadius = 5;
constexpr float kMinBarWidth = 8;        // narrower ranges are drawn as (fuzzy) points
constexpr float kLabelGap = 6;
constexpr float kTickLabelSpacing = 64;  // px between major tick labels, at least
constexpr float kMarginFraction = 0.25f; // how far the view may go beyond the data
constexpr double kBringIntoViewSeconds = 0.45;

float snap(float v, float dpr) { return std::round(v * dpr) / dpr; }

ImU32 with_alpha(ImU32 colour, float alpha) {
    const unsigned a = static_cast<unsigned>(((colour >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f) + 0.5f);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

void dashed_hline(ImDrawList* draw, float x0, float x1, float y, ImU32 colour, float thickness) {
    for (float x = x0; x < x1; x += 6) draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 3.5f, x1), y), colour, thickness);
}

void dashed_vline(ImDrawList* draw, float x, float y0, float y1, ImU32 colour, float thickness) {
    for (float y = y0; y < y1; y += 6) draw->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + 3.5f, y1)), colour, thickness);
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

float text_width(const ImFont* font, const std::string& text) {
    return font->CalcTextSizeA(font_size(font), FLT_MAX, 0, text.c_str()).x;
}

// [SECTION] Events and lanes -----------------------------------------------------------------

struct EventMark {
    std::size_t entity = 0;
    const DateSpan* date = nullptr;
    float x0 = 0, x1 = 0;        // the mark, in screen px (a bar cut a little beyond the panel)
    float full_x0 = 0, full_x1 = 0;  // a bar's whole extent, for its fade
    bool point = false;          // a single day, or a range too narrow for a bar
    float label_x = 0, label_w = 0;
    int priority = 0;
    int lane = 0;
    bool placed = false;         // has a lane of its own
    bool labelled = false;       // its label is drawn
    float extent_start(bool with_label) const { return with_label ? std::min(x0, label_x) : x0; }
    float extent_end(bool with_label) const { return with_label ? std::max(x1, label_x + label_w) : x1; }
    float extent_start() const { return extent_start(labelled); }
    float extent_end() const { return extent_end(labelled); }
};

// Marks get the lowest lane where they keep clear of the others. Labels are placed
// first (by priority, then in time order); a mark whose label fits nowhere is placed
// bare. While marks still do not fit, lanes get lower (more of them) down to a minimum,
// below which they carry no labels.
struct LaneLayout {
    float lane_height = kLaneHeight;
    int lanes = 1;
};

// One attempt at `lanes` lanes; `may_label[i]` says whether mark i may try for a
// label. True when every mark got a lane.
bool try_lanes(std::vector<EventMark>& marks, int lanes, const std::vector<bool>& may_label) {
    std::vector<LaneItem> items(marks.size());
    for (std::size_t i = 0; i < marks.size(); ++i)
        items[i] = {marks[i].extent_start(may_label[i]), marks[i].extent_end(may_label[i]), marks[i].priority};
    const std::vector<LaneSlot> with_labels = assign_lanes(items, lanes, kLabelGap);
    // Second pass: the labelled marks keep their lanes (placed first, in the same
    // order, so assign_lanes gives them the same slots); the rest go in bare.
    for (std::size_t i = 0; i < marks.size(); ++i) {
        marks[i].labelled = may_label[i] && !with_labels[i].hidden;
        if (marks[i].labelled) items[i].priority += 1000;
        else items[i] = {marks[i].x0, marks[i].x1, items[i].priority};
    }
    const std::vector<LaneSlot> slots = assign_lanes(items, lanes, 2.0);
    bool all_placed = true;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        marks[i].placed = !slots[i].hidden;
        marks[i].lane = slots[i].hidden ? 0 : slots[i].lane;
        all_placed = all_placed && marks[i].placed;
    }
    return all_placed;
}

// The tallest lanes that hold every mark, and as many labels as fit with them: while
// marks are left over, the label of the last-placed labelled mark gives way.
LaneLayout place_lanes(std::vector<EventMark>& marks, float available, float preferred_height) {
    const int fewest = std::max(1, static_cast<int>(available / preferred_height));
    const int most = std::max(fewest, static_cast<int>(available / kMinLaneHeight));
    // Placement order: priority, then time order (as assign_lanes places them).
    std::vector<std::size_t> order(marks.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return marks[a].priority > marks[b].priority; });
    LaneLayout layout;
    for (int lanes = fewest; lanes <= most; ++lanes) {
        layout.lanes = lanes;
        layout.lane_height = std::min(preferred_height, std::floor(available / lanes));
        std::vector<bool> may_label(marks.size(), layout.lane_height >= kLabelLaneHeight);
        for (;;) {
            if (try_lanes(marks, lanes, may_label)) return layout;
            auto last = std::find_if(order.rbegin(), order.rend(), [&](std::size_t i) { return marks[i].labelled; });
            if (last == order.rend()) break;
            may_label[*last] = false;
        }
    }
    return layout;
}

// [SECTION] Calendar steps --------------------------------------------------------------------

int add_months(int day, int months) {
    CivilDate date = civil_from_days(day);
    int index = date.year * 12 + (date.month - 1) + months;
    date.year = index / 12 - (index % 12 < 0 ? 1 : 0);
    date.month = (index % 12 + 12) % 12 + 1;
    date.day = std::min(date.day, days_in_month(date.year, date.month));
    return days_from_civil(date);
}

// One step of a tick unit forwards (direction 1) or back (-1), calendar-aware.
int step_day(int day, TickUnit unit, int direction) {
    switch (unit) {
    case TickUnit::Minute:
    case TickUnit::Hour:
    case TickUnit::Day: return day + direction;
    case TickUnit::Week: return day + 7 * direction;
    case TickUnit::Month: return add_months(day, direction);
    case TickUnit::Quarter: return add_months(day, 3 * direction);
    case TickUnit::Year: return add_months(day, 12 * direction);
    case TickUnit::Decade: return add_months(day, 120 * direction);
    case TickUnit::Century: return add_months(day, 1200 * direction);
    }
    return day + direction;
}

// The cursor one tick step on: minutes and hours move an instant, larger units move the
// day (keeping the time of day of a timed cursor). Within years 1-9999.
TimeCursor step_cursor(const TimeCursor& cursor, TickUnit unit, int step, int direction) {
    TimeCursor next = cursor;
    if (unit == TickUnit::Minute || unit == TickUnit::Hour) {
        next = cursor_at_second(cursor.utc_second + std::int64_t(direction) * step * (unit == TickUnit::Hour ? 3600 : 60));
    } else {
        const int day = cursor_day(cursor);
        const int moved = std::clamp(step_day(day, unit, direction * (unit == TickUnit::Century || unit == TickUnit::Decade ? step : 1)),
                                     kFirstDay, kLastDay);
        next.utc_second = cursor.utc_second + (std::int64_t(moved) - day) * kSecondsPerDay;
    }
    const std::int64_t first = std::int64_t(kFirstDay) * kSecondsPerDay, last = (std::int64_t(kLastDay) + 1) * kSecondsPerDay - 1;
    next.utc_second = std::clamp(next.utc_second, first, last);
    return next;
}

// The cursor at a point of the axis: the day under it, or in packs with times the
// minute under it.
TimeCursor cursor_at_day(double day, bool times) {
    day = std::clamp(day, double(kFirstDay), double(kLastDay) + 1 - 1.0 / 1440);
    if (!times) return cursor_on_day(static_cast<int>(std::floor(day)));
    return cursor_at_second(static_cast<std::int64_t>(std::floor(day * 1440)) * 60);
}

// "13 Nov 2015", and for a timed cursor "13 Nov 2015 21:16" in the pack's local time.
std::string cursor_label(const TimeCursor& cursor, int offset_minutes) {
    const Instant local{cursor.utc_second, offset_minutes};
    const int day = cursor.whole_day ? cursor_day(cursor) : static_cast<int>(std::floor(instant_days(cursor.utc_second) + offset_minutes / 1440.0));
    const CivilDate date = civil_from_days(day);
    std::string out = std::to_string(date.day) + " " + short_month_name(date.month) + " " + std::to_string(date.year);
    if (!cursor.whole_day) out += " " + format_local_clock(local);
    return out;
}

// [SECTION] View state and bringing into view ------------------------------------------------

struct TimelineView {
    // Pointer gesture in progress on the panel.
    bool pressing = false;
    bool moved = false;
    bool scrubbing = false;       // the press began on the axis: it moves the cursor
    ImVec2 press_pos, last_pos;
    TimeRange press_range;
    std::optional<TimeCursor> scrub_cursor; // the cursor while scrubbing, committed on release
    double last_gesture_time = -1;
    // Bring-into-view animation.
    bool animating = false;
    TimeRange from, to;
    double start_time = 0;
    std::string focus;            // keyboard focus: an event's id, "" = none
    std::string hover_set;        // the hover id this panel asked for
};

TimelineView g_view;

// The range that shows `wanted` (every span of the selection) starting from `view`:
// unchanged when all of it is in view, slid when it fits, else widened to it.
std::optional<TimeRange> range_to_show(const TimeRange& view, const TimeRange& wanted, const TimeLimits& limits) {
    if (wanted.start_day >= view.start_day && wanted.end_day <= view.end_day) return std::nullopt;
    const double span = view.end_day - view.start_day;
    const double wanted_span = wanted.end_day - wanted.start_day;
    const double margin = std::max(1.0, wanted_span * 0.12);
    TimeRange target;
    if (wanted_span + 2 * margin <= span) {
        const double shift = wanted.start_day < view.start_day ? wanted.start_day - margin - view.start_day
                                                               : wanted.end_day + margin - view.end_day;
        target = {view.start_day + shift, view.end_day + shift};
    } else {
        target = {wanted.start_day - margin, wanted.end_day + margin};
    }
    return clamp_range(target, limits);
}

double smoothstep(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// [SECTION] Caches --------------------------------------------------------------------------
// Frame cost must not grow with the pack: what depends only on the pack is built once
// per pack, what depends on the view once per view change; a still frame (hover, cursor
// blink, an animation elsewhere) only draws the marks in view.

// What a view's layout depends on.
struct ViewKey {
    TimeRange range;
    float origin_x = 0, width = 0, lanes_available = 0;
    bool narrow = false;
    std::string selection;
    bool operator==(const ViewKey& o) const {
        return range.start_day == o.range.start_day && range.end_day == o.range.end_day && origin_x == o.origin_x &&
               width == o.width && lanes_available == o.lanes_available && narrow == o.narrow && selection == o.selection;
    }
};

struct ViewLayout {
    ViewKey key;
    std::vector<EventMark> marks;  // the events in view, in time order
    LaneLayout lanes;
    TimeTicks ticks;
};

struct TimelineCache {
    const Pack* pack = nullptr;
    const Entity* entities_data = nullptr;
    std::size_t entity_count = 0;
    std::vector<std::size_t> events;  // every dated entity in time order (keyboard order)
    std::vector<float> label_widths;  // per entity of `events`
    std::optional<TimeRange> extent;  // of the events and the publication date
    TimeLimits limits;
    TickClock clock;
    std::optional<ViewLayout> view;
};

TimelineCache g_cache;

void rebuild_pack_times(TimelineCache& cache, const Pack& pack) {
    cache = TimelineCache{};
    cache.pack = &pack;
    cache.entities_data = pack.entities.data();
    cache.entity_count = pack.entities.size();
    for (std::size_t i = 0; i < pack.entities.size(); ++i)
        if (pack.entities[i].date) cache.events.push_back(i);
    std::stable_sort(cache.events.begin(), cache.events.end(), [&](std::size_t a, std::size_t b) {
        const DateSpan &x = *pack.entities[a].date, &y = *pack.entities[b].date;
        const double xs = span_start_days(x), ys = span_start_days(y);
        return xs != ys ? xs < ys : span_end_days(x) < span_end_days(y);
    });
    const std::vector<DateSpan> spans = timeline_spans(pack);
    cache.extent = data_extent(spans);
    cache.limits = cache.extent ? limits_around(*cache.extent, kMarginFraction, min_span_for(pack)) : TimeLimits{};
    cache.clock = {pack_has_times(pack), pack_utc_offset_minutes(pack)};
}

ViewLayout layout_view(const PanelContext& ctx, TimelineCache& cache, const ViewKey& key, float right) {
    const Pack& pack = ctx.pack;
    ViewLayout out;
    out.key = key;
    const TimeRange& range = key.range;
    auto to_x = [&](double day) { return key.origin_x + static_cast<float>(day_to_x(range, key.width, day)); };
    if (cache.label_widths.empty() && !cache.events.empty()) {
        cache.label_widths.reserve(cache.events.size());
        for (std::size_t i : cache.events) cache.label_widths.push_back(text_width(ctx.fonts.sans_small, pack.entities[i].name));
    }
    for (std::size_t k = 0; k < cache.events.size(); ++k) {
        const std::size_t i = cache.events[k];
        const Entity& entity = pack.entities[i];
        const float xa = to_x(span_start_days(*entity.date)), xb = to_x(span_end_days(*entity.date));
        if (xa - kPointRadius > right) break;  // events are in start order: the rest start beyond the right edge
        EventMark mark;
        mark.entity = i;
        mark.date = &*entity.date;
        mark.point = xb - xa < kMinBarWidth || (entity.date->times ? entity.date->times->start == entity.date->times->end
                                                                   : entity.date->start_day == entity.date->end_day);
        mark.label_w = cache.label_widths[k];
        // Labels read from the mark rightwards, unless that runs out of the panel: then
        // a point's label sits on its left and a bar's slides back to stay in view.
        if (mark.point) {
            const float centre = entity.date->times ? xa : (xa + xb) * 0.5f;
            mark.x0 = centre - kPointRadius, mark.x1 = centre + kPointRadius;
            mark.label_x = mark.x1 + 5;
            if (mark.label_x + mark.label_w > right - 4) mark.label_x = mark.x0 - 5 - mark.label_w;
        } else {
            mark.full_x0 = xa, mark.full_x1 = xb;
            mark.x0 = std::max(xa, key.origin_x - 8), mark.x1 = std::min(xb, right + 8);
            mark.label_x = std::max(xa, key.origin_x) + 6;
            mark.label_x = std::max(key.origin_x + 4, std::min(mark.label_x, right - 4 - mark.label_w));
        }
        if (mark.x1 < key.origin_x || mark.x0 > right) continue;  // out of view: no lane, no mark
        // The selection and its links get their labels first. Hover must not move marks
        // (a mark moving away from the pointer would change the hover again).
        const bool is_selected = entity.id == ctx.state.selection;
        mark.priority = (is_selected ? 4 : ctx.selected.contains(entity.id) ? 2 : 0) + (entity.date->approximate ? 0 : 1);
        out.marks.push_back(mark);
    }
    out.lanes = place_lanes(out.marks, key.lanes_available, key.narrow ? kLaneHeightTouch : kLaneHeight);
    out.ticks = make_ticks(range, key.width, kTickLabelSpacing, cache.clock);
    return out;
}

} // namespace

// [SECTION] Panel ----------------------------------------------------------------------------------

void draw_timeline_panel(PanelContext& ctx, ImVec2 origin, ImVec2 size) {
    const Pack& pack = ctx.pack;
    const Theme& theme = ctx.theme;
    TimelineView& view = g_view;
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float dpr = ctx.dpr;
    if (size.x < 40 || size.y < 40) return;

    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##timeline", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const bool activated = ImGui::IsItemActivated();
    const bool deactivated = ImGui::IsItemDeactivated();
    const ImVec2 mouse = io.MousePos;
    const bool mouse_valid = ImGui::IsMousePosValid();

    // Geometry of the panel: flags row, lanes, axis strip.
    const float width = size.x;
    const float axis_h = ctx.narrow ? kAxisHeightTouch : kAxisHeight;
    const float axis_top = snap(origin.y + size.y - axis_h, dpr);
    const float lanes_top = origin.y + kFlagsRow;
    const float lanes_available = std::max(kMinLaneHeight, axis_top - 4 - lanes_top);
    const float right = origin.x + width;

    TimelineCache& cache = g_cache;
    if (cache.pack != &pack || cache.entities_data != pack.entities.data() || cache.entity_count != pack.entities.size())
        rebuild_pack_times(cache, pack);
    const std::optional<TimeRange>& extent = cache.extent;
    const TimeLimits& limits = cache.limits;
    const TimeRange range = clamp_range(ctx.state.timeline, limits);
    auto to_x = [&](double day) { return origin.x + static_cast<float>(day_to_x(range, width, day)); };
    auto to_day = [&](float x) { return x_to_day(range, width, x - origin.x); };
    const std::vector<std::size_t>& events = cache.events;

    // [Events] marks, lanes and ticks for this view: rebuilt only when the view range,
    // the panel's geometry or the selection (which orders the labels) changes.
    const ViewKey key{range, origin.x, width, lanes_available, ctx.narrow, ctx.state.selection};
    if (!cache.view || !(cache.view->key == key)) {
        cache.view.reset();
        cache.view = layout_view(ctx, cache, key, right);
    }
    const std::vector<EventMark>& marks = cache.view->marks;
    const LaneLayout& lanes = cache.view->lanes;
    const TimeTicks& ticks = cache.view->ticks;
    auto lane_top = [&](const EventMark& m) { return snap(lanes_top + m.lane * lanes.lane_height, dpr); };

    // [Input] hit test: the mark and its label, over the lane's height.
    int hit = -1;
    if (hovered && mouse_valid && mouse.y < axis_top) {
        for (int i = static_cast<int>(marks.size()) - 1; i >= 0 && hit < 0; --i) {
            const EventMark& m = marks[i];
            const float top = lane_top(m);
            const float pad = ctx.touch ? 8.0f : 3.0f;
            if (mouse.y >= top && mouse.y < top + lanes.lane_height && mouse.x >= m.extent_start() - pad && mouse.x <= m.extent_end() + pad)
                hit = i;
        }
    }

    // Press, drag, release: a press on the axis scrubs the cursor; elsewhere a drag pans
    // and a click without movement selects. Our own tracking (not ImGui's "clicked"),
    // because a touch release arrives together with the pointer leaving the canvas.
    std::optional<TimeRange> next;
    if (activated) {
        view.pressing = true;
        view.moved = false;
        view.press_pos = view.last_pos = mouse;
        view.press_range = range;
        view.scrubbing = mouse.y >= axis_top;
        view.animating = false;
    }
    if (active && view.pressing && mouse_valid) {
        view.last_pos = mouse;
        if (std::fabs(mouse.x - view.press_pos.x) > 4 || std::fabs(mouse.y - view.press_pos.y) > 4) view.moved = true;
        if (view.scrubbing) {
            view.scrub_cursor = cursor_at_day(to_day(std::clamp(mouse.x, origin.x, right - 1)), cache.clock.times);
        } else if (view.moved) {
            next = pan_by_pixels(view.press_range, width, mouse.x - view.press_pos.x, limits);
            ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        }
    }
    bool clicked = false;
    ImVec2 click_pos;
    if (deactivated && view.pressing) {
        view.pressing = false;
        // A second finger landing releases the emulated button: that is no click.
        const bool pinching = ctx.gesture && ctx.gesture->active;
        clicked = !view.moved && !pinching && ctx.time - view.last_gesture_time > 0.3;
        click_pos = view.last_pos;
    }

    // Wheel zooms about the pointer; a pinch zooms about its centre and pans with it.
    if (hovered && io.MouseWheel != 0 && mouse_valid) {
        next = zoom_about(next.value_or(range), width, mouse.x - origin.x, std::pow(1.25, io.MouseWheel), limits);
        view.press_range = *next;
        view.press_pos.x = mouse.x;
        view.animating = false;
    }
    if (ctx.gesture && ctx.gesture->active) {
        const Gesture& g = *ctx.gesture;
        if (g.center.x >= origin.x && g.center.x < right && g.center.y >= origin.y && g.center.y < origin.y + size.y) {
            TimeRange r = zoom_about(next.value_or(range), width, g.center.x - origin.x, g.scale, limits);
            next = pan_by_pixels(r, width, g.pan.x, limits);
            view.last_gesture_time = ctx.time;
            view.animating = false;
            view.pressing = false;
        }
    }

    // [Keyboard] Left/Right move the cursor (Shift: by the larger unit), Delete clears
    // it, Tab/Shift+Tab walk the events, Enter selects the focused one.
    std::optional<TimeCursor> cursor = ctx.state.time_cursor;
    if (ctx.keyboard_focus && !io.KeyCtrl && !io.KeyAlt) {
        auto pressed = [](ImGuiKey key, bool repeat) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat); };
        const int direction = pressed(ImGuiKey_RightArrow, true) ? 1 : pressed(ImGuiKey_LeftArrow, true) ? -1 : 0;
        if (direction != 0) {
            const bool major = io.KeyShift || !ticks.minor_unit;
            const TickUnit unit = major ? ticks.major_unit : *ticks.minor_unit;
            const int step = major ? ticks.major_step : ticks.minor_step;
            TimeCursor next_cursor;
            if (cursor) {
                next_cursor = step_cursor(*cursor, unit, step, direction);
            } else {
                // The first press starts at the article's "now" when it is in view.
                const double published = span_start_days(pack.article.published);
                const bool in_view = !pack.article.published.iso.empty() && published >= range.start_day && published < range.end_day;
                next_cursor = cursor_at_day(in_view ? published : (range.start_day + range.end_day) * 0.5, cache.clock.times);
            }
            if (extent) {
                const double at = std::clamp(cursor_position_days(next_cursor), limits.bounds->start_day, limits.bounds->end_day - 1e-6);
                if (at != cursor_position_days(next_cursor)) next_cursor = cursor_at_day(at, cache.clock.times);
            }
            ctx.actions.push(SetTimeCursorAction{next_cursor});
            cursor = next_cursor;
            // Keep it in view: slide the range so the cursor sits a little inside the edge.
            const double at = cursor_position_days(next_cursor);
            const double margin = (range.end_day - range.start_day) * 0.08;
            const TimeRange base = next.value_or(range);
            if (at < base.start_day + margin || at > base.end_day - margin) {
                const double shift = at < base.start_day + margin ? at - margin - base.start_day : at + margin - base.end_day;
                next = clamp_range({base.start_day + shift, base.end_day + shift}, limits);
            }
        }
        if ((pressed(ImGuiKey_Delete, false) || pressed(ImGuiKey_Backspace, false)) && cursor) {
            ctx.actions.push(SetTimeCursorAction{std::nullopt});
            cursor.reset();
        }
        const bool tab = pressed(ImGuiKey_Tab, true) || ctx.focus_entry != 0;
        const bool backward = ctx.focus_entry != 0 ? ctx.focus_entry < 0 : io.KeyShift;
        int at = -1;
        if (tab) {
            const int n = static_cast<int>(events.size());
            for (int i = 0; i < n; ++i)
                if (pack.entities[events[i]].id == view.focus) at = i;
            at = step_focus(ctx, ctx.focus_entry != 0 ? -1 : at, n, backward);
            if (at < 0) view.focus.clear();
        }
        if (at >= 0) {
            const Entity& entity = pack.entities[events[at]];
            view.focus = entity.id;
            ctx.actions.push(HoverAction{entity.id});
            view.hover_set = entity.id;
            const TimeRange wanted{span_start_days(*entity.date), span_end_days(*entity.date)};
            if (auto target = range_to_show(next.value_or(range), wanted, limits)) next = target;
        }
        if (!view.focus.empty() && pressed(ImGuiKey_Enter, false)) ctx.actions.push(SelectAction{view.focus});
    }
    if (!ctx.keyboard_focus || !pack.find(view.focus)) view.focus.clear();
    int focus = -1;  // the focused event's mark, when it is in view
    for (int i = 0; i < static_cast<int>(marks.size()); ++i)
        if (pack.entities[marks[i].entity].id == view.focus) focus = i;

    // [Selection] a reader's new selection brings it and its linked events into view.
    if (ctx.selection_changed_by_user && !ctx.selected.empty()) {
        std::optional<TimeRange> wanted;
        for (const std::string& id : ctx.selected.entities) {
            const Entity* entity = pack.find(id);
            if (!entity || !entity->date) continue;
            const TimeRange span{span_start_days(*entity->date), span_end_days(*entity->date)};
            wanted = wanted ? TimeRange{std::min(wanted->start_day, span.start_day), std::max(wanted->end_day, span.end_day)} : span;
        }
        if (wanted) {
            if (auto target = range_to_show(range, *wanted, limits)) {
                if (ctx.reduced_motion) {
                    next = *target;
                } else {
                    view.animating = true;
                    view.from = range, view.to = *target;
                    view.start_time = ctx.time;
                }
            }
        }
    }
    if (view.animating && !next) {
        const double t = (ctx.time - view.start_time) / kBringIntoViewSeconds;
        const double k = smoothstep(t);
        next = TimeRange{view.from.start_day + (view.to.start_day - view.from.start_day) * k,
                         view.from.end_day + (view.to.end_day - view.from.end_day) * k};
        if (t >= 1) view.animating = false;
        else *ctx.animating = true;
    }
    if (next) ctx.actions.push(SetTimelineAction{*next});

    draw->PushClipRect(origin, ImVec2(right, origin.y + size.y), true);

    // [Grid] faint lines at the major ticks behind everything.
    for (const Tick& tick : ticks.major) {
        const float x = snap(origin.x + static_cast<float>(tick.x), dpr);
        draw->AddLine(ImVec2(x, lanes_top - 2), ImVec2(x, axis_top), with_alpha(theme.rule, tick.starts_larger_unit ? 0.9f : 0.45f));
    }

    // [Publication] the article's date: a band (dashed edges when approximate).
    const bool has_published = !pack.article.published.iso.empty();
    const float published_x0 = has_published ? to_x(span_start_days(pack.article.published)) : 0;
    const float published_x1 = has_published ? to_x(span_end_days(pack.article.published)) : 0;
    if (has_published && published_x1 >= origin.x - 1 && published_x0 <= right + 1) {
        const DateSpan& published = pack.article.published;
        float x0 = snap(published_x0, dpr), x1 = snap(published_x1, dpr);
        const ImU32 ink = theme.text_muted;
        if (x1 - x0 >= 3) {
            draw->AddRectFilled(ImVec2(x0, lanes_top - 2), ImVec2(x1, axis_top), with_alpha(ink, 0.12f));
            if (published.approximate) {
                dashed_vline(draw, x0, lanes_top - 2, axis_top, ink, 1);
                dashed_vline(draw, x1, lanes_top - 2, axis_top, ink, 1);
            } else {
                draw->AddLine(ImVec2(x0, lanes_top - 2), ImVec2(x0, axis_top), ink);
                draw->AddLine(ImVec2(x1, lanes_top - 2), ImVec2(x1, axis_top), ink);
            }
        } else {
            const float x = snap((x0 + x1) * 0.5f, dpr);
            if (published.approximate) dashed_vline(draw, x, lanes_top - 2, axis_top, ink, 1.5f);
            else draw->AddLine(ImVec2(x, lanes_top - 2), ImVec2(x, axis_top), ink, 1.5f);
            x0 = x1 = x;
        }
        const char* label = "Published";
        const float w = text_width(ctx.fonts.sans_small, label);
        const float lx = std::max(origin.x + 4, x1 + 4 + w <= right - 4 ? x1 + 4 : x0 - 4 - w);
        draw->AddText(ctx.fonts.sans_small, font_size(ctx.fonts.sans_small), ImVec2(snap(lx, dpr), origin.y + 2), ink, label);
        ctx.located->push_back({"timeline:published", "timeline", x0, lanes_top - 2, std::max(1.0f, x1 - x0), axis_top - lanes_top + 2});
    }

    // [Marks] in lanes; emphasis from the linked selection and hover.
    const bool something_selected = !ctx.state.selection.empty();
    const float small_size = font_size(ctx.fonts.sans_small);
    const int hit_or_focus = hit >= 0 ? hit : focus;
    for (int i = 0; i < static_cast<int>(marks.size()); ++i) {
        const EventMark& m = marks[i];
        if (m.extent_end() < origin.x - 2 || m.extent_start() > right + 2) continue;
        const Entity& entity = pack.entities[m.entity];
        const Emphasis emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, entity.id);
        const bool dimmed = something_selected && emphasis == Emphasis::None;
        const float alpha = dimmed ? 0.35f : 1.0f;
        const ImU32 kind = theme.kind[static_cast<int>(entity.kind)];
        const float top = lane_top(m);
        const float h = lanes.lane_height;
        const float mid = snap(top + h * 0.5f, dpr);
        const float x0 = snap(m.x0, dpr), x1 = snap(m.x1, dpr);
        const float start = snap(m.extent_start(), dpr), end = snap(m.extent_end(), dpr);

        // Backdrop: selected filled, hovered tinted, behind mark and label.
        if (emphasis == Emphasis::Selected || emphasis == Emphasis::Hovered || i == focus) {
            const ImU32 fill = emphasis == Emphasis::Selected ? theme.selection_fill : theme.hover_fill;
            draw->AddRectFilled(ImVec2(start - 3, top + 1), ImVec2(end + 4, top + h - 1), fill, 4);
        }
        if (i == focus)
            draw->AddRect(ImVec2(start - 4, top), ImVec2(end + 5, top + h), theme.focus_ring, 4, 0, 2);

        const float outline = emphasis >= Emphasis::Related ? 2.0f : 1.0f;
        const ImU32 line = with_alpha(kind, alpha);
        if (m.point) {
            const ImVec2 centre((x0 + x1) * 0.5f, mid);
            if (m.date->approximate) {
                // Fuzzy: a soft halo and a dashed ring around a hollow centre.
                draw->AddCircleFilled(centre, kPointRadius + 3, with_alpha(kind, 0.12f * alpha), 20);
                draw->AddCircleFilled(centre, kPointRadius, with_alpha(kind, 0.22f * alpha), 20);
                dashed_circle(draw, centre, kPointRadius, line, outline + 0.2f);
            } else {
                draw->AddCircleFilled(centre, kPointRadius, line, 20);
                if (emphasis >= Emphasis::Related) draw->AddCircle(centre, kPointRadius + 2, with_alpha(theme.text, alpha), 20, 1.5f);
            }
        } else {
            const float bar_h = std::min(h - 4, 20.0f);
            const float y0 = snap(mid - bar_h * 0.5f, dpr), y1 = y0 + bar_h;
            if (m.date->approximate) {
                // Fuzzy: the fill fades out over both ends of the whole bar (even where
                // they lie beyond the panel), the outline is dashed.
                const float fx0 = m.full_x0, fx1 = m.full_x1;
                const float ramp = std::min((fx1 - fx0) * 0.35f, 90.0f);
                auto fill_at = [&](float x) {
                    const float t = std::clamp(std::min(x - fx0, fx1 - x) / ramp, 0.0f, 1.0f);
                    return with_alpha(kind, (0.03f + 0.27f * t) * alpha);
                };
                const float stops[4] = {x0, std::clamp(fx0 + ramp, x0, x1), std::clamp(fx1 - ramp, x0, x1), x1};
                for (int k = 0; k < 3; ++k) {
                    if (stops[k + 1] - stops[k] < 0.01f) continue;
                    const ImU32 a = fill_at(stops[k]), b = fill_at(stops[k + 1]);
                    draw->AddRectFilledMultiColor(ImVec2(stops[k], y0), ImVec2(stops[k + 1], y1), a, b, b, a);
                }
                dashed_hline(draw, x0, x1, y0, line, outline);
                dashed_hline(draw, x0, x1, y1, line, outline);
                dashed_vline(draw, x0, y0, y1, line, outline);
                dashed_vline(draw, x1, y0, y1, line, outline);
            } else {
                draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), with_alpha(kind, 0.25f * alpha), 3);
                draw->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), line, 3, 0, outline);
            }
        }
        if (m.labelled) {
            draw->AddText(ctx.fonts.sans_small, small_size, ImVec2(snap(m.label_x, dpr), snap(mid - small_size * 0.5f - 1, dpr)),
                          with_alpha(theme.text, dimmed ? 0.45f : 1.0f), entity.name.c_str());
        }
        const float lx0 = std::max(x0, origin.x), lx1 = std::min(x1, right);
        if (lx1 > lx0) ctx.located->push_back({entity.id, "timeline", lx0, top, lx1 - lx0, h});
    }

    // [Axis] ticks and labels; the larger unit the labels leave out stays at the left.
    const ImU32 axis_ink = theme.text_muted;
    draw->AddRectFilled(ImVec2(origin.x, axis_top), ImVec2(right, origin.y + size.y), theme.panel_alt);
    draw->AddLine(ImVec2(origin.x, axis_top), ImVec2(right, axis_top), theme.rule);
    const float label_y = snap(axis_top + (axis_h - small_size) * 0.5f + 2, dpr);
    // The context is left out when a year label of month ticks is about to say it.
    bool show_context = !ticks.context.empty();
    const float context_end = show_context ? origin.x + 8 + text_width(ctx.fonts.sans_bold, ticks.context) + 8 : origin.x;
    if (show_context && (ticks.major_unit == TickUnit::Month || ticks.major_unit == TickUnit::Quarter))
        for (const Tick& tick : ticks.major)
            if (tick.x >= 0) {
                show_context = !(tick.starts_larger_unit && origin.x + tick.x < context_end + 60);
                break;
            }
    for (const Tick& tick : ticks.minor) {
        const float x = snap(origin.x + static_cast<float>(tick.x), dpr);
        draw->AddLine(ImVec2(x, axis_top), ImVec2(x, axis_top + 4), theme.rule);
    }
    for (const Tick& tick : ticks.major) {
        const float x = snap(origin.x + static_cast<float>(tick.x), dpr);
        draw->AddLine(ImVec2(x, axis_top), ImVec2(x, axis_top + (tick.starts_larger_unit ? 12 : 8)), axis_ink);
        if (show_context && x + 3 < context_end) continue;
        if (x + 3 + text_width(ctx.fonts.sans_small, tick.label) > right - 2) continue;
        draw->AddText(ctx.fonts.sans_small, small_size, ImVec2(x + 3, label_y), tick.starts_larger_unit ? theme.text : axis_ink,
                      tick.label.c_str());
        ctx.located->push_back({"timeline:tick:" + tick.label, "timeline", x + 3, label_y, text_width(ctx.fonts.sans_small, tick.label), small_size});
    }
    if (show_context) {
        const float bold_size = font_size(ctx.fonts.sans_bold);
        draw->AddText(ctx.fonts.sans_bold, bold_size, ImVec2(origin.x + 8, snap(axis_top + (axis_h - bold_size) * 0.5f + 1, dpr)),
                      theme.text, ticks.context.c_str());
    }
    ctx.located->push_back({"timeline:axis", "timeline", origin.x, axis_top, width, axis_h});
    // What the axis says, for tests and tools: Explainer.locate("timeline:unit:hour"),
    // Explainer.locate("timeline:tick:21:00").
    ctx.located->push_back({std::string("timeline:unit:") + tick_unit_name(ticks.major_unit), "timeline", origin.x, axis_top, width, axis_h});

    // [Cursor] a solid accent line with its date on a handle in the axis strip.
    const std::optional<TimeCursor> shown_cursor = view.pressing && view.scrubbing && view.scrub_cursor ? view.scrub_cursor : cursor;
    float clear_x0 = 0, clear_x1 = 0;
    if (shown_cursor) {
        const float x = snap(to_x(cursor_position_days(*shown_cursor)), dpr);
        if (x >= origin.x - 1 && x <= right + 1) {
            draw->AddLine(ImVec2(x, origin.y), ImVec2(x, axis_top), theme.accent, 2);
            const std::string label = cursor_label(*shown_cursor, cache.clock.offset_minutes);
            const float tw = text_width(ctx.fonts.sans_bold, label);
            const float cross = 14;
            const float pill_w = tw + 12 + cross;
            const float pill_h = std::min(axis_h - 6, 22.0f);
            float px = std::clamp(x - pill_w * 0.5f, origin.x + 2, right - pill_w - 2);
            px = snap(px, dpr);
            const float py = snap(axis_top + (axis_h - pill_h) * 0.5f, dpr);
            draw->AddRectFilled(ImVec2(px, py), ImVec2(px + pill_w, py + pill_h), theme.accent, pill_h * 0.5f);
            const float bold_size = font_size(ctx.fonts.sans_bold);
            draw->AddText(ctx.fonts.sans_bold, bold_size, ImVec2(px + 7, snap(py + (pill_h - bold_size) * 0.5f - 1, dpr)),
                          theme.accent_text, label.c_str());
            // The cross clears the cursor.
            const ImVec2 c(px + pill_w - 7 - cross * 0.5f + 3, py + pill_h * 0.5f);
            draw->AddLine(ImVec2(c.x - 3.5f, c.y - 3.5f), ImVec2(c.x + 3.5f, c.y + 3.5f), theme.accent_text, 1.5f);
            draw->AddLine(ImVec2(c.x - 3.5f, c.y + 3.5f), ImVec2(c.x + 3.5f, c.y - 3.5f), theme.accent_text, 1.5f);
            clear_x0 = px + pill_w - cross - 6, clear_x1 = px + pill_w;
            ctx.located->push_back({"timeline:cursor", "timeline", px, py, pill_w, pill_h});
            ctx.located->push_back({"timeline:cursor-clear", "timeline", clear_x0, py, clear_x1 - clear_x0, pill_h});
        }
    }
    draw->PopClipRect();

    // [Release] commit a scrub or a click.
    if (deactivated && view.scrubbing) {
        if (clicked && cursor && click_pos.x >= clear_x0 && click_pos.x <= clear_x1)
            ctx.actions.push(SetTimeCursorAction{std::nullopt});
        else if ((clicked || view.moved) && view.scrub_cursor)
            ctx.actions.push(SetTimeCursorAction{*view.scrub_cursor});
        view.scrubbing = false;
        view.scrub_cursor.reset();
    } else if (clicked) {
        // The click's own hit test: on touch the pointer has already left.
        for (int i = static_cast<int>(marks.size()) - 1; i >= 0; --i) {
            const EventMark& m = marks[i];
            const float top = lane_top(m);
            const float pad = ctx.touch ? 8.0f : 3.0f;
            if (click_pos.y >= top && click_pos.y < top + lanes.lane_height && click_pos.x >= m.extent_start() - pad &&
                click_pos.x <= m.extent_end() + pad) {
                ctx.actions.push(SelectAction{pack.entities[m.entity].id});
                break;
            }
        }
    }

    // [Hover] the card for the event under the pointer (or the keyboard focus).
    if (hit >= 0) {
        const Entity& entity = pack.entities[marks[hit].entity];
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ctx.state.hover != entity.id) ctx.actions.push(HoverAction{entity.id});
        view.hover_set = entity.id;
    } else if (view.focus.empty() && !view.hover_set.empty()) {
        if (ctx.state.hover == view.hover_set) ctx.actions.push(HoverAction{""});
        view.hover_set.clear();
    }
    if (hit_or_focus >= 0 && !(view.pressing && view.moved)) {
        const EventMark& m = marks[hit_or_focus];
        const float anchor_x = std::clamp(m.x0, origin.x, right - 40);
        draw_entity_card(ctx, pack.entities[m.entity], ImVec2(anchor_x, lane_top(m) + lanes.lane_height));
    }
}

} // namespace explainer::ui
