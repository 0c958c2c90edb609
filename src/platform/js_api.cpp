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

using namespace explainer;

namespace {

std::string g_result;
OriginPolicy g_origins;  // host pages allowed to drive the explainer by postMessage

const char* result(std::string text) {
    g_result = std::move(text);
    return g_result.c_str();
}

} // namespace

extern "C" {

// Loads and validates a pack: {"ok": true|false, "errors": [...], "warnings": [...]}, each
// diagnostic {file, line, column, path, message, text}, `text` the validator's own wording.
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
    // Font files (relative URLs) with glyphs the pack needs beyond the embedded ones.
    out["fontFiles"] = loaded.pack ? font_files_for(loaded.pack->characters) : std::vector<std::string>{};
    if (loaded.pack) {
        ui::app_set_pack(platform::app(), std::move(*loaded.pack));
        platform::request_frames();
    }
    return result(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Parses the baked Natural Earth basemap (data/basemap.bin); "" or the reason it failed.
EMSCRIPTEN_KEEPALIVE const char* explainer_load_basemap(const uint8_t* bytes, size_t size) {
    std::string error;
    platform::app().basemap = parse_basemap(bytes, size, &error);
    platform::app().fonts_stale = true;  // the atlas holds the country names' characters
    platform::request_frames();
    return result(platform::app().basemap ? std::string() : error);
}

// Takes a font file: the base (fonts/base.bin, before the first pack) or one the pack
// needs (one of load_pack's "fontFiles"); the atlas is rebuilt at the next frame. "" or
// the reason it was refused.
EMSCRIPTEN_KEEPALIVE const char* explainer_add_font_chunk(const char* file, const uint8_t* bytes, size_t size) {
    std::string error = ui::app_add_font_chunk(platform::app(), file, std::vector<unsigned char>(bytes, bytes + size));
    platform::request_frames();
    return result(std::move(error));
}

// The font atlas: {"width", "height", "glyphs", "ms", "missing": ["U+02BB", ...]};
// `missing` lists the pack's characters some font of the atlas lacks (drawn as "?").
EMSCRIPTEN_KEEPALIVE const char* explainer_font_stats() {
    const ui::App& app = platform::app();
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    int glyphs = 0;
    for (const ImFont* font : atlas.Fonts) glyphs += font->Glyphs.Size;
    nlohmann::json missing = nlohmann::json::array();
    for (char32_t cp : app.missing_glyphs) missing.push_back(code_point_name(cp));
    const nlohmann::json out = {{"width", atlas.TexWidth}, {"height", atlas.TexHeight}, {"glyphs", glyphs},
                                {"ms", app.atlas_ms}, {"missing", missing}};
    return result(out.dump());
}

// Parses detail tile `tile` (data/basemap-detail/C-R.bin); "" or the reason it failed.
EMSCRIPTEN_KEEPALIVE const char* explainer_load_basemap_tile(int tile, const uint8_t* bytes, size_t size) {
    if (tile < 0 || tile >= kDetailTileCount) return result("no detail tile " + std::to_string(tile));
    std::string error;
    std::optional<Basemap>& slot = platform::app().basemap_detail.tiles[static_cast<size_t>(tile)];
    slot = parse_basemap(bytes, size, &error);
    platform::request_frames();
    return result(slot ? std::string() : error);
}

EMSCRIPTEN_KEEPALIVE const char* explainer_get_state() { return result(state_to_json(platform::app().state)); }

EMSCRIPTEN_KEEPALIVE const char* explainer_entities() { return result(entities_to_json(platform::app().pack)); }

// Selects an entity ("" clears). Returns 0 when the id is not in the pack.
EMSCRIPTEN_KEEPALIVE int explainer_select(const char* id) {
    ui::App& app = platform::app();
    const std::string wanted = id;
    if (!wanted.empty() && !app.pack.find(wanted)) return 0;
    const std::string before = app.state.selection;
    const ChangeKind kind = ui::app_apply(app, SelectAction{wanted}, true);
    platform::notify_state_change(kind, app.state.selection != before);
    platform::request_frames();
    return 1;
}

// Where an entity is drawn now: [{panel, x, y, width, height}] in CSS pixels of the
// canvas (the page adds the canvas's offset for viewport coordinates).
EMSCRIPTEN_KEEPALIVE const char* explainer_locate(const char* id) {
    nlohmann::json out = nlohmann::json::array();
    for (const ui::LocatedRect& r : platform::app().located)
        if (r.id == id) out.push_back({{"panel", r.panel}, {"x", r.x}, {"y", r.y}, {"width", r.w}, {"height", r.h}});
    return result(out.dump());
}

} // extern "C"

extern "C" EMSCRIPTEN_KEEPALIVE const char* explainer_article() { return result(article_to_json(platform::app().pack)); }

// [SECTION] Links ------------------------------------------------------------------------------

namespace {

std::string current_link() { return encode_state(platform::app().state, platform::app().defaults); }

// Applies a link's state as a whole (hover is kept: it belongs to the pointer, not to
// links). Returns the decoder's notes on what it ignored.
std::vector<std::string> apply_link(std::string_view fragment) {
    ui::App& app = platform::app();
    DecodeResult decoded = decode_state(fragment, app.defaults, app.pack);
    decoded.state.hover = app.state.hover;
    app.state = std::move(decoded.state);
    platform::request_frames();
    return decoded.ignored;
}

} // namespace

extern "C" {

// The fragment for the current view, without '#': "v=1&sel=sinjar&...".
EMSCRIPTEN_KEEPALIVE const char* explainer_get_link() { return result(current_link()); }

// Opens the view a fragment describes: {"ignored": [notes], "link": canonical link}.
EMSCRIPTEN_KEEPALIVE const char* explainer_set_link(const char* fragment) {
    const std::vector<std::string> ignored = apply_link(fragment);
    nlohmann::json out = {{"ignored", ignored}, {"link", current_link()}};
    return result(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
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
    g_origins = make_origin_policy(from_query, platform::app().pack.allowed_origins);
    nlohmann::json out = {{"allowed", g_origins.allowed}, {"notes", g_origins.notes}};
    return result(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Handles one message from the parent window: {"reply": message|null, "history":
// "push"|"none"}. Messages from origins that are not allowed get no reply at all;
// messages not addressed to the explainer are dropped silently.
EMSCRIPTEN_KEEPALIVE const char* explainer_host_message(const char* json_text, const char* origin) {
    nlohmann::json out = {{"reply", nullptr}, {"history", "none"}};
    if (!g_origins.accepts(origin)) return result(out.dump());
    ui::App& app = platform::app();
    const HostParseResult parsed = parse_host_message(json_text, app.pack);
    std::string reply;
    if (parsed.message) {
        const HostMessage& m = *parsed.message;
        std::vector<std::string> ignored;
        const AppState before = app.state;
        if (m.type == HostRequest::Select) ui::app_apply(app, SelectAction{m.id}, true);
        if (m.type == HostRequest::SetState) ignored = apply_link(m.link);
        if (app.state.selection != before.selection || current_link() != encode_state(before, app.defaults))
            out["history"] = "push";
        platform::request_frames();
        reply = make_state_message(current_link(), summarize_state(app.state, app.pack), m.request_id, ignored);
    } else if (parsed.addressed) {
        reply = make_error_message(parsed.rejection, parsed.request_id);
    }
    if (!reply.empty()) out["reply"] = nlohmann::json::parse(reply, nullptr, false);
    return result(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

EMSCRIPTEN_KEEPALIVE const char* explainer_ready_message() {
    const ui::App& app = platform::app();
    return result(make_ready_message(app.pack.id, current_link(), summarize_state(app.state, app.pack)));
}

EMSCRIPTEN_KEEPALIVE const char* explainer_state_message() {
    const ui::App& app = platform::app();
    return result(make_state_message(current_link(), summarize_state(app.state, app.pack)));
}

EMSCRIPTEN_KEEPALIVE const char* explainer_resize_message(int height) { return result(make_resize_message(height)); }

} // extern "C"
