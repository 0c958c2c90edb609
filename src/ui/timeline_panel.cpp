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
// - [SECTION] Caches
// - [SECTION] Frame steps
// - [SECTION] Drawing
// - [SECTION] Panel
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date_text.h"
#include "core/dates.h"
#include "core/easing.h"
#include "core/index_sort.h"
#include "core/label_placement.h"
#include "core/time_scale.h"
#include "editing.h"
#include "interaction.h"
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
constexpr float kLabelClearance = 6;     // beyond a name's far end: names facing each other stand 18 px apart
constexpr float kStackBadgeGap = 5;      // between a label and its stack's "+N"
constexpr float kLineClearance = 3;      // vertical lines (grid, publication, cursor) stop this far from a label's text
constexpr float kTickLabelSpacing = 64;  // px between major tick labels, at least
constexpr double kBringIntoViewSeconds = 0.45;

// [SECTION] Events and lanes -----------------------------------------------------------------

struct EventMark {
    std::size_t entity = 0;
    const DateSpan* date = nullptr;
    float x0 = 0, x1 = 0;        // the mark, in screen px (a bar cut a little beyond the panel)
    float full_x0 = 0, full_x1 = 0;  // a bar's whole extent, for its fade
    bool point = false;          // a single day, or a range too narrow for a bar
    float label_x = 0, label_w = 0;
    std::optional<std::string> cut_label;  // the name cut to the room beside its mark, when it does not fit whole
    int priority = 0;
    int lane = 0;
    bool placed = false;         // has a lane of its own
    bool labelled = false;       // its label is drawn
    int stacked_under = -1;      // the mark holding its place on a crowded spot (into the view's marks)
    int stacked = 0;             // marks stacked under this one: its label reads "+N" after it
    float badge_w = 0;           // the "+N", when it has one
    // A later mark in the same lane draws exactly the same shape over it (the same dates,
    // the same kind): drawing this one too would change nothing a reader sees, so a
    // frame skips it unless emphasis sets it apart. Keeps the frame's cost with what is
    // visible, not with how many events share a day.
    bool covered = false;
    float extent_start(bool with_label) const { return with_label ? std::min(x0, label_x) : x0; }
    float extent_end(bool with_label) const { return with_label ? std::max(x1, label_x + label_w + badge_w) : x1; }
    float extent_start() const { return extent_start(labelled); }
    float extent_end() const { return extent_end(labelled); }
};

// The lanes' height and count (core/label_placement.h places the marks in them).
struct LaneLayout {
    float lane_height = kLaneHeight;
    int lanes = 1;
};

// [SECTION] Calendar steps --------------------------------------------------------------------

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
// day (keeping the time of day of a timed cursor). Within years -9999...9999.
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
    std::string out = std::to_string(date.day) + " " + short_month_name(date.month) + " " + year_text(date.year);
    if (!cursor.whole_day) out += " " + format_local_clock(local);
    return out;
}

// [SECTION] View state and bringing into view ------------------------------------------------

struct TimelineView {
    // Pointer gesture in progress on the panel.
    Press press;
    bool scrubbing = false;       // the press began on the axis: it moves the cursor
    TimeRange press_range;
    float press_x = 0;            // where the pan started (moves with wheel zooms)
    std::optional<TimeCursor> scrub_cursor; // the cursor while scrubbing, committed on release
    bool editing = false;         // the editor holds the press: an event's dates are dragged, no pan
    double last_gesture_time = -1;
    // Bring-into-view animation.
    bool animating = false;
    TimeRange from, to;
    double start_time = 0;
    std::string focus;            // keyboard focus: an event's id, "" = none
    HoverClaim hover;
};

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

// What draw_marks makes of a view for one hover and keyboard focus: the marks it draws
// with their emphasis and where the pointer would hit one. A frame that changes neither
// (a map pan, a scroll or a pointer elsewhere) draws from it instead of walking every
// mark in view (issue 9: 40 copies of a pack put 40 marks on each spot).
struct MarksDrawn {
    std::string hover;
    int focus = -1;
    std::vector<std::pair<int, Emphasis>> drawn;  // index into the view's marks
    std::vector<PointerZones::Box> hit_areas;     // mark_at's, of the marks drawn (a covered one lies under its cover's)
    bool same(const PanelContext& ctx, int focus_mark) const { return hover == ctx.state.hover && focus == focus_mark; }
};

// What no hover or focus changes: the marks in view, where each is located, the ones no
// other draws over, each entity's mark in view, so that a new hover looks up the few
// marks its links name instead of walking every mark in view, and the labels the
// vertical lines stop short of, so that a frame does not look for them.
struct MarksInView {
    float lanes_top = 0, dpr = 0;
    bool touch = false;
    SharedRects located;
    std::vector<int> uncovered;     // in time order
    std::vector<int> mark_of;       // by the pack's entity index: its mark in view, or -1
    std::vector<Rect> labels;       // the labels' text with kLineClearance around it, top first
    bool same(const PanelContext& ctx, float top) const { return lanes_top == top && dpr == ctx.dpr && touch == ctx.touch; }
};

struct ViewLayout {
    ViewKey key;
    std::vector<EventMark> marks;  // the events in view, in time order
    LaneLayout lanes;
    TimeTicks ticks;
    // The selection is in the key; the rest in these.
    std::optional<MarksInView> in_view;
    std::optional<MarksDrawn> drawn;  // from in_view
};

struct TimelineCache {
    std::optional<std::uint64_t> pack_revision;
    std::vector<std::size_t> events;  // every dated entity in time order (keyboard order)
    std::vector<float> label_widths;  // per entity of `events`
    std::uint64_t fonts_revision = 0; // the font atlas label_widths and view were measured with
    TimeWarp warp;                    // the axis's breaks: ranges, extent and limits are in its axis days
    std::optional<TimeRange> extent;  // of the events and the publication date
    TimeLimits limits;
    TickClock clock;
    std::optional<ViewLayout> view;
};

struct TimelinePanel : PanelState {
    TimelineCache cache;
    TimelineView view;
};

void rebuild_pack_times(TimelineCache& cache, const Pack& pack, std::uint64_t revision) {
    cache = TimelineCache{};
    cache.pack_revision = revision;
    for (std::size_t i = 0; i < pack.entities.size(); ++i)
        if (pack.entities[i].date) cache.events.push_back(i);
    stable_sort_indices(cache.events, [&](std::size_t a, std::size_t b) {
        const DateSpan &x = *pack.entities[a].date, &y = *pack.entities[b].date;
        const double xs = span_start_days(x), ys = span_start_days(y);
        return xs != ys ? xs < ys : span_end_days(x) < span_end_days(y);
    });
    cache.warp = timeline_warp(pack);
    if (const std::optional<TimeRange> days = data_extent(timeline_spans(pack))) cache.extent = cache.warp.to_axis(*days);
    cache.limits = timeline_limits(pack, cache.warp);
    cache.clock = {pack_has_times(pack), pack_utc_offset_minutes(pack)};
}

// What a mark looks like, in quarter pixels: marks that look the same are drawn once.
struct MarkLook {
    int kind = 0;
    bool point = false, approximate = false;
    long x0 = 0, x1 = 0, full_x0 = 0, full_x1 = 0;
    int lane = 0;                // for covering: the same lane (placing twins: 0)
    std::string_view name;       // for placing twins: the same name (covering: empty)
    bool operator==(const MarkLook&) const = default;
};

struct MarkLookHash {
    std::size_t operator()(const MarkLook& s) const {
        std::size_t h = std::hash<long>{}(s.x0) * 31 + std::hash<long>{}(s.x1);
        h = h * 31 + std::hash<long>{}(s.full_x0 ^ (s.full_x1 << 16));
        h = h * 31 + std::hash<std::string_view>{}(s.name);
        return h * 31 + static_cast<std::size_t>(s.lane * 64 + s.kind * 4 + s.point * 2 + s.approximate);
    }
};

MarkLook look_of(const EventMark& m, const Pack& pack) {
    const auto quarter = [](float x) { return std::lround(x * 4); };
    return {static_cast<int>(pack.entities[m.entity].kind), m.point, m.date->approximate,
            quarter(m.x0), quarter(m.x1), quarter(m.full_x0), quarter(m.full_x1), 0, {}};
}

// Lanes for the marks (place_timeline_lanes), where events that look the same (one name, one
// kind, one span: a long pack telling an event in several entities) are twins that
// share one lane and one label, as places of one name on one spot share one map label.
// Stacked in lanes of their own they would fill the timeline with copies no reader can
// tell apart, push the other events' labels out, and cost every frame what they do not
// show. Of a set of twins, the one placing goes first (the selection's) holds the label.
LaneLayout place_lanes_with_twins(std::vector<EventMark>& marks, const Pack& pack, const TimelineLaneSizes& sizes) {
    std::unordered_map<MarkLook, std::size_t, MarkLookHash> first;  // look -> into `distinct`
    std::vector<EventMark> distinct;
    std::vector<std::size_t> holder;   // per distinct mark: the twin it stands for, into `marks`
    std::vector<std::size_t> twin_of(marks.size());
    for (std::size_t i = 0; i < marks.size(); ++i) {
        MarkLook look = look_of(marks[i], pack);
        look.name = pack.entities[marks[i].entity].name;
        const auto [at, added] = first.try_emplace(look, distinct.size());
        twin_of[i] = at->second;
        if (added) {
            distinct.push_back(marks[i]);
            holder.push_back(i);
        } else if (marks[i].priority > distinct[at->second].priority) {
            distinct[at->second] = marks[i];
            holder[at->second] = i;
        }
    }
    std::vector<TimelineLaneMark> input(distinct.size());
    for (std::size_t k = 0; k < distinct.size(); ++k) {
        const EventMark& m = distinct[k];
        input[k] = {m.x0, m.x1, m.label_x, m.label_x + m.label_w, m.priority};
    }
    const TimelineLanes lanes = place_timeline_lanes(input, sizes);
    for (std::size_t i = 0; i < marks.size(); ++i) {
        const std::size_t k = twin_of[i];
        const TimelineLanePlace& place = lanes.marks[k];
        const bool holds = holder[k] == i;
        marks[i].lane = place.lane;
        marks[i].placed = place.placed;
        marks[i].labelled = place.labelled && holds;
        if (place.stacked_under >= 0) marks[i].stacked_under = static_cast<int>(holder[static_cast<std::size_t>(place.stacked_under)]);
        if (holds && place.stacked > 0) {
            marks[i].stacked = place.stacked;
            marks[i].badge_w = static_cast<float>(sizes.badge);
            marks[i].label_x = static_cast<float>(place.label_x0);
        }
    }
    return {static_cast<float>(lanes.lane_height), lanes.lanes};
}

// Sets EventMark::covered: what another mark in the same lane hides completely, a
// labelled one or a later one. A labelled mark is never covered: its label is its own.
void mark_covered(std::vector<EventMark>& marks, const Pack& pack) {
    const auto look_in_lane = [&](const EventMark& m) {
        MarkLook look = look_of(m, pack);
        look.lane = m.lane;
        return look;
    };
    // The looks drawn so far (their values unused): the map type place_lanes_with_twins
    // uses, so that the web engine holds one copy of its code rather than two.
    std::unordered_map<MarkLook, std::size_t, MarkLookHash> drawn;
    for (EventMark& m : marks)
        if (m.labelled) drawn.try_emplace(look_in_lane(m), 0), m.covered = false;
    for (std::size_t i = marks.size(); i-- > 0;)
        if (!marks[i].labelled) marks[i].covered = !drawn.try_emplace(look_in_lane(marks[i]), 0).second;
    for (EventMark& m : marks)  // under the "+N" of the mark that holds their spot
        if (m.stacked_under >= 0) m.covered = true;
}

// The lanes for a view's marks with the selection (priority 4) and its links (2) named:
// placed first where that is what names them. A selection among marks already named keeps
// the lanes it had without one, so that a click does not move every row (it did: the
// selected mark went to the top lane and the others moved down, on each click).
LaneLayout place_lanes_keeping_rows(std::vector<EventMark>& marks, const PanelContext& ctx, const TimelineLaneSizes& sizes) {
    const auto emphasis = [&](const EventMark& m) {
        const std::string& id = ctx.pack.entities[m.entity].id;
        return id == ctx.state.selection ? 4 : ctx.selected.contains(id) ? 2 : 0;
    };
    if (std::none_of(marks.begin(), marks.end(), [&](const EventMark& m) { return emphasis(m) > 0; }))
        return place_lanes_with_twins(marks, ctx.pack, sizes);
    std::vector<EventMark> as_before = marks;
    const LaneLayout before = place_lanes_with_twins(as_before, ctx.pack, sizes);
    const bool all_named = std::all_of(as_before.begin(), as_before.end(), [&](const EventMark& m) { return m.labelled || emphasis(m) == 0; });
    if (all_named) {
        marks = std::move(as_before);
        return before;
    }
    for (EventMark& m : marks) m.priority += emphasis(m);
    return place_lanes_with_twins(marks, ctx.pack, sizes);
}

ViewLayout layout_view(const PanelContext& ctx, TimelineCache& cache, const ViewKey& key, float right) {
    const Pack& pack = ctx.pack;
    ViewLayout out;
    out.key = key;
    const TimeRange& range = key.range;
    auto to_x = [&](double day) { return key.origin_x + static_cast<float>(day_to_x(range, key.width, cache.warp.to_axis(day))); };
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
        TimelineMarkSpan span{.x0 = xa, .x1 = xb, .bar = !mark.point, .left = key.origin_x, .right = right};
        if (mark.point) {
            const float centre = entity.date->times ? xa : (xa + xb) * 0.5f;
            mark.x0 = centre - kPointRadius, mark.x1 = centre + kPointRadius;
            span.x0 = mark.x0, span.x1 = mark.x1;
        } else {
            mark.full_x0 = xa, mark.full_x1 = xb;
            mark.x0 = std::max(xa, key.origin_x - 8), mark.x1 = std::min(xb, right + 8);
        }
        if (const double room = timeline_label_width(span, mark.label_w); room < mark.label_w) {
            mark.cut_label = cut_to_width(ctx.fonts.sans_small, entity.name, static_cast<float>(room));
            mark.label_w = text_width(ctx.fonts.sans_small, *mark.cut_label);
        }
        mark.label_x = static_cast<float>(timeline_label_x(span, mark.label_w));
        if (mark.x1 < key.origin_x || mark.x0 > right) continue;  // out of view: no lane, no mark
        // Exact dates before approximate ones; the selection and its links (below) before
        // both. Hover must not move marks (a mark moving away from the pointer would change
        // the hover again).
        mark.priority = entity.date->approximate ? 0 : 1;
        out.marks.push_back(mark);
    }
    const TimelineLaneSizes sizes{.available = key.lanes_available,
                                  .preferred = key.narrow ? kLaneHeightTouch : kLaneHeight,
                                  .lowest = kMinLaneHeight,
                                  .label_height = kLabelLaneHeight,
                                  .gap = kLabelGap,
                                  .label_clearance = kLabelClearance,
                                  .badge = kStackBadgeGap + text_width(ctx.fonts.sans_small, "+99")};
    out.lanes = place_lanes_keeping_rows(out.marks, ctx, sizes);
    mark_covered(out.marks, pack);
    out.ticks = make_ticks(range, key.width, kTickLabelSpacing, cache.clock, cache.warp);
    return out;
}

// [SECTION] Frame steps ------------------------------------------------------------------------

// The panel's geometry and this frame's view: flags row, lanes, axis strip.
struct TimelineFrame {
    ImVec2 origin, size;
    float width = 0, right = 0;
    float axis_h = 0, axis_top = 0, lanes_top = 0, lanes_available = 0;
    float dpr = 1;
    const TimeWarp* warp = nullptr;
    TimeRange range;               // the state's range, within the limits, in the warp's axis days
    const ViewLayout* layout = nullptr;
    ImVec2 mouse;
    bool hovered = false, mouse_valid = false;

    float to_x(double day) const { return origin.x + static_cast<float>(day_to_x(range, width, warp->to_axis(day))); }
    double to_day(float x) const { return warp->to_day(x_to_day(range, width, x - origin.x)); }
    float lane_top(const EventMark& m) const { return snap(lanes_top + m.lane * layout->lanes.lane_height, dpr); }
    float lane_middle(const EventMark& m) const { return snap(lane_top(m) + layout->lanes.lane_height * 0.5f, dpr); }
    const std::vector<EventMark>& marks() const { return layout->marks; }
    TimelineProjection projection() const { return {origin.x, width, range, layout->ticks.major_unit, warp}; }
};

TimelineFrame frame_geometry(const PanelContext& ctx, const TimelineCache& cache, ImVec2 origin, ImVec2 size) {
    TimelineFrame f;
    f.origin = origin, f.size = size, f.dpr = ctx.dpr, f.warp = &cache.warp;
    f.width = size.x, f.right = origin.x + size.x;
    f.axis_h = ctx.narrow ? kAxisHeightTouch : kAxisHeight;
    f.axis_top = snap(origin.y + size.y - f.axis_h, ctx.dpr);
    f.lanes_top = origin.y + kFlagsRow;
    f.lanes_available = std::max(kMinLaneHeight, f.axis_top - 4 - f.lanes_top);
    // The store gives a pack with dates a range (Store::refit_opening_view); the extent stands in all the same.
    f.range = clamp_range(ctx.state.timeline ? cache.warp.to_axis(*ctx.state.timeline) : *cache.extent, cache.limits);
    return f;
}

// How far beside a mark (and its label) the pointer still hits it.
float mark_hit_pad(const PanelContext& ctx) { return ctx.touch ? 8.0f : 3.0f; }

// The mark under `at` (its label included, over the lane's height), from the top one down.
int mark_at(const PanelContext& ctx, const TimelineFrame& f, ImVec2 at) {
    const std::vector<EventMark>& marks = f.marks();
    const float pad = mark_hit_pad(ctx);
    for (int i = static_cast<int>(marks.size()) - 1; i >= 0; --i) {
        const EventMark& m = marks[i];
        if (m.stacked_under >= 0) continue;  // under its stack's "+N"
        const float top = f.lane_top(m);
        if (at.y >= top && at.y < top + f.layout->lanes.lane_height && at.x >= m.extent_start() - pad && at.x <= m.extent_end() + pad)
            return i;
    }
    return -1;
}

// Where a mark's "+N" reads, after its label: the marks stacked under it on a crowded spot.
Rect stack_badge(const TimelineFrame& f, const EventMark& m) {
    const float x = m.label_x + m.label_w, top = f.lane_top(m);
    return {x + kStackBadgeGap, top, x + m.badge_w, top + f.layout->lanes.lane_height};
}

// The text of a labelled mark: its name and any "+N", one line of the small font.
Rect label_box(const PanelContext& ctx, const TimelineFrame& f, const EventMark& m) {
    const float small = font_size(ctx.fonts.sans_small);
    const float top = snap(f.lane_middle(m) - small * 0.5f - 1, f.dpr);
    return {m.label_x, top, m.label_x + m.label_w + m.badge_w, top + small};
}

// A click on a stack's "+N" zooms in on its events (and the mark holding them, unless it
// lasts longer than they do together: events of months stacked under a bar of years would
// stay stacked in a view of those years), where the lanes have room to show each. Where
// that is no closer view (bars of years stacked in a view of those years), it selects the
// first of them instead, which takes a lane of its own as the selection.
bool zoom_into_stack(PanelContext& ctx, const TimelineFrame& f, const TimelineCache& cache, ImVec2 at) {
    const std::vector<EventMark>& marks = f.marks();
    for (std::size_t i = 0; i < marks.size(); ++i) {
        if (!marks[i].labelled || marks[i].stacked == 0) continue;
        const Rect badge = stack_badge(f, marks[i]);
        if (at.x < badge.x0 - 3 || at.x > badge.x1 + 3 || at.y < badge.y0 || at.y >= badge.y1) continue;
        double start = std::numeric_limits<double>::infinity(), end = -start;
        const EventMark* first = nullptr;  // the earliest stacked mark
        for (const EventMark& m : marks) {
            if (m.stacked_under != static_cast<int>(i)) continue;
            if (span_start_days(*m.date) < start) first = &m;
            start = std::min(start, span_start_days(*m.date)), end = std::max(end, span_end_days(*m.date));
        }
        const double holder_start = span_start_days(*marks[i].date), holder_end = span_end_days(*marks[i].date);
        if (holder_end - holder_start <= end - start) start = std::min(start, holder_start), end = std::max(end, holder_end);
        start = cache.warp.to_axis(start), end = cache.warp.to_axis(end);
        const double margin = std::max((end - start) * 0.25, cache.limits.min_span_days * 0.5);
        const TimeRange closer = clamp_range({start - margin, end + margin}, cache.limits);
        if (closer.end_day - closer.start_day < 0.8 * (f.range.end_day - f.range.start_day)) {
            ctx.actions.push(SetTimelineAction{cache.warp.to_days(closer)});
            return true;
        }
        assert(first && "a mark reading \"+N\" holds N marks");
        ctx.actions.push(SelectAction{ctx.pack.entities[first->entity].id});
        return true;
    }
    return false;
}

// Press, drag, release: a press on the axis scrubs the cursor; elsewhere a drag pans
// and a click without movement selects. Returns true when the release was a click.
bool handle_press(PanelContext& ctx, TimelineView& view, const TimelineFrame& f, const TimelineCache& cache,
                  std::optional<TimeRange>& next) {
    if (ImGui::IsItemActivated()) {
        view.press.begin(f.mouse);
        view.press_range = f.range;
        view.press_x = f.mouse.x;
        view.scrubbing = f.mouse.y >= f.axis_top;
        if (view.animating) next = f.range;  // a press stops the animation where it is shown
        view.animating = false;
        view.editing = false;
        // In the editor a press on an event's mark drags its dates.
        if (const int i = ctx.editing && !view.scrubbing ? mark_at(ctx, f, f.mouse) : -1; i >= 0) {
            const EventMark& m = f.marks()[i];
            view.editing = ctx.editing->timeline_press(ctx, m.entity, m.x0, m.x1, m.point, f.mouse.x, f.lane_top(m),
                                                       f.layout->lanes.lane_height, f.projection());
        }
    }
    if (ImGui::IsItemActive() && view.press.pressing && f.mouse_valid) {
        view.press.track(f.mouse);
        if (view.scrubbing) {
            view.scrub_cursor = cursor_at_day(f.to_day(std::clamp(f.mouse.x, f.origin.x, f.right - 1)), cache.clock.times);
        } else if (view.press.moved && !view.editing) {
            next = pan_by_pixels(view.press_range, f.width, f.mouse.x - view.press_x, cache.limits);
            ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
        }
    }
    // A second finger landing releases the emulated button: that is no click; nor is
    // the lift of a pinch.
    if (ImGui::IsItemDeactivated() && view.press.pressing)
        return view.press.release(ctx) && ctx.time - view.last_gesture_time > 0.3;
    return false;
}

// Wheel zooms about the pointer; a pinch zooms about its centre and pans with it.
void handle_zoom(const PanelContext& ctx, TimelineView& view, const TimelineFrame& f, const TimeLimits& limits,
                 std::optional<TimeRange>& next) {
    const float wheel = ImGui::GetIO().MouseWheel;
    if (f.hovered && wheel != 0 && f.mouse_valid) {
        next = zoom_about(next.value_or(f.range), f.width, f.mouse.x - f.origin.x, std::pow(1.25, wheel), limits);
        view.press_range = *next;
        view.press_x = f.mouse.x;
        view.animating = false;
    }
    if (!ctx.gesture || !ctx.gesture->active) return;
    const Gesture& g = *ctx.gesture;
    if (g.center.x < f.origin.x || g.center.x >= f.right || g.center.y < f.origin.y || g.center.y >= f.origin.y + f.size.y) return;
    const TimeRange r = zoom_about(next.value_or(f.range), f.width, g.center.x - f.origin.x, g.scale, limits);
    next = pan_by_pixels(r, f.width, g.pan.x, limits);
    view.last_gesture_time = ctx.time;
    view.animating = false;
    view.press.pressing = false;
}

// Left/Right move the cursor by a tick step (Shift: the larger unit), sliding the range
// to keep it in view; Delete clears it.
void move_cursor_by_keys(PanelContext& ctx, const TimelineFrame& f, const TimelineCache& cache, std::optional<TimeCursor>& cursor,
                         std::optional<TimeRange>& next) {
    const ImGuiIO& io = ImGui::GetIO();
    const TimeTicks& ticks = f.layout->ticks;
    const int direction = key_pressed(ImGuiKey_RightArrow) ? 1 : key_pressed(ImGuiKey_LeftArrow) ? -1 : 0;
    if (direction != 0) {
        const bool major = io.KeyShift || !ticks.minor_unit;
        const TickUnit unit = major ? ticks.major_unit : *ticks.minor_unit;
        const int step = major ? ticks.major_step : ticks.minor_step;
        TimeCursor moved;
        if (cursor) {
            moved = step_cursor(*cursor, unit, step, direction);
        } else {
            // The first press starts at the article's "now" when it is in view.
            const DateSpan& published_span = ctx.pack.article.published;
            const double published = cache.warp.to_axis(span_start_days(published_span));
            const bool in_view = !published_span.iso.empty() && published >= f.range.start_day && published < f.range.end_day;
            moved = cursor_at_day(cache.warp.to_day(in_view ? published : (f.range.start_day + f.range.end_day) * 0.5), cache.clock.times);
        }
        const TimeRange bounds = cache.warp.to_days(*cache.limits.bounds);  // limits_around's: a timeline without an extent takes no keys
        const double inside = std::clamp(cursor_position_days(moved), bounds.start_day, bounds.end_day - 1e-6);
        if (inside != cursor_position_days(moved)) moved = cursor_at_day(inside, cache.clock.times);
        ctx.actions.push(SetTimeCursorAction{moved});
        cursor = moved;
        // Keep it in view: slide the range so the cursor sits a little inside the edge.
        const double at = cache.warp.to_axis(cursor_position_days(moved));
        const double margin = (f.range.end_day - f.range.start_day) * 0.08;
        const TimeRange base = next.value_or(f.range);
        if (at < base.start_day + margin || at > base.end_day - margin) {
            const double shift = at < base.start_day + margin ? at - margin - base.start_day : at + margin - base.end_day;
            next = clamp_range({base.start_day + shift, base.end_day + shift}, cache.limits);
        }
    }
    if ((key_pressed(ImGuiKey_Delete, false) || key_pressed(ImGuiKey_Backspace, false)) && cursor) {
        ctx.actions.push(SetTimeCursorAction{std::nullopt});
        cursor.reset();
    }
}

// Tab/Shift+Tab walk the events (hovering each, bringing it into view), Enter selects.
void walk_events(PanelContext& ctx, TimelineView& view, const TimelineFrame& f, const TimelineCache& cache,
                 std::optional<TimeRange>& next) {
    const Pack& pack = ctx.pack;
    const std::vector<std::size_t>& events = cache.events;
    int at = -1;
    for (int i = 0; i < static_cast<int>(events.size()); ++i)
        if (pack.entities[events[i]].id == view.focus) at = i;
    bool stepped = false;
    at = tab_focus(ctx, at, static_cast<int>(events.size()), &stepped);
    if (stepped && at < 0) view.focus.clear();
    if (stepped && at >= 0) {
        const Entity& entity = pack.entities[events[at]];
        view.focus = entity.id;
        view.hover.claim(ctx, entity.id);
        const TimeRange wanted = cache.warp.to_axis(TimeRange{span_start_days(*entity.date), span_end_days(*entity.date)});
        if (auto target = range_to_show(next.value_or(f.range), wanted, cache.limits)) next = target;
    }
    if (!view.focus.empty() && key_pressed(ImGuiKey_Enter, false)) ctx.actions.push(SelectAction{view.focus});
}

// A reader's new selection brings it and its linked events into view (animated), and
// the animation steps on.
void follow_selection(PanelContext& ctx, TimelineView& view, const TimelineFrame& f, const TimelineCache& cache,
                      std::optional<TimeRange>& next) {
    if (ctx.selection_changed_by_user && !ctx.selected.empty()) {
        std::optional<TimeRange> wanted;
        for (const std::string& id : ctx.selected.entities) {
            const Entity* entity = ctx.pack.find(id);
            if (!entity || !entity->date) continue;
            const TimeRange span{span_start_days(*entity->date), span_end_days(*entity->date)};
            wanted = wanted ? TimeRange{std::min(wanted->start_day, span.start_day), std::max(wanted->end_day, span.end_day)} : span;
        }
        if (wanted)
            if (auto target = range_to_show(f.range, f.warp->to_axis(*wanted), cache.limits)) {
                // The store gets the end at once; the way there is the panel's own drawing
                // (shown_range), never written back.
                next = *target;
                if (!ctx.reduced_motion) {
                    view.animating = true;
                    view.from = f.range, view.to = *target;
                    view.start_time = ctx.time;
                }
            }
    }
}

// The range the panel shows: the store's, or on the way to it while a bring-into-view
// animation runs. Anything else that moves the store's range (a pan, a link) ends the
// animation there.
TimeRange shown_range(PanelContext& ctx, TimelineView& view, const TimeRange& stored) {
    if (!view.animating) return stored;
    const double tolerance = 1e-6 * std::max(1e-9, stored.end_day - stored.start_day);
    const double t = (ctx.time - view.start_time) / kBringIntoViewSeconds;
    if (std::fabs(view.to.start_day - stored.start_day) > tolerance || std::fabs(view.to.end_day - stored.end_day) > tolerance ||
        t >= 1) {
        view.animating = false;
        return stored;
    }
    *ctx.animating = true;
    const double k = ease_smooth(std::max(0.0, t));
    return TimeRange{view.from.start_day + (view.to.start_day - view.from.start_day) * k,
                     view.from.end_day + (view.to.end_day - view.from.end_day) * k};
}

// [SECTION] Drawing -----------------------------------------------------------------------------

// A line down at `x` from `top` to `bottom`, stroked by `stroke(y0, y1)` in pieces that
// leave out the labels (top first) it would run through: struck through, a name reads
// as crossed out.
template <typename Stroke>
void line_around_labels(float x, float top, float bottom, const std::vector<Rect>& labels, Stroke stroke) {
    float y = top;
    for (const Rect& label : labels) {
        if (x < label.x0 || x > label.x1) continue;
        if (label.y0 > y) stroke(y, std::min(static_cast<float>(label.y0), bottom));
        y = std::max(y, static_cast<float>(label.y1));
    }
    if (y < bottom) stroke(y, bottom);
}

// Faint lines at the major ticks, and a faint band up each break, behind everything but the labels.
void draw_grid(const PanelContext& ctx, const TimelineFrame& f, const std::vector<Rect>& labels) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const TimeTicks::Break& b : f.layout->ticks.breaks)
        draw->AddRectFilled(ImVec2(snap(f.origin.x + static_cast<float>(b.x0), f.dpr), f.lanes_top - 2),
                            ImVec2(snap(f.origin.x + static_cast<float>(b.x1), f.dpr), f.axis_top), with_alpha(ctx.theme.rule, 0.18f));
    for (const Tick& tick : f.layout->ticks.major) {
        const float x = snap(f.origin.x + static_cast<float>(tick.x), f.dpr);
        const ImU32 ink = with_alpha(ctx.theme.rule, tick.starts_larger_unit ? 0.9f : 0.45f);
        line_around_labels(x, f.lanes_top - 2, f.axis_top, labels,
                           [&](float y0, float y1) { draw->AddLine(ImVec2(x, y0), ImVec2(x, y1), ink); });
    }
}

// Where the article's date stands in a frame: a band between two edges, or one line where
// the date is narrower than 3 px (x0 == x1). None when the pack has no date or it is out of view.
struct PublishedLines {
    float x0 = 0, x1 = 0;
    bool band() const { return x1 > x0; }
};

std::optional<PublishedLines> published_lines(const PanelContext& ctx, const TimelineFrame& f) {
    const DateSpan& published = ctx.pack.article.published;
    if (published.iso.empty()) return std::nullopt;
    const float px0 = f.to_x(span_start_days(published)), px1 = f.to_x(span_end_days(published));
    if (px1 < f.origin.x - 1 || px0 > f.right + 1) return std::nullopt;
    const float x0 = snap(px0, f.dpr), x1 = snap(px1, f.dpr);
    if (x1 - x0 >= 3) return PublishedLines{x0, x1};
    const float x = snap((x0 + x1) * 0.5f, f.dpr);
    return PublishedLines{x, x};
}

// The article's date: a band (dashed edges when approximate), labelled "Published" in the
// row above the lanes. Its lines stop short of the event labels they pass (see
// MarksInView::labels); the band's faint fill stays behind them.
void draw_published(const PanelContext& ctx, const TimelineFrame& f, const std::vector<Rect>& labels) {
    const std::optional<PublishedLines> lines = published_lines(ctx, f);
    if (!lines) return;
    const bool approximate = ctx.pack.article.published.approximate;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float top = f.lanes_top - 2, bottom = f.axis_top;
    const float x0 = lines->x0, x1 = lines->x1;
    const ImU32 ink = ctx.theme.text_muted;
    const float thickness = lines->band() ? 1 : 1.5f;
    if (lines->band()) draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), with_alpha(ink, 0.12f));
    const auto edge = [&](float x) {
        line_around_labels(x, top, bottom, labels, [&](float y0, float y1) {
            if (approximate) dashed_vline(draw, x, y0, y1, ink, thickness);
            else draw->AddLine(ImVec2(x, y0), ImVec2(x, y1), ink, thickness);
        });
    };
    edge(x0);
    if (lines->band()) edge(x1);
    const char* label = "Published";
    const float w = text_width(ctx.fonts.sans_small, label);
    const float lx = std::max(f.origin.x + 4, x1 + 4 + w <= f.right - 4 ? x1 + 4 : x0 - 4 - w);
    draw->AddText(ctx.fonts.sans_small, font_size(ctx.fonts.sans_small), ImVec2(snap(lx, f.dpr), f.origin.y + 2), ink, label);
    ctx.located->push_back({"timeline:published", "timeline", x0, top, std::max(1.0f, x1 - x0), bottom - top});
}

// A bar: solid, or fuzzy (the fill fades out over both ends of the whole bar, even
// where they lie beyond the panel, and the outline is dashed).
void draw_bar(ImDrawList* draw, const EventMark& m, float x0, float x1, float y0, float y1, ImU32 kind, float alpha, float outline) {
    const ImU32 line = with_alpha(kind, alpha);
    if (!m.date->approximate) {
        draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), with_alpha(kind, 0.25f * alpha), 3);
        draw->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), line, 3, 0, outline);
        return;
    }
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
}

// A point: solid, or fuzzy (a soft halo and a dashed ring around a hollow centre).
void draw_point(ImDrawList* draw, const EventMark& m, ImVec2 centre, ImU32 kind, float alpha, float outline, Emphasis emphasis,
                ImU32 text) {
    const ImU32 line = with_alpha(kind, alpha);
    if (m.date->approximate) {
        draw->AddCircleFilled(centre, kPointRadius + 3, with_alpha(kind, 0.12f * alpha), 20);
        draw->AddCircleFilled(centre, kPointRadius, with_alpha(kind, 0.22f * alpha), 20);
        dashed_circle(draw, centre, kPointRadius, line, outline + 0.2f);
    } else {
        draw->AddCircleFilled(centre, kPointRadius, line, 20);
        if (emphasis >= Emphasis::Related) draw->AddCircle(centre, kPointRadius + 2, with_alpha(text, alpha), 20, 1.5f);
    }
}

// One event: its backdrop (selected, hovered, focused), the mark and its label.
void draw_mark(const PanelContext& ctx, const TimelineFrame& f, const EventMark& m, Emphasis emphasis, bool focused) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const Entity& entity = ctx.pack.entities[m.entity];
    const bool dimmed = !ctx.state.selection.empty() && emphasis == Emphasis::None;
    const float alpha = dimmed ? 0.35f : 1.0f;
    const ImU32 kind = theme.kind[static_cast<int>(entity.kind)];
    const float top = f.lane_top(m), h = f.layout->lanes.lane_height;
    const float mid = f.lane_middle(m);
    const float x0 = snap(m.x0, f.dpr), x1 = snap(m.x1, f.dpr);
    const float start = snap(m.extent_start(), f.dpr), end = snap(m.extent_end(), f.dpr);
    if (emphasis == Emphasis::Selected || emphasis == Emphasis::Hovered || focused) {
        const ImU32 fill = emphasis == Emphasis::Selected ? theme.selection_fill : theme.hover_fill;
        draw->AddRectFilled(ImVec2(start - 3, top + 1), ImVec2(end + 4, top + h - 1), fill, 4);
    }
    if (focused) draw->AddRect(ImVec2(start - 4, top), ImVec2(end + 5, top + h), theme.focus_ring, 4, 0, 2);
    const float outline = emphasis >= Emphasis::Related ? 2.0f : 1.0f;
    if (m.point) {
        draw_point(draw, m, ImVec2((x0 + x1) * 0.5f, mid), kind, alpha, outline, emphasis, theme.text);
    } else {
        const float bar_h = std::min(h - 4, 20.0f);
        const float y0 = snap(mid - bar_h * 0.5f, f.dpr);
        draw_bar(draw, m, x0, x1, y0, y0 + bar_h, kind, alpha, outline);
    }
    if (m.labelled) {
        const float small = font_size(ctx.fonts.sans_small);
        const float y = static_cast<float>(label_box(ctx, f, m).y0);
        add_text(draw, ctx.fonts.sans_small, small, ImVec2(snap(m.label_x, f.dpr), y), with_alpha(theme.text, dimmed ? 0.45f : 1.0f),
                 m.cut_label ? std::string_view(*m.cut_label) : std::string_view(entity.name));
        if (m.stacked > 0) {
            const std::string more = "+" + std::to_string(m.stacked);
            const Rect badge = stack_badge(f, m);
            const float x = static_cast<float>(badge.x0);
            draw->AddText(ctx.fonts.sans_small, small, ImVec2(snap(x, f.dpr), y), with_alpha(theme.text_muted, alpha), more.c_str());
            ctx.located->push_back({ctx.located->keep("timeline:stack:" + entity.id), "timeline", x, static_cast<float>(badge.y0),
                                    static_cast<float>(badge.x1 - badge.x0), static_cast<float>(badge.y1 - badge.y0)});
        }
    }
}

// The marks in view: where each is located, which are drawn whatever the emphasis.
MarksInView marks_in_view(const PanelContext& ctx, const TimelineFrame& f) {
    MarksInView out;
    out.lanes_top = f.lanes_top, out.dpr = ctx.dpr, out.touch = ctx.touch;
    auto located = std::make_shared<std::vector<LocatedRect>>();
    out.mark_of.assign(ctx.pack.entities.size(), -1);
    const std::vector<EventMark>& marks = f.marks();
    const float lane_h = f.layout->lanes.lane_height;
    for (int i = 0; i < static_cast<int>(marks.size()); ++i) {
        const EventMark& m = marks[i];
        if (m.extent_end() < f.origin.x - 2 || m.extent_start() > f.right + 2 || m.stacked_under >= 0) continue;
        if (!m.covered) out.uncovered.push_back(i);
        out.mark_of[m.entity] = i;  // an event has one mark
        const float lx0 = std::max(snap(m.x0, f.dpr), f.origin.x), lx1 = std::min(snap(m.x1, f.dpr), f.right);
        if (lx1 > lx0) located->push_back({ctx.pack.entities[m.entity].id, "timeline", lx0, f.lane_top(m), lx1 - lx0, lane_h});
        if (!m.labelled) continue;
        const Rect text = label_box(ctx, f, m);
        out.labels.push_back({text.x0 - kLineClearance, text.y0 - kLineClearance, text.x1 + kLineClearance, text.y1 + kLineClearance});
    }
    sort_items(out.labels, [](const Rect& a, const Rect& b) { return a.y0 < b.y0; });
    out.located = std::move(located);
    return out;
}

// Which marks draw_marks draws, with what emphasis, and where the pointer hits them: the
// uncovered ones, and the covered ones emphasis sets apart (the focused one, those of the
// entities the selection and the hover link to: a few looked up, not every mark in view),
// all in time order.
MarksDrawn sort_out_marks(const PanelContext& ctx, const TimelineFrame& f, const MarksInView& view, int focus) {
    MarksDrawn out;
    out.hover = ctx.state.hover, out.focus = focus;
    const std::vector<EventMark>& marks = f.marks();
    std::vector<int> apart;  // covered marks emphasis may set apart
    const auto add_covered = [&](int mark) {
        if (mark >= 0 && marks[static_cast<std::size_t>(mark)].covered) apart.push_back(mark);
    };
    for (const Linked* linked : {&ctx.selected, &ctx.hovered})
        for (const std::string& id : linked->entities)
            if (const std::optional<std::size_t> entity = ctx.pack.index_of(id); entity && *entity < view.mark_of.size())
                add_covered(view.mark_of[*entity]);
    if (focus >= 0 && view.mark_of[marks[static_cast<std::size_t>(focus)].entity] == focus) add_covered(focus);
    for (std::size_t a = 1; a < apart.size(); ++a)  // a few: sorted by insertion
        for (std::size_t b = a; b > 0 && apart[b - 1] > apart[b]; --b) std::swap(apart[b - 1], apart[b]);
    const float pad = mark_hit_pad(ctx), lane_h = f.layout->lanes.lane_height;
    int last = -1;
    const auto consider = [&](int i) {
        if (i == last) return;  // set apart twice (linked to the selection and the hover)
        last = i;
        const EventMark& m = marks[static_cast<std::size_t>(i)];
        const Emphasis emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, ctx.pack.entities[m.entity].id, m.entity);
        if (m.covered && emphasis == Emphasis::None && i != focus) return;
        out.drawn.emplace_back(i, emphasis);
        if (m.stacked_under >= 0) return;  // drawn for its emphasis; the pointer finds its stack
        const float top = f.lane_top(m);
        out.hit_areas.push_back({m.extent_start() - pad, top, m.extent_end() + pad + 1, top + lane_h});
    };
    std::size_t next = 0;
    for (const int i : view.uncovered) {
        for (; next < apart.size() && apart[next] < i; ++next) consider(apart[next]);
        consider(i);
    }
    for (; next < apart.size(); ++next) consider(apart[next]);
    return out;
}

// The view's marks in view, made again when the panel moved down or the DPR or the
// pointer's kind changed.
const MarksInView& refresh_marks_in_view(const PanelContext& ctx, ViewLayout& layout, const TimelineFrame& f) {
    if (!layout.in_view || !layout.in_view->same(ctx, f.lanes_top)) {
        layout.in_view = marks_in_view(ctx, f);
        layout.drawn.reset();
    }
    return *layout.in_view;
}

// The marks in lanes, emphasis from the linked selection and hover (after
// refresh_marks_in_view). A mark another draws over exactly (see EventMark::covered) is only
// located.
void draw_marks(const PanelContext& ctx, ViewLayout& layout, const TimelineFrame& f, int focus) {
    if (!layout.drawn || !layout.drawn->same(ctx, focus)) layout.drawn = sort_out_marks(ctx, f, *layout.in_view, focus);
    const MarksDrawn& marks = *layout.drawn;
    for (const auto& [i, emphasis] : marks.drawn) draw_mark(ctx, f, layout.marks[i], emphasis, i == focus);
    ctx.located->append(layout.in_view->located);
    for (const PointerZones::Box& r : marks.hit_areas) ctx.pointer->area(r.x0, r.y0, r.x1, r.y1);
}

// The larger unit no tick label says, in bold in the axis strip at `x` (the left edge, or
// after a break): Explainer.locate("timeline:context:2015"). Returns where it ends.
float draw_axis_context(const PanelContext& ctx, const TimelineFrame& f, float x, float label_y, const std::string& text) {
    const float bold = font_size(ctx.fonts.sans_bold), w = text_width(ctx.fonts.sans_bold, text);
    ImGui::GetWindowDrawList()->AddText(ctx.fonts.sans_bold, bold, ImVec2(x, snap(f.axis_top + (f.axis_h - bold) * 0.5f + 1, f.dpr)),
                                        ctx.theme.text, text.c_str());
    ctx.located->push_back({ctx.located->keep("timeline:context:" + text), "timeline", x, label_y, w, font_size(ctx.fonts.sans_small)});
    return x + w;
}

// A break in the axis: the axis line cut between two slanted strokes, the time it skips
// written across it, and after it the name of a part no tick names ("1916"). Adds where
// those texts are, for the tick labels to keep clear of.
void draw_axis_break(const PanelContext& ctx, const TimelineFrame& f, const TimeTicks::Break& b, float label_y, std::vector<Rect>& texts) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const float x0 = snap(f.origin.x + static_cast<float>(b.x0), f.dpr), x1 = snap(f.origin.x + static_cast<float>(b.x1), f.dpr);
    draw->AddLine(ImVec2(x0, f.axis_top), ImVec2(x1, f.axis_top), theme.panel_alt, 3);
    for (const float x : {x0, x1}) draw->AddLine(ImVec2(x - 3, f.axis_top + 6), ImVec2(x + 3, f.axis_top - 6), theme.text_muted, 1.5f);
    const float w = text_width(ctx.fonts.sans_small, b.skipped), small = font_size(ctx.fonts.sans_small);
    const float x = snap((x0 + x1 - w) * 0.5f, f.dpr);
    draw->AddText(ctx.fonts.sans_small, small, ImVec2(x, label_y), theme.text_muted, b.skipped.c_str());
    ctx.located->push_back({ctx.located->keep("timeline:break:" + b.skipped), "timeline", x, label_y, w, small});
    texts.push_back({x, label_y, x + w, label_y + small});
    if (b.after.empty()) return;
    const float after_x = std::max(x1 + 6, x + w + 8);
    texts.push_back({after_x, label_y, draw_axis_context(ctx, f, after_x, label_y, b.after), label_y + small});
}

// Ticks and labels; the larger unit the labels leave out stays at the left.
void draw_axis(const PanelContext& ctx, const TimelineFrame& f) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const TimeTicks& ticks = f.layout->ticks;
    const float small = font_size(ctx.fonts.sans_small);
    draw->AddRectFilled(ImVec2(f.origin.x, f.axis_top), ImVec2(f.right, f.origin.y + f.size.y), theme.panel_alt);
    draw->AddLine(ImVec2(f.origin.x, f.axis_top), ImVec2(f.right, f.axis_top), theme.rule);
    const float label_y = snap(f.axis_top + (f.axis_h - small) * 0.5f + 2, f.dpr);
    // The context is left out when a year label of month ticks is about to say it.
    bool show_context = !ticks.context.empty();
    const float context_end = show_context ? f.origin.x + 8 + text_width(ctx.fonts.sans_bold, ticks.context) + 8 : f.origin.x;
    if (show_context && (ticks.major_unit == TickUnit::Month || ticks.major_unit == TickUnit::Quarter))
        for (const Tick& tick : ticks.major)
            if (tick.x >= 0) {
                show_context = !(tick.starts_larger_unit && f.origin.x + tick.x < context_end + 60);
                break;
            }
    for (const Tick& tick : ticks.minor) {
        const float x = snap(f.origin.x + static_cast<float>(tick.x), f.dpr);
        draw->AddLine(ImVec2(x, f.axis_top), ImVec2(x, f.axis_top + 4), theme.rule);
    }
    // A label reads after its tick; the last one, where that runs out of the panel, before it
    // (it went unlabelled: "AD 1500" at the end of a story that ends in 1453), unless that
    // comes near the label before.
    constexpr float kTickLabelGap = 12;
    std::vector<Rect> break_texts;
    for (const TimeTicks::Break& b : ticks.breaks) draw_axis_break(ctx, f, b, label_y, break_texts);
    const auto meets_a_break = [&](float x0, float x1) {
        return std::any_of(break_texts.begin(), break_texts.end(), [&](const Rect& r) { return x1 + kTickLabelGap / 2 > r.x0 && x0 - kTickLabelGap / 2 < r.x1; });
    };
    float labels_end = show_context ? context_end : f.origin.x;
    for (const Tick& tick : ticks.major) {
        const float x = snap(f.origin.x + static_cast<float>(tick.x), f.dpr);
        draw->AddLine(ImVec2(x, f.axis_top), ImVec2(x, f.axis_top + (tick.starts_larger_unit ? 12 : 8)), theme.text_muted);
        if (show_context && x + 3 < context_end) continue;
        const float w = text_width(ctx.fonts.sans_small, tick.label);
        const float label_x = x + 3 + w <= f.right - 2 ? x + 3 : x - 3 - w;
        if (label_x < x && label_x < labels_end + kTickLabelGap) continue;
        if (meets_a_break(label_x, label_x + w)) continue;
        draw->AddText(ctx.fonts.sans_small, small, ImVec2(label_x, label_y), tick.starts_larger_unit ? theme.text : theme.text_muted,
                      tick.label.c_str());
        ctx.located->push_back({ctx.located->keep("timeline:tick:" + tick.label), "timeline", label_x, label_y, w, small});
        labels_end = label_x + w;
    }
    if (show_context) draw_axis_context(ctx, f, f.origin.x + 8, label_y, ticks.context);
    ctx.located->push_back({"timeline:axis", "timeline", f.origin.x, f.axis_top, f.width, f.axis_h});
    // What the axis says, for tests and tools: Explainer.locate("timeline:unit:hour"),
    // Explainer.locate("timeline:tick:21:00"), "timeline:context:2015", "timeline:break:98 years".
    ctx.located->push_back({ctx.located->keep(std::string("timeline:unit:") + tick_unit_name(ticks.major_unit)), "timeline", f.origin.x, f.axis_top,
                            f.width, f.axis_h});
}

// The cursor: a solid accent line, around the event labels, with its date on a handle in
// the axis strip, whose cross clears it. Returns the cross's span (x0 == x1 when not drawn).
std::pair<float, float> draw_cursor(const PanelContext& ctx, const TimelineFrame& f, const TimeCursor& cursor, int offset_minutes,
                                    const std::vector<Rect>& labels) {
    const float x = snap(f.to_x(cursor_position_days(cursor)), f.dpr);
    if (x < f.origin.x - 1 || x > f.right + 1) return {0, 0};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    line_around_labels(x, f.origin.y, f.axis_top, labels,
                       [&](float y0, float y1) { draw->AddLine(ImVec2(x, y0), ImVec2(x, y1), theme.accent, 2); });
    const std::string label = cursor_label(cursor, offset_minutes);
    const float cross = 14;
    const float pill_w = text_width(ctx.fonts.sans_bold, label) + 12 + cross;
    const float pill_h = std::min(f.axis_h - 6, 22.0f);
    const float px = snap(std::clamp(x - pill_w * 0.5f, f.origin.x + 2, f.right - pill_w - 2), f.dpr);
    const float py = snap(f.axis_top + (f.axis_h - pill_h) * 0.5f, f.dpr);
    draw->AddRectFilled(ImVec2(px, py), ImVec2(px + pill_w, py + pill_h), theme.accent, pill_h * 0.5f);
    const float bold = font_size(ctx.fonts.sans_bold);
    add_text(draw, ctx.fonts.sans_bold, bold, ImVec2(px + 7, snap(py + (pill_h - bold) * 0.5f - 1, f.dpr)), theme.accent_text, label);
    const ImVec2 c(px + pill_w - 7 - cross * 0.5f + 3, py + pill_h * 0.5f);
    draw->AddLine(ImVec2(c.x - 3.5f, c.y - 3.5f), ImVec2(c.x + 3.5f, c.y + 3.5f), theme.accent_text, 1.5f);
    draw->AddLine(ImVec2(c.x - 3.5f, c.y + 3.5f), ImVec2(c.x + 3.5f, c.y - 3.5f), theme.accent_text, 1.5f);
    const float clear_x0 = px + pill_w - cross - 6, clear_x1 = px + pill_w;
    ctx.located->push_back({"timeline:cursor", "timeline", px, py, pill_w, pill_h});
    ctx.located->push_back({"timeline:cursor-clear", "timeline", clear_x0, py, clear_x1 - clear_x0, pill_h});
    return {clear_x0, clear_x1};
}

// A released scrub commits the cursor (or the cross clears it); a click zooms in on a
// stack or selects the mark where it was released (on touch the pointer has already left).
void commit_release(PanelContext& ctx, TimelineView& view, const TimelineFrame& f, const TimelineCache& cache, bool clicked,
                    bool cursor_set, std::pair<float, float> clear) {
    const ImVec2 at = view.press.last;
    if (ImGui::IsItemDeactivated() && view.scrubbing) {
        if (clicked && cursor_set && at.x >= clear.first && at.x <= clear.second) ctx.actions.push(SetTimeCursorAction{std::nullopt});
        else if ((clicked || view.press.moved) && view.scrub_cursor) ctx.actions.push(SetTimeCursorAction{*view.scrub_cursor});
        view.scrubbing = false;
        view.scrub_cursor.reset();
    } else if (clicked && !zoom_into_stack(ctx, f, cache, at)) {
        if (const int i = mark_at(ctx, f, at); i >= 0) ctx.actions.push(SelectAction{ctx.pack.entities[f.marks()[i].entity].id});
    }
}

// The card for the event under the pointer (or the keyboard focus), and the hover.
void update_hover(PanelContext& ctx, TimelineView& view, const TimelineFrame& f, int hit, int focus) {
    if (hit >= 0) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        view.hover.claim(ctx, ctx.pack.entities[f.marks()[hit].entity].id);
    } else if (view.focus.empty()) {
        view.hover.release(ctx);
    }
    const int shown = hit >= 0 ? hit : focus;
    if (shown >= 0 && !(view.press.pressing && view.press.moved)) {
        const EventMark& m = f.marks()[shown];
        const float anchor_x = std::clamp(m.x0, f.origin.x, f.right - 40);
        draw_entity_card(ctx, ctx.pack.entities[m.entity], ImVec2(anchor_x, f.lane_top(m) + f.layout->lanes.lane_height), f.layout->lanes.lane_height);
    }
}

} // namespace

// [SECTION] Panel ----------------------------------------------------------------------------------

std::unique_ptr<PanelState> make_timeline_panel() { return std::make_unique<TimelinePanel>(); }

void draw_timeline_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size) {
    TimelinePanel& p = static_cast<TimelinePanel&>(state);
    TimelineView& view = p.view;
    TimelineCache& cache = p.cache;
    if (size.x < 40 || size.y < 40) return;
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##timeline", size);

    if (cache.pack_revision != ctx.pack_revision) rebuild_pack_times(cache, ctx.pack, ctx.pack_revision);
    if (cache.fonts_revision != ctx.fonts_revision) {  // a font chunk arrived: glyph advances changed
        cache.label_widths.clear();
        cache.view.reset();
        cache.fonts_revision = ctx.fonts_revision;
    }
    // No date at all, not even the publication's (only the editor's stand-in for a pack that
    // does not validate yet has none): an axis would be a scale made of no dates, from day 0
    // (1 January 1970). The editor says why there is none.
    if (!cache.extent) {
        if (ctx.editing) ctx.editing->timeline_without_dates(ctx, origin);
        return;
    }
    TimelineFrame f = frame_geometry(ctx, cache, origin, size);
    f.range = shown_range(ctx, view, f.range);
    f.hovered = ImGui::IsItemHovered();
    f.mouse_valid = ImGui::IsMousePosValid();
    f.mouse = ImGui::GetIO().MousePos;
    ctx.pointer->region(origin, size);
    // Marks, lanes and ticks for this view: rebuilt only when the view range, the
    // panel's geometry or the selection (which orders the labels) changes.
    const ViewKey key{f.range, origin.x, f.width, f.lanes_available, ctx.narrow, ctx.state.selection};
    if (!cache.view || !(cache.view->key == key)) {
        cache.view.reset();
        cache.view = layout_view(ctx, cache, key, f.right);
    }
    f.layout = &*cache.view;
    const int hit = f.hovered && f.mouse_valid && f.mouse.y < f.axis_top ? mark_at(ctx, f, f.mouse) : -1;

    // [Input] the new range (if any) goes out as one action at the end.
    std::optional<TimeRange> next;
    const bool clicked = handle_press(ctx, view, f, cache, next);
    handle_zoom(ctx, view, f, cache.limits, next);
    std::optional<TimeCursor> cursor = ctx.state.time_cursor;
    if (ctx.keyboard_focus && !ImGui::GetIO().KeyCtrl && !ImGui::GetIO().KeyAlt) {
        move_cursor_by_keys(ctx, f, cache, cursor, next);
        walk_events(ctx, view, f, cache, next);
    }
    if (!ctx.keyboard_focus || !ctx.pack.find(view.focus)) view.focus.clear();
    int focus = -1;  // the focused event's mark, when it is in view
    for (int i = 0; i < static_cast<int>(f.marks().size()); ++i)
        if (ctx.pack.entities[f.marks()[i].entity].id == view.focus) focus = i;
    follow_selection(ctx, view, f, cache, next);
    if (next) ctx.actions.push(SetTimelineAction{cache.warp.to_days(*next)});

    // [Draw] grid, publication date, marks, axis, cursor.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(origin, ImVec2(f.right, origin.y + size.y), true);
    const std::vector<Rect>& labels = refresh_marks_in_view(ctx, *cache.view, f).labels;
    draw_grid(ctx, f, labels);
    draw_published(ctx, f, labels);
    draw_marks(ctx, *cache.view, f, focus);
    if (view.editing)
        view.editing = ctx.editing->timeline_frame(ctx, view.press.last.x, view.press.moved, ImGui::IsItemDeactivated(), f.projection());
    draw_axis(ctx, f);
    const std::optional<TimeCursor> shown = view.press.pressing && view.scrubbing && view.scrub_cursor ? view.scrub_cursor : cursor;
    const std::pair<float, float> clear = shown ? draw_cursor(ctx, f, *shown, cache.clock.offset_minutes, labels) : std::pair{0.0f, 0.0f};
    draw->PopClipRect();

    commit_release(ctx, view, f, cache, clicked, cursor.has_value(), clear);
    update_hover(ctx, view, f, hit, focus);
}

} // namespace explainer::ui
