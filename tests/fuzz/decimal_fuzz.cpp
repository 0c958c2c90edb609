// libFuzzer target for the web build's reading of numbers (read_decimal and exact_double,
// which src/platform/main_web.cpp's strtod uses for every number of a pack), against the
// C library's strtod on the same text. Invariants (a violation aborts, in any build):
// - read_decimal stops where strtod stops, for every text strtod reads as a decimal number
//   (strtod's hexadecimal numbers, infinities and NaNs are left out);
// - exact_double, when it gives a value, gives strtod's to the bit.
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <strings.h>

#include "core/number_text.h"

namespace {

using namespace explainer;

// Whether strtod would read `text` as something other than a decimal number.
bool not_decimal_for_strtod(const char* text) {
    while (std::isspace(static_cast<unsigned char>(*text))) ++text;
    if (*text == '+' || *text == '-') ++text;
    return strncasecmp(text, "0x", 2) == 0 || strncasecmp(text, "inf", 3) == 0 || strncasecmp(text, "nan", 3) == 0;
}

void fail(const char* what, const std::string& text) {
    std::fprintf(stderr, "decimal_fuzz: %s for \"%s\"\n", what, text.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);  // stops at a NUL, as strtod
    if (not_decimal_for_strtod(text.c_str())) return 0;
    char* end = nullptr;
    const double expected = std::strtod(text.c_str(), &end);
    const DecimalText decimal = read_decimal(text.c_str());
    if (decimal.length != std::size_t(end - text.c_str())) fail("read_decimal stops elsewhere than strtod", text);
    if (const std::optional<double> value = exact_double(decimal)) {
        if (std::bit_cast<std::uint64_t>(*value) != std::bit_cast<std::uint64_t>(expected))
            fail("exact_double differs from strtod", text);
    }
    return 0;
}
