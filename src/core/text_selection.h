// Selecting text in laid-out paragraphs (the article panel): where a point falls in the
// text, words and paragraphs for double and triple clicks, moving a selection's end by
// character, word or line from the keyboard, the rectangles a selection covers, and the
// text a copy puts on the clipboard. Works on text_layout's lines, measuring text through
// the same callback, so it knows nothing of fonts.
#pragma once
#include <compare>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "find.h"
#include "text_layout.h"

namespace explainer {

// One laid-out paragraph of a document, as drawn.
struct TextBlock {
    std::string_view text;                 // what is drawn
    const ParagraphLayout* layout = nullptr;
    float y = 0;                           // top, in document coordinates
    std::vector<ByteRange> ornaments;      // drawn but not the document's words (computed badges): never copied
};

// A caret position: before byte `offset` of paragraph `paragraph`'s text.
struct TextPoint {
    std::size_t paragraph = 0;
    std::size_t offset = 0;
    auto operator<=>(const TextPoint&) const = default;
};

// What the reader selected: `anchor` stays where the selection started, `focus` moves.
struct TextSelection {
    TextPoint anchor, focus;
    bool empty() const { return anchor == focus; }
    TextPoint begin() const { return anchor < focus ? anchor : focus; }
    TextPoint end() const { return anchor < focus ? focus : anchor; }
};

// The caret position nearest to (x, y), document coordinates: the paragraph whose lines
// hold y (the nearest one between paragraphs), then the nearest character boundary.
TextPoint point_at(const std::vector<TextBlock>& blocks, float x, float y, const MeasureText& measure);

// The line of a paragraph that holds a caret offset (trailing spaces count with their line).
std::size_t line_of(const ParagraphLayout& layout, std::size_t offset);

// The x of a caret offset on its line, paragraph coordinates.
float caret_x(const TextBlock& block, std::size_t offset, const MeasureText& measure);

// Rectangles (paragraph coordinates, one per line) covering bytes [begin, end).
std::vector<LayoutRect> range_rects(const TextBlock& block, std::size_t begin, std::size_t end, const MeasureText& measure);

// The word around a caret offset (letters, digits and marks of any script, joined by an
// apostrophe between letters); a caret between words gives the word after it, or the
// run of spaces or punctuation it stands in.
ByteRange word_at(std::string_view text, std::size_t offset);

// One step of a selection's end, as Shift+arrows (and Ctrl+Shift+arrows) move it.
enum class CaretStep { Left, Right, WordLeft, WordRight, Up, Down };
TextPoint move_point(const std::vector<TextBlock>& blocks, TextPoint from, CaretStep step, const MeasureText& measure);

// The selected words, without ornaments, paragraphs separated by a blank line.
std::string selected_text(const std::vector<TextBlock>& blocks, const TextSelection& selection);

// A caret offset counted without the ornaments before it: the offset into the
// paragraph's words alone (as the HTML mirror holds them).
std::size_t plain_offset(const TextBlock& block, std::size_t offset);

// The inverse: the caret offset of an offset into the paragraph's words. An offset where
// an ornament stands gives the caret after the ornament when `past_ornaments` (where a
// match begins), before it otherwise (where a match ends).
std::size_t drawn_offset(const TextBlock& block, std::size_t words_offset, bool past_ornaments);

// A quote as a reader shares it: the quotation in curly quotes, then its speaker and the
// speaker's role ("“…” — J.M. Berger, Co-author of …").
std::string quote_for_clipboard(const Pack& pack, const Entity& quote);

} // namespace explainer
