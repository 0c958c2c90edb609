// The editor's gazetteer in the browser: the index (gazetteer/index.txt) and the shards
// the editor's searches and drafts need, fetched on demand and merged into one core
// Gazetteer (core/gazetteer.h). Nothing is fetched until the editor asks: the reader's
// first load never touches it.
//
// From JavaScript (exports at the end of editor_gazetteer.cpp, all through ccall):
//   explainer_gazetteer_load()                      starts fetching the index
//   explainer_gazetteer_status()                    {loaded, loading, error, places, shards, shardsMerged}
//   explainer_gazetteer_search(query, limit)        [{name, country, lat, lon, population, source, id, kind, code, url?}]
//   explainer_gazetteer_prepare_search(query, id)   fetches what the search needs, then
//   explainer_gazetteer_prepare_draft(json, id)     ... what drafting the input needs; both
//                                                   then call Module.gazetteerRequests.get(id)(error)
// The page may set Module.gazetteerBase (default "gazetteer/", relative to the page) and
// Module.gazetteerTimeoutMs (default 30000: a fetch with no answer by then fails).
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/gazetteer.h"

namespace explainer {
struct DraftInput;
} // namespace explainer

namespace explainer::platform {

// Starts fetching the index (once; again after a failure).
void load_editor_gazetteer();

// The editor's gazetteer: null until the index is loaded; it grows as shards arrive, so
// a pointer to a place in it must not be kept across a prepare call.
const Gazetteer* editor_gazetteer();

// Why the latest failed fetch failed ("" when none did, or it succeeded since):
// "gazetteer/s-kra.txt: HTTP 404 Not Found". The editor shows "The place list could not
// be loaded: " and this; manual coordinates keep working.
const std::string& editor_gazetteer_error();

// Called with "" when everything asked for is merged, or with the first error. Always
// called exactly once, from a later event (never inside the prepare call).
using GazetteerReady = std::function<void(const std::string& error)>;

// Loads the index if needed, then the shards search_places(query) needs.
void prepare_place_search(const std::string& query, GazetteerReady done);

// Loads the index if needed, then the shards every name draft_pack may look up in this
// input needs (draft_place_names): a draft made afterwards is the full gazetteer's draft.
void prepare_draft_places(const DraftInput& input, GazetteerReady done);

// A search hit as the page sees it: {name, country, lat, lon (null when a country or
// region has no point), population, source, id, kind, code?, url?}.
nlohmann::json place_hit_to_json(const PlaceHit& hit);

} // namespace explainer::platform
