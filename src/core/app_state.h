// The explainer's whole view state: the single source of truth that panels read,
// actions change, and the URL fragment carries (see url_state.h).
// Hover is the one transient member: it is app state (every panel reacts to it) but
// is never put in a link.
#pragma once
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

// Visible span of the timeline, in days since 1970-01-01 (fractional days allowed).
struct TimeRange {
    double start_day = 0.0;
    double end_day = 0.0;
};

// Which panel a narrow (phone) layout shows; wide layouts show all four.
enum class Panel { Article, Map, Timeline, Quotes };

struct AppState {
    std::string selection;               // entity id, empty when nothing is selected
    std::string hover;                   // entity id under the pointer/focus; not linked
    MapView map;
    TimeRange timeline;
    std::optional<int> time_cursor;      // day since 1970-01-01 the reader set
    std::string article_paragraph;       // id of the paragraph at the top of the article
    Panel panel = Panel::Article;        // open panel on narrow screens
    std::string quote_speaker_filter;    // entity id of a speaker, empty = all quotes
};

const char* panel_name(Panel panel);                         // "article", "map", ...
std::optional<Panel> panel_from_name(const std::string& name);

} // namespace explainer
