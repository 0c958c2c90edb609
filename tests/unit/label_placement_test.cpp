// Greedy label placement: priorities, fallbacks, obstacles, the viewport, and the
// invariants on dense random input (no overlaps; every dropped label truly blocked).
#include "core/label_placement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace explainer {
namespace {

constexpr Rect kViewport = {0, 0, 800, 600};

LabelCandidate around(Vec2d anchor, Vec2d size, double priority, double gap = 6.0) {
    LabelCandidate c;
    c.anchor = anchor;
    c.size = size;
    c.priority = priority;
    set_offsets_around(c, gap);
    return c;
}

Rect rect_at(const LabelCandidate& c, int k) {
    const Vec2d o = c.offsets[static_cast<size_t>(k)];
    return {c.anchor.x + o.x, c.anchor.y + o.y, c.anchor.x + o.x + c.size.x, c.anchor.y + o.y + c.size.y};
}

// The invariants every placement must satisfy, checked against the inputs.
void check_invariants(const std::vector<LabelCandidate>& labels, const std::vector<Rect>& obstacles,
                      const std::vector<LabelPlacement>& result, const Rect& viewport) {
    ASSERT_EQ(result.size(), labels.size());
    for (size_t i = 0; i < labels.size(); ++i) {
        if (!result[i].shown) continue;
        const Rect expected = rect_at(labels[i], result[i].offset);
        EXPECT_EQ(result[i].rect.x0, expected.x0);
        EXPECT_EQ(result[i].rect.y1, expected.y1);
        EXPECT_TRUE(contains(viewport, result[i].rect)) << i;
        for (size_t j = i + 1; j < labels.size(); ++j) {
            if (result[j].shown) {
                EXPECT_FALSE(overlaps(result[i].rect, result[j].rect)) << i << " and " << j;
            }
        }
        for (size_t m = 0; m < obstacles.size(); ++m) {
            if (static_cast<int>(m) != labels[i].own_obstacle) {
                EXPECT_FALSE(overlaps(result[i].rect, obstacles[m])) << "label " << i << " on marker " << m;
            }
        }
    }
    // Greedy maximality: a dropped label had no free position once every label of
    // higher (or equal, earlier) priority was placed.
    for (size_t i = 0; i < labels.size(); ++i) {
        if (result[i].shown) continue;
        for (int k = 0; k < labels[i].offset_count; ++k) {
            const Rect r = rect_at(labels[i], k);
            bool blocked = !contains(viewport, r);
            for (size_t j = 0; j < labels.size() && !blocked; ++j) {
                const bool before = labels[j].priority > labels[i].priority ||
                                    (labels[j].priority == labels[i].priority && j < i);
                blocked = result[j].shown && before && overlaps(r, result[j].rect);
            }
            for (size_t m = 0; m < obstacles.size() && !blocked; ++m) {
                blocked = static_cast<int>(m) != labels[i].own_obstacle && overlaps(r, obstacles[m]);
            }
            EXPECT_TRUE(blocked) << "label " << i << " dropped although position " << k << " was free";
        }
    }
}

TEST(LabelPlacement, RectPredicates) {
    EXPECT_TRUE(overlaps({0, 0, 10, 10}, {5, 5, 15, 15}));
    EXPECT_FALSE(overlaps({0, 0, 10, 10}, {10, 0, 20, 10})) << "touching edges";
    EXPECT_FALSE(overlaps({0, 0, 10, 10}, {0, 11, 10, 20}));
    EXPECT_TRUE(contains({0, 0, 10, 10}, {0, 0, 10, 10}));
    EXPECT_FALSE(contains({0, 0, 10, 10}, {-1, 0, 5, 5}));
}

TEST(LabelPlacement, PrefersTheFirstOffset) {
    const std::vector<LabelCandidate> labels = {around({400, 300}, {60, 14}, 1)};
    const std::vector<LabelPlacement> r = place_labels(labels, {}, kViewport);
    ASSERT_TRUE(r[0].shown);
    EXPECT_EQ(r[0].offset, 0);
    EXPECT_DOUBLE_EQ(r[0].rect.x0, 406.0) << "right of the anchor, 6 px gap";
    EXPECT_DOUBLE_EQ(r[0].rect.y0, 293.0) << "vertically centred";
}

TEST(LabelPlacement, FallsBackAtTheViewportEdge) {
    const std::vector<LabelCandidate> labels = {around({780, 300}, {60, 14}, 1), around({400, 5}, {60, 14}, 1)};
    const std::vector<LabelPlacement> r = place_labels(labels, {}, kViewport);
    ASSERT_TRUE(r[0].shown);
    EXPECT_EQ(r[0].offset, 1) << "left, as right would leave the viewport";
    ASSERT_TRUE(r[1].shown);
    EXPECT_EQ(r[1].offset, 3) << "below: right/left would cross the top edge, above too";
    const std::vector<LabelCandidate> too_big = {around({400, 300}, {900, 14}, 1)};
    EXPECT_FALSE(place_labels(too_big, {}, kViewport)[0].shown);
}

TEST(LabelPlacement, AvoidsOtherMarkersButNotItsOwn) {
    std::vector<LabelCandidate> labels = {around({400, 300}, {60, 14}, 1)};
    labels[0].own_obstacle = 0;
    const std::vector<Rect> markers = {{394, 294, 406.5, 306}, {420, 290, 430, 310}};  // own overlaps the right slot
    const std::vector<LabelPlacement> r = place_labels(labels, markers, kViewport);
    ASSERT_TRUE(r[0].shown);
    EXPECT_EQ(r[0].offset, 1) << "marker 1 blocks the right position, marker 0 is its own";
    check_invariants(labels, markers, r, kViewport);
}

TEST(LabelPlacement, HigherPriorityWinsWhateverTheOrder) {
    // Two labels whose every position collides with the other's first choice.
    std::vector<LabelCandidate> labels = {around({400, 300}, {60, 14}, 1), around({400, 300}, {60, 14}, 5)};
    for (auto& l : labels) l.offset_count = 1;
    std::vector<LabelPlacement> r = place_labels(labels, {}, kViewport);
    EXPECT_FALSE(r[0].shown);
    EXPECT_TRUE(r[1].shown);
    std::swap(labels[0], labels[1]);
    r = place_labels(labels, {}, kViewport);
    EXPECT_TRUE(r[0].shown);
    EXPECT_FALSE(r[1].shown);
    labels[0].priority = labels[1].priority = 2;
    r = place_labels(labels, {}, kViewport);
    EXPECT_TRUE(r[0].shown) << "ties keep input order";
    EXPECT_FALSE(r[1].shown);
}

TEST(LabelPlacement, DenseClusterDropsLowPriority) {
    // 40 places within a few pixels (a zoomed-out view of Iraq): only a handful fit.
    std::mt19937 rng(1113);
    std::uniform_real_distribution<double> jitter(-4.0, 4.0);
    std::vector<LabelCandidate> labels;
    std::vector<Rect> markers;
    for (int i = 0; i < 40; ++i) {
        const Vec2d anchor = {500 + jitter(rng), 250 + jitter(rng)};
        labels.push_back(around(anchor, {70, 14}, 40 - i));
        labels.back().own_obstacle = i;
        markers.push_back({anchor.x - 3, anchor.y - 3, anchor.x + 3, anchor.y + 3});
    }
    const std::vector<LabelPlacement> r = place_labels(labels, markers, kViewport);
    check_invariants(labels, markers, r, kViewport);
    int shown = 0;
    for (const auto& p : r) shown += p.shown;
    EXPECT_TRUE(r[0].shown) << "the top priority always gets a place";
    EXPECT_GE(shown, 2);
    EXPECT_LE(shown, 12);
    EXPECT_FALSE(r[39].shown);
}

TEST(LabelPlacement, SpacingKeepsLabelsApart) {
    std::vector<LabelCandidate> labels = {around({100, 100}, {50, 10}, 2), around({100, 113}, {50, 10}, 1)};
    for (auto& l : labels) l.offset_count = 1;
    EXPECT_TRUE(place_labels(labels, {}, kViewport, 0.0)[1].shown) << "3 px apart without spacing";
    EXPECT_FALSE(place_labels(labels, {}, kViewport, 4.0)[1].shown) << "but not 4 px";
}

TEST(LabelPlacement, TimelineRowsAlongOneAxis) {
    // Event labels on a timeline: anchors on one line, positions in rows above/below.
    std::vector<LabelCandidate> labels;
    for (int i = 0; i < 30; ++i) {
        LabelCandidate c;
        c.anchor = {20.0 + 25.0 * i, 100.0};
        c.size = {60.0, 12.0};
        c.priority = i % 3 == 0 ? 2.0 : 1.0;
        for (int row = 0; row < 4; ++row) {
            const double dy = (row % 2 ? 8.0 : -20.0) + (row / 2) * (row % 2 ? 14.0 : -14.0);
            c.offsets[static_cast<size_t>(row)] = {-30.0, dy};
        }
        c.offset_count = 4;
        labels.push_back(c);
    }
    const Rect strip = {0, 40, 800, 160};
    const std::vector<LabelPlacement> r = place_labels(labels, {}, strip);
    check_invariants(labels, {}, r, strip);
    int shown = 0;
    for (const auto& p : r) shown += p.shown;
    EXPECT_GT(shown, 10);
    EXPECT_LT(shown, 30);
}

TEST(LabelPlacement, RandomCrowds) {
    std::mt19937 rng(2015);
    std::uniform_real_distribution<double> x(0, 800), y(0, 600), w(20, 120), priority(0, 10);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<LabelCandidate> labels;
        std::vector<Rect> markers;
        for (int i = 0; i < 150; ++i) {
            const Vec2d anchor = {x(rng), y(rng)};
            labels.push_back(around(anchor, {w(rng), 14}, std::round(priority(rng))));
            labels.back().own_obstacle = i;
            markers.push_back({anchor.x - 4, anchor.y - 4, anchor.x + 4, anchor.y + 4});
        }
        SCOPED_TRACE(trial);
        check_invariants(labels, markers, place_labels(labels, markers, kViewport), kViewport);
        if (HasFailure()) return;
    }
}

TEST(LabelPlacement, BadInputIsNotShown) {
    std::vector<LabelCandidate> labels = {around({NAN, 100}, {50, 10}, 1), around({100, 100}, {-5, 10}, 1),
                                          around({100, 100}, {50, INFINITY}, 1), around({200, 200}, {50, 10}, 1)};
    labels.push_back(labels.back());
    labels.back().offset_count = 0;
    const std::vector<LabelPlacement> r = place_labels(labels, {}, kViewport, NAN);
    EXPECT_FALSE(r[0].shown);
    EXPECT_FALSE(r[1].shown);
    EXPECT_FALSE(r[2].shown);
    EXPECT_TRUE(r[3].shown);
    EXPECT_FALSE(r[4].shown);
}

// [SECTION] Timeline labels

constexpr double kLeft = 100, kRight = 700;

TEST(TimelineLabel, APointReadsItsLabelAfterItAndBeforeItAtTheRightEdge) {
    EXPECT_DOUBLE_EQ(timeline_label_x({.x0 = 195, .x1 = 205, .left = kLeft, .right = kRight}, 120), 210);
    // 660 + 5 + 120 runs past 700 - 4: the label ends 5 px before the dot.
    EXPECT_DOUBLE_EQ(timeline_label_x({.x0 = 650, .x1 = 660, .left = kLeft, .right = kRight}, 120), 525);
}

TEST(TimelineLabel, ABarThatHoldsItsLabelReadsItInsideSlidIntoView) {
    EXPECT_DOUBLE_EQ(timeline_label_x({.x0 = 200, .x1 = 400, .bar = true, .left = kLeft, .right = kRight}, 120), 206);
    // A reign that began before the view: its label stays at the panel's left edge.
    EXPECT_DOUBLE_EQ(timeline_label_x({.x0 = -500, .x1 = 400, .bar = true, .left = kLeft, .right = kRight}, 120), 106);
    // One that runs past the right edge with room inside the view.
    EXPECT_DOUBLE_EQ(timeline_label_x({.x0 = 520, .x1 = 1500, .bar = true, .left = kLeft, .right = kRight}, 120), 526);
}

// A month at a scale of years is a bar narrower than its name ("The warning system begins
// operating" over June 2006): its label used to start inside it and run across its end,
// or, near the panel's right edge, slide back over the whole bar.
TEST(TimelineLabel, ABarShorterThanItsLabelReadsItBesideNeverAcrossIt) {
    const double width = 190;
    const double mid = timeline_label_x({.x0 = 300, .x1 = 332, .bar = true, .left = kLeft, .right = kRight}, width);
    EXPECT_DOUBLE_EQ(mid, 337);
    const double at_edge = timeline_label_x({.x0 = 610, .x1 = 642, .bar = true, .left = kLeft, .right = kRight}, width);
    EXPECT_DOUBLE_EQ(at_edge, 610 - 5 - width);
    // A bar mostly out of view at the right: its few pixels in view are too few to hold the label.
    const double leaving = timeline_label_x({.x0 = 680, .x1 = 2000, .bar = true, .left = kLeft, .right = kRight}, width);
    EXPECT_LE(leaving + width, 680);
}


// [SECTION] Timeline lanes

TimelineLaneMark point_at(double x, double label_width, int priority = 0) {
    return {x - 5, x + 5, x + 10, x + 10 + label_width, priority};
}

// Two lanes of 24 px, three of 16 (the last that carry labels), four of 12.
constexpr TimelineLaneSizes kFourLanesAtMost{.available = 48, .preferred = 24, .lowest = 12, .label_height = 15, .gap = 6, .badge = 30};

// Two lanes of 24 px, the only ones that carry labels (three of 16 are too low for them).
constexpr TimelineLaneSizes kTwoLabelledLanes{.available = 48, .preferred = 24, .lowest = 12, .label_height = 17, .gap = 6, .badge = 30};

// A crowded morning gives up its own labels; the evening, far from it, keeps its label.
// Giving up the last-placed label of the whole view first took the evening's.
TEST(TimelineLanes, ACrowdedSpotGivesUpItsOwnLabelsNotThoseOfTheRestOfTheView) {
    const std::vector<TimelineLaneMark> marks = {point_at(100, 150), point_at(155, 135), point_at(205, 115), point_at(605, 85)};
    const TimelineLanes layout = place_timeline_lanes(marks, kTwoLabelledLanes);
    ASSERT_EQ(layout.marks.size(), 4u);
    for (const TimelineLanePlace& place : layout.marks) EXPECT_TRUE(place.placed);
    EXPECT_EQ(layout.lanes, 2);
    EXPECT_TRUE(layout.marks[3].labelled) << "the evening, with nothing near it";
    EXPECT_TRUE(layout.marks[0].labelled);
    EXPECT_FALSE(layout.marks[1].labelled && layout.marks[2].labelled) << "three labels in two lanes over one stretch";
}

// Where every mark fits in tall lanes but some labels do not, lower lanes that still carry
// labels are taken if they label more: the same morning in three lanes of 16 px names all
// four (two lanes of 24 px left one unnamed).
TEST(TimelineLanes, LowerLanesAreTakenWhereTheyLabelMore) {
    const std::vector<TimelineLaneMark> marks = {point_at(100, 150), point_at(155, 135), point_at(205, 115), point_at(605, 85)};
    const TimelineLanes layout = place_timeline_lanes(marks, kFourLanesAtMost);
    EXPECT_EQ(layout.lanes, 3);
    EXPECT_DOUBLE_EQ(layout.lane_height, 16);
    for (const TimelineLanePlace& place : layout.marks) EXPECT_TRUE(place.placed && place.labelled);
}

// "Independence of Peru proclaimed" after its mark, "War of the Pacific" before its own:
// 6 px apart in one lane, a phone read them as one name. With clearance beyond each name's
// far end they are not put in one lane that close; a name and a mark may still share one.
TEST(TimelineLanes, NamesFacingEachOtherKeepTheirClearance) {
    const TimelineLaneMark after{95, 105, 110, 300, 0};   // its name after it, to 300
    const TimelineLaneMark before{400, 410, 310, 395, 0};  // its name before it, from 310
    TimelineLaneSizes sizes = kFourLanesAtMost;
    const std::vector<TimelineLaneMark> marks = {after, before};
    const TimelineLanes close = place_timeline_lanes(marks, sizes);
    EXPECT_EQ(close.marks[0].lane, close.marks[1].lane) << "10 px apart share a lane without clearance";
    sizes.label_clearance = 6;
    const TimelineLanes apart = place_timeline_lanes(marks, sizes);
    for (const TimelineLanePlace& place : apart.marks) EXPECT_TRUE(place.placed && place.labelled);
    EXPECT_NE(apart.marks[0].lane, apart.marks[1].lane);
    // A name after its mark and a bare mark 12 px beyond it: gap and one clearance, one lane.
    const std::vector<TimelineLaneMark> name_and_mark = {after, {312, 322, 312, 322, 0}};
    const TimelineLanes shared = place_timeline_lanes(name_and_mark, sizes);
    EXPECT_EQ(shared.marks[0].lane, shared.marks[1].lane);
}

// Three events of one year at the right edge of a view of centuries, and a long name of the
// first century that takes the first lane's room for theirs. The one left bare is stacked
// under a labelled one of its spot, which reads "+1": a dot with no name and no "+N" (as
// before) told the reader nothing of what was there.
TEST(TimelineLanes, ABareMarkOnALabelledSpotIsStackedUnderIt) {
    std::vector<TimelineLaneMark> marks = {point_at(50, 500)};
    for (int i = 0; i < 3; ++i) marks.push_back({590.0 + i, 600.0 + i, 490.0 + i, 585.0 + i, 0});
    const TimelineLanes layout = place_timeline_lanes(marks, kFourLanesAtMost);
    EXPECT_EQ(layout.lanes, 3);
    EXPECT_TRUE(layout.marks[0].labelled);
    int stacked = 0;
    for (std::size_t i = 1; i < layout.marks.size(); ++i) {
        const TimelineLanePlace& place = layout.marks[i];
        if (place.stacked_under < 0) {
            EXPECT_TRUE(place.labelled) << "mark " << i << " has a name or a place in a stack";
            continue;
        }
        ++stacked;
        const TimelineLanePlace& holder = layout.marks[static_cast<std::size_t>(place.stacked_under)];
        EXPECT_TRUE(holder.labelled);
        EXPECT_EQ(holder.stacked, 1);
        EXPECT_GE(place.stacked_under, 1) << "stacked under a mark of its own spot";
    }
    EXPECT_EQ(stacked, 1);
}

// Six events on one spot at a scale of decades: stacked after the three lanes that carry
// labels, rather than four lanes of 12 px with no label anywhere (as before).
TEST(TimelineLanes, MoreMarksOnOneSpotThanLabelledLanesHoldAreStackedUnderOne) {
    std::vector<TimelineLaneMark> marks;
    for (int i = 0; i < 6; ++i) marks.push_back(point_at(100 + 0.001 * i, 90));  // a night at a scale of decades
    marks.push_back(point_at(600, 85));
    const TimelineLanes layout = place_timeline_lanes(marks, kFourLanesAtMost);
    EXPECT_EQ(layout.lanes, 3);
    EXPECT_DOUBLE_EQ(layout.lane_height, 16);
    int labelled = 0, stacked = 0;
    std::optional<int> holder;
    for (std::size_t i = 0; i < layout.marks.size(); ++i) {
        const TimelineLanePlace& place = layout.marks[i];
        labelled += place.labelled;
        if (place.stacked_under < 0) continue;
        ++stacked;
        EXPECT_FALSE(place.placed);
        if (!holder) holder = place.stacked_under;
        EXPECT_EQ(place.stacked_under, *holder) << "one spot, one stack";
        EXPECT_EQ(place.lane, layout.marks[static_cast<std::size_t>(*holder)].lane) << "drawn under the mark holding the spot";
    }
    EXPECT_EQ(stacked, 3);
    ASSERT_TRUE(holder);
    const TimelineLanePlace& holding = layout.marks[static_cast<std::size_t>(*holder)];
    EXPECT_EQ(holding.stacked, 3);
    EXPECT_TRUE(holding.labelled) << "its label carries the \"+3\"";
    EXPECT_TRUE(layout.marks[6].labelled);
    EXPECT_EQ(labelled, 4);
}

// A stack's holder whose label reads before its mark (at the panel's right edge) starts it
// the badge's width further left, so that "+N" follows the name and stops short of the mark.
TEST(TimelineLanes, AHolderWhoseLabelReadsBeforeItMakesRoomForItsBadgeOnTheLeft) {
    std::vector<TimelineLaneMark> marks;
    for (int i = 0; i < 5; ++i) marks.push_back({595, 605, 490, 590, 0});
    const TimelineLanes layout = place_timeline_lanes(marks, kFourLanesAtMost);
    for (const TimelineLanePlace& place : layout.marks) {
        if (place.stacked == 0) continue;
        EXPECT_TRUE(place.labelled);
        EXPECT_DOUBLE_EQ(place.label_x0, 490 - kFourLanesAtMost.badge);
    }
    EXPECT_EQ(std::count_if(layout.marks.begin(), layout.marks.end(), [](const TimelineLanePlace& p) { return p.stacked > 0; }), 1);
}

// Events of a few months inside a four-year inquiry, at a scale of decades: some left
// bare were stacked under the inquiry's bar ("Inquiry… +16"), the one mark on their spot
// with a name. Zooming in on the stack kept the bar's four years in view, so they stayed
// stacked: sixteen events, among them the story's main one, no click could reach. A mark
// holds only marks on its own spot, not those that lie somewhere along a bar far wider.
TEST(TimelineLanes, ALongBarHoldsNoStackOfTheMarksAlongIt) {
    std::vector<TimelineLaneMark> marks = {{0, 400, 10, 200, 1}};  // the bar, named inside
    for (int i = 0; i < 8; ++i) marks.push_back(point_at(230 + 20.0 * i, 150));
    const TimelineLanes layout = place_timeline_lanes(marks, kFourLanesAtMost);
    EXPECT_TRUE(layout.marks[0].labelled);
    EXPECT_EQ(layout.marks[0].stacked, 0) << "nothing is stacked under the bar";
    for (std::size_t i = 1; i < layout.marks.size(); ++i)
        EXPECT_NE(layout.marks[i].stacked_under, 0) << "mark " << i << " is not stacked under the bar";
}

// Marks that fit are never stacked, however low their lanes.
TEST(TimelineLanes, NothingIsStackedWhileEveryMarkFitsBare) {
    std::vector<TimelineLaneMark> marks;
    for (int i = 0; i < 3; ++i) marks.push_back(point_at(100, 400));
    const TimelineLanes layout = place_timeline_lanes(marks, kFourLanesAtMost);
    for (const TimelineLanePlace& place : layout.marks) {
        EXPECT_TRUE(place.placed);
        EXPECT_EQ(place.stacked_under, -1);
        EXPECT_EQ(place.stacked, 0);
    }
}

// A grid of 6 x 4 samples over a 60 x 40 px view; `rows` spell which lie in the shape.
std::vector<char> samples_inside(const std::vector<std::string>& rows) {
    std::vector<char> inside;
    for (const std::string& row : rows)
        for (const char c : row) inside.push_back(c == '#');
    return inside;
}

TEST(NameSpot, TheNameStandsDeepInTheShapeNotOnItsEdgeEvenNearerItsLabelPoint) {
    const Rect view{0, 0, 60, 40};
    // The shape comes in from the right; its label point lies far off to the right.
    const std::vector<char> inside = samples_inside({"...###",
                                                     "..####",
                                                     "..####",
                                                     "...###"});
    const std::optional<Vec2d> spot = name_spot(view, 6, 4, inside, {500, 20});
    ASSERT_TRUE(spot);
    // Column 4 of rows 1 and 2 has all eight neighbours inside (the first row of two
    // as near wins); column 5, nearer the label point, lies on the view's edge with five.
    EXPECT_DOUBLE_EQ(spot->x, 45);
    EXPECT_DOUBLE_EQ(spot->y, 15);
}

TEST(NameSpot, OfEquallyDeepSamplesTheNearestTheLabelPointWins) {
    const Rect view{0, 0, 60, 40};
    const std::vector<char> inside = samples_inside({"######",
                                                     "######",
                                                     "######",
                                                     "######"});
    const std::optional<Vec2d> below = name_spot(view, 6, 4, inside, {30, 400});
    ASSERT_TRUE(below);
    EXPECT_DOUBLE_EQ(below->y, 25);  // row 2: the deepest row nearest a point below the view
    const std::optional<Vec2d> left = name_spot(view, 6, 4, inside, {-300, 20});
    ASSERT_TRUE(left);
    EXPECT_DOUBLE_EQ(left->x, 15);
}

TEST(NameSpot, NoSampleInsideTheShapeNamesNothing) {
    EXPECT_FALSE(name_spot({0, 0, 60, 40}, 6, 4, samples_inside({"......", "......", "......", "......"}), {0, 0}));
    const std::optional<Vec2d> one = name_spot({0, 0, 60, 40}, 6, 4, samples_inside({"......", "....#.", "......", "......"}), {0, 0});
    ASSERT_TRUE(one);  // a sliver of the shape in view is still named, where it is
    EXPECT_DOUBLE_EQ(one->x, 45);
    EXPECT_DOUBLE_EQ(one->y, 15);
}

TEST(KeepOffsets, ANudgeIsKeptWhereItsMiddleIsKeptAndTheSpotAlways) {
    // A 60 x 14 name on (100, 100), nudged above, below, right and left, and by 3 px.
    LabelCandidate c;
    c.anchor = {100, 100};
    c.size = {60, 14};
    c.offsets = {{{-30, -7}, {-30, -20}, {-30, 6}, {8, -7}, {-68, -7}, {-30, -4}}};
    c.offset_count = 6;
    std::vector<Rect> asked;
    // Kept: a middle within 5 px of the spot (the country is small on screen).
    keep_offsets_if(c, [&](const Rect& box) {
        asked.push_back(box);
        return std::abs((box.x0 + box.x1) / 2 - 100) <= 5 && std::abs((box.y0 + box.y1) / 2 - 100) <= 5;
    });
    ASSERT_EQ(asked.size(), 5u);  // every offset but the spot, each asked about its box
    EXPECT_DOUBLE_EQ(asked[0].y0, 80);   // above: 100 - 20
    EXPECT_DOUBLE_EQ(asked[0].y1, 94);
    EXPECT_DOUBLE_EQ(asked[2].x0, 108);  // right: 100 + 8
    EXPECT_DOUBLE_EQ(asked[2].x1, 168);
    ASSERT_EQ(c.offset_count, 2);
    EXPECT_DOUBLE_EQ(c.offsets[0].y, -7);  // its spot, kept first
    EXPECT_DOUBLE_EQ(c.offsets[1].y, -4);  // the 3 px nudge
    keep_offsets_if(c, [](const Rect&) { return false; });
    EXPECT_EQ(c.offset_count, 1);  // the spot stays: it is where the name belongs
}

} // namespace
} // namespace explainer
