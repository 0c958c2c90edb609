// The explainer app: fonts, themes, the four-panel layout and the frame.
//
// Index
// - [SECTION] Fonts
// - [SECTION] Themes
// - [SECTION] Pack and actions
// - [SECTION] Layout helpers
// - [SECTION] Frame
#include "app.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdio>

#include <imgui_internal.h>  // ImFontAtlasGetBuilderForStbTruetype

#include "core/bidi.h"
#include "core/index_sort.h"
#include "core/selection.h"
#include "core/scripts.h"
#include "core/theme_colors.h"
#include "article_text.h"
#include "deferred_glyphs.h"
#include "drawing.h"
#include "layout.h"

namespace explainer::ui {

// [SECTION] Fonts -----------------------------------------------------------------------

namespace {

// The font atlas holds only the characters a reader can meet: what the UI writes itself,
// the pack's characters and the country names' (atlas_characters), whose glyphs come from
// the base font file or from the chunks the page fetched for the pack. Characters beyond
// 16-bit ImWchar (emoji and the like) have no glyph in the bundled fonts anyway.
// ImGui's glyph ranges (first and last of each run of consecutive code points, then 0)
// straight from sorted characters: ImFontGlyphRangesBuilder finds them by testing all
// 65,536 code points, which cost 4 ms of the first frame.
void build_ranges(const std::vector<char32_t>& sorted, ImVector<ImWchar>& ranges) {
    assert(std::is_sorted(sorted.begin(), sorted.end()) && "build_ranges: the characters come sorted");
    ranges.clear();
    for (std::size_t i = 0; i < sorted.size() && sorted[i] <= IM_UNICODE_CODEPOINT_MAX;) {
        char32_t first = sorted[i], last = first;
        while (++i < sorted.size() && sorted[i] <= last + 1 && sorted[i] <= IM_UNICODE_CODEPOINT_MAX) last = sorted[i];
        first = std::max<char32_t>(first, 1);  // 0 ends the list (and no font draws it)
        if (first > last) continue;
        ranges.push_back(static_cast<ImWchar>(first));
        ranges.push_back(static_cast<ImWchar>(last));
    }
    ranges.push_back(0);
}

// The headline's face is the largest (30 px, 90 device px on a phone): with every
// character it would be nearly half of the atlas's pixels, so it holds the headline's
// own characters (an Arabic letter's with its forms) and the fallback '?' only (a new
// pack, or an edited headline, rebuilds the atlas).
std::vector<char32_t> headline_characters(const Pack& pack) {
    const std::string& headline = pack.article.headline;
    std::vector<char32_t> used{U'?'};
    for (std::size_t at = 0; at < headline.size();) used.push_back(next_code_point(headline, at));
    add_presentation_forms(used);
    sort_items(used);
    used.erase(std::unique(used.begin(), used.end()), used.end());
    return used;
}

// Each fetched chunk's share of the atlas's characters, face by face: those it has a glyph
// for, beyond the base's. ImGui's builder looks every character of a font's ranges up in
// that font, and with all of them for every chunk, a pack written in Chinese (67 files,
// 6 faces, 700 characters) cost it 280,000 lookups. A CJK chunk's faces share one font,
// looked up once.
void build_chunk_ranges(App& app, const std::vector<char32_t>& characters) {
    std::vector<char32_t> beyond_base;
    for (const char32_t cp : characters)
        if (!glyph_is_embedded(cp)) beyond_base.push_back(cp);
    for (std::size_t i = 1; i < app.font_chunks.size(); ++i) {
        FontChunk& chunk = app.font_chunks[i];
        chunk.ranges.resize(chunk.faces.size());
        for (std::size_t face = 0; face < chunk.faces.size(); ++face) {
            const auto [offset, size] = chunk.faces[face];
            const auto same = std::find(chunk.faces.begin(), chunk.faces.begin() + face, chunk.faces[face]);
            if (same != chunk.faces.begin() + face) {
                chunk.ranges[face] = chunk.ranges[same - chunk.faces.begin()];
                continue;
            }
            build_ranges(characters_in_font({chunk.bytes.data() + offset, size}, beyond_base), chunk.ranges[face]);
        }
    }
}

// The atlas's characters, ascending.
std::vector<char32_t> build_glyph_ranges(App& app) {
    std::vector<char32_t> used = app.store.pack().characters;
    for (const std::string& name : app.basemap_names)
        for (std::size_t at = 0; at < name.size();) used.push_back(next_code_point(name, at));
    std::vector<char32_t> characters = atlas_characters(std::move(used));
    build_ranges(characters, app.glyph_ranges);
    build_chunk_ranges(app, characters);
    build_ranges(headline_characters(app.store.pack()), app.headline_glyph_ranges);
    return characters;
}

// One face at one size: the base font file's TTF (app.font_chunks holds it first), with
// every other fetched chunk merged into it. The base is given `ranges`; a chunk its own
// share of them, or with `headline_only`, the headline's characters. Null without the base.
ImFont* add_font(App& app, ImFontAtlas& atlas, const char* face, float css_size, float dpr,
                 const ImVector<ImWchar>& ranges, bool headline_only = false) {
    if (app.font_chunks.empty() || app.font_chunks.front().file != base_font_file()) return nullptr;
    const auto& faces = font_faces();
    const std::size_t index = std::find(faces.begin(), faces.end(), face) - faces.begin();
    assert(index < faces.size() && "every face the UI uses is a bundled face");
    ImFontConfig config;
    // The atlas is baked at device pixels and drawn at 1/dpr scale, so glyphs map
    // 1:1 to screen pixels: no oversampling needed, and text stays crisp at any DPR.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = false;
    std::snprintf(config.Name, sizeof config.Name, "%s %.0fpx", face, css_size);  // the merged chunks keep it
    ImFont* font = nullptr;
    for (FontChunk& chunk : app.font_chunks) {
        const ImVector<ImWchar>& chunk_ranges = font == nullptr || headline_only ? ranges : chunk.ranges[index];
        if (chunk_ranges.Size <= 1) continue;  // none of the atlas's characters (the list ends with 0)
        config.MergeMode = font != nullptr;
        const auto [offset, size] = chunk.faces[index];
        // Added as the atlas's own bytes, for ImGui copies any others (every face of every
        // chunk at every build: 2.4 MB in 400 allocations for a pack written in Chinese),
        // then marked as not its own, so that clearing the atlas leaves them to
        // app.font_chunks, which keeps them for the app's life.
        config.FontDataOwnedByAtlas = true;
        ImFont* added = atlas.AddFontFromMemoryTTF(chunk.bytes.data() + offset, static_cast<int>(size), css_size * dpr,
                                                   &config, chunk_ranges.Data);
        atlas.ConfigData.back().FontDataOwnedByAtlas = false;
        if (!font) font = added;
    }
    return font;
}

// Every font of the atlas, in the order app_load_fonts adds them.
std::array<ImFont*, 6> atlas_fonts(const Fonts& f) { return {f.sans, f.serif, f.serif_italic, f.serif_bold, f.sans_bold, f.sans_small}; }

// Characters on their way: while the page fetches font files after the first frame, what
// they bring is drawn blank (app.awaited_glyphs).

// A code point the atlas holds no character for, to name the blank box by: the one after
// its last character, or else a free one below.
ImWchar free_code_point(const std::vector<char32_t>& characters) {
    if (characters.empty()) return 1;
    if (characters.back() < IM_UNICODE_CODEPOINT_MAX) return static_cast<ImWchar>(characters.back() + 1);
    char32_t cp = IM_UNICODE_CODEPOINT_MAX;
    while (std::binary_search(characters.begin(), characters.end(), cp)) --cp;
    return static_cast<ImWchar>(cp);
}

// How wide `font` sets an ideograph: as one it holds, else as its size (a blank stands in
// for what is still coming: the text is laid out again once it has come).
float ideograph_advance(const ImFont& font, const std::vector<char32_t>& characters) {
    const auto first = std::lower_bound(characters.begin(), characters.end(), U'\u4E00');
    for (auto it = first; it != characters.end() && *it <= U'\u9FFF'; ++it)
        if (const ImFontGlyph* glyph = font.FindGlyphNoFallback(static_cast<ImWchar>(*it))) return glyph->AdvanceX;
    return font.FontSize;
}

// After the build: every character that a font lacks is drawn as the blank box (the
// placeholder glyph each font was given), as wide as an ideograph; all the boxes take the
// first font's texels (`first_box`), so that one rectangle of texture coordinates tells them.
void use_blanks_for_awaited(App& app, const std::vector<char32_t>& characters, ImWchar placeholder, int first_box) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    ImVec2 uv0, uv1;
    atlas.CalcCustomRectUV(atlas.GetCustomRectByIndex(first_box), &uv0, &uv1);
    app.awaited_uv = ImVec4(uv0.x, uv0.y, uv1.x, uv1.y);
    app.awaited_glyphs.clear();
    const Fonts& f = app.fonts;
    const std::vector<char32_t> headline = headline_characters(app.store.pack());
    for (ImFont* font : atlas_fonts(f)) {
        auto* blank = const_cast<ImFontGlyph*>(font->FindGlyphNoFallback(placeholder));
        assert(blank && "every font was given the blank box");
        blank->AdvanceX = font->IndexAdvanceX[placeholder] = ideograph_advance(*font, characters);
        blank->U0 = uv0.x, blank->V0 = uv0.y, blank->U1 = uv1.x, blank->V1 = uv1.y;
        // The headline's face holds the headline's characters only.
        for (const char32_t cp : font == f.serif_bold ? headline : characters) {
            if (cp > IM_UNICODE_CODEPOINT_MAX || font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) continue;
            font->AddRemapChar(static_cast<ImWchar>(cp), placeholder);
            app.awaited_glyphs.push_back(cp);
        }
    }
    sort_items(app.awaited_glyphs);
    app.awaited_glyphs.erase(std::unique(app.awaited_glyphs.begin(), app.awaited_glyphs.end()), app.awaited_glyphs.end());
}

// Characters of the atlas's ranges that some font lacks (what readers would see as "?").
std::vector<char32_t> find_missing_glyphs(const App& app) {
    std::vector<char32_t> missing;
    const Fonts& f = app.fonts;
    const std::vector<char32_t> in_headline = headline_characters(app.store.pack());
    const auto lacks = [&](char32_t cp) {
        if (cp > IM_UNICODE_CODEPOINT_MAX) return true;
        for (const ImFont* font : {f.sans, f.serif, f.serif_italic, f.sans_bold, f.sans_small})
            if (!font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) return true;
        return std::binary_search(in_headline.begin(), in_headline.end(), cp) &&
               !f.serif_bold->FindGlyphNoFallback(static_cast<ImWchar>(cp));
    };
    for (char32_t cp : app.store.pack().characters)
        if (lacks(cp)) missing.push_back(cp);
    return missing;
}

} // namespace

bool app_load_fonts(App& app, float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas& atlas = *io.Fonts;
    forget_pending_glyphs();  // they were the old atlas's, whose pixels Clear() frees
    forget_kept_layouts();    // measured with the old atlas's glyphs
    atlas.Clear();
    // As tall as its glyphs need, not the next power of two (WebGL2 samples any size):
    // up to half the pixels to clear, and to upload, fewer.
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoPowerOfTwoHeight;
    const std::vector<char32_t> characters = build_glyph_ranges(app);
    Fonts& f = app.fonts;
    const ImVector<ImWchar>& all = app.glyph_ranges;
    f.sans = add_font(app, atlas, "NotoSans-Regular", 14.5f, dpr, all);  // first font = ImGui's default
    f.serif = add_font(app, atlas, "NotoSerif-Regular", 18.0f, dpr, all);
    f.serif_italic = add_font(app, atlas, "NotoSerif-Italic", 17.0f, dpr, all);
    f.serif_bold = add_font(app, atlas, "NotoSerif-Bold", 30.0f, dpr, app.headline_glyph_ranges, true);  // the headline only
    f.sans_bold = add_font(app, atlas, "NotoSans-Bold", 14.5f, dpr, all);
    f.sans_small = add_font(app, atlas, "NotoSans-Regular", 12.5f, dpr, all);
    io.FontGlobalScale = 1.0f / dpr;
    app.fonts_dpr = dpr;
    app.fonts_stale = false;
    ++app.fonts_revision;
    // The builder itself, not atlas.Build(): Build() adds ImGui's default font when the
    // atlas has none, which would link that font's 12 KB of data into the wasm; here the
    // atlas always holds ours.
    const std::array<ImFont*, 6> fonts = atlas_fonts(f);
    const bool all_added = std::all_of(fonts.begin(), fonts.end(), [](const ImFont* font) { return font != nullptr; });
    const ImWchar placeholder = free_code_point(characters);
    int first_box = -1;
    if (all_added && app.awaiting_font_files)
        for (ImFont* font : fonts) {
            const int box = atlas.AddCustomRectFontGlyph(font, placeholder, 1, 1, 0);
            if (first_box < 0) first_box = box;
        }
    const bool built = all_added && ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(&atlas);
    app.awaited_glyphs.clear();
    if (built && app.awaiting_font_files) use_blanks_for_awaited(app, characters, placeholder, first_box);
    app.missing_glyphs = built ? find_missing_glyphs(app) : app.store.pack().characters;
    return built;
}

std::string app_add_font_chunk(App& app, std::string file, std::vector<unsigned char> bytes) {
    if (file == cjk_groups_index_file()) {
        std::string error;
        if (!app.cjk_groups) app.cjk_groups = parse_cjk_groups(bytes.data(), bytes.size(), &error);
        return error;
    }
    // u32 count, count x u32 size, then the TTFs (tools/font-subsets.py writes it). A size
    // with its top bit set, 0x80000000 | k, is face k's font again (a CJK chunk's one font
    // serves every face).
    const auto u32_at = [&](std::size_t at) {
        return static_cast<std::size_t>(bytes[at]) | static_cast<std::size_t>(bytes[at + 1]) << 8 |
               static_cast<std::size_t>(bytes[at + 2]) << 16 | static_cast<std::size_t>(bytes[at + 3]) << 24;
    };
    const std::size_t count = font_faces().size();
    if (bytes.size() < 4 * (count + 1) || u32_at(0) != count)
        return file + ": not a font chunk for " + std::to_string(count) + " faces";
    FontChunk chunk;
    std::size_t offset = 4 * (count + 1);
    constexpr std::size_t kSameAsFace = 0x80000000u;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t size = u32_at(4 * (i + 1));
        if (size & kSameAsFace) {
            const std::size_t face = size & ~kSameAsFace;
            if (face >= i)
                return file + ": face " + std::to_string(i + 1) + " takes the font of face " + std::to_string(face + 1) +
                       ", which is not before it";
            chunk.faces.push_back(chunk.faces[face]);
            continue;
        }
        const bool truetype = size >= 4 && offset + size <= bytes.size() && bytes[offset] == 0 && bytes[offset + 1] == 1 &&
                              bytes[offset + 2] == 0 && bytes[offset + 3] == 0;
        if (!truetype) return file + ": face " + std::to_string(i + 1) + " is not a TrueType font";
        chunk.faces.emplace_back(offset, size);
        offset += size;
    }
    for (const FontChunk& held : app.font_chunks)
        if (held.file == file) return "";  // already merged
    chunk.file = std::move(file);
    chunk.bytes = std::move(bytes);
    // The base comes first: the faces' own fonts, which the chunks are merged into.
    const bool base = chunk.file == base_font_file();
    app.font_chunks.insert(base ? app.font_chunks.begin() : app.font_chunks.end(), std::move(chunk));
    app.fonts_stale = true;
    return "";
}

namespace {

// How much of the article's text a first frame may show, in ideographs: about 500 in the
// article's column at 1280x800 (22 lines of 23) or in a phone's article tab, twice that
// for taller screens.
constexpr std::size_t kFirstScreenCharacters = 1000;
// A quote card shows its words' opening lines.
constexpr std::size_t kQuoteOpeningCharacters = 120;

// Appends the code points of `text`'s first `limit` characters.
void add_characters(std::vector<char32_t>& to, std::string_view text, std::size_t limit = std::string_view::npos) {
    for (std::size_t at = 0; at < text.size() && limit > 0; --limit) to.push_back(next_code_point(text, at));
}

// What a first frame may show, as app_first_screen_font_files says.
std::vector<char32_t> first_screen_characters(const App& app) {
    const Pack& pack = app.store.pack();
    std::vector<char32_t> shown;
    add_characters(shown, pack.article.headline);
    add_characters(shown, pack.article.source);
    add_characters(shown, pack.article.attribution);
    for (const Correction& correction : pack.article.corrections) add_characters(shown, correction.text);
    for (const Entity& entity : pack.entities) {
        add_characters(shown, entity.name);
        add_characters(shown, entity.text, kQuoteOpeningCharacters);
    }
    const std::size_t top = pack.paragraph_index(app.store.view().article_paragraph).value_or(0);
    std::size_t budget = kFirstScreenCharacters;
    for (std::size_t i = top; i < pack.article.paragraphs.size() && budget > 0; ++i) {
        const std::size_t before = shown.size();
        add_characters(shown, pack.article.paragraphs[i].text, budget);
        budget -= shown.size() - before;
    }
    sort_items(shown);
    shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
    return shown;
}

} // namespace

std::vector<std::string> app_first_screen_font_files(App& app) {
    std::vector<std::string> files = app_font_files_needed(app);
    if (!app.cjk_groups) return files;  // the groups' index first (or none is needed)
    // The CJK files among them that hold a character of the first screen: its group when
    // that is among them, else its chunk. The other scripts' files are few.
    std::vector<std::string> first;
    const auto needed = [&](const std::string& file) { return std::find(files.begin(), files.end(), file) != files.end(); };
    for (const char32_t cp : first_screen_characters(app)) {
        const int group = app.cjk_groups->group_of(cp);
        std::string file = group >= 0 ? CjkGroups::file(group) : std::string();
        if (!needed(file)) file = font_file_of(cp);
        if (needed(file) && std::find(first.begin(), first.end(), file) == first.end()) first.push_back(std::move(file));
    }
    std::erase_if(files, [&](const std::string& file) {
        return file.ends_with("-cjk.bin") && std::find(first.begin(), first.end(), file) == first.end();
    });
    return files;
}

bool app_await_font_files(App& app, bool awaiting) {
    if (app.awaiting_font_files == awaiting) return false;
    app.awaiting_font_files = awaiting;
    // What is missing is drawn blank from now on, or what was drawn blank as "?".
    const bool rebuild = !(awaiting ? app.missing_glyphs : app.awaited_glyphs).empty();
    app.fonts_stale = app.fonts_stale || rebuild;
    return rebuild;
}

bool app_draws_awaited_glyphs(const App& app, const ImDrawData& data) {
    return !app.awaited_glyphs.empty() && draws_texels_in(data, app.awaited_uv);
}

std::vector<std::string> app_font_files_needed(App& app) {
    const std::vector<char32_t>& characters = app.store.pack().characters;
    std::vector<std::string> files;
    if (!app.cjk_groups && !app.cjk_groups_asked && wants_cjk_groups(characters)) {
        app.cjk_groups_asked = true;
        files.emplace_back(cjk_groups_index_file());
        // The other scripts' chunks meanwhile; the CJK ones once the index has come, or failed.
        for (std::string& file : font_files_for(characters))
            if (!file.ends_with("-cjk.bin")) files.push_back(std::move(file));
    } else {
        files = font_files_for(characters, app.cjk_groups ? &*app.cjk_groups : nullptr);
    }
    for (const FontChunk& held : app.font_chunks) std::erase(files, held.file);
    return files;
}

// [SECTION] Themes ------------------------------------------------------------------------

namespace {

constexpr ImU32 rgb(std::uint32_t hex) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}

// The colours are defined once, as plain numbers, in src/core/theme_colors.h.
Theme make_theme(bool dark) {
    const ThemeColors& c = dark ? kDarkTheme : kLightTheme;
    Theme t{};
    t.dark = dark;
    t.background = rgb(c.background); t.panel = rgb(c.panel); t.panel_alt = rgb(c.panel_alt);
    t.text = rgb(c.text); t.text_muted = rgb(c.text_muted); t.rule = rgb(c.rule);
    t.accent = rgb(c.accent); t.accent_text = rgb(c.accent_text);
    t.selection_fill = rgb(c.selection_fill); t.hover_fill = rgb(c.hover_fill); t.focus_ring = rgb(c.focus_ring);
    t.land = rgb(c.land); t.land_highlight = rgb(c.land_highlight); t.sea = rgb(c.sea);
    t.border = rgb(c.border); t.coast = rgb(c.coast); t.map_label = rgb(c.map_label);
    for (int i = 0; i < kEntityKindCount; ++i) t.kind[i] = rgb(c.kind[i]);
    return t;
}

void apply_imgui_style(const Theme& t) {
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.WindowRounding = 0;
    style.FrameRounding = 4;
    style.PopupRounding = 6;
    style.PopupBorderSize = 1;
    style.ItemSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 10;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(t.background);
    c[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(t.panel);
    c[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(t.panel);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(t.rule);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(t.text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(t.text_muted);
    c[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(t.panel_alt);
    c[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(t.hover_fill);
    c[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(t.selection_fill);
    c[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(t.panel_alt);
    c[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(t.focus_ring);
}

} // namespace

// [SECTION] Pack and actions ---------------------------------------------------------------

ChangeRecord app_set_pack(App& app, Pack pack) {
    app.fonts_stale = true;  // the atlas holds the pack's characters
    return app.store.set_pack(std::move(pack));
}

namespace {

// Whether the atlas's ranges (first and last of each run, then 0) hold every character
// of `names`.
bool ranges_hold(const ImVector<ImWchar>& ranges, const std::vector<std::string>& names) {
    for (const std::string& name : names)
        for (std::size_t at = 0; at < name.size();) {
            const char32_t cp = next_code_point(name, at);
            bool held = false;
            for (int i = 0; i + 1 < ranges.Size && !held; i += 2) held = ranges[i] <= cp && cp <= ranges[i + 1];
            if (!held) return false;
        }
    return true;
}

void set_basemap_names(App& app, std::vector<std::string> names) {
    if (names == app.basemap_names) return;
    app.basemap_names = std::move(names);
    // The atlas holds the country names' characters. The bundled basemap's are among the
    // app's own (kUiCharacters), so a basemap that arrives after the first frame (a
    // phone's, page.js) rebuilds nothing.
    if (!ranges_hold(app.glyph_ranges, app.basemap_names)) app.fonts_stale = true;
}

} // namespace

void app_set_basemap(App& app, std::optional<Basemap> basemap) {
    std::vector<std::string> names;
    if (basemap)
        for (const Country& country : basemap->countries) names.push_back(country.name);
    set_basemap_names(app, std::move(names));
    app.basemap_file.clear();
    app.basemap = std::move(basemap);
    ++app.basemap_revision;
}

std::string app_set_basemap_file(App& app, std::vector<std::uint8_t> file) {
    std::string error;
    std::optional<std::vector<std::string>> names = basemap_country_names(file.data(), file.size(), &error);
    if (!names) {
        app_set_basemap(app, std::nullopt);
        return error;
    }
    set_basemap_names(app, std::move(*names));
    app.basemap.reset();
    app.basemap_file = std::move(file);
    app.basemap_error.clear();
    ++app.basemap_revision;
    return "";
}

const Basemap* app_basemap(App& app) {
    if (!app.basemap_file.empty()) {
        std::string error;
        std::optional<Basemap> basemap = parse_basemap(app.basemap_file.data(), app.basemap_file.size(), &error);
        std::vector<std::uint8_t>().swap(app.basemap_file);  // its memory back
        if (!basemap) app.basemap_error = error;
        app.basemap = std::move(basemap);
        ++app.basemap_revision;
    }
    return app.basemap ? &*app.basemap : nullptr;
}

void app_set_basemap_tile(App& app, int tile, std::optional<Basemap> basemap) {
    assert(tile >= 0 && tile < kDetailTileCount && "a detail tile of the grid");
    const std::size_t t = static_cast<std::size_t>(tile);
    app.basemap_detail.tiles[t] = std::move(basemap);
    ++app.basemap_detail.revisions[t];
}

ChangeRecord app_dispatch(App& app, std::span<const Action> actions, ChangeSource source, double now_seconds) {
    ChangeRecord record = app.store.dispatch(actions, source, now_seconds);
    if (record.follow_selection) app.selection_changed_by_user = true;
    return record;
}

ChangeRecord app_dispatch(App& app, const Action& action, ChangeSource source, double now_seconds) {
    return app_dispatch(app, std::span<const Action>(&action, 1), source, now_seconds);
}

// [SECTION] Layout helpers -----------------------------------------------------------------

namespace {

constexpr float kSplitter = 6;
constexpr float kTabPadding = 8;      // the least room beside a tab's title
constexpr float kMinColumn = 260;     // CSS px either column keeps in the wide layout
constexpr float kMinRow = 90;         // CSS px each stacked panel keeps

// The panels' states and shares, made on the first frame from the table.
void ensure_panels(App& app) {
    const std::span<const PanelEntry> table = panel_table();
    if (app.panels.size() == table.size()) return;
    app.panels.clear();
    app.panel_shares.clear();
    for (const PanelEntry& entry : table) {
        app.panels.push_back(entry.make_state());
        app.panel_shares.push_back(entry.share);
    }
}

std::size_t row_of(std::string_view panel) {
    const std::span<const PanelEntry> table = panel_table();
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table[i].id == panel) return i;
    return 0;
}

// Tab order across panels (the table's order); `tab` skips panels without items to
// walk, F6 visits every panel.
const char* neighbour_panel(std::string_view from, int direction, bool tab) {
    const std::span<const PanelEntry> table = panel_table();
    const int n = static_cast<int>(table.size());
    int at = static_cast<int>(row_of(from));
    do at = (at + direction + n) % n;
    while (tab && !table[static_cast<std::size_t>(at)].tab_stops);
    return table[static_cast<std::size_t>(at)].id;
}

void move_keyboard(App& app, const char* to, int entry, bool narrow, Actions& actions) {
    app.keyboard_panel = to;
    app.focus_entry = entry;
    if (narrow) actions.push(SetPanelAction{to});  // one panel at a time: show it
}

// A draggable splitter; returns the new position along its axis.
float splitter(const char* id, ImVec2 pos, ImVec2 size, bool vertical, float value, const PanelContext& ctx) {
    const Theme& theme = ctx.theme;
    ImGui::SetCursorScreenPos(pos);
    ImGui::InvisibleButton(id, size);
    ctx.pointer->area(pos, size);
    const bool active = ImGui::IsItemActive();
    if (ImGui::IsItemHovered() || active)
        ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 colour = active || ImGui::IsItemHovered() ? theme.focus_ring : theme.rule;
    if (vertical)
        draw->AddLine(ImVec2(pos.x + size.x * 0.5f, pos.y), ImVec2(pos.x + size.x * 0.5f, pos.y + size.y), colour,
                      active ? 2.0f : 1.0f);
    else
        draw->AddLine(ImVec2(pos.x, pos.y + size.y * 0.5f), ImVec2(pos.x + size.x, pos.y + size.y * 0.5f), colour,
                      active ? 2.0f : 1.0f);
    if (active) value += vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
    return value;
}

// Like :focus-visible: the keyboard's frame shows once the reader uses the keyboard,
// and goes away at the next click or tap.
void track_keyboard_use(App& app) {
    for (int key : {ImGuiKey_Tab, ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow, ImGuiKey_DownArrow,
                    ImGuiKey_PageUp, ImGuiKey_PageDown, ImGuiKey_Enter})
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false)) app.keyboard_visible = true;
    if (ImGui::IsKeyPressed(kKeyF6, false)) app.keyboard_visible = true;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseClicked[0] || io.MouseClicked[1]) app.keyboard_visible = false;
}

void draw_panel(App& app, PanelContext ctx, std::size_t row, ImVec2 origin, ImVec2 size, bool header) {
    const PanelEntry& entry = panel_table()[row];
    if (size.x < 4 || size.y < 4) return;
    ImGui::SetCursorScreenPos(origin);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.theme.panel);
    ImGui::BeginChild(entry.title, size, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleColor();
    ctx.pointer->region(origin, size);  // ImGui's hovered window
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float top = 0;
    if (header) {
        draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + kHeaderHeight), ctx.theme.panel_alt);
        draw->AddLine(ImVec2(origin.x, origin.y + kHeaderHeight - 0.5f),
                      ImVec2(origin.x + size.x, origin.y + kHeaderHeight - 0.5f), ctx.theme.rule);
        const float text_y = origin.y + (kHeaderHeight - font_size(ctx.fonts.sans_bold)) * 0.5f;
        draw->AddText(ctx.fonts.sans_bold, font_size(ctx.fonts.sans_bold), ImVec2(origin.x + 14, text_y),
                      ctx.theme.text_muted, entry.title);
        top = kHeaderHeight;
    }
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        (ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1)))
        app.keyboard_panel = entry.id;
    ctx.keyboard_focus = app.keyboard_panel == entry.id;
    ctx.focus_entry = ctx.keyboard_focus ? app.focus_entry : 0;
    int handover = 0;
    ctx.focus_handover = &handover;
    entry.draw(ctx, *app.panels[row], ImVec2(origin.x, origin.y + top), ImVec2(size.x, size.y - top));
    if (ctx.keyboard_focus) app.focus_entry = 0;
    if (handover != 0) move_keyboard(app, neighbour_panel(entry.id, handover, true), handover, ctx.narrow, ctx.actions);
    track_keyboard_use(app);
    if (ctx.keyboard_focus && app.keyboard_visible)
        draw->AddRect(ImVec2(origin.x + 1, origin.y + 1), ImVec2(origin.x + size.x - 1, origin.y + size.y - 1),
                      with_alpha(ctx.theme.focus_ring, 80.0f / 255), 0, 0, 2);
    ImGui::EndChild();
}

// Phones: a tab per panel along the top, the open panel under it.
void draw_tabs(App& app, Actions& actions, const Theme& theme, ImVec2 origin, float width, float chrome_width) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + kTabHeight), theme.panel_alt);
    const std::span<const PanelEntry> table = panel_table();
    // The page's share button sits over the bar's right end.
    const float tab_width = std::max(0.0f, width - chrome_width) / static_cast<float>(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const PanelEntry& entry = table[i];
        const ImVec2 pos(origin.x + tab_width * static_cast<float>(i), origin.y);
        ImGui::SetCursorScreenPos(pos);
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::InvisibleButton("tab", ImVec2(tab_width, kTabHeight))) {
            actions.push(SetPanelAction{entry.id});
            app.keyboard_panel = entry.id;
        }
        ImGui::PopID();
        const bool open = app.store.view().panel == entry.id;
        ImFont* font = open ? app.fonts.sans_bold : app.fonts.sans;
        // A title wider than its tab (320 CSS px, or 200% zoom) is drawn smaller, never clipped.
        const float natural = text_size(font, entry.title).x;
        const float size = natural > tab_width - kTabPadding ? font_size(font) * (tab_width - kTabPadding) / natural : font_size(font);
        const ImVec2 text = font->CalcTextSizeA(size, FLT_MAX, 0, entry.title);
        const ImVec2 text_pos(pos.x + (tab_width - text.x) * 0.5f, pos.y + (kTabHeight - text.y) * 0.5f);
        draw->AddText(font, size, text_pos, open ? theme.text : theme.text_muted, entry.title);
        app.located.push_back({app.located.keep(std::string("tab-label:") + entry.id), "tabs", text_pos.x, text_pos.y, text.x, text.y});
        if (open)
            draw->AddRectFilled(ImVec2(pos.x + 8, pos.y + kTabHeight - 3), ImVec2(pos.x + tab_width - 8, pos.y + kTabHeight),
                                theme.accent);
        app.located.push_back({app.located.keep(std::string("tab:") + entry.id), "tabs", pos.x, pos.y, tab_width, kTabHeight});
    }
    draw->AddLine(ImVec2(origin.x, origin.y + kTabHeight - 0.5f), ImVec2(origin.x + width, origin.y + kTabHeight - 0.5f),
                  theme.rule);
}

void draw_narrow(App& app, const PanelContext& ctx, const FrameInfo& info) {
    // A panel clears its own hover only while it is drawn: the hover of the panel a tab
    // just closed (its marker under the pointer, its keyboard focus) would stay lit in the
    // open one, with nothing left to clear it.
    if (app.narrow_panel_drawn != app.store.view().panel) {
        if (!app.narrow_panel_drawn.empty() && !app.store.view().hover.empty()) ctx.actions.push(HoverAction{""});
        app.narrow_panel_drawn = app.store.view().panel;
    }
    draw_tabs(app, ctx.actions, ctx.theme, ImVec2(0, 0), info.width, info.chrome_width);
    const std::size_t row = row_of(app.store.view().panel);
    const ImVec2 size(info.width, info.height - kTabHeight);
    draw_panel(app, ctx, row, ImVec2(0, kTabHeight), size, false);
    const std::span<const PanelEntry> table = panel_table();
    PanelContext unseen = ctx;
    for (std::size_t r = 0; r < table.size(); ++r)
        if (r != row && table[r].follow_unseen) table[r].follow_unseen(unseen, *app.panels[r], size);
}

// The first panel on the left; the others stacked on the right, the last taking the
// rest. Each splitter moves the edge between two neighbours.
void draw_wide(App& app, const PanelContext& ctx, const FrameInfo& info) {
    const std::size_t n = panel_table().size();
    std::vector<float>& shares = app.panel_shares;
    float split_x = std::clamp(info.width * shares[0], kMinColumn, info.width - kMinColumn);
    split_x = splitter("##split-column", ImVec2(split_x - kSplitter * 0.5f, 0), ImVec2(kSplitter, info.height), true, split_x, ctx);
    shares[0] = std::clamp(split_x / info.width, 0.2f, 0.8f);
    draw_panel(app, ctx, 0, ImVec2(0, 0), ImVec2(split_x - kSplitter * 0.5f, info.height), false);
    if (n < 2) return;

    const float right_x = split_x + kSplitter * 0.5f, right_w = info.width - right_x;
    // Edges between the stacked panels, top to bottom: edges[k] is panel k's top.
    std::vector<float> edges(n + 1);
    edges[1] = 0;
    edges[n] = info.height;
    for (std::size_t k = 1; k + 1 < n; ++k) {
        const float rest = static_cast<float>(n - 1 - k) * kMinRow;  // rows still to come
        edges[k + 1] = std::clamp(edges[k] + info.height * shares[k], edges[k] + kMinRow, info.height - rest);
    }
    for (std::size_t k = 1; k < n; ++k) {
        const float top = edges[k] + (k > 1 ? kSplitter * 0.5f : 0), bottom = edges[k + 1] - (k + 1 < n ? kSplitter * 0.5f : 0);
        draw_panel(app, ctx, k, ImVec2(right_x, top), ImVec2(right_w, bottom - top), true);
    }
    for (std::size_t k = 2; k < n; ++k) {
        ImGui::PushID(static_cast<int>(k));
        edges[k] = splitter("##split-row", ImVec2(right_x, edges[k] - kSplitter * 0.5f), ImVec2(right_w, kSplitter), false,
                            edges[k], ctx);
        ImGui::PopID();
    }
    for (std::size_t k = 1; k + 1 < n; ++k) shares[k] = std::clamp((edges[k + 1] - edges[k]) / info.height, 0.1f, 0.75f);
}

// Whether a frame's actions change what the next frame shows. The map's report of its
// own size does not: the panel drew its opening view at that size already (begin_view),
// and the store's opening view follows it.
bool shows_new_state(std::span<const Action> actions) {
    return std::any_of(actions.begin(), actions.end(),
                       [](const Action& action) { return !std::holds_alternative<SetMapSizeAction>(action); });
}

PanelContext frame_context(App& app, const FrameInfo& info, const Theme& theme, Actions& actions, FrameResult& result) {
    const Linked& selected = app.selected_links.get(app.store.pack(), app.store.pack_revision(), app.store.view().selection, app.link_index);
    const Linked& hovered = app.hovered_links.get(app.store.pack(), app.store.pack_revision(), app.store.view().hover, app.link_index);
    PanelContext ctx{app.store.pack(), app.basemap ? &*app.basemap : nullptr, app.store.view(), app.store.defaults(), selected,
                     hovered, actions, app.fonts, theme};
    ctx.pack_revision = app.store.pack_revision();
    ctx.fonts_revision = app.fonts_revision;
    ctx.basemap_revision = app.basemap_revision;
    ctx.time = info.time;
    ctx.dpr = info.dpr;
    ctx.reduced_motion = info.reduced_motion;
    ctx.selection_changed_by_user = app.selection_changed_by_user;
    ctx.touch = ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_IsTouchScreen;
    ctx.gesture = &info.gesture;
    ctx.click_count = info.click_count;
    ctx.press_held_seconds = info.press_held_seconds;
    ctx.located = &app.located;
    ctx.pointer = &app.pointer_zones;
    ctx.basemap_detail = &app.basemap_detail;
    ctx.layouts = &app.layouts;
    ctx.paragraph_layouts = &app.paragraph_layouts;
    ctx.reading = &app.reading;
    ctx.editing = app.editing;
    ctx.animating = &result.animating;
    ctx.open_url = &result.open_url;
    ctx.narrow = info.width <= kNarrowWidth;
    return ctx;
}

} // namespace

bool app_draws_map(const App& app, float width) {
    return width > kNarrowWidth || std::string_view(panel_table()[row_of(app.store.view().panel)].id) == "map";
}

// [SECTION] Frame ------------------------------------------------------------------------------

void app_drop_draw_caches(App& app) {
    for (const std::unique_ptr<PanelState>& panel : app.panels) panel->drop_draw_caches();
}

FrameResult app_frame(App& app, const FrameInfo& info) {
    FrameResult result;
    const Theme theme = make_theme(info.dark);
    if (app.style_dark != info.dark) {
        apply_imgui_style(theme);
        app.style_dark = info.dark;
    }
    ensure_panels(app);
    Actions actions;
    app.located.start(app.store.pack_revision());
    app.pointer_zones.start();
    if (app.editing) app.pointer_zones.anywhere();  // the editor's gestures read the pointer in their own ways
    if (app_draws_map(app, info.width)) app_basemap(app);
    const PanelContext ctx = frame_context(app, info, theme, actions, result);
    app.selection_changed_by_user = false;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(info.width, info.height));
    // No background: the renderer clears to WindowBg, and the window's own would paint
    // every pixel of the canvas a second time (half a phone frame's fill on the GPU).
    ImGui::Begin("##explainer", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBackground);
    show_find_match(ctx);
    if (ctx.narrow) {
        draw_narrow(app, ctx, info);
    } else {
        app.narrow_panel_drawn.clear();
        draw_wide(app, ctx, info);
    }
    // F6 / Shift+F6 move the keyboard between panels (the page must not scroll for it).
    if (ImGui::IsKeyPressed(kKeyF6, false))
        move_keyboard(app, neighbour_panel(app.keyboard_panel, ImGui::GetIO().KeyShift ? -1 : 1, false), 0, ctx.narrow, actions);
    // Escape clears the selection from anywhere.
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !ctx.state.selection.empty())
        actions.push(SelectAction{""});
    ImGui::End();

    // Every action of the frame reaches the store as one change.
    result.change = app_dispatch(app, actions.pending, ChangeSource::Reader, info.time);
    if (shows_new_state(actions.pending)) result.animating = true;  // show the new state at once
    return result;
}

} // namespace explainer::ui
