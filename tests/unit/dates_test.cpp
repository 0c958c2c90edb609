// Civil dates <-> days since 1970-01-01, checked against each other over a wide range
// and against a day-by-day walk of the calendar (so neither side is trusted alone).
#include <gtest/gtest.h>

#include <string>

#include "core/dates.h"

namespace explainer {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

TEST(Dates, EpochAndKnownDays) {
    EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
    EXPECT_EQ(days_from_civil({1970, 1, 2}), 1);
    EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
    EXPECT_EQ(days_from_civil({1971, 1, 1}), 365);
    EXPECT_EQ(days_from_civil({1973, 1, 1}), 365 + 365 + 366);  // 1972 is leap
    // 2000-01-01 is 30 years of which 7 leap (72..96): 30*365 + 7.
    EXPECT_EQ(days_from_civil({2000, 1, 1}), 30 * 365 + 7);
}

// Steps `steps` days from `date`, incrementing the civil date by hand with days_in_month;
// every day must agree with both conversions. Returns the date reached.
CivilDate walk_the_calendar(CivilDate date, int steps) {
    int days = days_from_civil(date);
    for (int step = 0; step < steps; ++step) {
        EXPECT_EQ(days_from_civil(date), days) << date.year << "-" << date.month << "-" << date.day;
        const CivilDate back = civil_from_days(days);
        EXPECT_TRUE(back.year == date.year && back.month == date.month && back.day == date.day) << days;
        if (::testing::Test::HasFailure()) break;
        ++days;
        if (++date.day > days_in_month(date.year, date.month)) {
            date.day = 1;
            if (++date.month > 12) {
                date.month = 1;
                ++date.year;
            }
        }
    }
    return date;
}

TEST(Dates, WalkingTheCalendarMatchesBothDirections) {
    // Start far before the epoch and step one day at a time.
    EXPECT_GT(walk_the_calendar({1599, 12, 25}, 600 * 366).year, 2190);
}

TEST(Dates, RoundTripsOverAWideRange) {
    for (int days = -800000; days <= 800000; days += 13) {
        const CivilDate date = civil_from_days(days);
        ASSERT_GE(date.month, 1);
        ASSERT_LE(date.month, 12);
        ASSERT_GE(date.day, 1);
        ASSERT_LE(date.day, days_in_month(date.year, date.month));
        ASSERT_EQ(days_from_civil(date), days);
    }
}

TEST(Dates, MonthLengths) {
    EXPECT_EQ(days_in_month(2015, 2), 28);
    EXPECT_EQ(days_in_month(2016, 2), 29);
    EXPECT_EQ(days_in_month(1900, 2), 28);  // century, not leap
    EXPECT_EQ(days_in_month(2000, 2), 29);  // 400th year, leap
    EXPECT_EQ(days_in_month(2015, 4), 30);
    EXPECT_EQ(days_in_month(2015, 12), 31);
    for (int year = 1890; year <= 2110; ++year) {
        int total = 0;
        for (int month = 1; month <= 12; ++month) total += days_in_month(year, month);
        EXPECT_EQ(total, is_leap(year) ? 366 : 365) << year;
        EXPECT_EQ(days_from_civil({year + 1, 1, 1}) - days_from_civil({year, 1, 1}), total) << year;
    }
}

TEST(Dates, ParseAcceptsRealDays) {
    EXPECT_EQ(parse_iso_day("1970-01-01"), 0);
    EXPECT_EQ(parse_iso_day("2015-11-13"), days_from_civil({2015, 11, 13}));
    EXPECT_EQ(parse_iso_day("2016-02-29"), days_from_civil({2016, 2, 29}));
    EXPECT_EQ(parse_iso_day("2000-02-29"), days_from_civil({2000, 2, 29}));
    EXPECT_EQ(parse_iso_day("1969-12-31"), -1);
    EXPECT_EQ(parse_iso_day("0001-01-01"), days_from_civil({1, 1, 1}));
    EXPECT_EQ(parse_iso_day("2015-12-31"), days_from_civil({2015, 12, 31}));
}

TEST(Dates, ParseRejectsAnythingElse) {
    for (const char* text : {"2015-02-29", "1900-02-29", "2015-13-01", "2015-00-10", "2015-11-00", "2015-11-31",
                             "2015-04-31", "2015-1-01", "2015-01-1", "15-11-13", "2015/11/13", "2015-11-13 ",
                             " 2015-11-13", "2015-11-13T00:00", "20151113", "2015-11-1a", "+015-11-13",
                             "-015-11-13", "2015-+1-13", "", "2015-11-13/2015-11-14"}) {
        EXPECT_FALSE(parse_iso_day(text).has_value()) << '"' << text << '"';
    }
    // An embedded NUL is not a digit either.
    std::string with_nul = "2015-11-13";
    with_nul[8] = '\0';
    EXPECT_FALSE(parse_iso_day(with_nul).has_value());
}

TEST(Dates, FormatPadsAndRoundTrips) {
    EXPECT_EQ(format_iso_day(0), "1970-01-01");
    EXPECT_EQ(format_iso_day(-1), "1969-12-31");
    EXPECT_EQ(format_iso_day(days_from_civil({2015, 11, 13})), "2015-11-13");
    EXPECT_EQ(format_iso_day(days_from_civil({2016, 2, 29})), "2016-02-29");
    EXPECT_EQ(format_iso_day(days_from_civil({999, 3, 7})), "0999-03-07");
    for (int days = days_from_civil({1, 1, 1}); days <= days_from_civil({9999, 12, 31}); days += 7) {
        const std::string text = format_iso_day(days);
        ASSERT_EQ(text.size(), 10u) << text;
        ASSERT_EQ(parse_iso_day(text), days) << text;
    }
}

// [SECTION] Years before AD 1 -------------------------------------------------------------

TEST(Dates, WalkingAcrossYearZeroMatchesBothDirections) {
    // Astronomical years: 0 is 1 BC, a leap year like -4 (5 BC) and every fourth before it.
    EXPECT_EQ(walk_the_calendar({-5, 12, 25}, 8 * 366).year, 3);
    EXPECT_EQ(days_in_month(0, 2), 29);
    EXPECT_EQ(days_in_month(-4, 2), 29);
    EXPECT_EQ(days_in_month(-1, 2), 28);
    EXPECT_EQ(days_in_month(-100, 2), 28);  // a century, not leap
    EXPECT_EQ(days_in_month(-400, 2), 29);
    EXPECT_EQ(days_from_civil({1, 1, 1}) - days_from_civil({0, 1, 1}), 366);
}

TEST(Dates, TheFirstAndLastDaysAreTheYearsBounds) {
    EXPECT_EQ(kFirstDay, days_from_civil({kFirstYear, 1, 1}));
    EXPECT_EQ(kLastDay, days_from_civil({kLastYear, 12, 31}));
    EXPECT_EQ(format_iso_day(kFirstDay), "-9999-01-01");
    EXPECT_EQ(format_iso_day(kLastDay), "9999-12-31");
    EXPECT_FALSE(parse_iso_day("-10000-12-31").has_value());
}

TEST(Dates, SignedYearsParseAndFormat) {
    EXPECT_EQ(parse_iso_year("2015"), 2015);
    EXPECT_EQ(parse_iso_year("0000"), 0);
    EXPECT_EQ(parse_iso_year("-0043"), -43);
    EXPECT_EQ(parse_iso_year("-9999"), -9999);
    for (const char* text : {"-0000", "+2015", "-43", "-00043", "10000", "201", "", "-", "20a5", "-004a"})
        EXPECT_FALSE(parse_iso_year(text).has_value()) << '"' << text << '"';
    EXPECT_EQ(format_iso_year(-43), "-0043");
    EXPECT_EQ(format_iso_year(0), "0000");
    EXPECT_EQ(format_iso_year(79), "0079");
    EXPECT_EQ(parse_iso_day("-0043-03-15"), days_from_civil({-43, 3, 15}));
    EXPECT_EQ(parse_iso_day("0000-02-29"), days_from_civil({0, 2, 29}));
    for (const char* text : {"-0001-02-29", "-0000-01-01", "-043-03-15", "-0043-3-15", "--0043-03-15", "-0043-03-15T10:00Z"})
        EXPECT_FALSE(parse_iso_day(text).has_value()) << '"' << text << '"';
    for (int days = kFirstDay; days <= days_from_civil({1, 1, 1}); days += 11) {
        const std::string text = format_iso_day(days);
        ASSERT_EQ(parse_iso_day(text), days) << text;
    }
}

TEST(Dates, YearsThatAreNumbersButNotWrittenHereAreOutOfRange) {
    for (const char* text : {"10000-01-01", "+2015-01-01", "-44-03-15", "-00043-03-15", "-0000-06-01", "-10000"})
        EXPECT_TRUE(year_out_of_range(text)) << text;
    for (const char* text : {"2015-01-01", "0000-06-01", "-0043-03-15", "-0043", "15-11-13", "-abc", "", "-"})
        EXPECT_FALSE(year_out_of_range(text)) << text;
}

TEST(Dates, TimesBeforeAD1) {
    const DateTimeParse ides = parse_iso_date_time("-0043-03-15T11:00+01:00");
    ASSERT_EQ(ides.error, DateTimeError::None);
    EXPECT_EQ(ides.local_day, days_from_civil({-43, 3, 15}));
    EXPECT_EQ(ides.instant.utc_second, std::int64_t(ides.local_day) * kSecondsPerDay + 10 * 3600);
    EXPECT_EQ(format_iso_date_time(ides.instant), "-0043-03-15T11:00+01:00");
    EXPECT_TRUE(has_time_part("-0043-03-15T11:00Z"));
    EXPECT_EQ(parse_iso_date_time("-43-03-15T11:00Z").error, DateTimeError::YearOutOfRange);
    EXPECT_EQ(parse_iso_date_time("-0043-02-29T11:00Z").error, DateTimeError::BadDate);
}

} // namespace
} // namespace explainer
