// The panel table: every panel the app lays out, in order (see panel.h). A panel's id is
// what links (`tab=`), Explainer.getState().panel and host messages call it; core knows no
// list of panels, so a new panel is its file and its row here. (tests/support/
// reader_panels.h mirrors the ids for core tests; a unit test keeps the two equal.)
#include "panel.h"

namespace explainer::ui {

namespace {

constexpr PanelEntry kPanels[] = {
    {"article", "Article", 0.46f, true, make_article_panel, draw_article_panel, follow_article_unseen},
    {"map", "Map", 0.5f, false, make_map_panel, draw_map_panel, follow_selection_unseen},
    {"timeline", "Timeline", 0.27f, true, make_timeline_panel, draw_timeline_panel},
    {"quotes", "Quotes", 0.23f, true, make_quotes_panel, draw_quotes_panel},
};

} // namespace

std::span<const PanelEntry> panel_table() { return kPanels; }

std::vector<std::string_view> panel_ids() {
    std::vector<std::string_view> ids;
    for (const PanelEntry& entry : kPanels) ids.push_back(entry.id);
    return ids;
}

} // namespace explainer::ui
