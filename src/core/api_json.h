// Plain-object views of the app for the page's JavaScript API (Explainer.getState(),
// Explainer.entities()). JSON text crosses the wasm boundary; the page parses it.
#pragma once
#include <string>

#include "app_state.h"
#include "basemap.h"
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

// Everything the page's HTML mirror shows (web/mirror.js), all four panels:
// {headline, source, attribution, url, published, updated, corrections, sources,
//  paragraphs: [{id, text, link: {text, url}|null, spans: [{begin, end, id, type, name,
//  description}]}],
//  timeline: [{id, name, when: "13 November 2015", datetime: "2015-11-13"|null, places: [{id, name}]}],
//  quotes: [{id, name, text, speaker: {id, name, role}|null, place: {id, name}|null}],
//  places: [{id, name, country?: true, region?: count}],
//  distances: [{id, name, text: "3,475 km (2,159 mi) from Sinjar to Paris by great circle; ..."}]};
// span offsets are UTF-8 byte offsets into `text`, outermost first where spans nest;
// events are in time order, undated ones last.
std::string article_to_json(const Pack& pack);

// A change as the page hears of it (one call per change, see store.h):
// {"fields": ["selection", "map", ...], "source": "reader"|"link"|"history"|"host"|
//  "editor"|"api", "history": "push"|"replace"|"none", "viewRevision", "packRevision",
//  "selection": id|null, "selectionChanged": bool, "link": "#v=1&..." (the view after it)}
std::string change_record_to_json(const ChangeRecord& record, const Store& store);

// {placeId: country name} for the places drawn as points (not countries or regions)
// that lie inside a country of the basemap: "ramadi" -> "Iraq".
std::string place_countries_to_json(const Pack& pack, const Basemap& basemap);

} // namespace explainer
