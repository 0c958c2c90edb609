#include "core/print_format.h"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace explainer {
namespace {

// The text so far: bytes past the room are counted, not written, so the length is what
// the whole text would take.
struct Output {
    char* out;
    std::size_t room;
    std::size_t length = 0;
    void put(char c) {
        if (length + 1 < room) out[length] = c;
        ++length;
    }
    void put(std::string_view text) {
        for (char c : text) put(c);
    }
    void repeat(char c, int count) {
        for (; count > 0; --count) put(c);
    }
};

enum class Size { Default, Char, Short, Long, LongLong, Max, SizeT, PtrDiff, LongDouble };

struct Spec {
    bool left = false, plus = false, space = false, alternate = false, zero = false;
    int width = 0;
    int precision = -1;  // none given
    Size size = Size::Default;
    char conversion = 0;
};

// A width or precision written in digits; absurd ones are capped rather than overflowed.
int read_count(const char*& at) {
    int count = 0;
    for (; *at >= '0' && *at <= '9'; ++at) count = std::min(count * 10 + (*at - '0'), 1 << 20);
    return count;
}

Size read_size(const char*& at) {
    switch (*at) {
    case 'h': return *++at == 'h' ? (++at, Size::Char) : Size::Short;
    case 'l': return *++at == 'l' ? (++at, Size::LongLong) : Size::Long;
    case 'j': return ++at, Size::Max;
    case 'z': return ++at, Size::SizeT;
    case 't': return ++at, Size::PtrDiff;
    case 'L': return ++at, Size::LongDouble;
    default: return Size::Default;
    }
}

// The specification after a '%', up to and with its conversion; `at` is left after it.
Spec read_spec(const char*& at, std::va_list* args) {
    Spec spec;
    for (;; ++at) {
        if (*at == '-') spec.left = true;
        else if (*at == '+') spec.plus = true;
        else if (*at == ' ') spec.space = true;
        else if (*at == '#') spec.alternate = true;
        else if (*at == '0') spec.zero = true;
        else break;
    }
    if (*at == '*') {
        ++at;
        spec.width = va_arg(*args, int);
        if (spec.width < 0) spec.left = true, spec.width = spec.width == INT_MIN ? 0 : -spec.width;
    } else {
        spec.width = read_count(at);
    }
    if (*at == '.') {
        ++at;
        if (*at == '*') ++at, spec.precision = std::max(-1, va_arg(*args, int));
        else spec.precision = read_count(at);
    }
    spec.size = read_size(at);
    spec.conversion = *at;
    if (*at) ++at;
    return spec;
}

// `body` of `length` bytes, padded with spaces to the field's width.
template <typename Body>
void put_field(Output& o, const Spec& spec, int length, Body&& body) {
    if (!spec.left) o.repeat(' ', spec.width - length);
    body();
    if (spec.left) o.repeat(' ', spec.width - length);
}

std::string_view sign_of(const Spec& spec, bool negative) {
    return negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
}

void put_integer(Output& o, const Spec& spec, std::uintmax_t magnitude, bool negative) {
    const char c = spec.conversion;
    const unsigned base = c == 'o' ? 8 : (c == 'x' || c == 'X' || c == 'p') ? 16 : 10;
    const char* numerals = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char digits[24];
    int count = 0;
    for (std::uintmax_t v = magnitude; v; v /= base) digits[count++] = numerals[v % base];
    int zeros = std::max(0, (spec.precision < 0 ? 1 : spec.precision) - count);
    if (c == 'o' && spec.alternate && zeros == 0 && (count == 0 || digits[count - 1] != '0')) zeros = 1;
    std::string_view prefix = (c == 'd' || c == 'i') ? sign_of(spec, negative) : "";
    if (c == 'p' || (spec.alternate && magnitude != 0 && base == 16)) prefix = c == 'X' ? "0X" : "0x";
    if (c == 'p' && magnitude == 0) zeros = 1;
    int length = int(prefix.size()) + zeros + count;
    if (spec.zero && !spec.left && spec.precision < 0 && spec.width > length) zeros += spec.width - length, length = spec.width;
    put_field(o, spec, length, [&] {
        o.put(prefix);
        o.repeat('0', zeros);
        while (count) o.put(digits[--count]);
    });
}

void put_double(Output& o, const Spec& spec, double value, FormatDouble format_double) {
    const bool upper = spec.conversion >= 'A' && spec.conversion <= 'Z';
    const std::string_view sign = sign_of(spec, std::signbit(value));
    if (!std::isfinite(value)) {
        const std::string_view word = std::isnan(value) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        put_field(o, spec, int(sign.size() + word.size()), [&] { o.put(sign), o.put(word); });
        return;
    }
    const char conversion = char(spec.conversion | 0x20);
    int precision = spec.precision < 0 ? 6 : spec.precision;
    if (conversion == 'g' && precision == 0) precision = 1;
    // The longest: DBL_MAX in %f, 309 digits, a point and the precision's digits.
    char digits[512];
    const int count = std::min<int>(format_double(std::fabs(value), conversion, precision, spec.alternate, digits, sizeof digits), sizeof digits);
    if (upper) std::transform(digits, digits + count, digits, [](char c) { return c == 'e' ? 'E' : c; });
    int zeros = 0;
    int length = int(sign.size()) + count;
    if (spec.zero && !spec.left && spec.width > length) zeros = spec.width - length, length = spec.width;
    put_field(o, spec, length, [&] {
        o.put(sign);
        o.repeat('0', zeros);
        o.put(std::string_view(digits, std::size_t(count)));
    });
}

std::intmax_t signed_argument(Size size, std::va_list* args) {
    switch (size) {
    case Size::Char: return static_cast<signed char>(va_arg(*args, int));
    case Size::Short: return static_cast<short>(va_arg(*args, int));
    case Size::Long: return va_arg(*args, long);
    case Size::LongLong: return va_arg(*args, long long);
    case Size::Max: return va_arg(*args, std::intmax_t);
    case Size::SizeT: return static_cast<std::intmax_t>(va_arg(*args, std::size_t));
    case Size::PtrDiff: return va_arg(*args, std::ptrdiff_t);
    default: return va_arg(*args, int);
    }
}

std::uintmax_t unsigned_argument(Size size, std::va_list* args) {
    switch (size) {
    case Size::Char: return static_cast<unsigned char>(va_arg(*args, unsigned));
    case Size::Short: return static_cast<unsigned short>(va_arg(*args, unsigned));
    case Size::Long: return va_arg(*args, unsigned long);
    case Size::LongLong: return va_arg(*args, unsigned long long);
    case Size::Max: return va_arg(*args, std::uintmax_t);
    case Size::SizeT: return va_arg(*args, std::size_t);
    case Size::PtrDiff: return static_cast<std::uintmax_t>(va_arg(*args, std::ptrdiff_t));
    default: return va_arg(*args, unsigned);
    }
}

// One conversion; false for one this formatter does not do (L, %a, %n, wide characters),
// which is then copied as written.
bool put_conversion(Output& o, const Spec& spec, std::va_list* args, FormatDouble format_double) {
    switch (spec.conversion) {
    case '%': o.put('%'); return true;
    case 'd': case 'i': {
        const std::intmax_t value = signed_argument(spec.size, args);
        put_integer(o, spec, value < 0 ? 0 - std::uintmax_t(value) : std::uintmax_t(value), value < 0);
        return true;
    }
    case 'u': case 'o': case 'x': case 'X':
        put_integer(o, spec, unsigned_argument(spec.size, args), false);
        return true;
    case 'p':
        put_integer(o, spec, reinterpret_cast<std::uintptr_t>(va_arg(*args, void*)), false);
        return true;
    case 'c':
        if (spec.size != Size::Default) return false;
        put_field(o, spec, 1, [&] { o.put(char(va_arg(*args, int))); });
        return true;
    case 's': {
        if (spec.size != Size::Default) return false;
        const char* text = va_arg(*args, const char*);
        if (!text) text = "(null)";
        const std::size_t length = spec.precision < 0 ? std::strlen(text) : strnlen(text, std::size_t(spec.precision));
        put_field(o, spec, int(length), [&] { o.put(std::string_view(text, length)); });
        return true;
    }
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
        if (spec.size == Size::LongDouble) return false;
        put_double(o, spec, va_arg(*args, double), format_double);
        return true;
    default: return false;
    }
}

} // namespace

int format_printf(char* out, std::size_t room, const char* format, std::va_list args, FormatDouble format_double) {
    Output o{out, room};
    std::va_list copy;
    va_copy(copy, args);
    for (const char* at = format; *at;) {
        if (*at != '%') {
            o.put(*at++);
            continue;
        }
        const char* start = at++;
        const Spec spec = read_spec(at, &copy);
        if (!put_conversion(o, spec, &copy, format_double)) {
            assert(!"format_printf: a conversion it does not format (L, %a, %n, %lc, %ls)");
            o.put(std::string_view(start, std::size_t(at - start)));
        }
    }
    va_end(copy);
    if (room) out[std::min(o.length, room - 1)] = 0;
    return int(o.length);
}

} // namespace explainer
