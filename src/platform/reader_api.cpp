// The reader's tools the page's JavaScript drives (web/page.js): find (Explainer.find,
// findNext, findPrevious, closeFind) and copy (Explainer.selectedText, the Copy button's
// "explainer:copy" event). Results are JSON text owned here until the next call.
#include <emscripten.h>

#include <string>

#include <nlohmann/json.hpp>

#include "platform.h"
#include "ui/article_text.h"

using namespace explainer;

namespace {

nlohmann::json copy_json(const ui::CopyRequest& copy) {
    nlohmann::json out = {{"text", copy.text}, {"from", copy.from}, {"mirror", nullptr}};
    if (!copy.mirror_element.empty()) out["mirror"] = {{"element", copy.mirror_element}};
    else if (copy.mirror_begin && copy.mirror_end)
        out["mirror"] = {{"start", {{"paragraph", copy.mirror_begin->paragraph}, {"offset", copy.mirror_begin->offset}}},
                         {"end", {{"paragraph", copy.mirror_end->paragraph}, {"offset", copy.mirror_end->offset}}}};
    return out;
}

} // namespace

namespace explainer::platform {

// The Copy button was pressed in the canvas: the page writes the text to the clipboard
// (still within the press's user activation) or falls back to the mirror.
void deliver_copy(const ui::CopyRequest& copy) {
    const std::string json = copy_json(copy).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EM_ASM({ window.dispatchEvent(new CustomEvent('explainer:copy', {detail: JSON.parse(UTF8ToString($0))})); }, json.c_str());
}

// {query, count, current (1-based, 0 before the first jump), entities: [{id, name, type, field, snippet}]}
const char* find_json(const ui::FindResults& found) {
    const Pack& pack = platform::app().store.pack();
    nlohmann::json entities = nlohmann::json::array();
    for (const EntityMatch& m : found.entities) {
        const Entity& e = pack.entities[m.entity];
        entities.push_back({{"id", e.id}, {"name", e.name}, {"type", entity_kind_name(e.kind)}, {"field", m.field},
                            {"snippet", m.snippet}});
    }
    return platform::js_json({{"query", found.query}, {"count", found.match_begins.size()}, {"current", found.current + 1},
                   {"entities", entities}});
}

} // namespace explainer::platform

extern "C" {

// What Ctrl+C / Cmd+C copies now: {text ("" when nothing is selected), from, mirror}.
EMSCRIPTEN_KEEPALIVE const char* explainer_selected_text() {
    const ui::App& app = platform::app();
    return platform::js_json(copy_json(ui::copy_for_shortcut(app.reading, app.store.pack(), app.store.view().selection, app.keyboard_panel == ui::kQuotesPanelId)));
}

EMSCRIPTEN_KEEPALIVE const char* explainer_find(const char* query) {
    ui::App& app = platform::app();
    const ui::FindResults& found = ui::find_in_article(app.reading, app.store.pack(), app.store.pack_revision(), query);
    platform::request_frames();
    return platform::find_json(found);
}

// Jumps to the next (direction > 0) or previous article match and scrolls to it.
EMSCRIPTEN_KEEPALIVE const char* explainer_find_step(int direction) {
    const ui::FindResults& found = ui::find_step(platform::app().reading, direction);
    platform::request_frames();
    return platform::find_json(found);
}

// 1 while a frame is asked for and not drawn yet (input to apply, an animation running).
EMSCRIPTEN_KEEPALIVE int explainer_frame_pending() { return platform::frame_pending() ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE void explainer_close_find() {
    ui::close_find(platform::app().reading);
    platform::request_frames();
}

} // extern "C"
