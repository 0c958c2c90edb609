// Draws Dear ImGui's draw data with WebGL2: the app's own renderer, in place of
// ImGui's OpenGL3 backend. The app owns the whole context, so the renderer sets the
// state it needs once a context, remembers what it set since, and never reads GL state
// back: in Chromium, reading blend state or the scissor box (what the backend saves and
// restores every frame) is a synchronous round trip to the GPU process, and cost
// milliseconds a frame (issue 10).
#pragma once

#include "imgui.h"

namespace explainer::platform {

// Starts the shaders' compile and link and sets the fixed GL state in the current
// context, and uploads the font atlas if it is built already (a restored context). False
// if GL refused the program; whether it linked is known at the first draw, or by asking.
bool renderer_init();

// Whether the program linked (a round trip to the GPU process, the first time only).
bool renderer_linked();

// Forgets every GL object (a lost context: its deletes are no-ops). renderer_init()
// starts again from scratch.
void renderer_shutdown();

// Makes the texture for ImGui's font atlas (replacing the last one) and sets its id. The
// atlas's pixels go up with the next draw, once it has rasterised the glyphs it draws
// (src/ui/deferred_glyphs.h).
void renderer_upload_font_atlas();

// Rasterises the atlas's glyphs that no frame has drawn yet, and uploads them: once the
// page is idle, so that later frames find every glyph drawn.
void renderer_rasterize_pending_glyphs();

// Clears the framebuffer of `width` x `height` device pixels to `background` and draws
// `data` into it.
void renderer_draw(const ImDrawData& data, int width, int height, ImVec4 background);

} // namespace explainer::platform
