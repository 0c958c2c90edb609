// WCAG 2.x contrast of the theme's colour pairs, light and dark: at least 4.5:1 for text
// (1.4.3), at least 3:1 for UI parts a reader must see (focus rings, annotation
// underlines, map markers, the open tab; 1.4.11). Each pair names where the app draws it.
// The table is printed, so a run shows every ratio.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "core/pack.h"
#include "core/theme_colors.h"

namespace explainer {
namespace {

// Relative luminance of an sRGB colour (WCAG 2.x definition).
double luminance(std::uint32_t rgb) {
    const auto channel = [](std::uint32_t v) {
        const double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) + 0.0722 * channel(rgb & 0xFF);
}

double contrast(std::uint32_t a, std::uint32_t b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

using Field = std::uint32_t ThemeColors::*;
constexpr double kText = 4.5, kUi = 3.0;

struct Pair {
    const char* where;
    const char* foreground;
    Field fg;
    const char* background;
    Field bg;
    double minimum;
};

#define PAIR(where, fg, bg, minimum) Pair{where, #fg, &ThemeColors::fg, #bg, &ThemeColors::bg, minimum}
const Pair kPairs[] = {
    PAIR("article text", text, panel, kText),
    PAIR("page text (loading, errors, mirror)", text, background, kText),
    PAIR("panel headers, tabs", text, panel_alt, kText),
    PAIR("selected mention / card", text, selection_fill, kText),
    PAIR("hovered mention / card", text, hover_fill, kText),
    PAIR("map buttons and labels over land", text, land, kText),
    PAIR("map labels over sea", text, sea, kText),
    PAIR("source line, captions", text_muted, panel, kText),
    PAIR("page captions", text_muted, background, kText),
    PAIR("panel titles, closed tabs", text_muted, panel_alt, kText),
    PAIR("quote role on a selected card", text_muted, selection_fill, kText),
    PAIR("quote role on a hovered card", text_muted, hover_fill, kText),
    PAIR("country names over land", map_label, land, kText),
    PAIR("country names over a highlighted country", map_label, land_highlight, kText),
    PAIR("country names over sea", map_label, sea, kText),
    PAIR("timeline cursor pill, active quote chip", accent_text, accent, kText),
    PAIR("article links", accent, panel, kText),
    PAIR("page links and buttons", accent, background, kText),
    PAIR("focus ring on panels", focus_ring, panel, kUi),
    PAIR("focus ring on headers", focus_ring, panel_alt, kUi),
    PAIR("focus ring on the page", focus_ring, background, kUi),
    PAIR("focus ring around a selected mention", focus_ring, selection_fill, kUi),
    PAIR("focus ring around a hovered mention", focus_ring, hover_fill, kUi),
    PAIR("open tab marker", accent, panel_alt, kUi),
};
#undef PAIR

const char* const kKindNames[6] = {"place", "person", "organisation", "event", "quote", "figure"};

struct Check {
    std::string line;
    bool ok;
};

// Every pair of one theme, as printed lines with pass/fail.
std::vector<Check> checks(const char* scheme, const ThemeColors& t) {
    std::vector<Check> out;
    const auto add = [&](const std::string& what, std::uint32_t fg, std::uint32_t bg, double minimum) {
        const double ratio = contrast(fg, bg);
        char line[200];
        std::snprintf(line, sizeof line, "%-5s %-64s #%06X on #%06X %5.2f:1 (needs %.1f)", scheme, what.c_str(), fg, bg, ratio, minimum);
        out.push_back({line, ratio >= minimum});
    };
    for (const Pair& p : kPairs)
        add(std::string(p.where) + ": " + p.foreground + " on " + p.background, t.*p.fg, t.*p.bg, p.minimum);
    for (int k = 0; k < 6; ++k) {
        const std::string kind = kKindNames[k];
        // The entity card's kind label, on the card (panel colour).
        add(kind + " label on a card: kind on panel", t.kind[k], t.panel, kText);
        // Underlines under plain, selected and hovered mentions; markers on the map.
        add(kind + " underline: kind on selection_fill", t.kind[k], t.selection_fill, kUi);
        add(kind + " underline: kind on hover_fill", t.kind[k], t.hover_fill, kUi);
    }
    const int place = static_cast<int>(EntityKind::Place), figure = static_cast<int>(EntityKind::Figure);
    add("place marker over land", t.kind[place], t.land, kUi);
    add("place marker over a highlighted country", t.kind[place], t.land_highlight, kUi);
    add("place marker over sea", t.kind[place], t.sea, kUi);
    add("figure badge text: kind on panel_alt", t.kind[figure], t.panel_alt, kText);
    return out;
}

TEST(ThemeColors, EveryPairMeetsWcagContrastInLightAndDark) {
    for (const auto& [scheme, theme] : {std::pair{"light", &kLightTheme}, std::pair{"dark", &kDarkTheme}})
        for (const Check& check : checks(scheme, *theme)) {
            std::printf("%s %s\n", check.ok ? "  " : "!!", check.line.c_str());
            EXPECT_TRUE(check.ok) << check.line;
        }
}

TEST(ThemeColors, ContrastFormulaMatchesWcagExamples) {
    EXPECT_NEAR(contrast(0x000000, 0xFFFFFF), 21.0, 1e-9);
    EXPECT_NEAR(contrast(0xFFFFFF, 0xFFFFFF), 1.0, 1e-9);
    EXPECT_NEAR(contrast(0x767676, 0xFFFFFF), 4.54, 0.01);  // the lightest grey passing AA on white
}

// The pages' CSS repeats the theme's page colours (web/partials/colours.css, which the
// reader's and the editor's stylesheets include): they must be the same numbers.
TEST(ThemeColors, PageCssUsesTheThemeColours) {
    std::ifstream file(std::string(EXPLAINER_SOURCE_DIR) + "/web/partials/colours.css");
    ASSERT_TRUE(file) << "web/partials/colours.css not found";
    std::stringstream css;
    css << file.rdbuf();
    const std::string text = css.str();
    const std::size_t dark_at = text.find("prefers-color-scheme: dark");
    ASSERT_NE(dark_at, std::string::npos) << "colours.css has no dark scheme";
    const auto variable = [&](const std::string& name, bool dark) -> std::uint32_t {
        const std::regex pattern("--" + name + ":\\s*#([0-9a-fA-F]{6})");
        std::smatch match;
        const std::string part = dark ? text.substr(dark_at) : text.substr(0, dark_at);
        if (!std::regex_search(part, match, pattern)) return 0xFFFFFFFFu;
        return static_cast<std::uint32_t>(std::stoul(match[1].str(), nullptr, 16));
    };
    for (const auto& [dark, theme] : {std::pair{false, &kLightTheme}, std::pair{true, &kDarkTheme}}) {
        const char* scheme = dark ? "dark" : "light";
        EXPECT_EQ(variable("bg", dark), theme->background) << scheme << " --bg";
        EXPECT_EQ(variable("fg", dark), theme->text) << scheme << " --fg";
        EXPECT_EQ(variable("muted", dark), theme->text_muted) << scheme << " --muted";
        EXPECT_EQ(variable("accent", dark), theme->accent) << scheme << " --accent";
        EXPECT_EQ(variable("rule", dark), theme->rule) << scheme << " --rule";
        EXPECT_EQ(variable("selection", dark), theme->selection_fill) << scheme << " --selection";
    }
}

} // namespace
} // namespace explainer
