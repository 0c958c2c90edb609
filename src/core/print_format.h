// printf's formatting, as the web build's vsnprintf (src/platform/main_web.cpp). musl's
// printf formats doubles in 128-bit long double, which wasm does in software: about 3.3 KB
// of the engine after gzip for the few numbers the app and Dear ImGui write ("%.2f",
// "%g"). Here every conversion but the floating-point ones is formatted in C++, and
// those are handed to a FormatDouble (the web build's is the browser's Number.toFixed and
// toExponential, which round the exact binary value as printf does).
#pragma once
#include <cstdarg>
#include <cstddef>

namespace explainer {

// Writes the digits of `magnitude` (never negative, never infinite or NaN) for the
// conversion ('f', 'e' or 'g', in lower case) at `precision` digits (printf's meaning for
// the conversion; -1: none given), with printf's '#' flag when `alternate`, into `out`
// (at most `room` bytes, no terminating zero). Returns the length of the whole text,
// which may be more than `room`.
using FormatDouble = int (*)(double magnitude, char conversion, int precision, bool alternate, char* out, int room);

// vsnprintf: flags (- + space # 0), width and precision (digits or *), the length
// modifiers hh h l ll j z t, and the conversions d i u o x X c s p % f F e E g G. Writes
// at most `room` bytes with the terminating zero and returns the length the whole text
// would have, as vsnprintf does. Long double arguments (L), %a and %n are not formatted
// (asserted in debug builds; the specification is copied as it stands otherwise).
int format_printf(char* out, std::size_t room, const char* format, std::va_list args, FormatDouble format_double);

} // namespace explainer
