// The article panel: the article as well-typeset text in which every annotation can be
// hovered, read and selected.
//
// Index
// - [SECTION] Layout cache
// - [SECTION] Scrolling
// - [SECTION] Drawing mentions
// - [SECTION] Frame steps
// - [SECTION] Panel
#include <algorithm>
#include <cassert>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/date_text.h"
#include "core/geo.h"
#include "core/index_sort.h"
#include "core/number_text.h"
#include "core/text_layout.h"
#include "article_text.h"
#include "interaction.h"
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
    std::vector<std::vector<LayoutRect>> segment_rects;  // each segment's boxes (tag_rects), for locate and scrolling
    float y = 0;                // top, in article coordinates (estimated until the paragraphs above are laid out)
    std::string link_url;
    std::vector<KeptText> run_text;  // each run's glyphs, line by line, as the last frame drew them
    float height = 0;           // the layout's, or until the paragraph is laid out an estimate from its length
};

// Rebuilt only when the pack, the panel's width, the font scale or the atlas changes; a frame then
// walks only the paragraphs in view. The paragraphs are laid out in reading order as far as a
// frame shows them (lay_out_through), so that neither the first frame nor a rebuild costs the
// whole article: those after `laid_out` have estimated heights and no layout yet, and their
// `y`, the notes' and the article's height move as the ones before them are laid out. Anything
// that needs the whole article laid out (find, a text selection, the keyboard) asks for it.
struct ArticleCache {
    std::optional<std::uint64_t> pack_revision;
    std::uint64_t fonts_revision = 0;  // glyph advances change when a font chunk arrives
    float width = -1, dpr = 0;
    float column_x = 0, column_width = 0;
    std::string headline_text;
    ParagraphLayout headline;
    std::string source_line;
    float source_y = 0;
    float attribution_height = 0;
    ArticleNotes notes;                      // corrections and sources (sources_section.cpp): per pack
    float corrections_y = 0, sources_y = 0;  // where the notes go, article coordinates
    std::vector<MentionRef> mentions;  // every mention of every entity, in reading order
    std::vector<ParagraphCache> paragraphs;
    std::size_t laid_out = 0;          // paragraphs [0, laid_out) are laid out, in their final places
    float paragraphs_top = 0;          // the first paragraph's top
    float sources_height = 0;          // the sources section's (0: none)
    std::vector<TextBlock> blocks;     // the headline and the laid-out paragraphs, for selection and find (article_text.h)
    MeasureText measure;
    float height = 0;
};

// What a mention's emphasis (the hover, the selection, the focus) adds under its text:
// drawn after the text and under it (draw_under), so that a hover changes only these and
// the text's vertices stay where they were. An emphasised underline or quote bar is a
// wider one over the plain one, which stays drawn with the text.
struct UnderText {
    enum Shape { kFill, kRing, kUnderline, kQuoteBar, kLinkLine } shape;
    ImVec2 a, b;                          // its box; an underline's ends, at a.y
    ImU32 colour;
    EntityKind kind = EntityKind::Place;  // an underline's
};

// What the band's text drawing depends on (the header, the paragraphs' glyphs with their
// plain underlines and quote bars, the sources section): it is drawn again only when one
// of these changes, and otherwise the renderer draws what it kept (issue 10: a hover wrote
// the band's glyphs again and the renderer compared them with the last frame's, every frame).
struct BandKey {
    std::uint64_t pack_revision = 0, fonts_revision = 0;
    float origin_x = 0, origin_y = 0, width = 0, height = 0, dpr = 0;
    float band_top = 0;
    bool dark = false;
    bool operator==(const BandKey&) const = default;
};

// The band's text, drawn into a list of the panel's own (outside any window) and retained
// by the renderer as one drawing, unless it is too big for one (65,536 vertices): then that
// list is written into the panel's every frame.
struct RetainedBand {
    std::optional<BandKey> key;       // what `drawing` (or the decision that it is too big) was made for
    bool too_big = false;
    std::unique_ptr<ImDrawList> list;  // where it is drawn to be retained
    DrawMark start;                    // where the drawing starts in `list`
    RetainedDrawing drawing;
    RetainedRun run;
};

struct ArticlePanel : PanelState {
    ArticleCache cache;
    void drop_draw_caches() override {
        for (ParagraphCache& para : cache.paragraphs) std::fill(para.run_text.begin(), para.run_text.end(), KeptText{});
        band.key.reset();
    }
    RetainedBand band;
    SmoothScroll scroll;
    bool placed = false;           // the first frame jumped to the state's paragraph
    int last_frame = -1;           // the last frame that drew the panel (a phone's tab may be closed)
    std::string seen_selection, seen_paragraph;  // the state's as that frame drew them
    int focus = -1;                // keyboard focus: index into ArticleCache::mentions
    HoverClaim hover;
    bool dragging_scrollbar = false;
    ImVec2 moved;                  // the scroll past the band's top, by which the renderer moves the article (move_following)
    std::vector<UnderText> under;  // this frame's, kept for its capacity
};

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
    const std::optional<CheckedDistance> distance = checked_distance(pack, figure);
    if (!distance) return {};
    const double km = distance->km;
    char buffer[96];
    // No-break spaces throughout: the badge stays on the line of the figure's last word.
    // The difference in words: how far the article's number is from the computed one.
    const long percent = distance->article_percent;
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
    sort_items(cuts);
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
        sort_items(segment.mentions, [&](int x, int y) { return cache.mentions[x].length < cache.mentions[y].length; });
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

// The places of the paragraphs not laid out yet, of the sources section after them and the
// article's height, from the last laid-out paragraph and the others' heights.
void place_paragraphs_after_laid_out(ArticleCache& cache) {
    float y = cache.paragraphs_top;
    if (cache.laid_out > 0) {
        const ParagraphCache& last = cache.paragraphs[cache.laid_out - 1];
        y = last.y + last.height + kParagraphGap;
    }
    for (std::size_t p = cache.laid_out; p < cache.paragraphs.size(); ++p) {
        cache.paragraphs[p].y = y;
        y += cache.paragraphs[p].height + kParagraphGap;
    }
    cache.sources_y = y + 24;
    if (cache.sources_height > 0) y = cache.sources_y + cache.sources_height;
    cache.height = y + kPadding;
}

void rebuild_cache(const PanelContext& ctx, ArticleCache& cache, float panel_width) {
    const Pack& pack = ctx.pack;
    ArticleNotes notes = cache.pack_revision == ctx.pack_revision ? std::move(cache.notes) : article_notes(pack);
    cache = ArticleCache{};
    cache.notes = std::move(notes);
    cache.pack_revision = ctx.pack_revision;
    cache.fonts_revision = ctx.fonts_revision;
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
    sort_items(cache.mentions, [&](const MentionRef& a, const MentionRef& b) {
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
    cache.headline_text = pack.article.headline;
    const std::string& headline = cache.headline_text;
    cache.headline = layout_paragraph(headline, {{0, headline.size(), kHeadline, -1}}, cache.column_width, measure_fn,
                                      height_fn);
    // The headline is text a reader selects, copies and finds like the paragraphs.
    assert(cache.blocks.size() == kHeadlineBlock && "the headline is the first block");
    cache.blocks.push_back(TextBlock{headline, &cache.headline, y, {}});
    y += cache.headline.height + 8;
    cache.source_line = pack.article.source;
    if (!pack.article.published.iso.empty()) cache.source_line += "  \xC2\xB7  " + describe_span(pack.article.published);
    cache.source_y = y;
    y += font_size(ctx.fonts.sans_small) * 1.5f;
    if (!pack.article.attribution.empty()) {
        cache.attribution_height = text_size(ctx.fonts.sans_small, pack.article.attribution, cache.column_width).y;
        y += cache.attribution_height + font_size(ctx.fonts.sans_small) * 0.5f;
    }
    cache.corrections_y = y;
    if (const float h = corrections_height(ctx, cache.notes, cache.column_width); h > 0) y += h + 8;
    y += 18;

    cache.paragraphs.resize(pack.article.paragraphs.size());
    cache.blocks.reserve(1 + cache.paragraphs.size());
    cache.paragraphs_top = y;
    cache.sources_height = sources_section_height(ctx, cache.notes, cache.column_width);
    // Until it is laid out, a paragraph is as tall as its characters at the average width
    // fill lines of the column: close enough for the scrollbar, which is all it sizes.
    const float chars_per_line = std::max(1.0f, cache.column_width / average_char);
    for (std::size_t p = 0; p < cache.paragraphs.size(); ++p) {
        const std::string& text = pack.article.paragraphs[p].text;
        const auto chars = std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
        cache.paragraphs[p].height = std::ceil(static_cast<float>(chars) / chars_per_line) * line_height(ctx.fonts, kBody);
    }
    place_paragraphs_after_laid_out(cache);
}

// Lays out the paragraphs, in reading order, through paragraph `index` and every one whose
// top is above `bottom` (article coordinates); counts them in ctx.paragraph_layouts.
void lay_out_through(const PanelContext& ctx, ArticleCache& cache, std::size_t index, float bottom) {
    const std::size_t before = cache.laid_out;
    std::vector<StyledRun> runs;
    const std::function<float(int)> height_fn = [&](int style) { return line_height(ctx.fonts, style); };
    while (cache.laid_out < cache.paragraphs.size() && (cache.laid_out <= index || cache.paragraphs[cache.laid_out].y < bottom)) {
        const std::size_t p = cache.laid_out;
        build_paragraph(cache, ctx.pack, p, runs);
        ParagraphCache& para = cache.paragraphs[p];
        para.layout = layout_paragraph(para.text, runs, cache.column_width, cache.measure, height_fn);
        for (std::size_t s = 0; s < para.segments.size(); ++s)
            para.segment_rects.push_back(tag_rects(para.layout, static_cast<int>(s)));
        std::size_t run_count = 0;
        for (const LayoutLine& line : para.layout.lines) run_count += line.runs.size();
        para.run_text.resize(run_count);
        para.height = para.layout.height;
        assert(cache.blocks.size() == block_of_paragraph(p) && "paragraph blocks follow the headline, in reading order");
        TextBlock& block = cache.blocks.emplace_back(TextBlock{para.text, &para.layout, para.y, {}});
        for (const StyledRun& run : runs)
            if (run.style == kBadge) block.ornaments.push_back({run.begin, run.end});
        ++cache.laid_out;
        if (cache.laid_out < cache.paragraphs.size()) cache.paragraphs[cache.laid_out].y = para.y + para.height + kParagraphGap;
    }
    if (cache.laid_out == before) return;
    if (ctx.paragraph_layouts) *ctx.paragraph_layouts += cache.laid_out - before;
    place_paragraphs_after_laid_out(cache);
}

void lay_out_all(const PanelContext& ctx, ArticleCache& cache) { lay_out_through(ctx, cache, cache.paragraphs.size(), FLT_MAX); }

// [SECTION] Scrolling -------------------------------------------------------------------------

float max_scroll(const ArticleCache& cache, float view_height) { return std::max(0.0f, cache.height - view_height); }

// Where the view should scroll for a paragraph to be at its top.
float paragraph_scroll(const ArticleCache& cache, std::size_t index) {
    return index == 0 ? 0.0f : cache.paragraphs[index].y - kParagraphGap;
}

// The first paragraph whose bottom is below `y` (article coordinates), or the number of
// paragraphs; a binary search, since paragraphs are laid out top to bottom.
std::size_t first_paragraph_ending_below(const ArticleCache& cache, float y) {
    const auto it = std::partition_point(cache.paragraphs.begin(), cache.paragraphs.end(),
                                         [&](const ParagraphCache& para) { return para.y + para.height <= y; });
    return static_cast<std::size_t>(it - cache.paragraphs.begin());
}

std::size_t top_paragraph(const ArticleCache& cache, float scroll) {
    const std::size_t p = first_paragraph_ending_below(cache, scroll + 4);
    if (p < cache.paragraphs.size()) return p;
    return cache.paragraphs.empty() ? 0 : cache.paragraphs.size() - 1;
}

// The first line of a mention, in article coordinates (its paragraph laid out first).
float mention_top(const PanelContext& ctx, ArticleCache& cache, const MentionRef& ref) {
    const Pack& pack = ctx.pack;
    const Mention& mention = pack.entities[ref.entity].mentions[ref.mention];
    lay_out_through(ctx, cache, mention.paragraph_index, 0);
    const ParagraphCache& para = cache.paragraphs[mention.paragraph_index];
    for (std::size_t s = 0; s < para.segments.size(); ++s)
        for (int m : para.segments[s].mentions)
            if (&pack.entities[cache.mentions[m].entity].mentions[cache.mentions[m].mention] == &mention) {
                const std::vector<LayoutRect>& rects = para.segment_rects[s];
                if (!rects.empty()) return para.y + rects.front().y;
            }
    return para.y;
}

// Where the article's text is on screen at its scroll position, and where the panel
// draws it, for selection and find. The panel draws the part of the article from the
// scroll grown down to a grid of cells a quarter of its height (the band), with the
// band's top at its own top, and the renderer moves it up by the rest of the scroll
// (issue 10: a scroll frame uploaded the whole article again, every vertex moved; now
// its vertices stay the same until the view crosses a cell's edge).
ArticleTextView text_view(ArticlePanel& p, ImVec2 origin, ImVec2 size, bool hovered, float dpr) {
    ArticleTextView out;
    out.blocks = &p.cache.blocks;
    out.measure = &p.cache.measure;
    out.origin = origin;
    out.size = size;
    out.x0 = origin.x + p.cache.column_x;
    const float scrolled = snap(p.scroll.scroll, dpr);  // on the device-pixel grid, so the text stays crisp
    const float cell = std::max(1.0f, std::floor(size.y / 4));
    out.band_top = std::floor(scrolled / cell) * cell;
    out.band_bottom = out.band_top + size.y + cell;
    out.y0 = origin.y - scrolled;
    out.drawn_y0 = origin.y - out.band_top;
    out.hovered = hovered;
    out.scroll_target = &p.scroll.target;
    out.max_scroll = max_scroll(p.cache, size.y);
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

// [SECTION] Frame steps ------------------------------------------------------------------------

// The panel's place this frame.
struct ArticleFrame {
    ImVec2 origin, size;
    float x0 = 0, y0 = 0;          // the column's left edge and the article's top as drawn (text_view's drawn_y0), canvas px
    float moved = 0;               // what the renderer moves the drawing by: on screen, y is y + moved
    float band_top = 0, band_bottom = 0;  // the part of the article drawn, article coordinates
    bool hovered = false, active = false;
    bool selecting = false;        // the pointer or the keyboard is selecting text
    ImVec2 mouse;                  // on screen
    std::vector<UnderText>* under = nullptr;  // what draw_line leaves to draw under the text
    ImDrawList* text = nullptr;    // where the band's text is drawn this frame: the band's own list, or none
                                   // (null: what the band's list holds is drawn again as it is)
};

// What the pointer is over after drawing the paragraphs.
struct ArticleHit {
    int mention = -1;              // index into ArticleCache::mentions
    ImVec2 card_anchor;            // the mention's bottom left
    float card_height = 0;         // its line's height
    const std::string* url = nullptr;  // a paragraph's link
};

// Lays out what a view of the article from `top` shows and a screen more (the smooth
// scroll's way there, the band drawn past the view's bottom). The scroll range is then
// right wherever the view goes: the laid-out part reaches past the view's bottom, or is
// the whole article.
void lay_out_view(const PanelContext& ctx, ArticleCache& cache, float top, float view_height) {
    lay_out_through(ctx, cache, 0, top + 2 * view_height);
}

// Whether a mention's first line at `top` (article coordinates) is well inside the view the
// scroll target shows.
bool in_view(const ArticlePanel& p, float top, float view_height) {
    return top >= p.scroll.target + 20 && top <= p.scroll.target + view_height - 60;
}

void bring_mention_into_view(const PanelContext& ctx, ArticlePanel& p, const MentionRef& ref, float view_height) {
    const float top = mention_top(ctx, p.cache, ref);
    lay_out_view(ctx, p.cache, top, view_height);
    if (!in_view(p, top, view_height)) p.scroll.target = std::clamp(top - view_height * 0.3f, 0.0f, max_scroll(p.cache, view_height));
}

// A new selection by the reader: its first mention comes into view, unless one is in view
// already (the one the reader clicked, say), which stays where it is.
void bring_selection_into_view(const PanelContext& ctx, ArticlePanel& p, float view_height) {
    const MentionRef* first = nullptr;
    for (const MentionRef& ref : p.cache.mentions) {
        const Entity& entity = ctx.pack.entities[ref.entity];
        if (entity.id != ctx.state.selection) continue;
        if (!first) first = &ref;
        // Only a laid-out paragraph can be in view: the others are not laid out for this.
        if (entity.mentions[ref.mention].paragraph_index < p.cache.laid_out && in_view(p, mention_top(ctx, p.cache, ref), view_height))
            return;
    }
    if (first) bring_mention_into_view(ctx, p, *first, view_height);
}

// What the scroll shows and is on its way to, laid out. When the scroll range grew or shrank
// with it, a scroll that was at the end stays there (the End key), and none goes past it.
void lay_out_scrolled_view(const PanelContext& ctx, ArticlePanel& p, float view_height) {
    const float max_before = max_scroll(p.cache, view_height);
    const bool at_end = p.scroll.target >= max_before - 0.5f && max_before > 0;
    lay_out_view(ctx, p.cache, std::max(p.scroll.scroll, p.scroll.target), view_height);
    const float max = max_scroll(p.cache, view_height);
    if (max == max_before) return;
    if (at_end) p.scroll.target = max;
    p.scroll.target = std::min(p.scroll.target, max);
    p.scroll.scroll = std::min(p.scroll.scroll, max);
}

// Whether the scroll target shows the state's paragraph as its link asks: at the view's top,
// or, for a paragraph too near the end to scroll there (in a short article, any but the
// first), with the view scrolled as far as it goes. A link to such a paragraph then stays
// the link, rather than turning into one to whichever paragraph ends up at the top.
bool target_shows_state_paragraph(const PanelContext& ctx, const ArticlePanel& p, float view_height) {
    const ArticleCache& cache = p.cache;
    if (cache.paragraphs.empty()) return false;
    const std::size_t top = top_paragraph(cache, p.scroll.target);
    if (ctx.pack.article.paragraphs[top].id == ctx.state.article_paragraph) return true;
    const std::optional<std::size_t> index = ctx.pack.paragraph_index(ctx.state.article_paragraph);
    if (!index || *index < top || *index >= cache.laid_out) return false;
    const float max = max_scroll(cache, view_height);
    return paragraph_scroll(cache, *index) > max && p.scroll.target >= max - 0.5f;
}

// The scroll follows the state's paragraph when it is not the one the panel's own
// target shows (a link, the history or another panel moved the article), and a new
// selection by the reader brings its first mention into view. On a phone the article is
// a tab of its own: when it appears again, a selection made while it was hidden (in the
// timeline's tab) is brought into view too, as the map does, unless a link moved the
// article meanwhile.
void follow_state(const PanelContext& ctx, ArticlePanel& p, float view_height) {
    const int frame = ImGui::GetFrameCount();
    const bool appearing_again = ctx.narrow && p.last_frame >= 0 && frame > p.last_frame + 1;
    const bool missed = appearing_again && ctx.state.selection != p.seen_selection && ctx.state.article_paragraph == p.seen_paragraph;
    p.last_frame = frame;
    ArticleCache& cache = p.cache;
    lay_out_scrolled_view(ctx, p, view_height);  // which paragraph the view shows, from where it really is
    const bool shown = target_shows_state_paragraph(ctx, p, view_height);
    if (!shown || !p.placed)
        if (auto index = ctx.pack.paragraph_index(ctx.state.article_paragraph)) {
            lay_out_through(ctx, cache, *index, 0);
            lay_out_view(ctx, cache, paragraph_scroll(cache, *index), view_height);
            p.scroll.target = std::min(paragraph_scroll(cache, *index), max_scroll(cache, view_height));
            if (ctx.reduced_motion || !p.placed) p.scroll.jump(p.scroll.target);
        }
    p.placed = true;
    if ((ctx.selection_changed_by_user || missed) && !ctx.state.selection.empty()) bring_selection_into_view(ctx, p, view_height);
    p.seen_selection = ctx.state.selection;
    p.seen_paragraph = ctx.state.article_paragraph;
}

// Wheel, finger and keys move the scroll.
void scroll_input(PanelContext& ctx, ArticlePanel& p, const ArticleFrame& f) {
    const ImGuiIO& io = ImGui::GetIO();
    const float max = max_scroll(p.cache, f.size.y);
    if (f.hovered && io.MouseWheel != 0) p.scroll.target -= io.MouseWheel * kWheelScrollPx;
    if (f.active && ctx.touch && !p.dragging_scrollbar && !f.selecting) p.scroll.jump(p.scroll.scroll - io.MouseDelta.y);  // a finger drags the text
    scroll_by_keys(ctx, p.scroll, std::max(40.0f, f.size.y - 60), max, true);
    p.scroll.step(ctx, max);
}

// Find's matches (counted in the whole article, drawn and jumped to wherever they are), a
// text selection (copied whole, extended by keys past the view) and Shift with the keyboard
// (which extends one) need every paragraph laid out; a press that may still be a click
// does not.
bool needs_whole_article(const PanelContext& ctx) {
    const Reading& reading = *ctx.reading;
    const bool finding = reading.find.pack_revision == ctx.pack_revision && !reading.find.results.match_begins.empty();
    const SelectionDrag drag = reading.selection.drag;
    const bool selecting = !reading.selection.selection.empty() ||
                           (drag != SelectionDrag::None && drag != SelectionDrag::Pending && drag != SelectionDrag::TouchPending);
    return finding || selecting || (ctx.keyboard_focus && ImGui::GetIO().KeyShift);
}

// The paragraph at the top of the scroll target goes into the state, after everything
// that moves the target this frame (wheel, keys, Tab, a find match, a selection handle),
// so that follow_state never mistakes the panel's own move for a link's.
void report_top_paragraph(PanelContext& ctx, const ArticlePanel& p, float view_height) {
    if (p.cache.paragraphs.empty() || target_shows_state_paragraph(ctx, p, view_height)) return;
    const std::string& top = ctx.pack.article.paragraphs[top_paragraph(p.cache, p.scroll.target)].id;
    if (top != ctx.state.article_paragraph) ctx.actions.push(SetParagraphAction{top});
}

// Tab / Shift+Tab through mentions (hovering each), Enter selects.
void keyboard_focus(PanelContext& ctx, ArticlePanel& p, float view_height) {
    const ArticleCache& cache = p.cache;
    bool stepped = false;
    p.focus = tab_focus(ctx, p.focus, static_cast<int>(cache.mentions.size()), &stepped);
    if (stepped && p.focus < 0 && p.hover.id == ctx.state.hover) p.hover.release(ctx);
    if (stepped && p.focus >= 0) {
        const MentionRef& ref = cache.mentions[p.focus];
        p.hover.claim(ctx, ctx.pack.entities[ref.entity].id);
        bring_mention_into_view(ctx, p, ref, view_height);
    }
    if (ctx.keyboard_focus && p.focus >= 0 && key_pressed(ImGuiKey_Enter, false))
        ctx.actions.push(SelectAction{ctx.pack.entities[cache.mentions[p.focus].entity].id});
    if (!ctx.keyboard_focus) p.focus = -1;
}

void draw_header(const PanelContext& ctx, const ArticleCache& cache, const ArticleFrame& f) {
    ImDrawList* draw = f.text;
    const Article& article = ctx.pack.article;
    const float small = font_size(ctx.fonts.sans_small);
    if (draw)
        for (const LayoutLine& line : cache.headline.lines)
            for (const PlacedRun& run : line.runs)
                if (const std::string_view text = drawn_text(cache.headline_text, run); !text.empty())
                    draw->AddText(ctx.fonts.serif_bold, font_size(ctx.fonts.serif_bold), ImVec2(f.x0 + run.x, f.y0 + kPadding + line.y),
                                  ctx.theme.text, text.data(), text.data() + text.size());
    const float headline_top = f.y0 + f.moved + kPadding;  // on screen
    if (headline_top + cache.headline.height > f.origin.y)
        ctx.located->push_back({"article:headline", "article", f.x0, headline_top, cache.column_width, cache.headline.height});
    if (draw) {
        add_text(draw, ctx.fonts.sans_bold, small, ImVec2(f.x0, f.y0 + cache.source_y), ctx.theme.text_muted, cache.source_line);
        if (!article.attribution.empty())
            add_text(draw, ctx.fonts.sans_small, small, ImVec2(f.x0, f.y0 + cache.source_y + small * 1.5f), ctx.theme.text_muted,
                     article.attribution, cache.column_width);
    }
    draw_corrections(ctx, cache.notes, ImVec2(f.x0, f.y0 + cache.corrections_y), cache.column_width, f.moved, draw);
}

// A run inside mentions: fills from the outermost mention in (a selected quote is
// tinted whole, a hovered name inside it on top), the innermost's underline, a quote's
// margin bar; what emphasis adds goes into `under`, the rest into `draw` (the band's text
// drawing; null when the renderer draws the one it kept).
void draw_mention_run(const PanelContext& ctx, const ArticlePanel& p, const Segment& segment, float rx, float ly, float width,
                      float height, float x0, ImDrawList* draw, std::vector<UnderText>& under) {
    const Theme& theme = ctx.theme;
    const Pack& pack = ctx.pack;
    for (auto it = segment.mentions.rbegin(); it != segment.mentions.rend(); ++it) {
        const Entity& entity = pack.entities[p.cache.mentions[*it].entity];
        const bool focused = *it == p.focus;
        Emphasis emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, entity.id, p.cache.mentions[*it].entity);
        if (focused && emphasis < Emphasis::Hovered) emphasis = Emphasis::Hovered;
        if (ImU32 fill = fill_for(emphasis, theme))
            under.push_back({UnderText::kFill, ImVec2(rx - 1, ly + 2), ImVec2(rx + width + 1, ly + height - 2), fill});
        if (focused)
            under.push_back({UnderText::kRing, ImVec2(rx - 2, ly + 1), ImVec2(rx + width + 2, ly + height - 1), theme.focus_ring});
    }
    const std::size_t inner_index = p.cache.mentions[segment.mentions.front()].entity;
    const Entity& inner = pack.entities[inner_index];
    const ImU32 underline = theme.kind[static_cast<int>(inner.kind)];
    if (draw) draw_underline(draw, inner.kind, rx, rx + width, ly + height - 5, underline, 1.0f);
    if (emphasis_of(ctx.state, ctx.selected, ctx.hovered, inner.id, inner_index) >= Emphasis::Related)
        under.push_back({UnderText::kUnderline, ImVec2(rx, ly + height - 5), ImVec2(rx + width, ly + height - 5), underline, inner.kind});
    const ImU32 bar = theme.kind[static_cast<int>(EntityKind::Quote)];
    for (int m : segment.mentions) {
        const std::size_t index = p.cache.mentions[m].entity;
        const Entity& e = pack.entities[index];
        if (e.kind != EntityKind::Quote) continue;
        if (draw) draw->AddRectFilled(ImVec2(x0 - 14, ly + 3), ImVec2(x0 - 11, ly + height - 3), bar);
        if (emphasis_of(ctx.state, ctx.selected, ctx.hovered, e.id, index) >= Emphasis::Related)
            under.push_back({UnderText::kQuoteBar, ImVec2(x0 - 14, ly + 3), ImVec2(x0 - 9, ly + height - 3), bar});
    }
}

void draw_under_text(ImDrawList* draw, const std::vector<UnderText>& under) {
    for (const UnderText& u : under) switch (u.shape) {
        case UnderText::kFill: draw->AddRectFilled(u.a, u.b, u.colour, 3); break;
        case UnderText::kRing: draw->AddRect(u.a, u.b, u.colour, 3, 0, 2); break;
        case UnderText::kUnderline: draw_underline(draw, u.kind, u.a.x, u.b.x, u.a.y, u.colour, 1.8f); break;
        case UnderText::kQuoteBar: draw->AddRectFilled(u.a, u.b, u.colour); break;
        case UnderText::kLinkLine: draw->AddLine(u.a, u.b, u.colour, 2.0f); break;
        }
}

// One line of a paragraph: its runs, with what the pointer is over. The text goes into
// f.text (none when the renderer draws the band it kept), a hover's emphasis into f.under.
void draw_line(const PanelContext& ctx, const ArticlePanel& p, const ArticleFrame& f, const ParagraphCache& para,
               const LayoutLine& line, float ly, KeptText* run_text, ArticleHit& hit) {
    ImDrawList* draw = f.text;
    const Theme& theme = ctx.theme;
    const float body_size = font_size(ctx.fonts.serif);
    const float text_y = ly + (line.height - body_size) * 0.5f - 1;
    const float screen_y = ly + f.moved, mouse_y = f.mouse.y - f.moved;  // the line on screen, the pointer as drawn
    const bool on_screen = screen_y + line.height > f.origin.y && screen_y < f.origin.y + f.size.y;
    for (const PlacedRun& run : line.runs) {
        KeptText& kept = *run_text++;
        const float rx = f.x0 + run.x;
        const bool under_mouse = f.hovered && f.mouse.x >= rx && f.mouse.x < rx + run.width && mouse_y >= ly &&
                                 mouse_y < ly + line.height;
        if (run.tag >= 0 && on_screen) ctx.pointer->area(rx, screen_y, rx + run.width, screen_y + line.height);  // a mention or a link
        ImU32 colour = theme.text;
        if (run.tag >= 0 && run.tag < kLinkTag) {
            const Segment& segment = para.segments[run.tag];
            draw_mention_run(ctx, p, segment, rx, ly, run.width, line.height, f.x0, draw, *f.under);
            if (under_mouse) hit.mention = segment.mentions.front(), hit.card_anchor = ImVec2(rx, screen_y + line.height), hit.card_height = line.height;
        } else if (run.tag == kLinkTag) {
            colour = theme.accent;
            const ImVec2 a(rx, ly + line.height - 6), b(rx + run.width, ly + line.height - 6);
            if (draw) draw->AddLine(a, b, theme.accent, 1.0f);
            if (under_mouse) {
                hit.url = &para.link_url;
                f.under->push_back({UnderText::kLinkLine, a, b, theme.accent});
            }
        }
        if (!draw) continue;
        if (run.style == kBadge) {
            const float badge_size = font_size(ctx.fonts.sans_small);
            if (run.width > 8)
                draw->AddRectFilled(ImVec2(rx + 3, ly + 4), ImVec2(rx + run.width + 2, ly + line.height - 4), theme.panel_alt, 4);
            add_kept_text(draw, kept, ctx.fonts.sans_small, badge_size, ImVec2(rx, ly + (line.height - badge_size) * 0.5f),
                          theme.kind[static_cast<int>(EntityKind::Figure)], para.text.data() + run.begin, para.text.data() + run.end);
            continue;
        }
        const std::string_view text = drawn_text(para.text, run);
        add_kept_text(draw, kept, ctx.fonts.serif, body_size, ImVec2(rx, text_y), colour, text.data(), text.data() + text.size());
    }
}

// Where each mention of a paragraph is on screen now (for Explainer.locate), merged per
// line; `top` is the paragraph's top on screen.
void locate_mentions(const PanelContext& ctx, const ArticleCache& cache, const ArticleFrame& f, const ParagraphCache& para,
                     float top) {
    LocatedList& located = *ctx.located;
    for (std::size_t s = 0; s < para.segments.size(); ++s)
        for (int m : para.segments[s].mentions)
            for (const LayoutRect& r : para.segment_rects[s]) {
                const float ry = top + r.y;
                if (ry + r.h < f.origin.y || ry > f.origin.y + f.size.y) continue;
                const std::string& id = ctx.pack.entities[cache.mentions[m].entity].id;
                const LocatedRect rect{id, "article", f.x0 + r.x, ry, r.w, r.h};
                LocatedRect* last = located.last_pushed();
                if (last && last->id == id && last->panel == "article" && std::fabs(last->y - rect.y) < 0.5f &&
                    std::fabs(last->x + last->w - rect.x) < 0.5f)
                    last->w = rect.x + rect.w - last->x;
                else
                    located.push_back(rect);
            }
}

// The paragraphs in the band; returns what the pointer is over.
ArticleHit draw_paragraphs(const PanelContext& ctx, ArticlePanel& p, const ArticleFrame& f) {
    ArticleHit hit;
    ArticleCache& cache = p.cache;
    for (std::size_t i = first_paragraph_ending_below(cache, f.band_top); i < cache.paragraphs.size(); ++i) {
        ParagraphCache& para = cache.paragraphs[i];
        if (para.y > f.band_bottom) break;  // this and every later paragraph is below the band
        assert(i < cache.laid_out && "the paragraphs in the band are laid out before it is drawn (lay_out_view)");
        const float top = f.y0 + para.y;
        KeptText* run_text = para.run_text.data();
        for (const LayoutLine& line : para.layout.lines) {
            draw_line(ctx, p, f, para, line, top + line.y, run_text, hit);
            run_text += line.runs.size();
        }
        locate_mentions(ctx, cache, f, para, top + f.moved);
    }
    return hit;
}

// Where the band's text is drawn this frame (ArticleFrame::text): into the band's own list
// when what it depends on changed, to be retained after (finish_band_text); nowhere when
// the renderer draws the band it kept. `cull` is begin_moved_drawing's box, so that the band
// leaves out what the panel's list would.
ImDrawList* band_text_target(const PanelContext& ctx, RetainedBand& band, const ArticleFrame& f, const ImDrawList* panel,
                             ImVec4 cull) {
    const BandKey key{ctx.pack_revision, ctx.fonts_revision, f.origin.x, f.origin.y, f.size.x, f.size.y, ctx.dpr, f.band_top,
                      ctx.theme.dark};
    if (band.key == key) return nullptr;
    band.key = key;
    ImDrawList& list = own_draw_list(band.list, panel->Flags);
    list.PushClipRect(ImVec2(cull.x, cull.y), ImVec2(cull.z, cull.w), false);
    band.start = draw_mark(&list);
    return &list;
}

// The band's text in the panel's list: the drawing the renderer keeps, made from the band's
// list when it was drawn this frame; or, when it did not fit one drawing (65,536 vertices,
// a tall screen full of dotted underlines), the band's list written into the panel's.
void finish_band_text(RetainedBand& band, const ImDrawList* drawn, ImDrawList* panel) {
    if (drawn) {
        band.too_big = drawn->CmdBuffer.Size > band.start.commands;
        if (!band.too_big) {
            retain_drawing(drawn, band.start, band.drawing);
            band.run = {&band.drawing, 0, band.drawing.kept.indices.size()};
        }
    }
    if (band.too_big) append_drawing(panel, band.list.get());
    else draw_retained(panel, &band.run);
}

// Thin, on the right; the mouse drags it.
void scrollbar(const PanelContext& ctx, ArticlePanel& p, const ArticleFrame& f) {
    const float total = p.cache.height;
    if (total <= f.size.y + 1) return;
    const float max = max_scroll(p.cache, f.size.y);
    const float track_x = f.origin.x + f.size.x - 8;
    const float thumb_h = std::max(32.0f, f.size.y * f.size.y / total);
    const float thumb_y = f.origin.y + (f.size.y - thumb_h) * (p.scroll.scroll / max);
    const bool over_thumb = f.hovered && f.mouse.x >= track_x - 4 && f.mouse.y >= thumb_y && f.mouse.y <= thumb_y + thumb_h;
    ctx.pointer->area(track_x - 4, thumb_y, f.origin.x + f.size.x, thumb_y + thumb_h + 1);
    if (ImGui::IsItemClicked(0) && over_thumb && !ctx.touch) p.dragging_scrollbar = true;
    if (!f.active) p.dragging_scrollbar = false;
    if (p.dragging_scrollbar) p.scroll.jump(std::clamp(p.scroll.scroll + ImGui::GetIO().MouseDelta.y * total / f.size.y, 0.0f, max));
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(track_x, thumb_y), ImVec2(track_x + 5, thumb_y + thumb_h),
                                              over_thumb || p.dragging_scrollbar ? ctx.theme.text_muted : ctx.theme.rule, 3);
}

// Hover, click and the card; a link opens on click.
void pointer_result(PanelContext& ctx, ArticlePanel& p, const ArticleFrame& f, const ArticleHit& hit) {
    // Past the slop even in the frame of the release: a drag never also selects.
    const bool dragged = ImGui::GetIO().MouseDragMaxDistanceSqr[0] >= kClickSlop * kClickSlop || p.dragging_scrollbar ||
                         f.selecting;
    const Pack& pack = ctx.pack;
    if (hit.mention >= 0) {
        const Entity& entity = pack.entities[p.cache.mentions[hit.mention].entity];
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        p.hover.claim(ctx, entity.id);
        if (ImGui::IsMouseReleased(0) && !dragged && f.hovered) ctx.actions.push(SelectAction{entity.id});
        draw_entity_card(ctx, entity, hit.card_anchor, hit.card_height);
    } else if (p.focus < 0) {
        p.hover.release(ctx);
    }
    if (p.focus >= 0 && hit.mention < 0) {
        const MentionRef& ref = p.cache.mentions[p.focus];
        const float top = f.y0 + f.moved + mention_top(ctx, p.cache, ref);
        draw_entity_card(ctx, pack.entities[ref.entity], ImVec2(f.x0, top + line_height(ctx.fonts, kBody)), line_height(ctx.fonts, kBody));
    }
    if (hit.url) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsMouseReleased(0) && !dragged) *ctx.open_url = *hit.url;
    }
}

// The cache for this pack, fonts and width, laid out as far as the frame needs.
void prepare_cache(const PanelContext& ctx, ArticlePanel& p, float width) {
    if (p.cache.pack_revision != ctx.pack_revision || p.cache.fonts_revision != ctx.fonts_revision || p.cache.width != width ||
        p.cache.dpr != ctx.dpr)
        rebuild_cache(ctx, p.cache, width);
    if (needs_whole_article(ctx)) lay_out_all(ctx, p.cache);
}

} // namespace

// [SECTION] Panel ----------------------------------------------------------------------------------

std::unique_ptr<PanelState> make_article_panel() { return std::make_unique<ArticlePanel>(); }

// A phone's article, while another tab is open, follows a new selection as its map does
// (follow_selection_unseen): the first mention comes into view at once, and the paragraph
// then at the top goes to the store, so that a link made then opens the article where the
// page shows it when its tab is opened. The link kept the paragraph before, and opened the
// article there, without the selection.
void follow_article_unseen(PanelContext& ctx, PanelState& state, ImVec2 size) {
    ArticlePanel& p = static_cast<ArticlePanel&>(state);
    if (!ctx.selection_changed_by_user || ctx.state.selection.empty() || size.x < 1 || size.y < 1) return;
    prepare_cache(ctx, p, size.x);
    follow_state(ctx, p, size.y);
    p.scroll.jump(p.scroll.target);  // nobody sees it scroll
    report_top_paragraph(ctx, p, size.y);
}

void draw_article_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size) {
    ArticlePanel& p = static_cast<ArticlePanel&>(state);
    prepare_cache(ctx, p, size.x);
    // The whole panel is one interactive item, so ImGui tracks hover and drags for it.
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##article", size);
    ArticleFrame f;
    f.origin = origin, f.size = size;
    f.hovered = ImGui::IsItemHovered();
    f.active = ImGui::IsItemActive();
    f.mouse = ImGui::GetIO().MousePos;
    ctx.pointer->region(origin, size);
    // Selecting text sees the text where the last frame drew it.
    f.selecting = article_selection_input(ctx, text_view(p, origin, size, f.hovered, ctx.dpr));

    follow_state(ctx, p, size.y);
    scroll_input(ctx, p, f);
    lay_out_scrolled_view(ctx, p, size.y);
    const ArticleTextView text = text_view(p, origin, size, f.hovered, ctx.dpr);
    f.x0 = text.x0, f.y0 = text.drawn_y0;
    f.moved = text.y0 - text.drawn_y0;
    f.band_top = text.band_top, f.band_bottom = text.band_bottom;
    p.moved = ImVec2(0, f.moved);
    p.under.clear();
    f.under = &p.under;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    const ImVec4 cull(origin.x, f.y0 + f.band_top, origin.x + size.x, f.y0 + f.band_bottom);
    const int moved_from = begin_moved_drawing(draw, &p.moved, cull);
    draw_article_text_marks(ctx, text);
    const int text_from = next_command(draw);
    f.text = band_text_target(ctx, p.band, f, draw, cull);
    draw_header(ctx, p.cache, f);
    keyboard_focus(ctx, p, size.y);
    const ArticleHit hit = draw_paragraphs(ctx, p, f);
    if (p.cache.sources_y < f.band_bottom && p.cache.height > f.band_top)
        draw_sources_section(ctx, p.cache.notes, ImVec2(f.x0, f.y0 + p.cache.sources_y), p.cache.column_width, f.moved, f.text);
    finish_band_text(p.band, f.text, draw);
    const int under_from = next_command(draw);
    draw_under_text(draw, p.under);
    draw_under(draw, text_from, under_from);
    end_moved_drawing(draw, moved_from);
    scrollbar(ctx, p, f);
    draw_article_selection_overlay(ctx, text);
    draw->PopClipRect();
    pointer_result(ctx, p, f, hit);
    report_top_paragraph(ctx, p, size.y);
}

} // namespace explainer::ui
