// What a reader sees of the timeline panel, read off the frame's draw lists: where text
// is drawn (the glyphs' quads) and where the publication date's lines run.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/dates.h"
#include "core/theme_colors.h"
#include "headless.h"

namespace explainer::ui::testing {
namespace {

const std::string kSeed = std::string(EXPLAINER_SOURCE_DIR) + "/content/isis-losing-ground.json";

std::string test_pack(const std::string& name) { return std::string(EXPLAINER_SOURCE_DIR) + "/tests/packs/" + name + ".json"; }

struct Box {
    float x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    void add(ImVec2 p) { x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y); }
    static Box at(ImVec2 p) { return {p.x, p.y, p.x, p.y}; }
};

// A glyph's vertex: one with a texture coordinate of the atlas other than the white pixel
// and the anti-aliased lines' (what shapes and lines are drawn with).
bool is_glyph(const ImDrawVert& v) {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const auto same = [&](float u, float w) { return v.uv.x == u && v.uv.y == w; };
    if (same(atlas.TexUvWhitePixel.x, atlas.TexUvWhitePixel.y)) return false;
    for (const ImVec4& line : atlas.TexUvLines)
        if (same(line.x, line.y) || same(line.z, line.w)) return false;
    return true;
}

// What the last frame drew: each text drawn at once (a run of glyphs with nothing else
// between them: a label, with its "+N"), and each triangle of `ink` at full strength
// that is no glyph's (a line, a shape).
struct Drawn {
    std::vector<Box> texts, inked;
};

Drawn drawn(ImU32 ink) {
    Drawn out;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        std::optional<Box> run;
        for (const ImDrawVert& v : list.VtxBuffer) {
            if (is_glyph(v)) run ? run->add(v.pos) : void(run = Box::at(v.pos));
            else if (run) out.texts.push_back(*run), run.reset();
        }
        if (run) out.texts.push_back(*run);
        for (const ImDrawCmd& cmd : list.CmdBuffer)
            for (unsigned k = 0; k + 2 < cmd.ElemCount; k += 3) {
                const ImDrawVert* v[3];
                for (unsigned j = 0; j < 3; ++j) v[j] = &list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + k + j)])];
                if (is_glyph(*v[0]) || (v[0]->col != ink && v[1]->col != ink && v[2]->col != ink)) continue;
                Box box = Box::at(v[0]->pos);
                box.add(v[1]->pos), box.add(v[2]->pos);
                out.inked.push_back(box);
            }
    }
    return out;
}

// A pack, in its first view of the timeline or in a range of days a reader moved to.
struct PackView {
    std::string path;
    std::optional<TimeRange> range;
};

// The publication date's line (a band's two edges) runs behind the event labels without
// crossing their text, so no name reads as struck through; its "Published" label, in the
// row above the lanes, is clear of them too. On the old code the line ran from the top of
// the lanes to the axis through every label in its way: in the Apollo fixture's first
// view through its last event's, the splashdown on the day of publication; in the seed,
// seen from late October to late November 2015, through the names of the recapture of
// Sinjar and the Paris attacks, three days before the dashed edge of its approximate date.
TEST(TimelinePanel, ThePublishedLineCrossesNoEventLabel) {
    Headless h(1280, 800);
    const ThemeColors& colours = kLightTheme;
    const ImU32 ink = IM_COL32((colours.text_muted >> 16) & 0xFF, (colours.text_muted >> 8) & 0xFF, colours.text_muted & 0xFF, 0xFF);
    const double late_october = days_from_civil({2015, 10, 25}), late_november = days_from_civil({2015, 11, 25});
    for (const PackView& pack : {PackView{test_pack("apollo-11-return"), std::nullopt},
                                 PackView{kSeed, TimeRange{late_october, late_november}}}) {
        SCOPED_TRACE(pack.path);
        h.set_pack(pack.path);
        h.settle();
        if (pack.range) app_dispatch(h.app, SetTimelineAction{pack.range}, ChangeSource::Api, h.info.time);
        h.settle();
        h.frame();
        const std::optional<LocatedRect> published = h.located("timeline:published", "timeline");
        const std::optional<LocatedRect> axis = h.located("timeline:axis", "timeline");
        ASSERT_TRUE(published && axis) << "the view shows the publication date";
        const float top = published->y, bottom = published->y + published->h;
        const float left = axis->x, right = axis->x + axis->w;
        const Drawn frame = drawn(ink);
        // The lines: ink down the band's edges (a date narrower than 3 px is one line).
        std::vector<Box> lines;
        for (const Box& t : frame.inked)
            if (t.x1 - t.x0 <= 3 && t.x0 >= published->x - 2 && t.x1 <= published->x + published->w + 2 && t.y1 > top &&
                t.y0 < bottom - 0.5f)
                lines.push_back(t);
        ASSERT_FALSE(lines.empty()) << "the publication date's line is drawn";
        // The labels in the lanes, and "Published" beside the line in the row above them.
        std::vector<Box> labels;
        std::optional<Box> published_label;
        for (const Box& text : frame.texts) {
            const float middle = (text.y0 + text.y1) / 2;
            if (text.x1 <= left || text.x0 >= right) continue;
            if (middle >= top && middle < bottom) labels.push_back(text);
            else if (middle < top && middle > top - 16 && text.x1 > published->x - 100 && text.x0 < published->x + published->w + 100)
                published_label = text;
        }
        ASSERT_TRUE(published_label) << "\"Published\" is written above the lanes";
        const auto spans = [](const Box& label, float x) { return label.x0 < x + 1 && label.x1 > x; };
        int crossing = 0;  // labels across the line's way
        for (const Box& label : labels) {
            EXPECT_FALSE(published_label->overlaps(label)) << "an event label at x " << label.x0 << ", y " << label.y0 << " under \"Published\"";
            if (!spans(label, published->x) && !spans(label, published->x + published->w)) continue;
            ++crossing;
            const auto struck = std::find_if(lines.begin(), lines.end(), [&](const Box& line) { return line.overlaps(label); });
            EXPECT_TRUE(struck == lines.end()) << "the line at x " << struck->x0 << " runs through the label at x " << label.x0 << "-"
                                               << label.x1 << ", y " << label.y0 << "-" << label.y1;
        }
        EXPECT_GT(crossing, 0) << "an event label stands where the line runs: the pack shows what the test is about";
    }
}

} // namespace
} // namespace explainer::ui::testing
