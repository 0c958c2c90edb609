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

TEST(DateText, YearsBeforeAD1SayBC) {
    const char* dash = "\xE2\x80\x93";
    EXPECT_EQ(year_text(2015), "2015");
    EXPECT_EQ(year_text(1000), "1000");
    EXPECT_EQ(year_text(79), "AD 79");
    EXPECT_EQ(describe_days(day("0079-01-01"), day("0079-12-31"), false), "AD 79");
    EXPECT_EQ(year_text(0), "1 BC");
    EXPECT_EQ(year_text(-43), "44 BC");
    EXPECT_EQ(describe_days(day("-0043-03-15"), day("-0043-03-15"), false), "15 March 44 BC");
    EXPECT_EQ(describe_days(day("-1299-01-01"), day("-1299-12-31"), true), "about 1300 BC");
    EXPECT_EQ(describe_days(day("-0043-03-01"), day("-0043-03-31"), false), "March 44 BC");
    EXPECT_EQ(describe_days(day("-0043-03-01"), day("-0043-03-15"), false), std::string("1") + dash + "15 March 44 BC");
    // Whole years: one "BC" for two BC years, both eras named across AD 1.
    EXPECT_EQ(describe_days(day("-1199-01-01"), day("-1149-12-31"), false), std::string("1200") + dash + "1150 BC");
    EXPECT_EQ(describe_days(day("-0026-01-01"), day("0014-12-31"), false), std::string("27 BC") + dash + "AD 14");
    EXPECT_EQ(describe_days(day("-0999-01-01"), day("1100-12-31"), false), std::string("1000 BC") + dash + "AD 1100");
    EXPECT_EQ(describe_days(day("-0026-01-16"), day("0014-08-19"), false),
              std::string("16 January 27 BC") + dash + "19 August AD 14");
    EXPECT_EQ(describe_days(day("0000-12-01"), day("0001-01-31"), false), std::string("December 1 BC") + dash + "January AD 1");
}

TEST(DateText, MonthNames) {
    EXPECT_EQ(month_name(1), "January");
    EXPECT_EQ(short_month_name(11), "Nov");
    EXPECT_EQ(month_name(13), "?");
}
