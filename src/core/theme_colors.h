// The explainer's colours, light and dark, as plain 0xRRGGBB numbers (all opaque): one
// definition the UI builds its Dear ImGui colours from (src/ui/app.cpp) and a native
// unit test measures (tests/unit/theme_colors_test.cpp: WCAG contrast of every pair a
// reader sees). The page's own CSS variables (web/explainer.css) repeat six of them;
// the same test checks they agree.
#pragma once
#include <cstdint>

#include "pack.h"  // kEntityKindCount

namespace explainer {

struct ThemeColors {
    std::uint32_t background, panel, panel_alt, text, text_muted, rule, accent, accent_text;
    std::uint32_t selection_fill, hover_fill, focus_ring;
    std::uint32_t land, land_highlight, sea, border, coast;
    std::uint32_t map_label;      // country names over land, highlighted land and sea
    std::uint32_t kind[kEntityKindCount];  // indexed by EntityKind: underlines, markers, card labels
};

// Entity kinds start from the Okabe–Ito palette (distinguishable with the common
// colour-vision deficiencies), works an indigo outside it, darkened or lightened where a pair fell short of WCAG
// contrast; the article also gives each kind its own underline style.
inline constexpr ThemeColors kLightTheme{
    0xF4F2EC, 0xFFFFFF, 0xF7F6F2, 0x1B1B1B, 0x5C5F66, 0xD9D6CE, 0x1F5FA8, 0xFFFFFF,
    0xFFE49A, 0xDCE9FA, 0x1A73E8,
    0xECE6D6, 0xDCC98F, 0xCFE0EC, 0xA39A86, 0x8CA5B8,
    0x4A4D53,
    {0x0072B2, 0xC2540A, 0x00805E, 0xB4509A, 0x9A6A00, 0x1A7290, 0x5B4FB8},
};

inline constexpr ThemeColors kDarkTheme{
    0x121417, 0x1B1E23, 0x22262C, 0xE9E7E2, 0xA3A7AE, 0x383D45, 0x8AB4F8, 0x10151C,
    0x4A3A0D, 0x26374D, 0x8AB4F8,
    0x2C3038, 0x5A5134, 0x151E27, 0x626875, 0x3E5568,
    0xC8CBD0,
    {0x56B4E9, 0xF08A4B, 0x3CC79A, 0xE3A5CB, 0xE6B84D, 0x7FD4E8, 0xB3AAF2},
};

} // namespace explainer
