// The thin edge between the app and the browser (sokol-style: small functions, no
// logic). main_web.cpp runs the loop and input; js_api.cpp exports the functions the
// page's JavaScript calls.
#pragma once
#include <span>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "ui/app.h"
#include "ui/article_text.h"

namespace explainer::platform {

ui::App& app();

// Asks for `count` more frames (render on demand: nothing is drawn otherwise). One is
// enough for a move, the wheel or a state change, and two for a button or a key: the
// frame loop draws more while a frame says it animates (its actions, flights, smooth
// scrolls), and then the first frame that does not is the last that differs
// (tests/ui/frame_requests_test.cpp). Issue 10: every input used to draw three.
void request_frames(int count = 1);

// Draws a frame now, not at the next animation frame, once the first has been drawn: what
// a call changed then reaches every panel before the call returns (a selection sets where
// the map's flight and the article's scroll end, which getState(), getLink() and a host's
// reply give, as README says).
void draw_frame_now();

// (Re)builds the font atlas and uploads it (a lost GL context recreates it here too).
void rebuild_font_atlas();

// Rasterises the atlas's glyphs that no frame has drawn yet (the browser is idle).
void rasterize_pending_glyphs();

// A basemap file that failed when parsed (ui::app_basemap: at the first frame that drew
// the map, or a query) says why in the page's console, once.
void report_basemap_error();

// The canvas's width in CSS pixels, as the page last reported it (explainer_set_surface).
float surface_css_width();

// Frames drawn since load (Explainer.stats().frames).
unsigned long long frames_drawn();

// A frame is asked for and not drawn yet: the engine is not idle (Explainer.stats().idle).
bool frame_pending();

// Seconds on the frame loop's clock (what the store's undo merging measures).
double now_seconds();

// The one place a change leaves the engine: hands the store's record to the page, which
// writes history, updates the HTML mirror, fires `select` and `statechange` and posts
// the host's `state` message from it (web/page.js, onChange). Records that change
// nothing but hover are not published.
void publish(const ChangeRecord& record);

// Dispatches actions from outside a frame (the JS API, links, history, host messages),
// publishes the record and asks for frames to show it.
ChangeRecord dispatch(std::span<const Action> actions, ChangeSource source);

// What an export returns to the page as text: kept in one buffer until the next export
// returns text (the page copies it at once, with UTF8ToString).
const char* js_string(std::string text);
// `value` as JSON text for an export; invalid UTF-8 in it is replaced, never thrown on.
const char* js_json(const nlohmann::json& value);

// Hands a copy the reader asked for in the canvas to the page (reader_api.cpp).
void deliver_copy(const ui::CopyRequest& copy);

// The find bar's results as Explainer.find gives them (reader_api.cpp; the editor's
// find after an edit answers the same way).
const char* find_json(const ui::FindResults& found);

} // namespace explainer::platform
