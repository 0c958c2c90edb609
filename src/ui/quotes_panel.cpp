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
// The selected card, and the card under the mouse, show a Copy button in their last row:
// it copies the quotation in curly quotes with its speaker (as Ctrl+C does on the
// selected card). From the keyboard, Tab goes from the selected card to its Copy button.
//
// The chips wrap onto at most kMaxChipRows rows, and onto no more than a third of the
// panel's height holds (one row at least); more speakers than that scroll within those
// rows (wheel or finger over the chips), so the list below always keeps its room.
//
// Index
// - [SECTION] Helpers
// - [SECTION] Cards
// - [SECTION] Filter chips
// - [SECTION] Cache and view state
// - [SECTION] Copy buttons
// - [SECTION] Input
// - [SECTION] Drawing
// - [SECTION] Panel
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "article_text.h"
#include "editing.h"
#include "interaction.h"
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
constexpr int kMaxChipRows = 2;       // more speakers scroll within these rows
// The chips' share of the panel's height at most: at 1280x800 the panel under the map and
// timeline is 170 px tall, and two rows of a dozen speakers' chips left the cards one line
// (a trial's pack of twelve quotes).
constexpr float kMaxChipShare = 1.0f / 3;
constexpr float kChipGap = 6;

bool contains_ignoring_case(const std::string& haystack, const std::string& needle) {
    if (needle.empty()) return true;
    auto lower = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
    std::string h(haystack.size(), ' '), n(needle.size(), ' ');
    std::transform(haystack.begin(), haystack.end(), h.begin(), lower);
    std::transform(needle.begin(), needle.end(), n.begin(), lower);
    return h.find(n) != std::string::npos;
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
            const std::string name = pack.name_of(org);
            if (name.empty() || contains_ignoring_case(card.role, name)) continue;
            card.role += (card.role.empty() ? "" : " \xC2\xB7 ") + name;
        }
    }
    if (!quote.place.empty()) {
        if (const std::string place = pack.name_of(quote.place); !place.empty()) card.footer = "Said in " + place;
    } else if (speaker && !speaker->place.empty()) {
        if (const std::string place = pack.name_of(speaker->place); !place.empty()) card.footer = "Speaker in " + place;
    }
    if (!quote.mentions.empty()) {
        const std::string paragraph = "Paragraph " + std::to_string(quote.mentions.front().paragraph_index + 1);
        card.footer += (card.footer.empty() ? "" : " \xC2\xB7 ") + paragraph;
    }
    return card;
}

// A card's Copy button, right-aligned in its last row (which the footer shares).
struct CopyButton {
    float w = 0, h = 0;
};
CopyButton copy_button_size(const Fonts& fonts, bool touch) {
    return {copy_button_width(fonts), touch ? kCopyButtonHeightTouch : kCopyButtonHeight};
}

// Heights at the given text width; returns the list's total height.
float layout_cards(std::vector<Card>& cards, const Fonts& fonts, float text_width, CopyButton copy) {
    float y = kPadding;
    for (Card& card : cards) {
        card.words_h = text_size(fonts.serif_italic, card.words, text_width).y;
        card.speaker_h = card.speaker.empty() ? 0 : text_size(fonts.sans_bold, card.speaker, text_width).y;
        card.role_h = card.role.empty() ? 0 : text_size(fonts.sans_small, card.role, text_width).y;
        card.footer_h = card.footer.empty() ? 0 : text_size(fonts.sans_small, card.footer, std::max(20.0f, text_width - copy.w - 8)).y;
        float h = kPadding + card.words_h + 8 + card.speaker_h;
        if (card.role_h > 0) h += 2 + card.role_h;
        h += 6 + std::max(card.footer_h, copy.h);  // the last row: the footer, the Copy button
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
    std::string count;         // how many quotes, as drawn
    std::string located_id;    // "quote-filter:all", "quote-filter:<speaker>"
    int quotes = 0;
    ImVec2 pos, size;          // unscrolled, canvas px
};

// [SECTION] Cache and view state -----------------------------------------------------------------

// What the panel shows depends on the pack, the speaker filter, the panel's place and
// width and the font scale, not on scrolling, hover or selection: it is rebuilt when
// one of those changes, and a frame walks only the chips and cards in view.
struct QuotesCache {
    // Chips and the quote list: per pack.
    std::optional<std::uint64_t> pack_revision;
    std::uint64_t fonts_revision = 0; // the font atlas chips and cards were measured with
    std::vector<Chip> chips;          // "All", then each speaker in order of their first quote
    std::vector<std::size_t> quotes;  // entity indices of every quote, in pack order
    // Chip positions: per panel place, width and layout.
    ImVec2 chips_origin{-1, -1};
    float chips_width = -1, chips_height = -1, chips_dpr = 0;
    bool chips_narrow = false;
    float chips_top = 0, chips_bottom = 0;  // the rows shown (at most kMaxChipRows)
    float chips_overflow = 0;               // how far the rows beyond them scroll
    float list_top = 0;
    // The speaker filter: per pack and the state's filter.
    std::string requested_filter;     // the state's filter
    std::string filter;               // what it resolves to ("" when it names nobody quoted)
    // Cards: per filter and text width.
    std::optional<std::string> cards_filter;
    float text_width = -1, cards_dpr = 0;
    bool cards_touch = false;
    CopyButton copy;                  // the cards' Copy button
    std::vector<Card> cards;
    float total = 0;                  // the list's height
};

struct QuotesPanel : PanelState {
    QuotesCache cache;
    SmoothScroll list;                // the cards
    float chip_scroll = 0;            // the chip rows, px
    Press press;
    bool dragging_scrollbar = false;
    float press_scroll = 0, press_chip_scroll = 0;
    int focus = -1;                   // keyboard focus: index into the shown cards
    bool focus_on_copy = false;       // ... on its Copy button (the selected card's)
    std::string reveal;               // a quote to scroll to once it is in the list
    HoverClaim hover;
};

void build_chips(QuotesCache& cache, const Pack& pack) {
    cache.chips.assign(1, Chip{});
    cache.chips[0].label = "All";
    cache.quotes.clear();
    for (std::size_t i = 0; i < pack.entities.size(); ++i) {
        const Entity& e = pack.entities[i];
        if (e.kind != EntityKind::Quote) continue;
        cache.quotes.push_back(i);
        ++cache.chips[0].quotes;
        auto it = std::find_if(cache.chips.begin() + 1, cache.chips.end(), [&](const Chip& c) { return c.speaker == e.speaker; });
        if (it == cache.chips.end()) {
            const Entity* speaker = pack.find(e.speaker);
            if (!speaker) continue;
            Chip chip;
            chip.speaker = speaker->id;
            chip.label = speaker->name;
            cache.chips.push_back(std::move(chip));
            it = cache.chips.end() - 1;
        }
        ++it->quotes;
    }
    for (Chip& chip : cache.chips) {
        chip.count = std::to_string(chip.quotes);
        chip.located_id = chip.speaker.empty() ? std::string("quote-filter:all") : "quote-filter:" + chip.speaker;
    }
}

void place_chips(QuotesCache& cache, const Fonts& fonts, ImVec2 origin, ImVec2 size, bool narrow, float dpr) {
    const float chip_h = narrow ? kChipHeightTouch : kChipHeight;
    float chip_x = origin.x + kPadding, chip_y = origin.y + 10;
    const float chip_room = size.x - 2 * kPadding;
    int rows = 1;
    for (Chip& chip : cache.chips) {
        const float w = std::min(chip_room, text_width(fonts.sans, chip.label) + 8 + text_width(fonts.sans_small, chip.count) + 24);
        if (chip_x > origin.x + kPadding && chip_x + w > origin.x + kPadding + chip_room) {
            chip_x = origin.x + kPadding;
            chip_y += chip_h + kChipGap;
            ++rows;
        }
        chip.pos = ImVec2(snap(chip_x, dpr), snap(chip_y, dpr));
        chip.size = ImVec2(snap(w, dpr), chip_h);
        chip_x += w + kChipGap;
    }
    cache.chips_top = origin.y + 10;
    const int fitting = std::max(1, static_cast<int>((size.y * kMaxChipShare + kChipGap) / (chip_h + kChipGap)));
    const int shown_rows = std::min({rows, kMaxChipRows, fitting});
    cache.chips_bottom = snap(cache.chips_top + shown_rows * chip_h + (shown_rows - 1) * kChipGap, dpr);
    cache.chips_overflow = (rows - shown_rows) * (chip_h + kChipGap);
    cache.list_top = snap(cache.chips_bottom + 10, dpr);
}

void make_cards(QuotesCache& cache, const Pack& pack, const Fonts& fonts, float text_width) {
    cache.cards.clear();
    for (std::size_t index : cache.quotes)
        if (cache.filter.empty() || pack.entities[index].speaker == cache.filter) cache.cards.push_back(make_card(pack, index));
    cache.total = layout_cards(cache.cards, fonts, text_width, cache.copy);
}

// The first card whose bottom is below `y` (list coordinates), or cards.size().
int first_card_ending_below(const std::vector<Card>& cards, float y) {
    const auto it = std::partition_point(cards.begin(), cards.end(), [&](const Card& card) { return card.y + card.h <= y; });
    return static_cast<int>(it - cards.begin());
}

// The panel's geometry this frame.
struct QuotesFrame {
    ImVec2 origin, size;
    float right = 0, bottom = 0;
    float list_top = 0, list_h = 0;
    float card_x = 0, card_w = 0, text_x = 0, text_w = 0;
    float max_scroll = 0;
    float track_x = 0, thumb_h = 0, thumb_y = 0;
    float list_y0 = 0;             // where the list's top is drawn now
    ImVec2 mouse;
    bool hovered = false, mouse_valid = false;
};

// Cards across the panel (room for the scrollbar on the right), their text inset past
// the accent bar.
float card_width(float panel_width) { return std::max(40.0f, panel_width - 2 * kPadding - 6); }
float card_text_inset() { return kAccentBar + 14; }
float card_text_width(float panel_width) { return std::max(20.0f, card_width(panel_width) - 14 - card_text_inset()); }

// Chips, cards and the filter, rebuilt only when what they depend on changed.
void update_cache(const PanelContext& ctx, QuotesCache& cache, ImVec2 origin, ImVec2 size) {
    const bool new_pack = cache.pack_revision != ctx.pack_revision;
    if (new_pack) {
        build_chips(cache, ctx.pack);
        cache.pack_revision = ctx.pack_revision;
    }
    // A new font atlas (a pack's font chunk arrived, or another DPR) measures text anew.
    const bool new_fonts = cache.fonts_revision != ctx.fonts_revision;
    cache.fonts_revision = ctx.fonts_revision;
    if (new_pack || new_fonts || cache.chips_origin.x != origin.x || cache.chips_origin.y != origin.y || cache.chips_width != size.x ||
        cache.chips_height != size.y || cache.chips_narrow != ctx.narrow || cache.chips_dpr != ctx.dpr) {
        place_chips(cache, ctx.fonts, origin, size, ctx.narrow, ctx.dpr);
        cache.chips_origin = origin, cache.chips_width = size.x, cache.chips_height = size.y, cache.chips_narrow = ctx.narrow,
        cache.chips_dpr = ctx.dpr;
    }
    // A filter naming nobody who is quoted (a stale link) shows everything.
    if (new_pack || cache.requested_filter != ctx.state.quote_speaker_filter) {
        const bool known = std::any_of(cache.chips.begin() + 1, cache.chips.end(),
                                       [&](const Chip& c) { return c.speaker == ctx.state.quote_speaker_filter; });
        cache.filter = known ? ctx.state.quote_speaker_filter : std::string();
        cache.requested_filter = ctx.state.quote_speaker_filter;
    }
    const float text_w = card_text_width(size.x);
    const bool touch = ctx.touch || ctx.narrow;
    if (new_pack || new_fonts || cache.cards_filter != cache.filter || cache.text_width != text_w || cache.cards_dpr != ctx.dpr ||
        cache.cards_touch != touch) {
        cache.copy = copy_button_size(ctx.fonts, touch);
        make_cards(cache, ctx.pack, ctx.fonts, text_w);
        cache.cards_filter = cache.filter, cache.text_width = text_w, cache.cards_dpr = ctx.dpr, cache.cards_touch = touch;
    }
}

QuotesFrame frame_geometry(const QuotesCache& cache, ImVec2 origin, ImVec2 size) {
    QuotesFrame f;
    f.origin = origin, f.size = size;
    f.right = origin.x + size.x, f.bottom = origin.y + size.y;
    f.list_top = cache.list_top;
    f.list_h = std::max(0.0f, f.bottom - f.list_top);
    f.card_x = origin.x + kPadding;
    f.card_w = card_width(size.x);
    f.text_x = f.card_x + card_text_inset();
    f.text_w = card_text_width(size.x);
    f.max_scroll = std::max(0.0f, cache.total - f.list_h);
    f.track_x = f.right - 8;
    f.thumb_h = cache.total > f.list_h ? std::max(32.0f, f.list_h * f.list_h / cache.total) : 0;
    return f;
}

void place_thumb(QuotesFrame& f, const QuotesPanel& p) {
    f.thumb_y = f.list_top + (f.list_h - f.thumb_h) * (f.max_scroll > 0 ? p.list.scroll / f.max_scroll : 0);
}

// [SECTION] Copy buttons ---------------------------------------------------------------------------

// The shown card that is selected, or -1.
int selected_card(const PanelContext& ctx, const QuotesPanel& p) {
    const std::vector<Card>& cards = p.cache.cards;
    for (int i = 0; i < static_cast<int>(cards.size()); ++i)
        if (ctx.pack.entities[cards[i].entity].id == ctx.state.selection) return i;
    return -1;
}

// The selected card shows its Copy button, and so does the card under the mouse (a
// finger has no hover: on touch, only the selected card).
bool shows_copy(const PanelContext& ctx, int card, int selected, int hover_card) {
    return card >= 0 && (card == selected || (!ctx.touch && card == hover_card));
}

// Where a card's Copy button is (screen): the right end of its last row, or, while that
// row is scrolled out of the list (a card taller than a small panel), floating at the
// bottom of the card's part in view, as the article's Copy button floats over its text.
LayoutRect copy_button_rect(const QuotesPanel& p, const QuotesFrame& f, const Card& card) {
    const CopyButton size = p.cache.copy;
    const float top = f.list_y0 + card.y, bottom = top + card.h;
    const float y = std::max(std::min(bottom - kPadding + 4, f.bottom - 6) - size.h, std::max(top, f.list_top) + 4);
    return {f.card_x + f.card_w - 10 - size.w, y, size.w, size.h};
}

void copy_quote(const PanelContext& ctx, const Card& card) {
    request_copy(*ctx.reading, quote_copy(ctx.pack, ctx.pack.entities[card.entity]));
}

// [SECTION] Input -------------------------------------------------------------------------------

// The selection (made elsewhere) may be a quote the filter hides: show all again, and
// scroll to it (or to the first card linked to the selection).
void reveal_selection(PanelContext& ctx, QuotesPanel& p) {
    if (!ctx.selection_changed_by_user || ctx.state.selection.empty()) return;
    const Pack& pack = ctx.pack;
    const std::string& filter = p.cache.filter;
    p.reveal.clear();
    const Entity* selected = pack.find(ctx.state.selection);
    if (selected && selected->kind == EntityKind::Quote) {
        p.reveal = selected->id;
        if (!filter.empty() && selected->speaker != filter) ctx.actions.push(SetQuoteFilterAction{""});
        return;
    }
    for (std::size_t index : p.cache.quotes)
        if (ctx.selected.contains(pack.entities[index].id) && (filter.empty() || pack.entities[index].speaker == filter)) {
            p.reveal = pack.entities[index].id;
            return;
        }
}

void bring_into_view(QuotesPanel& p, const QuotesFrame& f, const Card& card) {
    if (card.y < p.list.target + 4 || card.y + std::min(card.h, f.list_h) > p.list.target + f.list_h - 4)
        p.list.target = card.y - kPadding;
}

void scroll_to_reveal(const PanelContext& ctx, QuotesPanel& p, const QuotesFrame& f) {
    if (p.reveal.empty()) return;
    for (const Card& card : p.cache.cards)
        if (ctx.pack.entities[card.entity].id == p.reveal) {
            bring_into_view(p, f, card);
            p.reveal.clear();
            return;
        }
    // Still filtered out this frame: the filter action lands before the next.
    if (p.cache.filter.empty()) p.reveal.clear();
}

// Press, drag (a finger scrolls the list or the chips, the mouse the scrollbar's
// thumb), release; the wheel scrolls what it is over. True when the release is a click.
bool handle_pointer(const PanelContext& ctx, QuotesPanel& p, const QuotesFrame& f) {
    const ImVec2 mouse = f.mouse;
    if (ImGui::IsItemActivated()) {
        p.press.begin(mouse);
        p.press_scroll = p.list.scroll;
        p.press_chip_scroll = p.chip_scroll;
        p.dragging_scrollbar = !ctx.touch && f.thumb_h > 0 && mouse.x >= f.track_x - 4 && mouse.y >= f.thumb_y &&
                               mouse.y <= f.thumb_y + f.thumb_h;
    }
    if (ImGui::IsItemActive() && p.press.pressing && f.mouse_valid) {
        p.press.track(mouse);
        const float dy = mouse.y - p.press.start.y;
        if (p.dragging_scrollbar && f.list_h > 0) {
            p.list.jump(std::clamp(p.press_scroll + dy * p.cache.total / f.list_h, 0.0f, f.max_scroll));
        } else if (ctx.touch && p.press.moved && p.press.start.y >= f.list_top) {
            p.list.jump(std::clamp(p.press_scroll - dy, 0.0f, f.max_scroll));  // the finger drags the cards
        } else if (ctx.touch && p.press.moved) {
            p.chip_scroll = std::clamp(p.press_chip_scroll - dy, 0.0f, p.cache.chips_overflow);
        }
    }
    bool clicked = false;
    if (ImGui::IsItemDeactivated() && p.press.pressing) {
        clicked = p.press.release(ctx) && !p.dragging_scrollbar;
        p.dragging_scrollbar = false;
    }
    const float wheel = ImGui::GetIO().MouseWheel;
    if (f.hovered && wheel != 0) {
        if (f.mouse.y < f.list_top && p.cache.chips_overflow > 0)
            p.chip_scroll = std::clamp(p.chip_scroll - wheel * kWheelScrollPx, 0.0f, p.cache.chips_overflow);
        else
            p.list.target -= wheel * kWheelScrollPx;
    }
    return clicked;
}

// Arrows and pages scroll; Tab/Shift+Tab walk the cards (and the selected card's Copy
// button, right after it); Enter selects, or copies on the Copy button.
void handle_keyboard(PanelContext& ctx, QuotesPanel& p, const QuotesFrame& f) {
    const std::vector<Card>& cards = p.cache.cards;
    const ImGuiIO& io = ImGui::GetIO();
    if (ctx.keyboard_focus && !io.KeyCtrl && !io.KeyAlt) {
        scroll_by_keys(ctx, p.list, std::max(40.0f, f.list_h - 40), f.max_scroll, false);
        // Tab stops: every card, and the selected card's Copy button after it.
        const int selected = selected_card(ctx, p);
        const int stops = static_cast<int>(cards.size()) + (selected >= 0 ? 1 : 0);
        int stop = p.focus < 0 ? -1 : p.focus + ((selected >= 0 && (p.focus > selected || p.focus_on_copy)) ? 1 : 0);
        bool stepped = false;
        stop = tab_focus(ctx, stop, stops, &stepped);
        if (stepped) {
            p.focus_on_copy = selected >= 0 && stop == selected + 1;
            p.focus = stop < 0 ? -1 : stop - ((selected >= 0 && stop > selected) ? 1 : 0);
        }
        if (stepped && p.focus >= 0) {
            p.hover.claim(ctx, ctx.pack.entities[cards[p.focus].entity].id);
            bring_into_view(p, f, cards[p.focus]);
        }
        if (p.focus >= 0 && p.focus < static_cast<int>(cards.size()) && key_pressed(ImGuiKey_Enter, false)) {
            if (p.focus_on_copy) copy_quote(ctx, cards[p.focus]);
            else ctx.actions.push(SelectAction{ctx.pack.entities[cards[p.focus].entity].id});
        }
    }
    if (!ctx.keyboard_focus || p.focus >= static_cast<int>(cards.size())) p.focus = -1;
    if (p.focus < 0 || p.focus != selected_card(ctx, p)) p.focus_on_copy = false;
}

int chip_at(const QuotesPanel& p, ImVec2 at) {
    if (at.y < p.cache.chips_top || at.y >= p.cache.chips_bottom) return -1;
    const ImVec2 unscrolled(at.x, at.y + p.chip_scroll);
    const std::vector<Chip>& chips = p.cache.chips;
    for (int i = 0; i < static_cast<int>(chips.size()); ++i)
        if (unscrolled.x >= chips[i].pos.x && unscrolled.x < chips[i].pos.x + chips[i].size.x && unscrolled.y >= chips[i].pos.y &&
            unscrolled.y < chips[i].pos.y + chips[i].size.y)
            return i;
    return -1;
}

int card_at(const QuotesPanel& p, const QuotesFrame& f, ImVec2 at) {
    if (at.y < f.list_top || at.y >= f.bottom || at.x < f.card_x || at.x >= f.card_x + f.card_w) return -1;
    const std::vector<Card>& cards = p.cache.cards;
    const int i = first_card_ending_below(cards, at.y - f.list_y0);
    return i < static_cast<int>(cards.size()) && at.y >= f.list_y0 + cards[i].y ? i : -1;
}

// A chip filters by its speaker; a card's Copy button copies it; a card selects its quote.
void handle_click(PanelContext& ctx, QuotesPanel& p, const QuotesFrame& f, ImVec2 at) {
    if (const int chip = chip_at(p, at); chip >= 0) {
        ctx.actions.push(SetQuoteFilterAction{p.cache.chips[chip].speaker});
        p.list.target = 0;
    } else if (const int card = card_at(p, f, at); card >= 0) {
        const Card& c = p.cache.cards[card];
        if (shows_copy(ctx, card, selected_card(ctx, p), card) && inside(copy_button_rect(p, f, c), at)) copy_quote(ctx, c);
        else ctx.actions.push(SelectAction{ctx.pack.entities[c.entity].id});
    }
}

// A card hovers its quote, a speaker chip its speaker.
void update_hover(PanelContext& ctx, QuotesPanel& p, int hover_chip, int hover_card) {
    std::string id;
    if (hover_card >= 0) id = ctx.pack.entities[p.cache.cards[hover_card].entity].id;
    else if (hover_chip > 0) id = p.cache.chips[hover_chip].speaker;
    if (hover_card >= 0 || hover_chip >= 0) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (!id.empty()) p.hover.claim(ctx, id);
    else if (p.focus < 0) p.hover.release(ctx);
}

// [SECTION] Drawing -------------------------------------------------------------------------------

void draw_chip(const PanelContext& ctx, const Chip& chip, ImVec2 a, bool on, bool hovered) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const Fonts& fonts = ctx.fonts;
    const ImVec2 b(a.x + chip.size.x, a.y + chip.size.y);
    const float r = std::min(14.0f, chip.size.y * 0.5f);
    if (on) draw->AddRectFilled(a, b, theme.accent, r);
    else draw->AddRectFilled(a, b, hovered ? theme.hover_fill : theme.panel_alt, r);
    // A chip whose speaker is selected, hovered or linked to either is outlined.
    const bool linked = !chip.speaker.empty() && emphasis_of(ctx.state, ctx.selected, ctx.hovered, chip.speaker) != Emphasis::None;
    if (!on) draw->AddRect(a, b, linked ? theme.kind[static_cast<int>(EntityKind::Quote)] : theme.rule, r, 0, linked ? 2.0f : 1.0f);
    const float label_h = font_size(fonts.sans);
    const float ty = snap(a.y + (chip.size.y - label_h) * 0.5f - 1, ctx.dpr);
    // Clipped to the chip glyph by glyph, not by a clip rect of its own: that would be two
    // draw commands, and two GL draws a frame, per chip.
    const ImVec4 clip(a.x, a.y, b.x, b.y);
    add_text(draw, fonts.sans, label_h, ImVec2(a.x + 12, ty), on ? theme.accent_text : theme.text, chip.label, 0, &clip);
    const float count_w = text_width(fonts.sans_small, chip.count);
    const float small = font_size(fonts.sans_small);
    draw->AddText(fonts.sans_small, small, ImVec2(b.x - 12 - count_w, snap(a.y + (chip.size.y - small) * 0.5f - 1, ctx.dpr)),
                  on ? theme.accent_text : theme.text_muted, chip.count.c_str(), nullptr, 0, &clip);
}

// The chip rows in view, scrolled and clipped to their band; a thin thumb on the right
// when more rows scroll within it.
void draw_chips(const PanelContext& ctx, const QuotesPanel& p, const QuotesFrame& f, int hover_chip) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const QuotesCache& cache = p.cache;
    const float top = cache.chips_top, bottom = cache.chips_bottom;
    draw->PushClipRect(ImVec2(f.origin.x, top), ImVec2(f.right, bottom), true);
    for (int i = 0; i < static_cast<int>(cache.chips.size()); ++i) {
        const Chip& chip = cache.chips[i];
        const ImVec2 a(chip.pos.x, snap(chip.pos.y - p.chip_scroll, ctx.dpr));
        if (a.y + chip.size.y <= top) continue;
        if (a.y >= bottom) break;  // rows of chips below the band
        draw_chip(ctx, chip, a, chip.speaker == cache.filter, i == hover_chip);
        const float y0 = std::max(a.y, top), y1 = std::min(a.y + chip.size.y, bottom);
        ctx.located->push_back({chip.located_id, "quotes", a.x, y0, chip.size.x, y1 - y0});
    }
    if (cache.chips_overflow > 0) {
        const float band = bottom - top, content = band + cache.chips_overflow;
        const float thumb = std::max(12.0f, band * band / content);
        const float y = top + (band - thumb) * (p.chip_scroll / cache.chips_overflow);
        draw->AddRectFilled(ImVec2(f.right - 6, y), ImVec2(f.right - 3, y + thumb), ctx.theme.rule, 2);
    }
    draw->PopClipRect();
    draw->AddLine(ImVec2(f.origin.x, f.list_top - 0.5f), ImVec2(f.right, f.list_top - 0.5f), ctx.theme.rule);
}

// One card: backdrop by emphasis, the accent bar, the words, speaker, role and footer.
void draw_card(const PanelContext& ctx, const QuotesPanel& p, const QuotesFrame& f, int i, bool hovered) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Theme& theme = ctx.theme;
    const Fonts& fonts = ctx.fonts;
    const Card& card = p.cache.cards[i];
    const float y0 = snap(f.list_y0 + card.y, ctx.dpr), y1 = y0 + snap(card.h, ctx.dpr);
    const Entity& quote = ctx.pack.entities[card.entity];
    Emphasis emphasis = emphasis_of(ctx.state, ctx.selected, ctx.hovered, quote.id, card.entity);
    if ((hovered || i == p.focus) && emphasis < Emphasis::Hovered) emphasis = Emphasis::Hovered;
    const bool dimmed = !ctx.state.selection.empty() && emphasis == Emphasis::None;
    const float ink = dimmed ? 0.6f : 1.0f;
    const ImVec2 a(snap(f.card_x, ctx.dpr), y0), b(snap(f.card_x + f.card_w, ctx.dpr), y1);
    const ImU32 quote_colour = theme.kind[static_cast<int>(EntityKind::Quote)];

    const ImU32 fill = emphasis == Emphasis::Selected ? theme.selection_fill
                       : emphasis == Emphasis::Hovered ? theme.hover_fill
                                                        : theme.panel_alt;
    draw->AddRectFilled(a, b, fill, 6);
    if (emphasis == Emphasis::Related || emphasis == Emphasis::Selected) draw->AddRect(a, b, quote_colour, 6, 0, 2);
    else draw->AddRect(a, b, with_alpha(theme.rule, ink), 6);
    const float bar = emphasis >= Emphasis::Related ? kAccentBar + 2 : kAccentBar;
    draw->AddRectFilled(ImVec2(a.x, a.y), ImVec2(a.x + bar, b.y), with_alpha(quote_colour, ink), 6, ImDrawFlags_RoundCornersLeft);
    if (i == p.focus) draw->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme.focus_ring, 8, 0, 2);

    float y = y0 + kPadding;
    add_text(draw, fonts.serif_italic, font_size(fonts.serif_italic), ImVec2(f.text_x, y), with_alpha(theme.text, ink), card.words,
             f.text_w);
    y += card.words_h + 8;
    if (!card.speaker.empty()) {
        add_text(draw, fonts.sans_bold, font_size(fonts.sans_bold), ImVec2(f.text_x, y), with_alpha(theme.text, ink), card.speaker,
                 f.text_w);
        const TextSpan name = text_span(fonts.sans_bold, card.speaker, f.text_w);
        if (y + card.speaker_h > f.list_top && y < f.bottom)
            ctx.located->push_back({card.speaker_id, "quotes", f.text_x + name.left, std::max(y, f.list_top), std::min(f.text_w, name.width),
                                    std::min(y + card.speaker_h, f.bottom) - std::max(y, f.list_top)});
        y += card.speaker_h;
    }
    if (!card.role.empty()) {
        y += 2;
        add_text(draw, fonts.sans_small, font_size(fonts.sans_small), ImVec2(f.text_x, y), with_alpha(theme.text_muted, ink), card.role,
                 f.text_w);
        y += card.role_h;
    }
    if (!card.footer.empty()) {
        y += 6;
        add_text(draw, fonts.sans_small, font_size(fonts.sans_small), ImVec2(f.text_x, y), with_alpha(theme.text_muted, ink),
                 card.footer, f.text_w);
    }
    const float vy0 = std::max(y0, f.list_top), vy1 = std::min(y1, f.bottom);
    if (vy1 > vy0) ctx.located->push_back({quote.id, "quotes", a.x, vy0, b.x - a.x, vy1 - vy0});
}

// The Copy button of a card that shows it.
void draw_card_copy(const PanelContext& ctx, const QuotesPanel& p, const QuotesFrame& f, int i) {
    const LayoutRect r = copy_button_rect(p, f, p.cache.cards[i]);
    draw_copy_button(ctx, r, i == p.focus && p.focus_on_copy);
    if (r.y >= f.list_top && r.y + r.h <= f.bottom)
        ctx.located->push_back({ctx.located->keep("quote-copy:" + ctx.pack.entities[p.cache.cards[i].entity].id), "quotes", r.x, r.y, r.w, r.h});
}

// The cards in view, clipped to the list, and its scrollbar.
void draw_cards(const PanelContext& ctx, const QuotesPanel& p, const QuotesFrame& f, int hover_card) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::vector<Card>& cards = p.cache.cards;
    draw->PushClipRect(ImVec2(f.origin.x, f.list_top), ImVec2(f.right, f.bottom), true);
    if (cards.empty()) {
        draw->AddText(ctx.fonts.sans, font_size(ctx.fonts.sans), ImVec2(f.card_x, f.list_top + kPadding), ctx.theme.text_muted,
                      p.cache.quotes.empty() ? "The article has no direct quotations." : "No quotations from this speaker.");
    }
    const int selected = selected_card(ctx, p);
    for (int i = first_card_ending_below(cards, f.list_top - f.list_y0 - 1); i < static_cast<int>(cards.size()); ++i) {
        const float y0 = snap(f.list_y0 + cards[i].y, ctx.dpr);
        if (y0 > f.bottom) break;  // this and every later card is below the list
        if (y0 + snap(cards[i].h, ctx.dpr) < f.list_top) continue;
        draw_card(ctx, p, f, i, i == hover_card);
        if (shows_copy(ctx, i, selected, hover_card)) draw_card_copy(ctx, p, f, i);
    }
    if (f.thumb_h > 0) {
        const bool over = f.hovered && f.mouse_valid && f.mouse.x >= f.track_x - 4 && f.mouse.y >= f.thumb_y &&
                          f.mouse.y <= f.thumb_y + f.thumb_h;
        draw->AddRectFilled(ImVec2(f.track_x, f.thumb_y), ImVec2(f.track_x + 5, f.thumb_y + f.thumb_h),
                            over || p.dragging_scrollbar ? ctx.theme.text_muted : ctx.theme.rule, 3);
    }
    draw->PopClipRect();
}

} // namespace

// [SECTION] Panel ----------------------------------------------------------------------------------

std::unique_ptr<PanelState> make_quotes_panel() { return std::make_unique<QuotesPanel>(); }

void draw_quotes_panel(PanelContext& ctx, PanelState& state, ImVec2 origin, ImVec2 size) {
    QuotesPanel& p = static_cast<QuotesPanel&>(state);
    if (size.x < 40 || size.y < 40) return;
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("##quotes", size);

    // The editor's pack that does not validate is shown by its article's text alone: the
    // editor says its quotes show once it does, in place of chips and a list that count none.
    if (ctx.editing && ctx.editing->quotes_withheld(ctx, origin)) return;
    update_cache(ctx, p.cache, origin, size);
    p.chip_scroll = std::clamp(p.chip_scroll, 0.0f, p.cache.chips_overflow);
    QuotesFrame f = frame_geometry(p.cache, origin, size);
    f.hovered = ImGui::IsItemHovered();
    f.mouse_valid = ImGui::IsMousePosValid();
    f.mouse = ImGui::GetIO().MousePos;
    ctx.pointer->area(origin, size);  // chips, cards and the scrollbar fill it
    reveal_selection(ctx, p);
    scroll_to_reveal(ctx, p, f);

    place_thumb(f, p);
    const bool clicked = handle_pointer(ctx, p, f);
    handle_keyboard(ctx, p, f);
    p.list.step(ctx, f.max_scroll);
    place_thumb(f, p);
    f.list_y0 = f.list_top - snap(p.list.scroll, ctx.dpr);

    const bool pointer_here = f.hovered && f.mouse_valid && !(p.press.pressing && p.press.moved);
    const int hover_chip = pointer_here ? chip_at(p, f.mouse) : -1;
    const int hover_card = pointer_here ? card_at(p, f, f.mouse) : -1;
    if (clicked) handle_click(ctx, p, f, p.press.last);

    draw_chips(ctx, p, f, hover_chip);
    draw_cards(ctx, p, f, hover_card);
    update_hover(ctx, p, hover_chip, hover_card);
}

} // namespace explainer::ui
