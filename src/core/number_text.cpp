#include "number_text.h"

#include <algorithm>
#include <cmath>

namespace explainer {

std::string thousands(double value) {
    const long long n = std::llround(value);
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

namespace {

constexpr int kMaxSignificantDigits = 19;  // 10^19 - 1 < 2^64
// An exponent's digits stop counting here: 10^100000 is far beyond any double either way,
// and the sum stays far from overflowing.
constexpr std::int64_t kExponentCap = 100000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }  // C's isspace

// Adds one digit of the integer part (fraction false) or of the fraction.
void take_digit(DecimalText& decimal, int& kept, char digit, bool fraction) {
    if (decimal.significand == 0 && digit == '0') {  // a leading zero: only its place counts
        if (fraction) --decimal.exponent;
        return;
    }
    if (kept < kMaxSignificantDigits) {
        decimal.significand = decimal.significand * 10 + std::uint64_t(digit - '0');
        ++kept;
        if (fraction) --decimal.exponent;
    } else {
        decimal.significand_whole = false;
        if (!fraction) ++decimal.exponent;
    }
}

} // namespace

DecimalText read_decimal(const char* text) {
    DecimalText decimal;
    const char* p = text;
    while (is_space(*p)) ++p;
    decimal.start = std::size_t(p - text);
    if (*p == '+' || *p == '-') decimal.negative = *p++ == '-';
    int kept = 0;
    bool any_digit = false;
    for (; is_digit(*p); ++p) take_digit(decimal, kept, *p, false), any_digit = true;
    if (*p == '.' && (any_digit || is_digit(p[1]))) {
        for (++p; is_digit(*p); ++p) take_digit(decimal, kept, *p, true), any_digit = true;
    }
    if (!any_digit) return {};
    if (*p == 'e' || *p == 'E') {
        const char* q = p + 1;
        const bool negative = *q == '-';
        if (*q == '+' || *q == '-') ++q;
        if (is_digit(*q)) {
            std::int64_t exponent = 0;
            for (; is_digit(*q); ++q) exponent = std::min(exponent * 10 + (*q - '0'), kExponentCap);
            decimal.exponent += negative ? -exponent : exponent;
            p = q;
        }
    }
    decimal.length = std::size_t(p - text);
    return decimal;
}

std::optional<double> exact_double(const DecimalText& decimal) {
    // Every power of ten up to 10^22 is a double exactly (5^22 < 2^53).
    static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
        1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    constexpr std::int64_t kLargestPower = 22;
    if (decimal.length == 0 || !decimal.significand_whole) return std::nullopt;
    double value = 0;
    if (decimal.significand != 0) {
        if (decimal.significand > (std::uint64_t(1) << 53)) return std::nullopt;
        if (decimal.exponent < -kLargestPower || decimal.exponent > kLargestPower) return std::nullopt;
        const double significand = double(decimal.significand);
        value = decimal.exponent >= 0 ? significand * kPowersOfTen[decimal.exponent]
                                      : significand / kPowersOfTen[-decimal.exponent];
    }
    return decimal.negative ? -value : value;
}

} // namespace explainer
