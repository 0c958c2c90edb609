// Functions the page's JavaScript calls (web/explainer.js wraps them as the documented
// Explainer API). Strings cross as UTF-8; results come back as JSON text owned here
// until the next call.
#include <emscripten.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/api_json.h"
#include "platform.h"

using namespace explainer;

namespace {

std::string g_result;

const char* result(std::string text) {
    g_result = std::move(text);
    return g_result.c_str();
}

} // namespace

extern "C" {

// Loads and validates a pack: {"ok": true} or {"ok": false, "errors": [{file, line,
// column, path, message, text}]}, where `text` is the validator's own wording.
EMSCRIPTEN_KEEPALIVE const char* explainer_load_pack(const char* json_text, const char* file_name) {
    LoadResult loaded = load_pack(json_text, file_name);
    nlohmann::json out;
    out["ok"] = loaded.pack.has_value();
    out["errors"] = nlohmann::json::array();
    for (const Diagnostic& d : loaded.errors)
        out["errors"].push_back({{"file", d.file}, {"line", d.line}, {"column", d.column}, {"path", d.path},
                                 {"message", d.message}, {"text", format_diagnostic(d)}});
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
    platform::request_frames();
    return result(platform::app().basemap ? std::string() : error);
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
