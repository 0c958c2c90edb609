// STOPGAP editor gazetteer (see editor_gazetteer.h): the page fetches the whole file and
// hands it over once.
#include <emscripten.h>

#include <optional>
#include <string>
#include <string_view>

#include "editor_gazetteer.h"

namespace explainer::platform {

namespace {
std::optional<Gazetteer> g_gazetteer;
std::string g_error;
} // namespace

const Gazetteer* editor_gazetteer() { return g_gazetteer ? &*g_gazetteer : nullptr; }
const std::string& editor_gazetteer_error() { return g_error; }

} // namespace explainer::platform

// The built gazetteer's text (null: the page could not fetch it, `why` says so). "" or the error.
extern "C" EMSCRIPTEN_KEEPALIVE const char* explainer_editor_load_gazetteer(const char* text, const char* why) {
    using namespace explainer::platform;
    g_error.clear();
    if (!text) {
        g_error = std::string("the gazetteer could not be loaded: ") + (why ? why : "unknown error");
        return g_error.c_str();
    }
    std::string error;
    g_gazetteer = explainer::Gazetteer::parse(std::string_view(text), error);
    if (!g_gazetteer) g_error = "the gazetteer is damaged: " + error;
    return g_error.c_str();
}
