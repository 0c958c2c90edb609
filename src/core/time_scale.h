// The timeline's geometry: days (since 1970-01-01, fractional allowed, see dates.h)
// <-> pixels for a visible TimeRange and a width, the limits that keep the view
// readable, calendar ticks that adapt to the zoom, and lanes that keep labels apart.
// Pixels count from the timeline's left edge; callers add their own origin.
//
// Index
// - [SECTION] Mapping
// - [SECTION] Limits, zoom and pan
// - [SECTION] Fitting the data
// - [SECTION] Ticks
// - [SECTION] Label lanes
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app_state.h"
#include "pack.h"

namespace explainer {

// [SECTION] Mapping ------------------------------------------------------------------

// A width below 1 px counts as 1 px and a span below 1e-9 days as 1e-9 days, so the
// mapping stays finite for any range (clamped ranges never come near either).
double pixels_per_day(const TimeRange& range, double width);
double day_to_x(const TimeRange& range, double width, double day);
double x_to_day(const TimeRange& range, double width, double x);

// [SECTION] Limits, zoom and pan -------------------------------------------------------

inline constexpr double kMinSpanDays = 3.0;                // zoomed in: a few days fill the width
inline constexpr double kMaxSpanDays = 30.0 * 365.2425;    // zoomed out: three decades

struct TimeLimits {
    double min_span_days = kMinSpanDays;
    double max_span_days = kMaxSpanDays;
    std::optional<TimeRange> bounds;  // where the view may go; none = anywhere
};

// Limits for data covering `extent`: the view may go `margin_fraction` of the data's
// span beyond either end (and at least half the minimum span, so a one-day pack can
// still be looked at).
TimeLimits limits_around(const TimeRange& extent, double margin_fraction);

// The nearest range that respects the limits: the span is brought within
// [min_span, min(max_span, bounds' span)] about its centre, then the range is slid
// inside the bounds (centred on them if it cannot fit). Reversed ends are swapped.
// A range with a non-finite end (from a bad link) becomes the bounds, or, without
// bounds, the minimum span from day 0.
TimeRange clamp_range(const TimeRange& range, const TimeLimits& limits);

// Zooms by `factor` (> 1 zooms in: the span is divided by it) about pixel `x`, which
// keeps showing the same day unless the bounds force the range to slide. Non-finite
// or non-positive factors leave the span alone.
TimeRange zoom_about(const TimeRange& range, double width, double x, double factor, const TimeLimits& limits);

// Drags the content by `dx` pixels (positive dx shows earlier days), within the limits.
TimeRange pan_by_pixels(const TimeRange& range, double width, double dx, const TimeLimits& limits);

// [SECTION] Fitting the data -----------------------------------------------------------

// The days the spans cover: from the earliest start to the end of the latest (inclusive)
// end day, i.e. [min start, max end + 1). nullopt for no spans.
std::optional<TimeRange> data_extent(std::span<const DateSpan> spans);

// The extent with `padding_fraction` of its span added on both sides, widened about
// its centre to at least kMinSpanDays. No spans give the minimum span from day 0.
TimeRange fit_range(std::span<const DateSpan> spans, double padding_fraction);

// What the timeline shows of a pack: every dated entity's span, then the publication date.
std::vector<DateSpan> timeline_spans(const Pack& pack);

// [SECTION] Ticks ------------------------------------------------------------------------

// Calendar units from fine to coarse. Weeks start on Mondays; quarters in January,
// April, July and October; decades in years divisible by ten.
enum class TickUnit { Day, Week, Month, Quarter, Year, Decade };
const char* tick_unit_name(TickUnit unit);  // "day", "week", ...

struct Tick {
    int day = 0;                      // the day the tick marks the start of
    double x = 0;                     // day_to_x(range, width, day)
    std::string label;                // "13", "Nov 13", "Nov", "2015"
    // The tick also begins a larger unit and is labelled as such: a month tick in
    // January says "2016", a day tick on the 1st says "Nov". Week ticks are flagged
    // on the first Monday of a month; year ticks on decades; decade ticks on centuries.
    bool starts_larger_unit = false;
};

struct TimeTicks {
    TickUnit major_unit = TickUnit::Year;
    int major_step = 1;               // in major units; > 1 only for decades on huge spans
    std::vector<Tick> major;          // strictly increasing, >= the label spacing apart
    std::optional<TickUnit> minor_unit;  // one unit finer; none below days or when too dense
    std::vector<Tick> minor;          // strictly increasing, never at a major tick's day
    // The larger unit the labels leave out, for the left edge: "Nov 2015" under day
    // ticks, "2015" under week, month and quarter ticks, "" under years and decades.
    std::string context;
};

// Minor ticks closer than this are left out rather than drawn as a grey smear.
inline constexpr double kMinMinorTickSpacingPx = 4.0;
// Neither list grows beyond this, whatever the arguments.
inline constexpr std::size_t kMaxTicks = 4096;

// Ticks for the days inside [range.start_day, range.end_day]: the finest unit whose
// shortest instance (a day, a week, February, a 90-day quarter, a 365-day year, a
// 3652-day decade) is at least `min_label_spacing_px` wide is the major unit, so any
// two major labels are at least that far apart. Empty for a non-finite range.
TimeTicks make_ticks(const TimeRange& range, double width, double min_label_spacing_px);

// [SECTION] Label lanes --------------------------------------------------------------------

struct LaneItem {
    double x0 = 0, x1 = 0;  // horizontal extent in px (swapped if reversed)
    int priority = 0;       // higher is placed first
};

struct LaneSlot {
    int lane = 0;           // 0 = the first lane
    bool hidden = false;    // fits in no lane: do not draw
};

// Gives each item the lowest lane (< max_lanes) where it keeps `min_gap_px` from every
// item already there, placing items by descending priority (ties in input order).
// Items that fit nowhere, or have a non-finite extent, are hidden. One slot per item,
// in input order.
std::vector<LaneSlot> assign_lanes(std::span<const LaneItem> items, int max_lanes, double min_gap_px = 0.0);

} // namespace explainer
