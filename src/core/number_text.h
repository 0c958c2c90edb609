// Numbers as text: as the explainer writes them for readers, and decimal text as the
// web build reads it (src/platform/main_web.cpp's strtod).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace explainer {

// Rounded to a whole number, with thousands separated by commas: 3472.6 -> "3,473".
std::string thousands(double value);

// The decimal number at the start of a text, read as strtod reads one: white space, an
// optional sign, digits with an optional point (at least one digit), an optional
// exponent ("e", a sign, digits). strtod's hexadecimal numbers, infinities and NaNs are
// not read: no JSON number is one, and JSON numbers are what the web build reads.
struct DecimalText {
    std::size_t start = 0;   // where the number's sign or first digit is, after white space
    std::size_t length = 0;  // characters read from the text's start; 0: no number there
    bool negative = false;
    // The value is significand x 10^exponent, when every significant digit fits in the
    // significand (at most 19 of them; leading zeros are not significant).
    std::uint64_t significand = 0;
    std::int64_t exponent = 0;
    bool significand_whole = true;
};
DecimalText read_decimal(const char* text);

// The double nearest a decimal's value, when one IEEE multiplication or division of
// exact doubles gives it (Clinger's fast path: a significand up to 2^53 and a power of
// ten up to 10^22: any coordinate or year written with up to 15 digits); nothing otherwise.
std::optional<double> exact_double(const DecimalText& decimal);

} // namespace explainer
