// format_printf, the web build's vsnprintf, against the C library's: every conversion the
// app and Dear ImGui use, with flags, widths, precisions and sizes. The doubles' digits
// come from the C library here (the web build's come from the browser), so these check
// what format_printf adds around them: signs, padding, infinities, truncation.
#include "core/print_format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

namespace explainer {
namespace {

int library_digits(double magnitude, char conversion, int precision, bool alternate, char* out, int room) {
    char format[8];
    std::snprintf(format, sizeof format, "%%%s.*%c", alternate ? "#" : "", conversion);
    char text[600];
    const int length = std::snprintf(text, sizeof text, format, precision, magnitude);
    std::memcpy(out, text, std::size_t(std::min(length, room)));
    return length;
}

struct Formatted {
    std::string text;
    int length;
    bool operator==(const Formatted&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Formatted& f) { return out << '"' << f.text << "\" (" << f.length << ')'; }

Formatted ours(std::size_t room, const char* format, ...) {
    char out[512];
    std::memset(out, '#', sizeof out);
    va_list args;
    va_start(args, format);
    const int length = format_printf(out, room, format, args, library_digits);
    va_end(args);
    return {room ? std::string(out) : std::string(), length};
}

Formatted library(std::size_t room, const char* format, ...) {
    char out[512];
    std::memset(out, '#', sizeof out);
    va_list args;
    va_start(args, format);
    const int length = std::vsnprintf(out, room, format, args);
    va_end(args);
    return {room ? std::string(out) : std::string(), length};
}

#define EXPECT_AS_LIBRARY(room, ...) EXPECT_EQ(ours(room, __VA_ARGS__), library(room, __VA_ARGS__)) << #__VA_ARGS__

TEST(PrintFormat, IntegersWithFlagsWidthsAndPrecisions) {
    for (const int value : {0, 7, -7, 42, -42, 123456, std::numeric_limits<int>::max(), std::numeric_limits<int>::min()}) {
        EXPECT_AS_LIBRARY(200, "[%d|%i|%5d|%-5d|%05d|%+d|% d|%.3d|%8.3d|%-+8.3d|%.0d|%+05d]", value, value, value, value,
                          value, value, value, value, value, value, value, value);
        EXPECT_AS_LIBRARY(200, "[%u|%x|%X|%o|%#x|%#X|%#o|%08X|%#08x|%#.0o|%-#10x|%.0x]", unsigned(value), unsigned(value),
                          unsigned(value), unsigned(value), unsigned(value), unsigned(value), unsigned(value),
                          unsigned(value), unsigned(value), unsigned(value), unsigned(value), unsigned(value));
    }
    EXPECT_AS_LIBRARY(200, "[%*d|%-*d|%*d|%.*d|%.*d]", 6, 42, 6, 42, -6, 42, 4, 42, -1, 42);
}

TEST(PrintFormat, IntegerSizes) {
    EXPECT_AS_LIBRARY(200, "[%hhd|%hhu|%hd|%hu|%hhx]", 300, 300, 70000, 70000, -1);
    EXPECT_AS_LIBRARY(200, "[%ld|%lu|%lld|%llu|%llx]", -123456789L, 123456789UL, std::numeric_limits<long long>::min(),
                      std::numeric_limits<unsigned long long>::max(), 0xDEADBEEFCAFEULL);
    EXPECT_AS_LIBRARY(200, "[%zu|%zd|%td|%jd|%ju]", std::size_t(4000000000U), std::ptrdiff_t(-5), std::ptrdiff_t(-9),
                      std::intmax_t(-77), std::uintmax_t(77));
}

TEST(PrintFormat, CharactersStringsAndPercent) {
    EXPECT_AS_LIBRARY(200, "[%c|%3c|%-3c|%%|%5%|%s|%10s|%-10s|%.2s|%.*s|%*.*s]", 'a', 'b', 'c', "text", "right", "left",
                      "cut", 3, "abcdef", 6, 2, "xyz");
    EXPECT_AS_LIBRARY(200, "%s/%s_%08X", "Window", "Child", 0x1234ABCDu);  // Dear ImGui's child window names
    EXPECT_AS_LIBRARY(200, "no conversions at all");
    EXPECT_AS_LIBRARY(200, "");
}

TEST(PrintFormat, DoublesWithSignsPaddingAndSpecialValues) {
    for (const double value : {0.0, -0.0, 1.0, -1.5, 0.125, 33.4342, -43.2967, 1e-5, 123456789.0, 1e21, 1e300, -1e-300}) {
        EXPECT_AS_LIBRARY(300, "[%f|%.2f|%10.3f|%-10.1f|%+f|% f|%010.2f|%.0f|%#.0f]", value, value, value, value, value,
                          value, value, value, value);
        EXPECT_AS_LIBRARY(300, "[%e|%.2E|%+12.3e|%#.0e|%g|%G|%.10g|%#g|%-12g|%012g|%.0g]", value, value, value, value,
                          value, value, value, value, value, value, value);
    }
    for (const double value : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN()}) {
        EXPECT_AS_LIBRARY(200, "[%f|%F|%8.2f|%-8e|%08g|%+G]", value, value, value, value, value, value);
    }
}

TEST(PrintFormat, TruncatesAsTheLibraryDoesAndCountsTheWhole) {
    for (const std::size_t room : {std::size_t(0), std::size_t(1), std::size_t(2), std::size_t(5), std::size_t(11),
                                   std::size_t(12), std::size_t(13)}) {
        EXPECT_AS_LIBRARY(room, "%s %05d %.1f", "truncate", 42, 2.5);
    }
}

TEST(PrintFormat, PointersAreHexadecimalWithTheirPrefix) {
    int here = 0;
    char expected[32];
    std::snprintf(expected, sizeof expected, "0x%jx", std::uintmax_t(reinterpret_cast<std::uintptr_t>(&here)));
    EXPECT_EQ(ours(64, "%p", static_cast<void*>(&here)).text, expected);
    EXPECT_EQ(ours(64, "%p", static_cast<void*>(nullptr)).text, "0x0");
}

} // namespace
} // namespace explainer
