// Notes the article panel draws around the article's own text: the corrections under
// the headline ("Corrected 21 November 2015: …") and, after the last paragraph, the
// "Sources and notes" section that lists every source the pack cites once, with the
// entities it supports. Both are blocks of wrapped lines measured once per pack and width.
#include <cfloat>
#include <string>
#include <vector>

#include "core/citations.h"
#include "panel.h"

namespace explainer::ui {

namespace {

ImFont* font_of(const Fonts& fonts, NoteLine::Style style) {
    return style == NoteLine::kHeading || style == NoteLine::kStrong ? fonts.sans_bold : fonts.sans_small;
}

float block_height(const Fonts& fonts, const std::vector<NoteLine>& lines, float width) {
    float h = 0;
    for (const NoteLine& line : lines) {
        ImFont* font = font_of(fonts, line.style);
        h += line.gap_before + text_size(font, line.text, width).y;
    }
    return h;
}

void draw_block(const PanelContext& ctx, const std::vector<NoteLine>& lines, ImVec2 at, float width, float moved,
                const char* locate_id, ImDrawList* draw) {
    float y = at.y;
    for (const NoteLine& line : lines) {
        ImFont* font = font_of(ctx.fonts, line.style);
        y += line.gap_before;
        const ImU32 colour = line.style == NoteLine::kMuted ? ctx.theme.text_muted : ctx.theme.text;
        if (draw) add_text(draw, font, font_size(font), ImVec2(at.x, y), colour, line.text, width);
        y += text_size(font, line.text, width).y;
    }
    // Locatable ("corrections", "sources") so tests and hosts can check what a reader sees.
    if (ctx.located && !lines.empty()) ctx.located->push_back({locate_id, "article", at.x, at.y + moved, width, y - at.y});
}

std::vector<NoteLine> correction_lines(const Pack& pack) {
    std::vector<NoteLine> lines;
    for (const Correction& c : pack.article.corrections)
        lines.push_back({NoteLine::kStrong, describe_correction(c), lines.empty() ? 0.0f : 4.0f});
    return lines;
}

std::vector<NoteLine> source_lines(const Pack& pack) {
    std::vector<NoteLine> lines;
    const std::vector<SourceEntry> sources = collect_sources(pack);
    if (sources.empty()) return lines;
    lines.push_back({NoteLine::kHeading, "Sources and notes", 0});
    lines.push_back({NoteLine::kMuted,
                     "Facts beyond the article’s words, and map coordinates, come from these sources.", 4});
    for (std::size_t i = 0; i < sources.size(); ++i) {
        lines.push_back({NoteLine::kPlain, std::to_string(i + 1) + ". " + describe_citation(sources[i].citation), 10});
        if (!sources[i].citation.url.empty()) lines.push_back({NoteLine::kMuted, sources[i].citation.url, 2});
        std::string supports = "Supports: ";
        for (std::size_t k = 0; k < sources[i].entities.size(); ++k)
            supports += (k ? ", " : "") + pack.entities[sources[i].entities[k]].name;
        lines.push_back({NoteLine::kMuted, supports, 2});
    }
    return lines;
}

} // namespace

ArticleNotes article_notes(const Pack& pack) { return {correction_lines(pack), source_lines(pack)}; }

float corrections_height(const PanelContext& ctx, const ArticleNotes& notes, float width) {
    return block_height(ctx.fonts, notes.corrections, width);
}

void draw_corrections(const PanelContext& ctx, const ArticleNotes& notes, ImVec2 at, float width, float moved, ImDrawList* draw) {
    draw_block(ctx, notes.corrections, at, width, moved, "corrections", draw);
}

float sources_section_height(const PanelContext& ctx, const ArticleNotes& notes, float width) {
    return block_height(ctx.fonts, notes.sources, width);
}

void draw_sources_section(const PanelContext& ctx, const ArticleNotes& notes, ImVec2 at, float width, float moved,
                          ImDrawList* draw) {
    draw_block(ctx, notes.sources, at, width, moved, "sources", draw);
}

} // namespace explainer::ui
