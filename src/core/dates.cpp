#include "dates.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace explainer {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain
// descriptions), written out for the proleptic Gregorian calendar.
int days_from_civil(CivilDate date) {
    const int y = date.year - (date.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = date.month > 2 ? date.month - 3 : date.month + 9;
    const int doy = (153 * mp + 2) / 5 + date.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int days) {
    const int z = days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    CivilDate out;
    out.day = doy - (153 * mp + 2) / 5 + 1;
    out.month = mp < 10 ? mp + 3 : mp - 9;
    out.year = yoe + era * 400 + (out.month <= 2 ? 1 : 0);
    return out;
}

int days_in_month(int year, int month) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

int add_months(int days, int months) {
    const CivilDate d = civil_from_days(days);
    const int total = d.year * 12 + (d.month - 1) + months;
    const int year = static_cast<int>(floor_div64(total, 12));
    const int month = total - year * 12 + 1;
    return days_from_civil({year, month, std::min(d.day, days_in_month(year, month))});
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The value of `count` ASCII digits at `from`, or -1.
int digits_at(std::string_view text, std::size_t from, std::size_t count) {
    if (from + count > text.size()) return -1;
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (!is_digit(text[i])) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

} // namespace

std::size_t iso_year_length(std::string_view text) {
    const std::size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
    if (digits_at(text, sign, 4) < 0) return 0;
    if (text.size() > sign + 4 && is_digit(text[sign + 4])) return 0;  // a fifth digit
    return sign + 4;
}

std::optional<int> parse_iso_year(std::string_view text) {
    if (text.empty() || iso_year_length(text) != text.size()) return std::nullopt;
    const bool negative = text[0] == '-';
    const int magnitude = digits_at(text, negative ? 1 : 0, 4);
    if (negative && magnitude == 0) return std::nullopt;  // year zero is "0000"
    return negative ? -magnitude : magnitude;
}

std::string format_iso_year(int year) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, year < 0 ? "-%04d" : "%04d", std::abs(year));
    return buffer;
}

bool year_in_range(int year) { return year >= kFirstYear && year <= kLastYear; }

bool year_out_of_range(std::string_view text) {
    if (text.size() < 2 || !is_digit(text[1]) || (text[0] != '-' && text[0] != '+')) {
        std::size_t digits = 0;
        while (digits < text.size() && is_digit(text[digits])) ++digits;
        return digits > 4;
    }
    if (text[0] == '+') return true;
    std::size_t digits = 1;
    while (digits < text.size() && is_digit(text[digits])) ++digits;
    return digits != 5 || !parse_iso_year(text.substr(0, 5));
}

std::optional<int> parse_iso_day(std::string_view text) {
    const std::size_t n = iso_year_length(text);
    if (n == 0 || text.size() != n + 6 || text[n] != '-' || text[n + 3] != '-') return std::nullopt;
    const auto year = parse_iso_year(text.substr(0, n));
    const int month = digits_at(text, n + 1, 2), day = digits_at(text, n + 4, 2);
    if (!year || !year_in_range(*year) || month < 1 || month > 12 || day < 1 || day > days_in_month(*year, month))
        return std::nullopt;
    return days_from_civil({*year, month, day});
}

std::optional<int> parse_iso_month(std::string_view text) {
    const std::size_t n = iso_year_length(text);
    if (n == 0 || text.size() != n + 3 || text[n] != '-') return std::nullopt;
    const auto year = parse_iso_year(text.substr(0, n));
    const int month = digits_at(text, n + 1, 2);
    if (!year || month < 1 || month > 12) return std::nullopt;
    return days_from_civil({*year, month, 1});
}

std::string format_iso_day(int days) {
    const CivilDate d = civil_from_days(days);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "-%02d", d.day);
    return format_iso_month(d.year, d.month) + buffer;
}

std::string format_iso_month(int year, int month) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "-%02d", month);
    return format_iso_year(year) + buffer;
}

// [SECTION] Times of day ------------------------------------------------------------------

std::string_view date_time_rule(DateTimeError error) {
    switch (error) {
    case DateTimeError::None: return "";
    case DateTimeError::NotDateTime: return "a time is written \"YYYY-MM-DDTHH:MM\" (seconds optional) with a UTC offset, e.g. \"2015-11-13T21:16+01:00\" or \"2015-11-13T20:16Z\"";
    case DateTimeError::BadDate: return "no such day";
    case DateTimeError::YearOutOfRange:
        return "years run from -9999 to 9999 in four digits, with a minus sign before year 0 (astronomical years: 0000 is 1 BC, -0043 is 44 BC)";
    case DateTimeError::BadTime: return "hours are 00-23, minutes and seconds 00-59 (write midnight as 00:00 of the next day, not 24:00)";
    case DateTimeError::NoOffset: return "a time needs its UTC offset: \"Z\" or \"+HH:MM\"/\"-HH:MM\" after it (\"21:16+01:00\")";
    case DateTimeError::BadOffset: return "UTC offsets run from -12:00 to +14:00";
    }
    return "";
}

bool has_time_part(std::string_view text) {
    const std::size_t n = iso_year_length(text);
    return n != 0 && text.size() > n + 6 && text[n + 6] == 'T';
}

DateTimeParse parse_iso_date_time(std::string_view text) {
    DateTimeParse out;
    if (year_out_of_range(text) && text.find('T') != std::string_view::npos) {
        out.error = DateTimeError::YearOutOfRange;
        return out;
    }
    if (!has_time_part(text)) return out;
    const std::size_t n = iso_year_length(text);  // the date is n + 6 characters, then 'T'
    if (text[n] != '-' || text[n + 3] != '-') return out;
    const auto parsed_year = parse_iso_year(text.substr(0, n));
    const int month = digits_at(text, n + 1, 2), day = digits_at(text, n + 4, 2);
    if (!parsed_year || month < 0 || day < 0) return out;
    const int year = *parsed_year;
    if (!year_in_range(year)) {
        out.error = DateTimeError::YearOutOfRange;
        return out;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        out.error = DateTimeError::BadDate;
        return out;
    }
    // Clock: HH:MM or HH:MM:SS.
    const int hour = digits_at(text, n + 7, 2), minute = digits_at(text, n + 10, 2);
    if (hour < 0 || minute < 0 || text.size() < n + 12 || text[n + 9] != ':') return out;
    std::size_t at = n + 12;
    int second = 0;
    if (at < text.size() && text[at] == ':') {
        second = digits_at(text, at + 1, 2);
        if (second < 0) return out;
        at += 3;
    }
    if (hour > 23 || minute > 59 || second > 59) {
        out.error = DateTimeError::BadTime;
        return out;
    }
    // Offset: Z, +HH:MM or -HH:MM, and nothing after it.
    int offset = 0;
    if (at == text.size()) {
        out.error = DateTimeError::NoOffset;
        return out;
    }
    if (text[at] == 'Z' && at + 1 == text.size()) {
        offset = 0;
    } else if ((text[at] == '+' || text[at] == '-') && text.size() == at + 6 && text[at + 3] == ':') {
        const int oh = digits_at(text, at + 1, 2), om = digits_at(text, at + 4, 2);
        if (oh < 0 || om < 0) return out;
        offset = (text[at] == '-' ? -1 : 1) * (oh * 60 + om);
        if (om > 59 || offset < kMinOffsetMinutes || offset > kMaxOffsetMinutes) {
            out.error = DateTimeError::BadOffset;
            return out;
        }
    } else {
        return out;
    }
    out.local_day = days_from_civil({year, month, day});
    const std::int64_t local_second = std::int64_t(out.local_day) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
    out.instant = {local_second - std::int64_t(offset) * 60, offset};
    out.error = DateTimeError::None;
    return out;
}

std::string format_utc_offset(int offset_minutes) {
    if (offset_minutes == 0) return "UTC";
    const int magnitude = std::abs(offset_minutes);
    std::string out = std::string("UTC") + (offset_minutes < 0 ? "-" : "+") + std::to_string(magnitude / 60);
    if (magnitude % 60 != 0) {
        char minutes[8];
        std::snprintf(minutes, sizeof minutes, ":%02d", magnitude % 60);
        out += minutes;
    }
    return out;
}

namespace {

struct LocalClock {
    int day;
    int hour, minute, second;
};

LocalClock local_clock(const Instant& instant) {
    const std::int64_t local = instant.utc_second + std::int64_t(instant.offset_minutes) * 60;
    const std::int64_t day = floor_div64(local, kSecondsPerDay);
    const int of_day = static_cast<int>(local - day * kSecondsPerDay);
    return {static_cast<int>(day), of_day / 3600, of_day / 60 % 60, of_day % 60};
}

} // namespace

std::string format_local_clock(const Instant& instant) {
    const LocalClock c = local_clock(instant);
    char buffer[16];
    if (c.second != 0) std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", c.hour, c.minute, c.second);
    else std::snprintf(buffer, sizeof buffer, "%02d:%02d", c.hour, c.minute);
    return buffer;
}

std::string format_iso_date_time(const Instant& instant) {
    const LocalClock c = local_clock(instant);
    std::string out = format_iso_day(c.day) + "T" + format_local_clock(instant);
    if (instant.offset_minutes == 0) return out + "Z";
    const int magnitude = std::abs(instant.offset_minutes);
    char offset[8];
    std::snprintf(offset, sizeof offset, "%c%02d:%02d", instant.offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
    return out + offset;
}

double instant_days(std::int64_t utc_second) { return static_cast<double>(utc_second) / static_cast<double>(kSecondsPerDay); }

} // namespace explainer
