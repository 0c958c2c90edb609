// Paragraph layout for the article panel: word wrapping of styled runs at a given
// width, with the text measured by a callback so the core knows nothing of fonts.
// Runs carry a caller-defined tag (the article uses it for annotation segments), and
// the layout answers which tag lies under a point and where a tag is drawn. Text with
// right-to-left characters (Hebrew, Arabic) is broken into lines in logical order, then
// each line is put in visual order (bidi.h): a paragraph whose first strong character is
// right to left is right-aligned, and its right-to-left runs are drawn from `shown`.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace explainer {

// A stretch of the paragraph's text in one style. Runs must cover the text in order,
// without gaps or overlaps (use tag -1 for unannotated text).
struct StyledRun {
    std::size_t begin = 0;  // byte offsets into the paragraph text
    std::size_t end = 0;
    int style = 0;
    int tag = -1;
};

// Width in pixels of `text` set in `style`, as drawn (left to right, in the order given).
using MeasureText = std::function<float(int style, std::string_view text)>;

struct PlacedRun {
    std::size_t begin = 0, end = 0;  // bytes of the text drawn (no trailing line space)
    int style = 0;
    int tag = -1;
    float x = 0, width = 0;
    int level = 0;      // bidi embedding level: odd runs read right to left
    std::string shown;  // what an odd run draws, left to right (visual_text); empty otherwise
};

// The text a run draws, left to right.
inline std::string_view drawn_text(std::string_view paragraph, const PlacedRun& run) {
    return run.level % 2 ? std::string_view(run.shown) : paragraph.substr(run.begin, run.end - run.begin);
}

struct LayoutLine {
    std::vector<PlacedRun> runs;  // left to right on screen (logical order unless the text holds right-to-left runs)
    std::size_t begin = 0, end = 0;  // the line's bytes in logical order, without its trailing spaces
    float y = 0;        // top of the line, relative to the paragraph top
    float height = 0;   // line advance
    float width = 0;    // drawn width, without the trailing space
};

struct ParagraphLayout {
    std::vector<LayoutLine> lines;
    float height = 0;
    float max_width = 0;
    bool right_to_left = false;  // its first strong character is right to left: lines are right-aligned
};

struct LayoutRect {
    float x = 0, y = 0, w = 0, h = 0;
};

// Greedy (first-fit) wrapping: breaks after spaces, after an em/en dash or a hyphen
// inside a word, and inside a word only when it alone is wider than `max_width`.
// `line_height(style)` gives each style's line advance; a line is as tall as its
// tallest run.
ParagraphLayout layout_paragraph(std::string_view text, const std::vector<StyledRun>& runs, float max_width,
                                 const MeasureText& measure, const std::function<float(int style)>& line_height);

// True when `text` holds characters a line may break between without a space (Chinese
// and Japanese: layout_paragraph breaks there, by kinsoku's rules).
bool breaks_between_characters(std::string_view text);

// The tag under a point (paragraph coordinates), or nullopt over untagged text or
// empty space.
std::optional<int> tag_at(const ParagraphLayout& layout, float x, float y);

// Every rectangle a tag occupies, one per line it spans (adjacent runs merged).
std::vector<LayoutRect> tag_rects(const ParagraphLayout& layout, int tag);

} // namespace explainer
