// The explainer's whole view state: the single source of truth that panels read,
// actions change, and the URL fragment carries (see url_state.h).
// Hover is the one transient member: it is app state (every panel reacts to it) but
// is never put in a link.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace explainer {

// Web-Mercator view: centre in degrees, zoom as log2 of the world's width in units of
// 256 CSS pixels (slippy-map convention), so zoom 0 shows the world 256 px wide.
struct MapView {
    double lat = 0.0;
    double lon = 0.0;
    double zoom = 0.0;
};

// Two map views the reader cannot tell apart (a ten-millionth of a degree, a
// millionth of a zoom step): what counts as a change of the map, and as "untouched".
bool same_map_view(const MapView& a, const MapView& b);

// Visible span of the timeline, in days since 1970-01-01 (fractional days allowed).
struct TimeRange {
    double start_day = 0.0;
    double end_day = 0.0;
    bool operator==(const TimeRange&) const = default;
};

// The moment the reader set on the timeline: a whole day, or, in packs told by the hour
// or the minute, an instant to the second. Both in UTC.
struct TimeCursor {
    std::int64_t utc_second = 0;  // a whole day's cursor: that day's 00:00 UTC
    bool whole_day = true;
    bool operator==(const TimeCursor&) const = default;
};
TimeCursor cursor_on_day(int day);                   // whole day, days since 1970-01-01
TimeCursor cursor_at_second(std::int64_t utc_second);
int cursor_day(const TimeCursor& cursor);            // the (UTC) day it falls on
// Where the timeline draws it, in days: the middle of a whole day, else the instant.
double cursor_position_days(const TimeCursor& cursor);
// True when something starting at `start_days` (days since 1970-01-01 UTC, fractional)
// lies after the cursor: after a whole day's end, or after the instant.
bool starts_after_cursor(double start_days, const TimeCursor& cursor);

// The panel a narrow (phone) layout shows is named by its id, as links (`tab=`), the JS
// API and host messages write it ("article", "map", ...). Which panels exist is the app's
// panel table's (src/ui/panel_table.cpp), not core's: core carries the id, and a link may
// name only a panel the app lists (decode_state). A link without `tab` shows the article.
inline constexpr const char* kOpeningPanel = "article";

struct AppState {
    std::string selection;               // entity id, empty when nothing is selected
    std::string hover;                   // entity id under the pointer/focus; not linked
    MapView map;
    // None while the pack has no date at all (the editor's stand-in for a pack that does
    // not validate): no span to show or to link, rather than one from day 0 (1970).
    std::optional<TimeRange> timeline;
    std::optional<TimeCursor> time_cursor;  // the moment the reader set
    std::string article_paragraph;       // id of the paragraph at the top of the article
    std::string panel = kOpeningPanel;   // id of the panel open on narrow screens
    std::string quote_speaker_filter;    // entity id of a speaker, empty = all quotes
};

} // namespace explainer
