// The editor's document and its ops (see editor_session.h).
//
// Index
// - [SECTION] Session
// - [SECTION] Ops an editor builds
// - [SECTION] Moving by hand on the map and the timeline
#include "editor_session.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "dates.h"
#include "draft.h"
#include "scripts.h"

namespace explainer {

using json = nlohmann::json;

// [SECTION] Session ---------------------------------------------------------------------

std::string EditorSession::open(std::string_view text, std::string_view file_name, Store& store) {
    std::optional<json> document = parse_pack_document(text);
    if (!document) {
        // The validator says where the JSON breaks (line and column).
        const LoadResult loaded = load_pack(text, file_name);
        return loaded.errors.empty() ? std::string(file_name) + ": not a JSON document" : format_diagnostic(loaded.errors.front());
    }
    document_ = std::move(*document);
    file_name_ = std::string(file_name);
    last_errors_.clear();
    last_lost_.clear();
    // The author's own text, so that the first diagnostics' lines are those of the file
    // opened; after an edit they are those of the text export() writes.
    LoadResult loaded = load_pack(text, file_name);
    errors_ = std::move(loaded.errors);
    warnings_ = std::move(loaded.warnings);
    store.set_pack(shown_pack(nullptr), ChangeSource::Editor);
    store.set_undo_limit(std::numeric_limits<std::size_t>::max());  // a session's every change can be undone
    open_ = true;
    ++revision_;
    return "";
}

void EditorSession::revalidate(const EditResult* result) {
    if (result && result->pack) {
        errors_.clear();
        warnings_ = result->warnings;
        // The edit checked the document as one line: placed again in the text export() writes.
        std::vector<Diagnostic*> placed;
        for (Diagnostic& d : warnings_)
            if (!d.path.empty()) placed.push_back(&d);
        if (!placed.empty()) place_at_their_values(export_text(), placed);
        return;
    }
    LoadResult loaded = load_pack(export_text(), file_name_);
    errors_ = std::move(loaded.errors);
    warnings_ = std::move(loaded.warnings);
}

Pack EditorSession::shown_pack(const EditResult* result) {
    if (result && result->pack) return *result->pack;
    if (errors_.empty()) {
        LoadResult loaded = load_pack(export_text(), file_name_);
        if (loaded.pack) return std::move(*loaded.pack);
    }
    return placeholder_pack(document_);
}

PackEdit EditorSession::make_edit(json op, bool restoring) {
    PackEdit edit;
    edit.name = op.is_object() && op.contains("op") && op["op"].is_string() ? op["op"].get<std::string>() : "edit";
    edit.apply = [this, op = std::move(op), restoring](Pack& pack, PackEdit& inverse) -> std::string {
        EditResult result = apply_edit(document_, op, restoring);
        if (!result.ok) {
            last_errors_ = result.errors;
            return result.errors.empty() ? "refused" : result.errors.front().message;
        }
        last_errors_.clear();
        last_unchanged_ = result.unchanged;
        if (result.unchanged) return "";  // no inverse: the store makes no step of it
        last_lost_ = result.lost;
        revalidate(&result);
        pack = shown_pack(&result);
        ++revision_;
        inverse = make_edit(result.inverse, true);
        return "";
    };
    return edit;
}

json EditorSession::apply(const json& op, Store& store, ChangeSource source, double now_seconds) {
    assert(open_ && "an op needs an open document");
    last_errors_.clear();
    last_lost_.clear();
    last_unchanged_ = false;
    const ChangeRecord record = store.dispatch(make_edit(op, false), source, now_seconds);
    json errors = json::array();
    for (const EditError& e : last_errors_) errors.push_back({{"path", e.path}, {"packPath", e.pack_path}, {"message", e.message}});
    if (!record.error.empty() && errors.empty()) errors.push_back({{"path", ""}, {"packPath", ""}, {"message", record.error}});
    json lost = json::array();
    for (const LostMention& m : last_lost_) lost.push_back({{"id", m.entity}, {"mention", m.mention}});
    json out = {{"ok", record.error.empty()}, {"errors", errors}, {"lost", lost}};
    // An op that left the document as it was (a field committed with its own value) made no
    // step of the history: an undo always takes back something the author sees.
    if (record.error.empty() && last_unchanged_) out["unchanged"] = true;
    return out;
}

json EditorSession::check(const json& op) const {
    json trial = document_;
    const EditResult result = apply_edit(trial, op, false);
    json errors = json::array();
    for (const EditError& e : result.errors) errors.push_back({{"path", e.path}, {"packPath", e.pack_path}, {"message", e.message}});
    return {{"ok", result.ok}, {"errors", errors}};
}

json EditorSession::diagnostics_json() const {
    const auto list = [](const std::vector<Diagnostic>& diagnostics) {
        json out = json::array();
        for (const Diagnostic& d : diagnostics) {
            json item = {{"path", d.path}, {"line", d.line}, {"column", d.column}, {"message", d.message}, {"text", format_diagnostic(d)}};
            // The id of the entity the path is in: the error list names it, not its index.
            if (!d.entity.empty()) item["entity"] = d.entity;
            out.push_back(std::move(item));
        }
        return out;
    };
    return {{"ok", errors_.empty()}, {"errors", list(errors_)}, {"warnings", list(warnings_)}};
}

std::vector<std::string> EditorSession::messages_at(std::size_t entity_index, std::string_view field) const {
    std::vector<std::string> out;
    const std::string entity = "/entities/" + std::to_string(entity_index);
    const std::string prefix = field.empty() ? entity : entity + "/" + pointer_escape(field);
    const auto about = [&](std::string_view path) {
        if (field.empty()) return path == entity;
        return path == prefix || (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix && path[prefix.size()] == '/');
    };
    for (const Diagnostic& d : errors_)
        if (about(d.path)) out.push_back(d.message);
    for (const Diagnostic& d : warnings_)
        if (about(d.path)) out.push_back("warning: " + d.message);
    for (const EditError& e : last_errors_) {
        const bool here = field.empty() ? about(e.pack_path) || (e.pack_path.empty() && e.path.empty())
                                        : about(e.pack_path) || e.path == "/fields/" + pointer_escape(field) ||
                                              e.path.rfind("/fields/" + pointer_escape(field) + "/", 0) == 0;
        if (here) out.push_back(e.message);
    }
    return out;
}

std::vector<std::string> EditorSession::suggestion_ids() const {
    std::vector<std::string> ids;
    if (!document_.contains("entities") || !document_["entities"].is_array()) return ids;
    for (const json& e : document_["entities"])
        if (e.is_object() && e.contains("suggestion") && e.contains("id") && e["id"].is_string()) ids.push_back(e["id"].get<std::string>());
    return ids;
}

Pack placeholder_pack(const json& document) {
    Pack pack;
    const auto text = [](const json& object, const char* key) {
        return object.is_object() && object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : std::string();
    };
    const json& article = document.is_object() && document.contains("article") ? document["article"] : json();
    pack.id = text(document, "id");
    pack.article.headline = text(article, "headline");
    pack.article.source = text(article, "source");
    if (article.is_object() && article.contains("paragraphs") && article["paragraphs"].is_array())
        for (const json& p : article["paragraphs"]) pack.article.paragraphs.push_back({text(p, "id"), text(p, "text"), "", ""});
    // The font atlas holds the characters the panels draw.
    std::vector<char32_t> used;
    const auto collect = [&](const std::string& s) {
        for (std::size_t at = 0; at < s.size();) used.push_back(next_code_point(s, at));
    };
    collect(pack.article.headline);
    collect(pack.article.source);
    for (const Paragraph& p : pack.article.paragraphs) collect(p.text);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    pack.characters = std::move(used);
    return pack;
}

// [SECTION] Ops an editor builds -----------------------------------------------------------

json accept_suggestions_op(const std::vector<std::string>& ids) {
    json ops = json::array();
    for (const std::string& id : ids) ops.push_back({{"op", "updateEntity"}, {"id", id}, {"fields", {{"suggestion", nullptr}}}});
    return {{"op", "batch"}, {"ops", ops}};
}

namespace {

const json& entities_in(const json& document) {
    static const json kNone = json::array();
    const auto it = document.is_object() ? document.find("entities") : document.end();
    return it != document.end() && it->is_array() ? *it : kNone;
}

std::string text_of(const json& object, const char* key) {
    const auto it = object.is_object() ? object.find(key) : object.end();
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

json remove_entities_op(const json& document, const std::vector<std::string>& ids) {
    const auto rejected = [&](const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
    json ops = json::array();
    // An entity that stays loses the rejected ones from its lists (kReferenceLists: a drafted
    // event's place that was the wrong town) and its optional "place" (where a person is from,
    // where a quote was said): refusing the rejection for them, in terms of ops, left the
    // author to find and mend each by hand first. A quote's speaker and a figure's distance
    // check cannot do without theirs (rejection_refusals).
    for (const json& e : entities_in(document)) {
        const std::string id = text_of(e, "id");
        if (id.empty() || rejected(id)) continue;
        json fields = json::object();
        for (const char* key : kReferenceLists) {
            const auto list = e.find(key);
            if (list == e.end() || !list->is_array()) continue;
            json kept = json::array();
            for (const json& item : *list)
                if (!item.is_string() || !rejected(item.get<std::string>())) kept.push_back(item);
            if (kept.size() != list->size()) fields[key] = kept.empty() ? json(nullptr) : kept;
        }
        if (const std::string place = text_of(e, "place"); !place.empty() && rejected(place)) fields["place"] = nullptr;
        if (!fields.empty()) ops.push_back({{"op", "updateEntity"}, {"id", id}, {"fields", fields}});
    }
    // Entities that refer to others (quotes, events, works) go first.
    const auto kind_of = [&](const std::string& id) {
        for (const json& e : entities_in(document))
            if (e.is_object() && e.value("id", "") == id) return e.value("kind", "");
        return std::string();
    };
    const auto rank = [&](const std::string& id) {
        const std::string kind = kind_of(id);
        return kind == "quote" ? 0 : kind == "event" || kind == "work" || kind == "figure" ? 1 : kind == "person" ? 2 : 3;
    };
    std::vector<std::string> ordered = ids;
    std::stable_sort(ordered.begin(), ordered.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    for (const std::string& id : ordered) ops.push_back({{"op", "removeEntity"}, {"id", id}});
    return {{"op", "batch"}, {"ops", ops}};
}

std::vector<std::string> removal_refusals(const json& document, const std::vector<std::string>& ids, Removal removal) {
    const std::string verb = removal == Removal::Reject ? "reject" : "delete";
    const std::string done = removal == Removal::Reject ? "rejected" : "deleted";
    const auto rejected = [&](const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
    const auto name_of = [&](const std::string& id) {
        for (const json& e : entities_in(document))
            if (text_of(e, "id") == id) return text_of(e, "name").empty() ? id : text_of(e, "name");
        return id;
    };
    std::vector<std::string> refusals;
    for (const json& e : entities_in(document)) {
        const std::string id = text_of(e, "id");
        if (id.empty() || rejected(id)) continue;
        const std::string kind = text_of(e, "kind");
        const std::string what = kind + " " + in_quotes(kind == "quote" && !text_of(e, "text").empty() ? text_of(e, "text") : name_of(id));
        const auto refuse = [&](const std::string& target, const std::string& role) {
            refusals.push_back(in_quotes(name_of(target)) + " cannot be " + done + " while the " + what + " names it as its " + role +
                               ": " + verb + " that " + kind + " too, or change its " + role + " first");
        };
        if (const std::string speaker = text_of(e, "speaker"); !speaker.empty() && rejected(speaker)) refuse(speaker, "speaker");
        if (const auto check = e.find("check"); check != e.end() && check->is_object())
            for (const char* key : {"from", "to"})
                if (const std::string target = text_of(*check, key); !target.empty() && rejected(target))
                    refuse(target, std::string("distance check's \"") + key + "\" place");
    }
    return refusals;
}

const std::vector<std::string>& editor_entity_kinds() {
    static const std::vector<std::string> kinds = {"place", "person", "organisation", "event", "quote", "figure", "work"};
    return kinds;
}

std::string fresh_entity_id(const json& document, std::string_view name, std::string_view fallback) {
    const std::string base = slug_of(name, fallback);
    const auto taken = [&](const std::string& id) {
        if (!document.contains("entities") || !document["entities"].is_array()) return false;
        for (const json& e : document["entities"])
            if (e.is_object() && e.contains("id") && e["id"] == id) return true;
        return false;
    };
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
    return id;
}

json place_hit_citation(const PlaceHit& place) {
    switch (place.kind) {
    case PlaceHit::Kind::Country:
        return {{"publication", "ISO 3166 Maintenance Agency"},
                {"title", "ISO 3166-1 country codes: " + place.name + " (" + place.country + ")"},
                {"url", "https://www.iso.org/obp/ui/#iso:code:3166:" + place.country}};
    case PlaceHit::Kind::Region:
        return {{"publication", "United Nations Statistics Division"},
                {"title", "Standard country or area codes for statistical use (M49): " + place.name + " (" + place.code + ")"},
                {"url", "https://unstats.un.org/unsd/methodology/m49/"}};
    case PlaceHit::Kind::Place:
        break;
    }
    return {{"publication", "GeoNames"},
            {"title", place.name + " (geonameid " + std::to_string(place.geonameid) + ")"},
            {"url", "https://www.geonames.org/" + std::to_string(place.geonameid)}};
}

json set_location_op(std::string_view id, double lat, double lon, const PlaceHit* place) {
    json fields = {{"location", {{"lat", lat}, {"lon", lon}}}};
    // A country or region is drawn as its shapes, not as a point at its capital.
    if (place && place->kind == PlaceHit::Kind::Country) fields = {{"location", nullptr}, {"countries", nullptr}, {"country", place->code}};
    if (place && place->kind == PlaceHit::Kind::Region) fields = {{"location", nullptr}, {"country", nullptr}, {"countries", place->members}};
    if (place) fields["citations"] = json::array({place_hit_citation(*place)});
    return {{"op", "updateEntity"}, {"id", std::string(id)}, {"fields", fields}};
}

namespace {

// The quoted words of a selection: without the quotation marks and the punctuation
// that closes them ("“The city is besieged,”" -> "The city is besieged").
std::string quoted_words(std::string_view exact) {
    static const std::vector<std::string_view> edges = {"“", "”", "\"", "‘", "’", ",", ".", " "};
    bool trimmed = true;
    while (trimmed && !exact.empty()) {
        trimmed = false;
        for (std::string_view edge : edges) {
            if (exact.size() >= edge.size() && exact.substr(0, edge.size()) == edge) exact.remove_prefix(edge.size()), trimmed = true;
            if (exact.size() >= edge.size() && exact.substr(exact.size() - edge.size()) == edge) exact.remove_suffix(edge.size()), trimmed = true;
        }
    }
    return std::string(exact);
}

// The text of the document's paragraph `id`, or "" when there is none.
std::string paragraph_text(const json& document, std::string_view id) {
    if (!document.is_object() || !document.contains("article") || !document["article"].is_object()) return {};
    const json& article = document["article"];
    if (!article.contains("paragraphs") || !article["paragraphs"].is_array()) return {};
    for (const json& p : article["paragraphs"])
        if (p.is_object() && p.contains("id") && p["id"].is_string() && p["id"].get<std::string>() == id && p.contains("text") &&
            p["text"].is_string())
            return p["text"].get<std::string>();
    return {};
}

// Degrees placed by hand, to a hundred-thousandth (about a metre: finer than a hand places
// a marker, and what README promises for every place put by hand).
double hand_placed_degrees(double degrees) { return std::round(degrees * 1e5) / 1e5; }

} // namespace

json new_entity_op(const json& document, const NewEntity& request) {
    const std::string& exact = request.selector.exact;
    const std::string& kind = request.kind;
    json entity;
    // A quote is named after its speaker, as the drafter names quotes ("Ana Rojas: “We…”",
    // id quote-ana-rojas): named by its words alone, one in Georgian or Vietnamese got the
    // id "quote" and a name that said nothing of who spoke (an author trial).
    std::string speaker;
    for (const json& e : entities_in(document))
        if (kind == "quote" && !request.speaker.empty() && text_of(e, "id") == request.speaker) speaker = text_of(e, "name");
    const std::string prefix = kind == "quote" ? "quote-" : kind == "event" ? "event-" : kind == "figure" ? "figure-" : "";
    entity["id"] = fresh_entity_id(document, prefix + (speaker.empty() ? exact : speaker), kind);
    entity["kind"] = kind;
    entity["name"] = speaker.empty() ? exact : quote_name(speaker, quoted_words(exact));
    entity["description"] = kind == "quote" ? "Direct quotation in the article." : std::string(kNewEntityStandInStart) + exact + "”.";
    entity["mentions"] = json::array({mention_to_json(request.selector)});
    if (kind == "place") {
        // A country or region is drawn as its shapes, not as a point at its capital.
        if (request.place && request.place->kind == PlaceHit::Kind::Country)
            entity["country"] = request.place->code;
        else if (request.place && request.place->kind == PlaceHit::Kind::Region)
            entity["countries"] = request.place->members;
        else
            entity["location"] = request.place ? json{{"lat", request.place->lat}, {"lon", request.place->lon}}
                                               : json{{"lat", hand_placed_degrees(request.lat)}, {"lon", hand_placed_degrees(request.lon)}};
        if (request.place) entity["citations"] = json::array({place_hit_citation(*request.place)});
        else if (request.placed_by_hand) entity["citations"] = json::array({hand_placed_citation()});
    } else if (kind == "quote") {
        entity["speaker"] = request.speaker;
        entity["text"] = quoted_words(exact);
    } else if (kind == "figure") {
        entity["value"] = exact;
        entity["note"] = figure_note(paragraph_text(document, request.selector.paragraph), request.selector.begin);
    }
    return {{"op", "addEntity"}, {"entity", entity}};
}

// [SECTION] Moving by hand on the map and the timeline ------------------------------------

namespace {

// The entity with `id` in a document, or nullptr.
const json* entity_in(const json& document, std::string_view id) {
    if (!document.is_object() || !document.contains("entities") || !document["entities"].is_array()) return nullptr;
    for (const json& e : document["entities"])
        if (e.is_object() && e.contains("id") && e["id"].is_string() && e["id"].get<std::string>() == id) return &e;
    return nullptr;
}

// A citation only a gazetteer's coordinates can earn: what place_hit_citation() writes.
bool gazetteer_citation(const json& citation) {
    if (!citation.is_object() || !citation.contains("publication") || !citation["publication"].is_string()) return false;
    const std::string publication = citation["publication"].get<std::string>();
    return publication == "GeoNames" || publication == "ISO 3166 Maintenance Agency" ||
           publication == "United Nations Statistics Division";
}

// Units counted from year 0: days as they are, months as year * 12 + month - 1, years.
int unit_index(int day, DateUnit unit) {
    if (unit == DateUnit::Day) return day;
    const CivilDate c = civil_from_days(day);
    return unit == DateUnit::Month ? c.year * 12 + c.month - 1 : c.year;
}

// A month index's year and month (1..12); indices before year 0 are negative.
CivilDate month_of_index(int index) {
    const int year = static_cast<int>(floor_div64(index, 12));
    return {year, index - year * 12 + 1, 1};
}

int unit_first_day(int index, DateUnit unit) {
    if (unit == DateUnit::Day) return index;
    if (unit == DateUnit::Month) return days_from_civil(month_of_index(index));
    return days_from_civil({index, 1, 1});
}

std::string unit_iso(int index, DateUnit unit) {
    if (unit == DateUnit::Day) return format_iso_day(index);
    if (unit == DateUnit::Year) return format_iso_year(index);
    const CivilDate month = month_of_index(index);
    return format_iso_month(month.year, month.month);
}

} // namespace

json hand_placed_citation() {
    return {{"publication", "Natural Earth"},
            {"title", "Placed by hand on the editor's map (Natural Earth 1:50m basemap)"},
            {"url", "https://www.naturalearthdata.com/"}};
}

json hand_placed_location_op(const json& document, std::string_view id, double lat, double lon) {
    json citations = json::array();
    if (const json* entity = entity_in(document, id); entity && entity->contains("citations") && (*entity)["citations"].is_array())
        for (const json& c : (*entity)["citations"])
            if (!gazetteer_citation(c) && c != hand_placed_citation()) citations.push_back(c);
    citations.push_back(hand_placed_citation());
    return {{"op", "updateEntity"},
            {"id", std::string(id)},
            {"fields", {{"location", {{"lat", hand_placed_degrees(lat)}, {"lon", hand_placed_degrees(lon)}}}, {"citations", citations}}}};
}

DateUnit date_unit_for(TickUnit ticks) {
    switch (ticks) {
    case TickUnit::Minute: case TickUnit::Hour: case TickUnit::Day: case TickUnit::Week: return DateUnit::Day;
    case TickUnit::Month: case TickUnit::Quarter: return DateUnit::Month;
    case TickUnit::Year: case TickUnit::Decade: case TickUnit::Century: return DateUnit::Year;
    }
    return DateUnit::Day;
}

DraggedDate dragged_date(int start_day, int end_day, DragPart part, double from_day, double to_day, DateUnit unit) {
    const auto clamp_day = [](double day) { return static_cast<int>(std::floor(std::clamp(day, double(kFirstDay), double(kLastDay)))); };
    int first = unit_index(start_day, unit), last = unit_index(std::max(start_day, end_day), unit);
    const int to = unit_index(clamp_day(to_day), unit);
    const int lowest = unit_index(kFirstDay, unit), highest = unit_index(kLastDay, unit);
    switch (part) {
    case DragPart::Start: first = std::min(to, last); break;
    case DragPart::End: last = std::max(to, first); break;
    case DragPart::Whole: {
        const int by = std::clamp(to - unit_index(clamp_day(from_day), unit), lowest - first, highest - last);
        first += by, last += by;
        break;
    }
    }
    return {first == last ? unit_iso(first, unit) : unit_iso(first, unit) + "/" + unit_iso(last, unit), unit_first_day(first, unit),
            unit_first_day(last + 1, unit) - 1};
}

json dragged_date_op(const json& document, std::string_view id, std::string_view iso) {
    json date = json::object();
    if (const json* entity = entity_in(document, id); entity && entity->contains("date") && (*entity)["date"].is_object())
        date = (*entity)["date"];
    date["iso"] = std::string(iso);
    return {{"op", "updateEntity"}, {"id", std::string(id)}, {"fields", {{"date", date}}}};
}

} // namespace explainer
