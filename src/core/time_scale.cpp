// The timeline's geometry (see time_scale.h).
//
// Index
// - [SECTION] Mapping
// - [SECTION] Limits, zoom and pan
// - [SECTION] Fitting the data
// - [SECTION] Ticks
// - [SECTION] Label lanes

#include "time_scale.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <utility>

#include "dates.h"

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

TimeLimits limits_around(const TimeRange& extent, double margin_fraction) {
    TimeLimits limits;
    if (!finite(extent.start_day) || !finite(extent.end_day)) return limits;
    const TimeRange data = ordered(extent);
    const double fraction = finite(margin_fraction) && margin_fraction > 0 ? margin_fraction : 0.0;
    const double margin = std::max(fraction * (data.end_day - data.start_day), kMinSpanDays * 0.5);
    limits.bounds = TimeRange{data.start_day - margin, data.end_day + margin};
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

// [SECTION] Fitting the data ---------------------------------------------------------------

std::optional<TimeRange> data_extent(std::span<const DateSpan> spans) {
    if (spans.empty()) return std::nullopt;
    int first = spans.front().start_day, last = spans.front().end_day;
    for (const DateSpan& span : spans) {
        first = std::min({first, span.start_day, span.end_day});
        last = std::max({last, span.start_day, span.end_day});
    }
    // The last day is inclusive: the extent runs to its end.
    return TimeRange{static_cast<double>(first), static_cast<double>(last) + 1.0};
}

TimeRange fit_range(std::span<const DateSpan> spans, double padding_fraction) {
    const std::optional<TimeRange> extent = data_extent(spans);
    if (!extent) return {0.0, kMinSpanDays};
    const double span = extent->end_day - extent->start_day;
    const double padding = finite(padding_fraction) && padding_fraction > 0 ? padding_fraction * span : 0.0;
    TimeRange r{extent->start_day - padding, extent->end_day + padding};
    if (r.end_day - r.start_day < kMinSpanDays) {
        const double centre = (extent->start_day + extent->end_day) * 0.5;
        r = {centre - kMinSpanDays * 0.5, centre + kMinSpanDays * 0.5};
    }
    return r;
}

std::vector<DateSpan> timeline_spans(const Pack& pack) {
    std::vector<DateSpan> spans;
    for (const Entity& entity : pack.entities)
        if (entity.date) spans.push_back(*entity.date);
    spans.push_back(pack.article.published);
    return spans;
}

// [SECTION] Ticks ----------------------------------------------------------------------------

namespace {

// Ticks are only made for about +-8000 years around 1970, where the civil-date
// arithmetic on int is safe by a wide margin.
constexpr double kFirstTickDay = -3'000'000;
constexpr double kLastTickDay = 3'000'000;

constexpr TickUnit kUnitsFineToCoarse[] = {TickUnit::Day,     TickUnit::Week, TickUnit::Month,
                                           TickUnit::Quarter, TickUnit::Year, TickUnit::Decade};

const char* const kMonthAbbreviations[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int floor_div(int a, int b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }
int floor_mod(int a, int b) { return a - floor_div(a, b) * b; }

// The shortest instance of each unit, so spacing by it is a guarantee, not an average.
double shortest_days(TickUnit unit) {
    switch (unit) {
    case TickUnit::Day: return 1;
    case TickUnit::Week: return 7;
    case TickUnit::Month: return 28;      // February
    case TickUnit::Quarter: return 90;    // January to March of a common year
    case TickUnit::Year: return 365;
    case TickUnit::Decade: return 3652;   // ten years with two leap days (1900-1909)
    }
    return 1;
}

std::optional<TickUnit> finer_unit(TickUnit unit) {
    switch (unit) {
    case TickUnit::Day: return std::nullopt;
    case TickUnit::Week: return TickUnit::Day;
    case TickUnit::Month: return TickUnit::Week;
    case TickUnit::Quarter: return TickUnit::Month;
    case TickUnit::Year: return TickUnit::Quarter;
    case TickUnit::Decade: return TickUnit::Year;
    }
    return std::nullopt;
}

int months_per_tick(TickUnit unit, int step) {
    switch (unit) {
    case TickUnit::Month: return 1;
    case TickUnit::Quarter: return 3;
    case TickUnit::Year: return 12;
    case TickUnit::Decade: return 120 * step;
    case TickUnit::Day:
    case TickUnit::Week: break;
    }
    return 0;
}

// Calls emit(day) for every day in [first, last] that starts a `step`-fold `unit`,
// in increasing order, at most kMaxTicks times.
template <class Emit>
void for_each_tick_day(TickUnit unit, int step, int first, int last, Emit&& emit) {
    std::size_t count = 0;
    if (unit == TickUnit::Day || unit == TickUnit::Week) {
        int day = first;
        if (unit == TickUnit::Week) day += floor_mod(-(first + 3), 7);  // 1970-01-01 was a Thursday
        const int stride = unit == TickUnit::Week ? 7 : 1;
        for (; day <= last && count < kMaxTicks; day += stride, ++count) emit(day);
        return;
    }
    const int months = months_per_tick(unit, step);
    const CivilDate date = civil_from_days(first);
    int month_index = date.year * 12 + (date.month - 1);  // months since year 0
    if (days_from_civil({date.year, date.month, 1}) < first) ++month_index;
    month_index += floor_mod(-month_index, months);
    for (; count < kMaxTicks; month_index += months, ++count) {
        const int day = days_from_civil({floor_div(month_index, 12), floor_mod(month_index, 12) + 1, 1});
        if (day > last) break;
        emit(day);
    }
}

Tick make_tick(TickUnit unit, int day, const TimeRange& range, double width) {
    Tick tick;
    tick.day = day;
    tick.x = day_to_x(range, width, day);
    const CivilDate date = civil_from_days(day);
    const std::string year = std::to_string(date.year);
    const std::string month = kMonthAbbreviations[date.month - 1];
    switch (unit) {
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
        tick.starts_larger_unit = floor_mod(date.year, 10) == 0;
        tick.label = year;
        break;
    case TickUnit::Decade:
        tick.starts_larger_unit = floor_mod(date.year, 100) == 0;
        tick.label = year;
        break;
    }
    return tick;
}

} // namespace

const char* tick_unit_name(TickUnit unit) {
    switch (unit) {
    case TickUnit::Day: return "day";
    case TickUnit::Week: return "week";
    case TickUnit::Month: return "month";
    case TickUnit::Quarter: return "quarter";
    case TickUnit::Year: return "year";
    case TickUnit::Decade: return "decade";
    }
    return "day";
}

TimeTicks make_ticks(const TimeRange& range, double width, double min_label_spacing_px) {
    TimeTicks out;
    if (!finite(range.start_day) || !finite(range.end_day)) return out;
    const TimeRange r = ordered(range);
    const double per_day = pixels_per_day(r, width);
    const double spacing = finite(min_label_spacing_px) ? std::max(min_label_spacing_px, 1.0) : 1.0;

    out.major_unit = TickUnit::Decade;
    for (TickUnit unit : kUnitsFineToCoarse) {
        if (shortest_days(unit) * per_day >= spacing) {
            out.major_unit = unit;
            break;
        }
    }
    if (out.major_unit == TickUnit::Decade) {
        // Beyond three decades a screen could not hold: every 2, 5, 10, 20, ... decades.
        static constexpr int kMantissas[3] = {1, 2, 5};
        for (int i = 0, power = 1; power <= 10'000; ++i) {
            const int step = kMantissas[i % 3] * power;
            out.major_step = step;
            if (shortest_days(TickUnit::Decade) * step * per_day >= spacing) break;
            if (i % 3 == 2) power *= 10;
        }
    }

    const double first_visible = std::ceil(std::max(r.start_day, kFirstTickDay));
    const double last_visible = std::floor(std::min(r.end_day, kLastTickDay));
    const CivilDate left = civil_from_days(static_cast<int>(std::clamp(std::floor(r.start_day), kFirstTickDay, kLastTickDay)));
    switch (out.major_unit) {
    case TickUnit::Day: out.context = std::string(kMonthAbbreviations[left.month - 1]) + " " + std::to_string(left.year); break;
    case TickUnit::Week:
    case TickUnit::Month:
    case TickUnit::Quarter: out.context = std::to_string(left.year); break;
    case TickUnit::Year:
    case TickUnit::Decade: break;
    }
    if (first_visible > last_visible) return out;
    const int first = static_cast<int>(first_visible), last = static_cast<int>(last_visible);

    for_each_tick_day(out.major_unit, out.major_step, first, last,
                      [&](int day) { out.major.push_back(make_tick(out.major_unit, day, r, width)); });

    const std::optional<TickUnit> minor = finer_unit(out.major_unit);
    if (!minor || shortest_days(*minor) * per_day < kMinMinorTickSpacingPx) return out;
    out.minor_unit = minor;
    std::size_t next_major = 0;
    for_each_tick_day(*minor, 1, first, last, [&](int day) {
        while (next_major < out.major.size() && out.major[next_major].day < day) ++next_major;
        if (next_major < out.major.size() && out.major[next_major].day == day) return;
        out.minor.push_back(make_tick(*minor, day, r, width));
    });
    return out;
}

// [SECTION] Label lanes ------------------------------------------------------------------------

std::vector<LaneSlot> assign_lanes(std::span<const LaneItem> items, int max_lanes, double min_gap_px) {
    std::vector<LaneSlot> slots(items.size());
    const double gap = finite(min_gap_px) && min_gap_px > 0 ? min_gap_px : 0.0;

    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return items[a].priority > items[b].priority; });

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
