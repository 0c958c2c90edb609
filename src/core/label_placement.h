// Greedy collision-free label placement, for map labels around markers and (with
// offsets along one axis) timeline labels. Labels are taken in priority order; each
// gets the first of its candidate positions that stays in the viewport and overlaps
// neither a label already placed nor another label's marker; labels with no such
// position are not shown.
#pragma once
#include <array>
#include <optional>
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

// Keeps the first offset, and of the others those for which keep(box) holds, `box` being
// the label's box there, in order. A country's name nudged off its spot must still be read
// as the country's: the map keeps a nudge that leaves the name's middle over the country's
// box, or sets it beside the country over no other country's land, and not one that sets
// it over a neighbour.
template <class Keep>
void keep_offsets_if(LabelCandidate& label, Keep keep) {
    int kept = label.offset_count > 0 ? 1 : 0;
    for (int k = 1; k < label.offset_count; ++k) {
        const Vec2d o = label.offsets[static_cast<std::size_t>(k)];
        const Vec2d at{label.anchor.x + o.x, label.anchor.y + o.y};
        if (keep(Rect{at.x, at.y, at.x + label.size.x, at.y + label.size.y})) label.offsets[static_cast<std::size_t>(kept++)] = o;
    }
    label.offset_count = kept;
}

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

// [SECTION] A name for a shape partly in view
// A country's name stands at its label point, well inside its largest polygon. When
// that point lies outside the view but some of the country is in it (Moscow in view,
// Siberia not), the name goes where the country is seen: at one of a grid's sample
// points over the view (`area`, `columns` x `rows`, each at the centre of its cell)
// that lie inside the shape (`inside`, row-major, nonzero where a sample does). Of those,
// the one with the most of its eight neighbours inside too, so clear of the shape's
// edges and the view's, and of those the nearest `home` (the label point), so that the
// name stays on the part of the country nearest its heart. None when no sample is
// inside.
Vec2d grid_sample(const Rect& area, int columns, int rows, int column, int row);
std::optional<Vec2d> name_spot(const Rect& area, int columns, int rows, std::span<const char> inside, Vec2d home);

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

// The width a label of `width` px may take: all of it where it reads whole beside (or in)
// its mark, else the room on the side of the mark with more of it, to which the name is cut
// (drawing.h, cut_to_width): a label read before a mark in the middle of a phone's panel
// ran out of it at the left, and the name left read as another ("…ovince's first school").
double timeline_label_width(const TimelineMarkSpan& mark, double width);

// [SECTION] Timeline lanes
// The marks of a timeline's view in lanes: each mark gets the lowest lane where it keeps
// clear of the others, labels first (by priority, then in input order, which is time
// order); a mark whose label fits nowhere goes in bare. Lanes are as tall as `preferred`
// while every mark fits, and get lower (more of them) down to `lowest`; below
// `label_height` they carry no labels. Where more marks share one spot than the lanes
// that still carry labels hold (twelve events in one night at a scale of decades), the
// ones left over are stacked under a mark that holds their place (`stacked_under`): it
// reads "+N" after its label (`badge` px wide), and a click there zooms in on them. So
// a crowded spot does not shrink the lanes below their labels for the whole view.
// Where every mark fits but not every name, the lowest lanes that still carry labels are
// tried too and taken if they name more; then a mark left unnamed on a named mark's spot
// is stacked under it ("+N"), rather than standing there as a dot that says nothing.
struct TimelineLaneMark {
    double x0 = 0, x1 = 0;              // the mark
    double label_x0 = 0, label_x1 = 0;  // its label, beside or inside it
    int priority = 0;                   // higher is placed first; ties in input order
};

struct TimelineLanePlace {
    int lane = 0;
    bool placed = false;    // has a lane of its own
    bool labelled = false;  // its label is drawn
    int stacked_under = -1; // the mark it is stacked under (then not placed), into the input
    int stacked = 0;        // how many marks are stacked under it
    double label_x0 = 0;    // where its label (and badge) starts: the input's, moved left by
                            // the badge's width when the label reads before the mark
};

struct TimelineLanes {
    double lane_height = 0;
    int lanes = 1;
    std::vector<TimelineLanePlace> marks;  // in input order
};

struct TimelineLaneSizes {
    double available = 0;     // px of height for the lanes
    double preferred = 24;    // a lane's height when there is room
    double lowest = 12;       // lanes shrink to this before marks overlap
    double label_height = 15; // lanes lower than this carry no labels
    double gap = 6;           // px between a label and the next extent in its lane
    double label_clearance = 0; // px more beyond a label's far end: two names facing each
                                // other in a lane (one after its mark, the next before its
                                // own) then stand gap + 2 x this apart, not read as one
    double badge = 0;         // the width of a stack's "+N"
};

TimelineLanes place_timeline_lanes(std::span<const TimelineLaneMark> marks, const TimelineLaneSizes& sizes);

} // namespace explainer
