// libFuzzer target for the timeline's ticks (issue #11 item 6, time part). The input
// picks a span from a minute to 19999 years, a start within years -9999...9999, a width, a
// label spacing and a clock (with or without times, any allowed UTC offset). For each,
// ticks must be strictly increasing, inside the range, at their mapped x, with
// non-empty labels, the major ones at least the spacing apart and the minor ones never
// on a major tick; nothing may overflow (UBSan) or grow beyond kMaxTicks. Violations abort.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/dates.h"
#include "core/time_scale.h"

namespace {

using namespace explainer;

void require(bool condition, const char* what, double a = 0, double b = 0) {
    if (condition) return;
    std::fprintf(stderr, "time_scale_fuzz: %s [%.17g %.17g]\n", what, a, b);
    std::abort();
}

// A number in [0, 1) from the next 4 input bytes (zeros once the input runs out).
double unit_from(const std::uint8_t*& data, std::size_t& size) {
    std::uint32_t bits = 0;
    const std::size_t n = std::min<std::size_t>(size, 4);
    std::memcpy(&bits, data, n);
    data += n, size -= n;
    return bits / 4294967296.0;
}

void check_list(const std::vector<Tick>& ticks, const TimeRange& r, double width, double spacing) {
    require(ticks.size() <= kMaxTicks, "too many ticks", double(ticks.size()));
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        const Tick& t = ticks[i];
        require(std::isfinite(t.day) && std::isfinite(t.x), "tick not finite", t.day, t.x);
        require(t.day >= r.start_day - 1e-9 && t.day <= r.end_day + 1e-9, "tick outside the range", t.day, r.start_day);
        require(std::fabs(t.x - day_to_x(r, width, t.day)) < 1e-6, "tick x is not its day's x", t.x);
        require(!t.label.empty(), "empty label", t.day);
        if (i > 0) {
            require(t.day > ticks[i - 1].day, "ticks not strictly increasing", ticks[i - 1].day, t.day);
            if (spacing > 0) require(t.x - ticks[i - 1].x >= spacing - 1e-6, "major labels closer than the spacing", t.x - ticks[i - 1].x, spacing);
        }
    }
}

// The axis with breaks (warp_for): dates from the input about the range, some far off. The
// breaks are in order and apart; the axis keeps time's order and gives every day back; the
// ticks across the breaks are increasing, at their days' axis x, none inside a break.
void check_breaks(const std::uint8_t*& data, std::size_t& size, const TimeRange& range, double width, double spacing, const TickClock& clock) {
    std::vector<DateSpan> dates;
    const double span = range.end_day - range.start_day;
    for (int i = 0, n = 1 + int(6 * unit_from(data, size)); i < n; ++i) {
        const double reach = unit_from(data, size) < 0.3 ? 400 * span : span;  // some far off
        const double at = std::clamp(range.start_day + (unit_from(data, size) * 2 - 0.5) * reach, double(kFirstDay), double(kLastDay) - 400);
        DateSpan d;
        d.start_day = int(std::floor(at));
        d.end_day = d.start_day + int(365 * unit_from(data, size) * unit_from(data, size));
        dates.push_back(d);
    }
    const TimeWarp warp = warp_for(dates, clock.times ? kMinTimedSpanDays : kMinSpanDays);
    require(warp.breaks.size() <= std::size_t(kMaxTimeBreaks), "too many breaks", double(warp.breaks.size()));
    for (std::size_t i = 0; i < warp.breaks.size(); ++i) {
        const TimeBreak& b = warp.breaks[i];
        require(b.end_day - b.start_day > b.axis_days && b.axis_days > 0, "a break that hides nothing", b.start_day, b.end_day);
        if (i > 0) require(b.start_day > warp.breaks[i - 1].end_day, "breaks out of order", warp.breaks[i - 1].end_day, b.start_day);
    }
    double last = -INFINITY;
    for (int k = 0; k <= 64; ++k) {
        const double day = range.start_day - 500 * span + k * (1000 * span / 64);
        const double axis = warp.to_axis(day);
        require(axis > last, "the axis does not keep time's order", day, axis);
        // Inside a break a day is an axis point scaled by what the break hides against what
        // it shows (up to millions): it comes back to that many times the axis's precision.
        double hidden_per_shown = 1;
        for (const TimeBreak& b : warp.breaks)
            if (day > b.start_day && day < b.end_day) hidden_per_shown = (b.end_day - b.start_day) / b.axis_days;
        require(std::fabs(warp.to_day(axis) - day) <= 1e-6 * std::max(1.0, std::fabs(day)) * hidden_per_shown, "a day not given back", day,
                warp.to_day(axis));
        last = axis;
    }
    const TimeRange axis_range = warp.to_axis(range);
    const TimeTicks ticks = make_ticks(axis_range, width, spacing, clock, warp);
    for (const std::vector<Tick>* list : {&ticks.major, &ticks.minor}) {
        require(list->size() <= kMaxTicks * (kMaxTimeBreaks + 1), "too many ticks", double(list->size()));
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Tick& t = (*list)[i];
            require(!t.label.empty(), "empty label", t.day);
            require(std::fabs(t.x - day_to_x(axis_range, width, warp.to_axis(t.day))) < 1e-6 * std::max(1.0, width), "tick x is not its day's axis x", t.x);
            if (i > 0) require(t.day > (*list)[i - 1].day && t.x >= (*list)[i - 1].x, "ticks not increasing", (*list)[i - 1].day, t.day);
            // A part's first tick may stand on the break's edge (a thousandth of a px: the
            // edge and the tick are reached by different sums of days millions long).
            for (const TimeTicks::Break& b : ticks.breaks) require(t.x <= b.x0 + 1e-3 || t.x >= b.x1 - 1e-3, "a tick inside a break", t.x, b.x0);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Span: log-uniform from a minute to 19999 years.
    const double min_span = 1.0 / 1440, max_span = 19999 * 365.2425;
    const double span = min_span * std::pow(max_span / min_span, unit_from(data, size));
    const double room = (double(kLastDay) + 1 - kFirstDay) - span;
    const double start = kFirstDay + std::max(room, 0.0) * unit_from(data, size);
    const TimeRange range{start, start + span};
    const double width = 1 + 3999 * unit_from(data, size);
    const double spacing = 1 + 199 * unit_from(data, size);
    const double clock_pick = unit_from(data, size);
    TickClock clock;
    clock.times = clock_pick >= 0.3;
    clock.offset_minutes = clock.times ? kMinOffsetMinutes + int((kMaxOffsetMinutes - kMinOffsetMinutes) * unit_from(data, size)) : 0;

    const TimeTicks ticks = make_ticks(range, width, spacing, clock);
    check_list(ticks.major, range, width, spacing);
    check_list(ticks.minor, range, width, 0);
    require(!ticks.minor_unit || ticks.minor_unit <= ticks.major_unit, "minor unit coarser than major");
    require(ticks.major_step >= 1, "major step", ticks.major_step);
    if (!clock.times) require(ticks.major_unit >= TickUnit::Day, "minutes or hours without times");
    std::size_t m = 0;
    for (const Tick& minor : ticks.minor) {
        while (m < ticks.major.size() && ticks.major[m].day < minor.day) ++m;
        require(m == ticks.major.size() || ticks.major[m].day != minor.day, "minor tick on a major tick", minor.day);
    }
    check_breaks(data, size, range, width, spacing, clock);
    return 0;
}
