// The browser edge: WebGL2 context, DOM input into Dear ImGui, and the on-demand frame
// loop. No frame is drawn unless input, a resize, a state change or an animation asks
// for one; when nothing moves, requestAnimationFrame is not even scheduled.
//
// Index
// - [SECTION] State
// - [SECTION] Input queue
// - [SECTION] DOM events
// - [SECTION] Frame loop
// - [SECTION] Exports to the page
// - [SECTION] ImGui's .ini reader, left out
// - [SECTION] Numbers read without long double
// - [SECTION] main
#include <emscripten.h>
#include <emscripten/em_math.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <optional>
#include <string>

#include "imgui.h"
#include "core/api_json.h"
#include "core/number_text.h"
#include "core/print_format.h"
#include <nlohmann/json.hpp>
#include "gl_renderer.h"
#include "platform.h"
#include "ui/article_text.h"
#include "ui/interaction.h"

namespace explainer::platform {

// [SECTION] State -----------------------------------------------------------------------------

namespace {

// Dear ImGui 1.86 reads input as state per frame, so a press and a release that land
// between two frames would be lost. DOM events are queued and applied one button or key
// transition per frame (apply_queued_input).
struct InputEvent {
    enum Kind { MouseMove, MouseButton, Key, Char, Leave } kind = MouseMove;
    float x = 0, y = 0;
    int code = 0;     // button or key index
    bool down = false;
    bool shift = false, ctrl = false, alt = false;
    int clicks = 0;   // a press: 1, 2 or 3 for a single, double or triple click
    double time_ms = 0;  // when the browser made the event (its timeStamp, emscripten_get_now's clock)
};

struct TouchPoint {
    long id = -1;
    float x = 0, y = 0;
};

// The first two fingers on the canvas and the pinch they make, until the next frame.
struct Touches {
    TouchPoint points[2];
    int count = 0;
    ui::Gesture gesture;
    float pinch_distance = 0;
    ImVec2 pinch_center;
};

// The last press, to count double and triple clicks as the browser does.
struct ClickCounter {
    double last_ms = -1e9;
    float last_x = 0, last_y = 0;
    int count = 0;
};

// What the DOM handlers leave for the next frame: written by on_key/on_mouse/on_wheel/
// on_touch, read and emptied by apply_queued_input and draw_frame.
struct InputQueue {
    std::deque<InputEvent> events;
    float wheel = 0;
    int click_count = 0;  // of the press applied in this frame (0: none)
    double press_ms = 0;    // the event time of the primary button's last press
    double release_ms = 0;  // the event time of its release, when this frame applied one (otherwise 0)
    Touches touch;
    ClickCounter clicks;
};

// The canvas as the page reports it (explainer_set_surface).
struct Surface {
    float css_width = 0, css_height = 0;
    float dpr = 1;
    bool dark = false;
    bool reduced_motion = false;
    bool embed = false;
    float chrome_width = 0;
};

// The on-demand frame loop: written by request_frames and on_animation_frame (and the
// context-loss exports), read by the page through the stats exports.
struct FrameLoop {
    int frames_owed = 0;
    bool scheduled = false;           // a requestAnimationFrame is pending
    bool animating = false;           // the last frame asked for another
    bool first_frame_drawn = false;
    bool complete_frame_reported = false;  // ready: a frame drew no character whose font file is on its way
    bool glyphs_scheduled = false;    // an idle callback will rasterise the atlas's pending glyphs
    // Between webglcontextlost and a successful restore: nothing is drawn (every GL object
    // is gone), but input, links and the API keep changing the app state.
    bool context_lost = false;
    bool drawing = false;             // inside draw_frame (the page hears of its changes there)
    std::optional<double> last_time;  // seconds, of the last frame drawn (ImGui's DeltaTime)
    unsigned long long frames = 0;
    double frame_ms[64] = {};         // CPU time of recent frames (ImGui build + GL submission), for Explainer.stats()
};

// Everything the browser edge keeps between DOM events and frames, in one object that this
// file owns. The app inside is reached from the other platform files through app();
// the rest only through this file's functions and exports.
struct Browser {
    ui::App app;
    Surface surface;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    FrameLoop loop;
    InputQueue input;
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;  // the canvas's CSS cursor
    std::string js_result;            // the text the last export returned (js_string)
    // A reader's pan, zoom or scroll, held back so that a gesture publishes a few times a
    // second rather than every frame (publish_frame_change); it goes out merged.
    std::optional<ChangeRecord> held_change;
    double last_published_ms = -1e9;
};

Browser g_browser;

} // namespace

ui::App& app() { return g_browser.app; }
unsigned long long frames_drawn() { return g_browser.loop.frames; }

// [SECTION] Input queue ---------------------------------------------------------------------

namespace {

void push_event(InputEvent event, double time_ms) {
    std::deque<InputEvent>& events = g_browser.input.events;
    if (events.size() > 256) events.pop_front();  // never grow without bound
    event.time_ms = time_ms;
    events.push_back(event);
    // A move or the wheel: one frame (more while it animates). A press, a release or a key
    // changes what ImGui holds active, and what it shows for that (the end of a map drag)
    // comes a frame later (tests/ui/frame_requests_test.cpp).
    request_frames(event.kind == InputEvent::MouseMove ? 1 : 2);
}

// A pointer move that cannot change the picture: from where the last frame saw the
// pointer to `to`, it crosses no edge and enters no target the frame reported
// (ui::PointerZones), while no button is held, nothing is active or moves, nothing is
// hovered (the hover a panel or the keyboard set lets go at a move) and only moves wait.
// Issue 10: such a move drew three frames (~7 ms at 1920x1080 DPR 2), now none.
bool quiet_move(ImVec2 to) {
    const ImGuiIO& io = ImGui::GetIO();
    const ui::App& app = g_browser.app;
    if (!g_browser.loop.first_frame_drawn || g_browser.loop.animating || !ImGui::IsMousePosValid(&io.MousePos)) return false;
    if (ImGui::IsAnyMouseDown() || ImGui::IsAnyItemActive() || g_browser.input.touch.count > 0) return false;
    if (!app.store.has_pack() || !app.store.view().hover.empty()) return false;
    for (const InputEvent& e : g_browser.input.events)
        if (e.kind != InputEvent::MouseMove) return false;
    return app.pointer_zones.quiet_move(io.MousePos, to);
}

// Keeps a quiet move for whichever frame comes next (it sees the pointer where it is),
// without asking for one.
void hold_quiet_move(const InputEvent& move) {
    std::deque<InputEvent>& events = g_browser.input.events;
    if (!events.empty() && events.back().kind == InputEvent::MouseMove) events.back() = move;
    else events.push_back(move);
}

// Applies the queued events up to and including the first button or key transition:
// what follows a transition waits for the next frame. So a press is seen where it
// happened before the moves that drag from it (on a slow frame, a fast drag's moves
// shared the press's frame and their distance was lost), and a release waits for a frame
// of its own after moves, so a drag's last moves come with the button still down. A
// pointer leaving counts as a transition: a tap's release and its leave must not share a
// frame, or ImGui sees the release with no pointer and the tap is lost.
void apply_queued_input() {
    InputQueue& input = g_browser.input;
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheel = input.wheel;
    input.wheel = 0;
    input.click_count = 0;
    input.release_ms = 0;
    bool moved = false;
    while (!input.events.empty()) {
        const InputEvent e = input.events.front();
        const bool changes_button =
            e.kind == InputEvent::MouseButton || e.kind == InputEvent::Key || e.kind == InputEvent::Leave;
        if (e.kind == InputEvent::MouseButton && !e.down && moved) break;
        input.events.pop_front();
        switch (e.kind) {
        case InputEvent::MouseMove:
            io.MousePos = ImVec2(e.x, e.y);
            moved = true;
            break;
        case InputEvent::Leave: io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX); break;
        case InputEvent::MouseButton:
            io.MousePos = ImVec2(e.x, e.y);
            io.MouseDown[e.code] = e.down;
            io.KeyShift = e.shift, io.KeyCtrl = e.ctrl, io.KeyAlt = e.alt;  // Shift+click extends a text selection
            if (e.down) input.click_count = e.clicks;
            if (e.code == 0) (e.down ? input.press_ms : input.release_ms) = e.time_ms;
            break;
        case InputEvent::Key:
            io.KeysDown[e.code] = e.down;
            io.KeyShift = e.shift, io.KeyCtrl = e.ctrl, io.KeyAlt = e.alt;
            break;
        case InputEvent::Char: io.AddInputCharacter(static_cast<unsigned>(e.code)); break;
        }
        if (changes_button) break;
    }
}

// How long the primary button has been down, by the events' own times: until now, or
// until its release when that is queued or applied in this frame (0 while it is up). A tap
// is a tap however slowly the frames come: counted in frame times, a slow frame between
// the press and the release made it a long press.
double press_held_seconds() {
    const InputQueue& input = g_browser.input;
    double until = input.release_ms;
    if (ImGui::GetIO().MouseDown[0]) {
        until = emscripten_get_now();
        for (const InputEvent& e : input.events)
            if (e.kind == InputEvent::MouseButton && e.code == 0 && !e.down) {
                until = e.time_ms;
                break;
            }
    }
    return until > 0 ? std::max(0.0, (until - input.press_ms) / 1000.0) : 0.0;
}

// [SECTION] DOM events -------------------------------------------------------------------------

// Our own key indices into io.KeysDown (DOM `key` names in, ImGui keys out).
struct KeyName {
    const char* dom;
    ImGuiKey key;
};
const KeyName kKeys[] = {
    {"Tab", ImGuiKey_Tab},         {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home},         {"End", ImGuiKey_End},
    {"Delete", ImGuiKey_Delete},   {"Backspace", ImGuiKey_Backspace}, {" ", ImGuiKey_Space},
    {"Enter", ImGuiKey_Enter},     {"Escape", ImGuiKey_Escape},
};

int key_index(const char* dom) {
    for (int i = 0; i < static_cast<int>(sizeof kKeys / sizeof kKeys[0]); ++i)
        if (std::strcmp(dom, kKeys[i].dom) == 0) return 1 + i;
    if (std::strcmp(dom, "+") == 0 || std::strcmp(dom, "=") == 0) return ui::kKeyPlus;
    if (std::strcmp(dom, "-") == 0) return ui::kKeyMinus;
    if (std::strcmp(dom, "0") == 0) return ui::kKeyZero;
    if (std::strcmp(dom, "F6") == 0) return ui::kKeyF6;
    return 0;
}

// Keys belong to the explainer only while its canvas has focus, so the share dialog's
// text fields and the host page keep theirs.
bool canvas_has_focus() {
    return EM_ASM_INT({ return document.activeElement === Module['canvas'] ? 1 : 0; }) != 0;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    if (!canvas_has_focus()) return EM_FALSE;
    const int index = key_index(e->key);
    if (index == 0) return EM_FALSE;
    InputEvent event;
    event.kind = InputEvent::Key;
    event.code = index;
    event.down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    event.shift = e->shiftKey, event.ctrl = e->ctrlKey, event.alt = e->altKey;
    push_event(event, e->timestamp);
    // The page must not scroll or move focus for keys the explainer uses.
    return !(e->ctrlKey || e->metaKey);
}

// Counts presses as the browser does: one within kMultiClickSeconds and kMultiClickSlop of
// the last continues a double or triple click. Counted from the events' own times, since
// frames (and the queue's one transition a frame) may lag behind them.
int count_clicks(double time_ms, float x, float y) {
    ClickCounter& c = g_browser.input.clicks;
    const bool continues = time_ms - c.last_ms < ui::kMultiClickSeconds * 1000 && std::fabs(x - c.last_x) < ui::kMultiClickSlop &&
                           std::fabs(y - c.last_y) < ui::kMultiClickSlop;
    c.count = continues ? c.count % 3 + 1 : 1;
    c.last_ms = time_ms, c.last_x = x, c.last_y = y;
    return c.count;
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGui::GetIO().ConfigFlags &= ~ImGuiConfigFlags_IsTouchScreen;
    InputEvent event;
    event.x = static_cast<float>(e->clientX);
    event.y = static_cast<float>(e->clientY);
    if (type == EMSCRIPTEN_EVENT_MOUSEMOVE) {
        event.kind = InputEvent::MouseMove;
        event.time_ms = e->timestamp;
        if (quiet_move(ImVec2(event.x, event.y))) {
            hold_quiet_move(event);
            return EM_FALSE;
        }
    } else if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) {
        event.kind = InputEvent::Leave;
    } else {
        if (e->button > 2) return EM_FALSE;
        event.kind = InputEvent::MouseButton;
        event.code = e->button == 2 ? 1 : e->button == 1 ? 2 : 0;
        event.down = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
        if (event.down) EM_ASM({ Module['canvas'].focus({preventScroll: true}); });
        if (event.down && event.code == 0) event.clicks = count_clicks(e->timestamp, event.x, event.y);
        event.shift = e->shiftKey, event.ctrl = e->ctrlKey, event.alt = e->altKey;
    }
    push_event(event, e->timestamp);
    return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // deltaMode: 0 pixels, 1 lines, 2 pages. One wheel "notch" is about 100 px.
    const double scale = e->deltaMode == 1 ? 1.0 / 3.0 : e->deltaMode == 2 ? 3.0 : 1.0 / 100.0;
    InputEvent move;
    move.kind = InputEvent::MouseMove;
    move.x = static_cast<float>(e->mouse.clientX), move.y = static_cast<float>(e->mouse.clientY);
    push_event(move, e->mouse.timestamp);
    g_browser.input.wheel -= static_cast<float>(e->deltaY * scale);
    // Ctrl+wheel is how trackpads pinch: it zooms the map, never the page.
    return EM_TRUE;
}

void update_pinch() {
    Touches& touch = g_browser.input.touch;
    const float dx = touch.points[1].x - touch.points[0].x, dy = touch.points[1].y - touch.points[0].y;
    const float distance = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
    const ImVec2 center((touch.points[0].x + touch.points[1].x) * 0.5f, (touch.points[0].y + touch.points[1].y) * 0.5f);
    if (touch.pinch_distance > 0) {
        touch.gesture.active = true;
        touch.gesture.scale *= distance / touch.pinch_distance;
        touch.gesture.pan.x += center.x - touch.pinch_center.x;
        touch.gesture.pan.y += center.y - touch.pinch_center.y;
        touch.gesture.center = center;
    }
    touch.pinch_distance = distance;
    touch.pinch_center = center;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
    Touches& touch = g_browser.input.touch;
    // Track the first two fingers by identifier.
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        const float x = static_cast<float>(t.clientX), y = static_cast<float>(t.clientY);
        int slot = -1;
        for (int s = 0; s < touch.count; ++s)
            if (touch.points[s].id == t.identifier) slot = s;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART && slot < 0 && touch.count < 2) {
            slot = touch.count++;
            touch.points[slot] = {t.identifier, x, y};
            if (touch.count == 1) {
                push_event({InputEvent::MouseMove, x, y}, e->timestamp);
                InputEvent press{InputEvent::MouseButton, x, y, 0, true};
                press.clicks = 1;
                push_event(press, e->timestamp);
            } else {
                // A second finger turns a drag into a pinch: release the emulated button.
                push_event({InputEvent::MouseButton, touch.points[0].x, touch.points[0].y, 0, false}, e->timestamp);
                touch.pinch_distance = 0;
                update_pinch();
            }
        } else if (slot >= 0 && type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
            touch.points[slot].x = x, touch.points[slot].y = y;
            if (touch.count == 1) push_event({InputEvent::MouseMove, x, y}, e->timestamp);
            else update_pinch();
        } else if (slot >= 0) {  // end or cancel
            if (touch.count == 1) {
                push_event({InputEvent::MouseMove, x, y}, e->timestamp);
                push_event({InputEvent::MouseButton, x, y, 0, false}, e->timestamp);
                push_event({InputEvent::Leave}, e->timestamp);
            }
            touch.points[slot] = touch.points[touch.count - 1];
            --touch.count;
            touch.pinch_distance = 0;
        }
    }
    request_frames();
    return EM_TRUE;  // no browser scrolling or zooming over the canvas
}

} // namespace

// [SECTION] Frame loop -----------------------------------------------------------------------------

namespace {

// Setting a canvas's width or height reallocates its drawing buffer, even to the same
// size, and setting both does it twice: only a size that differs is set. The page sizes
// the canvas before it makes the context (web/page.js, sizeCanvas), so the first frame
// usually finds it right (otherwise the first frame waits on the GPU process while the
// buffer is made again: 10-20 ms on a phone, headless).
void resize_surface() {
    const int width = std::max(1, static_cast<int>(std::round(g_browser.surface.css_width * g_browser.surface.dpr)));
    const int height = std::max(1, static_cast<int>(std::round(g_browser.surface.css_height * g_browser.surface.dpr)));
    int current_width = 0, current_height = 0;
    emscripten_get_canvas_element_size("#canvas", &current_width, &current_height);
    if (current_width != width || current_height != height) emscripten_set_canvas_element_size("#canvas", width, height);
}

void report_first_frame() {
    EM_ASM({
        const host = Module['explainerHost'];
        if (host && host.firstFrame) host.firstFrame();
    });
}

void report_idle() {
    EM_ASM({
        const host = Module['explainerHost'];
        if (host && host.idle) host.idle();
    });
}

void set_cursor(ImGuiMouseCursor cursor) {
    if (cursor == g_browser.cursor) return;
    g_browser.cursor = cursor;
    const char* css = cursor == ImGuiMouseCursor_Hand ? "pointer"
                      : cursor == ImGuiMouseCursor_ResizeEW ? "ew-resize"
                      : cursor == ImGuiMouseCursor_ResizeNS ? "ns-resize"
                      : cursor == ImGuiMouseCursor_ResizeAll ? "grabbing"
                                                             : "default";
    EM_ASM({ Module['canvas'].style.cursor = UTF8ToString($0); }, css);
}

// The detail tiles the map asked for this frame: the page fetches each and hands it to
// explainer_load_basemap_tile.
void fetch_basemap_tiles() {
    DetailTiles& detail = g_browser.app.basemap_detail;
    for (const int tile : detail.wanted) {
        EM_ASM({
            const host = Module['explainerHost'];
            if (host && host.fetchBasemapTile) host.fetchBasemapTile($0, UTF8ToString($1));
        }, tile, detail_tile_name(tile).c_str());
    }
    detail.wanted.clear();
}

void open_url(const std::string& url) {
    EM_ASM({ window.open(UTF8ToString($0), '_blank', 'noopener'); }, url.c_str());
}

} // namespace

// The one place the font atlas is made and uploaded: at the first frame (for the pack's
// characters at the screen's DPR), when the DPR changes, and when font chunks arrive.
void rebuild_font_atlas() {
    const double started_ms = emscripten_get_now();
    ui::app_load_fonts(g_browser.app, g_browser.surface.dpr);
    renderer_upload_font_atlas();
    g_browser.app.atlas_ms = emscripten_get_now() - started_ms;
}

void report_basemap_error() {
    std::string& error = g_browser.app.basemap_error;
    if (error.empty()) return;
    EM_ASM({ console.warn('Explainer: the basemap is damaged:', UTF8ToString($0)); }, error.c_str());
    error.clear();
}

void rasterize_pending_glyphs() {
    g_browser.loop.glyphs_scheduled = false;
    if (g_browser.gl) emscripten_webgl_make_context_current(g_browser.gl);
    renderer_rasterize_pending_glyphs();  // uploaded with the atlas's texture if there is none now (a lost context)
}

namespace {

// How often a continuous pan, zoom or scroll tells the page (each time a link, a JSON
// record and the page's handlers): the page's history and `statechange` wait longer
// than this anyway (200 and 250 ms), and the last change goes out when the view settles.
constexpr double kHeldChangeMs = 100;

void flush_held_change() {
    if (!g_browser.held_change) return;
    const ChangeRecord record = std::move(*g_browser.held_change);
    g_browser.held_change.reset();
    publish(record);
}

// A frame's change: a reader's view change that replaces the history entry (a pan, a
// zoom, a scroll, a flight) is held and merged with the next ones for up to
// kHeldChangeMs; anything else goes out at once, after what is held.
void publish_frame_change(const ChangeRecord& record) {
    if (!record.notifies()) return;
    const bool holdable = record.source == ChangeSource::Reader && record.history == ChangeKind::Replace &&
                          !record.has(FieldSelection) && record.error.empty();
    if (!holdable) {
        flush_held_change();
        publish(record);
        return;
    }
    ChangeRecord& held = g_browser.held_change ? *g_browser.held_change : g_browser.held_change.emplace(record);
    held.fields |= record.fields;
    held.view_revision = record.view_revision;
    held.pack_revision = record.pack_revision;
    held.follow_selection = held.follow_selection || record.follow_selection;
    if (emscripten_get_now() - g_browser.last_published_ms >= kHeldChangeMs) flush_held_change();
}

void draw_frame(double time_seconds) {
    ui::App& app = g_browser.app;
    const Surface& surface = g_browser.surface;
    FrameLoop& loop = g_browser.loop;
    InputQueue& input = g_browser.input;
    if (!app.store.has_pack() || surface.css_width <= 0 || loop.context_lost) return;
    const double started_ms = emscripten_get_now();
    loop.drawing = true;
    struct DrawingEnds { bool& drawing; ~DrawingEnds() { drawing = false; } } ends{loop.drawing};
    ImGuiIO& io = ImGui::GetIO();
    if (app.fonts_dpr != surface.dpr || app.fonts_stale) rebuild_font_atlas();
    const double last = loop.last_time.value_or(time_seconds);
    io.DeltaTime = static_cast<float>(std::clamp(time_seconds - last, 1.0 / 240.0, 0.1));
    loop.last_time = time_seconds;
    io.DisplaySize = ImVec2(surface.css_width, surface.css_height);
    io.DisplayFramebufferScale = ImVec2(surface.dpr, surface.dpr);
    apply_queued_input();

    ui::FrameInfo info;
    info.width = surface.css_width;
    info.height = surface.css_height;
    info.dpr = surface.dpr;
    info.time = time_seconds;
    info.dark = surface.dark;
    info.reduced_motion = surface.reduced_motion;
    info.embed = surface.embed;
    info.chrome_width = surface.chrome_width;
    info.gesture = input.touch.gesture;
    info.gesture.touches = input.touch.count;
    info.click_count = input.click_count;
    info.press_held_seconds = press_held_seconds();
    input.touch.gesture = ui::Gesture{};

    ImGui::NewFrame();
    const ui::FrameResult result = ui::app_frame(app, info);
    report_basemap_error();
    ImGui::Render();

    emscripten_webgl_make_context_current(g_browser.gl);
    renderer_draw(*ImGui::GetDrawData(), static_cast<int>(io.DisplaySize.x * surface.dpr),
                  static_cast<int>(io.DisplaySize.y * surface.dpr), ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
    loop.frame_ms[loop.frames % 64] = emscripten_get_now() - started_ms;
    ++loop.frames;

    set_cursor(ImGui::GetMouseCursor());
    loop.animating = result.animating;
    if (!result.open_url.empty()) open_url(result.open_url);
    if (const auto copy = ui::take_copy_request(app.reading)) deliver_copy(*copy);
    fetch_basemap_tiles();
    publish_frame_change(result.change);
    loop.first_frame_drawn = true;
    if (!loop.complete_frame_reported && !ui::app_draws_awaited_glyphs(app, *ImGui::GetDrawData())) {
        loop.complete_frame_reported = true;
        report_first_frame();
    }
}

// The atlas's glyphs that no frame has drawn yet, rasterised when the browser is idle
// (explainer_rasterize_glyphs), after the first frame's paint: a frame that shows one
// later then finds it drawn already.
void rasterize_glyphs_when_idle() {
    if (g_browser.loop.glyphs_scheduled || ui::pending_glyph_count() == 0) return;
    g_browser.loop.glyphs_scheduled = true;
    EM_ASM({
        const rasterize = () => Module['_explainer_rasterize_glyphs']();
        if (window.requestIdleCallback) requestIdleCallback(rasterize, { timeout: 1000 });
        else setTimeout(rasterize, 50);
    });
}

// Whether anything is owed a frame or moves.
bool frame_wanted() {
    const FrameLoop& loop = g_browser.loop;
    return loop.frames_owed > 0 || loop.animating || !g_browser.input.events.empty() || g_browser.input.touch.count > 1;
}

// After a frame: the next one while anything is owed or moves (a restore asks again).
// Otherwise the view has settled: the page sends the change events it is holding back
// now rather than at the end of their coalescing window.
void continue_or_idle() {
    const bool wants_more = frame_wanted();
    if (wants_more && !g_browser.loop.context_lost) request_frames(1);
    if (!wants_more) {
        flush_held_change();
        report_idle();
        rasterize_glyphs_when_idle();
    }
}

EM_BOOL on_animation_frame(double time_ms, void*) {
    FrameLoop& loop = g_browser.loop;
    loop.scheduled = false;
    // The first frame, drawn at once, may have paid what this animation frame was asked
    // for (the page's font chunk asks before the surface is known): the same pixels again
    // would only cost the GPU a whole canvas of fill.
    if (!frame_wanted()) return EM_FALSE;
    draw_frame(time_ms / 1000.0);
    if (loop.frames_owed > 0) --loop.frames_owed;
    continue_or_idle();
    return EM_FALSE;
}

// The first frame is drawn as soon as the surface is known (the page reports it last,
// once the pack, fonts and basemap are in), not at the next animation frame: ready does
// not wait for one, and the browser shows the canvas at its next paint all the same.
// Later frames wait for animation frames, as before.
void draw_first_frame_now() {
    FrameLoop& loop = g_browser.loop;
    if (loop.first_frame_drawn || loop.context_lost) return;
    draw_frame(now_seconds());
    if (!loop.first_frame_drawn) return;  // nothing to draw yet (no pack, no size)
    loop.frames_owed = std::max(0, loop.frames_owed - 1);
    continue_or_idle();
}

} // namespace

void request_frames(int count) {
    FrameLoop& loop = g_browser.loop;
    loop.frames_owed = std::max(loop.frames_owed, count);
    if (loop.scheduled) return;
    loop.scheduled = true;
    emscripten_request_animation_frame(on_animation_frame, nullptr);
}

void draw_frame_now() {
    FrameLoop& loop = g_browser.loop;
    // A call made while a frame tells the page of its changes waits for the next frame.
    if (loop.drawing) return request_frames(1);
    if (!loop.first_frame_drawn || loop.context_lost) return;
    draw_frame(now_seconds());
    continue_or_idle();
}

double now_seconds() { return emscripten_get_now() / 1000.0; }

bool frame_pending() { return g_browser.loop.scheduled; }

float surface_css_width() { return g_browser.surface.css_width; }

const char* js_string(std::string text) {
    g_browser.js_result = std::move(text);
    return g_browser.js_result.c_str();
}

const char* js_json(const nlohmann::json& value) {
    return js_string(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void publish(const ChangeRecord& record) {
    if (!record.notifies()) return;
    flush_held_change();  // what a frame held goes first
    g_browser.last_published_ms = emscripten_get_now();
    const std::string json = change_record_to_json(record, g_browser.app.store);
    EM_ASM({
        const host = Module['explainerHost'];
        if (host && host.changed) host.changed(JSON.parse(UTF8ToString($0)));
    }, json.c_str());
}

ChangeRecord dispatch(std::span<const Action> actions, ChangeSource source) {
    const ChangeRecord record = ui::app_dispatch(g_browser.app, actions, source, now_seconds());
    publish(record);
    request_frames();
    return record;
}

} // namespace explainer::platform

// [SECTION] Exports to the page ----------------------------------------------------------------------

using namespace explainer;

extern "C" {

// The page reports the canvas's CSS size, the device-pixel ratio and media queries.
EMSCRIPTEN_KEEPALIVE void explainer_set_surface(float css_width, float css_height, float dpr, int dark,
                                                int reduced_motion, int embed, float chrome_width) {
    platform::Surface& surface = platform::g_browser.surface;
    dpr = std::clamp(dpr, 0.5f, 4.0f);
    const bool resized = css_width != surface.css_width || css_height != surface.css_height || dpr != surface.dpr;
    const bool restyled = (dark != 0) != surface.dark || (reduced_motion != 0) != surface.reduced_motion ||
                          (embed != 0) != surface.embed || chrome_width != surface.chrome_width;
    // A report of the same surface (the page's ResizeObserver reports once when it starts
    // watching) changes no pixel, so it costs no frame.
    if (!resized && !restyled && platform::g_browser.loop.first_frame_drawn) return;
    surface.css_width = css_width;
    surface.css_height = css_height;
    surface.dpr = dpr;
    surface.dark = dark != 0;
    surface.reduced_motion = reduced_motion != 0;
    surface.embed = embed != 0;
    surface.chrome_width = chrome_width;
    if (resized) platform::resize_surface();
    platform::request_frames();
    platform::draw_first_frame_now();
}

// The page calls these from the canvas's webglcontextlost / webglcontextrestored events.
// On loss the renderer is shut down while the context is gone (its deletes are no-ops
// then, and no stale name survives): its objects (shader, buffers, the font texture) and
// its bookkeeping, such as the buffer sizes it would otherwise reuse with
// glBufferSubData. The map and panels draw through ImGui and own no GL objects.
EMSCRIPTEN_KEEPALIVE void explainer_context_lost() {
    if (platform::g_browser.loop.context_lost) return;
    platform::g_browser.loop.context_lost = true;
    platform::renderer_shutdown();
}

// Recreates every GL object and draws the same view; 0 if the context could not be used.
EMSCRIPTEN_KEEPALIVE int explainer_context_restored() {
    using namespace platform;
    if (emscripten_is_webgl_context_lost(g_browser.gl)) return 0;
    emscripten_webgl_make_context_current(g_browser.gl);
    while (glGetError() != GL_NO_ERROR) {}  // errors from before the loss are not ours
    if (!renderer_init() || !renderer_linked() || glGetError() != GL_NO_ERROR || emscripten_is_webgl_context_lost(g_browser.gl)) {
        renderer_shutdown();  // still lost: the next restore starts from scratch
        return 0;
    }
    g_browser.loop.context_lost = false;
    resize_surface();
    request_frames();
    return 1;
}

// rasterize_glyphs_when_idle's callback.
EMSCRIPTEN_KEEPALIVE void explainer_rasterize_glyphs() {
    platform::rasterize_pending_glyphs();
}

EMSCRIPTEN_KEEPALIVE unsigned explainer_frames() { return static_cast<unsigned>(platform::frames_drawn()); }

// Full relayouts by the panels since load (the map's labels; a pan only moves them).
EMSCRIPTEN_KEEPALIVE double explainer_layouts() { return static_cast<double>(platform::app().layouts); }
// Article paragraphs laid out since load (a frame lays out those it shows; see article_panel.cpp).
EMSCRIPTEN_KEEPALIVE double explainer_paragraph_layouts() { return static_cast<double>(platform::app().paragraph_layouts); }

// Mean CPU milliseconds of the last `count` frames (at most 64).
EMSCRIPTEN_KEEPALIVE double explainer_frame_ms(int count) {
    const unsigned long long frames = platform::frames_drawn();
    const int n = static_cast<int>(std::min<unsigned long long>(frames, std::clamp(count, 1, 64)));
    double total = 0;
    for (int i = 1; i <= n; ++i) total += platform::g_browser.loop.frame_ms[(frames - i) % 64];
    return n > 0 ? total / n : 0;
}

// CPU milliseconds of one recent frame: `age` 0 is the last one drawn (at most 63).
EMSCRIPTEN_KEEPALIVE double explainer_recent_frame_ms(int age) {
    const unsigned long long frames = platform::frames_drawn();
    if (age < 0 || age >= 64 || static_cast<unsigned long long>(age) >= frames) return 0;
    return platform::g_browser.loop.frame_ms[(frames - 1 - age) % 64];
}

} // extern "C"

// [SECTION] ImGui's .ini reader, left out ----------------------------------------------------------
// Dear ImGui registers readers of its .ini settings (window and table positions) that parse
// with sscanf, which brings vfscanf: 2.6 KB of wasm. The app never reads an .ini (no
// IniFilename, no LoadIniSettingsFromMemory), so the link sends sscanf here instead
// (-Wl,--wrap=sscanf in cmake/web.cmake): no line is ever parsed.
extern "C" int __wrap_sscanf(const char*, const char*, ...) { return 0; }

// [SECTION] Numbers read without long double -------------------------------------------------------
// nlohmann/json reads every number of a pack with strtod, and musl's strtod computes in
// 128-bit long double, which wasm does in software: 13.5 KB of wasm (6.1 KB after gzip)
// to read numbers such as 36.2021. The link sends strtod here instead (-Wl,--wrap=strtod
// in cmake/web.cmake). A number that one IEEE operation converts exactly (exact_double:
// any coordinate or year written with up to 15 digits) is converted in wasm; any other
// by the browser's Number(), which rounds to the nearest double as strtod does.
extern "C" double __wrap_strtod(const char* text, char** end) {
    const explainer::DecimalText decimal = explainer::read_decimal(text);
    if (end) *end = const_cast<char*>(text + decimal.length);
    if (decimal.length == 0) return 0;
    if (const std::optional<double> exact = explainer::exact_double(decimal)) return *exact;
    return EM_ASM_DOUBLE({ return Number(UTF8ToString($0, $1)); },
                         text + decimal.start, int(decimal.length - decimal.start));
}

// [SECTION] Elementary functions from the browser ---------------------------------------------------
// musl's sin, cos, tan and their kin reduce their argument with a table and a routine for
// huge angles, and pow and exp carry tables of their own: about 9 KB of wasm the browser
// already has, correctly rounded or within an ulp, in Math. The link sends each here
// (-Wl,--wrap=sin... in cmake/web.cmake); the app's angles are a map's, its powers a
// zoom's.
extern "C" {
double __wrap_sin(double x) { return emscripten_math_sin(x); }
double __wrap_cos(double x) { return emscripten_math_cos(x); }
double __wrap_tan(double x) { return emscripten_math_tan(x); }
double __wrap_asin(double x) { return emscripten_math_asin(x); }
double __wrap_acos(double x) { return emscripten_math_acos(x); }
double __wrap_atan(double x) { return emscripten_math_atan(x); }
double __wrap_atan2(double y, double x) { return emscripten_math_atan2(y, x); }
double __wrap_exp(double x) { return emscripten_math_exp(x); }
double __wrap_log(double x) { return emscripten_math_log(x); }
double __wrap_pow(double x, double y) { return emscripten_math_pow(x, y); }
double __wrap_sinh(double x) { return emscripten_math_sinh(x); }
double __wrap_cosh(double x) { return emscripten_math_cosh(x); }
double __wrap_tanh(double x) { return emscripten_math_tanh(x); }
double __wrap_asinh(double x) { return emscripten_math_asinh(x); }
double __wrap_log2(double x) { return emscripten_math_log2(x); }
double __wrap_log10(double x) { return emscripten_math_log10(x); }
double __wrap_exp2(double x) { return emscripten_math_pow(2, x); }
// Distances between screen points and the like, called often: wasm's own square root, not a
// call out to Math.hypot (whose care for overflow no magnitude of the app's needs).
double __wrap_hypot(double x, double y) { return std::sqrt(x * x + y * y); }
float __wrap_sinf(float x) { return static_cast<float>(emscripten_math_sin(x)); }
float __wrap_cosf(float x) { return static_cast<float>(emscripten_math_cos(x)); }
float __wrap_acosf(float x) { return static_cast<float>(emscripten_math_acos(x)); }
float __wrap_powf(float x, float y) { return static_cast<float>(emscripten_math_pow(x, y)); }
float __wrap_log2f(float x) { return static_cast<float>(emscripten_math_log2(x)); }
}

// [SECTION] printf without long double ------------------------------------------------------------
// musl's vsnprintf formats doubles in software long double, 3.3 KB of the engine after gzip
// for the app's few numbers ("%.2f" degrees, "%g km") and Dear ImGui's. The link sends
// vsnprintf (and snprintf, which calls it) here instead (-Wl,--wrap=vsnprintf in
// cmake/web.cmake): format_printf (src/core/print_format.h) formats the text, and the
// browser the digits of each double. toFixed and toExponential round the double's exact
// value to the nearest, as printf does (they differ only on an exact tie, such as 0.125 to
// two places, which JS rounds up and printf to even); "%g" is printf's rule on top of them.
EM_JS(int, format_double_digits, (double magnitude, int conversion, int precision, int alternate, char* out, int room), {
    var fixed = function(p) {
        p = Math.min(p, 100);
        return magnitude < 1e21 ? magnitude.toFixed(p) : BigInt(magnitude) + (p ? "." + "0".repeat(p) : "");
    };
    var exponential = function(p) { return magnitude.toExponential(Math.min(p, 100)).replace(/e([+-])([0-9])$/, "e$10$2"); };
    var text;
    if (conversion == 102) text = fixed(precision);             // 'f'
    else if (conversion == 101) text = exponential(precision);  // 'e'
    else {                                                       // 'g'
        var x = magnitude ? +magnitude.toExponential(precision - 1).split("e")[1] : 0;
        text = precision > x && x >= -4 ? fixed(precision - 1 - x) : exponential(precision - 1);
    }
    var parts = text.split("e");  // the digits, and the exponent if any
    if (alternate && parts[0].indexOf(".") < 0) parts[0] += ".";
    else if (conversion == 103 && !alternate && parts[0].indexOf(".") >= 0) parts[0] = parts[0].replace(/[.]?0+$/, "");
    text = parts.join("e");
    for (var i = 0; i < text.length && i < room; i++) HEAPU8[out + i] = text.charCodeAt(i);
    return text.length;
});

extern "C" int __wrap_vsnprintf(char* out, std::size_t room, const char* format, va_list args) {
    return explainer::format_printf(out, room, format, args, [](double magnitude, char conversion, int precision,
                                                                bool alternate, char* digits, int digits_room) {
        return format_double_digits(magnitude, conversion, precision, alternate, digits, digits_room);
    });
}

// [SECTION] main -----------------------------------------------------------------------------------------

int main() {
    using namespace explainer::platform;
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = false;
    attributes.depth = false;
    attributes.stencil = false;
    attributes.antialias = false;  // ImGui anti-aliases its own geometry
    attributes.premultipliedAlpha = true;
    // The page made this context already (page.js, GL_ATTRIBUTES: keep the two alike) and
    // the canvas hands it back. No extension is used, so none is enabled: enabling them
    // all cost ~15 ms of the start.
    attributes.enableExtensionsByDefault = false;
    g_browser.gl = emscripten_webgl_create_context("#canvas", &attributes);
    if (g_browser.gl <= 0) {
        EM_ASM({
            const host = Module['explainerHost'];
            if (host && host.fatal) host.fatal('WebGL2 context could not be created on this browser.');
        });
        return 1;
    }
    emscripten_webgl_make_context_current(g_browser.gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing persists outside the app state and its links
    io.LogFilename = nullptr;
    io.BackendPlatformName = "explainer-web";
    for (int i = 0; i < static_cast<int>(sizeof kKeys / sizeof kKeys[0]); ++i) io.KeyMap[kKeys[i].key] = 1 + i;
    // No font atlas yet: the first frame bakes it once, for the pack's characters at the
    // screen's real pixel ratio (draw_frame), instead of a DPR-1 atlas here that a HiDPI
    // screen would throw away.
    renderer_init();

    const char* window = EMSCRIPTEN_EVENT_TARGET_WINDOW;
    emscripten_set_keydown_callback(window, nullptr, true, on_key);
    emscripten_set_keyup_callback(window, nullptr, true, on_key);
    emscripten_set_mousedown_callback("#canvas", nullptr, true, on_mouse);
    emscripten_set_mouseup_callback(window, nullptr, true, on_mouse);
    emscripten_set_mousemove_callback(window, nullptr, true, on_mouse);
    emscripten_set_mouseleave_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, on_mouse);
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    emscripten_set_touchstart_callback("#canvas", nullptr, false, on_touch);
    emscripten_set_touchmove_callback("#canvas", nullptr, false, on_touch);
    emscripten_set_touchend_callback("#canvas", nullptr, false, on_touch);
    emscripten_set_touchcancel_callback("#canvas", nullptr, false, on_touch);
    return 0;
}
