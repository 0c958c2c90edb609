// stb_truetype's and stb_rect_pack's implementations for ImGui's font atlas, with the one
// stb_truetype function that places and draws glyphs answered here: it places them and
// leaves the drawing for later (deferred_glyphs.h says why and when).
//
// Index
// - [SECTION] stb implementations
// - [SECTION] Pending glyphs
// - [SECTION] Placing (stbtt_PackFontRangesRenderIntoRects)
// - [SECTION] Rasterising
#include "deferred_glyphs.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

// [SECTION] stb implementations -------------------------------------------------------------
// As imgui_draw.cpp would define them (same allocator and asserts); it is built with
// IMGUI_DISABLE_STB_*_IMPLEMENTATION and uses these. stb_truetype's own function of that
// name is renamed out of the way, for the atlases that are not deferred.
#define STBRP_ASSERT(x) IM_ASSERT(x)
#define STB_RECT_PACK_IMPLEMENTATION
#include "imstb_rectpack.h"

#define STBTT_malloc(x, u) ((void)(u), IM_ALLOC(x))
#define STBTT_free(x, u) ((void)(u), IM_FREE(x))
#define STBTT_assert(x) IM_ASSERT(x)
#define STB_TRUETYPE_IMPLEMENTATION
#define stbtt_PackFontRangesRenderIntoRects stbtt_PackFontRangesRenderIntoRects_at_once
#include "imstb_truetype.h"
#undef stbtt_PackFontRangesRenderIntoRects

namespace explainer::ui {

// [SECTION] Pending glyphs ---------------------------------------------------------------------

namespace {

// One glyph placed and not drawn yet: what stbtt_MakeGlyphBitmapSubpixel needs, as
// stb_truetype would have called it (1x oversampling, no subpixel shift).
struct PendingGlyph {
    stbtt_fontinfo font;  // points into the font's bytes, which outlive the atlas (app.font_chunks)
    int glyph = 0;
    float scale = 0;
    int x = 0, y = 0, width = 0, height = 0;  // its box in the atlas, in texels
    bool drawn = false;
};

// The boxes are found from a texel through a grid of cells this many texels square,
// each listing the boxes that overlap it.
constexpr int kCellTexels = 16;

struct Atlas {
    bool deferred = true;
    unsigned char* pixels = nullptr;  // ImGui's TexPixelsAlpha8 of the atlas being built
    int width = 0, height = 0, stride = 0;
    std::vector<PendingGlyph> glyphs;
    std::size_t pending = 0;
    std::vector<std::vector<std::uint32_t>> cells;  // made at the first lookup, once all are placed
    int columns = 0;
    AtlasRows written;
};
Atlas g_atlas;

void draw(PendingGlyph& glyph) {
    Atlas& a = g_atlas;
    IM_ASSERT(!glyph.drawn && "each glyph is rasterised once");
    stbtt_MakeGlyphBitmapSubpixel(&glyph.font, a.pixels + glyph.x + glyph.y * a.stride, glyph.width, glyph.height,
                                  a.stride, glyph.scale, glyph.scale, 0, 0, glyph.glyph);
    glyph.drawn = true;
    --a.pending;
    a.written.first = a.written.empty() ? glyph.y : std::min(a.written.first, glyph.y);
    a.written.last = std::max(a.written.last, glyph.y + glyph.height);
}

// Once every glyph is drawn, the list and the grid go (the pixels stay with the atlas).
void release_when_all_drawn() {
    Atlas& a = g_atlas;
    if (a.pending > 0) return;
    a.glyphs = {};
    a.cells = {};
}

void index_cells() {
    Atlas& a = g_atlas;
    a.columns = (a.width + kCellTexels - 1) / kCellTexels;
    const int rows = (a.height + kCellTexels - 1) / kCellTexels;
    a.cells.assign(static_cast<std::size_t>(a.columns) * static_cast<std::size_t>(rows), {});
    for (std::size_t i = 0; i < a.glyphs.size(); ++i) {
        const PendingGlyph& g = a.glyphs[i];
        for (int row = g.y / kCellTexels; row <= (g.y + g.height - 1) / kCellTexels; ++row)
            for (int column = g.x / kCellTexels; column <= (g.x + g.width - 1) / kCellTexels; ++column)
                a.cells[static_cast<std::size_t>(row * a.columns + column)].push_back(static_cast<std::uint32_t>(i));
    }
}

} // namespace

std::vector<char32_t> characters_in_font(std::span<const unsigned char> ttf, std::span<const char32_t> characters) {
    std::vector<char32_t> found;
    stbtt_fontinfo font;
    const int offset = stbtt_GetFontOffsetForIndex(ttf.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&font, ttf.data(), offset)) return found;
    for (const char32_t cp : characters)
        if (stbtt_FindGlyphIndex(&font, static_cast<int>(cp))) found.push_back(cp);
    return found;
}

void set_glyphs_deferred(bool deferred) { g_atlas.deferred = deferred; }

void forget_pending_glyphs() {
    const bool deferred = g_atlas.deferred;
    g_atlas = Atlas{};
    g_atlas.deferred = deferred;
}

std::size_t pending_glyph_count() { return g_atlas.pending; }

AtlasRows take_rasterized_rows() { return std::exchange(g_atlas.written, AtlasRows{}); }

} // namespace explainer::ui

// [SECTION] Placing (stbtt_PackFontRangesRenderIntoRects) -----------------------------------------
// ImGui's builder calls this once per font, after packing every glyph's box and allocating
// the pixels (all zero). The boxes and metrics it writes are stb_truetype's own, line for
// line (stbtt_PackFontRangesRenderIntoRects in imstb_truetype.h, with 1x oversampling);
// only stbtt_MakeGlyphBitmapSubpixel is left for later. Oversampled ranges (which the app
// does not use) are rasterised at once by stb_truetype's own function.
extern "C" int stbtt_PackFontRangesRenderIntoRects(stbtt_pack_context* spc, const stbtt_fontinfo* info,
                                                   stbtt_pack_range* ranges, int num_ranges, stbrp_rect* rects) {
    using namespace explainer::ui;
    Atlas& a = g_atlas;
    bool oversampled = false;
    for (int i = 0; i < num_ranges; ++i) oversampled = oversampled || ranges[i].h_oversample != 1 || ranges[i].v_oversample != 1;
    if (!a.deferred || oversampled) return stbtt_PackFontRangesRenderIntoRects_at_once(spc, info, ranges, num_ranges, rects);
    IM_ASSERT((a.glyphs.empty() || a.pixels == spc->pixels) &&
              "forget_pending_glyphs() comes before each atlas build (the last one's pixels are gone)");
    a.pixels = spc->pixels;
    a.width = spc->width;
    a.height = spc->height;
    a.stride = spc->stride_in_bytes;
    a.cells.clear();
    int placed_all = 1, k = 0;
    for (int i = 0; i < num_ranges; ++i) {
        const float size = ranges[i].font_size;
        const float scale = size > 0 ? stbtt_ScaleForPixelHeight(info, size) : stbtt_ScaleForMappingEmToPixels(info, -size);
        for (int j = 0; j < ranges[i].num_chars; ++j, ++k) {
            stbrp_rect* r = &rects[k];
            if (!r->was_packed || r->w == 0 || r->h == 0) {
                placed_all = 0;
                continue;
            }
            stbtt_packedchar* bc = &ranges[i].chardata_for_range[j];
            const int codepoint = ranges[i].array_of_unicode_codepoints == nullptr
                                      ? ranges[i].first_unicode_codepoint_in_range + j
                                      : ranges[i].array_of_unicode_codepoints[j];
            const int glyph = stbtt_FindGlyphIndex(info, codepoint);
            const stbrp_coord pad = static_cast<stbrp_coord>(spc->padding);
            r->x += pad;  // pad on left and top
            r->y += pad;
            r->w -= pad;
            r->h -= pad;
            int advance = 0, lsb = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
            stbtt_GetGlyphBitmapBox(info, glyph, scale, scale, &x0, &y0, &x1, &y1);
            if (r->w > 0 && r->h > 0) {  // a space's box is its padding only: nothing to draw
                a.glyphs.push_back({*info, glyph, scale, r->x, r->y, r->w, r->h, false});
                ++a.pending;
            }
            bc->x0 = static_cast<stbtt_int16>(r->x);
            bc->y0 = static_cast<stbtt_int16>(r->y);
            bc->x1 = static_cast<stbtt_int16>(r->x + r->w);
            bc->y1 = static_cast<stbtt_int16>(r->y + r->h);
            bc->xadvance = scale * static_cast<float>(advance);
            bc->xoff = static_cast<float>(x0);
            bc->yoff = static_cast<float>(y0);
            bc->xoff2 = static_cast<float>(x0 + r->w);
            bc->yoff2 = static_cast<float>(y0 + r->h);
        }
    }
    return placed_all;
}

namespace explainer::ui {

// [SECTION] Rasterising ------------------------------------------------------------------------

void rasterize_glyphs_used_by(std::span<const ImDrawVert> vertices) {
    Atlas& a = g_atlas;
    if (a.pending == 0) return;
    if (a.cells.empty()) index_cells();
    // Most vertices are shapes on the white pixel, in runs: a run asks once. A glyph's
    // quad is four vertices in a row: after the first, the others (its box's corners,
    // the far ones just past it) ask nothing.
    ImVec2 last(-1, -1);
    const PendingGlyph* found = nullptr;
    for (const ImDrawVert& vertex : vertices) {
        if (vertex.uv.x == last.x && vertex.uv.y == last.y) continue;
        last = vertex.uv;
        // The texel a glyph's corner names, or one inside it (ImGui clips a glyph's quad
        // and its texture coordinates together); the far corners name the texel past the
        // box, which is padding.
        if (!(vertex.uv.x >= 0 && vertex.uv.y >= 0 && vertex.uv.x < 1 && vertex.uv.y < 1)) continue;
        const int x = static_cast<int>(vertex.uv.x * static_cast<float>(a.width) + 0.5f);
        const int y = static_cast<int>(vertex.uv.y * static_cast<float>(a.height) + 0.5f);
        if (x >= a.width || y >= a.height) continue;
        if (found && x >= found->x && x <= found->x + found->width && y >= found->y && y <= found->y + found->height) continue;
        found = nullptr;
        for (const std::uint32_t i : a.cells[static_cast<std::size_t>(y / kCellTexels * a.columns + x / kCellTexels)]) {
            PendingGlyph& g = a.glyphs[i];
            if (x < g.x || x >= g.x + g.width || y < g.y || y >= g.y + g.height) continue;
            if (!g.drawn) draw(g);
            found = &g;
            break;  // boxes do not overlap
        }
        if (a.pending == 0) break;
    }
    release_when_all_drawn();
}

void rasterize_pending_glyphs() {
    for (PendingGlyph& glyph : g_atlas.glyphs)
        if (!glyph.drawn) draw(glyph);
    release_when_all_drawn();
}

} // namespace explainer::ui
