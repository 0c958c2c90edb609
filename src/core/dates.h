// Civil (proleptic Gregorian) dates as whole days since 1970-01-01, the one time unit
// the pack, the timeline and the URL codec share.
#pragma once
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

// Strict ISO 8601 calendar date "YYYY-MM-DD" (a real day of a real month).
std::optional<int> parse_iso_day(std::string_view text);
std::string format_iso_day(int days);  // "2015-11-13"

} // namespace explainer
