#include "api_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "basemap.h"
#include "citations.h"
#include "date_text.h"
#include "dates.h"
#include "geo.h"
#include "index_sort.h"
#include "number_text.h"
#include "selection.h"
#include "url_state.h"

namespace explainer {

namespace {

using nlohmann::json;

json id_or_null(const std::string& id) { return id.empty() ? json(nullptr) : json(id); }

// {id, name} of a referenced entity, or null when the id names none.
json named(const Pack& pack, const std::string& id) {
    const Entity* e = pack.find(id);
    return e ? json{{"id", e->id}, {"name", e->name}} : json(nullptr);
}

// [SECTION] The mirror's panels ----------------------------------------------------------------

// Events in time order (undated ones last, in pack order), each with a reader's date,
// the start as a valid HTML <time datetime> value, and its places.
json timeline_json(const Pack& pack) {
    std::vector<const Entity*> events;
    for (const Entity& e : pack.entities)
        if (e.kind == EntityKind::Event) events.push_back(&e);
    sort_items(events, [](const Entity* a, const Entity* b) {
        if (a->date.has_value() != b->date.has_value()) return a->date.has_value();
        return a->date && span_start_days(*a->date) < span_start_days(*b->date);
    });
    json out = json::array();
    for (const Entity* e : events) {
        json places = json::array();
        for (const std::string& id : e->places)
            if (json place = named(pack, id); !place.is_null()) places.push_back(std::move(place));
        json datetime = nullptr;
        // A day, month or year as written ("2015-11-13", "2015-10"); a range's start. HTML's
        // dates begin in AD 1, so an event that starts BC has none (its <time> is a <span>).
        const bool html_date = e->date && civil_from_days(e->date->start_day).year >= 1;
        if (html_date) datetime = e->date->times ? format_iso_date_time(e->date->times->start) : e->date->iso.substr(0, e->date->iso.find('/'));
        const std::string when = e->date ? describe_span(*e->date) : e->expected ? "Expected, not dated" : "Not dated";
        out.push_back({{"id", e->id}, {"name", e->name}, {"when", when}, {"datetime", datetime}, {"places", places}});
    }
    return out;
}

json quotes_json(const Pack& pack) {
    json out = json::array();
    for (const Entity& e : pack.entities) {
        if (e.kind != EntityKind::Quote) continue;
        json speaker = nullptr;
        if (const Entity* person = pack.find(e.speaker)) speaker = {{"id", person->id}, {"name", person->name}, {"role", person->role}};
        out.push_back({{"id", e.id}, {"name", e.name}, {"text", e.text}, {"language", e.language}, {"speaker", speaker},
                       {"place", named(pack, e.place)}});
    }
    return out;
}

// The places the map draws: a point, a country's shape ("country": true) or a region of
// countries ("region": how many).
json places_json(const Pack& pack) {
    json out = json::array();
    for (const Entity& e : pack.entities) {
        if (e.kind != EntityKind::Place || (!e.location && e.country.empty() && e.countries.empty())) continue;
        json place = {{"id", e.id}, {"name", e.name}};
        if (!e.country.empty()) place["country"] = true;
        if (!e.countries.empty()) place["region"] = e.countries.size();
        out.push_back(std::move(place));
    }
    return out;
}

// The distances the pack checks: the great-circle distance between two places beside the
// article's own number.
json distances_json(const Pack& pack) {
    json out = json::array();
    for (const Entity& e : pack.entities) {
        const std::optional<CheckedDistance> distance = checked_distance(pack, e);
        if (!distance) continue;
        const double km = distance->km;
        std::string text = thousands(km) + " km (" + thousands(km_to_miles(km)) + " mi) from " + distance->from->name + " to " +
                           distance->to->name + " by great circle";
        const long percent = distance->article_percent;
        if (!e.value.empty()) {
            text += "; the article says " + e.value;
            if (percent != 0) text += ", about " + std::to_string(std::labs(percent)) + "% " + (percent > 0 ? "more" : "less");
        }
        out.push_back({{"id", e.id}, {"name", e.name}, {"text", text + "."}});
    }
    return out;
}

} // namespace

std::string state_to_json(const AppState& state) {
    json out = json::object();
    out["selection"] = id_or_null(state.selection);
    out["hover"] = id_or_null(state.hover);
    out["map"] = {{"lat", state.map.lat}, {"lon", state.map.lon}, {"zoom", state.map.zoom}};
    // The link's texts: whole days for long views, UTC date-times for short ones; null
    // while the pack has no date (the editor's stand-in for a pack that does not validate).
    json& timeline = out["timeline"];
    if (const std::optional<std::string> range = timeline_text(state.timeline)) {
        const std::size_t dots = range->find("..");
        timeline = {{"start", range->substr(0, dots)}, {"end", range->substr(dots + 2)}};
    }
    out["timeCursor"] = state.time_cursor ? json(time_cursor_text(*state.time_cursor)) : json(nullptr);
    out["paragraph"] = id_or_null(state.article_paragraph);
    out["panel"] = state.panel;
    out["quoteSpeaker"] = id_or_null(state.quote_speaker_filter);
    return out.dump();
}

std::string entities_to_json(const Pack& pack) {
    json out = json::array();
    for (const Entity& e : pack.entities) {
        json o = {{"id", e.id},
                  {"type", entity_kind_name(e.kind)},
                  {"name", e.name},
                  {"aliases", e.aliases},
                  {"description", e.description},
                  {"context", e.context}};
        json citations = json::array();
        for (const Citation& c : e.citations)
            citations.push_back({{"publication", c.publication}, {"date", c.date}, {"title", c.title}, {"url", c.url},
                                 {"line", describe_citation(c)}});
        o["citations"] = std::move(citations);
        switch (e.kind) {
        case EntityKind::Place:
            if (e.location) o["lat"] = e.location->lat, o["lon"] = e.location->lon;
            if (!e.country.empty()) o["country"] = e.country;
            break;
        case EntityKind::Event:
            if (e.date) {
                // As written: local time with the pack's UTC offset when it gives times.
                const std::optional<TimedSpan>& times = e.date->times;
                o["start"] = times ? format_iso_date_time(times->start) : format_iso_day(e.date->start_day);
                o["end"] = times ? format_iso_date_time(times->end) : format_iso_day(e.date->end_day);
                o["approximate"] = e.date->approximate;
            }
            o["places"] = e.places;
            o["expected"] = e.expected;
            break;
        case EntityKind::Quote:
            o["text"] = e.text;
            o["speaker"] = e.speaker;
            if (!e.place.empty()) o["place"] = e.place;
            if (!e.language.empty()) o["language"] = e.language;
            break;
        case EntityKind::Person:
            o["role"] = e.role;
            o["affiliations"] = e.affiliations;
            o["anonymous"] = e.anonymous;
            if (!e.place.empty()) o["place"] = e.place;
            break;
        case EntityKind::Figure:
            o["value"] = e.value;
            o["note"] = e.note;
            break;
        case EntityKind::Work: o["creators"] = e.creators; break;
        case EntityKind::Organisation: break;
        }
        out.push_back(std::move(o));
    }
    // Invalid UTF-8 cannot reach here (load_pack rejects it), but never abort on it.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string article_to_json(const Pack& pack) {
    const Article& a = pack.article;
    // Each paragraph's mentions, from one pass over the entities (a pass per paragraph
    // took 40 copies of the seed 0.1 s), in reading order: outer before inner.
    struct Span {
        const Entity* entity;
        const Mention* mention;
    };
    std::vector<std::vector<Span>> spans_of(a.paragraphs.size());
    for (const Entity& e : pack.entities)
        for (const Mention& m : e.mentions)
            if (m.paragraph_index < spans_of.size()) spans_of[m.paragraph_index].push_back({&e, &m});
    json paragraphs = json::array();
    for (std::size_t p = 0; p < a.paragraphs.size(); ++p) {
        std::vector<Span>& here = spans_of[p];
        sort_items(here, [](const Span& x, const Span& y) {
            if (x.mention->begin != y.mention->begin) return x.mention->begin < y.mention->begin;
            return x.mention->end > y.mention->end;
        });
        json spans = json::array();
        for (const Span& span : here) {
            json o = {{"begin", span.mention->begin}, {"end", span.mention->end}, {"id", span.entity->id},
                      {"type", entity_kind_name(span.entity->kind)}, {"name", span.entity->name},
                      {"description", span.entity->description}};
            // A quotation's words, in the article, are in the quote's language.
            if (!span.entity->language.empty()) o["language"] = span.entity->language;
            spans.push_back(std::move(o));
        }
        const Paragraph& para = a.paragraphs[p];
        paragraphs.push_back({{"id", para.id},
                              {"text", para.text},
                              {"link", para.link_text.empty() ? json(nullptr)
                                                              : json({{"text", para.link_text}, {"url", para.link_url}})},
                              {"spans", std::move(spans)}});
    }
    json corrections = json::array();
    for (const Correction& c : a.corrections)
        corrections.push_back({{"date", c.date}, {"text", c.text}, {"line", describe_correction(c)}});
    json sources = json::array();
    for (const SourceEntry& source : collect_sources(pack)) {
        json supports = json::array();
        for (const std::size_t i : source.entities) supports.push_back({{"id", pack.entities[i].id}, {"name", pack.entities[i].name}});
        sources.push_back({{"line", describe_citation(source.citation)}, {"url", source.citation.url}, {"supports", std::move(supports)}});
    }
    json out = {{"headline", a.headline},
                {"source", a.source},
                {"attribution", a.attribution},
                {"url", a.url},
                {"language", a.language},
                {"published", a.published.iso.empty() ? std::string() : describe_span(a.published)},
                {"updated", a.updated},
                {"corrections", corrections},
                {"sources", sources},
                {"paragraphs", std::move(paragraphs)},
                {"timeline", timeline_json(pack)},
                {"quotes", quotes_json(pack)},
                {"places", places_json(pack)},
                {"distances", distances_json(pack)}};
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string place_countries_to_json(const Pack& pack, const Basemap& basemap) {
    json out = json::object();
    for (const Entity& e : pack.entities) {
        if (e.kind != EntityKind::Place || !e.location || !e.country.empty() || !e.countries.empty()) continue;
        if (const std::optional<std::size_t> country = country_at_or_off_coast(basemap, *e.location))
            out[e.id] = basemap.countries[*country].name;
    }
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string change_record_to_json(const ChangeRecord& record, const Store& store) {
    const char* history = record.history == ChangeKind::Push      ? "push"
                          : record.history == ChangeKind::Replace ? "replace"
                                                                  : "none";
    const json out = {{"fields", change_field_names(record.fields)},
                      {"source", change_source_name(record.source)},
                      {"history", history},
                      {"viewRevision", record.view_revision},
                      {"packRevision", record.pack_revision},
                      {"selection", id_or_null(store.view().selection)},
                      {"selectionChanged", record.has(FieldSelection)},
                      {"link", "#" + encode_state(store.view(), store.defaults())}};
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace explainer
