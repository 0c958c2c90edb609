// Selecting and copying the article's text: a mouse drag selects, a double click a word,
// a triple click a paragraph; on touch a long press selects a word (a drag before the
// finger lifts extends it by words) and shows two handles that drag its ends by words;
// Shift+arrows (Ctrl+Shift by word) extend it from the keyboard, and Shift+click to a
// point. The headline is selectable as the paragraphs are. A small Copy button floats over
// a finished selection. A press that only clicks leaves the entity under it to the article
// panel, as before.
//
// Index
// - [SECTION] State
// - [SECTION] Geometry
// - [SECTION] Pointer
// - [SECTION] Keyboard
// - [SECTION] Drawing (and the Copy button, which quote cards show too)
// - [SECTION] Copying
#include <algorithm>
#include <cassert>
#include <cfloat>
#include <cmath>

#include "article_text.h"
#include "interaction.h"

namespace explainer::ui {

namespace {

// [SECTION] State -----------------------------------------------------------------------

constexpr double kLongPressSeconds = 0.5;
constexpr float kHandleRadius = 8;
constexpr float kHandleReach = 24;       // touch targets around the handles
constexpr float kEdgeScroll = 24;        // dragging this close to the panel's edge scrolls it

using Drag = SelectionDrag;
using SelectionState = ArticleSelectionState;

// The selection state of the app the panel draws for.
SelectionState& state_of(const PanelContext& ctx) {
    assert(ctx.reading && "the app hands the panels its reading state");
    return ctx.reading->selection;
}

bool is_word_drag(Drag d) { return d == Drag::Words || d == Drag::TouchWords; }

// [SECTION] Geometry ----------------------------------------------------------------------

// Article coordinates of a screen point.
ImVec2 to_article(const ArticleTextView& view, ImVec2 screen) { return ImVec2(screen.x - view.x0, screen.y - view.y0); }

// The blocks between `top` and `bottom` (article coordinates): [first, last).
std::pair<std::size_t, std::size_t> blocks_between(const ArticleTextView& view, float top, float bottom) {
    const std::vector<TextBlock>& blocks = *view.blocks;
    const auto first = std::partition_point(blocks.begin(), blocks.end(),
                                            [&](const TextBlock& b) { return b.y + b.layout->height <= top; });
    const auto last = std::partition_point(first, blocks.end(), [&](const TextBlock& b) { return b.y < bottom; });
    return {static_cast<std::size_t>(first - blocks.begin()), static_cast<std::size_t>(last - blocks.begin())};
}

// The caret's line box in article coordinates: x, top, bottom.
struct Caret {
    float x, top, bottom;
};
Caret caret_of(const ArticleTextView& view, TextPoint point) {
    const TextBlock& block = (*view.blocks)[point.paragraph];
    const float x = caret_x(block, point.offset, *view.measure);
    if (block.layout->lines.empty()) return {x, block.y, block.y};
    const LayoutLine& line = block.layout->lines[line_of(*block.layout, point.offset)];
    return {x, block.y + line.y, block.y + line.y + line.height};
}

void reveal(const ArticleTextView& view, float top, float bottom) {
    float& target = *view.scroll_target;
    if (top < target + 20) target = top - 40;
    else if (bottom > target + view.size.y - 20) target = bottom - view.size.y + 40;
    target = std::clamp(target, 0.0f, view.max_scroll);
}

// The Copy button: over the selection's first line, or under its last when that is off
// the top of the panel. Screen coordinates; nothing while there is nothing to copy.
std::optional<LayoutRect> copy_button(const PanelContext& ctx, const ArticleTextView& view) {
    const SelectionState& s = state_of(ctx);
    if (s.selection.empty() || s.drag != Drag::None) return std::nullopt;
    const float w = copy_button_width(ctx.fonts);
    const float h = ctx.touch ? kCopyButtonHeightTouch : kCopyButtonHeight;
    const Caret begin = caret_of(view, s.selection.begin());
    const Caret end = caret_of(view, s.selection.end());
    float x = view.x0 + begin.x, y = view.y0 + begin.top - h - 4;
    if (y < view.origin.y + 4) x = view.x0 + end.x - w, y = view.y0 + end.bottom + (s.handles ? 2 * kHandleRadius + 6 : 4);
    x = std::clamp(x, view.origin.x + 4, view.origin.x + view.size.x - w - 14);
    if (y < view.origin.y || y + h > view.origin.y + view.size.y) return std::nullopt;
    return LayoutRect{x, y, w, h};
}

float distance(ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Where a handle is drawn (screen): under the caret at one end of the selection.
ImVec2 handle_at(const ArticleTextView& view, TextPoint point) {
    const Caret caret = caret_of(view, point);
    return ImVec2(view.x0 + caret.x, view.y0 + caret.bottom + kHandleRadius);
}

// [SECTION] Pointer -------------------------------------------------------------------------

TextPoint point_under(const ArticleTextView& view, ImVec2 screen) {
    const ImVec2 at = to_article(view, screen);
    return point_at(*view.blocks, at.x, at.y, *view.measure);
}

TextSelection word_selection(const ArticleTextView& view, TextPoint point) {
    const ByteRange word = word_at((*view.blocks)[point.paragraph].text, point.offset);
    return {{point.paragraph, word.begin}, {point.paragraph, word.end}};
}

// Extends the drag's selection to the point under the pointer, by the drag's unit.
void extend_to(SelectionState& s, const ArticleTextView& view, ImVec2 mouse) {
    TextSelection& sel = s.selection;
    const TextPoint point = point_under(view, mouse);
    if (s.drag == Drag::Characters) {
        sel.focus = point;
        return;
    }
    TextSelection under = s.unit;
    if (is_word_drag(s.drag)) under = word_selection(view, point);
    else if (s.drag == Drag::Paragraphs) under = {{point.paragraph, 0}, {point.paragraph, (*view.blocks)[point.paragraph].text.size()}};
    // Keep the unit the drag started on whole, growing towards the pointer.
    if (under.begin() < s.unit.begin()) sel = {s.unit.end(), under.begin()};
    else sel = {s.unit.begin(), std::max(under.end(), s.unit.end())};
}

void press(PanelContext& ctx, const ArticleTextView& view, ImVec2 mouse) {
    SelectionState& s = state_of(ctx);
    s.press = mouse;
    s.press_on_copy = false;
    if (const auto button = copy_button(ctx, view); button && inside(*button, mouse)) {
        s.press_on_copy = true;
        return;
    }
    // Shift+click (or Shift+tap) extends the selection to the point pressed, as browsers
    // do, from its far end; dragging on keeps extending it.
    if (ImGui::GetIO().KeyShift && !s.selection.empty() && ctx.click_count <= 1) {
        const TextPoint point = point_under(view, mouse);
        if (point < s.selection.begin()) s.selection.anchor = s.selection.end();
        else if (point > s.selection.end()) s.selection.anchor = s.selection.begin();
        s.selection.focus = point;
        s.drag = Drag::Characters;
        return;
    }
    if (ctx.touch) {
        const bool near_begin = s.handles && distance(mouse, handle_at(view, s.selection.begin())) < kHandleReach;
        const bool near_end = s.handles && distance(mouse, handle_at(view, s.selection.end())) < kHandleReach;
        if (near_begin || near_end) {
            s.drag = Drag::Handle;
            s.moving_begin = near_begin && (!near_end || distance(mouse, handle_at(view, s.selection.begin())) <
                                                             distance(mouse, handle_at(view, s.selection.end())));
        } else {
            s.drag = Drag::TouchPending;
        }
        return;
    }
    const TextPoint point = point_under(view, mouse);
    s.handles = false;
    if (ctx.click_count == 2) {
        s.drag = Drag::Words;
        s.unit = s.selection = word_selection(view, point);
    } else if (ctx.click_count >= 3) {
        s.drag = Drag::Paragraphs;
        s.unit = s.selection = {{point.paragraph, 0}, {point.paragraph, (*view.blocks)[point.paragraph].text.size()}};
    } else {
        s.drag = Drag::Pending;
        s.unit = {point, point};
    }
}

// While the button is down: a pending press becomes a drag once it moves; a finger
// held still becomes a long press.
void hold(PanelContext& ctx, const ArticleTextView& view, ImVec2 mouse) {
    SelectionState& s = state_of(ctx);
    switch (s.drag) {
    case Drag::Pending:
        if (distance(mouse, s.press) < kClickSlop) return;  // a click until it moves past the slop
        s.drag = Drag::Characters;
        s.selection = {s.unit.anchor, s.unit.anchor};
        break;
    case Drag::TouchPending:
        if (distance(mouse, s.press) > kTouchSlop) {
            s.drag = Drag::None;  // the finger scrolls the article
            return;
        }
        *ctx.animating = true;  // no input comes while a finger rests: keep the clock running
        if (ctx.press_held_seconds < kLongPressSeconds) return;
        s.drag = Drag::TouchWords;
        s.unit = s.selection = word_selection(view, point_under(view, s.press));
        s.handles = true;
        return;
    case Drag::TouchWords:
        if (distance(mouse, s.press) < kTouchSlop) return;
        break;
    case Drag::Handle: {
        // A handle takes whole words, as phones' handles do: the word under the finger
        // (just above it: the handle hangs below the line) joins the selection whole.
        const TextPoint point = point_under(view, ImVec2(mouse.x, mouse.y - kHandleRadius * 2));
        const TextPoint fixed = s.moving_begin ? s.selection.end() : s.selection.begin();
        const TextSelection word = word_selection(view, point);
        s.selection = {fixed, point < fixed ? word.begin() : word.end()};
        if (s.selection.empty()) return;
        const Caret c = caret_of(view, point);
        reveal(view, c.top, c.bottom);
        return;
    }
    default: break;
    }
    extend_to(s, view, mouse);
    // Dragging to the panel's edge scrolls the article on.
    if (mouse.y < view.origin.y + kEdgeScroll) *view.scroll_target -= 14;
    if (mouse.y > view.origin.y + view.size.y - kEdgeScroll) *view.scroll_target += 14;
    *view.scroll_target = std::clamp(*view.scroll_target, 0.0f, view.max_scroll);
    *ctx.animating = true;
}

void release(PanelContext& ctx, const ArticleTextView& view, ImVec2 mouse) {
    SelectionState& s = state_of(ctx);
    if (s.press_on_copy) {
        if (const auto button = copy_button(ctx, view); button && inside(*button, mouse)) request_copy(*ctx.reading, article_selection_copy(*ctx.reading, ctx.pack));
    } else if (s.drag == Drag::Pending || s.drag == Drag::TouchPending) {
        s.selection = {};  // a click or a tap clears the selection
        s.handles = false;
    }
    if (s.drag == Drag::Handle && s.selection.empty()) s.handles = false;
    s.drag = Drag::None;
    s.press_on_copy = false;
}

// [SECTION] Keyboard --------------------------------------------------------------------------

void keyboard(PanelContext& ctx, const ArticleTextView& view) {
    const ImGuiIO& io = ImGui::GetIO();
    SelectionState& s = state_of(ctx);
    const auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); };
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        s.selection = {};
        s.handles = false;
    }
    if (!io.KeyShift || view.blocks->empty()) return;
    std::optional<CaretStep> step;
    if (pressed(ImGuiKey_LeftArrow)) step = io.KeyCtrl ? CaretStep::WordLeft : CaretStep::Left;
    if (pressed(ImGuiKey_RightArrow)) step = io.KeyCtrl ? CaretStep::WordRight : CaretStep::Right;
    if (pressed(ImGuiKey_UpArrow)) step = CaretStep::Up;
    if (pressed(ImGuiKey_DownArrow)) step = CaretStep::Down;
    if (!step) return;
    if (s.selection.empty()) {
        // No selection yet: start at the first paragraph in view.
        const float top = view.origin.y - view.y0;
        const TextPoint start{std::min(blocks_between(view, top, top + view.size.y).first, view.blocks->size() - 1), 0};
        s.selection = {start, start};
    }
    s.selection.focus = move_point(*view.blocks, s.selection.focus, *step, *view.measure);
    const Caret c = caret_of(view, s.selection.focus);
    reveal(view, c.top, c.bottom);
}

} // namespace

bool article_selection_input(PanelContext& ctx, const ArticleTextView& view) {
    SelectionState& s = state_of(ctx);
    if (s.pack_revision != ctx.pack_revision) s = SelectionState{}, s.pack_revision = ctx.pack_revision;
    s.blocks = view.blocks;
    if (view.blocks->empty()) return false;
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 mouse = io.MousePos;
    if (io.MouseClicked[0] && view.hovered && mouse.x < view.scrollbar_x) press(ctx, view, mouse);
    if (io.MouseDown[0] && s.drag != Drag::None) hold(ctx, view, mouse);
    // A long press taken while the lift was still on its way (the browser let a frame come
    // first) was a tap after all, when the lift's own time says so: the tap's click follows.
    if (io.MouseReleased[0] && s.drag == Drag::TouchWords && distance(mouse, s.press) < kTouchSlop &&
        ctx.press_held_seconds < kLongPressSeconds)
        s.drag = Drag::TouchPending;
    const bool owns = s.press_on_copy || (s.drag != Drag::None && s.drag != Drag::Pending && s.drag != Drag::TouchPending);
    if (io.MouseReleased[0] && (s.drag != Drag::None || s.press_on_copy)) release(ctx, view, mouse);
    if (ctx.keyboard_focus) keyboard(ctx, view);
    return owns;
}

// [SECTION] Drawing --------------------------------------------------------------------------------

void draw_article_text_marks(PanelContext& ctx, const ArticleTextView& view) {
    const SelectionState& s = state_of(ctx);
    if (view.blocks->empty()) return;
    const auto [first, last] = blocks_between(view, view.band_top, view.band_bottom);
    draw_find_marks(ctx, view, first, last);
    const TextSelection& sel = s.selection;
    if (sel.empty()) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // The reader's own selection, in the colours readers know from browsers.
    const ImU32 fill = ctx.theme.dark ? IM_COL32(0x26, 0x4F, 0x78, 0xFF) : IM_COL32(0xB4, 0xD5, 0xFE, 0xFF);
    const TextPoint begin = sel.begin(), end = sel.end();
    for (std::size_t p = std::max(first, begin.paragraph); p < last && p <= end.paragraph; ++p) {
        const TextBlock& block = (*view.blocks)[p];
        const std::size_t from = p == begin.paragraph ? begin.offset : 0;
        const std::size_t to = p == end.paragraph ? end.offset : block.text.size();
        for (const LayoutRect& r : range_rects(block, from, to, *view.measure))
            draw->AddRectFilled(ImVec2(view.x0 + r.x, view.drawn_y0 + block.y + r.y + 1),
                                ImVec2(view.x0 + r.x + r.w, view.drawn_y0 + block.y + r.y + r.h - 1), fill);
    }
}

void draw_article_selection_overlay(PanelContext& ctx, const ArticleTextView& view) {
    const SelectionState& s = state_of(ctx);
    if (view.blocks->empty() || s.selection.empty()) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    if (s.handles) {
        for (const TextPoint point : {s.selection.begin(), s.selection.end()}) {
            const ImVec2 at = handle_at(view, point);
            draw->AddLine(ImVec2(at.x, at.y - kHandleRadius - 18), ImVec2(at.x, at.y), theme.accent, 2);
            draw->AddCircleFilled(at, kHandleRadius, theme.accent, 20);
        }
    }
    const auto button = copy_button(ctx, view);
    if (!button) return;
    draw_copy_button(ctx, *button, false);
    ctx.located->push_back({"text-selection:copy", "article", button->x, button->y, button->w, button->h});
    for (const TextPoint point : {s.selection.begin(), s.selection.end()}) {
        if (!s.handles) break;
        const ImVec2 at = handle_at(view, point);
        ctx.located->push_back({"text-selection:handle", "article", at.x - kHandleRadius, at.y - kHandleRadius,
                                2 * kHandleRadius, 2 * kHandleRadius});
    }
}

float copy_button_width(const Fonts& fonts) { return text_width(fonts.sans_bold, "Copy") + 20; }

void draw_copy_button(const PanelContext& ctx, const LayoutRect& r, bool focused) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const bool over = inside(r, ImGui::GetIO().MousePos);
    ctx.pointer->area(r.x, r.y, r.x + r.w, r.y + r.h);
    if (over) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 a(snap(r.x, ctx.dpr), snap(r.y, ctx.dpr)), b(a.x + r.w, a.y + r.h);
    draw->AddRectFilled(a, b, over ? theme.accent : theme.panel, 5);
    draw->AddRect(a, b, theme.accent, 5, 0, 1.5f);
    if (focused) draw->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme.focus_ring, 7, 0, 2);
    const float size = font_size(ctx.fonts.sans_bold);
    draw->AddText(ctx.fonts.sans_bold, size, ImVec2(a.x + 10, snap(a.y + (r.h - size) * 0.5f - 1, ctx.dpr)),
                  over ? theme.accent_text : theme.accent, "Copy");
}

// [SECTION] Copying ------------------------------------------------------------------------------------

CopyRequest article_selection_copy(const Reading& reading, const Pack& pack) {
    CopyRequest request;
    request.from = "article";
    const SelectionState& s = reading.selection;
    if (!s.blocks || s.selection.empty() || s.pack_revision == 0) return request;
    request.text = selected_text(*s.blocks, s.selection);
    // The mirror's headline is "mirror-headline", its paragraphs "mirror-<id>" (web/mirror.js).
    const auto mirror = [&](TextPoint point) -> std::optional<CopyRequest::MirrorPoint> {
        if (point.paragraph >= s.blocks->size() || point.paragraph >= block_of_paragraph(pack.article.paragraphs.size()))
            return std::nullopt;
        const std::size_t offset = plain_offset((*s.blocks)[point.paragraph], point.offset);
        if (point.paragraph == kHeadlineBlock) return CopyRequest::MirrorPoint{"headline", offset};
        return CopyRequest::MirrorPoint{pack.article.paragraphs[point.paragraph - block_of_paragraph(0)].id, offset};
    };
    request.mirror_begin = mirror(s.selection.begin());
    request.mirror_end = mirror(s.selection.end());
    return request;
}

CopyRequest quote_copy(const Pack& pack, const Entity& quote) {
    assert(quote.kind == EntityKind::Quote && "quote_copy copies quotes");
    CopyRequest request;
    request.from = "quote";
    request.text = quote_for_clipboard(pack, quote);
    request.mirror_element = "mirror-quote-" + quote.id;  // web/mirror.js's figure of the quote
    return request;
}

CopyRequest copy_for_shortcut(const Reading& reading, const Pack& pack, const std::string& selected_entity,
                              bool quotes_have_keyboard) {
    const Entity* entity = pack.find(selected_entity);
    const bool quote = entity && entity->kind == EntityKind::Quote;
    if (!quotes_have_keyboard || !quote) return article_selection_copy(reading, pack);
    return quote_copy(pack, *entity);
}

std::optional<CopyRequest> take_copy_request(Reading& reading) {
    std::optional<CopyRequest> out = std::move(reading.selection.copy);
    reading.selection.copy.reset();
    return out;
}

void request_copy(Reading& reading, CopyRequest request) { reading.selection.copy = std::move(request); }

} // namespace explainer::ui
