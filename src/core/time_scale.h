// The timeline's geometry: days (since 1970-01-01, fractional allowed, see dates.h)
// <-> pixels for a visible TimeRange and a width, the limits that keep the view
// readable, calendar ticks that adapt to the zoom, and lanes that keep labels apart.
// Pixels count from the timeline's left edge; callers add their own origin.
//
// Index
// - [SECTION] Mapping
// - [SECTION] Limits, zoom and pan
// - [SECTION] Breaks in the axis
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
inline constexpr double kMinTimedSpanDays = 20.0 / 1440.0; // packs with times: twenty minutes
inline constexpr double kMaxSpanDays = 20'000 * 365.2425;  // zoomed out: years -9999...9999
// Where any view may go: years -9999 (10000 BC) to 9999.
inline constexpr double kEarliestViewDay = kFirstDay;
inline constexpr double kLatestViewDay = kLastDay + 1.0;

struct TimeLimits {
    double min_span_days = kMinSpanDays;
    double max_span_days = kMaxSpanDays;
    std::optional<TimeRange> bounds;  // where the view may go; none = anywhere
};

// Limits for data covering `extent`: the view may go `margin_fraction` of the data's
// span beyond either end (and at least half the minimum span, so a one-day pack can
// still be looked at), never beyond years -9999...9999.
TimeLimits limits_around(const TimeRange& extent, double margin_fraction, double min_span_days = kMinSpanDays);

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

// [SECTION] Breaks in the axis ---------------------------------------------------------
// A story of 2015 with one event of 1916 drew its eight events of 2014-2015 in one column
// at the right of a century: a linear axis gives a far outlier the whole width. Where the
// dates leave a long empty stretch, the axis leaves most of it out and shows a break
// instead, labelled with the time it skips ("98 years"). Outside the breaks a day is as
// wide everywhere, so the axis reads as a linear one in each part.
//
// Mapping, limits, zoom and pan work in axis days: days with the breaks' hidden time taken
// out (the same as days before the first break). The view the store and links hold stays
// in days; the timeline converts at its edges.

struct TimeBreak {
    double start_day = 0, end_day = 0;  // the days left out
    double axis_days = 0;               // how long the break is on the axis
    double gap_days = 0;                // the time between the dates either side, for its label
};

struct TimeWarp {
    std::vector<TimeBreak> breaks;  // in time order, apart
    double to_axis(double day) const;
    double to_day(double axis) const;
    TimeRange to_axis(const TimeRange& days) const { return {to_axis(days.start_day), to_axis(days.end_day)}; }
    TimeRange to_days(const TimeRange& axis) const { return {to_day(axis.start_day), to_day(axis.end_day)}; }
};

// A stretch between dates becomes a break when it lasts a year or more and over three
// quarters of the timeline left after the longer breaks (at most kMaxTimeBreaks), and some
// part between breaks still holds two dates (two lone dates decades apart read as well on a
// linear axis, and truly so): with the dates either side of it, the break keeps
// kBreakMarginShare of the rest on each side and is kBreakAxisShare of it long. None for
// dates that leave no such stretch (the seed's).
inline constexpr int kMaxTimeBreaks = 3;
inline constexpr double kMinBreakDays = 365.2425;
inline constexpr double kBreakShare = 0.75;
inline constexpr double kBreakMarginShare = 0.1;
inline constexpr double kBreakAxisShare = 0.1;
TimeWarp warp_for(std::span<const DateSpan> spans, double min_span_days = kMinSpanDays);

// What a break's label says of the time it skips (a year or more): "98 years", "14 months".
std::string gap_length_text(double days);

// [SECTION] Fitting the data -----------------------------------------------------------

// The days the spans cover: from the earliest start to the latest end
// (span_start_days/span_end_days: the end of an inclusive last day, a timed end's
// instant). nullopt for no spans.
std::optional<TimeRange> data_extent(std::span<const DateSpan> spans);

// The extent with `padding_fraction` of its span added on both sides, widened about
// its centre to at least `min_span_days`. No spans give none: no date is no range, not
// one from day 0 (1 January 1970).
std::optional<TimeRange> fit_range(std::span<const DateSpan> spans, double padding_fraction, double min_span_days = kMinSpanDays);

// What the timeline shows of a pack: every dated entity's span, then the publication date.
// A pack with neither (the editor's stand-in for one that does not validate) has none: no
// extent, and nothing for an axis to show.
std::vector<DateSpan> timeline_spans(const Pack& pack);

// What the timeline opens on: every dated entity (the publication date only when none
// is dated), so a story from 1863 told in 2024 opens on 1863.
std::vector<DateSpan> default_view_spans(const Pack& pack);

// True when some date of the pack is written with a time of day.
bool pack_has_times(const Pack& pack);
// How far in a pack's timeline may zoom: minutes with times, else a few days.
double min_span_for(const Pack& pack);
// The breaks in a pack's axis: warp_for(timeline_spans(pack), min_span_for(pack)).
TimeWarp timeline_warp(const Pack& pack);
// The timeline's opening range for a pack: default_view_spans() with 8% of their span
// either side, but after the story's end (its last event or its publication, whichever is
// later) no more than a year, or 2% of the span for a story of over fifty years, the spans
// measured on the pack's axis (timeline_warp: a break counts as drawn, not as the years it
// skips); none for a pack without a date (the editor's stand-in for one that does not
// validate). In days.
std::optional<TimeRange> default_timeline(const Pack& pack);
// How far the timeline may go beyond a pack's dates: this share of their span, on its axis.
inline constexpr double kTimelineMarginFraction = 0.25;
// Where a pack's timeline may go, in axis days of `warp` (timeline_warp(pack)): its dates
// (timeline_spans) with kTimelineMarginFraction either side, zoomed in to min_span_for(pack).
// No bounds for a pack without a date.
TimeLimits timeline_limits(const Pack& pack, const TimeWarp& warp);
// A view of the pack's timeline, in days, brought within timeline_limits as the timeline
// draws it: a link's span beyond them is read as what it shows, not kept as what it asked.
// Unchanged for a pack without a date, which has no timeline.
TimeRange timeline_within_limits(const Pack& pack, const TimeRange& days);
// The clock the pack's times are told in: the UTC offset most of its timed dates were
// written with (0 without times), for tick labels in the story's local time.
int pack_utc_offset_minutes(const Pack& pack);

// [SECTION] Ticks ------------------------------------------------------------------------

// Calendar units from fine to coarse. Weeks start on Mondays; quarters in January,
// April, July and October; decades in years divisible by ten, centuries by a hundred,
// counted as labels count them, without a year zero: 100 BC, AD 1 (the era's tick, in
// place of year zero), AD 100.
enum class TickUnit { Minute, Hour, Day, Week, Month, Quarter, Year, Decade, Century };
const char* tick_unit_name(TickUnit unit);  // "minute", "hour", "day", "week", ...

struct Tick {
    double day = 0;                   // the instant the tick marks, days since 1970-01-01 UTC
    double x = 0;                     // day_to_x(range, width, day)
    std::string label;                // "21:15", "13", "Nov 13", "Nov", "2015", "1500", "44 BC", "AD 14"
    // The tick also begins a larger unit and is labelled as such: a month tick in
    // January says "2016", a day tick on the 1st says "Nov", an hour tick at midnight
    // says "14 Nov". Week ticks are flagged on the first Monday of a month; year ticks
    // on decades; decade ticks on centuries; century ticks on millennia.
    bool starts_larger_unit = false;
};

// The clock ticks are told in: `times` allows minute and hour ticks (packs with times
// of day); days, months and hours begin at local midnight at `offset_minutes` from UTC.
struct TickClock {
    bool times = false;
    int offset_minutes = 0;
};

struct TimeTicks {
    TickUnit major_unit = TickUnit::Year;
    int major_step = 1;               // in major units: 5, 15 minutes, 3, 6 hours, 2, 5 decades...
    std::vector<Tick> major;          // strictly increasing, >= the label spacing apart
    std::optional<TickUnit> minor_unit;  // a finer unit; none below the finest or when too dense
    int minor_step = 1;
    std::vector<Tick> minor;          // strictly increasing, never at a major tick's instant
    // The larger unit the labels leave out, for the left edge: "13 Nov 2015 (UTC+1)"
    // under minute and hour ticks, "Nov 2015" under day ticks, "2015" under week, month
    // and quarter ticks, "" under years, decades and centuries.
    std::string context;
    // The axis's breaks in view (px, as Tick::x) and what each skips ("98 years"). A part
    // between breaks with no major tick in view is named after the break before it, or as
    // the context for the first ("1916" for a year of 1916 shown between breaks).
    struct Break {
        double x0 = 0, x1 = 0;
        std::string skipped;
        std::string after;
    };
    std::vector<Break> breaks;
};

// Minor ticks closer than this are left out rather than drawn as a grey smear.
inline constexpr double kMinMinorTickSpacingPx = 4.0;
// Neither list grows beyond this, whatever the arguments.
inline constexpr std::size_t kMaxTicks = 4096;

// Ticks for the instants inside [range.start_day, range.end_day]: the finest unit and
// step whose shortest instance (a minute, an hour, a day, a week, February, a 90-day
// quarter, a 365-day year, a 3652-day decade, a 36524-day century, times the step; a
// year less for decades and centuries, whose ticks at AD 1 and AD 10 are nine years
// apart) is at least `min_label_spacing_px` wide is the major one, so any two major
// labels are at least that far apart. Empty for a non-finite range.
TimeTicks make_ticks(const TimeRange& range, double width, double min_label_spacing_px, const TickClock& clock = {});
// The same for an axis with breaks (`axis_range` in its axis days): each part between
// breaks has its ticks, at the one step a day's width gives them all, and the first major
// tick after a break says the larger unit too ("Jun 2014" under month ticks), where the
// context at the left edge does not.
TimeTicks make_ticks(const TimeRange& axis_range, double width, double min_label_spacing_px, const TickClock& clock,
                     const TimeWarp& warp);

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
