// Drawing helpers every panel shares: colours, pixel snapping, text measurement and
// dashed strokes. One definition each (they used to be copied into every panel).
#pragma once
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace explainer::ui {

// `colour` with its alpha scaled by `alpha` (0..1).
inline ImU32 with_alpha(ImU32 colour, float alpha) {
    const ImU32 a = static_cast<ImU32>(((colour >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f) + 0.5f);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

// A CSS-pixel coordinate on the device-pixel grid, so 1 px lines and text stay crisp.
inline float snap(float v, float dpr) { return std::round(v * dpr) / dpr; }

// Logical (CSS pixel) size of a font baked at the device-pixel ratio.
inline float font_size(const ImFont* font) { return font->FontSize * ImGui::GetIO().FontGlobalScale; }

// [SECTION] Text in either direction
// Text with right-to-left characters (Hebrew, Arabic) is laid out as the article's
// paragraphs are (text_layout.h): each line in visual order with Arabic's letter forms,
// right-aligned within `wrap` when it reads right to left. Any other text goes to ImGui as
// it is. A panel measures and draws a name, a quotation or a label through these, never
// through ImGui's own text calls, which would draw right-to-left text backwards.

// The layouts of such text are kept from frame to frame; a new font atlas (whose glyphs
// may measure otherwise) forgets them.
void forget_kept_layouts();

// The size of `text` in `font` at its logical size, wrapped at `wrap` CSS px (0: no wrap).
ImVec2 text_size(const ImFont* font, std::string_view text, float wrap = 0);
inline float text_width(const ImFont* font, std::string_view text) { return text_size(font, text).x; }
// Where add_text draws `text` across, from its position's x: right-to-left text wrapped at
// `wrap` is right-aligned, so it starts `left` CSS px in (a located rectangle covers only ink).
struct TextSpan {
    float left = 0, width = 0;
};
TextSpan text_span(const ImFont* font, std::string_view text, float wrap);

// `text` cut to at most `width` CSS px in `font`, "…" where it was cut: after the last whole
// word that fits, or within the first word when not even that fits; "" when nothing of it does.
std::string cut_to_width(const ImFont* font, std::string_view text, float width);

// ImDrawList::AddText for text in either direction.
void add_text(ImDrawList* draw, const ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text,
              float wrap = 0, const ImVec4* clip = nullptr);

// ImGui::TextUnformatted in the current font, colour and window, wrapped at `wrap` CSS px.
void text_item(std::string_view text, float wrap);

// Dashes of 3.5 px every 6 px: approximate dates' outlines, the published date's edges.
void dashed_hline(ImDrawList* draw, float x0, float x1, float y, ImU32 colour, float thickness);
void dashed_vline(ImDrawList* draw, float x, float y0, float y1, ImU32 colour, float thickness);
void dashed_circle(ImDrawList* draw, ImVec2 centre, float radius, ImU32 colour, float thickness);

// Vertices and indices a panel wrote once, kept to be written again, moved (issue 10: a
// frame copies what the last one drew, panned or scrolled, instead of drawing it anew).
// They are made about the origin and moved by the offset whether kept or fresh, so both
// ways write the same floats.
struct KeptDrawing {
    std::vector<ImDrawVert> vertices;  // about the origin
    std::vector<ImDrawIdx> indices;    // from 0
};

// Where `draw` is now: what comes after it is what keep_drawing keeps.
struct DrawMark {
    int vertices = 0, indices = 0, commands = 0;
    unsigned first_index = 0;
};
inline DrawMark draw_mark(const ImDrawList* draw) {
    return {draw->VtxBuffer.Size, draw->IdxBuffer.Size, draw->CmdBuffer.Size, draw->_VtxCurrentIdx};
}

// Moves what `draw` got since `mark` (drawn about the origin) in place by `offset`, and
// keeps it in `kept` when it all went into one command (false: it did not, and a list
// past 64K vertices started another, so it cannot be written again as one).
bool keep_drawing(ImDrawList* draw, const DrawMark& mark, KeptDrawing& kept, ImVec2 offset);
// Writes `kept` into `draw`'s current command again, moved by `offset`.
void replay_drawing(ImDrawList* draw, const KeptDrawing& kept, ImVec2 offset);

// Has the renderer move the vertices of the commands that follow in `draw` by `*offset`
// (null: by nothing) until the next such move or the end of the list: a drawing made
// about the origin and moved as a whole by a pan keeps the same vertices from frame to
// frame, and the renderer uploads none of them again (issue 10: a pan uploaded the whole
// basemap each frame). `*offset` must stay where it is until the frame is drawn.
void move_following(ImDrawList* draw, const ImVec2* offset);
// The draw callback move_following adds: the renderer reads it as that move (and only a
// renderer that does may draw lists that hold it), it does nothing itself.
void move_following_callback(const ImDrawList* list, const ImDrawCmd* command);

// A drawing the renderer keeps in buffers of its own, uploaded only when `revision`
// changes, and draws where draw_retained put it (issue 10: a map layer's 30,000 vertices
// were copied into its draw list and compared with the last upload every frame, though a
// pan or a hover changed none of them). Its indices count from 0, so it holds at most
// 65,536 vertices; it is drawn with the atlas, under the clip rect and the move in force.
struct RetainedDrawing {
    KeptDrawing kept;
    std::uint64_t revision = 0;  // 0: nothing drawn yet; else unique to these contents
};
// Indices [first, first + count) of a retained drawing: what draw_retained draws.
struct RetainedRun {
    const RetainedDrawing* drawing = nullptr;
    std::size_t first = 0, count = 0;
};
// `list` (made the first time) emptied for a drawing to retain: a list of a panel's own,
// outside any window, with `flags` and the font atlas's texture, and no clip rect yet.
ImDrawList& own_draw_list(std::unique_ptr<ImDrawList>& list, ImDrawListFlags flags);
// Makes what `from` got since `mark` (one command, drawn about the origin) `into`'s new
// contents.
void retain_drawing(const ImDrawList* from, const DrawMark& mark, RetainedDrawing& into);
// Has the renderer draw `*run` here (nothing for an empty one); it must stay where it is
// until the frame is drawn.
void draw_retained(ImDrawList* draw, const RetainedRun* run);
// The draw callback draw_retained adds: the renderer reads it as that run.
void draw_retained_callback(const ImDrawList* list, const ImDrawCmd* command);
// Rasterises the font atlas's pending glyphs that `data` draws, in its lists and in the
// retained drawings it draws (deferred_glyphs.h): before the frame is drawn.
void rasterize_drawn_glyphs(const ImDrawData& data);
// Whether `data` draws a triangle with texture coordinates in `uv_box` (x0, y0, x1, y1),
// in its lists or in the runs of retained drawings it draws.
bool draws_texels_in(const ImDrawData& data, ImVec4 uv_box);

// Writes every triangle of `from` into `draw`'s current command, each with vertices of its
// own: no index is shared, so a drawing of any size fits 16-bit indices (ImGui starts a new
// vertex offset as `draw` fills up). For a drawing too big to be retained.
void append_drawing(ImDrawList* draw, const ImDrawList* from);

// Between these two, what is drawn is moved by `*offset` (move_following) and culled on
// the CPU against `cull`, a box in its own unmoved coordinates, not against the clip rect
// in force (ImDrawList::AddText and add_kept_text leave out what lies outside the clip
// rect as they draw): so that what is drawn does not depend on the offset. The renderer
// still clips it all to the clip rect in force at begin_moved_drawing (screen
// coordinates, not moved). Returns the first command end_moved_drawing sets that clip on.
int begin_moved_drawing(ImDrawList* draw, const ImVec2* offset, ImVec4 cull);
void end_moved_drawing(ImDrawList* draw, int first_command);

// Starts a command of its own for what `draw` gets next; returns its index.
int next_command(ImDrawList* draw);
// Has the renderer draw the commands from `first_under` to the end of `draw` before those
// from `first` to `first_under`, which stay before them in the buffers: what changes often
// (a hover's fills) is written after what does not (the text), so that a change moves
// none of the text's vertices and the renderer uploads only it, yet is drawn under it.
void draw_under(ImDrawList* draw, int first, int first_under);

// AddText's glyphs for a text that does not change, kept in `kept` between frames: what
// ImDrawList::AddText draws (the position floored to whole px, nothing for a line wholly
// outside the clip rect), glyphs made once per font, size and colour.
struct KeptText {
    const ImFont* font = nullptr;
    float size = 0;
    ImU32 colour = 0;
    KeptDrawing glyphs;
};
void add_kept_text(ImDrawList* draw, KeptText& kept, const ImFont* font, float size, ImVec2 pos, ImU32 colour,
                   const char* begin, const char* end);

} // namespace explainer::ui
