// The card every panel shows for the entity under the pointer or keyboard focus: name,
// kind, one-line description, the fact that places it (date, place, speaker) and its sources.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/citations.h"
#include "core/date_text.h"
#include "panel.h"

namespace explainer::ui {

namespace {

const char* kind_label(EntityKind kind) {
    switch (kind) {
    case EntityKind::Place: return "PLACE";
    case EntityKind::Person: return "PERSON";
    case EntityKind::Organisation: return "ORGANISATION";
    case EntityKind::Event: return "EVENT";
    case EntityKind::Quote: return "QUOTE";
    case EntityKind::Figure: return "FIGURE";
    case EntityKind::Work: return "WORK";
    }
    return "";
}

// The one line under the description that says when, where or who.
std::string detail_line(const Pack& pack, const Entity& e) {
    char buffer[96];
    switch (e.kind) {
    case EntityKind::Place:
        if (!e.location) return {};
        std::snprintf(buffer, sizeof buffer, "%.2f\xC2\xB0%s, %.2f\xC2\xB0%s", std::abs(e.location->lat),
                      e.location->lat >= 0 ? "N" : "S", std::abs(e.location->lon), e.location->lon >= 0 ? "E" : "W");
        return buffer;
    case EntityKind::Event: {
        std::string line = e.expected ? "Expected; not dated" : e.date ? describe_span(*e.date) : "Not dated in the article";
        if (e.date && !e.date->phrase.empty()) line += " (\xE2\x80\x9C" + e.date->phrase + "\xE2\x80\x9D)";
        if (!e.places.empty()) line += (line.empty() ? "" : " \xC2\xB7 ") + pack.name_of(e.places.front());
        return line;
    }
    case EntityKind::Person: {
        std::string line = e.role;  // the pack's words; an anonymous person's name already says who they are
        if (!e.place.empty()) line += (line.empty() ? "" : " \xC2\xB7 ") + pack.name_of(e.place);
        return line;
    }
    case EntityKind::Quote:
    {
        const std::string speaker = pack.name_of(e.speaker), place = pack.name_of(e.place);
        std::string line = speaker.empty() ? std::string() : "Said by " + speaker;
        if (!place.empty()) line += (line.empty() ? "Said in " : ", ") + place;
        return line;
    }
    case EntityKind::Figure: return e.note;
    case EntityKind::Work: {
        std::string line;
        for (const std::string& id : e.creators) line += (line.empty() ? "By " : ", ") + pack.name_of(id);
        return line;
    }
    case EntityKind::Organisation: return {};
    }
    return {};
}

constexpr float kCardGap = 6;     // between the card and the thing it is about
constexpr float kCardMargin = 8;  // between the card and the window's edges

// Where the card goes: under the hovered thing, or over it when it does not fit under and
// there is more room over it (a mention on the window's last lines showed only the card's
// first line). `height` is the card's height as last measured, 0 before it is.
ImVec2 card_position(ImVec2 anchor, float item_height, float width, float height) {
    const ImVec2 size(width, height);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImVec2 pos(anchor.x, anchor.y + kCardGap);
    if (pos.x + size.x > display.x - kCardMargin) pos.x = std::max(kCardMargin, display.x - size.x - kCardMargin);
    const float above = anchor.y - item_height - kCardGap;  // the card's bottom, over the thing
    const float room_below = display.y - kCardMargin - pos.y, room_above = above - kCardMargin;
    if (size.y > room_below && room_above > room_below) pos.y = std::max(kCardMargin, above - size.y);
    return pos;
}

} // namespace

void draw_entity_card(const PanelContext& ctx, const Entity& entity, ImVec2 anchor, float item_height) {
    const Theme& theme = ctx.theme;
    const float width = 300;
    // The card is placed before it is drawn (a window moved after its Begin keeps its
    // background where it was and clips its text away), with its height as the panel
    // measured it for this entity: ImGui sizes a card from its last frame's contents, so
    // another entity's card takes two more frames to settle (measured, then placed).
    ImGuiStorage* measured = ImGui::GetStateStorage();  // the panel's
    const ImGuiID entity_key = ImGui::GetID("card entity"), height_key = ImGui::GetID("card height");
    const int shown = static_cast<int>(ImGui::GetID(entity.id.c_str()));
    const bool same_entity = measured->GetInt(entity_key) == shown;
    const float known_height = same_entity ? measured->GetFloat(height_key) : 0.0f;
    ImGui::SetNextWindowPos(card_position(anchor, item_height, width, known_height));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, 400));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 12));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(theme.panel));
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(theme.rule));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.0f);
    ImGui::Begin("##entity-card", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_Tooltip);
    // This entity's height once a frame has laid it out (the first frame's is the last card's).
    const float height = same_entity ? ImGui::GetWindowSize().y : 0.0f;
    ImGui::PushTextWrapPos(width - 14);
    ImGui::PushFont(ctx.fonts.sans_small);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme.kind[static_cast<int>(entity.kind)]));
    ImGui::TextUnformatted(kind_label(entity.kind));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PushFont(ctx.fonts.sans_bold);
    const float wrap = width - 14 - ImGui::GetCursorPosX();
    text_item(entity.name, wrap);
    ImGui::PopFont();
    if (!entity.description.empty()) text_item(entity.description, wrap);
    const std::string detail = detail_line(ctx.pack, entity);
    if (!detail.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme.text_muted));
        text_item(detail, wrap);
        ImGui::PopStyleColor();
    }
    if (!entity.citations.empty()) {
        // Every source, so a reader can check each fact the card adds to the article.
        ImGui::PushFont(ctx.fonts.sans_small);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme.text_muted));
        ImGui::TextUnformatted(entity.context ? "Context, not in the article. Sources:" : "Sources:");
        for (const Citation& c : entity.citations) text_item("\xE2\x80\xA2 " + describe_citation(c), wrap);
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    ImGui::PopTextWrapPos();
    // The card is locatable too ("card:<id>"), so tests and hosts can see what a reader sees.
    if (ctx.located) {
        const ImVec2 at = ImGui::GetWindowPos(), extent = ImGui::GetWindowSize();
        ctx.located->push_back({ctx.located->keep("card:" + entity.id), "card", at.x, at.y, extent.x, extent.y});
    }
    ImGui::End();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(2);
    if (!same_entity || height != known_height) {
        measured->SetInt(entity_key, shown);
        measured->SetFloat(height_key, height);
        if (ctx.animating) *ctx.animating = true;
    }
}

} // namespace explainer::ui
