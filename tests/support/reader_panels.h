// The reader's panels, as the app's panel table lists them (src/ui/panel_table.cpp), for
// core tests: they pass this where the app passes ui::panel_ids(). A unit test checks that
// the table still lists exactly these (UrlState.ReaderPanelsAreThePanelTables).
#pragma once
#include <array>
#include <string_view>

namespace explainer::test_support {

inline constexpr std::array<std::string_view, 4> kReaderPanels = {"article", "map", "timeline", "quotes"};

} // namespace explainer::test_support
