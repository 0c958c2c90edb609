#include "app_state.h"

namespace explainer {

const char* panel_name(Panel panel) {
    switch (panel) {
    case Panel::Article: return "article";
    case Panel::Map: return "map";
    case Panel::Timeline: return "timeline";
    case Panel::Quotes: return "quotes";
    }
    return "article";
}

std::optional<Panel> panel_from_name(const std::string& name) {
    for (Panel p : {Panel::Article, Panel::Map, Panel::Timeline, Panel::Quotes})
        if (name == panel_name(p)) return p;
    return std::nullopt;
}

} // namespace explainer
