// Relative date phrases, checked against dates worked out by hand on a calendar.
// November 2015: Monday the 9th, Friday the 13th, Monday the 16th, Wednesday the 18th.
#include "core/relative_dates.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace explainer {
namespace {

int day(const char* iso) {
    const auto d = parse_iso_day(iso);
    EXPECT_TRUE(d.has_value()) << iso;
    return d.value_or(0);
}

DateSpan published_on(const char* iso) {
    DateSpan s;
    s.start_day = s.end_day = day(iso);
    return s;
}

DateSpan published_between(const char* first, const char* last) {
    DateSpan s;
    s.start_day = day(first);
    s.end_day = day(last);
    s.approximate = true;
    return s;
}

// Resolves and checks both ends; returns the span for further checks.
DateSpan expect_span(const char* phrase, const DateSpan& published, const char* first, const char* last) {
    const auto r = resolve_relative_date(phrase, published);
    EXPECT_TRUE(r.has_value()) << phrase;
    if (!r) return {};
    EXPECT_EQ(format_iso_day(r->start_day), first) << phrase;
    EXPECT_EQ(format_iso_day(r->end_day), last) << phrase;
    return *r;
}

TEST(RelativeDates, WeekdayOfKnownDays) {
    EXPECT_EQ(weekday_of(0), 3);                    // 1970-01-01, a Thursday
    EXPECT_EQ(weekday_of(day("2015-11-16")), 0);    // Monday
    EXPECT_EQ(weekday_of(day("2015-11-13")), 4);    // Friday
    EXPECT_EQ(weekday_of(day("2015-11-22")), 6);    // Sunday
    EXPECT_EQ(weekday_of(day("1969-12-29")), 0);    // a Monday before the epoch
}

TEST(RelativeDates, DayPhrasesAgainstAnExactDate) {
    const DateSpan wed = published_on("2015-11-18");
    DateSpan today = expect_span("today", wed, "2015-11-18", "2015-11-18");
    EXPECT_FALSE(today.approximate) << "a phrase naming a day is exact when the publication date is";
    EXPECT_EQ(today.iso, "2015-11-18");
    expect_span("yesterday", wed, "2015-11-17", "2015-11-17");
    expect_span("on Friday", wed, "2015-11-13", "2015-11-13");
    expect_span("on Wednesday", wed, "2015-11-18", "2015-11-18");  // the day itself
    expect_span("on Thursday", wed, "2015-11-12", "2015-11-12");
}

// Weekdays as wire copy writes them: without "on", early or late, with a part of the day.
TEST(RelativeDates, WeekdaysAsWireCopyWritesThem) {
    const DateSpan wed = published_on("2015-11-18");
    EXPECT_FALSE(expect_span("Friday", wed, "2015-11-13", "2015-11-13").approximate);
    expect_span("early Tuesday", wed, "2015-11-17", "2015-11-17");
    expect_span("late Monday night", wed, "2015-11-16", "2015-11-16");
    expect_span("on Sunday morning", wed, "2015-11-15", "2015-11-15");
    expect_span("Saturday afternoon", wed, "2015-11-14", "2015-11-14");
    expect_span("Thursday evening", wed, "2015-11-12", "2015-11-12");
    for (const char* phrase : {"early", "on early", "Friday week", "early late Friday", "Friday morning night", "late on Friday",
                               "on Friday on", "Fridays"})
        EXPECT_FALSE(resolve_relative_date(phrase, wed).has_value()) << '"' << phrase << '"';
}

// "last Tuesday": the latest Tuesday before publication, a week before in an article of a
// Tuesday (the editor refused it as an unknown relative date).
TEST(RelativeDates, LastWeekdayIsTheLatestBeforePublication) {
    const DateSpan wed = published_on("2015-11-18");
    expect_span("last Tuesday", wed, "2015-11-17", "2015-11-17");
    expect_span("last Friday", wed, "2015-11-13", "2015-11-13");
    expect_span("last Wednesday", wed, "2015-11-11", "2015-11-11");
    expect_span("last Monday night", wed, "2015-11-16", "2015-11-16");
    for (const char* phrase : {"last on Friday", "on last Friday", "last Friday week", "last Fridays"})
        EXPECT_FALSE(resolve_relative_date(phrase, wed).has_value()) << '"' << phrase << '"';
}

// A range of days with no year: its first day nearest publication, its last the first
// such day after it (across the new year too). One event, where the drafter made two.
TEST(RelativeDates, DaysFromOneToAnotherAreOneSpan) {
    const DateSpan thu = published_on("2025-09-18");
    expect_span("from September 1 to November 30", thu, "2025-09-01", "2025-11-30");
    expect_span("from Sept. 1 to Nov. 30", thu, "2025-09-01", "2025-11-30");
    expect_span("between 1 and 30 September", thu, "2025-09-01", "2025-09-30");
    expect_span("from 1 September until 4 October", thu, "2025-09-01", "2025-10-04");
    expect_span("from Dec. 20 to Jan. 5", published_on("2025-12-28"), "2025-12-20", "2026-01-05");
    for (const char* phrase : {"from 30 to 1 September", "from September 1 to", "from September 1 and November 30",
                               "between September 1 to November 30", "from September 1 to November 30 2025", "to November 30"})
        EXPECT_FALSE(resolve_relative_date(phrase, thu).has_value()) << '"' << phrase << '"';
}

TEST(RelativeDates, WeeksMonthsYearsAgainstAnExactDate) {
    const DateSpan wed = published_on("2015-11-18");
    DateSpan last_week = expect_span("last week", wed, "2015-11-09", "2015-11-15");
    EXPECT_TRUE(last_week.approximate);
    EXPECT_EQ(last_week.iso, "2015-11-09/2015-11-15");
    EXPECT_EQ(last_week.phrase, "last week");
    expect_span("this week", wed, "2015-11-16", "2015-11-22");
    expect_span("last month", wed, "2015-10-01", "2015-10-31");
    expect_span("this month", wed, "2015-11-01", "2015-11-30");
    expect_span("earlier this month", wed, "2015-11-01", "2015-11-18");
    expect_span("last year", wed, "2014-01-01", "2014-12-31");
    expect_span("this year", wed, "2015-01-01", "2015-12-31");
    expect_span("earlier this year", wed, "2015-01-01", "2015-11-18");
    expect_span("in recent months", wed, "2015-08-18", "2015-11-18");
    expect_span("now", wed, "2015-11-18", "2015-11-18");
    EXPECT_TRUE(resolve_relative_date("currently", wed)->approximate);
}

TEST(RelativeDates, NamedMonths) {
    const DateSpan wed = published_on("2015-11-18");
    expect_span("in October", wed, "2015-10-01", "2015-10-31");
    expect_span("in November", wed, "2015-11-01", "2015-11-30");   // the month of publication
    expect_span("in December", wed, "2014-12-01", "2014-12-31");   // December 2015 lies after publication
    expect_span("in February", published_on("2016-03-01"), "2016-02-01", "2016-02-29");  // leap year
    const DateSpan named = expect_span("in March 2014", wed, "2014-03-01", "2014-03-31");
    EXPECT_FALSE(named.approximate) << "a month of a stated year is not inferred";
}

// A day of a month without its year ("Nov. 13", as newsrooms write it): the year that puts
// it nearest publication, exact when publication is; months by name or abbreviation.
TEST(RelativeDates, DaysOfAMonthWithoutTheirYear) {
    const DateSpan wed = published_on("2015-11-18");
    const DateSpan nov13 = expect_span("on Nov. 13", wed, "2015-11-13", "2015-11-13");
    EXPECT_FALSE(nov13.approximate) << "a named day of an exact publication is exact";
    expect_span("November 13", wed, "2015-11-13", "2015-11-13");
    expect_span("on 13 November", wed, "2015-11-13", "2015-11-13");
    expect_span("Sept. 19", wed, "2015-09-19", "2015-09-19");
    expect_span("earlier this week", wed, "2015-11-16", "2015-11-18");
    expect_span("on Sep 19", wed, "2015-09-19", "2015-09-19");
    expect_span("Nov. 20", wed, "2015-11-20", "2015-11-20");  // a vote two days ahead is this year's
    expect_span("in Nov.", wed, "2015-11-01", "2015-11-30");
    expect_span("in Sept. 2014", wed, "2014-09-01", "2014-09-30");
    // Around New Year: the nearer year.
    expect_span("Dec. 28", published_on("2016-01-03"), "2015-12-28", "2015-12-28");
    expect_span("Jan. 5", published_on("2015-12-30"), "2016-01-05", "2016-01-05");
    // 29 February only in a leap year: the nearest one with it.
    expect_span("Feb. 29", published_on("2016-03-10"), "2016-02-29", "2016-02-29");
    EXPECT_FALSE(resolve_relative_date("Feb. 29", published_on("2015-03-10")).has_value()) << "no leap year within a year";
    const DateSpan uncertain = expect_span("Nov. 13", published_between("2015-11-16", "2015-11-19"), "2015-11-13", "2015-11-13");
    EXPECT_TRUE(uncertain.approximate);
    for (const char* phrase : {"Nov. 31", "April 31", "Nov. 0", "Nov. 32", "on Nov.", "13 Nov. 2015", "Mayo 5", "on the 13th"})
        EXPECT_FALSE(resolve_relative_date(phrase, wed).has_value()) << '"' << phrase << '"';
}

// Holidays on a fixed day: the one nearest publication, as for a day of a month.
TEST(RelativeDates, HolidaysOnAFixedDay) {
    const DateSpan jan2 = published_on("2024-01-02");
    const DateSpan new_year = expect_span("on New Year's Day", jan2, "2024-01-01", "2024-01-01");
    EXPECT_FALSE(new_year.approximate) << "a named day of an exact publication is exact";
    expect_span("New Year\u2019s Day", jan2, "2024-01-01", "2024-01-01");  // the typeset apostrophe
    expect_span("On Christmas Eve", jan2, "2023-12-24", "2023-12-24");
    expect_span("christmas day", jan2, "2023-12-25", "2023-12-25");
    expect_span("on New Year's Eve", jan2, "2023-12-31", "2023-12-31");
    expect_span("New Year's Day", published_on("2023-12-20"), "2024-01-01", "2024-01-01");  // a forecast
    expect_span("Christmas Day", published_on("2015-06-20"), "2014-12-25", "2014-12-25");  // the nearer: last year's
    for (const char* phrase : {"New Year", "on Christmas", "New Years Day", "Christmas Day 2023", "on the New Year's Day", "Year's Day"})
        EXPECT_FALSE(resolve_relative_date(phrase, jan2).has_value()) << '"' << phrase << '"';
}

TEST(RelativeDates, CountsAgo) {
    const DateSpan wed = published_on("2015-11-18");
    expect_span("3 days ago", wed, "2015-11-15", "2015-11-15");
    expect_span("a day ago", wed, "2015-11-17", "2015-11-17");
    // Two weeks before the 18th is the 4th; half a week either side.
    expect_span("two weeks ago", wed, "2015-11-01", "2015-11-07");
    expect_span("2 months ago", wed, "2015-09-01", "2015-09-30");
    expect_span("a year ago", wed, "2014-01-01", "2014-12-31");
    expect_span("twelve years ago", wed, "2003-01-01", "2003-12-31");
    EXPECT_TRUE(resolve_relative_date("3 days ago", wed)->approximate);
}

TEST(RelativeDates, RangeOfPublicationWidensTheResult) {
    // The seed pack's publication: between Monday 16 and Thursday 19 November 2015.
    const DateSpan range = published_between("2015-11-16", "2015-11-19");
    expect_span("last week", range, "2015-11-09", "2015-11-15");
    const DateSpan yesterday = expect_span("yesterday", range, "2015-11-15", "2015-11-18");
    EXPECT_TRUE(yesterday.approximate) << "an uncertain publication date makes every phrase approximate";
    expect_span("in October", range, "2015-10-01", "2015-10-31");
    expect_span("in recent months", range, "2015-08-16", "2015-11-19");
    expect_span("last year", range, "2014-01-01", "2014-12-31");
    // A range across a week boundary (Saturday 14 to Tuesday 17): two possible weeks.
    expect_span("last week", published_between("2015-11-14", "2015-11-17"), "2015-11-02", "2015-11-15");
    // Across New Year, "in December" may be either December.
    expect_span("in December", published_between("2015-11-30", "2016-01-02"), "2014-12-01", "2015-12-31");
}

TEST(RelativeDates, MonthArithmeticClampsToShortMonths) {
    expect_span("in recent months", published_on("2015-05-31"), "2015-02-28", "2015-05-31");
    expect_span("in recent months", published_on("2016-05-31"), "2016-02-29", "2016-05-31");
    expect_span("3 months ago", published_on("2015-05-31"), "2015-02-01", "2015-02-28");
    // January: last month is December of the year before, last week straddles New Year.
    const DateSpan jan = published_on("2016-01-05");  // a Tuesday
    expect_span("last month", jan, "2015-12-01", "2015-12-31");
    expect_span("last week", jan, "2015-12-28", "2016-01-03");
}

TEST(RelativeDates, CaseAndSpacesAreIgnoredButKeptInThePhrase) {
    const DateSpan wed = published_on("2015-11-18");
    const DateSpan r = expect_span("  Last   WEEK ", wed, "2015-11-09", "2015-11-15");
    EXPECT_EQ(r.phrase, "Last   WEEK");
    expect_span("In october", wed, "2015-10-01", "2015-10-31");
}

TEST(RelativeDates, UnknownPhrasesAreRejected) {
    const DateSpan wed = published_on("2015-11-18");
    for (const char* phrase : {"", "the other day", "in Octobre", "last fortnight", "0 days ago", "-3 days ago",
                               "5 fortnights ago", "in October 15", "on Fryday", "last", "in", "99999 days ago"}) {
        EXPECT_FALSE(resolve_relative_date(phrase, wed).has_value()) << '"' << phrase << '"';
    }
    EXPECT_NE(relative_date_forms().find("last week"), std::string_view::npos);
    EXPECT_NE(relative_date_forms().find("\"in October\""), std::string_view::npos);
}

} // namespace
} // namespace explainer
