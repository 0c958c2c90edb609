// What a reader sees of the timeline panel, read off the frame's draw lists: where text
// is drawn (the glyphs' quads) and where the publication date's lines run.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/dates.h"
#include "core/theme_colors.h"
#include "headless.h"

namespace explainer::ui::testing {
namespace {

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
// between them: a label, with its "+N"), each triangle of `ink` at full strength that is
// no glyph's (a line, a shape), and each triangle of a vertical line of any colour (no
// wider than 5 px with its anti-aliased fringe, 8 px tall or more: a grid line, the
// publication date's, the cursor's).
struct Drawn {
    std::vector<Box> texts, inked, vertical;
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
                if (is_glyph(*v[0])) continue;
                Box box = Box::at(v[0]->pos);
                box.add(v[1]->pos), box.add(v[2]->pos);
                if (box.x1 - box.x0 <= 5 && box.y1 - box.y0 >= 8) out.vertical.push_back(box);
                if (v[0]->col == ink || v[1]->col == ink || v[2]->col == ink) out.inked.push_back(box);
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

// A click on an event the timeline names leaves every row where it was: on the old code
// the selection went to the top lane and the marks above it moved down, on each click (in
// the Pacific fixture "Tonga largely cut off" went from the third row to the first). The
// events' rows are read off where they are located, before and after.
TEST(TimelinePanel, SelectingANamedEventMovesNoRow) {
    Headless h(1280, 800);
    h.set_pack(test_pack("fiji-tonga-samoa"));
    h.settle();
    const std::vector<std::string> events = {"samoa-independence", "tonga-protectorate-ends", "fiji-independence",
                                             "samoa-dateline", "hunga-eruption", "tonga-cut-off"};
    const auto rows = [&] {
        std::vector<float> y;
        for (const std::string& id : events) {
            const std::optional<LocatedRect> at = h.located(id, "timeline");
            y.push_back(at ? at->y : -1);
        }
        return y;
    };
    const std::vector<float> before = rows();
    ASSERT_TRUE(std::none_of(before.begin(), before.end(), [](float y) { return y < 0; })) << "every event is in the first view";
    ASSERT_GT(std::set<float>(before.begin(), before.end()).size(), 2u) << "the events take several rows";
    for (const std::string& id : {std::string("tonga-cut-off"), std::string("samoa-dateline")}) {
        SCOPED_TRACE(id);
        app_dispatch(h.app, SelectAction{id}, ChangeSource::Api, h.info.time);
        h.settle();
        ASSERT_EQ(h.view().selection, id);
        EXPECT_EQ(rows(), before);
    }
}

// A major tick near the panel's right edge is labelled before the tick, where its label
// would run out of the panel after it: it went unlabelled ("AD 1500" in a trial's story
// that ends in 1453). The seed's timeline, moved until 1 January 2016 lies 12 px from the
// edge: "2016" is written, inside the axis, clear of the label before it.
TEST(TimelinePanel, TheLastTickIsLabelledBeforeItWhereItsLabelWouldRunOut) {
    Headless h(1280, 800);
    h.set_pack(kSeed);
    h.settle();
    const std::optional<LocatedRect> axis = h.located("timeline:axis", "timeline");
    ASSERT_TRUE(axis);
    const double start = days_from_civil({2014, 1, 1}), tick = days_from_civil({2016, 1, 1});
    const double before_edge = 12.0 / axis->w;  // of the range's span
    const double end = (tick - before_edge * start) / (1 - before_edge);
    app_dispatch(h.app, SetTimelineAction{TimeRange{start, end}}, ChangeSource::Api, h.info.time);
    h.settle();
    h.frame();
    const std::optional<LocatedRect> label = h.located("timeline:tick:2016", "timeline");
    ASSERT_TRUE(label) << "the tick 12 px from the edge is labelled";
    EXPECT_LE(label->x + label->w, axis->x + axis->w) << "inside the axis";
    float before_end = axis->x;
    for (const LocatedRect& r : h.app.located)
        if (r.panel == "timeline" && r.id.text.starts_with("timeline:tick:") && r.x < label->x) before_end = std::max(before_end, r.x + r.w);
    EXPECT_GT(label->x, before_end + 8) << "clear of the label before it";
}

// The grid's faint lines and the time cursor's line stop short of the event labels too: on
// the old code every major tick's line ran from the top of the lanes to the axis, through
// the names in its way (the Apollo fixture's "Apollo 11 is launched from Florida" at the
// 17 and 18 July ticks), and so did the cursor's, drawn over them. Checked in three packs,
// each with the cursor on a day one of its labels spans.
TEST(TimelinePanel, NoVerticalLineCrossesAnEventLabel) {
    Headless h(1280, 800);
    for (const std::string& path : {test_pack("apollo-11-return"), test_pack("long-event-names"), kSeed}) {
        SCOPED_TRACE(path);
        h.set_pack(path);
        h.settle();
        const std::optional<LocatedRect> axis = h.located("timeline:axis", "timeline");
        ASSERT_TRUE(axis);
        // The labels in the lanes: texts above the axis, inside the panel's width.
        std::vector<Box> labels;
        for (const Box& text : drawn(0).texts)
            if (text.y1 <= axis->y && text.x0 >= axis->x && text.x1 <= axis->x + axis->w && text.y0 > axis->y - 200) labels.push_back(text);
        ASSERT_FALSE(labels.empty()) << "the timeline names events";
        // The cursor on the day under the middle of the widest label.
        const Box widest = *std::max_element(labels.begin(), labels.end(), [](const Box& a, const Box& b) { return a.x1 - a.x0 < b.x1 - b.x0; });
        const std::optional<TimeRange> range = h.app.store.view().timeline;
        ASSERT_TRUE(range);
        const double day = range->start_day + (range->end_day - range->start_day) * ((widest.x0 + widest.x1) / 2 - axis->x) / axis->w;
        app_dispatch(h.app, SetTimeCursorAction{cursor_on_day(static_cast<int>(std::floor(day)))}, ChangeSource::Api, h.info.time);
        h.settle();
        h.frame();
        ASSERT_TRUE(h.located("timeline:cursor", "timeline")) << "the cursor is drawn";
        const Drawn frame = drawn(0);
        int crossing = 0;  // lines whose x a label spans
        for (const Box& line : frame.vertical) {
            if (line.y1 <= axis->y - 150 || line.y0 >= axis->y) continue;  // outside the lanes
            for (const Box& label : labels) {
                if (label.x0 >= line.x1 || line.x0 >= label.x1) continue;
                ++crossing;
                EXPECT_FALSE(line.overlaps(label)) << "a line at x " << line.x0 << ", y " << line.y0 << "-" << line.y1
                                                   << " runs through the label at x " << label.x0 << "-" << label.x1 << ", y " << label.y0;
            }
        }
        EXPECT_GT(crossing, 0) << "a line runs where a label stands: the view shows what the test is about";
    }
}

} // namespace
} // namespace explainer::ui::testing
