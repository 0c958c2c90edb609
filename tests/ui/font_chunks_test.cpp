// A font file is checked before its faces are merged into the atlas (app_add_font_chunk):
// a CJK chunk names its one font once and has its other faces take it again; a file that
// is cut short, holds the wrong number of faces or refers to a face not before it is
// refused with what is wrong, and the atlas keeps what it had.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/index_sort.h"
#include "headless.h"
#include "ui/drawing.h"

namespace explainer::ui::testing {
namespace {

constexpr const char* kEastChunk = "fonts/u6770-cjk.bin";  // 東 (U+6771) and its 15 neighbours

std::vector<unsigned char> east_chunk() { return read_bytes(std::string(EXPLAINER_FONT_CHUNK_DIR) + "/" + kEastChunk); }

// The file with the u32 at byte `at` replaced.
std::vector<unsigned char> with_u32(std::vector<unsigned char> bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<unsigned char>(value >> (8 * i));
    return bytes;
}

} // namespace

TEST(FontChunks, ACjkChunksFacesShareItsOneFont) {
    const std::vector<unsigned char> bytes = east_chunk();
    ASSERT_GT(bytes.size(), 4 * (font_faces().size() + 1)) << kEastChunk << " is built by the fonts target";
    Headless h(800, 600);
    ASSERT_EQ(app_add_font_chunk(h.app, kEastChunk, bytes), "");
    const FontChunk& chunk = h.app.font_chunks.back();
    ASSERT_EQ(chunk.faces.size(), font_faces().size());
    for (const auto& face : chunk.faces) EXPECT_EQ(face, chunk.faces.front()) << "every face is the one font";
    // One TrueType font after the header: the file is no larger than it.
    EXPECT_EQ(chunk.faces.front().first, 4 * (font_faces().size() + 1));
    EXPECT_EQ(chunk.faces.front().first + chunk.faces.front().second, bytes.size());
}

// Wrapped text laid out as the article is (here Chinese) is kept from frame to frame
// (drawing.cpp): a chunk that brings its glyphs builds the atlas again, and the text is
// measured anew, not with the drawn-"?" widths of before.
TEST(FontChunks, TextKeptLaidOutIsMeasuredAnewWhenItsGlyphsCome) {
    Headless h(800, 600);
    app_set_pack(h.app, load_test_pack(test_pack("tokyo-seoul-beijing")));  // uses 東; its files not given yet
    h.settle();
    const std::string text = "\u6771\u6771\u6771\u6771";  // 東東東東
    const float wrap = 400;
    const ImFont* font = h.app.fonts.serif;
    const float before = text_size(font, text, wrap).x;
    ASSERT_EQ(text_size(font, text, wrap).x, before) << "kept: the same";
    ASSERT_EQ(app_add_font_chunk(h.app, kEastChunk, east_chunk()), "");
    h.settle();
    font = h.app.fonts.serif;
    const float after = text_size(font, text, wrap).x;
    EXPECT_NE(after, before) << "the ideograph's own width, not the fallback's";
    EXPECT_EQ(after, text_size(font, text, wrap + 1).x) << "as a text laid out for the first time";
}

TEST(FontChunks, AMalformedChunkIsRefusedWithWhatIsWrong) {
    const std::vector<unsigned char> bytes = east_chunk();
    ASSERT_FALSE(bytes.empty());
    Headless h(800, 600);
    const std::size_t held = h.app.font_chunks.size();
    const std::string faces = std::to_string(font_faces().size());
    // Face 2 takes face 3's font (not before it), or its own.
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 8, 0x80000002u)),
              std::string(kEastChunk) + ": face 2 takes the font of face 3, which is not before it");
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 8, 0x80000001u)),
              std::string(kEastChunk) + ": face 2 takes the font of face 2, which is not before it");
    // Another number of faces, a first face longer than the file, a file cut in its header.
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 0, 3)), std::string(kEastChunk) + ": not a font chunk for " + faces + " faces");
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, with_u32(bytes, 4, static_cast<std::uint32_t>(bytes.size()))),
              std::string(kEastChunk) + ": face 1 is not a TrueType font");
    EXPECT_EQ(app_add_font_chunk(h.app, kEastChunk, std::vector<unsigned char>(bytes.begin(), bytes.begin() + 10)),
              std::string(kEastChunk) + ": not a font chunk for " + faces + " faces");
    EXPECT_EQ(h.app.font_chunks.size(), held) << "a refused file is not merged";
}

// A pack written in Chinese (206 different ideographs) fetches the CJK groups' index, then
// takes its ideographs from the groups of the commonest characters: fewer than half the
// files and fewer bytes than their chunks would be, and every character drawn. So does a
// pack with names in Chinese, Japanese and Korean (81 ideographs and Hangul syllables),
// with less to gain. An index that fails leaves the pack its chunks.
TEST(FontChunks, APackWrittenInChineseTakesItsIdeographsFromTheCommonestGroups) {
    const auto bytes = [](const std::vector<std::string>& files) {
        std::size_t total = 0;
        for (const std::string& file : files) total += read_bytes(std::string(EXPLAINER_FONT_CHUNK_DIR) + "/" + file).size();
        return total;
    };
    const auto is_group = [](const std::string& file) { return file.starts_with("fonts/g"); };
    for (const char* pack : {"beijing-shanghai-zh", "tokyo-seoul-beijing"}) {
        SCOPED_TRACE(pack);
        Headless h(800, 600);
        std::vector<std::string> given = h.set_pack(test_pack(pack));
        ASSERT_FALSE(given.empty());
        EXPECT_EQ(given.front(), cjk_groups_index_file());
        given.erase(given.begin());
        const std::vector<std::string> chunks = font_files_for(h.app.store.pack().characters);
        EXPECT_LT(bytes(given) + bytes({std::string(cjk_groups_index_file())}), bytes(chunks));
        EXPECT_LT(given.size(), chunks.size());
        EXPECT_TRUE(std::any_of(given.begin(), given.end(), is_group));
        EXPECT_TRUE(app_font_files_needed(h.app).empty()) << "nothing more to fetch";
        h.settle();
        EXPECT_TRUE(h.app.missing_glyphs.empty()) << h.app.missing_glyphs.size() << " characters drawn as \"?\"";
        if (std::string(pack) == "beijing-shanghai-zh")
            EXPECT_LT(2 * given.size(), chunks.size()) << given.size() << " files against " << chunks.size() << " chunks";
    }

    Headless failed(800, 600);
    app_set_pack(failed.app, load_test_pack(test_pack("beijing-shanghai-zh")));
    std::vector<std::string> needed = app_font_files_needed(failed.app);
    ASSERT_FALSE(needed.empty());
    EXPECT_EQ(needed.front(), cjk_groups_index_file());
    EXPECT_NE(app_add_font_chunk(failed.app, needed.front(), {'n', 'o'}), "");
    needed = app_font_files_needed(failed.app);
    EXPECT_EQ(needed, font_files_for(failed.app.store.pack().characters)) << "the chunks; the index is not asked for again";
    EXPECT_FALSE(std::any_of(needed.begin(), needed.end(), is_group));
}

} // namespace explainer::ui::testing

namespace explainer::ui::testing {
namespace {

// tests/packs/beijing-shanghai-zh.json with 30 paragraphs more after its own, each of 20
// ideographs from all over the unified block (every 34th from U+4E00: rare ones, in
// chunks of their own) three times: a long article whose end no first screen shows.
Pack long_chinese_pack() {
    Pack pack = load_test_pack(test_pack("beijing-shanghai-zh"));
    for (int i = 0; i < 30; ++i) {
        std::string text;
        for (int repeat = 0; repeat < 3; ++repeat)
            for (int k = 0; k < 20; ++k) {
                const char32_t cp = 0x4E00 + 34 * (20 * i + k);
                text += static_cast<char>(0xE0 | (cp >> 12));
                text += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                text += static_cast<char>(0x80 | (cp & 0x3F));
                if (repeat == 0) pack.characters.push_back(cp);
            }
        pack.article.paragraphs.push_back({"generated-" + std::to_string(i), text + "\xE3\x80\x82", "", ""});  // 。
    }
    pack.characters.push_back(U'\u3002');
    sort_items(pack.characters);
    pack.characters.erase(std::unique(pack.characters.begin(), pack.characters.end()), pack.characters.end());
    return pack;
}

std::vector<unsigned char> font_file_bytes(const std::string& file) {
    return read_bytes(std::string(EXPLAINER_FONT_CHUNK_DIR) + "/" + file);
}

} // namespace

// A long article written in Chinese fetches first the font files of what a first frame may
// show (the reader's page: the rest after that frame). Meanwhile the characters still to
// come are drawn blank, as wide as an ideograph, and a frame that shows one says so
// (the page's ready waits for such a frame); once the rest have come, none is blank, and
// a file that never came leaves its characters as "?".
TEST(FontChunks, ALongChineseArticleFetchesItsFirstScreenFirst) {
    Headless h(800, 600);
    app_set_pack(h.app, long_chinese_pack());
    app_await_font_files(h.app, true);
    std::vector<std::string> first = app_first_screen_font_files(h.app);
    ASSERT_EQ(first.size(), 1u) << "the groups' index comes first";
    ASSERT_EQ(app_add_font_chunk(h.app, first.front(), font_file_bytes(first.front())), "");
    first = app_first_screen_font_files(h.app);
    const std::vector<std::string> all = app_font_files_needed(h.app);
    for (const std::string& file : first) EXPECT_NE(std::find(all.begin(), all.end(), file), all.end()) << file;
    EXPECT_LT(2 * first.size(), all.size()) << first.size() << " files of " << all.size() << " before the first frame";
    const std::string last_paragraphs_chunk = font_file_of(0x4E00 + 34 * 599);
    EXPECT_NE(std::find(all.begin(), all.end(), last_paragraphs_chunk), all.end());
    EXPECT_EQ(std::find(first.begin(), first.end(), last_paragraphs_chunk), first.end()) << "the article's end is not on the first screen";
    for (const std::string& file : first) ASSERT_EQ(app_add_font_chunk(h.app, file, font_file_bytes(file)), "");

    h.settle();
    EXPECT_FALSE(h.app.awaited_glyphs.empty());
    EXPECT_TRUE(h.app.missing_glyphs.empty()) << "characters on their way are not missing";
    EXPECT_FALSE(app_draws_awaited_glyphs(h.app, *ImGui::GetDrawData())) << "the first screen draws none of them";
    const float ideograph = h.app.fonts.serif->FindGlyph(U'\u5317')->AdvanceX;  // 北, in the headline's groups
    EXPECT_EQ(h.app.fonts.serif->FindGlyph(static_cast<ImWchar>(0x4E00 + 34 * 599))->AdvanceX, ideograph) << "a blank is as wide as an ideograph";

    // The article scrolled to its end draws blanks until the rest have come.
    app_dispatch(h.app, SetParagraphAction{"generated-29"}, ChangeSource::Api, h.info.time);
    h.settle();
    EXPECT_TRUE(app_draws_awaited_glyphs(h.app, *ImGui::GetDrawData()));
    std::vector<std::string> rest = app_font_files_needed(h.app);
    ASSERT_FALSE(rest.empty());
    const std::string never_comes = rest.back();
    rest.pop_back();
    for (const std::string& file : rest) ASSERT_EQ(app_add_font_chunk(h.app, file, font_file_bytes(file)), "");
    h.settle();
    EXPECT_EQ(app_font_files_needed(h.app), std::vector<std::string>{never_comes});
    EXPECT_TRUE(app_draws_awaited_glyphs(h.app, *ImGui::GetDrawData())) << never_comes << " is still on its way";
    EXPECT_TRUE(app_await_font_files(h.app, false)) << "its characters are drawn as \"?\" now: the atlas is built again";
    h.settle();
    EXPECT_TRUE(h.app.awaited_glyphs.empty());
    EXPECT_FALSE(app_draws_awaited_glyphs(h.app, *ImGui::GetDrawData()));
    EXPECT_FALSE(h.app.missing_glyphs.empty()) << never_comes << "'s characters are missing";
}

} // namespace explainer::ui::testing
