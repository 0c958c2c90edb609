// The timeline's geometry (see time_scale.h).
//
// Index
// - [SECTION] Mapping
// - [SECTION] Limits, zoom and pan
// - [SECTION] Breaks in the axis
// - [SECTION] Fitting the data
// - [SECTION] Ticks
// - [SECTION] Label lanes

#include "time_scale.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <set>
#include <utility>

#include "date_text.h"
#include "dates.h"
#include "index_sort.h"

namespace explainer {

namespace {

constexpr double kMinMappedSpan = 1e-9;
// Ranges are cut to this before any arithmetic, so that sums and differences of two
// ends stay finite (a link may carry 1e308).
constexpr double kFarthestDay = 1e12;

bool finite(double v) { return std::isfinite(v); }

TimeRange ordered(TimeRange range) {
    if (range.end_day < range.start_day) std::swap(range.start_day, range.end_day);
    return range;
}

double safe_width(double width) { return finite(width) && width >= 1.0 ? width : 1.0; }

double safe_span(const TimeRange& range) {
    const double span = range.end_day - range.start_day;
    return finite(span) && span > kMinMappedSpan ? span : kMinMappedSpan;
}

} // namespace

// [SECTION] Mapping -----------------------------------------------------------------------

double pixels_per_day(const TimeRange& range, double width) { return safe_width(width) / safe_span(range); }

double day_to_x(const TimeRange& range, double width, double day) {
    return (day - range.start_day) * pixels_per_day(range, width);
}

double x_to_day(const TimeRange& range, double width, double x) {
    return range.start_day + x / pixels_per_day(range, width);
}

// [SECTION] Limits, zoom and pan -------------------------------------------------------------

namespace {

std::optional<TimeRange> usable_bounds(const TimeLimits& limits) {
    if (!limits.bounds || !finite(limits.bounds->start_day) || !finite(limits.bounds->end_day)) return std::nullopt;
    TimeRange bounds = ordered(*limits.bounds);
    bounds.start_day = std::clamp(bounds.start_day, -kFarthestDay, kFarthestDay);
    bounds.end_day = std::clamp(bounds.end_day, -kFarthestDay, kFarthestDay);
    return bounds;
}

double min_span_of(const TimeLimits& limits) {
    return finite(limits.min_span_days) && limits.min_span_days > kMinMappedSpan ? limits.min_span_days : kMinSpanDays;
}

// The widest span allowed: the limit, narrowed to the bounds, but never below the
// minimum (a one-day pack is still shown a few days wide).
double max_span_of(const TimeLimits& limits) {
    const double min_span = min_span_of(limits);
    double max_span = finite(limits.max_span_days) ? limits.max_span_days : kMaxSpanDays;
    if (const std::optional<TimeRange> bounds = usable_bounds(limits))
        max_span = std::min(max_span, bounds->end_day - bounds->start_day);
    return std::max(max_span, min_span);
}

} // namespace

TimeLimits limits_around(const TimeRange& extent, double margin_fraction, double min_span_days) {
    TimeLimits limits;
    if (finite(min_span_days) && min_span_days > kMinMappedSpan) limits.min_span_days = min_span_days;
    if (!finite(extent.start_day) || !finite(extent.end_day)) return limits;
    const TimeRange data = ordered(extent);
    const double fraction = finite(margin_fraction) && margin_fraction > 0 ? margin_fraction : 0.0;
    const double margin = std::max(fraction * (data.end_day - data.start_day), limits.min_span_days * 0.5);
    const double start = std::clamp(data.start_day - margin, kEarliestViewDay, kLatestViewDay - limits.min_span_days);
    const double end = std::clamp(data.end_day + margin, start + limits.min_span_days, kLatestViewDay);
    limits.bounds = TimeRange{start, end};
    return limits;
}

TimeRange clamp_range(const TimeRange& range, const TimeLimits& limits) {
    const double min_span = min_span_of(limits);
    const double max_span = max_span_of(limits);
    const std::optional<TimeRange> bounds = usable_bounds(limits);

    TimeRange r = range;
    if (!finite(r.start_day) || !finite(r.end_day)) r = bounds ? *bounds : TimeRange{0.0, min_span};
    r = ordered(r);
    r.start_day = std::clamp(r.start_day, -kFarthestDay, kFarthestDay);
    r.end_day = std::clamp(r.end_day, -kFarthestDay, kFarthestDay);

    double span = r.end_day - r.start_day;
    if (span < min_span || span > max_span) {
        const double centre = r.start_day + span * 0.5;
        span = std::clamp(span, min_span, max_span);
        r.start_day = centre - span * 0.5;
    }
    if (bounds) {
        const double room = bounds->end_day - bounds->start_day;
        if (span >= room) r.start_day = bounds->start_day + (room - span) * 0.5;
        else if (r.start_day < bounds->start_day) r.start_day = bounds->start_day;
        else if (r.start_day + span > bounds->end_day) r.start_day = bounds->end_day - span;
    }
    r.end_day = r.start_day + span;
    return r;
}

TimeRange zoom_about(const TimeRange& range, double width, double x, double factor, const TimeLimits& limits) {
    const TimeRange r = clamp_range(range, limits);
    const double w = safe_width(width);
    const double fraction = finite(x) ? std::clamp(x / w, 0.0, 1.0) : 0.5;
    const double span = r.end_day - r.start_day;
    const double anchor_day = r.start_day + fraction * span;
    const double zoomed = finite(factor) && factor > 0 ? span / factor : span;
    const double new_span = std::clamp(zoomed, min_span_of(limits), max_span_of(limits));
    // The span is already legal, so clamping can only slide the range into the bounds.
    return clamp_range({anchor_day - fraction * new_span, anchor_day + (1.0 - fraction) * new_span}, limits);
}

TimeRange pan_by_pixels(const TimeRange& range, double width, double dx, const TimeLimits& limits) {
    const TimeRange r = clamp_range(range, limits);
    const double shift = finite(dx) ? -dx / pixels_per_day(r, width) : 0.0;
    return clamp_range({r.start_day + shift, r.end_day + shift}, limits);
}

// [SECTION] Breaks in the axis ---------------------------------------------------------------

double TimeWarp::to_axis(double day) const {
    double hidden = 0;  // what the breaks before `day` leave out
    for (const TimeBreak& b : breaks) {
        if (!(day > b.start_day)) break;
        const double length = b.end_day - b.start_day;
        if (day < b.end_day) return b.start_day - hidden + (day - b.start_day) / length * b.axis_days;
        hidden += length - b.axis_days;
    }
    return day - hidden;
}

double TimeWarp::to_day(double axis) const {
    double hidden = 0;
    for (const TimeBreak& b : breaks) {
        const double at = b.start_day - hidden;  // where the break begins on the axis
        if (!(axis > at)) break;
        const double length = b.end_day - b.start_day;
        if (axis < at + b.axis_days) return b.start_day + (axis - at) / b.axis_days * length;
        hidden += length - b.axis_days;
    }
    return axis + hidden;
}

TimeWarp warp_for(std::span<const DateSpan> spans, double min_span_days) {
    // The dates' days, merged where they meet (what the axis must show), each with how many
    // different dates it holds.
    std::vector<TimeRange> shown;
    for (const DateSpan& span : spans) {
        const TimeRange r = ordered({span_start_days(span), span_end_days(span)});
        if (finite(r.start_day) && finite(r.end_day)) shown.push_back(r);
    }
    sort_items(shown, [](const TimeRange& a, const TimeRange& b) { return a.start_day < b.start_day; });
    std::vector<TimeRange> clusters;
    std::vector<int> dates;  // per cluster
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const TimeRange& r = shown[i];
        if (clusters.empty() || r.start_day > clusters.back().end_day) clusters.push_back(r), dates.push_back(0);
        clusters.back().end_day = std::max(clusters.back().end_day, r.end_day);
        dates.back() += i == 0 || !(r == shown[i - 1]);
    }
    // The longest gaps first (gap k lies before cluster k + 1), each while it is over
    // kBreakShare of what is left and some part between breaks still holds two dates (two
    // lone dates decades apart read as well on a linear axis, and truly so).
    const std::size_t gaps = clusters.empty() ? 0 : clusters.size() - 1;
    const auto gap = [&](std::size_t k) { return clusters[k + 1].start_day - clusters[k].end_day; };
    std::vector<char> cut(gaps, 0);
    double left = gaps ? clusters.back().end_day - clusters.front().start_day : 0;
    for (int chosen = 0; chosen < kMaxTimeBreaks; ++chosen) {
        std::size_t longest = gaps;
        for (std::size_t k = 0; k < gaps; ++k)
            if (!cut[k] && (longest == gaps || gap(k) > gap(longest))) longest = k;
        if (longest == gaps || gap(longest) < kMinBreakDays || gap(longest) <= kBreakShare * left) break;
        cut[longest] = 1;
        int part = 0, most = 0;
        for (std::size_t c = 0; c < clusters.size(); ++c) {
            part += dates[c];
            most = std::max(most, part);
            if (c < gaps && cut[c]) part = 0;
        }
        if (most < 2) {
            cut[longest] = 0;
            break;
        }
        left -= gap(longest);
    }
    const double rest = std::max(left, finite(min_span_days) && min_span_days > 0 ? min_span_days : kMinSpanDays);
    TimeWarp warp;
    for (std::size_t k = 0; k < gaps; ++k) {
        const TimeBreak b{clusters[k].end_day + kBreakMarginShare * rest, clusters[k + 1].start_day - kBreakMarginShare * rest,
                          kBreakAxisShare * rest, gap(k)};
        if (cut[k] && b.end_day - b.start_day > b.axis_days) warp.breaks.push_back(b);
    }
    return warp;
}

std::string gap_length_text(double days) {
    // A break is a year or more (kMinBreakDays): years from two on, months below.
    constexpr double kYear = 365.2425;
    const bool years = days >= 2 * kYear;
    return std::to_string(std::llround(years ? days / kYear : days * 12 / kYear)) + (years ? " years" : " months");
}

// [SECTION] Fitting the data ---------------------------------------------------------------

std::optional<TimeRange> data_extent(std::span<const DateSpan> spans) {
    if (spans.empty()) return std::nullopt;
    double first = span_start_days(spans.front()), last = span_end_days(spans.front());
    for (const DateSpan& span : spans) {
        first = std::min({first, span_start_days(span), span_end_days(span)});
        last = std::max({last, span_start_days(span), span_end_days(span)});
    }
    return TimeRange{first, last};
}

namespace {

// fit_range's range about an extent (in days, or axis days).
TimeRange fit_extent(const TimeRange& extent, double padding_fraction, double min_span_days) {
    const double min_span = finite(min_span_days) && min_span_days > kMinMappedSpan ? min_span_days : kMinSpanDays;
    const double span = extent.end_day - extent.start_day;
    const double padding = finite(padding_fraction) && padding_fraction > 0 ? padding_fraction * span : 0.0;
    TimeRange r{extent.start_day - padding, extent.end_day + padding};
    if (r.end_day - r.start_day < min_span) {
        const double centre = (extent.start_day + extent.end_day) * 0.5;
        r = {centre - min_span * 0.5, centre + min_span * 0.5};
    }
    // Within years -9999...9999 (a story of 10000 BC keeps its margin inside the range).
    const double width = std::min(r.end_day - r.start_day, kLatestViewDay - kEarliestViewDay);
    r.start_day = std::clamp(r.start_day, kEarliestViewDay, kLatestViewDay - width);
    r.end_day = r.start_day + width;
    return r;
}

} // namespace

std::optional<TimeRange> fit_range(std::span<const DateSpan> spans, double padding_fraction, double min_span_days) {
    const std::optional<TimeRange> extent = data_extent(spans);
    if (!extent) return std::nullopt;
    return fit_extent(*extent, padding_fraction, min_span_days);
}

std::vector<DateSpan> timeline_spans(const Pack& pack) {
    std::vector<DateSpan> spans;
    for (const Entity& entity : pack.entities)
        if (entity.date) spans.push_back(*entity.date);
    // A publication date without its text is none (the editor's stand-in for a pack that
    // does not validate): its days count from 0, which would put 1 January 1970 on the axis.
    if (!pack.article.published.iso.empty()) spans.push_back(pack.article.published);
    return spans;
}

std::vector<DateSpan> default_view_spans(const Pack& pack) {
    std::vector<DateSpan> spans = timeline_spans(pack);
    if (spans.size() > 1 && !pack.article.published.iso.empty()) spans.pop_back();  // the publication date, after dated entities
    return spans;
}

bool pack_has_times(const Pack& pack) {
    if (pack.article.published.times) return true;
    return std::any_of(pack.entities.begin(), pack.entities.end(),
                       [](const Entity& e) { return e.date && e.date->times; });
}

double min_span_for(const Pack& pack) { return pack_has_times(pack) ? kMinTimedSpanDays : kMinSpanDays; }

TimeWarp timeline_warp(const Pack& pack) { return warp_for(timeline_spans(pack), min_span_for(pack)); }

std::optional<TimeRange> default_timeline(const Pack& pack) {
    constexpr double kDefaultPadding = 0.08;
    const std::vector<DateSpan> spans = default_view_spans(pack);
    const std::optional<TimeRange> days = data_extent(spans);
    if (!days) return std::nullopt;
    const TimeWarp warp = timeline_warp(pack);
    const TimeRange extent = warp.to_axis(*days);
    TimeRange range = fit_extent(extent, kDefaultPadding, min_span_for(pack));
    // After the story's end (its last event, or its publication when that is later) the
    // view goes a year at most, or 2% of the span for a story of over fifty years: 8% of
    // 4,500 years put 360 years of empty future after an article of 2025. 2% keeps a mark
    // at the end clear of the edge (7 px of a phone's 360; a point's radius is 5).
    constexpr double kYear = 365.2425, kEndPadding = 0.02;
    const DateSpan& published = pack.article.published;
    const double story_end = published.iso.empty() ? extent.end_day : std::max(extent.end_day, warp.to_axis(span_end_days(published)));
    range.end_day = std::min(range.end_day, story_end + std::max(kYear, kEndPadding * (extent.end_day - extent.start_day)));
    return warp.to_days(range);
}

TimeLimits timeline_limits(const Pack& pack, const TimeWarp& warp) {
    const std::optional<TimeRange> days = data_extent(timeline_spans(pack));
    return days ? limits_around(warp.to_axis(*days), kTimelineMarginFraction, min_span_for(pack)) : TimeLimits{.min_span_days = min_span_for(pack)};
}

TimeRange timeline_within_limits(const Pack& pack, const TimeRange& days) {
    if (timeline_spans(pack).empty()) return days;  // no timeline is drawn: nothing to show otherwise
    const TimeWarp warp = timeline_warp(pack);
    return warp.to_days(clamp_range(warp.to_axis(days), timeline_limits(pack, warp)));
}

int pack_utc_offset_minutes(const Pack& pack) {
    std::vector<std::pair<int, int>> counts;  // offset, how many dates use it (few offsets per pack)
    auto count = [&](int offset) {
        for (auto& [o, n] : counts)
            if (o == offset) return void(++n);
        counts.push_back({offset, 1});
    };
    for (const DateSpan& span : timeline_spans(pack))
        if (span.times) count(span.times->start.offset_minutes);
    int best = 0, best_count = 0;
    for (const auto& [offset, n] : counts)
        if (n > best_count) best = offset, best_count = n;
    return best;
}

// [SECTION] Ticks ----------------------------------------------------------------------------

namespace {

// Ticks are only made within years -9999...9999, where the civil-date arithmetic on int
// and minute counts on int64 are safe by a wide margin.
constexpr double kFirstTickDay = kEarliestViewDay;
constexpr double kLastTickDay = kLatestViewDay;

constexpr std::int64_t kMinutesPerDay = 1440;

// A unit and how many of it one tick spans.
struct TickStep {
    TickUnit unit;
    int step;
};

// Every major step, fine to coarse; the first wide enough for the labels wins.
constexpr TickStep kMajorSteps[] = {
    {TickUnit::Minute, 1},  {TickUnit::Minute, 5},  {TickUnit::Minute, 10}, {TickUnit::Minute, 15},
    {TickUnit::Minute, 30}, {TickUnit::Hour, 1},    {TickUnit::Hour, 3},    {TickUnit::Hour, 6},
    {TickUnit::Hour, 12},   {TickUnit::Day, 1},     {TickUnit::Week, 1},    {TickUnit::Month, 1},
    {TickUnit::Quarter, 1}, {TickUnit::Year, 1},    {TickUnit::Decade, 1},  {TickUnit::Decade, 2},
    {TickUnit::Decade, 5},  {TickUnit::Century, 1}, {TickUnit::Century, 2}, {TickUnit::Century, 5},
    {TickUnit::Century, 10}, {TickUnit::Century, 20}, {TickUnit::Century, 50}, {TickUnit::Century, 100},
    {TickUnit::Century, 200},
};

// The minor ticks under a major step: a finer step that divides it.
std::optional<TickStep> minor_step_of(TickStep major, bool times) {
    switch (major.unit) {
    case TickUnit::Minute:
        if (major.step == 1) return std::nullopt;
        return TickStep{TickUnit::Minute, major.step == 5 ? 1 : 5};
    case TickUnit::Hour:
        if (major.step == 1) return TickStep{TickUnit::Minute, 15};
        return TickStep{TickUnit::Hour, major.step == 12 ? 3 : 1};
    case TickUnit::Day: return times ? std::optional<TickStep>(TickStep{TickUnit::Hour, 6}) : std::nullopt;
    case TickUnit::Week: return TickStep{TickUnit::Day, 1};
    case TickUnit::Month: return TickStep{TickUnit::Week, 1};
    case TickUnit::Quarter: return TickStep{TickUnit::Month, 1};
    case TickUnit::Year: return TickStep{TickUnit::Quarter, 1};
    case TickUnit::Decade: return major.step == 5 ? TickStep{TickUnit::Decade, 1} : TickStep{TickUnit::Year, 1};
    case TickUnit::Century:
        switch (major.step) {
        case 1: return TickStep{TickUnit::Decade, 1};
        case 2: return TickStep{TickUnit::Decade, 5};
        case 5:
        case 10: return TickStep{TickUnit::Century, 1};
        case 20: return TickStep{TickUnit::Century, 5};
        case 50: return TickStep{TickUnit::Century, 10};
        case 100: return TickStep{TickUnit::Century, 50};
        default: return TickStep{TickUnit::Century, 100};
        }
    }
    return std::nullopt;
}

const char* const kMonthAbbreviations[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int floor_div(int a, int b) { return static_cast<int>(floor_div64(a, b)); }
int floor_mod(int a, int b) { return a - floor_div(a, b) * b; }

// Decade and century ticks count years as labels do, without a year zero: "100 BC",
// "AD 1", "AD 100", not the astronomical -100 ("101 BC") and 0 ("1 BC") of dates.h. The
// era's own tick, AD 1, takes the place of the missing year zero, so the ticks stay
// evenly spaced across it (AD 1 to AD 100 is one year short of a century: shortest_step_days).
// Tick numbers: 100 BC is -100, AD 1 is 0, AD 100 is 100.
int tick_number(int year) { return year <= 0 ? year - 1 : year == 1 ? 0 : year; }
int year_of_tick_number(int number) { return number < 0 ? number + 1 : number == 0 ? 1 : number; }

// The shortest instance of each unit, so spacing by it is a guarantee, not an average.
double shortest_days(TickUnit unit) {
    switch (unit) {
    case TickUnit::Minute: return 1.0 / kMinutesPerDay;
    case TickUnit::Hour: return 60.0 / kMinutesPerDay;
    case TickUnit::Day: return 1;
    case TickUnit::Week: return 7;
    case TickUnit::Month: return 28;      // February
    case TickUnit::Quarter: return 90;    // January to March of a common year
    case TickUnit::Year: return 365;
    case TickUnit::Decade: return 3652;   // ten years with two leap days (1900-1909)
    case TickUnit::Century: return 36524; // a hundred years with 24 leap days
    }
    return 1;
}

// The shortest distance between two ticks `s` apart: decades and centuries lose a year
// where their ticks cross the era (AD 1 to AD 10 is nine years, tick_number).
double shortest_step_days(TickStep s) {
    const bool counts_years = s.unit == TickUnit::Decade || s.unit == TickUnit::Century;
    return shortest_days(s.unit) * s.step - (counts_years ? 366 : 0);
}

int months_per_tick(TickStep s) {
    switch (s.unit) {
    case TickUnit::Month: return 1;
    case TickUnit::Quarter: return 3;
    case TickUnit::Year: return 12;
    case TickUnit::Decade: return 120 * s.step;
    case TickUnit::Century: return 1200 * s.step;
    case TickUnit::Minute:
    case TickUnit::Hour:
    case TickUnit::Day:
    case TickUnit::Week: break;
    }
    return 0;
}

// Calls emit(local_minute) for every local minute in [first, last] (minutes since
// 1970-01-01T00:00 local) that starts a step of `s`, in increasing order, at most
// kMaxTicks times.
template <class Emit>
void for_each_tick_minute(TickStep s, std::int64_t first, std::int64_t last, Emit&& emit) {
    std::size_t count = 0;
    if (s.unit == TickUnit::Minute || s.unit == TickUnit::Hour) {
        const std::int64_t stride = (s.unit == TickUnit::Hour ? 60 : 1) * std::int64_t(s.step);
        for (std::int64_t m = floor_div64(first + stride - 1, stride) * stride; m <= last && count < kMaxTicks; m += stride, ++count)
            emit(m);
        return;
    }
    // Whole days from here on: the first local midnight at or after `first`.
    const int first_day = static_cast<int>(floor_div64(first + kMinutesPerDay - 1, kMinutesPerDay));
    const int last_day = static_cast<int>(floor_div64(last, kMinutesPerDay));
    if (s.unit == TickUnit::Day || s.unit == TickUnit::Week) {
        int day = first_day;
        if (s.unit == TickUnit::Week) day += floor_mod(-(first_day + 3), 7);  // 1970-01-01 was a Thursday
        const int stride = s.unit == TickUnit::Week ? 7 : 1;
        for (; day <= last_day && count < kMaxTicks; day += stride, ++count) emit(std::int64_t(day) * kMinutesPerDay);
        return;
    }
    const int months = months_per_tick(s);
    const CivilDate date = civil_from_days(first_day);
    if (s.unit == TickUnit::Decade || s.unit == TickUnit::Century) {
        // The 1st of January of every year whose tick number is a multiple of the step,
        // from the first at or after `first_day`.
        const int step = months / 12;
        const int first_year = date.year + (days_from_civil({date.year, 1, 1}) < first_day ? 1 : 0);
        for (int number = floor_div(tick_number(first_year) + step - 1, step) * step; count < kMaxTicks; number += step, ++count) {
            const int day = days_from_civil({year_of_tick_number(number), 1, 1});
            if (day > last_day) break;
            emit(std::int64_t(day) * kMinutesPerDay);
        }
        return;
    }
    int month_index = date.year * 12 + (date.month - 1);  // months since year 0
    if (days_from_civil({date.year, date.month, 1}) < first_day) ++month_index;
    month_index += floor_mod(-month_index, months);
    for (; count < kMaxTicks; month_index += months, ++count) {
        const int day = days_from_civil({floor_div(month_index, 12), floor_mod(month_index, 12) + 1, 1});
        if (day > last_day) break;
        emit(std::int64_t(day) * kMinutesPerDay);
    }
}

std::string day_and_month(const CivilDate& date) { return std::to_string(date.day) + " " + kMonthAbbreviations[date.month - 1]; }

Tick make_tick(TickStep s, std::int64_t local_minute, int offset_minutes, const TimeRange& range, double width, bool name_era) {
    Tick tick;
    tick.day = static_cast<double>(local_minute - offset_minutes) / kMinutesPerDay;
    tick.x = day_to_x(range, width, tick.day);
    const int local_day = static_cast<int>(floor_div64(local_minute, kMinutesPerDay));
    const int minute_of_day = static_cast<int>(local_minute - std::int64_t(local_day) * kMinutesPerDay);
    const CivilDate date = civil_from_days(local_day);
    const std::string year = year_text(date.year, name_era);
    const std::string month = kMonthAbbreviations[date.month - 1];
    switch (s.unit) {
    case TickUnit::Minute:
    case TickUnit::Hour:
        if (minute_of_day == 0) {
            tick.starts_larger_unit = true;
            tick.label = day_and_month(date);
        } else {
            char clock[8];
            std::snprintf(clock, sizeof clock, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
            tick.label = clock;
        }
        break;
    case TickUnit::Day:
        if (date.day == 1) {
            tick.starts_larger_unit = true;
            tick.label = date.month == 1 ? year : month;
        } else {
            tick.label = std::to_string(date.day);
        }
        break;
    case TickUnit::Week:
        tick.starts_larger_unit = date.day <= 7;
        tick.label = month + " " + std::to_string(date.day);
        break;
    case TickUnit::Month:
    case TickUnit::Quarter:
        tick.starts_larger_unit = date.month == 1;
        tick.label = date.month == 1 ? year : month;
        break;
    case TickUnit::Year:
        tick.starts_larger_unit = floor_mod(tick_number(date.year), 10) == 0;
        tick.label = year;
        break;
    case TickUnit::Decade:
        tick.starts_larger_unit = floor_mod(tick_number(date.year), 100) == 0;
        tick.label = year;
        break;
    case TickUnit::Century:
        tick.starts_larger_unit = floor_mod(tick_number(date.year), 1000) == 0;
        tick.label = year;
        break;
    }
    return tick;
}

} // namespace

const char* tick_unit_name(TickUnit unit) {
    switch (unit) {
    case TickUnit::Minute: return "minute";
    case TickUnit::Hour: return "hour";
    case TickUnit::Day: return "day";
    case TickUnit::Week: return "week";
    case TickUnit::Month: return "month";
    case TickUnit::Quarter: return "quarter";
    case TickUnit::Year: return "year";
    case TickUnit::Decade: return "decade";
    case TickUnit::Century: return "century";
    }
    return "day";
}

namespace {

// make_ticks; `era_named` says whether AD years name their era (a view that begins BC
// does), where the left edge of `range` is not what decides it (a part after a break).
TimeTicks ticks_naming_era(const TimeRange& range, double width, double min_label_spacing_px, const TickClock& clock,
                           std::optional<bool> era_named) {
    TimeTicks out;
    if (!finite(range.start_day) || !finite(range.end_day)) return out;
    const TimeRange r = ordered(range);
    const double per_day = pixels_per_day(r, width);
    const double spacing = finite(min_label_spacing_px) ? std::max(min_label_spacing_px, 1.0) : 1.0;
    const int offset = std::clamp(clock.offset_minutes, kMinOffsetMinutes, kMaxOffsetMinutes);

    TickStep major = std::end(kMajorSteps)[-1];
    for (const TickStep& candidate : kMajorSteps) {
        const bool below_days = candidate.unit == TickUnit::Minute || candidate.unit == TickUnit::Hour;
        if (below_days && !clock.times) continue;
        if (shortest_step_days(candidate) * per_day >= spacing) {
            major = candidate;
            break;
        }
    }
    out.major_unit = major.unit;
    out.major_step = major.step;

    // Everything below works in local minutes (minutes since 1970-01-01T00:00 local).
    const double offset_days = double(offset) / kMinutesPerDay;
    const double first_visible = std::ceil((std::max(r.start_day, kFirstTickDay) + offset_days) * kMinutesPerDay);
    const double last_visible = std::floor((std::min(r.end_day, kLastTickDay) + offset_days) * kMinutesPerDay);
    const int left_day = static_cast<int>(std::floor(std::clamp(r.start_day + offset_days, kFirstTickDay, kLastTickDay - 1)));
    const CivilDate left = civil_from_days(left_day);
    const bool name_era = era_named.value_or(left.year <= 0);  // a view that begins BC names the era of AD years too
    switch (out.major_unit) {
    case TickUnit::Minute:
    case TickUnit::Hour:
        out.context = day_and_month(left) + " " + year_text(left.year) + " (" + format_utc_offset(offset) + ")";
        break;
    case TickUnit::Day: out.context = std::string(kMonthAbbreviations[left.month - 1]) + " " + year_text(left.year); break;
    case TickUnit::Week:
    case TickUnit::Month:
    case TickUnit::Quarter: out.context = year_text(left.year); break;
    case TickUnit::Year:
    case TickUnit::Decade:
    case TickUnit::Century: break;
    }
    if (first_visible > last_visible) return out;
    const auto first = static_cast<std::int64_t>(first_visible), last = static_cast<std::int64_t>(last_visible);

    for_each_tick_minute(major, first, last,
                         [&](std::int64_t m) { out.major.push_back(make_tick(major, m, offset, r, width, name_era)); });

    const std::optional<TickStep> minor = minor_step_of(major, clock.times);
    if (!minor || shortest_step_days(*minor) * per_day < kMinMinorTickSpacingPx) return out;
    out.minor_unit = minor->unit;
    out.minor_step = minor->step;
    std::size_t next_major = 0;
    const std::int64_t offset64 = offset;
    for_each_tick_minute(*minor, first, last, [&](std::int64_t m) {
        const double day = static_cast<double>(m - offset64) / kMinutesPerDay;
        while (next_major < out.major.size() && out.major[next_major].day < day) ++next_major;
        if (next_major < out.major.size() && out.major[next_major].day == day) return;
        out.minor.push_back(make_tick(*minor, m, offset, r, width, name_era));
    });
    return out;
}

} // namespace

TimeTicks make_ticks(const TimeRange& range, double width, double min_label_spacing_px, const TickClock& clock) {
    return ticks_naming_era(range, width, min_label_spacing_px, clock, std::nullopt);
}

TimeTicks make_ticks(const TimeRange& axis_range, double width, double min_label_spacing_px, const TickClock& clock,
                     const TimeWarp& warp) {
    if (warp.breaks.empty()) return make_ticks(axis_range, width, min_label_spacing_px, clock);
    TimeTicks out;
    if (!finite(axis_range.start_day) || !finite(axis_range.end_day)) return out;
    const TimeRange r = ordered(axis_range);
    const double per_day = pixels_per_day(r, width);
    bool first_part = true;
    std::optional<bool> era_named;  // as the view's first part names it
    // The ticks of the days d0..d1, a part between breaks, in view.
    const auto add_part = [&](double d0, double d1) {
        const double x0 = (warp.to_axis(d0) - r.start_day) * per_day, part_width = (d1 - d0) * per_day;
        if (!(part_width >= 1)) return;  // narrower, make_ticks would take it as 1 px wide, at another step
        if (!era_named) era_named = civil_from_days(static_cast<int>(std::floor(std::clamp(d0, kFirstTickDay, kLastTickDay - 1)))).year <= 0;
        TimeTicks part = ticks_naming_era({d0, d1}, part_width, min_label_spacing_px, clock, era_named);
        for (std::vector<Tick>* ticks : {&part.major, &part.minor})
            for (Tick& tick : *ticks) tick.x += x0;
        // A part without a major tick says the larger unit, or its year, all the same.
        std::string name = part.context;
        if (part.major.empty() && name.empty()) name = year_text(civil_from_days(static_cast<int>(std::floor(std::clamp((d0 + d1) / 2, kFirstTickDay, kLastTickDay - 1)))).year, *era_named);
        if (first_part) {
            out.major_unit = part.major_unit, out.major_step = part.major_step;
            out.minor_unit = part.minor_unit, out.minor_step = part.minor_step;
            out.context = name;
        } else if (part.major.empty()) {
            out.breaks.back().after = name;
        } else if (std::string& label = part.major.front().label; name.starts_with(label)) {
            label = name;  // "Jun" of day ticks, in a part of June 2006: "Jun 2006"
        } else if (label.find(name) == std::string::npos) {
            label += " " + name;  // "Jun 5" of week ticks: "Jun 5 2006"; a year says it already
        }
        first_part = false;
        for (Tick& tick : part.major) out.major.push_back(std::move(tick));
        for (Tick& tick : part.minor) out.minor.push_back(std::move(tick));
    };
    double from = warp.to_day(r.start_day);
    for (const TimeBreak& b : warp.breaks) {
        const double bx0 = (warp.to_axis(b.start_day) - r.start_day) * per_day, bx1 = bx0 + b.axis_days * per_day;
        if (bx1 < 0) continue;  // before the view
        if (bx0 > width) break;
        add_part(from, b.start_day);
        out.breaks.push_back({bx0, bx1, gap_length_text(b.gap_days), {}});
        from = std::max(from, b.end_day);
    }
    add_part(from, warp.to_day(r.end_day));
    return out;
}

// [SECTION] Label lanes ------------------------------------------------------------------------

std::vector<LaneSlot> assign_lanes(std::span<const LaneItem> items, int max_lanes, double min_gap_px) {
    std::vector<LaneSlot> slots(items.size());
    const double gap = finite(min_gap_px) && min_gap_px > 0 ? min_gap_px : 0.0;

    std::vector<std::size_t> order = identity_order(items.size());
    stable_sort_indices(order, [&](std::size_t a, std::size_t b) { return items[a].priority > items[b].priority; });

    // Each lane holds extents that keep the gap between them, sorted by start then end;
    // then their ends are sorted too, so only the two neighbours of a new extent can clash.
    std::vector<std::set<std::pair<double, double>>> lanes(static_cast<std::size_t>(std::max(max_lanes, 0)));
    auto fits = [&](const std::set<std::pair<double, double>>& lane, double x0, double x1) {
        const auto after = lane.lower_bound({x0, -std::numeric_limits<double>::infinity()});
        if (after != lane.end() && after->first < x1 + gap) return false;
        if (after != lane.begin() && x0 < std::prev(after)->second + gap) return false;
        return true;
    };

    for (std::size_t index : order) {
        LaneSlot& slot = slots[index];
        slot.hidden = true;
        double x0 = items[index].x0, x1 = items[index].x1;
        if (!finite(x0) || !finite(x1)) continue;
        if (x1 < x0) std::swap(x0, x1);
        for (std::size_t lane = 0; lane < lanes.size(); ++lane) {
            if (!fits(lanes[lane], x0, x1)) continue;
            lanes[lane].insert({x0, x1});
            slot.lane = static_cast<int>(lane);
            slot.hidden = false;
            break;
        }
    }
    return slots;
}

} // namespace explainer
