// Character classification: scripts the validator refuses, the glyph table generated
// from the bundled fonts, and which font files a pack's characters need.
#include "core/scripts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace explainer {
namespace {

TEST(Scripts, DecodesUtf8CodePoints) {
    const std::string text = "Kaua\xCA\xBBi \xE1\xBA\xBF \xF0\x9F\x8F\x9B";  // Kauaʻi ế 🏛
    std::vector<char32_t> out;
    for (std::size_t at = 0; at < text.size();) out.push_back(next_code_point(text, at));
    EXPECT_EQ(out, (std::vector<char32_t>{'K', 'a', 'u', 'a', 0x02BB, 'i', ' ', 0x1EBF, ' ', 0x1F3DB}));
    std::size_t at = 0;
    EXPECT_EQ(next_code_point("\xE1\xBA", at), 0xFFFDu);  // cut short: replaced, one byte skipped
    EXPECT_EQ(at, 1u);
    // Well-formed in shape but no character: past U+10FFFF, or a surrogate half.
    at = 0;
    EXPECT_EQ(next_code_point("\xF7\xBF\xBF\xBF", at), 0xFFFDu);
    at = 0;
    EXPECT_EQ(next_code_point("\xED\xA0\x80", at), 0xFFFDu);
    EXPECT_EQ(code_point_name(0x02BB), "U+02BB");
    EXPECT_EQ(code_point_name(0x1F3DB), "U+1F3DB");
}

TEST(Scripts, RefusesScriptsItCannotSet) {
    const std::pair<char32_t, const char*> refused[] = {
        {0x0750, "Arabic Supplement"}, {0xFC00, "Arabic ligatures"}, {0x0710, "Syriac"}, {0x0780, "Thaana"}, {0x0915, "Devanagari"},
        {0x0B95, "Tamil"}, {0x0E01, "Thai"}, {0x0E81, "Lao"}, {0x0F40, "Tibetan"}, {0x1C50, "Ol Chiki"},
        {0xA500, "Vai"}, {0x1100, "Hangul jamo"}, {0x2E80, "CJK radicals"}, {0xFE30, "CJK vertical forms"},
        {0x20000, "Han (CJK) extensions B and later"}};
    for (const auto& [cp, script] : refused) {
        ASSERT_TRUE(unsupported_script(cp).has_value()) << code_point_name(cp);
        EXPECT_EQ(*unsupported_script(cp), script) << code_point_name(cp);
    }
    for (char32_t cp : {0x41u, 0xE9u, 0x02BBu, 0x0301u, 0x1EBFu, 0x03B1u, 0x1F00u, 0x0416u, 0x0501u, 0x2019u, 0xFEFFu, 0x1F3DBu})
        EXPECT_FALSE(unsupported_script(cp).has_value()) << code_point_name(cp);
    // Armenian, Georgian, Ethiopic, Cherokee, Canadian syllabics and Tifinagh need no
    // shaping, Hebrew and Arabic (with its presentation forms) are laid out right to left
    // with Arabic's letter forms: they are drawn, not refused.
    for (char32_t cp : {0x0531u, 0x0587u, 0xFB13u, 0x10A0u, 0x10D0u, 0x1C90u, 0x2D00u, 0x1200u, 0x12A0u, 0x1361u, 0x2D80u,
                        0xAB01u, 0x13A0u, 0x13F8u, 0xAB70u, 0x1400u, 0x1403u, 0x166Eu, 0x18B0u, 0x2D30u, 0x2D70u, 0x05D0u,
                        0x05B8u, 0xFB1Du, 0x0627u, 0x064Eu, 0x06A9u, 0xFB8Au, 0xFEFCu, 0x200Fu})
        EXPECT_FALSE(unsupported_script(cp).has_value()) << code_point_name(cp);
    // Chinese, Japanese and Korean need no shaping either: ideographs, kana, Hangul's
    // syllables and their punctuation are drawn.
    for (char32_t cp : {0x3001u, 0x300Cu, 0x3042u, 0x30ABu, 0x30FCu, 0x3105u, 0x3131u, 0x3400u, 0x4E2Du, 0x9F8Du, 0xAC00u,
                        0xD7A3u, 0xFF0Cu, 0xFF01u, 0xFA11u, 0x3231u, 0x2460u})
        EXPECT_FALSE(unsupported_script(cp).has_value()) << code_point_name(cp);
}

// Embeddings, overrides and isolates are refused (they are not applied, and an override
// shows text in another order than it is stored); the marks LRM and RLM are not.
TEST(Scripts, ExplicitDirectionControlsAreRefusedNotTheMarks) {
    for (char32_t cp : {0x202Au, 0x202Bu, 0x202Cu, 0x202Du, 0x202Eu, 0x2066u, 0x2067u, 0x2068u, 0x2069u})
        EXPECT_TRUE(is_explicit_direction_control(cp)) << code_point_name(cp);
    for (char32_t cp : {0x200Eu, 0x200Fu, 0x061Cu, 0x2029u, 0x202Fu, 0x2065u, 0x206Au, 0x05D0u})
        EXPECT_FALSE(is_explicit_direction_control(cp)) << code_point_name(cp);
    EXPECT_EQ(direction_control_refusal(0x202E).rfind("uses the explicit direction control U+202E, ", 0), 0u);
}

// Their letters come from Noto's fonts for each script, merged into every face, in chunks
// of their own: the Armenian capitals share a block with the Cyrillic Supplement, which
// keeps its own chunk from the faces' fonts.
TEST(Scripts, ArmenianGeorgianAndEthiopicComeInChunksOfTheirOwn) {
    const std::pair<char32_t, const char*> letters[] = {
        {0x0531, "fonts/u0500-armenian.bin"},  // Ա
        {0x0561, "fonts/u0500-armenian.bin"},  // ա
        {0x0587, "fonts/u0580-armenian.bin"},  // և
        {0x0589, "fonts/u0580-armenian.bin"},  // ։ the full stop
        {0xFB13, "fonts/ufb00-armenian.bin"},  // ﬓ
        {0x10D0, "fonts/u1080-georgian.bin"},  // ა
        {0x10A0, "fonts/u1080-georgian.bin"},  // Ⴀ
        {0x1C90, "fonts/u1c80-georgian.bin"},  // Ა, Mtavruli
        {0x2D00, "fonts/u2d00-georgian.bin"},  // ⴀ
        {0x12A0, "fonts/u1280-ethiopic.bin"},  // አ
        {0x1361, "fonts/u1300-ethiopic.bin"},  // ፡ the wordspace
        {0x2D80, "fonts/u2d80-ethiopic.bin"},
        {0xAB01, "fonts/uab00-ethiopic.bin"},
        {0x13A3, "fonts/u1380-cherokee.bin"},  // Ꭳ
        {0x13F8, "fonts/u1380-cherokee.bin"},  // ᏸ, a small letter
        {0xAB73, "fonts/uab00-cherokee.bin"},  // ꭳ, a small letter: Ethiopic's block has its own file
        {0x1403, "fonts/u1400-canadianaboriginal.bin"},  // ᐃ
        {0x1466, "fonts/u1400-canadianaboriginal.bin"},  // ᑦ, a final
        {0x166E, "fonts/u1600-canadianaboriginal.bin"},  // ᙮ the full stop
        {0x18B0, "fonts/u1880-canadianaboriginal.bin"},  // the extended block
        {0x2D5C, "fonts/u2d00-tifinagh.bin"},  // ⵜ: Georgian's Nuskhuri shares the block
        {0x2D70, "fonts/u2d00-tifinagh.bin"},  // ⵰ the separator mark
        {0x05D0, "fonts/u0580-hebrew.bin"},    // א: Armenian's last letters share the block
        {0x05B8, "fonts/u0580-hebrew.bin"},    // the point qamats
        {0xFB2A, "fonts/ufb00-hebrew.bin"},    // שׁ, a presentation form
        {0x0627, "fonts/u0600-arabic.bin"},    // ا
        {0x06A9, "fonts/u0680-arabic.bin"},    // ک, Persian's keheh
        {0xFB8A, "fonts/ufb80-arabic.bin"},    // ژ isolated, Forms-A
        {0xFE8E, "fonts/ufe80-arabic.bin"},    // ا final, Forms-B
        {0xFEFB, "fonts/ufe80-arabic.bin"},    // لا, the lam-alef ligature
    };
    for (const auto& [cp, file] : letters) {
        EXPECT_TRUE(has_glyph(cp)) << code_point_name(cp);
        EXPECT_FALSE(glyph_is_embedded(cp)) << code_point_name(cp);
        EXPECT_EQ(font_file_of(cp), file) << code_point_name(cp);
    }
    EXPECT_EQ(font_file_of(0x0501), "fonts/u0500.bin") << "Cyrillic Supplement: the faces' own fonts";
    EXPECT_EQ(font_files_for({0x0531, 0x0501, 'A', 0x0561}), (std::vector<std::string>{"fonts/u0500.bin", "fonts/u0500-armenian.bin"}));
    // Code points of these blocks that no font has (unassigned) stay without a glyph.
    for (char32_t cp : {0x0530u, 0x0557u, 0x10C6u, 0x13F6u, 0x2D68u}) EXPECT_FALSE(has_glyph(cp)) << code_point_name(cp);
    // Cherokee has no serif font and Tifinagh no bold: every face takes what there is, so
    // their letters have glyphs in every face (has_glyph asks each) rather than none.
    EXPECT_EQ(font_files_for({0x2D00, 0x2D5C}), (std::vector<std::string>{"fonts/u2d00-georgian.bin", "fonts/u2d00-tifinagh.bin"}));
}

// Chinese, Japanese and Korean come from Noto Sans CJK in chunks of 16 code points, named
// after the first: a pack's few dozen ideographs fetch a few dozen small files, not the
// 20 MB font.
TEST(Scripts, ChineseJapaneseAndKoreanComeInSmallChunks) {
    const std::pair<char32_t, const char*> characters[] = {
        {0x4E2D, "fonts/u4e20-cjk.bin"},  // 中
        {0x6771, "fonts/u6770-cjk.bin"},  // 東
        {0x4EAC, "fonts/u4ea0-cjk.bin"},  // 京
        {0x3400, "fonts/u3400-cjk.bin"},  // 㐀, extension A
        {0x3042, "fonts/u3040-cjk.bin"},  // あ
        {0x30AB, "fonts/u30a0-cjk.bin"},  // カ
        {0xC11C, "fonts/uc110-cjk.bin"},  // 서
        {0xC6B8, "fonts/uc6b0-cjk.bin"},  // 울
        {0x3002, "fonts/u3000-cjk.bin"},  // 。
        {0xFF0C, "fonts/uff00-cjk.bin"},  // ，
        {0xFA11, "fonts/ufa10-cjk.bin"},  // 﨑, a unified ideograph of the compatibility block
        {0x3231, "fonts/u3230-cjk.bin"},  // ㈱
        {0x2460, "fonts/u2460-cjk.bin"},  // ①
    };
    for (const auto& [cp, file] : characters) {
        EXPECT_TRUE(has_glyph(cp)) << code_point_name(cp);
        EXPECT_FALSE(glyph_is_embedded(cp)) << code_point_name(cp);
        EXPECT_EQ(font_file_of(cp), file) << code_point_name(cp);
    }
    // One file for the characters of one chunk, in order, after the other scripts' files.
    EXPECT_EQ(font_files_for({0x6771, 0x4EAC, 0x0416, 0x4EAD, 0x6771}),
              (std::vector<std::string>{"fonts/u0400.bin", "fonts/u4ea0-cjk.bin", "fonts/u6770-cjk.bin"}));
    // Unassigned code points at the blocks' ends have no glyph.
    for (char32_t cp : {0x3040u, 0x9FFFu, 0xD7A4u}) EXPECT_FALSE(has_glyph(cp)) << code_point_name(cp);
}

TEST(Scripts, GlyphTableComesFromTheBundledFonts) {
    // Latin with its extensions, Greek (polytonic too) and Cyrillic have glyphs in every face.
    for (char32_t cp : {0x41u, 0xFCu, 0x0101u, 0x01B0u, 0x02BBu, 0x0301u, 0x1EBFu, 0x1EC5u, 0x03A9u, 0x1F08u, 0x1FC6u,
                        0x0416u, 0x0451u, 0x0512u, 0x2014u, 0x20ACu})
        EXPECT_TRUE(has_glyph(cp)) << code_point_name(cp);
    for (char32_t cp : {0x1F3DBu, 0x2603u, 0x0710u, 0x2E80u, 0xFFFDu}) EXPECT_FALSE(has_glyph(cp)) << code_point_name(cp);
    // The seed's characters are embedded; the rest come in fetched chunks.
    // The vowels with a macron too: gazetteer names the seed cites ("Sinjār", "Bayjī").
    for (char32_t cp : {0x41u, 0xE9u, 0x0101u, 0x012Bu, 0x016Bu, 0x2014u, 0x2019u, 0x201Cu, 0x2026u, 0xD7u})
        EXPECT_TRUE(glyph_is_embedded(cp)) << code_point_name(cp);
    // The rest of Latin Extended-A (Turkish ğ, Polish ł) comes in a chunk (issue 10).
    for (char32_t cp : {0x011Fu, 0x0142u, 0x0130u}) {
        EXPECT_TRUE(has_glyph(cp)) << code_point_name(cp);
        EXPECT_FALSE(glyph_is_embedded(cp)) << code_point_name(cp);
        EXPECT_EQ(font_file_of(cp), "fonts/u0100.bin") << code_point_name(cp);
    }
    // Latin-1's signs (©, ±, ½, ¿) and the rarer punctuation („, ‹, ‰) come in chunks too:
    // every first visit's base holds the letters and the punctuation of English text.
    EXPECT_EQ(font_file_of(0xA9), "fonts/u0080.bin");
    EXPECT_EQ(font_file_of(0xBD), "fonts/u0080.bin");
    EXPECT_EQ(font_file_of(0x201E), "fonts/u2000.bin");
    EXPECT_EQ(font_file_of(0x2030), "fonts/u2000.bin");
    for (char32_t cp : {0xA0u, 0xABu, 0xB0u, 0xB7u, 0xBBu, 0xC0u, 0xD7u, 0xFFu, 0x2013u, 0x2022u})
        EXPECT_TRUE(glyph_is_embedded(cp)) << code_point_name(cp);
    EXPECT_FALSE(glyph_is_embedded(0x02BB));
    EXPECT_EQ(font_file_of(0x02BB), "fonts/u0280.bin");
    EXPECT_EQ(font_file_of(0x1EBF), "fonts/u1e80.bin");
    EXPECT_EQ(font_file_of('A'), "");
    EXPECT_EQ(font_file_of(0x1F3DB), "");
    const std::vector<char32_t> embedded = embedded_characters();
    EXPECT_EQ(embedded.front(), 0x20u);
    EXPECT_LT(embedded.size(), 400u) << "the embedded base stays small (the seed's first load)";
    EXPECT_EQ(font_faces().size(), 5u);
    EXPECT_EQ(base_font_file(), "fonts/base.bin");
}

TEST(Scripts, AtlasHoldsTheUiCharactersAndOnlyTheAccentedLettersNamesUse) {
    const auto holds = [](const std::vector<char32_t>& atlas, char32_t cp) {
        return std::binary_search(atlas.begin(), atlas.end(), cp);
    };
    const std::vector<char32_t> plain = atlas_characters({});
    // What the app writes: ASCII, and the base's characters in its sources' literals (the
    // card's "·", the quotes panel's curly quotes, the article's "…" and dashes).
    for (char32_t cp : {0x20u, 0x41u, 0x7Eu, 0xA0u, 0xB0u, 0xB7u, 0x2014u, 0x2019u, 0x201Cu, 0x201Du, 0x2026u})
        EXPECT_TRUE(holds(plain, cp)) << code_point_name(cp);
#ifdef EXPLAINER_BASEMAP_FILE
    // The map writes the bundled basemap's country names (tools/ui-characters.py --names):
    // São Tomé, Curaçao, Åland, Côte d'Ivoire. So a basemap that comes after the first
    // frame (a phone's) needs no new atlas.
    for (char32_t cp : {0xE3u, 0xE7u, 0xE9u, 0xC5u, 0xF4u}) EXPECT_TRUE(holds(plain, cp)) << code_point_name(cp);
#endif
    // Other accented letters, and the base's signs no literal writes (fractions, per
    // mille, arrows), only when the pack or a name has them.
    for (char32_t cp : {0xC0u, 0xE8u, 0xFFu, 0x0101u, 0x017Fu, 0xBCu, 0x2030u, 0x2190u})
        EXPECT_FALSE(holds(plain, cp)) << code_point_name(cp);
    EXPECT_LE(plain.size() + 50, embedded_characters().size()) << "much of the base waits for a pack or a name that has it";
    EXPECT_TRUE(holds(atlas_characters({0xBC}), 0xBC)) << "a pack's own sign is held";
    const std::vector<char32_t> named = atlas_characters({0x0101, 0xE8, 'A', 0x02BB, 0xE8});
    for (char32_t cp : {0xE8u, 0x0101u, 0x02BBu, 0x41u}) EXPECT_TRUE(holds(named, cp)) << code_point_name(cp);
    EXPECT_FALSE(holds(named, 0xEA));
    EXPECT_TRUE(std::is_sorted(named.begin(), named.end()));
    EXPECT_EQ(std::adjacent_find(named.begin(), named.end()), named.end()) << "no repeats";
    EXPECT_EQ(named.size(), plain.size() + 3);
}

// An index of CJK groups as tools/font-subsets.py writes it: "CJKG", the characters per
// group, their count, then the code points, group by group.
std::vector<std::uint8_t> cjk_index(const std::vector<char32_t>& grouped, unsigned per_group = 32) {
    std::vector<std::uint8_t> bytes{'C', 'J', 'K', 'G'};
    const auto u16 = [&bytes](unsigned value) {
        bytes.push_back(static_cast<std::uint8_t>(value & 0xFF));
        bytes.push_back(static_cast<std::uint8_t>(value >> 8));
    };
    u16(per_group);
    u16(static_cast<unsigned>(grouped.size()));
    for (char32_t cp : grouped) u16(cp);
    return bytes;
}

CjkGroups parsed_groups(const std::vector<char32_t>& grouped) {
    const std::vector<std::uint8_t> bytes = cjk_index(grouped);
    std::string error;
    std::optional<CjkGroups> groups = parse_cjk_groups(bytes.data(), bytes.size(), &error);
    EXPECT_TRUE(groups) << error;
    return groups ? std::move(*groups) : CjkGroups{};
}

// A text written in Chinese uses hundreds of ideographs, scattered over 27,000 code points,
// in chunks of 16: each chunk holds one or two of them. The commonest travel a second
// time in groups of 32; a pack fetches from whichever costs less, counting each file as 16
// glyphs more.
TEST(Scripts, ManyIdeographsComeInGroupsOfTheCommonestAndAFewNamesInChunks) {
    // 320 ideographs, every 17th code point from 一: 320 chunks of their own, or 10 groups.
    std::vector<char32_t> text;
    for (char32_t cp = 0x4E00; text.size() < 320; cp += 17) text.push_back(cp);
    const CjkGroups groups = parsed_groups(text);
    EXPECT_EQ(groups.characters(), 320u);
    EXPECT_EQ(groups.groups(), 10);
    EXPECT_EQ(groups.group_of(text[0]), 0);
    EXPECT_EQ(groups.group_of(text[32]), 1);
    EXPECT_EQ(CjkGroups::file(groups.group_of(text[319])), "fonts/g009-cjk.bin");
    EXPECT_EQ(groups.group_of(0x4E01), -1) << "not grouped";
    EXPECT_EQ(groups.group_of('A'), -1);
    EXPECT_TRUE(wants_cjk_groups(text));
    const std::vector<std::string> chunked = font_files_for(text);
    EXPECT_EQ(chunked.size(), 320u);
    std::vector<char32_t> with_others = text;
    with_others.insert(with_others.end(), {0x0416, 0x3002, 0x4E01});  // Ж, 。 and 丁, in no group
    const std::vector<std::string> grouped = font_files_for(with_others, &groups);
    std::vector<std::string> expected{"fonts/u0400.bin"};
    for (int group = 0; group < 10; ++group) expected.push_back("fonts/g00" + std::to_string(group) + "-cjk.bin");
    expected.insert(expected.end(), {"fonts/u3000-cjk.bin", "fonts/u4e00-cjk.bin"});
    EXPECT_EQ(grouped, expected);
    // A few names' ideographs, one in each of ten groups: a group for one character holds
    // 32 glyphs where its chunk holds 16. The chunks, though the index came.
    const std::vector<char32_t> names{text[0], text[32], text[64], text[96], text[128], text[160], text[192], text[224],
                                      text[256], text[288]};
    EXPECT_FALSE(wants_cjk_groups(names)) << "too few to fetch the index for";
    EXPECT_EQ(font_files_for(names, &groups), font_files_for(names));
    // Two groups' characters and one of a third: the third's goes to its chunk.
    std::vector<char32_t> mixed(text.begin(), text.begin() + 64);
    mixed.push_back(text[100]);
    EXPECT_EQ(font_files_for(mixed, &groups), (std::vector<std::string>{"fonts/g000-cjk.bin", "fonts/g001-cjk.bin",
                                                                         font_file_of(text[100])}));
    // Kana, punctuation and Latin letters count for no index.
    std::vector<char32_t> kana;
    for (char32_t cp = 0x3041; cp <= 0x3096; ++cp) kana.push_back(cp);
    for (char32_t cp = 0x30A1; cp <= 0x30FA; ++cp) kana.push_back(cp);
    EXPECT_FALSE(wants_cjk_groups(kana));
}

TEST(Scripts, AMalformedIndexOfCjkGroupsIsRefusedWithWhatIsWrong) {
    const auto refusal = [](std::vector<std::uint8_t> bytes) {
        std::string error;
        EXPECT_FALSE(parse_cjk_groups(bytes.data(), bytes.size(), &error));
        return error;
    };
    const auto wrong = [](std::size_t bytes) {
        return "fonts/index-cjk.bin: not this build's index of CJK groups (\"CJKG\", groups of 32, a count, then that many "
               "code points: " + std::to_string(bytes) + " bytes)";
    };
    EXPECT_EQ(refusal({'C', 'J', 'K'}), wrong(3));
    EXPECT_EQ(refusal({'C', 'J', 'K', 'H', 32, 0, 0, 0}), wrong(8));
    EXPECT_EQ(refusal(cjk_index({0x4E00}, 16)), wrong(10)) << "groups of 16";
    std::vector<std::uint8_t> cut = cjk_index({0x4E00, 0x4E01});
    cut.pop_back();
    EXPECT_EQ(refusal(cut), wrong(11));
    // Code points outside the ideographs and syllables are passed over.
    const std::vector<std::uint8_t> odd = cjk_index({'A', 0x3042, 0x4E00, 0xFFFF});
    const std::optional<CjkGroups> passed = parse_cjk_groups(odd.data(), odd.size());
    ASSERT_TRUE(passed);
    EXPECT_EQ(passed->group_of(0x4E00), 0);
    EXPECT_EQ(passed->group_of('A'), -1);
    EXPECT_EQ(passed->group_of(0x3042), -1);
    EXPECT_EQ(passed->group_of(0xFFFF), -1);
    std::string error;
    EXPECT_FALSE(parse_cjk_groups(nullptr, 0, &error));
}

TEST(Scripts, FontFilesForAPackAreEachChunkOnce) {
    EXPECT_EQ(font_files_for({'A', 0x2019}), std::vector<std::string>{});
    EXPECT_EQ(font_files_for({'A', 0x1EC5, 0x02BB, 0x1EBF, 0x02BC, 0x1F3DB}),
              (std::vector<std::string>{"fonts/u0280.bin", "fonts/u1e80.bin"}));
}

} // namespace
} // namespace explainer
