// The font atlas rasterises its glyphs when they are first drawn (src/ui/deferred_glyphs.h,
// issue 10): a frame's glyphs have exactly the pixels an atlas rasterised at once gives
// them, the glyphs no frame drew are rasterised later, and then the whole atlas is that
// atlas, byte for byte.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "headless.h"
#include "ui/deferred_glyphs.h"

namespace explainer::ui::testing {
namespace {

const std::string kPacks = std::string(EXPLAINER_SOURCE_DIR) + "/tests/packs/";

// The parameters other than the seed name packs in tests/packs/.
std::string pack_path(const char* name) { return name[0] == '/' ? std::string(name) : kPacks + name; }

std::vector<unsigned char> atlas_pixels() {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    return {atlas.TexPixelsAlpha8, atlas.TexPixelsAlpha8 + atlas.TexWidth * atlas.TexHeight};
}

// The atlas of `h`'s pack at `dpr`, rasterised at once as ImGui's own builder does.
std::vector<unsigned char> atlas_rasterised_at_once(Headless& h, float dpr) {
    set_glyphs_deferred(false);
    EXPECT_TRUE(app_load_fonts(h.app, dpr));
    set_glyphs_deferred(true);
    EXPECT_EQ(pending_glyph_count(), 0u) << "an atlas that is not deferred leaves nothing pending";
    return atlas_pixels();
}

// Every glyph's metrics and texture coordinates, as text layout and drawing read them.
std::vector<float> glyph_metrics() {
    std::vector<float> out;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            out.insert(out.end(), {static_cast<float>(g.Codepoint), g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1, g.AdvanceX});
    return out;
}

// The glyph boxes (in texels) of every glyph of the atlas's fonts with pixels of its own.
struct GlyphBox {
    int x0, y0, x1, y1;
    ImVec2 uv;  // its top-left corner, as its quads name it
};
std::vector<GlyphBox> glyph_boxes() {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    std::vector<GlyphBox> boxes;
    for (const ImFont* font : atlas.Fonts)
        for (const ImFontGlyph& g : font->Glyphs) {
            const GlyphBox box{static_cast<int>(g.U0 * atlas.TexWidth + 0.5f), static_cast<int>(g.V0 * atlas.TexHeight + 0.5f),
                               static_cast<int>(g.U1 * atlas.TexWidth + 0.5f), static_cast<int>(g.V1 * atlas.TexHeight + 0.5f),
                               ImVec2(g.U0, g.V0)};
            if (box.x1 > box.x0 && box.y1 > box.y0) boxes.push_back(box);
        }
    return boxes;
}

bool same_box(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b, const GlyphBox& box) {
    const int width = ImGui::GetIO().Fonts->TexWidth;
    for (int y = box.y0; y < box.y1; ++y)
        for (int x = box.x0; x < box.x1; ++x)
            if (a[static_cast<std::size_t>(y * width + x)] != b[static_cast<std::size_t>(y * width + x)]) return false;
    return true;
}

bool blank_box(const std::vector<unsigned char>& pixels, const GlyphBox& box) {
    const int width = ImGui::GetIO().Fonts->TexWidth;
    for (int y = box.y0; y < box.y1; ++y)
        for (int x = box.x0; x < box.x1; ++x)
            if (pixels[static_cast<std::size_t>(y * width + x)] != 0) return false;
    return true;
}

// Whether the frame just drawn has a vertex at `uv` (a glyph quad's top-left corner).
bool frame_uses(ImVec2 uv) {
    const ImDrawData& data = *ImGui::GetDrawData();
    const auto has = [&](const ImDrawVert* begin, const ImDrawVert* end) {
        for (const ImDrawVert* v = begin; v != end; ++v)
            if (v->uv.x == uv.x && v->uv.y == uv.y) return true;
        return false;
    };
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        if (has(list.VtxBuffer.begin(), list.VtxBuffer.end())) return true;
        for (const ImDrawCmd& cmd : list.CmdBuffer)
            if (cmd.UserCallback == draw_retained_callback) {
                const auto& kept = static_cast<const RetainedRun*>(cmd.UserCallbackData)->drawing->kept.vertices;
                if (has(kept.data(), kept.data() + kept.size())) return true;
            }
    }
    return false;
}

class DeferredGlyphs : public ::testing::TestWithParam<const char*> {};

TEST_P(DeferredGlyphs, AllRasterisedIsTheAtlasRasterisedAtOnce) {
    Headless h(1280, 800, 2);
    h.set_pack(pack_path(GetParam()));
    const std::vector<unsigned char> at_once = atlas_rasterised_at_once(h, 2);
    const std::vector<float> metrics_at_once = glyph_metrics();

    ASSERT_TRUE(app_load_fonts(h.app, 2));
    EXPECT_EQ(glyph_metrics(), metrics_at_once) << "the same boxes and advances: text lays out as before";
    const std::size_t boxes = glyph_boxes().size();
    EXPECT_EQ(pending_glyph_count(), boxes) << "every glyph with pixels waits";
    EXPECT_NE(atlas_pixels(), at_once) << "nothing is rasterised yet";
    rasterize_pending_glyphs();
    EXPECT_EQ(pending_glyph_count(), 0u);
    EXPECT_EQ(atlas_pixels(), at_once) << "the same pixels, rasterised later";
    const AtlasRows rows = take_rasterized_rows();
    EXPECT_LT(rows.first, rows.last);
    EXPECT_TRUE(take_rasterized_rows().empty()) << "the rows are taken once";
}

constexpr const char* kDeferredGlyphsPackNames[] = {"seed", "greek", "centuries", "own_scripts", "syllabics_cherokee_tifinagh"};
INSTANTIATE_TEST_SUITE_P(Packs, DeferredGlyphs,
                         ::testing::Values(kSeed.c_str(), "greek-cyrillic-nested.json", "centuries-of-names.json", "capitals-own-scripts.json",
                                           "nunavut-cherokee-tamazight.json"),
                         [](const auto& info) { return std::string(kDeferredGlyphsPackNames[info.index]); });

TEST(DeferredGlyphsFrame, AFrameRasterisesTheGlyphsItDrawsAndNoOthers) {
    // A phone: one panel, the article, at 3 device pixels per CSS pixel.
    Headless h(390, 844, 3);
    h.set_pack(kSeed);
    const std::vector<unsigned char> at_once = atlas_rasterised_at_once(h, 3);
    h.app.fonts_stale = true;  // the next frame builds it again, deferred
    h.frame();
    const std::size_t placed = pending_glyph_count();
    ASSERT_GT(placed, 0u);
    rasterize_drawn_glyphs(*ImGui::GetDrawData());
    const std::vector<unsigned char> after_frame = atlas_pixels();
    EXPECT_LT(pending_glyph_count(), placed) << "the frame drew some glyphs";
    EXPECT_GT(pending_glyph_count(), 0u) << "and not every glyph of six faces";

    int drawn = 0, left = 0;
    for (const GlyphBox& box : glyph_boxes()) {
        if (frame_uses(box.uv)) {
            ++drawn;
            EXPECT_TRUE(same_box(after_frame, at_once, box)) << "a drawn glyph at " << box.x0 << "," << box.y0 << " has its pixels";
        } else if (blank_box(after_frame, box) && !blank_box(at_once, box)) {
            ++left;
        }
    }
    EXPECT_GT(drawn, 40) << "the headline and the article's first lines";
    EXPECT_GT(left, 100) << "glyphs no frame drew are still blank";
    rasterize_pending_glyphs();
    EXPECT_EQ(atlas_pixels(), at_once);
}

} // namespace
} // namespace explainer::ui::testing
