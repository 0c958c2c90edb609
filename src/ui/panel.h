// What every panel gets each frame, and what it may give back. Panels read the pack
// and the app state, draw with Dear ImGui into the region they are given, push actions,
// and report where they drew each entity (for Explainer.locate). They keep caches and
// animations of their own, never anything a link must carry.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"

#include "core/actions.h"
#include "core/app_state.h"
#include "core/basemap.h"
#include "core/pack.h"
#include "core/selection.h"
#include "drawing.h"

namespace explainer::ui {

class PanelEditing;  // editing.h: the editor's gestures
class PointerZones;  // interaction.h: where the frame depends on the pointer

struct Fonts {
    ImFont* serif = nullptr;          // article body
    ImFont* serif_italic = nullptr;   // quotes
    ImFont* serif_bold = nullptr;     // headline
    ImFont* sans = nullptr;           // UI text
    ImFont* sans_bold = nullptr;      // UI emphasis, labels
    ImFont* sans_small = nullptr;     // captions, axis ticks, attribution
};

// Colours for one scheme (light or dark), built from src/core/theme_colors.h. Entity kinds get a colour *and* an
// underline style so they stay distinct without colour (see article panel).
struct Theme {
    bool dark = false;
    ImU32 background, panel, panel_alt, text, text_muted, rule, accent, accent_text;
    ImU32 selection_fill, hover_fill, focus_ring;
    ImU32 land, land_highlight, sea, border, coast, map_label;
    ImU32 kind[kEntityKindCount];     // indexed by EntityKind
};

// The id a LocatedRect names: a view of a string that outlives the frame that drew it
// (the pack's ids, a panel cache's, a literal), not a copy: a long pack locates
// thousands of marks a frame. An id made for the frame ("card:" + id) is kept by
// LocatedList::keep; a temporary std::string does not compile here.
struct LocatedId {
    std::string_view text;
    LocatedId(const std::string& id) : text(id) {}
    LocatedId(const char* id) : text(id) {}
    LocatedId(std::string&&) = delete;
    explicit LocatedId(std::string_view id) : text(id) {}
    bool operator==(std::string_view other) const { return text == other; }
};

// A place on screen where an entity is drawn, in CSS pixels relative to the canvas.
struct LocatedRect {
    LocatedId id;
    std::string_view panel;           // a literal: "article", "map", "timeline", "quotes"
    float x = 0, y = 0, w = 0, h = 0;
};

// Rects a panel keeps from one layout to the next (a map's places hidden under others, a
// timeline's marks in view): shared with the frame's LocatedList rather than copied into
// it, so that a frame's cost does not follow how many things a long pack puts on screen.
using SharedRects = std::shared_ptr<const std::vector<LocatedRect>>;

// Where the last frame drew each thing (Explainer.locate). Its ids view the pack it was
// drawn with, so it answers only while the pack is at that revision. A frame pushes
// rects one by one or adds a panel's shared ones, moved by the pan since they were made;
// the list is put together, in the order it was given, only when someone reads it.
class LocatedList {
public:
    void start(std::uint64_t pack_revision) {
        rects_.clear();
        shared_.clear();
        kept_.clear();
        all_.clear();
        pack_revision_ = pack_revision;
    }
    void push_back(const LocatedRect& rect) {
        rects_.push_back(rect);
        all_.clear();
    }
    void append(SharedRects rects, ImVec2 moved = ImVec2(0, 0)) {
        if (rects && !rects->empty()) shared_.push_back({rects_.size(), std::move(rects), moved});
        all_.clear();
    }
    LocatedId keep(std::string id) { return LocatedId(std::string_view(kept_.emplace_back(std::move(id)))); }
    // The last rect pushed, for a panel that widens it; null when none was, or when shared
    // rects came after it.
    LocatedRect* last_pushed() {
        if (rects_.empty() || (!shared_.empty() && shared_.back().at == rects_.size())) return nullptr;
        all_.clear();
        return &rects_.back();
    }
    std::vector<LocatedRect>::const_iterator begin() const { return all().begin(); }
    std::vector<LocatedRect>::const_iterator end() const { return all().end(); }
    std::uint64_t pack_revision() const { return pack_revision_; }

private:
    struct Shared {
        std::size_t at;         // how many rects were pushed before these
        SharedRects rects;
        ImVec2 moved;
    };
    const std::vector<LocatedRect>& all() const {
        if (shared_.empty()) return rects_;
        if (all_.empty()) {
            std::size_t next = 0;
            const auto pushed_until = [&](std::size_t end) {
                for (; next < end; ++next) all_.push_back(rects_[next]);
            };
            for (const Shared& group : shared_) {
                pushed_until(group.at);
                for (LocatedRect r : *group.rects) {
                    r.x += group.moved.x, r.y += group.moved.y;
                    all_.push_back(r);
                }
            }
            pushed_until(rects_.size());
        }
        return all_;
    }

    std::vector<LocatedRect> rects_;  // pushed one by one
    std::vector<Shared> shared_;
    std::deque<std::string> kept_;    // ids made for the frame; a deque keeps them in place
    std::vector<LocatedRect> mutable all_;  // the whole list, put together when read
    std::uint64_t pack_revision_ = 0;
};

// A two-finger gesture, in CSS pixels: this frame's change of the pinch.
struct Gesture {
    bool active = false;
    int touches = 0;        // fingers down now
    ImVec2 center{0, 0};    // current centre of the two touches
    ImVec2 pan{0, 0};       // how far the centre moved since the last frame
    float scale = 1;        // distance ratio since the last frame (> 1: spreading)
};

struct Reading;  // the article's text selection and find (article_text.h)

struct PanelContext {
    const Pack& pack;
    const Basemap* basemap;           // null until (or if never) the basemap loads
    const AppState& state;
    const AppState& defaults;         // the opening view, which links leave out
    const Linked& selected;           // linked_to(pack, state.selection)
    const Linked& hovered;            // linked_to(pack, state.hover)
    Actions& actions;
    const Fonts& fonts;
    const Theme& theme;
    std::uint64_t pack_revision = 0;  // changes with the pack: a key for panels' caches
    std::uint64_t fonts_revision = 0; // changes with each font atlas build (a pack's font chunk arrived): a key for measured text
    std::uint64_t basemap_revision = 0;  // changes when the basemap is (re)loaded: a key for what is made from it (0: none)
    double time = 0;                  // seconds, monotonic
    float dpr = 1;
    bool reduced_motion = false;
    bool narrow = false;              // phone layout: one panel at a time
    // True in the frame after the reader (or the host page) selected something, so a
    // panel may bring it into view; false after a link restored the state.
    bool selection_changed_by_user = false;
    bool touch = false;               // the last pointer input came from a touch screen
    bool keyboard_focus = false;      // this panel receives the keyboard (arrows, Tab, ...)
    // Set when the keyboard just arrived here by Tab (+1: start at the first item) or
    // Shift+Tab (-1: start at the last) from the neighbouring panel.
    int focus_entry = 0;
    int* focus_handover = nullptr;    // set by step_focus when Tab runs off either end
    int click_count = 0;              // 1, 2, 3: single, double, triple click, in the frame of the press
    // How long the primary button has been down (in the frame of its release: was), by the
    // input events' own times: a long press is the finger's, not the frames'.
    double press_held_seconds = 0;
    const Gesture* gesture = nullptr; // pinch in progress (map and timeline zoom with it)
    LocatedList* located = nullptr;
    PointerZones* pointer = nullptr;  // every hit test against the pointer reports its shape here
    bool* animating = nullptr;        // set *animating = true to be drawn again next frame
    std::string* open_url = nullptr;  // set to ask the browser to open a link
    DetailTiles* basemap_detail = nullptr;  // the map asks for detail tiles through `wanted`
    std::uint64_t* layouts = nullptr; // panels count their full relayouts here (Explainer.stats().layouts)
    std::uint64_t* paragraph_layouts = nullptr;  // the article counts the paragraphs it lays out here (Explainer.stats())
    Reading* reading = nullptr;       // the app's text selection and find results
    PanelEditing* editing = nullptr;  // the editor's gestures on the map and timeline (edit.html); null in the reader
};

// Indices into io.KeysDown for keys ImGui 1.86 has no name for (map zoom keys); use
// with ImGui::IsKeyPressed().
constexpr int kKeyPlus = 200, kKeyMinus = 201, kKeyZero = 202, kKeyF6 = 203;

// One Tab order across panels: Tab past a panel's last item (or Shift+Tab before its
// first) hands the keyboard to the next (previous) panel. Returns the new focus index
// among `count` items, or -1 after handing over.
inline int step_focus(PanelContext& ctx, int focus, int count, bool backward) {
    if (focus < 0 || focus >= count) {
        if (count > 0) return backward ? count - 1 : 0;
    } else {
        const int next = focus + (backward ? -1 : 1);
        if (next >= 0 && next < count) return next;
    }
    if (ctx.focus_handover) *ctx.focus_handover = backward ? -1 : 1;
    return -1;
}

// What a panel keeps between frames: caches keyed on revisions, scroll, keyboard focus,
// animations, the hover it set. View state only, never anything a link carries. The
// app owns one per row of the panel table (each panel file derives its own).
struct PanelState {
    virtual ~PanelState() = default;
    // Forgets the drawing a panel keeps from frame to frame to write it again for less
    // (issue 10): the next frame draws everything anew. Tests compare the two frames.
    virtual void drop_draw_caches() {}
};

// One row per panel. `draw` gets the panel's region in CSS pixels and its own state
// (made by `make_state`, kept across frames and packs).
struct PanelEntry {
    const char* id;        // as links (`tab=`), the API and host messages name it: "article"
    const char* title;
    // The wide layout's first share: the left column's width, as a fraction of the
    // window; the others: their height in the right column, a fraction of the window's
    // (the last panel takes what is left). The reader drags the splitters from there.
    float share;
    bool tab_stops;        // Tab walks items here (the map has none: F6 reaches it)
    std::unique_ptr<PanelState> (*make_state)();
    void (*draw)(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size);
    // On a phone, each frame another tab is open: the panel follows what it must though
    // unseen (a new selection), given the size it would be drawn at. None: nothing to follow.
    void (*follow_unseen)(PanelContext& ctx, PanelState& state, ImVec2 size) = nullptr;
};

// Every panel, in layout and Tab order (src/ui/panel_table.cpp): the first fills the
// wide layout's left column, the others stack in the right one, and on a phone each is
// a tab. A new panel (an editor's inspector, say) is one file and one row there.
std::span<const PanelEntry> panel_table();

// The table's ids in its order: the panels a link may name (decode_state).
std::vector<std::string_view> panel_ids();

// The ids of the panels other code names: find opens the article on a phone, and Ctrl+C
// copies the selected quote card while the quotes panel has the keyboard.
inline constexpr const char* kArticlePanelId = "article";
inline constexpr const char* kQuotesPanelId = "quotes";

// One per file in src/ui/.
std::unique_ptr<PanelState> make_article_panel();
void draw_article_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size);
void follow_article_unseen(PanelContext& ctx, PanelState& state, ImVec2 size);
std::unique_ptr<PanelState> make_map_panel();
void draw_map_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size);
void follow_selection_unseen(PanelContext& ctx, PanelState& state, ImVec2 size);
std::unique_ptr<PanelState> make_timeline_panel();
void draw_timeline_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size);
std::unique_ptr<PanelState> make_quotes_panel();
void draw_quotes_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size);

// The article's corrections (under the headline) and its "Sources and notes" section
// (after the last paragraph), drawn by the article panel (src/ui/sources_section.cpp).
struct NoteLine {
    enum Style { kHeading, kStrong, kPlain, kMuted } style = kPlain;
    std::string text;
    float gap_before = 0;
};
struct ArticleNotes {
    std::vector<NoteLine> corrections, sources;
};
// Made once per pack revision: the article panel keeps them in its cache.
ArticleNotes article_notes(const Pack& pack);
// Each is drawn at `at` into `draw` (null: only located, the renderer draws what it kept)
// and located (Explainer.locate) `moved` px lower: the renderer moves the article by its
// scroll (move_following).
float corrections_height(const PanelContext& ctx, const ArticleNotes& notes, float width);
void draw_corrections(const PanelContext& ctx, const ArticleNotes& notes, ImVec2 at, float width, float moved, ImDrawList* draw);
float sources_section_height(const PanelContext& ctx, const ArticleNotes& notes, float width);
void draw_sources_section(const PanelContext& ctx, const ArticleNotes& notes, ImVec2 at, float width, float moved,
                          ImDrawList* draw);

// The hover card every panel shows for an entity (src/ui/entity_card.cpp): under `anchor`,
// the bottom left of the hovered thing, or over the thing (`item_height` high) when there is
// no room under it.
void draw_entity_card(const PanelContext& ctx, const Entity& entity, ImVec2 anchor, float item_height);

} // namespace explainer::ui
