// The article panel: the article as well-typeset text in which every annotation can be
// hovered, read and selected.
//
// Index
// - [SECTION] Layout cache
// - [SECTION] Scrolling
// - [SECTION] Drawing mentions
// - [SECTION] Panel
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/date_text.h"
#include "core/geo.h"
#include "core/text_layout.h"
#include "article_text.h"
#include "panel.h"

namespace explainer::ui {

namespace {

// [SECTION] Layout cache ---------------------------------------------------------------------

enum Style { kBody = 0, kHeadline = 1, kBadge = 2, kLink = 3 };
constexpr float kPadding = 28;
constexpr float kMeasureChars = 66;   // a comfortable measure: 60–75 characters a line
constexpr float kBodyLeading = 1.62f;
constexpr float kParagraphGap = 14;
constexpr int kLinkTag = 1 << 24;     // tags at or above this are links, not mentions

struct MentionRef {
    std::size_t entity = 0;
    std::size_t mention = 0;
    std::size_t length = 0;
};

// A piece of a paragraph between mention boundaries, with the mentions covering it,
// innermost (shortest) first: the innermost is what the pointer hits.
struct Segment {
    std::vector<int> mentions;  // indices into ArticleCache::mentions
};

struct ParagraphCache {
    std::string text;           // the paragraph as drawn (with figure badges and link)
    std::vector<Segment> segments;
    ParagraphLayout layout;
    float y = 0;                // top, in article coordinates
    std::string link_url;
};

// Rebuilt only when the pack, the panel's width or the font scale changes; a frame then
// walks only the paragraphs in view.
struct ArticleCache {
    std::optional<std::uint64_t> pack_revision;
    float width = -1, dpr = 0;
    float column_x = 0, column_width = 0;
    ParagraphLayout headline;
    std::string source_line;
    float source_y = 0;
    float attribution_height = 0;
    float corrections_y = 0, sources_y = 0;  // the notes (sources_section.cpp), article coordinates
    std::vector<MentionRef> mentions;  // every mention of every entity, in reading order
    std::vector<ParagraphCache> paragraphs;
    std::vector<TextBlock> blocks;     // the paragraphs for selection and find (article_text.h)
    MeasureText measure;
    float height = 0;
};

struct ArticleView {
    float scroll = 0, target = 0;
    std::string known_paragraph;   // the paragraph id the state and the view agree on
    int focus = -1;                // keyboard focus: index into ArticleCache::mentions
    std::string hover_set;         // the hover this panel set, and so may clear
    bool dragging_scrollbar = false;
    float press_y = 0;
};

ArticleCache g_cache;
ArticleView g_view;

ImFont* font_for(const Fonts& fonts, int style) {
    switch (style) {
    case kHeadline: return fonts.serif_bold;
    case kBadge: return fonts.sans_small;
    default: return fonts.serif;
    }
}

float measure(const Fonts& fonts, int style, std::string_view text) {
    ImFont* font = font_for(fonts, style);
    return font->CalcTextSizeA(font_size(font), FLT_MAX, 0, text.data(), text.data() + text.size()).x;
}

float line_height(const Fonts& fonts, int style) {
    if (style == kHeadline) return font_size(fonts.serif_bold) * 1.22f;
    return font_size(fonts.serif) * kBodyLeading;
}

// " [computed: 3,475 km / 2,159 mi; article +16%] " for a figure the pack can recompute from its own
// coordinates, set right after the article's number.
std::string figure_badge(const Pack& pack, const Entity& figure) {
    if (!figure.check || figure.check->kind != "distance") return {};
    const Entity* from = pack.find(figure.check->from);
    const Entity* to = pack.find(figure.check->to);
    if (!from || !to || !from->location || !to->location) return {};
    const double km = distance_km(*from->location, *to->location);
    char buffer[96];
    // No-break spaces throughout: the badge stays on the line of the figure's last word.
    // The difference in words: how far the article's number is from the computed one.
    const double stated_km = figure.check->stated_unit == "mi" ? figure.check->stated_value * kKmPerStatuteMile : figure.check->stated_value;
    const long percent = std::lround((stated_km / km - 1.0) * 100.0);
    std::snprintf(buffer, sizeof buffer, "\u00A0[computed:\u00A0%s\u00A0km\u00A0/\u00A0%s\u00A0mi; article\u00A0%s%ld%%]",
                  thousands(km).c_str(), thousands(km_to_miles(km)).c_str(), percent >= 0 ? "+" : "", percent);
    return buffer;
}

void build_paragraph(ArticleCache& cache, const Pack& pack, std::size_t index, std::vector<StyledRun>& runs) {
    const Paragraph& source = pack.article.paragraphs[index];
    ParagraphCache& out = cache.paragraphs[index];
    // Mentions in this paragraph (a run of cache.mentions, which is in reading order),
    // and the boundaries they cut the text at.
    std::vector<int> here;
    std::vector<std::size_t> cuts = {0, source.text.size()};
    const auto paragraph_of = [&](const MentionRef& ref) { return pack.entities[ref.entity].mentions[ref.mention].paragraph_index; };
    const auto first = std::partition_point(cache.mentions.begin(), cache.mentions.end(),
                                            [&](const MentionRef& ref) { return paragraph_of(ref) < index; });
    for (std::size_t m = static_cast<std::size_t>(first - cache.mentions.begin()); m < cache.mentions.size(); ++m) {
        const Mention& mention = pack.entities[cache.mentions[m].entity].mentions[cache.mentions[m].mention];
        if (mention.paragraph_index != index) break;
        here.push_back(static_cast<int>(m));
        cuts.push_back(mention.begin);
        cuts.push_back(mention.end);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

    runs.clear();
    out.text.clear();
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
        const std::size_t a = cuts[c], b = cuts[c + 1];
        Segment segment;
        for (int m : here) {
            const Mention& mention = pack.entities[cache.mentions[m].entity].mentions[cache.mentions[m].mention];
            if (mention.begin <= a && mention.end >= b) segment.mentions.push_back(m);
        }
        std::sort(segment.mentions.begin(), segment.mentions.end(),
                  [&](int x, int y) { return cache.mentions[x].length < cache.mentions[y].length; });
        const int tag = segment.mentions.empty() ? -1 : static_cast<int>(out.segments.size());
        if (!segment.mentions.empty()) out.segments.push_back(segment);
        const std::size_t begin = out.text.size();
        out.text.append(source.text, a, b - a);
        runs.push_back({begin, out.text.size(), kBody, tag});
        // A computable figure gets its computed value right after the article's words.
        for (int m : here) {
            const MentionRef& ref = cache.mentions[m];
            const Entity& entity = pack.entities[ref.entity];
            if (entity.kind != EntityKind::Figure || entity.mentions[ref.mention].end != b) continue;
            const std::string badge = figure_badge(pack, entity);
            if (badge.empty()) continue;
            const std::size_t badge_begin = out.text.size();
            out.text += badge;
            runs.push_back({badge_begin, out.text.size(), kBadge, -1});
        }
    }
    if (!source.link_text.empty()) {
        out.text += " ";
        runs.push_back({out.text.size() - 1, out.text.size(), kBody, -1});
        const std::size_t begin = out.text.size();
        out.text += source.link_text;
        runs.push_back({begin, out.text.size(), kLink, kLinkTag});
        out.link_url = source.link_url;
    }
}

void rebuild_cache(const PanelContext& ctx, float panel_width) {
    ArticleCache& cache = g_cache;
    const Pack& pack = ctx.pack;
    cache = ArticleCache{};
    cache.pack_revision = ctx.pack_revision;
    cache.width = panel_width;
    cache.dpr = ctx.dpr;

    const float average_char = measure(ctx.fonts, kBody, "the quick brown fox jumps over the lazy dog, 1234") / 49.0f;
    const float available = std::max(120.0f, panel_width - 2 * kPadding);
    cache.column_width = std::min(available, average_char * kMeasureChars);
    cache.column_x = std::floor((panel_width - cache.column_width) * 0.5f);

    for (std::size_t e = 0; e < pack.entities.size(); ++e)
        for (std::size_t m = 0; m < pack.entities[e].mentions.size(); ++m) {
            const Mention& mention = pack.entities[e].mentions[m];
            cache.mentions.push_back({e, m, mention.end - mention.begin});
        }
    std::sort(cache.mentions.begin(), cache.mentions.end(), [&](const MentionRef& a, const MentionRef& b) {
        const Mention& x = pack.entities[a.entity].mentions[a.mention];
        const Mention& y = pack.entities[b.entity].mentions[b.mention];
        if (x.paragraph_index != y.paragraph_index) return x.paragraph_index < y.paragraph_index;
        if (x.begin != y.begin) return x.begin < y.begin;
        return x.end > y.end;  // outer before inner
    });

    // Kept for selection and find: it reads the fonts through the app's Fonts, which
    // outlives the cache.
    cache.measure = [fonts = &ctx.fonts](int style, std::string_view text) {
        return measure(*fonts, style == kLink ? kBody : style, text);
    };
    const MeasureText& measure_fn = cache.measure;
    const std::function<float(int)> height_fn = [&](int style) { return line_height(ctx.fonts, style); };

    float y = kPadding;
    const std::string& headline = pack.article.headline;
    cache.headline = layout_paragraph(headline, {{0, headline.size(), kHeadline, -1}}, cache.column_width, measure_fn,
                                      height_fn);
    y += cache.headline.height + 8;
    cache.source_line = pack.article.source;
    if (!pack.article.published.iso.empty()) cache.source_line += "  \xC2\xB7  " + describe_span(pack.article.published);
    cache.source_y = y;
    y += font_size(ctx.fonts.sans_small) * 1.5f;
    if (!pack.article.attribution.empty()) {
        cache.attribution_height = ctx.fonts.sans_small->CalcTextSizeA(font_size(ctx.fonts.sans_small), FLT_MAX, cache.column_width,
                                                                       pack.article.attribution.c_str()).y;
        y += cache.attribution_height + font_size(ctx.fonts.sans_small) * 0.5f;
    }
    cache.corrections_y = y;
    if (const float h = corrections_height(ctx, cache.column_width); h > 0) y += h + 8;
    y += 18;

    cache.paragraphs.resize(pack.article.paragraphs.size());
    std::vector<StyledRun> runs;
    for (std::size_t p = 0; p < pack.article.paragraphs.size(); ++p) {
        build_paragraph(cache, pack, p, runs);
        ParagraphCache& para = cache.paragraphs[p];
        para.layout = layout_paragraph(para.text, runs, cache.column_width, measure_fn, height_fn);
        para.y = y;
        y += para.layout.height + kParagraphGap;
        TextBlock& block = cache.blocks.emplace_back(TextBlock{para.text, &para.layout, para.y, {}});
        for (const StyledRun& run : runs)
            if (run.style == kBadge) block.ornaments.push_back({run.begin, run.end});
    }
    cache.sources_y = y + 24;
    if (const float h = sources_section_height(ctx, cache.column_width); h > 0) y = cache.sources_y + h;
    cache.height = y + kPadding;
}

// [SECTION] Scrolling -------------------------------------------------------------------------

float max_scroll(float view_height) { return std::max(0.0f, g_cache.height - view_height); }

// Where the view should scroll for a paragraph to be at its top.
float paragraph_scroll(std::size_t index) {
    return index == 0 ? 0.0f : g_cache.paragraphs[index].y - kParagraphGap;
}

// The first paragraph whose bottom is below `y` (article coordinates), or the number of
// paragraphs; a binary search, since paragraphs are laid out top to bottom.
std::size_t first_paragraph_ending_below(float y) {
    const auto it = std::partition_point(g_cache.paragraphs.begin(), g_cache.paragraphs.end(),
                                         [&](const ParagraphCache& para) { return para.y + para.layout.height <= y; });
    return static_cast<std::size_t>(it - g_cache.paragraphs.begin());
}

std::size_t top_paragraph(float scroll) {
    const std::size_t p = first_paragraph_ending_below(scroll + 4);
    if (p < g_cache.paragraphs.size()) return p;
    return g_cache.paragraphs.empty() ? 0 : g_cache.paragraphs.size() - 1;
}

// The first line of a mention, in article coordinates.
float mention_top(const Pack& pack, const MentionRef& ref) {
    const Mention& mention = pack.entities[ref.entity].mentions[ref.mention];
    const ParagraphCache& para = g_cache.paragraphs[mention.paragraph_index];
    for (std::size_t s = 0; s < para.segments.size(); ++s)
        for (int m : para.segments[s].mentions)
            if (&pack.entities[g_cache.mentions[m].entity].mentions[g_cache.mentions[m].mention] == &mention) {
                const std::vector<LayoutRect> rects = tag_rects(para.layout, static_cast<int>(s));
                if (!rects.empty()) return para.y + rects.front().y;
            }
    return para.y;
}

// Where the article's text is on screen at a scroll position, for selection and find.
ArticleTextView text_view(ImVec2 origin, ImVec2 size, float scroll, bool hovered, float dpr) {
    ArticleTextView out;
    out.blocks = &g_cache.blocks;
    out.measure = &g_cache.measure;
    out.origin = origin;
    out.size = size;
    out.x0 = origin.x + g_cache.column_x;
    out.y0 = origin.y - std::round(scroll * dpr) / dpr;
    out.hovered = hovered;
    out.scroll_target = &g_view.target;
    out.max_scroll = max_scroll(size.y);
    out.scrollbar_x = origin.x + size.x - 12;
    return out;
}

// [SECTION] Drawing mentions -------------------------------------------------------------------

// Each kind has its own underline so kinds stay distinct without colour:
// place solid, person double, organisation dotted, event dashed, figure wavy, work a
// thin line with ticks at both ends (a bracket under the title), quote a bar in the margin.
void draw_underline(ImDrawList* draw, EntityKind kind, float x0, float x1, float y, ImU32 colour, float weight) {
    switch (kind) {
    case EntityKind::Place: draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), colour, 1.5f * weight); break;
    case EntityKind::Person:
        draw->AddLine(ImVec2(x0, y - 1.5f), ImVec2(x1, y - 1.5f), colour, 1.0f * weight);
        draw->AddLine(ImVec2(x0, y + 1.5f), ImVec2(x1, y + 1.5f), colour, 1.0f * weight);
        break;
    case EntityKind::Organisation:
        for (float x = x0 + 1; x < x1; x += 4) draw->AddCircleFilled(ImVec2(x, y), 1.1f * weight, colour, 6);
        break;
    case EntityKind::Event:
        for (float x = x0; x < x1; x += 9) draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 5.5f, x1), y), colour, 1.5f * weight);
        break;
    case EntityKind::Figure: {
        ImVec2 points[128];
        int n = 0;
        for (float x = x0; x <= x1 && n < 128; x += 2.5f, ++n)
            points[n] = ImVec2(x, y + ((n & 1) ? 1.4f : -1.4f));
        if (n > 1) draw->AddPolyline(points, n, colour, ImDrawFlags_None, 1.2f * weight);
        break;
    }
    case EntityKind::Work:
        draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), colour, 1.0f * weight);
        draw->AddLine(ImVec2(x0, y - 3.0f), ImVec2(x0, y), colour, 1.0f * weight);
        draw->AddLine(ImVec2(x1, y - 3.0f), ImVec2(x1, y), colour, 1.0f * weight);
        break;
    case EntityKind::Quote: break;  // drawn as a margin bar
    }
}

ImU32 fill_for(Emphasis emphasis, const Theme& theme) {
    switch (emphasis) {
    case Emphasis::Selected: return theme.selection_fill;
    case Emphasis::Hovered: return theme.hover_fill;
    default: return 0;
    }
}

} // namespace

// [SECTION] Panel ----------------------------------------------------------------------------------

void draw_article_panel(PanelContext& ctx, ImVec2 origin, ImVec2 size) {
    const Pack& pack = ctx.pack;
    if (g_cache.pack_revision != ctx.pack_revision || g_cache.width != size.x || g_cache.dpr != ctx.dpr)
        rebuild_cache(ctx, size.x);
    ArticleCache& cache = g_cache;
    ArticleView& view = g_view;
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;

    // The whole panel is one interactive item, so ImGui tracks hover and drags for it.
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##article", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    // Selecting text sees the text where the last frame drew it.
    const bool selecting = article_selection_input(ctx, text_view(origin, size, view.scroll, hovered, ctx.dpr));

    // [Scrolling] a link (or another panel) moved the article: follow it.
    if (ctx.state.article_paragraph != view.known_paragraph) {
        if (auto index = pack.paragraph_index(ctx.state.article_paragraph)) {
            view.target = std::min(paragraph_scroll(*index), max_scroll(size.y));
            if (ctx.reduced_motion || view.known_paragraph.empty()) view.scroll = view.target;
        }
        view.known_paragraph = ctx.state.article_paragraph;
    }
    // A new selection made by the reader: bring its first mention into view.
    if (ctx.selection_changed_by_user && !ctx.state.selection.empty()) {
        for (const MentionRef& ref : cache.mentions) {
            if (pack.entities[ref.entity].id != ctx.state.selection) continue;
            const float top = mention_top(pack, ref);
            if (top < view.target + 20 || top > view.target + size.y - 60)
                view.target = std::clamp(top - size.y * 0.3f, 0.0f, max_scroll(size.y));
            break;
        }
    }
    if (hovered && io.MouseWheel != 0) view.target -= io.MouseWheel * 72;
    if (active && ctx.touch && !view.dragging_scrollbar && !selecting) {
        view.scroll -= io.MouseDelta.y;  // a finger drags the text directly
        view.target = view.scroll;
    }
    if (ctx.keyboard_focus && !io.KeyCtrl && !io.KeyAlt) {
        const float page = std::max(40.0f, size.y - 60);
        auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); };
        if (pressed(ImGuiKey_DownArrow) && !io.KeyShift) view.target += 48;  // Shift+arrows select text
        if (pressed(ImGuiKey_UpArrow) && !io.KeyShift) view.target -= 48;
        if (pressed(ImGuiKey_PageDown) || (pressed(ImGuiKey_Space) && !io.KeyShift)) view.target += page;
        if (pressed(ImGuiKey_PageUp) || (pressed(ImGuiKey_Space) && io.KeyShift)) view.target -= page;
        if (pressed(ImGuiKey_Home)) view.target = 0;
        if (pressed(ImGuiKey_End)) view.target = max_scroll(size.y);
    }
    view.target = std::clamp(view.target, 0.0f, max_scroll(size.y));
    if (ctx.reduced_motion || std::fabs(view.target - view.scroll) < 0.5f) {
        view.scroll = view.target;
    } else {
        view.scroll += (view.target - view.scroll) * std::min(1.0f, io.DeltaTime * 14.0f);
        *ctx.animating = true;
    }
    view.scroll = std::clamp(view.scroll, 0.0f, max_scroll(size.y));
    if (!cache.paragraphs.empty()) {
        const std::string& top = pack.article.paragraphs[top_paragraph(view.target)].id;
        if (top != ctx.state.article_paragraph) {
            ctx.actions.push(SetParagraphAction{top});
            view.known_paragraph = top;
        }
    }

    const float x0 = origin.x + cache.column_x;
    const float y0 = origin.y - std::round(view.scroll * ctx.dpr) / ctx.dpr;
    const ImVec2 mouse = io.MousePos;
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    const ArticleTextView text = text_view(origin, size, view.scroll, hovered, ctx.dpr);
    draw_article_text_marks(ctx, text);

    // Headline and source line.
    for (const LayoutLine& line : cache.headline.lines)
        for (const PlacedRun& run : line.runs)
            draw->AddText(ctx.fonts.serif_bold, font_size(ctx.fonts.serif_bold), ImVec2(x0 + run.x, y0 + kPadding + line.y),
                          theme.text, pack.article.headline.data() + run.begin, pack.article.headline.data() + run.end);
    draw->AddText(ctx.fonts.sans_bold, font_size(ctx.fonts.sans_small), ImVec2(x0, y0 + cache.source_y), theme.text_muted,
                  cache.source_line.c_str());
    if (!pack.article.attribution.empty())
        draw->AddText(ctx.fonts.sans_small, font_size(ctx.fonts.sans_small), ImVec2(x0, y0 + cache.source_y + font_size(ctx.fonts.sans_small) * 1.5f),
                      theme.text_muted, pack.article.attribution.c_str(), nullptr, cache.column_width);
    draw_corrections(ctx, ImVec2(x0, y0 + cache.corrections_y), cache.column_width);

    // Keyboard: Tab / Shift+Tab through mentions, Enter selects.
    const bool tab = ctx.keyboard_focus && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), true) || ctx.focus_entry != 0);
    if (tab) {
        const bool backward = ctx.focus_entry != 0 ? ctx.focus_entry < 0 : io.KeyShift;
        view.focus = step_focus(ctx, ctx.focus_entry != 0 ? -1 : view.focus, static_cast<int>(cache.mentions.size()), backward);
        if (view.focus < 0 && view.hover_set == ctx.state.hover && !view.hover_set.empty()) {
            ctx.actions.push(HoverAction{""});
            view.hover_set.clear();
        }
    }
    if (tab && view.focus >= 0) {
        const MentionRef& ref = cache.mentions[view.focus];
        ctx.actions.push(HoverAction{pack.entities[ref.entity].id});
        view.hover_set = pack.entities[ref.entity].id;
        const float top = mention_top(pack, ref);
        if (top < view.target + 20 || top > view.target + size.y - 60)
            view.target = std::clamp(top - size.y * 0.3f, 0.0f, max_scroll(size.y));
    }
    if (ctx.keyboard_focus && view.focus >= 0 && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))
        ctx.actions.push(SelectAction{pack.entities[cache.mentions[view.focus].entity].id});
    if (!ctx.keyboard_focus) view.focus = -1;

    // Paragraphs.
    int hit_mention = -1;
    bool hit_link = false;
    std::string hit_url;
    ImVec2 card_anchor;
    const ImFont* body = ctx.fonts.serif;
    const float body_size = font_size(body);
    for (std::size_t p = first_paragraph_ending_below(origin.y - y0); p < cache.paragraphs.size(); ++p) {
        const ParagraphCache& para = cache.paragraphs[p];
        const float top = y0 + para.y;
        if (top > origin.y + size.y) break;  // this and every later paragraph is below the view
        for (const LayoutLine& line : para.layout.lines) {
            const float ly = top + line.y;
            const float text_y = ly + (line.height - body_size) * 0.5f - 1;
            for (const PlacedRun& run : line.runs) {
                const float rx = x0 + run.x;
                const bool under_mouse = hovered && mouse.x >= rx && mouse.x < rx + run.width && mouse.y >= ly &&
                                         mouse.y < ly + line.height;
                ImU32 colour = theme.text;
                if (run.tag >= 0 && run.tag < kLinkTag) {
                    const Segment& segment = para.segments[run.tag];
                    // Fills from the outermost mention in: a selected quote is tinted
                    // whole, a hovered name inside it on top.
                    for (auto it = segment.mentions.rbegin(); it != segment.mentions.rend(); ++it) {
                        const MentionRef& ref = cache.mentions[*it];
                        const Entity& entity = pack.entities[ref.entity];
                        const bool focused = *it == view.focus;
                        Emphasis emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, entity.id);
                        if (focused && emphasis < Emphasis::Hovered) emphasis = Emphasis::Hovered;
                        if (ImU32 fill = fill_for(emphasis, theme))
                            draw->AddRectFilled(ImVec2(rx - 1, ly + 2), ImVec2(rx + run.width + 1, ly + line.height - 2),
                                                fill, 3);
                        if (focused)
                            draw->AddRect(ImVec2(rx - 2, ly + 1), ImVec2(rx + run.width + 2, ly + line.height - 1),
                                          theme.focus_ring, 3, 0, 2);
                    }
                    const MentionRef& inner = cache.mentions[segment.mentions.front()];
                    const Entity& inner_entity = pack.entities[inner.entity];
                    const Emphasis inner_emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, inner_entity.id);
                    const float weight = inner_emphasis >= Emphasis::Related ? 1.8f : 1.0f;
                    const ImU32 kind_colour = theme.kind[static_cast<int>(inner_entity.kind)];
                    draw_underline(draw, inner_entity.kind, rx, rx + run.width, ly + line.height - 5, kind_colour, weight);
                    for (int m : segment.mentions) {
                        const Entity& e = pack.entities[cache.mentions[m].entity];
                        if (e.kind != EntityKind::Quote) continue;
                        const Emphasis q = emphasis_of(ctx.state, ctx.selected, ctx.hovered, e.id);
                        draw->AddRectFilled(ImVec2(x0 - 14, ly + 3), ImVec2(x0 - (q >= Emphasis::Related ? 9 : 11), ly + line.height - 3),
                                            theme.kind[static_cast<int>(EntityKind::Quote)]);
                    }
                    if (under_mouse) {
                        hit_mention = segment.mentions.front();
                        card_anchor = ImVec2(rx, ly + line.height);
                    }
                } else if (run.tag == kLinkTag) {
                    colour = theme.accent;
                    draw->AddLine(ImVec2(rx, ly + line.height - 6), ImVec2(rx + run.width, ly + line.height - 6), theme.accent,
                                  under_mouse ? 2.0f : 1.0f);
                    if (under_mouse) hit_link = true, hit_url = para.link_url;
                }
                if (run.style == kBadge) {
                    const float badge_size = font_size(ctx.fonts.sans_small);
                    if (run.width > 8)
                        draw->AddRectFilled(ImVec2(rx + 3, ly + 4), ImVec2(rx + run.width + 2, ly + line.height - 4), theme.panel_alt, 4);
                    draw->AddText(ctx.fonts.sans_small, badge_size, ImVec2(rx, ly + (line.height - badge_size) * 0.5f),
                                  theme.kind[static_cast<int>(EntityKind::Figure)], para.text.data() + run.begin,
                                  para.text.data() + run.end);
                    continue;
                }
                draw->AddText(body, body_size, ImVec2(rx, text_y), colour, para.text.data() + run.begin,
                              para.text.data() + run.end);
            }
        }
        // Where each mention is drawn now (for Explainer.locate), merged per line.
        for (std::size_t s = 0; s < para.segments.size(); ++s)
            for (int m : para.segments[s].mentions)
                for (const LayoutRect& r : tag_rects(para.layout, static_cast<int>(s))) {
                    const float ry = top + r.y;
                    if (ry + r.h < origin.y || ry > origin.y + size.y) continue;
                    const std::string& id = pack.entities[cache.mentions[m].entity].id;
                    LocatedRect rect{id, "article", x0 + r.x, ry, r.w, r.h};
                    auto& located = *ctx.located;
                    if (!located.empty() && located.back().id == id && located.back().panel == "article" &&
                        std::fabs(located.back().y - rect.y) < 0.5f && std::fabs(located.back().x + located.back().w - rect.x) < 0.5f)
                        located.back().w = rect.x + rect.w - located.back().x;
                    else
                        located.push_back(rect);
                }
    }

    if (y0 + cache.sources_y < origin.y + size.y && y0 + cache.height > origin.y) draw_sources_section(ctx, ImVec2(x0, y0 + cache.sources_y), cache.column_width);

    // Scrollbar: thin, on the right; draggable with the mouse.
    const float total = cache.height;
    if (total > size.y + 1) {
        const float track_x = origin.x + size.x - 8;
        const float thumb_h = std::max(32.0f, size.y * size.y / total);
        const float thumb_y = origin.y + (size.y - thumb_h) * (view.scroll / max_scroll(size.y));
        const bool over_thumb = hovered && mouse.x >= track_x - 4 && mouse.y >= thumb_y && mouse.y <= thumb_y + thumb_h;
        if (ImGui::IsItemClicked(0) && over_thumb && !ctx.touch) view.dragging_scrollbar = true;
        if (!active) view.dragging_scrollbar = false;
        if (view.dragging_scrollbar) {
            view.scroll += io.MouseDelta.y * total / size.y;
            view.scroll = std::clamp(view.scroll, 0.0f, max_scroll(size.y));
            view.target = view.scroll;
        }
        draw->AddRectFilled(ImVec2(track_x, thumb_y), ImVec2(track_x + 5, thumb_y + thumb_h),
                            over_thumb || view.dragging_scrollbar ? theme.text_muted : theme.rule, 3);
    }
    draw_article_selection_overlay(ctx, text);
    draw->PopClipRect();

    // Hover, click and the card.
    // Past the threshold even in the frame of the release: a drag never also selects.
    const bool dragged = io.MouseDragMaxDistanceSqr[0] >= 6.0f * 6.0f || view.dragging_scrollbar || selecting;
    if (hit_mention >= 0) {
        const Entity& entity = pack.entities[cache.mentions[hit_mention].entity];
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ctx.state.hover != entity.id) ctx.actions.push(HoverAction{entity.id});
        view.hover_set = entity.id;
        if (ImGui::IsMouseReleased(0) && !dragged && hovered) ctx.actions.push(SelectAction{entity.id});
        draw_entity_card(ctx, entity, card_anchor);
    } else if (view.focus < 0 && !view.hover_set.empty()) {
        // Clear only a hover this panel set: another panel's keyboard focus or pointer
        // owns its own.
        if (ctx.state.hover == view.hover_set) ctx.actions.push(HoverAction{""});
        view.hover_set.clear();
    }
    if (view.focus >= 0 && hit_mention < 0) {
        const MentionRef& ref = cache.mentions[view.focus];
        const float top = y0 + mention_top(pack, ref);
        draw_entity_card(ctx, pack.entities[ref.entity], ImVec2(x0, top + line_height(ctx.fonts, kBody)));
    }
    if (hit_link) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsMouseReleased(0) && !dragged) *ctx.open_url = hit_url;
    }
}

} // namespace explainer::ui
