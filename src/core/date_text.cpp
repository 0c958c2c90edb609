#include "date_text.h"

#include "dates.h"
#include "pack.h"

namespace explainer {

namespace {

const char* const kMonths[12] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
const char* const kEnDash = "\xE2\x80\x93";

} // namespace

std::string month_name(int month) { return month >= 1 && month <= 12 ? kMonths[month - 1] : "?"; }
std::string short_month_name(int month) { return month_name(month).substr(0, 3); }

std::string year_text(int year, bool name_era) {
    if (year <= 0) return std::to_string(1 - year) + " BC";
    // "AD 79": a bare "79" reads as a number.
    return name_era || year < 1000 ? "AD " + std::to_string(year) : std::to_string(year);
}

std::string describe_days(int start_day, int end_day, bool approximate) {
    const CivilDate a = civil_from_days(start_day);
    const CivilDate b = civil_from_days(end_day);
    const std::string prefix = approximate ? "about " : "";
    const bool whole_year = a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31;
    const bool whole_months = a.day == 1 && b.day == days_in_month(b.year, b.month);
    // A range from BC into AD names the era of both ends ("27 BC–AD 14").
    const std::string first_year = year_text(a.year);
    const std::string last_year = year_text(b.year, a.year <= 0);
    if (start_day == end_day)
        return prefix + std::to_string(a.day) + " " + month_name(a.month) + " " + first_year;
    if (whole_year && a.year == b.year) return prefix + first_year;
    if (whole_year && b.year <= 0) return prefix + std::to_string(1 - a.year) + kEnDash + last_year;  // "1200–1150 BC"
    if (whole_year) return prefix + first_year + kEnDash + last_year;
    if (whole_months && a.year == b.year && a.month == b.month)
        return prefix + month_name(a.month) + " " + first_year;
    if (whole_months && a.year == b.year)
        return prefix + month_name(a.month) + kEnDash + month_name(b.month) + " " + first_year;
    if (whole_months)
        return prefix + month_name(a.month) + " " + first_year + kEnDash + month_name(b.month) + " " + last_year;
    if (a.year == b.year && a.month == b.month)
        return prefix + std::to_string(a.day) + kEnDash + std::to_string(b.day) + " " + month_name(a.month) + " " + first_year;
    if (a.year == b.year)
        return prefix + std::to_string(a.day) + " " + month_name(a.month) + kEnDash + std::to_string(b.day) + " " +
               month_name(b.month) + " " + first_year;
    return prefix + std::to_string(a.day) + " " + month_name(a.month) + " " + first_year + kEnDash +
           std::to_string(b.day) + " " + month_name(b.month) + " " + last_year;
}

std::string describe_span(const DateSpan& span) {
    if (!span.times) return describe_days(span.start_day, span.end_day, span.approximate);
    // Local times as written, with their offset: "13 November 2015, 21:16 (UTC+1)".
    const Instant& a = span.times->start;
    const Instant& b = span.times->end;
    const std::string first = describe_days(span.start_day, span.start_day, span.approximate) + ", " + format_local_clock(a);
    if (a == b) return first + " (" + format_utc_offset(a.offset_minutes) + ")";
    if (a.offset_minutes != b.offset_minutes)
        return first + " (" + format_utc_offset(a.offset_minutes) + ")" + kEnDash + describe_days(span.end_day, span.end_day, false) +
               ", " + format_local_clock(b) + " (" + format_utc_offset(b.offset_minutes) + ")";
    const std::string last = span.start_day == span.end_day
                                 ? format_local_clock(b)
                                 : " " + describe_days(span.end_day, span.end_day, false) + ", " + format_local_clock(b);
    return first + (span.start_day == span.end_day ? kEnDash : std::string(" ") + kEnDash) + last + " (" +
           format_utc_offset(b.offset_minutes) + ")";
}

} // namespace explainer
