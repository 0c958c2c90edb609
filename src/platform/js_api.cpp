// Functions the page's JavaScript calls (web/explainer.js wraps them as the documented
// Explainer API). Strings cross as UTF-8; results come back as JSON text owned here
// until the next call.
#include <emscripten.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/api_json.h"
#include "core/host_message.h"
#include "core/scripts.h"
#include "core/url_state.h"
#include "platform.h"
#include "ui/deferred_glyphs.h"

using namespace explainer;

namespace {

OriginPolicy g_origins;  // host pages allowed to drive the explainer by postMessage

// Reads go to the store; every change goes through dispatch().
const Store& store() { return platform::app().store; }

void dispatch(const Action& action, ChangeSource source) { platform::dispatch(std::span<const Action>(&action, 1), source); }

} // namespace

extern "C" {

// Loads and validates a pack: {"ok": true|false, "errors": [...], "warnings": [...],
// "title"}, each diagnostic {file, line, column, path, message, text},
// `text` the validator's own wording; `title` the page's title for it (its title, else its
// headline; "" for a pack that does not load).
EMSCRIPTEN_KEEPALIVE const char* explainer_load_pack(const char* json_text, const char* file_name) {
    LoadResult loaded = load_pack(json_text, file_name);
    nlohmann::json out;
    out["ok"] = loaded.pack.has_value();
    const auto diagnostics = [](const std::vector<Diagnostic>& list) {
        nlohmann::json array = nlohmann::json::array();
        for (const Diagnostic& d : list)
            array.push_back({{"file", d.file}, {"line", d.line}, {"column", d.column}, {"path", d.path},
                             {"message", d.message}, {"text", format_diagnostic(d)}});
        return array;
    };
    out["errors"] = diagnostics(loaded.errors);
    out["warnings"] = diagnostics(loaded.warnings);
    out["title"] = !loaded.pack ? "" : loaded.pack->title.empty() ? loaded.pack->article.headline : loaded.pack->title;
    if (loaded.pack) {
        platform::publish(ui::app_set_pack(platform::app(), std::move(*loaded.pack)));
        platform::request_frames();
    }
    return platform::js_json(out);
}

// The font files (relative URLs) with glyphs the pack needs beyond the embedded ones that
// the engine has not been given (["fonts/g003-cjk.bin", ...]), with `first_screen` those a
// first frame may need: asked again after those came, until it is empty (the CJK groups'
// index, once there, names other files).
EMSCRIPTEN_KEEPALIVE const char* explainer_font_files_needed(int first_screen) {
    ui::App& app = platform::app();
    return platform::js_json(first_screen ? ui::app_first_screen_font_files(app) : ui::app_font_files_needed(app));
}

// While the page is fetching font files after the first frame (awaiting = 1), the
// characters they bring are drawn blank, and the first frame that shows one is not the
// first complete frame (ready waits); with 0, what never came is drawn as "?".
EMSCRIPTEN_KEEPALIVE void explainer_await_font_files(int awaiting) {
    if (ui::app_await_font_files(platform::app(), awaiting != 0)) platform::request_frames();
}

// Takes the baked Natural Earth basemap (data/basemap.bin): its country names now, the
// rest when first needed (ui::app_set_basemap_file); "" or the reason it was refused.
EMSCRIPTEN_KEEPALIVE const char* explainer_load_basemap(const uint8_t* bytes, size_t size) {
    const std::string error = ui::app_set_basemap_file(platform::app(), std::vector<uint8_t>(bytes, bytes + size));
    // Only the map draws it: a phone's article tab, which asks for it once idle, stays as drawn.
    if (ui::app_draws_map(platform::app(), platform::surface_css_width())) platform::request_frames();
    return platform::js_string(error);
}

// Whether a frame `width` CSS px wide draws the map (ui::app_draws_map): a phone's article
// tab does not, so its page fetches the basemap after the first frame.
EMSCRIPTEN_KEEPALIVE int explainer_draws_map(double width) {
    return ui::app_draws_map(platform::app(), static_cast<float>(width)) ? 1 : 0;
}

// Takes a font file: the base (fonts/base.bin, before the first pack) or one the pack
// needs (explainer_font_files_needed); the atlas is rebuilt at the next frame. "" or
// the reason it was refused.
EMSCRIPTEN_KEEPALIVE const char* explainer_add_font_chunk(const char* file, const uint8_t* bytes, size_t size) {
    std::string error = ui::app_add_font_chunk(platform::app(), file, std::vector<unsigned char>(bytes, bytes + size));
    platform::request_frames();
    return platform::js_string(std::move(error));
}

// The font atlas: {"width", "height", "glyphs", "pending", "awaited", "ms", "missing":
// ["U+02BB", ...]}; `pending`: glyphs not rasterised yet (src/ui/deferred_glyphs.h);
// `awaited`: characters drawn blank while their font files come (ui::App::awaited_glyphs);
// `missing` lists the pack's characters some font of the atlas lacks (drawn as "?").
EMSCRIPTEN_KEEPALIVE const char* explainer_font_stats() {
    const ui::App& app = platform::app();
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    int glyphs = 0;
    for (const ImFont* font : atlas.Fonts) glyphs += font->Glyphs.Size;
    nlohmann::json missing = nlohmann::json::array();
    for (char32_t cp : app.missing_glyphs) missing.push_back(code_point_name(cp));
    const nlohmann::json out = {{"width", atlas.TexWidth}, {"height", atlas.TexHeight}, {"glyphs", glyphs},
                                {"pending", ui::pending_glyph_count()}, {"awaited", app.awaited_glyphs.size()}, {"ms", app.atlas_ms}, {"missing", missing}};
    return platform::js_string(out.dump());
}

// Parses detail tile `tile` (data/basemap-detail/C-R.bin); "" or the reason it failed.
EMSCRIPTEN_KEEPALIVE const char* explainer_load_basemap_tile(int tile, const uint8_t* bytes, size_t size) {
    if (tile < 0 || tile >= kDetailTileCount) return platform::js_string("no detail tile " + std::to_string(tile));
    std::string error;
    ui::app_set_basemap_tile(platform::app(), tile, parse_basemap(bytes, size, &error));
    platform::request_frames();
    return platform::js_string(platform::app().basemap_detail.tiles[static_cast<size_t>(tile)] ? std::string() : error);
}

EMSCRIPTEN_KEEPALIVE const char* explainer_get_state() { return platform::js_string(state_to_json(store().view())); }

EMSCRIPTEN_KEEPALIVE const char* explainer_entities() { return platform::js_string(entities_to_json(store().pack())); }

// Selects an entity ("" clears). Returns 0 when the id is not in the pack.
EMSCRIPTEN_KEEPALIVE int explainer_select(const char* id) {
    const std::string wanted = id;
    if (!wanted.empty() && !store().pack().find(wanted)) return 0;
    dispatch(SelectAction{wanted}, ChangeSource::Api);
    platform::draw_frame_now();  // getState() and getLink() then give where the map flies
    return 1;
}

// Walks the undo history of view changes (Explainer.undo/redo): 1 if something changed.
EMSCRIPTEN_KEEPALIVE int explainer_undo(int redo) {
    Store& undoable = platform::app().store;
    const ChangeRecord record = redo ? undoable.redo(ChangeSource::Api) : undoable.undo(ChangeSource::Api);
    platform::publish(record);
    platform::request_frames();
    return record.fields != 0 ? 1 : 0;
}

// Where an entity is drawn now: [{panel, x, y, width, height}] in CSS pixels of the
// canvas (the page adds the canvas's offset for viewport coordinates).
EMSCRIPTEN_KEEPALIVE const char* explainer_locate(const char* id) {
    nlohmann::json out = nlohmann::json::array();
    const ui::App& app = platform::app();
    // Drawn with a pack that has changed since (an edit, a new pack): nothing is where
    // it was until the next frame draws it.
    if (app.located.pack_revision() != app.store.pack_revision()) return platform::js_string(out.dump());
    for (const ui::LocatedRect& r : app.located)
        if (r.id == id) out.push_back({{"panel", r.panel}, {"x", r.x}, {"y", r.y}, {"width", r.w}, {"height", r.h}});
    return platform::js_string(out.dump());
}

} // extern "C"

extern "C" EMSCRIPTEN_KEEPALIVE const char* explainer_article() { return platform::js_string(article_to_json(store().pack())); }

// {placeId: country name} from the loaded basemap ({} without one), for the mirror's map list.
extern "C" EMSCRIPTEN_KEEPALIVE const char* explainer_place_countries() {
    ui::App& app = platform::app();
    const Basemap* basemap = ui::app_basemap(app);
    platform::report_basemap_error();
    return platform::js_string(basemap ? place_countries_to_json(app.store.pack(), *basemap) : "{}");
}

// [SECTION] Links ------------------------------------------------------------------------------

namespace {

std::string current_link() { return encode_state(store().view(), store().defaults()); }

// Opens the view a link describes, as one whole-view change from `source`. Returns the
// decoder's notes on what it ignored.
std::vector<std::string> apply_link(std::string_view fragment, ChangeSource source) {
    DecodeResult decoded = decode_state(fragment, store().defaults(), store().pack(), ui::panel_ids());
    dispatch(SetViewAction{std::move(decoded.state)}, source);
    return decoded.ignored;
}

ChangeSource link_source(std::string_view name) {
    for (ChangeSource source : {ChangeSource::Link, ChangeSource::History, ChangeSource::Api})
        if (name == change_source_name(source)) return source;
    return ChangeSource::Api;
}

} // namespace

extern "C" {

// The fragment for the current view, without '#': "v=1&sel=sinjar&...".
EMSCRIPTEN_KEEPALIVE const char* explainer_get_link() { return platform::js_string(current_link()); }

// Opens the view a fragment describes: {"ignored": [notes], "link": canonical link}.
// `source`: "link" (the page's own URL at load), "history" (Back, Forward, a typed
// fragment) or "api" (Explainer.setState).
EMSCRIPTEN_KEEPALIVE const char* explainer_set_link(const char* fragment, const char* source) {
    const std::vector<std::string> ignored = apply_link(fragment, link_source(source));
    nlohmann::json out = {{"ignored", ignored}, {"link", current_link()}};
    return platform::js_json(out);
}

// [SECTION] postMessage ------------------------------------------------------------------------

// Sets the origins allowed to talk to the explainer: the page's `origin=` parameters
// (a JSON array of strings) plus the pack's allowedOrigins. Returns {"allowed", "notes"}.
EMSCRIPTEN_KEEPALIVE const char* explainer_set_origins(const char* query_origins_json) {
    std::vector<std::string> from_query;
    const nlohmann::json parsed = nlohmann::json::parse(query_origins_json, nullptr, false);
    if (parsed.is_array())
        for (const nlohmann::json& item : parsed)
            if (item.is_string()) from_query.push_back(item.get<std::string>());
    g_origins = make_origin_policy(from_query, store().pack().allowed_origins);
    nlohmann::json out = {{"allowed", g_origins.allowed}, {"notes", g_origins.notes}};
    return platform::js_json(out);
}

// Handles one message from the parent window: {"reply": message|null}. A change it makes
// is published like any other (source "host"); the reply is the state message for it.
// Messages from origins that are not allowed get no reply at all; messages not addressed
// to the explainer are dropped silently.
EMSCRIPTEN_KEEPALIVE const char* explainer_host_message(const char* json_text, const char* origin) {
    nlohmann::json out = {{"reply", nullptr}};
    if (!g_origins.accepts(origin)) return platform::js_string(out.dump());
    const HostParseResult parsed = parse_host_message(json_text, store().pack());
    std::string reply;
    if (parsed.message) {
        const HostMessage& m = *parsed.message;
        std::vector<std::string> ignored;
        if (m.type == HostRequest::Select) {
            dispatch(SelectAction{m.id}, ChangeSource::Host);
            platform::draw_frame_now();  // the reply's link has where the map flies
        }
        if (m.type == HostRequest::SetState) ignored = apply_link(m.link, ChangeSource::Host);
        reply = make_state_message(current_link(), summarize_state(store().view(), store().pack()), m.request_id, ignored);
    } else if (parsed.addressed) {
        reply = make_error_message(parsed.rejection, parsed.request_id);
    }
    // Parsed as a string_view: the one input type every other parse in the engine uses, so
    // nlohmann's lexer and parser are compiled once (a std::string's iterators were a second copy).
    if (!reply.empty()) out["reply"] = nlohmann::json::parse(std::string_view(reply), nullptr, false);
    return platform::js_json(out);
}

EMSCRIPTEN_KEEPALIVE const char* explainer_ready_message() {
    return platform::js_string(make_ready_message(store().pack().id, current_link(), summarize_state(store().view(), store().pack())));
}

EMSCRIPTEN_KEEPALIVE const char* explainer_state_message() {
    return platform::js_string(make_state_message(current_link(), summarize_state(store().view(), store().pack())));
}

EMSCRIPTEN_KEEPALIVE const char* explainer_resize_message(int height) { return platform::js_string(make_resize_message(height)); }

} // extern "C"
