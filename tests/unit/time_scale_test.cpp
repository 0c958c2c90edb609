// The timeline's geometry: mapping, limits, zoom/pan, fitting, calendar ticks, lanes.
// Tick expectations come from the calendar (month lengths, weekdays of known dates),
// not from the code under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/time_scale.h"

namespace explainer {
namespace {

double day(const char* iso) { return *parse_iso_day(iso); }
int iday(const char* iso) { return *parse_iso_day(iso); }

DateSpan span(const char* from, const char* to) {
    DateSpan s;
    s.start_day = iday(from);
    s.end_day = iday(to);
    return s;
}

// [SECTION] Mapping -----------------------------------------------------------------

TEST(TimeScale, EndsMapToEdgesAndConversionsRoundTrip) {
    for (const TimeRange range : {TimeRange{day("2015-01-01"), day("2016-01-01")}, TimeRange{-500.25, -497.0},
                                  TimeRange{-4000.0, 9000.0}}) {
        for (double width : {1.0, 321.0, 1600.0}) {
            EXPECT_NEAR(day_to_x(range, width, range.start_day), 0.0, 1e-9);
            EXPECT_NEAR(day_to_x(range, width, range.end_day), width, 1e-6);
            EXPECT_NEAR(pixels_per_day(range, width) * (range.end_day - range.start_day), width, 1e-6);
            for (double f = -0.5; f <= 1.5; f += 0.125) {
                const double d = range.start_day + f * (range.end_day - range.start_day);
                EXPECT_NEAR(x_to_day(range, width, day_to_x(range, width, d)), d, 1e-6);
                const double x = f * width;
                EXPECT_NEAR(day_to_x(range, width, x_to_day(range, width, x)), x, 1e-6);
            }
        }
    }
}

TEST(TimeScale, DegenerateInputsStayFinite) {
    const TimeRange empty{100.0, 100.0};
    EXPECT_TRUE(std::isfinite(day_to_x(empty, 800, 101.0)));
    EXPECT_TRUE(std::isfinite(x_to_day(empty, 800, 5.0)));
    EXPECT_TRUE(std::isfinite(x_to_day({0, 10}, 0.0, 5.0)));
    EXPECT_TRUE(std::isfinite(x_to_day({0, 10}, -3.0, 5.0)));
    EXPECT_TRUE(std::isfinite(x_to_day({0, 10}, NAN, 5.0)));
}

// [SECTION] Limits, zoom and pan -------------------------------------------------------

TEST(TimeScale, ClampKeepsSpanWithinLimitsAboutTheCentre) {
    const TimeLimits free;
    const TimeRange tiny = clamp_range({1000.0, 1000.5}, free);
    EXPECT_NEAR(tiny.end_day - tiny.start_day, kMinSpanDays, 1e-9);
    EXPECT_NEAR((tiny.start_day + tiny.end_day) / 2, 1000.25, 1e-9);

    const TimeRange huge = clamp_range({-5e6, 5e6}, free);
    EXPECT_NEAR(huge.end_day - huge.start_day, kMaxSpanDays, 1e-6);
    EXPECT_NEAR((huge.start_day + huge.end_day) / 2, 0.0, 1e-6);
    // Zoomed out as far as years -9999...9999 go.
    EXPECT_GT(kMaxSpanDays, double(kLastDay) - kFirstDay);
    EXPECT_LT(kMaxSpanDays, 20'001 * 366.0);

    const TimeRange fine = clamp_range({16000.0, 16400.0}, free);
    EXPECT_DOUBLE_EQ(fine.start_day, 16000.0);
    EXPECT_DOUBLE_EQ(fine.end_day, 16400.0);

    const TimeRange reversed = clamp_range({16400.0, 16000.0}, free);
    EXPECT_DOUBLE_EQ(reversed.start_day, 16000.0);
    EXPECT_DOUBLE_EQ(reversed.end_day, 16400.0);
}

TEST(TimeScale, ClampSlidesIntoBounds) {
    TimeLimits limits;
    limits.bounds = TimeRange{1000.0, 2000.0};
    TimeRange r = clamp_range({900.0, 1100.0}, limits);
    EXPECT_DOUBLE_EQ(r.start_day, 1000.0);
    EXPECT_DOUBLE_EQ(r.end_day, 1200.0);
    r = clamp_range({1950.0, 2150.0}, limits);
    EXPECT_DOUBLE_EQ(r.start_day, 1800.0);
    EXPECT_DOUBLE_EQ(r.end_day, 2000.0);
    // Wider than the bounds: the bounds.
    r = clamp_range({0.0, 5000.0}, limits);
    EXPECT_DOUBLE_EQ(r.start_day, 1000.0);
    EXPECT_DOUBLE_EQ(r.end_day, 2000.0);
    // Bounds narrower than the minimum span: the minimum span, centred on them.
    limits.bounds = TimeRange{500.0, 501.0};
    r = clamp_range({0.0, 5000.0}, limits);
    EXPECT_NEAR(r.end_day - r.start_day, kMinSpanDays, 1e-9);
    EXPECT_NEAR((r.start_day + r.end_day) / 2, 500.5, 1e-9);
}

TEST(TimeScale, ClampTurnsNonsenseIntoSomethingShowable) {
    TimeLimits limits;
    TimeRange r = clamp_range({NAN, 5.0}, limits);
    EXPECT_DOUBLE_EQ(r.start_day, 0.0);
    EXPECT_DOUBLE_EQ(r.end_day, kMinSpanDays);
    limits.bounds = TimeRange{1000.0, 2000.0};
    r = clamp_range({0.0, INFINITY}, limits);
    EXPECT_DOUBLE_EQ(r.start_day, 1000.0);
    EXPECT_DOUBLE_EQ(r.end_day, 2000.0);
    r = clamp_range({-1e308, 1e308}, limits);
    EXPECT_DOUBLE_EQ(r.start_day, 1000.0);
    EXPECT_DOUBLE_EQ(r.end_day, 2000.0);
    r = clamp_range({-1e308, 1e308}, TimeLimits{});
    EXPECT_TRUE(std::isfinite(r.start_day));
    EXPECT_NEAR(r.end_day - r.start_day, kMaxSpanDays, 1e-3);
}

TEST(TimeScale, LimitsAroundAddAMarginOfTheData) {
    const TimeLimits limits = limits_around({1000.0, 1400.0}, 0.25);
    ASSERT_TRUE(limits.bounds.has_value());
    EXPECT_DOUBLE_EQ(limits.bounds->start_day, 900.0);
    EXPECT_DOUBLE_EQ(limits.bounds->end_day, 1500.0);
    const TimeLimits one_day = limits_around({1000.0, 1001.0}, 0.1);
    ASSERT_TRUE(one_day.bounds.has_value());
    EXPECT_GE(one_day.bounds->end_day - one_day.bounds->start_day, kMinSpanDays);
    EXPECT_FALSE(limits_around({NAN, 1.0}, 0.1).bounds.has_value());
}

TEST(TimeScale, ZoomKeepsTheDayUnderThePointer) {
    const TimeLimits free;
    const TimeRange range{day("2015-01-01"), day("2016-01-01")};
    const double width = 900;
    for (double x : {0.0, 1.0, 250.0, 450.0, 899.0, 900.0}) {
        for (double factor : {1.1, 2.0, 0.5, 1.0 / 1.1, 7.0}) {
            const TimeRange z = zoom_about(range, width, x, factor, free);
            EXPECT_NEAR(x_to_day(z, width, x), x_to_day(range, width, x), 1e-6) << x << " " << factor;
            EXPECT_NEAR(z.end_day - z.start_day, (range.end_day - range.start_day) / factor, 1e-6);
        }
    }
}

TEST(TimeScale, ZoomStopsAtTheLimits) {
    TimeLimits limits = limits_around({day("2014-06-01"), day("2015-12-01")}, 0.2);
    TimeRange r{day("2015-01-01"), day("2015-07-01")};
    const double anchor = x_to_day(r, 600, 200);
    for (int i = 0; i < 60; ++i) r = zoom_about(r, 600, 200, 1.5, limits);
    EXPECT_NEAR(r.end_day - r.start_day, kMinSpanDays, 1e-6);
    EXPECT_NEAR(x_to_day(r, 600, 200), anchor, 1e-6) << "zooming in far from the bounds never slides";
    for (int i = 0; i < 60; ++i) r = zoom_about(r, 600, 200, 1 / 1.5, limits);
    EXPECT_NEAR(r.start_day, limits.bounds->start_day, 1e-6);
    EXPECT_NEAR(r.end_day, limits.bounds->end_day, 1e-6);

    limits.bounds.reset();
    for (int i = 0; i < 60; ++i) r = zoom_about(r, 600, 200, 1 / 1.5, limits);
    EXPECT_NEAR(r.end_day - r.start_day, kMaxSpanDays, 1e-6);

    const TimeRange same = zoom_about(r, 600, 200, NAN, limits);
    EXPECT_DOUBLE_EQ(same.end_day - same.start_day, r.end_day - r.start_day);
    const TimeRange negative = zoom_about(r, 600, 200, -2.0, limits);
    EXPECT_DOUBLE_EQ(negative.end_day - negative.start_day, r.end_day - r.start_day);
}

TEST(TimeScale, PanMovesTheContentWithThePointer) {
    const TimeLimits free;
    const TimeRange range{day("2015-10-01"), day("2015-12-01")};
    const double width = 610;
    for (double dx : {-300.0, -1.0, 0.0, 1.0, 42.0, 300.0}) {
        const TimeRange p = pan_by_pixels(range, width, dx, free);
        // What was under x is now under x + dx.
        EXPECT_NEAR(x_to_day(p, width, 100 + dx), x_to_day(range, width, 100), 1e-6);
        EXPECT_NEAR(p.end_day - p.start_day, range.end_day - range.start_day, 1e-9);
    }
    const TimeLimits limits = limits_around({day("2015-10-01"), day("2015-12-01")}, 0.1);
    const TimeRange stopped = pan_by_pixels(range, width, 1e6, limits);
    EXPECT_NEAR(stopped.start_day, limits.bounds->start_day, 1e-9);
    EXPECT_NEAR(stopped.end_day - stopped.start_day, range.end_day - range.start_day, 1e-9);
    const TimeRange unchanged = pan_by_pixels(range, width, NAN, free);
    EXPECT_DOUBLE_EQ(unchanged.start_day, range.start_day);
}

// [SECTION] Fitting the data -----------------------------------------------------------

TEST(TimeScale, FitCoversEveryDayOfEverySpan) {
    const std::vector<DateSpan> spans = {span("2015-11-13", "2015-11-13"), span("2015-10-01", "2015-10-31"),
                                         span("2015-11-20", "2015-11-20")};
    const std::optional<TimeRange> extent = data_extent(spans);
    ASSERT_TRUE(extent.has_value());
    EXPECT_DOUBLE_EQ(extent->start_day, day("2015-10-01"));
    EXPECT_DOUBLE_EQ(extent->end_day, day("2015-11-21"));  // the 20th is covered to its end

    const TimeRange fitted = fit_range(spans, 0.1).value();
    const double padding = 0.1 * (day("2015-11-21") - day("2015-10-01"));
    EXPECT_NEAR(fitted.start_day, day("2015-10-01") - padding, 1e-9);
    EXPECT_NEAR(fitted.end_day, day("2015-11-21") + padding, 1e-9);

    const TimeRange unpadded = fit_range(spans, -1.0).value();
    EXPECT_DOUBLE_EQ(unpadded.start_day, extent->start_day);
    EXPECT_DOUBLE_EQ(unpadded.end_day, extent->end_day);
}

TEST(TimeScale, FitOfOneDayIsTheMinimumSpanAroundIt) {
    const std::vector<DateSpan> spans = {span("2015-11-13", "2015-11-13")};
    const TimeRange r = fit_range(spans, 0.1).value();
    EXPECT_NEAR(r.end_day - r.start_day, kMinSpanDays, 1e-9);
    EXPECT_NEAR((r.start_day + r.end_day) / 2, day("2015-11-13") + 0.5, 1e-9);
    EXPECT_FALSE(data_extent({}).has_value());
    EXPECT_FALSE(fit_range({}, 0.1).has_value()) << "no date is no range, not the minimum span from 1 January 1970";
}

TEST(TimeScale, TimelineSpansIncludeThePublicationDate) {
    Pack pack;
    pack.article.published = span("2015-11-21", "2015-11-21");
    pack.article.published.iso = "2015-11-21";
    Entity event;
    event.id = "paris-attacks";
    event.kind = EntityKind::Event;
    event.date = span("2015-11-13", "2015-11-13");
    pack.entities.push_back(event);
    Entity place;
    place.id = "paris";
    pack.entities.push_back(place);
    const std::vector<DateSpan> spans = timeline_spans(pack);
    ASSERT_EQ(spans.size(), 2u);
    const std::optional<TimeRange> extent = data_extent(spans);
    EXPECT_DOUBLE_EQ(extent->start_day, day("2015-11-13"));
    EXPECT_DOUBLE_EQ(extent->end_day, day("2015-11-22"));
}

// The editor shows a pack that does not validate by its article's text alone: no dated
// entity and no publication date (its DateSpan empty, its days 0). That is no date at all,
// not 1 January 1970: no extent, so the timeline draws no axis.
TEST(TimeScale, APackWithoutAnyDateHasNoExtent) {
    Pack pack;
    pack.entities.resize(1);
    EXPECT_TRUE(timeline_spans(pack).empty());
    EXPECT_TRUE(default_view_spans(pack).empty());
    EXPECT_FALSE(data_extent(timeline_spans(pack)));
    EXPECT_FALSE(default_timeline(pack)) << "and no range to open on";
    // A dated entity is still shown without one.
    pack.entities[0].date = span("1863-07-01", "1863-07-03");
    const std::optional<TimeRange> extent = data_extent(timeline_spans(pack));
    ASSERT_TRUE(extent);
    EXPECT_DOUBLE_EQ(extent->start_day, day("1863-07-01"));
    EXPECT_EQ(default_view_spans(pack).size(), 1u);
}

// [SECTION] Ticks ------------------------------------------------------------------------

int weekday_from_monday(int d) {
    // 2015-11-16 was a Monday.
    return ((d - iday("2015-11-16")) % 7 + 7) % 7;
}

// Years as decade and century ticks count them: 100 BC is -100, AD 1 (the era's tick) 0.
int tick_number(int astronomical_year) { return astronomical_year <= 0 ? astronomical_year - 1 : astronomical_year == 1 ? 0 : astronomical_year; }

// Ticks at UTC (offset 0): minute and hour ticks on whole multiples of their step, the
// rest at midnight.
bool starts_unit(TickUnit unit, double when, int step) {
    const long long minute = std::llround(when * 1440);
    if (std::fabs(minute - when * 1440) > 1e-6) return false;
    if (unit == TickUnit::Minute) return minute % step == 0;
    if (unit == TickUnit::Hour) return minute % (60 * step) == 0;
    if (minute % 1440 != 0) return false;
    const int d = static_cast<int>(minute / 1440);
    const CivilDate c = civil_from_days(d);
    switch (unit) {
    case TickUnit::Minute:
    case TickUnit::Hour:
    case TickUnit::Day: return true;
    case TickUnit::Week: return weekday_from_monday(d) == 0;
    case TickUnit::Month: return c.day == 1;
    case TickUnit::Quarter: return c.day == 1 && (c.month - 1) % 3 == 0;
    case TickUnit::Year: return c.day == 1 && c.month == 1;
    // Decades and centuries are counted without a year zero: 10 BC (astronomical -9), AD 1, AD 10.
    case TickUnit::Decade: return c.day == 1 && c.month == 1 && tick_number(c.year) % (10 * step) == 0;
    case TickUnit::Century: return c.day == 1 && c.month == 1 && tick_number(c.year) % (100 * step) == 0;
    }
    return false;
}

void expect_well_formed(const TimeTicks& ticks, const TimeRange& r, double width, double spacing) {
    SCOPED_TRACE(std::string(tick_unit_name(ticks.major_unit)) + " over " + std::to_string(r.end_day - r.start_day) +
                 " days at " + std::to_string(width) + " px");
    for (std::size_t i = 0; i < ticks.major.size(); ++i) {
        const Tick& t = ticks.major[i];
        EXPECT_GE(t.day, r.start_day);
        EXPECT_LE(t.day, r.end_day);
        EXPECT_NEAR(t.x, day_to_x(r, width, t.day), 1e-6);
        EXPECT_TRUE(starts_unit(ticks.major_unit, t.day, ticks.major_step)) << format_iso_day(t.day);
        EXPECT_FALSE(t.label.empty());
        if (i > 0) {
            EXPECT_GT(t.day, ticks.major[i - 1].day);
            EXPECT_GE(t.x - ticks.major[i - 1].x, spacing - 1e-9) << t.label;
        }
    }
    for (std::size_t i = 0; i < ticks.minor.size(); ++i) {
        const Tick& t = ticks.minor[i];
        ASSERT_TRUE(ticks.minor_unit.has_value());
        EXPECT_TRUE(starts_unit(*ticks.minor_unit, t.day, 1)) << format_iso_day(t.day);
        EXPECT_GE(t.day, r.start_day);
        EXPECT_LE(t.day, r.end_day);
        for (const Tick& m : ticks.major) EXPECT_NE(m.day, t.day);
        if (i > 0) {
            EXPECT_GT(t.day, ticks.minor[i - 1].day);
            EXPECT_GE(t.x - ticks.minor[i - 1].x, kMinMinorTickSpacingPx - 1e-9);
        }
    }
}

TEST(TimeScale, TicksAreIncreasingAlignedAndSpacedForEveryZoom) {
    const double centre = day("2015-11-13") + 0.3;
    for (double span_days = kMinSpanDays; span_days <= kMaxSpanDays * 1.01; span_days *= 1.37) {
        for (double width : {180.0, 640.0, 1900.0}) {
            for (double spacing : {30.0, 72.0}) {
                const TimeRange r{centre - span_days * 0.4, centre + span_days * 0.6};
                const TimeTicks ticks = make_ticks(r, width, spacing);
                expect_well_formed(ticks, r, width, spacing);
                // The unit is the finest that is readable: one finer would be too dense.
                EXPECT_LE(ticks.major.size(), static_cast<std::size_t>(width / spacing) + 1);
            }
        }
    }
}

TEST(TimeScale, UnitGoesFromDecadesToDaysAsTheSpanShrinks) {
    const double width = 800, spacing = 60;
    const double centre = day("2015-11-13");
    std::vector<TickUnit> units;
    for (double span_days = 30 * 365.2425; span_days >= kMinSpanDays; span_days /= 1.25)
        units.push_back(make_ticks({centre - span_days / 2, centre + span_days / 2}, width, spacing).major_unit);
    ASSERT_FALSE(units.empty());
    EXPECT_EQ(units.front(), TickUnit::Decade);  // 30 years in 800 px: a year is 27 px
    EXPECT_EQ(units.back(), TickUnit::Day);      // 3 days in 800 px
    for (std::size_t i = 1; i < units.size(); ++i) EXPECT_LE(units[i], units[i - 1]);
    // Every unit shows up on the way down.
    for (TickUnit u : {TickUnit::Decade, TickUnit::Year, TickUnit::Quarter, TickUnit::Month, TickUnit::Week,
                       TickUnit::Day})
        EXPECT_NE(std::find(units.begin(), units.end(), u), units.end()) << tick_unit_name(u);
}

TEST(TimeScale, MonthTicksFollowTheCalendarAcrossLeapFebruaries) {
    struct Case {
        const char* from;
        const char* to;
        std::vector<int> gaps;  // days between consecutive month starts, from the calendar
    };
    const Case cases[] = {
        {"2015-12-01", "2016-04-01", {31, 31, 29, 31}},  // 2016 is a leap year
        {"2014-12-01", "2015-04-01", {31, 31, 28, 31}},
        {"1899-12-01", "1900-04-01", {31, 31, 28, 31}},  // 1900 is not
        {"1999-12-01", "2000-04-01", {31, 31, 29, 31}},  // 2000 is
        {"1968-12-01", "1969-04-01", {31, 31, 28, 31}},  // before the epoch
    };
    for (const Case& c : cases) {
        // 60 px per month is readable at 55 px; weeks (14 px) are not.
        const TimeRange r{day(c.from), day(c.to)};
        const TimeTicks ticks = make_ticks(r, 2.0 * (r.end_day - r.start_day), 55);
        ASSERT_EQ(ticks.major_unit, TickUnit::Month) << c.from;
        ASSERT_EQ(ticks.major.size(), c.gaps.size() + 1) << c.from;
        EXPECT_EQ(ticks.major.front().day, iday(c.from));
        for (std::size_t i = 0; i < c.gaps.size(); ++i)
            EXPECT_EQ(ticks.major[i + 1].day - ticks.major[i].day, c.gaps[i]) << c.from << " month " << i;
    }
}

TEST(TimeScale, LabelsNameTheUnitAndMarkLargerOnes) {
    // Months: January is labelled with its year.
    TimeRange r{day("2015-09-15"), day("2016-03-15")};
    TimeTicks ticks = make_ticks(r, 900, 60);
    ASSERT_EQ(ticks.major_unit, TickUnit::Month);
    std::vector<std::string> labels;
    for (const Tick& t : ticks.major) {
        labels.push_back(t.label);
        EXPECT_EQ(t.starts_larger_unit, t.label == "2016");
    }
    EXPECT_EQ(labels, (std::vector<std::string>{"Oct", "Nov", "Dec", "2016", "Feb", "Mar"}));
    EXPECT_EQ(ticks.context, "2015");

    // Days: numbers, the 1st says its month, 1 January its year.
    r = {day("2015-12-29"), day("2016-01-03") - 0.5};
    ticks = make_ticks(r, 1000, 40);
    ASSERT_EQ(ticks.major_unit, TickUnit::Day);
    labels.clear();
    for (const Tick& t : ticks.major) labels.push_back(t.label);
    EXPECT_EQ(labels, (std::vector<std::string>{"29", "30", "31", "2016", "2"}));
    EXPECT_TRUE(ticks.major[3].starts_larger_unit);
    EXPECT_FALSE(ticks.major[2].starts_larger_unit);
    EXPECT_EQ(ticks.context, "Dec 2015");
    r = {day("2015-10-30"), day("2015-11-02")};
    ticks = make_ticks(r, 1000, 40);
    ASSERT_GE(ticks.major.size(), 3u);
    EXPECT_EQ(ticks.major[2].label, "Nov");
    EXPECT_TRUE(ticks.major[2].starts_larger_unit);

    // Weeks: Mondays, "Nov 16".
    r = {day("2015-10-20"), day("2015-12-20")};
    ticks = make_ticks(r, 800, 60);
    ASSERT_EQ(ticks.major_unit, TickUnit::Week);
    ASSERT_FALSE(ticks.major.empty());
    EXPECT_EQ(ticks.major.front().label, "Oct 26");
    EXPECT_FALSE(ticks.major.front().starts_larger_unit);
    EXPECT_EQ(ticks.major[1].label, "Nov 2");
    EXPECT_TRUE(ticks.major[1].starts_larger_unit);
    EXPECT_EQ(ticks.context, "2015");
    EXPECT_EQ(ticks.minor_unit, TickUnit::Day);
    EXPECT_EQ(ticks.minor.size(), 62u - ticks.major.size());  // 2015-10-20 .. 2015-12-20 are 62 days

    // Years: the decade is marked.
    r = {day("2005-06-01"), day("2016-06-01")};
    ticks = make_ticks(r, 1200, 60);
    ASSERT_EQ(ticks.major_unit, TickUnit::Year);
    EXPECT_EQ(ticks.major.front().label, "2006");
    for (const Tick& t : ticks.major) EXPECT_EQ(t.starts_larger_unit, t.label == "2010");
    EXPECT_EQ(ticks.context, "");
}

TEST(TimeScale, TimedPacksGetMinutesAndHoursInTheirLocalTime) {
    const double evening = day("1989-11-09");
    // 18:00-23:45 at UTC+1 is 17:00Z-22:45Z.
    const TimeRange r{evening + 17.0 / 24, evening + 22.75 / 24};
    const TimeTicks ticks = make_ticks(r, 1000, 64, {true, 60});
    EXPECT_EQ(ticks.major_unit, TickUnit::Minute);
    EXPECT_EQ(ticks.major_step, 30);
    ASSERT_FALSE(ticks.major.empty());
    EXPECT_EQ(ticks.major.front().label, "18:00");
    EXPECT_NEAR(ticks.major.front().day, evening + 17.0 / 24, 1e-9);
    EXPECT_EQ(ticks.context, "9 Nov 1989 (UTC+1)");
    // Without times the same view counts days, as packs without times always did.
    EXPECT_EQ(make_ticks(r, 1000, 64).major_unit, TickUnit::Day);
    // Midnight says the day.
    const TimeTicks night = make_ticks({evening + 20.0 / 24, evening + 28.0 / 24}, 1000, 64, {true, 0});
    EXPECT_EQ(night.major_unit, TickUnit::Hour);
    bool midnight = false;
    for (const Tick& t : night.major) midnight = midnight || (t.label == "10 Nov" && t.starts_larger_unit);
    EXPECT_TRUE(midnight);
}

TEST(TimeScale, CenturiesForFiveCenturies) {
    const TimeRange r{double(day("1330-01-01")), double(day("1910-01-01"))};
    // 580 years in 600 px: a half-century would be 52 px, a century is 103 px.
    const TimeTicks ticks = make_ticks(r, 600, 64);
    EXPECT_EQ(ticks.major_unit, TickUnit::Century);
    ASSERT_FALSE(ticks.major.empty());
    EXPECT_EQ(ticks.major.front().label, "1400");
    EXPECT_EQ(ticks.context, "");
}

std::vector<std::string> labels(const std::vector<Tick>& ticks) {
    std::vector<std::string> out;
    for (const Tick& t : ticks) out.push_back(t.label);
    return out;
}

TEST(TimeScale, TicksBeforeAD1CountWithoutAYearZero) {
    using Labels = std::vector<std::string>;
    // Centuries: 100 BC, AD 1 (in place of year zero, which does not exist), AD 100.
    const TimeRange centuries{double(day("-0249-01-01")), double(day("0250-01-01"))};
    const TimeTicks c = make_ticks(centuries, 600, 64);
    EXPECT_EQ(c.major_unit, TickUnit::Century);
    EXPECT_EQ(labels(c.major), (Labels{"200 BC", "100 BC", "AD 1", "AD 100", "AD 200"}));
    expect_well_formed(c, centuries, 600, 64);
    // Decades.
    const TimeRange decades{double(day("-0030-01-01")), double(day("0030-01-01"))};
    const TimeTicks d = make_ticks(decades, 600, 64);
    EXPECT_EQ(d.major_unit, TickUnit::Decade);
    EXPECT_EQ(labels(d.major), (Labels{"30 BC", "20 BC", "10 BC", "AD 1", "AD 10", "AD 20", "AD 30"}));
    // The era's tick begins its view's larger unit.
    EXPECT_TRUE(d.major[3].starts_larger_unit);
    EXPECT_FALSE(d.major[2].starts_larger_unit);
    expect_well_formed(d, decades, 600, 64);
    // Years: 1 BC is followed by AD 1.
    const TimeRange years{double(day("-0003-07-01")), double(day("0003-07-01"))};
    const TimeTicks y = make_ticks(years, 600, 64);
    EXPECT_EQ(y.major_unit, TickUnit::Year);
    EXPECT_EQ(labels(y.major), (Labels{"3 BC", "2 BC", "1 BC", "AD 1", "AD 2", "AD 3"}));
    expect_well_formed(y, years, 600, 64);
    // A view that is AD throughout says "AD" only below the year 1000.
    EXPECT_EQ(make_ticks({double(day("0070-01-01")), double(day("0090-01-01"))}, 600, 64).major.front().label, "AD 70");
    EXPECT_EQ(make_ticks({double(day("1070-01-01")), double(day("1090-01-01"))}, 600, 64).major.front().label, "1070");
    // Months and days of 44 BC name the year as BC, in the labels and the context.
    const TimeTicks months = make_ticks({double(day("-0044-10-01")), double(day("-0043-06-01"))}, 900, 50);
    EXPECT_EQ(months.major_unit, TickUnit::Month);
    EXPECT_EQ(months.context, "45 BC");
    bool january = false;
    for (const Tick& t : months.major) january = january || (t.label == "44 BC" && t.starts_larger_unit);
    EXPECT_TRUE(january);
    const TimeTicks days = make_ticks({double(day("-0043-03-10")), double(day("-0043-03-20"))}, 900, 50);
    EXPECT_EQ(days.major_unit, TickUnit::Day);
    EXPECT_EQ(days.context, "Mar 44 BC");
}

TEST(TimeScale, TheWholeRangeOfYearsHasWellFormedTicks) {
    for (double width : {320.0, 1200.0}) {
        const TimeRange all{double(kFirstDay), double(kLastDay) + 1};
        expect_well_formed(make_ticks(all, width, 60), all, width, 60);
        const TimeRange first_centuries{double(kFirstDay), double(kFirstDay) + 400 * 365.2425};
        const TimeTicks first = make_ticks(first_centuries, width, 60);
        expect_well_formed(first, first_centuries, width, 60);
        ASSERT_FALSE(first.major.empty());
        EXPECT_EQ(first.major.front().label, "10000 BC");
    }
}

TEST(TimeScale, DefaultViewFitsTheEventsNotThePublication) {
    Pack pack;
    DateSpan battle;
    battle.start_day = day("1863-07-01"), battle.end_day = day("1863-07-03");
    DateSpan address;
    address.start_day = address.end_day = day("1863-11-19");
    pack.entities.resize(2);
    pack.entities[0].date = battle;
    pack.entities[1].date = address;
    pack.article.published.start_day = pack.article.published.end_day = day("2024-01-15");
    pack.article.published.iso = "2024-01-15";
    const TimeRange r = default_timeline(pack).value();
    EXPECT_LE(r.start_day, day("1863-07-01"));
    EXPECT_GE(r.end_day, day("1863-11-20"));
    EXPECT_LT(r.end_day, day("1864-01-01"));
    // The reader may still pan to the publication date.
    const TimeLimits limits = limits_around(*data_extent(timeline_spans(pack)), 0.25, min_span_for(pack));
    EXPECT_GE(limits.bounds->end_day, day("2024-01-16"));
    EXPECT_EQ(min_span_for(pack), kMinSpanDays);
}

// A pack of events on these dates, published on `published`.
Pack pack_of_dates(std::vector<DateSpan> events, const char* published) {
    Pack pack;
    for (const DateSpan& date : events) {
        Entity event;
        event.kind = EntityKind::Event;
        event.date = date;
        pack.entities.push_back(event);
    }
    pack.article.published = span(published, published);
    pack.article.published.iso = published;
    return pack;
}

// A pack whose events span millennia opened with 8% of its span after the last event as
// well: the Arctic trial pack (2500 BC to 2024, published 2025) opened running to about
// 2386, centuries of empty future. After the story's end (its last event or its publication,
// whichever is later) the view goes a year at most, or 2% of the span for a story of more
// than fifty years; before its first event, and in a short story, it keeps its 8%.
TEST(TimeScale, DefaultViewEndsSoonAfterTheStorysEnd) {
    constexpr double kYear = 365.2425;
    const auto pack_of = pack_of_dates;
    // Millennia, with dates between (a lone date so far off would make a break, below): the
    // first event keeps its 8%, the end stops 2% of the span past publication.
    const Pack arctic = pack_of({span("-2499-01-01", "-2499-12-31"), span("-1200-06-01", "-1200-06-01"), span("0500-06-01", "0500-06-01"),
                                 span("1600-06-01", "1600-06-01"), span("2024-09-02", "2024-09-02")},
                                "2025-01-10");
    ASSERT_TRUE(timeline_warp(arctic).breaks.empty());
    const double arctic_span = day("2024-09-03") - day("-2499-01-01");
    const TimeRange millennia = default_timeline(arctic).value();
    EXPECT_NEAR(millennia.start_day, day("-2499-01-01") - 0.08 * arctic_span, 1e-6);
    EXPECT_NEAR(millennia.end_day, day("2025-01-11") + 0.02 * arctic_span, 1e-6) << "not 2386";
    // Decades: a year past publication.
    const Pack decades = pack_of({span("2001-09-11", "2001-09-11"), span("2011-05-02", "2011-05-02"), span("2021-08-30", "2021-08-30")},
                                 "2021-09-01");
    ASSERT_TRUE(timeline_warp(decades).breaks.empty());
    EXPECT_NEAR(default_timeline(decades).value().end_day, day("2021-09-02") + kYear, 1e-6);
    // An event still to come (after publication) is the story's end.
    const Pack ahead = pack_of({span("1990-01-01", "1990-01-01"), span("2008-01-01", "2008-01-01"), span("2026-05-01", "2026-05-01")},
                               "2025-01-10");
    ASSERT_TRUE(timeline_warp(ahead).breaks.empty());
    EXPECT_NEAR(default_timeline(ahead).value().end_day, day("2026-05-02") + kYear, 1e-6);
    // A short story (the seed's two years) and one told long after it (1863 in 2024) open as before.
    const Pack seed = pack_of({span("2014-01-01", "2014-01-01"), span("2015-11-17", "2015-11-17")}, "2015-11-17");
    EXPECT_EQ(default_timeline(seed), fit_range(default_view_spans(seed), 0.08));
    const Pack gettysburg = pack_of({span("1863-07-01", "1863-07-03"), span("1863-11-19", "1863-11-19")}, "2024-01-15");
    EXPECT_EQ(default_timeline(gettysburg), fit_range(default_view_spans(gettysburg), 0.08));
}

// [SECTION] Breaks ------------------------------------------------------------------

// The seed with one event of 1916 added drew its events of 2014-2015 in one column at the
// right of a century. The century becomes a break, and the dates of 2014-2015 take the
// axis: a linear one on either side, with the days as wide on both.
TEST(TimeScale, AFarLoneDateLeavesTheRestTheAxis) {
    const Pack pack = pack_of_dates({span("1916-05-16", "1916-05-16"), span("2014-06-01", "2015-10-31"), span("2015-10-16", "2015-10-16"),
                                     span("2015-11-13", "2015-11-13")},
                                    "2015-11-19");
    const TimeWarp warp = timeline_warp(pack);
    ASSERT_EQ(warp.breaks.size(), 1u);
    const TimeBreak& b = warp.breaks[0];
    EXPECT_GT(b.start_day, day("1916-05-17"));
    EXPECT_LT(b.end_day, day("2014-06-01"));
    EXPECT_EQ(gap_length_text(b.gap_days), "98 years");
    // Before the break days are axis days; after it, shifted by what the break leaves out.
    EXPECT_EQ(warp.to_axis(day("1916-05-16")), day("1916-05-16"));
    const double hidden = (b.end_day - b.start_day) - b.axis_days;
    EXPECT_NEAR(warp.to_axis(day("2015-11-13")), day("2015-11-13") - hidden, 1e-9);
    for (const double d : {day("1900-01-01"), b.start_day + 10, (b.start_day + b.end_day) / 2, day("2015-01-01"), day("2030-01-01")})
        EXPECT_NEAR(warp.to_day(warp.to_axis(d)), d, 1e-6);
    EXPECT_LT(warp.to_axis(b.start_day + 1), warp.to_axis(b.end_day - 1)) << "the break keeps time's order";
    // The opening view holds every event, and the events of 2014-2015 take most of it.
    const TimeRange open = warp.to_axis(default_timeline(pack).value());
    const double width = 690;
    const auto x = [&](const char* iso) { return day_to_x(open, width, warp.to_axis(day(iso))); };
    EXPECT_GT(x("1916-05-16"), 0);
    EXPECT_LT(x("2015-11-14"), width);
    EXPECT_GT(x("2015-11-13") - x("2014-06-01"), 0.6 * width) << "on a linear axis: 10 px";
    // Ticks on both sides of the break, none in it; after it, the first says its year.
    const TimeTicks ticks = make_ticks(open, width, 64, {}, warp);
    ASSERT_EQ(ticks.breaks.size(), 1u);
    EXPECT_EQ(ticks.breaks[0].skipped, "98 years");
    const double bx0 = ticks.breaks[0].x0, bx1 = ticks.breaks[0].x1;
    EXPECT_GT(bx1 - bx0, 20);
    bool before = false, after = false;
    for (const Tick& tick : ticks.major) {
        EXPECT_TRUE(tick.x <= bx0 || tick.x >= bx1) << tick.label << " at " << tick.x;
        EXPECT_NEAR(tick.x, day_to_x(open, width, warp.to_axis(tick.day)), 1e-6) << tick.label;
        before = before || tick.x < bx0;
        if (tick.x > bx1 && !after) {
            after = true;
            EXPECT_NE(tick.label.find("2014"), std::string::npos) << tick.label;
        }
    }
    EXPECT_TRUE(before && after);
    EXPECT_EQ(ticks.major_unit, TickUnit::Quarter);
    EXPECT_EQ(ticks.context, "1916") << "no tick names the months of 1916 shown: the context does";
    EXPECT_EQ(ticks.breaks[0].after, "");

    // The other way round: two dates of 1916, then the story of 2015, six days no tick
    // names at this scale: the part after the break is named.
    const Pack late = pack_of_dates({span("1916-05-16", "1916-05-16"), span("1916-09-01", "1916-09-01"), span("2015-11-13", "2015-11-13")},
                                    "2015-11-19");
    const TimeWarp late_warp = timeline_warp(late);
    ASSERT_EQ(late_warp.breaks.size(), 1u);
    const TimeTicks late_ticks = make_ticks(late_warp.to_axis(default_timeline(late).value()), width, 64, {}, late_warp);
    ASSERT_EQ(late_ticks.breaks.size(), 1u);
    EXPECT_EQ(late_ticks.breaks[0].after, "2015");
}

// Rome from 47 BC to AD 79, and Pompeii's excavation in 1748: after the break the ticks
// still name the era, as the view begins BC ("AD 1750", not "1750").
TEST(TimeScale, TicksAfterABreakNameTheEraOfAViewThatBeginsBC) {
    const Pack rome = pack_of_dates({span("-0046-01-01", "-0046-12-31"), span("-0043-03-15", "-0043-03-15"), span("0079-01-01", "0079-12-31"),
                                     span("1748-01-01", "1748-12-31")},
                                    "2024-01-15");
    const TimeWarp warp = timeline_warp(rome);
    ASSERT_EQ(warp.breaks.size(), 1u);
    EXPECT_EQ(gap_length_text(warp.breaks[0].gap_days), "1668 years");
    const TimeTicks ticks = make_ticks(warp.to_axis(default_timeline(rome).value()), 690, 64, {}, warp);
    std::vector<std::string> labels;
    for (const Tick& tick : ticks.major) labels.push_back(tick.label);
    EXPECT_NE(std::find(labels.begin(), labels.end(), "AD 1"), labels.end());
    EXPECT_NE(std::find(labels.begin(), labels.end(), "AD 1750"), labels.end()) << ::testing::PrintToString(labels);
    EXPECT_EQ(std::find(labels.begin(), labels.end(), "1750"), labels.end());
}

TEST(TimeScale, NoBreakWhereTheDatesAreSpreadOrAlone) {
    // The seed's dates, two years with dates throughout.
    EXPECT_TRUE(timeline_warp(pack_of_dates({span("2014-06-01", "2015-10-31"), span("2014-08-08", "2014-08-08"), span("2015-11-13", "2015-11-13")},
                                            "2015-11-19"))
                    .breaks.empty());
    // Two lone dates decades apart: a linear axis shows them as well, and truly.
    EXPECT_TRUE(timeline_warp(pack_of_dates({span("1916-05-16", "1916-05-16")}, "2015-11-19")).breaks.empty());
    // A stretch of under a year is no break, however empty.
    EXPECT_TRUE(timeline_warp(pack_of_dates({span("2015-01-01", "2015-01-02"), span("2015-12-01", "2015-12-01")}, "2015-12-02")).breaks.empty());
    // Evenly spread over millennia.
    EXPECT_TRUE(timeline_warp(pack_of_dates({span("-0489-09-01", "-0489-09-01"), span("0330-05-11", "0330-05-11"),
                                             span("1453-05-29", "1453-05-29")},
                                            "2024-05-29"))
                    .breaks.empty());
    // No dates, or one.
    EXPECT_TRUE(warp_for({}).breaks.empty());
    EXPECT_TRUE(warp_for(std::vector<DateSpan>{span("2015-01-01", "2015-01-01")}).breaks.empty());
}

// Marathon and Thermopylae, Constantinople's fall, and a story of 2015 told in 2015: each
// stretch is over three quarters of what the longer ones leave (the ten years between the
// battles, of the ten and a half left), so three breaks, each labelled, in time order, and
// the axis keeps the order of every day.
TEST(TimeScale, SeveralBreaksKeepTimesOrder) {
    const Pack pack = pack_of_dates({span("-0489-09-01", "-0489-09-01"), span("-0479-08-01", "-0479-08-01"), span("1453-05-29", "1453-05-29"),
                                     span("2015-06-01", "2015-06-01"), span("2015-11-13", "2015-11-13")},
                                    "2015-11-19");
    const TimeWarp warp = timeline_warp(pack);
    ASSERT_EQ(warp.breaks.size(), 3u);
    EXPECT_EQ(gap_length_text(warp.breaks[0].gap_days), "10 years");
    EXPECT_EQ(gap_length_text(warp.breaks[1].gap_days), "1932 years");
    EXPECT_EQ(gap_length_text(warp.breaks[2].gap_days), "562 years");
    double last = -1e18;
    for (double d = day("-0500-01-01"); d < day("2016-01-01"); d += 97.3) {
        const double a = warp.to_axis(d);
        EXPECT_GT(a, last);
        last = a;
    }
    EXPECT_EQ(gap_length_text(400), "13 months");
    EXPECT_EQ(gap_length_text(730.5), "2 years");
}

TEST(TimeScale, HugeOrBadRangesStayBoundedAndSpaced) {
    const TimeRange huge{-1e12, 1e12};
    const TimeTicks ticks = make_ticks(huge, 1000, 50);
    EXPECT_EQ(ticks.major_unit, TickUnit::Century);
    EXPECT_GE(ticks.major_step, 1);
    EXPECT_LE(ticks.major.size(), 21u);
    for (std::size_t i = 1; i < ticks.major.size(); ++i) EXPECT_GE(ticks.major[i].x - ticks.major[i - 1].x, 50.0);

    const TimeRange centuries{day("1700-01-01"), day("2100-01-01")};
    const TimeTicks long_view = make_ticks(centuries, 800, 60);
    expect_well_formed(long_view, centuries, 800, 60);
    EXPECT_GT(long_view.major_step, 1);

    EXPECT_TRUE(make_ticks({NAN, 10}, 800, 60).major.empty());
    EXPECT_TRUE(make_ticks({0, INFINITY}, 800, 60).major.empty());
    const TimeTicks tiny_spacing = make_ticks({0, 10000}, 800, 0.0);
    EXPECT_LE(tiny_spacing.major.size(), kMaxTicks);
    EXPECT_LE(tiny_spacing.minor.size(), kMaxTicks);
}

// [SECTION] Label lanes --------------------------------------------------------------------

bool clash(const LaneItem& a, const LaneItem& b, double gap) {
    const double a0 = std::min(a.x0, a.x1), a1 = std::max(a.x0, a.x1);
    const double b0 = std::min(b.x0, b.x1), b1 = std::max(b.x0, b.x1);
    return b0 < a1 + gap && a0 < b1 + gap;
}

TEST(TimeScale, LanesStackOverlapsAndHideTheRest) {
    const std::vector<LaneItem> items = {{0, 100, 0}, {50, 150, 0}, {90, 200, 0}, {120, 130, 0}, {210, 260, 0}};
    const std::vector<LaneSlot> slots = assign_lanes(items, 3);
    ASSERT_EQ(slots.size(), items.size());
    EXPECT_EQ(slots[0].lane, 0);
    EXPECT_EQ(slots[1].lane, 1);
    EXPECT_EQ(slots[2].lane, 2);
    EXPECT_EQ(slots[3].lane, 0);  // after item 0 ends
    EXPECT_EQ(slots[4].lane, 0);
    for (const LaneSlot& s : slots) EXPECT_FALSE(s.hidden);

    const std::vector<LaneSlot> two = assign_lanes(items, 2);
    EXPECT_TRUE(two[2].hidden);
    EXPECT_FALSE(two[3].hidden);
    for (const LaneSlot& s : assign_lanes(items, 0)) EXPECT_TRUE(s.hidden);
}

TEST(TimeScale, LanesServeHigherPriorityFirst) {
    const std::vector<LaneItem> items = {{0, 100, 0}, {50, 150, 5}, {60, 70, 5}};
    const std::vector<LaneSlot> slots = assign_lanes(items, 2);
    EXPECT_EQ(slots[1].lane, 0);
    EXPECT_EQ(slots[2].lane, 1);
    EXPECT_TRUE(slots[0].hidden);
}

TEST(TimeScale, LanesRespectTheGapAndOddInput) {
    const std::vector<LaneItem> touching = {{0, 100, 0}, {100, 200, 0}};
    EXPECT_EQ(assign_lanes(touching, 2)[1].lane, 0);
    EXPECT_EQ(assign_lanes(touching, 2, 4.0)[1].lane, 1);
    const std::vector<LaneItem> odd = {{100, 0, 0}, {50, 60, 0}, {NAN, 10, 9}, {INFINITY, 10, 9}};
    const std::vector<LaneSlot> slots = assign_lanes(odd, 2);
    EXPECT_EQ(slots[0].lane, 0);
    EXPECT_EQ(slots[1].lane, 1);
    EXPECT_TRUE(slots[2].hidden);
    EXPECT_TRUE(slots[3].hidden);
}

TEST(TimeScale, LanesNeverOverlapAndUseTheLowestFreeLane) {
    std::uint32_t seed = 12345;
    auto next = [&] {
        seed = seed * 1664525u + 1013904223u;
        return static_cast<double>(seed >> 8) / static_cast<double>(1u << 24);
    };
    for (int round = 0; round < 40; ++round) {
        const double gap = round % 2 ? 3.0 : 0.0;
        const int max_lanes = 1 + round % 4;
        std::vector<LaneItem> items;
        for (int i = 0; i < 120; ++i) {
            const double x0 = next() * 1000, w = 5 + next() * 120;
            items.push_back({x0, x0 + w, static_cast<int>(next() * 4)});
        }
        const std::vector<LaneSlot> slots = assign_lanes(items, max_lanes, gap);
        // Placement order: priority, then input order.
        auto before = [&](std::size_t a, std::size_t b) {
            return items[a].priority > items[b].priority || (items[a].priority == items[b].priority && a < b);
        };
        for (std::size_t i = 0; i < items.size(); ++i) {
            const int lanes_to_check = slots[i].hidden ? max_lanes : slots[i].lane;
            if (!slots[i].hidden) {
                ASSERT_GE(slots[i].lane, 0);
                ASSERT_LT(slots[i].lane, max_lanes);
            }
            for (std::size_t j = 0; j < items.size(); ++j) {
                if (i == j || slots[j].hidden) continue;
                if (!slots[i].hidden && slots[j].lane == slots[i].lane) {
                    ASSERT_FALSE(clash(items[i], items[j], gap)) << "round " << round << ": " << i << " and " << j;
                }
            }
            // Every lower lane (every lane, if hidden) was blocked by an item placed earlier.
            for (int lane = 0; lane < lanes_to_check; ++lane) {
                bool blocked = false;
                for (std::size_t j = 0; j < items.size() && !blocked; ++j)
                    blocked = j != i && !slots[j].hidden && slots[j].lane == lane && before(j, i) &&
                              clash(items[i], items[j], gap);
                ASSERT_TRUE(blocked) << "round " << round << ": item " << i << " could have used lane " << lane;
            }
        }
    }
}

} // namespace
} // namespace explainer
