// Find: the page's find bar (web/page.js) sends the query; the matches in the article's
// words (headline and paragraphs, core/find.h) are counted from the pack and highlighted
// where the article panel draws them, the current one stronger. Jumping to one opens the
// article (a phone shows one panel at a time) and scrolls it there. Matches in entity
// names, quotes and events are listed by the find bar, which selects the entity chosen.
#include <algorithm>
#include <cassert>

#include "article_text.h"

namespace explainer::ui {


const FindResults& find_in_article(Reading& reading, const Pack& pack, std::uint64_t pack_revision, const std::string& query) {
    FindState& f = reading.find;
    f = FindState{};
    f.results.query = query;
    f.pack_revision = pack_revision;
    // Counted in the pack's words, not in a layout: a phone that shows another tab
    // counts the same matches as a wide screen.
    for (const ArticleMatch& match : explainer::find_in_article(pack.article, query)) {
        f.results.match_begins.push_back({match.block, match.words.begin});
        f.results.match_ends.push_back({match.block, match.words.end});
    }
    f.results.entities = find_in_entities(pack, query);
    return f.results;
}

const FindResults& find_again(Reading& reading, const Pack& pack, std::uint64_t pack_revision) {
    FindState& f = reading.find;
    if (f.results.query.empty() || f.pack_revision == pack_revision) return f.results;
    const int current = f.results.current;
    const std::string query = f.results.query;  // find_in_article starts afresh
    find_in_article(reading, pack, pack_revision, query);
    FindResults& r = f.results;
    const int count = static_cast<int>(r.match_begins.size());
    r.current = count == 0 ? -1 : std::clamp(current, 0, count - 1);
    return r;
}

const FindResults& find_step(Reading& reading, int direction) {
    FindResults& r = reading.find.results;
    const int count = static_cast<int>(r.match_begins.size());
    if (count == 0) return r;
    if (r.current < 0) r.current = direction >= 0 ? 0 : count - 1;
    else r.current = ((r.current + (direction >= 0 ? 1 : -1)) % count + count) % count;
    reading.find.reveal_pending = true;
    return r;
}

void close_find(Reading& reading) { reading.find = FindState{}; }

void show_find_match(const PanelContext& ctx) {
    const FindState& f = ctx.reading->find;
    if (f.reveal_pending && f.pack_revision == ctx.pack_revision && ctx.narrow && ctx.state.panel != kArticlePanelId)
        ctx.actions.push(SetPanelAction{kArticlePanelId});
}

void draw_find_marks(PanelContext& ctx, const ArticleTextView& view, std::size_t first_block, std::size_t last_block) {
    FindState& f = ctx.reading->find;
    if (f.pack_revision != ctx.pack_revision || f.results.match_begins.empty()) return;
    const std::vector<TextPoint>& begins = f.results.match_begins;
    const std::vector<TextBlock>& blocks = *view.blocks;
    assert(blocks.size() > begins.back().paragraph && "the article panel lays out the blocks find counts in");
    // Matches are in the words; the layout also draws badges between them.
    const auto drawn = [&](const TextPoint& point, bool begin) {
        return drawn_offset(blocks[point.paragraph], point.offset, begin);
    };
    if (f.reveal_pending && f.results.current >= 0) {
        const TextPoint at = begins[f.results.current];
        const TextBlock& block = blocks[at.paragraph];
        const LayoutLine& line = block.layout->lines[line_of(*block.layout, drawn(at, true))];
        float& target = *view.scroll_target;
        const float top = block.y + line.y, bottom = top + line.height;
        if (top < target + 20 || bottom > target + view.size.y - 20) target = std::clamp(top - view.size.y * 0.35f, 0.0f, view.max_scroll);
        f.reveal_pending = false;
        *ctx.animating = true;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const bool dark = ctx.theme.dark;
    const ImU32 fill = dark ? IM_COL32(0x6B, 0x4E, 0x16, 0xFF) : IM_COL32(0xFB, 0xD3, 0x8D, 0xFF);
    const ImU32 current_fill = dark ? IM_COL32(0xB8, 0x6E, 0x00, 0xFF) : IM_COL32(0xF0, 0x8A, 0x24, 0xFF);
    // Only the matches in the paragraphs drawn: a binary search, not a walk of all.
    auto it = std::lower_bound(begins.begin(), begins.end(), TextPoint{first_block, 0});
    for (; it != begins.end() && it->paragraph < last_block; ++it) {
        const std::size_t index = static_cast<std::size_t>(it - begins.begin());
        const TextBlock& block = blocks[it->paragraph];
        const bool current = static_cast<int>(index) == f.results.current;
        for (const LayoutRect& r : range_rects(block, drawn(*it, true), drawn(f.results.match_ends[index], false), *view.measure)) {
            const ImVec2 a(view.x0 + r.x - 1, view.drawn_y0 + block.y + r.y + 1);
            const ImVec2 b(view.x0 + r.x + r.w + 1, view.drawn_y0 + block.y + r.y + r.h - 1);
            draw->AddRectFilled(a, b, current ? current_fill : fill, 2);
            const float screen_y = view.y0 + block.y + r.y + 1;
            if (current && screen_y < view.origin.y + view.size.y && screen_y + (b.y - a.y) > view.origin.y)
                ctx.located->push_back({"find:current", "article", a.x, screen_y, b.x - a.x, b.y - a.y});
        }
    }
}

} // namespace explainer::ui
