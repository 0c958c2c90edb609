// The gazetteer the editor drafts with and searches (Explainer.editor.searchPlaces, the
// place search): null until the page has loaded it, and then the reason when loading failed.
//
// STOPGAP until helper `gazweb` lands src/platform/gazetteer_web.cpp (sharded files
// fetched on demand, same function): editor_gazetteer_local.cpp takes the whole built
// gazetteer (data/editor-gazetteer.txt) from the page in one piece.
#pragma once
#include <string>

#include "core/gazetteer.h"

namespace explainer::platform {

const Gazetteer* editor_gazetteer();
const std::string& editor_gazetteer_error();  // "" while loading or when loaded

} // namespace explainer::platform
