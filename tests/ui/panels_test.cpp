// The reader's panels, headless, with every assertion on (src/ui's asserts, Dear ImGui's
// IM_ASSERTs, the core's, under ASan and UBSan): each test pack is drawn at a desktop,
// a tablet at DPR 2 and two phone sizes, and read with the pointer, the wheel, the keys
// and a finger. A failed assertion aborts the test with its message. A few outcomes a
// reader would see are checked through the store: a click on a place selects it, a tab
// opens its panel, a drag pans the map, the wheel scrolls the article.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/scripts.h"
#include "headless.h"
#include "ui/drawing.h"
#include "ui/layout.h"
#include "ui/panel.h"

namespace explainer::ui::testing {
namespace {

struct Size {
    float width, height, dpr;
};
constexpr Size kDesktop{1280, 800, 1}, kTablet{1024, 700, 2}, kPhone{390, 844, 3}, kSmallPhone{320, 568, 2};

// The pointer over a grid of the canvas, as a reader's mouse wanders.
void wander(Headless& h, int columns, int rows) {
    for (int row = 0; row < rows; ++row)
        for (int column = 0; column < columns; ++column)
            h.move(ImVec2(h.info.width * (column + 0.5f) / columns, h.info.height * (row + 0.5f) / rows));
}

// A click on a few of the entities each panel drew (markers, labels, quote cards), then on
// the map's buttons.
void click_entities(Headless& h, std::size_t per_panel) {
    std::vector<LocatedRect> targets;
    std::set<std::string> seen;
    std::map<std::string, std::size_t> in_panel;
    for (const LocatedRect& r : h.app.located) {
        if (r.w <= 0 || r.h <= 0 || r.id == "map:view" || !seen.insert(std::string(r.panel) + "/" + std::string(r.id.text)).second) continue;
        if (in_panel[std::string(r.panel)]++ < per_panel) targets.push_back(r);  // used for its place only
    }
    for (const LocatedRect& r : targets) {
        h.click(Headless::centre(r));
        h.settle();
    }
}

void press_keys(Headless& h) {
    for (int i = 0; i < 6; ++i) h.key(ImGuiKey_Tab);
    h.key(ImGuiKey_Tab, true);
    for (ImGuiKey key : {ImGuiKey_DownArrow, ImGuiKey_RightArrow, ImGuiKey_Enter, ImGuiKey_UpArrow, ImGuiKey_LeftArrow,
                         ImGuiKey_PageDown, ImGuiKey_End, ImGuiKey_PageUp, ImGuiKey_Home, ImGuiKey_Space, ImGuiKey_Escape})
        h.key(key);
    for (int i = 0; i < 4; ++i) {
        h.key_index(kKeyF6);
        for (int index : {kKeyPlus, kKeyMinus, kKeyZero}) h.key_index(index);
        for (ImGuiKey key : {ImGuiKey_Tab, ImGuiKey_DownArrow, ImGuiKey_Enter, ImGuiKey_RightArrow, ImGuiKey_Delete})
            h.key(key);
    }
    h.key_index(kKeyF6, true);
    h.settle();
}

// Everything a reader's hands do, at the current size.
void read_with_everything(Headless& h) {
    h.settle();
    wander(h, 5, 4);
    click_entities(h, 3);
    const float w = h.info.width, ht = h.info.height;
    for (const ImVec2 at : {ImVec2(w * 0.25f, ht * 0.5f), ImVec2(w * 0.75f, ht * 0.2f), ImVec2(w * 0.75f, ht * 0.55f),
                            ImVec2(w * 0.75f, ht * 0.85f)}) {
        h.wheel(at, -3);
        h.wheel(at, 1.5f);
        h.double_click(at);
        h.drag(at, ImVec2(at.x - 60, at.y + 40));
        h.settle();
    }
    press_keys(h);
    // A finger: a tap, a swipe and a pinch.
    h.touch_screen(true);
    h.click(ImVec2(w * 0.3f, ht * 0.6f));
    h.drag(ImVec2(w * 0.3f, ht * 0.7f), ImVec2(w * 0.3f, ht * 0.3f), 5);
    h.leave();
    for (int i = 0; i < 4; ++i) h.pinch(ImVec2(w * 0.7f, ht * 0.4f), i < 2 ? 1.2f : 0.8f);
    h.touch_screen(false);
    h.settle();
    // On a phone, every tab.
    if (w <= kNarrowWidth)
        for (const PanelEntry& entry : panel_table()) {
            if (const auto tab = h.located(std::string("tab:") + entry.id, "tabs")) h.click(Headless::centre(*tab));
            h.settle();
            wander(h, 3, 4);
            click_entities(h, 2);
        }
    h.leave();
    h.settle();
}

// [SECTION] Every pack at every size -------------------------------------------------------

class EveryPack : public ::testing::TestWithParam<const char*> {};

TEST_P(EveryPack, ReadAtEverySizeWithoutAFailedAssertion) {
    const std::string name = GetParam();
    const std::string path = name == "seed" ? kSeed : name == "long" ? std::string(EXPLAINER_LONG_PACK) : test_pack(name);
    // The seed at four sizes; the long pack on a desktop and the smallest phone; the
    // others on a desktop and a phone.
    std::vector<Size> sizes{kDesktop, kPhone};
    if (name == "seed") sizes = {kDesktop, kTablet, kPhone, kSmallPhone};
    if (name == "long") sizes = {kDesktop, kSmallPhone};
    Headless h(sizes.front().width, sizes.front().height, sizes.front().dpr);
    h.set_pack(path);
    for (const Size& size : sizes) {
        h.resize(size.width, size.height, size.dpr);
        read_with_everything(h);
    }
    EXPECT_GT(h.frames, 200);
}

INSTANTIATE_TEST_SUITE_P(Packs, EveryPack,
                         ::testing::Values("seed", "long", "beijing-shanghai-zh", "both-poles", "bridge-five-centuries", "capitals-own-scripts", "centuries-of-names", "corrected-pack", "crowded-night",
                                           "evening-by-minute", "greek-cyrillic-nested", "hebrew-arabic", "indian-ocean-tsunami", "long-event-names", "nested-mentions", "nunavut-cherokee-tamazight", "pacific-crossing",
                                           "second-pack", "southern-americas", "text-only", "tokyo-seoul-beijing", "treaty-of-tordesillas"),
                         [](const auto& info) {
                             std::string n = info.param;
                             for (char& c : n) if (c == '-') c = '_';
                             return n;
                         });

// The letters of the scripts with fonts of their own have glyphs in every face, the
// headline's bold too: the italic of the quotes takes the upright letters, a script
// without a serif font (Cherokee, Canadian syllabics, Tifinagh) its sans letters, one
// without a bold (Tifinagh) its regular ones. Each script's letters are as tall in the
// face they are merged into as a Latin capital (the fonts' metrics are one family's: no
// script is drawn at another scale).
struct OwnScripts {
    const char* pack;
    std::vector<char32_t> letters;  // a capital or tall letter of each script the pack uses
    char32_t headline_letter;       // one the headline sets in the bold serif
    friend void PrintTo(const OwnScripts& scripts, std::ostream* out) { *out << scripts.pack; }
};

class ScriptsWithFontsOfTheirOwn : public ::testing::TestWithParam<OwnScripts> {};

TEST_P(ScriptsWithFontsOfTheirOwn, AreDrawnWithGlyphsOfTheirOwnInEveryFace) {
    Headless h(kDesktop.width, kDesktop.height, 2);
    h.set_pack(test_pack(GetParam().pack));
    h.settle();
    EXPECT_TRUE(h.app.missing_glyphs.empty()) << h.app.missing_glyphs.size() << " characters drawn as \"?\"";
    const Fonts& f = h.app.fonts;
    const auto height = [](const ImFont* font, char32_t cp) {
        const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(cp));
        return glyph ? glyph->Y1 - glyph->Y0 : 0.0f;
    };
    for (const ImFont* font : {f.serif, f.serif_italic, f.sans, f.sans_bold})
        for (char32_t cp : GetParam().letters) {
            EXPECT_GT(height(font, cp), 0.6f * height(font, 'E')) << code_point_name(cp);
            EXPECT_LT(height(font, cp), 1.6f * height(font, 'E')) << code_point_name(cp);
        }
    const char32_t headline = GetParam().headline_letter;
    EXPECT_NE(f.serif_bold->FindGlyphNoFallback(static_cast<ImWchar>(headline)), nullptr) << "the headline's " << code_point_name(headline);
}

INSTANTIATE_TEST_SUITE_P(Packs, ScriptsWithFontsOfTheirOwn,
                         ::testing::Values(
                             // Ե (Armenian capital), თ (Georgian), አ (Ethiopic)
                             OwnScripts{"capitals-own-scripts", {U'\u0535', U'\u10D7', U'\u12A0'}, U'\u10D7'},
                             // ᐃ (Canadian syllabics), Ꮳ (Cherokee), ⵜ (Tifinagh, regular only)
                             OwnScripts{"nunavut-cherokee-tamazight", {U'\u1403', U'\u13E3', U'\u2D5C'}, U'\u2D5C'},
                             // ל (Hebrew lamed), ﻟ (Arabic lam, initial: a form the pack's text does not hold)
                             OwnScripts{"hebrew-arabic", {U'\u05DC', U'\uFEDF'}, U'\uFEDF'},
                             // 東 (an ideograph), オ (katakana), 서 (a Hangul syllable): one
                             // CJK font in every face, from the build's chunks
                             OwnScripts{"tokyo-seoul-beijing", {U'\u6771', U'\u30AA', U'\uC11C'}, U'\u6771'}),
                         [](const auto& info) {
                             return std::string(info.index == 0   ? "ArmenianGeorgianEthiopic"
                                                : info.index == 1 ? "SyllabicsCherokeeTifinagh"
                                                : info.index == 2 ? "HebrewArabic"
                                                                  : "ChineseJapaneseKorean");
                         });

// A new pack in the same app (the editor's and the demo's switch): caches keyed on the
// old pack's revision must not be read with the new one.
TEST(Panels, SwitchingPacksKeepsEveryPanelConsistent) {
    Headless h(kDesktop.width, kDesktop.height);
    for (const std::string& path : {kSeed, test_pack("greek-cyrillic-nested"), test_pack("text-only"), test_pack("pacific-crossing")}) {
        h.set_pack(path);
        h.settle();
        wander(h, 4, 3);
        click_entities(h, 1);
    }
}

// [SECTION] What a reader sees ---------------------------------------------------------------

// The first place of the pack the map drew a marker for.
std::optional<LocatedRect> a_drawn_place(const Headless& h) {
    for (const Entity& e : h.app.store.pack().entities)
        if (e.kind == EntityKind::Place)
            if (auto marker = h.located(e.id, "map")) return marker;
    return std::nullopt;
}

// A speaker's name in a quote card is located where it is drawn: a right-to-left name sits
// at the card's right, and its rectangle was the card's whole width (locate() then pointed
// a host at empty card).
TEST(Panels, ARightToLeftSpeakerIsLocatedWhereItsNameIsDrawn) {
    Headless h(kDesktop.width, kDesktop.height);
    h.set_pack(test_pack("hebrew-arabic"));
    h.settle();
    const auto name = h.located("layla", "quotes");
    const auto card = h.located("layla-quote", "quotes");
    ASSERT_TRUE(name && card) << "the first view shows Layla's quote";
    EXPECT_LT(name->w, card->w / 4) << "the name's rectangle is the name's";
    EXPECT_GT(name->x, card->x + card->w / 2) << "at the card's right, where a right-to-left name is drawn";
    EXPECT_LE(name->x + name->w, card->x + card->w);
}

// A name cut to the room beside its timeline mark ends after a whole word, with "…"; a name
// that fits is whole; where not even the first letter and "…" fit, nothing is drawn.
TEST(Panels, ANameCutToAWidthEndsAfterAWholeWordWithAnEllipsis) {
    Headless h(kDesktop.width, kDesktop.height);
    h.set_pack(kSeed);
    h.settle();
    const ImFont* font = h.app.fonts.sans_small;
    const std::string name = "The province's first school opened in the market town";
    EXPECT_EQ(cut_to_width(font, name, text_width(font, name)), name);
    const float room = text_width(font, "The province's first school opened in the mar");
    const std::string cut = cut_to_width(font, name, room);
    EXPECT_EQ(cut, "The province's first school opened in the\u2026");
    EXPECT_LE(text_width(font, cut), room);
    const std::string one_word = "Kaleidoscopically";
    const std::string within = cut_to_width(font, one_word, text_width(font, "Kaleido"));
    EXPECT_EQ(within.substr(0, 4), "Kale") << within;
    EXPECT_EQ(within.substr(within.size() - 3), "\u2026");
    EXPECT_EQ(cut_to_width(font, name, 2), "");
    // Cut between letters, never inside one: Greek letters are two bytes each.
    const std::string greek = cut_to_width(font, "Θεσσαλονίκη", text_width(font, "Θεσσα"));
    EXPECT_TRUE(greek == "Θεσσ\u2026" || greek == "Θεσ\u2026" || greek == "Θε\u2026") << greek;
}

// Wrapped text outside the article (a quote card, a hover card) breaks Chinese and
// Japanese as the article does: ImGui's own wrapping cut "一二三四」" after the fourth
// ideograph and opened the next line with "」" (seen in a trial's quote cards).
TEST(Panels, WrappedChineseAndJapaneseNeverOpenALineWithClosingPunctuation) {
    Headless h(kDesktop.width, kDesktop.height);
    h.set_pack(test_pack("tokyo-seoul-beijing"));  // its characters are in the atlas
    h.settle();
    const ImFont* font = h.app.fonts.serif_italic;
    const float ideograph = text_width(font, "東");
    const std::string text = "東京東京」";
    // Four ideographs fit, not the closing bracket: the fourth goes down with it.
    const float wrap = 4.5f * ideograph;
    EXPECT_NEAR(text_span(font, text, wrap).width, 3 * ideograph, 1) << "the widest line holds three ideographs";
    EXPECT_NEAR(text_size(font, text, wrap).y, 2 * font_size(font), 1) << "two lines";
    // Unwrapped, or with room for all of it, it is one line as before.
    EXPECT_NEAR(text_size(font, text, 0).y, font_size(font), 1);
    EXPECT_NEAR(text_size(font, text, 10 * ideograph).x, text_width(font, text), 1);
}

// Nor does wrapped Latin text break inside a word: ImGui's own wrapping breaks after a
// comma or a full stop wherever it stands, and left a quote card's closing quotation mark
// alone on its last line ("…and we wait,” seen in a trial's phone quote cards) and could
// cut "3.5" or "U.S." in two.
TEST(Panels, WrappedTextNeverBreaksAfterPunctuationInsideAWord) {
    Headless h(kDesktop.width, kDesktop.height);
    h.set_pack(kSeed);
    h.settle();
    const ImFont* font = h.app.fonts.serif_italic;
    for (const std::string word : {"wait,\u201D", "3.5", "U.S.", "\"yes\"!"}) {
        const std::string text = "and we " + word;
        // Room for all but the word's last character: the whole word goes down.
        const float wrap = text_width(font, text) - 0.5f * text_width(font, word.substr(word.size() - 1));
        EXPECT_NEAR(text_size(font, text, wrap).y, 2 * font_size(font), 1) << text << ": two lines";
        EXPECT_NEAR(text_span(font, text, wrap).width, text_width(font, "and we"), 1) << text << ": the first line ends before the word";
    }
    // A comma before a space is a break as before.
    EXPECT_NEAR(text_size(font, "red, green", text_width(font, "red, gre")).y, 2 * font_size(font), 1);
}

TEST(Panels, AClickOnAPlaceSelectsItAndEscapeClearsIt) {
    Headless h(kDesktop.width, kDesktop.height);
    h.set_pack(kSeed);
    h.settle();
    const auto place = a_drawn_place(h);
    ASSERT_TRUE(place) << "the map draws the seed's places";
    ASSERT_EQ(h.view().selection, "");
    h.click(Headless::centre(*place));
    EXPECT_EQ(h.view().selection, place->id);
    h.settle();
    h.key(ImGuiKey_Escape);
    EXPECT_EQ(h.view().selection, "");
}

// Selecting a country fits its core (country_core_box): France without French Guiana and
// Reunion, which drew the seed's map out to the whole world; Tonga from Tongatapu to the
// Vava'u group, whose islands the world basemap's simplification drops, so that fitting its
// shapes left Neiafu off the map. Before the basemap arrives too.
TEST(Panels, SelectingACountryShowsItsCoreWithOrWithoutTheBasemap) {
    for (const bool basemap : {true, false}) {
        SCOPED_TRACE(basemap ? "with the basemap" : "before the basemap");
        Headless h(kDesktop.width, kDesktop.height);
        if (!basemap) app_set_basemap(h.app, std::nullopt);
        h.set_pack(kSeed);
        h.settle();
        app_dispatch(h.app, SelectAction{"france"}, ChangeSource::Api, h.info.time);
        h.settle();
        const MapView france = h.view().map;
        EXPECT_GE(france.zoom, 4.0) << "metropolitan France fills the map";
        EXPECT_TRUE(france.lat > 41 && france.lat < 52 && france.lon > -5 && france.lon < 10) << france.lat << "," << france.lon;
        EXPECT_TRUE(h.located("paris", "map"));

        h.set_pack(test_pack("fiji-tonga-samoa"));
        h.settle();
        app_dispatch(h.app, SelectAction{"tonga"}, ChangeSource::Api, h.info.time);
        h.settle();
        for (const char* town : {"nukualofa", "neiafu"}) EXPECT_TRUE(h.located(town, "map")) << town << " is on the map";
        EXPECT_FALSE(h.located("suva", "map")) << "Tonga fills the map: Fiji is beyond it";
    }
}

// A finger on a mention: lifted after a moment it is a tap, and the entity is selected;
// held past the long-press time it selects the word under it instead, with handles, and
// no entity (the time held is the platform's, FrameInfo::press_held_seconds).
TEST(Panels, AFingerLiftedSoonTapsAMentionAndOneHeldSelectsAWord) {
    Headless h(kPhone.width, kPhone.height, kPhone.dpr);
    h.touch_screen(true);
    h.set_pack(kSeed);
    h.settle();
    std::optional<LocatedRect> mention;
    for (const LocatedRect& r : h.app.located)
        if (r.panel == "article" && r.id != "article:headline" && !mention) mention = r;
    ASSERT_TRUE(mention) << "the phone's first view shows a mention";
    const ImVec2 at = Headless::centre(*mention);
    const auto hold = [&](int frames) {
        h.move(at);
        h.press(at);
        for (int i = 0; i < frames; ++i) h.frame();
        h.release(at);
        h.leave();
    };
    const ArticleSelectionState& text = h.app.reading.selection;
    hold(6);  // 0.1 s
    EXPECT_EQ(h.view().selection, mention->id);
    EXPECT_FALSE(text.handles);
    h.key(ImGuiKey_Escape);
    h.settle();
    ASSERT_EQ(h.view().selection, "");
    hold(40);  // 0.67 s
    EXPECT_EQ(h.view().selection, "") << "a long press selects words, not the entity";
    EXPECT_TRUE(text.handles);
    EXPECT_FALSE(text.selection.empty());
}

TEST(Panels, APhoneTabOpensItsPanel) {
    Headless h(kPhone.width, kPhone.height, kPhone.dpr);
    h.set_pack(kSeed);
    h.settle();
    EXPECT_EQ(h.view().panel, "article");
    for (const char* panel : {"map", "timeline", "quotes", "article"}) {
        const auto tab = h.located(std::string("tab:") + panel, "tabs");
        ASSERT_TRUE(tab) << panel;
        h.click(Headless::centre(*tab));
        EXPECT_EQ(h.view().panel, panel);
        h.settle();
    }
}

// A phone's map follows a selection made while another tab is open: the store's view (what
// getState() and a link say) is at once the one the map then opens on, with the place on
// it. It stayed on the view of the selection before, which a link carried: opened, it
// showed that place, and the map flew on only in the page where the selection was made.
TEST(Panels, APhonesHiddenMapFollowsTheSelectionInTheStoresView) {
    Headless h(kPhone.width, kPhone.height, kPhone.dpr);
    h.set_pack(kSeed);
    h.settle();
    app_dispatch(h.app, SetPanelAction{"map"}, ChangeSource::Api, h.info.time);
    app_dispatch(h.app, SelectAction{"france"}, ChangeSource::Api, h.info.time);
    h.settle();
    const MapView on_france = h.view().map;
    app_dispatch(h.app, SetPanelAction{"article"}, ChangeSource::Api, h.info.time);
    h.settle();
    app_dispatch(h.app, SelectAction{"ramadi"}, ChangeSource::Api, h.info.time);
    h.settle();
    const MapView unseen = h.view().map;
    EXPECT_FALSE(same_map_view(unseen, on_france)) << "the store's view moved with the selection";
    EXPECT_NEAR(unseen.lat, 33.42, 0.5);
    EXPECT_NEAR(unseen.lon, 43.31, 0.5);
    app_dispatch(h.app, SetPanelAction{"map"}, ChangeSource::Api, h.info.time);
    h.settle();
    EXPECT_TRUE(same_map_view(h.view().map, unseen)) << "the map opens on that view, and stays";
    EXPECT_TRUE(h.located("ramadi", "map"));
}

// A phone's article follows a selection made on another tab the same way: the store's
// paragraph (the link's `p`) is at once the one the article then opens on, with the
// selection's mention in view. It stayed on the paragraph before, so a link made then
// opened the article at its top, far from the selection.
TEST(Panels, APhonesHiddenArticleFollowsTheSelectionInTheStoresParagraph) {
    Headless h(kPhone.width, kPhone.height, kPhone.dpr);
    h.set_pack(kSeed);
    h.settle();
    const std::string top = h.view().article_paragraph;
    app_dispatch(h.app, SetPanelAction{"map"}, ChangeSource::Api, h.info.time);
    h.settle();
    app_dispatch(h.app, SelectAction{"baiji-refinery"}, ChangeSource::Api, h.info.time);
    h.settle();
    const std::string unseen = h.view().article_paragraph;
    EXPECT_NE(unseen, top) << "the store's paragraph moved with the selection";
    app_dispatch(h.app, SetPanelAction{"article"}, ChangeSource::Api, h.info.time);
    h.settle();
    EXPECT_EQ(h.view().article_paragraph, unseen) << "the article opens on that paragraph, and stays";
    const auto mention = h.located("baiji-refinery", "article");
    ASSERT_TRUE(mention) << "the selection's mention is in view";
    EXPECT_TRUE(mention->y >= 0 && mention->y + mention->h <= kPhone.height) << mention->y;
}

// A dozen speakers' filter chips take one row of the quotes panel under the map and
// timeline at 1280x800 (170 px: two rows left the cards one line, a trial's pack of
// twelve quotes), and two rows of a phone's quotes tab; the others scroll within them.
TEST(Panels, SpeakerChipsLeaveAShortQuotesPanelItsCards) {
    const auto chip_rows = [](const Headless& h) {
        std::set<float> rows;
        for (const LocatedRect& r : h.app.located)
            if (r.panel == "quotes" && r.id.text.starts_with("quote-filter:")) rows.insert(r.y);
        return rows.size();
    };
    Headless desktop(kDesktop.width, kDesktop.height);
    desktop.set_pack(EXPLAINER_LONG_PACK);  // four copies of the seed: a dozen speakers
    desktop.settle();
    EXPECT_EQ(chip_rows(desktop), 1u);
    Headless phone(kPhone.width, kPhone.height, kPhone.dpr);
    phone.set_pack(EXPLAINER_LONG_PACK);
    phone.settle();
    const auto tab = phone.located("tab:quotes", "tabs");
    ASSERT_TRUE(tab);
    phone.click(Headless::centre(*tab));
    phone.settle();
    EXPECT_EQ(chip_rows(phone), 2u);
}

TEST(Panels, ADragPansTheMapAndTheWheelZoomsIt) {
    Headless h(kDesktop.width, kDesktop.height);
    h.set_pack(kSeed);
    h.settle();
    const auto map = h.located("map:view", "map");
    ASSERT_TRUE(map);
    const MapView before = h.view().map;
    const ImVec2 centre = Headless::centre(*map);
    h.drag(centre, ImVec2(centre.x + 120, centre.y + 50));
    h.settle();
    EXPECT_LT(h.view().map.lon, before.lon) << "dragged east, the map shows what lies west";
    const double zoom = h.view().map.zoom;
    h.wheel(centre, 2);
    h.settle();
    EXPECT_GT(h.view().map.zoom, zoom);
}

#ifdef EXPLAINER_BASEMAP_FILE
// The map's caches key on the basemap's revision: a basemap that arrives (or is loaded
// again) after the map was drawn gives its countries to the pack's country-level places.
TEST(Panels, ABasemapThatArrivesLaterPlacesTheCountries) {
    Headless h(kDesktop.width, kDesktop.height);
    app_set_basemap(h.app, std::nullopt);
    h.set_pack(kSeed);
    h.settle();
    EXPECT_FALSE(h.located("iraq", "map")) << "a country without a basemap has no place on the map";
    h.set_world_basemap();
    h.settle();
    EXPECT_TRUE(h.located("iraq", "map")) << "drawn where its shape is, once the basemap came";
    // Loaded again (the same file: a new revision), then flown to a town, in the detail
    // tiles' zoom: the map is drawn from the new data and the tiles it asked for.
    h.set_world_basemap();
    app_dispatch(h.app, SelectAction{"ramadi"}, ChangeSource::Api, h.info.time);
    h.settle();
    EXPECT_GE(h.view().map.zoom, kDetailMinZoom);
    EXPECT_TRUE(std::any_of(h.app.basemap_detail.revisions.begin(), h.app.basemap_detail.revisions.end(),
                            [](std::uint64_t r) { return r > 0; }));
    EXPECT_TRUE(h.located("ramadi", "map"));
    EXPECT_TRUE(h.located("iraq", "map"));
}

// A phone opens on the article's tab, which draws no map: the basemap's lines and shapes
// wait until the map's tab is opened, but the atlas of the first frame already holds the
// country names' characters, so that opening the map does not build it again.
TEST(Panels, APhoneParsesTheBasemapWhenItOpensTheMap) {
    Headless h(kPhone.width, kPhone.height, kPhone.dpr);
    h.set_pack(kSeed);
    h.frame();
    EXPECT_FALSE(h.app.basemap) << "the article's tab needs no basemap";
    EXPECT_FALSE(h.app.basemap_file.empty());
    const std::vector<char32_t>& in_pack = h.app.store.pack().characters;
    char32_t only_in_names = 0;
    for (const std::string& name : h.app.basemap_names)
        for (std::size_t at = 0; at < name.size() && !only_in_names;) {
            const char32_t cp = next_code_point(name, at);
            if (cp > 0x7F && !std::binary_search(in_pack.begin(), in_pack.end(), cp)) only_in_names = cp;
        }
    ASSERT_NE(only_in_names, 0u) << "a country name has a character the seed lacks";
    EXPECT_TRUE(h.app.fonts.sans->FindGlyphNoFallback(static_cast<ImWchar>(only_in_names)))
        << "U+" << std::hex << static_cast<unsigned>(only_in_names) << " is in the first atlas";
    h.settle();
    EXPECT_FALSE(h.app.basemap) << "nor do the frames after it";
    const std::uint64_t atlas = h.app.fonts_revision;

    const auto tab = h.located("tab:map", "tabs");
    ASSERT_TRUE(tab);
    h.click(Headless::centre(*tab));
    h.settle();
    ASSERT_TRUE(h.app.basemap) << "the map's tab parses it";
    EXPECT_TRUE(h.app.basemap_file.empty()) << "and lets the file go";
    EXPECT_TRUE(h.located("iraq", "map")) << "drawn where its shape is";
    EXPECT_EQ(h.app.fonts_revision, atlas) << "the same atlas";

    Headless wide(kDesktop.width, kDesktop.height);
    wide.set_pack(kSeed);
    wide.frame();
    EXPECT_TRUE(wide.app.basemap) << "side by side, the first frame draws the map";
}

// A phone's page hands the basemap over after the first frame (web/page.js): the bundled
// basemap's names are among the app's own characters (tools/ui-characters.py --names), so
// the first atlas holds them and the basemap's arrival does not make it again. A basemap
// with a name the atlas lacks does.
TEST(Panels, ABasemapAfterAPhonesFirstFrameRebuildsNoAtlas) {
    Headless h(kPhone.width, kPhone.height, kPhone.dpr);
    app_set_basemap(h.app, std::nullopt);  // as a phone's page starts
    h.set_pack(kSeed);
    h.settle();
    const std::uint64_t atlas = h.app.fonts_revision;
    EXPECT_FALSE(app_draws_map(h.app, kPhone.width)) << "the article's tab";
    EXPECT_TRUE(app_draws_map(h.app, kDesktop.width));

    h.set_world_basemap();
    h.settle();
    EXPECT_EQ(h.app.fonts_revision, atlas) << "the country names' characters were in the first atlas";
    const auto tab = h.located("tab:map", "tabs");
    ASSERT_TRUE(tab);
    h.click(Headless::centre(*tab));
    h.settle();
    EXPECT_TRUE(app_draws_map(h.app, kPhone.width)) << "the map's tab";
    EXPECT_TRUE(h.located("iraq", "map")) << "the basemap is drawn";
    EXPECT_EQ(h.app.fonts_revision, atlas) << "with the same atlas";

    Basemap other;
    other.countries.push_back(Country{.id = "300", .name = "\u1F19\u03BB\u03BB\u03AC\u03C2", .label = {}, .polygons = {}, .bounds = {}});
    app_set_basemap(h.app, std::move(other));
    h.settle();
    EXPECT_NE(h.app.fonts_revision, atlas) << "a name with a character the atlas lacks makes it again";
}

// A file whose header and names are sound but whose shapes are not is refused when it is
// parsed, with the reason kept for the platform to report; the map draws without it.
TEST(Panels, ABasemapDamagedPastItsNamesFailsWhenParsed) {
    Headless h(kDesktop.width, kDesktop.height);
    std::vector<unsigned char> file = read_bytes(EXPLAINER_BASEMAP_FILE);
    file.back() ^= 0xFF;  // the last ring's last point
    EXPECT_EQ(app_set_basemap_file(h.app, file), "");
    h.set_pack(kSeed);
    h.frame();
    EXPECT_FALSE(h.app.basemap);
    EXPECT_NE(h.app.basemap_error, "");
    EXPECT_TRUE(h.located("map:view", "map"));
    EXPECT_EQ(app_set_basemap_file(h.app, std::vector<unsigned char>(file.begin(), file.begin() + 40)).find("truncated"), 0u)
        << "a cut header is refused at once";
}
#endif

TEST(Panels, TheWheelScrollsTheArticle) {
    Headless h(kDesktop.width, kDesktop.height);
    h.set_pack(EXPLAINER_LONG_PACK);
    h.settle();
    const std::string top = h.view().article_paragraph;
    for (int i = 0; i < 10; ++i) h.wheel(ImVec2(kDesktop.width * 0.25f, kDesktop.height * 0.5f), -3);
    h.settle();
    EXPECT_NE(h.view().article_paragraph, top);
}

} // namespace
} // namespace explainer::ui::testing
