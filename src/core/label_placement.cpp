#include "label_placement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "index_sort.h"
#include "time_scale.h"

namespace explainer {

bool overlaps(const Rect& a, const Rect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

bool contains(const Rect& outer, const Rect& inner) {
    return inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1;
}

void set_offsets_around(LabelCandidate& label, double gap) {
    const double w = label.size.x, h = label.size.y;
    label.offsets = {{
        {gap, -h / 2.0},            // right
        {-gap - w, -h / 2.0},       // left
        {-w / 2.0, -gap - h},       // above
        {-w / 2.0, gap},            // below
        {gap, -gap - h},            // right-above
        {-gap - w, -gap - h},       // left-above
        {gap, gap},                 // right-below
        {-gap - w, gap},            // left-below
    }};
    label.offset_count = kMaxLabelOffsets;
}

namespace {

bool placeable(const LabelCandidate& label) {
    return std::isfinite(label.anchor.x) && std::isfinite(label.anchor.y) && std::isfinite(label.size.x) &&
           std::isfinite(label.size.y) && label.size.x >= 0.0 && label.size.y >= 0.0 && label.offset_count > 0;
}

Rect grown(const Rect& r, double by) { return {r.x0 - by, r.y0 - by, r.x1 + by, r.y1 + by}; }

} // namespace

std::vector<LabelPlacement> place_labels(std::span<const LabelCandidate> labels, std::span<const Rect> obstacles,
                                         const Rect& viewport, double spacing_px) {
    std::vector<LabelPlacement> result(labels.size());
    std::vector<size_t> order = identity_order(labels.size());
    stable_sort_indices(order, [&](size_t a, size_t b) { return labels[a].priority > labels[b].priority; });

    // A quadratic scan: the map shows tens of labels and the timeline a few hundred,
    // where a spatial index would cost more than it saves.
    std::vector<Rect> placed;
    placed.reserve(labels.size());
    const double spacing = std::isfinite(spacing_px) ? std::max(0.0, spacing_px) : 0.0;
    for (const size_t i : order) {
        const LabelCandidate& label = labels[i];
        if (!placeable(label)) continue;
        const int offset_count = std::min(label.offset_count, kMaxLabelOffsets);
        for (int k = 0; k < offset_count; ++k) {
            const Vec2d o = label.offsets[static_cast<size_t>(k)];
            const Rect rect = {label.anchor.x + o.x, label.anchor.y + o.y, label.anchor.x + o.x + label.size.x,
                               label.anchor.y + o.y + label.size.y};
            if (!contains(viewport, rect)) continue;
            const Rect keep_clear = grown(rect, spacing);
            bool free = std::none_of(placed.begin(), placed.end(),
                                     [&](const Rect& other) { return overlaps(keep_clear, other); });
            for (size_t m = 0; free && m < obstacles.size(); ++m) {
                free = static_cast<int>(m) == label.own_obstacle || !overlaps(keep_clear, obstacles[m]);
            }
            if (!free) continue;
            result[i] = {true, k, rect};
            placed.push_back(rect);
            break;
        }
    }
    return result;
}

// [SECTION] A name for a shape partly in view

Vec2d grid_sample(const Rect& area, int columns, int rows, int column, int row) {
    return {area.x0 + (area.x1 - area.x0) * (column + 0.5) / columns, area.y0 + (area.y1 - area.y0) * (row + 0.5) / rows};
}

std::optional<Vec2d> name_spot(const Rect& area, int columns, int rows, std::span<const char> inside, Vec2d home) {
    const auto in = [&](int c, int r) { return c >= 0 && c < columns && r >= 0 && r < rows && inside[static_cast<std::size_t>(r * columns + c)]; };
    std::optional<Vec2d> best;
    int best_depth = -1;
    double best_distance = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            if (!in(c, r)) continue;
            int depth = 0;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) depth += (dr || dc) && in(c + dc, r + dr);
            const Vec2d at = grid_sample(area, columns, rows, c, r);
            const double distance = std::hypot(at.x - home.x, at.y - home.y);
            if (depth < best_depth || (depth == best_depth && distance >= best_distance)) continue;
            best = at;
            best_depth = depth;
            best_distance = distance;
        }
    return best;
}

// Gaps, in px: a label beside its mark, a label inside its bar, a label and the panel's edge.
constexpr double kLabelBesideMark = 5.0, kLabelInsideBar = 6.0, kLabelFromEdge = 4.0;

double timeline_label_x(const TimelineMarkSpan& mark, double width) {
    const double in_view_x0 = std::max(mark.x0, mark.left), in_view_x1 = std::min(mark.x1, mark.right);
    if (mark.bar && in_view_x1 - in_view_x0 >= width + 2 * kLabelInsideBar)
        return std::max(mark.left + kLabelFromEdge, std::min(in_view_x0 + kLabelInsideBar, mark.right - kLabelFromEdge - width));
    const double after = mark.x1 + kLabelBesideMark;
    return after + width <= mark.right - kLabelFromEdge ? after : mark.x0 - kLabelBesideMark - width;
}

double timeline_label_width(const TimelineMarkSpan& mark, double width) {
    const double x = timeline_label_x(mark, width);
    if (x >= mark.left + kLabelFromEdge || width <= 0) return width;
    const double after = mark.right - kLabelFromEdge - (mark.x1 + kLabelBesideMark);
    const double before = mark.x0 - kLabelBesideMark - (mark.left + kLabelFromEdge);
    return std::max(0.0, std::max(after, before));
}

} // namespace explainer

// [SECTION] Timeline lanes

namespace explainer {
namespace {

// A view's marks on their way into lanes: which may try for a label, which are stacked.
struct LaneWork {
    std::span<const TimelineLaneMark> marks;
    const TimelineLaneSizes& sizes;
    std::vector<std::size_t> order;     // placement order: priority, then input order
    std::vector<char> may_label, stacked;
    std::vector<double> label_x0, label_x1;  // the input's, a stack's holder with room for its badge
    std::vector<TimelineLanePlace> out;

    // A mark's extent in its lane: with its label, that label's far end and its clearance.
    double start(std::size_t i, bool with_label) const {
        return with_label && label_x0[i] < marks[i].x0 ? label_x0[i] - sizes.label_clearance : marks[i].x0;
    }
    double end(std::size_t i, bool with_label) const {
        return with_label && label_x1[i] > marks[i].x1 ? label_x1[i] + sizes.label_clearance : marks[i].x1;
    }
};

// One attempt at `lanes` lanes. Labels are placed first; a mark whose label fits nowhere
// then goes in bare, after every labelled one (so they keep their lanes). Returns the
// first mark in placement order left without a lane, if any (stacked ones aside).
std::optional<std::size_t> try_lanes(LaneWork& w, int lanes) {
    const double nowhere = std::numeric_limits<double>::quiet_NaN();  // assign_lanes leaves it out
    std::vector<LaneItem> items(w.marks.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        items[i] = w.stacked[i] ? LaneItem{nowhere, nowhere, 0}
                                : LaneItem{w.start(i, w.may_label[i]), w.end(i, w.may_label[i]), w.marks[i].priority};
    const std::vector<LaneSlot> with_labels = assign_lanes(items, lanes, w.sizes.gap);
    for (std::size_t i = 0; i < items.size(); ++i) {
        w.out[i].labelled = w.may_label[i] && !w.stacked[i] && !with_labels[i].hidden;
        if (w.out[i].labelled) items[i].priority += 1000;
        else if (!w.stacked[i]) items[i] = {w.marks[i].x0, w.marks[i].x1, items[i].priority};
    }
    const std::vector<LaneSlot> slots = assign_lanes(items, lanes, 2.0);
    for (std::size_t i = 0; i < items.size(); ++i) {
        w.out[i].placed = !slots[i].hidden;
        w.out[i].lane = slots[i].hidden ? 0 : slots[i].lane;
    }
    for (const std::size_t i : w.order)
        if (!w.stacked[i] && !w.out[i].placed) return i;
    return std::nullopt;
}

// Every mark in `lanes` lanes, giving up labels where they keep a mark out: of the labels
// over the mark left out, the last placed (a stack's holder last of all), until it fits.
// Labels elsewhere in the view stay (dropping the last placed label of the whole view, as
// this once did, took the labels of a quiet morning for a crowded night's sake). False when
// the marks do not fit even bare.
bool fit_with_labels(LaneWork& w, int lanes) {
    for (;;) {
        const std::optional<std::size_t> left_out = try_lanes(w, lanes);
        if (!left_out) return true;
        const double x0 = w.marks[*left_out].x0 - w.sizes.gap, x1 = w.marks[*left_out].x1 + w.sizes.gap;
        std::optional<std::size_t> give_up, anywhere;
        for (auto it = w.order.rbegin(); it != w.order.rend(); ++it) {
            const std::size_t i = *it;
            if (!w.out[i].labelled) continue;
            if (!anywhere) anywhere = i;
            if (w.end(i, true) <= x0 || w.start(i, true) >= x1) continue;
            if (!give_up || (w.out[*give_up].stacked > 0 && w.out[i].stacked == 0)) give_up = i;
            if (w.out[i].stacked == 0) break;
        }
        // A mark kept out by marks that labels elsewhere moved (the lanes are filled in
        // order): the last placed label anywhere gives way.
        if (!give_up) give_up = anywhere;
        if (!give_up) return false;
        w.may_label[*give_up] = 0;
    }
}

void unstack_all(LaneWork& w) {
    std::fill(w.stacked.begin(), w.stacked.end(), 0);
    for (TimelineLanePlace& p : w.out) p.stacked_under = -1, p.stacked = 0;
    for (std::size_t i = 0; i < w.marks.size(); ++i) w.label_x0[i] = w.marks[i].label_x0, w.label_x1[i] = w.marks[i].label_x1;
}

// A stack's holder reads "+N" after its label: the label's extent grows by the badge, to
// the left where the label reads before its mark.
void make_room_for_badges(LaneWork& w) {
    for (std::size_t i = 0; i < w.marks.size(); ++i) {
        if (w.out[i].stacked == 0) continue;
        if (w.label_x1[i] <= w.marks[i].x0) w.label_x0[i] = w.marks[i].label_x0 - w.sizes.badge;  // the label reads before the mark
        else w.label_x1[i] = w.marks[i].label_x1 + w.sizes.badge;
    }
}

// Whether mark `holder` is on mark `i`'s spot: they overlap, and the holder is no more than
// twice as wide (with a gap's slack). Events of months along a bar of years are not on its
// spot: stacked under it, they stayed stacked however far the reader zoomed in on them.
bool on_spot_of(const LaneWork& w, std::size_t holder, std::size_t i) {
    const TimelineLaneMark &h = w.marks[holder], &m = w.marks[i];
    return std::max(m.x0, h.x0) < std::min(m.x1, h.x1) && h.x1 - h.x0 <= 2 * (m.x1 - m.x0) + w.sizes.gap;
}

// The marks the bare lanes leave out, each stacked under the first placed mark (in
// placement order, so the likeliest to keep its label) that it overlaps, or else the
// nearest; that mark's label then reads "+N" too. Any mark may hold them here: unstacked
// they would have no lane at all.
void stack_left_over(LaneWork& w, int lanes) {
    std::fill(w.may_label.begin(), w.may_label.end(), 0);
    try_lanes(w, lanes);
    std::vector<std::size_t> left_over;
    for (std::size_t i = 0; i < w.marks.size(); ++i)
        if (!w.out[i].placed) left_over.push_back(i), w.stacked[i] = 1;
    for (const std::size_t i : left_over) {
        const TimelineLaneMark& m = w.marks[i];
        std::optional<std::size_t> holder;
        double nearest = std::numeric_limits<double>::infinity();
        for (const std::size_t j : w.order) {
            if (w.stacked[j]) continue;
            const double apart = std::max(m.x0, w.marks[j].x0) - std::min(m.x1, w.marks[j].x1);  // < 0: they overlap
            if (apart < 0) {
                holder = j;
                break;
            }
            if (apart < nearest) nearest = apart, holder = j;
        }
        if (!holder) continue;
        w.out[i].stacked_under = static_cast<int>(*holder);
        ++w.out[*holder].stacked;
    }
    make_room_for_badges(w);
    std::fill(w.may_label.begin(), w.may_label.end(), 1);
}

std::size_t labelled_count(const LaneWork& w) {
    return static_cast<std::size_t>(std::count_if(w.out.begin(), w.out.end(), [](const TimelineLanePlace& p) { return p.labelled; }));
}

// Every mark has a lane, some bare: those on a labelled mark's spot (on_spot_of) are
// stacked under it (the first in placement order), whose label then reads "+N" and zooms
// in on them, rather than leaving unnamed dots that say nothing of what is there. Undone
// where a holder's label, longer by its badge, no longer fits.
void stack_bare_on_labelled_spots(LaneWork& w, int lanes) {
    bool any = false;
    for (std::size_t i = 0; i < w.marks.size(); ++i) {
        if (w.out[i].labelled || w.stacked[i]) continue;
        for (const std::size_t j : w.order) {
            if (!w.out[j].labelled || !on_spot_of(w, j, i)) continue;
            w.stacked[i] = 1, w.out[i].stacked_under = static_cast<int>(j), ++w.out[j].stacked, any = true;
            break;
        }
    }
    if (!any) return;
    make_room_for_badges(w);
    std::fill(w.may_label.begin(), w.may_label.end(), 1);
    fit_with_labels(w, lanes);
    if (std::all_of(w.out.begin(), w.out.end(), [](const TimelineLanePlace& p) { return p.stacked == 0 || p.labelled; })) return;
    unstack_all(w);
    fit_with_labels(w, lanes);
}

} // namespace

TimelineLanes place_timeline_lanes(std::span<const TimelineLaneMark> marks, const TimelineLaneSizes& sizes) {
    LaneWork w{marks, sizes, {}, {}, {}, {}, {}, {}};
    w.order = identity_order(marks.size());
    stable_sort_indices(w.order, [&](std::size_t a, std::size_t b) { return marks[a].priority > marks[b].priority; });
    w.stacked.assign(marks.size(), 0);
    for (const TimelineLaneMark& m : marks) w.label_x0.push_back(m.label_x0), w.label_x1.push_back(m.label_x1);
    w.out.resize(marks.size());

    const double available = std::max(sizes.available, sizes.lowest);
    const int fewest = std::max(1, static_cast<int>(available / sizes.preferred));
    const int most = std::max(fewest, static_cast<int>(available / sizes.lowest));
    const auto lane_height = [&](int lanes) { return std::min(sizes.preferred, std::floor(available / lanes)); };
    const auto carries_labels = [&](int lanes) { return lane_height(lanes) >= sizes.label_height; };
    bool names_left_out = false;  // every mark fits, in lanes that carry labels, but not every name
    int lanes = fewest;
    for (; lanes <= most; ++lanes) {
        const bool labels = carries_labels(lanes);
        w.may_label.assign(marks.size(), labels);
        if (fit_with_labels(w, lanes)) {
            names_left_out = labels && labelled_count(w) < marks.size();
            break;
        }
        // The last lanes tall enough for labels: a crowded spot is stacked rather than
        // taking every label of the view with it into lower lanes.
        const bool last_with_labels = labels && (lanes == most || !carries_labels(lanes + 1));
        if (!last_with_labels) continue;
        stack_left_over(w, lanes);
        fit_with_labels(w, lanes);
        if (std::any_of(w.out.begin(), w.out.end(), [](const TimelineLanePlace& p) { return p.labelled; })) break;
        unstack_all(w);  // no label anywhere: lower lanes, every mark in one
    }
    lanes = std::min(lanes, most);  // no lane count fits every mark: the last attempt stands
    // Names left out: the lowest lanes that still carry labels are tried too, and taken if they
    // name more (seven events of one year at a scale of centuries left four unnamed in tall
    // lanes that lower ones would have named). One more attempt, not one per lane count: a
    // pan of the timeline lays out its view each frame.
    LaneWork* chosen = &w;
    std::optional<LaneWork> lower;
    if (names_left_out) {
        int lowest = lanes;
        while (lowest < most && carries_labels(lowest + 1)) ++lowest;
        if (lowest > lanes) {
            lower.emplace(w);
            lower->may_label.assign(marks.size(), 1);
            if (fit_with_labels(*lower, lowest) && labelled_count(*lower) > labelled_count(w)) chosen = &*lower, lanes = lowest;
        }
        stack_bare_on_labelled_spots(*chosen, lanes);
    }
    TimelineLanes layout;
    layout.lanes = lanes;
    layout.lane_height = lane_height(lanes);
    LaneWork& c = *chosen;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        c.out[i].label_x0 = c.label_x0[i];
        if (const int holder = c.out[i].stacked_under; holder >= 0) c.out[i].lane = c.out[static_cast<std::size_t>(holder)].lane;
    }
    layout.marks = std::move(c.out);
    return layout;
}

} // namespace explainer
