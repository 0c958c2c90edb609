// Reading tools on the article's text: selecting and copying it (article_selection.cpp)
// and finding in it (find_results.cpp). The article panel lays the text out and calls
// these hooks; everything about selections and matches lives here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/find.h"
#include "core/text_selection.h"
#include "panel.h"

namespace explainer::ui {

// The article as the panel laid it out this frame, and where it is on screen.
struct ArticleTextView {
    const std::vector<TextBlock>* blocks = nullptr;  // the headline and paragraphs (core/find.h's blocks), article coordinates
    const MeasureText* measure = nullptr;
    ImVec2 origin, size;          // the panel's region
    float x0 = 0, y0 = 0;         // screen position of the article's (0, 0)
    // What the panel draws: the article from band_top to band_bottom (article coordinates),
    // its top at drawn_y0; the renderer moves it by y0 - drawn_y0 (ui::move_following).
    float drawn_y0 = 0;
    float band_top = 0, band_bottom = 0;
    bool hovered = false;         // the pointer is over the panel (ImGui item state)
    float* scroll_target = nullptr;  // the panel's scroll target, to bring a match or the selection into view
    float max_scroll = 0;
    float scrollbar_x = 0;        // presses right of this are the scrollbar's
};

// [SECTION] Selection (article_selection.cpp)

// Pointer and keyboard input for selecting text; call before the panel scrolls. Returns
// true while the pointer is selecting (a drag, a long press, a handle, the Copy button):
// then the press must neither scroll the text nor select an entity.
bool article_selection_input(PanelContext& ctx, const ArticleTextView& view);

// Fills behind the text: find matches, then the selection, at drawn_y0 over the band.
// Call before drawing the text.
void draw_article_text_marks(PanelContext& ctx, const ArticleTextView& view);

// Above the text: the touch handles and the Copy button.
void draw_article_selection_overlay(PanelContext& ctx, const ArticleTextView& view);

// What a copy puts on the clipboard, and where those words are in the HTML mirror (so a
// copy the browser refuses can fall back to selecting them there).
struct CopyRequest {
    std::string text;
    std::string from;  // "article" or "quote"
    struct MirrorPoint {
        std::string paragraph;  // paragraph id, or "headline"
        std::size_t offset = 0; // UTF-8 bytes into the paragraph's words
    };
    std::optional<MirrorPoint> mirror_begin, mirror_end;
    std::string mirror_element;  // or: the mirror element holding the words (a quote's figure)
};

// The article's selected text now (empty text when nothing is selected).
CopyRequest article_selection_copy(const Reading& reading, const Pack& pack);

// A quote card's copy: the quotation in curly quotes with its speaker.
CopyRequest quote_copy(const Pack& pack, const Entity& quote);

// What Ctrl+C / Cmd+C copies: the selected quote card's quotation with its speaker when
// the quotes panel has the keyboard, else the article's selection.
CopyRequest copy_for_shortcut(const Reading& reading, const Pack& pack, const std::string& selected_entity,
                              bool quotes_have_keyboard);

// A copy the reader asked for in the canvas (the Copy button) since the last call.
std::optional<CopyRequest> take_copy_request(Reading& reading);
void request_copy(Reading& reading, CopyRequest request);

// [SECTION] The Copy button (article_selection.cpp): over the article's selection, on a quote card

constexpr float kCopyButtonHeight = 26;
constexpr float kCopyButtonHeightTouch = 44;  // a touch target
float copy_button_width(const Fonts& fonts);
// Draws it at `r` (screen): outlined, filled under the pointer (which gets the hand),
// ringed when it has the keyboard.
void draw_copy_button(const PanelContext& ctx, const LayoutRect& r, bool focused);

// [SECTION] Find (find_results.cpp)

struct FindResults {
    std::string query;
    // Article matches in reading order: blocks as core/find.h numbers them (the headline,
    // then the paragraphs), offsets into their words (without computed badges).
    std::vector<TextPoint> match_begins;
    std::vector<TextPoint> match_ends;
    int current = -1;                       // index of the match jumped to, -1 before the first jump
    std::vector<EntityMatch> entities;
};

// Runs a new search over the article's words and the pack (an empty query clears it).
const FindResults& find_in_article(Reading& reading, const Pack& pack, std::uint64_t pack_revision, const std::string& query);
// The same search again in a pack that changed since (the editor's edits), keeping the
// match jumped to by its number (the last when there are fewer now, the first when there
// were none) without scrolling to it: the count and highlights are the new text's.
const FindResults& find_again(Reading& reading, const Pack& pack, std::uint64_t pack_revision);
// Jumps to the next (+1) or previous (-1) article match, wrapping around.
const FindResults& find_step(Reading& reading, int direction);
void close_find(Reading& reading);

// Each frame, before the panels: a jump on a phone showing another tab opens the Article
// tab, where the article panel then scrolls to the match.
void show_find_match(const PanelContext& ctx);

// Draws every match in blocks [first_block, last_block) (the current one stronger) and
// scrolls to the current one when it changed. Called from draw_article_text_marks.
void draw_find_marks(PanelContext& ctx, const ArticleTextView& view, std::size_t first_block, std::size_t last_block);

// [SECTION] State

// A press on the article's text, from its start to its release.
enum class SelectionDrag { None, Pending, Characters, Words, Paragraphs, TouchPending, TouchWords, Handle };

// The article's text selection between frames (article_selection.cpp).
struct ArticleSelectionState {
    std::uint64_t pack_revision = 0;
    const std::vector<TextBlock>* blocks = nullptr;  // the article as laid out (for copies between frames)
    TextSelection selection;
    TextSelection unit;           // the word or paragraph a double/triple-click drag started on
    SelectionDrag drag = SelectionDrag::None;
    ImVec2 press;
    bool press_on_copy = false;
    bool handles = false;         // the selection was made by touch: show its handles
    bool moving_begin = false;    // which end a handle drag moves
    std::optional<CopyRequest> copy;
};

// The find bar's search between calls (find_results.cpp).
struct FindState {
    FindResults results;
    std::uint64_t pack_revision = 0;  // the pack the matches were found in
    bool reveal_pending = false;      // show the current match: open the article, scroll to it
};

// What the reading tools keep: one per app (App::reading), handed to the panels as
// PanelContext::reading and to the platform's exports.
struct Reading {
    ArticleSelectionState selection;
    FindState find;
};

} // namespace explainer::ui
