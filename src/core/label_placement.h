// Greedy collision-free label placement, for map labels around markers and (with
// offsets along one axis) timeline labels. Labels are taken in priority order; each
// gets the first of its candidate positions that stays in the viewport and overlaps
// neither a label already placed nor another label's marker; labels with no such
// position are not shown.
#pragma once
#include <array>
#include <span>
#include <vector>

#include "geo.h"

namespace explainer {

// Axis-aligned box in screen px: x0 <= x1, y0 <= y1.
struct Rect {
    double x0 = 0.0;
    double y0 = 0.0;
    double x1 = 0.0;
    double y1 = 0.0;
};

// Interiors intersect: boxes that only touch along an edge do not overlap.
bool overlaps(const Rect& a, const Rect& b);
bool contains(const Rect& outer, const Rect& inner);

inline constexpr int kMaxLabelOffsets = 8;

struct LabelCandidate {
    Vec2d anchor;                // screen px, e.g. the marker's centre
    Vec2d size;                  // label box width and height, px
    double priority = 0.0;       // higher is placed first; ties keep input order
    int own_obstacle = -1;       // index of this label's own marker in the obstacles, if any
    // Top-left corner of the label box relative to the anchor, most preferred first.
    std::array<Vec2d, kMaxLabelOffsets> offsets{};
    int offset_count = 0;
};

// The usual eight positions around a marker, gap px from the anchor: right, left,
// above, below, then the four diagonals (right-above first). Vertically centred on the
// anchor for right/left, horizontally for above/below.
void set_offsets_around(LabelCandidate& label, double gap);

struct LabelPlacement {
    bool shown = false;
    int offset = -1;  // index into the candidate's offsets
    Rect rect;        // where the label box goes, when shown
};

// One result per label, in input order. spacing_px keeps shown labels that far from
// each other and from obstacles. Labels with a non-finite anchor or size, a negative
// size, or no offsets are not shown.
std::vector<LabelPlacement> place_labels(std::span<const LabelCandidate> labels, std::span<const Rect> obstacles,
                                         const Rect& viewport, double spacing_px = 0.0);

// A timeline event's mark, [x0, x1] in screen px (a point's dot, or the part of a bar
// drawn), and the panel's lanes, [left, right].
struct TimelineMarkSpan {
    double x0 = 0.0, x1 = 0.0;
    bool bar = false;
    double left = 0.0, right = 0.0;
};

// Where the label of `width` px starts. A bar whose part in view holds the label reads it
// inside, from its start, slid along to stay in view. Anything else (a point, a bar
// shorter than its label) reads it after the mark, or before it where that runs out of
// the panel: a label never runs across its own mark.
double timeline_label_x(const TimelineMarkSpan& mark, double width);

} // namespace explainer
