// Civil (proleptic Gregorian) dates as whole days since 1970-01-01, the one time unit
// the pack, the timeline and the URL codec share, and instants (a time of day with a
// UTC offset) for packs told by the hour or the minute.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace explainer {

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
};

int days_from_civil(CivilDate date);
CivilDate civil_from_days(int days);
int days_in_month(int year, int month);
// The same day of the month `months` months away, clamped to that month's length
// (31 March minus one month is 28/29 February).
int add_months(int days, int months);

// Years are astronomical, as ISO 8601 writes them: 0000 is 1 BC, -0043 is 44 BC.
// "YYYY" or, before year 0, "-YYYY": always four digits, signed only when negative.
// The number of characters of the year that starts `text` ("2015-..." 4, "-0043-..." 5), 0 when none.
std::size_t iso_year_length(std::string_view text);
std::optional<int> parse_iso_year(std::string_view text);  // "2015", "0000", "-0043"; nothing else
std::string format_iso_year(int year);                     // 2015 -> "2015", -43 -> "-0043"
// True when `year` lies within kFirstYear...kLastYear.
bool year_in_range(int year);
// True when `text` starts with a year that is a number but not one written here: more
// than four digits, a plus sign, a minus sign before other than four digits, or "-0000"
// ("10000-01-01", "+2015", "-44-03-15"): refused by the years rule, not as "not ISO".
bool year_out_of_range(std::string_view text);

// Strict ISO 8601 calendar date "YYYY-MM-DD" or "-YYYY-MM-DD" (a real day of a real month).
std::optional<int> parse_iso_day(std::string_view text);
std::string format_iso_day(int days);  // "2015-11-13", "-0043-03-15"
std::string format_iso_month(int year, int month);  // "2014-06", "-0043-06"
// Strict "YYYY-MM" or "-YYYY-MM": the month's first day.
std::optional<int> parse_iso_month(std::string_view text);

// [SECTION] Times of day ------------------------------------------------------------------
// Instants are whole seconds since 1970-01-01T00:00Z (UTC), kept with the UTC offset they
// were written with, so a reader sees the local time the source gave ("21:16 (UTC+1)").

inline constexpr std::int64_t kSecondsPerDay = 86'400;

// Division rounded towards negative infinity, so instants and days before 1970 (negative
// counts) fall in the right day, minute or week.
constexpr std::int64_t floor_div64(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
inline constexpr int kFirstYear = -9999;   // 10000 BC: dates outside years -9999...9999 are refused
inline constexpr int kLastYear = 9999;
inline constexpr int kFirstDay = -4371587; // -9999-01-01 in days since 1970-01-01
inline constexpr int kLastDay = 2932896;   // 9999-12-31
inline constexpr int kMinOffsetMinutes = -12 * 60;  // UTC-12:00 ... UTC+14:00, the offsets in use
inline constexpr int kMaxOffsetMinutes = 14 * 60;

struct Instant {
    std::int64_t utc_second = 0;
    int offset_minutes = 0;  // local time = UTC + offset
    bool operator==(const Instant&) const = default;
};

// Why a date-time did not parse, for messages that name the rule broken.
enum class DateTimeError {
    None,
    NotDateTime,    // not "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)" at all
    BadDate,        // no such day ("2015-02-30")
    YearOutOfRange, // before year -9999 or after 9999, or not written in four digits
    BadTime,        // no such time of day ("25:61"); 24:00 is refused too: write 00:00 of the next day
    NoOffset,       // a time without "Z" or "+HH:MM"
    BadOffset,      // an offset beyond -12:00 ... +14:00, or minutes over 59
};
std::string_view date_time_rule(DateTimeError error);  // the rule, for messages

struct DateTimeParse {
    DateTimeError error = DateTimeError::NotDateTime;
    Instant instant;
    int local_day = 0;  // the calendar day as written (days since 1970-01-01)
};
// "2015-11-13T21:16+01:00", "2015-11-13T20:16Z", "2015-11-13T21:16:30+01:00",
// "-0043-03-15T11:00+01:00".
DateTimeParse parse_iso_date_time(std::string_view text);

// True when `text` looks like a date with a time part (has a 'T' after the date), so a
// caller can tell a bad time from a bad date.
bool has_time_part(std::string_view text);

// "2015-11-13T21:16+01:00" in the instant's own offset ("Z" for offset zero; seconds
// only when not zero).
std::string format_iso_date_time(const Instant& instant);
// "21:16" or "21:16:30" local; "UTC+1", "UTC-3:30", "UTC".
std::string format_local_clock(const Instant& instant);
std::string format_utc_offset(int offset_minutes);

// Days since 1970-01-01 (fractional) of an instant.
double instant_days(std::int64_t utc_second);

} // namespace explainer
