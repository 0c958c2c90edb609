// The font atlas's glyphs, rasterised when first drawn (issue 10: the atlas rasterised
// every glyph of six faces before the first frame, about 670 of them, most of which that
// frame does not show).
//
// ImGui's atlas builder still measures and places every glyph, so text lays out as
// before and every glyph's place in the atlas is known; only the drawing of its pixels
// waits. Its stb_truetype call that places and draws (stbtt_PackFontRangesRenderIntoRects)
// is answered by src/ui/deferred_glyphs.cpp, which places them and keeps a list of what
// is still to draw. The renderer draws, before each frame, the pending glyphs that the
// frame's vertices use (rasterize_drawn_glyphs in drawing.h), and the platform the rest
// once the page is idle. A glyph rasterised late has the very pixels it would have had
// at once. Built into the ImGui library (cmake/imgui.cmake), which holds stb_truetype's
// and stb_rect_pack's implementations here instead of in imgui_draw.cpp.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include "imgui.h"

namespace explainer::ui {

// Whether the next atlas build leaves its glyphs to be rasterised when drawn (the
// default), or rasterises all of them as it builds, as ImGui's own builder does.
void set_glyphs_deferred(bool deferred);

// Forgets the glyphs of the atlas built last: call before the atlas is cleared or built
// again (its pixels go with it).
void forget_pending_glyphs();

// Glyphs the atlas built last has placed and not yet rasterised.
std::size_t pending_glyph_count();

// Rasterises the pending glyphs that any of `vertices` point into (texture coordinates
// inside a glyph's box in the atlas; the white pixel and the rest are no glyph's).
void rasterize_glyphs_used_by(std::span<const ImDrawVert> vertices);

// Rasterises every pending glyph.
void rasterize_pending_glyphs();

// Which of `characters` the TrueType font `ttf` has a glyph for, in their order (none when
// it is not a font stb_truetype reads). Here beside stb_truetype's implementation.
std::vector<char32_t> characters_in_font(std::span<const unsigned char> ttf, std::span<const char32_t> characters);

// The rows [first, last) of the atlas's pixels that rasterising has written since the
// last call (first == last: none); the renderer uploads them.
struct AtlasRows {
    int first = 0, last = 0;
    bool empty() const { return first >= last; }
};
AtlasRows take_rasterized_rows();

} // namespace explainer::ui
