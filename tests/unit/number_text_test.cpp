// Shared helpers of the core the panels used to copy: thousands, add_months, name_of,
// the easing curves.
#include <gtest/gtest.h>

#include "core/dates.h"
#include "core/easing.h"
#include "core/number_text.h"
#include "core/pack.h"
#include "support/pack_builder.h"

namespace explainer {
namespace {

TEST(Thousands, RoundsAndGroups) {
    EXPECT_EQ(thousands(0), "0");
    EXPECT_EQ(thousands(999.4), "999");
    EXPECT_EQ(thousands(999.5), "1,000");
    EXPECT_EQ(thousands(3472.6), "3,473");
    EXPECT_EQ(thousands(1234567), "1,234,567");
    EXPECT_EQ(thousands(-2158.2), "-2,158");
}

int day(int y, int m, int d) { return days_from_civil({y, m, d}); }

TEST(AddMonths, KeepsTheDayAndClampsToTheMonth) {
    EXPECT_EQ(add_months(day(2015, 11, 13), 1), day(2015, 12, 13));
    EXPECT_EQ(add_months(day(2015, 11, 13), 2), day(2016, 1, 13));     // across a year
    EXPECT_EQ(add_months(day(2016, 3, 31), -1), day(2016, 2, 29));     // leap February
    EXPECT_EQ(add_months(day(2015, 3, 31), -1), day(2015, 2, 28));
    EXPECT_EQ(add_months(day(2015, 1, 31), -13), day(2013, 12, 31));   // back across years
    EXPECT_EQ(add_months(day(1, 1, 1), 12 * 9998 + 11), day(9999, 12, 1));
    EXPECT_EQ(add_months(day(1969, 12, 15), 1), day(1970, 1, 15));     // the epoch
    EXPECT_EQ(add_months(day(1, 2, 15), -1), day(1, 1, 15));
}

TEST(Easing, EndsAndMiddle) {
    for (double (*ease)(double) : {+[](double t) { return ease_smooth(t); }, +[](double t) { return ease_in_out_cubic(t); }}) {
        EXPECT_DOUBLE_EQ(ease(0), 0);
        EXPECT_DOUBLE_EQ(ease(1), 1);
        EXPECT_DOUBLE_EQ(ease(0.5), 0.5);
        EXPECT_DOUBLE_EQ(ease(-1), 0);  // clamped
        EXPECT_DOUBLE_EQ(ease(2), 1);
        EXPECT_LT(ease(0.25), 0.25);    // slow start
    }
}

TEST(PackNameOf, NamesAnEntityOrNothing) {
    Pack pack;
    test_support::add_entity(pack, "jm-berger", EntityKind::Person, "J.M. Berger");
    EXPECT_EQ(pack.name_of("jm-berger"), "J.M. Berger");
    EXPECT_EQ(pack.name_of("nobody"), "");
    EXPECT_EQ(pack.name_of(""), "");
}

} // namespace
} // namespace explainer
