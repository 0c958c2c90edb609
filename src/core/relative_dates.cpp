// Index
// - [SECTION] Calendar helpers
// - [SECTION] Phrase parsing
// - [SECTION] Resolution
#include "relative_dates.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "dates.h"
#include "scripts.h"

namespace explainer {

// [SECTION] Calendar helpers -------------------------------------------------------

int weekday_of(int days) {
    const int shifted = (days + 3) % 7;  // 1970-01-01 was a Thursday (Monday = 0)
    return shifted < 0 ? shifted + 7 : shifted;
}

namespace {

int monday_of(int days) { return days - weekday_of(days); }

int first_of_month(int days) {
    CivilDate d = civil_from_days(days);
    d.day = 1;
    return days_from_civil(d);
}

int last_of_month(int year, int month) { return days_from_civil({year, month, days_in_month(year, month)}); }

std::string iso_span(int start, int end) {
    return start == end ? format_iso_day(start) : format_iso_day(start) + "/" + format_iso_day(end);
}

// [SECTION] Phrase parsing ---------------------------------------------------------

constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",   "may",      "june",
                                                      "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 13> kNumberWords = {"zero", "one", "two",   "three", "four",   "five", "six",
                                                           "seven", "eight", "nine", "ten", "eleven", "twelve"};

// Lower-cased ASCII words; any run of spaces/tabs separates words.
std::vector<std::string> words_of(std::string_view phrase) {
    std::vector<std::string> words;
    std::string current;
    for (const char c : phrase) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!current.empty()) words.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

// Abbreviations newsrooms write (AP's Jan., Feb., Aug., Sept., Oct., Nov., Dec., and the
// others' Mar., Apr., Jun., Jul., Sep.): January's first, May none, and after December
// September's second form, "sept" (month_number).
constexpr std::array<std::string_view, 13> kMonthAbbreviations = {"jan", "feb", "mar",  "apr", "", "jun", "jul",
                                                                  "aug", "sep", "oct", "nov", "dec", "sept"};
constexpr int kSeptIndex = 12;

template <std::size_t N>
std::optional<int> index_in(const std::array<std::string_view, N>& names, std::string_view word) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == word) return static_cast<int>(i);
    return std::nullopt;
}

// A month's name or abbreviation as a phrase writes it, with or without its period.
int month_in_phrase(std::string_view word) {
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    return month_number(word);
}

// A day of the month written in digits, 1..31 ("13", "13,").
std::optional<int> day_in_phrase(std::string_view word) {
    if (!word.empty() && word.back() == ',') word.remove_suffix(1);
    if (word.empty() || word.size() > 2) return std::nullopt;
    int value = 0;
    for (const char c : word) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value >= 1 && value <= 31 ? std::optional<int>(value) : std::nullopt;
}

// The day that is `month`/`day` in the year that puts it nearest `published`, within half
// a year of it (the earlier on a tie): an article's "Nov. 13" is this year's, but "Dec. 28"
// in one of 3 January is last year's and "Jan. 5" in one of 30 December next year's.
// nullopt when no such day is that near (29 February of a year not leap, 31 April).
std::optional<int> nearest_month_day(int month, int day, int published) {
    constexpr int kHalfYear = 183;
    const int year = civil_from_days(published).year;
    std::optional<int> best;
    for (const int y : {year - 1, year, year + 1}) {
        if (day > days_in_month(y, month)) continue;
        const int candidate = days_from_civil({y, month, day});
        if (std::abs(candidate - published) > kHalfYear) continue;
        if (!best || std::abs(candidate - published) < std::abs(*best - published)) best = candidate;
    }
    return best;
}

// "3", "three", "a", "an" -> 3, 3, 1, 1. Bounded so that day arithmetic cannot overflow.
std::optional<int> count_of(std::string_view word) {
    if (word == "a" || word == "an") return 1;
    if (const auto n = index_in(kNumberWords, word); n && *n > 0) return n;
    if (word.empty() || word.size() > 4) return std::nullopt;
    int value = 0;
    for (const char c : word) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value > 0 ? std::optional<int>(value) : std::nullopt;
}

std::optional<int> year_of(std::string_view word) {
    if (word.size() != 4) return std::nullopt;
    int value = 0;
    for (const char c : word) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// Holidays on the same day of every Gregorian year, as newsrooms name them.
struct FixedHoliday {
    std::array<std::string_view, 3> words;  // lower-case; "" past the last
    int month = 0, day = 0;
};
constexpr std::array<FixedHoliday, 4> kFixedHolidays = {{
    {{"new", "year's", "day"}, 1, 1},
    {{"new", "year's", "eve"}, 12, 31},
    {{"christmas", "day", ""}, 12, 25},
    {{"christmas", "eve", ""}, 12, 24},
}};

bool is_unit(std::string_view word, std::string_view singular) {
    return word == singular || (word.size() == singular.size() + 1 && word.substr(0, singular.size()) == singular &&
                                word.back() == 's');
}

} // namespace

int month_number(std::string_view lower, bool abbreviations) {
    if (const auto month = index_in(kMonths, lower)) return *month + 1;
    if (!abbreviations || lower.empty()) return 0;
    if (const auto month = index_in(kMonthAbbreviations, lower)) return *month == kSeptIndex ? 9 : *month + 1;
    return 0;
}

std::optional<int> weekday_number(std::string_view lower) { return index_in(kWeekdays, lower); }

bool is_part_of_day(std::string_view lower) {
    return lower == "morning" || lower == "afternoon" || lower == "evening" || lower == "night";
}

std::optional<MonthDay> fixed_holiday(std::span<const std::string_view> words) {
    // "Year’s" as typeset: a right single quotation mark for the apostrophe.
    const auto same_word = [](std::string_view written, std::string_view expected) {
        constexpr std::string_view kCurly = "\xE2\x80\x99";
        const std::size_t at = written.find(kCurly);
        if (at == std::string_view::npos) return written == expected;
        return std::string(written).replace(at, kCurly.size(), "'") == expected;
    };
    for (const FixedHoliday& holiday : kFixedHolidays) {
        const auto count = static_cast<std::size_t>(
            std::count_if(holiday.words.begin(), holiday.words.end(), [](std::string_view w) { return !w.empty(); }));
        if (words.size() < count) continue;
        if (std::equal(holiday.words.begin(), holiday.words.begin() + static_cast<std::ptrdiff_t>(count), words.begin(),
                       [&](std::string_view expected, std::string_view written) { return same_word(written, expected); }))
            return MonthDay{holiday.month, holiday.day, static_cast<int>(count)};
    }
    return std::nullopt;
}

// [SECTION] Resolution -------------------------------------------------------------

std::string_view relative_date_forms() {
    return "\"today\", \"yesterday\", \"now\"; a weekday (\"on Friday\", \"Friday night\", \"last Friday\"); this, last or earlier this week, "
           "month or year (\"last week\", \"earlier this month\", \"this year\"); \"in recent months\"; a month (\"in October\", "
           "\"in October 2015\"); a day (\"Nov. 13\", \"13 November\") or days (\"from Sept. 1 to Nov. 30\"); a time ago (\"3 days ago\"); a holiday (\"Christmas Eve\")";
}

// The two ends of "from Sept. 1 to Nov. 30", "from 1 to 30 September", "between Sept. 1 and
// Nov. 30" (month and day in either order; a first end of a day alone takes the second's
// month), or nothing.
struct MonthDayRange {
    MonthDay first, last;
};
std::optional<MonthDayRange> month_day_range(const std::vector<std::string>& w) {
    if (w.size() < 5 || (w[0] != "from" && w[0] != "between")) return std::nullopt;
    const auto month_day = [&](std::size_t k) -> std::optional<MonthDay> {
        if (k + 1 >= w.size()) return std::nullopt;
        if (const int month = month_in_phrase(w[k]); month && day_in_phrase(w[k + 1])) return MonthDay{month, *day_in_phrase(w[k + 1]), 2};
        if (const int month = month_in_phrase(w[k + 1]); month && day_in_phrase(w[k])) return MonthDay{month, *day_in_phrase(w[k]), 2};
        return std::nullopt;
    };
    const auto joins = [&](std::size_t k) {
        return w[0] == "between" ? w[k] == "and" : (w[k] == "to" || w[k] == "until" || w[k] == "till" || w[k] == "through");
    };
    std::optional<MonthDay> first = month_day(1);
    const std::size_t joiner = first ? 3 : 2;
    if (!first && day_in_phrase(w[1])) first = MonthDay{0, *day_in_phrase(w[1]), 1};
    if (!first || !joins(joiner)) return std::nullopt;
    const auto last = month_day(joiner + 1);
    if (!last || joiner + 3 != w.size()) return std::nullopt;
    if (!first->month) {
        if (first->day >= last->day) return std::nullopt;  // "from 30 to 1 September" runs backwards
        first->month = last->month;
    }
    return MonthDayRange{*first, *last};
}

std::optional<DateSpan> resolve_relative_date(std::string_view phrase, const DateSpan& published) {
    const std::vector<std::string> w = words_of(phrase);
    const int p0 = published.start_day;
    const int p1 = std::max(published.start_day, published.end_day);
    const bool exact_publication = !published.approximate && p0 == p1;

    // Filled by the matching form below; `names_day` forms stay exact when the
    // publication date is exact.
    int start = 0, end = 0;
    bool approximate = true;
    auto day_span = [&](int a, int b) {
        start = a;
        end = b;
        approximate = !exact_publication;
    };
    auto words_are = [&](std::initializer_list<std::string_view> expected) {
        return w.size() == expected.size() && std::equal(w.begin(), w.end(), expected.begin());
    };
    // The weekday of "on Friday", and of wire copy's "Friday", "early Wednesday", "late
    // Tuesday", "Monday morning", "on Sunday night", "last Tuesday".
    const bool last_weekday = !w.empty() && w[0] == "last";
    auto weekday_phrase = [&]() -> std::optional<int> {
        std::size_t k = !w.empty() && (w[0] == "on" || w[0] == "last") ? 1 : 0;
        if (k < w.size() && (w[k] == "early" || w[k] == "late")) ++k;
        if (k >= w.size() || !weekday_number(w[k])) return std::nullopt;
        const std::size_t rest = w.size() - k - 1;
        if (rest > 1 || (rest == 1 && !is_part_of_day(w.back()))) return std::nullopt;
        return weekday_number(w[k]);
    };
    // The whole phrase a fixed-day holiday, after an optional "on".
    auto holiday_phrase = [&]() -> std::optional<MonthDay> {
        const std::vector<std::string_view> rest(w.begin() + (!w.empty() && w[0] == "on" ? 1 : 0), w.end());
        const auto holiday = fixed_holiday(rest);
        return holiday && holiday->words == static_cast<int>(rest.size()) ? holiday : std::nullopt;
    };

    if (words_are({"today"})) {
        day_span(p0, p1);
    } else if (words_are({"yesterday"})) {
        day_span(p0 - 1, p1 - 1);
    } else if (words_are({"now"}) || words_are({"currently"})) {
        start = p0;
        end = p1;
    } else if (const auto weekday = weekday_phrase(); weekday) {
        // The most recent such weekday on or before publication ("on Friday", "early
        // Wednesday", "Tuesday night"); "last Tuesday", the latest before publication (in an
        // article of a Tuesday, the Tuesday a week before).
        const int wanted = *weekday;
        const auto back = [&](int day) { return day - ((weekday_of(day) - wanted + 7) % 7); };
        const int before = last_weekday ? 1 : 0;
        day_span(back(p0 - before), back(p1 - before));
    } else if (words_are({"this", "week"})) {
        start = monday_of(p0);
        end = monday_of(p1) + 6;
    } else if (words_are({"earlier", "this", "week"})) {
        start = monday_of(p0);
        end = p1;
    } else if (words_are({"last", "week"})) {
        start = monday_of(p0) - 7;
        end = monday_of(p1) - 1;
    } else if (words_are({"this", "month"})) {
        const CivilDate last = civil_from_days(p1);
        start = first_of_month(p0);
        end = last_of_month(last.year, last.month);
    } else if (words_are({"earlier", "this", "month"})) {
        start = first_of_month(p0);
        end = p1;
    } else if (words_are({"last", "month"})) {
        const CivilDate last = civil_from_days(add_months(p1, -1));
        start = first_of_month(add_months(p0, -1));
        end = last_of_month(last.year, last.month);
    } else if (words_are({"this", "year"})) {
        start = days_from_civil({civil_from_days(p0).year, 1, 1});
        end = days_from_civil({civil_from_days(p1).year, 12, 31});
    } else if (words_are({"earlier", "this", "year"})) {
        start = days_from_civil({civil_from_days(p0).year, 1, 1});
        end = p1;
    } else if (words_are({"last", "year"})) {
        start = days_from_civil({civil_from_days(p0).year - 1, 1, 1});
        end = days_from_civil({civil_from_days(p1).year - 1, 12, 31});
    } else if (words_are({"in", "recent", "months"}) || words_are({"recent", "months"})) {
        start = add_months(p0, -3);
        end = p1;
    } else if (w.size() == 2 && w[0] == "in" && month_in_phrase(w[1])) {
        // That month in the latest year in which it had begun by publication.
        const int month = month_in_phrase(w[1]);
        const auto year_for = [&](int day) {
            const CivilDate d = civil_from_days(day);
            return month <= d.month ? d.year : d.year - 1;
        };
        const int first_year = year_for(p0), last_year = year_for(p1);
        start = days_from_civil({first_year, month, 1});
        end = last_of_month(last_year, month);
    } else if (w.size() == 3 && w[0] == "in" && month_in_phrase(w[1]) && year_of(w[2])) {
        const int month = month_in_phrase(w[1]);
        const int year = *year_of(w[2]);
        start = days_from_civil({year, month, 1});
        end = last_of_month(year, month);
        approximate = false;  // a calendar month named outright, not inferred
    } else if (const std::size_t from = !w.empty() && w[0] == "on" ? 1 : 0; w.size() == from + 2 &&
               ((month_in_phrase(w[from]) && day_in_phrase(w[from + 1])) ||
                (day_in_phrase(w[from]) && month_in_phrase(w[from + 1])))) {
        // "on Nov. 13", "November 13", "13 November": that day nearest publication.
        const bool month_first = month_in_phrase(w[from]) != 0;
        const int month = month_in_phrase(w[month_first ? from : from + 1]);
        const int day = *day_in_phrase(w[month_first ? from + 1 : from]);
        const auto first = nearest_month_day(month, day, p0), last = nearest_month_day(month, day, p1);
        if (!first || !last) return std::nullopt;
        day_span(*first, *last);
    } else if (const auto range = month_day_range(w)) {
        // "from Sept. 1 to Nov. 30", "between 1 and 30 September": the first day nearest
        // publication, the last the first such day on or after it.
        const auto first = nearest_month_day(range->first.month, range->first.day, p0);
        const auto last_start = nearest_month_day(range->first.month, range->first.day, p1);
        if (!first || !last_start) return std::nullopt;
        const auto after = [&](int from) -> std::optional<int> {
            const int year = civil_from_days(from).year;
            for (const int y : {year, year + 1})
                if (range->last.day <= days_in_month(y, range->last.month))
                    if (const int day = days_from_civil({y, range->last.month, range->last.day}); day > from) return day;
            return std::nullopt;
        };
        const auto last = after(*last_start);
        if (!last || *last - *first > 366) return std::nullopt;
        day_span(*first, *last);
    } else if (const auto holiday = holiday_phrase(); holiday) {
        // "on New Year's Day", "Christmas Eve": that day nearest publication.
        const auto first = nearest_month_day(holiday->month, holiday->day, p0);
        const auto last = nearest_month_day(holiday->month, holiday->day, p1);
        if (!first || !last) return std::nullopt;
        day_span(*first, *last);
    } else if (w.size() == 3 && w[2] == "ago" && count_of(w[0])) {
        const int n = *count_of(w[0]);
        if (is_unit(w[1], "day")) {
            start = p0 - n;
            end = p1 - n;
        } else if (is_unit(w[1], "week")) {
            // "two weeks ago" is loose: allow half a week either side.
            start = p0 - 7 * n - 3;
            end = p1 - 7 * n + 3;
        } else if (is_unit(w[1], "month")) {
            const CivilDate last = civil_from_days(add_months(p1, -n));
            start = first_of_month(add_months(p0, -n));
            end = last_of_month(last.year, last.month);
        } else if (is_unit(w[1], "year")) {
            start = days_from_civil({civil_from_days(p0).year - n, 1, 1});
            end = days_from_civil({civil_from_days(p1).year - n, 12, 31});
        } else {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }

    DateSpan out;
    out.start_day = start;
    out.end_day = end;
    out.approximate = approximate;
    out.iso = iso_span(start, end);
    out.phrase = std::string(trim_spaces(phrase));
    return out;
}

} // namespace explainer
