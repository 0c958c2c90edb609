// The quotes panel: every direct quotation of the article as a card (the words, who
// said them, the speaker's role and affiliations as the pack gives them, where, and
// the paragraph), under a row of speaker chips that filter the list.
//
// Reacts to the linked selection: the selected quote's card is filled, cards of quotes
// linked to the selection or the hover (a speaker, a place, an event they speak of)
// get a stronger outline, the rest dim while something is selected, and a new
// selection made by the reader scrolls the list to the selected (or first linked)
// card. A selected quote that the speaker filter hides brings the filter back to All.
//
// Index
// - [SECTION] Helpers
// - [SECTION] Cards
// - [SECTION] Filter chips
// - [SECTION] Cache
// - [SECTION] Panel
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "panel.h"

namespace explainer::ui {

namespace {

// [SECTION] Helpers ----------------------------------------------------------------------------

constexpr float kPadding = 12;        // around the list and inside cards
constexpr float kCardGap = 10;
constexpr float kAccentBar = 4;       // the quote-coloured bar on a card's left
constexpr float kChipHeight = 28;
constexpr float kChipHeightTouch = 44;
constexpr float kMinCardHeight = 44;  // touch target
constexpr float kWheelStep = 60;

float snap(float v, float dpr) { return std::round(v * dpr) / dpr; }

ImU32 with_alpha(ImU32 colour, float alpha) {
    const unsigned a = static_cast<unsigned>(((colour >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f) + 0.5f);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImVec2 text_size(const ImFont* font, const std::string& text, float wrap = 0) {
    return font->CalcTextSizeA(font_size(font), FLT_MAX, wrap, text.c_str());
}

bool contains_ignoring_case(const std::string& haystack, const std::string& needle) {
    if (needle.empty()) return true;
    auto lower = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
    std::string h(haystack.size(), ' '), n(needle.size(), ' ');
    std::transform(haystack.begin(), haystack.end(), h.begin(), lower);
    std::transform(needle.begin(), needle.end(), n.begin(), lower);
    return h.find(n) != std::string::npos;
}

std::string name_of(const Pack& pack, const std::string& id) {
    const Entity* entity = pack.find(id);
    return entity ? entity->name : std::string();
}

// [SECTION] Cards --------------------------------------------------------------------------------

struct Card {
    std::size_t entity = 0;
    std::string words;         // the quote in typographic quotation marks
    std::string speaker_id, speaker;
    std::string role;          // role, then affiliations the role does not already name
    std::string footer;        // where, and which paragraph
    float y = 0, h = 0;        // in list coordinates
    float words_h = 0, speaker_h = 0, role_h = 0, footer_h = 0;
};

Card make_card(const Pack& pack, std::size_t index) {
    const Entity& quote = pack.entities[index];
    Card card;
    card.entity = index;
    card.words = "\xE2\x80\x9C" + quote.text + "\xE2\x80\x9D";
    const Entity* speaker = pack.find(quote.speaker);
    if (speaker) {
        card.speaker_id = speaker->id;
        card.speaker = speaker->name;  // as the pack writes it, anonymous or not ("A fisherman in Hilo")
        card.role = speaker->role;
        for (const std::string& org : speaker->affiliations) {
            const std::string name = name_of(pack, org);
            if (name.empty() || contains_ignoring_case(card.role, name)) continue;
            card.role += (card.role.empty() ? "" : " \xC2\xB7 ") + name;
        }
    }
    if (!quote.place.empty()) {
        if (const std::string place = name_of(pack, quote.place); !place.empty()) card.footer = "Said in " + place;
    } else if (speaker && !speaker->place.empty()) {
        if (const std::string place = name_of(pack, speaker->place); !place.empty()) card.footer = "Speaker in " + place;
    }
    if (!quote.mentions.empty()) {
        const std::string paragraph = "Paragraph " + std::to_string(quote.mentions.front().paragraph_index + 1);
        card.footer += (card.footer.empty() ? "" : " \xC2\xB7 ") + paragraph;
    }
    return card;
}

// Heights at the given text width; returns the list's total height.
float layout_cards(std::vector<Card>& cards, const Fonts& fonts, float text_width) {
    float y = kPadding;
    for (Card& card : cards) {
        card.words_h = text_size(fonts.serif_italic, card.words, text_width).y;
        card.speaker_h = card.speaker.empty() ? 0 : text_size(fonts.sans_bold, card.speaker, text_width).y;
        card.role_h = card.role.empty() ? 0 : text_size(fonts.sans_small, card.role, text_width).y;
        card.footer_h = card.footer.empty() ? 0 : text_size(fonts.sans_small, card.footer, text_width).y;
        float h = kPadding + card.words_h + 8 + card.speaker_h;
        if (card.role_h > 0) h += 2 + card.role_h;
        if (card.footer_h > 0) h += 6 + card.footer_h;
        h += kPadding;
        card.y = y;
        card.h = std::max(kMinCardHeight, h);
        y += card.h + kCardGap;
    }
    return y - kCardGap + kPadding;
}

// [SECTION] Filter chips -------------------------------------------------------------------------

struct Chip {
    std::string speaker;       // "" = all
    std::string label;
    int count = 0;
    ImVec2 pos, size;
};

// [SECTION] Cache ---------------------------------------------------------------------------------

// What the panel shows depends on the pack, the speaker filter, the panel's place and
// width and the font scale, not on scrolling, hover or selection: it is rebuilt when
// one of those changes, and a frame walks only the chips and cards in view.
struct QuotesCache {
    // Chips and the quote list: per pack.
    std::optional<std::uint64_t> pack_revision;
    std::vector<Chip> chips;          // "All", then each speaker in order of their first quote
    std::vector<std::size_t> quotes;  // entity indices of every quote, in pack order
    // Chip positions: per panel place, width and layout.
    ImVec2 chips_origin{-1, -1};
    float chips_width = -1, chips_dpr = 0;
    bool chips_narrow = false;
    float list_top = 0;
    // The speaker filter: per pack and the state's filter.
    std::string requested_filter;     // the state's filter
    std::string filter;               // what it resolves to ("" when it names nobody quoted)
    // Cards: per filter and text width.
    std::optional<std::string> cards_filter;
    float text_width = -1, cards_dpr = 0;
    std::vector<Card> cards;
    float total = 0;                  // the list's height
};

QuotesCache g_cache;

void build_chips(QuotesCache& cache, const Pack& pack) {
    cache.chips.assign(1, Chip{});
    cache.chips[0].label = "All";
    cache.quotes.clear();
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const Entity& e = pack.entities[i];
        if (e.kind != EntityKind::Quote) continue;
        cache.quotes.push_back(i);
        ++cache.chips[0].count;
        auto it = std::find_if(cache.chips.begin() + 1, cache.chips.end(), [&](const Chip& c) { return c.speaker == e.speaker; });
        if (it == cache.chips.end()) {
            const Entity* speaker = pack.find(e.speaker);
            if (!speaker) continue;
            cache.chips.push_back({speaker->id, speaker->name, 0, {}, {}});
            it = cache.chips.end() - 1;
        }
        ++it->count;
    }
}

void place_chips(QuotesCache& cache, const Fonts& fonts, ImVec2 origin, float width, bool narrow, float dpr) {
    const float chip_h = narrow ? kChipHeightTouch : kChipHeight;
    float chip_x = origin.x + kPadding, chip_y = origin.y + 10;
    const float chip_room = width - 2 * kPadding;
    for (Chip& chip : cache.chips) {
        const std::string count = std::to_string(chip.count);
        const float w = std::min(chip_room, text_size(fonts.sans, chip.label).x + 8 + text_size(fonts.sans_small, count).x + 24);
        if (chip_x > origin.x + kPadding && chip_x + w > origin.x + kPadding + chip_room) {
            chip_x = origin.x + kPadding;
            chip_y += chip_h + 6;
        }
        chip.pos = ImVec2(snap(chip_x, dpr), snap(chip_y, dpr));
        chip.size = ImVec2(snap(w, dpr), chip_h);
        chip_x += w + 6;
    }
    cache.list_top = snap(chip_y + chip_h + 10, dpr);
}

void make_cards(QuotesCache& cache, const Pack& pack, const Fonts& fonts, float text_width) {
    cache.cards.clear();
    for (std::size_t index : cache.quotes)
        if (cache.filter.empty() || pack.entities[index].speaker == cache.filter) cache.cards.push_back(make_card(pack, index));
    cache.total = layout_cards(cache.cards, fonts, text_width);
}

// The first card whose bottom is below `y` (list coordinates), or cards.size().
int first_card_ending_below(const std::vector<Card>& cards, float y) {
    const auto it = std::partition_point(cards.begin(), cards.end(), [&](const Card& card) { return card.y + card.h <= y; });
    return static_cast<int>(it - cards.begin());
}

struct QuotesView {
    float scroll = 0, target = 0;
    bool pressing = false, moved = false, dragging_scrollbar = false;
    ImVec2 press_pos, last_pos;
    float press_scroll = 0;
    int focus = -1;            // keyboard focus: index into the shown cards
    std::string reveal;        // a quote to scroll to once it is in the list
    std::string hover_set;     // the hover id this panel asked for
};

QuotesView g_view;

} // namespace

// [SECTION] Panel ----------------------------------------------------------------------------------

void draw_quotes_panel(PanelContext& ctx, ImVec2 origin, ImVec2 size) {
    const Pack& pack = ctx.pack;
    const Theme& theme = ctx.theme;
    const Fonts& fonts = ctx.fonts;
    QuotesView& view = g_view;
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float dpr = ctx.dpr;
    if (size.x < 40 || size.y < 40) return;

    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##quotes", size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const bool activated = ImGui::IsItemActivated();
    const bool deactivated = ImGui::IsItemDeactivated();
    const bool mouse_valid = ImGui::IsMousePosValid();
    const ImVec2 mouse = io.MousePos;
    const float right = origin.x + size.x;
    const float bottom = origin.y + size.y;

    // [Chips] "All", then each speaker in order of their first quote.
    QuotesCache& cache = g_cache;
    const bool new_pack = cache.pack_revision != ctx.pack_revision;
    if (new_pack) {
        build_chips(cache, pack);
        cache.pack_revision = ctx.pack_revision;
    }
    if (new_pack || cache.chips_origin.x != origin.x || cache.chips_origin.y != origin.y || cache.chips_width != size.x ||
        cache.chips_narrow != ctx.narrow || cache.chips_dpr != dpr) {
        place_chips(cache, fonts, origin, size.x, ctx.narrow, dpr);
        cache.chips_origin = origin, cache.chips_width = size.x, cache.chips_narrow = ctx.narrow, cache.chips_dpr = dpr;
    }
    const std::vector<Chip>& chips = cache.chips;
    const std::vector<std::size_t>& quotes = cache.quotes;
    // A filter naming nobody who is quoted (a stale link) shows everything.
    if (new_pack || cache.requested_filter != ctx.state.quote_speaker_filter) {
        const bool known = std::any_of(chips.begin() + 1, chips.end(),
                                       [&](const Chip& c) { return c.speaker == ctx.state.quote_speaker_filter; });
        cache.filter = known ? ctx.state.quote_speaker_filter : std::string();
        cache.requested_filter = ctx.state.quote_speaker_filter;
    }
    const std::string& filter = cache.filter;
    const float list_top = cache.list_top;
    const float list_h = std::max(0.0f, bottom - list_top);

    // [Cards] the quotes the filter lets through, laid out at the panel's width.
    // The selection (made elsewhere) may be a quote the filter hides: show all again.
    if (ctx.selection_changed_by_user && !ctx.state.selection.empty()) {
        view.reveal.clear();
        const Entity* selected = pack.find(ctx.state.selection);
        if (selected && selected->kind == EntityKind::Quote) {
            view.reveal = selected->id;
            if (!filter.empty() && selected->speaker != filter) ctx.actions.push(SetQuoteFilterAction{""});
        } else {
            // The first card linked to the selection.
            for (std::size_t index : quotes)
                if (ctx.selected.contains(pack.entities[index].id) &&
                    (filter.empty() || pack.entities[index].speaker == filter)) {
                    view.reveal = pack.entities[index].id;
                    break;
                }
        }
    }
    const float card_x = origin.x + kPadding;
    const float card_w = std::max(40.0f, size.x - 2 * kPadding - 6);  // room for the scrollbar
    const float text_x = card_x + kAccentBar + 14;
    const float text_w = std::max(20.0f, card_x + card_w - 14 - text_x);
    if (new_pack || cache.cards_filter != filter || cache.text_width != text_w || cache.cards_dpr != dpr) {
        make_cards(cache, pack, fonts, text_w);
        cache.cards_filter = filter, cache.text_width = text_w, cache.cards_dpr = dpr;
    }
    const std::vector<Card>& cards = cache.cards;
    const float total = cache.total;
    const float max_scroll = std::max(0.0f, total - list_h);

    auto bring_into_view = [&](const Card& card) {
        if (card.y < view.target + 4 || card.y + std::min(card.h, list_h) > view.target + list_h - 4)
            view.target = card.y - kPadding;
    };
    if (!view.reveal.empty()) {
        for (const Card& card : cards)
            if (pack.entities[card.entity].id == view.reveal) {
                bring_into_view(card);
                view.reveal.clear();
                break;
            }
        // Still filtered out this frame: the filter action above lands before the next.
        if (!view.reveal.empty() && filter.empty()) view.reveal.clear();
    }

    // [Input] press, drag (touch scrolls the list), release (a tap or click).
    const float track_x = right - 8;
    const float thumb_h = total > list_h ? std::max(32.0f, list_h * list_h / total) : 0;
    const float thumb_y = list_top + (list_h - thumb_h) * (max_scroll > 0 ? view.scroll / max_scroll : 0);
    if (activated) {
        view.pressing = true;
        view.moved = false;
        view.press_pos = view.last_pos = mouse;
        view.press_scroll = view.scroll;
        view.dragging_scrollbar = !ctx.touch && thumb_h > 0 && mouse.x >= track_x - 4 && mouse.y >= thumb_y &&
                                  mouse.y <= thumb_y + thumb_h;
    }
    if (active && view.pressing && mouse_valid) {
        view.last_pos = mouse;
        if (std::fabs(mouse.x - view.press_pos.x) > 6 || std::fabs(mouse.y - view.press_pos.y) > 6) view.moved = true;
        if (view.dragging_scrollbar && list_h > 0) {
            view.scroll = view.press_scroll + (mouse.y - view.press_pos.y) * total / list_h;
            view.target = view.scroll = std::clamp(view.scroll, 0.0f, max_scroll);
        } else if (ctx.touch && view.moved && view.press_pos.y >= list_top) {
            view.scroll = view.press_scroll - (mouse.y - view.press_pos.y);  // the finger drags the cards
            view.target = view.scroll = std::clamp(view.scroll, 0.0f, max_scroll);
        }
    }
    bool clicked = false;
    if (deactivated && view.pressing) {
        view.pressing = false;
        clicked = !view.moved && !view.dragging_scrollbar && !(ctx.gesture && ctx.gesture->active);
        view.dragging_scrollbar = false;
    }
    if (hovered && io.MouseWheel != 0) view.target -= io.MouseWheel * kWheelStep;

    // [Keyboard] arrows and pages scroll; Tab/Shift+Tab walk the cards; Enter selects.
    if (ctx.keyboard_focus && !io.KeyCtrl && !io.KeyAlt) {
        auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true); };
        const float page = std::max(40.0f, list_h - 40);
        if (pressed(ImGuiKey_DownArrow)) view.target += 48;
        if (pressed(ImGuiKey_UpArrow)) view.target -= 48;
        if (pressed(ImGuiKey_PageDown)) view.target += page;
        if (pressed(ImGuiKey_PageUp)) view.target -= page;
        if (pressed(ImGuiKey_Home)) view.target = 0;
        if (pressed(ImGuiKey_End)) view.target = max_scroll;
        const bool tab = pressed(ImGuiKey_Tab) || ctx.focus_entry != 0;
        const bool backward = ctx.focus_entry != 0 ? ctx.focus_entry < 0 : io.KeyShift;
        if (tab)
            view.focus = step_focus(ctx, ctx.focus_entry != 0 ? -1 : view.focus, static_cast<int>(cards.size()), backward);
        if (tab && view.focus >= 0) {
            const std::string& id = pack.entities[cards[view.focus].entity].id;
            ctx.actions.push(HoverAction{id});
            view.hover_set = id;
            bring_into_view(cards[view.focus]);
        }
        if (view.focus >= 0 && view.focus < static_cast<int>(cards.size()) &&
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))
            ctx.actions.push(SelectAction{pack.entities[cards[view.focus].entity].id});
    }
    if (!ctx.keyboard_focus || view.focus >= static_cast<int>(cards.size())) view.focus = -1;

    view.target = std::clamp(view.target, 0.0f, max_scroll);
    if (ctx.reduced_motion || std::fabs(view.target - view.scroll) < 0.5f) {
        view.scroll = view.target;
    } else {
        view.scroll += (view.target - view.scroll) * std::min(1.0f, io.DeltaTime * 14.0f);
        *ctx.animating = true;
    }
    view.scroll = std::clamp(view.scroll, 0.0f, max_scroll);

    // [Hit test] under the pointer now, and where a click or tap was released.
    auto chip_at = [&](ImVec2 p) {
        for (int i = 0; i < static_cast<int>(chips.size()); ++i)
            if (p.x >= chips[i].pos.x && p.x < chips[i].pos.x + chips[i].size.x && p.y >= chips[i].pos.y &&
                p.y < chips[i].pos.y + chips[i].size.y)
                return i;
        return -1;
    };
    const float list_y0 = list_top - snap(view.scroll, dpr);
    auto card_at = [&](ImVec2 p) {
        if (p.y < list_top || p.y >= bottom || p.x < card_x || p.x >= card_x + card_w) return -1;
        const int i = first_card_ending_below(cards, p.y - list_y0);
        return i < static_cast<int>(cards.size()) && p.y >= list_y0 + cards[i].y ? i : -1;
    };
    const bool pointer_here = hovered && mouse_valid && !(view.pressing && view.moved);
    const int hover_chip = pointer_here ? chip_at(mouse) : -1;
    const int hover_card = pointer_here ? card_at(mouse) : -1;
    if (clicked) {
        if (const int chip = chip_at(view.last_pos); chip >= 0) {
            ctx.actions.push(SetQuoteFilterAction{chips[chip].speaker});
            view.target = 0;
        } else if (const int card = card_at(view.last_pos); card >= 0) {
            ctx.actions.push(SelectAction{pack.entities[cards[card].entity].id});
        }
    }

    // [Draw] chips.
    const bool something_selected = !ctx.state.selection.empty();
    for (int i = 0; i < static_cast<int>(chips.size()); ++i) {
        const Chip& chip = chips[i];
        if (chip.pos.y > bottom) break;  // rows of chips below the panel
        const bool on = chip.speaker == filter;
        const ImVec2 a = chip.pos, b(chip.pos.x + chip.size.x, chip.pos.y + chip.size.y);
        const float r = std::min(14.0f, chip.size.y * 0.5f);
        if (on) draw->AddRectFilled(a, b, theme.accent, r);
        else draw->AddRectFilled(a, b, i == hover_chip ? theme.hover_fill : theme.panel_alt, r);
        // A chip whose speaker is selected, hovered or linked to either is outlined.
        const bool linked = !chip.speaker.empty() && emphasis_of(ctx.state, ctx.selected, ctx.hovered, chip.speaker) != Emphasis::None;
        if (!on) draw->AddRect(a, b, linked ? theme.kind[static_cast<int>(EntityKind::Quote)] : theme.rule, r, 0, linked ? 2.0f : 1.0f);
        const float label_h = font_size(fonts.sans);
        const float ty = snap(a.y + (chip.size.y - label_h) * 0.5f - 1, dpr);
        draw->PushClipRect(a, b, true);
        draw->AddText(fonts.sans, label_h, ImVec2(a.x + 12, ty), on ? theme.accent_text : theme.text, chip.label.c_str());
        const std::string count = std::to_string(chip.count);
        const float count_w = text_size(fonts.sans_small, count).x;
        const float small = font_size(fonts.sans_small);
        draw->AddText(fonts.sans_small, small, ImVec2(b.x - 12 - count_w, snap(a.y + (chip.size.y - small) * 0.5f - 1, dpr)),
                      on ? theme.accent_text : theme.text_muted, count.c_str());
        draw->PopClipRect();
        const std::string id = chip.speaker.empty() ? std::string("quote-filter:all") : "quote-filter:" + chip.speaker;
        ctx.located->push_back({id, "quotes", a.x, a.y, chip.size.x, chip.size.y});
    }
    draw->AddLine(ImVec2(origin.x, list_top - 0.5f), ImVec2(right, list_top - 0.5f), theme.rule);

    // [Draw] cards, clipped to the list.
    draw->PushClipRect(ImVec2(origin.x, list_top), ImVec2(right, bottom), true);
    if (cards.empty()) {
        draw->AddText(fonts.sans, font_size(fonts.sans), ImVec2(card_x, list_top + kPadding), theme.text_muted,
                      quotes.empty() ? "The article has no direct quotations." : "No quotations from this speaker.");
    }
    const ImU32 quote_colour = theme.kind[static_cast<int>(EntityKind::Quote)];
    for (int i = first_card_ending_below(cards, list_top - list_y0 - 1); i < static_cast<int>(cards.size()); ++i) {
        const Card& card = cards[i];
        const float y0 = snap(list_y0 + card.y, dpr), y1 = y0 + snap(card.h, dpr);
        if (y0 > bottom) break;  // this and every later card is below the list
        if (y1 < list_top) continue;
        const Entity& quote = pack.entities[card.entity];
        Emphasis emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, quote.id);
        if ((i == hover_card || i == view.focus) && emphasis < Emphasis::Hovered) emphasis = Emphasis::Hovered;
        const bool dimmed = something_selected && emphasis == Emphasis::None;
        const float ink = dimmed ? 0.6f : 1.0f;
        const ImVec2 a(snap(card_x, dpr), y0), b(snap(card_x + card_w, dpr), y1);

        ImU32 fill = theme.panel_alt;
        if (emphasis == Emphasis::Selected) fill = theme.selection_fill;
        else if (emphasis == Emphasis::Hovered) fill = theme.hover_fill;
        draw->AddRectFilled(a, b, fill, 6);
        if (emphasis == Emphasis::Related || emphasis == Emphasis::Selected) draw->AddRect(a, b, quote_colour, 6, 0, 2);
        else draw->AddRect(a, b, with_alpha(theme.rule, ink), 6);
        const float bar = emphasis >= Emphasis::Related ? kAccentBar + 2 : kAccentBar;
        draw->AddRectFilled(ImVec2(a.x, a.y), ImVec2(a.x + bar, b.y), with_alpha(quote_colour, ink), 6, ImDrawFlags_RoundCornersLeft);
        if (i == view.focus) draw->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme.focus_ring, 8, 0, 2);

        float y = y0 + kPadding;
        draw->AddText(fonts.serif_italic, font_size(fonts.serif_italic), ImVec2(text_x, y), with_alpha(theme.text, ink),
                      card.words.c_str(), nullptr, text_w);
        y += card.words_h + 8;
        if (!card.speaker.empty()) {
            draw->AddText(fonts.sans_bold, font_size(fonts.sans_bold), ImVec2(text_x, y), with_alpha(theme.text, ink),
                          card.speaker.c_str(), nullptr, text_w);
            const float w = std::min(text_w, text_size(fonts.sans_bold, card.speaker, text_w).x);
            if (y + card.speaker_h > list_top && y < bottom)
                ctx.located->push_back({card.speaker_id, "quotes", text_x, std::max(y, list_top), w,
                                        std::min(y + card.speaker_h, bottom) - std::max(y, list_top)});
            y += card.speaker_h;
        }
        if (!card.role.empty()) {
            y += 2;
            draw->AddText(fonts.sans_small, font_size(fonts.sans_small), ImVec2(text_x, y), with_alpha(theme.text_muted, ink),
                          card.role.c_str(), nullptr, text_w);
            y += card.role_h;
        }
        if (!card.footer.empty()) {
            y += 6;
            draw->AddText(fonts.sans_small, font_size(fonts.sans_small), ImVec2(text_x, y), with_alpha(theme.text_muted, ink),
                          card.footer.c_str(), nullptr, text_w);
        }
        const float vy0 = std::max(y0, list_top), vy1 = std::min(y1, bottom);
        if (vy1 > vy0) ctx.located->push_back({quote.id, "quotes", a.x, vy0, b.x - a.x, vy1 - vy0});
    }
    if (thumb_h > 0) {
        const bool over = hovered && mouse_valid && mouse.x >= track_x - 4 && mouse.y >= thumb_y && mouse.y <= thumb_y + thumb_h;
        draw->AddRectFilled(ImVec2(track_x, thumb_y), ImVec2(track_x + 5, thumb_y + thumb_h),
                            over || view.dragging_scrollbar ? theme.text_muted : theme.rule, 3);
    }
    draw->PopClipRect();

    // [Hover] a card hovers its quote, a speaker chip its speaker.
    std::string hover_id;
    if (hover_card >= 0) hover_id = pack.entities[cards[hover_card].entity].id;
    else if (hover_chip > 0) hover_id = chips[hover_chip].speaker;
    if (hover_card >= 0 || hover_chip >= 0) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (!hover_id.empty()) {
        if (ctx.state.hover != hover_id) ctx.actions.push(HoverAction{hover_id});
        view.hover_set = hover_id;
    } else if (view.focus < 0 && !view.hover_set.empty()) {
        if (ctx.state.hover == view.hover_set) ctx.actions.push(HoverAction{""});
        view.hover_set.clear();
    }
}

} // namespace explainer::ui
