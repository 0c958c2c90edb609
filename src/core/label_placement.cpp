#include "label_placement.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "index_sort.h"

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
    std::vector<size_t> order(labels.size());
    std::iota(order.begin(), order.end(), size_t{0});
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

// Gaps, in px: a label beside its mark, a label inside its bar, a label and the panel's edge.
constexpr double kLabelBesideMark = 5.0, kLabelInsideBar = 6.0, kLabelFromEdge = 4.0;

double timeline_label_x(const TimelineMarkSpan& mark, double width) {
    const double in_view_x0 = std::max(mark.x0, mark.left), in_view_x1 = std::min(mark.x1, mark.right);
    if (mark.bar && in_view_x1 - in_view_x0 >= width + 2 * kLabelInsideBar)
        return std::max(mark.left + kLabelFromEdge, std::min(in_view_x0 + kLabelInsideBar, mark.right - kLabelFromEdge - width));
    const double after = mark.x1 + kLabelBesideMark;
    return after + width <= mark.right - kLabelFromEdge ? after : mark.x0 - kLabelBesideMark - width;
}

} // namespace explainer
