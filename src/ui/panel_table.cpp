// The panel table: every panel the app lays out, in order (see panel.h).
#include "panel.h"

namespace explainer::ui {

namespace {

constexpr PanelEntry kPanels[] = {
    {Panel::Article, "Article", 0.46f, true, make_article_panel, draw_article_panel},
    {Panel::Map, "Map", 0.5f, false, make_map_panel, draw_map_panel},
    {Panel::Timeline, "Timeline", 0.27f, true, make_timeline_panel, draw_timeline_panel},
    {Panel::Quotes, "Quotes", 0.23f, true, make_quotes_panel, draw_quotes_panel},
};

} // namespace

std::span<const PanelEntry> panel_table() { return kPanels; }

} // namespace explainer::ui
