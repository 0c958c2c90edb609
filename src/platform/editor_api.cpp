// The editor's functions (edit.html; web/editor.js wraps them as Explainer.editor). Only
// the editor's build (explainer-editor.wasm) links this file: the reader's wasm does not
// carry the drafter, the op engine or the gazetteer.
//
// Every change of the document is an op through EditorSession::apply, which dispatches a
// PackEdit to the app's Store (source "editor" from the editor's own controls, "api"
// from Explainer.editor.apply): one undo history for the UI, the API and the view.
// Results are JSON text owned here until the next call.
//
// Index
// - [SECTION] Document
// - [SECTION] Ops
// - [SECTION] Selection
// - [SECTION] Drafting and places
// - [SECTION] Gestures on the map and the timeline
#include <emscripten.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/draft.h"
#include "core/editor_session.h"
#include "core/pack_edit.h"
#include "core/scripts.h"
#include "editor_gazetteer.h"
#include "platform.h"
#include "ui/article_text.h"
#include "ui/editor_gestures.h"

using namespace explainer;
using json = nlohmann::json;

namespace {

// The editor's own state beside the app's: the document being edited, and the last
// place search's hits, which new entities refer to by index.
struct EditorEdge {
    EditorSession session;
    std::vector<PlaceHit> last_places;
    ui::EditorGestures gestures;        // the panels' hooks (App::editing points here)
    std::vector<json> gesture_ops;      // asked for during a frame, applied after it
    std::vector<std::string> gesture_refusals;  // gestures that ended without an edit, and why
    std::optional<NewEntity> new_place;  // made where the map is clicked next (a place the gazetteer lacks)
};

void install_gestures();  // [SECTION] Gestures on the map and the timeline

EditorEdge g_editor;

// Tells the page (autosave, the side column) and the canvas that the document changed.
void changed(const ChangeRecord& record) {
    ui::App& app = platform::app();
    if (record.has(FieldPack)) app.fonts_stale = true;  // the pack's characters may be new
    platform::publish(record);
    platform::request_frames();
}

ChangeSource source_named(const char* name) { return std::string(name) == "api" ? ChangeSource::Api : ChangeSource::Editor; }

json apply_op(const json& op, ChangeSource source) {
    if (!g_editor.session.is_open()) return {{"ok", false}, {"errors", json::array({{{"path", ""}, {"packPath", ""}, {"message", "no pack is open"}}})}};
    const std::uint64_t before = platform::app().store.pack_revision();
    json out = g_editor.session.apply(op, platform::app().store, source, platform::now_seconds());
    if (platform::app().store.pack_revision() != before) {
        ChangeRecord record;
        record.fields = FieldPack;
        record.source = source;
        record.pack_revision = platform::app().store.pack_revision();
        record.view_revision = platform::app().store.view_revision();
        changed(record);
    }
    return out;
}

// Removes the entities `ids` in one step, or says in the author's words why it cannot.
json remove_entities(const std::vector<std::string>& ids, Removal removal) {
    json errors = json::array();
    for (const std::string& refusal : removal_refusals(g_editor.session.document(), ids, removal))
        errors.push_back({{"path", ""}, {"packPath", ""}, {"message", refusal}});
    if (!errors.empty()) return {{"ok", false}, {"errors", errors}};
    return apply_op(remove_entities_op(g_editor.session.document(), ids), ChangeSource::Editor);
}

// The article text selected in the canvas as a selector that matches once (selector_for_range).
SelectorResult selection_selector() {
    const Pack& pack = platform::app().store.pack();
    const ui::CopyRequest copy = ui::article_selection_copy(platform::app().reading, pack);
    SelectorResult out;
    if (copy.text.empty() || !copy.mirror_begin || !copy.mirror_end) out.error = "select words in the article first";
    else if (copy.mirror_begin->paragraph != copy.mirror_end->paragraph)
        out.error = "a mention lies within one paragraph: select words in one paragraph";
    if (!out.error.empty()) return out;
    const auto index = pack.paragraph_index(copy.mirror_begin->paragraph);
    if (!index) return {std::nullopt, "the selection's paragraph is gone"};
    return selector_for_range(copy.mirror_begin->paragraph, pack.article.paragraphs[*index].text, copy.mirror_begin->offset,
                              copy.mirror_end->offset);
}

} // namespace

extern "C" {

// [SECTION] Document ------------------------------------------------------------------------

// Opens a pack's text: {"ok", "error" (not JSON at all), "diagnostics": {ok, errors, warnings},
// "fontFiles"}. A pack with errors opens (ok true, diagnostics.ok false).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_open(const char* text, const char* file_name) {
    install_gestures();
    enable_author_checks();
    const std::string error = g_editor.session.open(text, file_name, platform::app().store);
    if (!error.empty()) return platform::js_json({{"ok", false}, {"error", error}});
    ChangeRecord record;
    record.fields = FieldPack | FieldSelection | FieldDefaults;
    record.source = ChangeSource::Editor;
    changed(record);
    return platform::js_json({{"ok", true}, {"diagnostics", g_editor.session.diagnostics_json()},
                   {"fontFiles", ui::app_font_files_needed(platform::app())}});
}

// The font files the pack being edited needs and the engine lacks (["fonts/u0100.bin",
// ...]): a name typed with a letter outside the base font needs its chunk, which the page
// fetches once (ui::app_font_files_needed).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_font_files() {
    return platform::js_json(ui::app_font_files_needed(platform::app()));
}

// The document as JSON text (the inspector's and the suggestion list's source).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_document() { return platform::js_json(g_editor.session.document()); }

// The canonical text Save writes (format_pack): open-then-save gives the same bytes for a
// canonical pack.
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_export() {
    return platform::js_string(g_editor.session.export_text());
}

EMSCRIPTEN_KEEPALIVE const char* explainer_editor_validate() { return platform::js_json(g_editor.session.diagnostics_json()); }

// Grows with every change of the document: autosave writes when it moved.
EMSCRIPTEN_KEEPALIVE double explainer_editor_revision() { return static_cast<double>(g_editor.session.revision()); }

// {field: [messages]} for one entity, from the validator and the last refused op;
// "@entity": messages about the entity as a whole; "@resolvedDate": what its date resolves to.
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_messages(const char* id) {
    json out = json::object();
    const json& entities = g_editor.session.document().value("entities", json::array());
    for (std::size_t i = 0; i < entities.size(); ++i) {
        if (!entities[i].is_object() || entities[i].value("id", "") != id) continue;
        for (const auto& [key, value] : entities[i].items())
            if (auto messages = g_editor.session.messages_at(i, key); !messages.empty()) out[key] = messages;
        for (const char* key : {"location", "citations", "speaker", "text", "date", "description", "name", "mentions"})
            if (auto messages = g_editor.session.messages_at(i, key); !messages.empty()) out[key] = messages;
        if (auto messages = g_editor.session.messages_at(i, ""); !messages.empty()) out["@entity"] = messages;
        // What a date resolves to, read from the loaded pack.
        if (const Entity* entity = platform::app().store.pack().find(id); entity && entity->date)
            out["@resolvedDate"] = entity->date->iso + (entity->date->approximate ? " (approximate)" : "");
    }
    return platform::js_json(out);
}

// [SECTION] Ops ------------------------------------------------------------------------------

// Applies an op ({"op": "addEntity", ...}, see content/README.md): {"ok", "errors", "lost"}.
// `source`: "api" (Explainer.editor.apply) or "editor" (the side column).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_apply(const char* op_text, const char* source) {
    const json op = json::parse(op_text, nullptr, false);
    if (op.is_discarded())
        return platform::js_json({{"ok", false}, {"errors", json::array({{{"path", ""}, {"packPath", ""}, {"message", "the op is not JSON"}}})}});
    return platform::js_json(apply_op(op, source_named(source)));
}

// What an op would meet, without applying it: {"ok", "errors"} (the inspector checks a
// field while the author types).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_check(const char* op_text) {
    const json op = json::parse(op_text, nullptr, false);
    if (!g_editor.session.is_open() || op.is_discarded()) return platform::js_json({{"ok", false}, {"errors", json::array()}});
    return platform::js_json(g_editor.session.check(op));
}

// Accepts (1) or rejects (0) the suggestions whose ids are given (a JSON array), in one step.
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_review(const char* ids_text, int accept) {
    const json ids = json::parse(ids_text, nullptr, false);
    std::vector<std::string> list;
    if (ids.is_array())
        for (const json& id : ids)
            if (id.is_string()) list.push_back(id.get<std::string>());
    return platform::js_json(accept ? apply_op(accept_suggestions_op(list), ChangeSource::Editor) : remove_entities(list, Removal::Reject));
}

// Deletes the entity `id`, and what the entities that stay can lose of it, in one step
// (as rejecting a suggestion does).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_delete(const char* id) {
    return platform::js_json(remove_entities({id}, Removal::Delete));
}

// Undo (0) or redo (1) in the one history: 1 when something changed.
EMSCRIPTEN_KEEPALIVE int explainer_editor_undo(int redo, const char* source) {
    Store& store = platform::app().store;
    const ChangeRecord record = redo ? store.redo(source_named(source)) : store.undo(source_named(source));
    changed(record);
    return record.fields != 0 ? 1 : 0;
}

// [SECTION] Selection ---------------------------------------------------------------------------

// The article text selected in the canvas as a selector that matches once:
// {"selector": {paragraph, exact, prefix?, suffix?, occurrence?}} or {"error"} (nothing
// selected, a selection across paragraphs).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_selection() {
    const SelectorResult selector = selection_selector();
    if (!selector.mention) return platform::js_json({{"error", selector.error}});
    return platform::js_json({{"selector", mention_to_json(*selector.mention)}});
}

// A new entity from the article selection: {"kind", "placeIndex"? (of the last place
// search), "lat"?, "lon"?, "speaker"?} -> the op's result, plus "id" when it was added.
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_new_entity(const char* request_text);

// The find bar's search again, in the pack as it is now (web/editor.js, after every change
// of the pack while the bar is open): the count and highlights follow the author's edits.
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_find_again() {
    ui::App& app = platform::app();
    const ui::FindResults& found = ui::find_again(app.reading, app.store.pack(), app.store.pack_revision());
    platform::request_frames();
    return platform::find_json(found);
}

// [SECTION] Drafting and places -------------------------------------------------------------------

// {headline, source, published, url?, language?, paragraphs} -> {"pack": text} or {"error"}; the same
// drafting as `explainer-draft` (with the gazetteer once it is loaded).
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_draft(const char* input_json) {
    const DraftResult drafted = draft_pack_from_json(input_json, platform::editor_gazetteer());
    if (!drafted.error.empty()) return platform::js_json({{"error", drafted.error}});
    return platform::js_json({{"pack", drafted.pack_json}});
}

// [{name, country, lat, lon, population, source, id}], best first; {"error"} when the
// gazetteer is not loaded (or failed to), or the query has fewer than 2 letters.
EMSCRIPTEN_KEEPALIVE const char* explainer_editor_search_places(const char* query, int limit);

// 1 when a search for `query` saw every place it could match (Gazetteer::search_is_complete);
// 0 when it found whole names, and prefixes only among the places loaded: more letters needed.
EMSCRIPTEN_KEEPALIVE int explainer_editor_search_complete(const char* query) {
    const Gazetteer* gazetteer = platform::editor_gazetteer();
    return gazetteer && gazetteer->search_is_complete(query) ? 1 : 0;
}

} // extern "C"

const char* explainer_editor_search_places(const char* query, int limit) {
    const Gazetteer* gazetteer = platform::editor_gazetteer();
    if (!gazetteer) {
        const std::string& error = platform::editor_gazetteer_error();
        return platform::js_json({{"error", error.empty() ? "the gazetteer is still loading" : error}});
    }
    if (name_key(query).size() < 2) {
        // A name in another script (東京, Москва) folds to nothing: GeoNames' names here are
        // in Latin letters, which the author must be told, not to type more.
        const std::string_view text = query;
        bool other_script = false;
        for (std::size_t at = 0; at < text.size();) other_script |= next_code_point(text, at) >= 0x0370;
        return platform::js_json({{"error", other_script ? "the gazetteer names places in Latin letters: search \"Tokyo\" or "
                                                           "\"Moscow\", not a name in another script"
                                                         : "type at least 2 letters to search the gazetteer"}});
    }
    g_editor.last_places = search_places(*gazetteer, query, static_cast<std::size_t>(std::max(1, limit)));
    json out = json::array();
    for (const PlaceHit& hit : g_editor.last_places) out.push_back(platform::place_hit_to_json(hit));
    return platform::js_json(out);
}

const char* explainer_editor_new_entity(const char* request_text) {
    const json request = json::parse(request_text, nullptr, false);
    const auto fail = [](const std::string& message) {
        return platform::js_json({{"ok", false}, {"errors", json::array({{{"path", ""}, {"packPath", ""}, {"message", message}}})}});
    };
    if (!request.is_object() || !request.contains("kind") || !request["kind"].is_string()) return fail("the request names no kind");
    const SelectorResult selector = selection_selector();
    if (!selector.mention) return fail(selector.error);
    NewEntity entity;
    entity.kind = request["kind"].get<std::string>();
    entity.selector = *selector.mention;
    const int place_index = request.value("placeIndex", -1);
    if (place_index >= 0 && static_cast<std::size_t>(place_index) < g_editor.last_places.size()) entity.place = &g_editor.last_places[place_index];
    entity.lat = request.value("lat", 0.0);
    entity.lon = request.value("lon", 0.0);
    entity.speaker = request.value("speaker", "");
    const json op = new_entity_op(g_editor.session.document(), entity);
    json out = apply_op(op, ChangeSource::Editor);
    if (out["ok"].get<bool>()) out["id"] = op["entity"]["id"];
    return platform::js_json(out);
}

// Sets place `id`'s location: to hit `place_index` of the last place search (with its
// GeoNames citation), or to `lat`, `lon` typed or clicked by hand when the index is -1
// (then cited as placed by hand: hand_placed_location_op).
extern "C" EMSCRIPTEN_KEEPALIVE const char* explainer_editor_set_location(const char* id, int place_index, double lat, double lon) {
    const PlaceHit* hit = place_index >= 0 && static_cast<std::size_t>(place_index) < g_editor.last_places.size() ? &g_editor.last_places[place_index] : nullptr;
    const json op = hit ? set_location_op(id, hit->lat, hit->lon, hit) : hand_placed_location_op(g_editor.session.document(), id, lat, lon);
    return platform::js_json(apply_op(op, ChangeSource::Editor));
}

// The op that sets place `id`'s location to `lat`, `lon` typed in the inspector, not applied
// (the inspector checks it as it is typed): cited as placed by hand, as a click would place
// it, so a gazetteer's citation does not go on vouching for coordinates it never gave.
extern "C" EMSCRIPTEN_KEEPALIVE const char* explainer_editor_hand_placed_op(const char* id, double lat, double lon) {
    return platform::js_json(hand_placed_location_op(g_editor.session.document(), id, lat, lon));
}

// [SECTION] Gestures on the map and the timeline ----------------------------------------------
// A marker dragged or a click on the map (ui/map_editing.cpp), an event's dates dragged
// (ui/timeline_editing.cpp): each asks for one op when its press ends, applied here after
// the frame (the panels draw the pack during it), through the same path as the column's.

namespace {

// Tells the page why a gesture changed nothing: the column shows it as a refused op.
void report_refusal(const json& result) {
    const std::string text = result.dump(-1, ' ', false, json::error_handler_t::replace);
    EM_ASM({
        const host = Module['explainerHost'];
        if (host && host.refused) host.refused(JSON.parse(UTF8ToString($0)));
    }, text.c_str());
    platform::request_frames();
}

void apply_gesture_ops(void*) {
    std::vector<json> ops = std::move(g_editor.gesture_ops);
    std::vector<std::string> refusals = std::move(g_editor.gesture_refusals);
    g_editor.gesture_ops.clear();
    g_editor.gesture_refusals.clear();
    for (const json& op : ops) {
        const json out = apply_op(op, ChangeSource::Editor);
        // A refused drag (an exact date outside the article's phrase) leaves the pack as it
        // was; the page says why.
        if (!out["ok"].get<bool>()) report_refusal(out);
    }
    for (const std::string& reason : refusals)
        report_refusal({{"ok", false}, {"errors", json::array({{{"path", ""}, {"packPath", ""}, {"message", reason}}})}});
}

void schedule_after_frame() {
    if (g_editor.gesture_ops.empty() && g_editor.gesture_refusals.empty()) emscripten_async_call(apply_gesture_ops, nullptr, 0);
}

void after_frame(json op) {
    schedule_after_frame();
    g_editor.gesture_ops.push_back(std::move(op));
}

// The panels' gestures are the editor's from the first pack it opens.
void install_gestures() {
    if (platform::app().editing) return;
    g_editor.gestures.place_at = [](const std::string& id, GeoPoint at) {
        if (id != ui::EditorGestures::kNewPlaceOnClick) {
            after_frame(hand_placed_location_op(g_editor.session.document(), id, at.lat, at.lon));
        } else if (std::optional<NewEntity> place = std::exchange(g_editor.new_place, std::nullopt)) {
            place->lat = at.lat, place->lon = at.lon;
            after_frame(new_entity_op(g_editor.session.document(), *place));
        }
    };
    g_editor.gestures.date_to = [](const std::string& id, const std::string& iso) { after_frame(dragged_date_op(g_editor.session.document(), id, iso)); };
    g_editor.gestures.refused = [](const std::string& reason) {
        schedule_after_frame();
        g_editor.gesture_refusals.push_back(reason);
    };
    g_editor.gestures.pack_validates = [] { return g_editor.session.errors().empty(); };
    platform::app().editing = &g_editor.gestures;
}

} // namespace

// "Place on map": the next click on the map puts place `id` there ("" cancels). 1 when armed.
extern "C" EMSCRIPTEN_KEEPALIVE int explainer_editor_place_on_click(const char* id) {
    const Entity* entity = platform::app().store.pack().find(id);
    g_editor.gestures.place_on_click = entity && entity->kind == EntityKind::Place ? std::string(id) : std::string();
    g_editor.new_place.reset();
    return g_editor.gestures.place_on_click.empty() ? 0 : 1;
}

// "New place" for a place the gazetteer does not know (a battlefield, a historic kingdom):
// the next click on the map makes a place of the article's selected words there, cited as
// placed by hand ("" as `id` to explainer_editor_place_on_click cancels). {"ok", "name"}, or
// {"ok": false, "errors"} when no words are selected.
extern "C" EMSCRIPTEN_KEEPALIVE const char* explainer_editor_new_place_on_click() {
    const SelectorResult selector = selection_selector();
    if (!selector.mention)
        return platform::js_json({{"ok", false}, {"errors", json::array({{{"path", ""}, {"packPath", ""}, {"message", selector.error}}})}});
    NewEntity place;
    place.kind = "place";
    place.selector = *selector.mention;
    place.placed_by_hand = true;
    g_editor.new_place = place;
    g_editor.gestures.place_on_click = std::string(ui::EditorGestures::kNewPlaceOnClick);
    return platform::js_json({{"ok", true}, {"name", selector.mention->exact}});
}
