// The thin edge between the app and the browser (sokol-style: small functions, no
// logic). main_web.cpp runs the loop and input; js_api.cpp exports the functions the
// page's JavaScript calls.
#pragma once
#include "ui/app.h"
#include "ui/article_text.h"

namespace explainer::platform {

ui::App& app();

// Asks for `count` more frames (render on demand: nothing is drawn otherwise).
void request_frames(int count = 3);

// (Re)builds the font atlas and uploads it (a lost GL context recreates it here too).
void rebuild_font_atlas();

// Frames drawn since load (Explainer.stats().frames).
unsigned long long frames_drawn();

// Tells the page how a change should reach history (after a frame or an API call).
void notify_state_change(ChangeKind kind, bool selection_changed);

// Hands a copy the reader asked for in the canvas to the page (reader_api.cpp).
void deliver_copy(const ui::CopyRequest& copy);

} // namespace explainer::platform
