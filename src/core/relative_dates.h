// Relative date phrases ("last week", "in October", "three months ago") resolved
// against an article's publication date, so a pack can keep the article's own words
// and still put the event on the timeline.
//
// A publication date may itself be a range (we often only know "between the 16th and
// the 19th"): every phrase is then resolved against the first and the last possible
// day and the result spans both, so the answer is never narrower than the evidence.
//
// Results are approximate (DateSpan::approximate) unless the phrase names a day
// ("today", "yesterday", "on Friday") or a calendar month of a stated year
// ("in October 2015") and the publication date is exact.
#pragma once
#include <optional>
#include <span>
#include <string_view>

#include "pack.h"

namespace explainer {

// The month (1..12) a lower-case word names, 0 for none: its name ("november") or, when
// `abbreviations`, also a newsroom's abbreviation ("nov", "sept"; the caller strips the
// period).
int month_number(std::string_view lower, bool abbreviations = true);
// The weekday (Monday = 0) a lower-case word names.
std::optional<int> weekday_number(std::string_view lower);
// "morning", "afternoon", "evening", "night": the part of a day wire copy writes after its
// weekday ("Tuesday night").
bool is_part_of_day(std::string_view lower);

// A holiday on the same day of every year, named by the first words of `words` (lower
// case; an apostrophe straight or typeset): "new year's day" (1 January), "new year's
// eve" (31 December), "christmas eve" (24 December), "christmas day" (25 December).
// `words` is how many of them name it.
struct MonthDay {
    int month = 0, day = 0;
    int words = 0;
};
std::optional<MonthDay> fixed_holiday(std::span<const std::string_view> words);

// nullopt when the phrase is not one of relative_date_forms(). Matching ignores case
// and repeated spaces. The result's `phrase` is the phrase as given (trimmed) and
// `iso` the resolved span ("2015-11-09/2015-11-15").
std::optional<DateSpan> resolve_relative_date(std::string_view phrase, const DateSpan& published);

// The kinds of phrase, one or two examples each, for error messages:
// "\"today\", \"yesterday\", \"now\"; a weekday (\"on Friday\", ...); ...".
std::string_view relative_date_forms();

// Monday = 0 ... Sunday = 6, for days since 1970-01-01 (a Thursday).
int weekday_of(int days);

} // namespace explainer
