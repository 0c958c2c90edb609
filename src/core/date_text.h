// Dates as readers read them: "13 November 2015", "16–19 November 2015", "October 2015",
// "2014", "15 March 44 BC", "27 BC–AD 14", with "about" for approximate dates; times as
// written, in their local time with the offset: "13 November 2015, 21:16–23:58 (UTC+1)".
#pragma once
#include <string>

namespace explainer {

struct DateSpan;

// An astronomical year (0 is 1 BC, see dates.h) as readers read it: "2015", "AD 79", "1 BC",
// "44 BC"; with `name_era`, an AD year always says so ("AD 1500"), as beside a year BC.
std::string year_text(int year, bool name_era = false);
std::string describe_days(int start_day, int end_day, bool approximate);
std::string describe_span(const DateSpan& span);

// "Nov 2015", "13 Nov 2015": short forms for tight places.
std::string short_month_name(int month);  // 1..12 -> "Jan".."Dec"
std::string month_name(int month);        // 1..12 -> "January".."December"

} // namespace explainer
