// Plain-object views of the app for the page's JavaScript API (Explainer.getState(),
// Explainer.entities()). JSON text crosses the wasm boundary; the page parses it.
#pragma once
#include <string>

#include "app_state.h"
#include "pack.h"
#include "store.h"

namespace explainer {

// {"selection": id|null, "hover": id|null, "map": {"lat","lon","zoom"},
//  "timeline": {"start","end"}, "timeCursor": ISO|null (the link's texts: ISO dates for
//  whole days and long views, UTC date-times "2015-11-13T20:16Z" otherwise),
//  "paragraph": id|null, "panel": "article"|..., "quoteSpeaker": id|null}
std::string state_to_json(const AppState& state);

// [{id, type, name, aliases, description, context, ...kind fields}] in pack order:
// places add lat/lon (and country); events start/end (ISO days, or date-times with the
// pack's UTC offset when it gives times: "2015-11-13T21:16+01:00"), approximate, places;
// quotes text, speaker (and place); people role, affiliations, place, anonymous;
// figures value, note.
std::string entities_to_json(const Pack& pack);

// The article with its resolved mentions, for the page's HTML mirror:
// {headline, source, attribution, url, published, paragraphs: [{id, text, link: {text,
// url}|null, spans: [{begin, end, id, type, name, description}]}]}; span offsets are
// UTF-8 byte offsets into `text`, outermost first where spans nest.
std::string article_to_json(const Pack& pack);

// A change as the page hears of it (one call per change, see store.h):
// {"fields": ["selection", "map", ...], "source": "reader"|"link"|"history"|"host"|
//  "editor"|"api", "history": "push"|"replace"|"none", "viewRevision", "packRevision",
//  "selection": id|null, "selectionChanged": bool, "link": "#v=1&..." (the view after it)}
std::string change_record_to_json(const ChangeRecord& record, const Store& store);

} // namespace explainer
