// The explainer app above the platform: owns the pack, the app state and the panels'
// shared resources, and draws one frame from them. The platform (src/platform/) feeds
// it input and a GL context, and carries its requests (open a URL, history) to the
// browser; nothing here knows about Emscripten.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/actions.h"
#include "core/app_state.h"
#include "core/basemap.h"
#include "core/scripts.h"
#include "core/pack.h"
#include "core/selection.h"
#include "core/store.h"
#include "article_text.h"
#include "interaction.h"
#include "panel.h"

namespace explainer::ui {

// Per-frame facts from the platform.
struct FrameInfo {
    float width = 0, height = 0;  // canvas size in CSS pixels
    float dpr = 1;
    double time = 0;              // seconds, monotonic
    bool dark = false;            // prefers-color-scheme: dark
    bool reduced_motion = false;  // prefers-reduced-motion: reduce
    bool embed = false;           // compact chrome for iframes (embed=1)
    float chrome_width = 0;       // the page's own buttons in the top-right corner (CSS px)
    Gesture gesture;              // pinch of this frame, if any
    int click_count = 0;          // the browser's count of the press applied this frame (2: double click)
    double press_held_seconds = 0;  // the primary button's time down, by the events' times (PanelContext)
};

// What the app asks of the platform after a frame.
struct FrameResult {
    bool animating = false;           // draw another frame even without input
    ChangeRecord change;              // what the frame's actions changed (the platform publishes it)
    std::string open_url;             // a link the reader activated
};

// A font file the page fetched: the base (fonts/base.bin, always) or a chunk a pack needs
// (fonts/uXXXX.bin), every face's glyphs for its characters, in the order of font_faces().
struct FontChunk {
    std::string file;
    std::vector<unsigned char> bytes;
    std::vector<std::pair<std::size_t, std::size_t>> faces;  // offset and size of each face's TTF in `bytes`
    std::vector<ImVector<ImWchar>> ranges;  // per face: the atlas's characters it has, set at each atlas build
};

struct App {
    Store store;                      // the pack, the view and its defaults: changed only by dispatch
    std::optional<Basemap> basemap;   // Natural Earth countries, once parsed (app_basemap); the map draws without it
    std::vector<std::uint8_t> basemap_file;  // handed over, not parsed yet (app_set_basemap_file)
    std::vector<std::string> basemap_names;  // its countries' names, known at once: the atlas holds their characters
    std::string basemap_error;        // why the file failed when parsed, until the platform reports it
    std::uint64_t basemap_revision = 0;  // counts basemap changes (0: none): a key for the map's caches
    DetailTiles basemap_detail;       // the same in full detail, tile by tile as the map asks (app_set_basemap_tile)
    Fonts fonts;
    float fonts_dpr = 0;              // the DPR the font atlas was baked for
    std::uint64_t fonts_revision = 0; // counts atlas builds: text measured with an older atlas is stale
    bool fonts_stale = true;          // the pack or its font chunks changed since the atlas was baked
    std::vector<FontChunk> font_chunks;  // the base first
    std::optional<CjkGroups> cjk_groups; // the frequent CJK characters' groups, once their index came
    bool cjk_groups_asked = false;    // app_font_files_needed asked for that index (once: it may fail)
    ImVector<ImWchar> glyph_ranges;   // what the atlas holds: atlas_characters() of the pack and the country names
    ImVector<ImWchar> headline_glyph_ranges;  // the headline face's: the headline's characters
    std::vector<char32_t> missing_glyphs;  // characters to draw that some font of the atlas lacks
    // While the page is still fetching font files (app_await_font_files), the characters
    // they will bring are drawn blank, as wide as an ideograph, from one transparent box of
    // the atlas: a frame that draws that box is not complete (app_draws_awaited_glyphs).
    bool awaiting_font_files = false;
    std::vector<char32_t> awaited_glyphs;  // the atlas's characters drawn blank meanwhile
    ImVec4 awaited_uv;                     // the blank box's texture coordinates (x0, y0, x1, y1)
    double atlas_ms = 0;              // CPU time of the last atlas build and upload (the platform times it)
    LocatedList located;              // where each entity was drawn in the last frame
    PointerZones pointer_zones;       // where the last frame depends on the pointer (the platform skips quiet moves)
    std::uint64_t layouts = 0;        // full relayouts by the panels since load (Explainer.stats().layouts)
    std::uint64_t paragraph_layouts = 0;  // article paragraphs laid out since load (Explainer.stats().paragraphLayouts)
    Reading reading;                  // the article's text selection and the find bar's matches
    LinkIndexCache link_index;        // every entity's links, built once per pack revision
    LinkedCache selected_links;       // linked_to(pack, state.selection), kept across frames
    LinkedCache hovered_links;        // linked_to(pack, state.hover), kept across frames
    bool selection_changed_by_user = false;  // a select action moved it: panels bring it into view

    // The panels' own state, one per row of panel_table(), and the layout's shares the
    // reader adjusted by dragging splitters (see PanelEntry::share); not part of links.
    std::vector<std::unique_ptr<PanelState>> panels;
    std::vector<float> panel_shares;
    std::string narrow_panel_drawn;   // the panel the narrow layout drew last ("" = wide layout)
    // Which panel gets the keyboard: the one last clicked or tapped, or reached by Tab or
    // F6 (not link state).
    std::string keyboard_panel = kOpeningPanel;  // its id (panel_table())
    int focus_entry = 0;              // how the keyboard arrived there (see PanelContext)
    bool keyboard_visible = false;    // the reader is using the keyboard: show where it is
    std::optional<bool> style_dark;   // the ImGui style's scheme, once set
    PanelEditing* editing = nullptr;  // set by the editor's build only (PanelContext::editing)
};

// Sets the pack and resets the view to its defaults (first view fits all places).
ChangeRecord app_set_pack(App& app, Pack pack);

// Sets the world basemap (nullopt: none) or one detail tile, and moves its revision on, so
// that the map's caches made from the old one are made again.
void app_set_basemap(App& app, std::optional<Basemap> basemap);
void app_set_basemap_tile(App& app, int tile, std::optional<Basemap> basemap);

// Takes the world basemap's file (data/basemap.bin), read in two steps: its countries'
// names at once (the atlas holds their characters), its lines and shapes when first
// needed (app_basemap): when a frame first draws the map, or a query asks for a country.
// A phone's first frame shows the article and does without them (its page hands the file
// over after that frame, web/page.js). "" or why the file was refused (the map then has no
// basemap).
std::string app_set_basemap_file(App& app, std::vector<std::uint8_t> file);
// The world basemap, parsed now if its file is waiting; nullptr without one. A file that
// fails to parse leaves none, and its reason in app.basemap_error.
const Basemap* app_basemap(App& app);
// Whether a frame `width` CSS px wide draws the map, the one panel that reads the
// basemap's lines and shapes: every panel side by side, or the map's tab.
bool app_draws_map(const App& app, float width);

// (Re)bakes the font atlas for a device-pixel ratio: the embedded base characters and
// the pack's, from the embedded fonts and the chunks added so far. Fills
// app.missing_glyphs; returns false if a font is missing.
bool app_load_fonts(App& app, float dpr);

// Takes a fetched font chunk (fonts/uXXXX.bin) for the next atlas build, or the CJK
// groups' index (fonts/index-cjk.bin); "" or the reason it was refused (the characters it
// holds then stay "?").
std::string app_add_font_chunk(App& app, std::string file, std::vector<unsigned char> bytes);

// The font files the pack needs that the app does not hold: what the platform fetches
// and hands to app_add_font_chunk, then asks again, until this is empty. For a pack with
// many ideographs or Hangul syllables the first answer is the CJK groups' index (once),
// which decides the next (scripts.h, CjkGroups).
std::vector<std::string> app_font_files_needed(App& app);

// The part of those that holds what a first frame may show (the headline and the lines
// under it, the entities' names, the quotes' opening words, the article's text from the
// paragraph at the top of the view on): fetched first, the rest after that frame.
std::vector<std::string> app_first_screen_font_files(App& app);

// Whether font files are still on their way: while they are, the characters no font of
// the atlas has are drawn blank rather than as "?" (app.awaited_glyphs). True when the
// atlas must be built again for it.
bool app_await_font_files(App& app, bool awaiting);

// Whether `data` (a frame's drawing) draws a character whose font file is on its way.
bool app_draws_awaited_glyphs(const App& app, const ImDrawData& data);

// Dispatches actions to the store as one change (a frame's actions, an API call, a link,
// a host message) and notes what the panels must follow; returns the store's record.
ChangeRecord app_dispatch(App& app, std::span<const Action> actions, ChangeSource source, double now_seconds);
ChangeRecord app_dispatch(App& app, const Action& action, ChangeSource source, double now_seconds);

// Makes every panel draw its next frame without what it kept of the last ones (a test's
// reference for the panels' draw caches).
void app_drop_draw_caches(App& app);

// Builds one ImGui frame (call between ImGui::NewFrame() and ImGui::Render()).
FrameResult app_frame(App& app, const FrameInfo& info);

} // namespace explainer::ui
