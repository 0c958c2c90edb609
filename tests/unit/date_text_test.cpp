#include "core/date_text.h"
#include "core/dates.h"

#include <gtest/gtest.h>

using namespace explainer;

namespace {
int day(const char* iso) { return *parse_iso_day(iso); }
} // namespace

TEST(DateText, DescribesDaysMonthsYearsAndRanges) {
    EXPECT_EQ(describe_days(day("2015-11-13"), day("2015-11-13"), false), "13 November 2015");
    EXPECT_EQ(describe_days(day("2015-11-16"), day("2015-11-19"), true), "about 16\xE2\x80\x93" "19 November 2015");
    EXPECT_EQ(describe_days(day("2015-10-01"), day("2015-10-31"), true), "about October 2015");
    EXPECT_EQ(describe_days(day("2016-02-01"), day("2016-02-29"), false), "February 2016");
    EXPECT_EQ(describe_days(day("2014-01-01"), day("2014-12-31"), true), "about 2014");
    EXPECT_EQ(describe_days(day("2015-08-01"), day("2015-11-30"), false), "August\xE2\x80\x93November 2015");
    EXPECT_EQ(describe_days(day("2015-11-09"), day("2015-12-02"), false), "9 November\xE2\x80\x93" "2 December 2015");
    EXPECT_EQ(describe_days(day("2014-12-30"), day("2015-01-02"), false),
              "30 December 2014\xE2\x80\x93" "2 January 2015");
}

TEST(DateText, MonthNames) {
    EXPECT_EQ(month_name(1), "January");
    EXPECT_EQ(short_month_name(11), "Nov");
    EXPECT_EQ(month_name(13), "?");
}
