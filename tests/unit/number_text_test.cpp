// Shared helpers of the core the panels used to copy: thousands, add_months, name_of,
// the easing curves; and the web build's reading of decimal numbers.
#include <gtest/gtest.h>

#include <bit>
#include <cstdlib>
#include <random>

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

// read_decimal stops where strtod stops, and finds the sign and digits where it does.
TEST(ReadDecimal, ReadsAsFarAsStrtod) {
    for (const char* text : {"36.2021", "-0", "+.5x", "1.", "1.e5", ".e5", ".", "-", "+", "", "e5",
                             "  \t\n42,", "1e", "1e+", "1E-x", "2e-3.5", "007", "-0.000120e+03",
                             "12345678901234567890123", "1e99999999999999999999", "\v\f\r-3"}) {
        char* end = nullptr;
        std::strtod(text, &end);
        const DecimalText decimal = read_decimal(text);
        EXPECT_EQ(decimal.length, std::size_t(end - text)) << '"' << text << '"';
    }
    const DecimalText decimal = read_decimal("  -0.00120e+03 ");
    EXPECT_EQ(decimal.start, 2u);
    EXPECT_EQ(decimal.length, 14u);
    EXPECT_TRUE(decimal.negative);
    EXPECT_EQ(decimal.significand, 120u);  // leading zeros are not significant; trailing ones are
    EXPECT_EQ(decimal.exponent, -2);       // -5 of the fraction, +3 of the exponent
    EXPECT_TRUE(decimal.significand_whole);
    EXPECT_FALSE(read_decimal("12345678901234567890").significand_whole);  // 20 significant digits
    EXPECT_TRUE(read_decimal("0.0000000000000000000001234567890123456789").significand_whole);
}

// Where exact_double gives a value, it is strtod's to the bit; it gives none where one
// operation could round twice.
TEST(ExactDouble, IsStrtodsValueOrNothing) {
    auto strtod_bits = [](const std::string& text) { return std::bit_cast<std::uint64_t>(std::strtod(text.c_str(), nullptr)); };
    auto exact_bits = [](const std::string& text) {
        const std::optional<double> value = exact_double(read_decimal(text.c_str()));
        return value ? std::optional<std::uint64_t>(std::bit_cast<std::uint64_t>(*value)) : std::nullopt;
    };
    for (const char* text : {"36.2021", "-0", "0e400", "-0.0", "1e22", "9007199254740992", "1e-22",
                             "-179.99999999", "44.0", "0.1", "2015"}) {
        EXPECT_EQ(exact_bits(text), strtod_bits(text)) << text;
    }
    EXPECT_EQ(exact_double(read_decimal("-0")).value_or(1), 0.0);
    EXPECT_TRUE(std::signbit(exact_double(read_decimal("-0")).value_or(1)));
    for (const char* text : {"1e23", "1e-23", "9007199254740993", "12345678901234567890", "x", "."})
        EXPECT_FALSE(exact_bits(text)) << text;
    // Random coordinates, years and measures as a pack writes them: up to 17 digits, with the
    // point anywhere and an exponent or not.
    std::mt19937_64 random(20151113);
    int exact = 0;
    for (int i = 0; i < 200000; ++i) {
        std::string digits = std::to_string(random() % (std::uint64_t(1) << (1 + random() % 56)));
        const std::size_t point = random() % (digits.size() + 1);
        std::string text = (random() % 2 ? "-" : "") + digits.substr(0, point) + "." + digits.substr(point);
        if (random() % 4 == 0) text += "e" + std::to_string(int(random() % 61) - 30);
        const std::optional<std::uint64_t> bits = exact_bits(text);
        if (!bits) continue;
        ++exact;
        ASSERT_EQ(*bits, strtod_bits(text)) << text;
    }
    EXPECT_GT(exact, 100000);  // most of them take the fast path
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
