#include "drawing.h"

#include <algorithm>
#include <cassert>
#include <cfloat>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/bidi.h"
#include "core/scripts.h"
#include "core/text_layout.h"
#include "deferred_glyphs.h"

namespace explainer::ui {

namespace {

constexpr float kDash = 3.5f, kDashPeriod = 6.0f;

// Dashes kDash px long, one every kDashPeriod px along [from, to) (the last one cut at `to`)
// as filled rectangles: four vertices each, no path to stroke, all reserved at once. A
// panel draws thousands of them a frame (every approximate date's outline).
template <class RectOf>
void dashes(ImDrawList* draw, float from, float to, ImU32 colour, RectOf&& rect_of) {
    if ((colour & IM_COL32_A_MASK) == 0 || !(to > from)) return;
    const int count = static_cast<int>(std::ceil((to - from) / kDashPeriod));
    draw->PrimReserve(6 * count, 4 * count);
    for (int i = 0; i < count; ++i) {
        const float at = from + static_cast<float>(i) * kDashPeriod;
        const auto [a, b] = rect_of(at, std::min(at + kDash, to));
        draw->PrimRect(a, b, colour);
    }
}

// What `from` got since `mark`, in one command, with its indices counted from 0.
void copy_since(const ImDrawList* from, const DrawMark& mark, KeptDrawing& to) {
    to.vertices.assign(from->VtxBuffer.Data + mark.vertices, from->VtxBuffer.Data + from->VtxBuffer.Size);
    to.indices.resize(static_cast<std::size_t>(from->IdxBuffer.Size - mark.indices));
    for (std::size_t k = 0; k < to.indices.size(); ++k)
        to.indices[k] = static_cast<ImDrawIdx>(from->IdxBuffer.Data[mark.indices + static_cast<int>(k)] - mark.first_index);
}

} // namespace

// Centred half a pixel in, where ImDrawList::AddLine puts a line through pixel centres.
void dashed_hline(ImDrawList* draw, float x0, float x1, float y, ImU32 colour, float thickness) {
    const float y0 = y + 0.5f - thickness * 0.5f;
    dashes(draw, x0, x1, colour, [&](float a, float b) { return std::pair{ImVec2(a, y0), ImVec2(b, y0 + thickness)}; });
}

void dashed_vline(ImDrawList* draw, float x, float y0, float y1, ImU32 colour, float thickness) {
    const float x0 = x + 0.5f - thickness * 0.5f;
    dashes(draw, y0, y1, colour, [&](float a, float b) { return std::pair{ImVec2(x0, a), ImVec2(x0 + thickness, b)}; });
}

void dashed_circle(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour, float thickness) {
    constexpr int kDashes = 8;
    constexpr float kPi = 3.14159265f;
    for (int i = 0; i < kDashes; ++i) {
        const float a0 = (i * 2.0f) * kPi / kDashes, a1 = a0 + kPi / kDashes * 1.1f;
        draw->PathArcTo(centre, radius, a0, a1, 4);
        draw->PathStroke(colour, ImDrawFlags_None, thickness);
    }
}

bool keep_drawing(ImDrawList* draw, const DrawMark& mark, KeptDrawing& kept, ImVec2 offset) {
    const bool one_command = draw->CmdBuffer.Size == mark.commands;
    if (one_command) copy_since(draw, mark, kept);
    for (int k = mark.vertices; k < draw->VtxBuffer.Size; ++k) {
        ImVec2& pos = draw->VtxBuffer.Data[k].pos;
        pos.x += offset.x, pos.y += offset.y;
    }
    return one_command;
}

void replay_drawing(ImDrawList* draw, const KeptDrawing& kept, ImVec2 offset) {
    const int vertices = static_cast<int>(kept.vertices.size()), indices = static_cast<int>(kept.indices.size());
    if (vertices == 0) return;
    draw->PrimReserve(indices, vertices);
    const ImDrawIdx base = static_cast<ImDrawIdx>(draw->_VtxCurrentIdx);
    ImDrawVert* vertex = draw->_VtxWritePtr;
    for (const ImDrawVert& v : kept.vertices) {
        *vertex = v;
        vertex->pos.x += offset.x, vertex->pos.y += offset.y;
        ++vertex;
    }
    ImDrawIdx* index = draw->_IdxWritePtr;
    for (const ImDrawIdx i : kept.indices) *index++ = static_cast<ImDrawIdx>(base + i);
    draw->_VtxWritePtr = vertex, draw->_IdxWritePtr = index;
    draw->_VtxCurrentIdx += static_cast<unsigned>(vertices);
}

void move_following(ImDrawList* draw, const ImVec2* offset) {
    draw->AddCallback(move_following_callback, const_cast<ImVec2*>(offset));
}

void move_following_callback(const ImDrawList*, const ImDrawCmd*) {}

ImDrawList& own_draw_list(std::unique_ptr<ImDrawList>& list, ImDrawListFlags flags) {
    if (!list) list = std::make_unique<ImDrawList>(nullptr);
    list->_Data = ImGui::GetDrawListSharedData();
    list->_ResetForNewFrame();
    list->Flags = flags;
    list->PushTextureID(ImGui::GetIO().Fonts->TexID);
    return *list;
}

void retain_drawing(const ImDrawList* from, const DrawMark& mark, RetainedDrawing& into) {
    assert(from->CmdBuffer.Size == mark.commands && "a retained drawing is one command");
    static std::uint64_t last_revision = 0;
    copy_since(from, mark, into.kept);
    into.revision = ++last_revision;
}

void draw_retained(ImDrawList* draw, const RetainedRun* run) {
    if (run->count > 0) draw->AddCallback(draw_retained_callback, const_cast<RetainedRun*>(run));
}

void draw_retained_callback(const ImDrawList*, const ImDrawCmd*) {}

void rasterize_drawn_glyphs(const ImDrawData& data) {
    for (int n = 0; n < data.CmdListsCount && pending_glyph_count() > 0; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        rasterize_glyphs_used_by({list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size)});
        for (const ImDrawCmd& cmd : list.CmdBuffer)
            if (cmd.UserCallback == draw_retained_callback)
                rasterize_glyphs_used_by(static_cast<const RetainedRun*>(cmd.UserCallbackData)->drawing->kept.vertices);
    }
}

bool draws_texels_in(const ImDrawData& data, ImVec4 uv_box) {
    const auto inside = [&](const ImDrawVert& v) {
        return v.uv.x >= uv_box.x && v.uv.x <= uv_box.z && v.uv.y >= uv_box.y && v.uv.y <= uv_box.w;
    };
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback == draw_retained_callback) {
                const RetainedRun& run = *static_cast<const RetainedRun*>(cmd.UserCallbackData);
                const KeptDrawing& kept = run.drawing->kept;
                for (std::size_t i = run.first; i < run.first + run.count; ++i)
                    if (inside(kept.vertices[kept.indices[i]])) return true;
            } else if (!cmd.UserCallback) {
                for (unsigned i = 0; i < cmd.ElemCount; ++i)
                    if (inside(list.VtxBuffer.Data[cmd.VtxOffset + list.IdxBuffer.Data[cmd.IdxOffset + i]])) return true;
            }
        }
    }
    return false;
}

void append_drawing(ImDrawList* draw, const ImDrawList* from) {
    constexpr unsigned kChunk = 3 * 8192;  // whole triangles, well under 65,536 vertices a reserve
    for (const ImDrawCmd& cmd : from->CmdBuffer)
        for (unsigned done = 0; done < cmd.ElemCount; done += kChunk) {
            const unsigned count = std::min(kChunk, cmd.ElemCount - done);
            draw->PrimReserve(static_cast<int>(count), static_cast<int>(count));
            for (unsigned k = 0; k < count; ++k) {
                const ImDrawVert& v = from->VtxBuffer.Data[cmd.VtxOffset + from->IdxBuffer.Data[cmd.IdxOffset + done + k]];
                draw->PrimWriteIdx(static_cast<ImDrawIdx>(draw->_VtxCurrentIdx));
                draw->PrimWriteVtx(v.pos, v.uv, v.col);
            }
        }
}

int begin_moved_drawing(ImDrawList* draw, const ImVec2* offset, ImVec4 cull) {
    move_following(draw, offset);
    const int first_command = draw->CmdBuffer.Size - 1;
    draw->PushClipRect(ImVec2(cull.x, cull.y), ImVec2(cull.z, cull.w), false);
    return first_command;
}

void end_moved_drawing(ImDrawList* draw, int first_command) {
    draw->PopClipRect();
    const ImVec4 clip = draw->_CmdHeader.ClipRect;
    for (int c = first_command; c < draw->CmdBuffer.Size; ++c) draw->CmdBuffer.Data[c].ClipRect = clip;
    move_following(draw, nullptr);
}

int next_command(ImDrawList* draw) {
    if (draw->CmdBuffer.back().ElemCount > 0) draw->AddDrawCmd();
    return draw->CmdBuffer.Size - 1;
}

void draw_under(ImDrawList* draw, int first, int first_under) {
    ImDrawCmd* commands = draw->CmdBuffer.Data;
    std::rotate(commands + first, commands + first_under, commands + draw->CmdBuffer.Size);
    // The last command is no longer the one whose indices end the buffer: what comes
    // next starts another.
    draw->AddDrawCmd();
}

void add_kept_text(ImDrawList* draw, KeptText& kept, const ImFont* font, float size, ImVec2 pos, ImU32 colour,
                   const char* begin, const char* end) {
    if ((colour & IM_COL32_A_MASK) == 0 || begin == end) return;
    // As ImFont::RenderText: whole px (its IM_FLOOR truncates), and a line wholly above or
    // below the clip is skipped.
    const auto whole = [](float v) { return static_cast<float>(static_cast<int>(v)); };
    const ImVec2 at(whole(pos.x), whole(pos.y));
    const ImVec4& clip = draw->_CmdHeader.ClipRect;
    if (at.y > clip.w || at.y + size < clip.y) return;
    if (kept.font == font && kept.size == size && kept.colour == colour) {
        replay_drawing(draw, kept.glyphs, at);
        return;
    }
    const DrawMark mark = draw_mark(draw);
    font->RenderText(draw, size, ImVec2(0, 0), colour, ImVec4(-FLT_MAX, -FLT_MAX, FLT_MAX, FLT_MAX), begin, end);
    const bool kept_all = keep_drawing(draw, mark, kept.glyphs, at);
    kept.font = kept_all ? font : nullptr, kept.size = size, kept.colour = colour;
}

// [SECTION] Text in either direction ------------------------------------------------------

namespace {

// A text with right-to-left characters as one paragraph of one style, wrapped at `wrap`
// (0: one line, with no margin to align to).
ParagraphLayout lay_out(const ImFont* font, float size, std::string_view text, float wrap) {
    const MeasureText measure = [font, size](int, std::string_view s) {
        return font->CalcTextSizeA(size, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
    };
    const float max_width = wrap > 0 ? wrap : std::numeric_limits<float>::infinity();
    return layout_paragraph(text, {{0, text.size(), 0, -1}}, max_width, measure, [size](int) { return size; });
}

// The layouts of the texts drawn lately, kept: a hover card's wrapped description laid out
// afresh by each frame's measuring and drawing took a third of a hover frame's CPU
// (tools/bench-frames.mjs). Keyed by font, size, wrap and text; forgotten when the fonts
// are built again (forget_kept_layouts), the least recently used first when full.
struct KeptLayout {
    const ImFont* font = nullptr;
    float size = 0, wrap = 0;
    std::string text;
    ParagraphLayout layout;
    std::uint64_t used = 0;
};
constexpr std::size_t kKeptLayouts = 64;  // more than a frame's cards and labels
std::vector<KeptLayout> g_kept_layouts;
std::uint64_t g_layout_uses = 0;

// `text` laid out as the article is: valid until the next call.
const ParagraphLayout& reading_layout(const ImFont* font, float size, std::string_view text, float wrap) {
    ++g_layout_uses;
    for (KeptLayout& kept : g_kept_layouts)
        if (kept.font == font && kept.size == size && kept.wrap == wrap && kept.text == text) {
            kept.used = g_layout_uses;
            return kept.layout;
        }
    if (g_kept_layouts.size() == kKeptLayouts)
        g_kept_layouts.erase(std::min_element(g_kept_layouts.begin(), g_kept_layouts.end(),
                                              [](const KeptLayout& a, const KeptLayout& b) { return a.used < b.used; }));
    g_kept_layouts.push_back({font, size, wrap, std::string(text), lay_out(font, size, text, wrap), g_layout_uses});
    return g_kept_layouts.back().layout;
}

ImVec2 layout_size(const ParagraphLayout& layout) {
    float width = 0;
    for (const LayoutLine& line : layout.lines)
        for (const PlacedRun& run : line.runs) width = std::max(width, run.x + run.width);
    return ImVec2(width, layout.height);
}

void draw_layout(ImDrawList* draw, const ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text,
                 const ParagraphLayout& layout, const ImVec4* clip) {
    for (const LayoutLine& line : layout.lines)
        for (const PlacedRun& run : line.runs) {
            const std::string_view shown = drawn_text(text, run);
            draw->AddText(font, size, ImVec2(pos.x + run.x, pos.y + line.y), colour, shown.data(), shown.data() + shown.size(), 0,
                          clip);
        }
}

// Whether ImGui's wrapping would break `text` inside a word: it breaks after . , ; ! ?
// and " wherever they stand (ImFont::CalcWordWrapPositionA), so "3.5", "U.S." and a comma
// before a closing quotation mark ("we wait,” alone on a quote card's last line, seen in
// a trial) could be cut. Only such a mark with a character after it other than a blank.
bool imgui_breaks_inside_a_word(std::string_view text) {
    constexpr std::string_view kBreaksAfter = ".,;!?\"";
    for (std::size_t i = 0; i + 1 < text.size(); ++i)
        if (kBreaksAfter.find(text[i]) != std::string_view::npos && text[i + 1] != ' ' && text[i + 1] != '\t' && text[i + 1] != '\n')
            return true;
    return false;
}

// Whether ImGui's own text functions draw `text` as a reader expects: not when it holds
// right-to-left text (drawn reordered), nor, wrapped, Chinese or Japanese, whose lines
// break between characters but not before 、。」 (ImGui breaks after spaces and
// punctuation, or anywhere), nor text that ImGui's wrapping would break inside a word.
// The article's layout (layout_paragraph) sets the others.
bool imgui_sets(std::string_view text, float wrap) {
    return !has_right_to_left(text) && !(wrap > 0 && (breaks_between_characters(text) || imgui_breaks_inside_a_word(text)));
}

} // namespace

void forget_kept_layouts() { g_kept_layouts.clear(); }

ImVec2 text_size(const ImFont* font, std::string_view text, float wrap) {
    if (imgui_sets(text, wrap)) return font->CalcTextSizeA(font_size(font), FLT_MAX, wrap, text.data(), text.data() + text.size());
    return layout_size(reading_layout(font, font_size(font), text, wrap));
}

TextSpan text_span(const ImFont* font, std::string_view text, float wrap) {
    if (imgui_sets(text, wrap)) return {0, text_size(font, text, wrap).x};
    float left = FLT_MAX, right = 0;
    for (const LayoutLine& line : reading_layout(font, font_size(font), text, wrap).lines)
        for (const PlacedRun& run : line.runs) {
            left = std::min(left, run.x);
            right = std::max(right, run.x + run.width);
        }
    return left < right ? TextSpan{left, right - left} : TextSpan{};
}

std::string cut_to_width(const ImFont* font, std::string_view text, float width) {
    if (text_width(font, text) <= width) return std::string(text);
    constexpr std::string_view kEllipsis = "\u2026";
    const auto with_ellipsis = [&](std::size_t bytes) {
        std::string_view kept = text.substr(0, bytes);
        while (!kept.empty() && kept.back() == ' ') kept.remove_suffix(1);
        return std::string(kept).append(kEllipsis);
    };
    // The longest whole code points that fit with the ellipsis: a binary search over the
    // code point boundaries (a wider prefix is never narrower).
    std::vector<std::size_t> boundaries;
    for (std::size_t i = 1; i < text.size(); ++i)
        if (!is_utf8_continuation(static_cast<unsigned char>(text[i]))) boundaries.push_back(i);
    std::size_t fits = 0, lo = 0, hi = boundaries.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (text_width(font, with_ellipsis(boundaries[mid])) <= width) fits = boundaries[mid], lo = mid + 1;
        else hi = mid;
    }
    if (fits == 0) return {};
    const std::size_t space = text.substr(0, fits + 1).rfind(' ');
    return with_ellipsis(space != std::string_view::npos && space > 0 ? space : fits);
}

void add_text(ImDrawList* draw, const ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text, float wrap,
              const ImVec4* clip) {
    if (imgui_sets(text, wrap)) {
        draw->AddText(font, size, pos, colour, text.data(), text.data() + text.size(), wrap, clip);
        return;
    }
    draw_layout(draw, font, size, pos, colour, text, reading_layout(font, size, text, wrap), clip);
}

void text_item(std::string_view text, float wrap) {
    if (imgui_sets(text, wrap)) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
        ImGui::PopTextWrapPos();
        return;
    }
    const ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const ParagraphLayout& layout = reading_layout(font, size, text, wrap);
    draw_layout(ImGui::GetWindowDrawList(), font, size, ImGui::GetCursorScreenPos(), ImGui::GetColorU32(ImGuiCol_Text), text,
                layout, nullptr);
    ImGui::Dummy(ImVec2(layout.right_to_left ? wrap : layout_size(layout).x, layout.height));
}

} // namespace explainer::ui
